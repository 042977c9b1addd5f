"""Do the prompts fit the model's context? Real token counts of the prompts Faro builds, on every set.

    .venv/bin/python -m bench.bench_tokens                 # 100 questions per set
    .venv/bin/python -m bench.bench_tokens --per-set 300 --set h2o

For each question of a set (spread as bench/bench_answers.py spreads them), the passages the model
would read are gathered twice: as retrieval and planning give them, and fitted to the context
(rag/answer/budget.py). Both prompts are counted by the packaged Qwen2.5 model's own tokenizer,
through llama.cpp's /apply-template and /tokenize on its loopback listener, and compared with
Faro's estimate (rag/text/tokens.py). Figures per set: prompts over the context before and after
fitting, the largest prompt, how many questions lost or shortened a passage, and the estimate's
ratio to the real count. Needs the indexes bench/bench_passages.py builds (WORK/TAG/SET).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import urllib.request
from pathlib import Path

from bench.bench_answers import chosen_sets, set_arguments, spread
from rag.answer.budget import fit
from rag.answer.conflicts import plan
from rag.answer.injection import screen
from rag.answer.prompt import build_messages, detect_language
from rag.models.packaged_model import ensure_packaged_model
from rag.search.retrieve import relevant
from rag.services import build_services
from rag.settings import Settings
from rag.text.tokens import estimate_tokens


class Tokenizer:
    """The packaged model's tokenizer, through the listener llama.cpp opens on loopback."""

    def __init__(self, models_dir: Path):
        import xllamacpp

        from rag.models.embedded_llm import EmbeddedGenerator

        gen = EmbeddedGenerator(ensure_packaged_model(models_dir), context_tokens=512)
        params = gen._params(xllamacpp)
        self._key = params.api_keys[0]
        self._server = xllamacpp.Server(params)
        self._base = self._server.listening_address.rstrip("/")
        if not self._base.startswith("http"):
            self._base = "http://" + self._base

    def _post(self, path: str, body: dict) -> dict:
        req = urllib.request.Request(
            self._base + path,
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {self._key}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.load(resp)

    def prompt_tokens(self, messages: list[dict]) -> int:
        prompt = self._post("/apply-template", {"messages": messages})["prompt"]
        return len(self._post("/tokenize", {"content": prompt})["tokens"])


def measure(name: str, spec: dict, data_dir: Path, per_set: int, k: int, tok: Tokenizer) -> dict:
    settings = Settings(data_dir=data_dir, docs_dir=spec["docs"])
    services = build_services(settings)
    limit = settings.context_tokens
    before, after, ratios, trimmed, dropped = [], [], [], 0, 0
    for line in spread(spec["questions"], per_set):
        question = json.loads(line)["question"]
        hits = services.retriever.search(question, k)
        passages = relevant(screen(hits)[0], services.min_score)
        if not passages:
            continue
        language = detect_language(question)
        whole = plan(passages, question, hits)
        fitted = fit(whole, question, settings.context_tokens, settings.max_answer_tokens)
        for p, out in ((whole, before), (fitted, after)):
            messages = build_messages(question, p.current, language)
            real = tok.prompt_tokens(messages)
            out.append(real)
            if p is whole:
                ratios.append(sum(estimate_tokens(m["content"]) for m in messages) / real)
        dropped += len(fitted.current) < len(whole.current)
        trimmed += fitted.current != whole.current
    return {
        "prompts": len(before),
        "over_context_before": sum(t > limit for t in before),
        "over_context_after": sum(t > limit for t in after),
        "over_room_after": sum(t > limit - settings.max_answer_tokens for t in after),
        "largest_before": max(before, default=0),
        "largest_after": max(after, default=0),
        "median_tokens": int(statistics.median(before)) if before else 0,
        "fitted": trimmed,
        "lost_a_passage": dropped,
        "estimate_ratio_min": round(min(ratios, default=0), 2),
        "estimate_ratio_median": round(statistics.median(ratios), 2) if ratios else 0,
        "estimate_ratio_max": round(max(ratios, default=0), 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    set_arguments(ap, per_set=100)
    ap.add_argument("-k", type=int, default=5, help="passages asked for (faro eval's default 5; FARO_TOP_K is 4)")
    args = ap.parse_args()
    available, wanted = chosen_sets(args)
    tok = Tokenizer(Path(args.work) / args.tag / wanted[0] / "models")
    print(f"k {args.k}; context {Settings().context_tokens} tokens, {Settings().max_answer_tokens} kept for the answer")
    for name in wanted:
        data_dir = Path(args.work) / args.tag / name
        if not (data_dir / "manifest.sqlite3").is_file():
            print(f"{name}: no index in {data_dir} (run bench/bench_passages.py first)")
            continue
        figures = measure(name, available[name], data_dir, args.per_set, args.k, tok)
        print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
