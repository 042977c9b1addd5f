"""Parsing real PDF and Word files: pages, running lines, headings, lists, tables, bad files."""
from __future__ import annotations

import pytest

from ingest.parse import parse_file
from rag.errors import UnreadableFile

from conftest import SAMPLE, SHARED


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_keeps_page_numbers_and_drops_running_headers_and_footers():
    doc = parse_file(SAMPLE / "hr/leave-policy-2025.pdf")
    assert doc.pages == 4 and [s.page for s in doc.sections] == [1, 2, 3, 4]
    page2 = _flat(doc.sections[1].text)
    assert "carry over up to 8 unused vacation days" in page2
    assert "carry over up to" not in _flat(doc.sections[0].text)
    assert "Internal use only - Page" not in page2
    assert "Meridian Freight Ltd. - " not in page2
    assert "Leave Policy" in doc.title


def test_pdf_table_text_is_extracted_on_its_page():
    doc = parse_file(SAMPLE / "finance/expenses-and-travel-policy.pdf")
    assert "London (inside the M25) 185 GBP" in _flat(doc.sections[3].text)


def test_docx_heading_path_lists_and_tables():
    doc = parse_file(SAMPLE / "hr/remote-work-policy.docx")
    paths = [s.section for s in doc.sections]
    assert any(p.endswith("> 5.2 Home office equipment allowance") for p in paths), paths
    allowance = next(s for s in doc.sections if s.section.endswith("5.2 Home office equipment allowance"))
    # Tables become readable rows: header then "Header: value" pairs.
    assert "Item | Maximum allowance | Replacement cycle" in allowance.text
    assert "Item: " in allowance.text and "Maximum allowance: " in allowance.text
    assert any(line.startswith("- ") for s in doc.sections for line in s.text.splitlines())
    assert all(s.page is None for s in doc.sections)


def test_spanish_docx_keeps_accents():
    doc = parse_file(SAMPLE / "es/politica-de-teletrabajo.docx")
    text = " ".join(s.text for s in doc.sections)
    assert "Aportación de la empresa" in text


def test_markdown_headings_become_sections():
    doc = parse_file(SAMPLE / "operations/faq.md")
    assert any(" > " in s.section for s in doc.sections)


AWKWARD = SHARED / "awkward"
awkward = pytest.mark.skipif(not AWKWARD.is_dir(), reason="../shared/corpora/awkward is not here")


@awkward
@pytest.mark.parametrize("name, reason", [
    ("enc-aes256-user-password.pdf", "password"),
    ("enc-libreoffice-user-password.pdf", "password"),
    ("enc-docx-agile-password.docx", "password"),
    ("scan-es-politica-sst-2024.pdf", "no extractable text"),
    ("damaged-streams-canva-30p.pdf", "no extractable text"),
    ("truncated-half-hr-handbook.pdf", "damaged"),
    ("corrupt-zip-es-plan-auditorias.docx", "damaged"),
    ("word-lockfile-owner.docx", "lock file"),
    ("strict-ooxml.docx", "Strict"),
    ("legacy-word97.doc", ".doc"),
    ("no-styles-part.docx", "no text"),
])
def test_unreadable_files_say_why(name, reason):
    with pytest.raises(UnreadableFile) as err:
        parse_file(AWKWARD / name)
    assert reason in err.value.reason
    assert name in str(err.value)


@awkward
@pytest.mark.parametrize("name, expected", [
    ("enc-aes256-owner-only.pdf", "pdf"),  # owner password only: opens with an empty password
    ("enc-copy-protected.pdf", "LayoutParser"),
    ("table-grid-offset.docx", "Merged"),  # ragged row that python-docx's grid view rejects
    ("rotated-page-90.pdf", "Hello"),
])
def test_awkward_but_readable_files_are_read(name, expected):
    doc = parse_file(AWKWARD / name)
    assert expected in " ".join(s.text for s in doc.sections)


@awkward
def test_blank_pages_keep_page_numbering():
    doc = parse_file(AWKWARD / "empty-pages.pdf")
    assert doc.pages == 4
    assert all(1 <= s.page <= 4 for s in doc.sections) and len(doc.sections) < 4
