"""Language: which of Faro's languages a text is in, and the stemmed terms the keyword index uses.

The keyword index matches word stems with accents folded, so "vacaciones", "vacación" and
"Vacacion" meet, and "holidays" finds "holiday". Stemming is Snowball's (PyStemmer) for English
and Spanish; SQLite's own tokenizers only stem English.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

LANGUAGES = ("en", "es")

_SPANISH_HINTS = {
    "el",
    "la",
    "los",
    "las",
    "de",
    "del",
    "que",
    "en",
    "un",
    "una",
    "por",
    "para",
    "con",
    "es",
    "qué",
    "cuántos",
    "cuántas",
    "cuál",
    "cuándo",
    "cómo",
    "dónde",
    "quién",
    "puedo",
    "tengo",
    "hay",
    "se",
    "mi",
    "mis",
    "al",
    "días",
    "son",
    "está",
    "debo",
    "según",
    "sobre",
    "y",
    "o",
}
_ENGLISH_HINTS = {
    "the",
    "of",
    "and",
    "to",
    "in",
    "is",
    "for",
    "on",
    "with",
    "what",
    "how",
    "many",
    "can",
    "i",
    "do",
    "does",
    "my",
    "when",
    "where",
    "who",
    "which",
    "are",
    "be",
    "an",
    "a",
    "should",
    "must",
}

# Words that say nothing about a passage; bm25 would weigh them little, dropping them keeps the
# query short. Folded (no accents), as the terms are.
_STOPWORDS = {
    # English
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "can",
    "could",
    "do",
    "does",
    "for",
    "from",
    "get",
    "have",
    "how",
    "i",
    "if",
    "in",
    "is",
    "it",
    "its",
    "may",
    "me",
    "much",
    "my",
    "of",
    "on",
    "or",
    "our",
    "should",
    "so",
    "than",
    "that",
    "the",
    "their",
    "there",
    "this",
    "to",
    "us",
    "was",
    "we",
    "what",
    "when",
    "where",
    "which",
    "who",
    "will",
    "with",
    "would",
    "you",
    "your",
    "many",
    "am",
    "any",
    "about",
    "there",
    "been",
    "has",
    "had",
    "were",
    "them",
    "they",
    "not",
    "no",
    "up",
    "he",
    "she",
    "him",
    "her",
    "his",
    "hers",
    "mine",
    "myself",
    "ours",
    "im",
    "ive",
    # what is left of a contraction once the apostrophe splits it: don't -> don + t ("I'm", "it's"
    # leave "m" and "s", which also stand for metres and seconds: kept)
    "don",
    "doesn",
    "didn",
    "isn",
    "aren",
    "wasn",
    "weren",
    "haven",
    "hasn",
    "hadn",
    "couldn",
    "wouldn",
    "shouldn",
    "won",
    "t",
    "ll",
    "ve",
    "re",
    "d",
    # Spanish
    "al",
    "como",
    "con",
    "cual",
    "cuales",
    "cuando",
    "cuanto",
    "cuantos",
    "cuantas",
    "de",
    "del",
    "donde",
    "el",
    "ella",
    "en",
    "es",
    "esta",
    "este",
    "esto",
    "hay",
    "la",
    "las",
    "le",
    "les",
    "lo",
    "los",
    "me",
    "mi",
    "mis",
    "mas",
    "muy",
    "o",
    "para",
    "pero",
    "por",
    "puedo",
    "que",
    "quien",
    "se",
    "si",
    "sin",
    "sobre",
    "son",
    "su",
    "sus",
    "te",
    "tengo",
    "tiene",
    "un",
    "una",
    "uno",
    "unos",
    "unas",
    "y",
    "ya",
    "yo",
    "debo",
    "segun",
    "hasta",
    "ser",
    "estar",
    "nos",
    "mi",
    "estoy",
    "estas",
    "estamos",
    "soy",
    "eres",
    "somos",
    "era",
    "fue",
    "he",
    "ha",
    "has",
    "han",
    "hemos",
    "mio",
    "mia",
    "tu",
    "tus",
    "ellos",
    "ellas",
    "ese",
    "esa",
    "eso",
    "algo",
    "algun",
    "alguna",
    "algunos",
    "algunas",
    "otro",
    "otra",
    "otros",
    "otras",
    # the forms of "have", "can" and "must" a question and its answer use ("¿Tengo…?" "Sí, tienes…")
    "tienes",
    "tenemos",
    "tienen",
    "puedes",
    "puede",
    "podemos",
    "pueden",
    "debes",
    "debe",
    "debemos",
    "deben",
}

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def detect_language(text: str) -> str:
    """'es' for Spanish, else 'en': a stop-word count is enough to tell these two apart."""
    if re.search(r"[¿¡ñ]", text.lower()):
        return "es"
    words = re.findall(r"[a-záéíóúüñ]+", text.lower())
    es = sum(w in _SPANISH_HINTS for w in words) + sum(bool(re.search(r"[áéíóú]", w)) for w in words)
    en = sum(w in _ENGLISH_HINTS for w in words)
    return "es" if es > en else "en"


def fold(text: str) -> str:
    """Lower case without accents: 'Vacación' -> 'vacacion'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=None)
def _stemmer(language: str):
    import Stemmer

    return Stemmer.Stemmer("spanish" if language == "es" else "english")


def words(text: str) -> list[str]:
    """The folded words of a text, stop words included ('FIN-220' -> ['fin', '220'])."""
    return _WORD.findall(fold(text))


def is_stop_word(word: str) -> bool:
    """A folded word that says nothing about a passage ('the', 'de')."""
    return word in _STOPWORDS


def stem_words(folded: list[str], language: str) -> list[str]:
    """Snowball stems of folded words, in order."""
    return _stemmer(language).stemWords(folded)


def stems_in_any(folded: list[str]) -> frozenset[str]:
    """The Snowball stems of folded words in every supported language: a text may be either."""
    return frozenset(s for language in LANGUAGES for s in _stemmer(language).stemWords(folded))


def stems(text: str, language: str) -> list[str]:
    """The stemmed, folded content words of a document text, in order."""
    kept = [w for w in words(text) if w not in _STOPWORDS]
    return _stemmer(language).stemWords(kept)


def query_stems(text: str) -> list[str]:
    """A question's stems in every supported language: a Spanish question may match either."""
    kept = [w for w in words(text) if w not in _STOPWORDS]
    out: list[str] = []
    for language in LANGUAGES:
        for s in _stemmer(language).stemWords(kept):
            if s not in out:
                out.append(s)
    return out


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
