"""answer_question(): the pipeline from a question to a cited answer, top to bottom.

    retrieve -> relevance gate (abstain without calling the model) -> prompt -> stream
    -> drop markers that name no passage -> map markers to chunks -> Answer
"""
from __future__ import annotations

import time
from collections.abc import Iterator

from .citations import citations_for, clean_markers, filter_stream
from .prompt import ABSTAIN_MESSAGE, build_messages, detect_language, says_no_answer
from .keywords import Filters
from .retrieve import relevant
from .services import Services
from .types import Answer, Hit


def _closest_documents(hits: list[Hit], language: str) -> str:
    titles: list[str] = []
    for h in hits:
        label = f"{h.chunk.title} ({h.chunk.source})"
        if label not in titles:
            titles.append(label)
    if not titles:
        return ""
    head = "Documentos más cercanos" if language == "es" else "Closest documents"
    return f"\n\n{head}: " + "; ".join(titles[:3]) + "."


class AnswerStream:
    """Iterate for the answer's text as it is generated; `.answer` holds the result afterwards."""

    def __init__(self, question: str, services: Services, k: int | None = None, filters: Filters | None = None):
        self.question = question.strip()
        self.services = services
        self.k = k or services.settings.top_k
        self.filters = filters
        self.answer: Answer | None = None

    def __iter__(self) -> Iterator[str]:
        s = self.services
        start = time.perf_counter()
        timings: dict[str, float] = {}
        language = detect_language(self.question)
        hits = s.retriever.search(self.question, self.k, self.filters)
        timings["retrieve"] = time.perf_counter() - start
        passages = relevant(hits, s.min_score)

        if not passages:
            # The hard gate: nothing relevant, so no model call and no chance to guess.
            text = ABSTAIN_MESSAGE[language] + _closest_documents(hits, language)
            yield text
            timings["total"] = time.perf_counter() - start
            self.answer = Answer(self.question, text, abstained=True, hits=hits, timings=timings)
            return

        generator = s.generator()
        messages = build_messages(self.question, passages, language)
        pieces: list[str] = []
        gen_start = time.perf_counter()
        for piece in filter_stream(generator.stream(messages), len(passages)):
            if not pieces:
                timings["first_token"] = time.perf_counter() - start
            pieces.append(piece)
            yield piece
        timings["generate"] = time.perf_counter() - gen_start
        timings["total"] = time.perf_counter() - start

        text = clean_markers("".join(pieces), len(passages)).strip()
        abstained = says_no_answer(text)
        citations = [] if abstained else citations_for(text, passages)
        self.answer = Answer(
            self.question, text, abstained=abstained, citations=citations, hits=passages,
            timings=timings, generator=generator.name,
        )


def answer_question(question: str, services: Services, k: int | None = None,
                    filters: Filters | None = None) -> Answer:
    """Answer a question without streaming: run the stream to its end."""
    stream = AnswerStream(question, services, k, filters)
    for _ in stream:
        pass
    assert stream.answer is not None
    return stream.answer
