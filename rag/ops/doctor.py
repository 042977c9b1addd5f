"""`faro doctor`: check each part Faro needs and say plainly what is missing and how to fix it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rag.errors import FaroError
from rag.settings import Settings


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    essential: bool = True


def _check_store(settings: Settings) -> Check:
    from rag.services import open_manifest, open_store

    try:
        store = open_store(settings)
        summary = open_manifest(settings).summary()
    except FaroError as exc:
        return Check("index", False, str(exc))
    where = f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else str(settings.chroma_dir)
    detail = f"{summary['documents']} documents, {store.count()} chunks, {summary['failed']} failed files at {where}"
    if store.count() == 0:
        return Check("index", False, detail + ". Run `faro ingest FOLDER` to index your documents.")
    return Check("index", True, detail)


def _check_embedder(settings: Settings) -> Check:
    from rag.services import embedder_for

    try:
        emb = embedder_for(settings)
        return Check(
            "embedding model",
            True,
            f"{settings.embed_model}: {emb.dimension} dimensions, reads {emb.max_tokens} tokens",
        )
    except FaroError as exc:
        return Check("embedding model", False, str(exc))


def _check_generator(settings: Settings) -> Check:
    from rag.services import make_generator

    try:
        generator, note = make_generator(settings)
        generator.check()
    except FaroError as exc:
        return Check("generator", False, str(exc))
    detail = generator.name + (f". {note}" if note else "")
    return Check("generator", True, detail)


def _check_access(settings: Settings) -> Check:
    """The access file parses and the way people sign in can admit someone."""
    from rag.people.access import AccessRules
    from rag.people.auth import UsersFile

    try:
        rules = AccessRules.load(settings.access_file)
        accounts = UsersFile(settings.users_path).accounts()
    except FaroError as exc:
        return Check("access", False, str(exc))
    where = (
        f"{len(rules.rules)} rules in {settings.access_file}"
        if settings.access_file
        else "no access file: everyone reads every document"
    )
    if settings.auth == "off":
        return Check(
            "access",
            True,
            f"{where}; sign-in is OFF (FARO_AUTH=off): anyone who reaches the page is "
            "an anonymous user who sees the admin pages",
            essential=False,
        )
    if settings.auth == "local":
        admins = sum(settings.admin_group.lower() in {g.lower() for g in a.groups} for a in accounts.values())
        detail = f"{where}; sign-in with the users file: {len(accounts)} users, {admins} in {settings.admin_group}"
        if not any(a.password_hash for a in accounts.values()):
            return Check(
                "access",
                False,
                detail + ". Nobody can sign in yet: add someone with "
                f"`faro users add NAME --groups {settings.admin_group}`.",
                essential=False,
            )
        return Check("access", True, detail)
    return Check("access", True, f"{where}; sign-in by {settings.auth}")


def _check_reranker(settings: Settings) -> Check:
    from rag.models.rerank import CrossEncoderReranker

    try:
        CrossEncoderReranker(settings.rerank_model, device=settings.embed_device).scores("check", ["a passage"])
    except FaroError as exc:
        return Check("reranker", False, str(exc))
    return Check("reranker", True, settings.rerank_model)


def run_checks(settings: Settings) -> Iterator[Check]:
    """Each check in turn: index, access and sign-in, embedding model, reranker (when set), generator."""
    yield _check_store(settings)
    yield _check_access(settings)
    yield _check_embedder(settings)
    if settings.rerank_model:
        yield _check_reranker(settings)
    yield _check_generator(settings)
