"""Reconcile the index with a folder: afterwards the index holds exactly the folder's documents.

New and changed files are ingested (the content hash decides), deleted files' chunks removed,
renamed files keep their vectors, and what a crash left half-done is redone: 'pending' manifest
rows, and chunks in Chroma that no indexed row lists. `faro reindex` runs it under the writer lock;
the watcher runs it on start and after each burst of changes.
"""

from __future__ import annotations

import itertools
import logging
import math
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from rag.errors import FaroError, MassDeleteRefused
from rag.index.lock import writer_lock
from rag.index.manifest import DocumentRecord
from rag.index.store import ChromaStore
from rag.people.access import AccessRules
from rag.services import Services, build_services, embedder_for
from rag.settings import Settings
from rag.types import FileResult

from .pipeline import Ingestor, IngestReport, discover, file_hash, is_temporary, source_root

log = logging.getLogger("faro.reindex")

# So many deletions at once are routine (a subfolder cleared out) and cheap to undo by ingesting again.
_FEW = 5


class Vanished:
    """Indexed documents whose files are gone, found again by their bytes: a file that holds
    exactly one's bytes is that document moved, and takes over its vectors. Only a file of a
    vanished document's size is read (hashed): a burst of new files costs a stat each."""

    def __init__(self, rows: Iterable[DocumentRecord]):
        self._by_size: dict[int, list[DocumentRecord]] = {}
        for r in rows:
            if r.status == "indexed":
                self._by_size.setdefault(r.size, []).append(r)

    def __bool__(self) -> bool:
        return any(self._by_size.values())

    def take(self, path: Path) -> DocumentRecord | None:
        """The vanished document whose exact bytes `path` holds (found, so no longer vanished), or
        None; None too for a file gone or unreadable."""
        try:
            candidates = self._by_size.get(path.stat().st_size)
            if not candidates:
                return None
            digest = file_hash(path)
        except OSError:
            return None
        for r in candidates:
            if r.doc_hash == digest:
                candidates.remove(r)
                return r
        return None


class Reconciler:
    """Makes the index equal one folder."""

    def __init__(self, ingestor: Ingestor, folder: Path):
        self.ingestor = ingestor
        self.folder = folder
        # Files dated in the future (a share whose clock runs ahead): (size, mtime) and when first seen so.
        self._ahead: dict[Path, tuple[int, int, float]] = {}

    def _arriving(self, path: Path, settle: float, touched: Mapping[Path, float]) -> bool | None:
        """Is `path` still being written? None when it is gone.

        Three tests, as a share's clock cannot be trusted: modified less than `settle` seconds ago
        by its mtime; a filesystem event for it less than `settle` seconds ago by our own clock
        (`touched`: a share whose clock runs behind dates a copy in progress in the past); and a
        file dated in the future must keep its size and mtime for `settle` seconds of our clock.
        """
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        if settle <= 0:
            return False
        age = time.time() - st.st_mtime
        if 0 <= age < settle or time.monotonic() - touched.get(path, -math.inf) < settle:
            return True
        if age >= 0:
            self._ahead.pop(path, None)
            return False
        look = (st.st_size, st.st_mtime_ns)
        seen = self._ahead.get(path)
        if seen is None or seen[:2] != look:
            self._ahead[path] = (*look, time.monotonic())
            return True
        return time.monotonic() - seen[2] < settle

    def run(
        self,
        *,
        check_store: bool = True,
        settle: float = 0.0,
        allow_empty: bool = False,
        allow_mass_delete: bool = False,
        stop: threading.Event | None = None,
        budget: float = 0.0,
        touched: Mapping[Path, float] | None = None,
        deleted: Callable[[], tuple[set[Path], set[Path]]] | None = None,
    ) -> tuple[IngestReport, list[str]]:
        """One pass; returns the report and the files left for later because they are still being written.

        `settle`: a file modified less than this many seconds ago is still arriving (a copy over
        SMB comes in pieces) and is left alone this time (see `_arriving`; `touched` maps a path to
        the monotonic time of its last filesystem event). `check_store` also compares Chroma with
        the manifest chunk by chunk (a full scan of the store: on start and in `faro reindex`).
        Renames and deletions come first (a deleted file leaves search soonest); then files are
        ingested one by one until `stop` is set or `budget` seconds have gone, and those left are
        returned with the deferred ones, for the next pass (the writer lock is let go between).
        `deleted` (the watcher) tells, between files, which files were deleted since the pass
        began and which paths arrived: a few deleted files leave the index at once rather than
        after a long pass (one whose bytes arrived under a new name is moved there, keeping its
        vectors); more than a few wait for the next pass and its mass-delete guard.
        A pass that would empty the index, or delete more than FARO_REINDEX_MAX_DELETE_SHARE of
        its documents (and more than a few), changes nothing and raises MassDeleteRefused unless
        `allow_empty` / `allow_mass_delete`: an unmounted share looks like an empty folder.
        """
        start = time.perf_counter()
        ing = self.ingestor
        if ing.settings.access_file is not None and self.folder.resolve() != ing.settings.docs_dir.resolve():
            # Names relative to another folder match no folder rule of the access file.
            raise FaroError(
                f"{self.folder} is not FARO_DOCS_DIR ({ing.settings.docs_dir.resolve()}): with an access "
                "file, the index is kept equal to the documents folder only. Set FARO_DOCS_DIR to it."
            )
        ing.rules = AccessRules.load(ing.settings.access_file)  # the access file as it is now
        report = IngestReport()
        present: dict[str, Path] = {}
        deferred: list[str] = []
        listed = discover([self.folder], self.folder, ing.private)
        for path, source in listed:
            arriving = self._arriving(path, settle, touched or {})
            if arriving is None:  # gone since the listing: the next pass sees it missing
                continue
            if arriving:
                deferred.append(source)
            else:
                present[source] = path
        for path in set(self._ahead) - {path for path, _ in listed}:
            del self._ahead[path]
        rows = {r.source: r for r in ing.manifest.all()}
        self._moved_in(deferred, present, rows, {path: source for path, source in listed})
        missing = {s: r for s, r in rows.items() if s not in present and s not in deferred}
        self._guard(rows, missing, present, deferred, allow_empty, allow_mass_delete)

        # Renames first: a new path whose content is a vanished document's takes over its vectors.
        vanished = Vanished(missing.values())
        renamed: set[str] = set()
        for source, path in sorted(present.items()):
            if source in rows or not vanished:
                continue
            old = vanished.take(path)  # None too when gone or unreadable: ingest_file below says which
            if old is not None:
                report.results.append(ing.move(old, source, path))
                missing.pop(old.source)
                renamed.add(source)

        for source in sorted(missing):
            report.results.append(ing.remove(source))
        left: list[str] = []
        ingested = 0
        for source, path in sorted(present.items()):
            if deleted is not None:
                report.results.extend(self._remove_deleted(*deleted()))
            if source in renamed:
                continue
            # At least one file changed a pass, so that a pass always moves on.
            spent = bool(ingested and budget and time.perf_counter() - start > budget)
            if left or (stop is not None and stop.is_set()) or spent:
                left.append(source)  # for the next pass
                continue
            try:
                result = ing.ingest_file(path, source)
                report.results.append(result)
                ingested += result.status != "unchanged"  # an unchanged file costs a stat, not the budget
            except FileNotFoundError:
                continue  # deleted while we worked: the next pass removes it
        if left:
            log.info("pass ended with %d files left for the next one", len(left))
            report.seconds = time.perf_counter() - start
            return report, deferred + left
        if check_store:
            report.results.extend(self._repair(present))
        report.results.extend(ing.relabel())
        report.seconds = time.perf_counter() - start
        return report, deferred

    def _moved_in(self, deferred: list[str], present: dict[str, Path], rows: dict, names: dict[Path, str]) -> None:
        """A file left for later that holds exactly a vanished document's bytes has arrived whole:
        it was moved (a move into a new folder is reported as created here and deleted there). It
        is taken now, so that the rename keeps the vectors instead of deleting and embedding again."""
        if not deferred:
            return
        vanished = Vanished(r for s, r in rows.items() if s not in present and s not in deferred)
        paths = {source: path for path, source in names.items()}
        for source in list(deferred):
            path = paths.get(source)
            if vanished and path is not None and vanished.take(path) is not None:
                deferred.remove(source)
                present[source] = path

    def _remove_deleted(self, paths: set[Path], arrived: set[Path]) -> list[FileResult]:
        """The files deleted during this pass leave the index now (a few, really gone). One whose
        exact bytes arrived under a new name (a move; watchdog reports a move into a new folder as
        created + deleted) is moved there, keeping its vectors."""
        ing = self.ingestor
        root = source_root(self.folder.resolve(), ing.settings.docs_dir)

        def name(path: Path) -> str | None:
            try:
                return unicodedata.normalize("NFC", path.relative_to(root).as_posix())
            except ValueError:
                return None

        gone = [p for p in paths if not p.exists()]
        if not gone or len(gone) > _FEW:
            return []  # many at once: the next pass lists the folder and its guard decides
        rows = [row for path in gone if (source := name(path)) and (row := ing.manifest.get(source))]
        vanished = Vanished(rows)
        out = []
        moved: set[str] = set()
        for path in arrived:  # a folder that arrived brings its files
            if not vanished:
                break
            for f in [path] if not path.is_dir() else list(itertools.islice(path.rglob("*"), 500)):
                source = name(f)
                if source is None or any(is_temporary(part) for part in Path(source).parts) or ing.manifest.get(source):
                    continue
                try:
                    if not f.is_file() or f.is_symlink():
                        continue
                except OSError:
                    continue
                row = vanished.take(f)
                if row is not None:
                    out.append(ing.move(row, source, f))
                    moved.add(row.source)
        out.extend(ing.remove(row.source) for row in rows if row.source not in moved)
        return out

    def _guard(
        self, rows: dict, missing: dict, present: dict, deferred: list, allow_empty: bool, allow_mass_delete: bool
    ) -> None:
        """Refuse a pass that would delete everything, or too much, before it deletes anything.
        A rename (same content under a new name) is not a deletion."""
        indexed = [r for r in rows.values() if r.status == "indexed"]
        if not indexed:
            return
        if not present and not deferred:
            if allow_empty:
                return
            raise MassDeleteRefused(
                f"{self.folder} holds no documents, and the index holds {len(indexed)}: nothing was deleted. "
                "An unmounted share looks like this. If the folder really is empty, run "
                f"`faro reindex --allow-empty {self.folder}`."
            )
        share = self.ingestor.settings.reindex_max_delete_share
        limit = max(share * len(indexed), _FEW)
        deleted = [r for r in missing.values() if r.status == "indexed"]
        if allow_mass_delete or len(deleted) <= limit:
            return
        # Renamed files are not deleted; their content is read only when the count is in doubt.
        vanished = Vanished(deleted)
        renamed = [r for s, path in present.items() if s not in rows and (r := vanished.take(path))]
        gone = len(deleted) - len(renamed)
        if gone > limit:
            raise MassDeleteRefused(
                f"{self.folder}: this pass would delete {gone} of the {len(indexed)} indexed documents "
                f"(more than FARO_REINDEX_MAX_DELETE_SHARE={share:g}); nothing was deleted. A share that is half "
                f"mounted or still syncing looks like this. If they really are gone, run "
                f"`faro reindex --allow-mass-delete {self.folder}`."
            )

    def _repair(self, present: dict[str, Path]) -> list[FileResult]:
        """Chunks that no indexed manifest row accounts for, or rows whose chunks are not all there.

        Chroma is compared with the manifest, then the keyword index with Chroma: keyword rows are
        rebuilt from the stored chunks and vectors (no embedding), e.g. for an index made before
        they, or their copy of the vectors, existed.
        """
        ing, index = self.ingestor, self.ingestor.index
        rows = {r.source: r for r in ing.manifest.all()}
        stored = index.store.ids_by_source()
        keyed = ing.manifest.keywords.ids_by_source()
        unvectored = ing.manifest.keywords.sources_without_vectors()  # keyword rows from before the copy
        repaired = []
        indexed = {s for s, r in rows.items() if r.status == "indexed"}
        for source in sorted(set(stored) | set(keyed) | indexed):
            row = rows.get(source)
            ids, kids = stored.get(source, set()), keyed.get(source, set())
            if source in indexed and ids == set(row.chunk_ids):
                if kids != ids or source in unvectored:
                    rebuilt = index.repair_keywords(source, row.access)  # the manifest's label rules
                    repaired.append(FileResult(source, "repaired", reason=f"rebuilt {rebuilt} keyword rows"))
                continue
            if source not in indexed:
                if ids or kids:
                    index.drop_orphans(source)
                    repaired.append(FileResult(source, "repaired", reason=f"dropped {len(ids | kids)} orphaned chunks"))
                continue
            path = present.get(source)
            try:
                result = ing.ingest_file(path, source, force=True) if path else ing.remove(source)
            except FileNotFoundError:
                result = ing.remove(source)
            result.reason = f"chunks did not match the manifest; {result.status}"
            result.status = "repaired"
            repaired.append(result)
        return repaired


def reindex(
    settings: Settings,
    folder: Path,
    *,
    full: bool = False,
    wait: float | None = 0,
    services: Services | None = None,
    allow_empty: bool = False,
    allow_mass_delete: bool = False,
) -> IngestReport:
    """Reconcile `folder` with the index under the writer lock; `full` rebuilds every vector.
    A pass that would delete everything or too much is refused (Reconciler.run)."""
    folder = folder.resolve()
    with writer_lock(settings.data_dir, "faro reindex", wait=wait):
        if full and not allow_empty and not discover([folder], folder):
            # Checked before the old index is dropped: a rebuild from an unmounted share would lose it.
            raise MassDeleteRefused(
                f"{folder} holds no documents: the index was not rebuilt. If the folder "
                f"really is empty, run `faro reindex --full --allow-empty {folder}`."
            )
        if full:
            # Also the way to change embedding model: the old collection is dropped, not mixed.
            # Load the new model first, so that a mistyped FARO_EMBED_MODEL leaves the old index be.
            embedder = services.embedder if services else embedder_for(settings, ingesting=True)
            embedder.embed_query("check")
            if services is None:  # a store that does not refuse the old model's collection: it is emptied next
                store = ChromaStore.from_settings(settings, any_model=True)
                services = build_services(settings, embedder=embedder, store=store)
            s = services
            s.index.reset(settings.embed_model)
        else:
            s = services or build_services(settings, ingesting=True)
        ingestor = Ingestor(s.settings, s.embedder, s.store, s.manifest)
        report, _ = Reconciler(ingestor, folder).run(
            check_store=True, allow_empty=allow_empty, allow_mass_delete=allow_mass_delete
        )
        return report
