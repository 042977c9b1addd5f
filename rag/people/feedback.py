"""Employees' thumbs up/down on answers, kept in a local SQLite file for admins to read.

Each row holds what was rated (the question, the question Faro searched for, the answer, its
citations and the generator), so an admin can see why an answer was good or bad after the index has
changed. The file is created on the first rating, next to the manifest; nothing leaves the machine.
A connection is opened per call: ratings are rare, and this way every Streamlit session's thread
and any other process can use the same file without sharing a connection.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from rag.index.schema import LocalFile

# A later column is added in place by rag/index/migrations.py, the way the manifest's are.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id                  INTEGER PRIMARY KEY,
    created_at          REAL NOT NULL,
    rating              INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    question            TEXT NOT NULL,
    rewritten_question  TEXT NOT NULL DEFAULT '',
    answer              TEXT NOT NULL,
    citations           TEXT NOT NULL DEFAULT '[]',  -- JSON list of Citation.to_json() objects
    comment             TEXT NOT NULL DEFAULT '',
    generator           TEXT NOT NULL DEFAULT ''
);
"""
_COLUMNS = "id, created_at, rating, question, rewritten_question, answer, citations, comment, generator"


@dataclass
class Feedback:
    """One rating of one answer: +1 (thumbs up) or -1 (thumbs down)."""

    id: int
    created_at: float  # seconds since the epoch
    rating: int
    question: str
    rewritten_question: str
    answer: str
    citations: list[dict] = field(default_factory=list)
    comment: str = ""
    generator: str = ""


class FeedbackStore:
    """Ratings of answers in one SQLite file (data_dir/feedback.sqlite3)."""

    def __init__(self, path: Path, *, keep_text: bool = True):
        self.path = path
        self._file = LocalFile(path, _SCHEMA)
        self.keep_text = keep_text  # FARO_AUDIT_QUESTIONS=false: the question and answer are not stored

    def record(
        self,
        question: str,
        answer: str,
        citations: list[dict],
        rating: int,
        comment: str = "",
        rewritten_question: str = "",
        generator: str = "",
    ) -> int:
        """Store a rating (+1 or -1) of an answer; returns its id."""
        _check_rating(rating)
        with self._file.connect() as db:
            if not self.keep_text:
                question = rewritten_question = answer = ""
            cur = db.execute(
                "INSERT INTO feedback (created_at, rating, question, rewritten_question, answer, citations, "
                "comment, generator) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    time.time(),
                    rating,
                    question,
                    rewritten_question,
                    answer,
                    json.dumps(citations, ensure_ascii=False),
                    comment,
                    generator,
                ),
            )
            return int(cur.lastrowid)

    def set_comment(self, feedback_id: int, comment: str) -> None:
        """Replace the comment of a rating already stored (the page asks for it after the thumb)."""
        with self._file.connect() as db:
            db.execute("UPDATE feedback SET comment = ? WHERE id = ?", (comment, feedback_id))

    def all(self, limit: int = 500) -> list[Feedback]:
        """The latest `limit` ratings, newest first; none (and no file created) before the first."""
        if not self._file.exists():
            return []
        with self._file.connect() as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM feedback ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [
            Feedback(*head, citations=json.loads(cites), comment=comment, generator=generator)
            for *head, cites, comment, generator in rows
        ]


def _check_rating(rating: int) -> None:
    # Exactly int: True and 1.0 compare equal to 1 and would hide a caller's mistake.
    if type(rating) is not int or rating not in (1, -1):
        raise ValueError(f"rating must be +1 or -1, not {rating!r}")
