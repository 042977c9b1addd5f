"""Option (b) for questions in another language than the passage: translate the question first.

    .venv/bin/python -m bench.bench_translate [--data-dir /tmp/faro-translate] [-k 5]

The alternative to a multilingual embedding model (the default, multilingual-e5-small) is to keep
the English-only all-MiniLM-L6-v2 and have the generator translate each question into the other
corpus language before retrieval, searching with both and fusing the two rankings by reciprocal
rank. This measures that on sample_corpus/questions.jsonl with the embedded generator
(Qwen2.5-Coder-1.5B through llama.cpp): hit@5 and MRR for every question and for those tagged
cross-language, and the seconds the translation adds to each question.

It ingests sample_corpus into --data-dir with MiniLM on first run (about half a minute).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from ingest.pipeline import Ingestor
from rag.ops.eval_questions import load_questions
from rag.ops.evaluate import first_rank
from rag.services import build_services
from rag.settings import Settings

ROOT = Path(__file__).resolve().parent.parent

MINILM = "packaged:all-MiniLM-L6-v2"
TARGET = {"es": "English", "en": "Spanish"}


def translate(generator, question: str, language: str) -> str:
    """The question in the corpus's other language, as the generator renders it."""
    messages = [
        {"role": "system", "content": "You translate questions. Reply with the translation only."},
        {"role": "user", "content": f"Translate into {TARGET[language]}:\n{question}"},
    ]
    return "".join(generator.stream(messages)).strip().splitlines()[0].strip()


def fuse(rankings: list[list], k: int) -> list:
    """Reciprocal rank fusion of several rankings of the same index (one per phrasing)."""
    score: dict[str, float] = {}
    hits: dict[str, object] = {}
    for ranking in rankings:
        for rank, hit in enumerate(ranking, start=1):
            score[hit.chunk.chunk_id] = score.get(hit.chunk.chunk_id, 0.0) + 1.0 / (60 + rank)
            hits.setdefault(hit.chunk.chunk_id, hit)
    return [hits[cid] for cid in sorted(score, key=lambda c: -score[c])][:k]


def summary(label: str, ranks: list[int | None], k: int) -> str:
    if not ranks:
        return f"{label:46s} n=  0"
    hit = statistics.mean(1.0 if r is not None and r <= k else 0.0 for r in ranks)
    mrr = statistics.mean(1.0 / r if r else 0.0 for r in ranks)
    return f"{label:46s} n={len(ranks):3d}  hit@{k} {hit:.3f}  MRR {mrr:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/faro-translate"))
    ap.add_argument("--questions", type=Path, default=ROOT / "sample_corpus" / "questions.jsonl")
    ap.add_argument("-k", type=int, default=5)
    args = ap.parse_args()
    settings = Settings(
        data_dir=args.data_dir,
        docs_dir=ROOT / "sample_corpus",
        embed_model=MINILM,
        generator="embedded",
        _env_file=None,
    )
    s = build_services(settings)
    if s.store.count() == 0:
        Ingestor(settings, s.embedder, s.store, s.manifest).ingest([ROOT / "sample_corpus"])
    generator = s.generator()
    questions = [q for q in load_questions(args.questions) if q.answerable and q.language in TARGET]
    translate(generator, "warm up", "en")
    s.retriever.search("warm up", args.k)

    plain, translated, seconds, rows = [], [], [], []
    for q in questions:
        original = s.retriever.search(q.question, args.k * 2)
        start = time.perf_counter()
        other = translate(generator, q.question, q.language)
        seconds.append(time.perf_counter() - start)
        both = fuse([original, s.retriever.search(other, args.k * 2)], args.k * 2)
        plain.append(first_rank(original, q.sources))
        translated.append(first_rank(both, q.sources))
        rows.append((q, other))
        print(f"{q.id} [{q.language}] {q.question!r} -> {other!r}", flush=True)

    cross = [i for i, q in enumerate(questions) if "cross-language" in q.kinds]
    print(f"\nembedder {MINILM}, hybrid retrieval, generator {generator.name}")
    print(summary("MiniLM, question as asked", plain, args.k))
    print(summary("MiniLM, asked + translated (RRF)", translated, args.k))
    print(summary("cross-language only: as asked", [plain[i] for i in cross], args.k))
    print(summary("cross-language only: asked + translated", [translated[i] for i in cross], args.k))
    ordered = sorted(seconds)
    print(
        f"translation seconds per question: p50 {statistics.median(seconds):.2f}, "
        f"p95 {ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]:.2f}, max {max(seconds):.2f}"
    )


if __name__ == "__main__":
    main()
