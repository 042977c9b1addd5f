"""One-off upgrades of an older index's SQLite schema, safe when two processes open it together."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable


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
