"""The generator adapters against real HTTP servers that speak Ollama's and OpenAI's wire protocols.

Nothing of ours or of the libraries is mocked: llama-index, the ollama and openai clients and httpx
talk over loopback sockets to the doubles in tests/http_doubles.py.
"""

import ollama
import openai
import pytest

from conftest import drained
from http_doubles import HANG_UP, OllamaDouble, OpenAIDouble, closed_port_url
from rag.errors import GeneratorUnavailable
from rag.models.generator import RETRY_PAUSES, OllamaGenerator, OpenAICompatibleGenerator, dropped
from rag.services import make_generator
from rag.settings import Settings

LIMITS = dict(temperature=0.1, context_tokens=4096, max_tokens=400, timeout=5.0)
MESSAGES = [
    {"role": "system", "content": "Answer only from the numbered passages and cite them."},
    {"role": "user", "content": "[1] Staff get 25 days of annual leave.\n\nQuestion: How much leave do I get?"},
]
ANSWER = "You get 25 days of annual leave a year [1]."


def settings(tmp_path, **fields) -> Settings:
    """Settings for a test: explicit fields, no .env file from the working directory."""
    return Settings(data_dir=tmp_path, _env_file=None, **fields)


# --- Ollama ----------------------------------------------------------------------------------------


def test_ollama_streams_pieces_over_api_chat(ollama_double):
    ollama_double.reply(ANSWER)
    generator = OllamaGenerator(ollama_double.url, "qwen2.5:3b", **LIMITS)

    streamed = list(generator.stream(MESSAGES))

    assert len(streamed) > 1
    assert "".join(streamed) == ANSWER
    [sent] = ollama_double.requests
    assert sent["model"] == "qwen2.5:3b"
    assert sent["stream"] is True
    assert sent["messages"] == MESSAGES


def test_ollama_asks_for_the_configured_context_and_answer_length(ollama_double):
    generator = OllamaGenerator(
        ollama_double.url, "qwen2.5:3b", temperature=0.3, context_tokens=2048, max_tokens=123, timeout=5.0
    )

    list(generator.stream(MESSAGES))

    assert ollama_double.requests[0]["options"] == {"temperature": 0.3, "num_ctx": 2048, "num_predict": 123}


@pytest.mark.parametrize("server", ["ollama", "openai"])
def test_the_generator_says_when_the_token_limit_cut_the_answer(server, ollama_double, openai_double):
    long = "Staff get 25 days of annual leave [1]. Part-time staff get a pro-rata share of them [1]."
    for max_tokens, text, reason in (
        (400, long, "stop"),
        (9, "Staff get 25 days of annual leave [1]. Part-time ", "length"),
    ):
        limits = {**LIMITS, "max_tokens": max_tokens}
        if server == "ollama":
            ollama_double.reply(long)
            generator = OllamaGenerator(ollama_double.url, "qwen2.5:3b", **limits)
        else:
            openai_double.reply(long)
            generator = OpenAICompatibleGenerator(openai_double.base_url, "local-model", "none", **limits)
        assert drained(generator.stream(MESSAGES)) == (text, reason)


def test_ollama_check_passes_when_the_model_is_pulled():
    # Ollama lists "phi4-mini:latest" for `ollama pull phi4-mini`; the bare name must count.
    with OllamaDouble(models=["qwen2.5:3b", "phi4-mini:latest"]) as double:
        OllamaGenerator(double.url, "qwen2.5:3b", **LIMITS).check()
        OllamaGenerator(double.url, "phi4-mini", **LIMITS).check()
        assert [(c.method, c.path) for c in double.calls] == [("GET", "/api/tags")] * 2


def test_ollama_check_reports_missing_model():
    with OllamaDouble(models=["llama3.2:latest"]) as double:
        generator = OllamaGenerator(double.url, "qwen2.5:3b", **LIMITS)

        with pytest.raises(GeneratorUnavailable) as raised:
            generator.check()

    assert "'qwen2.5:3b'" in str(raised.value)
    assert "`ollama pull qwen2.5:3b`" in str(raised.value)


def test_ollama_stream_reports_missing_model():
    with OllamaDouble(models=["llama3.2:latest"]) as double:
        generator = OllamaGenerator(double.url, "qwen2.5:3b", **LIMITS)

        with pytest.raises(GeneratorUnavailable) as raised:
            list(generator.stream(MESSAGES))

    assert 'model "qwen2.5:3b" not found' in str(raised.value)  # Ollama's own words, passed on
    assert "`ollama pull qwen2.5:3b`" in str(raised.value)


def test_ollama_unreachable_says_what_to_do():
    host = closed_port_url()
    generator = OllamaGenerator(host, "qwen2.5:3b", **LIMITS)

    with pytest.raises(GeneratorUnavailable) as from_stream:
        list(generator.stream(MESSAGES))
    with pytest.raises(GeneratorUnavailable) as from_check:
        generator.check()

    for raised in (from_stream, from_check):
        assert f"Ollama at {host}" in str(raised.value)
        assert "`ollama serve`" in str(raised.value)


def test_ollama_server_error_becomes_generator_unavailable(ollama_double):
    generator = OllamaGenerator(ollama_double.url, "qwen2.5:3b", **LIMITS)
    ollama_double.fail_next(500, {"error": "llama runner process has terminated"})
    ollama_double.fail_next(500, {"error": "llama runner process has terminated"})

    with pytest.raises(GeneratorUnavailable, match="llama runner process has terminated"):
        list(generator.stream(MESSAGES))
    with pytest.raises(GeneratorUnavailable, match=f"Ollama at {ollama_double.url}"):
        generator.check()

    # The failures were one-off: the same generator answers on the next request.
    ollama_double.reply(ANSWER)
    assert "".join(generator.stream(MESSAGES)) == ANSWER


def test_ollama_accepts_a_host_without_scheme_as_ollama_does(ollama_double, tmp_path):
    from rag.services import ollama_generator

    bare = ollama_double.url.removeprefix("http://")
    settings = Settings(ollama_host=bare, data_dir=tmp_path, _env_file=None)
    assert settings.ollama_host == ollama_double.url
    generator = ollama_generator(settings)
    generator.check()
    assert "".join(generator.stream(MESSAGES)) == ollama_double.default_answer


def test_ollama_host_gets_ollamas_default_port():
    assert Settings(ollama_host="gpu-box", _env_file=None).ollama_host == "http://gpu-box:11434"
    assert Settings(ollama_host="https://llm.corp/", _env_file=None).ollama_host == "https://llm.corp:11434"


def test_openai_compatible_check_names_a_model_the_server_lacks(openai_double):
    generator = OpenAICompatibleGenerator(openai_double.base_url, "no-such-model", "k", **LIMITS)
    with pytest.raises(GeneratorUnavailable, match="no-such-model"):
        generator.check()


# --- OpenAI-compatible ----------------------------------------------------------------------------


def test_openai_compatible_streams_over_sse(openai_double):
    openai_double.reply(ANSWER)
    generator = OpenAICompatibleGenerator(openai_double.base_url, "local-model", "not-needed", **LIMITS)

    streamed = list(generator.stream(MESSAGES))

    assert len(streamed) > 1
    assert "".join(streamed) == ANSWER
    [sent] = openai_double.requests
    assert sent["model"] == "local-model"
    assert sent["stream"] is True
    assert sent["messages"] == MESSAGES
    assert sent["max_tokens"] == 400


def test_openai_compatible_check_lists_models_with_the_api_key(openai_double):
    OpenAICompatibleGenerator(openai_double.base_url, "local-model", "s3cret", **LIMITS).check()

    [call] = openai_double.calls
    assert (call.method, call.path) == ("GET", "/v1/models")
    assert call.headers["Authorization"] == "Bearer s3cret"


def test_openai_compatible_server_error_becomes_generator_unavailable(openai_double):
    generator = OpenAICompatibleGenerator(openai_double.base_url, "local-model", "wrong-key", **LIMITS)
    openai_double.fail_next(401, {"error": {"message": "Invalid API key", "type": "auth_error"}})
    openai_double.fail_next(500)

    with pytest.raises(GeneratorUnavailable, match="Invalid API key"):
        list(generator.stream(MESSAGES))
    with pytest.raises(GeneratorUnavailable, match=f"server at {openai_double.base_url}") as raised:
        generator.check()
    assert "FARO_OPENAI_BASE_URL" in str(raised.value)


def test_openai_compatible_unreachable_names_the_server():
    base_url = closed_port_url() + "/v1"
    generator = OpenAICompatibleGenerator(base_url, "local-model", "not-needed", **LIMITS)

    with pytest.raises(GeneratorUnavailable, match=f"server at {base_url}"):
        list(generator.stream(MESSAGES))
    with pytest.raises(GeneratorUnavailable, match=f"server at {base_url}"):
        generator.check()


# --- a busy server ---------------------------------------------------------------------------------


def _generator(double):
    if isinstance(double, OpenAIDouble):
        return OpenAICompatibleGenerator(double.base_url, "local-model", "not-needed", **LIMITS)
    return OllamaGenerator(double.url, "qwen2.5:3b", **LIMITS)


@pytest.mark.parametrize("double_class", [OllamaDouble, OpenAIDouble])
def test_a_connection_dropped_before_the_answer_is_asked_again(double_class):
    with double_class() as double:
        double.fail_next(HANG_UP)  # a busy server closes the connection without a word
        double.reply(ANSWER)

        assert "".join(_generator(double).stream(MESSAGES)) == ANSWER
        assert len(double.requests) == 2


@pytest.mark.parametrize("double_class", [OllamaDouble, OpenAIDouble])
def test_a_server_that_keeps_hanging_up_is_reported_after_the_retries(double_class):
    with double_class() as double:
        for _ in range(len(RETRY_PAUSES) + 2):
            double.fail_next(HANG_UP)

        with pytest.raises(GeneratorUnavailable):
            list(_generator(double).stream(MESSAGES))
        assert len(double.requests) == len(RETRY_PAUSES) + 1


def test_a_refused_connection_or_a_server_error_is_not_a_dropped_one(openai_double):
    import httpx

    with pytest.raises(httpx.ConnectError) as refused:
        httpx.get(closed_port_url(), timeout=2)
    openai_double.fail_next(HANG_UP)
    with pytest.raises(httpx.RemoteProtocolError) as hung_up:
        httpx.get(openai_double.base_url + "/models", timeout=2)

    assert not dropped(refused.value)
    assert dropped(hung_up.value)
    # Wrapped the way the client libraries raise it, the cause is still seen.
    try:
        raise RuntimeError("Connection error.") from hung_up.value
    except RuntimeError as wrapped:
        assert dropped(wrapped)


def test_many_questions_at_once_share_one_generator(openai_double):
    """Twenty sessions asking at the same moment all get their answer over the one client."""
    from concurrent.futures import ThreadPoolExecutor

    generator = OpenAICompatibleGenerator(openai_double.base_url, "local-model", "not-needed", **LIMITS)
    openai_double.default_answer = ANSWER

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: "".join(generator.stream(MESSAGES)), range(20)))

    assert answers == [ANSWER] * 20
    assert len(openai_double.requests) == 20


# --- choosing a generator from settings -----------------------------------------------------------


def test_auto_uses_ollama_when_it_answers(ollama_double, tmp_path):
    generator, note = make_generator(
        settings(tmp_path, generator="auto", ollama_host=ollama_double.url, ollama_model="qwen2.5:3b")
    )

    assert isinstance(generator, OllamaGenerator)
    assert note == ""
    assert generator.name == f"ollama qwen2.5:3b at {ollama_double.url}"
    assert [c.path for c in ollama_double.calls] == ["/api/tags"]  # it asked before choosing
    # auto -> embedded fallback is tested with rag/models/embedded_llm.py, which loads the packaged model.


def test_make_generator_passes_settings_through_to_ollama(ollama_double, tmp_path):
    ollama_double.models = ["phi4-mini:latest"]
    generator, _ = make_generator(
        settings(
            tmp_path,
            generator="ollama",
            ollama_host=ollama_double.url,
            ollama_model="phi4-mini",
            temperature=0.5,
            context_tokens=2048,
            max_answer_tokens=64,
        )
    )

    list(generator.stream(MESSAGES))

    [sent] = ollama_double.requests
    assert sent["model"] == "phi4-mini"
    assert sent["options"] == {"temperature": 0.5, "num_ctx": 2048, "num_predict": 64}


def test_make_generator_passes_settings_through_to_openai(openai_double, tmp_path):
    openai_double.models = ["qwen2.5-7b-instruct"]
    generator, note = make_generator(
        settings(
            tmp_path,
            generator="openai",
            openai_base_url=openai_double.base_url,
            openai_model="qwen2.5-7b-instruct",
            openai_api_key="s3cret",
            max_answer_tokens=64,
        )
    )

    list(generator.stream(MESSAGES))

    assert isinstance(generator, OpenAICompatibleGenerator) and note == ""
    [sent] = openai_double.requests
    assert (sent["model"], sent["max_tokens"]) == ("qwen2.5-7b-instruct", 64)
    assert openai_double.calls[0].headers["Authorization"] == "Bearer s3cret"


# --- where the Ollama host comes from -------------------------------------------------------------


@pytest.fixture
def no_ollama_env(monkeypatch):
    monkeypatch.delenv("OLLAMA_HOST", raising=False)
    monkeypatch.delenv("FARO_OLLAMA_HOST", raising=False)
    return monkeypatch


def test_settings_read_OLLAMA_HOST_as_ollama_itself_does(no_ollama_env, tmp_path):
    no_ollama_env.setenv("OLLAMA_HOST", "http://gpu-box:11434")

    assert settings(tmp_path).ollama_host == "http://gpu-box:11434"


def test_settings_prefer_FARO_OLLAMA_HOST_over_OLLAMA_HOST(no_ollama_env, tmp_path):
    # AliasChoices takes the first alias present in the environment, in the order listed.
    no_ollama_env.setenv("OLLAMA_HOST", "http://gpu-box:11434")
    no_ollama_env.setenv("FARO_OLLAMA_HOST", "http://faro-only:11434")

    assert settings(tmp_path).ollama_host == "http://faro-only:11434"


def test_settings_argument_beats_the_environment(no_ollama_env, tmp_path):
    no_ollama_env.setenv("FARO_OLLAMA_HOST", "http://faro-only:11434")

    assert settings(tmp_path, ollama_host="http://given:1").ollama_host == "http://given:1"


def test_settings_default_ollama_host_without_environment(no_ollama_env, tmp_path):
    assert settings(tmp_path).ollama_host == "http://localhost:11434"


# --- the doubles answer unstreamed requests the way the real client libraries parse ----------------


def test_ollama_double_answers_unstreamed_chat_and_lists_models(ollama_double):
    ollama_double.reply(ANSWER)
    client = ollama.Client(host=ollama_double.url)

    response = client.chat(model="qwen2.5:3b", messages=MESSAGES, stream=False)

    assert response.message.content == ANSWER
    assert response.done and response.done_reason == "stop"
    assert ollama_double.requests[0]["stream"] is False
    assert [m.model for m in client.list().models] == ["qwen2.5:3b"]


def test_openai_double_answers_unstreamed_chat_and_refuses_unknown_models(openai_double):
    openai_double.reply(ANSWER)
    client = openai.OpenAI(base_url=openai_double.base_url, api_key="not-needed", max_retries=0)

    completion = client.chat.completions.create(model="local-model", messages=MESSAGES)

    assert completion.choices[0].message.content == ANSWER
    assert completion.choices[0].finish_reason == "stop"
    with pytest.raises(openai.NotFoundError, match="does not exist"):
        client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
