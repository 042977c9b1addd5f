"""The passages are fitted into the model's context: a long passage never fails the answer."""

from __future__ import annotations

import pytest
from documents import write_pdf

from conftest import double_generator, indexed_folder
from rag.answer.budget import prompt_room
from rag.answer.prompt import build_messages, passage_block
from rag.answer.stream import AnswerStream, gather
from rag.errors import ConfigError
from rag.services import build_services
from rag.settings import load_settings
from rag.text.tokens import estimate_tokens

QUESTION = "What is the mileage rate for grade 7 staff in the rate tables?"


def _rate_page(page: int) -> str:
    """A page of a rate table: figures cost far more tokens per word than prose does."""
    rows = [
        f"Grade {g} band {page}.{g}: mileage rate 0.{page}{g}45 EUR per km from 2025-0{1 + g % 9}-1{g % 10}, "
        f"cap 1{g}{page}4.56 EUR, code FIN-{page}{g}0{g}."
        for g in range(1, 15)
    ]
    return "Mileage rate tables. " + " ".join(rows)


@pytest.fixture(scope="module")
def rate_tables(tmp_path_factory):
    """A PDF of twelve pages of rate tables, indexed with the fake embedder (real parsing, Chroma, SQLite)."""
    from fake_embedder import HashingEmbedder

    root = tmp_path_factory.mktemp("rates")
    write_pdf(root / "docs" / "rates.pdf", "Mileage Rate Tables", [_rate_page(p) for p in range(1, 13)])
    return indexed_folder(root / "docs", root / "data", HashingEmbedder(), context_tokens=1536, max_answer_tokens=400)


def test_figures_cost_more_tokens_than_words():
    prose = "Employees may carry over unused holiday into the first quarter of the next year."
    figures = "Rate 0.4545 EUR from 2025-03-14, cap 1234.56 EUR, code FIN-2204, band 7.12."
    assert len(figures.split()) <= len(prose.split())
    assert estimate_tokens(figures) > 2 * estimate_tokens(prose) > 0


def test_long_passages_are_fitted_into_the_context(rate_tables, ollama_double):
    s = rate_tables
    settings = s.settings
    hits, _, p = gather(QUESTION, s, settings.top_k)
    whole = [h for h in hits if h.chunk.source == "rates.pdf"]
    assert p is not None and whole
    # Given whole, these passages would not fit: the fitting is what this test exercises.
    blocks = sum(estimate_tokens(passage_block(n, h)) for n, h in enumerate(p.current, start=1))
    room = prompt_room(settings.context_tokens, settings.max_answer_tokens, QUESTION)
    assert blocks <= room
    assert sum(estimate_tokens(h.chunk.text) for h in hits[: len(p.current) + 1]) > room

    ollama_double.reply("The mileage rate for grade 7 is in the rate tables [1].")
    found = []
    stream = AnswerStream(
        QUESTION,
        build_services(settings, embedder=s.embedder, generator=double_generator(ollama_double)),
        on_found=found.append,
    )
    "".join(stream)
    sent = ollama_double.requests[0]
    prompt = sum(estimate_tokens(m["content"]) for m in sent["messages"])
    assert prompt <= settings.context_tokens - settings.max_answer_tokens
    # What the page showed while the model wrote is exactly what the model read and what is cited.
    assert [h.chunk.text for h in found[0]] == [h.chunk.text for h in stream.answer.hits[: len(found[0])]]
    assert all(h.chunk.text in sent["messages"][1]["content"] for h in found[0])
    assert sent["messages"] == build_messages(QUESTION, found[0], "en")


def test_a_passage_loses_its_neighbours_before_its_own_text(rate_tables):
    from rag.answer.budget import fit
    from rag.answer.conflicts import plan

    s = rate_tables
    hits = s.retriever.search(QUESTION, s.settings.top_k)
    widened = next(h for h in hits if h.pieces)
    own = next(c for c in widened.pieces if c.position == widened.chunk.position)
    room = estimate_tokens(passage_block(1, widened))
    # A context that holds the first passage's own chunk but not all of its neighbours.
    tight = prompt_room(0, 0, QUESTION) * -1 + estimate_tokens(passage_block(1, widened)) - 1
    fitted = fit(plan([widened], QUESTION), QUESTION, tight, 0)
    [given] = fitted.current
    assert own.text in given.chunk.text
    assert len(given.pieces) < len(widened.pieces) and estimate_tokens(passage_block(1, given)) < room


def test_a_context_too_small_for_the_passages_is_refused_with_the_setting_named():
    with pytest.raises(ConfigError, match="FARO_MAX_ANSWER_TOKENS=1000.*FARO_CONTEXT_TOKENS"):
        load_settings(context_tokens=1536, max_answer_tokens=1000, _env_file=None)


@pytest.mark.slow
def test_the_embedded_model_answers_from_passages_fitted_to_a_small_context(indexed, packaged_model):
    """Eight of the sample's passages with their neighbours take about 2,000 tokens: llama.cpp
    refused them in a 1,536-token context before they were fitted."""
    from conftest import engine_installed
    from rag.models.embedded_llm import EmbeddedGenerator

    if not engine_installed():
        pytest.skip("xllamacpp is not installed (pip install xllamacpp)")
    settings = indexed.settings.model_copy(update={"context_tokens": 1536, "max_answer_tokens": 400})
    gen = EmbeddedGenerator(packaged_model[0], context_tokens=1536, max_tokens=400, temperature=0.0)
    try:
        s = build_services(settings, embedder=indexed.embedder, generator=gen)
        question = "How many vacation days can I carry over to next year?"
        _, _, p = gather(question, indexed, 8)
        whole = sum(estimate_tokens(passage_block(n, h)) for n, h in enumerate(p.current, start=1))
        assert whole > 1536  # the passages as found would not fit at all
        stream = AnswerStream(question, s, k=8)
        "".join(stream)
        assert stream.answer.hits and stream.answer.generator.startswith("embedded")
        assert gen.last_timings.get("prompt_n", 0) + gen.last_timings.get("cache_n", 0) <= 1536 - 400 + 100
    finally:
        gen.close()
