"""Highlights: the words of a passage that the sentences citing it use, as spans to mark on the page.

A word of the passage is marked when it shares a stem, in either language, with a content word of
the citing sentences, and a number when its value is one of their figures. Marks next to each other
merge across the few spaces and punctuation marks between them.
"""

from __future__ import annotations

import re

from rag.text.content_words import content_stems
from rag.text.figures import FIGURE_TOKEN, figure_value, figures
from rag.text.language import fold, is_stop_word, stems_in_any


def highlight_spans(passage: str, cited_by: str, language: str) -> list[tuple[int, int]]:
    """[start, end) spans of the passage's words (and numbers) that the citing sentences use,
    merged across the spaces and punctuation between neighbouring matches."""
    wanted = set(content_stems(cited_by, language)) | set(content_stems(cited_by, "en" if language == "es" else "es"))
    numbers = figures(cited_by)
    spans: list[list[int]] = []
    for m in FIGURE_TOKEN.finditer(passage):
        w = fold(m.group(0))
        if not w:
            continue
        if w[0].isdigit():
            hit = figure_value(w) in numbers
        else:
            hit = not is_stop_word(w) and bool(wanted & stems_in_any([w]))
        if not hit:
            continue
        if spans and re.fullmatch(r"[\s,.\-/%€$£]{0,3}", passage[spans[-1][1] : m.start()]):
            spans[-1][1] = m.end()
        else:
            spans.append([m.start(), m.end()])
    return [(a, b) for a, b in spans]
