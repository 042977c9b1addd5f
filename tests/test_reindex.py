"""`faro reindex`: afterwards the index holds exactly the folder's documents, at the least cost.

Real Chroma in tmp_path, the real packaged embedding model (wrapped to count the texts it embeds),
real PDF/Markdown/text files and the real `faro` process for the command-line contract.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from index_check import assert_index_equals_folder, sha256, stored_chunks

from conftest import SAMPLE, CountingEmbedder, sample_folder
from ingest.pipeline import Ingestor
from ingest.reindex import MassDeleteRefused, Reconciler, reindex
from rag.errors import FaroError, StoreError
from rag.index.lock import writer_lock
from rag.index.manifest import Manifest
from rag.index.store import ChromaStore, open_client
from rag.services import Services, build_services
from rag.settings import Settings

FARO = Path(sys.executable).parent / "faro"
FILES = ["hr/leave-policy-2025.pdf", "operations/faq.md", "operations/office-contacts.txt"]
PDF, FAQ, CONTACTS = FILES


@pytest.fixture(scope="module")
def built(tmp_path_factory, embedder):
    """A folder of three documents and an index of it, built once; tests work on copies."""
    root = tmp_path_factory.mktemp("built")
    s, docs, reconciler = sample_folder(root, embedder, FILES)
    report, _ = reconciler.run()
    assert report.count("added") == 3, report.to_json()
    s.manifest.close()
    return docs, root / "data"


class Index:
    """A copy of the built index over a copy of its folder, with a counting embedder."""

    def __init__(self, tmp_path: Path, built, embedder):
        docs, data = built
        self.docs = tmp_path / "docs"
        shutil.copytree(docs, self.docs)  # copy2: sizes and mtimes kept, as on the original
        shutil.copytree(data, tmp_path / "data")
        self.settings = Settings(data_dir=tmp_path / "data", docs_dir=self.docs, _env_file=None)
        self.embedder = CountingEmbedder(embedder)
        self.services = build_services(self.settings, embedder=self.embedder)
        self.ingestor = Ingestor(self.settings, self.embedder, self.services.store, self.services.manifest)

    def reconcile(self, **kw) -> dict[str, str]:
        report, deferred = Reconciler(self.ingestor, self.docs).run(**kw)
        assert deferred == []
        self.report = report
        return {r.source: r.status for r in report.results}

    def check(self) -> None:
        assert_index_equals_folder(self.services, self.docs, exact=True)


@pytest.fixture
def index(tmp_path, built, embedder) -> Index:
    idx = Index(tmp_path, built, embedder)
    idx.check()
    return idx


def _vectors(s: Services, source: str) -> dict[int, np.ndarray]:
    got = s.store._col.get(where={"source": source}, include=["metadatas", "embeddings"])
    return {m["position"]: np.asarray(v) for m, v in zip(got["metadatas"], got["embeddings"])}


# --- the reconciler ---------------------------------------------------------------------------


def test_unchanged_folder_is_all_unchanged_and_embeds_nothing(index):
    assert index.reconcile() == {PDF: "unchanged", FAQ: "unchanged", CONTACTS: "unchanged"}
    assert index.embedder.embedded == 0
    index.check()


def test_touched_but_identical_file_is_unchanged_without_embedding(index):
    faq = index.docs / FAQ
    before = faq.stat().st_mtime
    os.utime(faq)  # `touch`: now
    assert faq.stat().st_mtime != before
    assert index.reconcile()[FAQ] == "unchanged"
    assert index.embedder.embedded == 0
    # The new modification time is remembered: the next pass does not even hash the file.
    assert index.services.manifest.get(FAQ).mtime == faq.stat().st_mtime
    index.check()


def test_file_dated_in_the_future_is_still_indexed(index):
    # Files copied from a share whose clock runs ahead, or unzipped with future dates.
    late = index.docs / "operations/future.md"
    late.write_text("# Future\n\nThe canteen opens at 07:30 from next month.\n", encoding="utf-8")
    ahead = late.stat().st_mtime + 3600
    os.utime(late, (ahead, ahead))
    report = reindex(index.settings, index.docs, services=index.services)
    assert {r.source: r.status for r in report.results}.get("operations/future.md") == "added"
    index.check()


def test_changed_file_is_updated_and_its_old_chunks_go(index):
    faq = index.docs / FAQ
    old_ids = set(stored_chunks(index.services)[FAQ])
    # A rewrite, not an append: the first chunk changes and the document gets shorter.
    text = faq.read_text(encoding="utf-8")
    faq.write_text(
        "# FAQ (revised)\n\n## Parking\n\nVisitor parking is in bay Z9.\n\n" + text[len(text) // 2 :], encoding="utf-8"
    )
    assert index.reconcile() == {PDF: "unchanged", FAQ: "updated", CONTACTS: "unchanged"}
    assert 0 < index.embedder.embedded == index.services.manifest.get(FAQ).chunks
    new = stored_chunks(index.services)[FAQ]
    assert len(new) < len(old_ids) and not set(new) & old_ids
    assert any("bay Z9" in text for _, text in new.values())
    index.check()


def test_deleted_file_loses_its_chunks_and_its_row(index):
    (index.docs / CONTACTS).unlink()
    assert index.reconcile() == {PDF: "unchanged", FAQ: "unchanged", CONTACTS: "deleted"}
    assert CONTACTS not in stored_chunks(index.services)
    assert index.services.manifest.get(CONTACTS) is None
    index.check()


def test_renamed_file_keeps_its_vectors_without_embedding(index):
    before = _vectors(index.services, PDF)
    new = "archive/2025/leave-policy.pdf"
    (index.docs / "archive/2025").mkdir(parents=True)
    (index.docs / PDF).rename(index.docs / new)

    statuses = index.reconcile()
    assert statuses == {new: "renamed", FAQ: "unchanged", CONTACTS: "unchanged"}
    assert index.report.results[0].reason == f"from {PDF}"
    assert index.embedder.embedded == 0
    assert PDF not in stored_chunks(index.services) and index.services.manifest.get(PDF) is None
    moved = stored_chunks(index.services)[new]
    assert {m["source"] for m, _ in moved.values()} == {new}
    after = _vectors(index.services, new)
    assert sorted(after) == sorted(before)
    assert all(np.allclose(after[p], before[p]) for p in before)  # the very same vectors
    row = index.services.manifest.get(new)
    assert row.status == "indexed" and row.doc_hash == sha256(index.docs / new)
    index.check()  # exact: the moved chunks carry the ids a fresh ingest of the new path would give
    # ...and the next pass finds nothing to do.
    assert set(index.reconcile().values()) == {"unchanged"}


def test_two_copies_renamed_at_once_both_keep_their_vectors(index):
    copy = "operations/faq-copy.md"
    shutil.copy2(index.docs / FAQ, index.docs / copy)
    assert index.reconcile()[copy] == "added"
    index.embedder.embedded = 0
    (index.docs / "moved").mkdir()
    (index.docs / FAQ).rename(index.docs / "moved/faq.md")
    (index.docs / copy).rename(index.docs / "moved/faq-copy.md")

    statuses = index.reconcile()

    assert statuses == {
        "moved/faq.md": "renamed",
        "moved/faq-copy.md": "renamed",
        PDF: "unchanged",
        CONTACTS: "unchanged",
    }
    assert index.embedder.embedded == 0
    index.check()


def test_renamed_and_edited_file_is_a_new_document(index):
    text = (index.docs / FAQ).read_text(encoding="utf-8")
    (index.docs / FAQ).unlink()
    (index.docs / "operations/faq-2026.md").write_text(text + "\nUpdated for 2026.\n", encoding="utf-8")
    statuses = index.reconcile()
    assert statuses[FAQ] == "deleted" and statuses["operations/faq-2026.md"] == "added"
    index.check()


def test_identical_files_at_two_paths_are_two_documents(index):
    copy = "operations/faq-copy.md"
    shutil.copy2(index.docs / FAQ, index.docs / copy)
    assert index.reconcile()[copy] == "added"
    rows = {r.source: r for r in index.services.manifest.all()}
    assert rows[copy].doc_hash == rows[FAQ].doc_hash
    assert rows[copy].status == rows[FAQ].status == "indexed"
    assert rows[copy].chunks == rows[FAQ].chunks
    assert not set(rows[copy].chunk_ids) & set(rows[FAQ].chunk_ids)
    index.check()
    # Deleting one of the twins leaves the other one whole.
    (index.docs / FAQ).unlink()
    assert index.reconcile()[FAQ] == "deleted"
    index.check()


def test_reconcile_repairs_orphans_lost_rows_and_pending_rows(index, embedder):
    s = index.services
    notes = "operations/notes.md"
    (index.docs / notes).write_text("# Notes\n\nThe fire drill is on the first Monday.\n", encoding="utf-8")
    assert index.reconcile()[notes] == "added"
    vec = embedder.embed_query("stale text")
    meta = {"position": 0, "doc_hash": "x" * 64, "title": "Old", "section": "", "page": 0, "page_end": 0}
    # A chunk of a file that no longer exists and that no row lists (a crash after the row went).
    s.store._col.upsert(
        ids=["orphan-1"],
        embeddings=[vec],
        documents=["stale text of a deleted file"],
        metadatas=[{**meta, "source": "gone/old-policy.md"}],
    )
    # A stray chunk under a present file's name that its 'indexed' row does not list.
    s.store._col.upsert(
        ids=["stray-1"],
        embeddings=[vec],
        documents=["stray text"],
        metadatas=[{**meta, "source": notes, "position": 7}],
    )
    s.manifest.delete(CONTACTS)  # its chunks are in Chroma but the manifest forgot them
    row = s.manifest.get(FAQ)
    row.status = "pending"  # a crash between the Chroma write and the 'indexed' mark
    s.manifest.put(row)

    statuses = index.reconcile(check_store=True)
    assert statuses == {
        "gone/old-policy.md": "repaired",
        notes: "repaired",
        CONTACTS: "added",
        FAQ: "updated",
        PDF: "unchanged",
    }
    index.check()
    assert set(index.reconcile(check_store=True).values()) == {"unchanged"}


def test_reconcile_restores_chunks_lost_from_the_store(index):
    s = index.services
    s.store.delete_source(CONTACTS)
    assert index.reconcile(check_store=True)[CONTACTS] == "repaired"
    assert index.embedder.embedded == s.manifest.get(CONTACTS).chunks
    index.check()


def test_renamed_file_whose_chunks_were_lost_is_indexed_again(index):
    s = index.services
    s.store.delete_source(CONTACTS)  # the store lost them (a crash, a restore from an older backup)
    (index.docs / CONTACTS).rename(index.docs / "operations/contacts-2026.txt")
    index.reconcile(check_store=True)
    index.check()


def test_a_file_name_that_is_not_utf8_does_not_stop_the_pass(index):
    with open(os.fsencode(index.docs / "operations") + b"/caf\xe9-menu.md", "wb") as fh:
        fh.write(b"# Cafe\n\nThe cafe opens at 08:00.\n")
    (index.docs / "zebra-crossing.md").write_text(
        "# Zebra crossing\n\nCross at the zebra crossing.\n", encoding="utf-8"
    )
    statuses = index.reconcile()
    assert statuses["zebra-crossing.md"] == "added"
    refused = [r for r in index.report.results if r.status == "failed"]
    assert len(refused) == 1 and "UTF-8" in refused[0].reason and refused[0].source.startswith("operations/caf")


def test_an_unreadable_file_is_refused_with_its_reason(index):
    # Root reads every file whatever its mode, so the unreadable file is one the kernel refuses to
    # read at offset 0 (EIO): the same path through the code as EACCES on a share. (Links in the
    # folder are not followed, so it is handed to the pipeline directly.)
    result = index.ingestor.ingest_file(Path("/proc/self/mem"), "operations/locked.pdf")
    assert result.status == "failed" and result.reason
    assert index.services.manifest.get("operations/locked.pdf").error


def test_symbolic_links_in_the_folder_are_not_followed(index, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The root password is hunter2.\n", encoding="utf-8")
    os.symlink(secret, index.docs / "operations/link.txt")
    os.symlink("../" + PDF, index.docs / "operations/leave-link.pdf")
    os.symlink(index.docs / "hr", index.docs / "operations/hr-link")
    (index.docs / "zebra-crossing.md").write_text(
        "# Zebra crossing\n\nCross at the zebra crossing.\n", encoding="utf-8"
    )
    statuses = index.reconcile()
    assert statuses["zebra-crossing.md"] == "added"
    assert not [s for s in statuses if "link" in s]
    assert {r.source for r in index.services.manifest.all()} == {*FILES, "zebra-crossing.md"}
    with pytest.raises(FaroError, match="symbolic link"):
        index.ingestor.ingest([index.docs / "operations/link.txt"])


# --- full rebuild and changing the embedding model ---------------------------------------------


def test_store_built_by_one_model_refuses_another(index, tmp_path):
    other = Settings(
        data_dir=index.settings.data_dir,
        docs_dir=index.docs,
        embed_model=str(tmp_path / "another-model"),
        _env_file=None,
    )
    with pytest.raises(StoreError, match="faro reindex --full"):
        ChromaStore.from_settings(other)
    # Nothing was changed by the refusal.
    assert ChromaStore.from_settings(index.settings).count() == index.services.store.count()


def test_full_reindex_rebuilds_every_vector_with_the_new_model(index, tmp_path):
    model = str(tmp_path / "another-model")
    other = Settings(data_dir=index.settings.data_dir, docs_dir=index.docs, embed_model=model, _env_file=None)
    s = build_services(other, embedder=index.embedder, store=index.services.store)
    report = reindex(other, index.docs, full=True, services=s)
    # Every vector is rebuilt: nothing of the old model is kept.
    assert {r.source: r.status for r in report.results} == {PDF: "added", FAQ: "added", CONTACTS: "added"}
    assert index.embedder.embedded == report.chunks
    collections = open_client(other).list_collections()
    assert [c.name for c in collections] == [other.collection]
    assert ChromaStore.from_settings(other).count() == report.chunks
    assert s.store._col.metadata["embed_model"] == model
    with pytest.raises(StoreError):
        ChromaStore.from_settings(index.settings)  # the old model is now the one refused
    assert_index_equals_folder(s, index.docs)


def test_full_reindex_with_an_unusable_model_keeps_the_old_index(index, tmp_path):
    chunks = index.services.store.count()
    other = Settings(
        data_dir=index.settings.data_dir,
        docs_dir=index.docs,
        embed_model=str(tmp_path / "no-such-model"),
        _env_file=None,
    )
    with pytest.raises(FaroError):
        reindex(other, index.docs, full=True)
    assert ChromaStore.from_settings(index.settings).count() == chunks
    assert len(Manifest(index.settings.manifest_path).all()) == 3


def test_a_store_opened_before_a_full_reindex_still_works_after_it(index, embedder):
    page = ChromaStore.from_settings(index.settings)  # held by a long-running process
    report = reindex(index.settings, index.docs, full=True, services=index.services)
    assert page.count() == report.chunks
    assert page.query(embedder.embed_query("How many vacation days carry over?"), 2)


def test_an_empty_folder_does_not_empty_the_index(index):
    # An unmounted share looks like an empty folder: nothing is deleted or rebuilt unless asked.
    away = index.docs.parent / "away"
    index.docs.rename(away)
    index.docs.mkdir()
    with pytest.raises(MassDeleteRefused, match="holds no documents.*--allow-empty"):
        reindex(index.settings, index.docs, services=index.services)
    with pytest.raises(MassDeleteRefused, match="not rebuilt.*--allow-empty"):
        reindex(index.settings, index.docs, full=True, services=index.services)
    assert len(index.services.manifest.all()) == 3
    index.docs.rmdir()
    away.rename(index.docs)
    index.check()
    empty = index.docs.parent / "empty"
    empty.mkdir()
    report = reindex(index.settings, empty, services=index.services, allow_empty=True)
    assert report.count("deleted") == 3 and index.services.manifest.all() == []


def _notes(tmp_path: Path, embedder, n: int) -> tuple[Path, Settings, Services]:
    """A folder of `n` one-line notes and services over an empty index of it."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(n):
        (docs / f"note{i}.md").write_text(f"# Note {i}\n\nLocker {i} is on floor {i + 1}.\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", docs_dir=docs, _env_file=None)
    return docs, settings, build_services(settings, embedder=embedder)


def test_a_pass_that_would_delete_most_documents_is_refused(tmp_path, embedder):
    docs, settings, s = _notes(tmp_path, embedder, 8)
    assert reindex(settings, docs, services=s).count("added") == 8
    # Every file moved into a subfolder: renamed, not deleted.
    (docs / "moved").mkdir()
    for i in range(8):
        (docs / f"note{i}.md").rename(docs / "moved" / f"note{i}.md")
    assert reindex(settings, docs, services=s).count("renamed") == 8
    # A share that comes back half synced: six of eight gone.
    for i in range(2, 8):
        (docs / "moved" / f"note{i}.md").unlink()
    with pytest.raises(MassDeleteRefused, match="delete 6 of the 8 indexed documents.*--allow-mass-delete"):
        reindex(settings, docs, services=s)
    assert len(s.manifest.all()) == 8
    assert reindex(settings, docs, services=s, allow_mass_delete=True).count("deleted") == 6
    assert_index_equals_folder(s, docs, exact=True)


@pytest.mark.slow  # starts a `faro` process
def test_a_pass_is_bounded_and_a_stop_is_obeyed_between_files(tmp_path, embedder):
    import threading

    docs, settings, s = _notes(tmp_path, embedder, 6)
    reconciler = Reconciler(Ingestor(settings, embedder, s.store, s.manifest), docs)
    stop = threading.Event()
    stop.set()  # SIGTERM before the pass: nothing is ingested, everything is left for later
    report, left = reconciler.run(stop=stop)
    assert report.count("added") == 0 and len(left) == 6
    passes, added = 0, 0
    while True:  # a budget spent after one file: one file a pass, the lock let go between
        report, left = reconciler.run(budget=1e-9)
        passes, added = passes + 1, added + report.count("added")
        if not left:
            break
        assert passes < 10
    assert added == 6 and passes >= 6
    assert_index_equals_folder(s, docs, exact=True)


# --- the command line ---------------------------------------------------------------------------


def _faro(*args: str, data: Path, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    env = dict(os.environ, FARO_DATA_DIR=str(data), FARO_DOCS_DIR=str(cwd / "nowhere"))
    return subprocess.run([str(FARO), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow  # starts a `faro` process
def test_cli_reindex_reports_json_and_exits_1_while_a_file_fails(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy2(SAMPLE / CONTACTS, docs / "contacts.txt")
    (docs / "empty.pdf").write_bytes(b"")
    report = tmp_path / "r.json"

    done = _faro("reindex", str(docs), "--report", str(report), data=tmp_path / "data", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "empty.pdf" in done.stderr and "empty file" in done.stderr
    summary = json.loads(report.read_text(encoding="utf-8"))
    assert {k: summary[k] for k in ("added", "failed", "unchanged", "deleted")} == {
        "added": 1,
        "failed": 1,
        "unchanged": 0,
        "deleted": 0,
    }
    assert summary["folder"] == str(docs.resolve())
    by_source = {f["source"]: f for f in summary["files"]}
    assert by_source["empty.pdf"]["status"] == "failed" and by_source["empty.pdf"]["reason"]
    assert by_source["contacts.txt"]["chunks"] > 0

    (docs / "empty.pdf").unlink()
    done = _faro("reindex", str(docs), "--report", str(report), data=tmp_path / "data", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    summary = json.loads(report.read_text(encoding="utf-8"))
    assert {k: summary[k] for k in ("added", "failed", "unchanged", "deleted")} == {
        "added": 0,
        "failed": 0,
        "unchanged": 1,
        "deleted": 1,
    }


@pytest.mark.slow  # starts a `faro` process
def test_cli_reindex_of_an_empty_folder_keeps_the_index(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy2(SAMPLE / CONTACTS, docs / "contacts.txt")
    assert _faro("reindex", str(docs), data=tmp_path / "data", cwd=tmp_path).returncode == 0
    (docs / "contacts.txt").unlink()
    done = _faro("reindex", str(docs), data=tmp_path / "data", cwd=tmp_path)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "holds no documents" in done.stderr and "--allow-empty" in done.stderr
    assert len(Manifest(tmp_path / "data" / "manifest.sqlite3").all()) == 1
    done = _faro("reindex", str(docs), "--allow-empty", data=tmp_path / "data", cwd=tmp_path)
    assert done.returncode == 0 and "1 deleted" in done.stdout, done.stderr


@pytest.mark.slow  # starts a `faro` process
def test_cli_reindex_refuses_a_second_writer_naming_the_holder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy2(SAMPLE / FAQ, docs / "faq.md")
    data = tmp_path / "data"
    with writer_lock(data, "test holder"):
        done = _faro("reindex", str(docs), "--wait", "1", data=data, cwd=tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert f"'test holder' (pid {os.getpid()}" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not Manifest(data / "manifest.sqlite3").all()  # nothing was written
