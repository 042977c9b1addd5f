"""A deterministic stand-in for the embedding model, for tests of pure logic (fusion, filters,
selection, rules) in the fast tier. Every path a user takes is also tested with the real model.

Each word of three or more letters (case- and accent-folded) is hashed to one of 512 dimensions
with a sign; a text's vector is the normalised sum. Texts that share words are close, texts that
do not are near orthogonal: enough for logic that needs "similar" and "different", nothing more.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]{3,}")


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


class HashingEmbedder:
    """Satisfies rag.models.embedder.Embedder without loading anything."""

    name = "fake:hashing-512"
    relevance_floor = 0.05
    support_floor = 0.3
    dimension = 512
    max_tokens = 256

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dimension
        for word in _WORD.findall(_fold(text)):
            digest = hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest()
            slot = int.from_bytes(digest[:3], "little") % self.dimension
            vec[slot] += 1.0 if digest[3] & 1 else -1.0
        norm = math.sqrt(sum(x * x for x in vec))
        if not norm:  # no words: one fixed direction, never a zero vector (cosine would be undefined)
            vec[0], norm = 1.0, 1.0
        return [x / norm for x in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)
