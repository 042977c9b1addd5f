"""The answer pipeline end to end: real retrieval, an Ollama double over HTTP, checked citations."""

from __future__ import annotations

from conftest import double_generator, indexed_folder, with_generator
from rag.answer.prompt import NOT_SAID_MESSAGE
from rag.answer.quotes import QUOTE_NOTE
from rag.answer.stream import AnswerStream, answer_question
from rag.index.filters import Filters


def _services(indexed, double):
    gen = double_generator(double)
    return with_generator(indexed, gen)


def test_answer_streams_checked_sentences_only(indexed, ollama_double):
    ollama_double.reply(
        "You can carry over up to 8 unused vacation days [1], to be used by 30 April [1][9]. "
        "Staff also get a free gym pass [1]. Carried-over days are used first when you book "
        "holiday between January and April [1]."
    )
    s = _services(indexed, ollama_double)
    events = []
    stream = AnswerStream(
        "How many vacation days can I carry over to next year?",
        s,
        on_found=lambda hits: events.append(("found", len(ollama_double.requests), len(hits))),
        on_checking=lambda: events.append(("checking",)),
    )
    pieces = []
    for piece in stream:
        events.append(("piece",))
        pieces.append(piece)
    answer = stream.answer
    # The page hears of the passages before the model is asked, and of the final check before the
    # answer's last part (its last sentence and Faro's notes).
    assert events[0][:2] == ("found", 0) and 1 <= events[0][2] <= s.settings.top_k
    assert events[1:] == [("piece",)] * (len(pieces) - 1) + [("checking",), ("piece",)]
    # Each sentence is given once it is finished and checked, before the model has written the rest.
    assert pieces[0] == "You can carry over up to 8 unused vacation days [1], to be used by 30 April [1]."
    assert len(pieces) >= 2  # the last sentence is finished when the stream ends: it comes with the notes
    given = "".join(pieces)
    assert "[9]" not in given  # a marker naming no passage never reaches the reader
    assert "gym" not in given and "gym" not in answer.text  # what no passage supports is not shown as answer
    assert answer.unsupported == ["Staff also get a free gym pass."]
    assert given == stream.shown and given.startswith(answer.text.split("\n\n")[0]) and not stream.revised
    assert "Carried-over days are used first" in answer.text
    first = answer.citations[0]
    assert first.marker == 1 and first.chunk == answer.hits[0].chunk and first.verified
    # The older version's passage is cited by Faro's own note (tests/test_conflicts.py).
    assert [c.note for c in answer.citations[1:]] == ["older version"]
    assert not answer.abstained
    assert {"retrieve", "first_token", "generate", "verify", "total"} <= set(answer.timings)
    assert answer.generator.startswith("ollama qwen2.5:3b")


def test_the_prompt_carries_the_numbered_passages_and_the_question(indexed, ollama_double):
    s = _services(indexed, ollama_double)
    answer = answer_question("How many vacation days can I carry over to next year?", s)
    sent = ollama_double.requests[0]["messages"]
    assert [m["role"] for m in sent] == ["system", "user"]
    user = sent[1]["content"]
    assert "[1] " in user and "carry over up to 8" in " ".join(user.split())
    assert user.count("<<<") == len(answer.hits) <= s.settings.top_k
    assert "Question: How many vacation days can I carry over to next year?" in user


def test_spanish_questions_ask_for_a_spanish_answer(indexed, ollama_double):
    s = _services(indexed, ollama_double)
    answer_question("¿Cuántos días de vacaciones tengo al año en Valencia?", s)
    assert "in Spanish" in ollama_double.requests[0]["messages"][1]["content"]


def test_nothing_relevant_means_abstain_without_calling_the_model(indexed, ollama_double):
    s = _services(indexed, ollama_double)
    answer = answer_question("What is the boiling point of mercury?", s)
    assert answer.abstained and answer.citations == []
    assert "does not cover" in answer.text
    assert ollama_double.requests == []


def _quotes_only(answer) -> None:
    """A declined answer quotes the closest passages verbatim, marked as not an answer."""
    assert "not an answer" in answer.text and answer.citations
    assert [c.marker for c in answer.citations] == sorted({c.marker for c in answer.citations})
    for c in answer.citations:
        assert c.note == QUOTE_NOTE and c.highlights
        for a, b in c.highlights:
            assert f"“{' '.join(c.chunk.text[a:b].split())}” [{c.marker}]" in answer.text


def test_the_model_saying_it_does_not_know_is_an_abstention(indexed, ollama_double):
    ollama_double.reply("I don't know: the documents do not say.")
    s = _services(indexed, ollama_double)
    answer = answer_question("Does Meridian Freight offer a company car to managers?", s)
    assert answer.abstained and answer.abstained_by == "model"
    _quotes_only(answer)


def test_a_decline_the_model_words_is_shown_in_faros_words(indexed, ollama_double):
    # Tried in the browser: the model's "…is not mentioned in the given passages." was the answer's
    # text, talk about its prompt; and a guess after "do not specify" was shown unchecked.
    s = _services(indexed, ollama_double)
    for reply in (
        "The policy on bringing dogs to the office is not mentioned in the given passages.",
        "The documents do not specify a limit, so you can carry over as many days as you like.",
    ):
        ollama_double.reply(reply)
        stream = AnswerStream("How many vacation days can I carry over to next year?", s)
        pieces = list(stream)
        answer = stream.answer
        assert answer.abstained and answer.draft == reply
        assert answer.text.startswith(NOT_SAID_MESSAGE["en"] + "\n\n")
        assert "given passages" not in answer.text and "as many days" not in "".join(pieces) + answer.text
        _quotes_only(answer)
    ollama_double.reply("Los pasajes no mencionan nada sobre perros.")
    answer = answer_question("¿Puedo llevar mi perro a la oficina de Valencia?", s)
    assert answer.abstained and answer.text.startswith(NOT_SAID_MESSAGE["es"])


def test_a_decline_names_the_words_no_document_uses(indexed, ollama_double):
    # "Can I bring my dog…?" declined with quotes about data protection: the reader could not tell
    # whether Faro failed or the documents never speak of dogs. Words as the user typed them.
    s = _services(indexed, ollama_double)

    def declined(question: str) -> str:
        ollama_double.reply("The documents do not say.")
        answer = answer_question(question, s)
        assert answer.abstained
        return answer.text.split("\n\n")[0]

    assert declined("Can I bring my Dog to the Leeds office?") == NOT_SAID_MESSAGE["en"] + (
        " No document uses the word “Dog”."
    )
    # A word of a document's name is no unused word: "pdf" is in no passage, but names the file asked about.
    assert declined("Does the leave-policy-2025.pdf say anything about dogs?").endswith(" uses the word “dogs”.")
    assert declined("¿Puedo llevar a mi perro o a mi gato a la oficina de Valencia?").endswith(
        "Ningún documento usa las palabras «perro» ni «gato»."
    )
    assert declined("How many vacation days can I carry over to next year?") == NOT_SAID_MESSAGE["en"]
    # Declined before the model is asked, too.
    answer = answer_question("What is the boiling point of mercury?", s)
    assert "does not cover" in answer.text and "“mercury”" in answer.text.split("\n\n")[0]
    # Not after a draft that failed the check: its topic may be in the documents under other words.
    ollama_double.reply("Yes, dogs are welcome at the Leeds office on Fridays [1].")
    answer = answer_question("Can I bring my dog to the Leeds office?", s)
    assert answer.abstained_by == "verification" and "No document uses" not in answer.text


def test_an_answer_no_passage_supports_becomes_an_abstention(indexed, ollama_double):
    ollama_double.reply(
        "Yes: every employee gets a company car and a monthly fuel card worth 300 GBP [1]. "
        + "The car is replaced every three years [1]. " * 20
    )
    s = _services(indexed, ollama_double)
    stream = AnswerStream("Does Meridian Freight offer a company car to managers?", s)
    pieces = list(stream)
    answer = stream.answer
    assert answer.abstained and answer.abstained_by == "verification"
    assert "does not clearly answer" in answer.text
    # The declined draft is never given out, nor quoted back.
    assert "company car" not in "".join(pieces) and "fuel card" not in answer.text
    _quotes_only(answer)
    assert answer.unsupported == ["Yes: every employee gets a company car and a monthly fuel card worth 300 GBP."]
    # The model was stopped once its direct answer failed: the rest was never read.
    assert "replaced" not in answer.draft


def test_the_json_says_which_citations_were_verified(indexed, ollama_double):
    ollama_double.reply("You can carry over up to 8 unused vacation days [1]. Staff also get a free gym pass [1].")
    out = answer_question(
        "How many vacation days can I carry over to next year?", _services(indexed, ollama_double)
    ).to_json()
    assert out["unsupported_sentences"] == ["Staff also get a free gym pass."]
    first = out["citations"][0]
    assert first["verified"] is True and first["highlights"]
    assert out["abstained_by"] == ""


def test_a_follow_up_is_rewritten_from_the_history_before_retrieval(indexed, ollama_double):
    ollama_double.reply("How many vacation days can part-time staff carry over to next year?")
    ollama_double.reply("Part-time staff carry over a pro-rata share of the 8 days [1].")
    history = [
        {"role": "user", "content": "How many vacation days can I carry over to next year?"},
        {"role": "assistant", "content": "You can carry over up to 8 unused vacation days [1]."},
    ]
    answer = answer_question("And for part-time staff?", _services(indexed, ollama_double), history=history)
    rewrite, answer_call = ollama_double.requests
    assert "How many vacation days can I carry over to next year?" in rewrite["messages"][-1]["content"]
    assert answer.rewritten == "How many vacation days can part-time staff carry over to next year?"
    assert "Question: How many vacation days can part-time staff carry over" in answer_call["messages"][1]["content"]
    assert answer.to_json()["rewritten_question"] == answer.rewritten


def test_the_relevance_floor_decides_when_the_model_is_not_called(indexed, ollama_double):
    from rag.services import build_services

    gen = double_generator(ollama_double)
    question = "How many vacation days can I carry over to next year?"
    best = max(h.score for h in indexed.retriever.search(question, indexed.settings.top_k))
    strict = build_services(
        indexed.settings.model_copy(update={"min_score": best + 0.01}), embedder=indexed.embedder, generator=gen
    )
    answer = answer_question(question, strict)
    assert answer.abstained and answer.abstained_by == "retrieval" and ollama_double.requests == []
    assert "Closest documents" in answer.text and "leave-policy-2025.pdf" in answer.text
    lenient = build_services(
        indexed.settings.model_copy(update={"min_score": best - 0.01}), embedder=indexed.embedder, generator=gen
    )
    ollama_double.reply("You can carry over up to 8 unused vacation days [1].")
    assert not answer_question(question, lenient).abstained and len(ollama_double.requests) == 1


def test_a_statement_that_something_is_not_covered_is_not_an_abstention(indexed, ollama_double):
    ollama_double.reply(
        "Carried-over days must be used by 30 April of the following year and are not covered after that [1]."
    )
    answer = answer_question("How many vacation days can I carry over to next year?", _services(indexed, ollama_double))
    assert not answer.abstained and answer.citations[0].verified


def test_an_answer_about_something_no_document_mentions_is_declined(indexed, ollama_double):
    # The draft's lead claim repeats "dog", which no document contains; the quote after it is real.
    ollama_double.reply(
        "Yes, you can bring your dog to the office. This is supported by passage [1], which says "
        "that employees may carry over up to 8 unused vacation days [1]."
    )
    answer = answer_question("Can I bring my dog to the office?", _services(indexed, ollama_double))
    assert answer.abstained and answer.abstained_by == "verification"
    assert answer.unsupported[0] == "Yes, you can bring your dog to the office."


# Regression tests for issue 19's failures, on the drafts a model wrote (replayed over the Ollama wire).


def test_a_spanish_yes_to_a_company_car_is_declined(indexed, ollama_double):
    # "Sí, tienes derecho…" restates "¿Tengo derecho…?": no passage says so, in any language.
    ollama_double.reply("Sí, tienes derecho a un coche de empresa [1].")
    answer = answer_question("¿Tengo derecho a un coche de empresa?", _services(indexed, ollama_double))
    assert answer.abstained and "coche de empresa" not in answer.text.split("\n\n")[0]


def test_a_bare_yes_or_no_is_checked_as_the_answer_it_gives(indexed, ollama_double):
    # Asked to open with yes or no, the packaged model wrote "No. [1]" and nothing more; a bare
    # "Yes." or "No." holds no words to check, and was shown as the answer.
    s = _services(indexed, ollama_double)
    for bare in ("Sí. [1]", "Sí, lo tienes [1]."):
        ollama_double.reply(bare)
        answer = answer_question("¿Tengo derecho a un coche de empresa?", s)
        assert answer.abstained and answer.abstained_by == "verification", bare
    ollama_double.reply("No. [1]")
    answer = answer_question("Can I carry over unused vacation days to next year?", s)
    assert answer.abstained and answer.unsupported == ["No."]
    # With a sentence after it, that sentence is the direct answer: shown once it holds, the bare
    # "Yes." not judged alone while the model is still writing.
    ollama_double.reply("Yes. You can carry over up to 8 unused vacation days into the next year [1].")
    stream = AnswerStream("Can I carry over unused vacation days to next year?", s)
    given = "".join(stream)
    assert not stream.answer.abstained and given.startswith("Yes. You can carry over up to 8 unused vacation days")


def test_a_yes_said_back_holds_where_the_passage_says_it_in_words_of_the_same_meaning(indexed, ollama_double):
    # "Yes, we collect your data when you visit our website." was declined where the policy says
    # "we may collect … information … which pages were visited" (policyqa-dev): a bare restatement
    # needs a passage sentence holding its words, and "information" is how policies say "data".
    s = _services(indexed, ollama_double)
    ollama_double.reply("Yes, you can ask for your data to be deleted [1].")
    answer = answer_question("Can I ask for my data to be deleted?", s)  # the policy: "ask for data to be erased"
    assert not answer.abstained and answer.text.startswith("Yes, you can ask for your data to be deleted")
    # Two words say too little to be matched by meaning: "change" is not "correct".
    ollama_double.reply("Yes, you can change your data [1].")
    answer = answer_question("Can I change my data?", s)
    assert answer.abstained and answer.unsupported == ["Yes, you can change your data."]


def test_a_list_is_checked_from_its_first_item(indexed, ollama_double):
    # "The factors that need to be considered while choosing the medium for preserving records
    # are:" was judged alone, as the model wrote it: it says the question back, so the model was
    # stopped there and a list it had begun was declined (h2o-dev, nomiracl-dev, policyqa-dev).
    ollama_double.reply(
        "Here is what you should know about carrying over unused holiday:\n\n"
        "- You can carry over up to 8 unused vacation days into the next year [1].\n"
        "- Carried-over days must be used by 30 April [1]."
    )
    question = "What should I know about carrying over unused holiday?"
    stream = AnswerStream(question, _services(indexed, ollama_double))
    given = "".join(stream)
    assert not stream.answer.abstained
    assert given.startswith("Here is what you should know about carrying over unused holiday:")
    assert "up to 8 unused" in given


def test_a_rule_about_something_else_does_not_answer_the_question(indexed, ollama_double):
    # Seen by someone outside hr: the on-call rest rule is not a carry-over rule.
    ollama_double.reply("I can carry over one full day off in every seven days [1].")
    s = _services(indexed, ollama_double)
    answer = answer_question("How many vacation days can I carry over?", s, filters=Filters(folders=("operations",)))
    assert answer.abstained and "seven days [" not in answer.text


def test_a_concluding_sentence_no_passage_holds_leaves_the_answer(indexed, ollama_double):
    ollama_double.reply(
        "You are entitled to two weeks of paternity leave [1]. Therefore, the answer is 14 weeks of parental leave."
    )
    answer = answer_question("How many weeks of paternity leave do I get?", _services(indexed, ollama_double))
    assert not answer.abstained and "two weeks of paternity leave [1]" in answer.text
    assert "14 weeks" not in answer.text
    assert answer.unsupported == ["Therefore, the answer is 14 weeks of parental leave."]


def test_a_loop_is_stopped_and_said_once(indexed, ollama_double):
    ollama_double.reply(
        "You can carry over up to 8 unused vacation days [1]. "
        + "Carried-over days must be used by 30 April [1]. " * 15
    )
    answer = answer_question("How many vacation days can I carry over to next year?", _services(indexed, ollama_double))
    assert answer.text.count("30 April") == 1 and answer.draft.count("30 April") == 1
    assert answer.timings.get("stopped_loop")


def test_an_answer_never_ends_mid_sentence_nor_keeps_meta_talk(indexed, ollama_double):
    ollama_double.reply(
        "You can carry over up to 8 unused vacation days [1]. This is supported by passage on "
        "page 2. Carried-over days must be used by 30 April of the"
    )
    answer = answer_question("How many vacation days can I carry over to next year?", _services(indexed, ollama_double))
    assert answer.text.split("\n\n")[0] == "You can carry over up to 8 unused vacation days [1]."


def test_a_sentence_the_token_limit_cut_after_a_stop_is_dropped(indexed, ollama_double):
    """Ollama ends an answer at its num_predict tokens and says so (done_reason "length"); a cut
    right after "art." or an initial ("y B.") looks like a finished sentence and is half of one."""
    from rag.models.generator import OllamaGenerator

    ollama_double.reply(
        "You can carry over up to 8 unused vacation days [1]. "
        "Days not taken by 30 April are lost, as set out in art. 4 of the policy [1]."
    )
    limited = OllamaGenerator(
        ollama_double.url, "qwen2.5:3b", temperature=0.1, context_tokens=4096, max_tokens=24, timeout=10
    )
    answer = answer_question("How many vacation days can I carry over to next year?", with_generator(indexed, limited))
    assert ollama_double.requests[-1]["options"]["num_predict"] == 24
    assert answer.draft == "You can carry over up to 8 unused vacation days [1]."
    assert answer.text.split("\n\n")[0] == "You can carry over up to 8 unused vacation days [1]."


def test_a_spanish_answer_does_not_repeat_its_last_sentence(indexed, ollama_double):
    said = "Tienes 23 días laborables de vacaciones al año [1]. "
    ollama_double.reply(said + "Se solicitan con un mes de antelación [1]. " * 2)
    answer = answer_question("¿Cuántos días de vacaciones tengo al año en Valencia?", _services(indexed, ollama_double))
    assert answer.draft.count("antelación") <= 1 and answer.text.count("antelación") <= 1


def test_a_title_that_only_names_a_subject_does_not_keep_another_article_from_answering(
    tmp_path, embedder, ollama_double
):
    """An encyclopaedia's article "Paddington Bear" is named by the question, but the author is in
    another article: the question is searched there first, not answered from it alone."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "19759794.txt").write_text(
        "Paddington Bear\n\nPaddington Bear is a fictional character in children's literature. He first "
        "appeared in 1958, and has since featured in films and television series. Paddington is a bear "
        "from Peru who arrives at a London railway station.\n"
    )
    (docs / "5521.txt").write_text(
        "Michael Bond\n\nThomas Michael Bond was an English author. He created the character Paddington "
        "Bear in 1958 and wrote more than twenty books about him.\n"
    )
    s = with_generator(indexed_folder(docs, tmp_path / "data", embedder), double_generator(ollama_double))
    ollama_double.reply("Michael Bond created the character Paddington Bear [2].")
    answer = answer_question("Which author created the character Paddington Bear?", s)
    assert s.retriever.named("Which author created the character Paddington Bear?") == ("19759794.txt",)
    assert not answer.abstained, answer.text
    assert [c.chunk.source for c in answer.citations] == ["5521.txt"]


def test_a_question_naming_a_document_is_not_answered_from_another(indexed, ollama_double):
    # The Travel Policy is named; the leave policy's rule is true but about something else.
    ollama_double.reply("You can carry over up to 8 unused vacation days [1].")
    s = _services(indexed, ollama_double)
    answer = answer_question("What does the Travel Policy say about carrying over vacation days?", s)
    assert answer.abstained or all(
        c.chunk.source == "finance/expenses-and-travel-policy.pdf" for c in answer.citations if not c.note
    )
