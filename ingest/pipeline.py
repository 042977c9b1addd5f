"""Ingestion: files and folders in, chunks in the store, one result per file out.

An unchanged file (same path, same content hash) costs a hash and a manifest lookup, no parsing
and no embedding. A changed file replaces its chunks; a file that fails is reported with its
reason, its stale chunks are dropped, and the batch goes on.
"""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rag.errors import FaroError, UnreadableFile
from rag.index.documents import DocumentIndex
from rag.index.manifest import DocumentRecord, Manifest
from rag.index.store import VectorStore
from rag.models.embedder import Embedder
from rag.people.access import AccessRules, labels_current, readers, relabel
from rag.settings import Settings
from rag.text.textfiles import read_text
from rag.types import FileResult

from .chunk import chunk_budget, chunk_document, document_language, embedding_text
from .parse import SUPPORTED, ParsedDocument, parse_file
from .versions import OPENING_CHARS, effective_date, policy_key

log = logging.getLogger("faro.ingest")

# Types an admin may drop expecting them to be indexed: said to be unsupported rather than ignored.
_DOCUMENT_LIKE = {".doc", ".rtf", ".odt", ".pptx", ".ppt", ".xlsx", ".xls", ".pages"}
IGNORE_FILE = ".faroignore"
# How files are read into passages. Raised whenever parsing or chunking changes the passages a file
# gives, so that indexed files are read again: 1 = PDF pages; 2 = PDFs split at their numbered
# headings, Word paragraphs and table rows never cut between chunks; 3 = tables of contents left out;
# 4 = a title read from what the first page calls the document (it is embedded with each passage).
READING = 4


def is_temporary(name: str) -> bool:
    """Lock, temporary, partial and hidden files that are never documents."""
    return name.startswith((".", "~$")) or name.endswith(("~", ".tmp", ".part", ".crdownload", ".partial"))


def _ignore_patterns(root: Path) -> list[str]:
    path = root / IGNORE_FILE
    if not path.is_file():
        return []
    lines = read_text(path, "the ignore file").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _through_link(f: Path, root: Path) -> bool:
    """Whether `f`, or a folder between `root` and it, is a symbolic link."""
    rel = f.relative_to(root).parts
    return any(root.joinpath(*rel[:i]).is_symlink() for i in range(1, len(rel) + 1))


def source_root(path: Path, docs_dir: Path) -> Path:
    """What a resolved `path`'s document names are relative to: the documents folder when the path
    lies inside it (a file ingested alone or with its folder keeps one name), else the folder
    itself, or a file's parent."""
    docs_root = docs_dir.resolve()
    if path == docs_root or docs_root in path.parents:
        return docs_root
    return path if path.is_dir() else path.parent


def discover(
    paths: Iterable[Path], docs_dir: Path, private: Iterable[Path] = (), *, confined: bool = False
) -> list[tuple[Path, str]]:
    """The files to ingest with their `source` names, relative to the ingested root. `private`
    files (the access file, the users file) are never documents, wherever they are kept.

    This is where a path becomes a document's name, and the name decides who may read it
    (rag/people/access.py), so:
    - the root is the configured documents folder when a path lies inside it (so a file ingested
      alone and then with its folder keeps one name), else the folder given, or a file's parent;
      `confined` (an access file is in use) refuses paths outside the documents folder, whose
      names would match no folder rule;
    - symbolic links are not followed: a link in the documents folder could publish any file the
      process can read ("/etc/…", or hr/'s salary bands under operations/), so it is skipped and logged;
    - names are NFC: a folder written by macOS ("rrhh/nóminas", decomposed) is the same folder
      the access file names.
    """
    docs_root = docs_dir.resolve()
    hidden = {Path(p).resolve() for p in private}
    found: dict[str, Path] = {}
    for raw in paths:
        if Path(raw).is_symlink():
            raise FaroError(
                f"{raw}: a symbolic link; Faro does not follow links (one could publish a file from "
                "anywhere). Ingest the file itself."
            )
        path = Path(raw).resolve()
        if not path.exists():
            raise FaroError(f"{raw}: no such file or folder")
        inside_docs = path == docs_root or docs_root in path.parents
        if confined and not inside_docs:
            raise FaroError(
                f"{raw} is outside FARO_DOCS_DIR ({docs_root}): with an access file, who may read a "
                "document is decided by its path in that folder. Copy it there and ingest it from there."
            )
        root = source_root(path, docs_root)
        patterns = [unicodedata.normalize("NFC", pat) for pat in _ignore_patterns(root)]
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            parts = f.relative_to(root).parts
            if any(is_temporary(part) for part in parts):
                continue
            if _through_link(f, root):
                log.warning("skipped %s: a symbolic link (Faro does not follow links)", f)
                continue
            rel = unicodedata.normalize("NFC", "/".join(parts))
            if any(fnmatch.fnmatch(rel, pat) for pat in patterns) or f.resolve() in hidden:
                continue
            suffix = f.suffix.lower()
            if suffix in SUPPORTED or suffix in _DOCUMENT_LIKE or not path.is_dir():
                found[rel] = f
    return sorted(((p, s) for s, p in found.items()), key=lambda x: x[1])


def file_hash(path: Path) -> str:
    """sha256 of a file's bytes, read in blocks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


STATUSES = ("added", "updated", "unchanged", "renamed", "deleted", "repaired", "relabelled", "failed")


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.results if r.status in ("added", "updated"))

    @property
    def chunks(self) -> int:
        return sum(r.chunks for r in self.results if r.status in ("added", "updated"))

    def to_json(self) -> dict:
        return {
            **{status: self.count(status) for status in STATUSES},
            "pages": self.pages,
            "chunks": self.chunks,
            "seconds": round(self.seconds, 2),
            "files": [r.to_json() for r in self.results],
        }


class Ingestor:
    """Reads files into passages and vectors, one file at a time, and hands them to the document
    index (rag/index/documents.py), which alone writes the stores."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder,
        store: VectorStore,
        manifest: Manifest,
        rules: AccessRules | None = None,
    ):
        self.settings = settings
        self.embedder = embedder
        self.manifest = manifest  # read here: what is indexed already
        self.index = DocumentIndex(store, manifest)
        # Who may read each document, from its path (rag/people/access.py); read once per Ingestor.
        self.rules = rules if rules is not None else AccessRules.load(settings.access_file)
        # Kept in the documents folder or not, these files say who may read what: never indexed.
        self.private = [p for p in (settings.access_file, settings.users_path) if p is not None]

    def ingest(self, paths: Iterable[Path], on_file: Callable[[FileResult], None] | None = None) -> IngestReport:
        """Ingest files and folders; return what happened to each file."""
        start = time.perf_counter()
        report = IngestReport()
        for path, source in discover(
            paths, self.settings.docs_dir, self.private, confined=self.settings.access_file is not None
        ):
            result = self.ingest_file(path, source)
            report.results.append(result)
            log.info("%s %s %s", result.status, source, result.reason)
            if on_file:
                on_file(result)
        for result in self.relabel():
            report.results.append(result)
            if on_file:
                on_file(result)
        report.seconds = time.perf_counter() - start
        return report

    def relabel(self) -> list[FileResult]:
        """If the access rules changed since the index was labelled, give every document the label
        its path has now (rag/people/access.py): chunks are re-labelled, never re-embedded."""
        if labels_current(self.rules, self.manifest):
            return []
        return [
            FileResult(source, "relabelled", reason=f"readable by {readers(old)} -> {readers(new)}")
            for source, old, new in relabel(self.rules, self.index)
        ]

    def ingest_file(self, path: Path, source: str, *, force: bool = False) -> FileResult:
        """Ingest one file under its source name; never raises for a bad file.

        Same size and modification time as recorded: unchanged, without reading the file. Else
        the content hash decides, so a file that was only touched costs a hash, not an embedding.
        """
        try:
            source.encode("utf-8")
        except UnicodeEncodeError:
            # Not storable as text (a Latin-1 name from an old share or a zip): say so, go on.
            shown = source.encode("utf-8", "replace").decode("utf-8")
            return FileResult(shown, "failed", reason="the file name is not valid UTF-8: rename the file")
        previous = self.manifest.get(source)
        stat = None
        try:
            stat = path.stat()
            # A file read the way an older Faro cut passages is read again: the nightly job
            # brings an upgraded index to the new passages without `reindex --full`.
            settled = (
                previous is not None and previous.status != "pending" and not force and previous.reading == READING
            )
            if settled and (previous.size, previous.mtime) == (stat.st_size, stat.st_mtime):
                if previous.status == "indexed" and not previous.effective:
                    self._date(previous, path)  # indexed before Faro read dates: read them, no embedding
                return self._unchanged(previous)
            digest = file_hash(path)
        except FileNotFoundError:
            raise  # gone while we looked: the caller's next pass sees it missing
        except OSError as exc:  # EACCES on a share, EIO: this file, not the batch
            unread = DocumentRecord(
                source=source,
                doc_hash="",
                size=stat.st_size if stat else -1,
                mtime=stat.st_mtime if stat else 0.0,
                access=self.rules.label_for(source),
                reading=READING,
            )
            return self._failed(unread, f"cannot read the file ({exc.strerror or exc})")
        if settled and previous.doc_hash == digest:
            previous.size, previous.mtime = stat.st_size, stat.st_mtime
            self.index.update(previous)
            return self._unchanged(previous)
        record = DocumentRecord(
            source=source,
            doc_hash=digest,
            size=stat.st_size,
            mtime=stat.st_mtime,
            access=self.rules.label_for(source),
            reading=READING,
        )
        try:
            if stat.st_size > self.settings.max_file_mb * 1024 * 1024:
                raise UnreadableFile(str(path), f"larger than FARO_MAX_FILE_MB={self.settings.max_file_mb}")
            doc = parse_file(path)
            size = chunk_budget(self.embedder.max_tokens, self.settings.chunk_tokens)
            language = document_language(doc)
            chunks = chunk_document(
                doc,
                source=source,
                doc_hash=digest,
                language=language,
                count_tokens=self.embedder.count_tokens,
                size=size,
                overlap=self.settings.chunk_overlap,
            )
            vectors = self.embedder.embed_documents([embedding_text(c) for c in chunks])
            chunks = [replace(c, access=record.access) for c in chunks]
        except UnreadableFile as exc:
            return self._failed(record, exc.reason)
        except FaroError:
            raise  # the embedder or the store is unusable: no later file would fare better
        except Exception as exc:  # a parser bug on one odd file must not stop the batch
            log.exception("unexpected error while reading %s", path)
            return self._failed(record, f"unexpected error while reading ({type(exc).__name__}: {exc})")
        record.title, record.pages, record.chunks = doc.title, doc.pages, len(chunks)
        record.error = "; ".join(doc.notes)  # indexed, with what an admin should know (the Index page shows it)
        _set_version(record, doc, language, stat.st_mtime)
        self.index.replace(record, chunks, vectors)
        status = "updated" if previous else "added"
        return FileResult(source, status, chunks=len(chunks), pages=doc.pages, reason=record.error)

    def move(self, old: DocumentRecord, new_source: str, path: Path) -> FileResult:
        """A renamed file: its chunks take the new path and keep their vectors (no embedding)."""
        stat = path.stat()
        record = DocumentRecord(
            source=new_source,
            doc_hash=old.doc_hash,
            size=stat.st_size,
            mtime=stat.st_mtime,
            title=old.title,
            pages=old.pages,
            chunks=old.chunks,
            effective=old.effective,
            dated_by=old.dated_by,
            # The key holds the folder and the file name: a renamed file may join another policy.
            policy=policy_key(old.title, new_source, old.policy.split(":", 1)[0]) if old.policy else "",
            access=self.rules.label_for(new_source),  # a file moved into hr/confidential closes
            reading=old.reading,
            error=old.error,
        )
        self.index.move(old, record)
        if len(record.chunk_ids) != old.chunks:  # the store had lost some of them: read the file again
            return self.ingest_file(path, new_source, force=True)
        return FileResult(
            new_source, "renamed", chunks=len(record.chunk_ids), pages=old.pages, reason=f"from {old.source}"
        )

    def remove(self, source: str) -> FileResult:
        """A deleted file: out of the index."""
        self.index.remove(source)
        return FileResult(source, "deleted")

    def _date(self, record: DocumentRecord, path: Path) -> None:
        try:
            doc = parse_file(path)
        except Exception:  # unreadable now: it keeps its chunks and simply has no date yet
            return
        _set_version(record, doc, document_language(doc), record.mtime)
        self.index.update(record)

    @staticmethod
    def _unchanged(previous: DocumentRecord) -> FileResult:
        if previous.status == "failed":
            return FileResult(
                previous.source, "failed", reason=f"{previous.error} (unchanged since last attempt)", known=True
            )
        return FileResult(previous.source, "unchanged", chunks=previous.chunks, pages=previous.pages)

    def _failed(self, record: DocumentRecord, reason: str) -> FileResult:
        # A file that changed into something unreadable must not leave its old text answering.
        self.index.fail(record, reason)
        return FileResult(record.source, "failed", reason=reason)


def _set_version(record: DocumentRecord, doc: ParsedDocument, language: str, mtime: float) -> None:
    """When the document took effect and which policy it is a version of (ingest/versions.py)."""
    record.effective, record.dated_by = effective_date(doc.opening(OPENING_CHARS), doc.dated, mtime)
    record.policy = policy_key(doc.title, record.source, language)
