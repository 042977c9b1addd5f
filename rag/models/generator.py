"""The generator seam: one small protocol, and the adapters for Ollama and OpenAI-compatible servers.

Every adapter turns library objects and exceptions into plain text chunks and our errors.
The embedded llama.cpp adapter lives in `rag/models/embedded_llm.py`; `rag/services.py` picks one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator as Stream
from typing import Any, Protocol

from rag.errors import GeneratorUnavailable

Message = dict[str, str]  # {"role": "system"|"user"|"assistant", "content": "..."}

log = logging.getLogger("faro.generator")

# A busy server may drop a connection before it answers (a full listen queue resets it; a worker
# restarting closes it). Nothing was written yet, so asking again is safe: after these pauses.
RETRY_PAUSES = (0.3, 1.0)


def dropped(exc: BaseException) -> bool:
    """Whether the server hung up or reset the connection, rather than refusing it or timing out.

    A refused connection means nothing listens (said at once, with what to fix); a timeout already
    waited as long as we allow.
    """
    import httpx

    seen: BaseException | None = exc
    for _ in range(8):  # the chain: openai / ollama error <- httpx error <- OS error
        if seen is None:
            return False
        if isinstance(seen, ConnectionRefusedError | httpx.ConnectError | httpx.TimeoutException):
            return False
        if isinstance(seen, ConnectionResetError | ConnectionAbortedError | BrokenPipeError):
            return True
        if isinstance(seen, httpx.RemoteProtocolError):  # "Server disconnected without sending a response"
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def finish_reason(raw: Any) -> str | None:
    """Why the server ended its answer, from a streamed part's raw message: Ollama's `done_reason`
    (a dict or the ollama client's object), or the first choice's `finish_reason` of an OpenAI chunk."""
    if raw is None:
        return None

    def field(obj: Any, name: str) -> Any:
        return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)

    reason = field(raw, "done_reason")
    choices = field(raw, "choices") if reason is None else None
    if choices:
        reason = field(choices[0], "finish_reason")
    return reason if isinstance(reason, str) else None


class Generator(Protocol):
    """Streams a chat completion as text pieces."""

    name: str  # short human label, e.g. "ollama qwen2.5:3b at http://localhost:11434"

    def stream(self, messages: list[Message]) -> Stream[str, None, str | None]:
        """Yield the answer's text as it is generated, and return why it ended when the server
        says: "stop", or "length" when the token limit cut it. Raise GeneratorUnavailable on failure."""
        ...

    def check(self) -> None:
        """Return if the generator can answer now; raise GeneratorUnavailable saying how to fix it."""
        ...


class _LlamaIndexChat:
    """Streaming through a llama-index LLM; subclasses build `_llm` and say what went wrong."""

    _llm = None

    def _unavailable(self, exc: Exception) -> GeneratorUnavailable:
        raise NotImplementedError

    def stream(self, messages: list[Message]) -> Stream[str, None, str | None]:
        from llama_index.core.llms import ChatMessage

        chat = [ChatMessage(role=m["role"], content=m["content"]) for m in messages]
        for pause in (*RETRY_PAUSES, None):
            started = False
            reason = None
            try:
                for part in self._llm.stream_chat(chat):
                    reason = finish_reason(part.raw) or reason
                    if part.delta:
                        started = True
                        yield part.delta
                return reason
            except Exception as exc:  # httpx / ollama / openai errors: the server's problem, said plainly
                if started or pause is None or not dropped(exc):
                    raise self._unavailable(exc) from exc
                log.warning("%s dropped the connection before answering (%s); asking again", self.name, exc)
                time.sleep(pause)


class OllamaGenerator(_LlamaIndexChat):
    """Ollama over its HTTP API (/api/chat, streamed), through llama-index's Ollama integration."""

    def __init__(
        self, host: str, model: str, *, temperature: float, context_tokens: int, max_tokens: int, timeout: float
    ):
        from llama_index.llms.ollama import Ollama

        self.host = host.rstrip("/")
        self.model = model
        self.name = f"ollama {model} at {self.host}"
        self._timeout = timeout
        self._llm = Ollama(
            model=model,
            base_url=self.host,
            temperature=temperature,
            context_window=context_tokens,
            request_timeout=timeout,
            additional_kwargs={"num_predict": max_tokens, "num_ctx": context_tokens},
        )

    def _unavailable(self, exc: Exception) -> GeneratorUnavailable:
        return GeneratorUnavailable(
            f"Ollama at {self.host} could not answer with model '{self.model}' ({exc}). "
            f"Start it with `ollama serve` and run `ollama pull {self.model}`, or set FARO_GENERATOR=embedded."
        )

    def check(self) -> None:
        import httpx

        try:
            resp = httpx.get(f"{self.host}/api/tags", timeout=min(self._timeout, 3.0))
            resp.raise_for_status()
            names = {m.get("name", "") for m in resp.json().get("models", [])}
        except Exception as exc:
            raise self._unavailable(exc) from exc
        wanted = {self.model, f"{self.model}:latest"}
        if not names & wanted:
            raise GeneratorUnavailable(
                f"Ollama at {self.host} answers but has no model '{self.model}'. Run `ollama pull {self.model}`."
            )


class OpenAICompatibleGenerator(_LlamaIndexChat):
    """Any OpenAI-compatible server (vLLM, LM Studio, llama.cpp server, Ollama's /v1)."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str,
        *,
        temperature: float,
        context_tokens: int,
        max_tokens: int,
        timeout: float,
    ):
        from llama_index.llms.openai_like import OpenAILike
        from openai import OpenAI

        self.base_url = base_url.rstrip("/")
        self.model = model
        self.name = f"openai-compatible {model} at {self.base_url}"
        self._timeout = timeout
        self._api_key = api_key
        # One client, built here: llama-index builds it on first use, and sessions asking at once
        # after a start would each build one (an SSL context and lazy imports each, holding the GIL).
        client = OpenAI(base_url=self.base_url, api_key=api_key, timeout=timeout, max_retries=0)
        client.chat.completions  # noqa: B018 -- imports the chat resources now, not on a question
        self._llm = OpenAILike(
            model=model,
            api_base=self.base_url,
            api_key=api_key,
            temperature=temperature,
            max_tokens=max_tokens,
            context_window=context_tokens,
            is_chat_model=True,
            timeout=timeout,
            max_retries=0,
            openai_client=client,
        )

    def _unavailable(self, exc: Exception) -> GeneratorUnavailable:
        return GeneratorUnavailable(
            f"The OpenAI-compatible server at {self.base_url} could not answer with model "
            f"'{self.model}' ({exc}). Check FARO_OPENAI_BASE_URL and FARO_OPENAI_MODEL."
        )

    def check(self) -> None:
        import httpx

        try:
            resp = httpx.get(
                f"{self.base_url}/models",
                headers={"Authorization": f"Bearer {self._api_key}"},
                timeout=min(self._timeout, 3.0),
            )
            resp.raise_for_status()
            ids = {m.get("id") for m in resp.json().get("data", [])}
        except Exception as exc:
            raise self._unavailable(exc) from exc
        if ids and self.model not in ids:
            raise GeneratorUnavailable(
                f"The server at {self.base_url} does not serve '{self.model}' "
                f"(it has: {', '.join(sorted(map(str, ids)))}). "
                "Set FARO_OPENAI_MODEL to one of those."
            )
