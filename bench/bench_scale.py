"""Search at scale: hybrid search latency, memory and HNSW recall@10 with 100,000 chunks.

    .venv/bin/python -m bench.bench_scale [--chunks 100000] [--data-dir /tmp/faro-scale] [--rebuild]
        [--embed-model packaged:multilingual-e5-small] [--real N] [--rounds N] [--embed-threads 0,1]
        [--ef-search 10,50,100,200] [--variants 100x16,200x32] [--skip-latency] [--skip-recall]

Embedding 100k real chunks takes hours on this CPU, so the index is synthesized from real ones:

1. Real chunks: every PDF/DOCX of the shared realdocs corpus (20 policy documents, English and
   Spanish; `ROOT.parent/shared/corpora/realdocs`, else /work/shared/...; skipped cleanly when
   absent) is parsed and chunked by Faro's own ingest code and embedded with the configured
   embedder (`--real N` caps how many, taken round-robin over the documents). Chunks and vectors
   are cached under the data dir, and saved as they are embedded: a rerun does not embed again.
2. Synthetic chunks up to `--chunks`: ~`--files` files (default chunks/100), each a contiguous run
   of one real document's chunks (so language and doc_type follow the origin), spread over a
   folder tree with Zipf-like sizes; one folder (`legal/archive`) holds `--rare-share` (1%) of the
   chunks. Text = the origin text with `--vary` (10%) of its words (4+ letters) replaced by random
   words of the same language's vocabulary: FTS5 gets realistic postings, and copies stay below
   the duplicate-folding threshold (3-word shingle Jaccard ~0.57 < 0.8). Vector = origin vector +
   isotropic Gaussian noise, renormalized, with sigma chosen so that cos(copy, origin) =
   `--copy-cosine` (0.95): a copy is as close to its origin as a reworded paragraph or another
   version of the same policy, copies of one origin sit at ~0.90 to each other, and the noise on a
   query's score (~0.017) is of the order of the gaps between neighbouring passages, so the
   nearest-neighbour order stays a real problem for HNSW. Much less noise would make ~33 near-
   identical vectors per origin (pathological for HNSW, and unlike real corpora); much more would
   make vectors that no real question resembles.
3. Every file is written through Faro's own `DocumentIndex.replace` (manifest row pending -> Chroma
   `ChromaStore.replace_source` -> manifest row + FTS5 keyword rows in one transaction), so the
   index is exactly what `faro ingest` would leave. The real documents themselves are among the
   files, unchanged. The index is kept in `--data-dir` and reused unless `--rebuild` (or a build
   parameter changed).

Then, in a fresh child process with the default settings (models loaded, warm): p50/p95 of the
full `Retriever.search` for each question of sample_corpus/questions.jsonl, `--rounds` times, with
no filter, language=en, doc_type=pdf and the rare folder (which exercises Chroma's `where`
fallback), with a breakdown by stage, how often the fallback ran, the cost of
`KeywordIndex.folders()`, direct Chroma query times, and the process's RSS (ru_maxrss, VmRSS).
Last, recall@10 of the HNSW stage against exact (numpy) cosine search over every stored vector,
for several ef_search values and HNSW build settings, on the real chunks alone and at full scale.

Chroma 1.5.9 notes (measured here): `collection.modify(configuration={"hnsw": {"ef_search": n}})`
is persisted but a process that has the index open keeps searching with the old value until its
client is reopened (the bench clears Chroma's client cache between settings); and
`get_or_create_collection(configuration=...)` ignores the configuration for an existing collection.
Load average and other processes' CPU are printed with every timing: this machine is shared.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rag.settings import Settings  # light: models and chromadb load lazily below

ROOT = Path(__file__).resolve().parent.parent

QUESTIONS = ROOT / "sample_corpus" / "questions.jsonl"
RARE_FOLDER = "legal/archive"
# A folder tree: (folder, weight). Sizes are uneven, as on a real share.
FOLDERS = [
    ("hr/policies", 12),
    ("hr/handbooks", 8),
    ("hr/benefits", 6),
    ("hr/recruitment", 4),
    ("hr/confidential", 2),
    ("finance/policies", 8),
    ("finance/procedures", 6),
    ("finance/forms", 3),
    ("finance/audit/2023", 2),
    ("finance/audit/2024", 2),
    ("it/security", 9),
    ("it/operations", 5),
    ("it/standards", 3),
    ("legal/contracts", 6),
    ("legal/regulations", 5),
    ("compliance", 6),
    ("compliance/risk", 4),
    ("health-safety", 6),
    ("health-safety/procedures", 4),
    ("operations/site-north", 4),
    ("operations/site-south", 4),
    ("operations/site-east", 3),
    ("procurement", 4),
    ("quality/manuals", 4),
    ("quality/procedures", 3),
    ("strategy/plans", 4),
    ("strategy/reports", 3),
    ("facilities", 2),
    ("training", 3),
    ("", 2),
]
_WORD = re.compile(r"\b[^\W\d_]{4,}\b", re.UNICODE)


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------
def log(msg: str) -> None:
    print(msg, flush=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def loadavg() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def machine_cpu() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine since boot."""
    vals = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = vals[3] + (vals[4] if len(vals) > 4 else 0)
    return sum(vals) - idle, sum(vals)


class CpuWindow:
    """How busy the machine was over a stretch, and how much of that was this process."""

    def __init__(self):
        self.m0, self.t0, self.w0 = machine_cpu(), os.times(), time.monotonic()
        self.load0 = loadavg()

    def report(self) -> str:
        (b0, tot0), (b1, tot1) = self.m0, machine_cpu()
        t1 = os.times()
        tick = os.sysconf("SC_CLK_TCK")
        wall = time.monotonic() - self.w0
        cores = os.cpu_count() or 1
        busy_cores = (b1 - b0) / max(1, tot1 - tot0) * cores
        own = ((t1.user - self.t0.user) + (t1.system - self.t0.system)) / max(wall, 1e-9)
        return (
            f"load average {self.load0} -> {loadavg()}; machine busy {busy_cores:.2f} of {cores} cores, "
            f"this process {own:.2f}, others {max(0.0, busy_cores - own):.2f} "
            f"(over {wall:.0f} s; {1 / tick:.2f} s jiffies)"
        )


def proc_status() -> dict[str, int]:
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, val = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(val.split()[0])  # kB
    return out


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "x"


def find_realdocs(given: Path | None) -> Path | None:
    for cand in ([given] if given else []) + [
        ROOT.parent / "shared" / "corpora" / "realdocs",
        Path("/work/shared/corpora/realdocs"),
    ]:
        if cand and cand.is_dir() and any(cand.glob("*.pdf")):
            return cand
    return None


def questions() -> list[str]:
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    return [json.loads(ln)["question"] for ln in lines if ln.strip()]


def settings_for(index_dir: Path, model: str, embed_threads: int | None = None) -> Settings:
    # The defaults, with only where the index lives and (if asked) the model and its threads
    # changed; an embedded index always, whatever FARO_CHROMA_HOST says.
    extra = {} if embed_threads is None else {"embed_threads": embed_threads}
    return Settings(data_dir=index_dir, embed_model=model, chroma_host="", **extra)


def chroma_client(path: Path):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


def reset_chroma_cache() -> None:
    """Forget every open Chroma client of this process (needed for a changed ef_search to apply)."""
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


# --------------------------------------------------------------------------------------------
# 1. real chunks and their embeddings (cached)
# --------------------------------------------------------------------------------------------
def real_chunks(realdocs: Path, cache: Path, embedder, settings: Settings) -> list[dict]:
    """Every chunk of the realdocs, parsed and chunked by Faro's ingest code (cached as JSONL)."""
    path = cache / "chunks.jsonl"
    if path.is_file():
        return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    from ingest.chunk import chunk_budget, chunk_document, document_language
    from ingest.parse import parse_file
    from ingest.pipeline import file_hash
    from rag.errors import UnreadableFile

    size = chunk_budget(embedder.max_tokens, settings.chunk_tokens)
    out: list[dict] = []
    t0 = time.perf_counter()
    for f in sorted(p for p in realdocs.iterdir() if p.suffix.lower() in (".pdf", ".docx")):
        t = time.perf_counter()
        try:
            doc = parse_file(f)
        except UnreadableFile as exc:
            log(f"  realdocs {f.name}: skipped ({exc})")
            continue
        chunks = chunk_document(
            doc,
            source=f.name,
            doc_hash=file_hash(f),
            language=document_language(doc),
            count_tokens=embedder.count_tokens,
            size=size,
            overlap=settings.chunk_overlap,
        )
        for c in chunks:
            out.append(
                {
                    "doc": f.name,
                    "title": c.title,
                    "text": c.text,
                    "position": c.position,
                    "page": c.page,
                    "section": c.section,
                    "language": c.language,
                    "doc_hash": c.doc_hash,
                    "doc_type": c.doc_type,
                    "pages": doc.pages,
                }
            )
        log(
            f"  realdocs {f.name}: {len(chunks)} chunks, {doc.pages} pages, {chunks[0].language if chunks else '-'}"
            f" ({time.perf_counter() - t:.1f} s)"
        )
    log(
        f"realdocs parsed and chunked (chunk size {size} tokens): {len(out)} chunks in {time.perf_counter() - t0:.1f} s"
    )
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in out), encoding="utf-8")
    tmp.replace(path)
    return out


def select_real(chunks: list[dict], cap: int) -> list[dict]:
    """All chunks, or `cap` of them taken round-robin over the documents (each keeps its order)."""
    if not cap or cap >= len(chunks):
        return chunks
    by_doc: dict[str, list[dict]] = {}
    for c in chunks:
        by_doc.setdefault(c["doc"], []).append(c)
    picked: dict[str, int] = {d: 0 for d in by_doc}
    total = 0
    while total < cap:
        for d, cs in by_doc.items():
            if picked[d] < len(cs) and total < cap:
                picked[d] += 1
                total += 1
    return [c for d, cs in by_doc.items() for c in cs[: picked[d]]]


def chunk_key(c: dict) -> str:
    return hashlib.sha256(f"{c['doc']}\x00{c['position']}\x00{c['text']}".encode()).hexdigest()[:32]


def embed_real(chunks: list[dict], cache: Path, embedder):
    """Vectors of the chunks, in order; embeds only those not cached yet, saving as it goes."""
    import numpy as np

    from ingest.chunk import embedding_text
    from rag.types import Chunk

    path = cache / "vectors.npz"
    have: dict[str, np.ndarray] = {}
    if path.is_file():
        z = np.load(path)
        have = {k: v for k, v in zip(z["keys"].tolist(), z["vectors"])}
    todo = [c for c in chunks if chunk_key(c) not in have]
    if todo:
        log(f"embedding {len(todo)} real chunks with {embedder.name} ({len(chunks) - len(todo)} cached) ...")
        t0 = time.perf_counter()
        batch = 32
        for i in range(0, len(todo), batch):
            part = todo[i : i + batch]
            texts = [
                embedding_text(
                    Chunk(
                        chunk_id="",
                        source=c["doc"],
                        title=c["title"],
                        text=c["text"],
                        position=c["position"],
                        doc_hash="",
                        section=c["section"],
                    )
                )
                for c in part
            ]
            for c, v in zip(part, embedder.embed_documents(texts)):
                have[chunk_key(c)] = np.asarray(v, dtype=np.float32)
            done = i + len(part)
            if done % (batch * 8) == 0 or done == len(todo):
                keys = list(have)
                tmp = cache / "vectors.tmp.npz"
                np.savez(tmp, keys=np.array(keys), vectors=np.stack([have[k] for k in keys]))
                tmp.replace(path)
                rate = done / (time.perf_counter() - t0)
                log(
                    f"  {done}/{len(todo)} embedded, {rate:.1f} chunks/s, "
                    f"~{(len(todo) - done) / rate / 60:.1f} min left"
                )
        log(f"embedded {len(todo)} chunks in {time.perf_counter() - t0:.0f} s")
    return np.stack([have[chunk_key(c)] for c in chunks]).astype(np.float32)


def question_vectors(cache: Path, embedder, qs: list[str]):
    import numpy as np

    path = cache / "questions.npz"
    if path.is_file():
        z = np.load(path)
        if z["questions"].tolist() == qs:
            return z["vectors"]
    vecs = np.array([embedder.embed_query(q) for q in qs], dtype=np.float32)
    np.savez(path, questions=np.array(qs), vectors=vecs)
    return vecs


# --------------------------------------------------------------------------------------------
# 2. the synthetic index, written through Faro's own ingest write path
# --------------------------------------------------------------------------------------------
def plan_files(real: list[dict], n_chunks: int, n_files: int, rare_share: float, rng: random.Random):
    """[(source, origin doc, start position, length)], the real documents first and unchanged."""
    by_doc: dict[str, list[int]] = {}
    for i, c in enumerate(real):
        by_doc.setdefault(c["doc"], []).append(i)
    docs = sorted(by_doc)
    synth_total = n_chunks - len(real)
    if synth_total < 0:
        sys.exit(f"--chunks {n_chunks} is fewer than the {len(real)} real chunks: raise it or lower --real")
    n_synth = max(1, n_files - len(docs)) if synth_total else 0
    mean = synth_total / n_synth if n_synth else 0
    # Lognormal file lengths (a few long manuals, many short policies) around the mean, no longer
    # than the longest real document; with a small --real that means more, shorter files.
    longest = max(len(v) for v in by_doc.values())
    lengths, remaining = [], synth_total
    while remaining > 0:
        L = max(1, min(longest, remaining, int(rng.lognormvariate(0.0, 0.8) / math.exp(0.32) * mean)))
        lengths.append(L)
        remaining -= L
    weights = [w for f, w in FOLDERS]
    folders = [f for f, _ in FOLDERS]
    files: list[tuple[str, str, int, int]] = []
    for d in docs:  # the real documents themselves, whole
        folder = rng.choices(folders, weights)[0]
        files.append(((f"{folder}/" if folder else "") + d, d, 0, len(by_doc[d])))
    rare_target = int(round(n_chunks * rare_share))
    rare = 0
    order = list(range(len(lengths)))
    rng.shuffle(order)
    for n, j in enumerate(order):
        L = lengths[j]
        eligible = [d for d in docs if len(by_doc[d]) >= L]
        d = rng.choices(eligible, [len(by_doc[e]) for e in eligible])[0]
        start = rng.randrange(0, len(by_doc[d]) - L + 1)
        if rare < rare_target and rare + L <= rare_target * 1.2:
            folder, rare = RARE_FOLDER, rare + L
        else:
            folder = rng.choices(folders, weights)[0]
        stem, ext = d.rsplit(".", 1)
        name = f"{slug(stem.split('_', 1)[-1])}-{n:05d}.{ext}"
        files.append(((f"{folder}/" if folder else "") + name, d, start, L))
    return files, by_doc, mean


def vary_text(text: str, vocab: list[str], share: float, rng: random.Random) -> str:
    return _WORD.sub(lambda m: rng.choice(vocab) if rng.random() < share else m.group(0), text)


def build_index(index_dir: Path, real: list[dict], real_vecs, args, model: str) -> dict:
    import numpy as np

    from rag.index.documents import DocumentIndex
    from rag.index.manifest import DocumentRecord, Manifest
    from rag.index.store import ChromaStore
    from rag.types import Chunk, make_chunk_id

    if index_dir.exists():
        shutil.rmtree(index_dir)
    index_dir.mkdir(parents=True)
    settings = settings_for(index_dir, model)
    rng = random.Random(args.seed)
    nrng = np.random.default_rng(args.seed)
    files, by_doc, mean = plan_files(real, args.chunks, args.files, args.rare_share, rng)
    dim = real_vecs.shape[1]
    sigma = math.sqrt((1.0 / args.copy_cosine**2 - 1.0) / dim)
    vocab = {
        lang: sorted({w for c in real if c["language"] == lang for w in _WORD.findall(c["text"])})
        for lang in {c["language"] for c in real}
    }
    log(
        f"building {args.chunks} chunks in {len(files)} files (mean {mean:.0f} chunks per synthetic file) "
        f"under {index_dir}; noise sigma {sigma:.4f} per dimension (cos to origin {args.copy_cosine}), "
        f"{args.vary:.0%} of words varied; vocabulary " + ", ".join(f"{k} {len(v)}" for k, v in sorted(vocab.items()))
    )

    store = ChromaStore.from_settings(settings)
    manifest = Manifest(settings.manifest_path)
    index = DocumentIndex(store, manifest)  # no embedder: vectors are given
    timing = {"synthesize": 0.0, "chroma": 0.0, "manifest_fts": 0.0}
    fts_replace, chroma_replace = manifest.keywords.replace_source, store.replace_source

    def timed_chroma(source, chunks, vectors):
        t = time.perf_counter()
        chroma_replace(source, chunks, vectors)
        timing["chroma"] += time.perf_counter() - t

    def timed_fts(source, chunks, vectors=None):
        t = time.perf_counter()
        fts_replace(source, chunks, vectors)
        timing["manifest_fts"] += time.perf_counter() - t

    manifest.keywords.replace_source = timed_fts  # the index calls both through these attributes
    store.replace_source = timed_chroma
    t_build = time.perf_counter()
    cpu = CpuWindow()
    written = 0
    shares = {"en": 0, "pdf": 0}
    for n, (source, doc, start, length) in enumerate(files):
        t = time.perf_counter()
        idx = by_doc[doc][start : start + length]
        original = n < len(by_doc)  # the real documents come first, unchanged
        chunks, vecs = [], real_vecs[idx]
        if not original:
            noisy = vecs + nrng.normal(0.0, sigma, size=vecs.shape).astype(np.float32)
            vecs = noisy / np.linalg.norm(noisy, axis=1, keepdims=True)
        doc_hash = real[idx[0]]["doc_hash"] if original else hashlib.sha256(source.encode()).hexdigest()
        for pos, i in enumerate(idx):
            c = real[i]
            text = c["text"] if original else vary_text(c["text"], vocab[c["language"]], args.vary, rng)
            chunks.append(
                Chunk(
                    chunk_id=make_chunk_id(source, pos, text),
                    source=source,
                    title=c["title"],
                    text=text,
                    position=pos,
                    doc_hash=doc_hash,
                    page=c["page"],
                    page_end=c["page"],
                    section=c["section"],
                    language=c["language"],
                )
            )
        vec_list = vecs.tolist()
        record = DocumentRecord(
            source=source,
            doc_hash=doc_hash,
            size=2000 * length,
            mtime=time.time(),
            title=chunks[0].title,
            pages=real[idx[0]]["pages"],
            chunks=len(chunks),
        )
        timing["synthesize"] += time.perf_counter() - t
        index.replace(record, chunks, vec_list)  # pending row -> Chroma -> indexed row + FTS5 rows, as `faro ingest`
        written += len(chunks)
        shares["en"] += sum(c.language == "en" for c in chunks)
        shares["pdf"] += sum(c.doc_type == "pdf" for c in chunks)
        if (n + 1) % max(1, len(files) // 20) == 0 or n + 1 == len(files):
            el = time.perf_counter() - t_build
            log(
                f"  {n + 1}/{len(files)} files, {written} chunks, {el:.0f} s, {written / el:.0f} chunks/s, "
                f"load {loadavg()}"
            )
    seconds = time.perf_counter() - t_build
    info = {
        "params": build_params(args, model, len(real)),
        "seconds": round(seconds, 1),
        "timing": {k: round(v, 1) for k, v in timing.items()},
        "files": len(files),
        "chunks": store.count(),
        "keyword_rows": manifest.keywords.count(),
        "rare_folder": RARE_FOLDER,
        "rare_chunks": sum(L for s, _, _, L in files if s.startswith(RARE_FOLDER + "/")),
        "sigma": sigma,
        "share_en": round(shares["en"] / max(1, written), 3),
        "share_pdf": round(shares["pdf"] / max(1, written), 3),
        "cpu": cpu.report(),
    }
    manifest.close()
    (index_dir / "build.json").write_text(json.dumps(info, indent=1), encoding="utf-8")
    return info


def build_params(args, model: str, n_real: int) -> dict:
    return {
        "chunks": args.chunks,
        "files": args.files,
        "model": model,
        "real": n_real,
        "seed": args.seed,
        "copy_cosine": args.copy_cosine,
        "vary": args.vary,
        "rare_share": args.rare_share,
    }


def du(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def print_build(info: dict, index_dir: Path, reused: bool) -> None:
    import sqlite3

    t = info["timing"]
    db = sqlite3.connect(f"file:{index_dir / 'manifest.sqlite3'}?mode=ro", uri=True)
    n, en, pdf = db.execute("SELECT COUNT(*), SUM(language = 'en'), SUM(doc_type = 'pdf') FROM chunks").fetchone()
    db.close()
    info = {**info, "share_en": (en or 0) / max(1, n), "share_pdf": (pdf or 0) / max(1, n)}
    log(
        f"index: {info['chunks']} chunks in Chroma, {info['keyword_rows']} keyword rows, {info['files']} files, "
        f"rare folder '{info['rare_folder']}' {info['rare_chunks']} chunks "
        f"({info['rare_chunks'] / max(1, info['chunks']):.1%}); language=en {info.get('share_en', 0):.0%}, "
        f"doc_type=pdf {info.get('share_pdf', 0):.0%} of chunks; on disk {du(index_dir):.0f} MB "
        f"(chroma {du(index_dir / 'chroma'):.0f} MB)"
    )
    log(
        f"build time{' (of the reused index)' if reused else ''}: {info['seconds']:.0f} s "
        f"({info['chunks'] / max(info['seconds'], 1e-9):.0f} chunks/s, embedding excluded): "
        f"Chroma upserts {t['chroma']:.0f} s, manifest + FTS5 {t['manifest_fts']:.0f} s, "
        f"synthesis {t['synthesize']:.0f} s"
    )
    log(f"build conditions: {info['cpu']}")


def reset_ef_search(index_dir: Path, collection: str) -> dict:
    """Put Faro's ef_search back on the index (a recall run that was interrupted may have left another)."""
    from rag.index.store import _HNSW

    col = chroma_client(index_dir / "chroma").get_collection(collection)
    hnsw = dict(col.configuration_json.get("hnsw") or {})
    if hnsw.get("ef_search") != _HNSW["ef_search"]:
        col.modify(configuration={"hnsw": {"ef_search": _HNSW["ef_search"]}})
        hnsw["ef_search"] = _HNSW["ef_search"]
    reset_chroma_cache()
    return hnsw


# --------------------------------------------------------------------------------------------
# 3. latency and memory, in a fresh process (run by the parent with --search-worker)
# --------------------------------------------------------------------------------------------
def search_worker(args) -> None:
    from rag.index.filters import Filters
    from rag.services import build_services

    t0 = time.perf_counter()
    settings = settings_for(args.index_dir, args.embed_model, args.worker_threads)
    s = build_services(settings)
    total = s.store.count()
    s.retriever.search("warm up: how many vacation days", settings.top_k)
    log(
        f"search process: services built and models loaded in {time.perf_counter() - t0:.1f} s; "
        f"{total} chunks; RSS {proc_status().get('VmRSS', 0) / 1024:.0f} MB after warm-up"
    )
    hnsw = {
        k: v
        for k, v in (s.store._col.configuration_json.get("hnsw") or {}).items()
        if k in ("space", "ef_construction", "ef_search", "max_neighbors")
    }
    log(
        f"settings: embed_model={settings.embed_model} retrieval={settings.retrieval} top_k={settings.top_k} "
        f"candidates={settings.candidates} dense_weight={settings.dense_weight} "
        f"rerank_model={settings.rerank_model or '-'} "
        f"embed_threads={settings.embed_threads} "
        f"({'automatic: 1 to search, all cores to ingest' if not settings.embed_threads else 'set'}; "
        f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '-')}); index hnsw "
        f"{hnsw}"
    )

    # Per-stage clocks: wrap the collaborators' methods on these instances (no product code changed).
    stage: dict[str, float] = {}
    events: dict[str, int] = {}

    def clock(obj, name: str, key: str, on_call=None):
        inner = getattr(obj, name)

        def wrapped(*a, **kw):
            t = time.perf_counter()
            try:
                return inner(*a, **kw)
            finally:
                stage[key] = stage.get(key, 0.0) + (time.perf_counter() - t) * 1000
                if on_call:
                    on_call(a, kw)

        setattr(obj, name, wrapped)

    def on_query(a, kw):
        where = kw.get("where", a[2] if len(a) > 2 else None)
        events["chroma_calls"] = events.get("chroma_calls", 0) + 1
        if where is not None:
            events["where_fallback"] = events.get("where_fallback", 0) + 1

    clock(s.embedder, "embed_query", "embed")
    clock(s.store, "query", "vector")  # everything ChromaStore.query does
    clock(s.store, "_query", "chroma_query", on_query)  # each Chroma call inside it (wide, or with where)
    clock(s.store, "count", "count")
    clock(s.store, "nearest_ids", "wide_ids")  # the 2,000 nearest ids of a filter the nearest 120 miss
    clock(s.retriever.keywords, "passing", "filter_ids")
    clock(s.retriever, "_stored_vectors", "fetch_vectors")
    clock(s.retriever.keywords, "matching", "filter_size")  # does a narrow filter fit exact ranking?
    clock(s.retriever, "_exact_dense", "exact", lambda a, kw: events.__setitem__("exact", 1))
    clock(s.retriever.keywords, "search", "keywords")
    clock(s.retriever.keywords, "folders", "folders")

    conditions = [
        ("no filter", Filters()),
        ("language=en", Filters(languages=("en",))),
        ("doc_type=pdf", Filters(doc_types=("pdf",))),
        (f"folder={args.rare_folder}", Filters(folders=(args.rare_folder,))),
    ]
    qs = questions()
    args.rounds = args.rounds or -(-100 // len(qs))
    k = settings.top_k
    for _, f in conditions:  # warm each path once (Chroma loads its metadata segment on first where)
        for q in qs[:3]:
            s.retriever.search(q, k, f)
    results = {name: [] for name, _ in conditions}
    fallbacks = {name: 0 for name, _ in conditions}
    hits_n = {name: [] for name, _ in conditions}
    cpu = CpuWindow()
    for r in range(args.rounds):
        for qi, q in enumerate(qs):
            # Rotate the order of the conditions so that bursts of load from other processes
            # fall on all of them alike.
            shift = (qi + r) % len(conditions)
            for name, f in conditions[shift:] + conditions[:shift]:
                stage.clear()
                events.clear()
                t = time.perf_counter()
                hits = s.retriever.search(q, k, f)
                ms = (time.perf_counter() - t) * 1000
                fell_back = events.get("where_fallback", 0) > 0
                results[name].append(
                    {"total": ms, "fallback": fell_back, "exact_path": bool(events.get("exact")), **stage}
                )
                fallbacks[name] += fell_back
                hits_n[name].append(len(hits))
    window = cpu.report()
    log("")
    log(
        f"search latency, full Retriever.search ({settings.retrieval}, k={k}), {len(qs)} questions x {args.rounds} "
        f"rounds per filter after warm-up; ms"
    )
    keys = [
        "embed",
        "count",
        "chroma_query",
        "vector",
        "wide_ids",
        "filter_ids",
        "filter_size",
        "exact",
        "keywords",
        "folders",
        "fetch_vectors",
    ]
    for name, _ in conditions:
        rows = results[name]
        tot = [r["total"] for r in rows]
        parts = []
        for key in keys:
            vals = [r.get(key, 0.0) for r in rows]
            if any(vals):
                parts.append(f"{key} {percentile(vals, 0.5):.1f}/{percentile(vals, 0.95):.1f}")
        fb = fallbacks[name]
        log(
            f"  {name:<22} n={len(tot)} p50 {percentile(tot, 0.5):6.1f}  p95 {percentile(tot, 0.95):6.1f}  "
            f"mean {statistics.mean(tot):6.1f}  max {max(tot):6.1f}  | where-fallback {fb}/{len(tot)} "
            f"| exact-ranked {sum(r['exact_path'] for r in rows)}/{len(tot)} "
            f"| hits/query {statistics.mean(hits_n[name]):.1f}"
        )
        log(f"  {'':<22} stages p50/p95: " + ", ".join(parts))
        if fb:
            split = []
            for label, want in (("with where-fallback", True), ("without", False)):
                vals = [r["total"] for r in rows if r["fallback"] == want]
                if vals:
                    split.append(
                        f"{label} n={len(vals)} p50 {percentile(vals, 0.5):.1f} p95 {percentile(vals, 0.95):.1f}"
                    )
            log(f"  {'':<22} " + "; ".join(split))
    target = max(percentile([r["total"] for r in results[n]], 0.95) for n, _ in conditions)
    log(f"  worst p95 {target:.1f} ms vs target 150 ms: {'MET' if target <= 150 else 'MISSED'}")
    log(f"  conditions: {window}")

    # The pieces on their own.
    t_f = []
    for _ in range(20):
        t = time.perf_counter()
        folders = s.retriever.keywords.folders()
        t_f.append((time.perf_counter() - t) * 1000)
    log(
        f"KeywordIndex.folders() alone (the folder filter's where clause needs it): {len(folders)} folders, "
        f"p50 {percentile(t_f, 0.5):.1f} ms, max {max(t_f):.1f} ms"
    )
    t_c = []
    for _ in range(50):
        t = time.perf_counter()
        s.store.count()
        t_c.append((time.perf_counter() - t) * 1000)
    log(f"ChromaStore.count() alone: p50 {percentile(t_c, 0.5):.2f} ms")
    qvecs = [s.embedder.embed_query(q) for q in qs]
    col = s.store._col
    n = settings.candidates
    full, light = ["documents", "metadatas", "distances"], ["distances"]
    direct = {
        f"n={n} no filter": (n, None, full),
        f"n={max(4 * n, 100)} no filter (the wide fetch)": (max(4 * n, 100), None, full),
        f"n={n} where language=en": (n, {"language": {"$in": ["en"]}}, full),
        f"n={n} where doc_type=pdf": (n, {"doc_type": {"$in": ["pdf"]}}, full),
        f"n={n} where folder={args.rare_folder}": (n, {"folder": {"$in": [args.rare_folder]}}, full),
        "n=1000 no filter, ids+distances only": (1000, None, light),
        "n=2000 no filter, ids+distances only": (2000, None, light),
        "n=1000 no filter, +metadatas": (1000, None, ["metadatas", "distances"]),
    }
    log("direct Chroma collection.query, ms p50/p95 (documents+metadatas+distances unless said):")
    for label, (nn, where, include) in direct.items():
        ts = []
        for v in qvecs[:60] if nn >= 1000 else qvecs:
            t = time.perf_counter()
            col.query(query_embeddings=[v], n_results=nn, where=where, include=include)
            ts.append((time.perf_counter() - t) * 1000)
        log(f"  {label:<45} {percentile(ts, 0.5):6.1f} / {percentile(ts, 0.95):6.1f}")
    st = proc_status()
    ru = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
    log(
        f"search process memory at {total} chunks: ru_maxrss {ru / 1024:.0f} MB, "
        f"VmHWM {st.get('VmHWM', 0) / 1024:.0f} MB, VmRSS now {st.get('VmRSS', 0) / 1024:.0f} MB"
    )


# --------------------------------------------------------------------------------------------
# 4. HNSW recall@10 against exact search
# --------------------------------------------------------------------------------------------
def exact_topk(Q, X, k: int):
    import numpy as np

    sims = Q @ X.T
    idx = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    kth = np.take_along_axis(sims, idx, axis=1).min(axis=1)
    return sims, kth


def recall(col, Q, ids_pos: dict[str, int], sims, kth, k: int, where=None) -> tuple[float, float]:
    """Mean recall@k of the collection's answers (ties at the k-th exact score count as right), ms/query."""
    got, ts = [], []
    for qi in range(len(Q)):
        t = time.perf_counter()
        res = col.query(query_embeddings=[Q[qi].tolist()], n_results=k, where=where, include=[])
        ts.append((time.perf_counter() - t) * 1000)
        right = sum(1 for cid in res["ids"][0][:k] if sims[qi, ids_pos[cid]] >= kth[qi] - 1e-5)
        got.append(min(k, right) / k)
    return float(sum(got) / len(got)), statistics.median(ts)


def lab_collection(lab_dir: Path, name: str, efc: int, m: int, ids: list[str], X):
    """A vectors-only collection with these HNSW build settings (reused if already complete)."""
    client = chroma_client(lab_dir)
    try:
        col = client.get_collection(name)
        if col.count() == len(ids):
            return col, None
        client.delete_collection(name)
    except Exception:
        pass
    col = client.create_collection(
        name,
        configuration={"hnsw": {"space": "cosine", "ef_construction": efc, "ef_search": 100, "max_neighbors": m}},
        embedding_function=None,
    )
    t = time.perf_counter()
    for i in range(0, len(ids), 5000):
        col.add(ids=ids[i : i + 5000], embeddings=X[i : i + 5000])
    return col, time.perf_counter() - t


def sweep(label: str, get_col, Q, probes: list[tuple], efs: list[int], restore: int | None) -> None:
    """recall@k for each ef_search (the setting is changed, then the client reopened so it applies).

    probes: (name, ids_pos, sims, kth, k, where) — one printed line each."""
    cells: dict[str, list[str]] = {p[0]: [] for p in probes}
    col = get_col()
    try:
        for ef in efs:
            col.modify(configuration={"hnsw": {"ef_search": ef}})
            reset_chroma_cache()
            col = get_col()
            for name, ids_pos, sims, kth, k, where in probes:
                r, ms = recall(col, Q, ids_pos, sims, kth, k, where=where)
                cells[name].append(f"ef{ef} {r:.3f} ({ms:.1f} ms)")
    finally:
        if restore is not None:
            col.modify(configuration={"hnsw": {"ef_search": restore}})
            reset_chroma_cache()
    for n, (name, *_rest) in enumerate(probes):
        log(f"  {label if n == 0 else '':<34} {name + ': ' if name else ''}" + " | ".join(cells[name]))


def recall_suite(
    title: str,
    ids: list[str],
    X,
    Q,
    efs: list[int],
    variants: list[tuple[int, int]],
    lab_dir: Path,
    lab_prefix: str,
    faro: tuple[Path, str] | None,
    k: int = 10,
    metas=None,
    rare_folder: str = "",
    candidates: int = 30,
) -> None:
    import numpy as np

    from rag.index.store import _HNSW

    ids_pos = {cid: i for i, cid in enumerate(ids)}
    sims, kth = exact_topk(Q, X, k)
    log(
        f"recall@{k} of the HNSW stage vs exact cosine (numpy over all {len(ids)} stored vectors), {len(Q)} "
        f"questions; median ms per Chroma query (ids only) in brackets — {title}"
    )
    cpu = CpuWindow()
    filtered = None
    if metas is not None and rare_folder:
        mask = np.array([mm.get("folder") == rare_folder for mm in metas])
        if mask.any():
            sub_ids = [cid for cid, keep in zip(ids, mask) if keep]
            kk = min(k, len(sub_ids))
            sub_sims, sub_kth = exact_topk(Q, X[mask], kk)
            filtered = (
                f"where folder={rare_folder} ({len(sub_ids)} vectors) recall@{kk} vs exact in the folder",
                {c: i for i, c in enumerate(sub_ids)},
                sub_sims,
                sub_kth,
                kk,
                {"folder": {"$in": [rare_folder]}},
            )
    for efc, m in variants:
        is_faro = faro is not None and (efc, m) == (_HNSW["ef_construction"], _HNSW["max_neighbors"])
        if is_faro:
            path, name = faro

            def get_col(path=path, name=name):
                return chroma_client(path).get_collection(name)

            label = f"efc={efc} M={m} (Faro's index)"
            probes = [("", ids_pos, sims, kth, k, None)] + ([filtered] if filtered else [])
        else:
            name = f"{lab_prefix}-{efc}x{m}"
            col, built = lab_collection(lab_dir, name, efc, m, ids, X)

            def get_col(name=name):
                return chroma_client(lab_dir).get_collection(name)

            label = f"efc={efc} M={m}" + (f" (built in {built:.0f} s)" if built else "")
            probes = [("", ids_pos, sims, kth, k, None)]
        sweep(label, get_col, Q, probes, efs, _HNSW["ef_search"] if is_faro else 100)
    # What Faro actually asks: n_results=candidates at the configured ef_search.
    if faro is not None:
        col = chroma_client(faro[0]).get_collection(faro[1])
        ef = (col.configuration_json.get("hnsw") or {}).get("ef_search")
        sims_n, kth_n = exact_topk(Q, X, candidates)
        r, ms = recall(col, Q, ids_pos, sims_n, kth_n, candidates)
        line = f"  as Faro queries (n_results={candidates}, ef_search={ef}): recall@{candidates} {r:.3f} ({ms:.1f} ms)"
        if filtered:
            sub_pos, where = filtered[1], filtered[5]
            kk = min(candidates, len(sub_pos))
            sub_x = X[[ids_pos[c] for c in sub_pos]]
            s_sims, s_kth = exact_topk(Q, sub_x, kk)
            r, ms = recall(col, Q, sub_pos, s_sims, s_kth, kk, where=where)
            line += f"; its where-fallback on {rare_folder}: recall@{kk} {r:.3f} ({ms:.1f} ms)"
        log(line)
    log(f"  conditions: {cpu.report()}")


def stored_vectors(index_dir: Path, collection: str):
    """Every id, vector and metadata the Faro index holds (read back from Chroma, not recomputed)."""
    import numpy as np

    col = chroma_client(index_dir / "chroma").get_collection(collection)
    total = col.count()
    ids, vecs, metas = [], [], []
    for off in range(0, total, 5000):
        got = col.get(include=["embeddings", "metadatas"], limit=5000, offset=off)
        ids += got["ids"]
        vecs.append(np.asarray(got["embeddings"], dtype=np.float32))
        metas += got["metadatas"]
    X = np.concatenate(vecs)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    return ids, X, metas


# --------------------------------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/faro-scale"))
    ap.add_argument("--chunks", type=int, default=100_000)
    ap.add_argument("--files", type=int, default=0, help="files in the index; 0 = chunks/100")
    ap.add_argument("--embed-model", default="", help="default: the settings' FARO_EMBED_MODEL")
    ap.add_argument("--real", type=int, default=0, help="real chunks to embed (round-robin over documents); 0 = all")
    ap.add_argument("--realdocs", type=Path, default=None)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--rounds", type=int, default=0, help="passes over the questions; 0 = enough for >= 100 queries")
    ap.add_argument("--copy-cosine", type=float, default=0.95)
    ap.add_argument("--vary", type=float, default=0.10)
    ap.add_argument("--rare-share", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--ef-search", default="10,50,100,200")
    ap.add_argument("--variants", default="100x16,200x32", help="ef_construction x max_neighbors builds to compare")
    ap.add_argument(
        "--embed-threads",
        default="",
        help="comma list of FARO_EMBED_THREADS values to time the search with, one search process "
        "each (e.g. '0,1'); default: the settings' value only",
    )
    ap.add_argument("--skip-latency", action="store_true")
    ap.add_argument("--skip-recall", action="store_true")
    ap.add_argument("--skip-real-recall", action="store_true")
    ap.add_argument("--search-worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--index-dir", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--rare-folder", default=RARE_FOLDER, help=argparse.SUPPRESS)
    ap.add_argument("--worker-threads", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    args.embed_model = args.embed_model or Settings().embed_model
    if args.search_worker:
        search_worker(args)
        return
    args.files = args.files or max(21, args.chunks // 100)
    efs = [int(x) for x in args.ef_search.split(",") if x.strip()]
    variants = [tuple(int(y) for y in v.split("x")) for v in args.variants.split(",") if v.strip()]

    log(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    log(
        f"machine: {os.cpu_count()} CPUs, load average {loadavg()}, "
        f"memory {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB"
    )
    realdocs = find_realdocs(args.realdocs)
    if realdocs is None:
        log("realdocs corpus not found (ROOT.parent/shared/corpora/realdocs or /work/shared/corpora/realdocs): skipped")
        return
    model = args.embed_model
    mslug = slug(model)
    cache = args.data_dir / "real" / mslug
    cache.mkdir(parents=True, exist_ok=True)

    from rag.services import embedder_for

    settings = settings_for(args.data_dir / "unused", model)
    embedder = embedder_for(settings)
    t = time.perf_counter()
    embedder.embed_query("load")
    log(
        f"embedder {embedder.name}: {embedder.dimension}-d, reads {embedder.max_tokens} tokens, "
        f"loaded in {time.perf_counter() - t:.1f} s"
    )
    all_real = real_chunks(realdocs, cache, embedder, settings)
    real = select_real(all_real, args.real)
    langs = {lang: sum(c["language"] == lang for c in real) for lang in sorted({c["language"] for c in real})}
    types = {d: sum(c["doc_type"] == d for c in real) for d in sorted({c["doc_type"] for c in real})}
    log(
        f"real chunks: {len(real)} of {len(all_real)} from {len({c['doc'] for c in real})} documents; "
        f"languages {langs}; doc types {types}"
    )
    real_vecs = embed_real(real, cache, embedder)
    qs = questions()
    qvecs = question_vectors(cache, embedder, qs)
    del embedder  # the search process loads its own

    index_dir = args.data_dir / f"index-{mslug}-{args.chunks}"
    info_path = index_dir / "build.json"
    info = json.loads(info_path.read_text()) if info_path.is_file() else None
    wanted = build_params(args, model, len(real))
    reused = bool(info and info.get("params") == wanted and not args.rebuild)
    if not reused:
        if info and info.get("params") != wanted and not args.rebuild:
            log(f"the index in {index_dir} was built with other parameters: rebuilding")
        info = build_index(index_dir, real, real_vecs, args, model)
    collection = settings_for(index_dir, model).collection
    hnsw = reset_ef_search(index_dir, collection)
    print_build(info, index_dir, reused)
    log(f"index hnsw configuration: {hnsw}")

    if not args.skip_latency:
        threads = [int(x) for x in args.embed_threads.split(",") if x.strip()] or [None]
        for th in threads:
            log("")
            cmd = [
                sys.executable,
                "-m",
                "bench.bench_scale",
                "--search-worker",
                "--index-dir",
                str(index_dir),
                "--embed-model",
                model,
                "--rounds",
                str(args.rounds),
                "--rare-folder",
                RARE_FOLDER,
            ]
            if th is not None:
                cmd += ["--worker-threads", str(th)]
            rc = subprocess.call(cmd)
            if rc:
                sys.exit(f"search worker failed (exit {rc})")

    if not args.skip_recall:
        import numpy as np

        lab = args.data_dir / "lab"
        if not args.skip_real_recall:
            log("")
            ids = [f"r{i}" for i in range(len(real))]
            recall_suite(
                f"real embeddings only ({len(real)} chunks of realdocs)",
                ids,
                real_vecs,
                qvecs,
                efs,
                variants,
                lab / f"{mslug}-real{len(real)}",
                "real",
                None,
            )
        log("")
        t = time.perf_counter()
        ids, X, metas = stored_vectors(index_dir, collection)
        log(f"read {len(ids)} vectors back from Chroma in {time.perf_counter() - t:.0f} s")
        recall_suite(
            f"full index ({len(ids)} chunks)",
            ids,
            X,
            np.asarray(qvecs),
            efs,
            variants,
            lab / f"{mslug}-{args.chunks}",
            "scale",
            (index_dir / "chroma", collection),
            metas=metas,
            rare_folder=RARE_FOLDER,
            candidates=settings.candidates,
        )
        reset_ef_search(index_dir, collection)


if __name__ == "__main__":
    main()
