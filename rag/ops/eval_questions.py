"""The questions `faro eval` asks: a questions file (its format is in rag/ops/evaluate.py) read and
checked, one `Question` a line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from rag.errors import FaroError
from rag.ops.passages import answer_tokens
from rag.text.language import detect_language
from rag.text.textfiles import read_text


@dataclass
class Question:
    id: str
    question: str
    expected: list[dict]
    answerable: bool
    language: str
    kinds: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # paragraphs that answer it
    tokens: list[str] = field(default_factory=list)  # what a right answer contains, yes/no left out
    answer_tokens: list[str] = field(default_factory=list)  # the same with yes/no: what an answer is scored by

    @property
    def sources(self) -> set[str]:
        return {e["source"] for e in self.expected}

    @property
    def pages(self) -> set[tuple[str, int]]:
        return {(e["source"], int(e["page"])) for e in self.expected if e.get("page")}


def load_questions(path: Path) -> list[Question]:
    """Read and check a questions file; a bad line is an error naming its line number."""
    out = []
    try:
        lines = read_text(path, "the questions file").splitlines()
    except OSError as exc:
        raise FaroError(f"{path}: cannot read the questions file ({exc.strerror or exc})") from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            answerable = bool(obj.get("answerable", True))
            listed = obj.get("expected_sources", [])
            if not isinstance(listed, list):  # a bare string would be read letter by letter and score 0
                raise ValueError("expected_sources must be a list of paths or {source, page} objects")
            expected = [e if isinstance(e, dict) else {"source": e} for e in listed]
            if answerable and not expected:
                raise ValueError("an answerable question needs expected_sources")
            kinds = obj.get("kind", [])
            evidence, tokens = obj.get("evidence_segments", []), obj.get("tokens", [])
            if not (isinstance(evidence, list) and all(isinstance(e, str) for e in evidence)):
                raise ValueError("evidence_segments must be a list of paragraphs")
            if not (isinstance(tokens, list) and all(isinstance(t, str) for t in tokens)):
                raise ValueError("tokens must be a list of strings")
            out.append(
                Question(
                    id=str(obj.get("id", n)),
                    question=obj["question"],
                    expected=expected,
                    answerable=answerable,
                    language=obj.get("language") or detect_language(obj["question"]),
                    kinds=[kinds] if isinstance(kinds, str) else list(kinds),
                    evidence=[e for e in evidence if e.strip()],
                    tokens=answer_tokens(tokens),
                    answer_tokens=[t for t in tokens if t.strip()],
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise FaroError(f"{path}:{n}: not a question line ({exc})") from exc
    if not out:
        raise FaroError(f"{path}: no questions")
    return out
