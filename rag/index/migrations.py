"""Bringing an index made by an older Faro up to date, in place: every upgrade path in one place.

Each function runs when its store is opened and does nothing on a current one. The SQLite upgrades
run under SQLite's write lock and ask again once it is held (`upgrade_once`): the page and the
watcher opening an old index at the same moment must not both add a column (the second fails) or
both add up the same rows (the sums would count them twice). A new upgrade goes here, with a line
saying which older index needs it.

    manifest(db)            documents table: effective, dated_by, policy, access, reading columns
    keyword_table(db, ...)  chunks table: the copy of each vector, the access label, per-language sums
    audit_file(db)          events table: the hash chain, and the sign-in kinds
    chroma_collection(col)  the HNSW search depth raised after an index was built with a lower one
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

# Columns added to the manifest's documents table since its first schema.
MANIFEST_COLUMNS = {
    "effective": "TEXT NOT NULL DEFAULT ''",
    "dated_by": "TEXT NOT NULL DEFAULT ''",
    "policy": "TEXT NOT NULL DEFAULT ''",
    "access": "TEXT NOT NULL DEFAULT ''",
    "reading": "INTEGER NOT NULL DEFAULT 0",
}


def upgrade_once(db: sqlite3.Connection, needed: Callable[[], bool], apply: Callable[[], None]) -> None:
    """Run `apply` if `needed()`, under SQLite's write lock and asking again once it is held."""
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


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def manifest(db: sqlite3.Connection) -> None:
    """A manifest from before dates, versions, access labels or the way passages are read."""

    def missing() -> list[str]:
        present = _columns(db, "documents")
        return [column for column in MANIFEST_COLUMNS if column not in present]

    def add_columns() -> None:
        for column in missing():
            db.execute(f"ALTER TABLE documents ADD COLUMN {column} {MANIFEST_COLUMNS[column]}")

    upgrade_once(db, lambda: bool(missing()), add_columns)


def keyword_table(db: sqlite3.Connection, add_to_sums: Callable[[sqlite3.Cursor], None]) -> None:
    """A keyword table from before the vector copy, the access labels or the per-language sums.
    `add_to_sums(rows)` adds (language, vector) rows to the sums (rag/index/keywords.py)."""
    # Before the vector copy: its rows get their vectors back on `faro reindex`.
    upgrade_once(
        db,
        lambda: "vector" not in _columns(db, "chunks"),
        lambda: db.execute("ALTER TABLE chunks ADD COLUMN vector BLOB"),
    )
    # Before access labels: no one may read its chunks until they are labelled (rag/people/access.py
    # re-labels on first use).
    upgrade_once(
        db,
        lambda: "access" not in _columns(db, "chunks"),
        lambda: db.execute("ALTER TABLE chunks ADD COLUMN access TEXT NOT NULL DEFAULT ''"),
    )
    # Each question lists the labels present (SELECT DISTINCT) and filters on them.
    db.execute("CREATE INDEX IF NOT EXISTS chunks_access ON chunks (access)")
    # Vectors copied before their sums were kept: add them up once (streamed).
    upgrade_once(
        db,
        lambda: (
            not db.execute("SELECT 1 FROM vector_sums LIMIT 1").fetchone()
            and bool(db.execute("SELECT 1 FROM chunks WHERE vector IS NOT NULL LIMIT 1").fetchone())
        ),
        lambda: add_to_sums(db.execute("SELECT language, vector FROM chunks")),
    )


def audit_file(db: sqlite3.Connection) -> None:
    """An audit file from before the chain (or before sign-ins, or failed ones, were audited): the
    table is rebuilt with the wider kinds and the chain columns, its entries chained in order (a
    chained file keeps its own links), the triggers put back, all in one transaction."""
    from rag.people.audit import COLUMNS, EVENTS_SQL, TRIGGER_SQL, TRIGGERS, chain_digest

    chained = "hash" in _columns(db, "events")
    table = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'events'").fetchone()
    if chained and "'signin-failed'" in table[0]:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        for name in TRIGGERS:
            db.execute(f"DROP TRIGGER IF EXISTS {name}")
        db.execute("DROP INDEX IF EXISTS events_at")
        db.execute("ALTER TABLE events RENAME TO events_before_chain")
        db.execute(EVENTS_SQL)
        db.execute("CREATE INDEX IF NOT EXISTS events_at ON events (at)")
        if "anchor" not in _columns(db, "retention"):
            db.execute("ALTER TABLE retention ADD COLUMN anchor TEXT NOT NULL DEFAULT ''")
        prev = ""
        links = ", prev, hash" if chained else ""
        for row in db.execute(f"SELECT {', '.join(COLUMNS)}{links} FROM events_before_chain ORDER BY id").fetchall():
            if not chained:
                digest = chain_digest(prev, row[1:])
                row, prev = (*row, prev, digest), digest
            db.execute(f"INSERT INTO events ({', '.join(COLUMNS)}, prev, hash) VALUES ({', '.join('?' * 13)})", row)
        db.execute("DROP TABLE events_before_chain")
        for sql in TRIGGER_SQL:
            db.execute(sql)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def chroma_collection(col, hnsw: dict) -> None:
    """A collection built before ef_search was raised: a query-time setting, changed in place."""
    ef_search = ((col.configuration_json or {}).get("hnsw") or {}).get("ef_search")
    if ef_search is not None and ef_search < hnsw["ef_search"]:
        try:
            col.modify(configuration={"hnsw": {"ef_search": hnsw["ef_search"]}})
        except Exception:  # whatever Chroma says: recall stays as built, and search still works
            pass
