"""Soak test of `faro watch`: >= 1,000 files arrive, move, vanish and change while a separate
process keeps querying; then folder == index is checked chunk by chunk.

    .venv/bin/python -m bench.soak_watch [--files 1000] [--drop-seconds N] [--big] [--json FILE]

What it does, in order:
  1. Builds a source pool: every PDF/DOCX of sample_corpus/ plus, if present, the small files of
     /work/shared/corpora/realdocs/ (<= 60 pages and <= 2 MB; DOCX pages estimated at 3,000
     characters a page; --big includes all). Realdocs are read in place, never copied into the repo.
  2. Starts `faro -v watch FOLDER` as a subprocess on an empty temp folder with its own
     FARO_DATA_DIR, and a query worker process (bench/soak_query_worker.py: its own Chroma
     PersistentClient on the same directory, models loaded once) that runs the retriever's search()
     over sample_corpus/questions.jsonl in a loop, recording latency, errors, the sources it gets
     back and how many chunks it sees.
  3. Drops --files renamed copies of pool files into sub-folders, in bursts: most with a normal
     copy, some as `x.pdf.part` then renamed, some written slowly in pieces; meanwhile renames
     ~5% (some across sub-folders, plus one whole sub-folder), deletes ~5%, overwrites ~2% with a
     different pool file, and leaves a few lock/partial/hidden files that must never be indexed.
     Copies are byte-identical to their pool file (distinct paths are distinct documents).
     How long each deleted file (one the manifest had indexed) stays in the index is timed: its
     manifest row goes after its chunks, so a file without a row is out of search.
  4. Waits until folder == index (every file has an indexed/failed manifest row with its current
     hash, no row for a file that is gone, nothing pending), asks the query worker for a final
     probe and stops it. Then drops --term-files more files, sends the watcher SIGTERM
     --term-after seconds into the pass that takes them (timing how long it takes to stop),
     starts it again and waits until folder == index once more; stops it (SIGINT), and verifies
     Chroma against the manifest and the folder chunk by chunk: lost, stale, duplicates, id
     mismatches, wrong hashes.
  5. Times a no-op `faro reindex FOLDER` on the unchanged folder (CLI wall time and its own
     reported seconds) and checks, in a second no-op run, that no model was loaded.

Every loop is bounded in count and time; --timeout (default 3600 s) bounds the whole run. Prints
plain `name: value` lines; --json FILE also writes every figure as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ingest.pipeline import file_hash  # the manifest's own hash: the check compares like with like

ROOT = Path(__file__).resolve().parent.parent
REALDOCS = ROOT.parent / "shared" / "corpora" / "realdocs"
PYTHON = ROOT / ".venv" / "bin" / "python"
FARO = ROOT / ".venv" / "bin" / "faro"
DOC_SUFFIXES = (".pdf", ".docx")
CLK_TCK = os.sysconf("SC_CLK_TCK")


# --------------------------------------------------------------------------------------------
# Pool
# --------------------------------------------------------------------------------------------
@dataclass
class PoolFile:
    path: Path
    origin: str  # 'sample' or 'real'
    size: int
    digest: str
    pages: int  # PDF pages, or estimated pages of a DOCX
    estimated: bool  # pages estimated (DOCX)


def count_pages(path: Path) -> tuple[int, bool]:
    if path.suffix.lower() == ".pdf":
        from pypdf import PdfReader

        return len(PdfReader(str(path)).pages), False
    from ingest.parse import parse_file

    chars = sum(len(s.text) for s in parse_file(path).sections)
    return max(1, round(chars / 3000)), True


def build_pool(big: bool, realdocs: Path, max_pages: int, max_mb: float) -> tuple[list[PoolFile], list[str]]:
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    pool, skipped = [], []
    for p in sorted((ROOT / "sample_corpus").rglob("*")):
        if p.suffix.lower() in DOC_SUFFIXES and p.is_file():
            pages, est = count_pages(p)
            pool.append(PoolFile(p, "sample", p.stat().st_size, file_hash(p), pages, est))
    if realdocs.is_dir():
        for p in sorted(realdocs.iterdir()):
            if p.suffix.lower() not in DOC_SUFFIXES:
                continue
            size = p.stat().st_size
            try:
                pages, est = count_pages(p)
            except Exception as exc:  # a realdoc Faro cannot parse is not a soak-test input
                skipped.append(f"{p.name} (unparseable: {type(exc).__name__})")
                continue
            if not big and (pages > max_pages or size > max_mb * 1024 * 1024):
                skipped.append(f"{p.name} ({pages}{'~' if est else ''} pages, {size / 1e6:.1f} MB)")
                continue
            pool.append(PoolFile(p, "real", size, file_hash(p), pages, est))
    return pool, skipped


# --------------------------------------------------------------------------------------------
# /proc sampling
# --------------------------------------------------------------------------------------------
def proc_status(pid: int) -> dict[str, int]:
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, val = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(val.split()[0])  # kB
    except OSError:
        pass
    return out


def proc_cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime
    except (OSError, IndexError, ValueError):
        return None


def children(pid: int) -> list[int]:
    """All descendants of a process."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            kids = [int(x) for x in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except (OSError, ValueError):
            kids = []
        out.extend(kids)
        todo.extend(kids)
    return out


def machine_cpu() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine."""
    vals = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = vals[3] + (vals[4] if len(vals) > 4 else 0)
    return sum(vals) - idle, sum(vals)


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Sampler(threading.Thread):
    """Every 0.1 s: is the writer lock held; every 1 s: RSS, CPU and load of the processes."""

    def __init__(self, lock_path: Path, pids: dict[str, int], stop: threading.Event):
        super().__init__(daemon=True)
        self.lock_path, self.pids, self.stop = lock_path, pids, stop
        self.rss: dict[str, list[tuple[float, int]]] = {k: [] for k in pids}
        self.hwm: dict[str, int] = {}
        self.cpu: dict[str, float] = {}
        self.load: list[float] = []
        self.holds: list[tuple[float, float]] = []  # writer lock held intervals (monotonic)
        self.passes: dict[float, list[float]] = {}  # lock 'since' (one per acquisition) -> [since, last seen held]
        self.machine_start = machine_cpu()
        self.machine_end = self.machine_start
        self._held_since: float | None = None

    def run(self) -> None:
        tick = 0
        while not self.stop.is_set():
            now = time.monotonic()
            try:
                text = self.lock_path.read_text(encoding="utf-8")
            except OSError:
                text = ""
            held = bool(text)
            if held:
                try:
                    since = float(json.loads(text)["since"])
                    self.passes.setdefault(since, [since, time.time()])[1] = time.time()
                except (ValueError, KeyError, TypeError):
                    pass
            if held and self._held_since is None:
                self._held_since = now
            elif not held and self._held_since is not None:
                self.holds.append((self._held_since, now))
                self._held_since = None
            if tick % 10 == 0:
                self.sample(now)
            tick += 1
            self.stop.wait(0.1)
        if self._held_since is not None:
            self.holds.append((self._held_since, time.monotonic()))

    def sample(self, now: float) -> None:
        for name, pid in self.pids.items():
            tree = [pid] + children(pid)
            sts = [proc_status(p) for p in tree]
            if "VmRSS" in sts[0]:
                self.rss[name].append((now, sum(st.get("VmRSS", 0) for st in sts)))
                self.hwm[name] = max(self.hwm.get(name, 0), sum(st.get("VmHWM", 0) for st in sts))
            cpus = [c for c in (proc_cpu_seconds(p) for p in tree) if c is not None]
            if cpus:
                self.cpu[name] = max(self.cpu.get(name, 0.0), sum(cpus))
        try:
            self.load.append(float(Path("/proc/loadavg").read_text().split()[0]))
        except OSError:
            pass
        self.machine_end = machine_cpu()


# --------------------------------------------------------------------------------------------
# The writer: what admins do to the shared folder
# --------------------------------------------------------------------------------------------
class Writer:
    def __init__(self, folder: Path, pool: list[PoolFile], rng: random.Random, args):
        self.folder, self.pool, self.rng, self.args = folder, pool, rng, args
        self.files: dict[str, int] = {}  # rel path -> pool index: the folder as admins intend it
        self.busy: set[str] = set()  # being written slowly
        self.lock = threading.Lock()
        self.events: list[dict] = []  # {t, op, path, ...}
        self.counts = {
            "copy": 0,
            "part_rename": 0,
            "slow": 0,
            "rename": 0,
            "rename_across": 0,
            "dir_rename": 0,
            "dir_rename_files": 0,
            "delete": 0,
            "overwrite": 0,
            "noise": 0,
        }
        self.pages_written = 0  # pages that had to be (re)embedded: drops + overwrites
        self.pages_est = False
        self.slow_threads: list[threading.Thread] = []
        self.slow_gate = threading.Semaphore(4)
        self.created: dict[str, float] = {}  # rel -> time it came into existence under that name
        self.changed: dict[str, float] = {}  # rel -> last time its name or content changed
        self.indexed: set[str] = set()  # sources the manifest says are indexed (refreshed by main)
        self.lock_path: Path | None = None  # the writer lock: held means a watcher pass is running
        self.ops_on_indexed = 0
        self.dirs = [f"dept{i:02d}" for i in range(args.dirs)] + [
            f"dept{i:02d}/archive" for i in range(0, args.dirs, 4)
        ]
        real = [i for i, p in enumerate(pool) if p.origin == "real"]
        sample = [i for i, p in enumerate(pool) if p.origin == "sample"]
        self.real_idx, self.sample_idx = real, sample

    def log(self, op: str, path: str, **kw) -> None:
        self.events.append({"t": time.time(), "op": op, "path": path, **kw})

    def pick_pool(self, avoid_digest: str | None = None, suffix: str | None = None) -> int:
        for _ in range(1000):
            if self.real_idx and self.rng.random() < self.args.real_share:
                i = self.rng.choice(self.real_idx)
            else:
                i = self.rng.choice(self.sample_idx)
            if self.pool[i].digest != avoid_digest and (suffix is None or self.pool[i].path.suffix.lower() == suffix):
                return i
        raise RuntimeError("pool has no file with another content")

    def target_name(self, n: int, pool_i: int, d: str | None = None) -> str:
        src = self.pool[pool_i].path
        d = d or self.rng.choice(self.dirs)
        return f"{d}/{n:05d}-{src.stem[:40]}{src.suffix.lower()}"

    def _count_pages(self, pool_i: int) -> None:
        self.pages_written += self.pool[pool_i].pages
        self.pages_est |= self.pool[pool_i].estimated

    def drop(self, n: int, d: str) -> None:
        pool_i = self.pick_pool()
        rel = self.target_name(n, pool_i, d)
        dest = self.folder / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        src = self.pool[pool_i].path
        r = self.rng.random()
        self._count_pages(pool_i)
        if r < self.args.slow_share:
            with self.lock:
                self.busy.add(rel)
            th = threading.Thread(target=self._slow_write, args=(src, dest, rel, pool_i), daemon=True)
            self.slow_threads.append(th)
            self.counts["slow"] += 1
            th.start()
            return
        if r < self.args.slow_share + self.args.part_share:
            tmp = dest.with_name(dest.name + ".part")
            shutil.copyfile(src, tmp)
            os.rename(tmp, dest)
            self.counts["part_rename"] += 1
            how = "part_rename"
        else:
            shutil.copyfile(src, dest)  # like `cp`: mtime = now
            self.counts["copy"] += 1
            how = "copy"
        with self.lock:
            self.files[rel] = pool_i
            self.created[rel] = self.changed[rel] = time.time()
        self.log("drop", rel, how=how, pool=pool_i)

    def _slow_write(self, src: Path, dest: Path, rel: str, pool_i: int) -> None:
        """A slow copy over a share: the final name, in pieces, with pauses shorter than watch_settle."""
        with self.slow_gate:
            data = src.read_bytes()
            pieces = self.rng.randint(4, 8)
            step = -(-len(data) // pieces)
            with dest.open("wb") as fh:
                for i in range(0, len(data), step):
                    fh.write(data[i : i + step])
                    fh.flush()
                    time.sleep(self.rng.uniform(0.2, self.args.slow_gap))
        with self.lock:
            self.busy.discard(rel)
            self.files[rel] = pool_i
            self.created[rel] = self.changed[rel] = time.time()
        self.log("drop", rel, how="slow", pool=pool_i)

    def _pick_existing(self) -> str | None:
        """Half the time a file the watcher has already indexed, else any complete file."""
        with self.lock:
            cands = [r for r in self.files if r not in self.busy]
            done = [r for r in cands if r in self.indexed]
        if done and self.rng.random() < 0.5:
            self.ops_on_indexed += 1
            return self.rng.choice(done)
        if cands:
            pick = self.rng.choice(cands)
            self.ops_on_indexed += pick in self.indexed
            return pick
        return None

    def rename(self) -> None:
        old = self._pick_existing()
        if old is None:
            return
        across = self.rng.random() < 0.5
        d = self.rng.choice([x for x in self.dirs if x != old.rsplit("/", 1)[0]]) if across else old.rsplit("/", 1)[0]
        new = f"{d}/renamed-{old.rsplit('/', 1)[1]}"
        if (self.folder / new).exists():
            return
        (self.folder / new).parent.mkdir(parents=True, exist_ok=True)
        with self.lock:
            os.rename(self.folder / old, self.folder / new)
            self.files[new] = self.files.pop(old)
            self.created[new] = self.changed[new] = time.time()
        self.counts["rename"] += 1
        self.counts["rename_across"] += across
        self.log("rename", old, to=new)

    def rename_dir(self) -> None:
        """Rename one whole sub-folder (an admin renaming 'HR' to 'People')."""
        with self.lock:
            top = sorted({r.split("/", 1)[0] for r in self.files})
            busy_tops = {r.split("/", 1)[0] for r in self.busy}
            cands = [t for t in top if t not in busy_tops]
            if not cands:
                return
            d = self.rng.choice(cands)
            new_d = f"{d}-renamed"
            os.rename(self.folder / d, self.folder / new_d)
            moved = [r for r in self.files if r.split("/", 1)[0] == d]
            now = time.time()
            for r in moved:
                nr = new_d + r[len(d) :]
                self.files[nr] = self.files.pop(r)
                self.created[nr] = self.changed[nr] = now
            self.dirs = [new_d + x[len(d) :] if x.split("/", 1)[0] == d else x for x in self.dirs]
        self.counts["dir_rename"] += 1
        self.counts["dir_rename_files"] += len(moved)
        self.log("rename_dir", d, to=new_d, files=len(moved))

    def delete(self) -> None:
        rel = self._pick_existing()
        if rel is None:
            return
        with self.lock:
            os.remove(self.folder / rel)
            del self.files[rel]
            indexed = rel in self.indexed
        try:
            in_pass = bool(self.lock_path and self.lock_path.stat().st_size)
        except OSError:
            in_pass = False
        self.counts["delete"] += 1
        self.log("delete", rel, indexed=indexed, in_pass=in_pass)

    def overwrite(self) -> None:
        rel = self._pick_existing()
        if rel is None:
            return
        with self.lock:
            cur = self.files[rel]
        new_i = self.pick_pool(avoid_digest=self.pool[cur].digest, suffix=self.pool[cur].path.suffix.lower())
        dest = self.folder / rel
        if self.rng.random() < 0.5:
            shutil.copyfile(self.pool[new_i].path, dest)  # in place, like `cp` over the old file
            how = "in_place"
        else:
            tmp = dest.with_name(dest.name + ".part")
            shutil.copyfile(self.pool[new_i].path, tmp)
            os.replace(tmp, dest)
            how = "part_replace"
        with self.lock:
            self.files[rel] = new_i
            self.changed[rel] = time.time()
        self._count_pages(new_i)
        self.counts["overwrite"] += 1
        self.log("overwrite", rel, how=how, pool=new_i)

    def noise(self) -> None:
        """Files that must never be indexed: Office lock files, abandoned partials, hidden files."""
        src = self.pool[self.sample_idx[0]].path
        d = self.folder / self.rng.choice(self.dirs)
        d.mkdir(parents=True, exist_ok=True)
        k = self.counts["noise"]
        names = [f"~$lock-{k}.docx", f"abandoned-{k}.pdf.part", f".hidden-{k}.pdf", f"draft-{k}.docx.tmp"]
        name = names[k % len(names)]
        shutil.copyfile(src, d / name)
        self.counts["noise"] += 1
        self.log("noise", str((d / name).relative_to(self.folder)))

    def run(self, deadline: float) -> None:
        a, rng = self.args, self.rng
        sizes = []
        left = a.files
        while left > 0:
            sizes.append(min(left, rng.randint(a.burst_min, a.burst_max)))
            left -= sizes[-1]
        gap = a.drop_seconds / max(1, len(sizes))
        dropped = 0
        done = {"rename": 0, "delete": 0, "overwrite": 0, "noise": 0}
        dir_rename_at = a.files // 2 if a.dir_renames else None
        for size in sizes:
            if time.monotonic() > deadline:
                break
            d = rng.choice(self.dirs)
            for _ in range(size):
                self.drop(dropped, d)
                dropped += 1
                if rng.random() < 0.3:
                    d = rng.choice(self.dirs)
            if dir_rename_at is not None and dropped >= dir_rename_at:
                self.rename_dir()
                dir_rename_at = None
            # renames, deletes and overwrites keep pace with the drops, at random moments
            for op, frac in (
                ("rename", a.rename_frac),
                ("delete", a.delete_frac),
                ("overwrite", a.overwrite_frac),
                ("noise", 6 / max(a.files, 1)),
            ):
                due = int(dropped * frac) - done[op]
                for _ in range(max(0, due)):
                    getattr(self, op)()
                    done[op] += 1
                    time.sleep(rng.uniform(0, 0.1))
            time.sleep(min(max(0.0, deadline - time.monotonic()), gap * rng.uniform(0.3, 1.7)))
        for th in self.slow_threads:
            th.join(timeout=max(1.0, deadline - time.monotonic()))
        self.dropped = dropped


# --------------------------------------------------------------------------------------------
# Folder == index
# --------------------------------------------------------------------------------------------
def read_manifest(path: Path) -> dict[str, tuple]:
    """source -> (doc_hash, status, chunks, pages, indexed_at, chunk_ids, error), read-only."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        rows = db.execute(
            "SELECT source, doc_hash, status, chunks, pages, indexed_at, chunk_ids, error FROM documents"
        ).fetchall()
    finally:
        db.close()
    return {r[0]: r[1:] for r in rows}


def converged(expected: dict[str, str], rows: dict[str, tuple]) -> tuple[bool, dict]:
    matching = sum(
        1 for s, h in expected.items() if s in rows and rows[s][0] == h and rows[s][1] in ("indexed", "failed")
    )
    extra = sum(1 for s in rows if s not in expected)
    pending = sum(1 for r in rows.values() if r[1] == "pending")
    state = {"matching": matching, "expected": len(expected), "extra_rows": extra, "pending": pending}
    return matching == len(expected) and extra == 0 and pending == 0, state


def verify_store(data_dir: Path, folder: Path, expected: dict[str, str], chroma: tuple[str, int] | None) -> dict:
    """Chroma vs manifest vs folder, chunk by chunk (watcher stopped), from a client opened now."""
    from rag.index.store import open_client
    from rag.settings import Settings

    host, port = chroma or ("", 8000)
    settings = Settings(data_dir=data_dir, docs_dir=folder, chroma_host=host, chroma_port=port)
    col = open_client(settings).get_collection(settings.collection)
    ids_by_source: dict[str, set[str]] = {}
    pos_seen: dict[tuple[str, int], int] = {}
    hash_by_id: dict[str, str] = {}
    total = col.count()
    got_total = 0
    for offset in range(0, total, 2000):
        got = col.get(include=["metadatas"], limit=2000, offset=offset)
        for cid, meta in zip(got["ids"], got["metadatas"]):
            meta = meta or {}
            src = str(meta.get("source", ""))
            ids_by_source.setdefault(src, set()).add(cid)
            key = (src, int(meta.get("position", -1)))
            pos_seen[key] = pos_seen.get(key, 0) + 1
            hash_by_id[cid] = str(meta.get("doc_hash", ""))
            got_total += 1
    # control for the query worker's probe: can vector search from this fresh client reach every file?
    vec_visible, vec_errors = 0, []
    one = col.get(limit=1, include=["embeddings"])
    if len(one["ids"]):
        probe_vec = [float(x) for x in one["embeddings"][0]]
        for src in sorted(expected):
            try:
                vec_visible += bool(
                    col.query(query_embeddings=[probe_vec], n_results=1, where={"source": src}, include=[])["ids"][0]
                )
            except Exception as exc:
                vec_errors.append(f"{type(exc).__name__}: {exc}"[:300])
    rows = read_manifest(settings.manifest_path)
    lost = []  # folder files not indexed/failed with their current content
    mismatched = []  # indexed rows whose ids differ from Chroma's
    wrong_hash = 0  # chunks whose doc_hash is not the file's current hash
    failed = {}
    for src, h in expected.items():
        row = rows.get(src)
        if row is None or row[0] != h or row[1] not in ("indexed", "failed"):
            lost.append(src)
            continue
        if row[1] == "failed":
            failed[src] = row[6]
            if ids_by_source.get(src):
                mismatched.append(src)
            continue
        ids = ids_by_source.get(src, set())
        if ids != set(json.loads(row[5])) or not ids:
            mismatched.append(src)
        wrong_hash += sum(1 for cid in ids if hash_by_id.get(cid) != h)
    stale_sources = sorted(s for s in ids_by_source if s not in expected)
    stale_chunks = sum(len(ids_by_source[s]) for s in stale_sources)
    duplicates = sum(n - 1 for n in pos_seen.values() if n > 1)
    # what is on disk, read independently of the writer's bookkeeping
    on_disk = {}
    for p in folder.rglob("*"):
        rel = p.relative_to(folder)
        if (
            p.is_file()
            and p.suffix.lower() in DOC_SUFFIXES
            and not any(part.startswith((".", "~$")) or part.endswith((".part", ".tmp")) for part in rel.parts)
        ):
            on_disk[rel.as_posix()] = file_hash(p)
    return {
        "chunks_in_store": total,
        "chunks_read": got_total,
        "chunks_in_manifest": sum(r[2] for r in rows.values() if r[1] == "indexed"),
        "manifest_rows": len(rows),
        "indexed_rows": sum(1 for r in rows.values() if r[1] == "indexed"),
        "failed_rows": len(failed),
        "failed_reasons": sorted(set(failed.values()))[:5],
        "pending_rows": sum(1 for r in rows.values() if r[1] == "pending"),
        "extra_rows": sorted(s for s in rows if s not in expected)[:20],
        "lost": len(lost),
        "lost_examples": lost[:10],
        "mismatched": len(mismatched),
        "mismatched_examples": mismatched[:10],
        "stale_sources": len(stale_sources),
        "stale_chunks": stale_chunks,
        "stale_examples": stale_sources[:10],
        "duplicates": duplicates,
        "wrong_hash_chunks": wrong_hash,
        "disk_equals_writer_state": on_disk == expected,
        "pages_in_index": sum(r[3] for r in rows.values() if r[1] == "indexed"),
        "fresh_client_vector_visible": vec_visible,
        "fresh_client_query_errors": len(vec_errors),
        "fresh_client_query_error_examples": vec_errors[:3],
        "indexed_at": {src: r[4] for src, r in rows.items()},
    }


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------
def stop_process(proc: subprocess.Popen, sig=signal.SIGINT, wait: float = 60) -> tuple[float, int | None]:
    t = time.perf_counter()
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return time.perf_counter() - t, proc.returncode


def watcher_log_counts(log_path: Path) -> dict:
    counts: dict[str, int] = {}
    errors = []
    for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines():
        if " faro.watch: " in line:
            word = line.split(" faro.watch: ", 1)[1].split(" ", 1)[0]
            counts[word] = counts.get(word, 0) + 1
            if "pass failed" in line or "unexpected error" in line:
                errors.append(line[:300])
        elif "Traceback" in line or " ERROR " in line:
            errors.append(line[:300])
    return {"results": counts, "errors": len(errors), "error_examples": errors[:5]}


def rss_at(series: list[tuple[float, int]], frac: float) -> int | None:
    """RSS in MiB of the sample `frac` of the way through a series of (time, kB)."""
    if not series:
        return None
    return series[min(len(series) - 1, int(frac * (len(series) - 1)))][1] // 1024


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=1000, help="files to drop (default 1000)")
    ap.add_argument(
        "--drop-seconds", type=float, default=None, help="spread the drops over this long (default 0.5 s a file)"
    )
    ap.add_argument("--big", action="store_true", help="include every realdocs file, even the 870-page ones")
    ap.add_argument("--realdocs", type=Path, default=REALDOCS)
    ap.add_argument("--real-share", type=float, default=0.02, help="share of drops taken from realdocs (default 0.02)")
    ap.add_argument("--max-pages", type=int, default=60, help="realdocs above this many pages need --big")
    ap.add_argument("--max-mb", type=float, default=2.0, help="realdocs above this size need --big")
    ap.add_argument("--dirs", type=int, default=12, help="top-level sub-folders")
    ap.add_argument("--burst-min", type=int, default=5)
    ap.add_argument("--burst-max", type=int, default=40)
    ap.add_argument("--slow-share", type=float, default=0.05, help="share written slowly in pieces")
    ap.add_argument(
        "--slow-gap", type=float, default=0.6, help="longest pause between pieces (keep < FARO_WATCH_SETTLE)"
    )
    ap.add_argument("--part-share", type=float, default=0.15, help="share written as x.part then renamed")
    ap.add_argument("--rename-frac", type=float, default=0.05)
    ap.add_argument("--delete-frac", type=float, default=0.05)
    ap.add_argument("--overwrite-frac", type=float, default=0.02)
    ap.add_argument("--dir-renames", type=int, default=1, help="rename one whole sub-folder half-way (0: never)")
    ap.add_argument("--query-interval", type=float, default=0.5, help="pause between queries of the worker")
    ap.add_argument("--max-queries", type=int, default=100000)
    ap.add_argument("-k", type=int, default=4)
    ap.add_argument("--timeout", type=float, default=3600, help="bound on the whole run, seconds")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--term-files", type=int, default=40, help="files dropped for the SIGTERM-during-a-pass check (0: skip it)"
    )
    ap.add_argument("--term-after", type=float, default=5.0, help="seconds into that pass before SIGTERM")
    ap.add_argument(
        "--chroma-server",
        action="store_true",
        help="run `faro chroma` on a free loopback port and point every process at it (FARO_CHROMA_HOST)",
    )
    ap.add_argument("--workdir", type=Path, help="work here (default a new /tmp/faro-soak-* folder)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (the index, logs)")
    ap.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = ap.parse_args()
    if args.drop_seconds is None:
        args.drop_seconds = 0.5 * args.files
    return args


class Soak:
    """One soak run: its processes, folders and what it measured, filled in phase by phase (see run())."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.t_start = time.monotonic()
        self.deadline = self.t_start + args.timeout
        self.rng = random.Random(args.seed)
        # the options as given (the SIGTERM phase changes args.slow_share later)
        self.args_record = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}
        self.work = args.workdir or Path(tempfile.mkdtemp(prefix="faro-soak-"))
        self.folder, self.data_dir = self.work / "docs", self.work / "data"
        self.watch_log = self.work / "watch.log"
        self.lock_path = self.data_dir / "writer.lock"
        self.qlog = self.work / "queries.jsonl"
        self.probe_path = self.work / "probe.json"
        self.recent_path = self.work / "recent.json"
        self.chroma: tuple[str, int] | None = None  # (host, port) of `faro chroma`, with --chroma-server
        self.server: subprocess.Popen | None = None
        self.progress: list[dict] = []  # one manifest poll each
        self.gone_at: dict[str, float] = {}  # a deleted file -> when its manifest row was first seen gone
        self.term: dict = {}  # the SIGTERM-during-a-pass figures, when that phase ran

    def say(self, msg: str) -> None:
        print(f"[{time.monotonic() - self.t_start:7.1f}s] {msg}", file=sys.stderr, flush=True)

    # -- the phases, in order ----------------------------------------------------------------------------------
    def run(self) -> int:
        self.prepare_workdir()
        self.make_pool()
        if self.args.chroma_server and not self.start_chroma_server():
            return 2
        if not self.start_watcher():
            return 2
        if not self.start_query_worker():
            return 2
        self.start_sampler()
        self.drop_files()
        self.wait_until_folder_equals_index()
        self.final_probe()
        self.sigterm_during_pass()
        self.stop_watcher()
        self.verify_index()
        self.noop_reindex()
        if self.server:
            stop_process(self.server, signal.SIGINT, wait=30)
        results = self.figures()
        print("\n".join(self.report(results)), flush=True)
        if self.args.json:
            self.args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
        if not self.args.keep and not self.args.workdir:
            shutil.rmtree(self.work, ignore_errors=True)
        return 0 if self.passed(results) else 1

    def prepare_workdir(self) -> None:
        """An empty documents folder, no index and none of an earlier run's logs."""
        work = self.work
        work.mkdir(parents=True, exist_ok=True)
        for p in (self.folder, self.data_dir):
            shutil.rmtree(p, ignore_errors=True)
        for name in (
            "queries.jsonl",
            "probe.json",
            "recent.json",
            "reindex.json",
            "watch.log",
            "chroma.log",
            "query_worker.err",
        ):
            (work / name).unlink(missing_ok=True)
        self.folder.mkdir()
        self.say(f"work folder {work}")

    def make_pool(self) -> None:
        """The files to drop, and the environment every process of the soak gets."""
        args = self.args
        pool, skipped = build_pool(args.big, args.realdocs, args.max_pages, args.max_mb)
        self.pool, self.skipped = pool, skipped
        self.say(
            f"pool: {sum(p.origin == 'sample' for p in pool)} sample + {sum(p.origin == 'real' for p in pool)} "
            f"realdocs files; skipped {skipped}"
        )
        self.env = dict(
            os.environ,
            FARO_DATA_DIR=str(self.data_dir),
            FARO_DOCS_DIR=str(self.folder),
            HF_HUB_OFFLINE="1",
            TRANSFORMERS_OFFLINE="1",
            PYTHONUNBUFFERED="1",
        )

    def start_chroma_server(self) -> bool:
        """`faro chroma` on a free loopback port; every process then uses it (--chroma-server)."""
        import socket
        import urllib.request

        work = self.work
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.chroma = ("127.0.0.1", port)
        self.env.update(FARO_CHROMA_HOST="127.0.0.1", FARO_CHROMA_PORT=str(port))
        server_log = (work / "chroma.log").open("w")
        self.server = server = subprocess.Popen(
            [str(FARO), "chroma"],
            cwd=work,
            env=self.env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        t0 = time.monotonic()
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() - t0 > 120:
                    self.say("chroma server did not start: " + (work / "chroma.log").read_text()[-2000:])
                    return False
                time.sleep(0.5)
        self.say(f"chroma server on 127.0.0.1:{port} (pid {server.pid}) ready in {time.monotonic() - t0:.1f} s")
        return True

    def launch_watcher(self, log_mode: str) -> None:
        """`faro -v watch FOLDER`, as operators run it, its output to watch.log."""
        self.wlog = self.watch_log.open(log_mode)
        self.watcher = subprocess.Popen(
            [str(FARO), "-v", "watch", str(self.folder)],
            cwd=self.work,
            env=self.env,
            stdout=self.wlog,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_watcher(self) -> bool:
        """The watcher, on the empty folder: ready once it logs 'watching' and holds no writer lock."""
        self.launch_watcher("w")
        lock_path = self.lock_path
        self.t_watcher_start = t0 = time.monotonic()
        while time.monotonic() - t0 < 180:
            text = self.watch_log.read_text(errors="replace")
            if "watching" in text and lock_path.exists() and lock_path.stat().st_size == 0:
                break
            if self.watcher.poll() is not None:
                self.say("watcher died:\n" + text[-3000:])
                return False
            time.sleep(0.2)
        self.watcher_ready_s = time.monotonic() - t0
        self.say(f"watcher ready in {self.watcher_ready_s:.1f} s (pid {self.watcher.pid})")
        return True

    def start_query_worker(self) -> bool:
        """The query worker (bench/soak_query_worker.py); ready once it has written its first line."""
        work, qlog = self.work, self.qlog
        cfg = {
            "data_dir": str(self.data_dir),
            "docs_dir": str(self.folder),
            "out": str(qlog),
            "questions": str(ROOT / "sample_corpus" / "questions.jsonl"),
            "probe": str(self.probe_path),
            "k": self.args.k,
            "interval": self.args.query_interval,
            "recent": str(self.recent_path),
            "vis_every": 15,
            "max_queries": self.args.max_queries,
            "max_seconds": max(60.0, self.deadline - time.monotonic()),
        }
        self.worker_err = (work / "query_worker.err").open("w")
        # It runs in the work folder, like the watcher; `bench` is not installed, so ROOT goes on its PYTHONPATH.
        worker_env = dict(self.env, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), self.env.get("PYTHONPATH")])))
        self.worker = worker = subprocess.Popen(
            [str(PYTHON), "-m", "bench.soak_query_worker", json.dumps(cfg)],
            cwd=work,
            env=worker_env,
            stdout=self.worker_err,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        # 240 s from the watcher's start for both to be ready, as before
        while time.monotonic() - self.t_watcher_start < 240 and not (qlog.exists() and qlog.stat().st_size):
            if worker.poll() is not None:
                self.say("query worker died: " + (work / "query_worker.err").read_text()[-3000:])
                stop_process(self.watcher)
                return False
            time.sleep(0.2)
        self.worker_ready = worker_ready = json.loads(qlog.read_text().splitlines()[0])
        self.say(f"query worker ready (model load {worker_ready['load_s']:.1f} s, sees {worker_ready['count']} chunks)")
        return True

    def start_sampler(self) -> None:
        """RSS, CPU and load of the processes, and the writer lock, sampled until the watcher stops."""
        self.stop = threading.Event()
        pids = {"watcher": self.watcher.pid, "worker": self.worker.pid}
        if self.server:
            pids["chroma_server"] = self.server.pid
        self.sampler = Sampler(self.lock_path, pids, self.stop)
        self.sampler.start()

    def poll(self, expected: dict[str, str]) -> tuple[bool, dict]:
        """Read the manifest (read-only): is folder == index; tell the writer and the query worker what is indexed."""
        writer, recent_path = self.writer, self.recent_path
        try:
            rows = read_manifest(self.data_dir / "manifest.sqlite3")
        except sqlite3.Error as exc:
            return False, {"error": str(exc)}
        seen = time.time()
        for ev in list(writer.events):
            if ev["op"] == "delete" and ev["path"] not in self.gone_at and ev["path"] not in rows:
                self.gone_at[ev["path"]] = seen
        ok, state = converged(expected, rows)
        state["t"] = round(time.monotonic() - self.m_first_drop, 1)
        state["chunks"] = sum(r[2] for r in rows.values() if r[1] == "indexed")
        self.progress.append(state)
        indexed = sorted(((r[4], src) for src, r in rows.items() if r[1] == "indexed"), reverse=True)
        writer.indexed = {src for _, src in indexed}
        tmp = recent_path.with_suffix(".tmp")
        tmp.write_text(json.dumps([[src, at] for at, src in indexed[:20]]), encoding="utf-8")
        os.replace(tmp, recent_path)
        return ok, state

    def drop_files(self) -> None:
        """The admins (the Writer, in a thread) drop, rename, delete and overwrite; the manifest is polled."""
        pool = self.pool
        self.writer = writer = Writer(self.folder, pool, self.rng, self.args)
        writer.lock_path = self.lock_path
        self.t_first_drop = time.time()
        self.m_first_drop = time.monotonic()
        writer_thread = threading.Thread(target=writer.run, args=(self.deadline,), daemon=True)
        writer_thread.start()
        last_say = 0.0
        while writer_thread.is_alive():
            writer_thread.join(timeout=2)
            now = time.monotonic()
            with writer.lock:
                snap = {s: pool[i].digest for s, i in writer.files.items()}
            _, state = self.poll(snap)
            if now - last_say >= 30:
                self.say(
                    f"dropping: {len(writer.events)} writer events, index matches "
                    f"{state.get('matching')}/{state.get('expected')}"
                )
                last_say = now
        self.m_writer_done = time.monotonic()
        self.say(f"writer done in {self.m_writer_done - self.m_first_drop:.1f} s: {writer.counts}")

    def wait_converged(self, expected: dict[str, str]) -> float | None:
        """The monotonic time the index first equalled `expected`, or None (deadline, watcher gone)."""
        said = time.monotonic()
        while time.monotonic() < self.deadline:
            ok, state = self.poll(expected)
            now = time.monotonic()
            if ok:
                return now
            if self.watcher.poll() is not None:
                self.say("watcher exited early")
                return None
            if now - said >= 30:
                self.say(
                    f"waiting: index matches {state.get('matching')}/{state.get('expected')}, pending "
                    f"{state.get('pending')}, extra rows {state.get('extra_rows')}"
                )
                said = now
            time.sleep(1.0)
        return None

    def wait_until_folder_equals_index(self) -> None:
        """Every file the admins left has an indexed/failed row with its current hash; no other row, none pending."""
        pool = self.pool
        self.expected = {s: pool[i].digest for s, i in self.writer.files.items()}
        self.t_converged = self.wait_converged(self.expected)
        self.converge_s = converge_s = (self.t_converged - self.m_first_drop) if self.t_converged else None
        self.say(f"folder == index after {converge_s if converge_s is None else round(converge_s, 1)} s")

    def final_probe(self) -> None:
        """What the long-running query process sees now; then it stops."""
        probe_sources = sorted(self.expected)
        self.probe_path.write_text(json.dumps({"sources": probe_sources}), encoding="utf-8")
        try:
            self.worker.wait(timeout=max(30.0, min(300.0, self.deadline - time.monotonic())))
        except subprocess.TimeoutExpired:
            self.say("query worker did not finish its probe; stopping it")
        self.worker_stop_s, self.worker_rc = stop_process(self.worker, signal.SIGTERM, wait=10)

    def sigterm_during_pass(self) -> None:
        """SIGTERM in the middle of a pass, then a restart that finishes its work."""
        args, writer, rng, pool = self.args, self.writer, self.rng, self.pool
        if not (args.term_files and self.t_converged is not None):
            return
        args.slow_share = 0.0  # whole files at once: the pass starts as soon as the events settle
        t_drop = time.time()
        base = getattr(writer, "dropped", 0)
        for i in range(args.term_files):
            writer.drop(base + i, rng.choice(writer.dirs))
        writer.dropped = base + args.term_files
        began = None
        t0 = time.monotonic()
        while began is None and time.monotonic() - t0 < 120:
            began = next((since for since in list(self.sampler.passes) if since >= t_drop), None)
            time.sleep(0.1)
        if began is None:
            self.say("no pass began after the SIGTERM drop")
            return
        time.sleep(max(0.0, args.term_after - (time.time() - began)))
        held = self.lock_path.stat().st_size > 0
        into = time.time() - began
        term_s, term_rc = stop_process(self.watcher, signal.SIGTERM, wait=60)
        done_then = sum(
            1
            for src, row in read_manifest(self.data_dir / "manifest.sqlite3").items()
            if row[1] == "indexed" and writer.created.get(src, 0) >= t_drop
        )
        self.say(
            f"SIGTERM {into:.1f} s into a pass (lock held: {held}): watcher stopped in {term_s:.2f} s, exit {term_rc}; "
            f"{done_then} of {args.term_files} new files indexed by then"
        )
        t_restart = time.monotonic()
        self.launch_watcher("a")
        self.sampler.pids["watcher"] = self.watcher.pid
        self.expected = {s: pool[i].digest for s, i in writer.files.items()}
        t_again = self.wait_converged(self.expected)
        self.term = {
            "files": args.term_files,
            "sent_s_into_pass": round(into, 1),
            "lock_held_when_sent": held,
            "stop_s": round(term_s, 2),
            "exit_code": term_rc,
            "indexed_before_stop": done_then,
            "restart_to_folder_eq_index_s": round(t_again - t_restart, 1) if t_again else None,
        }
        if t_again is None:
            self.t_converged = None

    def stop_watcher(self) -> None:
        """SIGINT, as operators stop it; the sampler stops with it."""
        self.watcher_stop_s, self.watcher_rc = stop_process(self.watcher, signal.SIGINT, wait=60)
        self.stop.set()
        self.sampler.join(timeout=5)
        self.wlog.close()
        self.worker_err.close()
        self.say(f"watcher stopped in {self.watcher_stop_s:.1f} s (exit {self.watcher_rc})")

    def verify_index(self) -> None:
        """Chroma against the manifest and the folder, chunk by chunk, from a client opened now."""
        self.verify = verify_store(self.data_dir, self.folder, self.expected, self.chroma)
        self.say("verified the store")

    def noop_reindex(self) -> None:
        """`faro reindex` of the unchanged folder, timed; then once more in-process: was a model loaded?"""
        work, env, folder = self.work, self.env, self.folder
        report_path = work / "reindex.json"
        t = time.perf_counter()
        self.rp = subprocess.run(
            [str(FARO), "reindex", str(folder), "--report", str(report_path), "--wait", "30"],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=max(60.0, self.deadline - time.monotonic() + 600),
        )
        self.reindex_wall = time.perf_counter() - t
        try:
            rep = json.loads(report_path.read_text())
        except (OSError, ValueError):
            rep = {}
        self.rep = rep
        self.reindex_changes = {
            k: rep.get(k) for k in ("added", "updated", "renamed", "deleted", "repaired", "failed", "unchanged")
        }
        # the same no-op once more, in-process through cli.main, to see whether a model was loaded
        check = (
            "import sys, time, json; t = time.perf_counter(); from app import cli; "
            "rc = cli.main(['reindex', sys.argv[1], '--wait', '30']); "
            "print(json.dumps({'rc': rc, 'seconds': time.perf_counter() - t, "
            "'sentence_transformers_loaded': 'sentence_transformers' in sys.modules, "
            "'torch_loaded': 'torch' in sys.modules}))"
        )
        t = time.perf_counter()
        rc2 = subprocess.run(
            [str(PYTHON), "-c", check, str(folder)],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        self.reindex2_wall = time.perf_counter() - t
        try:
            self.model_check = json.loads(rc2.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            self.model_check = {"error": (rc2.stdout + rc2.stderr)[-500:]}

    # -- figures -----------------------------------------------------------------------------------------------
    def read_query_log(self) -> tuple[list[dict], list[str], list[tuple[float, int]], list[dict], dict]:
        """The worker's queries, their errors, the chunk counts it saw, its visibility checks and final probe."""
        t_first_drop = self.t_first_drop
        queries, q_errors, counts, vis = [], [], [], []
        probe = {}
        for line in self.qlog.read_text().splitlines():
            ev = json.loads(line)
            if ev["event"] == "vis":
                vis.append(ev)
            elif ev["event"] == "q":
                queries.append(ev)
                if "err" in ev:
                    q_errors.append(ev["err"])
                if "count" in ev:
                    counts.append((ev["t"] - t_first_drop, ev["count"]))
            elif ev["event"] == "probe":
                probe = ev
        return queries, q_errors, counts, vis, probe

    def vector_visibility(self, vis: list[dict]) -> tuple[dict[str, list[int]], list[str], float | None]:
        """During the soak, could the query process's search reach recently indexed files? By age."""
        writer, t_first_drop = self.writer, self.t_first_drop
        went_away = set()
        for ev in writer.events:
            if ev["op"] in ("delete", "rename"):
                went_away.add(ev["path"])
            elif ev["op"] == "rename_dir":
                went_away |= {x for x in writer.created if x.startswith(ev["path"] + "/")} | {ev["path"]}
        buckets = {"<10s": [0, 0], "10-60s": [0, 0], "60-300s": [0, 0], ">300s": [0, 0]}
        vis_errors, vis_last_ok = [], None
        for ev in vis:
            for src, at, ok, err in ev["items"]:
                if src in went_away or any(src.startswith(d + "/") for d in went_away):
                    continue
                if err:
                    vis_errors.append(err)
                age = ev["t"] - at
                b = "<10s" if age < 10 else "10-60s" if age < 60 else "60-300s" if age < 300 else ">300s"
                buckets[b][0] += ok
                buckets[b][1] += 1
                if ok:
                    vis_last_ok = max(vis_last_ok or 0, ev["t"] - t_first_drop)
        return buckets, vis_errors, vis_last_ok

    def figures(self) -> dict:
        """Every figure of the run, as written to --json."""
        # the phases' results under short names
        args, writer, sampler, pool, skipped = self.args, self.writer, self.sampler, self.pool, self.skipped
        expected, verify, term, work, progress = self.expected, self.verify, self.term, self.work, self.progress
        t_first_drop, t_converged, converge_s = self.t_first_drop, self.t_converged, self.converge_s
        m_first_drop, m_writer_done, gone_at = self.m_first_drop, self.m_writer_done, self.gone_at
        worker_ready, worker_rc = self.worker_ready, self.worker_rc
        watcher_ready_s, watcher_stop_s, watcher_rc = self.watcher_ready_s, self.watcher_stop_s, self.watcher_rc
        rp, rep, reindex_changes, reindex_wall = self.rp, self.rep, self.reindex_changes, self.reindex_wall
        reindex2_wall, model_check = self.reindex2_wall, self.model_check

        queries, q_errors, counts, vis, probe = self.read_query_log()
        soak_end = time.time() - (time.monotonic() - t_converged) if t_converged else time.time()
        soak_q = [q for q in queries if t_first_drop <= q["t"] <= soak_end]
        lat = [q["lat"] * 1000 for q in soak_q if "err" not in q]
        with_hits = [q for q in soak_q if q["src"]]
        # visibility: hits naming a file that came into existence (under that name) after the worker opened its client
        fresh = {s for s, c in writer.created.items() if c > worker_ready["t"]}
        fresh_hits = sum(1 for q in soak_q for s in q["src"] if s in fresh)
        all_hits = sum(len(q["src"]) for q in soak_q)
        # a hit whose chunk id has no metadata any more (deleted or moved since the reader loaded its vectors) comes
        # back with source '' (Chunk.from_metadata of None): a passage nobody can cite
        blank_hits = sum(1 for q in soak_q for s in q["src"] if s == "")
        blank_queries = sum(1 for q in soak_q if "" in q["src"])
        first_hit_t = min((q["t"] - t_first_drop for q in with_hits), default=None)
        newest_seen = max(
            (writer.created.get(s, 0) - t_first_drop for q in soak_q for s in q["src"] if s in writer.created),
            default=None,
        )
        final_sources = set(expected)
        probe_hits = probe.get("hit_sources", [])
        probe_ghosts = sum(1 for s in probe_hits if s not in final_sources)
        probe_blank = sum(1 for s in probe_hits if s == "")

        buckets, vis_errors, vis_last_ok = self.vector_visibility(vis)
        indexed_at = verify.pop("indexed_at")
        invisible = probe.get("invisible", [])
        inv_at = [indexed_at[x] - t_first_drop for x in invisible if x in indexed_at]
        vis_at = [indexed_at[x] - t_first_drop for x in expected if x in indexed_at and x not in set(invisible)]
        # query errors over the soak, by quarter of the time from first drop to folder == index
        span = (soak_end - t_first_drop) or 1
        err_quarters = [0, 0, 0, 0]
        for q in soak_q:
            if "err" in q:
                err_quarters[min(3, int(4 * (q["t"] - t_first_drop) / span))] += 1
        last_err = max((q["t"] - t_first_drop for q in queries if "err" in q), default=None)

        # how long from a file's last change (drop, rename, overwrite) until its row was written
        lags = [indexed_at[x] - writer.changed[x] for x in expected if x in indexed_at and x in writer.changed]
        # how long a deleted file (indexed when deleted) stayed in the index: its row goes after its chunks
        deletes = [ev for ev in writer.events if ev["op"] == "delete" and ev.get("indexed")]
        leave = [gone_at[ev["path"]] - ev["t"] for ev in deletes if ev["path"] in gone_at]
        leave_in_pass = [gone_at[ev["path"]] - ev["t"] for ev in deletes if ev.get("in_pass") and ev["path"] in gone_at]
        never_left = [ev["path"] for ev in deletes if ev["path"] not in gone_at]
        passes = sorted((a, b) for a, b in sampler.passes.values() if a >= t_first_drop - 1)
        holds = [b - a for a, b in passes]
        busy_j = sampler.machine_end[0] - sampler.machine_start[0]
        total_j = sampler.machine_end[1] - sampler.machine_start[1]
        ncpu = os.cpu_count() or 1
        wall = time.monotonic() - self.t_start
        ours_cpu = sum(sampler.cpu.values())
        machine_busy_cpu_s = busy_j / CLK_TCK
        elapsed_cpu_s = total_j / CLK_TCK / ncpu
        dropped = getattr(writer, "dropped", 0)
        rss_w = [v for _, v in sampler.rss["watcher"]]
        rss_q = [v for _, v in sampler.rss["worker"]]

        wlc = watcher_log_counts(self.watch_log)
        return {
            "conditions": {
                "cpus": ncpu,
                "mem_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
                "load_avg_mean": round(sum(sampler.load) / len(sampler.load), 2) if sampler.load else None,
                "load_avg_max": max(sampler.load) if sampler.load else None,
                "machine_busy_cpu_pct": round(100 * busy_j / total_j, 1) if total_j else None,
                "our_cpu_s": round(ours_cpu, 1),
                "machine_busy_cpu_s": round(machine_busy_cpu_s, 1),
                "other_processes_cpu_s": round(machine_busy_cpu_s - ours_cpu, 1),
                "sampled_over_s": round(elapsed_cpu_s, 1),
            },
            "args": self.args_record,
            "pool": {
                "sample_files": sum(p.origin == "sample" for p in pool),
                "real_files": sum(p.origin == "real" for p in pool),
                "real_skipped": skipped,
                "copies": "byte-identical to their pool file",
            },
            "files_dropped": dropped,
            "writer_counts": writer.counts,
            "files_in_folder_at_end": len(expected),
            "pages_written": writer.pages_written,
            "pages_written_includes_docx_estimates": writer.pages_est,
            "pages_in_index": verify["pages_in_index"],
            "drop_phase_s": round(m_writer_done - m_first_drop, 1),
            "first_drop_to_folder_eq_index_s": round(converge_s, 1) if converge_s else None,
            "files_per_s": round(dropped / converge_s, 2) if converge_s else None,
            "pages_per_s": round(writer.pages_written / converge_s, 2) if converge_s else None,
            "verify": verify,
            "deleted_files_leave_index_s": {
                "deletes_of_indexed_files": len(deletes),
                "during_a_pass": sum(1 for ev in deletes if ev.get("in_pass")),
                "p50": round(pct(leave, 0.5), 1) if leave else None,
                "p95": round(pct(leave, 0.95), 1) if leave else None,
                "max": round(max(leave), 1) if leave else None,
                "max_of_those_during_a_pass": round(max(leave_in_pass), 1) if leave_in_pass else None,
                "over_60s": sum(1 for x in leave if x > 60),
                "never_left": len(never_left),
                "resolution_s": 2.0,
            },
            "sigterm_during_pass": term,
            "index_lag_s": {
                "p50": round(pct(lags, 0.5), 1) if lags else None,
                "p95": round(pct(lags, 0.95), 1) if lags else None,
                "max": round(max(lags), 1) if lags else None,
            },
            "watcher": {
                "ready_s": round(watcher_ready_s, 1),
                "rss_peak_mib": round(max(sampler.hwm.get("watcher", 0), max(rss_w, default=0)) / 1024, 1),
                "rss_mib_at_25_50_75_100pct": [rss_at(sampler.rss["watcher"], f) for f in (0.25, 0.5, 0.75, 1.0)],
                "cpu_s": round(sampler.cpu.get("watcher", 0), 1),
                "cpu_s_per_page": round(sampler.cpu.get("watcher", 0) / writer.pages_written, 3)
                if writer.pages_written
                else None,
                "passes": len(holds),
                "lock_held_s_total": round(sum(holds), 1),
                "longest_pass_s": round(max(holds), 1) if holds else None,
                "pass_s_p50": round(pct(holds, 0.5), 1) if holds else None,
                "first_pass_start_after_first_drop_s": round(passes[0][0] - t_first_drop, 1) if passes else None,
                "passes_detail_start_s_duration_s": [(round(a - t_first_drop, 1), round(b - a, 1)) for a, b in passes],
                "log_results": wlc["results"],
                "log_errors": wlc["errors"],
                "log_error_examples": wlc["error_examples"],
                "stop_s": round(watcher_stop_s, 2),
                "exit_code": watcher_rc,
            },
            "queries": {
                "during_soak": len(soak_q),
                "total": len(queries),
                "errors": len(q_errors),
                "error_examples": sorted(set(q_errors))[:5],
                "p50_ms": round(pct(lat, 0.5), 1) if lat else None,
                "p95_ms": round(pct(lat, 0.95), 1) if lat else None,
                "max_ms": round(max(lat), 1) if lat else None,
                "interval_s": args.query_interval,
                "worker_model_load_s": round(worker_ready["load_s"], 1),
                "with_hits": len(with_hits),
                "empty": len(soak_q) - len(with_hits),
                "hits_with_blank_source": blank_hits,
                "queries_with_a_blank_source_hit": blank_queries,
                "hits_total": all_hits,
                "hits_on_files_added_after_worker_start": fresh_hits,
                "first_nonempty_result_after_first_drop_s": round(first_hit_t, 1) if first_hit_t is not None else None,
                "newest_file_seen_created_at_s": round(newest_seen, 1) if newest_seen is not None else None,
                "visible_chunk_count_over_time": [(round(t, 0), c) for t, c in counts[:: max(1, len(counts) // 12)]][
                    :14
                ],
                "errors_by_quarter_of_soak": err_quarters,
                "last_error_after_first_drop_s": round(last_err, 1) if last_err is not None else None,
                "vector_visibility_during_soak": {k: f"{v[0]}/{v[1]}" for k, v in buckets.items()},
                "vector_visibility_errors": len(vis_errors),
                "vector_visibility_error_examples": sorted(set(vis_errors))[:3],
                "last_visible_recent_file_at_s": round(vis_last_ok, 1) if vis_last_ok is not None else None,
                "worker_rss_peak_mib": round(max(sampler.hwm.get("worker", 0), max(rss_q, default=0)) / 1024, 1),
                "worker_cpu_s": round(sampler.cpu.get("worker", 0), 1),
                "final_probe": {
                    k: probe.get(k)
                    for k in ("count", "sources_asked", "sources_in_metadata", "sources_vector_visible", "err")
                }
                | {
                    "probe_errors": len(probe.get("probe_errors") or []),
                    "probe_error_examples": sorted(set(probe.get("probe_errors") or []))[:3],
                    "invisible_indexed_at_s": [round(min(inv_at), 1), round(max(inv_at), 1)] if inv_at else None,
                    "visible_indexed_at_s": [round(min(vis_at), 1), round(max(vis_at), 1)] if vis_at else None,
                }
                | {
                    "hits": len(probe_hits),
                    "ghost_hits": probe_ghosts,
                    "blank_source_hits": probe_blank,
                    "query_errors": len(probe.get("query_errors", []) or []),
                    "query_error_examples": (probe.get("query_errors") or [])[:3],
                },
                "exit_code": worker_rc,
            },
            "reindex_noop": {
                "cli_wall_s": round(reindex_wall, 2),
                "reported_s": rep.get("seconds"),
                "exit_code": rp.returncode,
                "changes": reindex_changes,
                "stdout_tail": rp.stdout[-300:],
                "stderr_tail": rp.stderr[-500:],
                "second_run_wall_s": round(reindex2_wall, 2),
                "second_run": model_check,
            },
            "progress": progress[:: max(1, len(progress) // 60)],
            "workdir": str(work),
            "total_wall_s": round(wall, 1),
        }

    def report(self, results: dict) -> list[str]:
        """The printed lines: one per group of figures."""
        args, writer, skipped, expected, term = self.args, self.writer, self.skipped, self.expected, self.term
        chroma, sampler, work = self.chroma, self.sampler, self.work
        dropped = results["files_dropped"]
        c, w, q, r, v = (
            results["conditions"],
            results["watcher"],
            results["queries"],
            results["reindex_noop"],
            results["verify"],
        )
        mode = (
            "Chroma server (faro chroma) on loopback, every process a client"
            if chroma
            else "embedded Chroma PersistentClient in each process"
        )
        lines = [
            f"command: {' '.join([Path(sys.argv[0]).name] + sys.argv[1:])}",
            f"machine: {c['cpus']} CPUs, {c['mem_gib']} GiB; load avg mean {c['load_avg_mean']} max "
            f"{c['load_avg_max']}; machine CPU busy {c['machine_busy_cpu_pct']}% ({c['other_processes_cpu_s']} CPU-s "
            f"by other processes, {c['our_cpu_s']} by watcher+worker)",
            f"pool: {results['pool']['sample_files']} sample_corpus + {results['pool']['real_files']} realdocs files "
            f"(real share {args.real_share}); copies byte-identical; skipped realdocs: {len(skipped)}",
            f"files dropped: {dropped} ({writer.counts['copy']} copy, {writer.counts['part_rename']} .part+rename, "
            f"{writer.counts['slow']} slow in pieces) over {results['drop_phase_s']} s",
            f"changes while arriving: {writer.counts['rename']} renames ({writer.counts['rename_across']} across "
            f"sub-folders) + {writer.counts['dir_rename']} sub-folder rename ({writer.counts['dir_rename_files']} "
            f"files), {writer.counts['delete']} deletes, {writer.counts['overwrite']} overwrites, "
            f"{writer.counts['noise']} lock/partial/hidden files",
            f"files in folder at end: {len(expected)}",
            "pages written (drops + overwrites): "
            f"{writer.pages_written}{' (DOCX pages estimated)' if writer.pages_est else ''}; pages in index at end: "
            f"{v['pages_in_index']} (PDF pages only)",
            f"first drop to folder == index: {results['first_drop_to_folder_eq_index_s']} s",
            f"throughput: {results['files_per_s']} files/s, {results['pages_per_s']} pages/s",
            f"lag from a file's last change to its manifest row: p50 {results['index_lag_s']['p50']} s, p95 "
            f"{results['index_lag_s']['p95']} s, max {results['index_lag_s']['max']} s",
            "deleted files leave the index (deleted while indexed: "
            f"{results['deleted_files_leave_index_s']['deletes_of_indexed_files']}, "
            f"{results['deleted_files_leave_index_s']['during_a_pass']} of them during a pass): p50 "
            f"{results['deleted_files_leave_index_s']['p50']} s, p95 {results['deleted_files_leave_index_s']['p95']} "
            f"s, max {results['deleted_files_leave_index_s']['max']} s (max of those deleted during a pass "
            f"{results['deleted_files_leave_index_s']['max_of_those_during_a_pass']} s); over 60 s: "
            f"{results['deleted_files_leave_index_s']['over_60s']}; never left: "
            f"{results['deleted_files_leave_index_s']['never_left']} (manifest polled every 2 s)",
            f"SIGTERM during a pass: {term if term else 'not run'}",
            f"lost: {v['lost']}  duplicates: {v['duplicates']}  stale: {v['stale_sources']} sources / "
            f"{v['stale_chunks']} chunks  id mismatches: {v['mismatched']}  wrong-hash chunks: "
            f"{v['wrong_hash_chunks']}  pending: {v['pending_rows']}  extra manifest rows: {len(v['extra_rows'])}",
            f"index: {v['chunks_in_store']} chunks in Chroma, {v['chunks_in_manifest']} in manifest; "
            f"{v['indexed_rows']} indexed + {v['failed_rows']} failed rows "
            f"{v['failed_reasons'] if v['failed_rows'] else ''}; disk == writer's intent: "
            f"{v['disk_equals_writer_state']}",
            f"watcher: RSS peak {w['rss_peak_mib']} MiB (at 25/50/75/100% of the run: "
            f"{w['rss_mib_at_25_50_75_100pct']} MiB); CPU {w['cpu_s']} s ({w['cpu_s_per_page']} CPU-s/page)",
            f"watcher passes: {w['passes']} (writer lock held {w['lock_held_s_total']} s in all; longest pass "
            f"{w['longest_pass_s']} s, median {w['pass_s_p50']} s; first pass began "
            f"{w['first_pass_start_after_first_drop_s']} s after the first drop)",
            f"watcher per-file results (log): {w['log_results']}; log errors: {w['log_errors']}; stopped by SIGINT in "
            f"{w['stop_s']} s, exit {w['exit_code']}",
            f"mode: {mode}",
            f"queries during soak: {q['during_soak']} (interval {q['interval_s']} s), errors: {q['errors']} (by "
            f"quarter of the soak: {q['errors_by_quarter_of_soak']}; last {q['last_error_after_first_drop_s']} s after "
            f"the first drop){' e.g. ' + repr(q['error_examples'][0][:160]) if q['errors'] else ''}",
            f"query latency during soak: p50 {q['p50_ms']} ms, p95 {q['p95_ms']} ms, max {q['max_ms']} ms",
            f"query visibility: {q['with_hits']} of {q['during_soak']} queries returned hits; "
            f"{q['hits_on_files_added_after_worker_start']} of {q['hits_total']} hits name files added after the query "
            f"process opened Chroma; first non-empty result {q['first_nonempty_result_after_first_drop_s']} s after "
            f"the first drop; newest file seen was created {q['newest_file_seen_created_at_s']} s after the first "
            f"drop; {q['hits_with_blank_source']} hits in {q['queries_with_a_blank_source_hit']} queries came back "
            "with an empty source (chunk deleted or moved since the reader loaded its vectors)",
            f"query process chunk count over time (s after first drop, count): {q['visible_chunk_count_over_time']}",
            "vector visibility during soak (recently indexed files reachable by a filtered search in the query "
            f"process, by age): {q['vector_visibility_during_soak']}; errors {q['vector_visibility_errors']}; last "
            f"success {q['last_visible_recent_file_at_s']} s after first drop",
            f"final probe of the long-running query process: count() {q['final_probe']['count']} chunks (store has "
            f"{v['chunks_in_store']}); {q['final_probe']['sources_in_metadata']}/{q['final_probe']['sources_asked']} "
            "folder files in its metadata, "
            f"{q['final_probe']['sources_vector_visible']}/{q['final_probe']['sources_asked']} reachable by vector "
            f"search (visible ones indexed at {q['final_probe']['visible_indexed_at_s']} s, invisible at "
            f"{q['final_probe']['invisible_indexed_at_s']} s after first drop); {q['final_probe']['ghost_hits']} of "
            f"{q['final_probe']['hits']} hits not on a folder file ({q['final_probe']['blank_source_hits']} with an "
            f"empty source); {q['final_probe']['query_errors']} query errors, {q['final_probe']['probe_errors']} probe "
            f"errors{', error ' + str(q['final_probe']['err']) if q['final_probe'].get('err') else ''}",
            f"control, a fresh client after the watcher stopped: {v['fresh_client_vector_visible']}/{len(expected)} "
            f"folder files reachable by vector search, {v['fresh_client_query_errors']} errors",
            f"query worker: RSS peak {q['worker_rss_peak_mib']} MiB, CPU {q['worker_cpu_s']} s, model load "
            f"{q['worker_model_load_s']} s"
            + (
                f"; chroma server: RSS peak {round(sampler.hwm.get('chroma_server', 0) / 1024, 1)} MiB, CPU "
                f"{round(sampler.cpu.get('chroma_server', 0), 1)} s"
                if chroma
                else ""
            ),
            f"no-op reindex of {len(expected)} files: CLI wall {r['cli_wall_s']} s, reported {r['reported_s']} s, exit "
            f"{r['exit_code']}, changes {r['changes']}",
            f"no-op reindex again in-process: {r['second_run']}",
            f"total wall time: {results['total_wall_s']} s; work folder "
            f"{work}{' (kept)' if args.keep else ' (removed)'}",
        ]
        return lines

    def passed(self, results: dict) -> bool:
        """Folder == index reached with nothing lost, stale, duplicated or mismatched, no query failed,
        deleted files left the index within a minute and the watcher stopped promptly on SIGTERM."""
        v, q, term = results["verify"], results["queries"], results["sigterm_during_pass"]
        slow_leave = (
            results["deleted_files_leave_index_s"]["over_60s"] or results["deleted_files_leave_index_s"]["never_left"]
        )
        slow_stop = bool(term) and (term["stop_s"] > 10 or term["exit_code"] not in (0, -signal.SIGTERM))
        return (
            self.t_converged is not None
            and not slow_leave
            and not slow_stop
            and v["lost"] == 0
            and v["duplicates"] == 0
            and v["stale_chunks"] == 0
            and v["mismatched"] == 0
            and not q["errors"]
            and not q["hits_with_blank_source"]
            and not q["final_probe"]["ghost_hits"]
        )


def main() -> int:
    return Soak(parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())
