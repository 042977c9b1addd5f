"""How an answer and its sources read on the page (pure text work; the page draws the result).

- Sources are numbered 1…n in the order the answer first cites them, and only those it still
  cites are listed; each marker links to its source.
- A passage shows the sentence the answer relies on, not every common word the check matched.
- PDF line breaks inside a sentence are reflowed ("rest and / recover" reads as one line).
"""

from __future__ import annotations

import html
import re

_MARKER = re.compile(r"\[(\d{1,3})\]")
# A sentence ends at . ! ? (or a line that is a heading or list item on its own); the next starts after.
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")


def numbered(text: str, citations: list[dict], anchor: str) -> tuple[str, list[dict]]:
    """The answer's text with its markers renumbered by first use and made links to
    `#{anchor}-{n}`, and the citations it still cites, renumbered the same way."""
    by_marker = {c["marker"]: c for c in citations}
    order: list[int] = []
    for m in _MARKER.finditer(text):
        n = int(m.group(1))
        if n in by_marker and n not in order:
            order.append(n)
    new = {old: i for i, old in enumerate(order, start=1)}

    def link(m: re.Match) -> str:
        n = new.get(int(m.group(1)))
        return f"[\\[{n}\\]](#{anchor}-{n})" if n else ""

    shown = re.sub(r"[ \t]+([.,;:!?])", r"\1", _MARKER.sub(link, text))
    return shown, [dict(by_marker[old], marker=new[old]) for old in order]


def reflowed(text: str) -> str:
    """PDF text with a line break inside a sentence turned into a space (same length, so the
    highlight spans still fit): a break stays where a line ends a sentence or a heading, before a
    list item or a capitalised line, and at a blank line."""
    chars = list(text)
    for m in re.finditer(r"(?<=\S)\n(?=\S)", text):
        before = text[: m.start()].rstrip()[-1:]
        after = text[m.end() :]
        if before in ".:;!?" or re.match(r"(?:[-•*]|\d{1,2}[.)])\s", after) or after[:1].isupper():
            continue
        chars[m.start()] = " "
    return "".join(chars)


def sentence_highlights(text: str, spans: list) -> list[tuple[int, int]]:
    """The sentences of `text` that hold the matched words, as spans to highlight: the sentence
    with the most matches, and the next one if it holds nearly as many (a rule and its exception).
    A sentence that only shares a common word or two with the answer is not marked."""
    if not spans:
        return []
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    counts = [(sum(1 for a, b in spans if s <= int(a) < e), s, e) for s, e in bounds]
    ranked = sorted(counts, key=lambda c: -c[0])
    best = ranked[0][0]
    chosen = [(s, e) for n, s, e in ranked[:2] if n and (n == best or n >= max(3, 0.75 * best))]
    chosen.sort()
    out = []
    for s, e in chosen:  # without the whitespace around the sentence
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e))
    return out


def _merged(spans: list, length: int) -> list[list[int]]:
    """Highlight spans clipped to the text, in order, overlapping or touching ones joined."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, int(a)), min(length, int(b))) for a, b in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def passage_html(text: str, spans: list) -> str:
    """The passage as HTML with the cited words in <mark>. Documents are not markup: every one of
    their characters is escaped and the text never goes through Markdown, so a passage holding
    '<', '**', '$' or ':red[' shows those characters instead of changing the page."""
    out, pos = [], 0
    for start, end in _merged(spans, len(text)):
        out += [html.escape(text[pos:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        pos = end
    out.append(html.escape(text[pos:]))
    return '<div style="white-space: pre-wrap">' + "".join(out) + "</div>"
