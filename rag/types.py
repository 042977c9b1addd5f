"""Faro's own small dataclasses: what leaves an adapter is one of these, never a library object."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, replace
from typing import Any


def make_chunk_id(source: str, position: int, text: str) -> str:
    """A stable chunk id from the document's path, the chunk's position and its content."""
    digest = hashlib.sha256(f"{source}\x00{position}\x00{text}".encode("utf-8")).hexdigest()
    return digest[:32]


def location(
    page: int | None, page_end: int | None, section: str, page_words: tuple[str, str] = ("page", "pages")
) -> str:
    """Where in its document a passage is: 'page 3, 8.4 Volunteering and moving house' for a PDF
    (its innermost heading), 'pages 3-4, …' for one that runs onto the next page (a passage given
    with its neighbours, rag/search/context.py), the heading path for Word and Markdown. The page
    shows it in the answer's language: `page_words` from app/labels.py ("página", "páginas")."""
    if not page:
        return section
    one, many = page_words
    pages = f"{many} {page}-{page_end}" if page_end and page_end > page else f"{one} {page}"
    heading = section.rsplit(" > ", 1)[-1]
    return f"{pages}, {heading}" if heading else pages


@dataclass(frozen=True)
class Chunk:
    """A passage of a document, with where it came from."""

    chunk_id: str
    source: str  # path relative to the ingested root, with forward slashes
    title: str
    text: str
    position: int  # 0-based order of the chunk in its document
    doc_hash: str  # sha256 of the file's bytes
    page: int | None = None  # first PDF page (1-based); None for Word/text
    page_end: int | None = None  # last PDF page the chunk touches
    section: str = ""  # heading path, "Leave > Carry-over"
    language: str = ""  # 'en' or 'es', detected once per document
    access: str = "*"  # who may read it: "*" everyone, "hr,board" those groups, "" no one (rag/people/access.py)

    @property
    def location(self) -> str:
        """Where in its document the passage is, as citations say it: 'page 3, 8.4 Volunteering and
        moving house' for a PDF (its innermost heading), the heading path for Word and Markdown."""
        return location(self.page, self.page_end, self.section)

    @property
    def doc_type(self) -> str:
        """The file type, for filters: 'pdf', 'docx', 'md', 'txt'."""
        name = self.source.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[-1].lower() if "." in name else ""

    @property
    def folder(self) -> str:
        """The folder the document sits in, relative to the indexed root ('' at the top)."""
        return self.source.rsplit("/", 1)[0] if "/" in self.source else ""

    def to_metadata(self) -> dict[str, Any]:
        """Flat metadata for the vector store (no None values: Chroma rejects them)."""
        meta = {
            "source": self.source,
            "title": self.title,
            "position": self.position,
            "doc_hash": self.doc_hash,
            "section": self.section,
            "page": self.page or 0,
            "page_end": self.page_end or 0,
            "language": self.language,
            "doc_type": self.doc_type,
            "folder": self.folder,
            "access": self.access,
        }
        return meta

    def moved_to(self, source: str) -> "Chunk":
        """The same chunk under a new document path (a renamed file), with its new id."""
        return replace(self, source=source, chunk_id=make_chunk_id(source, self.position, self.text))

    @classmethod
    def from_metadata(cls, chunk_id: str, text: str, meta: dict[str, Any]) -> "Chunk":
        """Rebuild a chunk from what `to_metadata` stored."""
        return cls(
            chunk_id=chunk_id,
            source=str(meta.get("source", "")),
            title=str(meta.get("title", "")),
            text=text,
            position=int(meta.get("position", 0)),
            doc_hash=str(meta.get("doc_hash", "")),
            page=int(meta.get("page") or 0) or None,
            page_end=int(meta.get("page_end") or 0) or None,
            section=str(meta.get("section", "")),
            language=str(meta.get("language", "")),
            access=str(meta.get("access", "")),  # an index from before labels: no one until re-labelled
        )


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its relevance score (cosine similarity, higher is better)."""

    chunk: Chunk
    score: float
    rank: int
    exact: bool = False  # holds every identifier the question names ('FIN-220'), found by keyword
    dense_rank: int | None = None  # rank in the vector index's candidates, None if not among them
    keyword_rank: int | None = None  # rank in the keyword index's candidates
    duplicates: tuple[str, ...] = ()  # sources of near-identical passages folded into this one
    superseded_by: str = ""  # a newer version of this passage's policy (ingest/versions.py)
    # The chunks joined in chunk.text when it is the chunk with its neighbours (rag/search/context.py):
    # verification checks a sentence against them one by one, as against chunks. Empty: the chunk alone.
    pieces: tuple[Chunk, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The `faro search --json` row."""
        c = self.chunk
        return {
            "rank": self.rank,
            "score": round(self.score, 4),
            "exact": self.exact,
            "dense_rank": self.dense_rank,
            "keyword_rank": self.keyword_rank,
            "duplicates": list(self.duplicates),
            "superseded_by": self.superseded_by,
            "language": c.language,
            "source": c.source,
            "page": c.page,
            "page_end": c.page_end,
            "section": c.section,
            "location": c.location,
            "chunk_id": c.chunk_id,
            "text": c.text,
        }


@dataclass(frozen=True)
class Citation:
    """An inline marker [n] of an answer mapped back to the passage it names."""

    marker: int
    chunk: Chunk
    verified: bool = True  # the passage supports the sentences that cite it (rag/answer/verify.py)
    highlights: tuple[tuple[int, int], ...] = ()  # [start, end) spans of chunk.text the answer relies on
    note: str = ""  # why this passage is cited besides support: "older version", "conflict"
    # found by searching the sentence it backs (rag/answer/second_look.py); the model did not read it
    found: bool = False

    def to_json(self) -> dict[str, Any]:
        """The citation object of `faro ask --json`."""
        c = self.chunk
        return {
            "marker": self.marker,
            "verified": self.verified,
            "highlights": [list(span) for span in self.highlights],
            "note": self.note,
            "found_by_search": self.found,
            "source": c.source,
            "title": c.title,
            "page": c.page,
            "page_end": c.page_end,
            "section": c.section,
            "location": c.location,
            "chunk_id": c.chunk_id,
            "text": c.text,
        }


@dataclass
class Answer:
    """A finished answer: text with valid markers only, its citations, and how long each step took."""

    question: str
    text: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    generator: str = ""
    unsupported: list[str] = field(default_factory=list)  # sentences no passage was found to support
    rewritten: str = ""  # the standalone question searched for, when a follow-up was rewritten
    draft: str = ""  # the model's text before verification and notes
    abstained_by: str = ""  # "retrieval" (nothing relevant), "model" (it said so), "verification" (nothing supported)
    withheld: list = field(default_factory=list)  # rag.answer.injection.Withheld: passages kept from the model

    def to_json(self) -> dict[str, Any]:
        """The `faro ask --json` object."""
        return {
            "question": self.question,
            "rewritten_question": self.rewritten,
            "answer": self.text,
            "abstained": self.abstained,
            "abstained_by": self.abstained_by,
            "unsupported_sentences": self.unsupported,
            "withheld": [
                {
                    "source": w.hit.chunk.source,
                    "title": w.hit.chunk.title,
                    "chunk_id": w.hit.chunk.chunk_id,
                    "reason": f"addresses the assistant: {w.phrase}",
                }
                for w in self.withheld
            ],
            "citations": [c.to_json() for c in self.citations],
            "generator": self.generator,
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }


@dataclass
class FileResult:
    """What ingesting one file did: added, updated, unchanged or failed (with the reason)."""

    source: str
    status: str
    chunks: int = 0
    pages: int = 0
    reason: str = ""
    known: bool = False  # a failure already recorded for this very content: not news

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
