"""Ingestion into a real Chroma store with the real embedding model: idempotent, no duplicates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SAMPLE, CountingEmbedder
from ingest.chunk import chunk_budget, chunk_document
from ingest.parse import parse_file
from ingest.pipeline import Ingestor
from rag.services import build_services
from rag.settings import Settings

FILES = ["hr/leave-policy-2025.pdf", "hr/remote-work-policy.docx", "operations/faq.md"]


@pytest.fixture
def docs(tmp_path) -> Path:
    root = tmp_path / "docs"
    for rel in FILES:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(SAMPLE / rel, root / rel)
    return root


@pytest.fixture
def make_ingestor(tmp_path, embedder, docs):
    def make(data: str = "data"):
        settings = Settings(data_dir=tmp_path / data, docs_dir=docs, _env_file=None)
        counting = CountingEmbedder(embedder)
        s = build_services(settings, embedder=counting)
        return Ingestor(settings, counting, s.store, s.manifest), counting, s

    return make


def _stored(s, source: str) -> dict[str, dict]:
    got = s.store._col.get(where={"source": source}, include=["metadatas"])
    return dict(zip(got["ids"], got["metadatas"]))


def test_reingest_of_unchanged_files_does_no_embedding_work(make_ingestor, docs):
    ingestor, counting, s = make_ingestor()
    first = ingestor.ingest([docs])
    assert [r.status for r in first.results] == ["added"] * 3
    ids = set(s.store._col.get(include=[])["ids"])
    embedded = counting.embedded
    assert embedded == s.store.count() == first.chunks > 0

    second = ingestor.ingest([docs])
    assert [r.status for r in second.results] == ["unchanged"] * 3
    assert counting.embedded == embedded  # not one text embedded again
    assert set(s.store._col.get(include=[])["ids"]) == ids  # no duplicates


def test_files_read_the_way_an_older_faro_cut_passages_are_read_again(make_ingestor, docs):
    from ingest.pipeline import READING

    ingestor, counting, s = make_ingestor()
    ingestor.ingest([docs])
    assert {r.reading for r in s.manifest.all()} == {READING}
    # An index an older Faro built: its rows carry an older way of reading (0 on a manifest from
    # before the column), the PDF's passages no heading.
    with s.manifest.transaction():
        s.manifest._db.execute("UPDATE documents SET reading = 0 WHERE source = 'hr/leave-policy-2025.pdf'")
    embedded = counting.embedded
    again = ingestor.ingest([docs])
    status = {r.source: r.status for r in again.results}
    assert status == {
        "hr/leave-policy-2025.pdf": "updated",
        "hr/remote-work-policy.docx": "unchanged",
        "operations/faq.md": "unchanged",
    }
    assert counting.embedded > embedded
    assert s.manifest.get("hr/leave-policy-2025.pdf").reading == READING
    assert ingestor.ingest([docs]).count("unchanged") == 3  # and then it is settled


def test_changed_file_replaces_its_chunks(make_ingestor, docs):
    ingestor, _, s = make_ingestor()
    ingestor.ingest([docs])
    faq = docs / "operations/faq.md"
    before = _stored(s, "operations/faq.md")
    faq.write_text(
        faq.read_text(encoding="utf-8") + "\n\n## Parking\n\nVisitor parking is in bay Z9, booked via reception.\n",
        encoding="utf-8",
    )
    report = ingestor.ingest([faq])
    assert [(r.source, r.status) for r in report.results] == [("operations/faq.md", "updated")]
    after = _stored(s, "operations/faq.md")
    assert len(after) == s.manifest.get("operations/faq.md").chunks
    assert len({m["doc_hash"] for m in after.values()}) == 1  # nothing left from the old version
    assert set(after) != set(before)
    hits = s.store.query(s.embedder.embed_query("Where do visitors park?"), 3)
    assert any("bay Z9" in h.chunk.text for h in hits)


def test_chunks_keep_document_page_section_and_position(make_ingestor, docs, embedder):
    ingestor, _, s = make_ingestor()
    ingestor.ingest([docs])
    pdf = _stored(s, "hr/leave-policy-2025.pdf")
    pages = sorted({m["page"] for m in pdf.values()})
    assert pages[0] == 1 and len(pages) >= 2  # page numbers kept, 1-based
    assert sorted(m["position"] for m in pdf.values()) == list(range(len(pdf)))
    # Every chunk after the title block sits under a numbered heading of the PDF.
    assert all(m["title"] for m in pdf.values())
    assert {m["section"] for m in pdf.values() if m["page"] == 3} >= {"8. Special leave > 8.1 Compassionate leave"}
    assert sum(1 for m in pdf.values() if not m["section"]) == 1

    docx = _stored(s, "hr/remote-work-policy.docx")
    assert all(m["page"] == 0 and m["section"] for m in docx.values())  # heading path, no page
    budget = chunk_budget(embedder.max_tokens)
    texts = s.store._col.get(where={"source": "hr/remote-work-policy.docx"}, include=["documents"])["documents"]
    assert max(embedder.count_tokens(t) for t in texts) <= budget


def test_a_word_table_row_is_never_cut_between_chunks(embedder):
    doc = parse_file(SAMPLE / "operations/on-call-and-overtime-policy.docx")
    chunks = chunk_document(
        doc, source="on-call.docx", doc_hash="h", count_tokens=embedder.count_tokens, size=60, overlap=16
    )
    rows = [line for c in chunks for line in c.text.splitlines() if "standby (per night):" in line]
    # Each rota's row whole in one chunk: its name, then its rates ("Rota: Fleet Maintenance; ... 95 GBP").
    assert len(rows) >= 3 and all(r.startswith("Rota: ") and "Call-out payment" in r for r in rows), rows


def test_chunk_ids_are_stable_across_fresh_indexes(make_ingestor, docs):
    a, _, sa = make_ingestor("one")
    b, _, sb = make_ingestor("two")
    a.ingest([docs])
    b.ingest([docs])
    assert set(sa.store._col.get(include=[])["ids"]) == set(sb.store._col.get(include=[])["ids"])


def test_bad_files_are_reported_and_the_batch_goes_on(make_ingestor, docs):
    (docs / "empty.pdf").write_bytes(b"")
    (docs / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    (docs / "notes.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (docs / "~$remote-work-policy.docx").write_bytes(b"lock")  # Word's lock file: never a document
    ingestor, _, s = make_ingestor()
    report = ingestor.ingest([docs])
    by_source = {r.source: r for r in report.results}
    assert "~$remote-work-policy.docx" not in by_source
    assert by_source["empty.pdf"].status == "failed" and "empty" in by_source["empty.pdf"].reason
    assert by_source["broken.docx"].status == "failed" and "Word" in by_source["broken.docx"].reason
    assert by_source["notes.doc"].status == "failed" and ".doc" in by_source["notes.doc"].reason
    assert report.count("added") == 3
    assert s.manifest.get("empty.pdf").status == "failed"
    # A failed file is not retried until it changes.
    again = {r.source: r for r in ingestor.ingest([docs]).results}
    assert "unchanged since last attempt" in again["empty.pdf"].reason


def test_file_that_becomes_unreadable_loses_its_old_chunks(make_ingestor, docs):
    ingestor, _, s = make_ingestor()
    ingestor.ingest([docs])
    assert _stored(s, "operations/faq.md")
    (docs / "operations/faq.md").write_bytes(b"")
    result = ingestor.ingest([docs / "operations/faq.md"]).results[0]
    assert result.status == "failed"
    assert _stored(s, "operations/faq.md") == {}


def test_source_is_relative_to_the_ingested_root(tmp_path, make_ingestor, docs):
    ingestor, _, s = make_ingestor()
    # A single file inside the documents folder keeps its sub-folder in its name...
    assert ingestor.ingest([docs / "hr/leave-policy-2025.pdf"]).results[0].source == "hr/leave-policy-2025.pdf"
    # ...so ingesting the folder afterwards finds it unchanged rather than adding a duplicate.
    statuses = {r.source: r.status for r in ingestor.ingest([docs]).results}
    assert statuses["hr/leave-policy-2025.pdf"] == "unchanged"
    # A folder outside the documents folder is its own root.
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy2(SAMPLE / "operations/office-contacts.txt", other / "contacts.txt")
    assert ingestor.ingest([other]).results[0].source == "contacts.txt"
