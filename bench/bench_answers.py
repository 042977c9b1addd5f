"""Are the answers right, and is anything wrong shown as checked? Four sets, side by side.

    .venv/bin/python -m bench.bench_answers --per-set 60            # the model answers (slow: run it in the background)
    .venv/bin/python -m bench.bench_answers --replay                # the drafts of the last run, replayed (fast)
    .venv/bin/python -m bench.bench_answers --set h2o --per-set 20 --env FARO_GENERATOR=embedded

Each set is a spread of questions (every n-th, answerable and not) asked with `faro eval --answers`:
- h2o: third-party questions with answer tokens on four PDFs of `../shared/corpora/realdocs`;
- policyqa: its unanswerable questions and as many answerable ones (`../shared/corpora/policyqa-dev`);
- nomiracl: Spanish and English questions Wikipedia passages do or do not answer (`../shared/corpora/nomiracl-dev`);
- sample: `sample_corpus/` and its questions (ours: it flatters us).
Figures: right answers (the answer holds 60 % of the answer tokens; a decline is not right), shown
but wrong (of the answers shown that can be scored: wrong, or to an unanswerable question),
answerable declined, unanswerable declined (and per language where a set has two), seconds per
answer. The rows of each run (with every draft) are kept under WORK/SET/answers-rows.jsonl;
`--replay` runs those drafts through Faro's current checks without the model. Indexes are shared
with bench/bench_passages.py (WORK/TAG/SET).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_passages import ROOT, sets, shared_dir

FIGURES = [
    "questions",
    "right_answers",
    "right_scored",
    "shown_but_wrong",
    "shown_scored",
    "false_abstention",
    "abstention_on_unanswerable",
    "unsupported_sentences",
    "citation_precision",
    "seconds_p50",
    "seconds_p95",
    "first_token_p50",
]


def all_sets(corpora: Path | None) -> dict[str, dict]:
    out = sets(corpora)
    nomiracl = corpora / "nomiracl-dev" if corpora else None
    if nomiracl and (nomiracl / "questions.jsonl").is_file():
        out["nomiracl"] = {
            "docs": nomiracl / "docs",
            "files": [nomiracl / "docs"],
            "questions": nomiracl / "questions.jsonl",
        }
    return out


def spread(questions: Path, per_set: int) -> list[str]:
    """`per_set` questions taken evenly through the file, answerable and unanswerable ones in
    their share (half each where a set has both, so a decline rate is measured on both)."""
    rows = [line for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    groups = [[r for r in rows if json.loads(r).get("answerable", True) is a] for a in (True, False)]
    groups = [g for g in groups if g]
    take = [per_set // len(groups) + (i < per_set % len(groups)) for i in range(len(groups))]
    out = []
    for g, n in zip(groups, take, strict=True):
        step = max(1, len(g) // max(n, 1))
        out += g[::step][:n]
    return out


def run(name: str, spec: dict, data_dir: Path, extra: dict[str, str], per_set: int, replay: bool) -> dict:
    env = {**os.environ, **extra, "FARO_DATA_DIR": str(data_dir), "FARO_DOCS_DIR": str(spec["docs"])}
    faro = str(ROOT / ".venv" / "bin" / "faro")
    ingest = subprocess.run(
        [faro, "ingest", "--json", *map(str, spec["files"])], env=env, capture_output=True, text=True
    )
    if ingest.returncode != 0:
        sys.exit(f"{name}: faro ingest failed: {ingest.stderr.strip()[-500:]}")
    rows = data_dir / "answers-rows.jsonl"
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        fh.write("".join(line + "\n" for line in spread(spec["questions"], per_set)))
        subset = fh.name
    cmd = [faro, "eval", subset, "--json", "--rows", str(rows if not replay else data_dir / "replay-rows.jsonl")]
    if replay:
        if not rows.is_file():
            sys.exit(f"{name}: no recorded drafts in {rows}: run without --replay first")
        cmd += ["--replay", str(rows)]
    else:
        cmd += ["--answers"]
    start = time.perf_counter()
    ev = subprocess.run(cmd, env=env, capture_output=True, text=True)
    os.unlink(subset)
    if ev.returncode != 0:
        sys.exit(f"{name}: faro eval failed: {ev.stderr.strip()[-500:]}")
    report = json.loads(ev.stdout)
    answers = report.get("answers") or next(iter(report.get("drafts", {}).values()))
    languages = answers.get("declined_by_language") or {}
    return {
        "generator": answers["generator"],
        "minutes": round((time.perf_counter() - start) / 60, 1),
        **{f: answers.get(f) for f in FIGURES},
        **({f"declined ({lang})": figures for lang, figures in languages.items()} if len(languages) > 1 else {}),
    }


def set_arguments(ap: argparse.ArgumentParser, per_set: int) -> None:
    """The options of a bench that asks questions of the four sets: where their indexes live, which
    sets, and how many questions of each."""
    ap.add_argument("--work", default="/tmp/faro-passages", help="indexes live under WORK/TAG/SET")
    ap.add_argument("--tag", default="default")
    ap.add_argument("--set", action="append", choices=["sample", "policyqa", "h2o", "nomiracl"], help="only these sets")
    ap.add_argument("--per-set", type=int, default=per_set, help="questions asked per set")


def chosen_sets(args: argparse.Namespace) -> tuple[dict[str, dict], list[str]]:
    """Every set present here, and the names of those asked for (all of them by default)."""
    available = all_sets(shared_dir())
    return available, [s for s in (args.set or ["h2o", "policyqa", "nomiracl", "sample"]) if s in available]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    set_arguments(ap, per_set=60)
    ap.add_argument("--replay", action="store_true", help="replay the drafts the last run recorded (no model)")
    ap.add_argument("--env", action="append", default=[], metavar="FARO_X=VALUE")
    args = ap.parse_args()
    extra = dict(e.split("=", 1) for e in args.env)
    available, wanted = chosen_sets(args)
    print(
        f"settings: {' '.join(args.env) or 'defaults'}; {args.per_set} questions per set; "
        f"{'replayed drafts' if args.replay else 'the model answers'}"
    )
    for name in wanted:
        figures = run(name, available[name], Path(args.work) / args.tag / name, extra, args.per_set, args.replay)
        print(f"{name}: " + ", ".join(f"{key} {value}" for key, value in figures.items() if value is not None))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
