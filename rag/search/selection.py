"""Selection: the k passages a search returns, chosen from its ranked hits (rag/search/retrieve.py ranks).

A passage that repeats a better-ranked one is folded into it, and a document that matches
everywhere does not crowd out the one that answers.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rag.text.language import fold
from rag.types import Hit


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", fold(text))
    if len(words) < 3:
        return {tuple(words)}
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def select(
    hits: list[Hit],
    k: int,
    threshold: float,
    per_document: int = 0,
    unlimited: set[str] = frozenset(),
    scores: list[float] | None = None,
    margin: float = 1.0,
) -> list[Hit]:
    """The k hits to show, from hits in ranked order.

    A passage that repeats a better-ranked one (Jaccard of 3-word shingles >= threshold: the same
    paragraph in two versions of a document) is folded into it, which then lists the other sources
    in `duplicates`. With per_document > 0, a document gets at most that many passages ahead of
    any passage of another matching document, so one long document that matches everywhere cannot
    crowd out the one that answers (documents in `unlimited`, which the question names, are not
    held back); the passages held back follow, in their order. With `scores` (the fused score of
    each hit, 0..1), a passage is held back only for a document not yet shown whose best passage
    scores within `margin` of it: a document that matches far better than any other keeps its
    passages, where the passage that answers often is. Stops as soon as k distinct passages are
    found, so the cost follows k rather than the candidate count.
    """
    shown: list[list] = []  # [hit, shingles], in order
    held: list[list] = []
    per_source: dict[str, int] = {}

    def contested(i: int) -> bool:
        """Does a document not yet shown score within the margin of hits[i]?"""
        if scores is None:
            return True
        rival = max(
            (scores[j] for j in range(i + 1, len(hits)) if hits[j].chunk.source not in per_source), default=None
        )
        return rival is not None and rival >= scores[i] - margin

    for i, hit in enumerate(hits):
        sh = _shingles(hit.chunk.text)
        for entry in shown + held:
            top = entry[0]
            if _jaccard(sh, entry[1]) >= threshold:
                if hit.chunk.source != top.chunk.source and hit.chunk.source not in top.duplicates:
                    entry[0] = replace(top, duplicates=top.duplicates + (hit.chunk.source,))
                break
        else:
            n = per_source[hit.chunk.source] = per_source.get(hit.chunk.source, 0) + 1
            limited = per_document and n > per_document and hit.chunk.source not in unlimited and contested(i)
            (held if limited else shown).append([hit, sh])
            if len(shown) >= k:
                break
    return [e[0] for e in shown + held][:k]
