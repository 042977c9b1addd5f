"""Ingestion throughput: the sample corpus copied until it has >= 500 PDF pages, ingested once.

    .venv/bin/python -m bench.bench_ingest [--pages 500] [--keep DIR]

Prints pages/s, chunks/s and files/s for a cold ingest (models loaded first, not timed), then
the time of a second, no-op ingest of the same folder.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from ingest.pipeline import Ingestor
from rag.services import build_services
from rag.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def replicate(src: Path, dest: Path, min_pages: int) -> tuple[int, int]:
    """Copy the corpus under numbered folders until the PDFs add up to min_pages; return (files, pages)."""
    from pypdf import PdfReader

    docs = [p for p in src.rglob("*") if p.suffix.lower() in {".pdf", ".docx"}]
    pdf_pages = sum(len(PdfReader(str(p)).pages) for p in docs if p.suffix.lower() == ".pdf")
    copies = -(-min_pages // pdf_pages)
    for i in range(copies):
        for p in docs:
            target = dest / f"copy{i:03d}" / p.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, target)
    return copies * len(docs), copies * pdf_pages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="faro-bench-"))
    docs = work / "docs"
    shutil.rmtree(work / "data", ignore_errors=True)
    shutil.rmtree(docs, ignore_errors=True)
    files, pages = replicate(ROOT / "sample_corpus", docs, args.pages)

    settings = Settings(data_dir=work / "data", docs_dir=docs)
    s = build_services(settings)
    s.embedder.embed_query("warm up")  # load the model outside the timing
    ingestor = Ingestor(settings, s.embedder, s.store, s.manifest)

    t = time.perf_counter()
    report = ingestor.ingest([docs])
    cold = time.perf_counter() - t
    t = time.perf_counter()
    again = ingestor.ingest([docs])
    noop = time.perf_counter() - t

    r = report.to_json()
    print(f"corpus: {files} files with {pages} PDF pages (copies of sample_corpus/)")
    print(f"cold ingest: {cold:.1f} s, {r['pages']} pages, {r['chunks']} chunks, {r['failed']} failed")
    print(f"  pages/s (PDF pages only): {r['pages'] / cold:.1f}")
    print(f"  chunks/s: {r['chunks'] / cold:.1f}")
    print(f"  files/s: {files / cold:.2f}")
    print(f"no-op re-ingest: {noop:.2f} s ({again.count('unchanged')} unchanged)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
