"""A real OpenAI-compatible server: llama.cpp's own HTTP server with the packaged model, on loopback.

The fast tests speak to wire-protocol doubles; this one answers a question end to end through
`FARO_GENERATOR=openai`'s client against the server llama.cpp ships (in the xllamacpp wheel),
run in its own process as an operator would run it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import httpx
import pytest

from conftest import engine_installed, with_generator
from rag.answer.stream import AnswerStream
from rag.models.generator import OpenAICompatibleGenerator

SERVER = textwrap.dedent(
    """
    import socket, sys, time
    import xllamacpp
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    p = xllamacpp.CommonParams()
    p.model.path = sys.argv[1]
    p.n_ctx = 4096
    p.n_predict = 160
    p.cpuparams.n_threads = 2
    p.hostnames = ["127.0.0.1"]
    p.port = port
    server = xllamacpp.Server(p)
    print(server.listening_address, flush=True)
    while True:
        time.sleep(1)
    """
)


@pytest.fixture(scope="module")
def llama_server(packaged_model):
    if not engine_installed():
        pytest.skip("xllamacpp is not installed (pip install xllamacpp)")
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(packaged_model[0])],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), url
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/v1/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.slow
def test_an_answer_through_llama_cpp_s_own_openai_compatible_server(indexed, llama_server):
    [model] = [m["id"] for m in httpx.get(f"{llama_server}/v1/models", timeout=10).json()["data"]]
    gen = OpenAICompatibleGenerator(
        f"{llama_server}/v1", model, "not-needed", temperature=0.0, context_tokens=4096, max_tokens=160, timeout=600
    )
    gen.check()  # the server's /v1/models lists the model asked for
    s = with_generator(indexed, gen)
    stream = AnswerStream("How many unused vacation days can I carry over into the next year?", s)
    given = "".join(stream)
    answer = stream.answer
    assert answer.generator == f"openai-compatible {model} at {llama_server}/v1"
    assert answer.draft, "the server wrote nothing"
    assert given == stream.shown
    if answer.abstained:  # declined: only the documents' own sentences, quoted and marked
        assert "not an answer" in answer.text and all(c.note for c in answer.citations)
    else:  # answered: every sentence shown is checked, and the rule is the 2025 policy's 8 days
        assert "8" in answer.text.split("\n\n")[0]
        assert any(c.verified and c.chunk.source == "hr/leave-policy-2025.pdf" for c in answer.citations)
