"""The vector store: what Faro needs of one (`VectorStore`), and Chroma's adapter (`ChromaStore`).

Chroma is used directly rather than through llama-index's ChromaVectorStore: that integration
reports exp(-distance) instead of the cosine similarity our relevance gate is tuned on, and stores
a second JSON copy of every node in its metadata. Vectors always come from our embedder: a
collection handed documents without vectors would make Chroma download a model of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from rag.errors import StoreError
from rag.index import migrations
from rag.settings import Settings
from rag.types import Chunk, Hit

if TYPE_CHECKING:
    import numpy as np

# Chroma rejects batches larger than its max_batch_size (5,461 on 1.5.9); stay well under it.
_BATCH = 2000
# HNSW defaults give poor recall on hard data. Measured at 100,000 chunks (bench/bench_scale.py):
# recall@10 against exact search 0.978 with ef_search 100, 0.998 with 200, for 1 ms more.
_HNSW = {"space": "cosine", "ef_construction": 200, "ef_search": 200, "max_neighbors": 32}


def open_client(settings: Settings):
    """A Chroma client for the settings: embedded under data_dir, or a server; telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_host:
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
        settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except Exception as exc:
        where = (
            f"the Chroma server at {settings.chroma_host}:{settings.chroma_port}"
            if settings.chroma_host
            else f"the index at {settings.chroma_dir}"
        )
        raise StoreError(f"Cannot open {where}: {exc}") from exc


class VectorStore(Protocol):
    """The chunks of every document with their vectors, built by one embedding model. Written only
    through rag/index/documents.py's DocumentIndex; searched by the retriever. Another engine plugs in here."""

    embed_model: str

    def count(self) -> int: ...
    def replace_source(self, source: str, chunks: list[Chunk], embeddings: list[list[float]]) -> None: ...
    def move_source(self, old: str, new: str, access: str | None = None) -> tuple[list[Chunk], list[list[float]]]: ...
    def delete_source(self, source: str) -> None: ...
    def set_access(self, ids: list[str], label: str) -> None: ...
    def reset(self, embed_model: str) -> None: ...
    def ids_by_source(self) -> dict[str, set[str]]: ...
    def chunks_for_source(self, source: str) -> tuple[list[Chunk], list[list[float]]]: ...
    def vectors(self, ids: list[str]) -> dict[str, "np.ndarray"]: ...
    def query(self, embedding: list[float], k: int, *, where: dict | None = None) -> list[Hit]: ...
    def nearest_ids(self, embedding: list[float], k: int) -> list[tuple[str, float]]: ...


class ChromaStore:
    """One Chroma collection holding the chunks of every document, built by one embedding model."""

    def __init__(self, client, collection: str, embed_model: str, *, any_model: bool = False):
        """`any_model`: open a collection another model built, to empty it (`reset`), not to search it."""
        self.embed_model = embed_model
        self._client = client
        self._name = collection
        self._open(any_model)

    def _open(self, any_model: bool = False) -> None:
        collection, embed_model = self._name, self.embed_model
        try:
            self._col = self._client.get_or_create_collection(
                collection,
                configuration={"hnsw": _HNSW},
                metadata={"embed_model": embed_model},
                embedding_function=None,
            )
        except Exception as exc:
            raise StoreError(f"Cannot open the Chroma collection '{collection}': {exc}") from exc
        migrations.chroma_collection(self._col, _HNSW)
        built_by = (self._col.metadata or {}).get("embed_model")
        if built_by and built_by != embed_model and not any_model:
            # Vectors of two models are not comparable: never mix them in one collection.
            raise StoreError(
                f"The index was built with the embedding model '{built_by}' but FARO_EMBED_MODEL is "
                f"'{embed_model}'. Set it back, or rebuild the index with the new model: `faro reindex --full`."
            )

    def reset(self, embed_model: str) -> None:
        """Empty, for vectors of `embed_model`, whatever model built it (`reindex --full`). Other
        processes holding the old collection open the new one at their next call (`_reopened`)."""
        from chromadb.errors import NotFoundError

        try:
            self._client.delete_collection(self._name)
        except NotFoundError:
            pass  # there was none
        self.embed_model = embed_model
        self._open()

    @classmethod
    def from_settings(
        cls, settings: Settings, embed_model: str | None = None, *, any_model: bool = False
    ) -> "ChromaStore":
        """The collection the settings name, for vectors of `embed_model` (default FARO_EMBED_MODEL)."""
        return cls(open_client(settings), settings.collection, embed_model or settings.embed_model, any_model=any_model)

    def count(self) -> int:
        """Number of chunks stored."""
        try:
            return self._col.count()
        except Exception as exc:
            if not self._reopened(exc):
                raise StoreError(f"The index cannot be read ({exc}).") from exc
            return self._col.count()

    def _reopened(self, exc: Exception) -> bool:
        """After `reindex --full` in another process our collection handle is stale: open the new one."""
        from chromadb.errors import NotFoundError  # chromadb is loaded: this client came from it

        if not isinstance(exc, NotFoundError):
            return False
        self._open()
        return True

    def put(self, chunks: list[Chunk], embeddings: list[list[float]]) -> None:
        """Insert or overwrite chunks by id (upsert: running twice leaves one copy)."""
        if len(chunks) != len(embeddings):
            raise ValueError("one embedding per chunk")
        for i in range(0, len(chunks), _BATCH):
            part = chunks[i : i + _BATCH]
            self._col.upsert(
                ids=[c.chunk_id for c in part],
                embeddings=embeddings[i : i + _BATCH],
                documents=[c.text for c in part],
                metadatas=[c.to_metadata() for c in part],
            )

    def ids_for_source(self, source: str) -> list[str]:
        """The chunk ids stored for one document."""
        return self._col.get(where={"source": source}, include=[])["ids"]

    def delete_ids(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for i in range(0, len(ids), _BATCH):
            self._col.delete(ids=ids[i : i + _BATCH])

    def delete_source(self, source: str) -> None:
        """Drop every chunk of one document."""
        self._col.delete(where={"source": source})

    def replace_source(self, source: str, chunks: list[Chunk], embeddings: list[list[float]]) -> None:
        """Make the store hold exactly these chunks for `source`: new ones in, stale ones out."""
        old = set(self.ids_for_source(source))
        self.put(chunks, embeddings)
        stale = old - {c.chunk_id for c in chunks}
        if stale:
            self.delete_ids(stale)

    def ids_by_source(self) -> dict[str, set[str]]:
        """Every chunk id, grouped by document, read from the store itself."""
        by_source: dict[str, set[str]] = {}
        total = self.count()
        for offset in range(0, total, _BATCH):
            got = self._col.get(include=["metadatas"], limit=_BATCH, offset=offset)
            for cid, meta in zip(got["ids"], got["metadatas"]):
                by_source.setdefault(str((meta or {}).get("source", "")), set()).add(cid)
        return by_source

    def chunks_for_source(self, source: str) -> tuple[list[Chunk], list[list[float]]]:
        """The stored chunks of one document in order, and their vectors (a rename moves them, a
        crash's lost keyword rows are rebuilt from them)."""
        got = self._col.get(where={"source": source}, include=["documents", "metadatas", "embeddings"])
        pairs = sorted(
            (
                (Chunk.from_metadata(cid, text or "", meta or {}), [float(x) for x in vec])
                for cid, text, meta, vec in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"])
            ),
            key=lambda pair: pair[0].position,
        )
        return [c for c, _ in pairs], [v for _, v in pairs]

    def vectors(self, ids: list[str]) -> dict[str, "np.ndarray"]:
        """Stored vectors by chunk id, as float32 arrays (30-50 ms per 1,000 at 100,000 chunks)."""
        import numpy as np

        if not ids:
            return {}
        got = self._guarded(lambda: self._col.get(ids=ids, include=["embeddings"]))
        return {cid: np.asarray(vec, dtype=np.float32) for cid, vec in zip(got["ids"], got["embeddings"])}

    def move_source(self, old: str, new: str, access: str | None = None) -> tuple[list[Chunk], list[list[float]]]:
        """Give a renamed document's chunks their new path (and its access label), reusing their
        vectors; return both."""
        chunks, vectors = self.chunks_for_source(old)
        moved = [c.moved_to(new) if access is None else replace(c.moved_to(new), access=access) for c in chunks]
        self.put(moved, vectors)
        self.delete_ids({c.chunk_id for c in chunks} - {c.chunk_id for c in moved})
        return moved, vectors

    def set_access(self, ids: list[str], label: str) -> None:
        """A new access label in these chunks' metadata; their vectors and text stay as they are."""
        for i in range(0, len(ids), _BATCH):
            part = ids[i : i + _BATCH]
            self._guarded(lambda: self._col.update(ids=part, metadatas=[{"access": label}] * len(part)))

    def query(self, embedding: list[float], k: int, *, where: dict | None = None) -> list[Hit]:
        """The k nearest chunks, best first, scored by cosine similarity; `where` is Chroma's filter
        (slow on a broad filter: the retriever filters wide unfiltered results first)."""
        return self._guarded(lambda: self._query(embedding, k, where))

    def nearest_ids(self, embedding: list[float], k: int) -> list[tuple[str, float]]:
        """The k nearest chunk ids with their cosine similarity, without reading the chunks:
        2,000 of them take about 20 ms at 100,000 chunks, where reading them takes 250."""

        def ids() -> list[tuple[str, float]]:
            res = self._col.query(query_embeddings=[embedding], n_results=k, include=["distances"])
            return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0])]

        return self._guarded(ids)

    def _guarded(self, search):
        try:
            return search()
        except StoreError:
            raise
        except Exception as exc:
            if self._reopened(exc):
                return search()
            raise StoreError(
                f"The index could not be searched ({exc}). If another process (the watcher, a reindex) "
                "writes the same embedded index, run `faro chroma` and set FARO_CHROMA_HOST=127.0.0.1 for every "
                "Faro process: an embedded Chroma index serves one process at a time."
            ) from exc

    def _query(self, embedding: list[float], k: int, where: dict | None) -> list[Hit]:
        res = self._col.query(
            query_embeddings=[embedding],
            n_results=k,
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        if any(not (meta or {}).get("source") for meta in res["metadatas"][0]):
            # A vector whose chunk is gone: this process reads a stale copy of an index that
            # another process writes (embedded Chroma). Never show a passage that cannot be cited.
            raise StoreError(
                "The index changed under this process (a chunk it found no longer exists). If another "
                "process (the watcher, a reindex) writes the same embedded index, run `faro chroma` and set "
                "FARO_CHROMA_HOST=127.0.0.1 for every Faro process."
            )
        hits = []
        for rank, (cid, text, meta, dist) in enumerate(
            zip(res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0]), start=1
        ):
            hits.append(Hit(chunk=Chunk.from_metadata(cid, text or "", meta or {}), score=1.0 - float(dist), rank=rank))
        return hits
