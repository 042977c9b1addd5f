"""Sentences of an answer: where each ends, its citation markers, and whether it states something to check.

A sentence ends at a stop followed by a space, or at a line break; the markers right after the stop
are still its own, and the stop of an abbreviation, a list number or initials ("e.g.", "art.",
"2.", "W. K. Pritchett") ends nothing. A sentence states something a passage must support when
it holds a figure or two content words, unless it is a question, only points at a passage ("This
is supported by passage [2].": its markers go to the sentence before) or, uncited, says the
documents do not say or only offers sympathy. Once checked, a sentence is written back with the
markers that held, and a list the check left an item out of is numbered again. A passage's own
sentences are split more plainly: at a stop, or at a blank line.
"""

from __future__ import annotations

import re

from rag.answer.citations import MARKER, cited_numbers, joined_markers, tidy
from rag.answer.prompt import says_no_answer
from rag.lexicon import both
from rag.text.content_words import content_stems
from rag.text.figures import WORD, calendar_names, figures
from rag.text.language import fold, is_stop_word

# A sentence ends at . ! ? followed by space, or at a line break; markers right after the stop
# ("… leave. [2] Next …") still belong to the sentence before, and so does a quotation it closes
# ('… being "Veteran focused." The passage…').
_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”»’']))(?:\s*\[\d[\d,; ]*\])*(\s+)(?=[^\s\[])|\n+")
# A stop that ends an abbreviation or a list number, not a sentence: "e.g.", "art.", "RR.", "2.".
_NOT_AN_END = re.compile(
    r"(?:\b(?:" + "|".join(both("ABBREVIATION_PATTERNS")) + r")\.|^\W*\d{1,2}[.)])$",
    re.IGNORECASE,
)


# Initials: "W. K. Pritchett" is one name. A lone capital's stop ends nothing when another initial
# follows it, nor the second of two unless a stop word follows ("Plan B. The form…" and "Meridian
# S. A. La plantilla…" still end there).
_INITIAL = re.compile(r"(?:^|\s)[A-ZÁÉÍÓÚÑ]\.$")
_INITIALS = re.compile(r"(?:^|\s)[A-ZÁÉÍÓÚÑ]\.\s[A-ZÁÉÍÓÚÑ]\.$")
_STARTS_INITIAL = re.compile(r"[A-ZÁÉÍÓÚÑ]\.(?:\s|$)")
# A lone initial after a stop word ("by J. Smith", "y B. Meritt") begins a name; after any other
# word it is a label that can end a sentence ("Plan B.", "Annex A.").
_NAME_INITIAL = re.compile(r"(?:^|\s)(\w+)\s[A-ZÁÉÍÓÚÑ]\.$")


def ends_in_a_name_initial(text: str) -> bool:
    """Whether a text stops at the initial of a name it has not finished: "Según W. K. Pritchett
    y B." is cut off, "Choose Plan B." is a sentence."""
    m = _NAME_INITIAL.search(MARKER.sub("", text).rstrip())
    return m is not None and is_stop_word(fold(m.group(1)))


def _starts_with_stop_word(text: str) -> bool:
    """Whether a text begins with a stop word: "S. A. La plantilla…" ends at the company's "S. A.",
    where "W. K. Pritchett" goes on with a name."""
    first = WORD.match(fold(text))
    return first is not None and is_stop_word(first.group(0))


_QUOTE_PAIRS = {'"': '"', "“": "”", "«": "»"}


_QUOTE = re.compile("[" + "".join(sorted(set(_QUOTE_PAIRS) | set(_QUOTE_PAIRS.values()))) + "]")


def _without_stray_quotes(text: str) -> str:
    """The text without closing quotation marks that nothing opened, after a sentence's stop: a
    small model sometimes ends a sentence as if quoting it ("…are also forfeited." [1]). Only the
    quotation marks are read (every passage goes through here)."""
    out: list[str] = []
    expected: list[str] = []  # the closing marks of the quotations open so far
    kept_from = 0
    for m in _QUOTE.finditer(text):
        i, ch = m.start(), m.group(0)
        before = text[i - 1] if i else " "
        if ch == '"' and '"' not in expected and (before.isspace() or before in "([{:—–-"):
            expected.append('"')  # a straight mark where a word begins opens a quotation
        elif ch in _QUOTE_PAIRS and ch != '"':
            expected.append(_QUOTE_PAIRS[ch])
        elif ch in expected:
            expected.remove(ch)
        elif before in ".!?":  # closes nothing: dropped
            out.append(text[kept_from:i])
            kept_from = i + 1
    out.append(text[kept_from:])
    return "".join(out)


# Sentences as split_sentences gives them: (without markers, markers, as written, separator after).
Parsed = list[tuple[str, list[int], str, str]]


def split_sentences(text: str) -> Parsed:
    """(sentence without markers, its markers, the sentence as written, the separator after it)."""
    text = joined_markers(text)  # "[1], [2], and [5]" is one run of markers, as the stream and the final check read it
    text = _without_stray_quotes(text)
    out: Parsed = []
    pos = 0
    parts = []
    for m in _SPLIT.finditer(text):
        end = m.start(1) if m.group(1) is not None else m.start()
        parts.append((text[pos:end], text[end : m.end()]))
        pos = m.end()
    parts.append((text[pos:], ""))
    joined: list[tuple[str, str]] = []
    for raw, sep in parts:
        prev = joined[-1][0] if joined else ""
        # "e.g. full-time staff", "Iberia S.L. in Valencia": a stop before a lower-case word ends an
        # abbreviation, not a sentence
        if (
            joined
            and "\n" not in joined[-1][1]
            and (
                _NOT_AN_END.search(MARKER.sub("", prev).rstrip())
                or (raw[:1].islower() and not re.search(r"\]\W*$", prev))
                or (_INITIAL.search(prev) and _STARTS_INITIAL.match(raw))
                or (_INITIALS.search(prev) and not _starts_with_stop_word(raw))
                or (ends_in_a_name_initial(prev) and raw[:1].isupper() and not _starts_with_stop_word(raw))
            )
        ):
            joined[-1] = (prev + joined[-1][1] + raw, sep)
        else:
            joined.append((raw, sep))
    for raw, sep in joined:
        raw = _unframed(raw)
        markers = cited_numbers(raw)
        bare = tidy(MARKER.sub("", raw)).strip()
        if not bare and out:  # a line of markers alone belongs to the sentence before
            prev, prev_markers, prev_raw, prev_sep = out[-1]
            out[-1] = (
                prev,
                prev_markers + [n for n in markers if n not in prev_markers],
                prev_raw + prev_sep + raw,
                sep,
            )
            continue
        out.append((bare, markers, raw, sep))
    return out


# A sentence that opens by pointing at a passage ("According to the passage [3], …", "The passage
# [1] states that …", "Según el pasaje [2], …"): the reader sees sources, not passages.
_MARKERS = r"(?P<markers>(?:\s*" + MARKER.pattern + r")*)"
# "the passage [2]", "el segundo pasaje [5]", or the marker alone ("passage 2" has become "[2]").
_PASSAGE = (
    r"(?:(?:the|this|el|la|los|este)\s+)?(?:(?:first|second|third|fourth|fifth|primer|segundo|tercer|cuarto|"
    r"quinto)\s+)?(?:passages?|pasajes?|text|texto|(?:documents?|documentos?)(?=\s*\[)|(?=\[))"
)
_FRAMES = (
    re.compile(
        r"^\W*(?:according to|as (?:stated|mentioned|explained|described) in|based on|as per|"
        r"seg[uú]n|de acuerdo con|conforme a)\s+" + _PASSAGE + _MARKERS + r"\s*,?\s+",
        re.IGNORECASE,
    ),
    # "says" may be followed by what is said; "mentions" only by a clause ("mentions the deadline" is no sentence).
    re.compile(
        r"^\W*" + _PASSAGE + _MARKERS + r"\s+(?:(?:states?|says?|dice|establece)\s+(?:that\s+|que\s+)?|"
        r"(?:mentions?|indicates?|explains?|notes?|shows?|indica|menciona|explica|se[nñ]ala)\s+(?:that|que)\s+)",
        re.IGNORECASE,
    ),
)


def _unframed(raw: str) -> str:
    """The sentence without its opening pointer at a passage, that pointer's markers put at its end:
    "According to the passage [3], you may…" -> "You may… [3]"."""
    m = next((m for m in (f.match(raw) for f in _FRAMES) if m), None)
    rest = raw[m.end() :] if m else ""
    if not m or len(WORD.findall(rest)) < 3:
        return raw
    moved = "".join(f"[{n}]" for n in cited_numbers(m.group("markers") or "") if n not in cited_numbers(rest))
    rest = rest[0].upper() + rest[1:]
    if not moved:
        return rest
    end = re.search(r"(?:[.!?]|\s*" + MARKER.pattern + r")*\s*$", rest)
    return f"{rest[: end.start()]} {moved}{rest[end.start() :].strip()}"


# Where one sentence of a document ends: a stop, also inside a closing quotation ('…trafficking."
# The report…'), or a blank line (a PDF's single line breaks are not ends).
_DOCUMENT_SENTENCE = re.compile(r"(?<=[.!?;])\s+|(?<=[.!?;][\"”’»])\s+|\n\s*\n")


def document_sentences(text: str) -> list[str]:
    """A passage's sentences, with a PDF's line breaks read as spaces."""
    return [" ".join(part.split()) for part in _DOCUMENT_SENTENCE.split(text) if part and part.strip()]


# A heading or a table's short row on a line of its own: a few words, no stop at its end
# ("8.4 Volunteering and moving house", "Valencia 125 EUR 45 EUR").
_HEADING_LINE = re.compile(r"^(?!.*[.!?;:]\s).{1,60}(?<![.!?;:,])$", re.MULTILINE)


def lines_apart(text: str) -> list[str]:
    """A passage's sentences (`document_sentences`), where a heading or a short row stands apart
    from the sentence after it, though a PDF puts only a line break between."""
    return document_sentences(_HEADING_LINE.sub(lambda m: m.group(0) + "\n", text))


# A list's introduction: a sentence's words up to its one colon ("…, then you agree:"); a table's
# row ("Item: Chair; Maximum allowance: 180 GBP;") has a colon in every cell, and is none.
_INTRODUCTION = re.compile(r"^([^:]*\w[^:]*\s[^:]*\s[^:]*:)\s+[^:]+;$")


def statements(text: str) -> list[str]:
    """What a passage states, sentence by sentence: its sentences, and each item of a list they
    run into read with the list's introduction, which it completes ("If through negligence you
    cause any damage…, you agree: …; and your Employer may deduct these sums" says the Employer
    may deduct for damage)."""
    sentences = document_sentences(text)
    out = list(sentences)
    intro = ""
    for sentence in sentences:
        if intro and ":" not in sentence:  # one clause, so that the introduction's "never" is the item's
            out.append(f"{intro[:-1]} {sentence}")
        else:
            intro = ""
        found = _INTRODUCTION.match(sentence)
        if found:
            intro = found.group(1)
        elif not sentence.endswith(";"):
            intro = ""
    return out


def claims(sentence: str, language: str, cited: bool) -> bool:
    """Whether a sentence states something a passage must support: an uncited "the documents do
    not say" does not, unless it goes on to say more ("…do not specify a limit, so you can carry
    over as many days as you like"); a list number alone does not; nor does sympathy ("I'm sorry
    for your loss")."""
    if not cited and ((says_no_answer(sentence) and not _GOES_ON.search(sentence)) or _courtesy(sentence)):
        return False
    if sentence.rstrip().endswith("?"):  # the question said back ("¿Cuántos días...?") asserts nothing
        return False
    if _meta(sentence, language):
        return False
    stated = figures(re.sub(r"^\W*\d{1,2}[.)]\s", "", sentence)) or calendar_names(sentence)  # "El martes."
    return bool(stated) or len(content_stems(sentence, language)) >= 2


# What turns "the documents do not say" into a claim: a clause that goes on from it.
_GOES_ON = re.compile(r"(?:[,;:\u2013\u2014]\s*|\s)(?:" + "|".join(both("GOES_ON_PATTERNS")) + r")\b", re.IGNORECASE)
# Words said to the person, not about the policy: no passage needs to hold them.
_COURTESY = re.compile(
    r"\W*(?:i['’]?m (?:so |very )?sorry|sorry to hear|my condolences|please accept my|"
    r"congratulations|(?:lo )?siento (?:mucho )?(?:tu|su|la)|lamento (?:mucho )?(?:tu|su|la)|"
    r"mis condolencias|mi mas sentido|enhorabuena|felicidades)\b"
)


def _courtesy(sentence: str) -> bool:
    """Sympathy or congratulations alone, with no figure and nothing else said: "I'm sorry for your
    loss" is none; "I'm sorry, you are not eligible" or "Congratulations, you get paid leave" is a claim."""
    said = fold(sentence)
    m = _COURTESY.match(said)
    if not m or figures(sentence) or len(WORD.findall(said)) > 8:
        return False
    rest = re.split(r"[,;:!]", said[m.end() :], maxsplit=1)
    return len(rest) == 1 or not WORD.search(rest[1])


# "This is supported by passage [2].", "Esta información se encuentra en el párrafo 3 del documento."
_META = re.compile(r"\b(?:" + "|".join(both("DOCUMENT_PART_PATTERNS")) + r")\b", re.IGNORECASE)
# "page 15-16", "pasaje 2", a heading's number "2.1.3": where a passage is, not a figure of the policy.
_REFERENCE = re.compile(
    r"\b\d+(?:\.\d+){2,}\b|\b(?:passages?|pasajes?|p[aá]rrafos?|paragraphs?|pages?|p[aá]ginas?|sections?|secci[oó]n)"
    r"\s+\d+(?:\.\d+)*(?:\s*[-–]\s*\d+)?",
    re.IGNORECASE,
)
# "This can be seen in the passage about cookies.", "Esto se indica en el documento de teletrabajo.",
# "This is stated in the Privacy Policy [1][2]."
_POINTED = (
    r"^\W*(?:this|that|it|which|esto|eso|lo)\b.{0,40}?\b(?:seen|stated|mentioned|shown|found|"
    r"explained|supported|indicated|written|described|emphasi[sz]ed|highlighted|noted|outlined|indica|menciona|"
    r"explica|describe|recoge|destaca|subraya)\b.{0,20}?\b(?:in|by|en|por)"
)
_POINTING = re.compile(
    _POINTED + r"\s+(?:the\s+|el\s+|la\s+)?(?:passages?|documents?|sections?|paragraphs?|"
    r"text|pasajes?|documentos?|secci[oó]n|p[aá]rrafos?|texto|(?:[\w-]+\s+){0,2}(?:policy|policies|handbook)|"
    r"pol[ií]ticas?|manual)\b",
    re.IGNORECASE,
)
# The same pointing at markers alone: "This is supported by [2].", "This is stated in [1] and [3]."
# (read without its markers: "This is supported by.").
_POINTING_AT_MARKERS = re.compile(_POINTED + r"(?:\W*\b(?:and|y)\b)*\W*$", re.IGNORECASE)


# "The passage that supports this is [3].", "The passages support this purpose in the following ways:",
# "This passage supports the answer by directly stating that…"
_VOUCHING = re.compile(
    r"^\W*(?:(?:the|this|these|el|este|esta|los|estos)\s+)?(?:passages?|documents?|texts?|pasajes?|documentos?|textos?)\b"
    r"(?:\s+(?:that|which|que))?\s+(?:supports?|backs?|confirms?|respaldan?|apoyan?|confirman?)\s+"
    r"(?:this|it|the\s+answer|esto|eso|la\s+respuesta)\b",
    re.IGNORECASE,
)


def _meta(sentence: str, language: str) -> bool:
    """A sentence about the citation itself ("This is supported by passage [2].", "This is stated in
    passage [4] on page 15-16.", "The passage that supports this is [3].", "This can be seen in the
    passage about cookies."): no claim. Page and passage numbers are where, not figures."""
    located = _REFERENCE.sub("", sentence)
    pointing = _POINTING.search(sentence) or _POINTING_AT_MARKERS.search(sentence)
    if (pointing or _VOUCHING.search(sentence)) and not figures(located):
        return True
    return (
        bool(_META.search(sentence))
        and len(content_stems(_REFERENCE.sub("", sentence), language)) <= 1
        and not figures(_REFERENCE.sub("", sentence))
    )


def merge_meta(parsed: Parsed, language: str) -> Parsed:
    """Sentences that only point at a passage ("This is supported by passage [2].") are dropped;
    their markers go to the sentence before, which is the one they vouch for."""
    out: Parsed = []
    for body, markers, raw, sep in parsed:
        if out and _meta(body, language):
            prev, prev_markers, prev_raw, _ = out[-1]
            added = "".join(f"[{n}]" for n in markers if n not in prev_markers)
            stop = re.search(r"[.!?:;]*\s*$", prev_raw)
            head = prev_raw[: stop.start()].rstrip()
            if added:
                prev_raw = f"{head}{'' if head.endswith(']') else ' '}{added}{stop.group(0).strip()}"
            out[-1] = (prev, prev_markers + [n for n in markers if n not in prev_markers], prev_raw, sep)
            continue
        out.append((body, markers, raw, sep))
    return out


def with_markers(raw: str, bare: str, kept: list[int]) -> str:
    """The sentence as the model wrote it, without the markers that did not hold; a marker found
    for an uncited sentence goes before its final stop."""
    if set(kept) <= set(cited_numbers(raw)):

        def keep(m: re.Match) -> str:
            return "".join(f"[{n}]" for n in cited_numbers(m.group(0)) if n in kept)

        return tidy(MARKER.sub(keep, raw))
    tags = "".join(f"[{n}]" for n in kept)
    m = re.search(r"[.!?:;]+$", bare)
    return f"{bare[: m.start()]} {tags}{m.group(0)}" if m else f"{bare} {tags}"


# A list's items: one per line ("1. …" at a line's start), or on one line after a colon, the first
# numbered 1 ("…are: 1. Statutory requirements [1]. 2. Accessibility [1]."), each later one right
# after a sentence's end. A figure after a colon ("Carry-over limit: 5.") is no item.
_LINE_ITEM = re.compile(r"(?m)^[ \t]*(\d{1,2})[.)](?=[ \t]+\S)")
_FIRST_INLINE = re.compile(r"(?<=:[ \t])(1)[.)](?=[ \t]+\S)")
_NEXT_INLINE = re.compile(r"(?<=[.!?\]] )(\d{1,2})[.)](?=[ \t]+\S)")


def _runs(text: str) -> list[list[re.Match]]:
    """The lists of a text, each as its items' number matches in order: items one per line, their
    numbers rising; items on one line after a colon, from 1, rising."""
    runs: list[list[re.Match]] = []
    for m in _LINE_ITEM.finditer(text):
        if runs and runs[-1][-1].re is _LINE_ITEM and int(m.group(1)) > int(runs[-1][-1].group(1)):
            runs[-1].append(m)
        else:
            runs.append([m])
    for first in _FIRST_INLINE.finditer(text):
        line_end = text.find("\n", first.end())
        run = [first]
        for m in _NEXT_INLINE.finditer(text, first.end(), line_end if line_end != -1 else len(text)):
            if int(m.group(1)) <= int(run[-1].group(1)):
                break
            run.append(m)
        runs.append(run)
    return runs


def renumbered(text: str) -> str:
    """The numbered items of a checked answer numbered 1, 2, 3… again: when the check leaves an item
    out, the list must not read "1. … 4. …". Only a list of two items or more whose numbers are not
    already 1…n is changed, and nothing but list items (see _runs)."""
    changes: list[tuple[int, int, int]] = []
    for run in _runs(text):
        numbers = [int(m.group(1)) for m in run]
        if len(run) >= 2 and numbers != list(range(1, len(run) + 1)):
            changes += [(m.start(1), m.end(1), n) for n, m in enumerate(run, start=1)]
    out, pos = [], 0
    for start, end, n in sorted(changes):
        out += [text[pos:start], str(n)]
        pos = end
    return "".join(out) + text[pos:]
