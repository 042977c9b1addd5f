"""Citations: map the [n] markers of an answer to the passages the prompt numbered.

The model's numbers are never trusted: a marker that names no passage is removed, from the
stream as it is generated and from the final text, so no broken link ever reaches a reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# [1], [1, 2], [1][3], [1-2] is not supported on purpose: ranges are rare and ambiguous.
MARKER = re.compile(r"\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\]")
# The longest text that could still turn out to be a marker, e.g. "[12, 13, 14".
_MAX_PENDING = 24


def _rewrite(match: re.Match, count: int) -> str:
    numbers = [int(n) for n in re.split(r"\s*[,;]\s*", match.group(1))]
    valid = []
    for n in numbers:
        if 1 <= n <= count and n not in valid:
            valid.append(n)
    return "".join(f"[{n}]" for n in valid)


# Small models sometimes cite in words: "supported by passage 3", "según el pasaje 2".
_WORDED = re.compile(r"\b(?:passage|pasaje)\s+(\d{1,3})\b(?!\s*\])", re.IGNORECASE)


def clean_markers(text: str, count: int) -> str:
    """The text with every marker outside 1..count removed and lists split: '[1, 9]' -> '[1]'.

    A citation in words ("passage 3") becomes the marker it means, if that passage exists.
    """
    text = _WORDED.sub(lambda m: f"[{m.group(1)}]", text)
    return tidy(MARKER.sub(lambda m: _rewrite(m, count), text))


# Markers written as a list: "[1], [2], [3], and [5]", "[1] y [2]".
_MARKER_LIST = re.compile(MARKER.pattern + r"(?:\s*(?:[,;&]|,?\s*\b(?:and|y|e)\b)\s*" + MARKER.pattern + r")+")


def joined_markers(text: str) -> str:
    """Markers written as a list run together, "[1], [2], and [5]" -> "[1][2][5]": removing one
    that does not hold then leaves no stray commas or "and" behind."""
    return _MARKER_LIST.sub(lambda m: "".join(f"[{n}]" for n in cited_numbers(m.group(0))), text)


def tidy(text: str) -> str:
    """No space left before punctuation or doubled where markers were removed."""
    return re.sub(r"[ \t]+([.,;:!?])", r"\1", text).replace("  ", " ")


def cited_numbers(text: str) -> list[int]:
    """Marker numbers in order of first appearance."""
    seen: list[int] = []
    for m in MARKER.finditer(text):
        for n in re.split(r"\s*[,;]\s*", m.group(1)):
            if int(n) not in seen:
                seen.append(int(n))
    return seen


def filter_stream(pieces: Iterator[str], count: int) -> Iterator[str]:
    """Stream text with invalid markers removed, holding back only what may be an open marker."""
    pending = ""
    for piece in pieces:
        pending += piece
        cut = pending.rfind("[")
        # Everything before a possibly unfinished "[..." is final.
        if (
            cut == -1
            or "]" in pending[cut:]
            or len(pending) - cut > _MAX_PENDING
            or not re.fullmatch(r"\[[\d,; ]*", pending[cut:])
        ):
            ready, pending = pending, ""
        else:
            ready, pending = pending[:cut], pending[cut:]
        if ready:
            yield MARKER.sub(lambda m: _rewrite(m, count), ready)
    if pending:
        yield MARKER.sub(lambda m: _rewrite(m, count), pending)
