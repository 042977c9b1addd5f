"""rag/people/feedback.py: ratings of answers in a local SQLite file."""

from __future__ import annotations

import sqlite3
import time

import pytest

from rag.people.feedback import FeedbackStore

CITATIONS = [
    {
        "marker": 1,
        "source": "hr/leave-policy-2025.pdf",
        "page": 2,
        "verified": True,
        "highlights": [[0, 12]],
        "note": "",
        "text": "Up to 8 days carry over.",
    }
]


def test_a_rating_round_trips_with_what_was_rated(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    before = time.time()
    feedback_id = store.record(
        "How many days carry over?",
        "Up to 8 days [1].",
        CITATIONS,
        -1,
        comment="Wrong year",
        rewritten_question="How many vacation days carry over?",
        generator="ollama qwen2.5:3b",
    )
    [f] = store.all()
    assert f.id == feedback_id
    assert (f.rating, f.question, f.answer, f.comment) == (
        -1,
        "How many days carry over?",
        "Up to 8 days [1].",
        "Wrong year",
    )
    assert (f.rewritten_question, f.generator) == ("How many vacation days carry over?", "ollama qwen2.5:3b")
    assert f.citations == CITATIONS
    assert before <= f.created_at <= time.time()


def test_newest_first_and_limited(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    for n in range(5):
        store.record(f"question {n}", "answer", [], 1)
    assert [f.question for f in store.all()] == [f"question {n}" for n in (4, 3, 2, 1, 0)]
    assert [f.question for f in store.all(limit=2)] == ["question 4", "question 3"]


@pytest.mark.parametrize("rating", [0, 2, -2, True, 1.0, "1"])
def test_only_plus_or_minus_one_is_a_rating(tmp_path, rating):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    with pytest.raises(ValueError):
        store.record("q", "a", [], rating)
    assert store.all() == []


def test_ratings_persist_across_instances(tmp_path):
    path = tmp_path / "data" / "feedback.sqlite3"
    FeedbackStore(path).record("q", "a", CITATIONS, 1)
    again = FeedbackStore(path)
    assert [(f.question, f.rating, f.citations) for f in again.all()] == [("q", 1, CITATIONS)]


def test_a_comment_given_later_updates_the_same_rating(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    first = store.record("q1", "a1", [], 1)
    store.record("q2", "a2", [], -1)
    store.set_comment(first, "Exactly what I needed")
    assert [(f.question, f.comment) for f in store.all()] == [("q2", ""), ("q1", "Exactly what I needed")]


def test_no_file_until_the_first_rating_then_wal(tmp_path):
    path = tmp_path / "data" / "feedback.sqlite3"
    store = FeedbackStore(path)
    assert store.all() == [] and not path.exists()
    store.record("q", "a", [], 1)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
