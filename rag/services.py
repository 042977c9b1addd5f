"""build_services(settings): the one place that picks and wires the implementations.

The embedder and the generator load lazily: `faro doctor`, a re-ingest of unchanged files and the
first paint of the page must not wait for models they do not use.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field, replace

from rag.answer.verify import Verifier
from rag.errors import FaroError, GeneratorUnavailable
from rag.index.documents import DocumentIndex
from rag.index.filters import Filters
from rag.index.manifest import Manifest
from rag.index.store import ChromaStore, VectorStore
from rag.models.embedder import Embedder, make_embedder
from rag.models.generator import Generator, OllamaGenerator, OpenAICompatibleGenerator
from rag.models.rerank import CrossEncoderReranker
from rag.people.access import AccessGate, AccessRules, User
from rag.people.audit import AuditLog
from rag.people.auth import UsersFile, account_user
from rag.search.retrieve import Retriever
from rag.settings import Settings
from rag.types import Answer

log = logging.getLogger("faro.services")


def ollama_generator(settings: Settings) -> OllamaGenerator:
    return OllamaGenerator(
        settings.ollama_host,
        settings.ollama_model,
        temperature=settings.temperature,
        context_tokens=settings.context_tokens,
        max_tokens=settings.max_answer_tokens,
        timeout=settings.request_timeout,
    )


def openai_generator(settings: Settings) -> OpenAICompatibleGenerator:
    return OpenAICompatibleGenerator(
        settings.openai_base_url,
        settings.openai_model,
        settings.openai_api_key,
        temperature=settings.temperature,
        context_tokens=settings.context_tokens,
        max_tokens=settings.max_answer_tokens,
        timeout=settings.request_timeout,
    )


def embedded_generator(settings: Settings):
    from pathlib import Path

    from rag.models.embedded_llm import EmbeddedGenerator
    from rag.models.packaged_model import ensure_packaged_model

    path = (
        Path(settings.embedded_model_path)
        if settings.embedded_model_path
        else ensure_packaged_model(settings.models_dir)
    )
    if not path.is_file():
        raise GeneratorUnavailable(f"FARO_EMBEDDED_MODEL_PATH={path} is not a GGUF file on this machine.")
    return EmbeddedGenerator(
        path,
        threads=settings.embedded_threads,
        context_tokens=settings.context_tokens,
        max_tokens=settings.max_answer_tokens,
        temperature=settings.temperature,
    )


def make_generator(settings: Settings) -> tuple[Generator, str]:
    """The generator the settings ask for, and a note for the UI and `doctor` when auto fell back."""
    kind = settings.generator
    if kind == "ollama":
        return ollama_generator(settings), ""
    if kind == "openai":
        return openai_generator(settings), ""
    if kind == "embedded":
        return embedded_generator(settings), ""
    ollama = ollama_generator(settings)
    try:
        ollama.check()
        return ollama, ""
    except GeneratorUnavailable as exc:
        note = (
            f"Ollama is not available ({exc}). Using the embedded model, which is for trying "
            "Faro out: point FARO_OLLAMA_MODEL / OLLAMA_HOST at an Ollama server for real use."
        )
        return embedded_generator(settings), note


@dataclass
class Services:
    """What every door (CLI, page, watcher) needs, built once per process by `build_services`.
    It wires; the work is done by the parts it holds."""

    settings: Settings
    embedder: Embedder
    store: VectorStore
    manifest: Manifest
    index: DocumentIndex  # the one writer of store and manifest together
    retriever: Retriever
    access: AccessGate  # who may read what, as the access file says now
    _generator: Generator | None = None
    generator_note: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _audit: AuditLog | None = None

    def with_generator(self, generator: Generator) -> Services:
        """The same index and models, answering with `generator` (a replayed draft, a test double)."""
        return replace(self, _generator=generator, generator_note="", _lock=threading.Lock())

    def with_settings(self, settings: Settings) -> Services:
        """The same index and models under other settings (another data_dir for the audit log, users
        and feedback); what was cached from the old settings is read again."""
        return replace(
            self,
            settings=settings,
            access=AccessGate(settings.access_file, self.index),
            _lock=threading.Lock(),
            _audit=None,
        )

    @property
    def min_score(self) -> float:
        """The relevance gate: FARO_MIN_SCORE, else the embedding model's own floor."""
        if self.settings.min_score is not None:
            return self.settings.min_score
        return self.embedder.relevance_floor

    @property
    def support_floor(self) -> float:
        """The citation check's similarity: FARO_VERIFY_MIN_SIMILARITY, else the embedding model's own."""
        if self.settings.verify_min_similarity is not None:
            return self.settings.verify_min_similarity
        return self.embedder.support_floor

    def verifier(self, filters: Filters | None = None) -> Verifier:
        """Checks answers against their passages with this index's embedder and stored vectors;
        which words the index knows is read only in what `filters` lets the user read."""
        keywords, access = self.retriever.keywords, filters.access if filters is not None else None
        return Verifier(
            self.embedder.embed_query,
            keywords.vectors,
            self.embedder.embed_documents,
            min_overlap=self.settings.verify_min_overlap,
            min_similarity=self.support_floor,
            known_terms=lambda terms: keywords.known(terms, access),
            document_terms=keywords.in_source,
        )

    def access_rules(self) -> AccessRules:
        """The access file's rules as they are now (rag/people/access.py AccessGate)."""
        return self.access.rules()

    def filters_for(self, user: User | None, filters: Filters | None = None) -> Filters:
        """`filters` narrowed to what `user` may read (rag/people/access.py AccessGate)."""
        return self.access.filters_for(user, filters)

    def audit(self) -> AuditLog:
        """The audit trail, kept as the settings say (retention, question text or not)."""
        with self._lock:
            if self._audit is None:
                self._audit = audit_log(self.settings)
            return self._audit

    def record_question(self, user: User, answer: Answer, via: str) -> None:
        """Audit an answered question the same way from every door: the documents put before the
        user, those the passages shown came from and those the answer cites."""
        shown = {c.chunk.source for c in answer.citations} | {h.chunk.source for h in answer.hits}
        self.audit().question(user, answer.question, sorted(shown), abstained=answer.abstained, via=via)

    def users(self) -> UsersFile:
        return UsersFile(self.settings.users_path)

    def user_named(self, name: str) -> User:
        """A user of the users file, with their groups (for `--as NAME`); FaroError if unknown."""
        account = self.users().find(name)
        if account is None:
            raise FaroError(f"--as {name}: no such user in {self.settings.users_path} (add one with `faro users add`)")
        return account_user(account, self.settings.admin_group)

    def generator(self) -> Generator:
        """The generator, chosen and built on first use."""
        with self._lock:
            if self._generator is None:
                self._generator, self.generator_note = make_generator(self.settings)
                if self.generator_note:  # for the operator: the log, `faro doctor`, the Index page
                    log.warning("%s", self.generator_note)
            return self._generator


# Threads for embedding questions when FARO_EMBED_THREADS is 0. A question is a few dozen tokens:
# e5 embedded it in 40 ms (p50) on one thread and 45 ms on two, idle, and one thread does not wait
# on a busy neighbour (bench/bench_scale.py). Ingestion embeds batches and uses every core.
SEARCH_THREADS = 1


def embedder_for(settings: Settings, *, ingesting: bool = False) -> Embedder:
    """The embedding model FARO_EMBED_MODEL names (loaded on first use), with threads for the job:
    a process that ingests embeds batches on every core, one that answers questions uses one."""
    threads = settings.embed_threads or (0 if ingesting else SEARCH_THREADS)
    return make_embedder(
        settings.embed_model, device=settings.embed_device, batch_size=settings.embed_batch_size, threads=threads
    )


# The parts a door may open alone, without loading a model (`faro status`, `faro audit`, `faro doctor`).


def audit_log(settings: Settings) -> AuditLog:
    """The audit trail, kept as the settings say (retention, question text or not)."""
    return AuditLog(
        settings.audit_path, retention_days=settings.audit_retention_days, store_questions=settings.audit_questions
    )


def open_manifest(settings: Settings) -> Manifest:
    return Manifest(settings.manifest_path)


def open_store(settings: Settings, embed_model: str | None = None) -> VectorStore:
    """The vector store the settings name, for vectors of `embed_model` (default FARO_EMBED_MODEL)."""
    return ChromaStore.from_settings(settings, embed_model)


def build_services(
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    generator: Generator | None = None,
    store: VectorStore | None = None,
    ingesting: bool = False,
) -> Services:
    """Wire the embedder, store, manifest and (lazily) the generator the settings name.

    An embedder, generator or store passed in is used as is: tests share one loaded model this way.
    `ingesting`: the process ingests (faro ingest, watch, reindex), which sizes the embedder's threads.
    """
    embedder = embedder or embedder_for(settings, ingesting=ingesting)
    # The index records the model whose vectors it holds: the embedder's, which a caller may pass.
    store = store or open_store(settings, embedder.name)
    manifest = open_manifest(settings)
    reranker = (
        CrossEncoderReranker(settings.rerank_model, device=settings.embed_device) if settings.rerank_model else None
    )
    retriever = Retriever(
        embedder,
        store,
        manifest.keywords,
        mode=settings.retrieval,
        candidates=settings.candidates,
        dense_weight=settings.dense_weight,
        language_centering=settings.language_centering,
        reranker=reranker,
        rerank_top_n=settings.rerank_top_n,
        duplicate_similarity=settings.duplicate_similarity,
        per_document=settings.passages_per_document,
        document_margin=settings.document_margin,
        context_words=settings.context_words,
        versions=manifest.versions,
        names=manifest.document_names if settings.named_documents else None,
    )
    index = DocumentIndex(store, manifest)
    return Services(
        settings=settings,
        embedder=embedder,
        store=store,
        manifest=manifest,
        index=index,
        retriever=retriever,
        access=AccessGate(settings.access_file, index),
        _generator=generator,
    )
