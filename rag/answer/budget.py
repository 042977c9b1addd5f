"""Fitting the passages into the model's context, so that a long passage never fails the answer.

The model reads a fixed context (FARO_CONTEXT_TOKENS), of which the answer may take up to
FARO_MAX_ANSWER_TOKENS. Passages grown with their neighbours (rag/search/context.py) are usually
far inside it, but pages of tables and figures cost more tokens per word: an h2o question once
asked for 4,241 tokens of a 4,096-token context, and llama.cpp refused it.

So, in rank order, each passage is given whole while it fits; one that does not fit loses its
neighbours, the farthest from the matched chunk first; then the matched chunk is cut at a sentence
end; a passage that cannot keep MIN_PASSAGE_TOKENS, and every passage after it, is left out.
Only the tail is ever dropped, so the numbers of the passages kept do not change.
Tokens are estimated (rag/text/tokens.py): this runs where no model is loaded (`faro eval`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from rag.answer.conflicts import Plan
from rag.answer.prompt import build_messages, detect_language, passage_block, passage_label
from rag.search.context import windowed
from rag.text.tokens import estimate_tokens
from rag.types import Hit

log = logging.getLogger("faro.answer")

TEMPLATE_TOKENS = 24  # the chat template's role markers around the two messages
MIN_PASSAGE_TOKENS = 60  # less than this of a passage is a fragment, not worth giving
_SENTENCE_END = re.compile(r"[.!?;:](?=\s)|\n")


def prompt_room(context_tokens: int, answer_tokens: int, question: str, disagreements: int = 0) -> int:
    """Tokens left for the passages' blocks once the instructions, the question and the answer are counted."""
    language = detect_language(question)
    fixed = build_messages(question, [], language, [(1, 2)] * disagreements)
    used = sum(estimate_tokens(m["content"]) for m in fixed) + TEMPLATE_TOKENS
    return context_tokens - answer_tokens - used


def _narrower(hit: Hit) -> Hit | None:
    """`hit` without the neighbour farthest from its own chunk (the one before it on a tie); None when alone."""
    window = list(hit.pieces)
    if len(window) < 2:
        return None
    core = next((i for i, c in enumerate(window) if c.position == hit.chunk.position), 0)
    if core >= len(window) - 1 - core:
        window.pop(0)
    else:
        window.pop()
    return windowed(hit, window)


def _cut(hit: Hit, n: int, room: int) -> Hit | None:
    """`hit`'s own text cut at a sentence end so that its block takes at most `room` tokens."""
    text = hit.chunk.text

    def shortened(end: int) -> Hit:
        return replace(hit, pieces=(), chunk=replace(hit.chunk, text=text[:end].rstrip() + " …"))

    spaces = [m.start() for m in re.finditer(r"\s+", text)]
    lo, hi = -1, len(spaces) - 1  # the last space whose prefix fits
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if estimate_tokens(passage_block(n, shortened(spaces[mid]))) <= room:
            lo = mid
        else:
            hi = mid - 1
    if lo < 0:
        return None
    end = spaces[lo]
    stops = [m.end() for m in _SENTENCE_END.finditer(text, 0, end + 1)]
    if stops and stops[-1] >= end // 2:
        end = stops[-1]
    cut = shortened(end)
    return cut if estimate_tokens(cut.chunk.text) >= MIN_PASSAGE_TOKENS else None


def fit(p: Plan, question: str, context_tokens: int, answer_tokens: int) -> Plan:
    """`p` with its current passages made to fit the context (see the module notes)."""
    room = prompt_room(context_tokens, answer_tokens, question, len(p.disagreements))
    kept: list[Hit] = []
    for n, hit in enumerate(p.current, start=1):
        given: Hit | None = hit
        while given is not None and estimate_tokens(passage_block(n, given)) > room:
            narrower = _narrower(given)
            if narrower is None:
                given = _cut(given, n, room)  # fits by construction
                break
            given = narrower
        if given is None:
            break
        kept.append(given)
        room -= estimate_tokens(passage_block(n, given)) + 1  # the blank line between blocks
    if kept == p.current:
        return p
    if not kept:  # a question that fills the context itself: the best passage, cut short, still goes
        first = p.current[0]
        kept = [_cut(first, 1, estimate_tokens(passage_label(first)) + 2 * MIN_PASSAGE_TOKENS) or first]
    log.info(
        "The passages were fitted to the model's context (%d tokens, %d for the answer): %d of %d kept, %d shortened.",
        context_tokens,
        answer_tokens,
        len(kept),
        len(p.current),
        sum(a is not b for a, b in zip(kept, p.current)),
    )
    size = len(kept)
    return Plan(
        kept,
        older=[(old, newer) for old, newer in p.older if newer < size],
        stale=[i for i in p.stale if i < size],
        disagreements=[d for d in p.disagreements if d.first < size and d.second < size],
    )
