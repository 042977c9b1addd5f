"""The answer pipeline end to end: real retrieval, an Ollama double over HTTP, checked citations."""
from __future__ import annotations

from rag.answer import AnswerStream, answer_question
from rag.generator import OllamaGenerator

from conftest import with_generator


def _services(indexed, double):
    gen = OllamaGenerator(double.url, "qwen2.5:3b", temperature=0.1, context_tokens=4096,
                          max_tokens=200, timeout=10)
    return with_generator(indexed, gen)


def test_answer_streams_and_cites_the_retrieved_passages(indexed, ollama_double):
    ollama_double.reply("You can carry over up to 8 unused vacation days [1], to be used by 30 April [1][9].")
    s = _services(indexed, ollama_double)
    stream = AnswerStream("How many vacation days can I carry over to next year?", s)
    pieces = list(stream)
    answer = stream.answer
    assert len(pieces) > 3  # streamed, not one block
    assert answer.text == "You can carry over up to 8 unused vacation days [1], to be used by 30 April [1]."
    assert "[9]" not in "".join(pieces)  # a marker naming no passage never reaches the reader
    assert [c.marker for c in answer.citations] == [1]
    assert answer.citations[0].chunk == answer.hits[0].chunk
    assert not answer.abstained
    assert {"retrieve", "first_token", "generate", "total"} <= set(answer.timings)
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
