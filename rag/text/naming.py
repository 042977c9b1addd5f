"""A question that names a document is answered from it.

Employees ask "What does the Travel Policy say about taxis?", and a question about one vendor
begins with its name ("washingtonpost.com: do you share my data?"). Searched as plain text, such a
question is answered from whichever document says the same thing best, often another company's.

A document's names are its file name and its title, as words (accents folded, case-folded), less
years, version numbers and words like "draft": "hr/travel-policy-2025.pdf" and "Travel Policy 2025"
are both named by "travel policy". A name counts when it has at least two words and belongs to one
policy only (the versions of one policy share it; a title like "Privacy Policy" that several
documents carry names none of them). A name joined by "and" also names the document by each
part ("the Travel Policy" for the Expenses and Travel Policy), unless that part is another
document's whole name. The retriever searches the named documents first (rag/search/retrieve.py).

A title without a word for a kind of document names what the document is about, not the document:
an encyclopaedia's "Paddington Bear". "Which author created Paddington Bear?" is searched in that
article first, but another article ("Michael Bond… creator of Paddington Bear") may answer it. A
document is named as a document by its file name ("washingtonpost.com") or by a title that says
what kind of document it is ("Travel Policy"); only then is the answer held to it
(`named(…, as_document=True)`, rag/answer/checking.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from rag.lexicon import both
from rag.text.language import fold, words

# What tells versions and copies of one document apart rather than names it: years, version
# numbers, words like "draft". Other numbers stay ('ISO 9001' is not 'ISO 14001').
_VERSION_NOISE = re.compile(
    r"\b(?:(?:19|20)\d{2}|v(?:ersion)?\s*\d+(?:\.\d+)*|rev(?:ision)?\.?\s*\d+|\d+(?:\.\d+)+"
    r"|" + "|".join(both("VERSION_WORD_PATTERNS")) + r")\b"
)
MIN_WORDS, MAX_WORDS = 2, 8


def name_words(text: str) -> list[str]:
    """A title's or file name's words, folded, without what tells versions apart: the name the
    versions of one policy share (ingest/versions.py keys versions by it)."""
    return words(_VERSION_NOISE.sub(" ", fold(text).replace("_", " ").replace("-", " ")))


_AND = both("AND_WORDS")
_OF = both("OF_WORDS")  # "Code of Conduct", "Código de conducta"
# What a document is, as the last word of its name: "the Travel Policy" names the Expenses and
# Travel Policy by its second part and this word.
_KIND = both("DOCUMENT_KINDS")


def names_of(source: str, title: str, as_document: bool = False) -> set[tuple[str, ...]]:
    """The word sequences that name a document: its file name and its title, cleaned. With
    `as_document`, the title only where it says what kind of document it is ("Travel Policy",
    not "Paddington Bear")."""
    out = set()
    for is_title, text in enumerate((PurePosixPath(source).stem, title)):
        name = tuple(name_words(text))
        if MIN_WORDS <= len(name) <= MAX_WORDS and (not as_document or not is_title or set(name) & _KIND):
            out.add(name)
    return out


def short_names(name: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Each part of a name joined by "and", with the kind of document it is: "Expenses and
    Travel Policy" is also "travel policy" and "expenses policy"; "Política de vacaciones y
    permisos" also "política de vacaciones" and "política de permisos"."""
    out = set()
    for i, w in enumerate(name):
        if w in _AND and 0 < i < len(name) - 1:
            before, after = name[:i], name[i + 1 :]
            out.add(after)
            if after[-1] in _KIND:
                out.add(before + after[-1:])
            if before[0] in _KIND:
                out.add(before)
                lead = 2 if len(before) > 2 and before[1] in _OF else 1
                out.add(before[:lead] + after)
    return {n for n in out if len(n) >= MIN_WORDS}


class DocumentNames:
    """Which indexed documents a question names."""

    def __init__(self, documents: Iterable[tuple[str, str, str]]):
        """documents: (source, title, policy) of every indexed document; policy is the key its
        versions share ('' for a document without versions)."""
        documents = list(documents)
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        full = self._add({source: (names_of(source, title), policy) for source, title, policy in documents}, set())
        # A short name never takes a name from the document whose whole name it is.
        short = self._add(
            {
                source: ({s for n in names_of(source, title) for s in short_names(n)}, policy)
                for source, title, policy in documents
            },
            full,
        )
        # The names, whole or short, that name a subject only, in every document that carries them
        # (a title without a kind: "Harry Potter and the Philosopher's Stone").
        as_documents = {
            m
            for source, title, _ in documents
            for n in names_of(source, title, as_document=True)
            for m in {n} | short_names(n)
        }
        self._subjects = (full | short) - as_documents

    def _add(self, names: dict[str, tuple[set, str]], taken: set) -> set:
        """Index the names one policy alone carries (not in `taken`); every name seen, returned."""
        owners: dict[tuple[str, ...], set[str]] = {}
        sources: dict[tuple[str, ...], set[str]] = {}
        for source, (its, policy) in names.items():
            for name in its - taken:
                owners.setdefault(name, set()).add(policy or source)
                sources.setdefault(name, set()).add(source)
        for name, who in owners.items():
            if len(who) == 1:
                self._by_first.setdefault(name[0], []).append((name, tuple(sorted(sources[name]))))
        return set(owners)

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def named(self, question: str, as_document: bool = False) -> tuple[str, ...]:
        """The documents whose names the question contains, in the order it names them. A name
        inside a longer one the question also holds is not counted: "the parental leave policy"
        names the Parental Leave Policy, not the Leave Policy too. With `as_document`, only the
        documents named as documents, not by the subject a title names."""
        ws = words(question)
        spans: list[tuple[int, int, tuple[str, ...], tuple[str, ...]]] = []
        for i, w in enumerate(ws):
            for name, sources in self._by_first.get(w, ()):
                if tuple(ws[i : i + len(name)]) == name:
                    spans.append((i, i + len(name), name, sources))
        found: list[str] = []
        for start, end, name, sources in spans:
            if any(s <= start and end <= e and e - s > end - start for s, e, _, _ in spans):
                continue
            if as_document and name in self._subjects:
                continue
            found += [s for s in sources if s not in found]
        return tuple(found)
