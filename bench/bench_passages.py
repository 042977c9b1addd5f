"""Does retrieval find the passage that answers? The sample corpus and two real development sets, side by side.

    .venv/bin/python -m bench.bench_passages                      # all three sets, the defaults
    .venv/bin/python -m bench.bench_passages --set policyqa --env FARO_PASSAGES_PER_DOCUMENT=0
    .venv/bin/python -m bench.bench_passages --work /tmp/faro-passages --tag small --env FARO_CHUNK_TOKENS=120

Each set gets its own index under --work/TAG/SET (built by `faro ingest` on the first run, reused
after: an ingest of unchanged files costs a hash each), then `faro eval --json` runs its questions:
- sample: `sample_corpus/` and its 175 questions (ours: it flatters us);
- policyqa: 75 real privacy policies, 450 answerable questions with expert-marked evidence
  paragraphs and 60 unanswerable ones (`../shared/corpora/policyqa-dev`);
- h2o: 457 third-party questions with answer tokens on four PDFs of `../shared/corpora/realdocs`.
The shared sets are evaluation material, read in place and never copied; without them the script
says so and measures what it has. `--env` settings apply to ingest and eval alike: a setting that
changes chunking needs its own --tag.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
H2O_FILES = [
    "en_bank_document-retention-policy.pdf",
    "en_stanford-health-care_medical-staff-rules.pdf",
    "en_employment-contract_sample.pdf",
    "en_va_strategic-plan_2018-2024.pdf",
]
FIGURES = [
    "hit@1",
    "hit@5",
    "mrr",
    "page_recall@5",
    "evidence_hit@1",
    "evidence_hit@5",
    "evidence_in_model_passages",
    "token_hit@1",
    "token_hit@5",
    "token_in_model_passages",
    "abstention_on_unanswerable",
    "latency_ms_p95",
]


def shared_dir() -> Path | None:
    for candidate in (ROOT.parent / "shared", Path("/work/shared")):
        if (candidate / "corpora").is_dir():
            return candidate / "corpora"
    return None


def sets(corpora: Path | None) -> dict[str, dict]:
    """name -> docs folder, files to ingest and questions file (only the sets present here)."""
    out = {
        "sample": {
            "docs": ROOT / "sample_corpus",
            "files": [ROOT / "sample_corpus"],
            "questions": ROOT / "sample_corpus" / "questions.jsonl",
        }
    }
    if corpora is None:
        return out
    policyqa = corpora / "policyqa-dev"
    if (policyqa / "questions.jsonl").is_file():
        out["policyqa"] = {
            "docs": policyqa / "docs",
            "files": [policyqa / "docs"],
            "questions": policyqa / "questions.jsonl",
        }
    realdocs = corpora / "realdocs"
    h2o = corpora / "h2o-dev" / "questions.jsonl"
    if h2o.is_file() and all((realdocs / f).is_file() for f in H2O_FILES):
        out["h2o"] = {"docs": realdocs, "files": [realdocs / f for f in H2O_FILES], "questions": h2o}
    return out


def run(name: str, spec: dict, data_dir: Path, extra_env: dict[str, str], k: int) -> dict:
    env = {**os.environ, **extra_env, "FARO_DATA_DIR": str(data_dir), "FARO_DOCS_DIR": str(spec["docs"])}
    faro = str(ROOT / ".venv" / "bin" / "faro")
    start = time.perf_counter()
    ingest = subprocess.run(
        [faro, "ingest", "--json", *map(str, spec["files"])], env=env, capture_output=True, text=True
    )
    if ingest.returncode != 0:
        sys.exit(f"{name}: faro ingest failed: {ingest.stderr.strip()[-500:]}")
    ingested = json.loads(ingest.stdout.strip().splitlines()[-1])
    print(
        f"{name}: ingest {ingested['added']} added, {ingested['unchanged']} unchanged, {ingested['failed']} failed, "
        f"{ingested['chunks']} new chunks in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )
    rows = data_dir / "eval-rows.jsonl"
    ev = subprocess.run(
        [faro, "eval", str(spec["questions"]), "--json", "-k", str(k), "--rows", str(rows)],
        env=env,
        capture_output=True,
        text=True,
    )
    if ev.returncode != 0:
        sys.exit(f"{name}: faro eval failed: {ev.stderr.strip()[-500:]}")
    report = json.loads(ev.stdout)
    mode = next(iter(report["modes"].values()))
    return {
        "chunks": report["index_chunks"],
        "questions": report["questions"],
        "top_k": report["top_k"],
        **{f: mode.get(f) for f in FIGURES},
    }


def ceiling(spec: dict, data_dir: Path, context_words: int) -> dict:
    """How far any ranking could go with these passages: the share of scored questions for which
    some single indexed chunk of the expected document answers, some passage as the model is given
    it (a chunk grown with its neighbours to `context_words`, rag/search/context.py), and the whole
    document does."""
    from rag.index.manifest import Manifest
    from rag.ops.eval_questions import load_questions
    from rag.ops.passages import holds_tokens, overlaps_evidence
    from rag.search.context import widen
    from rag.types import Hit

    keywords = Manifest(data_dir / "manifest.sqlite3").keywords
    chunks: dict[str, list] = {}
    windows: dict[str, list[str]] = {}
    scored = chunk_ok = window_ok = doc_ok = 0
    for q in load_questions(spec["questions"]):
        if not q.answerable or not (q.evidence or q.tokens):
            continue
        source = sorted(q.sources)[0]
        if source not in chunks:
            chunks[source] = [c for _, c in sorted(keywords.around(source, 0, 10**9).items())]
            windows[source] = [
                widen([Hit(c, 1.0, 1)], keywords, context_words, 1)[0].chunk.text if context_words else c.text
                for c in chunks[source]
            ]
        if q.tokens:

            def answers(text):
                return holds_tokens(text, q.tokens)
        else:

            def answers(text):
                return any(overlaps_evidence(text, e) for e in q.evidence)

        scored += 1
        chunk_ok += any(answers(c.text) for c in chunks[source])
        window_ok += any(answers(t) for t in windows[source])
        doc_ok += answers(" ".join(c.text for c in chunks[source]))
    share = lambda n: round(n / scored, 4) if scored else None  # noqa: E731
    return {
        "scored": scored,
        "some_chunk_answers": share(chunk_ok),
        f"some_passage_of_{context_words}_words_answers": share(window_ok),
        "whole_document_answers": share(doc_ok),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default="/tmp/faro-passages", help="indexes live under WORK/TAG/SET")
    ap.add_argument("--tag", default="default", help="name of this index variant (one per chunking setting)")
    ap.add_argument("--set", action="append", choices=["sample", "policyqa", "h2o"], help="only these sets")
    ap.add_argument("--env", action="append", default=[], metavar="FARO_X=VALUE", help="a setting for ingest and eval")
    ap.add_argument("-k", type=int, default=5)
    ap.add_argument(
        "--ceiling",
        action="store_true",
        help="also print how many questions any single chunk, any passage as the model is given it, "
        "and the whole document could answer (the most a ranking of these chunks can reach)",
    )
    args = ap.parse_args()
    from rag.settings import Settings

    extra = dict(e.split("=", 1) for e in args.env)
    corpora = shared_dir()
    available = sets(corpora)
    if corpora is None:
        print("shared corpora not found (../shared/corpora): measuring the sample corpus only", file=sys.stderr)
    wanted = [s for s in (args.set or ["sample", "policyqa", "h2o"]) if s in available]
    print(f"settings: {' '.join(args.env) or 'defaults'}; k={args.k}")
    for name in wanted:
        figures = run(name, available[name], Path(args.work) / args.tag / name, extra, args.k)
        print(f"{name}: " + ", ".join(f"{key} {value}" for key, value in figures.items() if value is not None))
        words = int(extra.get("FARO_CONTEXT_WORDS", Settings.model_fields["context_words"].default))
        bound = ceiling(available[name], Path(args.work) / args.tag / name, words) if args.ceiling else {}
        if bound.get("scored"):
            print(f"{name} ceiling: " + ", ".join(f"{key} {value}" for key, value in bound.items()))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
