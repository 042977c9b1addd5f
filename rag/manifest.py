"""The manifest: one SQLite row per document file that Faro has seen, indexed or failed.

It answers "is this file unchanged?" without loading any model, and tells admins what is indexed,
what failed and why. A document is keyed by its path *and* its content hash: the hash alone would
merge two distinct files with the same text, the path alone would miss edits.
"""
from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, asdict
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    source      TEXT PRIMARY KEY,
    doc_hash    TEXT NOT NULL,
    size        INTEGER NOT NULL,
    mtime       REAL NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    pages       INTEGER NOT NULL DEFAULT 0,
    chunks      INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL,          -- 'indexed' or 'failed'
    error       TEXT NOT NULL DEFAULT '',
    indexed_at  REAL NOT NULL
);
"""


@dataclass
class DocumentRecord:
    source: str
    doc_hash: str
    size: int
    mtime: float
    title: str = ""
    pages: int = 0
    chunks: int = 0
    status: str = "indexed"
    error: str = ""
    indexed_at: float = 0.0

    def to_json(self) -> dict:
        return asdict(self)


class Manifest:
    """The SQLite manifest next to the vector store."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        # One connection per Manifest; Streamlit reruns may use it from another thread.
        self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def get(self, source: str) -> DocumentRecord | None:
        """The record of one document, or None if Faro has never seen it."""
        row = self._db.execute(
            "SELECT source, doc_hash, size, mtime, title, pages, chunks, status, error, indexed_at "
            "FROM documents WHERE source = ?",
            (source,),
        ).fetchone()
        return DocumentRecord(*row) if row else None

    def put(self, record: DocumentRecord) -> None:
        """Insert or replace the record of one document."""
        record.indexed_at = record.indexed_at or time.time()
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?)",
                (record.source, record.doc_hash, record.size, record.mtime, record.title,
                 record.pages, record.chunks, record.status, record.error, record.indexed_at),
            )

    def delete(self, source: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM documents WHERE source = ?", (source,))

    def all(self) -> list[DocumentRecord]:
        """Every record, by source."""
        rows = self._db.execute(
            "SELECT source, doc_hash, size, mtime, title, pages, chunks, status, error, indexed_at "
            "FROM documents ORDER BY source"
        ).fetchall()
        return [DocumentRecord(*r) for r in rows]

    def summary(self) -> dict:
        """Counts for the sidebar and `faro doctor`: documents, chunks, failures, last ingest time."""
        docs, chunks, failed, last = self._db.execute(
            "SELECT SUM(status='indexed'), COALESCE(SUM(chunks),0), SUM(status='failed'), MAX(indexed_at) FROM documents"
        ).fetchone()
        return {"documents": docs or 0, "chunks": chunks or 0, "failed": failed or 0, "last_ingest": last}

    def titles(self) -> dict[str, str]:
        """Document title per source, for labelling citations."""
        return dict(self._db.execute("SELECT source, title FROM documents WHERE status='indexed'").fetchall())
