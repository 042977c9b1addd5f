"""Reading a draft as it streams: finished sentences, loops, the sentence budget, half sentences."""

from __future__ import annotations

from rag.answer.drafting import Draft


def _fed(text: str, max_sentences: int = 5, size: int = 3) -> Draft:
    d = Draft(max_sentences)
    for i in range(0, len(text), size):
        d.add(text[i : i + size])
        if d.stop:
            break
    return d


def test_a_sentence_is_finished_once_the_next_begins_with_its_markers():
    d = Draft(5)
    d.add("You get 25 days [1].")
    assert d.finished() == ""  # its markers may still follow
    d.add(" [2] Carried")
    assert d.finished() == "You get 25 days [1]. [2]"
    assert d.stop is None


def test_a_loop_stops_the_model_and_is_said_once():
    d = _fed("Days can be accumulated [1]. " * 15)
    assert d.stop == "loop" and len(d.text) < 100
    assert d.final() == "Days can be accumulated [1]."


def test_the_sentence_budget_stops_a_runaway_answer():
    d = _fed("".join(f"Rule {n} applies to staff [1]. " for n in range(1, 12)), max_sentences=3)
    assert d.stop == "length"
    assert d.final() == "Rule 1 applies to staff [1]. Rule 2 applies to staff [1]. Rule 3 applies to staff [1]."


def test_one_sentence_that_never_ends_is_stopped():
    d = _fed("You may claim " + "and also " * 200)
    assert d.stop == "rambling"


def test_a_last_sentence_cut_off_is_dropped_unless_it_is_all_there_is():
    assert _fed("You get 25 days [1]. They must be used by 30").final() == "You get 25 days [1]."
    assert _fed("You get 25 days [1]").final() == "You get 25 days [1]"
    assert _fed("25 days").final() == "25 days"
    assert _fed("You get 25 days [1]. Ask HR first.").final() == "You get 25 days [1]. Ask HR first."
    # a stop after a name's first initial is the model stopping in the middle of the name
    assert _fed("El año tenía dos mitades [2]. Según W. K. Pritchett y B.").final() == "El año tenía dos mitades [2]."
    assert _fed("You get 25 days [1]. Choose Plan B.").final() == "You get 25 days [1]. Choose Plan B."


def test_a_draft_the_token_limit_cut_loses_its_last_sentence_even_after_a_stop():
    def model(text: str, reason: str):
        yield from (text[i : i + 4] for i in range(0, len(text), 4))
        return reason

    for reason, final in (
        ("length", "El año tenía dos mitades [2]."),
        ("stop", "El año tenía dos mitades [2]. Así lo dice el art."),
    ):
        d = Draft(5)
        for piece in d.reading(model("El año tenía dos mitades [2]. Así lo dice el art.", reason)):
            d.add(piece)
        assert d.cut is (reason == "length") and d.final() == final
