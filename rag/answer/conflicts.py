"""Passages that disagree: an older version of a policy, and two current documents at odds.

Both are found without the model, so what the reader is told does not depend on its luck:

- **Older versions.** Retrieval marks a passage whose policy has a newer indexed version
  (`Hit.superseded_by`, from ingest/versions.py). When the newer version is among the passages
  too, the older passage is kept out of the model's prompt, so the answer follows the current
  text, and Faro adds a note citing both when the two passages differ in a figure or a date.
- **Contradictions.** Two passages from different documents, neither superseding the other,
  that state the same kind of quantity (days, weeks, euros, per cent...) in sentences about the
  same thing (most content words shared) but with different numbers. The model is told to
  report the disagreement, and Faro adds a note quoting both, so the answer never silently picks one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rag.answer.sentences import split_sentences
from rag.lexicon import both
from rag.text.content_words import content_stems
from rag.text.figures import figures_in_context, stated_figures, unit_amounts
from rag.types import Hit

SAME_SUBJECT = 0.5  # share of content stems two sentences must share to be about the same thing
MIN_SHARED = 3  # and at least this many: two fragments sharing "gbp" and "per" are not one subject
# Words that come with any amount and say nothing about what it is an amount of.
_AMOUNT_WORDS = both("AMOUNT_WORDS")


@dataclass(frozen=True)
class Disagreement:
    """Two passages (0-based positions) stating different amounts about the same thing."""

    first: int
    second: int
    first_says: str
    second_says: str


@dataclass
class Plan:
    """What the model is given, and what Faro adds after it."""

    current: list[Hit]  # the passages the model answers from, numbered 1..n
    older: list[tuple[Hit, int]] = field(default_factory=list)  # (superseded passage, position of its newer one)
    stale: list[int] = field(default_factory=list)  # positions of old passages whose newer version did not match
    disagreements: list[Disagreement] = field(default_factory=list)


def plan(passages: list[Hit], question: str = "", retrieved: list[Hit] = ()) -> Plan:
    """Split the relevant passages into what the model sees and what the notes cite.

    `retrieved` is everything the search returned: a newer version's passage that fell under the
    relevance floor is brought back, since its old version matched.
    """
    passages = list(passages)
    sources = {h.chunk.source for h in passages}
    for h in list(passages):
        if h.superseded_by and h.superseded_by not in sources:
            newer = next((r for r in retrieved if r.chunk.source == h.superseded_by), None)
            if newer is not None:
                passages.insert(passages.index(h), newer)
                sources.add(newer.chunk.source)
    current: list[Hit] = []
    held: list[Hit] = []
    for h in passages:
        # An old passage whose newer version is here too stays out of the prompt; if the question
        # names a year of the old version's file or title (asking about history), it stays in.
        if h.superseded_by and h.superseded_by in sources and not _asks_for(question, h):
            held.append(h)
        else:
            current.append(h)
    out = Plan(current)
    for old in held:
        newer = next((i for i, h in enumerate(current) if h.chunk.source == old.superseded_by), None)
        if newer is None:  # its newer version is itself held: keep the text, say it is old
            current.append(old)
        elif differs(old.chunk.text, current[newer].chunk.text) and all(
            o.chunk.source != old.chunk.source for o, _ in out.older
        ):  # one note per older document
            out.older.append((old, newer))
    out.stale = [
        i
        for i, h in enumerate(current)
        if h.superseded_by and h.superseded_by not in sources and not _asks_for(question, h)
    ]
    out.disagreements = disagreements(current)
    return out


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # "Effective 1 March 2023" heads each version


def _asks_for(question: str, hit: Hit) -> bool:
    years = set(_YEAR.findall(question))
    return bool(years & set(_YEAR.findall(hit.chunk.source + " " + hit.chunk.title)))


def _sentences(text: str) -> list[str]:
    """A passage's sentences. A PDF's line breaks fall mid-sentence; a blank line still ends a paragraph."""
    return [sentence for sentence, *_ in split_sentences(re.sub(r"(?<!\n)\n(?!\n)", " ", text))]


def differs(old: str, new: str) -> bool:
    """Whether one version's passage states a figure or a date that the other does not state
    for the same thing ("top up your pay for up to ten working days" against "for the full period
    of service ... up to ten days per year" for other duties). A heading's number ("11. Special
    leave", "8.3 Jury service") and the versions' years are no such figure."""
    return _states_more(old, new) or _states_more(new, old)


def _states_more(text: str, other: str) -> bool:
    for sentence in _sentences(text):
        sentence = _YEAR.sub("", sentence)
        if stated_figures(sentence) and not figures_in_context(sentence, other):
            return True
    return False


def disagreements(passages: list[Hit]) -> list[Disagreement]:
    """Pairs of passages from different documents that state different amounts of the same kind
    in sentences about the same thing."""
    found: list[Disagreement] = []
    claims = [_claims(h) for h in passages]
    for i in range(len(passages)):
        for j in range(i + 1, len(passages)):
            a, b = passages[i].chunk, passages[j].chunk
            if a.source == b.source or a.language != b.language:
                continue
            if passages[i].superseded_by == b.source or passages[j].superseded_by == a.source:
                continue
            pair = _conflict(claims[i], claims[j])
            if pair and not any(d.first == i and d.second == j for d in found):
                found.append(Disagreement(i, j, *pair))
    return found


Claim = tuple[str, frozenset[str], frozenset[tuple[str, str]]]  # sentence, content stems, amounts


def _claims(hit: Hit) -> tuple[Claim, ...]:
    """The passage's sentences that state an amount, with their content stems."""
    return _claims_in(hit.chunk.text, hit.chunk.language or "en")


# The same passages come back question after question; what the cache hands out cannot be changed.
@lru_cache(maxsize=4096)
def _claims_in(text: str, language: str) -> tuple[Claim, ...]:
    ignore = set(content_stems(" ".join(_AMOUNT_WORDS), language))
    out = []
    for sentence in _sentences(text):
        amounts = unit_amounts(sentence)
        if amounts:
            out.append((sentence, frozenset(content_stems(sentence, language)) - ignore, frozenset(amounts)))
    return tuple(out)


def _conflict(first, second) -> tuple[str, str] | None:
    for s1, stems1, amounts1 in first:
        for s2, stems2, amounts2 in second:
            if not stems1 or not stems2:
                continue
            shared = len(stems1 & stems2)
            if shared < MIN_SHARED or shared / min(len(stems1), len(stems2)) < SAME_SUBJECT:
                continue
            units1 = {u for _, u in amounts1}
            units2 = {u for _, u in amounts2}
            for unit in units1 & units2:
                if {n for n, u in amounts1 if u == unit} != {n for n, u in amounts2 if u == unit}:
                    return s1, s2
    return None
