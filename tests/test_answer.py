"""The answer pipeline end to end: real retrieval, an Ollama double over HTTP, checked citations."""
from __future__ import annotations

from rag.answer import AnswerStream, answer_question

from conftest import with_generator, double_generator


def _services(indexed, double):
    gen = double_generator(double)
    return with_generator(indexed, gen)


def test_answer_streams_and_cites_the_retrieved_passages(indexed, ollama_double):
    ollama_double.reply("You can carry over up to 8 unused vacation days [1], to be used by 30 April [1][9].")
    s = _services(indexed, ollama_double)
    stream = AnswerStream("How many vacation days can I carry over to next year?", s)
    pieces = list(stream)
    answer = stream.answer
    assert len(pieces) > 3  # streamed, not one block
    assert answer.text.startswith("You can carry over up to 8 unused vacation days [1], to be used by 30 April [1].")
    assert "[9]" not in "".join(pieces)  # a marker naming no passage never reaches the reader
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


def test_the_model_saying_it_does_not_know_is_an_abstention(indexed, ollama_double):
    ollama_double.reply("I don't know: the documents do not say.")
    s = _services(indexed, ollama_double)
    answer = answer_question("Does Meridian Freight offer a company car to managers?", s)
    assert answer.abstained and answer.citations == []


def test_an_answer_no_passage_supports_becomes_an_abstention(indexed, ollama_double):
    ollama_double.reply("Yes: every employee gets a company car and a monthly fuel card worth 300 GBP [1].")
    answer = answer_question("Does Meridian Freight offer a company car to managers?", _services(indexed, ollama_double))
    assert answer.abstained and answer.abstained_by == "verification" and answer.citations == []
    assert "does not clearly answer" in answer.text and "Closest documents" in answer.text
    assert answer.unsupported == ["Yes: every employee gets a company car and a monthly fuel card worth 300 GBP."]


def test_the_json_says_which_citations_were_verified(indexed, ollama_double):
    ollama_double.reply("You can carry over up to 8 unused vacation days [1]. Staff also get a free gym pass [1].")
    out = answer_question("How many vacation days can I carry over to next year?",
                          _services(indexed, ollama_double)).to_json()
    assert out["unsupported_sentences"] == ["Staff also get a free gym pass."]
    first = out["citations"][0]
    assert first["verified"] is True and first["highlights"]
    assert out["abstained_by"] == ""


def test_a_follow_up_is_rewritten_from_the_history_before_retrieval(indexed, ollama_double):
    ollama_double.reply("How many vacation days can part-time staff carry over to next year?")
    ollama_double.reply("Part-time staff carry over a pro-rata share of the 8 days [1].")
    history = [{"role": "user", "content": "How many vacation days can I carry over to next year?"},
               {"role": "assistant", "content": "You can carry over up to 8 unused vacation days [1]."}]
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
    strict = build_services(indexed.settings.model_copy(update={"min_score": best + 0.01}),
                            embedder=indexed.embedder, generator=gen)
    answer = answer_question(question, strict)
    assert answer.abstained and answer.abstained_by == "retrieval" and ollama_double.requests == []
    assert "Closest documents" in answer.text and "leave-policy-2025.pdf" in answer.text
    lenient = build_services(indexed.settings.model_copy(update={"min_score": best - 0.01}),
                             embedder=indexed.embedder, generator=gen)
    ollama_double.reply("You can carry over up to 8 unused vacation days [1].")
    assert not answer_question(question, lenient).abstained and len(ollama_double.requests) == 1


def test_a_statement_that_something_is_not_covered_is_not_an_abstention(indexed, ollama_double):
    ollama_double.reply("Carried-over days must be used by 30 April of the following year and are not "
                        "covered after that [1].")
    answer = answer_question("How many vacation days can I carry over to next year?", _services(indexed, ollama_double))
    assert not answer.abstained and answer.citations[0].verified


def test_an_answer_about_something_no_document_mentions_is_declined(indexed, ollama_double):
    # The draft's lead claim repeats "dog", which no document contains; the quote after it is real.
    ollama_double.reply("Yes, you can bring your dog to the office. This is supported by passage [1], which says "
                        "that employees may carry over up to 8 unused vacation days [1].")
    answer = answer_question("Can I bring my dog to the office?", _services(indexed, ollama_double))
    assert answer.abstained and answer.abstained_by == "verification"
    assert answer.unsupported[0] == "Yes, you can bring your dog to the office."
