"""The optional reranking stage: a local sentence-transformers CrossEncoder rescoring fused candidates.

Off by default. No cross-encoder ships inside a PyPI package, so quality on Faro's corpora was not
measured here; a weak reranker makes results worse and a CPU pays seconds per question.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from rag.errors import RerankerUnavailable
from rag.models.embedder import hub_offline


class CrossEncoderReranker:
    """Scores (question, passage) pairs with a CrossEncoder loaded from a local directory."""

    def __init__(self, path: str, *, device: str = "cpu"):
        self.path = Path(path).expanduser()
        self.device = device
        self._model = None
        self._lock = threading.Lock()

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    if not self.path.is_dir():
                        raise RerankerUnavailable(
                            f"FARO_RERANK_MODEL={self.path} is not a local CrossEncoder directory. "
                            "Faro never downloads models; leave it empty to turn reranking off."
                        )
                    self._check_is_cross_encoder()
                    hub_offline()
                    try:
                        from sentence_transformers import CrossEncoder

                        self._model = CrossEncoder(str(self.path), device=self.device)
                    except Exception as exc:
                        raise RerankerUnavailable(f"Cannot load the reranker at {self.path}: {exc}") from exc
        return self._model

    def _check_is_cross_encoder(self) -> None:
        """Refuse an embedding model: sentence-transformers would load it as a CrossEncoder with a new,
        untrained scoring head whose scores are noise that changes with every start."""
        try:
            config = json.loads((self.path / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise RerankerUnavailable(
                f"Cannot load the reranker at {self.path}: no readable config.json ({exc})"
            ) from exc
        architectures = config.get("architectures") or []
        if not any(str(a).endswith("ForSequenceClassification") for a in architectures):
            raise RerankerUnavailable(
                f"The model at {self.path} is not a cross-encoder (its architecture is "
                f"{', '.join(map(str, architectures)) or 'not stated'}, not a sequence classifier); "
                "an embedding model cannot rerank. Point FARO_RERANK_MODEL at a CrossEncoder directory."
            )

    def scores(self, question: str, passages: list[str]) -> list[float]:
        """One relevance score per passage, higher is better."""
        if not passages:
            return []
        values = self.model.predict([(question, p) for p in passages], show_progress_bar=False)
        return [float(v) for v in values]
