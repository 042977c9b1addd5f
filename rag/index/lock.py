"""One writer at a time: an advisory file lock next to the index.

The watcher takes it for each batch, `faro reindex` and `faro ingest` for their run; readers (the
page, `faro search/ask`) never take it. The lock file says who holds it, so a second writer that
does not wait can say whom it is waiting for. The kernel releases the lock when its process dies,
even by kill -9, so a crash never leaves the index locked.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rag.errors import IndexBusy


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return "another process"
    since = time.strftime("%H:%M:%S", time.localtime(info.get("since", 0)))
    return f"'{info.get('what', '?')}' (pid {info.get('pid', '?')}, since {since})"


@contextmanager
def writer_lock(data_dir: Path, what: str, *, wait: float | None = None) -> Iterator[None]:
    """Hold the index's writer lock; wait up to `wait` seconds (None: forever), else raise IndexBusy."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "writer.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = None if wait is None else time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if deadline is not None and time.monotonic() >= deadline:
                    raise IndexBusy(
                        f"The index at {data_dir} is being written by {_holder(path)}. "
                        "Wait for it to finish (or pass --wait), then try again."
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "what": what, "since": time.time()}).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
