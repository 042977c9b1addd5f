"""Retrieval on the sample corpus with the real embedding model and a real Chroma index."""
from __future__ import annotations

import json

from rag.retrieve import relevant

from conftest import SAMPLE


def _questions():
    lines = (SAMPLE / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(ln) for ln in lines if ln.strip()]


def top3_hit_rate(s) -> tuple[float, list[str]]:
    """Share of answerable questions whose expected document is among the top 3 chunks."""
    answerable = [q for q in _questions() if q["answerable"]]
    misses = []
    for q in answerable:
        hits = s.retriever.search(q["question"], 3)
        expected = {e["source"] for e in q["expected_sources"]}
        if not expected & {h.chunk.source for h in hits}:
            misses.append(f'{q["id"]} {q["question"]}')
    return 1 - len(misses) / len(answerable), misses


def test_the_right_document_is_in_the_top_3_for_most_questions(indexed):
    rate, misses = top3_hit_rate(indexed)
    print(f"top-3 document hit rate: {rate:.3f}; misses: {misses}")
    assert rate >= 0.8, misses


def test_the_carry_over_question_finds_page_2_of_the_current_leave_policy(indexed):
    hits = indexed.retriever.search("How many vacation days can I carry over to next year?", 3)
    assert ("hr/leave-policy-2025.pdf", 2) in {(h.chunk.source, h.chunk.page) for h in hits}
    assert [h.rank for h in hits] == [1, 2, 3]


def test_running_headers_and_footers_are_not_indexed(indexed):
    got = indexed.store._col.get(where={"source": "hr/leave-policy-2025.pdf"}, include=["documents"])
    text = "\n".join(got["documents"])
    assert "Internal use only - Page" not in text
    assert "carry over up to 8 unused vacation days" in " ".join(text.split())


def test_unrelated_questions_fall_below_the_relevance_gate(indexed):
    for q in ["What is the boiling point of mercury?", "Who won the 1998 football world cup?"]:
        hits = indexed.retriever.search(q, 4)
        assert relevant(hits, indexed.min_score) == [], [(h.score, h.chunk.source) for h in hits]
