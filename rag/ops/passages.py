"""Does a passage answer? The two passage-level judgements `faro eval` scores retrieval by.

A document hit says the right policy was found; the model reads passages, and a citation shows one.
- Evidence: a passage answers when it overlaps a paragraph that experts marked as the answer, by
  at least 60 % of the paragraph's words or of the passage's words (words of 3+ letters,
  case-folded, counted once): the passage holds most of the paragraph, or is mostly made of it.
- Tokens: a passage answers when it holds every token a right answer must contain ("3 months"),
  case-folded with punctuation read as spaces, each as whole words. "Yes" and "no" are left out:
  no passage says them.
"""

from __future__ import annotations

import re

from rag.lexicon import both

EVIDENCE_OVERLAP = 0.6
_WORD = re.compile(r"[^\W\d_]{3,}")
_YES_NO = set(both("YES_NO"))


def evidence_words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def overlaps_evidence(passage: str, paragraph: str, share: float = EVIDENCE_OVERLAP) -> bool:
    """True when the passage holds `share` of the paragraph's words, or is `share` made of them."""
    para, own = evidence_words(paragraph), evidence_words(passage)
    if not para or not own:
        return False
    common = len(para & own)
    return common >= share * len(para) or common >= share * len(own)


def normalized(text: str) -> str:
    """Case-folded, punctuation as spaces, single-spaced, padded: ' 3 months '."""
    return " " + " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split()) + " "


def answer_tokens(tokens: list[str]) -> list[str]:
    """The tokens a passage can be asked to hold: normalized, without yes/no and empty ones."""
    out = []
    for t in tokens:
        n = normalized(t).strip()
        if n and n not in _YES_NO:
            out.append(n)
    return out


RIGHT_SHARE = 0.6


def token_share(text: str, tokens: list[str]) -> float:
    """The share of the (raw) tokens a text holds as whole words, yes and no included: an answer,
    unlike a passage, says them. Token lists are keyword lists, so an answer is judged right when
    it holds RIGHT_SHARE of them, not all."""
    wanted = [n for n in (normalized(t).strip() for t in tokens) if n]
    if not wanted:
        return 0.0
    have = normalized(text)
    return sum(f" {t} " in have for t in wanted) / len(wanted)


def holds_tokens(passage: str, tokens: list[str]) -> bool:
    """True when the passage holds every (normalized) token as whole words; False for none."""
    if not tokens:
        return False
    text = normalized(passage)
    return all(f" {t} " in text for t in tokens)
