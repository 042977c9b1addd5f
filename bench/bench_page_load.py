"""Load on the page: N browser sessions asking at once, against a generator writing at a model's pace.

    .venv/bin/python -m bench.bench_page_load [--sessions 20] [--tokens-per-second 20] [--first-token 1.0]
    .venv/bin/python -m bench.bench_page_load --embedded --sessions 10   # one page, the packaged model

Indexes sample_corpus/ into a temporary data folder, starts `faro ui` (sign-in off, no access
file) answering from an OpenAI-compatible double (tests/http_doubles.py: SSE over real HTTP) that
waits --first-token seconds and then streams --tokens-per-second, and opens --sessions Chromium
pages (Playwright, Debian's /usr/bin/chromium) that, once every page has loaded, each ask a
different sample question at the same moment. For each session it times, from pressing Enter:
the passages found on screen and the finished answer (the input usable again); and the passages'
way there: the message carrying them as Chromium's network saw it, and the server's own time
from the line `faro ui` logs for each question. Prints p50/p95/max of each, and the errors.
With --embedded, the packaged model answers instead, and one page asks --sessions questions one
after another (the model writes one answer at a time).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# tests/ is neither a package nor installed: its helpers are imported the way pytest imports them
# (pyproject.toml: pythonpath = [".", "tests"]), with tests/ on the path.
sys.path.insert(0, str(ROOT / "tests"))

from http_doubles import OpenAIDouble  # noqa: E402
from ui_process import faro_ui  # noqa: E402

FARO = ROOT / ".venv" / "bin" / "faro"
CHROMIUM = "/usr/bin/chromium"
FOUND = re.compile(r"^(Reading \d+ passages?|Leyendo \d+ pasajes?)$")
# A question with no relevant passage is declined at once, without the model: no "Reading" then.
NOT_COVERED = re.compile(r"does not cover this question|no cubre esta pregunta")
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


def spread(values: list[float]) -> dict:
    """p50, p95, max and how many."""
    return {
        "p50": percentile(values, 0.5),
        "p95": percentile(values, 0.95),
        "max": max(values, default=None),
        "count": len(values),
    }


def said(figure: dict) -> str:
    def f(x):
        return "-" if x is None else f"{x:.2f}"

    return f"p50 {f(figure['p50'])} s, p95 {f(figure['p95'])} s, max {f(figure['max'])} s"


class Arrival:
    """Server time as the browser saw it, from Chromium's own network events (DevTools protocol):
    from the websocket message asking the question to the one carrying the passages, before the
    page renders them."""

    MARKS = (b"Reading ", b"Leyendo ")

    def __init__(self):
        self.armed, self.sent, self.received = False, None, None

    def arm(self) -> None:
        self.armed, self.sent, self.received = True, None, None

    def frame_sent(self, event: dict) -> None:
        if self.armed and self.sent is None:
            self.sent = event["timestamp"]

    def frame_received(self, event: dict) -> None:
        response = event["response"]
        data = response["payloadData"]
        payload = base64.b64decode(data) if response.get("opcode") == 2 else data.encode()
        if self.armed and self.received is None and any(m in payload for m in self.MARKS):
            self.received = event["timestamp"]

    @property
    def seconds(self) -> float | None:
        return None if self.sent is None or self.received is None else self.received - self.sent


@dataclass
class Session:
    """One browser context on the page, the question typed and not yet sent."""

    context: Any
    page: Any
    box: Any  # the question box
    arrival: Arrival


async def open_page(browser, url: str, question: str) -> Session:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(120_000)
    arrival = Arrival()
    devtools = await context.new_cdp_session(page)
    await devtools.send("Network.enable")
    devtools.on("Network.webSocketFrameSent", arrival.frame_sent)
    devtools.on("Network.webSocketFrameReceived", arrival.frame_received)
    await page.goto(url)
    box = page.get_by_placeholder("Ask a question about company policy")
    await box.wait_for()
    await box.fill(question)
    return Session(context, page, box, arrival)


async def ask(session: Session, question: str, shots: Path) -> dict:
    page, box, arrival = session.page, session.box, session.arrival
    out: dict = {"question": question}
    try:
        arrival.arm()
        t0 = time.perf_counter()
        await box.press("Enter")
        await page.get_by_text(FOUND).or_(page.get_by_text(NOT_COVERED)).first.wait_for()
        out["sources_s"] = time.perf_counter() - t0
        for _ in range(100):  # the network event may reach us after the page has drawn the passages
            if arrival.seconds is not None:
                break
            await asyncio.sleep(0.02)
        if arrival.seconds is not None:
            out["sources_arrived_s"] = arrival.seconds
        # Finished: the input usable again, with the answer below the question or an error shown.
        await page.wait_for_function(
            "() => { const t = document.querySelector('textarea'); return t && !t.disabled && "
            "(document.querySelectorAll(\"[data-testid='stChatMessage']\").length >= 2 || "
            "document.querySelector(\"[data-testid='stAlertContentError']\")) }"
        )
        out["answer_s"] = time.perf_counter() - t0
        shown_error = page.locator("[data-testid='stAlertContentError']")
        if await shown_error.count():
            raise RuntimeError("the page showed an error: " + (await shown_error.first.inner_text())[:300])
        text = await page.locator("[data-testid='stChatMessage']").nth(1).inner_text()
        declines = ("does not cover", "does not clearly answer", "no cubre", "no responde")
        out["declined"] = any(m in text for m in declines)
        out["exception"] = await page.locator("[data-testid='stException']").count() > 0
    except Exception as exc:  # a session that fails is a figure, not the end of the run
        out["error"] = f"{type(exc).__name__}: {str(exc)[:300]}"
        shot = shots / f"session-{abs(hash(question)) % 10**6}.png"
        try:
            await page.screenshot(path=str(shot), full_page=True)
            out["screenshot"] = str(shot)
        except Exception:  # the page itself may be gone
            pass
    return out


async def run_sessions(url: str, questions: list[str], one_by_one: bool, shots: Path) -> tuple[list[dict], float]:
    """The sessions' figures, and the seconds it took to load every page first."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        t = time.perf_counter()
        if one_by_one:
            opened = [await open_page(browser, url, questions[0])]
            loaded = time.perf_counter() - t
            results = []
            for q in questions:
                await opened[0].box.fill(q)
                results.append(await ask(opened[0], q, shots))
        else:
            # Every page loaded before anyone asks: 20 pages loading take the two cores for half a
            # minute, and a question asked meanwhile would time the browser, not Faro.
            opened = await asyncio.gather(*(open_page(browser, url, q) for q in questions))
            loaded = time.perf_counter() - t
            print(f"{len(opened)} pages loaded in {loaded:.1f} s; asking in 2 s", file=sys.stderr, flush=True)
            await asyncio.sleep(2.0)  # the pages settle
            results = await asyncio.gather(*(ask(session, q, shots) for session, q in zip(opened, questions)))
        for session in opened:
            await session.context.close()
        await browser.close()
    return list(results), loaded


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--tokens-per-second", type=float, default=20.0)
    ap.add_argument("--first-token", type=float, default=1.0, help="seconds the double waits before writing")
    ap.add_argument("--embedded", action="store_true", help="the packaged model answers; questions one after another")
    ap.add_argument(
        "--split-cores",
        action="store_true",
        help="the server on the first core, the browsers (and this script) on the others: the server "
        "gets a core of its own, as it does when people's browsers run on their own machines",
    )
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
    cores = sorted(os.sched_getaffinity(0))
    if args.split_cores:
        if len(cores) < 2:
            sys.exit("--split-cores needs two cores")
        os.sched_setaffinity(0, cores[:1])  # faro ui and its Streamlit child inherit this
    try:
        with faro_ui(env, work / "ui.log") as url:
            if args.split_cores:
                os.sched_setaffinity(0, cores[1:])  # Playwright's driver and Chromium inherit this
            t = time.perf_counter()
            results, loaded = asyncio.run(run_sessions(url, questions, args.embedded, work))
            wall = time.perf_counter() - t
    finally:
        double.__exit__(None, None, None)

    # The server's own clock (app/streamlit_app.py logs it for each question): from the script run
    # the question started to the passages handed to the browser.
    server_shown = [
        float(m.group(1)) for m in re.finditer(r"passages shown after ([\d.]+) s", (work / "ui.log").read_text())
    ]
    ok = [r for r in results if "error" not in r]
    figures = {
        "sessions": len(results),
        "errors": len(results) - len(ok),
        "error_examples": [r["error"] for r in results if "error" in r][:3],
        "page_exceptions": sum(1 for r in ok if r.get("exception")),
        "declined": sum(1 for r in ok if r.get("declined")),
        "sources_s": spread([r["sources_s"] for r in ok]),
        "sources_arrived_s": spread([r["sources_arrived_s"] for r in ok if "sources_arrived_s" in r]),
        "server_passages_shown_s": spread(server_shown),
        "answer_s": spread([r["answer_s"] for r in ok]),
        "generator": "embedded"
        if args.embedded
        else {
            "first_token_s": args.first_token,
            "tokens_per_second": args.tokens_per_second,
            "answer_words": len(ANSWER.split()),
        },
        "chat_requests": len(double.requests),
        "pages_loaded_s": loaded,
        "split_cores": args.split_cores,
        "wall_s": wall,
        "cpus": os.cpu_count(),
        "load_avg": os.getloadavg()[0],
    }

    print(f"command: {' '.join([Path(sys.argv[0]).name] + sys.argv[1:])}")
    print(f"machine: {figures['cpus']} CPUs, load average {figures['load_avg']:.1f} at the end")
    print(
        f"sessions: {figures['sessions']} "
        f"{'asking one after another (embedded model)' if args.embedded else 'asking at once'}; "
        f"errors {figures['errors']}; page exceptions {figures['page_exceptions']}; declined {figures['declined']}; "
        f"chat requests to the double {figures['chat_requests']}"
    )
    print(
        f"pages loaded in {loaded:.1f} s, before anyone asked"
        + ("; the server on one core, the browsers on the other" if args.split_cores else "")
    )
    arrived, shown = figures["sources_arrived_s"], figures["server_passages_shown_s"]
    print(f"passages on screen after asking: {said(figures['sources_s'])}")
    print(
        "passages reached the browser (question sent to passages received, Chromium's network clock): "
        f"{said(arrived)} ({arrived['count']} sessions)"
    )
    print(
        "passages shown by the server (its log: from the question's script run to the passages sent): "
        f"{said(shown)} ({shown['count']} questions)"
    )
    print(
        f"answer finished after asking: {said(figures['answer_s'])}"
        + ("" if args.embedded else f" (the double: {args.first_token} s, then {args.tokens_per_second} tokens/s)")
    )
    if figures["error_examples"]:
        print("errors: " + " | ".join(figures["error_examples"]))
        print(f"screenshots of the failed sessions and the server's log: {work}")
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "sessions": results}, indent=2), encoding="utf-8")
    return 0 if not figures["errors"] and not figures["page_exceptions"] else 1


if __name__ == "__main__":
    sys.exit(main())
