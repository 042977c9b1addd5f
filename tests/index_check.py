"""`assert_index_equals_folder`: the index holds exactly a folder's documents, chunk by chunk.

The rules for which files count are written out here rather than taken from `ingest.pipeline`, so
that a mistake there cannot hide itself in the tests.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

# Files an admin expects Faro to look at: indexed, or refused with a reason.
DOCUMENT_SUFFIXES = {
    ".pdf",
    ".docx",
    ".md",
    ".markdown",
    ".txt",
    ".doc",
    ".rtf",
    ".odt",
    ".pptx",
    ".ppt",
    ".xlsx",
    ".xls",
    ".pages",
}


def _is_temporary(part: str) -> bool:
    return part.startswith((".", "~$")) or part.endswith(("~", ".tmp", ".part", ".crdownload", ".partial"))


def folder_documents(folder: Path) -> dict[str, Path]:
    """source -> path for every document-like, non-temporary file under `folder`."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and path.suffix.lower() in DOCUMENT_SUFFIXES and not any(_is_temporary(p) for p in rel.parts):
            out[rel.as_posix()] = path
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stored_chunks(services) -> dict[str, dict[str, tuple[dict, str]]]:
    """source -> {chunk id: (metadata, text)}, read straight from the Chroma collection."""
    got = services.store._col.get(include=["metadatas", "documents"])
    by_source: dict[str, dict[str, tuple[dict, str]]] = {}
    for cid, meta, text in zip(got["ids"], got["metadatas"], got["documents"]):
        by_source.setdefault(str((meta or {}).get("source")), {})[cid] = (meta or {}, text or "")
    return by_source


def assert_index_equals_folder(services, folder: Path, *, exact: bool = False) -> None:
    """Every document of `folder` has one settled manifest row whose chunk ids are what Chroma holds.

    No chunk of a source outside the folder, no duplicate (same text at the same page and section)
    or stale chunk (every chunk carries the
    file's current sha256). `exact` also re-parses and re-chunks every indexed file (no embedding)
    and requires the very chunk ids a fresh ingest would produce.
    """
    folder = Path(folder)
    files = folder_documents(folder)
    rows = {r.source: r for r in services.manifest.all()}
    assert set(rows) == set(files), (
        f"manifest rows without a file: {sorted(set(rows) - set(files))}; "
        f"files without a row: {sorted(set(files) - set(rows))}"
    )
    stored = stored_chunks(services)
    indexed = {s for s, r in rows.items() if r.status == "indexed"}
    assert set(stored) <= indexed, f"chunks of sources not indexed: {sorted(set(stored) - indexed)}"
    assert services.store.count() == sum(len(c) for c in stored.values())
    for source, row in rows.items():
        digest = sha256(files[source])
        assert row.status in ("indexed", "failed"), f"{source}: left {row.status}"
        assert row.doc_hash == digest, f"{source}: manifest hash is not the file's"
        chunks = stored.get(source, {})
        if row.status == "failed":
            assert row.error.strip(), f"{source}: failed without a reason"
            assert not chunks, f"{source}: failed but still has {len(chunks)} chunks"
            continue
        assert set(row.chunk_ids) == set(chunks), f"{source}: manifest chunk ids != Chroma's"
        assert len(row.chunk_ids) == len(set(row.chunk_ids)) == row.chunks, f"{source}: chunk count"
        assert chunks, f"{source}: indexed with no chunks"
        metas = [m for m, _ in chunks.values()]
        assert {m["doc_hash"] for m in metas} == {digest}, f"{source}: stale chunks"
        assert sorted(m["position"] for m in metas) == list(range(len(metas))), f"{source}: positions"
        # A passage may legitimately repeat on another page or under another heading; the same
        # text twice at one place is a chunk stored twice.
        texts = Counter((t, m["page"], m["section"]) for m, t in chunks.values())
        assert not [t for t, n in texts.items() if n > 1], f"{source}: duplicate chunk texts"
        if exact:
            assert set(chunks) == fresh_chunk_ids(services, files[source], source), (
                f"{source}: not what a fresh ingest makes"
            )


def fresh_chunk_ids(services, path: Path, source: str) -> set[str]:
    """The chunk ids a fresh ingest of `path` as `source` would store (parse and chunk, no embedding)."""
    from ingest.chunk import chunk_budget, chunk_document
    from ingest.parse import parse_file

    s, emb = services.settings, services.embedder
    chunks = chunk_document(
        parse_file(path),
        source=source,
        doc_hash=sha256(path),
        count_tokens=emb.count_tokens,
        size=chunk_budget(emb.max_tokens, s.chunk_tokens),
        overlap=s.chunk_overlap,
    )
    return {c.chunk_id for c in chunks}
