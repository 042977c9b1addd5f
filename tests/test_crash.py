"""A writer killed with SIGKILL mid-batch leaves nothing that the next `faro reindex` does not fix.

A real `faro ingest` / `faro reindex` process ingests ~30 small files and is killed at a moment
read from its own manifest (the first row, a row in the middle of its Chroma write, two thirds of
the way). Then the kernel-released writer lock lets `faro reindex` run, and the index must equal
the folder chunk by chunk: no duplicate, no orphan, no stale chunk, nothing embedded twice.
The stores are examined through copies of the data folder, so that no Chroma client of the test
process caches a state that a later process changes.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from index_check import assert_index_equals_folder, folder_documents, stored_chunks

from conftest import SAMPLE
from rag.services import build_services
from rag.settings import Settings

pytestmark = pytest.mark.slow

FARO = Path(sys.executable).parent / "faro"


@pytest.fixture
def batch(tmp_path) -> Path:
    """~30 small documents: whole copies of sample files and paragraph-sized excerpts of them."""
    docs = tmp_path / "docs"
    (docs / "pdf").mkdir(parents=True)
    shutil.copy2(SAMPLE / "hr/leave-policy-2025.pdf", docs / "pdf/leave-a.pdf")
    shutil.copy2(SAMPLE / "hr/leave-policy-2025.pdf", docs / "pdf/leave-b.pdf")
    shutil.copy2(SAMPLE / "operations/faq.md", docs / "faq-a.md")
    shutil.copy2(SAMPLE / "operations/office-contacts.txt", docs / "contacts-a.txt")
    paragraphs = [
        p.strip()
        for name in ("operations/faq.md", "operations/office-contacts.txt")
        for p in (SAMPLE / name).read_text(encoding="utf-8").split("\n\n")
        if len(p.strip()) > 80
    ]
    for i in range(26):
        suffix = ".md" if i % 2 else ".txt"
        (docs / f"notes/note-{i:02d}{suffix}").parent.mkdir(exist_ok=True)
        (docs / f"notes/note-{i:02d}{suffix}").write_text(
            f"# Note {i}\n\n{paragraphs[i % len(paragraphs)]}\n\nFiled under reference N-{i:03d}.\n", encoding="utf-8"
        )
    assert len(folder_documents(docs)) == 30
    return docs


def _rows(manifest: Path) -> dict[str, str]:
    """source -> status, read from a running writer's manifest (empty until it exists)."""
    if not manifest.exists():
        return {}
    db = sqlite3.connect(str(manifest), timeout=5)
    try:
        return dict(db.execute("SELECT source, status FROM documents").fetchall())
    except sqlite3.OperationalError:  # created, schema not written yet
        return {}
    finally:
        # Closed now, not when the garbage collector gets to it (a connection and its statement
        # cache hold each other). A connection of ours still open when the writer is killed keeps
        # SQLite's shared memory alive: the next process then trusts its header instead of reading
        # the WAL, and a commit the kill caught half-done (frames written, header not) is not seen,
        # where the copy of the folder, opened afresh, sees it. The file is then redone ("updated"),
        # which is right for a commit in flight but not what this test compares.
        db.close()


def _kill_when(proc: subprocess.Popen, manifest: Path, moment: str, total: int) -> dict[str, str]:
    """SIGKILL the writer at `moment`; return the manifest as it was just before."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the writer finished before the kill: {proc.stderr.read()}"
        rows = _rows(manifest)
        statuses = list(rows.values())
        if moment == "first-row":
            hit = len(rows) >= 1
        elif moment == "mid-write":  # a row marked pending while its chunks go into Chroma
            hit = len(rows) >= total // 3 and "pending" in statuses or len(rows) >= total // 2
        else:  # "late"
            hit = len(rows) >= 2 * total // 3
        if hit:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
            return rows
        time.sleep(0.01)
    proc.kill()
    raise AssertionError(f"{moment} never came")


def _open_copy(data: Path, name: str, embedder):
    """Services over a snapshot of `data`, as the next process would find it."""
    snap = data.parent / name
    shutil.copytree(data, snap)
    settings = Settings(data_dir=snap, docs_dir=data.parent / "docs", _env_file=None)
    return build_services(settings, embedder=embedder)


@pytest.mark.parametrize("command,moment", [("ingest", "first-row"), ("reindex", "mid-write"), ("reindex", "late")])
def test_reindex_after_sigkill_makes_the_index_equal_the_folder(tmp_path, batch, embedder, command, moment):
    data = tmp_path / "data"
    env = dict(os.environ, FARO_DATA_DIR=str(data), FARO_DOCS_DIR=str(batch))
    total = len(folder_documents(batch))
    proc = subprocess.Popen(
        [str(FARO), command, str(batch)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        before = _kill_when(proc, data / "manifest.sqlite3", moment, total)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    print(f"{command} killed at {moment}: {sorted(before.values())}")

    # What was marked indexed before the kill is exactly in Chroma: the manifest's order of writes.
    crashed = _open_copy(data, "after-kill", embedder)
    stored = stored_chunks(crashed)
    done = {r.source for r in crashed.manifest.all() if r.status == "indexed"}
    assert len(done) < total, "the kill came too late to test anything"
    for row in crashed.manifest.all():
        if row.status == "indexed":
            assert set(row.chunk_ids) == set(stored.get(row.source, {})), row.source

    report_file = tmp_path / "report.json"
    rerun = subprocess.run(
        [str(FARO), "reindex", str(batch), "--report", str(report_file), "--wait", "60"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(report_file.read_text(encoding="utf-8"))
    statuses = {f["source"]: f["status"] for f in report["files"]}
    # What was finished is not redone; the rest is done once.
    assert {s: statuses[s] for s in done} == {s: "unchanged" for s in done}
    assert set(statuses) == set(folder_documents(batch))
    assert set(statuses.values()) <= {"unchanged", "added", "updated"}, statuses

    after = _open_copy(data, "after-reindex", embedder)
    assert_index_equals_folder(after, batch, exact=True)
    # The vector index agrees with the stored chunks: every chunk is found, nothing else is.
    everything = {cid for chunks in stored_chunks(after).values() for cid in chunks}
    probe = embedder.embed_query("Where do visitors park?")
    assert {h.chunk.chunk_id for h in after.store.query(probe, len(everything))} == everything
