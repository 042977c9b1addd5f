"""What the documents do say, when Faro declines to answer.

A declined question still leads the reader to the text: the sentences of the passages that came
closest to the question, quoted verbatim (extracted, never generated) with their citations, and
marked as not an answer. A sentence is chosen by how close it is in meaning to the question (the
embedder's cosine) and how many of the question's words it holds; at most two come from one passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from rag.answer.sentences import document_sentences
from rag.text.content_words import content_stems
from rag.types import Hit

QUOTES_HEAD = {
    "en": "What the closest passages say (quoted from the documents; not an answer):",
    "es": "Lo que dicen los pasajes más cercanos (citado de los documentos; no es una respuesta):",
}
QUOTE_NOTE = "quoted, not an answer"
MIN_WORDS, MAX_WORDS = 5, 80


@dataclass(frozen=True)
class Quote:
    marker: int  # 1-based number of the passage quoted
    text: str  # the sentence, as the document words it (line breaks read as spaces)
    span: tuple[int, int] | None  # where it stands in the passage's text, to highlight


def _span(passage: str, sentence: str) -> tuple[int, int] | None:
    m = re.search(r"\s+".join(map(re.escape, sentence.split())), passage)
    return (m.start(), m.end()) if m else None


def closest_sentences(
    question: str,
    passages: list[Hit],
    language: str,
    embed_query: Callable[[str], list[float]],
    embed_passages: Callable[[list[str]], list[list[float]]],
    n: int,
) -> list[Quote]:
    """The `n` sentences of `passages` closest to the question, best first."""
    if n <= 0 or not passages:
        return []
    candidates: list[tuple[int, str]] = []
    for i, h in enumerate(passages, start=1):
        for sentence in document_sentences(h.chunk.text):
            # Not a fragment cut where the passage begins ("if you are unsure whether…").
            if MIN_WORDS <= len(sentence.split()) <= MAX_WORDS and not sentence[:1].islower():
                candidates.append((i, sentence))
    if not candidates:
        return []
    asked = set(content_stems(question, language))
    q = np.asarray(embed_query(question), dtype=np.float32)
    vectors = np.asarray(embed_passages([s for _, s in candidates]), dtype=np.float32)
    scores = []
    for (i, sentence), vec in zip(candidates, vectors, strict=True):
        held = set(content_stems(sentence, language)) & asked
        scores.append(float(np.dot(q, vec)) + 0.1 * len(held))
    chosen: list[Quote] = []
    per_passage: dict[int, int] = {}
    for j in np.argsort(scores)[::-1]:
        i, sentence = candidates[int(j)]
        if per_passage.get(i, 0) >= 2 or any(c.text == sentence for c in chosen):
            continue
        per_passage[i] = per_passage.get(i, 0) + 1
        chosen.append(Quote(i, sentence, _span(passages[i - 1].chunk.text, sentence)))
        if len(chosen) == n:
            break
    return chosen


def quoted(quotes: list[Quote], language: str) -> str:
    """The quotes as a paragraph of the answer: a heading that says they are not an answer, then each."""
    if not quotes:
        return ""
    lines = [QUOTES_HEAD.get(language, QUOTES_HEAD["en"])]
    lines += [f"> “{q.text}” [{q.marker}]" for q in quotes]
    return "\n\n".join(lines)
