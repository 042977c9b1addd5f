"""Real HTTP servers on 127.0.0.1 that speak Ollama's and the OpenAI chat wire protocols.

Tests point the real client stacks at them (llama-index -> ollama -> httpx, llama-index -> openai ->
httpx), so everything from our adapter down to the socket runs for real; only the model is canned.
Like llm's MockModel, a double replays queued text and records what it was asked:

    with OllamaDouble() as ollama:
        ollama.reply("Staff get 25 days of leave [1].")
        generator = OllamaGenerator(ollama.url, "qwen2.5:3b", ...)
        assert "".join(generator.stream(messages)) == "Staff get 25 days of leave [1]."
        assert ollama.requests[0]["messages"][0]["role"] == "system"

Each double runs a ThreadingHTTPServer in a daemon thread on a free port for the life of the `with`.
"""

from __future__ import annotations

import hashlib
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

DEFAULT_ANSWER = "The double has no queued reply, so it says this."
HANG_UP = 0  # a "status" for fail_next: close the connection without answering, as a busy server may


def closed_port_url() -> str:
    """A loopback URL on which nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def pieces(text: str) -> list[str]:
    """Word-sized pieces that join back to exactly `text`, the way a model streams tokens."""
    return re.findall(r"\S+\s*|\s+", text)


def limited(parts: list[str], limit: int | None) -> tuple[list[str], str]:
    """The pieces a server streams under a token limit, and why it stopped: "length" when the
    limit cut the answer (Ollama's done_reason, OpenAI's finish_reason), else "stop"."""
    if limit is not None and 0 < limit < len(parts):
        return parts[:limit], "length"
    return parts, "stop"


@dataclass
class Call:
    """One request a double received."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict | None  # the parsed JSON body; None when there was none


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes | Iterable[bytes]  # an iterable is sent chunk by chunk, flushed as it goes


def json_response(obj, status: int = 200) -> Response:
    return Response(status, "application/json; charset=utf-8", json.dumps(obj).encode())


def _now() -> str:
    return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")


def _words(messages: list[dict]) -> int:
    return sum(len(str(m.get("content", "")).split()) for m in messages)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive and chunked streaming, as the real servers do
    double: _HTTPDouble  # set on the per-server subclass

    def do_GET(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError as exc:
            return self._send(json_response({"error": f"invalid JSON body: {exc}"}, 400))
        path = urlsplit(self.path).path
        self._send(self.double._dispatch(Call(self.command, path, dict(self.headers), body)))

    do_POST = do_DELETE = do_GET

    def handle_one_request(self) -> None:
        # A client that stops reading early (the follow-up rewrite closes its stream after one
        # line) resets the kept-alive connection: that ends it, it is not a server error.
        try:
            super().handle_one_request()
        except ConnectionResetError:
            self.close_connection = True

    def _send(self, resp: Response) -> None:
        if resp.status == HANG_UP:
            self.close_connection = True
            return
        try:
            self.send_response(resp.status)
            self.send_header("Content-Type", resp.content_type)
            if isinstance(resp.body, bytes):
                self.send_header("Content-Length", str(len(resp.body)))
                self.end_headers()
                self.wfile.write(resp.body)
                return
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for chunk in resp.body:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client stopped reading; so do we

    def log_message(self, format: str, *args) -> None:
        pass  # keep pytest's output for the test's own story


class _HTTPDouble:
    """The machinery both doubles share: server lifecycle, reply queue, failures, call log."""

    chat_path = ""  # subclasses: the endpoint whose bodies `requests` lists

    def __init__(self, models: list[str], default_answer: str = DEFAULT_ANSWER):
        self.models = list(models)
        self.default_answer = default_answer
        self.calls: list[Call] = []
        self.url = ""
        self._replies: deque[str] = deque()
        self._failures: deque[Response] = deque()
        self._server: ThreadingHTTPServer | None = None
        # A model's pace, for tests that watch an answer arrive: seconds before the first piece
        # (reading the prompt) and pieces a second after it (0 = all at once).
        self.first_piece_after = 0.0
        self.pieces_per_second = 0.0

    def paced(self, lines: Iterable[bytes]) -> Iterable[bytes]:
        """The streamed lines at the double's pace."""
        for i, line in enumerate(lines):
            if i == 0 and self.first_piece_after:
                time.sleep(self.first_piece_after)
            elif i and self.pieces_per_second:
                time.sleep(1.0 / self.pieces_per_second)
            yield line

    @property
    def requests(self) -> list[dict]:
        """The JSON bodies received on the chat endpoint, oldest first."""
        return [c.body for c in self.calls if c.method == "POST" and c.path == self.chat_path]

    def reply(self, text: str) -> None:
        """Queue `text` as the next chat answer; with the queue empty, chat answers default_answer."""
        self._replies.append(text)

    def fail_next(self, status: int = 500, body: dict | str | None = None) -> None:
        """Make the next request, whatever its path, answer `status` with `body` (JSON if a dict).

        With status HANG_UP the double closes the connection without a word instead.
        """
        body = self._error_body(f"the double was told to fail with {status}") if body is None else body
        if isinstance(body, str):
            self._failures.append(Response(status, "text/plain; charset=utf-8", body.encode()))
        else:
            self._failures.append(json_response(body, status))

    def __enter__(self):
        handler = type("Handler", (_Handler,), {"double": self})
        # http.server queues 5 connections and resets the rest; servers people run (uvicorn under
        # vLLM and LM Studio) queue hundreds. Twenty pages asking at once must not be reset here.
        server_class = type("Server", (ThreadingHTTPServer,), {"request_queue_size": 128})
        self._server = server_class(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},  # quick shutdown
            name=type(self).__name__,
            daemon=True,
        ).start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _dispatch(self, call: Call) -> Response:
        self.calls.append(call)
        if self._failures:
            return self._failures.popleft()
        return self._route(call)

    def _next_answer(self) -> str:
        return self._replies.popleft() if self._replies else self.default_answer

    def _error_body(self, message: str) -> dict:
        raise NotImplementedError

    def _route(self, call: Call) -> Response:
        raise NotImplementedError


class OllamaDouble(_HTTPDouble):
    """Ollama's API (docs.ollama.com/api): GET /, /api/version, /api/tags; POST /api/chat.

    /api/chat streams NDJSON unless the body says "stream": false, and answers 404 for a model that
    is not in `models` (a bare name matches its ":latest" tag, as in Ollama).
    """

    chat_path = "/api/chat"
    version = "0.12.6"

    def __init__(self, models: list[str] = ("qwen2.5:3b",), default_answer: str = DEFAULT_ANSWER):
        super().__init__(list(models), default_answer)

    def _error_body(self, message: str) -> dict:
        return {"error": message}

    def _route(self, call: Call) -> Response:
        match (call.method, call.path):
            case ("GET", "/"):
                return Response(200, "text/plain; charset=utf-8", b"Ollama is running")
            case ("GET", "/api/version"):
                return json_response({"version": self.version})
            case ("GET", "/api/tags"):
                return json_response({"models": [self._tag(name) for name in self.models]})
            case ("POST", "/api/chat"):
                return self._chat(call.body or {})
        return Response(404, "text/plain; charset=utf-8", b"404 page not found")

    def _tag(self, name: str) -> dict:
        family = name.split(":")[0]
        return {
            "name": name,
            "model": name,
            "modified_at": _now(),
            "size": 1_929_912_432,
            "digest": hashlib.sha256(name.encode()).hexdigest(),
            "details": {
                "parent_model": "",
                "format": "gguf",
                "family": family,
                "families": [family],
                "parameter_size": "3.1B",
                "quantization_level": "Q4_K_M",
            },
        }

    def _chat(self, body: dict) -> Response:
        model = body.get("model", "")
        if model not in self.models and f"{model}:latest" not in self.models:
            return json_response({"error": f'model "{model}" not found, try pulling it first'}, 404)
        parts, reason = limited(pieces(self._next_answer()), (body.get("options") or {}).get("num_predict"))
        text = "".join(parts)
        streaming = body.get("stream", True)
        final = {
            "model": model,
            "created_at": _now(),
            "message": {"role": "assistant", "content": "" if streaming else text},
            "done": True,
            "done_reason": reason,
            "total_duration": 1_200_000_000,
            "load_duration": 50_000_000,
            "prompt_eval_count": _words(body.get("messages", [])),
            "prompt_eval_duration": 300_000_000,
            "eval_count": len(parts),
            "eval_duration": 800_000_000,
        }
        if not streaming:
            return json_response(final)
        lines = [
            {"model": model, "created_at": _now(), "message": {"role": "assistant", "content": p}, "done": False}
            for p in parts
        ] + [final]
        return Response(200, "application/x-ndjson", self.paced(json.dumps(line).encode() + b"\n" for line in lines))


class OpenAIDouble(_HTTPDouble):
    """An OpenAI-compatible server (vLLM, LM Studio, llama.cpp): GET /v1/models, POST /v1/chat/completions.

    Chat streams server-sent events (`data: {chunk}` ... `data: [DONE]`) when the body says
    "stream": true, else answers one chat.completion; a model not in `models` gets a 404.
    Give `base_url` (the URL with /v1) to clients, as FARO_OPENAI_BASE_URL.
    """

    chat_path = "/v1/chat/completions"

    def __init__(self, models: list[str] = ("local-model",), default_answer: str = DEFAULT_ANSWER):
        super().__init__(list(models), default_answer)

    @property
    def base_url(self) -> str:
        """The API root clients are configured with: `url` + "/v1"."""
        return f"{self.url}/v1"

    def _error_body(self, message: str, code: str | None = None) -> dict:
        return {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": code}}

    def _route(self, call: Call) -> Response:
        match (call.method, call.path):
            case ("GET", "/v1/models"):
                return json_response(
                    {
                        "object": "list",
                        "data": [
                            {"id": m, "object": "model", "created": 1_700_000_000, "owned_by": "faro-tests"}
                            for m in self.models
                        ],
                    }
                )
            case ("POST", "/v1/chat/completions"):
                return self._chat(call.body or {})
        return json_response(self._error_body(f"Unknown path {call.method} {call.path}"), 404)

    def _chat(self, body: dict) -> Response:
        model = body.get("model", "")
        if model not in self.models:
            return json_response(self._error_body(f"The model `{model}` does not exist.", "model_not_found"), 404)
        limit = body.get("max_completion_tokens") or body.get("max_tokens")
        parts, reason = limited(pieces(self._next_answer()), limit)
        text = "".join(parts)
        head = {"id": "chatcmpl-double", "created": int(time.time()), "model": model, "system_fingerprint": None}
        prompt_tokens = _words(body.get("messages", []))
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": len(parts),
            "total_tokens": prompt_tokens + len(parts),
        }
        if not body.get("stream"):
            return json_response(
                {
                    **head,
                    "object": "chat.completion",
                    "usage": usage,
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": text},
                            "logprobs": None,
                            "finish_reason": reason,
                        }
                    ],
                }
            )

        def chunk(delta: dict, finish: str | None = None) -> dict:
            return {
                **head,
                "object": "chat.completion.chunk",
                "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
            }

        events = [chunk({"role": "assistant", "content": ""})]
        events += [chunk({"content": p}) for p in parts] + [chunk({}, reason)]
        if (body.get("stream_options") or {}).get("include_usage"):
            events.append({**head, "object": "chat.completion.chunk", "choices": [], "usage": usage})
        sse = [b"data: " + json.dumps(e).encode() + b"\n\n" for e in events] + [b"data: [DONE]\n\n"]
        return Response(200, "text/event-stream", self.paced(sse))
