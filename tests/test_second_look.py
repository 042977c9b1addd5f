"""The second look: a sentence none of the model's passages supports is searched for itself.

Real retrieval over the sample index, the real embedder, an Ollama double over HTTP. The question
"Can I get paid time off to help out at a local food bank?" shares no words with the section that
answers it ("8.4 Volunteering and moving house"), which is not among the passages the model reads.
"""

from __future__ import annotations

from conftest import double_generator, with_generator
from rag.answer.quotes import QUOTE_NOTE
from rag.answer.stream import answer_question
from rag.index.filters import Filters

FOOD_BANK = "Can I get paid time off to help out at a local food bank?"
VOLUNTEERING = (
    "Yes. Every employee may take two days of paid volunteering leave per holiday year to support a "
    "registered charity or community organisation, with at least four weeks' notice [2]."
)


def _services(sample_index, double, **settings):
    gen = double_generator(double)
    s = with_generator(sample_index, gen)
    return s.with_settings(s.settings.model_copy(update=settings)) if settings else s


def _prompt(double) -> str:
    return double.requests[0]["messages"][1]["content"]


def test_a_sentence_backed_by_a_passage_the_model_did_not_read_is_cited_to_it(sample_index, ollama_double):
    ollama_double.reply(VOLUNTEERING)
    answer = answer_question(FOOD_BANK, _services(sample_index, ollama_double))
    assert "Volunteering" not in _prompt(ollama_double)  # the precondition: the model never saw it
    assert not answer.abstained and answer.unsupported == []
    cited = {c.marker: c for c in answer.citations if c.verified}
    found = [c for c in cited.values() if c.found]
    assert [c.chunk.section for c in found] == ["8. Special leave > 8.4 Volunteering and moving house"]
    assert found[0].chunk.source == "hr/leave-policy-2025.pdf"
    assert f"[{found[0].marker}]" in answer.text and "[2]" not in answer.text  # the model's wrong marker is gone
    assert found[0].marker > _prompt(ollama_double).count("<<<")  # numbered after the model's passages
    assert answer.to_json()["citations"][[c.marker for c in answer.citations].index(found[0].marker)]["found_by_search"]


def test_the_second_look_is_a_setting(sample_index, ollama_double):
    ollama_double.reply(VOLUNTEERING)
    answer = answer_question(FOOD_BANK, _services(sample_index, ollama_double, verify_search=0))
    assert answer.abstained and answer.abstained_by == "verification"


def test_a_wrong_figure_is_not_found_elsewhere(sample_index, ollama_double):
    # The section says four weeks' notice; six weeks stands in other passages, not beside these words.
    ollama_double.reply(
        "Yes. Every employee may take two days of paid volunteering leave per holiday year to "
        "support a registered charity, with at least six weeks' notice [1]."
    )
    answer = answer_question(FOOD_BANK, _services(sample_index, ollama_double))
    assert answer.abstained and not any(c.found for c in answer.citations)


def test_an_older_version_is_not_found(sample_index, ollama_double):
    # "up to 5 unused days" is the 2023 policy's limit; the 2025 policy, which says 8, superseded it.
    ollama_double.reply("You may carry over up to 5 unused vacation days into the next holiday year [1].")
    answer = answer_question(FOOD_BANK, _services(sample_index, ollama_double))
    assert answer.abstained
    assert all(c.chunk.source != "hr/leave-policy-2023.pdf" for c in answer.citations)


def test_what_a_filter_or_access_keeps_out_stays_out(sample_index, ollama_double):
    ollama_double.reply(VOLUNTEERING)
    answer = answer_question(
        FOOD_BANK, _services(sample_index, ollama_double), filters=Filters(folders=("operations",))
    )
    assert answer.abstained
    assert all(c.chunk.source.startswith("operations/") for c in answer.citations)


def test_a_word_no_document_holds_is_not_vouched_for_by_any_passage(sample_index, ollama_double):
    # No document mentions dogs; the Leeds dress code holds the rest of the words.
    ollama_double.reply(
        "Yes: at the Leeds head office, dogs in good condition may come on Fridays and on any "
        "other day on which you have no external meetings."
    )
    answer = answer_question("Can I bring my dog to the Leeds office?", _services(sample_index, ollama_double))
    assert answer.abstained and "dogs" not in answer.text
    assert all(c.note == QUOTE_NOTE for c in answer.citations)  # only what the documents say, quoted


def test_the_passage_found_must_be_the_one_most_about_the_sentence(sample_index, ollama_double):
    # Probation lasts six months ("5. Probationary period"); "three months" is when new starters'
    # support ends ("5.3"). The probation section holds more of the sentence and not its figure.
    ollama_double.reply(
        "Probation lasts three months from your first day of employment, and this applies to all new starters [1]."
    )
    answer = answer_question(FOOD_BANK, _services(sample_index, ollama_double))
    assert "Probationary period" not in _prompt(ollama_double)
    assert answer.abstained and not any(c.found for c in answer.citations)


def test_a_rule_applied_to_what_no_document_names_is_looked_for_by_the_rule(sample_index, ollama_double):
    """No document says "Dropbox", so the sentence as a whole cannot be vouched for; its rule, before
    "such as Dropbox", is looked for in the documents' own words, and the passage holding it is cited."""
    ollama_double.reply(
        "No. Company files must be stored in OneDrive or SharePoint, not on personal cloud storage such as Dropbox."
    )
    question = "Can I keep work documents in my personal Dropbox so I can get to them from home?"
    answer = answer_question(question, _services(sample_index, ollama_double), k=2)
    assert "OneDrive" not in _prompt(ollama_double)  # the precondition: the model never saw it (3rd by the question)
    assert not answer.abstained, answer.text
    found = [c for c in answer.citations if c.found and c.verified]
    assert [c.chunk.source for c in found] == ["it/acceptable-use-and-security-policy.pdf"]
    assert "OneDrive" in found[0].chunk.text
    # Grafted onto a rule, the word still is what no passage vouches for.
    ollama_double.reply("Yes, Dropbox is fine for company files; they must be stored in OneDrive or SharePoint too.")
    assert answer_question(question, _services(sample_index, ollama_double), k=2).abstained
