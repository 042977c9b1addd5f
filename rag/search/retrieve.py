"""Retrieval: the passages a question is answered from, and the relevance gate before the generator.

    question -> vector index (cosine)  \\
                                           weighted score fusion -> [rerank] -> current versions first
    question -> keyword index (bm25)   /
    -> fold near-duplicates, spread over documents that compete -> top k -> each with its neighbours

A question that names documents runs this first within them (rag/text/naming.py), then over the whole
index; near-duplicates are folded and documents spread by rag/search/selection.py; a short passage is
given with the chunks around it (rag/search/context.py).

The vector index finds paraphrases and, with a multilingual model, other languages; the keyword
index finds exact identifiers and rare words that embeddings blur. Every hit keeps its cosine
similarity to the question (fetched for hits only the keyword index found), because the relevance
gate is defined on it.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from rag.index.filters import Filters
from rag.index.keywords import KeywordIndex
from rag.index.store import VectorStore
from rag.models.embedder import Embedder
from rag.models.rerank import CrossEncoderReranker
from rag.search.context import widen
from rag.search.selection import select
from rag.text.language import detect_language
from rag.text.naming import DocumentNames
from rag.types import Chunk, Hit

# A language's mean needs enough chunks to stand for the language rather than for their topic:
# each is drawn towards the corpus mean as if this many chunks of it were added (a language with
# 1,000 chunks keeps 98% of its own mean, one with 5 chunks 20%).
CENTERING_PRIOR = 20

# Runs keyword searches beside the embedding of their question; SQLite connections here are
# opened with check_same_thread=False and the library serializes each connection's use.
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="faro-keywords")

WIDE_IDS = 2000  # nearest ids fetched for a filter the nearest 120 chunks do not satisfy
# A filter matching at most this many chunks is ranked exactly: reading 1,000 stored vectors from
# Chroma takes 30-50 ms at 100,000 chunks, 5,000 take 180-300 ms (bench/bench_scale.py).
EXACT_LIMIT = 1200


@dataclass
class _Candidate:
    """A passage either index found, with what each said about it."""

    chunk: Chunk
    cosine: float | None = None
    similarity: float | None = None  # what fusion ranks by: the cosine, language-centred if asked
    dense_rank: int | None = None
    keyword_rank: int | None = None
    bm25: float = 0.0
    exact: bool = False
    fused: float = 0.0
    superseded_by: str = ""


class Retriever:
    """Hybrid search over the vector and keyword indexes, with filters, fusion and de-duplication."""

    def __init__(
        self,
        embedder: Embedder,
        store: VectorStore,
        keywords: KeywordIndex,
        *,
        mode: str = "hybrid",
        candidates: int = 30,
        dense_weight: float = 0.8,
        language_centering: float = 0.0,
        reranker: CrossEncoderReranker | None = None,
        rerank_top_n: int = 20,
        duplicate_similarity: float = 0.8,
        per_document: int = 0,
        versions: Callable[..., dict[str, tuple[str, str, str]]] | None = None,
        names: Callable[[], DocumentNames] | None = None,
        document_margin: float = 1.0,
        context_words: int = 0,
        wide_ids: int = WIDE_IDS,
        exact_limit: int = EXACT_LIMIT,
        centering_prior: int = CENTERING_PRIOR,
    ):
        self.embedder = embedder
        self.store = store
        self.keywords = keywords
        self.mode = mode
        self.candidates = candidates
        self.dense_weight = dense_weight
        self.language_centering, self.centering_prior = language_centering, centering_prior
        self.reranker = reranker
        self.rerank_top_n = rerank_top_n
        self.duplicate_similarity = duplicate_similarity
        self.per_document, self.document_margin = per_document, document_margin
        self.context_words = context_words  # a short passage is given with its neighbours up to this size
        self.versions = versions  # source -> (policy, effective date, dated_by) of documents with versions
        self.names = names  # the indexed documents' names, to steer a question that names one
        self.wide_ids, self.exact_limit = wide_ids, exact_limit

    def named(self, question: str, as_document: bool = False) -> tuple[str, ...]:
        """The indexed documents the question names (rag/text/naming.py), if any; with
        `as_document`, only those it names as documents rather than by their subject."""
        return self.names().named(question, as_document) if self.names is not None else ()

    def search(self, question: str, k: int, filters: Filters | None = None, *, mode: str | None = None) -> list[Hit]:
        """The k best passages for the question, best first.

        A question that names documents ("What does the Travel Policy say…", rag/text/naming.py) is
        searched within them first; the rest of the index fills the places they leave.
        """
        mode = mode or self.mode
        filters = filters or Filters()
        if not question.strip():
            return []
        n = max(self.candidates, k)
        named = self.named(question) if not filters.sources else ()
        scopes = [replace(filters, sources=named), filters] if named else [filters]
        # The keyword stage needs no vector: it runs on the other core while the question is
        # embedded (both release the GIL). At 100,000 chunks the two took p95 123 ms one after
        # the other and 66-71 ms side by side (bench/bench_scale.py).
        lexical = (
            [_POOL.submit(self.keywords.search, question, n, f) for f in scopes]
            if mode in ("hybrid", "keyword")
            else []
        )
        query_vec = self.embedder.embed_query(question) if mode in ("hybrid", "dense") else None
        ordered: list[_Candidate] = []
        seen: set[str] = set()
        for i, scope in enumerate(scopes):
            dense: list[Hit] = []
            if query_vec is not None:
                dense = self._filtered_dense(query_vec, n, k, scope) if scope else self.store.query(query_vec, n)
            ranked = self._rank(question, query_vec, dense, lexical[i].result() if lexical else [], mode, n, scope)
            ordered += [c for c in ranked if c.chunk.chunk_id not in seen]
            seen.update(c.chunk.chunk_id for c in ranked)

        hits = [
            Hit(
                chunk=c.chunk,
                score=c.cosine if c.cosine is not None else 0.0,
                rank=0,
                exact=c.exact,
                dense_rank=c.dense_rank,
                keyword_rank=c.keyword_rank,
                superseded_by=c.superseded_by,
            )
            for c in ordered
        ]
        wanted = 2 * k if self.context_words else k  # a passage inside a better one's window gives way
        hits = select(
            hits,
            wanted,
            self.duplicate_similarity,
            self.per_document,
            unlimited=set(named),
            scores=[c.fused for c in ordered],
            margin=self.document_margin,
        )
        if self.context_words:
            hits = widen(hits, self.keywords, self.context_words, k)
        return [replace(h, rank=i) for i, h in enumerate(hits, start=1)]

    def _rank(
        self,
        question: str,
        query_vec: list[float] | None,
        dense: list[Hit],
        lexical: list,
        mode: str,
        n: int,
        filters: Filters,
    ) -> list["_Candidate"]:
        """One ranking of what both indexes found: fused, reranked if asked, current versions first."""
        fused: dict[str, _Candidate] = {}
        for h in dense:
            fused[h.chunk.chunk_id] = _Candidate(h.chunk, cosine=h.score, dense_rank=h.rank)
        for h in lexical:
            c = fused.setdefault(h.chunk.chunk_id, _Candidate(h.chunk))
            c.keyword_rank, c.bm25, c.exact = h.rank, h.score, h.exact
        if query_vec is not None:
            self._compare(question, query_vec, fused)
        ordered = self._fuse(list(fused.values()), mode, n)

        if self.reranker is not None:
            top = ordered[: self.rerank_top_n]
            scores = self.reranker.scores(question, [c.chunk.text for c in top])
            # The reranker reorders; a passage holding the identifier asked about stays first.
            top = [c for _, c in sorted(zip(scores, top), key=lambda p: (not p[1].exact, -p[0]))]
            ordered = top + ordered[self.rerank_top_n :]
        return self._current_first(ordered, filters.access)

    def _compare(self, question: str, query_vec: list[float], fused: dict[str, "_Candidate"]) -> None:
        """The vector scores of the candidates: the cosine (the relevance gate is defined on it),
        fetched for those only the keyword index found, and the similarity fusion ranks by.

        In an index with several languages the similarity first takes part of each language's mean
        vector out of the question and of every passage (`language_centering`). Multilingual
        embedders place texts of one language near each other, so a Spanish question scores a
        Spanish passage on a neighbouring subject above the English passage that answers it;
        centering each language removes much of that pull (Libovický et al., "On the Language
        Neutrality of Pre-trained Multilingual Representations", 2020). Measured on the sample
        questions: cross-language MRR 0.48 -> 0.76 at 0.5 (docs/benchmarks.md).
        """
        query = np.asarray(query_vec, dtype=np.float32)
        means = self.keywords.language_means(self.centering_prior) if self.language_centering else {}
        language = detect_language(question)
        centering = len(means) > 1 and language in means
        wanted = list(fused) if centering else [cid for cid, c in fused.items() if c.cosine is None]
        vectors = self._stored_vectors(wanted)
        for cid, vec in vectors.items():
            if fused[cid].cosine is None:
                fused[cid].cosine = float(vec @ query)
        if not centering:
            return
        alpha = self.language_centering
        q = query - alpha * means[language]
        q /= np.linalg.norm(q)
        for cid, vec in vectors.items():
            mean = means.get(fused[cid].chunk.language or "en")
            if mean is not None:
                d = vec - alpha * mean
                norm = float(np.linalg.norm(d))  # >= 1 - alpha for unit vectors: never 0 below 1
                fused[cid].similarity = float(d @ q) / norm if norm > 1e-6 else fused[cid].cosine

    def _fuse(self, candidates: list["_Candidate"], mode: str, n: int) -> list["_Candidate"]:
        """One ranking from the two: a passage holding the very identifier asked about ('FIN-220')
        first, then by the fused score.

        Hybrid fusion is a convex combination of the two normalised scores (Bruch et al., "An
        Analysis of Fusion Functions for Hybrid Retrieval", 2023): cosine scaled to [0, 1] over the
        candidates, bm25 divided by the best bm25 (0 = no query word). Reciprocal rank fusion, tried
        first, lets any passage that both lists hold beat one only the vectors found; a Spanish
        question about an English policy then loses its answer to Spanish passages that merely share
        words like 'trabajo' (measured in docs/benchmarks.md).
        """
        weight = {"dense": 1.0, "keyword": 0.0}.get(mode, self.dense_weight)
        for c in candidates:
            if c.similarity is None:
                c.similarity = c.cosine
        sims = [c.similarity for c in candidates if c.similarity is not None]
        low, high = (min(sims), max(sims)) if sims else (0.0, 0.0)
        best_bm25 = max((c.bm25 for c in candidates), default=0.0) or 1.0
        for c in candidates:
            dense = (c.similarity - low) / (high - low) if c.similarity is not None and high > low else 0.0
            c.fused = weight * dense + (1.0 - weight) * c.bm25 / best_bm25
        return sorted(candidates, key=lambda c: (not c.exact, -c.fused, c.dense_rank or n + 1, c.keyword_rank or n + 1))

    def _current_first(
        self, ordered: list["_Candidate"], readable: tuple[str, ...] | None = None
    ) -> list["_Candidate"]:
        """Current policy before superseded policy.

        A passage from an older version of a policy (ingest/versions.py) is marked as superseded
        by the newest version, and the newest version's best passage moves up to just before it:
        when both versions match, the answer is built on the current text and can still say how
        the old one differed. A newer passage never moves above an older one that holds the
        identifier asked about while it does not.
        """
        if self.versions is None or not ordered:
            return ordered
        known = self.versions((c.chunk.source for c in ordered), readable)
        # Dates read in different ways do not compare: a re-saved old file's modification time
        # says nothing against the date a newer version states. Such a policy is left in order.
        stated: dict[str, set[bool]] = {}
        for policy, _, dated_by in known.values():
            stated.setdefault(policy, set()).add(dated_by == "stated")
        known = {src: (policy, effective) for src, (policy, effective, _) in known.items() if len(stated[policy]) == 1}
        if not known:
            return ordered
        latest: dict[str, str] = {}
        for policy, effective in known.values():
            latest[policy] = max(effective, latest.get(policy, ""))
        current = {src for src, (policy, effective) in known.items() if effective == latest[policy]}
        best: dict[str, int] = {}  # source -> position of its best candidate
        for i, c in enumerate(ordered):
            best.setdefault(c.chunk.source, i)
        out: list[_Candidate] = []
        placed: set[int] = set()
        for i, c in enumerate(ordered):
            if i in placed:
                continue
            source = c.chunk.source
            if source in known and source not in current:
                policy = known[source][0]
                newer = sorted((s for s in current if known[s][0] == policy), key=lambda s: best.get(s, len(ordered)))
                c.superseded_by = newer[0]
                for j in (best[s] for s in newer if s in best):
                    if j not in placed and (ordered[j].exact or not c.exact):
                        out.append(ordered[j])
                        placed.add(j)
            out.append(c)
            placed.add(i)
        return out

    def _filtered_dense(self, query_vec: list[float], n: int, k: int, filters: Filters) -> list[Hit]:
        """The n nearest chunks that pass the filters (at least k of them where there are k).

        Chroma's own `where` costs 50-700 ms at 100,000 chunks, the broader the filter the slower,
        and within a 1% folder finds only 0.84 of the true nearest 10 (bench/bench_scale.py). So a
        narrow filter (at most `exact_limit` chunks, found through the keyword index's table) is
        ranked exactly on its chunks' stored vectors; a broader one takes the 120 nearest chunks
        and filters them here, and if fewer than k pass, the 2,000 nearest ids filtered through
        the table, reading only the kept chunks. Chroma's `where` is left for a broad filter that
        the 2,000 nearest miss, which the benchmark never saw.
        """
        narrow = self.keywords.matching(filters, self.exact_limit)
        if narrow is not None:
            kept = self._exact_dense(query_vec, narrow, n)
        else:
            kept = self._widened_dense(query_vec, n, k, filters)
            if filters.access is not None:
                # Who may read a chunk is the keyword table's label; Chroma's copy may lag a re-label.
                readable = self.keywords.passing([h.chunk.chunk_id for h in kept], filters)
                kept = [h for h in kept if h.chunk.chunk_id in readable]
        return [replace(h, rank=i) for i, h in enumerate(kept[:n], start=1)]

    def _widened_dense(self, query_vec: list[float], n: int, k: int, filters: Filters) -> list[Hit]:
        """A broad filter's nearest passing chunks, best first: the nearest 120 filtered here, then
        the 2,000 nearest ids filtered through SQLite, then Chroma's `where`."""
        wide_n = max(4 * n, 100)
        wide = self.store.query(query_vec, wide_n)
        kept = [h for h in wide if filters.accepts(h.chunk)]
        if len(kept) < k and len(wide) == wide_n:
            near = self.store.nearest_ids(query_vec, self.wide_ids)
            passing = self.keywords.passing([cid for cid, _ in near], filters)
            ids = [(cid, cos) for cid, cos in near if cid in passing][:n]
            if len(ids) >= k or len(near) < self.wide_ids:
                chunks = self.keywords.chunks(cid for cid, _ in ids)
                kept = [Hit(chunk=chunks[cid], score=cos, rank=0) for cid, cos in ids if cid in chunks]
            else:
                kept = self.store.query(query_vec, n, where=self._where(filters))
        return kept

    def _exact_dense(self, query_vec: list[float], ids: list[str], n: int) -> list[Hit]:
        """The n of these chunks nearest the question, best first, by exact cosine over their
        stored vectors."""
        vectors = self._stored_vectors(ids)
        if not vectors:
            return []
        ids = list(vectors)
        cosines = np.stack([vectors[i] for i in ids]) @ np.asarray(query_vec, dtype=np.float32)
        best = np.argsort(-cosines, kind="stable")[:n]
        chunks = self.keywords.chunks(ids[i] for i in best)
        return [Hit(chunk=chunks[ids[i]], score=float(cosines[i]), rank=0) for i in best if ids[i] in chunks]

    def _stored_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """Vectors of these chunks (all unit length): the keyword table's copy, else Chroma's."""
        found = self.keywords.vectors(ids)
        rest = [cid for cid in ids if cid not in found]
        if rest:
            found.update(self.store.vectors(rest))
        return found

    def _where(self, filters: Filters) -> dict | None:
        """The filters as a Chroma `where` clause (folders expand to every indexed subfolder)."""
        if not filters:
            return None
        clauses: list[dict] = []
        if filters.access is not None:
            clauses.append({"access": {"$in": list(filters.access) or ["\x00none"]}})
        if filters.sources:
            clauses.append({"source": {"$in": list(filters.sources)}})
        if filters.doc_types:
            clauses.append({"doc_type": {"$in": list(filters.doc_types)}})
        if filters.languages:
            clauses.append({"language": {"$in": list(filters.languages)}})
        if filters.folders:
            wanted = [f for f in self.keywords.folders() if filters.accepts_folder(f)]
            clauses.append({"folder": {"$in": wanted or ["\x00none"]}})
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def relevant(hits: list[Hit], min_score: float) -> list[Hit]:
    """The hits good enough to answer from; an empty list means Faro abstains.

    A passage holding the exact identifier the question asks about ('FIN-220') is relevant even
    when the embedding, which blurs such tokens, scores it low.
    """
    return [h for h in hits if h.score >= min_score or h.exact]
