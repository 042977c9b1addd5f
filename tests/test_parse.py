"""Parsing real PDF and Word files: pages, running lines, headings, lists, tables, bad files."""

from __future__ import annotations

import pytest
from documents import write_pdf

from conftest import SAMPLE, SHARED
from ingest.parse import parse_file
from rag.errors import UnreadableFile


def _flat(text: str) -> str:
    return " ".join(text.split())


def _page(doc, n: int) -> str:
    return _flat(" ".join(s.text for s in doc.sections if s.page == n))


def test_pdf_keeps_page_numbers_and_drops_running_headers_and_footers():
    doc = parse_file(SAMPLE / "hr/leave-policy-2025.pdf")
    assert doc.pages == 4 and sorted({s.page for s in doc.sections}) == [1, 2, 3, 4]
    assert "carry over up to 8 unused vacation days" in _page(doc, 2)
    assert "carry over up to" not in _page(doc, 1)
    assert "Internal use only - Page" not in _page(doc, 2)
    assert "Meridian Freight Ltd. - " not in _page(doc, 2)
    assert "Leave Policy" in doc.title


def test_pdf_table_text_is_extracted_on_its_page():
    doc = parse_file(SAMPLE / "finance/expenses-and-travel-policy.pdf")
    assert "London (inside the M25) 185 GBP" in _page(doc, 4)


def test_pdf_numbered_headings_become_sections_that_keep_their_page():
    doc = parse_file(SAMPLE / "hr/leave-policy-2025.pdf")
    where = {s.section: s.page for s in doc.sections}
    assert where["8. Special leave > 8.4 Volunteering and moving house"] == 3
    assert where["9. Buying additional holiday"] == 4
    volunteering = next(s for s in doc.sections if s.section.endswith("8.4 Volunteering and moving house"))
    assert volunteering.text.startswith("8.4 Volunteering and moving house")
    assert "jury service" not in volunteering.text  # 8.3's text stays in 8.3
    # The table rows under "3. Annual entitlement" ("3 years to less than 6 years 26 8") stay in it.
    entitlement = next(s for s in doc.sections if s.section == "3. Annual entitlement")
    assert "3 years to less than 6 years 26 8" in entitlement.text
    assert not any("years to less than" in s.section for s in doc.sections)


def test_pdf_headings_follow_the_outline_across_pages(tmp_path):
    write_pdf(
        tmp_path / "p.pdf",
        "Travel Policy",
        [
            "Contents\n1. Scope\n2. Travel\n3. Claims\n"
            "1. Scope\nThis policy covers all staff travelling on company business in any country.\n"
            "2. Travel\n2.1 Rail\nStandard class is booked through the travel desk for every journey.\n"
            "Approvers:\n1. Line manager\n2. Budget holder\n",
            "Rail tickets bought on the day are refunded only with a receipt from the station.\n"
            "3. Claims\nClaims are made within 30 days.\n"
            "4. Questions about a booking go to\nthe travel desk on weekdays.\n",
        ],
    )
    doc = parse_file(tmp_path / "p.pdf")
    paths = [(s.page, s.section) for s in doc.sections]
    # A contents page lists headings without text under them: it is not the outline.
    assert paths[0] == (1, "")
    assert (1, "1. Scope") in paths
    # A heading with nothing under it before its first subheading stays with it.
    rail = next(s for s in doc.sections if s.section == "2. Travel > 2.1 Rail" and s.page == 1)
    assert rail.text.startswith("2. Travel\n2.1 Rail")
    # A list of names under 2.1 is not a run of headings, and the section goes on over the page.
    assert "1. Line manager" in rail.text
    assert (2, "2. Travel > 2.1 Rail") in paths
    # A numbered item that wraps onto a line in lower case is a sentence, not a heading.
    claims = next(s for s in doc.sections if s.section == "3. Claims")
    assert "4. Questions about a booking go to" in claims.text


def test_a_table_of_contents_is_left_out_but_a_form_blank_stays(tmp_path):
    # pypdf breaks a long dot leader over lines; the page number after it is not a figure.
    write_pdf(
        tmp_path / "contract.pdf",
        "Contract of Employment",
        [
            "Table of contents\nThe Parties ........................................ 1\n"
            "Leave ....................................\n.............................................\n"
            "....... 3\nPublic holidays ............................... iv\n",
            "Leave\nYou get 20 days of annual leave each year.\nSigned: ...............................\n",
        ],
    )
    doc = parse_file(tmp_path / "contract.pdf")
    text = _flat(" ".join(s.text for s in doc.sections))
    assert "...." not in _page(doc, 1) and "The Parties" not in text and "Public holidays" not in text
    assert "Table of contents" in _page(doc, 1)
    assert "You get 20 days of annual leave each year." in _page(doc, 2)
    assert "Signed: ......" in _page(doc, 2)


def test_a_word_table_of_contents_is_left_out(tmp_path):
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    document = Document()
    toc = document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Leave\t3", style=toc)
    document.add_paragraph("Public holidays\t4", style=toc)
    document.add_heading("Leave", level=1)
    document.add_paragraph("You get 20 days of annual leave each year.")
    document.save(str(tmp_path / "handbook.docx"))
    doc = parse_file(tmp_path / "handbook.docx")
    assert [s.text for s in doc.sections] == ["You get 20 days of annual leave each year."]


@pytest.mark.skipif(not (SHARED / "realdocs").is_dir(), reason="../shared/corpora/realdocs is not here")
@pytest.mark.parametrize(
    "name, entry",
    [
        ("en_employment-contract_sample.pdf", "Leave ......"),
        ("en_city-hudson-oaks_employee-handbook_2017.docx", "Welcome Statement 6"),
    ],
)
def test_real_tables_of_contents_are_left_out(name, entry):
    doc = parse_file(SHARED / "realdocs" / name)
    text = "\n".join(s.text for s in doc.sections)
    assert entry not in text and "......" not in text
    assert len(text) > 20_000  # the document itself is all there


def test_a_title_is_what_the_document_calls_itself(tmp_path):
    # The employment contract's first page: the law firm's domain and address, then the title.
    write_pdf(
        tmp_path / "employment-contract.pdf",
        "",
        [
            "cleardocs.com\n770 Industrial Street\nTel: 000000000\nadmin2@cleardocs.com\nPurple Nike co Pty. Ltd.\n"
            "Contract of Employment\nof\nMarie Kyle\n",
            "The Parties\nThe Employer employs the Employee on these terms.\n",
        ],
    )
    assert parse_file(tmp_path / "employment-contract.pdf").title == "Contract of Employment"
    # A scanned letterhead and no line that names the document: the file name does, less its language.
    write_pdf(tmp_path / "es_acuerdo-laboral-2025.pdf", "", ["it ~~~.`>~., rf)\nNIT. 891.900.343 - 6\nPAGINA 1 de 5\n"])
    assert parse_file(tmp_path / "es_acuerdo-laboral-2025.pdf").title == "Acuerdo laboral 2025"
    # Nothing names it: the first line that reads as a title, as before.
    write_pdf(tmp_path / "notes.pdf", "", ["www.example.com\nMeridian Freight Ltd\nSome text follows here.\n"])
    assert parse_file(tmp_path / "notes.pdf").title == "Meridian Freight Ltd"
    # A title in the metadata is the title.
    write_pdf(tmp_path / "meta.pdf", "Leave Policy - Meridian Freight Iberia S.L.", ["cleardocs.com\nContract\n"])
    assert parse_file(tmp_path / "meta.pdf").title == "Leave Policy - Meridian Freight Iberia S.L."


@pytest.mark.skipif(not (SHARED / "realdocs").is_dir(), reason="../shared/corpora/realdocs is not here")
def test_real_documents_get_the_title_they_give_themselves():
    titles = {
        name: parse_file(SHARED / "realdocs" / name).title
        for name in (
            "en_employment-contract_sample.pdf",
            "en_contoso_employee-handbook.pdf",
            "es_manual-procesos-procedimientos-2018.pdf",
            "es_plan-estrategico-talento-humano-2025.pdf",
            "es_resolucion-comisiones-de-servicio-2024.pdf",
            "en_bank_document-retention-policy.pdf",
        )
    }
    assert titles == {
        "en_employment-contract_sample.pdf": "Contract of Employment",  # was "cleardocs.com"
        "en_contoso_employee-handbook.pdf": "Employee Handbook",  # was "Contoso Electronics"
        "es_manual-procesos-procedimientos-2018.pdf": "MANUAL DE PROCESOS Y PROCEDIMIENTOS",  # was "M01POE 01 PR CC"
        "es_plan-estrategico-talento-humano-2025.pdf": "PLAN ESTRATEGICO DEL TALENTO HUMANO",  # "Nit: 891900343-6"
        "es_resolucion-comisiones-de-servicio-2024.pdf": "Resolucion comisiones de servicio 2024",  # OCR noise
        "en_bank_document-retention-policy.pdf": "Document Handling & Retention Policy of the Bank",
    }


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
@pytest.mark.parametrize(
    "name, reason",
    [
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
    ],
)
def test_unreadable_files_say_why(name, reason):
    with pytest.raises(UnreadableFile) as err:
        parse_file(AWKWARD / name)
    assert reason in err.value.reason
    assert name in str(err.value)


@awkward
@pytest.mark.parametrize(
    "name, expected",
    [
        ("enc-aes256-owner-only.pdf", "pdf"),  # owner password only: opens with an empty password
        ("enc-copy-protected.pdf", "LayoutParser"),
        ("table-grid-offset.docx", "Merged"),  # ragged row that python-docx's grid view rejects
        ("rotated-page-90.pdf", "Hello"),
    ],
)
def test_awkward_but_readable_files_are_read(name, expected):
    doc = parse_file(AWKWARD / name)
    assert expected in " ".join(s.text for s in doc.sections)


@awkward
def test_blank_pages_keep_page_numbering():
    doc = parse_file(AWKWARD / "empty-pages.pdf")
    assert doc.pages == 4
    assert all(1 <= s.page <= 4 for s in doc.sections) and len(doc.sections) < 4
