"""Whether a question is a follow-up that leans on earlier turns ("And for part-time staff?").

`looks_like_follow_up()` decides from the question alone, deterministically and cheaply, for
English and Spanish; rag/answer/rewrite.py asks the model to rewrite only the questions it flags. The
words it looks for are in the lexicon (rag/lexicon/).
"""

from __future__ import annotations

import re

from rag.lexicon import both, en, es
from rag.text.language import exact_terms, fold

_OPENERS = both("FOLLOW_UP_OPENERS")
# Politeness before the follow-up proper: "Thanks! What about contractors?", "Vale, ¿y los becarios?"
_LEAD_IN = re.compile(r"^(?:(?:" + "|".join(both("LEAD_IN_PATTERNS")) + r")\b[\s,.!;:]*)+", re.IGNORECASE)
_BACK_REFERENCES = both("BACK_REFERENCES")
_ENDINGS = both("FOLLOW_UP_ENDINGS")  # "Do contractors get it too?"
_ALSO = both("ALSO_WORDS")
_SAME = both("SAME_WORDS")
_DEMONSTRATIVES = both("DEMONSTRATIVES")
_TIME_WORDS = both("TIME_WORDS")
_FUNCTION_WORDS = both("FUNCTION_WORDS")
# A Spanish infinitive with an object pronoun attached: "solicitarlo".
_ENCLITIC = re.compile(r"^\w{3,}(?:ar|er|ir|ár|ér|ír)(?:se|me|te|nos)?(?:lo|la|los|las)$")
# English contractions, spelled out: "What's that?" -> "What is that?"
_CONTRACTIONS = (
    (re.compile(r"n['’]t\b", re.I), " not"),
    (re.compile(r"['’]s\b", re.I), " is"),
    (re.compile(r"['’]re\b", re.I), " are"),
    (re.compile(r"['’]ve\b", re.I), " have"),
    (re.compile(r"['’]ll\b", re.I), " will"),
    (re.compile(r"['’]m\b", re.I), " am"),
    (re.compile(r"['’]d\b", re.I), " would"),
)

# Known misses, kept because catching them would flag standalone questions too: "same" before a
# noun ("Do the same rules apply to interns?"), Spanish "le/les/la/los" before a verb ("¿Les pagan
# las horas extra?": they are articles too, and "¿Le pagan las horas a los conductores?" is
# standalone), and an English pronoun after two content words ("Do part-time employees get them at
# Christmas?"). Known false alarms, which cost a model call: "What if I get sick on holiday?" and
# other questions that open with a connective.

_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")  # "part-time" is one word


def tokens(text: str) -> list[str]:
    for pattern, expansion in _CONTRACTIONS:
        text = pattern.sub(expansion, text)  # "What's that?" -> "What is that?"
    return _TOKEN.findall(text)


def _is_content(word: str) -> bool:
    w = fold(word)
    return not (w in _FUNCTION_WORDS or w in en.POINTERS or w in _SAME or word.lower() in es.POINTERS)


def _not_a_pointer(raw: list[str], folded: list[str], i: int) -> bool:
    """True for the uses of 'it', 'that', 'lo', 'same'... that do not refer to an earlier turn."""
    word, prev = folded[i], folded[i - 1] if i else ""
    nxt = folded[i + 1] if i + 1 < len(raw) else ""
    return (
        raw[i] == "IT"  # the department
        or (word == "it" and i == 0 and nxt in {"is", "was", "will", "would", "seems"})  # "It's cold"
        or (word == "it" and nxt in en.FORWARD_IT and bool({"to", "that", "if", "whether"} & set(folded[i + 1 :])))
        or (word in _DEMONSTRATIVES and nxt in _TIME_WORDS)  # "this year"
        or (word == "that" and i > 0 and prev not in _FUNCTION_WORDS)  # "true that", "days that I"
        or (word in {"these", "those"} and nxt in {"who", "which", "whose", "that", "of"})  # "those who"
        or (word in _SAME and bool(nxt) and _is_content(raw[i + 1]))  # "the same post", "el mismo día"
        or (word == "lo" and (nxt in es.LO_NOT_CLITIC or prev in {"a", "por"}))  # "lo que", "por lo general"
    )


def _points_back(raw: list[str]) -> bool:
    """True when a word of this (first) sentence refers to something said before it."""
    folded = [fold(w) for w in raw]
    total = sum(map(_is_content, raw))
    seen = 0  # content words before the current one
    for i, word in enumerate(raw):
        low = word.lower()
        spanish = low in es.POINTERS or low == "lo" or bool(_ENCLITIC.match(low))  # "eso", "lo", "pedirlo"
        english = folded[i] in en.POINTERS or folded[i] in _SAME
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
    text = _LEAD_IN.sub("", question.strip().lstrip("¿¡ "))
    raw = tokens(text)
    if not raw:
        return False
    folded = [fold(w) for w in raw]
    if any(tuple(folded[: len(opener)]) == opener for opener in _OPENERS):
        return True
    if any(tuple(folded[-len(ending) :]) == ending for ending in _ENDINGS):
        return True
    if _ALSO & set(folded):
        return True
    lowered = " ".join(folded)
    if any(re.search(rf"\b{phrase}\b", lowered) for phrase in map(fold, _BACK_REFERENCES)):
        return True
    if sum(_is_content(w) for w in raw) <= 1 and not exact_terms(text):
        return True  # too short to stand alone, unless it names a form or code ("HR-104")
    # Pronouns are read in the first sentence only: a later one usually points into the question
    # itself ("A supplier sent me wine. Can I keep it?").
    first = re.split(r"[.?!]+(?:\s|$)", text, maxsplit=1)[0]
    return _points_back(tokens(first))
