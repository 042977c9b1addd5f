"""What a sentence ties together, a name beside a figure, and whether a passage ties them otherwise.

A contacts list, a table of limits or a list of sites holds many names and many figures. An answer
that takes a name from one row and a figure from the next ("Extension 4217 reaches the IT Service
Desk" where the IT Service Desk's row says 4400 and 4217 is the Data Protection Officer's; "150 EUR
in Valencia" where 150 EUR is Madrid's row) states both words a passage holds, and neither is
its. `swapped` finds such a pair: the passage never writes them in one row or sentence, and the
row or sentence that names the name gives another figure of the same kind.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.answer.sentences import lines_apart
from rag.text.figures import EMAIL, amount_kind, calendar_names, figure_value, figures, unit_amounts
from rag.text.language import is_stop_word

# A telephone number's groups are one figure: "0113 496 0400".
_GROUPED = re.compile(r"(?<=\d{3}) (?=\d{3})")
_TOKEN = re.compile(EMAIL.pattern + r"|[€£$]|\d[\d.,]*\d|\d|[^\W\d_][\w'’-]*")
# The words that join the capitalised words of one name: "Head of People", "Dirección de Personas".
_JOINERS = frozenset({"of", "de", "del", "and", "y", "for"})
# How far apart, in words, a name and a figure the sentence ties together stand at most.
_REACH = 3
# A line of a table or list as a text file or a PDF writes it: columns set apart by spaces or bars.
_COLUMNS = re.compile(r"\S(?: {2,}|\t| \| )\S")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _kind(value: str, unit: str | None) -> str | None:
    """What a figure counts, to compare it with the passage's: money or a share by its unit, a
    bare number by its digits (an extension, a telephone number); None for time and years, which
    many rows and sentences state of many things."""
    if unit is not None:
        kind = amount_kind(unit)
        return None if kind == "time" else kind
    return None if _YEAR.match(value) else f"#{len(value)}"


@lru_cache(maxsize=256)  # a sentence is read against each passage of its answer
def _pairs(sentence: str) -> frozenset[tuple[str, str, str]]:
    """The (name, figure, kind) the sentence ties together: a name (capitalised words, not the
    sentence's first alone, not a month; or an email address) within a few words of a figure."""
    tokens = [m.group(0) for m in _TOKEN.finditer(_GROUPED.sub("", sentence))]
    names: list[tuple[int, int, str]] = []  # (first token, last token, name)
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if "@" in t:
            names.append((i, i, t))
        elif t[0].isupper():
            j = i  # the name runs on through capitalised words and the words that join them
            while True:
                if j + 1 < len(tokens) and tokens[j + 1][0].isupper():
                    j += 1
                elif j + 2 < len(tokens) and tokens[j + 1] in _JOINERS and tokens[j + 2][0].isupper():
                    j += 2
                else:
                    break
            words = tokens[i : j + 1]
            start = i
            # Not "The", nor the sentence's first word ("Extension"), nor a unit ("EUR"); "IT" is a name.
            while words and (start == 0 or (is_stop_word(words[0].lower()) and not words[0].isupper())):
                words, start = words[1:], start + 1
            while words and unit_amounts(f"1 {words[-1]}"):
                words = words[:-1]
            name = " ".join(words)
            if name and not calendar_names(name):
                names.append((start, start + len(words) - 1, name))
            i = j
        i += 1
    out = set()
    for k, t in enumerate(tokens):
        if not t[0].isdigit():
            continue
        value = figure_value(t)
        nearby = " ".join(tokens[max(0, k - 1) : k + 2])
        units = [u for v, u in unit_amounts(nearby, words=False) if v == value]
        kind = _kind(value, units[0] if units else None)
        if kind is None:
            continue
        for first, last, name in names:
            if first - k <= _REACH + 1 and k - last <= _REACH + 1 and not first <= k <= last:
                out.add((name, value, kind))
    return frozenset(out)


@lru_cache(maxsize=1024)  # read for every sentence of an answer, against the same passages
def _units(passage: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """A passage's rows (lines set in columns) and sentences (a PDF's line breaks read as spaces,
    a short line on its own as a row), telephone numbers as one figure; each with its figures."""
    rows, rest = [], []
    for line in passage.splitlines():
        (rows if _COLUMNS.search(line) else rest).append(line)
    sentences = lines_apart("\n".join(rest))
    units = [_GROUPED.sub("", " ".join(u.split())) for u in [*rows, *sentences]]
    return tuple((u, frozenset(figures(u))) for u in units)


def _holds(unit: str, name: str) -> bool:
    return re.search(r"(?<![\w@.])" + re.escape(name) + r"(?![\w@])", unit) is not None


def _of_kind(unit: str, kind: str) -> set[str]:
    """The figures of a kind a row or sentence states."""
    amounts = unit_amounts(unit)
    if not kind.startswith("#"):
        return {v for v, u in amounts if amount_kind(u) == kind}
    bare = figures(unit) - {v for v, _ in amounts}
    return {v for v in bare if len(v) == int(kind[1:])}


def swapped(sentence: str, passage: str, given: frozenset[str] = frozenset()) -> bool:
    """Whether the sentence ties a name to a figure the passage gives for another: the passage
    writes both, never in one row or sentence, and a row or sentence naming the name gives
    another figure of the same kind. A figure the user gave (`given`) is tied like any other, and
    only a passage that writes it can tie it: "Who is on extension 4217?" asks for the name the
    passage ties to 4217, which a passage without 4217 cannot answer."""
    pairs = _pairs(sentence)
    if not pairs:
        return False
    units = _units(passage)
    for name, value, kind in pairs:
        named = [u for u, _ in units if _holds(u, name)]
        stating = [u for u, there in units if value in there]
        if value in given and named and not stating:
            return True
        if not named or not stating or any(u in named for u in stating):
            continue
        if any(_of_kind(u, kind) - {value} for u in named):
            return True
    return False
