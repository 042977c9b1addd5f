"""`faro eval --answers`: the answer figures, the rows with each draft, and replaying those drafts."""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLE, with_generator
from http_doubles import closed_port_url
from rag.errors import FaroError
from rag.models.generator import OllamaGenerator
from rag.ops.eval_questions import load_questions
from rag.ops.evaluate import evaluate
from rag.ops.evaluate_answers import load_drafts

IDS = {"q01", "q08", "q52"}  # carry-over days, form FIN-220, pet insurance (unanswerable)


@pytest.fixture
def questions():
    return [q for q in load_questions(SAMPLE / "questions.jsonl") if q.id in IDS]


def _generator(url):
    return OllamaGenerator(url, "qwen2.5:3b", temperature=0.1, context_tokens=4096, max_tokens=200, timeout=10)


def test_answers_are_scored_and_each_draft_is_recorded_then_replayed_without_the_model(
    indexed, ollama_double, questions, tmp_path
):
    ollama_double.reply("You can carry over up to 8 unused vacation days [1].")
    ollama_double.reply("Form FIN-220 is the expense claim form [1].")
    ollama_double.reply("Yes, the company offers pet insurance [1].")
    rows_path = tmp_path / "rows.jsonl"
    report = evaluate(
        with_generator(indexed, _generator(ollama_double.url)), questions, k=5, answers=True, rows_path=rows_path
    )
    answers = report["answers"]
    assert answers["generator"].startswith("ollama qwen2.5:3b")
    rows = {
        r["id"]: r for r in map(json.loads, rows_path.read_text(encoding="utf-8").splitlines()) if r["mode"] == "answer"
    }
    assert set(rows) == IDS
    called = len(ollama_double.requests)
    assert called == sum(1 for r in rows.values() if r["draft"])  # a gate abstention records an empty draft
    # Pet insurance: no document covers it, and the answer repeating "pet" is declined.
    assert rows["q52"]["abstained"] and answers["abstention_on_unanswerable"] == 1.0

    drafts = load_drafts(rows_path)
    assert drafts == {"recorded": [(i, r["draft"]) for i, r in rows.items()]}
    replay_rows = tmp_path / "replay.jsonl"
    # The generator named here cannot answer: replayed drafts never reach it.
    replayed = evaluate(
        with_generator(indexed, _generator(closed_port_url())),
        questions,
        k=5,
        answers=True,
        rows_path=replay_rows,
        replay=drafts,
    )["answers"]
    assert replayed["generator"] == "recorded drafts" and len(ollama_double.requests) == called
    again = {
        r["id"]: r
        for r in map(json.loads, replay_rows.read_text(encoding="utf-8").splitlines())
        if r["mode"] == "answer"
    }
    assert {i: (r["answer"], r["abstained_by"]) for i, r in again.items()} == {
        i: (r["answer"], r["abstained_by"]) for i, r in rows.items()
    }
    for key in ("abstention_on_unanswerable", "false_abstention", "citation_precision", "abstained_by"):
        assert replayed[key] == answers[key], key


def test_hand_written_drafts_are_scored_by_kind(indexed, questions, tmp_path):
    """Drafts whose truth is known measure verification itself: a right answer in other words must
    pass, a wrong figure must not, an invented benefit must be declined."""
    path = tmp_path / "drafts.jsonl"
    lines = [
        {
            "id": "q01",
            "kind": "correct",
            "draft": "You may carry up to 8 unused days of holiday over into the next year.",
        },
        {
            "id": "q01",
            "kind": "wrong",
            "draft": "You may carry up to 12 unused days of holiday over into the next year.",
        },
        {"id": "q08", "kind": "correct", "draft": "Form FIN-220 is the one for claiming out-of-pocket expenses."},
        {"id": "q52", "kind": "invented", "draft": "Yes, the company offers pet insurance to all staff."},
        {"id": "q52", "kind": "invented", "draft": "Pet insurance is available after six months of service."},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    drafts = load_drafts(path)
    assert sorted(drafts) == ["correct", "invented", "wrong"] and len(drafts["invented"]) == 2
    rows_path = tmp_path / "rows.jsonl"
    report = evaluate(
        with_generator(indexed, _generator(closed_port_url())),
        questions,
        k=5,
        answers=True,
        rows_path=rows_path,
        replay=drafts,
    )
    assert "answers" not in report
    by_kind = report["drafts"]
    assert by_kind["correct"]["questions"] == 2 and by_kind["correct"]["false_abstention"] == 0.0
    assert by_kind["correct"]["citation_precision"] == 1.0
    # 12 is in the expense rules (a 12 GBP lunch allowance), not beside days carried over.
    assert by_kind["wrong"]["declined_or_flagged_answerable"] == 1.0
    assert by_kind["invented"]["questions"] == 2 and by_kind["invented"]["abstention_on_unanswerable"] == 1.0
    kinds = [
        r.get("kind")
        for r in map(json.loads, rows_path.read_text(encoding="utf-8").splitlines())
        if r["mode"] == "answer"
    ]
    assert sorted(kinds) == ["correct", "correct", "invented", "invented", "wrong"]


def test_replay_needs_drafts(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"mode": "hybrid", "id": "q01"}) + "\n", encoding="utf-8")
    with pytest.raises(FaroError, match="no drafts"):
        load_drafts(rows)
    rows.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(FaroError, match=":1: not JSON"):
        load_drafts(rows)
    rows.write_text('{"id": "q01", "kind": "correct", "draft": "8 days"}\n5\n', encoding="utf-8")
    with pytest.raises(FaroError, match=":2: each line must be a JSON object"):
        load_drafts(rows)


def test_right_answers_and_answers_shown_but_wrong_are_scored_by_answer_tokens(indexed, tmp_path):
    # Answer tokens as the third-party sets give them: a right answer holds 60 % of them.
    path = tmp_path / "questions.jsonl"
    lines = [
        {
            "id": "right",
            "question": "How many vacation days can I carry over to next year?",
            "expected_sources": ["hr/leave-policy-2025.pdf"],
            "tokens": ["8", "unused", "30 April"],
        },
        {
            "id": "wrong",
            "question": "How many vacation days can I carry over to next year?",
            "expected_sources": ["hr/leave-policy-2025.pdf"],
            "tokens": ["10 days", "31 March"],
        },
        {"id": "none", "question": "Is there a company gym at the Leeds office?", "answerable": False},
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    drafts = {
        "recorded": [
            ("right", "You can carry over up to 8 unused vacation days [1]."),
            ("wrong", "You can carry over up to 8 unused vacation days [1]."),
            ("none", "I don't know: the documents do not say."),
        ]
    }
    a = evaluate(
        with_generator(indexed, _generator(closed_port_url())),
        load_questions(path),
        k=5,
        answers=True,
        rows_path=tmp_path / "rows.jsonl",
        replay=drafts,
    )["answers"]
    assert a["right_answers"] == 0.5 and a["right_scored"] == 2
    assert a["shown_but_wrong"] == 0.5 and a["shown_scored"] == 2
    assert a["abstention_on_unanswerable"] == 1.0 and a["false_abstention"] == 0.0
    assert a["declined_by_language"] == {
        "en": {"answerable_declined": 0.0, "unanswerable_declined": 1.0, "questions": 3}
    }
