"""The manifest: one SQLite row per document file that Faro has seen, indexed or failed.

It answers "is this file unchanged?" without loading any model, and tells admins what is indexed,
what failed and why. A document is keyed by its path *and* its content hash: the hash alone would
merge two distinct files with the same text, the path alone would miss edits.

It cannot disagree with Chroma after a crash because of the order of writes, kept by the one
writer of both, rag/index/documents.py: a row is marked 'pending' *before* Chroma is touched, and 'indexed'
with its chunk ids after. A 'pending' row found later means "redo this file"; chunks in Chroma
that no 'indexed' row lists are orphans and are dropped (ingest/reindex.py). The keyword index
lives in the same file and changes in the same transactions as the rows (rag/index/keywords.py).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rag.index import migrations
from rag.index.keywords import KeywordIndex
from rag.text.naming import DocumentNames

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    source      TEXT PRIMARY KEY,
    doc_hash    TEXT NOT NULL,
    size        INTEGER NOT NULL,
    mtime       REAL NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    pages       INTEGER NOT NULL DEFAULT 0,
    chunks      INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL,          -- 'pending', 'indexed' or 'failed'
    error       TEXT NOT NULL DEFAULT '',
    indexed_at  REAL NOT NULL,
    effective   TEXT NOT NULL DEFAULT '',   -- ISO date the document took effect (ingest/versions.py)
    dated_by    TEXT NOT NULL DEFAULT '',   -- where that date was read: 'stated', 'properties', 'file'
    policy      TEXT NOT NULL DEFAULT '',   -- documents with the same policy are versions of it
    access      TEXT NOT NULL DEFAULT '',   -- who may read it (rag/people/access.py); '' = no one
    reading     INTEGER NOT NULL DEFAULT 0, -- how its passages were cut (ingest/pipeline.py READING)
    chunk_ids   TEXT NOT NULL DEFAULT '[]'  -- JSON list: exactly the ids Chroma holds for it
);
CREATE INDEX IF NOT EXISTS documents_hash ON documents (doc_hash);
CREATE TABLE IF NOT EXISTS meta (           -- facts about the index as a whole
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
);
"""
_COLUMNS = (
    "source, doc_hash, size, mtime, title, pages, chunks, status, error, indexed_at, "
    "effective, dated_by, policy, access, reading, chunk_ids"
)


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
    effective: str = ""
    dated_by: str = ""
    policy: str = ""
    access: str = "*"
    reading: int = 0  # how the file was read into passages; an older way is read again
    chunk_ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        out = asdict(self)
        del out["chunk_ids"]
        return out


def _record(row) -> DocumentRecord:
    *head, ids = row
    return DocumentRecord(*head, chunk_ids=json.loads(ids))


class Manifest:
    """The SQLite manifest next to the vector store."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        # One connection per Manifest; Streamlit reruns may use it from another thread.
        self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        migrations.manifest(self._db)
        self.keywords = KeywordIndex(self._db)
        self._in_transaction = False

    @contextmanager
    def transaction(self) -> Iterator["Manifest"]:
        """Group writes to the manifest and the keyword index: all of them happen, or none."""
        with self._db:
            self._in_transaction = True
            try:
                yield self
            finally:
                self._in_transaction = False

    def _tx(self):
        return nullcontext() if self._in_transaction else self._db

    def close(self) -> None:
        self._db.close()

    def get(self, source: str) -> DocumentRecord | None:
        """The record of one document, or None if Faro has never seen it."""
        row = self._db.execute(f"SELECT {_COLUMNS} FROM documents WHERE source = ?", (source,)).fetchone()
        return _record(row) if row else None

    def put(self, record: DocumentRecord) -> None:
        """Insert or replace the record of one document."""
        record.indexed_at = record.indexed_at or time.time()
        with self._tx():
            self._db.execute(
                f"INSERT OR REPLACE INTO documents ({_COLUMNS}) VALUES ({','.join('?' * 16)})",
                (
                    record.source,
                    record.doc_hash,
                    record.size,
                    record.mtime,
                    record.title,
                    record.pages,
                    record.chunks,
                    record.status,
                    record.error,
                    record.indexed_at,
                    record.effective,
                    record.dated_by,
                    record.policy,
                    record.access,
                    record.reading,
                    json.dumps(record.chunk_ids),
                ),
            )

    def delete(self, source: str) -> None:
        """Forget a document: its row and its keyword rows."""
        with self._tx():
            self._db.execute("DELETE FROM documents WHERE source = ?", (source,))
            self.keywords.delete_source(source)

    def all(self) -> list[DocumentRecord]:
        """Every record, by source."""
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM documents ORDER BY source").fetchall()
        return [_record(r) for r in rows]

    def clear(self) -> None:
        """Forget every document (a full rebuild starts here)."""
        with self._tx():
            self._db.execute("DELETE FROM documents")
            self.keywords.clear()

    def summary(self, readable: tuple[str, ...] | None = None) -> dict:
        """Counts for the sidebar and `faro doctor`: documents, chunks, failures, last ingest time;
        with `readable` (access labels), of the documents a user may read only."""
        where, params = "1", []
        if readable is not None:
            where, params = (f"access IN ({','.join('?' * len(readable))})" if readable else "0"), list(readable)
        docs, chunks, failed, pending, last = self._db.execute(
            "SELECT SUM(status='indexed'), COALESCE(SUM(CASE WHEN status='indexed' THEN chunks END), 0), "
            f"SUM(status='failed'), SUM(status='pending'), MAX(indexed_at) FROM documents WHERE {where}",
            params,
        ).fetchone()
        return {
            "documents": docs or 0,
            "chunks": chunks or 0,
            "failed": failed or 0,
            "pending": pending or 0,
            "last_ingest": last,
        }

    def versions(
        self, sources: Iterable[str], readable: tuple[str, ...] | None = None
    ) -> dict[str, tuple[str, str, str]]:
        """(policy, effective date, where the date was read) of every indexed version of the
        policies these documents belong to, for policies with several versions: retrieval tells
        current text from superseded text with it. With `readable` (access labels), only the
        versions a user may read: a newer version they may not see is never named to them."""
        wanted = sorted(set(sources))
        if not wanted or readable == ():
            return {}
        only = f"AND access IN ({','.join('?' * len(readable))}) " if readable is not None else ""
        rows = self._db.execute(
            "SELECT source, policy, effective, dated_by FROM documents "
            f"WHERE status = 'indexed' AND policy != '' {only}"
            f"AND policy IN (SELECT policy FROM documents WHERE source IN ({','.join('?' * len(wanted))})) ",
            [*(readable or ()), *wanted],
        ).fetchall()
        families: dict[str, int] = {}
        for _, policy, _, _ in rows:
            families[policy] = families.get(policy, 0) + 1
        return {src: (policy, eff, by) for src, policy, eff, by in rows if families[policy] > 1}

    def document_names(self) -> DocumentNames:
        """The names of the indexed documents (rag/text/naming.py), rebuilt when the documents change."""
        key = self._db.execute(
            "SELECT COUNT(*), MAX(indexed_at), TOTAL(LENGTH(title)) FROM documents WHERE status = 'indexed'"
        ).fetchone()
        cached = getattr(self, "_names", None)
        if cached is None or cached[0] != key:
            rows = self._db.execute("SELECT source, title, policy FROM documents WHERE status = 'indexed'").fetchall()
            cached = self._names = (key, DocumentNames(rows))
        return cached[1]

    def meta(self, key: str) -> str:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else ""

    def set_meta(self, key: str, value: str) -> None:
        with self._tx():
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def set_access(self, source: str, label: str) -> None:
        """Give a document and its chunks a new access label (rag/people/access.py); nothing is re-embedded."""
        with self._tx():
            self._db.execute("UPDATE documents SET access = ? WHERE source = ?", (label, source))
            self._db.execute("UPDATE chunks SET access = ? WHERE source = ?", (label, source))

    def titles(self) -> dict[str, str]:
        """Document title per source, for labelling citations."""
        return dict(self._db.execute("SELECT source, title FROM documents WHERE status='indexed'").fetchall())
