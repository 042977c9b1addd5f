"""Versions: when a document took effect, and which documents are versions of the same policy.

A policy is revised by publishing a new file next to the old one ("leave-policy-2023.pdf",
"leave-policy-2025.pdf"); both stay in the folder and both match a question. Retrieval then
prefers the newest version (rag/search/retrieve.py), which needs two facts per document, computed here
at ingest:

- its effective date, from the first place that states one: a date the document's opening text
  gives as its effective date ("Effective 1 March 2025", "Vigente desde el 1 de marzo de 2025"),
  else the file's core properties (Word's modified/created, a PDF's ModDate/CreationDate), else
  the file's modification time. The stated date comes first because the properties are written
  by tools and templates: a PDF export or a copied template carries the day of the export, and
  every file of a batch conversion the same day;
- its policy: the folder, the language, and the title and the file name in lower case without
  accents, years, version numbers and words such as "draft" or "final". Documents with the same
  policy are versions of each other.

Retrieval only orders versions whose dates were read the same way (all stated, or none stated):
a re-saved old file's modification time says nothing against a date a newer version states.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

from rag.lexicon import both, en, es
from rag.text.language import fold
from rag.text.naming import name_words

# The months' names and their other spellings (folded), by number.
_MONTHS = {
    **{name: n for n, name in enumerate(en.MONTHS, start=1)},
    **en.MONTH_VARIANTS,
    **{name: n for n, name in enumerate(es.MONTHS, start=1)},
    **es.MONTH_VARIANTS,
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_FORMS = (
    # 1 March 2025, 1st March 2025, 1 de marzo de 2025
    (re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:de\s+)?{_MONTH}\s+(?:de\s+|del\s+)?(\d{{4}})"), ("d", "m", "y")),
    # March 1, 2025
    (re.compile(rf"{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})"), ("m", "d", "y")),
    # 2025-03-01
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), ("y", "m", "d")),
    # 01/03/2025 or 01.03.2025: day first, as in Britain and Spain, unless that cannot be
    (re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})"), ("d", "m", "y")),
)
# What introduces a document's own effective date, folded.
_EFFECTIVE = re.compile(
    r"\b(effective(?:\s+date)?|in\s+(?:force|effect)|valid|applies)\s*(?:from|as\s+of|on|since)?\s*:?\s*"
    r"|\b(vigente|en\s+vigor|con\s+efectos?|aplicable|fecha\s+de\s+(?:entrada\s+en\s+vigor|efecto|aplicacion))"
    r"\s*(?:desde|a\s+partir\s+de|el|del)?\s*(?:el\s+|del\s+)?:?\s*"
)
# A date after these verbs, in the same clause, is another document's ("supersedes the policy
# effective 1 January 2023"). Verbs only: "Vehicle Replacement Policy - Effective ..." is its own.
_OTHER_DOCUMENT = re.compile(r"\b(" + "|".join(both("REPLACES_PATTERNS")) + r")\b")
_CLAUSE_BREAK = re.compile(r"[.;:,()\n]|\s[-\u2013\u2014]\s|\s(?:and|y|e)\s")
OPENING_CHARS = 2500  # the effective date is stated on the first page or under the title


def _as_date(match: re.Match, order: tuple[str, ...]) -> date | None:
    parts = dict(zip(order, match.groups()))
    try:
        month = _MONTHS[parts["m"]] if not parts["m"].isdigit() else int(parts["m"])
        day, year = int(parts["d"]), int(parts["y"])
        if month > 12 and day <= 12:  # 03/25/2025 was written month first after all
            day, month = month, day
        return date(year, month, day)
    except (KeyError, ValueError):
        return None


def stated_date(text: str) -> date | None:
    """The effective date the opening text gives for the document itself, if any: the latest one,
    so that a revision table ("Effective 1 January 2019 - first issue ... Effective 1 January
    2025") dates the document by its current revision."""
    opening = fold(text[:OPENING_CHARS])
    found_dates = []
    for intro in _EFFECTIVE.finditer(opening):
        before = opening[max(0, intro.start() - 120) : intro.start()]
        clause = _CLAUSE_BREAK.split(before)[-1]
        if _OTHER_DOCUMENT.search(clause):
            continue
        rest = opening[intro.end() : intro.end() + 40]
        for pattern, order in _DATE_FORMS:
            found = pattern.match(rest)
            if found and (when := _as_date(found, order)):
                found_dates.append(when)
                break
    return max(found_dates, default=None)


def effective_date(text: str, properties: datetime | None, mtime: float) -> tuple[str, str]:
    """The document's effective date (ISO) and what it was read from: 'stated', 'properties' or 'file'."""
    when = stated_date(text)
    if when:
        return when.isoformat(), "stated"
    if properties is not None:
        return properties.date().isoformat(), "properties"
    return datetime.fromtimestamp(mtime, tz=timezone.utc).date().isoformat(), "file"


def _key(text: str) -> str:
    """A name's words, without years, version numbers and words like 'draft' (rag/text/naming.py)."""
    return " ".join(name_words(text))


def policy_key(title: str, source: str, language: str) -> str:
    """Which policy a document is a version of: documents with equal keys are versions of each other.

    Versions are published next to each other, keep their title and keep their file name but for a
    year or version number: the key holds the folder, the language, the title and the file name
    (a title of fewer than two words says too little and is left out). A document titled by its
    letterhead or a template's first heading thus still needs a matching file name to be merged.
    """
    folder, _, name = source.rpartition("/")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    title_key = _key(title)
    if len(title_key.split()) < 2:
        title_key = ""
    stem_key = _key(stem)
    return f"{language}:{folder}:{title_key}|{stem_key}" if stem_key or title_key else ""
