"""`faro` as a user runs it: a real process, real files, JSON on stdout, errors on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE

FARO = Path(sys.executable).parent / "faro"

pytestmark = pytest.mark.slow  # every test runs `faro` processes on an index built by one


def run(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(FARO), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """An indexed sample corpus and the environment that points `faro` at it."""
    cwd = tmp_path_factory.mktemp("cli")
    env = dict(
        os.environ,
        FARO_DATA_DIR=str(cwd / "data"),
        FARO_DOCS_DIR=str(SAMPLE),
        FARO_GENERATOR="ollama",
        OLLAMA_HOST="http://127.0.0.1:9",
    )
    env.pop("FARO_EMBED_MODEL")  # what a user runs: the default embedding model (conftest sets MiniLM)
    done = run("ingest", str(SAMPLE), "--json", env=env, cwd=cwd)
    assert done.returncode == 0, done.stderr
    return cwd, env, json.loads(done.stdout)


def test_ingest_prints_a_summary_per_file(workdir):
    cwd, env, summary = workdir
    assert summary["added"] >= 14 and summary["failed"] == 0 and summary["chunks"] > 50
    sources = {f["source"] for f in summary["files"]}
    assert "hr/leave-policy-2025.pdf" in sources and "README.md" not in sources  # .faroignore honoured
    again = run("ingest", str(SAMPLE), env=env, cwd=cwd)
    assert again.returncode == 0
    assert f"0 added, 0 updated, {summary['added']} unchanged, 0 failed" in again.stdout


def test_search_json_lines_contract(workdir):
    cwd, env, _ = workdir
    done = run("search", "How many vacation days can I carry over to next year?", "--json", "-k", "3", env=env, cwd=cwd)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(ln) for ln in done.stdout.splitlines()]
    assert [r["rank"] for r in rows] == [1, 2, 3]
    assert set(rows[0]) == {
        "rank",
        "score",
        "source",
        "page",
        "page_end",
        "section",
        "chunk_id",
        "text",
        "exact",
        "dense_rank",
        "keyword_rank",
        "duplicates",
        "superseded_by",
        "language",
        "location",
    }
    assert all(r["dense_rank"] or r["keyword_rank"] for r in rows)
    assert any(r["source"] == "hr/leave-policy-2025.pdf" and r["page"] == 2 for r in rows)


def test_search_queries_file_answers_one_object_per_question(workdir, tmp_path):
    cwd, env, _ = workdir
    qfile = tmp_path / "q.txt"
    qfile.write_text("What is form FIN-220?\n\n¿Cuántos días de teletrabajo tengo?\n", encoding="utf-8")
    done = run("search", "--queries", str(qfile), "--json", "-k", "2", env=env, cwd=cwd)
    assert done.returncode == 0, done.stderr
    objs = [json.loads(ln) for ln in done.stdout.splitlines()]
    assert [o["query"] for o in objs] == ["What is form FIN-220?", "¿Cuántos días de teletrabajo tengo?"]
    assert all(len(o["results"]) == 2 for o in objs)


def test_ask_json_contract(workdir, ollama_double):
    cwd, env, _ = workdir
    ollama_double.reply("Up to 8 unused vacation days [1], used by 30 April [1].")
    done = run(
        "ask",
        "How many vacation days can I carry over to next year?",
        "--json",
        env=dict(env, OLLAMA_HOST=ollama_double.url),
        cwd=cwd,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert {
        "question",
        "rewritten_question",
        "answer",
        "abstained",
        "abstained_by",
        "unsupported_sentences",
        "citations",
        "timings",
    } <= set(out)
    assert out["answer"].startswith("Up to 8 unused vacation days [1], used by 30 April [1].")
    assert out["abstained"] is False and out["unsupported_sentences"] == []
    assert out["citations"][0]["marker"] == 1 and out["citations"][0]["verified"] is True
    assert {"marker", "verified", "highlights", "note", "source", "page", "section", "text"} <= set(out["citations"][0])
    assert out["timings"]["total"] > 0


def test_ask_prints_the_checked_answer_and_what_it_could_not_verify(workdir, ollama_double):
    cwd, env, _ = workdir
    ollama_double.reply("Up to 8 unused vacation days [1]. Staff also get a free gym pass [1].")
    done = run(
        "ask",
        "How many vacation days can I carry over to next year?",
        env=dict(env, OLLAMA_HOST=ollama_double.url),
        cwd=cwd,
    )
    assert done.returncode == 0, done.stderr
    # Only the checked sentence is printed as the answer; the other is listed as left out.
    assert done.stdout.startswith("Up to 8 unused vacation days [1].\n")
    assert done.stdout.count("gym pass") == 1
    assert "left out, not found in the documents: Staff also get a free gym pass." in done.stdout


def test_errors_go_to_stderr_with_a_non_zero_exit(workdir):
    cwd, env, _ = workdir
    missing = run("ingest", str(cwd / "no-such-folder"), env=env, cwd=cwd)
    assert missing.returncode != 0 and missing.stdout == ""
    assert "no such file or folder" in missing.stderr
    # Ollama not running: the error names the host and says what to do, with no traceback.
    down = run("ask", "How many vacation days can I carry over to next year?", env=env, cwd=cwd)
    assert down.returncode != 0
    assert "127.0.0.1:9" in down.stderr and "ollama" in down.stderr.lower()
    assert "Traceback" not in down.stderr


def test_bad_settings_and_arguments_are_one_line_not_a_traceback(workdir, tmp_path):
    cwd, env, _ = workdir
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x", encoding="utf-8")
    for name, value, says in [
        ("FARO_TOP_K", "abc", "valid integer"),
        ("FARO_DATA_DIR", str(a_file), "not a folder"),
        ("FARO_AUTH", "ldap", "FARO_AUTH"),
    ]:
        done = run("status", env={**env, name: value}, cwd=cwd)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr  # a failure, not a usage error
        assert len(done.stderr.strip().splitlines()) == 1 and name in done.stderr and says in done.stderr
    for args, says in [
        (("search", "holiday", "-k", "-5"), "must be 1 or more"),
        (("ask", "-k", "0", "hi"), "must be 1 or more"),
        (("ask", "   "), "question is empty"),
        (("search", "x" * 20001), "20,001 characters"),
    ]:
        done = run(*args, env=env, cwd=cwd)
        # 2: a command line Faro cannot act on (argparse's code for its own errors too)
        assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr, (args, done.stderr)
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps({"question": "How many vacation days?", "expected_sources": "hr/leave.pdf"}) + "\n", encoding="utf-8"
    )
    done = run("eval", str(questions), env=env, cwd=cwd)
    assert done.returncode == 1 and "expected_sources must be a list" in done.stderr


def test_doctor_says_what_is_missing(workdir):
    cwd, env, _ = workdir
    done = run("doctor", env=env, cwd=cwd)
    assert done.returncode == 1  # the generator is essential and Ollama is not running
    assert "[ok  ] index" in done.stdout and "[ok  ] embedding model" in done.stdout
    assert "packaged:multilingual-e5-small" in done.stdout  # the default, which built this index
    assert "[FAIL] generator" in done.stdout and "ollama serve" in done.stdout
    # Sign-in is on by default, and nobody can use it yet: a warning that says how to add someone.
    assert "[warn] access" in done.stdout and "faro users add NAME --groups faro-admins" in done.stdout


def test_stopping_faro_ui_stops_the_page_it_serves(workdir):
    import signal
    import socket
    import time
    import urllib.request

    cwd, env, _ = workdir
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    ui = subprocess.Popen(
        [str(FARO), "ui", "--port", str(port), "--address", "127.0.0.1"],
        env={**env, "FARO_AUTH": "off"},
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def serving() -> bool:
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).status == 200
        except OSError:
            return False

    try:
        deadline = time.monotonic() + 120
        while not serving():
            assert time.monotonic() < deadline and ui.poll() is None, "faro ui did not start"
            time.sleep(0.5)
        ui.send_signal(signal.SIGTERM)
        ui.wait(timeout=15)
        time.sleep(1)
        assert not serving(), "the Streamlit child still serves the port"
    finally:
        if ui.poll() is None:
            ui.kill()
