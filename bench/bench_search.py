"""Search latency with the models loaded: p50/p95 of `faro search` over >= 100 queries.

    .venv/bin/python -m bench.bench_search [--data-dir data] [--rounds 4] [-k 4]

Uses the index in --data-dir (run `faro ingest sample_corpus` first) and the questions of
sample_corpus/questions.jsonl, repeated for --rounds, after one warm-up query.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from rag.services import build_services
from rag.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=Path("data"))
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("-k", type=int, default=4)
    args = ap.parse_args()
    lines = (ROOT / "sample_corpus" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(ln)["question"] for ln in lines if ln.strip()]
    s = build_services(Settings(data_dir=args.data_dir))
    if s.store.count() == 0:
        sys.exit(f"no chunks in {args.data_dir}: run `faro ingest sample_corpus` first")
    s.retriever.search("warm up", args.k)
    times = []
    for _ in range(args.rounds):
        for q in questions:
            t = time.perf_counter()
            s.retriever.search(q, args.k)
            times.append((time.perf_counter() - t) * 1000)
    print(f"index: {s.store.count()} chunks; {len(times)} queries, k={args.k}")
    print(
        f"search latency ms: p50 {percentile(times, 0.5):.1f}, p95 {percentile(times, 0.95):.1f}, "
        f"mean {statistics.mean(times):.1f}, max {max(times):.1f}"
    )


if __name__ == "__main__":
    main()
