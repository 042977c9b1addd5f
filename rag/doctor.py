"""`faro doctor`: check each part Faro needs and say plainly what is missing and how to fix it."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .errors import FaroError
from .settings import Settings


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    essential: bool = True


def _check_store(settings: Settings) -> Check:
    from .manifest import Manifest
    from .store import ChromaStore

    try:
        store = ChromaStore.from_settings(settings)
        summary = Manifest(settings.manifest_path).summary()
    except FaroError as exc:
        return Check("index", False, str(exc))
    where = f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else str(settings.chroma_dir)
    detail = f"{summary['documents']} documents, {store.count()} chunks, {summary['failed']} failed files at {where}"
    if store.count() == 0:
        return Check("index", False, detail + ". Run `faro ingest FOLDER` to index your documents.")
    return Check("index", True, detail)


def _check_embedder(settings: Settings) -> Check:
    from .services import embedder_for

    try:
        emb = embedder_for(settings)
        return Check("embedding model", True, f"{settings.embed_model}: {emb.dimension} dimensions, reads {emb.max_tokens} tokens")
    except FaroError as exc:
        return Check("embedding model", False, str(exc))


def _check_generator(settings: Settings) -> Check:
    from .services import make_generator

    try:
        generator, note = make_generator(settings)
        generator.check()
    except FaroError as exc:
        return Check("generator", False, str(exc))
    detail = generator.name + (f". {note}" if note else "")
    return Check("generator", True, detail)


def _check_reranker(settings: Settings) -> Check:
    from .rerank import CrossEncoderReranker

    try:
        CrossEncoderReranker(settings.rerank_model, device=settings.embed_device).scores("check", ["a passage"])
    except FaroError as exc:
        return Check("reranker", False, str(exc))
    return Check("reranker", True, settings.rerank_model)


def run_checks(settings: Settings) -> Iterator[Check]:
    """Each check in turn: index, embedding model, reranker (when set), generator."""
    yield _check_store(settings)
    yield _check_embedder(settings)
    if settings.rerank_model:
        yield _check_reranker(settings)
    yield _check_generator(settings)
