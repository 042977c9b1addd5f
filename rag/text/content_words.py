"""Content words: the stems that carry what a sentence says, and the share of them a passage holds.

Stop words, framing words ("according to the policy") and bare digits carry nothing a passage must
hold (a figure is checked as a figure, rag/text/figures.py); the other words are folded and stemmed. A
passage's words are stemmed in both languages: it may be in either. A chunk is read with its
document's name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.lexicon import both
from rag.text.figures import WORD
from rag.text.language import fold, is_stop_word, stem_words, stems_in_any
from rag.types import Hit

# Words that frame an answer ("according to the policy") rather than state what it says.
_FRAMING = both("FRAMING")


# A possessive's "s" ("the user's data"): not a word of its own ("5 s" is seconds, kept).
_POSSESSIVE = re.compile(r"(?<=[^\W\d_])['’]s\b")


def content_stems(text: str, language: str) -> list[str]:
    """The stems of a sentence's words that carry its content: no stop, framing or digit words,
    nor a possessive's "s"."""
    folded = fold(_POSSESSIVE.sub("", text))
    words = [w for w in WORD.findall(folded) if not is_stop_word(w) and w not in _FRAMING and not w.isdigit()]
    return stem_words(words, language)


@lru_cache(maxsize=256)
def _all_stems(text: str) -> frozenset[str]:
    """A passage's stems in both languages (cached: a passage is read for every sentence)."""
    return stems_in_any(WORD.findall(fold(text)))


def _alike() -> dict[str, frozenset[str]]:
    """Each stem of a SAME_MEANING group -> the stems of its group (both languages)."""
    out: dict[str, frozenset[str]] = {}
    for group in both("SAME_MEANING"):
        group_stems = stems_in_any([fold(w) for w in group])
        for s in group_stems:
            out[s] = out.get(s, frozenset()) | group_stems
    return out


_ALIKE = _alike()


def meanings(stems: list[str]) -> list[frozenset[str]]:
    """A sentence's content stems, in order, as meanings, each once: the words of one
    SAME_MEANING group ("update, change or modify") are one meaning, held by any word of the group."""
    out: list[frozenset[str]] = []
    for s in stems:
        group = _ALIKE.get(s, frozenset([s]))
        if group not in out:  # "employer" and "employee" are one stem, held once
            out.append(group)
    return out


def word_overlap(stems: list[str], passage: str) -> float:
    """The share of a sentence's content stems that the passage holds."""
    have = _all_stems(passage)
    return sum(s in have for s in stems) / len(stems) if stems else 1.0


def meaning_overlap(groups: list[frozenset[str]], passage: str) -> float:
    """The share of a sentence's `meanings` that the passage holds, each by any of its words
    (lexicon SAME_MEANING: "information" for "data")."""
    have = _all_stems(passage)
    return sum(bool(g & have) for g in groups) / len(groups) if groups else 1.0


def as_read(hit: Hit) -> str:
    """A chunk as it is checked: it speaks with its document's name ("the 2025 Leave Policy" is
    leave-policy-2025.pdf)."""
    return f"{hit.chunk.title}\n{hit.chunk.text}"
