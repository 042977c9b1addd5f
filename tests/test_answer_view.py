"""How an answer and its sources read on the page: numbering, reflow, the sentence highlighted."""

from __future__ import annotations

from app.answer_view import numbered, reflowed, sentence_highlights


def _c(marker: int) -> dict:
    return {"marker": marker, "source": f"doc{marker}.pdf"}


def test_sources_are_numbered_by_first_use_and_only_those_still_cited_are_listed():
    text, cited = numbered("Eight days [3]. Until April [1][3]. Not [9].", [_c(1), _c(3), _c(4)], "m0-source")
    assert (
        text == "Eight days [\\[1\\]](#m0-source-1). Until April [\\[2\\]](#m0-source-2)[\\[1\\]](#m0-source-1). Not."
    )
    assert [(c["marker"], c["source"]) for c in cited] == [(1, "doc3.pdf"), (2, "doc1.pdf")]  # doc4: not cited


def test_a_pdf_line_break_inside_a_sentence_is_reflowed_and_nothing_else():
    text = "Staff must rest and\nrecover after a call-out.\nThe next rule:\n- one day off\n2. Second\nManagers decide."
    out = reflowed(text)
    assert len(out) == len(text)  # highlight spans keep their places
    assert "rest and recover after" in out
    assert "call-out.\nThe next" in out and "rule:\n- one" in out and "off\n2. Second" in out
    assert "Second\nManagers" in out  # a capitalised line may start a new item: kept


def test_the_sentence_relied_on_is_highlighted_not_each_common_word():
    text = "Every year has days. Staff may carry over 8 days until 30 April. The year ends in December."
    carry = text.index("carry over")
    spans = [
        (text.index("year"), text.index("year") + 4),  # a common word in the first sentence
        (carry, carry + 10),
        (text.index("30 April"), text.index("30 April") + 8),
    ]
    [(start, end)] = sentence_highlights(text, spans)
    assert text[start:end] == "Staff may carry over 8 days until 30 April."
    assert sentence_highlights(text, []) == []


def test_sentences_that_share_only_a_word_or_two_are_not_marked():
    text = "Leave is booked in PeoplePoint. Unused days carry over up to 8 days until 30 April. Days off are paid."

    def at(word):
        i = text.index(word)
        return (i, i + len(word))

    spans = [
        at("Leave"),
        at("PeoplePoint"),  # two common words in the first sentence
        at("Unused"),
        at("carry over"),
        at("8 days"),
        at("30 April"),
        at("Days off"),
    ]
    assert [text[s:e] for s, e in sentence_highlights(text, spans)] == [
        "Unused days carry over up to 8 days until 30 April."
    ]
