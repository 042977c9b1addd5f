"""Chunking: sections become token-bounded, overlapping chunks that keep their location.

Chunks never cross a PDF page or a heading, so every chunk cites exactly one page or one heading
path. They are sized in the embedding model's own word pieces (all-MiniLM-L6-v2 reads 256 and
silently drops the rest), leaving room for the title and heading prefix that is embedded with them.
The sentence-aware splitting is llama-index's SentenceSplitter, given our model's tokenizer.
"""

from __future__ import annotations

from collections.abc import Callable

from rag.text.language import detect_language
from rag.types import Chunk, make_chunk_id

from .parse import ParsedDocument

# Word pieces kept free for the special tokens and the "title | section" prefix.
PREFIX_ROOM = 40
# Default ceiling: MiniLM reads 256 (-> 216); e5 reads 512, but longer passages cite less precisely
# and make a CPU model's prompt slower.
DEFAULT_CHUNK_TOKENS = 216


def chunk_budget(model_max_tokens: int, configured: int = 0) -> int:
    """The chunk size in tokens: the setting if given, else what the model reads minus the prefix."""
    limit = max(32, model_max_tokens - PREFIX_ROOM)
    return min(configured or DEFAULT_CHUNK_TOKENS, limit)


def embedding_text(chunk: Chunk) -> str:
    """What is embedded for a chunk: its title and heading path give the passage its context."""
    where = " > ".join(x for x in (chunk.title, chunk.section) if x)
    return f"{where}\n{chunk.text}" if where else chunk.text


def document_language(doc: ParsedDocument) -> str:
    """The language of a document, judged on its first few thousand characters."""
    return detect_language(doc.opening(4000))


def chunk_document(
    doc: ParsedDocument,
    *,
    source: str,
    doc_hash: str,
    count_tokens: Callable[[str], int],
    size: int,
    overlap: int,
    language: str = "",
) -> list[Chunk]:
    """Split a parsed document into chunks of at most `size` tokens with `overlap` between them."""
    from llama_index.core.node_parser import SentenceSplitter

    splitter = SentenceSplitter(
        chunk_size=size,
        chunk_overlap=min(overlap, size // 4),
        tokenizer=lambda s: [0] * count_tokens(s),
        # A chunk ends at a paragraph, a list item or a table row where it can, not inside one:
        # half a row ("...(per day): 85 GBP") no longer says whose rate it is.
        paragraph_separator=doc.paragraph_break,
    )
    chunks: list[Chunk] = []
    for section in doc.sections:
        for piece in splitter.split_text(section.text):
            text = piece.strip()
            if not text:
                continue
            position = len(chunks)
            chunks.append(
                Chunk(
                    chunk_id=make_chunk_id(source, position, text),
                    source=source,
                    title=doc.title,
                    text=text,
                    position=position,
                    doc_hash=doc_hash,
                    page=section.page,
                    page_end=section.page,
                    section=section.section,
                    language=language,
                )
            )
    return chunks
