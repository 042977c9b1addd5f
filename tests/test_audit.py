"""The audit trail: append-only, retention deletes what is due and nothing else, question text can
be left out, and the CSV export round-trips; the page and `faro ask --as` write to it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from rag.people.access import user
from rag.people.audit import AuditLog, parse_since, read_csv

ALICE = user("alice", ["hr", "staff"])
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)


def _log(tmp_path, **kw) -> AuditLog:
    return AuditLog(tmp_path / "audit.sqlite3", **kw)


def test_entries_cannot_be_changed_or_deleted_before_their_time(tmp_path):
    log = _log(tmp_path)
    log.question(ALICE, "How many days of leave?", ["hr/leave-policy-2025.pdf"], at=NOW)
    db = sqlite3.connect(tmp_path / "audit.sqlite3")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE events SET user = 'mallory'")
    with pytest.raises(sqlite3.DatabaseError, match="retention"):
        db.execute("DELETE FROM events")
    assert [e.user for e in log.events()] == ["alice"]


def test_retention_deletes_what_is_due_and_nothing_else(tmp_path):
    log = _log(tmp_path, retention_days=30)
    for days in (400, 31, 30, 29, 0):
        log.question(
            ALICE, f"asked {days} days ago", [], at=NOW - timedelta(days=days, seconds=-1 if days == 30 else 0)
        )
    assert log.purge(at=NOW) == 2
    assert [e.question for e in log.events()] == ["asked 30 days ago", "asked 29 days ago", "asked 0 days ago"]
    assert log.purge(at=NOW) == 0
    assert _log(tmp_path, retention_days=0).purge(at=NOW + timedelta(days=999)) == 0  # 0 = keep everything


def test_question_text_can_be_left_out(tmp_path):
    log = _log(tmp_path, store_questions=False)
    log.question(ALICE, "Is my colleague's disciplinary case closed?", ["hr/confidential/cases.docx"], at=NOW)
    log.feedback(ALICE, -1, "names a colleague", "Is my colleague's disciplinary case closed?", [], at=NOW)
    raw = (tmp_path / "audit.sqlite3").read_bytes() + b"".join(
        p.read_bytes() for p in tmp_path.glob("audit.sqlite3-wal")
    )
    assert b"disciplinary" not in raw and b"names a colleague" not in raw
    events = log.events()
    assert [(e.kind, e.question, e.user, e.sources) for e in events] == [
        ("question", None, "alice", ["hr/confidential/cases.docx"]),
        ("feedback", None, "alice", []),
    ]


def test_the_csv_export_round_trips_from_a_date(tmp_path):
    log = _log(tmp_path)
    log.question(ALICE, "old, with a comma", ["a.pdf"], at=NOW - timedelta(days=10))
    log.question(ALICE, 'a "quoted"\nquestion', ["hr/leave-policy-2025.pdf", "es/politica.pdf"], abstained=True, at=NOW)
    log.feedback(user("bob", []), 1, "clear, thanks", 'a "quoted"\nquestion', ["hr/leave-policy-2025.pdf"], at=NOW)
    rows = read_csv(log.export_csv(parse_since("2026-11-20")))
    assert [
        (r["user"], r["kind"], r["question"], r["sources"], r["abstained"], r["rating"], r["comment"]) for r in rows
    ] == [
        ("alice", "question", 'a "quoted"\nquestion', "hr/leave-policy-2025.pdf;es/politica.pdf", "1", "", ""),
        ("bob", "feedback", 'a "quoted"\nquestion', "hr/leave-policy-2025.pdf", "0", "1", "clear, thanks"),
    ]
    assert rows[0]["groups"] == "hr,staff" and rows[0]["at"] == "2026-11-26T12:00:00Z"
    assert len(read_csv(log.export_csv())) == 3


@pytest.mark.slow  # starts a `faro` process
def test_faro_audit_export_writes_csv_since_a_date(tmp_path):
    log = _log(tmp_path)
    log.question(ALICE, "before", [], at=datetime(2026, 1, 1, tzinfo=timezone.utc))
    log.question(ALICE, "after", ["hr/leave-policy-2025.pdf"], at=datetime(2026, 3, 1, tzinfo=timezone.utc))
    env = {**os.environ, "FARO_DATA_DIR": str(tmp_path)}
    faro = str(Path(sys.executable).parent / "faro")
    out = subprocess.run(
        [faro, "audit", "export", "--since", "2026-02-01", "--output", str(tmp_path / "dpo.csv")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert [r["question"] for r in read_csv((tmp_path / "dpo.csv").read_text(encoding="utf-8"))] == ["after"]
    bad = subprocess.run(
        [faro, "audit", "export", "--since", "last tuesday"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert bad.returncode != 0 and "--since 'last tuesday'" in bad.stderr


def _tamper(path: Path, *statements: str) -> None:
    db = sqlite3.connect(path)
    for sql in statements:
        db.execute(sql)
    db.commit()
    db.close()


def test_the_hash_chain_finds_what_the_triggers_cannot_stop(tmp_path):
    import shutil

    log = _log(tmp_path, retention_days=30)
    for hours in (30, 20, 10, 0):
        log.question(ALICE, f"asked {hours} hours ago", [], at=NOW - timedelta(hours=hours))
    assert log.verify()[0] == 4 and log.verify()[2] == []
    cases = {
        # the retention cutoff moved on, so that DELETE may remove recent entries
        "cutoff": (
            "INSERT OR REPLACE INTO retention (id, cutoff) VALUES (1, '2099-01-01T00:00:00Z')",
            "DELETE FROM events WHERE id = 2",
        ),
        # an entry forged with an old date
        "forged": (
            "INSERT INTO events (at, user, via, kind, question, prev, hash) "
            "VALUES ('2026-01-01T00:00:00Z', 'mallory', 'page', 'question', 'nothing', '', '')",
        ),
        # the triggers dropped, then an entry changed
        "dropped": ("DROP TRIGGER events_append_only", "UPDATE events SET user = 'mallory' WHERE id = 3"),
    }
    found = {}
    for name, statements in cases.items():
        copy = tmp_path / name / "audit.sqlite3"
        copy.parent.mkdir()
        shutil.copy(tmp_path / "audit.sqlite3", copy)
        _tamper(copy, *statements)
        found[name] = " | ".join(AuditLog(copy, retention_days=30).verify()[2])
    assert "retention cutoff" in found["cutoff"] and "entry 3: the entry before it was deleted" in found["cutoff"]
    assert "entry 5: changed or forged" in found["forged"] and "entry 5: dated 2026-01-01" in found["forged"]
    assert "events_append_only was dropped" in found["dropped"] and "entry 3: changed or forged" in found["dropped"]
    # Retention's own deletions keep the chain whole: the last deleted entry's hash is its anchor.
    assert log.purge(at=NOW + timedelta(days=30, hours=-15)) == 2
    entries, head, problems = log.verify(at=NOW + timedelta(days=30))
    assert entries == 2 and problems == [] and head
    log.signin(ALICE, at=NOW + timedelta(days=30))
    assert log.verify(at=NOW + timedelta(days=30))[2] == [] and log.events()[-1].kind == "signin"


def test_an_audit_file_from_before_the_chain_is_chained_on_first_use(tmp_path):
    path = tmp_path / "audit.sqlite3"
    old = sqlite3.connect(path)
    old.executescript("""
        CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL,
            groups TEXT NOT NULL DEFAULT '',
            via TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('question', 'feedback')), question TEXT,
            sources TEXT NOT NULL DEFAULT '[]', abstained INTEGER NOT NULL DEFAULT 0, rating INTEGER, comment TEXT);
        CREATE INDEX events_at ON events (at);
        CREATE TABLE retention (id INTEGER PRIMARY KEY CHECK (id = 1), cutoff TEXT NOT NULL);
        CREATE TRIGGER events_append_only BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        INSERT INTO events (at, user, via, kind, question)
            VALUES ('2026-11-01T00:00:00Z', 'alice', 'page', 'question', 'a');
        INSERT INTO events (at, user, via, kind, rating)
            VALUES ('2026-11-02T00:00:00Z', 'alice', 'page', 'feedback', 1);
    """)
    old.close()
    log = _log(tmp_path)
    log.signin(ALICE, at=NOW)
    assert [e.kind for e in log.events()] == ["question", "feedback", "signin"]
    assert log.verify()[2] == []
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        _tamper(path, "UPDATE events SET user = 'mallory'")


def test_a_chained_file_from_before_failed_sign_ins_keeps_its_links(tmp_path):
    log = _log(tmp_path)
    log.question(ALICE, "How many days?", ["hr/leave.pdf"], at=NOW)
    log.signin(ALICE, at=NOW + timedelta(minutes=1))
    path = tmp_path / "audit.sqlite3"
    before = [tuple(r) for r in sqlite3.connect(path).execute("SELECT prev, hash FROM events ORDER BY id")]
    old = sqlite3.connect(path)  # the same file as the previous Faro wrote it: no 'signin-failed' kind
    sql = old.execute("SELECT sql FROM sqlite_master WHERE name = 'events'").fetchone()[0]
    old.executescript(f"""
        PRAGMA writable_schema = ON;
        UPDATE sqlite_master SET sql = {_quote(sql.replace(", 'signin-failed'", ""))} WHERE name = 'events';
        PRAGMA writable_schema = OFF;""")
    old.close()
    log = _log(tmp_path)
    log.signin_failed("mallory", at=NOW + timedelta(minutes=2))
    assert [e.kind for e in log.events()] == ["question", "signin", "signin-failed"]
    after = [tuple(r) for r in sqlite3.connect(path).execute("SELECT prev, hash FROM events ORDER BY id")]
    assert after[:2] == before and log.verify()[2] == []


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.mark.slow  # starts a `faro` process
def test_faro_audit_verify_says_intact_or_what_was_done(tmp_path):
    log = _log(tmp_path)
    log.question(ALICE, "How many days of leave?", [], at=datetime.now(timezone.utc) - timedelta(hours=1))
    env = {**os.environ, "FARO_DATA_DIR": str(tmp_path)}
    faro = str(Path(sys.executable).parent / "faro")

    def run():
        return subprocess.run(
            [faro, "audit", "verify"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
        )

    done = run()
    assert done.returncode == 0 and "intact: 1 entries" in done.stdout, done.stderr
    _tamper(tmp_path / "audit.sqlite3", "DROP TRIGGER events_append_only", "UPDATE events SET question = 'nothing'")
    done = run()
    assert done.returncode == 1 and "TAMPERED" in done.stdout and "entry 1: changed or forged" in done.stderr
