"""Faro's small SQLite files opened per call: the ratings and the audit trail (their upgrades from
an older Faro are in rag/index/migrations.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path


class LocalFile:
    """A small SQLite file written now and then by any thread or process: a connection per call,
    in a transaction, the file and its tables created on first use."""

    def __init__(self, path: Path, schema: str):
        self.path = Path(path)
        self.schema = schema
        self._ready = False

    def exists(self) -> bool:
        return self._ready or self.path.exists()

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(str(self.path), timeout=30)) as db, db:
            if not self._ready:
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(self.schema)
                self._ready = True
            yield db
