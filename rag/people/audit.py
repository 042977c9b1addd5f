"""The audit trail: who asked what, when, which sources they were shown, and the ratings they gave.

One local SQLite file (data_dir/audit.sqlite3), append-only: triggers refuse any UPDATE, and any
DELETE but retention's, which may only remove entries older than the cutoff it records first
(FARO_AUDIT_RETENTION_DAYS). With FARO_AUDIT_QUESTIONS=false the question's text is never written;
who asked, when and what was shown still are. `faro audit export --since DATE` writes CSV for the
data-protection officer.

Triggers stop mistakes, not someone who can write the file. So each entry also carries the hash
of the one before it and of itself (a hash chain; retention keeps the hash of the last entry it
deleted as the chain's anchor): `faro audit verify` finds an entry deleted, changed or forged in
the middle, an entry dated before the one before it, a cutoff moved past what retention allows,
and dropped triggers, and prints the chain's head. Someone who rewrites the whole chain from a
point on is caught only by a head noted elsewhere: log it (the nightly job does).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from rag.errors import UsageError
from rag.index import migrations
from rag.index.schema import LocalFile

EVENTS_SQL = """
CREATE TABLE IF NOT EXISTS events (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,              -- ISO 8601, UTC, to the second: sorts as it reads
    user        TEXT NOT NULL,
    groups      TEXT NOT NULL DEFAULT '',   -- comma-separated, as signed in
    via         TEXT NOT NULL,              -- 'page' or 'cli'
    kind        TEXT NOT NULL CHECK (kind IN ('question', 'feedback', 'signin', 'signout', 'signin-failed')),
    question    TEXT,                       -- NULL when FARO_AUDIT_QUESTIONS=false
    sources     TEXT NOT NULL DEFAULT '[]', -- JSON list of the documents shown (cited or listed)
    abstained   INTEGER NOT NULL DEFAULT 0,
    rating      INTEGER,                    -- feedback: +1 or -1
    comment     TEXT,
    prev        TEXT NOT NULL DEFAULT '',   -- the hash of the entry before (or retention's anchor)
    hash        TEXT NOT NULL DEFAULT ''    -- sha256 of prev and this entry's fields
)"""
TRIGGER_SQL = (
    "CREATE TRIGGER IF NOT EXISTS events_append_only BEFORE UPDATE ON events "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS events_kept_until_due BEFORE DELETE ON events "
    "WHEN OLD.at >= COALESCE((SELECT cutoff FROM retention WHERE id = 1), '') "
    "BEGIN SELECT RAISE(ABORT, 'audit entries are deleted only when their retention has passed'); END",
)
_RETENTION = (
    "CREATE TABLE IF NOT EXISTS retention (id INTEGER PRIMARY KEY CHECK (id = 1), cutoff TEXT NOT NULL, "
    "anchor TEXT NOT NULL DEFAULT '')"
)
_EVENTS_AT = "CREATE INDEX IF NOT EXISTS events_at ON events (at)"
_SCHEMA = ";\n".join((EVENTS_SQL, _EVENTS_AT, _RETENTION, *TRIGGER_SQL)) + ";"
COLUMNS = ("id", "at", "user", "groups", "via", "kind", "question", "sources", "abstained", "rating", "comment")
TRIGGERS = {"events_append_only", "events_kept_until_due"}


def chain_digest(prev: str, fields: tuple) -> str:
    """The chain hash of an entry: its predecessor's hash and its own fields (at … comment)."""
    return hashlib.sha256((prev + json.dumps(list(fields), ensure_ascii=False)).encode("utf-8")).hexdigest()


class _Named:
    """Who an entry is about when nobody signed in: the name typed, no groups."""

    def __init__(self, name: str):
        self.name, self.groups = name, frozenset()


def _iso(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Event:
    id: int
    at: str
    user: str
    groups: str
    via: str
    kind: str
    question: str | None
    sources: list[str] = field(default_factory=list)
    abstained: bool = False
    rating: int | None = None
    comment: str | None = None


class AuditLog:
    """The append-only audit file; a connection per call, so every session thread and process can write."""

    def __init__(self, path: Path, *, retention_days: int = 365, store_questions: bool = True):
        self.path = Path(path)
        self._file = LocalFile(self.path, _SCHEMA)
        self.retention_days = retention_days
        self.store_questions = store_questions
        self._purged: datetime | None = None
        self._upgraded = False

    @contextmanager
    def _connect(self):
        with self._file.connect() as db:
            if not self._upgraded:
                migrations.audit_file(db)
                self._upgraded = True
            yield db

    def _append(
        self,
        user,
        via: str,
        kind: str,
        *,
        question: str | None,
        sources: list[str],
        abstained: bool = False,
        rating: int | None = None,
        comment: str | None = None,
        at: datetime | None = None,
    ) -> int:
        if self._purged is None or now() - self._purged > timedelta(hours=1):  # retention needs no cron
            self.purge()
            self._purged = now()
        fields = (
            _iso(at or now()),
            user.name,
            ",".join(sorted(user.groups)),
            via,
            kind,
            question if self.store_questions else None,
            json.dumps(sources, ensure_ascii=False),
            int(abstained),
            rating,
            comment,
        )
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")  # the last hash and this entry, with no other writer between
            last = db.execute("SELECT hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
            if last is None:
                last = db.execute("SELECT anchor FROM retention WHERE id = 1").fetchone()
            prev = last[0] if last else ""
            cur = db.execute(
                "INSERT INTO events (at, user, groups, via, kind, question, sources, abstained, rating, comment, "
                "prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*fields, prev, chain_digest(prev, fields)),
            )
            return int(cur.lastrowid)

    def question(
        self,
        user,
        question: str,
        sources: list[str],
        *,
        abstained: bool = False,
        via: str = "page",
        at: datetime | None = None,
    ) -> int:
        """Record that `user` asked `question` and was shown `sources` (document paths)."""
        return self._append(user, via, "question", question=question, sources=sources, abstained=abstained, at=at)

    def feedback(
        self,
        user,
        rating: int,
        comment: str,
        question: str,
        sources: list[str],
        *,
        via: str = "page",
        at: datetime | None = None,
    ) -> int:
        """Record a rating `user` gave to the answer to `question`."""
        return self._append(
            user,
            via,
            "feedback",
            question=question,
            sources=sources,
            rating=rating,
            comment=comment if self.store_questions else None,
            at=at,
        )

    def signin(self, user, *, via: str = "page", at: datetime | None = None) -> int:
        """Record that `user` signed in."""
        return self._append(user, via, "signin", question=None, sources=[], at=at)

    def signout(self, user, *, via: str = "page", at: datetime | None = None) -> int:
        """Record that `user` signed out."""
        return self._append(user, via, "signout", question=None, sources=[], at=at)

    def signin_failed(self, name: str, *, via: str = "page", at: datetime | None = None) -> int:
        """Record a sign-in refused for the user name typed (wrong password or no such user)."""
        return self._append(_Named(name), via, "signin-failed", question=None, sources=[], at=at)

    def purge(self, at: datetime | None = None) -> int:
        """Delete the entries older than the retention period; return how many went. The hash of
        the last one deleted becomes the chain's anchor."""
        if self.retention_days <= 0:
            return 0
        cutoff = _iso((at or now()) - timedelta(days=self.retention_days))
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            last = db.execute("SELECT hash FROM events WHERE at < ? ORDER BY id DESC LIMIT 1", (cutoff,)).fetchone()
            old = db.execute("SELECT anchor FROM retention WHERE id = 1").fetchone()
            anchor = last[0] if last else (old[0] if old else "")
            db.execute("INSERT OR REPLACE INTO retention (id, cutoff, anchor) VALUES (1, ?, ?)", (cutoff, anchor))
            return db.execute("DELETE FROM events WHERE at < ?", (cutoff,)).rowcount

    def verify(self, at: datetime | None = None) -> tuple[int, str, list[str]]:
        """Check the chain: (entries, the head hash, what is wrong; empty if nothing)."""
        if not self._file.exists():
            return 0, "", []
        problems: list[str] = []
        # Read before this process's first connection puts missing triggers back.
        with closing(sqlite3.connect(str(self.path), timeout=30)) as raw:
            triggers = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        with self._connect() as db:
            retention = db.execute("SELECT cutoff, anchor FROM retention WHERE id = 1").fetchone()
            rows = db.execute(f"SELECT {', '.join(COLUMNS)}, prev, hash FROM events ORDER BY id").fetchall()
        for name in sorted(TRIGGERS - triggers):
            problems.append(f"the trigger {name} was dropped")
        if retention and self.retention_days > 0:
            latest = _iso((at or now()) - timedelta(days=self.retention_days) + timedelta(days=1))
            if retention[0] > latest:
                problems.append(
                    f"the retention cutoff {retention[0]} is later than {self.retention_days} days "
                    "allow: entries were deleted before their time"
                )
        prev, last_at = (retention[1] if retention else ""), ""
        for row in rows:
            entry, fields, (row_prev, row_hash) = row[0], row[1:11], row[11:]
            if row_prev != prev:
                problems.append(f"entry {entry}: the entry before it was deleted or changed")
            if row_hash != chain_digest(row_prev, fields):
                problems.append(f"entry {entry}: changed or forged after it was written")
            if fields[0] < last_at:
                problems.append(f"entry {entry}: dated {fields[0]}, before the entry before it ({last_at})")
            prev, last_at = row_hash, max(last_at, fields[0])
        return len(rows), prev, problems

    def events(self, since: datetime | None = None, limit: int | None = None) -> list[Event]:
        """Entries from `since` on (all if None), oldest first; `limit` keeps the newest that many."""
        if not self._file.exists():
            return []
        where, params = ("WHERE at >= ?", [_iso(since)]) if since else ("", [])
        with self._connect() as db:
            if limit:
                rows = db.execute(
                    f"SELECT * FROM (SELECT {', '.join(COLUMNS)} FROM events {where} "
                    "ORDER BY id DESC LIMIT ?) ORDER BY id",
                    [*params, limit],
                ).fetchall()
            else:
                rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM events {where} ORDER BY id", params).fetchall()
        return [Event(*r[:7], sources=json.loads(r[7]), abstained=bool(r[8]), rating=r[9], comment=r[10]) for r in rows]

    def export_csv(self, since: datetime | None = None) -> str:
        """The entries from `since` on as CSV, a header row first."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for e in self.events(since):
            writer.writerow(
                [
                    e.id,
                    e.at,
                    e.user,
                    e.groups,
                    e.via,
                    e.kind,
                    "" if e.question is None else e.question,
                    ";".join(e.sources),
                    int(e.abstained),
                    "" if e.rating is None else e.rating,
                    "" if e.comment is None else e.comment,
                ]
            )
        return out.getvalue()


def read_csv(text: str) -> list[dict]:
    """Rows of an export, as dicts (for checking a round trip)."""
    return list(csv.DictReader(io.StringIO(text)))


def parse_since(value: str) -> datetime:
    """A --since date: YYYY-MM-DD (midnight UTC) or a full ISO time."""
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--since {value!r}: expected a date like 2026-01-31 or 2026-01-31T09:00") from None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
