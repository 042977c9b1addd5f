"""`faro watch`: the real watchdog observer keeps the index equal to the folder as admins change it.

The watcher runs in a thread on a tmp folder with a short debounce and settle time. Tests wait for
convergence (the folder == index check, read under the writer lock so that no pass is half-way)
with a generous deadline rather than sleeping fixed times.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from index_check import assert_index_equals_folder, stored_chunks
from pypdf import PdfReader

from conftest import SAMPLE, CountingEmbedder
from ingest.watch import FolderWatcher
from rag.index.lock import writer_lock
from rag.services import build_services
from rag.settings import Settings

DEADLINE = 60.0
CONTACTS = SAMPLE / "operations/office-contacts.txt"
FAQ = SAMPLE / "operations/faq.md"
PDF = SAMPLE / "hr/leave-policy-2025.pdf"


class Watching:
    """A FolderWatcher on `docs` in a background thread, and what the test needs to observe it."""

    def __init__(self, tmp_path: Path, embedder):
        self.docs = tmp_path / "docs"
        self.docs.mkdir()
        self.settings = Settings(
            data_dir=tmp_path / "data",
            docs_dir=self.docs,
            watch_debounce=0.3,
            watch_settle=0.5,
            watch_rescan_seconds=0,
            _env_file=None,
        )
        self.embedder = CountingEmbedder(embedder)
        self.services = build_services(self.settings, embedder=self.embedder)
        # The test reads through its own SQLite connection; the watcher thread owns the other one.
        self.view = build_services(self.settings, embedder=self.embedder, store=self.services.store)
        self.results = []  # every FileResult of every pass, in order
        self.watcher = None
        self.thread = None

    def start(self) -> None:
        """Start watching; return once the catch-up pass is over, so that later changes are events."""
        self.stop_event = threading.Event()
        self.watcher = FolderWatcher(self.services, self.docs, on_pass=lambda r: self.results.extend(r.results))
        self.thread = threading.Thread(target=self.watcher.run, args=(self.stop_event,), daemon=True)
        self.thread.start()

        def first_pass_done():
            assert self.watcher.passes >= 1

        self.wait_until(first_pass_done)

    def stop(self) -> None:
        if self.thread is not None:
            self.stop_event.set()
            self.thread.join(timeout=DEADLINE)
            assert not self.thread.is_alive(), "the watcher did not stop"
            self.thread = None

    def wait_until(self, check) -> None:
        """Run `check` under the writer lock (no pass half-way) until it stops raising AssertionError."""
        deadline = time.monotonic() + DEADLINE
        while True:
            assert self.thread is None or self.thread.is_alive(), "the watcher thread died"
            with writer_lock(self.settings.data_dir, "test", wait=DEADLINE):
                try:
                    check()
                    return
                except AssertionError:
                    if time.monotonic() > deadline:
                        raise
            time.sleep(0.2)

    def converged(self, *expect: str) -> None:
        """Wait until the index equals the folder and holds (at least) the `expect`ed sources."""

        def check():
            assert_index_equals_folder(self.view, self.docs)
            assert set(expect) <= {r.source for r in self.view.manifest.all()}

        self.wait_until(check)

    def row(self, source: str):
        return self.view.manifest.get(source)

    def statuses(self, source: str, at_least: int = 1) -> list[str]:
        """What the passes did to `source` (not counting 'unchanged'), once `at_least` things were reported.

        A pass reports after it released the writer lock, so its report may trail convergence a little.
        """

        def seen() -> list[str]:
            return [r.status for r in list(self.results) if r.source == source and r.status != "unchanged"]

        deadline = time.monotonic() + DEADLINE
        while len(seen()) < at_least and time.monotonic() < deadline:
            time.sleep(0.05)
        return seen()


@pytest.fixture
def watching(tmp_path, embedder, caplog):
    caplog.set_level(logging.WARNING, logger="faro.watch")
    w = Watching(tmp_path, embedder)
    yield w
    w.stop()
    # The watcher never had a pass fail: bad files are results, not errors.
    assert not [r for r in caplog.records if r.name == "faro.watch" and r.levelno >= logging.ERROR]


def test_watcher_indexes_a_new_file(watching):
    watching.start()
    shutil.copy(CONTACTS, watching.docs / "contacts.txt")
    watching.converged("contacts.txt")
    assert watching.row("contacts.txt").status == "indexed"
    assert watching.statuses("contacts.txt") == ["added"]


def test_watcher_replaces_the_chunks_of_a_modified_file(watching):
    faq = watching.docs / "faq.md"
    shutil.copy(FAQ, faq)
    watching.start()
    watching.converged("faq.md")
    faq.write_text(
        faq.read_text(encoding="utf-8") + "\n\n## Parking\n\nVisitor parking is in bay Z9.\n", encoding="utf-8"
    )
    watching.converged("faq.md")
    assert watching.statuses("faq.md", at_least=2) == ["added", "updated"]
    assert any("bay Z9" in text for _, text in stored_chunks(watching.view)["faq.md"].values())


def test_watcher_moves_a_renamed_file_without_embedding(watching):
    shutil.copy(CONTACTS, watching.docs / "contacts.txt")
    watching.start()
    watching.converged("contacts.txt")
    embedded = watching.embedder.embedded

    (watching.docs / "contacts.txt").rename(watching.docs / "office-contacts.txt")
    watching.converged("office-contacts.txt")
    (watching.docs / "archive/2025").mkdir(parents=True)
    (watching.docs / "office-contacts.txt").rename(watching.docs / "archive/2025/office-contacts.txt")
    watching.converged("archive/2025/office-contacts.txt")

    assert watching.statuses("office-contacts.txt") == ["renamed"]
    assert watching.statuses("archive/2025/office-contacts.txt") == ["renamed"]
    assert watching.embedder.embedded == embedded  # the vectors moved with the file
    assert {r.source for r in watching.view.manifest.all()} == {"archive/2025/office-contacts.txt"}


def test_watcher_follows_a_renamed_folder_without_embedding(watching):
    (watching.docs / "hr").mkdir()
    shutil.copy(CONTACTS, watching.docs / "hr/contacts.txt")
    (watching.docs / "hr/leave.md").write_text("# Leave\n\nCarry over up to 8 days.\n", encoding="utf-8")
    watching.start()
    watching.converged("hr/contacts.txt", "hr/leave.md")
    embedded = watching.embedder.embedded
    (watching.docs / "hr").rename(watching.docs / "people")
    watching.converged("people/contacts.txt", "people/leave.md")
    assert watching.statuses("people/contacts.txt") == watching.statuses("people/leave.md") == ["renamed"]
    assert watching.embedder.embedded == embedded


def test_watcher_drops_a_deleted_file(watching):
    shutil.copy(CONTACTS, watching.docs / "contacts.txt")
    shutil.copy(FAQ, watching.docs / "faq.md")
    watching.start()
    watching.converged("contacts.txt", "faq.md")
    (watching.docs / "contacts.txt").unlink()
    watching.converged()
    assert watching.row("contacts.txt") is None
    assert set(stored_chunks(watching.view)) == {"faq.md"}
    # A whole folder deleted at once.
    (watching.docs / "old").mkdir()
    (watching.docs / "old/a.md").write_text("# A\n\nThe old canteen menu.\n", encoding="utf-8")
    (watching.docs / "old/b.txt").write_text("Old parking rules: bay A only.\n", encoding="utf-8")
    watching.converged("old/a.md", "old/b.txt")
    shutil.rmtree(watching.docs / "old")
    watching.converged()
    assert {r.source for r in watching.view.manifest.all()} == {"faq.md"}


def test_a_file_deleted_during_a_long_pass_leaves_the_index_before_the_pass_ends(watching):
    watching.start()
    (watching.docs / "old.md").write_text("# Old\n\nThe old canteen menu.\n", encoding="utf-8")
    watching.converged("old.md")
    watching.results.clear()
    for i in range(10):  # a pass of several seconds
        shutil.copy(PDF, watching.docs / f"leave-{i}.pdf")
    deadline = time.monotonic() + DEADLINE
    while not any(watching.row(f"leave-{i}.pdf") for i in range(10)):  # the pass is under way
        assert time.monotonic() < deadline
        time.sleep(0.05)
    (watching.docs / "old.md").unlink()
    watching.converged(*(f"leave-{i}.pdf" for i in range(10)))
    watching.statuses("old.md")
    order = [(r.source, r.status) for r in watching.results if r.status != "unchanged"]
    gone = order.index(("old.md", "deleted"))
    assert any(status == "added" for _, status in order[gone + 1 :]), order  # removed between files, not after


def test_watcher_does_not_empty_the_index_when_the_folder_empties(watching, caplog):
    # A share unmounted under the watcher: its files vanish at once. Nothing is deleted; it says why, once.
    shutil.copy(CONTACTS, watching.docs / "contacts.txt")
    shutil.copy(FAQ, watching.docs / "faq.md")
    watching.start()
    watching.converged("contacts.txt", "faq.md")
    passes = watching.watcher.passes
    for f in list(watching.docs.iterdir()):
        f.unlink()

    def refused():
        return [r for r in caplog.records if r.name == "faro.watch" and "holds no documents" in r.getMessage()]

    deadline = time.monotonic() + DEADLINE
    while not refused() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.5)  # not retried in a loop: the next change or full rescan tries again
    assert len(refused()) == 1 and watching.watcher.passes == passes
    assert {r.source for r in watching.view.manifest.all()} == {"contacts.txt", "faq.md"}
    caplog.clear()  # the refusal is the one error this test expects


def test_a_file_written_to_all_the_time_does_not_hold_up_the_others(watching):
    # A log appended every 0.2 s keeps events coming: the other files are indexed all the same.
    watching.start()
    log_file = watching.docs / "busy.txt"
    stop = threading.Event()

    def append():
        while not stop.is_set():
            with log_file.open("a", encoding="utf-8") as fh:
                fh.write("Depot door opened.\n")
            time.sleep(0.2)

    writer = threading.Thread(target=append, daemon=True)
    writer.start()
    try:
        time.sleep(0.5)
        shutil.copy(FAQ, watching.docs / "faq.md")
        deadline = time.monotonic() + 20
        while watching.row("faq.md") is None:
            assert time.monotonic() < deadline, "faq.md waited for the busy file"
            time.sleep(0.2)
    finally:
        stop.set()
        writer.join()


def test_burst_of_writes_to_one_file_ends_in_its_final_version(watching):
    watching.start()
    note = watching.docs / "note.md"
    for i in range(1, 11):
        note.write_text(f"# Note\n\nThe meeting room code is {i * 1111}.\n", encoding="utf-8")
        time.sleep(0.05)
    watching.converged("note.md")
    texts = [t for _, t in stored_chunks(watching.view)["note.md"].values()]
    assert len(texts) == 1 and "11110" in texts[0]
    statuses = watching.statuses("note.md")
    assert statuses[-1] in ("added", "updated") and "failed" not in statuses


def test_file_written_slowly_in_pieces_is_indexed_once_and_complete(watching):
    watching.start()
    data = PDF.read_bytes()
    target = watching.docs / "leave-policy.pdf"
    quarter = len(data) // 4 + 1
    with target.open("wb") as fh:  # a copy over SMB arrives in pieces
        for i in range(4):
            fh.write(data[i * quarter : (i + 1) * quarter])
            fh.flush()
            if i < 3:
                time.sleep(0.3)
    watching.converged("leave-policy.pdf")
    assert target.read_bytes() == data
    assert watching.statuses("leave-policy.pdf") == ["added"]  # never failed as truncated, never redone
    assert watching.row("leave-policy.pdf").pages == len(PdfReader(PDF).pages)


@pytest.mark.parametrize("skew", [3600, -3600], ids=["clock-ahead", "clock-behind"])
def test_a_copy_from_a_share_whose_clock_is_off_is_indexed_once_and_complete(watching, skew):
    # The share stamps each piece with its own clock: an hour ahead (a date in the future) or an
    # hour behind (an old date). Neither may pass for a file that has finished arriving.
    watching.start()
    data = PDF.read_bytes()
    target = watching.docs / "leave-policy.pdf"
    quarter = len(data) // 4 + 1
    with target.open("wb") as fh:
        for i in range(4):
            fh.write(data[i * quarter : (i + 1) * quarter])
            fh.flush()
            stamp = time.time() + skew
            os.utime(target, (stamp, stamp))
            if i < 3:
                time.sleep(0.3)
    watching.converged("leave-policy.pdf")
    assert watching.statuses("leave-policy.pdf") == ["added"]  # never failed as truncated, never redone
    assert watching.row("leave-policy.pdf").pages == len(PdfReader(PDF).pages)


def test_a_copy_that_stalls_with_the_file_open_is_not_indexed_half_written(watching):
    # A copy from a share whose clock runs behind stalls for three times the settle time half-way,
    # the file still open: neither its date nor a quiet spell may pass it for a finished file.
    watching.start()
    data = PDF.read_bytes()
    target = watching.docs / "leave-policy.pdf"
    half = len(data) // 2
    with target.open("wb") as fh:
        fh.write(data[:half])
        fh.flush()
        old = time.time() - 3600
        os.utime(target, (old, old))
        time.sleep(3 * watching.settings.watch_settle + watching.settings.watch_debounce)
        assert watching.watcher.passes > 1 and watching.statuses("leave-policy.pdf", at_least=0) == []
        fh.write(data[half:])
    watching.converged("leave-policy.pdf")
    assert watching.statuses("leave-policy.pdf") == ["added"]
    assert watching.row("leave-policy.pdf").pages == len(PdfReader(PDF).pages)


def _write_temporary_files(docs: Path) -> None:
    (docs / "~$x.docx").write_bytes(b"\x0bJane Admin" + b"\0" * 150)
    (docs / ".~lock.x.docx#").write_text("Jane Admin,jane,host,01.01.2026 10:00,file:///home/jane;\n")
    (docs / "x.tmp").write_bytes(PDF.read_bytes())
    (docs / "x.part").write_bytes(PDF.read_bytes()[:1000])
    (docs / ".hidden.md").write_text("# Hidden\n\nNot for the index.\n", encoding="utf-8")
    (docs / ".cache").mkdir()
    (docs / ".cache/inside.md").write_text("# Cached\n\nNot for the index either.\n", encoding="utf-8")


def test_temporary_lock_and_hidden_files_never_reach_the_manifest(watching):
    watching.start()
    _write_temporary_files(watching.docs)
    shutil.copy(CONTACTS, watching.docs / "contacts.txt")
    watching.converged("contacts.txt")
    assert {r.source for r in watching.view.manifest.all()} == {"contacts.txt"}
    assert set(stored_chunks(watching.view)) == {"contacts.txt"}
    assert watching.statuses("contacts.txt") == ["added"]
    assert {r.source for r in watching.results} == {"contacts.txt"}


def test_temporary_files_alone_cause_no_pass(watching):
    watching.start()
    passes = watching.watcher.passes
    _write_temporary_files(watching.docs)
    time.sleep(2.0)  # four debounce periods: a pass would have run by now
    assert watching.watcher.passes == passes


def test_changes_made_while_stopped_are_caught_up_on_start(watching):
    shutil.copy(CONTACTS, watching.docs / "contacts.txt")
    shutil.copy(FAQ, watching.docs / "faq.md")
    (watching.docs / "old.md").write_text("# Old\n\nThe old canteen menu.\n", encoding="utf-8")
    watching.start()
    watching.converged("contacts.txt", "faq.md", "old.md")
    watching.stop()

    (watching.docs / "old.md").unlink()
    faq = watching.docs / "faq.md"
    faq.write_text(
        faq.read_text(encoding="utf-8") + "\n\n## Parking\n\nVisitor parking is in bay Z9.\n", encoding="utf-8"
    )
    (watching.docs / "contacts.txt").rename(watching.docs / "contacts-2026.txt")
    (watching.docs / "new.md").write_text("# New\n\nThe new canteen opens at 07:30.\n", encoding="utf-8")
    time.sleep(0.6)  # older than watch_settle: the first pass takes them, no event will come
    watching.results.clear()

    watching.start()
    watching.converged("contacts-2026.txt", "faq.md", "new.md")
    watching.statuses("old.md")  # the catch-up pass has reported
    assert sorted((r.source, r.status) for r in watching.results if r.status != "unchanged") == [
        ("contacts-2026.txt", "renamed"),
        ("faq.md", "updated"),
        ("new.md", "added"),
        ("old.md", "deleted"),
    ]


def test_bad_files_are_recorded_failed_and_the_watcher_goes_on(watching):
    watching.start()
    (watching.docs / "empty.pdf").write_bytes(b"")
    (watching.docs / "garbage.docx").write_bytes(b"PK\x03\x04 this is not really a zip" * 10)
    watching.converged("empty.pdf", "garbage.docx")
    assert watching.row("empty.pdf").status == "failed" and "empty" in watching.row("empty.pdf").error
    assert watching.row("garbage.docx").status == "failed" and "Word" in watching.row("garbage.docx").error

    shutil.copy(CONTACTS, watching.docs / "contacts.txt")
    watching.converged("contacts.txt")
    assert watching.row("contacts.txt").status == "indexed"
    assert watching.thread.is_alive()


def test_a_failed_file_is_logged_once_not_on_every_pass(watching, caplog):
    watching.start()
    (watching.docs / "empty.pdf").write_bytes(b"")
    watching.converged("empty.pdf")
    for name in ("a.md", "b.md"):  # two more passes, for other files
        (watching.docs / name).write_text(f"# {name}\n\nThe canteen opens at 07:30.\n", encoding="utf-8")
        watching.converged(name)
    warnings = [r for r in caplog.records if r.name == "faro.watch" and "empty.pdf" in r.getMessage()]
    assert len(warnings) == 1


def test_watcher_indexes_a_file_dated_in_the_future(watching):
    watching.start()
    late = watching.docs / "future.md"
    late.write_text("# Future\n\nThe canteen opens at 07:30 from next month.\n", encoding="utf-8")
    ahead = time.time() + 3600
    os.utime(late, (ahead, ahead))
    watching.converged("future.md")
    assert watching.statuses("future.md") == ["added"]
    passes = watching.watcher.passes
    time.sleep(3)
    assert watching.watcher.passes == passes  # and then the watcher rests


def test_index_kept_inside_the_watched_folder_causes_no_endless_passes(tmp_path, embedder):
    w = Watching(tmp_path, embedder)
    w.settings = w.settings.model_copy(update={"data_dir": w.docs / "index"})
    w.services = build_services(w.settings, embedder=w.embedder)
    w.view = build_services(w.settings, embedder=w.embedder, store=w.services.store)
    (w.docs / "note.md").write_text("# Note\n\nThe meeting room code is 1234.\n", encoding="utf-8")
    w.start()
    try:
        w.converged("note.md")
        time.sleep(1.0)
        passes = w.watcher.passes
        time.sleep(3.0)  # nothing changes in the folder
        assert w.watcher.passes == passes
    finally:
        w.stop()
