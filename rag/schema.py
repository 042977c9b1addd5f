"""Faro's small SQLite files: one-off upgrades of an older index's schema, safe when two processes
open it together, and the open-per-call files of ratings and the audit trail."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path


def upgrade_once(db: sqlite3.Connection, needed: Callable[[], bool], apply: Callable[[], None]) -> None:
    """Run `apply` if `needed()`, under SQLite's write lock and asking again once it is held: the
    page and the watcher opening an old index at the same moment must not both add a column (the
    second fails) or both add up the same rows (the sums would count them twice)."""
    if not needed():
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        if needed():
            apply()
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


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
