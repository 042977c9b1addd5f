"""rag/people/sources.py: only indexed documents inside the indexed folder are served for download."""

from __future__ import annotations

import os

import pytest

from rag.errors import FaroError
from rag.index.manifest import DocumentRecord, Manifest
from rag.people.sources import media_type, source_file


@pytest.fixture
def folder(tmp_path):
    """docs/ with hr/leave.pdf indexed, a secret file beside docs/, and a manifest recording leave.pdf."""
    docs = tmp_path / "docs"
    (docs / "hr").mkdir(parents=True)
    (docs / "hr" / "leave.pdf").write_bytes(b"%PDF-1.4 leave")
    (tmp_path / "secret.txt").write_text("salaries")
    manifest = Manifest(tmp_path / "data" / "manifest.sqlite3")
    manifest.put(DocumentRecord("hr/leave.pdf", "hash", 14, 0.0))
    yield docs, manifest
    manifest.close()


def _refused(docs, source, manifest) -> str:
    with pytest.raises(FaroError) as info:
        source_file(docs, source, manifest)
    return str(info.value)


def test_an_indexed_document_is_served_by_its_real_path(folder):
    docs, manifest = folder
    path = source_file(docs, "hr/leave.pdf", manifest)
    assert path == (docs / "hr" / "leave.pdf").resolve()
    assert path.read_bytes() == b"%PDF-1.4 leave"


def test_an_absolute_path_is_refused(folder, tmp_path):
    docs, manifest = folder
    assert "absolute" in _refused(docs, str(tmp_path / "secret.txt"), manifest)
    assert "absolute" in _refused(docs, "/etc/passwd", manifest)


def test_dot_dot_is_refused_even_when_it_comes_back_inside(folder):
    docs, manifest = folder
    assert "'..'" in _refused(docs, "../secret.txt", manifest)
    assert "'..'" in _refused(docs, "hr/../hr/leave.pdf", manifest)


def test_backslashes_and_drive_letters_are_refused(folder):
    docs, manifest = folder
    assert "forward slashes" in _refused(docs, "hr\\leave.pdf", manifest)
    assert "drive letter" in _refused(docs, "C:/Windows/win.ini", manifest)
    assert "drive letter" in _refused(docs, "c:leave.pdf", manifest)


def test_a_nul_byte_is_refused(folder):
    docs, manifest = folder
    assert "NUL" in _refused(docs, "hr/leave.pdf\x00.txt", manifest)


def test_a_symlink_inside_the_folder_pointing_outside_is_refused(folder, tmp_path):
    docs, manifest = folder
    os.symlink(tmp_path / "secret.txt", docs / "hr" / "notes.txt")
    # Even recorded as indexed (the ingester follows links), its target is not served.
    manifest.put(DocumentRecord("hr/notes.txt", "hash", 8, 0.0))
    assert "outside the indexed folder" in _refused(docs, "hr/notes.txt", manifest)


def test_a_linked_folder_pointing_outside_is_refused(folder, tmp_path):
    docs, manifest = folder
    os.symlink(tmp_path, docs / "shared")
    manifest.put(DocumentRecord("shared/secret.txt", "hash", 8, 0.0))
    assert "outside the indexed folder" in _refused(docs, "shared/secret.txt", manifest)


def test_a_file_that_is_not_indexed_is_refused(folder):
    docs, manifest = folder
    (docs / "hr" / "draft.pdf").write_bytes(b"%PDF-1.4 draft")
    assert "not an indexed document" in _refused(docs, "hr/draft.pdf", manifest)


def test_a_failed_or_pending_document_is_refused(folder):
    docs, manifest = folder
    (docs / "scan.pdf").write_bytes(b"")
    (docs / "new.pdf").write_bytes(b"%PDF-1.4")
    manifest.put(DocumentRecord("scan.pdf", "hash", 0, 0.0, status="failed", error="empty"))
    manifest.put(DocumentRecord("new.pdf", "hash", 8, 0.0, status="pending"))
    assert "not an indexed document" in _refused(docs, "scan.pdf", manifest)
    assert "not an indexed document" in _refused(docs, "new.pdf", manifest)


def test_a_deleted_document_is_refused(folder):
    docs, manifest = folder
    (docs / "hr" / "leave.pdf").unlink()
    assert "no longer in the indexed folder" in _refused(docs, "hr/leave.pdf", manifest)


def test_a_folder_or_a_pipe_is_not_a_regular_file(folder):
    docs, manifest = folder
    (docs / "hr" / "old.pdf").mkdir()
    manifest.put(DocumentRecord("hr/old.pdf", "hash", 0, 0.0))
    assert "not a regular file" in _refused(docs, "hr/old.pdf", manifest)
    os.mkfifo(docs / "hr" / "pipe.txt")
    manifest.put(DocumentRecord("hr/pipe.txt", "hash", 0, 0.0))
    assert "not a regular file" in _refused(docs, "hr/pipe.txt", manifest)


def test_media_types_follow_the_extension():
    assert media_type("hr/leave.PDF") == "application/pdf"
    assert media_type("a.docx") == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert media_type("operations/faq.md") == "text/markdown"
    assert media_type("office-contacts.txt") == "text/plain"
    assert media_type("archive.zip") == "application/octet-stream"


def test_a_link_re_pointed_inside_the_folder_after_indexing_is_refused(folder):
    docs, manifest = folder
    (docs / "private").mkdir()
    (docs / "private" / "salaries.pdf").write_bytes(b"%PDF-1.4 salary bands")
    (docs / "hr" / "leave.pdf").unlink()
    os.symlink(docs / "private" / "salaries.pdf", docs / "hr" / "leave.pdf")
    assert "symbolic link" in _refused(docs, "hr/leave.pdf", manifest)


def test_a_file_changed_since_indexing_is_not_served_until_re_indexed(folder):
    docs, manifest = folder
    (docs / "hr" / "leave.pdf").write_bytes(b"%PDF-1.4 leave, edited since")
    assert "changed since it was indexed" in _refused(docs, "hr/leave.pdf", manifest)
