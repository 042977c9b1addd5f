"""Parsing: a PDF, Word, Markdown or text file becomes titled sections of plain text.

PDFs are read page by page with pypdf (page numbers kept, running headers and footers dropped,
numbered headings followed as the outline);
Word files with python-docx in body order (heading path, paragraphs, lists, tables as readable
rows). A table of contents is left out of both: its entries answer nothing, and the page numbers
after their dot leaders read as figures ("Leave ........ 3" became "3 days of leave"). Anything
that cannot be read raises UnreadableFile with a reason an admin can act on.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rag.errors import UnreadableFile
from rag.lexicon import both
from rag.text.language import fold

SUPPORTED = {".pdf", ".docx", ".md", ".markdown", ".txt"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc and password-protected .docx
_STRICT_OOXML = b"purl.oclc.org/ooxml"

# pypdf logs every repaired stream of a damaged file as a warning; the per-file reason says enough.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass
class Section:
    """A run of text with one location: a PDF page (and the heading path, where the PDF numbers its
    headings), or the text under one heading path."""

    text: str
    page: int | None = None
    heading: list[str] = field(default_factory=list)

    @property
    def section(self) -> str:
        return " > ".join(self.heading)


@dataclass
class ParsedDocument:
    title: str
    sections: list[Section]
    pages: int = 0
    dated: datetime | None = None  # the file's own properties: last modified, else created
    # What ends a paragraph in the sections' text: a blank line, except in Word, where every line
    # is a paragraph, a list item or a table row (a PDF's or a text file's lines wrap sentences).
    paragraph_break: str = "\n\n"
    # What an admin should know about a document indexed all the same ("invisible text left out…").
    notes: list[str] = field(default_factory=list)

    def opening(self, chars: int) -> str:
        """The document's first `chars` characters (its title page, its opening sections)."""
        out, size = [], 0
        for section in self.sections:
            out.append(section.text)
            size += len(section.text)
            if size >= chars:
                break
        return "\n".join(out)[:chars]


def parse_file(path: Path) -> ParsedDocument:
    """Parse one file; raise UnreadableFile saying why it cannot be indexed."""
    suffix = path.suffix.lower()
    if path.name.startswith("~$") or path.name.startswith(".~lock."):
        raise UnreadableFile(str(path), "an Office lock file, not a document")
    if suffix not in SUPPORTED:
        hint = " (save it as .docx)" if suffix == ".doc" else ""
        raise UnreadableFile(str(path), f"unsupported file type '{suffix}'{hint}")
    if path.stat().st_size == 0:
        raise UnreadableFile(str(path), "empty file (0 bytes)")
    if suffix == ".pdf":
        doc = _parse_pdf(path)
    elif suffix == ".docx":
        doc = _parse_docx(path)
    else:
        doc = _parse_text(path)
    doc.sections = [s for s in doc.sections if s.text.strip()]
    if not doc.sections:
        reason = (
            "no extractable text: a scanned image without a text layer, or damaged content "
            "streams (OCR is not supported yet)"
            if suffix == ".pdf"
            else "no text in the document"
        )
        raise UnreadableFile(str(path), reason)
    return doc


# --- PDF -------------------------------------------------------------------------------------


def _parse_pdf(path: Path) -> ParsedDocument:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            # Owner-password-only PDFs (copy/print restrictions) open with an empty password.
            try:
                ok = reader.decrypt("")
            except (DependencyError, NotImplementedError, ValueError) as exc:
                raise UnreadableFile(str(path), f"encrypted PDF that cannot be opened ({exc})") from exc
            if not ok:
                raise UnreadableFile(str(path), "password-protected PDF: remove the password and drop it again")
        hidden = {n: _drop_hidden_text(p) for n, p in enumerate(reader.pages, start=1)}
        pages = [_page_text(p) for p in reader.pages]
        meta_title, dated = "", None
        try:
            meta = reader.metadata
            if meta:
                meta_title = meta.title or ""
                dated = meta.modification_date or meta.creation_date
        except Exception:  # a malformed date or info dictionary costs the metadata, not the text
            pass
    except UnreadableFile:
        raise
    except FileNotDecryptedError as exc:
        raise UnreadableFile(str(path), "password-protected PDF: remove the password and drop it again") from exc
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        OSError,
        AssertionError,
        NotImplementedError,
    ) as exc:
        raise UnreadableFile(str(path), f"damaged or invalid PDF ({type(exc).__name__}: {exc})") from exc

    pages = [_without_contents(text) for text in _strip_running_lines(pages)]
    title = _title(meta_title, _opening_lines(pages), path)
    doc = ParsedDocument(title=title, sections=_pdf_sections(pages), pages=len(pages), dated=dated)
    hidden_on = [n for n, chars in hidden.items() if chars]
    if hidden_on:
        shown = ", ".join(map(str, hidden_on[:10])) + (", …" if len(hidden_on) > 10 else "")
        doc.notes.append(
            f"invisible text left out ({sum(hidden.values())} characters on page{'s' if len(hidden_on) > 1 else ''} "
            f"{shown}): text drawn invisibly over no scanned image is not what a reader sees"
        )
    return doc


# Text render modes 3 (neither fill nor stroke) and 7 (clip only) draw nothing a reader can see.
_INVISIBLE_MODE = re.compile(rb"(?<![\d.])[37]\s+Tr(?![A-Za-z])")
_SHOWS_TEXT = {b"Tj", b"TJ", b"'", b'"'}


def _draws_image(name, resources, depth: int = 0) -> bool:
    """Whether XObject `name` is an image, or a form that draws one (one level down)."""
    try:
        xobject = resources["/XObject"][name].get_object()
        if xobject.get("/Subtype") == "/Image":
            return True
        inner = xobject.get("/Resources", {})
        inner = inner.get_object() if inner else {}
        return (
            depth == 0
            and "/XObject" in inner
            and any(_draws_image(n, inner, depth + 1) for n in inner["/XObject"].get_object())
        )
    except (KeyError, TypeError, AttributeError, ValueError):
        return False


def _drop_hidden_text(page) -> int:
    """Remove from `page` the text it draws invisibly, unless the page draws an image; return how
    many characters went.

    Invisible text (render mode 3) over a scanned image is its OCR layer: the page's text, kept.
    Invisible text on a page with no image is what a reader never sees, yet it would be indexed,
    cited and read by the model (a hidden instruction, keywords stuffed for search): left out.
    Text inside form XObjects is not looked at.
    """
    try:
        contents = page.get_contents()
        if contents is None or not _INVISIBLE_MODE.search(contents.get_data()):
            return 0
        from pypdf.generic import ContentStream, NameObject

        stream = ContentStream(contents, page.pdf)
        resources = page.get("/Resources", {})
        resources = resources.get_object() if resources else {}
        mode, saved, kept, hidden, image = 0, [], [], 0, False
        for operands, op in stream.operations:
            if op == b"q":
                saved.append(mode)
            elif op == b"Q":
                mode = saved.pop() if saved else 0
            elif op == b"Tr" and operands:
                mode = int(operands[0])
            elif op == b"INLINE IMAGE" or (op == b"Do" and operands and _draws_image(operands[0], resources)):
                image = True
            if op in _SHOWS_TEXT and mode in (3, 7):
                strings = operands[-1] if op != b"TJ" else [x for x in operands[0] if isinstance(x, (str, bytes))]
                hidden += len(strings) if op != b"TJ" else sum(len(x) for x in strings)
                continue
            kept.append((operands, op))
        if not hidden or image:
            return 0
        stream.operations = kept
        page[NameObject("/Contents")] = stream  # this page in memory only: the file is not written
        return hidden
    except Exception:  # a content stream we cannot rewrite is extracted as it is (and fails there if broken)
        return 0


# "8.1 Compassionate leave", "5. Vacaciones no disfrutadas", "1.0 INTRODUCTION": numbered headings.
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)(\.?)\s+(\S.*)$")


def _outline_number(line: str) -> tuple[int, ...] | None:
    """The outline number of a line that looks like a numbered heading, else None.

    It is short, starts with a capital and does not end like a sentence or a contents line. "1.0"
    counts as "1.". A top-level number needs its full stop: "3 years to less than 6 years 26 8" is
    a table row.
    """
    m = _NUMBERED.match(line.strip())
    if not m:
        return None
    number = tuple(int(x) for x in m.group(1).split("."))
    while len(number) > 1 and number[-1] == 0:
        number = number[:-1]
    words = m.group(3)
    if len(number) == 1 and not m.group(2) and "." not in m.group(1):
        return None
    if (
        len(line) > 90
        or len(words.split()) > 12
        or not words[0].isupper()
        or words[-1] in ".,;:"
        or "...." in words
        or "…" in words
    ):
        return None
    return number


def _follows(number: tuple[int, ...], current: tuple[int, ...]) -> bool:
    """Whether `number` can come next in an outline that has reached `current`: after 4.2 come
    4.3, 5. or 4.2.1 (one skipped number is forgiven), and 1. starts the outline again."""
    level = len(number)
    if number == (1,):
        return True
    if number[:-1] != current[: level - 1]:
        return False
    last = current[level - 1] if len(current) >= level else 0
    return last < number[-1] <= last + 2


def _heading_lines(lines: list[str]) -> dict[int, tuple[int, ...]]:
    """Which lines are numbered headings, by index.

    A PDF has no heading styles, only lines. A line is a heading when it looks like one, its
    number comes next in the outline, and what follows it is body text: not a line that carries on
    its sentence in lower case (a wrapped list item), and not a sibling numbered line (a list of
    names, a contents page). A heading followed at once by its first subheading ("5. Travel",
    "5.1 Rail") is one.
    """
    found: dict[int, tuple[int, ...]] = {}
    current: tuple[int, ...] = ()
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    for n, i in enumerate(filled):
        number = _outline_number(lines[i])
        if number is None or not _follows(number, current):
            continue
        following = lines[filled[n + 1]].strip() if n + 1 < len(filled) else ""
        if following[:1].islower():
            continue
        after = _outline_number(following) if following else None
        if after is not None and not (len(after) > len(number) and after[: len(number)] == number):
            continue
        found[i] = current = number
    return found


def _pdf_sections(pages: list[str]) -> list[Section]:
    """A PDF's text as sections that never cross a page or a numbered heading.

    Each section carries the heading path it sits under ("8. Special leave > 8.4 Volunteering
    and moving house"), across page breaks, so a passage is embedded and cited with its heading
    and no passage mixes the end of one topic with the start of the next.
    """
    lines: list[tuple[int, str]] = [(page, ln) for page, text in enumerate(pages, start=1) for ln in text.splitlines()]
    headings = _heading_lines([ln for _, ln in lines])
    sections: list[Section] = []
    heading: list[str] = []
    depth = 0
    body: list[str] = []
    page = 1

    def flush() -> None:
        if any(ln.strip() for ln in body):
            sections.append(Section(text="\n".join(body), page=page, heading=list(heading)))
        body.clear()

    for i, (line_page, line) in enumerate(lines):
        if line_page != page:
            flush()
            page = line_page
        number = headings.get(i)
        if number is not None:
            # A heading followed at once by its first subheading stays with it.
            if not (len(number) > depth and all(ln.strip() in heading for ln in body)):
                flush()
            heading = heading[: len(number) - 1] + [line.strip()]
            depth = len(number)
        body.append(line)
    flush()
    return sections


def _page_text(page) -> str:
    try:
        text = page.extract_text() or ""
    except Exception:
        # One broken page must not lose the rest of the document.
        return ""
    return _tidy(text)


def _tidy(text: str) -> str:
    text = text.replace("\x00", "").replace("\u00ad", "")
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in text.splitlines()]
    return "\n".join(ln for ln in lines)


def _line_key(line: str) -> str:
    # "Page 3 of 9" and "Page 4 of 9" are the same running line.
    return re.sub(r"\d+", "#", line.strip().lower())


def _strip_running_lines(pages: list[str], edge: int = 3) -> list[str]:
    """Drop lines that repeat near the top or bottom of most pages (running headers, footers)."""
    if len(pages) < 3:
        return pages
    counts: Counter[str] = Counter()
    for text in pages:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        for key in {_line_key(ln) for ln in lines[:edge] + lines[-edge:]}:
            counts[key] += 1
    threshold = max(3, int(0.6 * len(pages)))
    running = {k for k, n in counts.items() if n >= threshold and k}
    if not running:
        return pages
    cleaned = []
    for text in pages:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        n = len(lines)
        cleaned.append(
            "\n".join(
                ln for i, ln in enumerate(lines) if not ((i < edge or i >= n - edge) and _line_key(ln) in running)
            )
        )
    return cleaned


# A contents entry: a title, a dot leader (pypdf may break it over lines) and a page number.
_LEADER = r"(?:\.\s?){4,}|(?:·\s?){4,}|(?:…\s?){2,}"
_ENTRY_END = re.compile(r"(?:" + _LEADER + r")\s*(?:\d{1,4}|[ivxlc]{1,7})$", re.IGNORECASE)
_ENDS_IN_LEADER = re.compile(r"(?:" + _LEADER + r")$")
_PAGE_NUMBER = re.compile(r"(?:\d{1,4}|[ivxlc]{1,7})", re.IGNORECASE)


def _without_contents(text: str) -> str:
    """A page's text without the entries of a table of contents: lines that run into a dot leader
    and a page number. A leader with no number after it ("Name: ..........") is a form's blank
    and stays."""
    lines = text.splitlines()
    drop: set[int] = set()
    pending: list[int] = []  # lines of an entry whose leader has not reached its number yet
    for i, line in enumerate(lines):
        line = line.strip()
        if _ENTRY_END.search(line):
            drop.update(pending, [i])
            pending = []
        elif _ENDS_IN_LEADER.search(line):
            pending.append(i)
        elif pending and _PAGE_NUMBER.fullmatch(line):
            drop.update(pending, [i])
            pending = []
        else:
            pending = []
    return "\n".join(line for i, line in enumerate(lines) if i not in drop) if drop else text


def _first_line(pages: list[str]) -> str:
    for text in pages:
        for line in text.splitlines():
            if len(line.strip()) > 3:
                return line.strip()[:120]
    return ""


def _opening_lines(pages: list[str], n: int = 25) -> list[str]:
    """The first lines of a PDF's first page that has text: where its title stands."""
    for text in pages:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines:
            return lines[:n]
    return []


# What a document calls itself: "Contract of Employment", "Manual de procesos y procedimientos".
_KINDS = both("DOCUMENT_KINDS") | both("TITLE_KINDS")
_LABEL = re.compile(r"^[\w.]{1,12}:(?:\s|$)")  # "Nit: 891900343-6", "Tel: 0113…"
_NOT_A_TITLE = re.compile(r"@|https?:|www\.|\.(?:com|org|net|gov|es|co)\b|\b(?:p[aá]gina|page)\b\W*\d", re.I)
_TRAILING_LABEL = re.compile(r"\s+\w+:$")  # "PLAN ESTRATÉGICO DEL TALENTO HUMANO CÓDIGO:"


def _letters(text: str) -> float:
    """The share of a text's characters, spaces aside, that are letters."""
    chars = "".join(text.split())
    return sum(c.isalpha() for c in chars) / len(chars) if chars else 0.0


def _title_like(line: str) -> bool:
    """A line that can be a title: a few words, mostly letters, no address, label or sentence."""
    words = line.split()
    return (
        2 <= len(words) <= 12
        and (line[:1].isupper() or line[:1].isdigit())
        and _letters(line) >= 0.7
        and sum(len(re.sub(r"\W", "", w)) >= 3 for w in words) >= 2
        and not _LABEL.match(line)
        and not _NOT_A_TITLE.search(line)
        and not line.endswith((".", ",", ";"))
    )


def _names_a_kind(text: str) -> bool:
    return bool(set(re.findall(r"[a-z]+", fold(text))) & _KINDS)


def _title(given: str, lines: list[str], path: Path) -> str:
    """A document's title for its sources and its name: the one its metadata gives, unless it is
    an address or not words; else the first line near the top that says what the document is ("Contract of
    Employment", not the "cleardocs.com" above it); else the file name when it says so ("acuerdo
    laboral 2025-2027", where the first page is a scanned letterhead); else the first line that
    reads as a title; else the first line or the file name."""
    given = " ".join(given.split())
    if _letters(given) >= 0.5 and not _NOT_A_TITLE.search(given):
        return given[:200]
    candidates = [_TRAILING_LABEL.sub("", line).strip() for line in lines]
    candidates = [c for c in candidates if _title_like(c)]
    named = next((c for c in candidates if _names_a_kind(c)), "")
    if named:
        return named[:120]
    # "es_acuerdo-laboral-2025" and "EN-policy" say the language first: not part of the name.
    stem = " ".join(re.sub(r"[-_]+", " ", re.sub(r"^(?:en|es)[-_](?=.)", "", path.stem, flags=re.I)).split())
    if _names_a_kind(stem):
        return stem[:1].upper() + stem[1:]
    return (candidates[0] if candidates else given or _first_line(lines) or path.stem)[:120]


# --- Word ------------------------------------------------------------------------------------


def _parse_docx(path: Path) -> ParsedDocument:
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == _OLE_MAGIC:
        raise UnreadableFile(
            str(path), "password-protected or legacy binary Word file: save it as an unprotected .docx"
        )
    if not zipfile.is_zipfile(path):
        raise UnreadableFile(
            str(path), "not a Word document: no .docx (ZIP) container - a Word lock file or a damaged file"
        )
    if _is_strict_ooxml(path):
        raise UnreadableFile(str(path), "Strict Open XML is not supported: save it in Word as a standard .docx")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
        props = document.core_properties
        title = (props.title or "").strip()
        dated = props.modified or props.created
        sections = _docx_sections(document)
    except PackageNotFoundError as exc:
        raise UnreadableFile(str(path), f"not a Word document ({exc})") from exc
    except (zipfile.BadZipFile, KeyError, ValueError, AttributeError, TypeError, OSError) as exc:
        raise UnreadableFile(str(path), f"damaged Word file ({type(exc).__name__}: {exc})") from exc
    first_heading = next((s.heading[0] for s in sections if s.heading), "")
    title = _title(title, [first_heading], path)
    return ParsedDocument(title=title, sections=sections, pages=0, dated=dated, paragraph_break="\n")


def _is_strict_ooxml(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return _STRICT_OOXML in zf.read("_rels/.rels")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return False


def _style_name(paragraph) -> str:
    try:
        return (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, AttributeError):
        return ""


def _is_contents_entry(paragraph) -> bool:
    """An entry of a table of contents Word generated (styles "toc 1", "toc 2", "TOC Heading")."""
    return re.match(r"toc\b", _style_name(paragraph), re.IGNORECASE) is not None


def _heading_level(paragraph) -> int | None:
    name = _style_name(paragraph)
    if name == "Title":
        return 1
    m = re.match(r"(?:Heading|Título|Titulo|Encabezado)\s*(\d)", name, re.IGNORECASE)
    if m:
        return int(m.group(1))
    # Outline level set directly on the paragraph (documents without heading styles).
    ppr = paragraph._p.pPr
    if ppr is not None:
        lvl = ppr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl")
        if lvl is not None:
            val = lvl.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
            if val is not None and val.isdigit() and int(val) < 9:
                return int(val) + 1
    return None


def _is_list(paragraph) -> bool:
    if "List" in _style_name(paragraph):
        return True
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.numPr is not None


def _table_rows(table) -> list[str]:
    """A table as readable rows: 'Header: value; Header: value', merged cells said once.

    Cells are read from the row's own <w:tc> elements rather than python-docx's grid view, which
    repeats merged cells and raises on ragged rows (a vertically merged cell with no <w:tc>).
    """
    from docx.table import _Cell

    rows = []
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":  # the rest of a vertical merge: already said above
                cells.append("")
                continue
            cells.append(" ".join(_Cell(tc, table).text.split()))
        rows.append(cells)
    if not rows:
        return []
    header = rows[0]
    out = [" | ".join(c for c in header if c)]
    for cells in rows[1:]:
        if len(cells) == len(header) and any(header):
            pairs = [f"{h}: {c}" if h else c for h, c in zip(header, cells) if c]
            out.append("; ".join(pairs))
        else:
            out.append(" | ".join(c for c in cells if c))
    return [r for r in out if r.strip()]


def _docx_sections(document) -> list[Section]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    sections: list[Section] = []
    heading: list[str] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            sections.append(Section(text="\n".join(lines), heading=list(heading)))
            lines.clear()

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = " ".join(block.text.split())
            if not text or _is_contents_entry(block):
                continue
            level = _heading_level(block)
            if level is not None:
                flush()
                heading[:] = heading[: level - 1] + [text]
                continue
            lines.append(f"- {text}" if _is_list(block) else text)
        elif isinstance(block, Table):
            lines.extend(_table_rows(block))
    flush()
    return sections


# --- Markdown and text -------------------------------------------------------------------------


def _parse_text(path: Path) -> ParsedDocument:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    if "\x00" in text:
        raise UnreadableFile(str(path), "binary content in a text file")
    if path.suffix.lower() == ".txt":
        title = _first_line([text]) or path.stem
        return ParsedDocument(title=title, sections=[Section(text=text.strip())])
    sections: list[Section] = []
    heading: list[str] = []
    lines: list[str] = []
    for line in text.splitlines():
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            if any(ln.strip() for ln in lines):
                sections.append(Section(text="\n".join(lines).strip(), heading=list(heading)))
            lines = []
            level = len(m.group(1))
            heading[:] = heading[: level - 1] + [m.group(2).strip()]
        else:
            lines.append(line)
    if any(ln.strip() for ln in lines):
        sections.append(Section(text="\n".join(lines).strip(), heading=list(heading)))
    title = next((s.heading[0] for s in sections if s.heading), "") or path.stem
    return ParsedDocument(title=title, sections=sections)
