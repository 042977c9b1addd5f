"""Citation verification on hand-made answers: real passages from the sample index, the real embedder."""

from __future__ import annotations

import pytest

from conftest import SAMPLE
from rag.answer.citations import clean_markers
from rag.answer.sentences import claims, split_sentences
from rag.text.content_words import content_stems
from rag.text.figures import figures_in_context
from rag.text.highlight import highlight_spans
from rag.types import Hit


def _hit(s, needle: str) -> Hit:
    row = s.retriever.keywords._db.execute("SELECT chunk_id FROM chunks WHERE text LIKE ?", (f"%{needle}%",)).fetchone()
    assert row, needle
    chunk = s.retriever.keywords.chunks([row[0]])[row[0]]
    return Hit(chunk=chunk, score=0.9, rank=1)


@pytest.fixture(scope="module")
def passages(sample_index):
    # [1] the expense claim rules, [2] rail travel, [3] the leave carry-over rule
    return [
        _hit(sample_index, "FIN-220 (Expense Claim)"),
        _hit(sample_index, "Standard class rail"),
        _hit(sample_index, "carry over up to 8"),
    ]


def test_a_supported_sentence_keeps_its_marker_and_highlights_its_words(sample_index, passages):
    text = "Expenses are claimed on form FIN-220 within 30 days [1]."
    checked = sample_index.verifier().verify(text, passages, "en")
    assert checked.text == text
    assert checked.verified == {1} and checked.rejected == set() and checked.unsupported == []
    source = passages[0].chunk.text
    marked = [source[a:b] for a, b in checked.highlights[1]]
    assert any("FIN-220" in m for m in marked) and any("30 days" in m for m in marked)


def test_a_wrong_marker_is_replaced_by_the_passage_that_supports_the_sentence(sample_index, passages):
    checked = sample_index.verifier().verify("Expenses are claimed on form FIN-220 within 30 days [2].", passages, "en")
    assert checked.text == "Expenses are claimed on form FIN-220 within 30 days [1]."
    assert checked.rejected == {2} and checked.verified == {1}


def test_a_missing_marker_is_added(sample_index, passages):
    text = "First class may be booked only when the journey is longer than four hours each way."
    checked = sample_index.verifier().verify(text, passages, "en")
    assert checked.text == text[:-1] + " [2]."
    assert checked.verified == {2}


def test_an_unsupported_sentence_loses_its_marker_and_is_reported(sample_index, passages):
    text = (
        "Expenses are claimed on form FIN-220 within 30 days [1]. "
        "The company also pays a monthly gym allowance to every employee [1]."
    )
    checked = sample_index.verifier().verify(text, passages, "en")
    assert checked.unsupported == ["The company also pays a monthly gym allowance to every employee."]
    # It leaves the answer: the page lists it below, labelled, never as part of the answer.
    assert checked.text == "Expenses are claimed on form FIN-220 within 30 days [1]."
    assert checked.verified == {1}


def test_a_wrong_figure_is_not_supported_even_in_the_right_words(sample_index, passages):
    checked = sample_index.verifier().verify("Expenses are claimed on form FIN-220 within 60 days [1].", passages, "en")
    assert checked.verified == set() and checked.rejected == {1}
    assert checked.unsupported == ["Expenses are claimed on form FIN-220 within 60 days."]


def test_sentences_without_a_claim_are_not_checked(sample_index, passages):
    checked = sample_index.verifier().verify("The documents do not say.", passages, "en")
    assert checked.unsupported == [] and checked.verified == set()


def test_the_documents_do_not_say_is_a_claim_once_it_goes_on_to_say_more():
    # A claim is checked, and shown only once it passes; "no claim" is shown as it is.
    assert not claims("The documents do not say how many days part-time staff can carry over.", "en", False)
    assert claims("The documents do not specify a limit, so you can carry over as many days as you like.", "en", False)
    assert claims("The policy does not mention it, but you can also carry over bought days.", "en", False)
    assert not claims("Los documentos no lo dicen.", "es", False)
    assert claims("Los documentos no lo dicen, así que puedes acumular todos los días que quieras.", "es", False)


def test_markers_after_the_stop_belong_to_the_sentence_before():
    parts = split_sentences("Claims within 30 days. [1][2] Rail is standard class [2].\nNo.")
    assert [(p[0], p[1]) for p in parts] == [
        ("Claims within 30 days.", [1, 2]),
        ("Rail is standard class.", [2]),
        ("No.", []),
    ]


def test_a_sentence_that_closes_a_quotation_ends_there():
    # h2o-dev: '… being "Veteran focused." The passage that supports this is [3].' was read as one
    # sentence, so the meta-talk after the quotation was shown as part of a checked claim.
    from rag.answer.sentences import merge_meta

    parts = split_sentences(
        'It ensures timely delivery [1]. This is what we mean by being "Veteran focused." '
        "The passage that supports this is [3]. He called it \u201cflexi-time.\u201d [2] Next."
    )
    assert [(p[0], p[1]) for p in parts] == [
        ("It ensures timely delivery.", [1]),
        ('This is what we mean by being "Veteran focused."', []),
        ("The passage that supports this is.", [3]),
        ("He called it \u201cflexi-time.\u201d", [2]),
        ("Next.", []),
    ]
    assert [p[0] for p in merge_meta(parts, "en")][1:3] == [
        'This is what we mean by being "Veteran focused."',
        "He called it \u201cflexi-time.\u201d",
    ]


def test_a_passage_s_sentence_that_closes_a_quotation_ends_there():
    # nomiracl: '…stated that Equatorial Guinea "is a source and destination for … trafficking." The
    # report rates Equatorial Guinea…' ran on as one sentence, and a rule reading the first for its
    # polarity read the second's negation.
    from rag.answer.sentences import document_sentences

    text = (
        'The report stated that it "is a source of trafficking." The report rates it as not\n'
        "compliant. He said \u201cno.\u201d Next."
    )
    assert document_sentences(text) == [
        'The report stated that it "is a source of trafficking."',
        "The report rates it as not compliant.",
        "He said \u201cno.\u201d",
        "Next.",
    ]


def test_highlights_merge_neighbouring_words_and_match_numbers():
    passage = "Claims must be submitted within 30 days of the expense on form FIN-220."
    spans = highlight_spans(passage, "Submit claims within 30 days.", "en")
    assert [passage[a:b] for a, b in spans] == ["Claims", "submitted within 30 days"]


def test_figures_are_compared_by_value_not_by_spelling():
    from rag.text.figures import figures

    assert figures("1,000 EUR, 30.0 days, 0,45 GBP") == {"1000", "30", "0.45"}
    assert figures("2.500,00 €") == figures("2,500.00 EUR") == {"2500"}
    assert figures("within thirty days, by 31 December", words=True) == {"30", "31", "12"}
    # Articles are no figures on the answer's side: "una solicitud" claims nothing numeric.
    assert figures("Debes presentar una solicitud") == set()
    # Nor is the number of a heading or a list item; a figure that starts a row has its unit after it.
    assert figures("5. Carrying over unused holiday\n8.4 Volunteering\n2. Send the form") == set()
    assert figures("3 years to less than 6 years 26 8\n45 GBP a night") == {"3", "6", "26", "8", "45"}
    # A figure a word scales is its value: h2o's "19,900,000" living Veterans were declined against a
    # passage stating "approximately 19.9 million".
    assert figures("approximately 19.9 million") == figures("19,900,000") == {"19900000"}
    assert figures("1,5 millones de euros; 3 mil euros; 2 mil millones; 1 millón") == {
        "1500000",
        "3000",
        "2000000000",
        "1000000",
    }
    assert figures("4.55 Million\n19.9 million") == {"4550000", "19900000"}


def test_a_scaled_figure_is_checked_beside_its_words():
    from rag.text.figures import figures_in_context

    passage = "In 2017, there were approximately 19.9 million living Veterans."
    assert figures_in_context("The number of living Veterans was 19,900,000.", passage)
    assert figures_in_context("There were 19.9 million living Veterans.", passage)
    assert not figures_in_context("There were 19.9 living Veterans.", passage)
    assert not figures_in_context("The number of living Veterans was 19,900,000.", "19.9 million dead horses.")


def test_a_date_s_day_is_no_amount():
    from rag.text.figures import figures, outside_dates

    passage = "Days must be used by 30 April 2026, or by April 30th; el 15 de mayo; 12 days."
    assert figures(passage) == {"30", "2026", "15", "12"}
    assert figures(outside_dates(passage)) == {"2026", "12"}


def test_a_heading_number_does_not_back_a_figure(sample_index, more):
    # [3] begins "5. Carrying over unused holiday": five is the section, eight the days.
    said = "You can carry over up to {} unused vacation days into the next holiday year."
    assert sample_index.verifier().verify(said.format(8), more, "en").verified == {3}
    assert not sample_index.verifier().verify(said.format(5), more, "en").lead_supported


def test_abbreviations_and_list_numbers_do_not_end_a_sentence():
    parts = split_sentences(
        "Staff get 25 days, e.g. full-time staff [1]. Dr. Smith approves [2].\n1. Submit the form [1]\n"
        "It applies when the Policy Applies, U.S. Governing Law and Safe Harbor [2]. It employs Marie Kyle "
        "with Purple Nike co Pty. Ltd. [3]"
    )
    assert [(p[0], p[1]) for p in parts] == [
        ("Staff get 25 days, e.g. full-time staff.", [1]),
        ("Dr. Smith approves.", [2]),
        ("1. Submit the form", [1]),
        ("It applies when the Policy Applies, U.S. Governing Law and Safe Harbor.", [2]),
        ("It employs Marie Kyle with Purple Nike co Pty. Ltd.", [3]),
    ]


def test_a_list_the_check_left_an_item_out_of_is_numbered_again(sample_index, passages):
    text = (
        "The rules are:\n1. Expenses are claimed on form FIN-220 within 30 days [1].\n"
        "2. Every employee gets a free gym membership [1].\n3. Rail travel is standard class [2]."
    )
    checked = sample_index.verifier().verify(text, passages, "en")
    assert checked.unsupported == ["2. Every employee gets a free gym membership."]
    assert checked.text == (
        "The rules are:\n1. Expenses are claimed on form FIN-220 within 30 days [1].\n"
        "2. Rail travel is standard class [2]."
    )


def test_renumbering_reads_only_list_items():
    from rag.answer.sentences import renumbered

    assert renumbered("Steps: 1. Book it [1]. 3. Claim it [1].") == "Steps: 1. Book it [1]. 2. Claim it [1]."
    assert renumbered("2. Book it [1].\n3. Claim it [1].") == "1. Book it [1].\n2. Claim it [1]."
    # A figure after a colon or a sentence is no list item, and an item inside a line-by-line list
    # is not read as the start of another.
    for figures in (
        "Carry-over limit: 5. Unused days are lost [1].",
        "Days lost: 1. Days kept: 3. More.",
        "You get 25 days [1]. 2. Ask HR.",
        "1. Travel\n2. Meals: 3. Receipts\n3. Hotels",
    ):
        assert renumbered(figures) == figures
    assert renumbered("1. A.\n2. B.\n3. C.") == "1. A.\n2. B.\n3. C."
    for text in ("See section 4. Leave rules apply.", "It is 3.5 days. 2 weeks' notice.", "1. A.\n3. B.\n1. C.\n5. D."):
        assert renumbered(text) == text.replace("3. B", "2. B").replace("5. D", "2. D")


def test_initials_do_not_end_a_sentence():
    parts = split_sentences(
        "El año tenía dos mitades [2]. Según W. K. Pritchett y B. D. Meritt, empezaba en marzo [2]. "
        "Use the form in Appendix B. The approver signs it [1]. Lo gestiona Meridian S. A. La plantilla es "
        "pequeña [1]. It was written by J. Smith in 2010. Choose Plan B. Employees may switch."
    )
    assert [p[0] for p in parts] == [
        "El año tenía dos mitades.",
        "Según W. K. Pritchett y B. D. Meritt, empezaba en marzo.",
        "Use the form in Appendix B.",
        "The approver signs it.",
        "Lo gestiona Meridian S. A.",
        "La plantilla es pequeña.",
        "It was written by J. Smith in 2010.",
        "Choose Plan B.",
        "Employees may switch.",
    ]


def test_a_stop_before_a_lower_case_word_does_not_end_a_sentence():
    # "Meridian Freight Iberia S.L. in Valencia": a company's "S.L." is not the end of the sentence;
    # before a capital it may be ("Prevencia Levante S.L. La plantilla cuenta con...").
    parts = split_sentences(
        "The DPO works with the privacy lead of Meridian Freight Iberia S.L. in Valencia. [1] "
        "Lo gestiona Prevencia Levante S.L. La plantilla tiene dos delegados. [2]"
    )
    assert [(p[0], p[1]) for p in parts] == [
        ("The DPO works with the privacy lead of Meridian Freight Iberia S.L. in Valencia.", [1]),
        ("Lo gestiona Prevencia Levante S.L.", []),
        ("La plantilla tiene dos delegados.", [2]),
    ]


def test_a_wrong_marker_goes_to_the_passage_whose_figures_hold(sample_index, passages):
    # [3] shares more words ("carry over", "days") but says 8 days; only [1] states 30 days.
    checked = sample_index.verifier().verify("You must claim within 30 days on form FIN-220 [3].", passages, "en")
    assert checked.rejected == {3} and checked.verified == {1}


def test_a_passage_without_a_stored_vector_is_embedded_for_the_check(sample_index, passages):
    from dataclasses import replace

    from rag.types import Chunk

    orphan = Hit(chunk=replace(passages[0].chunk, chunk_id="not-in-the-index"), score=0.9, rank=1)
    assert isinstance(orphan.chunk, Chunk)
    checked = sample_index.verifier().verify("Expenses are claimed on form FIN-220 within 30 days [1].", [orphan], "en")
    assert checked.verified == {1}


def test_a_claim_about_what_no_document_mentions_is_unsupported(sample_index, passages):
    # "sabbatical" occurs in no indexed document: no passage can support a sentence about it,
    # however many of its other words the passage shares.
    text = "Yes, you can take a sabbatical and claim expenses on form FIN-220 within 30 days [1]."
    checked = sample_index.verifier().verify(text, passages, "en", question="Can I take a sabbatical?")
    assert checked.rejected == {1} and not checked.lead_supported
    assert checked.sentences[0].unknown == ("sabbatical",)
    # The same sentence without the question: only the passage decides.
    assert sample_index.verifier().verify(text, passages, "en").verified == {1}


def test_a_sentence_that_only_points_at_a_passage_vouches_for_the_one_before(sample_index, passages):
    text = "Expenses are claimed on form FIN-220 within 30 days. This is supported by passage [1]."
    checked = sample_index.verifier().verify(text, passages, "en")
    assert checked.text == "Expenses are claimed on form FIN-220 within 30 days [1]."
    assert checked.verified == {1} and checked.lead_supported


def test_markers_written_as_a_list_leave_nothing_behind(sample_index, passages):
    # A recorded draft: "Yes, this website uses information collected from the user's. [1], [2],
    # [3], [4], [5]" was shown as "…user's.,,,, [5]" once the markers that did not hold were removed.
    draft = clean_markers("Expenses are claimed on form FIN-220 within 30 days. [1], [2], and [3]", len(passages))
    checked = sample_index.verifier().verify(draft, passages, "en")
    assert checked.text == "Expenses are claimed on form FIN-220 within 30 days. [1]"
    assert checked.rejected and checked.verified == {1}
    # As the draft streams it is checked before clean_markers runs: the same text.
    streamed = "Expenses are claimed on form FIN-220 within 30 days. [1], [2], and [3]"
    assert sample_index.verifier().verify(streamed, passages, "en").text == checked.text


def test_a_quotation_mark_nothing_opened_is_left_out(sample_index, passages):
    # Recorded from the embedded model on the sample: '…are also forfeited." [1]' with no quote opened.
    draft = 'Expenses are claimed on form FIN-220 within 30 days." [1]'
    checked = sample_index.verifier().verify(draft, passages, "en")
    assert checked.text == "Expenses are claimed on form FIN-220 within 30 days. [1]"
    # Quotations the answer opens keep their marks, across sentences too; an inch mark is not a quote.
    for kept in (
        'The policy says: "Claims are due in 30 days. Late claims are refused." [1]',
        "La política dice «se reclaman en 30 días.» [1]",
        'Each desk has a 27" monitor [1].',
    ):
        assert "".join(raw + sep for _, _, raw, sep in split_sentences(kept)) == kept


def test_an_answer_does_not_point_at_passages_in_words(sample_index, passages):
    # Recorded drafts: "According to the passage [3], by submitting…", "The passage [1] states that
    # Farlex…", "This is stated in the Privacy Policy [1], [2], [3], and [5]." A reader sees sources,
    # not passages: the pointer goes, its marker stays with the claim. Recorded h2o drafts point at a
    # page, whose numbers say where, not what: not a claim to check (a passage holding "15" beside
    # "page" would have vouched for it).
    for draft in (
        "According to the passage [1], expenses are claimed on form FIN-220 within 30 days.",
        "The passage [1] states that expenses are claimed on form FIN-220 within 30 days.",
        "Expenses are claimed on form FIN-220 within 30 days. This is stated in the Expenses Policy [1], and [2].",
        "Expenses are claimed on form FIN-220 within 30 days [1]. This is stated in passage [1] on page 15-16.",
        "Expenses are claimed on form FIN-220 within 30 days [1]. This is supported by passage on page 17-18 [1].",
        "Expenses are claimed on form FIN-220 within 30 days [1]. The passage that supports this is [1].",
        "Expenses are claimed on form FIN-220 within 30 days [1]. This passage supports the answer by directly "
        "stating how expenses are claimed [1].",
        # h2o-dev: a heading's number is where, not a figure.
        "Expenses are claimed on form FIN-220 within 30 days [1]. This is emphasized in the passage [1] under "
        '"SECTION 2.1.3: EXPENSE CLAIMS".',
        # Live on the h2o contract, shown as "… notice period [1]. This is supported by.": pointing at
        # markers alone, one of which did not hold.
        "Expenses are claimed on form FIN-220 within 30 days [1]. This is supported by [3].",
        "Expenses are claimed on form FIN-220 within 30 days. This is stated in [1] and [3].",
    ):
        checked = sample_index.verifier().verify(clean_markers(draft, len(passages)), passages, "en")
        assert checked.text == "Expenses are claimed on form FIN-220 within 30 days [1].", draft
        assert [s.claims for s in checked.sentences] == [True] and not checked.unsupported, draft
    spanish = split_sentences("Según el pasaje [2], los gastos se reclaman en 30 días.")
    assert [(p[0], p[1]) for p in spanish] == [("Los gastos se reclaman en 30 días.", [2])]
    # "passage 2" in words has become "[2]"; an ordinal is still a pointer.
    for said in (
        "According to passage 2, claims are due in 30 days.",
        "The second passage [2] says claims are due in 30 days.",
    ):
        assert split_sentences(clean_markers(said, 2))[0][:2] == ("Claims are due in 30 days.", [2]), said
    # "mentions" is followed by a clause, or the sentence is left as written (no fragment is made).
    left = "The passage [1] mentions the 30-day deadline for claims."
    assert split_sentences(left)[0][2] == left
    # Naming a policy is how people talk: kept.
    kept = split_sentences("According to the Expenses Policy, claims are due within 30 days [1].")
    assert kept[0][0] == "According to the Expenses Policy, claims are due within 30 days."


def test_a_sentence_that_only_says_again_what_one_before_it_said_is_dropped(sample_index, passages):
    # A small model often ends by saying its answer again in fewer words.
    text = (
        "Expenses are claimed on form FIN-220 within 30 days of the expense [1]. "
        "Claims use form FIN-220 within 30 days [1]. "
        "Expenses are claimed within 30 days [1]."
    )
    checked = sample_index.verifier().verify(text, passages, "en")
    assert checked.text == "Expenses are claimed on form FIN-220 within 30 days of the expense [1]. " + (
        "Claims use form FIN-220 within 30 days [1]."
    )
    # Another figure, or a negation, says something new.
    for other in ("Expenses are claimed within 60 days [1].", "Expenses are not claimed within 30 days [1]."):
        checked = sample_index.verifier().verify(text.rsplit(" Expenses", 1)[0] + " " + other, passages, "en")
        assert len(checked.sentences) == 3, other


def test_the_lead_claim_decides_and_repeats_are_dropped(sample_index, passages):
    text = (
        "Yes, every employee gets a monthly gym allowance [1]. "
        "Expenses are claimed on form FIN-220 within 30 days [1]. "
        "Expenses are claimed on form FIN-220 within 30 days [1]."
    )
    checked = sample_index.verifier().verify(text, passages, "en")
    assert not checked.lead_supported and checked.verified == {1}
    assert checked.text.count("FIN-220") == 1


def test_words_of_another_language_are_not_held_against_a_translated_answer(sample_index, passages):
    # "milla" occurs in no (English) document, but the Spanish answer cites an English passage.
    text = "Se reclaman con el formulario FIN-220 en un plazo de 30 días, también por milla [1]."
    checked = sample_index.verifier().verify(text, passages, "es", question="¿Cuánto pagan por milla?")
    assert checked.sentences[0].unknown == ()


def test_an_answer_that_only_restates_the_question_needs_a_passage_that_says_so(sample_index, passages):
    # Its words are the question's, which retrieval found the passages by: a passage holding them
    # somewhere proves nothing; one of its sentences must say it ("employees may carry over up to 8
    # unused vacation days from one holiday year into the next").
    question = "Can I carry over unused vacation days into the next year?"
    said = "Yes, you can carry over unused vacation days into the next year [3]."
    checked = sample_index.verifier().verify(said, passages, "en", question=question)
    assert checked.lead_supported and checked.sentences[0].echo and checked.verified == {3}
    # Without that passage, nothing says so: the expense and rail passages share a few of its words.
    checked = sample_index.verifier().verify(said.replace("[3]", "[1]"), passages[:2], "en", question=question)
    assert not checked.lead_supported and checked.sentences[0].echo and checked.rejected == {1}
    # Adding what the passage says makes it checkable the usual way, and it holds.
    checked = sample_index.verifier().verify(
        "Yes, you can carry over up to 8 days of unused vacation into the next calendar year [3].",
        passages,
        "en",
        question=question,
    )
    assert checked.lead_supported and checked.verified == {3} and not checked.sentences[0].echo


def test_a_possessive_s_is_not_a_word_a_passage_must_hold():
    # "the user's data": a passage saying "user data" holds every word of it; "5 s" is seconds.
    assert content_stems("The user's data and VA’s goal: reply in 5 s", "en") == [
        "user",
        "data",
        "va",
        "goal",
        "repli",
        "s",
    ]


def test_an_item_of_a_list_says_what_its_introduction_says_of_it(sample_index):
    # "The following are never reimbursed: passports…; clothing…; gifts for colleagues;": the item
    # alone ("gifts for colleagues;") says nothing of reimbursing; read with its introduction, it
    # says no.
    passage = [_hit(sample_index, "gifts for colleagues")]
    question = "Are gifts for colleagues reimbursed?"
    checked = sample_index.verifier().verify("No, gifts for colleagues are not reimbursed.", passage, "en", question)
    assert checked.lead_supported and checked.sentences[0].echo and checked.verified == {1}
    # And not yes: the introduction's "never" is the item's too.
    checked = sample_index.verifier().verify("Yes, gifts for colleagues are reimbursed.", passage, "en", question)
    assert not checked.lead_supported


def test_a_day_or_month_named_must_be_the_passage_s(sample_index):
    # Like a figure: "every Monday" where the passage says "every Wednesday at 11:00" is wrong.
    fire = [_hit(sample_index, "tested every Wednesday at 11:00")]
    verify = sample_index.verifier().verify
    question = "When is the weekly fire alarm test?"
    assert verify("The fire alarm is tested every Wednesday at 11:00 [1].", fire, "en", question).lead_supported
    assert not verify("The fire alarm is tested every Monday at 11:00 [1].", fire, "en", question).lead_supported
    # A day alone is a claim: "El martes." answers where the policy says "El miércoles".
    valencia = [_hit(sample_index, "El miércoles es un día presencial")]
    question = "¿Qué día tengo que ir sí o sí a la oficina de Valencia?"
    assert verify("El miércoles [1].", valencia, "es", question).lead_supported
    checked = verify("El martes [1].", valencia, "es", question)
    assert checked.sentences[0].claims and not checked.lead_supported
    # The user's own day is theirs to name: "I'm off on Monday" is not checked.
    question = "I'm off on Monday. When is the weekly fire alarm test?"
    said = "The fire alarm is tested every Wednesday at 11:00, so not on your Monday off [1]."
    assert verify(said, fire, "en", question).lead_supported


def test_digits_in_a_name_are_no_figure(sample_index):
    # The severity table: "P2 High Compromised account; lost device with sensitive data 2 hours",
    # "P4 Low …". The 4 of "P4" is no four hours; "P2" is a name the passage must write, like FIN-220.
    table = [_hit(sample_index, "P2 High Compromised account")]
    verify = sample_index.verifier().verify
    question = "What is the response target for a P2 security incident?"
    said = (
        "A P2 (High) incident, such as a compromised account or a lost device with sensitive data, "
        "has a response target of {} [1]."
    )
    assert verify(said.format("2 hours"), table, "en", question).lead_supported
    assert not verify(said.format("4 hours"), table, "en", question).lead_supported
    assert not verify(said.replace("P2", "P5").format("2 hours"), table, "en", question).lead_supported


def test_an_amount_in_another_unit_is_not_the_passage_s(sample_index):
    # "up to a value of 50 GBP per gift" in the UK Code of Conduct: 50 EUR has the figure, not the amount.
    gifts = [_hit(sample_index, "up to a value of 50 GBP per gift")]
    verify = sample_index.verifier().verify
    question = "A supplier wants to give me a present. What is the most it can be worth?"
    said = "You may accept occasional gifts from suppliers up to a value of {} per gift [1]."
    assert verify(said.format("50 GBP"), gifts, "en", question).lead_supported
    assert not verify(said.format("50 EUR"), gifts, "en", question).lead_supported
    assert not verify(said.format("€50"), gifts, "en", question).lead_supported


def test_the_user_s_figure_in_another_unit_is_checked(sample_index):
    # "five years" is the user's; "5 weeks' notice" is the answer's own figure, which the notice
    # table does not give (4 weeks).
    notice = [_hit(sample_index, "Length of continuous service Notice you must give")]
    verify = sample_index.verifier().verify
    question = "I have worked here for five years and want to resign. How much notice do I have to give?"
    right = "With five years' continuous service you have to give 4 weeks' notice, in writing to your line manager [1]."
    assert verify(right, notice, "en", question).lead_supported
    wrong = right.replace("4 weeks", "5 weeks")
    assert not verify(wrong, notice, "en", question).lead_supported


def test_a_figure_the_passage_gives_something_else_is_not_the_answer_s(sample_index):
    # "Every employee may take two days of paid volunteering leave per holiday year … You may also
    # take one day of paid leave once per holiday year when you move house.": "two days" stands
    # beside "paid leave" and "holiday year", but the sentence on moving house says one day.
    leave = [_hit(sample_index, "when you move house")]
    verify = sample_index.verifier().verify
    question = "Do I get a day off when I move house?"
    said = "Yes, you can take {} of paid leave when you move house, once per holiday year [1]."
    assert verify(said.format("one day"), leave, "en", question).lead_supported
    checked = verify(said.format("two days"), leave, "en", question)
    assert not checked.lead_supported and checked.sentences[0].contradicted
    # The volunteering days are two.
    said = "Every employee may take two days of paid volunteering leave per holiday year [1]."
    assert verify(said, leave, "en", "How much volunteering leave do I get?").lead_supported


def test_an_amount_another_passage_gives_for_the_same_thing_is_not_the_answer_s(sample_index):
    # [1] "Every suspected or actual security incident must be reported to the IT Service Desk
    # within 1 hour of discovery"; [2] accidents "must be recorded within 24 hours of the event".
    # "24 hours" stands in [2] beside "within", but [1] says what the answer says, with 1 hour.
    given = [_hit(sample_index, "within 1 hour of discovery"), _hit(sample_index, "recorded within 24 hours")]
    verify = sample_index.verifier().verify
    question = "How quickly must a security incident be reported?"
    # A direct answer that says too little alone is read with what the question asks.
    assert verify("Within 1 hour of discovering it [1].", given, "en", question).lead_supported
    checked = verify("Within 24 hours of discovering it [2].", given, "en", question)
    assert not checked.lead_supported and checked.sentences[0].contradicted
    # The accident rule is 24 hours.
    said = "Accidents must be recorded within 24 hours of the event [2]."
    assert verify(said, given, "en", "How soon must an accident be recorded?").lead_supported


def test_time_is_one_kind_of_amount_and_working_days_are_days(sample_index):
    # [1] "You must give at least 28 days' notice of each period of leave, using form HR-140." under
    # paternity leave; [2] "You must give at least eight weeks' notice of each period of shared
    # parental leave". The sentence of [1] says more of what the answer says.
    notice = [
        _hit(sample_index, "28 days' notice of each period of leave"),
        _hit(sample_index, "eight weeks' notice of each period of shared"),
    ]
    verify = sample_index.verifier().verify
    question = "How far ahead do I have to submit HR-140 before my paternity leave?"
    said = "You need to give at least {} notice of each period of paternity leave on form HR-140 [1]."
    assert verify(said.format("28 days'"), notice, "en", question).lead_supported
    assert not verify(said.format("eight weeks'"), notice, "en", question).lead_supported
    from rag.text.figures import unit_amounts

    assert unit_amounts("within five working days", words=True) == {("5", "day")}
    assert unit_amounts("14 calendar days", words=True) == {("14", "day")}


def test_a_name_and_a_figure_must_be_tied_as_the_passage_ties_them(sample_index):
    # The contacts list: "Data Protection Officer  ext. 4217  dpo@…", "IT Service Desk  ext. 4400
    # servicedesk@…", "HR Service Centre  ext. 4100  hr@…". Each name and each figure is in it.
    contacts = [_hit(sample_index, "Data Protection Officer  ext. 4217")]
    verify = sample_index.verifier().verify
    question = "Who is on extension 4217?"
    assert verify("Extension 4217 reaches the Data Protection Officer [1].", contacts, "en", question).lead_supported
    assert not verify("Extension 4217 reaches the IT Service Desk [1].", contacts, "en", question).lead_supported
    # The security policy names the IT Service Desk, not extension 4217, which the user asks about.
    security = [_hit(sample_index, "within 1 hour of discovery")]
    said = "Extension 4217 reaches the IT Service Desk, which handles security incidents [1]."
    assert not verify(said, security, "en", question).lead_supported
    question = "How do I contact the Data Protection Officer?"
    said = "You can reach the Data Protection Officer at dpo@meridianfreight.co.uk or on extension {} [1]."
    assert verify(said.format("4217"), contacts, "en", question).lead_supported
    assert not verify(said.format("4100"), contacts, "en", question).lead_supported
    # A telephone number's groups are one figure, and a prose sentence ties what it says.
    said = "Report it to the IT Service Desk within 1 hour, on extension 4400 or 0113 496 0400 [1]."
    assert verify(said, security, "en", "How do I report a security incident?").lead_supported
    # A table's rows, across languages: "Madrid 150 EUR 50 EUR", "Valencia 125 EUR 45 EUR".
    hotels = [_hit(sample_index, "Valencia 125 EUR")]
    question = "¿Cuánto puedo gastar como máximo en el hotel por noche en Valencia?"
    said = "El máximo para un hotel en Valencia es de {} EUR por noche [1]."
    assert verify(said.format("125"), hotels, "es", question).lead_supported
    assert not verify(said.format("150"), hotels, "es", question).lead_supported


def test_an_email_address_must_be_the_one_the_passage_gives_for_the_same_thing(sample_index):
    # [1] the phishing rule: "forward the email as an attachment to security@meridianfreight.co.uk
    # and then delete it"; [2] the contacts list, where servicedesk@… is the IT Service Desk's.
    given = [
        _hit(sample_index, "as an attachment to security@"),
        _hit(sample_index, "Data Protection Officer  ext. 4217"),
    ]
    verify = sample_index.verifier().verify
    question = "Where should I send a suspicious-looking email?"
    said = "If you can't use the Report Phish button, forward the email as an attachment to {} and then delete it [1]."
    assert verify(said.format("security@meridianfreight.co.uk"), given, "en", question).lead_supported
    assert not verify(said.format("servicedesk@meridianfreight.co.uk"), given, "en", question).lead_supported
    # An address no passage gives is no passage's.
    assert not verify(said.format("phishing@meridianfreight.co.uk"), given, "en", question).lead_supported


def test_a_role_the_passage_s_sentence_gives_another_is_not_the_answer_s(sample_index):
    # "request an exception on form IT-330, which must be approved by the Head of IT Security";
    # the Code of Conduct: hospitality with travel "requires the prior approval of your Director".
    given = [
        _hit(sample_index, "must be approved by the Head of IT Security"),
        _hit(sample_index, "hospitality that includes travel"),
    ]
    verify = sample_index.verifier().verify
    question = "What is form IT-330 for?"
    said = "Form IT-330 requests an exception for removable media, which must be approved by {} [1]."
    assert verify(said.format("the Head of IT Security"), given, "en", question).lead_supported
    assert not verify(said.format("your line manager"), given, "en", question).lead_supported
    question = "A supplier invited me to a match with flights and a hotel. Can I go?"
    said = "Hospitality that includes travel or an overnight stay needs the prior approval of {} [2]."
    assert verify(said.format("your Director"), given, "en", question).lead_supported
    assert not verify(said.format("your line manager"), given, "en", question).lead_supported
    # A role the user names is theirs to say back.
    question = "Can my line manager approve hospitality that includes travel?"
    said = "No, hospitality that includes travel needs the prior approval of your Director, not your line manager [2]."
    assert verify(said, given, "en", question).lead_supported


def test_a_role_or_place_named_must_be_the_passage_s(sample_index):
    # "… on form FIN-225, countersigned by your budget holder": a role the passage does not write
    # is another rule's, like a code it does not write.
    receipts = [_hit(sample_index, "Missing Receipt Declaration on form FIN-225")]
    verify = sample_index.verifier().verify
    question = "What do I do if I lose a receipt over 25 GBP?"
    said = "Complete a Missing Receipt Declaration on form FIN-225, countersigned by {} [1]."
    assert verify(said.format("your budget holder"), receipts, "en", question).lead_supported
    assert not verify(said.format("the Financial Controller"), receipts, "en", question).lead_supported
    # A name the question gives is the user's.
    question = "I lost a receipt over 25 GBP. Do I ask the Financial Controller?"
    said = "You complete a Missing Receipt Declaration on form FIN-225, countersigned by your budget holder [1]."
    assert verify(said, receipts, "en", question).lead_supported


def test_a_place_named_in_one_word_must_be_the_passage_s(sample_index):
    # "… is Greenland" from a passage on Oceania that never names it: a capitalised word inside a
    # sentence is a name, which the passage must write like a name of two words.
    dpo = [_hit(sample_index, "Our Data Protection Officer (DPO) is Helen Okafor")]
    verify = sample_index.verifier().verify
    question = "Where is the Data Protection Officer based?"
    said = "The Data Protection Officer is Helen Okafor, based at the {} head office [1]."
    assert verify(said.format("Leeds"), dpo, "en", question).lead_supported
    assert not verify(said.format("Bristol"), dpo, "en", question).lead_supported
    # A name the question gives is the user's to state.
    question = "Where is the Data Protection Officer based? I work in Manchester."
    said = "The Data Protection Officer is Helen Okafor, based at the Leeds head office, also for Manchester staff [1]."
    assert verify(said, dpo, "en", question).lead_supported


def test_the_question_said_back_is_not_a_claim(sample_index, passages):
    question = "I travel to London next week. Can I go first class by rail?"
    text = (
        "I travel to London next week. Can I go first class by rail? "
        "Expenses are claimed on form FIN-220 within 30 days [1]."
    )
    checked = sample_index.verifier().verify(text, passages, "en", question=question)
    assert [s.claims for s in checked.sentences] == [False, False, True]
    assert checked.lead_supported and checked.unsupported == []


def test_an_uncited_sentence_about_what_no_document_mentions_is_unsupported(sample_index, passages):
    # No marker: it leans on the best passage, English like the answer, so the rule applies.
    checked = sample_index.verifier().verify(
        "The annual bonus is claimed on form FIN-220 within 30 days.",
        passages,
        "en",
        question="How is the annual bonus calculated?",
    )
    assert checked.sentences[0].unknown == ("bonus",) and not checked.lead_supported


def test_what_the_question_tells_of_the_user_may_be_repeated_where_the_passage_holds_the_rest(sample_index):
    """No document says "haulier". Told before the question ("A haulier emailed…"), it describes the
    user's case: a sentence repeating it stands on a passage holding most of its other words, not
    on closeness in meaning alone. Asked about ("Can a haulier…?"), it is what no document covers."""
    fraud = [_hit(sample_index, "verified by telephone")]
    verify = sample_index.verifier().verify
    sentence = (
        "Treat it as possible payment fraud: before changing anything, phone the haulier to verify the "
        "request using a number already held in our records, never a number given in the email."
    )
    told = "A haulier emailed to say they have switched banks. How should I check this?"
    assert verify(sentence, fraud, "en", question=told).verified == {1}
    asked = "Can a haulier ask us by email to pay invoices into a new bank account?"
    checked = verify(sentence, fraud, "en", question=asked)
    assert not checked.lead_supported and checked.sentences[0].unknown == ("haulier",)
    # Close in meaning, few of the passage's words: not enough to vouch for the haulier.
    grafted = verify(
        "The haulier should be paid once their new bank details are confirmed.", fraud, "en", question=told
    )
    assert not grafted.lead_supported


@pytest.fixture(scope="module")
def more(sample_index):
    # [1] the hotel and meal table with the 12 GBP lunch allowance, [2] manual handling (20 kg),
    # [3] the leave carry-over rule (8 days, 30 April), [4] the 2025 leave entitlement table
    return [
        _hit(sample_index, "lunch allowance of up to 12 GBP"),
        _hit(sample_index, "loads over 20 kg"),
        _hit(sample_index, "carry over up to 8"),
        _hit(sample_index, "6 years to less than 10 years"),
    ]


def test_a_figure_must_stand_beside_what_the_sentence_ties_it_to(sample_index, more):
    verify = sample_index.verifier().verify
    # "12" is in [1], as a lunch allowance: not as days of leave carried over.
    wrong = verify("You may carry over up to 12 unused days of holiday into the next year.", more, "en")
    assert not wrong.lead_supported and wrong.verified == set()
    right = verify("You may carry over up to 8 unused days of holiday into the next year.", more, "en")
    assert right.verified == {3}
    assert verify(
        "Day trips of more than five hours qualify for a lunch allowance of up to 12 GBP.", more, "en"
    ).verified == {1}


def test_a_figure_in_a_table_row_stands_beside_its_column_header(sample_index, more):
    # "6 years to less than 10 years 27 8": the row says nothing of days; its header does.
    checked = sample_index.verifier().verify(
        "With seven years of service you are entitled to 27 days of annual leave.",
        more,
        "en",
        question="I have been here 7 years. How much annual leave do I get?",
    )
    assert checked.verified == {4}


def test_counting_words_are_figures_but_the_question_s_own_figures_are_not_checked(sample_index, more):
    verify = sample_index.verifier().verify
    # "six" is a count the passage must hold; "one" and "una" are not counts.
    assert not verify(
        "You may carry over up to six unused vacation days into the next year.", more, "en"
    ).lead_supported
    assert verify("You may carry over up to eight unused vacation days into the next year.", more, "en").verified == {3}
    # The user's own figure ("25 kg") is theirs to state: the rule's figure (20 kg) is checked.
    question = "I have a 25 kg box to move. What do I need to lift it?"
    checked = verify(
        "Loads over 20 kg must be moved with mechanical aids or by two people, so a 25 kg load needs help.",
        more,
        "en",
        question=question,
    )
    assert checked.verified == {2}


def test_a_rule_applied_to_what_no_document_names_is_supported_but_a_grafted_claim_is_not(sample_index, more):
    verify = sample_index.verifier().verify
    question = "What do I need to lift a 25 kg box of parts?"  # no document says "box"
    applied = verify(
        "No. Loads over 20 kg must be moved with mechanical aids or by two people, so for a "
        "25 kg box you need a colleague.",
        more,
        "en",
        question=question,
    )
    assert applied.verified == {2} and applied.lead_supported
    grafted = verify(
        "Yes, a box may be lifted alone; loads over 20 kg must be moved with mechanical aids.",
        more,
        "en",
        question=question,
    )
    assert not grafted.lead_supported and grafted.sentences[0].unknown == ("box",)


def test_the_user_s_own_figure_to_which_a_rule_is_applied_is_their_case_not_a_guess(sample_index, more):
    """In a yes-or-no question a figure is usually the user's guess ("Do I get 30 days?"), checked
    against the passage; "a 25 kg box" is their case, and an answer applying the rule to it may say so."""
    verify = sample_index.verifier().verify
    question = "Can I lift a 25 kg box of parts on my own?"
    applied = verify(
        "No. Loads over 20 kg must be moved with mechanical aids or by two people, so for a "
        "25 kg box you need a lifting aid or a colleague.",
        more,
        "en",
        question=question,
    )
    assert applied.verified == {2}
    # The rule's own figures are still checked: the passage says 20 kg, not 30.
    wrong = verify(
        "Yes. Only loads over 30 kg must be moved with mechanical aids or by two people, so a "
        "25 kg box you may lift alone.",
        more,
        "en",
        question=question,
    )
    assert not wrong.lead_supported


def test_sympathy_is_not_a_claim_but_a_claim_after_it_is(sample_index, more):
    checked = sample_index.verifier().verify(
        "I'm sorry for your loss. You may carry over up to 8 unused vacation days.", more, "en"
    )
    assert checked.lead_supported and checked.unsupported == []
    hidden = sample_index.verifier().verify("I'm sorry, you may carry over up to 12 unused vacation days.", more, "en")
    assert not hidden.lead_supported


def test_a_document_is_named_with_the_year_in_its_file_name(sample_index, more):
    # "the 2025 Leave Policy" is hr/leave-policy-2025.pdf: 2025 is in its name, not its text.
    checked = sample_index.verifier().verify(
        "Under the 2025 Leave Policy you may carry over up to 8 unused vacation days.", more, "en"
    )
    assert checked.verified == {3}


def test_a_month_beside_a_figure_makes_it_a_date(sample_index, more):
    # Only "April" stands beside 30 in both: a date is one thing, not a figure and a word.
    assert sample_index.verifier().verify("Carried-over holiday ends on 30 April.", more, "en").verified == {3}
    assert not sample_index.verifier().verify("Carried-over holiday ends on 30 June.", more, "en").lead_supported


def test_a_spanish_rule_applied_to_the_user_s_relative(indexed):
    """ "como tu madre" applies the rule on relatives to the one the user named; no document says
    "madre", and no Spanish infinitive ("acompañarla") counts as a topic no document covers."""
    table = [_hit(indexed, "hospitalización")]
    question = "A mi madre la operan y se quedará ingresada. ¿Me dan días libres para acompañarla?"
    checked = indexed.verifier().verify(
        "La hospitalización de un familiar hasta segundo grado, como tu madre, da derecho a 5 días laborables.",
        table,
        "es",
        question=question,
    )
    assert checked.verified == {1}
    grafted = indexed.verifier().verify(
        "Tu madre puede venir a la oficina 5 días laborables.", table, "es", question=question
    )
    assert not grafted.lead_supported and grafted.sentences[0].unknown == ("madre",)


def test_a_figure_the_question_only_asks_about_is_checked(sample_index, more):
    verify = sample_index.verifier().verify
    # "Do I get 30 days?" is a guess: the passage's table gives 27 for that service.
    guess = verify(
        "Yes, with seven years of service you get 30 days of annual leave.",
        more,
        "en",
        question="I have worked here 7 years. Do I get 30 days of annual leave?",
    )
    assert not guess.lead_supported
    # "I have worked here 7 years" is the user's situation: stated back, it needs no passage.
    assert verify(
        "With seven years of service you are entitled to 27 days of annual leave.",
        more,
        "en",
        question="I have worked here 7 years. How many days of annual leave do I get?",
    ).verified == {4}


def test_a_rule_must_say_something_and_courtesy_must_say_nothing_else(sample_index, more):
    verify = sample_index.verifier().verify
    question = "Can I keep my work files in Dropbox?"  # no document says "Dropbox"
    assert not verify("Yes, so Dropbox is fine.", more, "en", question=question).lead_supported
    assert not verify("Congratulations, you may carry over up to 12 unused vacation days.", more, "en").lead_supported


def test_a_mark_that_folds_to_nothing_does_not_stop_the_check(sample_index, more):
    checked = sample_index.verifier().verify("You may carry over up to 8 \uff9e unused vacation days.", more, "en")
    assert checked.verified == {3}


def test_figures_written_in_a_run_stand_together(sample_index):
    """A phone number or a time span is its own context: '0808 157 0246' needs no words beside it."""
    hotline = [_hit(sample_index, "0808 157 0246")]
    verify = sample_index.verifier().verify
    assert verify("The ClearLine phone number is 0808 157 0246.", hotline, "en").verified == {1}
    assert not verify("The ClearLine phone number is 0808 157 0247.", hotline, "en").lead_supported


def test_a_figure_that_ends_its_sentence_reads_its_context_from_before(sample_index, more):
    # "… is 8.": nothing follows the figure, so the words before it stand in.
    said = "The maximum number of vacation days that can be carried over to the next year is {}."
    assert sample_index.verifier().verify(said.format(8), more, "en").verified == {3}
    assert not sample_index.verifier().verify(said.format(12), more, "en").lead_supported


def _section(path: str, needle: str) -> str:
    from ingest.parse import parse_file

    return next(s.text for s in parse_file(SAMPLE / path).sections if needle in s.text)


def test_a_figure_from_another_row_of_a_table_belongs_to_that_row():
    rota = _section("operations/on-call-and-overtime-policy.docx", "Rota: Fleet Maintenance")
    assert figures_in_context("On the Depot Duty Manager rota, weekend standby pays 85 GBP per day.", rota)
    # 95 GBP a weekend day is the Fleet Maintenance rate: in the passage, beside the same words, but
    # in a row the sentence does not name, while it names another.
    assert not figures_in_context("On the Depot Duty Manager rota, weekend standby pays 95 GBP per day.", rota)
    assert figures_in_context("On the Fleet Maintenance rota, weekend standby pays 95 GBP per day.", rota)
    assert figures_in_context("Weekend standby pays 95 GBP per day.", rota)  # no row named: any row's
    # An item of a list the same: every three years is the forklift refresher's, not the Driver CPC's.
    mandatory = _section("hr/training-and-development-policy.docx", "Driver CPC")
    said = "HGV drivers need 35 hours of Driver CPC periodic training every {} years."
    assert figures_in_context(said.format("five"), mandatory)
    assert not figures_in_context(said.format("three"), mandatory)


def test_a_word_table_row_is_the_context_of_each_of_its_figures():
    # "Item: Ergonomic office chair; Maximum allowance: 220 GBP": the item's name is more than three
    # words before its amount, and still what the amount is for.
    equipment = _section("hr/remote-work-policy.docx", "Ergonomic office chair")
    assert figures_in_context("You can claim up to 220 GBP for an ergonomic office chair.", equipment)
    assert not figures_in_context(
        "You can claim up to 180 GBP for an ergonomic office chair.", equipment
    )  # the monitor's


def test_a_code_is_checked_as_a_name_not_as_an_amount():
    claims = _section("finance/expenses-and-travel-policy.pdf", "FIN-220 (Expense Claim)")
    said = "Claims should go in on form {} within 30 days of the expense."
    assert figures_in_context(said.format("FIN-220"), claims)
    assert not figures_in_context(said.format("FIN-210"), claims)  # no such form there
    assert not figures_in_context(said.format("HR-220"), claims)  # the same number, another form
    # A code the question named is the user's to repeat, like their other figures.
    assert figures_in_context("Form PRL-03 is filed within 30 days of the expense.", claims, given=frozenset({"3"}))


def test_a_word_no_document_holds_is_caught_in_any_form(sample_index):
    """ "dogs" in the answer repeats the "dog" the question asked about, which no document mentions."""
    dress = _hit(sample_index, "may be worn on Fridays")
    checked = sample_index.verifier().verify(
        "Yes, well-behaved dogs are welcome at the Leeds office on Fridays [1].",
        [dress],
        "en",
        "Can I bring my dog to the Leeds office?",
    )
    assert not checked.lead_supported and checked.sentences[0].unknown == ("dogs",)


def test_a_passage_with_its_neighbours_is_checked_chunk_by_chunk(sample_index, passages):
    """A window joining the rail-travel and the carry-over chunks holds words of both; a sentence
    grafting the rail rule's figure onto the carry-over words is backed by neither chunk, so not by
    the window."""
    from dataclasses import replace

    rail, leave = passages[1], passages[2]
    window = replace(
        rail, chunk=replace(rail.chunk, text=f"{rail.chunk.text}\n{leave.chunk.text}"), pieces=(rail.chunk, leave.chunk)
    )
    verifier = sample_index.verifier()
    assert verifier.verify("Employees may carry over up to 8 unused vacation days [1].", [window], "en").verified == {1}
    assert verifier.verify(
        "First class rail travel may be booked where the journey time is longer than four hours [1].", [window], "en"
    ).verified == {1}
    mixed = "Unused vacation days may be carried over for journeys longer than four hours [1]."
    assert verifier.verify(mixed, [window], "en").verified == set()
    # Read as one text, the window lends the rail words and the leave figure to each other.
    joined = replace(window, pieces=())
    assert verifier.verify(mixed, [joined], "en").verified == {1}


def test_a_yes_or_no_needs_a_passage_that_says_so(sample_index):
    # "Depot, warehouse and transport planning staff may not normally take more than five consecutive
    # working days of holiday between 15 November and 31 December."
    peak = [_hit(sample_index, "more than five consecutive working days")]
    verify = sample_index.verifier().verify
    question = "Can depot staff take more than five consecutive working days of holiday in December?"
    no = verify(
        "No, depot staff may not take more than five consecutive working days of holiday in December.",
        peak,
        "en",
        question=question,
    )
    assert no.lead_supported and no.verified == {1} and no.sentences[0].echo
    yes = verify(
        "Yes, depot staff can take more than five consecutive working days of holiday in December.",
        peak,
        "en",
        question=question,
    )
    assert not yes.lead_supported and yes.text == ""


def test_a_yes_to_words_the_question_offers_as_alternatives_needs_one_of_them(sample_index):
    # policyqa-dev: "Yes, you can update, change, or modify your information" was declined where the
    # policy says "you may review and update certain user information": the three words the user
    # offered counted as three words the passage had to hold.
    clocking = [_hit(sample_index, "the record can be corrected")]
    verify = sample_index.verifier().verify
    question = "If I forget to clock in, can the record be corrected, changed or updated?"
    yes = verify("Yes, the record can be corrected, changed or updated.", clocking, "en", question=question)
    assert yes.lead_supported and yes.verified == {1} and yes.sentences[0].echo
    # A word of the same meaning that the sentence alone writes is no word the passage says.
    edited = verify("Yes, the record can be edited.", clocking, "en", question="Can the record be edited?")
    assert not edited.lead_supported


def test_a_yes_the_passage_denies_is_not_supported(sample_index):
    peak = [_hit(sample_index, "more than five consecutive working days")]
    checked = sample_index.verifier().verify(
        "Yes, depot staff take more than five consecutive working days of holiday between 15 November and "
        "31 December [1].",
        peak,
        "en",
        question="What are the holiday rules for depot staff at peak times?",
    )
    assert not checked.lead_supported and checked.rejected == {1}


def test_a_yes_whose_own_words_say_what_the_question_asks_to_do_without_is_needed(sample_index):
    # h2o-dev: "Can an autopsy be performed without written consent?" -> "Yes, an autopsy may be
    # performed only with a written consent" was shown as checked. Its own words answer no.
    wifi = [_hit(sample_index, "may be used only with the VPN connected")]
    verify = sample_index.verifier().verify
    question = "Can I use public Wi-Fi in a hotel without the VPN?"
    yes = verify(
        "Yes, public Wi-Fi in hotels, stations and cafes may be used only with the VPN connected [1].",
        wifi,
        "en",
        question=question,
    )
    assert not yes.lead_supported and yes.verified == set()
    no = verify(
        "No, public Wi-Fi in hotels, stations and cafes may be used only with the VPN connected [1].",
        wifi,
        "en",
        question=question,
    )
    assert no.lead_supported and no.verified == {1}
    # A "yes" that keeps the "without" is read as before.
    weekend = [_hit(sample_index, "without loss of pay")]
    late = verify(
        "Yes, you may start work up to four hours later the next day without loss of pay [1].",
        weekend,
        "en",
        question="After a night call-out, can I start later without losing pay?",
    )
    assert late.lead_supported and late.verified == {1}


def _indexed_pdf(root, name: str, title: str, pages: list[str]):
    """One real PDF indexed with the fake embedder (real parsing, Chroma and SQLite): for checks of
    words, not vectors."""
    from documents import write_pdf
    from fake_embedder import HashingEmbedder

    from conftest import indexed_folder

    write_pdf(root / "docs" / name, title, pages)
    return indexed_folder(root / "docs", root / "data", HashingEmbedder())


@pytest.fixture(scope="module")
def contract(tmp_path_factory):
    """An employment contract whose schedule opens with a heading line."""
    return _indexed_pdf(
        tmp_path_factory.mktemp("contract"),
        "employment-contract.pdf",
        "Employment Contract",
        [
            "Your Job Description sets out your role. The Job Description is attached at the back of this "
            "document. Your Employer may change your duties from time to time.",
            "Signed by the employee. Schedule 1 Job Description - Marie Kyle Job Title manager Reporting to "
            "the Director or any other person your Employer nominates from time to time. Main duties and "
            "responsibilities: Managing Team. This Job Description is not exhaustive.",
        ],
    )


def test_a_yes_is_not_vouched_for_by_a_heading_where_the_passage_denies_it(contract):
    # h2o-dev: the schedule's heading holds as many words of the answer as the sentence that denies
    # it. "Yes, the Job Description provided in the Schedule is exhaustive" was shown as checked.
    schedule = [_hit(contract, "not exhaustive")]
    verify = contract.verifier().verify
    question = "Is the Job Description provided in the Schedule exhaustive?"
    yes = verify(
        "Yes, the Job Description provided in the Schedule is exhaustive [1].", schedule, "en", question=question
    )
    assert not yes.lead_supported and yes.text == ""
    no = verify("No, the Job Description is not exhaustive [1].", schedule, "en", question=question)
    assert no.lead_supported and no.verified == {1}


@pytest.fixture(scope="module")
def retention(tmp_path_factory):
    """A bank's retention schedule: a table of records kept permanently, and one of records kept
    for a period that its heading states, each row numbered."""
    permanent = "\n".join(
        f"{n} {item}. Permanent"
        for n, item in enumerate(
            ["Register of Members", "Minutes Book of Directors", "Key Register", "Leave Record Register"], start=28
        )
    )
    ten = "\n".join(
        f"{n} {item}. Not less than 10 Years"
        for n, item in enumerate(["Cash Book", "Clearing Registers", "Suspicious Transaction Records"], start=1)
    )
    return _indexed_pdf(
        tmp_path_factory.mktemp("retention"),
        "retention-policy.pdf",
        "Document Retention Policy",
        [
            f"A. Records to be preserved permanently\nS. No. Name of Document\n{permanent}",
            f"B. Records to be preserved for a period of not less than 10 years\nS. No. Name of Document\n{ten}",
        ],
    )


def test_a_figure_is_the_row_s_that_names_what_it_is_about(retention):
    # h2o-dev: "leave record registers … not less than 10 years" was shown as checked from another
    # table's heading, where a passage given beside it has the row "31 Leave Record Register. Permanent".
    tables = [_hit(retention, "Leave Record Register"), _hit(retention, "Cash Book")]
    verify = retention.verifier().verify
    question = "What is the retention period for leave record registers?"
    wrong = verify(
        "Leave record registers are preserved for a period of not less than 10 years [2].",
        tables,
        "en",
        question=question,
    )
    assert not wrong.lead_supported and wrong.verified == set()
    right = verify("Leave record registers are preserved permanently [1].", tables, "en", question=question)
    assert right.lead_supported and right.verified == {1}
    # The row that names its subject gives the figure.
    cash = verify(
        "Cash books are preserved for not less than 10 years [2].",
        tables,
        "en",
        question="What is the retention period for cash books?",
    )
    assert cash.lead_supported and cash.verified == {2}


def test_a_minimum_is_what_a_table_calls_not_less_than(retention):
    # h2o-dev: "The minimum retention period for records related to uncleared bills is 5 years" was
    # declined: the schedule says "1 Uncleared Bill. Not less than 5 years" and never "minimum".
    tables = [_hit(retention, "Cash Book")]
    verify = retention.verifier().verify
    minimum = verify(
        "The minimum retention period for cash books is 10 years [1].",
        tables,
        "en",
        question="What is the minimum retention period for cash books?",
    )
    assert minimum.lead_supported and minimum.verified == {1}
    maximum = verify(
        "The maximum retention period for cash books is 10 years [1].",
        tables,
        "en",
        question="What is the maximum retention period for cash books?",
    )
    assert not maximum.lead_supported
    # A bound's words before a quantity only: "up to the manager" says no maximum.
    from rag.answer.question import _bounds_said

    assert _bounds_said("Carry over up to eight days; at least 3 weeks' notice.") == {"maximum", "minimum"}
    assert _bounds_said("It is up to the manager, hasta el lunes.") == set()


def test_a_heading_below_a_row_does_not_give_the_row_its_figure(tmp_path_factory):
    # h2o-dev: "The retention period for indemnity bonds is 10 years" was shown as checked from a
    # page whose row "45 Indemnity Bonds. Permanent" comes before the heading of the 10-year table.
    page = (
        "A. Records to be preserved permanently\nS. No. Name of Document\n"
        "44 Furniture files. Permanent\n45 Indemnity Bonds. Permanent\n46 Office Order Book. Permanent\n"
        "B. Records to be preserved for a period of not less than 10 years\nS. No. Name of Document\n"
        "1 Cash Book\n2 Clearing Registers\n3 Suspicious Transaction Records"
    )
    s = _indexed_pdf(tmp_path_factory.mktemp("one-page"), "retention-policy.pdf", "Document Retention Policy", [page])
    [hit] = [_hit(s, "Indemnity Bonds")]
    verify = s.verifier().verify
    question = "What is the retention period for indemnity bonds?"
    wrong = verify("The retention period for indemnity bonds is 10 years [1].", [hit], "en", question=question)
    assert not wrong.lead_supported
    right = verify("Indemnity bonds are preserved permanently [1].", [hit], "en", question=question)
    assert right.lead_supported and right.verified == {1}
    # A row under the heading takes the heading's figure.
    cash = verify(
        "Cash books are preserved for not less than 10 years [1].",
        [hit],
        "en",
        question="What is the retention period for cash books?",
    )
    assert cash.lead_supported and cash.verified == {1}


def test_a_question_naming_a_document_is_answered_from_it_alone(sample_index, passages):
    # [3] is the leave policy's carry-over rule; the question names the Expenses and Travel Policy.
    text = "You can carry over up to 8 unused vacation days into the next year [3]."
    verify = sample_index.verifier().verify
    assert verify(text, passages, "en").verified == {3}
    named = ("finance/expenses-and-travel-policy.pdf",)
    assert not verify(text, passages, "en", named=named).lead_supported


def test_a_yes_must_be_about_what_the_question_asks(sample_index):
    # The car park passage never speaks of charging: "Yes, … EV charging bays" grafts the question onto it.
    park = [_hit(sample_index, "Staff parking is in Car Park A")]
    verify = sample_index.verifier().verify
    grafted = verify(
        "Yes, Car Park A behind the main building has EV charging bays for staff; you need a parking "
        "permit from Facilities on extension 4300 [1].",
        park,
        "en",
        question="Are there charging points for electric cars in the Leeds car park?",
    )
    assert not grafted.lead_supported
    # The verb it asks with is the passage's to word its own way ("Can I keep it?" / "You may accept").
    gifts = [_hit(sample_index, "up to a value of 50 GBP per gift")]
    kept = verify(
        "Yes, you can keep it, since gifts from suppliers are acceptable up to 50 GBP per gift [1].",
        gifts,
        "en",
        question="A supplier sent me a bottle of wine worth about 40 GBP. Can I keep it?",
    )
    assert kept.lead_supported and kept.verified == {1}


@pytest.mark.parametrize(
    "needle, answer, held, grafted",
    [
        # policyqa-dev: "Can I update, change or modify my information?" -> "Yes, you can update,
        # change, or modify your information by logging in…" was declined: the passage says
        # "update". One of the alternatives a question offers is enough.
        (
            "you may book leave during probation",
            "Yes, you can book or schedule leave during probation with your manager's approval [1].",
            "Can I book or schedule leave during probation?",
            "Can I schedule leave during probation?",
        ),
        # nomiracl-dev: "Which metal is found in the Clove Furnace Ruin?" -> "The metal found in
        # the Clove Furnace Ruin is iron." was declined: the passage names the iron, never
        # "metal". The kind of thing asked for is the passage's to name by the thing itself.
        (
            "PeoplePoint transfers the balance automatically",
            "The tool that transfers carried-over days to the new year is PeoplePoint [1].",
            "Which tool transfers carried-over days to the new year?",
            "Is there a tool that transfers carried-over days?",
        ),
    ],
    ids=["alternatives offered", "the kind asked for"],
)
def test_how_a_question_asks_decides_which_of_its_words_the_passage_must_hold(
    sample_index, needle, answer, held, grafted
):
    passage = [_hit(sample_index, needle)]
    verify = sample_index.verifier().verify
    checked = verify(answer, passage, "en", question=held)
    assert checked.lead_supported and checked.verified == {1}
    # Asked on its own, or about as a thing, a word the passage never uses is still the question
    # grafted onto it.
    assert not verify(answer, passage, "en", question=grafted).lead_supported


def test_the_direct_answer_must_be_about_what_the_question_asks(sample_index):
    # The compassionate-leave passage never says "special leave", its document does (the heading of
    # section 8, a chunk before): a direct answer may take the word. No word of the Leave Policy is
    # "gift": an answer that takes it from the question grafts the question onto another rule.
    bereavement = [_hit(sample_index, "On the death of a partner, child, parent or sibling")]
    verify = sample_index.verifier().verify
    special = "Special leave on the death of a parent is up to five days of paid compassionate leave [1]."
    assert verify(
        special, bereavement, "en", question="How much special leave do I get on the death of a parent?"
    ).lead_supported
    gift = "Gift leave on the death of a parent is up to five days of paid compassionate leave [1]."
    assert verify(gift, bereavement, "en").lead_supported
    assert not verify(
        gift, bereavement, "en", question="How much gift leave do I get on the death of a parent?"
    ).lead_supported
    # A phrasal verb is taken whole: the on-call policy says "carry your company phone", never "carry over".
    rest = [_hit(sample_index, "at least one full day off in every seven days")]
    said = "You can carry over one full day off in every seven days [1]."
    assert verify(said, rest, "en").lead_supported
    assert not verify(said, rest, "en", question="How many vacation days can I carry over?").lead_supported
