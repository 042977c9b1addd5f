"""Figures in text: reading them (digits, number words, month names, grouped thousands) and
checking that a sentence's figures stand in a passage beside the words the sentence ties them to.

Citation verification (rag/answer/verify.py) asks this of every sentence of an answer, and the version
and contradiction notes (rag/answer/conflicts.py) compare passages' figures with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rag.lexicon import both, en, es
from rag.text.language import fold, is_stop_word, stem_words, stems_in_any

WORD = re.compile(r"[^\W_]+", re.UNICODE)
# A figure: 30, 0.45, 0,45, 1,000, 2.500,00. Grouped thousands are read as one number. Digits
# after a letter are part of a name ("P2", "grade M1", "S3"; identifiers), not a figure.
_FIGURE = re.compile(r"(?<![^\W_])(?:\d{1,3}(?:([.,])\d{3}(?!\d))(?:\1\d{3}(?!\d))*(?:[.,]\d+)?|\d+(?:[.,]\d+)?)")
FIGURE_TOKEN = re.compile(_FIGURE.pattern + r"|[^\W\d_]+", re.UNICODE)

# Number words a passage may write where an answer writes digits.
_SPELLED = both("NUMBER_WORDS")
_MONTHS = {}
for _i, (_en, _es) in enumerate(zip(en.MONTHS, es.MONTHS), start=1):
    _MONTHS[_en] = _MONTHS[_es] = str(_i)
# Number words and month names a passage may write where an answer writes digits. Beside a figure
# only the number words are figures: "31 December" is no twelve.
NUMBER_WORDS = {**_SPELLED, **_MONTHS}
# The number words an answer's own figures are also read from: counts from two, not "one" (a
# pronoun), "una" (an article) or "half".
_COUNT_WORDS = {w: v for w, v in _SPELLED.items() if v.isdigit() and int(v) > 1}
# Words that frame an answer rather than state a fact from the passage.
_FRAMING = both("FRAMING")


# The number of a heading or a list item ("5. Carrying over unused holiday", "8.4 Volunteering",
# "2. Send the form"): it counts nothing. A figure starting a line is followed by its unit ("3 years
# to less than 6 years", "45 GBP").
_ENUMERATION = re.compile(
    r"^[ \t]*(?:\d{1,2}(?:\.\d{1,2})*\.|\d{1,2}(?:\.\d{1,2})+)[ \t]+(?=[^\W\d_][^\W\d_A-Z])", re.MULTILINE
)


# A figure and the word that scales it: "19.9 million", "1,5 millones", "1 millón", "3 mil". The
# lexicon writes the words folded; the text may write them with their accents.
_SCALES = both("SCALE_WORDS")
_ACCENTED = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uúü]", " ": r"\s+"}
_SCALED = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,]\d{3})*(?:[.,]\d+)?)\s+("
    + "|".join("".join(_ACCENTED.get(c, c) for c in w) for w in sorted(_SCALES, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def _scaled(m: re.Match) -> str:
    scale = _SCALES[" ".join(fold(m.group(2)).split())]
    value = Decimal(figure_value(m.group(1))) * scale
    return f"{format(value.normalize(), 'f')} {m.group(2)}"


def _counted(text: str) -> str:
    """The text without its heading and list numbers, its scaled figures written out: "19.9
    million" is the 19,900,000 an answer may write."""
    if any(c.isdigit() for c in text):
        text = _SCALED.sub(_scaled, text)
    return _ENUMERATION.sub("", text)


def figure_value(raw: str) -> str:
    """One spelling per figure: '30', '30.0' -> '30'; '0,45' -> '0.45'; '1,000', '1.000' -> '1000'."""
    seps = [c for c in raw if c in ".,"]
    if not seps:
        digits = raw
    elif len(set(seps)) == 2:  # 2,500.00 or 2.500,00: the last one is the decimal point
        decimal = raw[max(raw.rfind("."), raw.rfind(","))]
        digits = raw.replace("," if decimal == "." else ".", "").replace(decimal, ".")
    elif len(seps) > 1 or (re.fullmatch(r"[1-9]\d{0,2}[.,]\d{3}", raw)):
        digits = raw.replace(seps[0], "")  # 1,000 / 1.000.000: grouped thousands
    else:
        digits = raw.replace(",", ".")
    try:
        return format(Decimal(digits).normalize(), "f")
    except InvalidOperation:
        return raw


def figures(text: str, *, words: bool = False) -> set[str]:
    """The figures a text states; with words, also those written as number words or month names."""
    text = _counted(text)
    found = {figure_value(m.group(0)) for m in _FIGURE.finditer(text)}
    if words:
        found |= {NUMBER_WORDS[w] for w in WORD.findall(fold(text)) if w in NUMBER_WORDS}
    return found


def _read(text: str, words: dict[str, str]) -> Iterator[tuple[str, str]]:
    """A text's figures and words that are no stop words, in order: (value, "") for digits,
    (value, word) for one of `words` ("five", "January"), ("", word) for any other word."""
    for m in FIGURE_TOKEN.finditer(text):
        w = fold(m.group(0))
        if not w:  # a mark that folds to nothing (a lone half-width sound mark)
            continue
        if w[0].isdigit():
            yield figure_value(w), ""
        elif w in words:
            yield words[w], w
        elif not is_stop_word(w):
            yield "", w


def _figure_runs(text: str, words: dict[str, str]) -> list[str]:
    """Figures written one after the other, with no content word between: a phone number
    ('0808 157 0246'), a time span ('19:00 y las 08:00'), a date ('1/7/2025'), as ' 808 157 246 '."""
    runs, run = [], []
    for value, _ in _read(_counted(text), words):
        if value:
            run.append(value)
            continue
        if len(run) > 1:
            runs.append(" " + " ".join(run) + " ")
        run = []
    if len(run) > 1:
        runs.append(" " + " ".join(run) + " ")
    return runs


# A line as `_lines` reads it: the line, and its figures and words in order (value, word).
Line = tuple[str, list[tuple[str, str]]]


def _lines(text: str, words: dict[str, str]) -> list[Line]:
    """Each line of a text, without its heading or list number, with its figures (digits, or one
    of `words`) and its content words; framing words are no context."""
    return [
        (line, [(value, w) for value, w in _read(line, words) if value or w not in _FRAMING])
        for line in _counted(text).splitlines()
    ]


def _short(line: Line) -> bool:
    """A line short enough to be a table's header or row, not a sentence."""
    text, row = line
    return len(row) <= 12 and not text.rstrip().endswith(".")


def _figure_contexts(lines: list[Line], reach: int) -> list[tuple[str, list[frozenset[str]], int]]:
    """Each figure of a text's lines (digits, or a number word) with the stems of the `reach` content
    words either side of it, each as its stems: '8 unused vacation days' -> ('8', [{unus, unused},
    {vacat, vacation}, {day, days}, ...]). A figure
    in a table row ('6 years to less than 10 years 27 8': a short line of several figures, under a
    short line of none or under other rows) also has the words of that header ('Annual leave (days)').
    Each comes with the number of its line."""
    tokens: list[tuple[str, str, int]] = []  # (figure value or "", content word or "", line)
    header: dict[int, list[str]] = {}  # a table row's line -> the words of its header line
    last_plain: list[str] = []
    for n, line in enumerate(lines):
        # A number word is a figure and a word beside one ("five days").
        row = [(value, w, n) for value, w in line[1]]
        figures_here = sum(1 for value, _, _ in row if value)
        if _CELLS.match(line[0].strip()):  # a Word table row names its cells: the whole row is each figure's context
            header[n] = [w for _, w, _ in row if w]
        elif figures_here >= 2 and _short(line) and last_plain:  # a row under a header, or under rows under one
            header[n] = last_plain
        elif not figures_here and _short(line) and row:
            last_plain = [w for _, w, _ in row]
        else:  # prose: no table goes on through it
            last_plain = []
        tokens += row
    out = []
    for i, (value, _, line) in enumerate(tokens):
        if not value:
            continue
        near: list[str] = list(header.get(line, ()))
        before = [w for _, w, _ in (tokens[i - 1 :: -1] if i else []) if w][: 2 * reach]
        after = [w for _, w, _ in tokens[i + 1 :] if w][: 2 * reach]
        # `reach` words either side; at the end of a sentence ("… carried over is 8.") the other
        # side gives what this one lacks.
        near += before[: 2 * reach - min(reach, len(after))] + after[: 2 * reach - min(reach, len(before))]
        out.append((value, [frozenset(pair) for pair in zip(stem_words(near, "en"), stem_words(near, "es"))], line))
    return out


_MONTH_STEMS = stems_in_any(list(_MONTHS))


# A Word table row as parsing writes it: "Rota: Depot Duty Manager; Weekend standby (per day): 85 GBP".
_CELLS = re.compile(r"^[^:;]{1,60}: [^;]*(?:; [^:;]{1,60}: [^;]*)+$")


def _records(lines: list[Line]) -> dict[int, frozenset[str]]:
    """The rows of a table or items of a list in a passage, by line number, each with the words
    that name it and no other line ('Depot Duty Manager', 'Driver CPC'): what it says before its
    first figure, less the words other lines share (the column names). Only where at least two
    lines are such records; a line of prose is none."""
    labels: dict[int, list[str]] = {}
    for n, (text, row) in enumerate(lines):
        first = next((i for i, (value, _) in enumerate(row) if value), None)
        if not first:  # no figure, or the line starts with one (a heading number: "8.4 ...")
            continue
        table_row = _short((text, row)) and sum(1 for value, _ in row if value) >= 2
        if _CELLS.match(text.strip()) or text.lstrip().startswith("- ") or table_row:
            labels[n] = [w for _, w in row[:first] if w]
    if len(labels) < 2:
        return {}
    words = [stems_in_any([w for _, w in row if w]) for _, row in lines]
    out = {}
    for n, label in labels.items():
        elsewhere = frozenset().union(*(words[m] for m in range(len(lines)) if m != n))
        distinct = stems_in_any(label) - elsewhere
        if distinct:
            out[n] = distinct
    return out if len(out) >= 2 else {}


@lru_cache(maxsize=256)
def _passage_figures(
    passage: str,
) -> tuple[dict[str, list[tuple[frozenset[str], int]]], list[str], dict[int, frozenset[str]]]:
    """Each figure of a passage with the stems of the words around it and its line, its runs of
    figures, and its table rows or list items; read once per passage, which is checked against
    every sentence of an answer (shared: the caller must not change them)."""
    lines = _lines(passage, _SPELLED)
    places: dict[str, list[tuple[frozenset[str], int]]] = {}
    for value, near, line in _figure_contexts(lines, reach=3):
        places.setdefault(value, []).append((frozenset().union(*near), line))
    return places, _figure_runs(passage, _SPELLED), _records(lines)


def figures_in_context(
    sentence: str, passage: str, given: frozenset[str] = frozenset(), doubted: frozenset[str] = frozenset()
) -> bool:
    """Whether every figure of the sentence is in the passage next to what the sentence ties it to.

    A passage holding '12' in '12 GBP lunch allowance per day' does not back "carry over 12 unused
    days": each figure must occur in the passage where at least two of its content words in the
    sentence (two either side: the unit, the thing counted) are also among the three either side of
    it there; its only one, if it has one; a figure alone in its sentence only needs to be there,
    and figures written in a run (a phone number, '19:00 to 08:00') only need the same run there.
    Number words count in both ("five years", "cinco días"). The figures
    `given` by the question are the user's own ("I have worked here five years"): not checked;
    those it `doubted` (asked about: "Do I get 30 days?") are, where the passage states another."""
    places, passage_runs, records = _passage_figures(passage)
    # A figure from a row of a table (or an item of a list) that the sentence does not name, where
    # it names another row, is the other row's: "Depot Duty Manager … 95 GBP" where 95 GBP is the
    # Fleet Maintenance rate.
    named: set[int] = set()
    if records:
        said = stems_in_any([w for _, w in _read(sentence, _COUNT_WORDS) if w])
        named = {n for n, label in records.items() if label & said}
    # Figures the passage writes in the same run ('0808 157 0246', '19:00 y las 08:00') are there
    # together: the run is their context.
    together = {
        v
        for run in _figure_runs(sentence, _COUNT_WORDS)
        if any(run in there for there in passage_runs)
        for v in run.split()
    }
    # A code ("form FIN-220", "HR-104") is a name, not an amount: the passage must write the same
    # code, unless the question named it.
    codes = {code: figure_value(code.rsplit("-", 1)[-1]) for code in identifiers(sentence)}
    if not {code for code, value in codes.items() if value not in given} <= identifiers(passage):
        return False
    together |= set(codes.values())
    for value, near, _ in _figure_contexts(_lines(sentence, _COUNT_WORDS), reach=2):
        if value in together:
            continue
        near = list(dict.fromkeys(near))  # "Unused days: 12 days" is one word twice
        wanted = min(2, len(near))

        def beside(there: frozenset[str]) -> bool:  # a month is worth two: "31 January" is one date
            return sum(2 if w & _MONTH_STEMS else 1 for w in near if w & there) >= wanted

        if any(
            beside(there) and (not named or line not in records or line in named)
            for there, line in places.get(value, ())
        ):
            continue
        # Not in the passage: the user's own figure passes ("I have worked here 7 years"), but one the
        # question only asks about does not if the passage gives another for the same thing ("Do I
        # get 30 days of annual leave?" where it says 25 days).
        if value in given and (
            value not in doubted
            or not any(beside(there) for v, theres in places.items() if v != value for there, _ in theres)
        ):
            continue
        return False
    return True


# Units a policy states amounts in; a number without one ("section 4") has none. A unit is
# written as its symbol, the same in every language, or as one of its names in the lexicon.
_SIGNS = {"%": ("%",), "€": ("€",), "£": ("£",), "km": ("km",), "kg": ("kg",)}
# The units in the order the pattern tries them; one only the lexicon names comes last.
_UNIT_ORDER = dict.fromkeys(
    ("%", "€", "£", "day", "week", "month", "hour", "year", "km", "kg", *en.UNIT_PATTERNS, *es.UNIT_PATTERNS)
)


def _written(unit: str) -> tuple[str, ...]:
    """How a unit is written: its symbol, then its names in English and in Spanish (regex alternatives)."""
    return (*_SIGNS.get(unit, ()), *en.UNIT_PATTERNS.get(unit, ()), *es.UNIT_PATTERNS.get(unit, ()))


_UNIT = re.compile(
    r"(?:([€£$])\s?(\d[\d.,]*\d|\d))|"  # €30, £1,000
    r"(\d[\d.,]*\d|\d)\s*(" + "|".join(dict.fromkeys(p for unit in _UNIT_ORDER for p in _written(unit))) + r")(?!\w)",
    re.IGNORECASE,
)
_UNIT_KEY = both("UNIT_NAMES")
# How a unit's name begins (folded), and the unit it is; "km" and "kg" are symbols.
_UNIT_PREFIXES = {**both("UNIT_PREFIXES"), "km": "km", "kg": "kg"}


def _unit(raw: str) -> str:
    u = fold(raw).strip()
    u = _UNIT_KEY.get(u, u.split()[-1])  # "working days" are days
    for stem, key in _UNIT_PREFIXES.items():
        if u.startswith(stem):
            return key
    return u


# Before a unit every number word counts: "one day", "media hora".
_COUNTING = re.compile(r"\b(?:" + "|".join(sorted(_SPELLED, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def unit_amounts(text: str, *, words: bool = False) -> set[tuple[str, str]]:
    """The amounts a text states with their units, (value, unit): "50 EUR" -> ("50", "€"), "£1,000"
    -> ("1000", "£"), "3 weeks" -> ("3", "week"); with words, counting words too ("five years")."""
    if words:
        text = _COUNTING.sub(lambda m: _SPELLED[fold(m.group(0))], text)
    out = set()
    for m in _UNIT.finditer(text):
        number, unit = (m.group(2), m.group(1)) if m.group(1) else (m.group(3), m.group(4))
        out.add((figure_value(number), _unit(unit)))
    return out


# Units of time: an amount of one may be stated in another ("28 days" is the "four weeks" notice).
_DURATIONS = frozenset({"hour", "day", "week", "month", "year"})


def amount_kind(unit: str) -> str:
    """What a unit measures: time for hours to years, else the unit itself."""
    return "time" if unit in _DURATIONS else unit


def other_units(sentence: str, passage: str, given: frozenset[str] = frozenset()) -> bool:
    """Whether the passage states one of the sentence's amounts only in other units: "hasta 50
    EUR" where it says "50 GBP", "5 weeks" where it says "5 years". The figures `given` (the user's)
    are not read."""
    there = unit_amounts(passage, words=True)
    for value, unit in unit_amounts(sentence, words=True):
        units = {u for v, u in there if v == value}
        if value not in given and units and unit not in units:
            return True
    return False


# A month or a day of the week a text names, as one name in either language: "December" and
# "diciembre" are "month 12". An English name is capitalised ("march" is a verb, "may" a modal:
# "May" counts beside a figure); a Spanish one may be, at the start of a sentence.
_CALENDAR = {
    **{name.capitalize(): f"month {i}" for i, name in enumerate(en.MONTHS, 1)},
    **{form: f"month {i}" for i, name in enumerate(es.MONTHS, 1) for form in (name, name.capitalize())},
    **{name.capitalize(): f"day {i}" for i, name in enumerate(en.WEEKDAYS, 1)},
    **{form: f"day {i}" for i, name in enumerate(es.WEEKDAYS, 1) for form in (name, name.capitalize())},
}
_CALENDAR_NAME = re.compile(
    r"\b(?:" + "|".join(sorted((n for n in _CALENDAR if n != "May"), key=len, reverse=True)) + r")\b"
    r"|(?<=\d )May\b|\bMay(?= \d)"
)


_DATE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:de\s+)?(?:MONTHS)\b|\b(?:MONTHS)\s+\d{1,2}(?:st|nd|rd|th)?\b".replace(
        "MONTHS", "|".join(_MONTHS)
    ),
    re.IGNORECASE,
)


def outside_dates(text: str) -> str:
    """The text without the day and month of its dates: its "30" in "by 30 April" or "April 30th"
    is no amount of anything (the year stays)."""
    return _DATE.sub(" ", text)


def calendar_names(text: str) -> set[str]:
    """The months and days of the week a text names ("between 1 and 20 November", "every
    Wednesday", "el miércoles"): like a figure, a sentence's must be its passage's."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return {_CALENDAR[m.group(0)] for m in _CALENDAR_NAME.finditer(folded)}


_CODE = re.compile(r"\b(?:[A-Z]{2,5}-\d+|[A-Z]{1,2}\d{1,3})\b")


# A proper name of two or more capitalised words, which "of", "de" or "del" may join: "Car Park
# B", "Financial Controller", "Head of People", "Dirección de Personas" ("DoD and DOL" are two).
_NAME = re.compile(r"\b[A-ZÁÉÍÓÚÑ][\w'’]*(?:\s+(?:(?:of|de|del)\s+)?[A-ZÁÉÍÓÚÑ][\w'’]*)+")


def proper_names(text: str) -> set[str]:
    """The names of two or more capitalised words a text states, folded, without a leading stop
    word ("The Financial Controller" -> "financial controller"): a role, a place or a team, which a
    passage must write like a code. A sentence's first word is capitalised anyway, and left out
    when it is a stop word."""
    out = set()
    for m in _NAME.finditer(text):
        words = fold(re.sub(r"['’]s$", "", m.group(0))).split()  # "the Financial Controller's approval"
        while words and is_stop_word(words[0]):
            words = words[1:]
        if len(words) >= 2:
            out.add(" ".join(words))
    return out


# A capitalised word inside a sentence, after a word and a space (not its first word, nor one
# opening a quotation or following a colon): a place, a person, a product ("Greenland", "Valencia").
_LONE_NAME = re.compile(r"(?<=[\w,;] )[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?=[\s,.;:!?)'’]|$)")


def lone_names(text: str) -> set[str]:
    """The capitalised words a text states inside its sentences, folded, stop words left out: like
    a name of two words (`proper_names`), a passage must write them."""
    return {w for w in (fold(m.group(0)) for m in _LONE_NAME.finditer(text)) if not is_stop_word(w)}


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def emails(text: str) -> set[str]:
    """The email addresses a text gives, lower-cased: "security@meridianfreight.co.uk"."""
    return {m.group(0).rstrip(".").lower() for m in EMAIL.finditer(text)}


def identifiers(text: str) -> set[str]:
    """The codes a text names, folded: "form FIN-220" -> {"fin-220"}; "a P2 incident", "grade M1" -> {"p2"}, {"m1"}."""
    return {fold(m.group(0)) for m in _CODE.finditer(text)}


def stated_figures(sentence: str) -> set[str]:
    """The figures an answer's sentence states, in digits or as counting words ("five years")."""
    return {value for value, _, _ in _figure_contexts(_lines(sentence, _COUNT_WORDS), reach=0)}
