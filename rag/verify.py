"""Citation verification: does the passage a sentence cites say what the sentence says?

A small model cites the wrong passage, cites none, or writes a fact no passage holds. After
generation each sentence is checked against the passages it cites:

- every number in the sentence (days, euros, percentages, dates) must appear in the passage,
  because a wrong figure is the error that hurts a reader most;
- and the sentence's content words must mostly occur in the passage (stemmed, accents folded),
  or, when they do not (a paraphrase, or a Spanish answer from an English passage), the sentence
  and the passage must be close in the embedding space.

A marker whose passage fails is removed. A sentence left without a marker gets the passage that
supports it best, if one does; otherwise it is reported as unsupported, so the page can flag it
instead of presenting it as sourced. Sentences that carry no claim ("The documents do not say.")
are not checked. Thresholds live in settings (FARO_VERIFY_*).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .citations import _MARKER, cited_numbers
from .language import _STOPWORDS, _stemmer, fold
from .types import Hit

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A sentence ends at . ! ? followed by space, or at a line break; markers right after the stop
# ("… leave. [2] Next …") still belong to the sentence before.
_SPLIT = re.compile(r"(?<=[.!?])(?:\s*\[\d[\d,; ]*\])*(\s+)(?=[^\s\[])|\n+")

# Number words a model may write for a passage's digits, or the other way round.
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15", "twenty": "20", "thirty": "30",
    "uno": "1", "una": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5", "seis": "6", "siete": "7",
    "ocho": "8", "nueve": "9", "diez": "10", "once": "11", "doce": "12", "quince": "15", "veinte": "20",
    "treinta": "30",
}
# Words that frame an answer rather than state a fact from the passage.
_FRAMING = {
    "according", "policy", "passage", "passages", "document", "documents", "states", "says", "stated",
    "segun", "politica", "pasaje", "pasajes", "documento", "documentos", "indica", "establece", "dice",
    "yes", "si", "also", "tambien", "however", "sin", "embargo", "employees", "empleados",
}


@dataclass(frozen=True)
class Support:
    """How well one passage supports one sentence."""
    overlap: float  # share of the sentence's content stems found in the passage
    similarity: float  # cosine of the sentence (as a query) and the passage
    numbers_found: bool  # every number of the sentence is in the passage
    translated: bool = False  # the sentence and the passage are in different languages

    def holds(self, min_overlap: float, min_similarity: float) -> bool:
        """Numbers found, and the words found or, in other words, the meaning close. In the same
        language a paraphrase still shares some words: at least half the overlap asked for."""
        if not self.numbers_found:
            return False
        if self.overlap >= min_overlap:
            return True
        return self.similarity >= min_similarity and (self.translated or self.overlap >= min_overlap / 2)


@dataclass
class Sentence:
    text: str  # without its markers
    markers: list[int]  # after verification
    claims: bool  # carries a fact to check
    supported: bool = True


@dataclass
class Verified:
    """The verified answer: its text, which markers held, what to highlight, what is unsupported."""
    text: str
    sentences: list[Sentence]
    verified: set[int] = field(default_factory=set)  # markers that support a sentence
    rejected: set[int] = field(default_factory=set)  # markers the model wrote that did not
    highlights: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    @property
    def unsupported(self) -> list[str]:
        return [s.text for s in self.sentences if s.claims and not s.supported]


def _numbers(text: str) -> set[str]:
    found = {n.replace(",", ".").rstrip(".0") or "0" if "." in n.replace(",", ".") else n
             for n in _NUMBER.findall(text)}
    for w in _WORD.findall(fold(text)):
        if w in _NUMBER_WORDS:
            found.add(_NUMBER_WORDS[w])
    return found


def content_stems(text: str, language: str) -> list[str]:
    words = [w for w in _WORD.findall(fold(text)) if w not in _STOPWORDS and w not in _FRAMING and not w.isdigit()]
    return _stemmer(language).stemWords(words)


def _all_stems(text: str) -> set[str]:
    words = _WORD.findall(fold(text))
    return set(_stemmer("en").stemWords(words)) | set(_stemmer("es").stemWords(words))


def split_sentences(text: str) -> list[tuple[str, list[int], str, str]]:
    """(sentence without markers, its markers, the sentence as written, the separator after it)."""
    out: list[tuple[str, list[int], str, str]] = []
    pos = 0
    parts = []
    for m in _SPLIT.finditer(text):
        end = m.start(1) if m.group(1) is not None else m.start()
        parts.append((text[pos:end], text[end:m.end()]))
        pos = m.end()
    parts.append((text[pos:], ""))
    for raw, sep in parts:
        markers = cited_numbers(raw)
        bare = re.sub(r"[ \t]+([.,;:!?])", r"\1", _MARKER.sub("", raw)).strip()
        if not bare and out:  # a line of markers alone belongs to the sentence before
            prev, prev_markers, prev_raw, prev_sep = out[-1]
            out[-1] = (prev, prev_markers + [n for n in markers if n not in prev_markers], prev_raw + prev_sep + raw, sep)
            continue
        out.append((bare, markers, raw, sep))
    return out


def _claims(sentence: str, language: str) -> bool:
    """Whether a sentence states something a passage must support."""
    from .prompt import says_no_answer

    if says_no_answer(sentence):
        return False
    return bool(_numbers(sentence)) or len(content_stems(sentence, language)) >= 2


def _with_markers(raw: str, bare: str, kept: list[int]) -> str:
    """The sentence as the model wrote it, without the markers that did not hold; a marker found
    for an uncited sentence goes before its final stop."""
    if set(kept) <= set(cited_numbers(raw)):
        def keep(m: re.Match) -> str:
            return "".join(f"[{n}]" for n in cited_numbers(m.group(0)) if n in kept)
        return re.sub(r"[ \t]+([.,;:!?])", r"\1", _MARKER.sub(keep, raw)).replace("  ", " ")
    tags = "".join(f"[{n}]" for n in kept)
    m = re.search(r"[.!?:;]+$", bare)
    return f"{bare[:m.start()]} {tags}{m.group(0)}" if m else f"{bare} {tags}"


class Verifier:
    """Checks an answer's sentences against its numbered passages."""

    def __init__(self, embed_query: Callable[[str], list[float]], passage_vectors: Callable[[list[str]], dict],
                 *, min_overlap: float, min_similarity: float):
        self.embed_query = embed_query
        self.passage_vectors = passage_vectors
        self.min_overlap = min_overlap
        self.min_similarity = min_similarity

    def support(self, sentence: str, language: str, passage: str, sentence_vec=None, passage_vec=None,
                passage_language: str = "") -> Support:
        stems = content_stems(sentence, language)
        have = _all_stems(passage)
        overlap = sum(s in have for s in stems) / len(stems) if stems else 1.0
        numbers_found = _numbers(sentence) <= _numbers(passage)
        similarity = float(np.dot(sentence_vec, passage_vec)) if sentence_vec is not None and passage_vec is not None else 0.0
        return Support(overlap, similarity, numbers_found, bool(passage_language) and passage_language != language)

    def verify(self, text: str, passages: list[Hit], language: str) -> Verified:
        parsed = split_sentences(text)
        vectors = self.passage_vectors([h.chunk.chunk_id for h in passages])
        pvec = [vectors.get(h.chunk.chunk_id) for h in passages]
        sentences: list[Sentence] = []
        verified: set[int] = set()
        rejected: set[int] = set()
        pieces: list[str] = []
        for body, markers, raw, sep in parsed:
            markers = [n for n in markers if 1 <= n <= len(passages)]
            claims = _claims(body, language)
            if not claims:
                sentences.append(Sentence(body, markers, False))
                pieces.append(_with_markers(raw, body, markers) + sep)
                continue
            svec = np.asarray(self.embed_query(body), dtype=np.float32)
            supports = [self.support(body, language, h.chunk.text, svec, pvec[i], h.chunk.language)
                        for i, h in enumerate(passages)]
            kept = [n for n in markers if supports[n - 1].holds(self.min_overlap, self.min_similarity)]
            rejected.update(n for n in markers if n not in kept)
            if not kept:
                ranked = sorted(range(len(passages)), key=lambda i: -(supports[i].overlap + supports[i].similarity))
                kept = [i + 1 for i in ranked[:1] if supports[i].holds(self.min_overlap, self.min_similarity)]
            verified.update(kept)
            sentences.append(Sentence(body, kept, True, supported=bool(kept)))
            pieces.append(_with_markers(raw, body, kept) + sep)
        out = Verified("".join(pieces).strip(), sentences, verified, rejected - verified)
        for n in verified:
            words = [s.text for s in sentences if n in s.markers]
            out.highlights[n] = highlight_spans(passages[n - 1].chunk.text, " ".join(words), language)
        return out


def highlight_spans(passage: str, cited_by: str, language: str) -> list[tuple[int, int]]:
    """[start, end) spans of the passage's words (and numbers) that the citing sentences use,
    merged across the spaces and punctuation between neighbouring matches."""
    wanted = set(content_stems(cited_by, language)) | set(content_stems(cited_by, "en" if language == "es" else "es"))
    numbers = _numbers(cited_by)
    spans: list[list[int]] = []
    for m in _WORD.finditer(passage):
        w = fold(m.group(0))
        hit = (w not in _STOPWORDS and (_stemmer("en").stemWord(w) in wanted or _stemmer("es").stemWord(w) in wanted)) \
            or (w.isdigit() and w in numbers)
        if not hit:
            continue
        if spans and re.fullmatch(r"[\s,.\-/%€$£]{0,3}", passage[spans[-1][1]:m.start()]):
            spans[-1][1] = m.end()
        else:
            spans.append([m.start(), m.end()])
    return [(a, b) for a, b in spans]
