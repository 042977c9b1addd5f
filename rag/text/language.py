"""Language: which of Faro's languages a text is in, and the stemmed terms the keyword index uses.

The keyword index matches word stems with accents folded, so "vacaciones", "vacación" and
"Vacacion" meet, and "holidays" finds "holiday". Stemming is Snowball's (PyStemmer) for English
and Spanish; SQLite's own tokenizers only stem English.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rag.lexicon import both, en, es

LANGUAGES = ("en", "es")

# Words that say nothing about a passage, in either language (a text may be either); dropping
# them keeps the query short. Folded (no accents), as the terms are.
_STOP_WORDS = both("STOP_WORDS")

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def detect_language(text: str) -> str:
    """'es' for Spanish, else 'en': a stop-word count is enough to tell these two apart."""
    if re.search(r"[¿¡ñ]", text.lower()):
        return "es"
    words = re.findall(r"[a-záéíóúüñ]+", text.lower())
    spanish = sum(w in es.LANGUAGE_HINTS for w in words) + sum(bool(re.search(r"[áéíóú]", w)) for w in words)
    english = sum(w in en.LANGUAGE_HINTS for w in words)
    return "es" if spanish > english else "en"


class _Accents(dict):
    """For str.translate: a combining mark (an accent, once NFKD has split it off) -> None, any
    other character -> itself; each looked up once."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_ACCENTS = _Accents()


def fold(text: str) -> str:
    """Lower case without accents: 'Vacación' -> 'vacacion'. Every passage and sentence checked
    is folded, several times: plain ASCII, most English text, takes the short way."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return unicodedata.normalize("NFKD", lowered).translate(_ACCENTS)


@lru_cache(maxsize=None)
def _stemmer(language: str):
    import Stemmer

    return Stemmer.Stemmer("spanish" if language == "es" else "english")


def words(text: str) -> list[str]:
    """The folded words of a text, stop words included ('FIN-220' -> ['fin', '220'])."""
    return _WORD.findall(fold(text))


def is_stop_word(word: str) -> bool:
    """A folded word that says nothing about a passage ('the', 'de')."""
    return word in _STOP_WORDS


def stem_words(folded: list[str], language: str) -> list[str]:
    """Snowball stems of folded words, in order."""
    return _stemmer(language).stemWords(folded)


def stems_in_any(folded: list[str]) -> frozenset[str]:
    """The Snowball stems of folded words in every supported language: a text may be either."""
    return frozenset(s for language in LANGUAGES for s in _stemmer(language).stemWords(folded))


def stems(text: str, language: str) -> list[str]:
    """The stemmed, folded content words of a document text, in order."""
    kept = [w for w in words(text) if w not in _STOP_WORDS]
    return _stemmer(language).stemWords(kept)


def query_stems(text: str) -> list[str]:
    """A question's stems in every supported language: a Spanish question may match either."""
    kept = [w for w in words(text) if w not in _STOP_WORDS]
    out: list[str] = []
    for language in LANGUAGES:
        for s in _stemmer(language).stemWords(kept):
            if s not in out:
                out.append(s)
    return out


# A code typed without its hyphen: letters then digits run together ("FIN220", "hr310"), or a
# capitalised prefix and its number apart ("FIN 220"). Documents write them "FIN-220".
_GLUED_CODE = re.compile(r"\b([^\W\d_]{2,6})(\d{2,6})\b")
_SPACED_CODE = re.compile(r"\b([A-Z]{2,6}) (\d{2,6})\b")


def spelled_codes(text: str, glued: bool = True) -> str:
    """`text` with its codes written the way most documents write them: "FIN 220" (and, with
    `glued`, "FIN220") as "FIN-220", looked for as the words the index holds ("fin", "220"). A
    code typed glued is looked for as typed too: a document may write "MH370"."""
    spaced = _SPACED_CODE.sub(r"\1-\2", text)
    return _GLUED_CODE.sub(r"\1-\2", spaced) if glued else spaced


def exact_terms(text: str) -> list[str]:
    """Identifiers a question names exactly: form numbers and codes ('FIN-220', 'HR-104'), acronyms.

    Tokens mixing letters and digits, or written in capitals, as sequences of stemmed words.
    """
    found = []
    for token in re.findall(r"[^\s¿?¡!;:()\"']+", text):
        token = token.strip(".,")
        # A code mixes letters and digits ('FIN-220'); a bare number or year ('1998') is no identifier.
        code = bool(re.search(r"\d", token)) and bool(re.search(r"[^\W\d_]", token))
        if code or (len(token) >= 2 and token.isupper() and token.isalpha()):
            parts = stems(token, "en")  # stop words dropped: 'IT' or 'US' alone is no identifier
            if parts and " ".join(parts) not in found:
                found.append(" ".join(parts))
    return found


def other_language(passage_language: str, language: str) -> bool:
    """Whether a passage is in another language than the answer (a passage of unknown language is not)."""
    return bool(passage_language) and passage_language != language
