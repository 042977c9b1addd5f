"""Faro's library: from files to an index, from a question to a checked, cited answer.

The modules are grouped by step (docs/architecture.md): rag/models, rag/index, rag/text,
rag/lexicon, rag/search, rag/answer, rag/people and rag/ops, over errors.py, settings.py,
types.py and services.py (the one place that wires the parts). The names below are the public
surface; each is imported on first use, so `import rag` loads no model library.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for type checkers and editors; at run time __getattr__ imports on first use
    from rag.answer.stream import AnswerStream, answer_question
    from rag.errors import FaroError
    from rag.index.documents import DocumentIndex
    from rag.index.filters import Filters
    from rag.ops.evaluate import evaluate
    from rag.people.access import User
    from rag.search.retrieve import Retriever
    from rag.services import Services, build_services
    from rag.settings import Settings, load_settings
    from rag.types import Answer, Chunk, Citation, FileResult, Hit

# Each public name and the module that defines it.
_EXPORTS = {
    "build_services": "rag.services",
    "Services": "rag.services",
    "load_settings": "rag.settings",
    "Settings": "rag.settings",
    "AnswerStream": "rag.answer.stream",
    "answer_question": "rag.answer.stream",
    "FaroError": "rag.errors",
    "Answer": "rag.types",
    "Chunk": "rag.types",
    "Citation": "rag.types",
    "FileResult": "rag.types",
    "Hit": "rag.types",
    "User": "rag.people.access",
    "Filters": "rag.index.filters",
    "DocumentIndex": "rag.index.documents",
    "Retriever": "rag.search.retrieve",
    "evaluate": "rag.ops.evaluate",
}

__all__ = [
    "build_services",
    "Services",
    "load_settings",
    "Settings",
    "AnswerStream",
    "answer_question",
    "FaroError",
    "Answer",
    "Chunk",
    "Citation",
    "FileResult",
    "Hit",
    "User",
    "Filters",
    "DocumentIndex",
    "Retriever",
    "evaluate",
]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rag' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
