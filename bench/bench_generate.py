"""Benchmark the embedded generator on a fixed, realistic RAG prompt.

    python -m bench.bench_generate                 # the packaged Qwen2.5-Coder-1.5B (assembled into data/models)
    python -m bench.bench_generate --model x.gguf  # any local GGUF file

Prints plain figures: model load time, then for each run the time to first token, prompt and
generation speed (llama.cpp's own timings), tokens reused from the prompt cache, and total time;
then the process's resident memory. Run 1 starts with an empty cache; later runs ask other
questions over other passages behind the same system prompt, as Faro does, so they show what
llama.cpp's prompt-prefix cache saves.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rag.answer.prompt import build_messages, detect_language
from rag.models.embedded_llm import EmbeddedGenerator
from rag.models.packaged_model import ensure_packaged_model
from rag.types import Chunk, Hit

# Fixed passages; the prompt around them is Faro's own (rag/answer/prompt.py), so the figures follow its changes.

PASSAGES = [
    (
        "Employee Handbook 2024, page 12, Leave > Vacation carry-over",
        "Full-time employees accrue 22 working days of paid vacation per calendar year, credited monthly "
        "at a rate of 1.83 days. Part-time employees accrue vacation in proportion to their contracted hours. "
        "At the end of the calendar year, employees may carry over up to 8 unused vacation days into the "
        "following year. Carried-over days must be taken before 31 March; any carried-over days not taken "
        "by that date are forfeited and are not paid out. Days above the carry-over limit are forfeited on "
        "31 December unless the employee's manager and Human Resources have approved an exception in writing "
        "because business needs prevented the employee from taking leave. Requests for an exception must be "
        "submitted through the HR portal before 1 December.",
    ),
    (
        "Employee Handbook 2024, page 13, Leave > Requesting leave",
        "Vacation requests are submitted in the HR portal at least ten working days before the first day of "
        "leave. Requests for more than ten consecutive working days must be submitted at least one month in "
        "advance. Managers approve or decline requests within five working days; a request that receives no "
        "answer within that period is not approved automatically and the employee should contact Human "
        "Resources. During the annual closure between 24 December and 1 January, three vacation days are "
        "deducted automatically from every employee's balance. Employees who have not accrued enough days "
        "for the closure may take unpaid leave for the difference, or agree with their manager to work remotely "
        "on those days if their role allows it.",
    ),
    (
        "Remote Work Policy v3, section 4, Equipment and expenses",
        "Employees approved for remote work receive a laptop, a monitor and a headset from the IT department. "
        "Further equipment such as a chair or a desk may be requested once every three years, up to a total of "
        "400 euros, with prior approval from the employee's manager. Internet and electricity costs are "
        "compensated with a fixed monthly allowance of 30 euros, paid with the salary for every month in which "
        "the employee works at least eight days remotely. Equipment remains company property and must be "
        "returned within ten working days when the employment ends. Loss or damage must be reported to the IT "
        "service desk within 24 hours. Employees are responsible for a safe and ergonomic home workplace.",
    ),
    (
        "Travel and Expenses Policy 2023, page 4, Meals and per diem",
        "When travelling on company business for more than eight hours, employees receive a per diem for meals "
        "of 28 euros within the country and the applicable government rate abroad. If a meal is provided by "
        "the company, a customer or a conference, the per diem is reduced by 20 percent for breakfast and by "
        "40 percent each for lunch and dinner. Alcohol is never reimbursed. Receipts are not required for the "
        "per diem itself, but hotel, train and flight costs require original receipts uploaded to the expense "
        "tool within 30 days of the end of the trip. Claims submitted later than 90 days after the trip are "
        "rejected. Business class travel requires approval by a member of the executive board.",
    ),
]

QUESTIONS = [
    "How many unused vacation days can I carry over into next year, and until when must I take them?",
    "¿Cuánto me pagan al mes por internet si trabajo desde casa?",
    "What is the per diem for a business trip abroad?",
]


def faro_messages(question: str, passages: list[tuple[str, str]]) -> list[dict]:
    """Faro's own prompt (rag/answer/prompt.py) over these passages, as `faro ask` would send it."""
    hits = [
        Hit(Chunk(chunk_id=str(i), source="bench.pdf", title=title, text=text, position=i, doc_hash="-"), 1.0, i + 1)
        for i, (title, text) in enumerate(passages)
    ]
    return build_messages(question, hits, detect_language(question))


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process in MB, from /proc (Linux)."""
    fields = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    except OSError:
        return (float("nan"), float("nan"))
    return fields.get("VmRSS", float("nan")), fields.get("VmHWM", float("nan"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, help="a GGUF file; default: the packaged model, assembled into --models-dir")
    ap.add_argument("--models-dir", type=Path, default=Path("data/models"))
    ap.add_argument("--threads", type=int, default=0, help="0 = all cores")
    ap.add_argument("--context-tokens", type=int, default=4096)
    ap.add_argument("--max-tokens", type=int, default=200)
    ap.add_argument("--temperature", type=float, default=0.1)
    ap.add_argument("--runs", type=int, default=3, help="questions asked, each over the passages rotated")
    ap.add_argument("--show-answers", action="store_true")
    args = ap.parse_args()

    if args.model is None:
        t0 = time.perf_counter()
        args.model = ensure_packaged_model(args.models_dir)
        print(f"model file ready: {args.model} ({time.perf_counter() - t0:.2f} s)")

    gen = EmbeddedGenerator(
        args.model,
        threads=args.threads,
        context_tokens=args.context_tokens,
        max_tokens=args.max_tokens,
        temperature=args.temperature,
    )
    print(f"generator: {gen.name}, threads {gen.threads}, context {gen.context_tokens}, max_tokens {gen.max_tokens}")
    t0 = time.perf_counter()
    gen.load()
    print(f"load: {time.perf_counter() - t0:.2f} s")

    for run in range(args.runs):
        question = QUESTIONS[run % len(QUESTIONS)]
        shift = run % len(PASSAGES)
        passages = PASSAGES[shift:] + PASSAGES[:shift]
        messages = faro_messages(question, passages)
        started = time.perf_counter()
        first = None
        pieces = []
        for piece in gen.stream(messages):
            if first is None:
                first = time.perf_counter() - started
            pieces.append(piece)
        total = time.perf_counter() - started
        t = gen.last_timings
        prompt_tokens = t.get("prompt_n", 0) + t.get("cache_n", 0)
        gen_tokens = t.get("predicted_n", 0)
        print(
            f"run {run + 1}: prompt {prompt_tokens} tokens ({t.get('cache_n', 0)} from cache), "
            f"time to first token {first if first is not None else float('nan'):.2f} s, "
            f"prompt {t.get('prompt_per_second', float('nan')):.1f} tok/s, "
            f"generated {gen_tokens} tokens at {t.get('predicted_per_second', float('nan')):.1f} tok/s, "
            f"total {total:.2f} s"
        )
        if args.show_answers:
            print("  Q:", question)
            print("  A:", "".join(pieces).strip().replace("\n", "\n     "))

    current, peak = rss_mb()
    print(f"memory: RSS {current:.0f} MB, peak {peak:.0f} MB")
    gen.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
