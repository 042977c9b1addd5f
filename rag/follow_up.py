"""Whether a question is a follow-up that leans on earlier turns ("And for part-time staff?").

`looks_like_follow_up()` decides from the question alone, deterministically and cheaply, for
English and Spanish; rag/rewrite.py asks the model to rewrite only the questions it flags. The
words it looks for are in rag/follow_up_words.py.
"""

from __future__ import annotations

import re

from .follow_up_words import (
    BACK_REFERENCES,
    CONTRACTIONS,
    EN_POINTERS,
    ENCLITIC,
    ENDINGS,
    ES_POINTERS,
    FORWARD_IT,
    FUNCTION_WORDS,
    LEAD_IN,
    LO_NOT_CLITIC,
    OPENERS,
    SAME,
    TIME_WORDS,
)
from .language import exact_terms, fold

# Known misses, kept because catching them would flag standalone questions too: "same" before a
# noun ("Do the same rules apply to interns?"), Spanish "le/les/la/los" before a verb ("¿Les pagan
# las horas extra?": they are articles too, and "¿Le pagan las horas a los conductores?" is
# standalone), and an English pronoun after two content words ("Do part-time employees get them at
# Christmas?"). Known false alarms, which cost a model call: "What if I get sick on holiday?" and
# other questions that open with a connective.

_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")  # "part-time" is one word


def tokens(text: str) -> list[str]:
    for pattern, expansion in CONTRACTIONS:
        text = pattern.sub(expansion, text)  # "What's that?" -> "What is that?"
    return _TOKEN.findall(text)


def _is_content(word: str) -> bool:
    w = fold(word)
    return not (w in FUNCTION_WORDS or w in EN_POINTERS or w in SAME or word.lower() in ES_POINTERS)


def _not_a_pointer(raw: list[str], folded: list[str], i: int) -> bool:
    """True for the uses of 'it', 'that', 'lo', 'same'... that do not refer to an earlier turn."""
    word, prev = folded[i], folded[i - 1] if i else ""
    nxt = folded[i + 1] if i + 1 < len(raw) else ""
    return (
        raw[i] == "IT"  # the department
        or (word == "it" and i == 0 and nxt in {"is", "was", "will", "would", "seems"})  # "It's cold"
        or (word == "it" and nxt in FORWARD_IT and bool({"to", "that", "if", "whether"} & set(folded[i + 1 :])))
        or (word in {"this", "that", "these", "those", "estos", "estas"} and nxt in TIME_WORDS)  # "this year"
        or (word == "that" and i > 0 and prev not in FUNCTION_WORDS)  # "true that", "days that I"
        or (word in {"these", "those"} and nxt in {"who", "which", "whose", "that", "of"})  # "those who"
        or (word in SAME and bool(nxt) and _is_content(raw[i + 1]))  # "the same post", "el mismo día"
        or (word == "lo" and (nxt in LO_NOT_CLITIC or prev in {"a", "por"}))  # "lo que", "por lo general"
    )


def _points_back(raw: list[str]) -> bool:
    """True when a word of this (first) sentence refers to something said before it."""
    folded = [fold(w) for w in raw]
    total = sum(map(_is_content, raw))
    seen = 0  # content words before the current one
    for i, word in enumerate(raw):
        low = word.lower()
        spanish = low in ES_POINTERS or low == "lo" or bool(ENCLITIC.match(low))  # "eso", "lo", "pedirlo"
        english = folded[i] in EN_POINTERS or folded[i] in SAME
        if (spanish or english) and not _not_a_pointer(raw, folded, i):
            # Spanish pointers point back wherever they stand. English pronouns often have their
            # antecedent in the sentence itself ("my days ... if they expire"), so only one before
            # the second content word, or closing a short question, counts.
            if spanish or seen < 2 or (i == len(raw) - 1 and total <= 2):
                return True
        seen += _is_content(word)
    return False


def looks_like_follow_up(question: str) -> bool:
    """True when the question likely depends on earlier turns ("And for part-time staff?").

    Deterministic and cheap, for English and Spanish: it opens with a connective ("and", "what
    about", "¿y", "pero"), points back ("it", "that", "eso", "lo mismo", "you mentioned"), ends
    with "too", says "también", or has at most one content word ("Why?", "Contractors?").
    """
    text = LEAD_IN.sub("", question.strip().lstrip("¿¡ "))
    raw = tokens(text)
    if not raw:
        return False
    folded = [fold(w) for w in raw]
    if any(tuple(folded[: len(opener)]) == opener for opener in OPENERS):
        return True
    if any(tuple(folded[-len(ending) :]) == ending for ending in ENDINGS):
        return True
    if {"tambien", "tampoco"} & set(folded):
        return True
    lowered = " ".join(folded)
    if any(re.search(rf"\b{phrase}\b", lowered) for phrase in map(fold, BACK_REFERENCES)):
        return True
    if sum(_is_content(w) for w in raw) <= 1 and not exact_terms(text):
        return True  # too short to stand alone, unless it names a form or code ("HR-104")
    # Pronouns are read in the first sentence only: a later one usually points into the question
    # itself ("A supplier sent me wine. Can I keep it?").
    first = re.split(r"[.?!]+(?:\s|$)", text, maxsplit=1)[0]
    return _points_back(tokens(first))
