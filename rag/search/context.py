"""A short passage comes with its neighbours: small to match, whole enough to answer.

Chunks never cross a heading, so a policy with many numbered headings ("4.1 Receipts") is cut into
passages of a few lines each: they match a question precisely, but the sentence that answers is
often the next paragraph, under the next heading or on the next page. A passage found is therefore
given, to the model and to the reader, with the chunks around it in its document, the following
ones first, until it holds `words` words (a neighbour that would take it past OVERSHOOT times
that is left out). A neighbour already inside a better passage's window is
not repeated, and a passage that lies inside a better one's window is dropped, so the k passages
shown are k different places.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rag.index.keywords import KeywordIndex
from rag.types import Chunk, Hit

_TOKEN = re.compile(r"\S+")
REACH = 8  # neighbours looked at on each side
# A window may end past `words` by one neighbour, up to this factor. Four windows of 350 words
# (420 at most) usually fit a 4,096-token context with room for the answer; pages of figures take
# more tokens per word, and rag/answer/budget.py trims the windows that would not fit.
OVERSHOOT = 1.2


def _joined(first: str, second: str) -> str:
    """second appended to first, without the sentences that consecutive chunks share."""
    a, b = first.split(), [m for m in _TOKEN.finditer(second)]
    head = [m.group() for m in b[:80]]  # read once: this runs for every neighbour of every passage
    for n in range(min(len(a), len(b), 80), 0, -1):
        if a[-n:] == head[:n]:
            rest = second[b[n - 1].end() :].strip()
            return f"{first}\n{rest}" if rest else first
    return f"{first}\n{second}"


def windowed(hit: Hit, window: list[Chunk]) -> Hit:
    """`hit` given as these consecutive chunks of its document, joined, its own chunk among them."""
    c = hit.chunk
    text = window[0].text
    for n in window[1:]:
        text = _joined(text, n.text)
    pages = [p for n in window for p in (n.page, n.page_end) if p]
    return replace(
        hit,
        pieces=tuple(window) if len(window) > 1 else (),
        chunk=replace(c, text=text, page=min(pages) if pages else c.page, page_end=max(pages) if pages else c.page_end),
    )


def widen(hits: list[Hit], keywords: KeywordIndex, words: int, k: int) -> list[Hit]:
    """The first k distinct places of these hits, each grown to about `words` words."""
    used: dict[str, set[int]] = {}
    out: list[Hit] = []
    for hit in hits:
        c = hit.chunk
        taken = used.setdefault(c.source, set())
        if c.position in taken:
            continue  # inside the window of a better passage
        taken.add(c.position)
        size = len(c.text.split())
        if size >= words:
            out.append(hit)
        else:
            near = keywords.around(c.source, c.position - REACH, c.position + REACH)
            before, after, lo, hi = [], [], c.position, c.position
            open_ends = [1, -1]  # the following chunks first: a heading's text comes after it
            while open_ends:
                for direction in list(open_ends):
                    pos = hi + 1 if direction > 0 else lo - 1
                    n = near.get(pos)
                    grown = size + len(n.text.split()) if n is not None else 0
                    if n is None or pos in taken or size >= words or grown > OVERSHOOT * words:
                        open_ends.remove(direction)
                        continue
                    taken.add(pos)
                    size = grown
                    if direction > 0:
                        after.append(n)
                        hi = pos
                    else:
                        before.insert(0, n)
                        lo = pos
            out.append(windowed(hit, before + [c] + after))
        if len(out) >= k:
            break
    return out
