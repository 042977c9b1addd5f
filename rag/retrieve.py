"""Retrieval: the question's nearest chunks, and the relevance gate in front of the generator."""
from __future__ import annotations

from .embedder import Embedder
from .store import ChromaStore
from .types import Hit


def search(question: str, embedder: Embedder, store: ChromaStore, k: int) -> list[Hit]:
    """The k chunks nearest to the question, best first."""
    if not question.strip():
        return []
    return store.query(embedder.embed_query(question), k)


def relevant(hits: list[Hit], min_score: float) -> list[Hit]:
    """The hits good enough to answer from; an empty list means Faro abstains."""
    return [h for h in hits if h.score >= min_score]
