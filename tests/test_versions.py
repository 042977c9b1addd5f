"""Versions of a policy: effective dates, which documents are versions, and current text first."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime, timezone

from documents import write_docx, write_pdf

from conftest import CountingEmbedder, sample_folder
from ingest.versions import effective_date, policy_key, stated_date
from rag.index.manifest import Manifest


def test_the_stated_effective_date_is_read_in_english_and_spanish():
    assert stated_date("Leave Policy\nEffective 1 January 2025\nVersion 2.0") == date(2025, 1, 1)
    assert stated_date("This policy is effective as of March 1st, 2025.") == date(2025, 3, 1)
    assert stated_date("Effective date: 2024-06-01") == date(2024, 6, 1)
    assert stated_date("Política de teletrabajo\nVigente desde el 1 de junio de 2025") == date(2025, 6, 1)
    assert stated_date("Fecha de entrada en vigor: 15 de enero de 2024") == date(2024, 1, 15)
    # Day first, as written in Britain and Spain; month first only where day first cannot be.
    assert stated_date("En vigor desde 01/02/2024") == date(2024, 2, 1)
    assert stated_date("Effective from 03/25/2025") == date(2025, 3, 25)


def test_a_date_that_belongs_to_the_superseded_document_is_not_taken():
    text = "Leave Policy\nVersion 2.0 - supersedes the Leave Policy effective 1 January 2023\nEffective 1 January 2025"
    assert stated_date(text) == date(2025, 1, 1)
    assert stated_date("Sustituye a la política vigente desde el 1 de enero de 2023") is None
    assert stated_date("A policy with no date, printed in 2025.") is None
    # Its own date, although a word like 'replacement' or 'anterior' comes earlier in the line.
    assert stated_date("Vehicle Replacement Policy - Effective 1 January 2025") == date(2025, 1, 1)
    assert stated_date("Esta política sustituye a la anterior y entra en vigor el 1 de enero de 2025") == date(
        2025, 1, 1
    )


def test_a_revision_table_dates_the_document_by_its_latest_revision():
    text = "Revision history\nEffective 1 January 2019 - first issue\nEffective 1 January 2025 - limits revised"
    assert stated_date(text) == date(2025, 1, 1)


def test_the_effective_date_falls_back_to_properties_then_to_the_file_time():
    mtime = datetime(2024, 5, 6, 12, tzinfo=timezone.utc).timestamp()
    props = datetime(2024, 2, 3, 9, 0)
    assert effective_date("Effective 1 April 2025", props, mtime) == ("2025-04-01", "stated")
    assert effective_date("No date here", props, mtime) == ("2024-02-03", "properties")
    assert effective_date("No date here", None, mtime) == ("2024-05-06", "file")


def test_versions_of_a_policy_share_a_key_and_other_policies_do_not():
    old = policy_key("Leave Policy", "hr/leave-policy-2023.pdf", "en")
    assert old == policy_key("Leave Policy v2.0 (FINAL)", "hr/leave-policy-2025.pdf", "en")
    assert old == policy_key("Leave Policy", "hr/Leave_Policy_v3.docx", "en")
    assert old != policy_key("Parental Leave Policy", "hr/parental-leave-policy.pdf", "en")
    assert old != policy_key("Leave Policy", "hr/leave-policy.pdf", "es")  # a translation is not a version
    assert old != policy_key("Leave Policy", "archive/leave-policy-2019.pdf", "en")  # another folder
    assert policy_key("Política de vacaciones 2024 - borrador", "es/vacaciones.pdf", "es") == policy_key(
        "Política de Vacaciones", "es/vacaciones-2025.pdf", "es"
    )
    # Numbers other than years and versions tell documents apart.
    assert policy_key("ISO 9001 Quality Policy", "q/iso-9001.pdf", "en") != policy_key(
        "ISO 14001 Quality Policy", "q/iso-14001.pdf", "en"
    )
    assert policy_key("Board minutes", "b/minutes-2024-01-05.pdf", "en") != policy_key(
        "Board minutes", "b/minutes-2024-02-09.pdf", "en"
    )
    # A letterhead or a template heading as the title is not enough: the file names differ.
    assert policy_key("ACME Logistics Ltd", "ops/fleet-rules.pdf", "en") != policy_key(
        "ACME Logistics Ltd", "ops/canteen-rules.pdf", "en"
    )


def test_ingest_records_each_documents_date_and_where_it_came_from(tmp_path, embedder):
    s, docs, reconciler = sample_folder(tmp_path, embedder, ["hr/leave-policy-2023.pdf", "hr/leave-policy-2025.pdf"])
    write_docx(
        docs / "hr" / "undated.docx",
        "Lone Worker Guidance",
        [("Scope", "Drivers working alone at night call in every two hours.")],
    )
    (docs / "hr" / "notes.md").write_text("# Canteen notes\n\nThe canteen opens at eight.\n", encoding="utf-8")
    os.utime(docs / "hr" / "notes.md", (1717243200, 1717243200))  # 2024-06-01 UTC
    reconciler.run()
    rows = {r.source: r for r in s.manifest.all()}
    assert (rows["hr/leave-policy-2023.pdf"].effective, rows["hr/leave-policy-2023.pdf"].dated_by) == (
        "2023-01-01",
        "stated",
    )
    assert (rows["hr/leave-policy-2025.pdf"].effective, rows["hr/leave-policy-2025.pdf"].dated_by) == (
        "2025-01-01",
        "stated",
    )
    assert rows["hr/undated.docx"].dated_by == "properties"
    assert (rows["hr/notes.md"].effective, rows["hr/notes.md"].dated_by) == ("2024-06-01", "file")
    assert (
        rows["hr/leave-policy-2023.pdf"].policy
        == rows["hr/leave-policy-2025.pdf"].policy
        == "en:hr:leave policy|leave policy"
    )
    assert set(s.manifest.versions(["hr/leave-policy-2023.pdf"])) == {
        "hr/leave-policy-2023.pdf",
        "hr/leave-policy-2025.pdf",
    }
    assert s.manifest.versions(["hr/undated.docx", "hr/notes.md"]) == {}  # one version only: nothing to prefer


def test_the_current_version_ranks_before_the_superseded_one(tmp_path, embedder):
    s, docs, reconciler = sample_folder(
        tmp_path, embedder, ["hr/leave-policy-2023.pdf", "hr/leave-policy-2025.pdf", "hr/parental-leave-policy.pdf"]
    )
    reconciler.run()
    # Both versions answer these; without version preference the 2023 policy ranked first for the
    # second (with the suite's MiniLM; for both with e5).
    for question in (
        "I have been with the company for 7 years. How many days of annual leave am I entitled to?",
        "Can I pay to get a few extra days off on top of my normal allowance?",
    ):
        hits = s.retriever.search(question, 5)
        sources = [h.chunk.source for h in hits]
        assert "hr/leave-policy-2023.pdf" in sources, sources
        assert sources.index("hr/leave-policy-2025.pdf") < sources.index("hr/leave-policy-2023.pdf"), sources
        old = hits[sources.index("hr/leave-policy-2023.pdf")]
        assert old.superseded_by == "hr/leave-policy-2025.pdf"
        assert old.to_json()["superseded_by"] == "hr/leave-policy-2025.pdf"
        assert not hits[sources.index("hr/leave-policy-2025.pdf")].superseded_by


def test_a_newer_file_of_another_policy_changes_nothing(tmp_path, embedder):
    s, docs, reconciler = sample_folder(tmp_path, embedder, ["hr/leave-policy-2023.pdf"])
    write_pdf(
        docs / "hr" / "canteen-rules.pdf",
        "Canteen Rules",
        ["Effective 1 June 2026\n\nAnnual leave requests are not handled by the canteen."],
    )
    reconciler.run()
    hits = s.retriever.search("How many days of annual leave do I get?", 5)
    assert hits and not any(h.superseded_by for h in hits)


def test_an_older_manifest_gains_the_version_columns(tmp_path):
    path = tmp_path / "manifest.sqlite3"
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE documents (source TEXT PRIMARY KEY, doc_hash TEXT NOT NULL, size INTEGER NOT NULL, "
        "mtime REAL NOT NULL, title TEXT NOT NULL DEFAULT '', pages INTEGER NOT NULL DEFAULT 0, "
        "chunks INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL, error TEXT NOT NULL DEFAULT '', "
        "indexed_at REAL NOT NULL, chunk_ids TEXT NOT NULL DEFAULT '[]')"
    )
    db.execute(
        "INSERT INTO documents (source, doc_hash, size, mtime, status, indexed_at, chunk_ids) "
        "VALUES ('a.pdf', 'h', 1, 0, 'indexed', 1, '[\"c1\"]')"
    )
    db.commit()
    db.close()
    record = Manifest(path).get("a.pdf")
    assert record.chunk_ids == ["c1"] and (record.effective, record.dated_by, record.policy) == ("", "", "")


def test_documents_indexed_before_dates_were_read_get_them_without_embedding(tmp_path, embedder):
    s, docs, reconciler = sample_folder(
        tmp_path, CountingEmbedder(embedder), ["hr/leave-policy-2023.pdf", "hr/leave-policy-2025.pdf"]
    )
    reconciler.run()
    db = sqlite3.connect(tmp_path / "data" / "manifest.sqlite3")
    with db:  # what a manifest from before this version holds
        db.execute("UPDATE documents SET effective = '', dated_by = '', policy = ''")
    db.close()
    assert s.manifest.versions(["hr/leave-policy-2023.pdf"]) == {}
    embedded = s.embedder.embedded
    report, _ = reconciler.run()
    assert report.count("unchanged") == 2 and s.embedder.embedded == embedded > 0
    key = "en:hr:leave policy|leave policy"
    assert s.manifest.versions(["hr/leave-policy-2023.pdf"]) == {
        "hr/leave-policy-2023.pdf": (key, "2023-01-01", "stated"),
        "hr/leave-policy-2025.pdf": (key, "2025-01-01", "stated"),
    }


def test_versions_dated_in_different_ways_are_left_in_their_order(tmp_path, embedder):
    """A newer version states its date; an older one without a stated date was re-saved later.
    Its file time says nothing against the stated date, so neither is put first."""
    s, docs, reconciler = sample_folder(tmp_path, embedder, ["hr/leave-policy-2025.pdf"])
    text = "Annual leave is 23 days a year. Unused days may not be carried over."
    write_pdf(docs / "hr" / "leave-policy-2019.pdf", "Leave Policy", [text])  # no stated date
    reconciler.run()
    rows = {r.source: r for r in s.manifest.all()}
    assert (
        rows["hr/leave-policy-2019.pdf"].dated_by == "properties"
        and rows["hr/leave-policy-2019.pdf"].effective > "2025-01-01"
    )
    hits = s.retriever.search("How many days of annual leave do I get?", 5)
    assert {h.chunk.source for h in hits} == {"hr/leave-policy-2019.pdf", "hr/leave-policy-2025.pdf"}
    assert not any(h.superseded_by for h in hits)


def test_a_renamed_file_is_keyed_by_its_new_name(tmp_path, embedder):
    s, docs, reconciler = sample_folder(tmp_path, embedder, ["hr/leave-policy-2023.pdf", "hr/leave-policy-2025.pdf"])
    reconciler.run()
    (docs / "hr" / "leave-policy-2023.pdf").rename(docs / "hr" / "holiday-rules-old.pdf")
    report, _ = reconciler.run()
    assert [r.status for r in report.results if r.status != "unchanged"] == ["renamed"]
    assert s.manifest.get("hr/holiday-rules-old.pdf").policy == "en:hr:leave policy|holiday rules"
    assert s.manifest.versions(["hr/leave-policy-2025.pdf"]) == {}  # no longer two versions
