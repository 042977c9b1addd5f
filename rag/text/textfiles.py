"""Reading the small text files people write by hand: the access file, the users file,
`.faroignore`, questions and query lists.

They come from Notepad as often as from an editor: a byte-order mark is dropped (it would make
the first rule "\ufeffhr/**", which matches nothing), Windows line ends are lines, and a file
saved in another encoding is one clear error naming the file and the line, never a traceback.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from rag.errors import FaroError


def read_text(path: Path, what: str, error: type[FaroError] = FaroError) -> str:
    """The text of `path` (UTF-8, a byte-order mark dropped), NFC-normalised so that "nóminas"
    typed on a Mac matches "nóminas" typed on Windows; raises `error` saying what is wrong with
    `what` ("the access file"). FileNotFoundError is left to the caller, for whom it may be normal."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(
            f"{what} {path}, line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None
    return unicodedata.normalize("NFC", text)
