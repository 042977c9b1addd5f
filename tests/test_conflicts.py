"""Older versions and contradicting documents: found without the model, said in every answer.

The version pair is the sample corpus's own (hr/leave-policy-2023.pdf and hr/leave-policy-2025.pdf);
the contradiction pair is written here as a real PDF and a real Word file and ingested for real.
"""

from __future__ import annotations

import re

import pytest
from documents import write_docx, write_pdf

from conftest import SAMPLE, double_generator, indexed_folder, with_generator
from ingest.parse import parse_file
from rag.answer.conflicts import differs, disagreements, plan
from rag.answer.stream import answer_question
from rag.types import Chunk, Hit

CARRY_OVER = "How many vacation days can I carry over to next year?"


def test_the_answer_follows_the_current_version_and_says_the_older_one_differs(sample_index, ollama_double):
    ollama_double.reply("You can carry over up to 8 unused vacation days, to be used by 30 April [1].")
    answer = answer_question(CARRY_OVER, with_generator(sample_index, double_generator(ollama_double)))
    prompt = ollama_double.requests[0]["messages"][1]["content"]
    # The superseded text never reaches the model, so it cannot answer from it.
    assert "hr/leave-policy-2025.pdf" in prompt and "hr/leave-policy-2023.pdf" not in prompt
    assert "up to 5 unused vacation days" not in prompt
    cited = {c.chunk.source: c for c in answer.citations}
    assert cited["hr/leave-policy-2025.pdf"].verified and not cited["hr/leave-policy-2025.pdf"].note
    older = cited["hr/leave-policy-2023.pdf"]
    assert older.note == "older version"
    assert (
        f"An older version of this policy differs: Leave Policy (hr/leave-policy-2023.pdf, effective 2023-01-01) "
        f"[{older.marker}]. This answer follows the current version, Leave Policy (hr/leave-policy-2025.pdf, "
        f"effective 2025-01-01) [{cited['hr/leave-policy-2025.pdf'].marker}]."
    ) in answer.text
    # and what the older one said, where its figure differs
    said = answer.text.split("The older version said: “", 1)[1].split("”", 1)[0]
    assert "5" in said and "8" not in said and "carry over" in said.lower()


def test_asking_about_the_old_year_keeps_the_old_version_in_the_prompt(sample_index, ollama_double):
    ollama_double.reply("In 2023 you could carry over up to 5 unused vacation days [2].")
    answer_question(
        "How many vacation days could I carry over under the 2023 leave policy?",
        with_generator(sample_index, double_generator(ollama_double)),
    )
    assert "hr/leave-policy-2023.pdf" in ollama_double.requests[0]["messages"][1]["content"]


def _hit(source: str, text: str, language: str = "en", superseded_by: str = "") -> Hit:
    chunk = Chunk(chunk_id=source, source=source, title=source, text=text, position=0, doc_hash="", language=language)
    return Hit(chunk=chunk, score=0.9, rank=1, superseded_by=superseded_by)


def test_different_amounts_about_the_same_thing_are_a_disagreement():
    a = _hit("hr/handbook.pdf", "Depot staff get 12 days of paid study leave each year. Parking is free.")
    b = _hit("hr/training.docx", "Each year, depot staff get 8 days of paid study leave.")
    c = _hit("hr/other.pdf", "Office staff must complete 8 days of safety training in their first year.")
    same = _hit("hr/copy.pdf", "Depot staff receive 12 days of paid study leave every year.")
    found = disagreements([a, b, c, same])
    assert [(d.first, d.second) for d in found] == [(0, 1), (1, 3)]
    assert found[0].first_says == "Depot staff get 12 days of paid study leave each year."
    # Versions of one policy are not a contradiction: the older one is superseded.
    old = _hit(
        "hr/training-2023.docx",
        "Depot staff get 8 days of paid study leave each year.",
        superseded_by="hr/handbook.pdf",
    )
    assert disagreements([a, old]) == []
    # Another language is another jurisdiction's policy, not a contradiction.
    es = _hit("es/formacion.pdf", "El personal del almacén tiene 5 días de permiso de estudios al año.", language="es")
    assert disagreements([a, es]) == []


def test_a_superseded_passage_whose_figures_match_gets_no_note():
    new = _hit("hr/leave-2025.pdf", "You may carry over up to 8 days until 30 April.")
    old = _hit(
        "hr/leave-2023.pdf",
        "Carry-over is limited to 8 days, to be used by 30 April.",
        superseded_by="hr/leave-2025.pdf",
    )
    p = plan([new, old], "How many days can I carry over?")
    assert p.current == [new] and p.older == []


@pytest.fixture(scope="module")
def contradicting(tmp_path_factory, embedder):
    """Two current documents that disagree on study leave, and one unrelated policy."""

    root = tmp_path_factory.mktemp("conflict")
    docs = root / "docs"
    write_pdf(
        docs / "hr" / "staff-handbook.pdf",
        "Staff Handbook",
        [
            "Study leave. Depot staff get 12 days of paid study leave each year for approved courses. "
            "Apply to your manager at least one month before the course starts."
        ],
    )
    write_docx(
        docs / "hr" / "learning-policy.docx",
        "Learning and Development Policy",
        [
            (
                "Study leave",
                "Depot staff get 8 days of paid study leave each year for approved courses, "
                "agreed with the training team.",
            ),
            ("Mentoring", "Every new starter is paired with a mentor for the first six months."),
        ],
    )
    write_pdf(
        docs / "it" / "passwords.pdf",
        "Password Standard",
        ["Passwords must be at least 14 characters long and are changed only when a compromise is suspected."],
    )
    return indexed_folder(docs, root / "data", embedder)


def test_two_current_documents_that_disagree_are_both_cited(contradicting, ollama_double):
    ollama_double.reply("Depot staff get 12 days of paid study leave each year [1].")
    s = with_generator(contradicting, double_generator(ollama_double))
    answer = answer_question("How many days of paid study leave do depot staff get?", s)
    prompt = ollama_double.requests[0]["messages"][1]["content"]
    assert "disagree: say that the documents disagree and cite both" in prompt
    notes = {c.chunk.source: c for c in answer.citations if c.note == "documents disagree"}
    assert set(notes) == {"hr/staff-handbook.pdf", "hr/learning-policy.docx"}
    assert "The documents disagree:" in answer.text
    assert "12 days of paid study leave" in answer.text and "8 days of paid study leave" in answer.text
    assert all(f"[{c.marker}]" in answer.text for c in notes.values())


def test_an_old_passage_without_its_newer_version_is_answered_with_a_warning():
    old = _hit("hr/leave-2023.pdf", "Carry-over is limited to 5 days.", superseded_by="hr/leave-2025.pdf")
    newer = _hit("hr/leave-2025.pdf", "You may carry over up to 8 days.")
    # The newer passage fell under the relevance floor but was retrieved: it is brought back.
    p = plan([old], "How many days can I carry over?", retrieved=[old, newer])
    assert p.current == [newer] and p.older == [(old, 0)] and p.stale == []
    # Not retrieved at all: the old text stays, flagged, so it cannot pass as current.
    p = plan([old], "How many days can I carry over?", retrieved=[old])
    assert p.current == [old] and p.stale == [0]


def test_amounts_are_read_with_symbols_and_grouped_thousands():
    a = _hit("finance/a.pdf", "The annual training budget per employee is €1,000 for approved courses.")
    b = _hit("finance/b.pdf", "The annual training budget per employee is 1000 euros for approved courses.")
    c = _hit("finance/c.pdf", "The annual training budget per employee is 10% of the team budget for approved courses.")
    d = _hit("finance/d.pdf", "The annual training budget per employee is 15% of the team budget for approved courses.")
    assert [(x.first, x.second) for x in disagreements([a, b, c, d])] == [(2, 3)]


def test_an_answer_that_does_not_use_a_versioned_policy_gets_no_note_about_its_versions(sample_index, ollama_double):
    s = with_generator(sample_index, double_generator(ollama_double))
    question = "How many vacation days can I carry over, and may I work remotely from abroad?"
    ollama_double.reply("I don't know.")
    answer_question(question, s)
    prompt = ollama_double.requests[0]["messages"][1]["content"]
    blocks = re.findall(r"\[(\d+)\] [^\n]*\((\S+?)[,)][^\n]*\n<<<\n(.*?)\n>>>", prompt, re.S)
    assert {source for _, source, _ in blocks} >= {"hr/leave-policy-2025.pdf", "hr/remote-work-policy.docx"}
    n, _, text = next(b for b in blocks if b[1] == "hr/remote-work-policy.docx")
    sentence = next(s for s in re.split(r"(?<=\.)\s+", text) if len(s.split()) > 6)
    ollama_double.reply(f"{sentence} [{n}]")
    answer = answer_question(question, s)
    assert not answer.abstained, answer.text
    # Both leave policy versions matched, but the answer rests on the remote-work policy alone.
    assert "older version" not in answer.text
    assert {c.chunk.source for c in answer.citations} == {"hr/remote-work-policy.docx"}


def test_versions_differ_in_a_figure_for_the_same_thing_not_in_their_heading_numbers():
    def section(year: int, heading: str) -> str:
        doc = parse_file(SAMPLE / f"hr/leave-policy-{year}.pdf")
        return next(s.text for s in doc.sections if s.section.endswith(heading))

    # 2023: jury service topped up "for up to ten working days"; 2025: "for the full period of
    # service", and "up to ten days per year" is for other public duties.
    assert differs(section(2023, "11. Special leave"), section(2025, "8.3 Jury service and public duties"))
    # "10. Leaving the company" and "11. Leaving the company" state no figure of their own.
    assert not differs(section(2023, "10. Leaving the company"), section(2025, "11. Leaving the company"))
