"""The awkward corpus: real damaged, encrypted, scanned and odd files from public repositories.

Every file ends indexed, or failed with a reason an admin can act on; nothing raises; the index
equals the folder; the watcher started on that folder goes on indexing. What `manifest.tsv` says
must be refused is refused, and what it says must be read is read.
"""

from __future__ import annotations

import csv
import logging
import shutil
import threading
import time
from pathlib import Path

import pytest
from index_check import assert_index_equals_folder, folder_documents

from conftest import SAMPLE, SHARED
from ingest.pipeline import Ingestor
from ingest.reindex import Reconciler
from ingest.watch import FolderWatcher
from rag.index.lock import writer_lock
from rag.services import build_services
from rag.settings import Settings

AWKWARD = SHARED / "awkward"
HUGE = "huge-army-regulation-619p.pdf"
# Long PDFs whose parsing is not awkward but whose ~430 chunks cost a minute of embedding on 2
# cores: only in the slow variant, with the 619-page one.
LONG = {HUGE, "letterspaced-text-137p.pdf", "malformed-failure-after-repair.pdf"}

pytestmark = pytest.mark.skipif(not AWKWARD.is_dir(), reason=f"{AWKWARD} is not on this machine")

# file -> (a phrase of manifest.tsv's `expected` column that says so, a word the reason must contain)
MUST_BE_REFUSED = {
    "enc-aes256-user-password.pdf": ("password required", "password"),
    "enc-libreoffice-user-password.pdf": ("password required", "password"),
    "enc-docx-agile-password.docx": ("encrypted document", "password"),
    "scan-es-politica-sst-2024.pdf": ("needs OCR", "no extractable text"),
    "scan-es-resolucion-capacitacion-8p.pdf": ("needs OCR", "no extractable text"),
    "damaged-streams-canva-30p.pdf": ("no extractable text", "no extractable text"),
    "word-lockfile-owner.docx": ("not a valid .docx", "lock file"),
    "legacy-word97.doc": ("unsupported .doc", ".doc"),
    "truncated-half-hr-handbook.pdf": ("clear per-file error", "damaged"),
}
MUST_BE_READ = {
    "enc-aes256-owner-only.pdf": "text extracted",
    "enc-copy-protected.pdf": "text extracted",
    "rotated-page-90.pdf": "text extracted",
    "multicolumn-2p.pdf": "text extracted",
}


def _expected() -> dict[str, str]:
    with (AWKWARD / "manifest.tsv").open(encoding="utf-8", newline="") as fh:
        return {row["file"]: row["expected"] for row in csv.DictReader(fh, delimiter="\t")}


def _reconcile(tmp_path: Path, embedder, *, long: bool):
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in sorted(AWKWARD.iterdir()):
        if path.name != "manifest.tsv" and (long or path.name not in LONG):
            shutil.copy(path, docs / path.name)
    settings = Settings(
        data_dir=tmp_path / "data",
        docs_dir=docs,
        watch_debounce=0.3,
        watch_settle=0.5,
        watch_rescan_seconds=0,
        _env_file=None,
    )
    s = build_services(settings, embedder=embedder)
    report, deferred = Reconciler(Ingestor(settings, embedder, s.store, s.manifest), docs).run(check_store=True)
    return s, docs, report, deferred


@pytest.fixture(scope="module")
def awkward(tmp_path_factory, embedder):
    """The awkward corpus (without its long PDFs) reconciled into a fresh index, once."""
    return _reconcile(tmp_path_factory.mktemp("awkward"), embedder, long=False)


def _assert_every_file_settled(s, docs, report, deferred) -> None:
    assert deferred == []
    files = folder_documents(docs)
    by_source = {r.source: r for r in report.results}
    assert set(by_source) == set(files)
    for source, result in by_source.items():
        assert result.status in ("added", "failed"), (source, result.status)
        if result.status == "failed":
            assert result.reason.strip(), f"{source}: refused without a reason"
            assert "unexpected error" not in result.reason, f"{source}: a parser bug, not a reason: {result.reason}"
    assert_index_equals_folder(s, docs)


def test_every_awkward_file_is_indexed_or_refused_with_a_reason(awkward):
    s, docs, report, deferred = awkward
    _assert_every_file_settled(s, docs, report, deferred)
    assert report.count("added") >= len(MUST_BE_READ)


def test_manifest_tsv_expectations_hold(awkward):
    s, _, _, _ = awkward
    expected = _expected()
    rows = {r.source: r for r in s.manifest.all()}
    for name, (says, reason_word) in MUST_BE_REFUSED.items():
        assert says.lower() in expected[name].lower(), f"manifest.tsv changed its mind about {name}"
        assert rows[name].status == "failed", f"{name} should be refused"
        assert reason_word.lower() in rows[name].error.lower(), (name, rows[name].error)
        assert rows[name].chunks == 0
    for name, says in MUST_BE_READ.items():
        assert says in expected[name], f"manifest.tsv changed its mind about {name}"
        assert rows[name].status == "indexed" and rows[name].chunks > 0, (name, rows[name].error)


def test_watcher_on_the_awkward_folder_survives_and_indexes_a_new_file(awkward, caplog):
    s, docs, _, _ = awkward
    caplog.set_level(logging.WARNING, logger="faro.watch")
    stop = threading.Event()
    watcher = FolderWatcher(s, docs)
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    try:
        shutil.copy(SAMPLE / "operations/office-contacts.txt", docs / "office-contacts.txt")
        deadline = time.monotonic() + 120
        while True:
            assert thread.is_alive(), "the watcher died"
            with writer_lock(s.settings.data_dir, "test", wait=120):
                row = s.manifest.get("office-contacts.txt")
                if row is not None and row.status == "indexed":
                    assert_index_equals_folder(s, docs)
                    break
            assert time.monotonic() < deadline, "the new file was never indexed"
            time.sleep(0.2)
    finally:
        stop.set()
        thread.join(timeout=120)
    assert not thread.is_alive()
    assert not [r for r in caplog.records if r.name == "faro.watch" and r.levelno >= logging.ERROR]


@pytest.mark.slow
def test_whole_awkward_corpus_with_its_long_pdfs(tmp_path, embedder):
    s, docs, report, deferred = _reconcile(tmp_path, embedder, long=True)
    _assert_every_file_settled(s, docs, report, deferred)
    assert {name: s.manifest.get(name).status for name in LONG} == {name: "indexed" for name in LONG}
    assert s.manifest.get(HUGE).pages == 619
    assert s.manifest.get("letterspaced-text-137p.pdf").pages == 137
