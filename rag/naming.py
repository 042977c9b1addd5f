"""A question that names a document is answered from it.

Employees ask "What does the Travel Policy say about taxis?", and a question about one vendor
begins with its name ("washingtonpost.com: do you share my data?"). Searched as plain text, such a
question is answered from whichever document says the same thing best, often another company's.

A document's names are its file name and its title, as words (accents folded, case-folded), less
years, version numbers and words like "draft": "hr/travel-policy-2025.pdf" and "Travel Policy 2025"
are both named by "travel policy". A name counts when it has at least two words and belongs to one
policy only (the versions of one policy share it; a title like "Privacy Policy" that several
documents carry names none of them). The retriever searches the named documents first
(rag/retrieve.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from .language import fold

_WORD = re.compile(r"\w+")
# Words that tell versions and copies apart rather than name a document.
_NOT_NAME = re.compile(r"^(?:\d+|v\d+|rev\d*|draft|final|copy|borrador|copia|definitivo|docx?|pdf|txt|md)$")
MIN_WORDS, MAX_WORDS = 2, 8


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text).replace("_", " "))


def names_of(source: str, title: str) -> set[tuple[str, ...]]:
    """The word sequences that name a document: its file name and its title, cleaned."""
    out = set()
    for text in (PurePosixPath(source).stem, title):
        name = tuple(w for w in words(text) if not _NOT_NAME.match(w))
        if MIN_WORDS <= len(name) <= MAX_WORDS:
            out.add(name)
    return out


class DocumentNames:
    """Which indexed documents a question names."""

    def __init__(self, documents: Iterable[tuple[str, str, str]]):
        """documents: (source, title, policy) of every indexed document; policy is the key its
        versions share ('' for a document without versions)."""
        owners: dict[tuple[str, ...], set[str]] = {}
        sources: dict[tuple[str, ...], set[str]] = {}
        for source, title, policy in documents:
            for name in names_of(source, title):
                owners.setdefault(name, set()).add(policy or source)
                sources.setdefault(name, set()).add(source)
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for name, who in owners.items():
            if len(who) == 1:
                self._by_first.setdefault(name[0], []).append((name, tuple(sorted(sources[name]))))

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def named(self, question: str) -> tuple[str, ...]:
        """The documents whose names the question contains, in the order it names them. A name
        inside a longer one the question also holds is not counted: "the parental leave policy"
        names the Parental Leave Policy, not the Leave Policy too."""
        ws = words(question)
        spans: list[tuple[int, int, tuple[str, ...]]] = []
        for i, w in enumerate(ws):
            for name, sources in self._by_first.get(w, ()):
                if tuple(ws[i : i + len(name)]) == name:
                    spans.append((i, i + len(name), sources))
        found: list[str] = []
        for start, end, sources in spans:
            if any(s <= start and end <= e and e - s > end - start for s, e, _ in spans):
                continue
            found += [s for s in sources if s not in found]
        return tuple(found)
