"""The files behind citations, for the page's download button: only indexed documents, only from
the indexed folder.

A citation's `source` comes back from the browser's session and from the index, so it is treated
as untrusted: a name that climbs out of the folder ('..', an absolute path, a Windows drive, a
symlink to elsewhere) or names a file Faro never indexed is refused with the reason, never served.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from rag.errors import FaroError
from rag.index.manifest import Manifest
from rag.people.access import User

_MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".txt": "text/plain",
}
_DRIVE = re.compile(r"^[A-Za-z]:")


def _check_name(source: str) -> None:
    """Refuse names that could point anywhere but below the folder, before touching the disk."""
    if not source:
        raise FaroError("No document named.")
    if "\x00" in source:
        raise FaroError(f"{source!r} is not a document name: it holds a NUL byte.")
    if "\\" in source or _DRIVE.match(source):
        raise FaroError(f"{source}: document names use forward slashes and no drive letter.")
    path = PurePosixPath(source)
    if path.is_absolute():
        raise FaroError(f"{source}: an absolute path, not a document of the indexed folder.")
    if ".." in path.parts:
        raise FaroError(f"{source}: '..' leads out of the indexed folder.")


def source_file(docs_dir: Path, source: str, manifest: Manifest, user: User | None = None) -> Path:
    """The real path of the indexed document `source` (relative, forward slashes) under docs_dir;
    FaroError saying why when it cannot be offered for download. A document `user` may not read
    gets the very answer a name never indexed gets: nobody learns that it exists."""
    _check_name(source)
    root = docs_dir.resolve()
    path = (root / source).resolve()  # follows symlinks: their target is what would be served
    if not path.is_relative_to(root):
        raise FaroError(f"{source} leads outside the indexed folder.")
    record = manifest.get(source)
    if record is None or record.status != "indexed" or (user is not None and not user.may_read(record.access)):
        raise FaroError(f"{source} is not an indexed document.")
    if not path.exists():
        raise FaroError(f"{source} is no longer in the indexed folder: moved or deleted since it was indexed.")
    if not path.is_file():
        raise FaroError(f"{source} is not a regular file.")
    if path.relative_to(root).as_posix() != source:
        # A link re-pointed after indexing could serve a file that was never indexed.
        raise FaroError(f"{source} is a symbolic link (or lies under one): only real files are served.")
    if path.stat().st_size != record.size:
        raise FaroError(f"{source} has changed since it was indexed: try again once it is re-indexed.")
    return path


def media_type(path: Path | str) -> str:
    """The MIME type to download a document with, by its extension."""
    return _MEDIA_TYPES.get(PurePosixPath(str(path)).suffix.lower(), "application/octet-stream")
