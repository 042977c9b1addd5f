"""The optional reranking stage: a local CrossEncoder directory (FARO_RERANK_MODEL) rescoring the
first FARO_RERANK_TOP_N fused candidates.

No cross-encoder ships with Faro, so the tests build a tiny one from scratch. It is a real
BertForSequenceClassification in a directory that sentence-transformers loads offline, with the
word-piece vocabulary of the packaged all-MiniLM-L6-v2. Its weights are set by hand, not trained,
so that its score is a known function: it grows with the share of the pair's word pieces that are
"badge". The tests can then say which order a correct reranking stage must produce.
"""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest
from documents import write_docx, write_pdf

from ingest.pipeline import Ingestor
from rag.errors import RerankerUnavailable
from rag.models.embedder import PACKAGED_MINILM, hub_offline, resolve_model_path
from rag.services import Services, build_services
from rag.settings import Settings

KEY_WORD = "badge"
QUESTION = "How do visitors get a badge at the Leeds office?"
TOP_N = 3
TOKENIZER_FILES = ("vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")


def _tiny_cross_encoder(path: Path, key_word: str) -> Path:
    """A one-layer BERT cross-encoder whose score for a (question, passage) pair is
    tanh(p / sqrt(2p^2 - 4p + 4)), where p is the share of the pair's word pieces ([CLS] and [SEP]
    included) that are `key_word`. The score rises strictly with p.

    How: every word piece is embedded as (0, 0, 1, -1, 0...) and the key piece as (1, -1, 0, 0...).
    After the embedding LayerNorm these become 4 * the same vectors. The attention has zero
    queries and keys, so it averages all tokens evenly, and identity values and output make
    [CLS] = LayerNorm(e_cls + mean). Its first component is 4p / sqrt(2p^2 - 4p + 4). The
    feed-forward block adds nothing, the pooler reads that component (times 1/4) through tanh, and
    the classifier passes the result on. The activation is Identity.
    """
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    src = resolve_model_path(PACKAGED_MINILM)
    path.mkdir(parents=True, exist_ok=True)
    for name in TOKENIZER_FILES:
        shutil.copy(src / name, path / name)
    tokenizer = AutoTokenizer.from_pretrained(str(path))
    key_ids = tokenizer(key_word, add_special_tokens=False)["input_ids"]
    assert len(key_ids) == 1, f"{key_word!r} is not one word piece: {key_ids}"

    hidden = 32
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=hidden,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=8,
        num_labels=1,
        max_position_embeddings=512,
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
    )
    config.sentence_transformers = {"activation_fn": "torch.nn.modules.linear.Identity"}
    model = BertForSequenceClassification(config)
    with torch.no_grad():
        for p in model.parameters():
            p.zero_()
        words = model.bert.embeddings.word_embeddings.weight
        words[:, 2], words[:, 3] = 1.0, -1.0
        words[key_ids[0]] = 0.0
        words[key_ids[0], 0], words[key_ids[0], 1] = 1.0, -1.0
        layer = model.bert.encoder.layer[0]
        for norm in (model.bert.embeddings.LayerNorm, layer.attention.output.LayerNorm, layer.output.LayerNorm):
            norm.weight.fill_(1.0)
        layer.attention.self.value.weight.copy_(torch.eye(hidden))
        layer.attention.output.dense.weight.copy_(torch.eye(hidden))
        model.bert.pooler.dense.weight[0, 0] = 0.25
        model.classifier.weight[0, 0] = 1.0
    model.save_pretrained(str(path))
    return path


def _designed_score(tokenizer, question: str, passage: str, key_word: str) -> float:
    ids = tokenizer(question, passage)["input_ids"]
    key = tokenizer.convert_tokens_to_ids(key_word)
    p = sum(i == key for i in ids) / len(ids)
    return math.tanh(p / math.sqrt(2 * p * p - 4 * p + 4))


@pytest.fixture(scope="module")
def cross_encoder(tmp_path_factory) -> Path:
    return _tiny_cross_encoder(tmp_path_factory.mktemp("reranker") / "tiny-badge-ce", KEY_WORD)


@pytest.fixture(scope="module")
def tokenizer(cross_encoder):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(cross_encoder))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, embedder) -> tuple[Path, Path]:
    """Site-access policies as a PDF and a Word file, indexed with MiniLM: (docs, data)."""
    root = tmp_path_factory.mktemp("rerank")
    docs, data = root / "docs", root / "data"
    write_pdf(
        docs / "operations/site-access.pdf",
        "Site Access Procedure",
        [
            "Visitors to the Leeds head office sign in at reception and receive a visitor badge, which they "
            "wear visibly and hand back when they leave.",
            "Employees who lose their badge report it to security the same day; a replacement badge costs "
            "ten pounds and is issued within two working days.",
            "Contractors working at the Leeds office for more than five days are issued a contractor badge "
            "by the facilities team.",
        ],
    )
    write_docx(
        docs / "operations/security-handbook.docx",
        "Security Handbook",
        [
            (
                "Badge colours",
                "Badge colours: a blue badge for staff, a green badge for contractors, a red badge for visitors.",
            ),
            ("Tailgating", "Do not let anyone follow you through a secure door without scanning their own pass."),
            (
                "Parking",
                "Parking permits for the Leeds office (form FAC-31) are issued by facilities "
                "and displayed on the dashboard.",
            ),
            ("Out of hours", "Entering the building out of hours needs the written approval of the site manager."),
            ("Lockers", "Lockers on the ground floor are assigned by reception to visitors staying a full day."),
        ],
    )
    settings = Settings(data_dir=data, docs_dir=docs, _env_file=None)
    s = build_services(settings, embedder=embedder)
    report = Ingestor(settings, embedder, s.store, s.manifest).ingest([docs])
    assert report.count("failed") == 0 and report.chunks == 8, report.to_json()
    return docs, data


def _services(corpus, embedder, **rerank) -> Services:
    docs, data = corpus
    # Reranking alone: one passage per document first (the default) would reorder its output again.
    rerank.setdefault("passages_per_document", 0)
    rerank.setdefault("context_words", 0)  # eight one-line chunks: neighbours would merge them
    return build_services(Settings(data_dir=data, docs_dir=docs, _env_file=None, **rerank), embedder=embedder)


def _ids(hits) -> list[str]:
    return [h.chunk.chunk_id for h in hits]


@pytest.mark.slow  # loads a cross-encoder
def test_the_tiny_cross_encoder_scores_by_design(cross_encoder, tokenizer):
    """The fixture itself: sentence-transformers loads it offline and it scores as designed."""
    from sentence_transformers import CrossEncoder

    hub_offline()
    passages = [
        "Visitors receive a visitor badge at reception.",
        "Parking permits are issued by facilities.",
        "badge badge badge",
        "Badge colours: a blue badge for staff.",
    ]
    got = CrossEncoder(str(cross_encoder), device="cpu").predict(
        [(QUESTION, p) for p in passages], show_progress_bar=False
    )
    want = [_designed_score(tokenizer, QUESTION, p, KEY_WORD) for p in passages]
    assert [float(g) for g in got] == pytest.approx(want, abs=1e-5)
    assert want[2] > want[3] > want[0] > want[1]


@pytest.mark.parametrize("mode", ["hybrid", "dense"])
def test_the_reranker_reorders_the_top_n_and_leaves_the_rest(corpus, embedder, cross_encoder, tokenizer, mode):
    from sentence_transformers import CrossEncoder

    fused = _services(corpus, embedder).retriever.search(QUESTION, 8, mode=mode)
    reranked = _services(corpus, embedder, rerank_model=str(cross_encoder), rerank_top_n=TOP_N).retriever.search(
        QUESTION, 8, mode=mode
    )
    assert len(fused) == len(reranked) == 8

    # The order the reranker must produce: the fused top N, sorted by the CrossEncoder's own scores.
    top = fused[:TOP_N]
    scores = [
        float(x)
        for x in CrossEncoder(str(cross_encoder), device="cpu").predict(
            [(QUESTION, h.chunk.text) for h in top], show_progress_bar=False
        )
    ]
    assert scores == pytest.approx(
        [_designed_score(tokenizer, QUESTION, h.chunk.text, KEY_WORD) for h in top], abs=1e-5
    )
    gaps = [abs(a - b) for i, a in enumerate(scores) for b in scores[i + 1 :]]
    assert min(gaps) > 1e-4, scores  # no near-ties: the expected order is well defined
    expected = [h for _, h in sorted(zip(scores, top), key=lambda p: -p[0])]
    beyond = [_designed_score(tokenizer, QUESTION, h.chunk.text, KEY_WORD) for h in fused[TOP_N:]]
    # The corpus must hold a better-scored passage beyond the top N ("Badge colours"), else a
    # reranker that rescored every candidate would pass too. Adjust the corpus if this fails.
    assert max(beyond) > max(scores), [h.chunk.text[:40] for h in fused]

    assert _ids(reranked[:TOP_N]) == _ids(expected), [h.chunk.text[:50] for h in reranked]
    assert _ids(reranked[TOP_N:]) == _ids(fused[TOP_N:])  # beyond rerank_top_n: the fused order
    assert _ids(reranked) != _ids(fused)  # and the reranker did change something
    assert [h.rank for h in reranked] == list(range(1, 9))
    # Reranking reorders; the relevance gate still judges each passage by its cosine similarity.
    by_id = {h.chunk.chunk_id: h for h in fused}
    assert all(h.score == by_id[h.chunk.chunk_id].score for h in reranked)


def test_a_top_n_beyond_the_candidates_reranks_them_all(corpus, embedder, cross_encoder, tokenizer):
    hits = _services(corpus, embedder, rerank_model=str(cross_encoder), rerank_top_n=50).retriever.search(QUESTION, 8)
    scores = [_designed_score(tokenizer, QUESTION, h.chunk.text, KEY_WORD) for h in hits]
    assert len(hits) == 8 and scores == sorted(scores, reverse=True)
    assert "Badge colours" in hits[0].chunk.text  # four "badge"s in a short passage


def _unusable(tmp: Path, kind: str) -> Path:
    if kind == "missing":
        return tmp / "no-such-model"
    if kind == "broken-config":
        (tmp / "config.json").write_text("{not json", encoding="utf-8")
    if kind == "a-file":
        (tmp / "model.safetensors").write_bytes(b"\0" * 64)
        return tmp / "model.safetensors"
    return tmp  # "empty-folder", "broken-config"


@pytest.mark.parametrize("kind", ["missing", "empty-folder", "broken-config", "a-file"])
def test_an_unusable_rerank_model_is_a_clear_error_naming_the_path(corpus, embedder, tmp_path, kind):
    path = _unusable(tmp_path, kind)
    s = _services(corpus, embedder, rerank_model=str(path))  # the reranker loads on first use
    with pytest.raises(RerankerUnavailable, match=re.escape(str(path))):
        s.retriever.search(QUESTION, 4)


def test_an_embedding_model_is_not_accepted_as_a_reranker(corpus, embedder):
    path = resolve_model_path(PACKAGED_MINILM)  # a sentence-transformers bi-encoder, not a cross-encoder
    s = _services(corpus, embedder, rerank_model=str(path))
    with pytest.raises(RerankerUnavailable, match=re.escape(str(path))):
        s.retriever.search(QUESTION, 4)


def test_a_passage_holding_the_identifier_asked_about_stays_first_after_reranking(corpus, embedder, cross_encoder):
    question = "Do I need form FAC-31 for a badge?"
    hits = _services(corpus, embedder, rerank_model=str(cross_encoder), rerank_top_n=TOP_N).retriever.search(
        question, 4
    )
    # The reranker prefers passages full of "badge"; the form's own passage still leads.
    assert hits[0].exact and "FAC-31" in hits[0].chunk.text
    assert not any(h.exact for h in hits[1:])


def test_doctor_checks_the_reranker(corpus, cross_encoder):
    from rag.ops.doctor import run_checks

    docs, data = corpus
    good = {
        c.name: c
        for c in run_checks(
            Settings(data_dir=data, docs_dir=docs, rerank_model=str(cross_encoder), generator="ollama", _env_file=None)
        )
    }
    assert good["reranker"].ok, good["reranker"].detail
    minilm = resolve_model_path(PACKAGED_MINILM)
    bad = {
        c.name: c
        for c in run_checks(
            Settings(data_dir=data, docs_dir=docs, rerank_model=str(minilm), generator="ollama", _env_file=None)
        )
    }
    assert not bad["reranker"].ok and "not a cross-encoder" in bad["reranker"].detail
    assert "reranker" not in {
        c.name for c in run_checks(Settings(data_dir=data, docs_dir=docs, generator="ollama", _env_file=None))
    }
