"""Load on the page: N browser sessions asking at once, against a generator writing at a model's pace.

    .venv/bin/python -m bench.bench_page_load [--sessions 20] [--tokens-per-second 20] [--first-token 1.0]
    .venv/bin/python -m bench.bench_page_load --embedded --sessions 10   # one page, the packaged model

Indexes sample_corpus/ into a temporary data folder, starts `faro ui` (sign-in off, no access
file) answering from an OpenAI-compatible double (tests/http_doubles.py: SSE over real HTTP) that
waits --first-token seconds and then streams --tokens-per-second, and opens --sessions Chromium
pages (Playwright, Debian's /usr/bin/chromium) that each ask a different sample question at the
same moment. For each session it times, from pressing Enter: the passages found on screen, and
the finished answer (the input usable again). Prints p50/p95/max of both and the errors.
With --embedded, the packaged model answers instead, and one page asks --sessions questions one
after another (the model writes one answer at a time).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# tests/ is neither a package nor installed: its helpers are imported the way pytest imports them
# (pyproject.toml: pythonpath = [".", "tests"]), with tests/ on the path.
sys.path.insert(0, str(ROOT / "tests"))

from http_doubles import OpenAIDouble  # noqa: E402
from ui_process import faro_ui  # noqa: E402

FARO = ROOT / ".venv" / "bin" / "faro"
CHROMIUM = "/usr/bin/chromium"
FOUND = re.compile(r"^(Reading \d+ passages?|Leyendo \d+ pasajes?)$")
# About 80 words: four seconds of writing at 20 tokens a second.
ANSWER = (
    "According to the policy, the rule applies to every employee covered by it [1]. "
    "The details, the limits and the exceptions are set out in the passage cited, which also says "
    "who approves a request and how long the approval takes [1]. Where two passages differ, the "
    "current version of the policy applies and the older one is noted below the answer [2]. "
    "Ask your manager or HR if your case is not covered by what the documents say [1]."
)


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def one_session(browser, url: str, question: str, start_at: float) -> dict:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(180_000)
    out: dict = {"question": question}
    try:
        await page.goto(url)
        box = page.get_by_placeholder("Ask a question about company policy")
        await box.wait_for()
        await box.fill(question)
        await asyncio.sleep(max(0.0, start_at - time.monotonic()))  # every session asks at once
        t0 = time.perf_counter()
        await box.press("Enter")
        found = page.get_by_text(FOUND)
        done = page.locator("[data-testid='stChatMessage']").nth(1)
        # A question with no relevant passage is declined without the model: no "Reading" then.
        await asyncio.wait(
            [asyncio.ensure_future(found.wait_for()), asyncio.ensure_future(done.wait_for())],
            return_when=asyncio.FIRST_COMPLETED,
        )
        out["sources_s"] = time.perf_counter() - t0
        await page.wait_for_function(
            "() => { const t = document.querySelector('textarea'); return t && !t.disabled && "
            "document.querySelectorAll(\"[data-testid='stChatMessage']\").length >= 2 }"
        )
        out["answer_s"] = time.perf_counter() - t0
        text = await page.locator("[data-testid='stChatMessage']").nth(1).inner_text()
        out["declined"] = "did not find" in text or "does not cover" in text or "no lo encontró" in text
        out["exception"] = await page.locator("[data-testid='stException']").count() > 0
    except Exception as exc:  # a session that fails is a figure, not the end of the run
        out["error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
    finally:
        await context.close()
    return out


async def run_sessions(url: str, questions: list[str], one_by_one: bool) -> list[dict]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        if one_by_one:
            results = [await one_session(browser, url, q, time.monotonic()) for q in questions]
        else:
            start_at = time.monotonic() + 8.0 + 0.4 * len(questions)  # every page loaded by then
            results = await asyncio.gather(*(one_session(browser, url, q, start_at) for q in questions))
        await browser.close()
    return list(results)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--tokens-per-second", type=float, default=20.0)
    ap.add_argument("--first-token", type=float, default=1.0, help="seconds the double waits before writing")
    ap.add_argument("--embedded", action="store_true", help="the packaged model answers; questions one after another")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    lines = (ROOT / "sample_corpus" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(ln) for ln in lines if ln.strip()]
    questions = [r["question"] for r in rows if r.get("answerable")][: args.sessions]

    work = Path(tempfile.mkdtemp(prefix="faro-load-"))
    double = OpenAIDouble(default_answer=ANSWER).__enter__()
    double.first_piece_after, double.pieces_per_second = args.first_token, args.tokens_per_second
    env = {k: v for k, v in os.environ.items() if not k.startswith("FARO_")}
    env.update(
        FARO_DATA_DIR=str(work / "data"),
        FARO_DOCS_DIR=str(ROOT / "sample_corpus"),
        FARO_AUTH="off",
        FARO_GENERATOR="embedded" if args.embedded else "openai",
        FARO_OPENAI_BASE_URL=double.base_url,
        FARO_OPENAI_MODEL="local-model",
        HF_HUB_OFFLINE="1",
    )
    t = time.perf_counter()
    subprocess.run([str(FARO), "ingest", str(ROOT / "sample_corpus")], env=env, check=True, capture_output=True)
    print(f"indexed the sample corpus in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    try:
        with faro_ui(env, work / "ui.log") as url:
            t = time.perf_counter()
            results = asyncio.run(run_sessions(url, questions, args.embedded))
            wall = time.perf_counter() - t
    finally:
        double.__exit__(None, None, None)

    ok = [r for r in results if "error" not in r]
    sources = [r["sources_s"] for r in ok]
    answers = [r["answer_s"] for r in ok]
    figures = {
        "sessions": len(results),
        "errors": len(results) - len(ok),
        "error_examples": [r["error"] for r in results if "error" in r][:3],
        "page_exceptions": sum(1 for r in ok if r.get("exception")),
        "declined": sum(1 for r in ok if r.get("declined")),
        "sources_s": {
            "p50": percentile(sources, 0.5),
            "p95": percentile(sources, 0.95),
            "max": max(sources, default=None),
        },
        "answer_s": {
            "p50": percentile(answers, 0.5),
            "p95": percentile(answers, 0.95),
            "max": max(answers, default=None),
        },
        "generator": "embedded"
        if args.embedded
        else {
            "first_token_s": args.first_token,
            "tokens_per_second": args.tokens_per_second,
            "answer_words": len(ANSWER.split()),
        },
        "chat_requests": len(double.requests),
        "wall_s": wall,
        "cpus": os.cpu_count(),
        "load_avg": os.getloadavg()[0],
    }

    def f(x):
        return "-" if x is None else f"{x:.2f}"

    print(f"command: {' '.join([Path(sys.argv[0]).name] + sys.argv[1:])}")
    print(f"machine: {figures['cpus']} CPUs, load average {figures['load_avg']:.1f} at the end")
    print(
        f"sessions: {figures['sessions']} "
        f"{'asking one after another (embedded model)' if args.embedded else 'asking at once'}; "
        f"errors {figures['errors']}; page exceptions {figures['page_exceptions']}; declined {figures['declined']}; "
        f"chat requests to the double {figures['chat_requests']}"
    )
    print(
        f"passages on screen after asking: p50 {f(figures['sources_s']['p50'])} s, "
        f"p95 {f(figures['sources_s']['p95'])} s, max {f(figures['sources_s']['max'])} s"
    )
    print(
        f"answer finished after asking: p50 {f(figures['answer_s']['p50'])} s, p95 {f(figures['answer_s']['p95'])} s, "
        f"max {f(figures['answer_s']['max'])} s"
        + ("" if args.embedded else f" (the double: {args.first_token} s, then {args.tokens_per_second} tokens/s)")
    )
    if figures["error_examples"]:
        print("errors: " + " | ".join(figures["error_examples"]))
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "sessions": results}, indent=2), encoding="utf-8")
    return 0 if not figures["errors"] and not figures["page_exceptions"] else 1


if __name__ == "__main__":
    sys.exit(main())
