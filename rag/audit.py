"""The audit trail: who asked what, when, which sources they were shown, and the ratings they gave.

One local SQLite file (data_dir/audit.sqlite3), append-only: triggers refuse any UPDATE, and any
DELETE but retention's, which may only remove entries older than the cutoff it records first
(FARO_AUDIT_RETENTION_DAYS). With FARO_AUDIT_QUESTIONS=false the question's text is never written;
who asked, when and what was shown still are. `faro audit export --since DATE` writes CSV for the
data-protection officer.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .errors import FaroError
from .schema import LocalFile

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,              -- ISO 8601, UTC, to the second: sorts as it reads
    user        TEXT NOT NULL,
    groups      TEXT NOT NULL DEFAULT '',   -- comma-separated, as signed in
    via         TEXT NOT NULL,              -- 'page' or 'cli'
    kind        TEXT NOT NULL CHECK (kind IN ('question', 'feedback')),
    question    TEXT,                       -- NULL when FARO_AUDIT_QUESTIONS=false
    sources     TEXT NOT NULL DEFAULT '[]', -- JSON list of the documents shown (cited or listed)
    abstained   INTEGER NOT NULL DEFAULT 0,
    rating      INTEGER,                    -- feedback: +1 or -1
    comment     TEXT
);
CREATE INDEX IF NOT EXISTS events_at ON events (at);
CREATE TABLE IF NOT EXISTS retention (id INTEGER PRIMARY KEY CHECK (id = 1), cutoff TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS events_append_only BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_kept_until_due BEFORE DELETE ON events
WHEN OLD.at >= COALESCE((SELECT cutoff FROM retention WHERE id = 1), '')
BEGIN SELECT RAISE(ABORT, 'audit entries are deleted only when their retention has passed'); END;
"""
COLUMNS = ("id", "at", "user", "groups", "via", "kind", "question", "sources", "abstained", "rating", "comment")


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

    def _append(self, user, via: str, kind: str, *, question: str | None, sources: list[str], abstained: bool = False,
                rating: int | None = None, comment: str | None = None, at: datetime | None = None) -> int:
        if self._purged is None or now() - self._purged > timedelta(hours=1):  # retention needs no cron
            self.purge()
            self._purged = now()
        with self._file.connect() as db:
            cur = db.execute(
                "INSERT INTO events (at, user, groups, via, kind, question, sources, abstained, rating, comment) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (_iso(at or now()), user.name, ",".join(sorted(user.groups)), via, kind,
                 question if self.store_questions else None, json.dumps(sources, ensure_ascii=False),
                 int(abstained), rating, comment),
            )
            return int(cur.lastrowid)

    def question(self, user, question: str, sources: list[str], *, abstained: bool = False, via: str = "page",
                 at: datetime | None = None) -> int:
        """Record that `user` asked `question` and was shown `sources` (document paths)."""
        return self._append(user, via, "question", question=question, sources=sources, abstained=abstained, at=at)

    def feedback(self, user, rating: int, comment: str, question: str, sources: list[str], *, via: str = "page",
                 at: datetime | None = None) -> int:
        """Record a rating `user` gave to the answer to `question`."""
        return self._append(user, via, "feedback", question=question, sources=sources, rating=rating,
                            comment=comment if self.store_questions else None, at=at)

    def purge(self, at: datetime | None = None) -> int:
        """Delete the entries older than the retention period; return how many went."""
        if self.retention_days <= 0:
            return 0
        cutoff = _iso((at or now()) - timedelta(days=self.retention_days))
        with self._file.connect() as db:
            db.execute("INSERT OR REPLACE INTO retention (id, cutoff) VALUES (1, ?)", (cutoff,))
            return db.execute("DELETE FROM events WHERE at < ?", (cutoff,)).rowcount

    def events(self, since: datetime | None = None, limit: int | None = None) -> list[Event]:
        """Entries from `since` on (all if None), oldest first; `limit` keeps the newest that many."""
        if not self._file.exists():
            return []
        where, params = ("WHERE at >= ?", [_iso(since)]) if since else ("", [])
        with self._file.connect() as db:
            if limit:
                rows = db.execute(f"SELECT * FROM (SELECT {', '.join(COLUMNS)} FROM events {where} "
                                  "ORDER BY id DESC LIMIT ?) ORDER BY id", [*params, limit]).fetchall()
            else:
                rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM events {where} ORDER BY id", params).fetchall()
        return [Event(*r[:7], sources=json.loads(r[7]), abstained=bool(r[8]), rating=r[9], comment=r[10]) for r in rows]

    def export_csv(self, since: datetime | None = None) -> str:
        """The entries from `since` on as CSV, a header row first."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for e in self.events(since):
            writer.writerow([e.id, e.at, e.user, e.groups, e.via, e.kind, "" if e.question is None else e.question,
                             ";".join(e.sources), int(e.abstained), "" if e.rating is None else e.rating,
                             "" if e.comment is None else e.comment])
        return out.getvalue()


def read_csv(text: str) -> list[dict]:
    """Rows of an export, as dicts (for checking a round trip)."""
    return list(csv.DictReader(io.StringIO(text)))


def parse_since(value: str) -> datetime:
    """A --since date: YYYY-MM-DD (midnight UTC) or a full ISO time."""
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise FaroError(f"--since {value!r}: expected a date like 2026-01-31 or 2026-01-31T09:00") from None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
