"""Small real documents written inside a test: a text PDF (fpdf2, as sample_corpus) and a Word file."""

from __future__ import annotations

from pathlib import Path


def write_pdf(path: Path, title: str, pages: list[str]) -> None:
    """A text PDF, one page per string, the title on top of the first page (fpdf2, as sample_corpus)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(title)
    for i, text in enumerate(pages):
        pdf.add_page()
        if i == 0:
            pdf.set_font("Helvetica", "B", 14)
            pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


def write_docx(path: Path, title: str, sections: list[tuple[str, str]]) -> None:
    """A Word document: the title, then one Heading 1 and one paragraph per section."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = title
    doc.add_heading(title, level=0)
    for heading, text in sections:
        doc.add_heading(heading, level=1)
        doc.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
