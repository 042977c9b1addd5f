"""`faro watch`: keep the index equal to the shared folder while admins change it.

On start the whole folder is reconciled with the index (changes made while the watcher was down
are caught up). Then every filesystem event (watchdog, sub-folders included) marks the folder
dirty; once events have been quiet for `watch_debounce` seconds (or have gone on for ten times
that, at least 5 s: a file appended every half second must not postpone every pass), one reconcile
pass runs under the writer lock. A file modified less than `watch_settle` seconds ago is still
arriving and is left for a later pass: by its mtime, by our own clock's last event for it, and, if
the share dates it in the future, until its size and mtime hold still that long (a share's clock
may run ahead or behind). Where the OS reports a writer closing a file (inotify, the default on
Linux), a file written to and not yet closed is still arriving too, however long the copy stalls
(up to `OPEN_WRITE_HOLD` seconds after its last write: a program may keep a file open for good).
Temporary, lock and hidden files never count (see `ingest.pipeline.is_temporary`).
A periodic full pass (`watch_rescan_seconds`) catches what a network share failed to report.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from rag.errors import FaroError
from rag.index.lock import writer_lock
from rag.services import Services

from .pipeline import Ingestor, IngestReport, is_temporary
from .reindex import MassDeleteRefused, Reconciler

log = logging.getLogger("faro.watch")

OPEN_WRITE_HOLD = 60.0  # seconds after its last write that a file left open still counts as arriving


def _give_back_memory() -> None:
    """After a pass: collect what parsing and embedding left, and hand freed heap back to the
    system. glibc keeps it in its arenas, so a watcher that runs for weeks would hold the peak of
    its largest pass (1.03 -> 1.24 GB over one soak pass) for good."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        pass


class FolderWatcher:
    """Watches one folder and reconciles the index with it after each burst of changes."""

    def __init__(self, services: Services, folder: Path, on_pass: Callable[[IngestReport], None] | None = None):
        self.services = services
        self.settings = services.settings
        self.folder = folder.resolve()
        self._data_dir = self.settings.data_dir.resolve()
        self.on_pass = on_pass
        ingestor = Ingestor(self.settings, services.embedder, services.store, services.manifest)
        self.reconciler = Reconciler(ingestor, self.folder)
        self._changed = threading.Event()
        self._refused = ""  # the last mass deletion refused, logged once
        self._stop: threading.Event | None = None
        self._last_event = 0.0
        self._first_event = 0.0  # the first event since the last pass
        self._touched: dict[Path, float] = {}  # path -> its last event, by our clock (see Reconciler._arriving)
        self._touched_lock = threading.Lock()
        self._deleted: dict[Path, float] = {}  # files deleted since the pass began, and when (see Reconciler.run)
        self._arrived: set[Path] = set()  # and paths written or moved in since then
        self._writing: dict[Path, float] = {}  # written to and not closed yet -> its last write, by our clock
        self._closes_reported = False  # set by _observer: does the OS tell us when a writer closes a file?
        self.passes = 0

    # -- events -------------------------------------------------------------------------------

    def notice(self, path: str, how: str = "changed") -> None:
        """A filesystem event for `path`: remember that the folder changed. `how`: "written"
        (written to: it may still be arriving), "closed" (a writer closed it),
        "changed" (anything else about it changed), "moved" (renamed to `path`: complete, as the
        rename of a finished copy is) or "deleted"."""
        full = Path(path).resolve()
        if full == self._data_dir or self._data_dir in full.parents:
            return  # our own index, kept inside the watched folder: its writes are not news
        try:
            rel = full.relative_to(self.folder)
        except ValueError:
            rel = full
        if any(is_temporary(part) for part in rel.parts):
            return
        self._last_event = time.monotonic()
        with self._touched_lock:
            if how in ("written", "closed", "changed"):
                self._touched[full] = self._last_event
            if how == "written":
                self._writing[full] = self._last_event
            elif how != "changed":  # closed, deleted or moved: no longer being written
                self._writing.pop(full, None)
            if how == "deleted":
                self._deleted[full] = self._last_event
            else:
                self._arrived.add(full)
        if not self._changed.is_set():
            self._first_event = self._last_event
        self._changed.set()

    def _observer(self):
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event):
                if event.event_type in ("opened", "closed_no_write"):
                    return  # reads, not changes
                if event.is_directory and event.event_type == "modified":
                    return  # a folder's listing changed: the file's own event says what happened
                kind = event.event_type
                if kind == "moved":
                    watcher.notice(event.src_path, "moved")  # gone from there: the pass finds the move
                    watcher.notice(event.dest_path, "moved")
                elif event.is_directory:
                    watcher.notice(event.src_path, "changed")  # the pass lists what is in it now
                else:
                    # Written to, not created: a file created in a folder before its watch began
                    # is reported as created, and its writer's close never is.
                    how = {"modified": "written", "closed": "closed", "deleted": "deleted"}
                    watcher.notice(event.src_path, how.get(kind, "changed"))

        observer = PollingObserver() if self.settings.watch_polling else Observer()
        try:
            from watchdog.observers.inotify import InotifyObserver

            self._closes_reported = isinstance(observer, InotifyObserver)
        except ImportError:  # not Linux: no close events, the timing rules alone decide
            self._closes_reported = False
        observer.schedule(Handler(), str(self.folder), recursive=True)
        return observer

    # -- passes -------------------------------------------------------------------------------

    def run_pass(self, *, check_store: bool) -> list[str]:
        """One reconcile pass under the writer lock; returns the files still arriving."""
        settle = self.settings.watch_settle
        with self._touched_lock:  # only events recent enough to matter are kept
            now = time.monotonic()
            self._touched = {p: t for p, t in self._touched.items() if t >= now - settle}
            self._writing = {p: t for p, t in self._writing.items() if t >= now - OPEN_WRITE_HOLD}
            touched = dict(self._touched)
            if self._closes_reported:  # still open for writing: as if written to this very moment
                touched.update(dict.fromkeys(self._writing, now))
            self._deleted.clear()  # this pass lists the folder: it sees what is gone already
            self._arrived.clear()
        with writer_lock(self.settings.data_dir, "faro watch"):
            report, deferred = self.reconciler.run(
                check_store=check_store,
                settle=settle,
                stop=self._stop,
                budget=self.settings.watch_pass_seconds,
                touched=touched,
                deleted=self._take_changes,
            )
        self.passes += 1
        _give_back_memory()
        changed = [r for r in report.results if r.status != "unchanged" and not r.known]
        for r in changed:
            level = logging.WARNING if r.status == "failed" else logging.INFO
            log.log(level, "%s %s%s", r.status, r.source, f": {r.reason}" if r.reason else "")
        if self.on_pass:
            self.on_pass(report)
        return deferred

    def _take_changes(self) -> tuple[set[Path], set[Path]]:
        """The files deleted at least `watch_settle` seconds ago (by then a move's arrival has been
        seen too), and the paths that arrived, since the pass began; asked by the pass between files."""
        horizon = time.monotonic() - self.settings.watch_settle
        with self._touched_lock:
            due = {p for p, t in self._deleted.items() if t <= horizon}
            for p in due:
                del self._deleted[p]
            return due, set(self._arrived)

    def run(self, stop: threading.Event | None = None) -> None:
        """Catch up, then watch until `stop` is set (or Ctrl-C)."""
        stop = stop or threading.Event()
        self._stop = stop  # checked between files: SIGTERM is obeyed within one file's time
        s = self.settings
        if not self.folder.is_dir():
            raise FaroError(f"{self.folder}: no such folder to watch (set FARO_DOCS_DIR or pass FOLDER)")
        observer = self._observer()
        observer.start()  # before the catch-up pass, so nothing changed during it is missed
        log.info("watching %s", self.folder)
        try:
            deferred = self._safe_pass(check_store=True)
            last_full = time.monotonic()
            while not stop.is_set():
                self._changed.wait(timeout=0.2)
                now = time.monotonic()
                quiet = now - self._last_event >= s.watch_debounce
                waited = now - self._first_event >= max(5.0, 10 * s.watch_debounce)
                if self._changed.is_set() and (quiet or waited):
                    self._changed.clear()
                    deferred = self._safe_pass(check_store=False)
                elif deferred and quiet:
                    time.sleep(min(s.watch_settle, 1.0))
                    deferred = self._safe_pass(check_store=False)
                elif s.watch_rescan_seconds and now - last_full >= s.watch_rescan_seconds:
                    deferred = self._safe_pass(check_store=True)
                    last_full = now
        finally:
            observer.stop()
            observer.join(timeout=5)

    def _safe_pass(self, *, check_store: bool) -> list[str]:
        # The watcher outlives any one bad moment: a failed pass is logged and tried again later.
        try:
            deferred = self.run_pass(check_store=check_store)
            self._refused = ""
            return deferred
        except MassDeleteRefused as exc:
            # Not retried at once: the next change or full rescan tries again (the share may come back).
            if str(exc) != self._refused:
                log.error("pass refused: %s", exc)
            self._refused = str(exc)
            return []
        except FaroError as exc:
            log.error("pass failed, will retry: %s", exc)
        except Exception:
            log.exception("unexpected error in a watch pass, will retry")
        self._changed.set()
        time.sleep(1.0)
        return []
