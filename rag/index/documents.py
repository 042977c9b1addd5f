"""The document index: the one place that changes what is indexed, in the crash-safe order.

Three stores hold a document: the vector store (Chroma, rag/index/store.py), its manifest row and its
keyword rows (one SQLite file, rag/index/manifest.py and rag/index/keywords.py). They cannot disagree after a
crash because every change here follows one order:

    write (replace, move)   row 'pending' -> vector store -> row 'indexed' + keyword rows, one transaction
    fail                    row 'failed' + keyword rows dropped, one transaction -> vector store
    remove                  vector store -> row and keyword rows, one transaction
    relabel                 row and keyword rows (what every search checks) -> the vector store's copy

A 'pending' row found later means "redo this file"; chunks that no 'indexed' row lists are orphans
(`repair_keywords`, `drop_orphans`, called by ingest/reindex.py's repair pass). Reading stays with
the stores themselves: the retriever searches the vector store and the keyword table directly.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from rag.index.manifest import DocumentRecord, Manifest
from rag.index.store import VectorStore
from rag.types import Chunk

Written = tuple[list[Chunk], list[list[float]]]


class DocumentIndex:
    """Writes documents into the vector store, the manifest and the keyword table together."""

    def __init__(self, store: VectorStore, manifest: Manifest):
        self.store = store
        self.manifest = manifest

    def replace(self, record: DocumentRecord, chunks: list[Chunk], vectors: list[list[float]]) -> None:
        """`record`'s document now holds exactly these chunks (a new or changed file)."""

        def write() -> Written:
            self.store.replace_source(record.source, chunks, vectors)
            return chunks, vectors

        self._write(record, write)

    def move(self, old: DocumentRecord, record: DocumentRecord) -> None:
        """A renamed file: its chunks take `record.source` (and its label) with their vectors; the
        old row goes in the same transaction as the new one is written. `record.chunk_ids` says
        how many chunks the store still had."""
        self._write(record, lambda: self.store.move_source(old.source, record.source, record.access), old.source)

    def fail(self, record: DocumentRecord, reason: str) -> None:
        """A file that could not be read: its row says why, and its old text stops answering."""
        record.status, record.error, record.indexed_at = "failed", reason, time.time()
        with self.manifest.transaction():
            self.manifest.put(record)
            self.manifest.keywords.delete_source(record.source)
        self.store.delete_source(record.source)

    def remove(self, source: str) -> None:
        """A deleted file: its chunks leave the vector store, then its row and keyword rows."""
        self.store.delete_source(source)
        self.manifest.delete(source)

    def update(self, record: DocumentRecord) -> None:
        """A row whose chunks do not change: a file touched but equal, a date read later."""
        self.manifest.put(record)

    def relabel(self, record: DocumentRecord, label: str) -> None:
        """Who may read a document changes (rag/people/access.py); nothing is embedded again."""
        self.manifest.set_access(record.source, label)
        if record.chunk_ids:
            self.store.set_access(record.chunk_ids, label)

    def repair_keywords(self, source: str, access: str) -> int:
        """Rebuild a document's keyword rows from the vector store's chunks and vectors (no
        embedding), with the manifest's label; return how many."""
        chunks, vectors = self.store.chunks_for_source(source)
        chunks = [replace(c, access=access) for c in chunks]
        with self.manifest.transaction():
            self.manifest.keywords.replace_source(source, chunks, vectors)
        return len(chunks)

    def drop_orphans(self, source: str) -> None:
        """Chunks of a document no 'indexed' row accounts for: out of both stores."""
        self.store.delete_source(source)
        with self.manifest.transaction():
            self.manifest.keywords.delete_source(source)

    def reset(self, embed_model: str) -> None:
        """Empty everything, for a rebuild with `embed_model` (`faro reindex --full`)."""
        self.store.reset(embed_model)
        self.manifest.clear()

    def _write(self, record: DocumentRecord, write_store: Callable[[], Written], forget: str = "") -> None:
        # 'pending' first: a crash while the vector store is written leaves a row that says "redo me".
        record.status, record.indexed_at = "pending", time.time()
        self.manifest.put(record)
        chunks, vectors = write_store()
        record.chunk_ids, record.status = [c.chunk_id for c in chunks], "indexed"
        # The row, its keyword rows (and a renamed file's old row) change together or not at all.
        with self.manifest.transaction():
            self.manifest.put(record)
            self.manifest.keywords.replace_source(record.source, chunks, vectors)
            if forget:
                self.manifest.delete(forget)
