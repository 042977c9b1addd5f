"""Faro's own notes under an answer: an older version that said otherwise, a passage from a
superseded document, current documents that disagree, passages withheld for instructing the
assistant. Each names the documents and the passage numbers it is about.
"""

from __future__ import annotations

import re

from rag.answer.conflicts import Plan
from rag.answer.injection import Withheld
from rag.answer.prompt import DISAGREEMENT_NOTE, OLDER_SAID_NOTE, OLDER_VERSION_NOTE, STALE_NOTE, WITHHELD_NOTE
from rag.answer.sentences import document_sentences
from rag.text.figures import figures
from rag.types import Chunk


def _quote(sentence: str, limit: int = 160) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def _name(chunk: Chunk) -> str:
    """A document as a note names it: versions often share a title, so with its file."""
    return f"{chunk.title} ({chunk.source})"


def _words(sentence: str) -> set[str]:
    return set(re.findall(r"\w{3,}", sentence.lower()))


def older_wording(old: str, new: str, answer: str) -> str:
    """What the older version said where the answer's figure comes from, if it said it otherwise:
    the sentence of `new` holding most of the answer's figures, and the sentence of `old` closest
    to it in words, when their figures differ ("up to 5 unused days" against "up to 8")."""
    wanted = figures(answer)
    holding = [s for s in document_sentences(new) if figures(s) & wanted]
    if not holding:
        return ""
    target = max(holding, key=lambda s: len(figures(s) & wanted))
    near = _words(target)
    best = max(document_sentences(old), key=lambda s: len(_words(s) & near) / (len(_words(s) | near) or 1), default="")
    if not best or len(_words(best) & near) < 3 or not figures(best) or figures(best) == figures(target):
        return ""
    return best


def closing_notes(p: Plan, language: str, effective: dict[str, str], cited: set[int], answer: str = "") -> str:
    """Faro's own closing notes, numbered after the model's passages (older passages come last).

    A note is about a passage the answer cites (1-based numbers in `cited`): that two versions
    of the leave policy differ says nothing to someone asking about a remote-working form. The
    older-version note quotes what the older one said, where it words the answer's figure otherwise.
    """
    lines = []
    for k, (old, newer) in enumerate(p.older, start=len(p.current) + 1):
        if newer + 1 not in cited:
            continue
        new = p.current[newer].chunk
        note = OLDER_VERSION_NOTE[language].format(
            old_title=old.chunk.title,
            old_source=old.chunk.source,
            old_date=effective.get(old.chunk.source, "?"),
            old_n=k,
            new_title=new.title,
            new_source=new.source,
            new_date=effective.get(new.source, "?"),
            new_n=newer + 1,
        )
        said = older_wording(old.chunk.text, new.text, answer)
        lines.append(note + (OLDER_SAID_NOTE[language].format(said=_quote(said, 200), old_n=k) if said else ""))
    for i in p.stale:
        if i + 1 not in cited:
            continue
        old = p.current[i]
        lines.append(
            STALE_NOTE[language].format(n=i + 1, source=old.superseded_by, date=effective.get(old.superseded_by, "?"))
        )
    for d in p.disagreements:
        if not {d.first + 1, d.second + 1} & cited:
            continue
        a, b = p.current[d.first].chunk, p.current[d.second].chunk
        lines.append(
            DISAGREEMENT_NOTE[language].format(
                a=_name(a),
                a_says=_quote(d.first_says),
                a_n=d.first + 1,
                b=_name(b),
                b_says=_quote(d.second_says),
                b_n=d.second + 1,
            )
        )
    return "\n\n".join(lines)


def withheld_note(withheld: list[Withheld], language: str) -> str:
    """One line per document whose passages were kept from the model, with the phrase that gave it away."""
    lines: dict[str, str] = {}
    for w in withheld:
        lines.setdefault(
            _name(w.hit.chunk), WITHHELD_NOTE[language].format(name=_name(w.hit.chunk), phrase=_quote(w.phrase, 60))
        )
    return "\n\n".join(lines.values())
