"""Citation verification: does the passage a sentence cites say what the sentence says?

A small model cites the wrong passage, cites none, or writes a fact no passage holds. After
generation each sentence is checked against the passages it cites:

- every number in the sentence (days, euros, percentages, dates) must appear in the passage beside
  the words the sentence ties it to ("12 unused days" is not "12 GBP per day"), because a wrong
  figure is the error that hurts a reader most (rag/figures.py reads them); the user's own figures
  ("I have worked here 7 years") and a year in the document's file name are not checked, unless
  the passage states another figure for the same thing;
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
from dataclasses import dataclass, field, replace

import numpy as np

from .content_words import content_stems, word_overlap
from .figures import (
    FRAMING,
    NUMBER_WORDS,
    WORD,
    figures,
    figures_in_context,
    stated_figures,
)
from .highlight import highlight_spans
from .language import detect_language as language_of
from .language import fold, is_stop_word, stem_words, stems, stems_in_any
from .sentences import claims, document_sentences, merge_meta, split_sentences, with_markers
from .types import Hit


@dataclass(frozen=True)
class Support:
    """How well one passage supports one sentence."""

    overlap: float  # share of the sentence's content stems found in the passage
    similarity: float  # cosine of the sentence (as a query) and the passage
    numbers_found: bool  # every figure of the sentence is in the passage, beside the words it is tied to
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
    unknown: tuple[str, ...] = ()  # words of the question it repeats that no indexed document contains
    echo: bool = False  # it only restates the question ("Yes, you can take a sabbatical"): nothing to check
    contradicted: bool = False  # a passage holds its words but not its figures: it states other ones
    rule: str | None = None  # the rule it states before applying it to a word no document holds (folded)


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

    @property
    def lead_supported(self) -> bool:
        """Whether the first sentence that states something (the direct answer) is supported. A
        bare yes or no that only restates the question ("Yes, you can take a sabbatical") cannot be
        checked, so it is not supported either."""
        return next((s.supported for s in self.sentences if s.claims), True)


def other_language(passage_language: str, language: str) -> bool:
    """Whether a passage is in another language than the answer (a passage of unknown language is not)."""
    return bool(passage_language) and passage_language != language


def _file_words(source: str) -> str:
    """'hr/leave-policy-2025.pdf' -> 'leave policy 2025'."""
    return re.sub(r"[-_.]+", " ", source.rsplit("/", 1)[-1].rsplit(".", 1)[0])


# Where a rule ends and its application to the user's case begins: "…, so a 25 kg box …",
# "… such as Dropbox", "…, así que dos semanas seguidas …".
_APPLIES = re.compile(
    r"[,;:]\s+(?:so|therefore|hence|which means|meaning|asi que|por lo que|por tanto|por eso|"
    r"de modo que|like|como)\s+(?!that\b|far\b|long\b)"
    r"|[,;:]?\s+(?:such as|e\.g\.|including|for example|por ejemplo|como por ejemplo)\s+"
)
# The same, or a concession to the user's case: "…, even when you're parked up on a break".
_APPLIED = re.compile(_APPLIES.pattern + r"|[,;:]\s+(?:even|incluso|aun)\s+(?:when|if|cuando|si)\b")
# A Spanish infinitive ("llevar", "contestar"); not nouns such as "lugar", "alquiler" or "taller".
_INFINITIVE = re.compile(r"^(?!.*(?:ller|iler)$).{4,}(?:ar|er|ir)$")


def applied_rule(sentence: str, unknown: tuple[str, ...], language: str) -> str | None:
    """The rule a sentence states before applying it to what the question named: the text before
    the connective that comes before every `unknown` word, or None if an unknown word is part of
    the rule itself ("You can take a sabbatical and claim …")."""
    said = fold(sentence)
    first = min((m.start() for m in WORD.finditer(said) if m.group(0) in unknown), default=None)
    cuts = [m.start() for m in _APPLIES.finditer(said, 0, first)] if first is not None else []
    # The rule must say something itself: "Yes, so Dropbox is fine" states none.
    return said[: cuts[-1]] if cuts and len(content_stems(said[: cuts[-1]], language)) >= 2 else None


# A question that asks for something ("How many days…?") rather than whether something holds.
_ASKS_FOR = re.compile(
    r"\b(?:how|what|when|where|which|who|whom|whose|why)\b|"
    r"(?:qu[ée]|cu[áa]nt[oa]s?|cu[áa]ndo|d[óo]nde|c[óo]mo|qui[ée]n(?:es)?|cu[áa]l(?:es)?)\b(?=[^?]*\?)",
    re.IGNORECASE,
)


def _yes_or_no(question: str) -> bool:
    """Whether a question asks whether something holds ("Do I get 30 days?", "¿Son 30 días?"):
    its figures are then the user's guess, not their situation."""
    return bool(question.strip()) and not _ASKS_FOR.search(question)


# A sentence that answers a yes/no question with its first word; "Sí, tienes derecho…".
_YES_NO_LEAD = re.compile(r"^\W*(yes|no|si)\b(?![-\w])", re.IGNORECASE)
# What turns a statement round, folded: "may not", "cannot", "is not eligible", "no se permite".
_NEGATION = re.compile(
    r"\b(?:no|not|never|none|nor|neither|cannot|nothing|prohibited|forbidden|ineligible|"
    r"nunca|ningun[oa]?|nadie|ni|nada|prohibid[oa]s?|tampoco)\b|n['’]t\b"
)


def yes_no_lead(sentence: str) -> str | None:
    """'yes' or 'no' when a sentence opens by answering a yes/no question ("No, you may not…")."""
    m = _YES_NO_LEAD.match(fold(sentence))
    return None if m is None else ("no" if m.group(1) == "no" else "yes")


def negated(text: str) -> bool:
    """Whether a text says something does not hold (a negation or a prohibition in it)."""
    return bool(_NEGATION.search(fold(text)))


# The verbs a yes/no question asks with ("Am I allowed…", "Can I keep it?", "¿Tengo derecho…?"):
# the passage says what is allowed in its own words ("acceptable", "may"), so they are not looked for.
_ASKING = {
    "allow",
    "permit",
    "entitl",
    "keep",
    "need",
    "take",
    "use",
    "receiv",
    "requir",
    "ok",
    "okay",
    "fine",
    "possibl",
    "derech",
    "pued",
    "necesit",
    "usar",
    "qued",
    "recib",
}
# Words that frame what a question asks rather than name it ("better known as what?", "What is
# the purpose of…"), and the light words any paraphrase may use ("come back", "a new father"): the
# passage states the thing itself ("Common names include…", "return", "a partner").
_FRAME = {
    "known",
    "better",
    "call",
    "name",
    "purpos",
    "signific",
    "mean",
    "role",
    "reason",
    "type",
    "kind",
    "come",
    "go",
    "put",
    "get",
    "make",
    "give",
    "want",
    "new",
    "even",
    "now",
    "refer",
    "conoc",
    "llam",
    "nombr",
    "proposit",
    "razon",
    "tipo",
    "llev",
    "pon",
    "hac",
    "dar",
    "ven",
    "nuev",
}
# How a question refers to the organisation whose policy answers it, which the policy calls "we".
_REFERRING = {
    "compani",
    "websit",
    "site",
    "organis",
    "organiz",
    "firm",
    "empresa",
    "compañi",
    "compani",
    "sitio",
    "web",
}
# Where a clause of a sentence ends: "Where this is not possible, employees may carry over…".
_CLAUSE = re.compile(
    r"[,;:()]|\b(?:but|unless|except|although|whereas|where|if|pero|salvo|excepto|aunque|si)\b", re.IGNORECASE
)


def closest_clause(stems: list[str], sentence: str) -> tuple[str, float]:
    """The clause of a document's sentence holding most of `stems`, and the share it holds."""
    return max(
        ((c, word_overlap(stems, c)) for c in _CLAUSE.split(sentence) if c.strip()),
        key=lambda x: x[1],
        default=("", 0.0),
    )


def _said(sentence: str) -> str:
    return " ".join(WORD.findall(fold(sentence)))


def echoes(sentence: str, question: str, language: str) -> bool:
    """Whether a sentence says nothing the question did not: every content word and figure of it
    is the question's. "Yes, you are entitled to a company car" to "Am I entitled to a company
    car?" shares its words with any passage retrieval found by them, so word overlap cannot vouch
    for it; only a sentence adding something (a number, a condition, a name) can be checked."""
    if not question:
        return False
    asked = set(content_stems(question, language))
    added = set(content_stems(sentence, language)) - asked
    return not added and figures(sentence) <= figures(question)


# The particles of English phrasal verbs: "carry over" (leave) is not "carry" (a phone), "time off" not "time".
_PARTICLES = {"over", "out", "off", "back", "forward", "down", "away"}  # "up" is a stop word, never indexed


def _terms(text: str, language: str, taken: set[str]) -> set[str]:
    """The terms of a text among the stems `taken`: each stem, and each phrasal verb ("carry
    over"), which must be found whole."""
    words = stem_words(WORD.findall(fold(text)), language)
    pairs = {f"{a} {b}" for a, b in zip(words, words[1:]) if a in taken and b in _PARTICLES}
    return {w for w in words if w in taken and w not in _PARTICLES} | pairs


def _held(text: str, language: str) -> set[str]:
    """The terms a passage holds: its stems and its pairs of stems side by side, stop words left
    out (as the keyword index reads it: "carry it over" holds "carry over")."""
    read = stems(text, language)
    return set(read) | {f"{a} {b}" for a, b in zip(read, read[1:])}


def asking(question: str) -> str:
    """The sentences of a question that ask ("Is that allowed?"), without those before them that
    tell the user's situation ("I'd like to work from Portugal for two weeks."); all of it if
    none ends in a question mark."""
    asked = [raw for _, _, raw, _ in split_sentences(question) if raw.rstrip().endswith("?")]
    return " ".join(asked) if asked else question


def _pieces(hit: Hit) -> list[Hit]:
    """A passage as it is checked: chunk by chunk. A passage given with its neighbours
    (rag/context.py) is checked as the chunks it joins, each with its own words and vector: a
    window of several sections holds most words of any sentence on its subject, and a figure of
    one section beside the words of another."""
    return [replace(hit, chunk=c, pieces=()) for c in hit.pieces] or [hit]


def _as_read(hit: Hit) -> str:
    """A chunk as it is checked: it speaks with its document's name ("the 2025 Leave Policy" is
    leave-policy-2025.pdf)."""
    return f"{hit.chunk.title}\n{hit.chunk.text}"


class Verifier:
    """Checks an answer's sentences against its numbered passages. One verifier serves one answer:
    it keeps the vectors of the sentences it has embedded and of the passages it has read, and the
    question's unknown words, which a second check of the same sentences (rag/second_look.py) reads again."""

    def __init__(
        self,
        embed_query: Callable[[str], list[float]],
        passage_vectors: Callable[[list[str]], dict],
        embed_passages: Callable[[list[str]], list[list[float]]],
        *,
        min_overlap: float,
        min_similarity: float,
        known_terms: Callable[[list[str]], set[str]] | None = None,
        document_terms: Callable[[str, list[str]], set[str]] | None = None,
    ):
        self.known_terms = known_terms  # the stems that occur anywhere in the index
        self.document_terms = document_terms  # (source, stems) -> those its document holds
        self.embed_query = embed_query
        self.passage_vectors = passage_vectors  # the stored vectors, by chunk id
        self.embed_passages = embed_passages  # for passages without one (an index from before the copy)
        self.min_overlap = min_overlap
        self.min_similarity = min_similarity
        self._sentence_vectors: dict[str, np.ndarray] = {}
        self._passage_vectors: dict[str, np.ndarray] = {}
        self._unknown: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    def _sentence_vector(self, sentence: str) -> np.ndarray:
        if sentence not in self._sentence_vectors:
            self._sentence_vectors[sentence] = np.asarray(self.embed_query(sentence), dtype=np.float32)
        return self._sentence_vectors[sentence]

    def support(
        self,
        sentence: str,
        language: str,
        passage: str,
        sentence_vec=None,
        passage_vec=None,
        passage_language: str = "",
        given: frozenset[str] = frozenset(),
        doubted: frozenset[str] = frozenset(),
    ) -> Support:
        overlap = word_overlap(content_stems(sentence, language), passage)
        translated = other_language(passage_language, language)
        # Across languages the words beside a figure differ ("días" / "days"): the figure must be there.
        numbers_found = (
            stated_figures(sentence) - given <= figures(passage, words=True)
            if translated
            else figures_in_context(sentence, passage, given, doubted)
        )
        similarity = (
            float(np.dot(sentence_vec, passage_vec)) if sentence_vec is not None and passage_vec is not None else 0.0
        )
        return Support(overlap, similarity, numbers_found, translated)

    def _best_support(
        self, sentence: str, language: str, texts: list[str], sentence_vec, vectors: list, *args
    ) -> Support:
        """The support of the chunk of a passage that backs the sentence best (else holds most of its words)."""
        options = [
            self.support(sentence, language, t, sentence_vec, v, *args) for t, v in zip(texts, vectors, strict=True)
        ]
        return max(options, key=lambda sp: (sp.holds(self.min_overlap, self.min_similarity), sp.overlap))

    def _vectors(self, passages: list[Hit]) -> list[np.ndarray]:
        """The passages' stored vectors, read once per answer; embedded here for those stored without one."""
        vectors = self._passage_vectors
        wanted = list(dict.fromkeys(h.chunk.chunk_id for h in passages if h.chunk.chunk_id not in vectors))
        if wanted:
            vectors.update(self.passage_vectors(wanted))
            missing = [h for h in passages if h.chunk.chunk_id not in vectors]
            for h, vec in zip(missing, self.embed_passages([h.chunk.text for h in missing])):
                vectors[h.chunk.chunk_id] = np.asarray(vec, dtype=np.float32)
        return [vectors[h.chunk.chunk_id] for h in passages]

    def similarities(self, sentence: str, passages: list[Hit]) -> list[float]:
        """The cosine of the sentence (as a query) and each passage: how close in meaning, in any language."""
        svec = self._sentence_vector(sentence)
        return [max(float(np.dot(svec, v)) for v in self._vectors(_pieces(h))) for h in passages]

    def overlaps(self, sentence: str, language: str, passages: list[Hit]) -> list[float]:
        """The share of the sentence's content words each passage (with its document's name) holds."""
        stems = content_stems(sentence, language)
        return [max(word_overlap(stems, _as_read(piece)) for piece in _pieces(h)) for h in passages]

    def unknown(self, question: str) -> frozenset[str]:
        """The words of what the question asks that no indexed document contains, in either
        language: an answer repeating one ("Yes, you can bring your dog") states what no document
        says. Not counting words ("fifteen years": a figure, checked as one) nor Spanish
        infinitives ("llevar", "contestar": what is asked about is a thing, not a verb)."""
        return self._unknown_in(question)[0]

    def told(self, question: str) -> frozenset[str]:
        """The words no indexed document contains that the question only uses to tell the user's
        situation before it asks ("A haulier emailed me…", "Trabajo en la sede de Leeds."): they
        describe the user, not what is asked about, so an answer may repeat them, but only a
        passage holding most of its other words vouches for it; meaning alone cannot, since no
        passage can mean "haulier"."""
        return self._unknown_in(question)[1]

    def _unknown_in(self, question: str) -> tuple[frozenset[str], frozenset[str]]:
        """The question's words that no document holds, (asked, told); looked up in the index once per question."""
        if question not in self._unknown:
            everything = self._look_up_unknown(question)
            asked = everything & set(WORD.findall(fold(asking(question))))
            self._unknown[question] = (asked, everything - asked)
        return self._unknown[question]

    def _look_up_unknown(self, question: str) -> frozenset[str]:
        if not question or self.known_terms is None:
            return frozenset()
        spanish = language_of(question) == "es"
        words = {
            w
            for w in WORD.findall(fold(question))
            if not is_stop_word(w)
            and w not in FRAMING
            and not w.isdigit()
            and len(w) > 2
            and w not in NUMBER_WORDS
            and not (spanish and _INFINITIVE.match(w))
        }
        stems = {w: stems_in_any([w]) for w in words}
        known = self.known_terms([t for ts in stems.values() for t in ts])
        return frozenset(w for w, ts in stems.items() if not ts & known)

    def _says_so(self, sentence: str, language: str, passages: list[Hit], eligible: list[bool]) -> int | None:
        """The 1-based number of a passage one of whose own sentences says what `sentence` says,
        with the same polarity: most of its content words (in the sentence's language; across
        languages there are no shared words to read polarity by) and a negation where it has one.
        "No, you may not bring pets" needs "Pets are not allowed…"; "Yes, …" a sentence without one."""
        # Who the question calls the organisation ("the company", "this website") the policy calls "we".
        stems = [x for x in content_stems(_YES_NO_LEAD.sub("", sentence), language) if x not in _REFERRING]
        if not stems:
            return None
        lead = yes_no_lead(sentence)
        negative = lead == "no" or (lead is None and negated(sentence))
        best, best_overlap = None, 0.0
        for i, h in enumerate(passages):
            if not eligible[i] or other_language(h.chunk.language, language):
                continue
            for own in document_sentences(h.chunk.text):
                overlap = word_overlap(stems, own)
                # Polarity is read in the clause most about it: "Where this is not possible, you may…"
                clause = closest_clause(stems, own)[0]
                if overlap >= max(self.min_overlap, 0.75) and negated(clause) == negative and overlap > best_overlap:
                    best, best_overlap = i + 1, overlap
        return best

    def _lead_turned(self, sentence: str, language: str, hit: Hit) -> bool:
        """Whether a sentence that opens with "yes" says what the passage's clause most about it
        denies: "Yes, the plan covers…" where that clause says it does not. Only a "yes" whose own
        words carry no negation is read: a "no" is mostly followed by the rule that says why
        ("No. Loads over 20 kg need two people"), which is not itself a negation."""
        rest = _YES_NO_LEAD.sub("", sentence)
        if yes_no_lead(sentence) != "yes" or negated(rest) or other_language(hit.chunk.language, language):
            return False
        stems = content_stems(rest, language)
        clause, overlap = max(
            (closest_clause(stems, own) for own in document_sentences(hit.chunk.text)),
            key=lambda x: x[1],
            default=("", 0.0),
        )
        return overlap >= 0.5 and negated(clause)

    def _answers_another_thing(self, sentence: str, language: str, hit: Hit, question: str, lead: bool) -> bool:
        """Whether the direct answer (or any "Yes, …") grafts what the question asks about onto a
        passage about something else. A "Yes, …" must find in its passage every word it takes
        from what the question asks: "Yes, Car Park A … has EV charging bays" from a passage on
        Car Park A that never speaks of charging; and take one at all: "Yes, we use reasonable
        efforts to protect your data" to "Do you encrypt…?". Any other direct answer must find
        them in the passage or its document, and the terms it takes whole ("carry over") as terms: "I can
        carry over one full day off in every seven days" from the on-call rest rule; "La prioridad
        en la rotonda es…" from an article on surfing. The document, because a table's column
        heading ("Retention period") may be pages from its row. Words no document holds are read
        by the rules above, the verbs questions ask with are left out, and across languages
        words cannot be compared."""
        yes = yes_no_lead(sentence) == "yes"
        if not question or not (lead or yes) or other_language(hit.chunk.language, language):
            return False
        strange = stems_in_any(sorted(self.unknown(question) | self.told(question)))
        asked = set(content_stems(asking(question), language)) - strange - _ASKING - _REFERRING - _FRAME
        taken = set(content_stems(sentence, language)) & asked
        if yes:  # and a "Yes, we use reasonable efforts…" to "Do you encrypt…?" says yes to nothing asked
            return word_overlap(sorted(taken), _as_read(hit)) < 1.0 or (bool(asked) and not taken)
        # The rule the sentence states, not its application to the user's case ("…, so a photo of the new racking…").
        said = fold(sentence)
        cut = _APPLIED.search(said)
        if cut and len(content_stems(said[: cut.start()], language)) >= 2:
            said = said[: cut.start()]
        taken = {t for t in taken if len(t) > 1}  # not the "s" of "VA's"
        terms = _terms(asking(question), language, taken) & _terms(said, language, taken)
        missing = sorted(terms - _held(_as_read(hit), language))
        if not missing or self.document_terms is None:
            return bool(missing)
        # The same language, so the same stemmer as the document's keyword rows.
        return not set(missing) <= self.document_terms(hit.chunk.source, missing)

    def verify(
        self, text: str, passages: list[Hit], language: str, question: str = "", named: tuple[str, ...] = ()
    ) -> Verified:
        """Check each sentence of `text` against the numbered `passages`. A question that names
        documents (`named`, rag/naming.py: "washingtonpost.com: …", "the Travel Policy") is
        answered from them alone: a passage of another document vouches for nothing."""
        parsed = merge_meta(split_sentences(text), language)
        about = [not named or h.chunk.source in named or bool(set(named) & set(h.duplicates)) for h in passages]
        unknown, told = self.unknown(question), self.told(question)
        unknown_stems, told_stems = stems_in_any(sorted(unknown)), stems_in_any(sorted(told))
        pieces = [_pieces(h) for h in passages]
        pvec = [self._vectors(ps) for ps in pieces]
        texts = [[_as_read(p) for p in ps] for ps in pieces]
        foreign = [other_language(h.chunk.language, language) for h in passages]
        users = frozenset(stated_figures(question))  # the question's own figures are the user's to state
        doubted = users if _yes_or_no(question) else frozenset()  # unless the question asks whether they hold
        given = [users | figures(f"{h.chunk.title} {_file_words(h.chunk.source)}") for h in passages]
        sentences: list[Sentence] = []
        verified: set[int] = set()
        rejected: set[int] = set()
        pieces: list[str] = []
        seen: set[str] = set()
        asked = {_said(b) for b, *_ in split_sentences(question)} if question else set()
        for body, markers, raw, sep in parsed:
            if body in seen:  # a small model sometimes repeats itself
                continue
            seen.add(body)
            if _said(body) in asked:  # the question said back ("I work in Leeds."): the user's words, not a claim
                sentences.append(Sentence(body, [], False))
                pieces.append(with_markers(raw, body, markers) + sep)
                continue
            markers = [n for n in markers if 1 <= n <= len(passages)]
            if not claims(body, language, bool(markers)):
                sentences.append(Sentence(body, markers, False))
                pieces.append(with_markers(raw, body, markers) + sep)
                continue
            said = set(WORD.findall(fold(body)))
            # In any form: "dogs" repeats the "dog" of "Can I bring my dog?".
            repeated = tuple(sorted(w for w in said if w in unknown or stems_in_any([w]) & unknown_stems))
            # A word of the question that no document holds ("dog", "Dropbox") cannot be vouched
            # for by a passage in the sentence's own language, unless the sentence states a rule
            # first and then applies it to the user's case: "Loads over 20 kg need two people, so a
            # 25 kg box does". A passage in the other language may hold it translated: a Spanish
            # answer from an English policy says "calefacción" where the policy says "heating".
            rule = applied_rule(body, repeated, language) if repeated else None
            eligible = [a and (f or not repeated or rule is not None) for a, f in zip(about, foreign, strict=True)]
            if not any(eligible):
                rejected.update(markers)
                sentences.append(Sentence(body, [], True, supported=False, unknown=repeated))
                continue
            if echoes(body, question, language):
                # A bare yes or no to the question shares its words with any passage retrieval
                # found by them: only a sentence of a passage that says so, in so many words and
                # with the same polarity, vouches for it.
                said_so = self._says_so(body, language, passages, eligible)
                if said_so is None:
                    rejected.update(markers)
                    sentences.append(Sentence(body, [], True, supported=False, echo=True))
                    continue
                kept = [n for n in markers if n == said_so] or [said_so]
                rejected.update(n for n in markers if n not in kept)
                verified.update(kept)
                sentences.append(Sentence(body, kept, True, echo=True))
                pieces.append(with_markers(raw, body, kept) + sep)
                continue
            svec = self._sentence_vector(body)
            lead = not any(s.claims for s in sentences)
            # The user's own figures, as the sentence applies the rule to them ("so a 25 kg box"), are
            # their situation, not a guess to check, unless the rule states them too.
            applied = figures(fold(body)[len(rule) :]) - figures(rule) if rule is not None else set()
            supports = [
                self._best_support(
                    body, language, texts[i], svec, pvec[i], h.chunk.language, given[i], doubted - applied
                )
                for i, h in enumerate(passages)
            ]
            if rule is not None:  # the rule in the passage's own words, the figures of the whole sentence
                rule_stems = content_stems(rule, language)
                supports = [
                    sp
                    if foreign[i]
                    else replace(sp, overlap=max(word_overlap(rule_stems, t) for t in texts[i]), similarity=0.0)
                    for i, sp in enumerate(supports)
                ]
            situation = tuple(sorted(w for w in said if w in told or stems_in_any([w]) & told_stems))
            before = supports
            if situation and rule is None:  # the user's own words: only the passage's words vouch for them
                supports = [sp if foreign[i] else replace(sp, similarity=0.0) for i, sp in enumerate(supports)]
            holds = [
                eligible[i]
                and sp.holds(self.min_overlap, self.min_similarity)
                and not self._lead_turned(body, language, passages[i])
                and not self._answers_another_thing(body, language, passages[i], question, lead)
                for i, sp in enumerate(supports)
            ]
            kept = [n for n in markers if holds[n - 1]]
            rejected.update(n for n in markers if n not in kept)
            if not kept:  # the passage that supports it best, among those that do
                holding = [i for i in range(len(passages)) if holds[i]]
                kept = [max(holding, key=lambda i: supports[i].overlap + supports[i].similarity) + 1] if holding else []
            # Unsupported for a word no document holds: the rule it applies failed, or a passage
            # would have held it but for that word.
            if (
                not kept
                and (repeated or situation)
                and (
                    rule is not None
                    or any(
                        not holds[i] and sp.holds(self.min_overlap, self.min_similarity) for i, sp in enumerate(before)
                    )
                )
            ):
                sentences.append(Sentence(body, [], True, supported=False, unknown=repeated or situation, rule=rule))
                continue
            verified.update(kept)
            contradicted = not kept and any(sp.overlap >= self.min_overlap and not sp.numbers_found for sp in supports)
            sentences.append(Sentence(body, kept, True, supported=bool(kept), contradicted=contradicted, rule=rule))
            if kept:  # a sentence no passage supports leaves the answer (Verified.unsupported lists it)
                pieces.append(with_markers(raw, body, kept) + sep)
        out = Verified("".join(pieces).strip(), sentences, verified, rejected - verified)
        for n in verified:
            words = [s.text for s in sentences if n in s.markers]
            out.highlights[n] = highlight_spans(passages[n - 1].chunk.text, " ".join(words), language)
        return out
