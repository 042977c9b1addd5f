"""Each user's conversation, kept on the server so that a reload or a new tab finds it again.

One JSON file per user under FARO_DATA_DIR/conversations/ (named by a hash of the user name,
mode 600), holding the page's messages: questions, checked answers, their citations and ratings.
The last `KEEP` messages are kept; "New conversation" empties it. An anonymous user (FARO_AUTH=off)
is everyone at once, so nothing is kept for them.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

KEEP = 60


class Conversations:
    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, name: str) -> Path:
        return self.folder / (hashlib.sha256(name.encode("utf-8")).hexdigest()[:32] + ".json")

    def load(self, name: str) -> list[dict]:
        try:
            messages = json.loads(self._path(name).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError, UnicodeDecodeError):
            return []  # none yet, or a damaged file: a fresh conversation rather than an error
        return (
            [m for m in messages if isinstance(m, dict) and m.get("role") in ("user", "assistant")]
            if isinstance(messages, list)
            else []
        )

    def save(self, name: str, messages: list[dict]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(name)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(messages[-KEEP:], fh, ensure_ascii=False)
        os.replace(tmp, path)
