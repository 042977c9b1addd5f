"""Citation verification: does the passage a sentence cites say what the sentence says?

A small model cites the wrong passage, cites none, or writes a fact no passage holds. After
generation each sentence is checked against the passages it cites:

- every number in the sentence (days, euros, percentages, dates) must appear in the passage beside
  the words the sentence ties it to ("12 unused days" is not "12 GBP per day"), because a wrong
  figure is the error that hurts a reader most (rag/text/figures.py reads them); the user's own figures
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
from functools import lru_cache

import numpy as np

from rag.answer.question import (
    answers_another_thing,
    applied_rule,
    asked_about,
    asking,
    echoes,
    lead_turned,
    negated,
    rows_naming,
    says_so,
    unknown_words,
    yes_but_needed,
    yes_no_lead,
    yes_or_no,
)
from rag.answer.sentences import (
    Parsed,
    claims,
    lines_apart,
    merge_meta,
    renumbered,
    split_sentences,
    with_markers,
)
from rag.answer.ties import swapped
from rag.lexicon import both
from rag.text.content_words import as_read, content_stems, word_overlap
from rag.text.figures import (
    EMAIL,
    NUMBER_WORDS,
    WORD,
    amount_kind,
    calendar_names,
    emails,
    figures,
    figures_in_context,
    identifiers,
    lone_names,
    other_units,
    outside_dates,
    proper_names,
    stated_figures,
    unit_amounts,
)
from rag.text.highlight import highlight_spans
from rag.text.language import fold, other_language, stems_in_any
from rag.types import Hit


@dataclass(frozen=True)
class Support:
    """How well one passage supports one sentence."""

    overlap: float  # share of the sentence's content stems found in the passage
    similarity: float  # cosine of the sentence (as a query) and the passage
    numbers_found: bool  # what the sentence states as it is (figures, days, units, names) is there: _stated_there
    translated: bool = False  # the sentence and the passage are in different languages
    contradicts: bool = False  # its sentence on the same thing states another value (_closer_value)

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


def _repeats(sentence: str, earlier: set[str], language: str) -> bool:
    """Whether a sentence says nothing one before it in the answer did not: all its content words
    are that one's, its figures too, and it is negated alike. "Tienes 23 días laborables de
    vacaciones [1]." after "A jornada completa tienes 23 días laborables de vacaciones al año [1]."
    is a repeat; "You may not carry days over." after "You may carry days over." is not."""
    stems = set(content_stems(sentence, language))
    if len(stems) < 3:
        return False
    said, no = stated_figures(sentence), negated(sentence)
    return any(
        stems <= set(content_stems(e, language)) and said <= stated_figures(e) and negated(e) == no for e in earlier
    )


def _file_words(source: str) -> str:
    """'hr/leave-policy-2025.pdf' -> 'leave policy 2025'."""
    return re.sub(r"[-_.]+", " ", source.rsplit("/", 1)[-1].rsplit(".", 1)[0])


def _stated_there(
    sentence: str,
    passage: str,
    given: frozenset[str],
    doubted: frozenset[str],
    translated: bool,
    known: frozenset[str] = frozenset(),
) -> bool:
    """Whether the passage writes what the sentence states that only its own words can hold: its
    figures beside the words it ties them to (across languages, the figures alone, "días" being
    "days", an amount's not a date's day), its months and days of the week ("every Monday" is no
    Wednesday), its amounts in their units ("50 EUR" is no "50 GBP"), its email addresses, in the
    same language the roles, places and teams it names ("Car Park A" is no "Car Park B"; one
    capitalised word inside the sentence too: "Greenland", "Farlex"), and a name beside a figure
    as the passage ties them (rag/answer/ties.py: not the IT Service Desk with the next row's
    extension). What the user gave (`given`: figures; `known`: the question's words and the
    document's name) is theirs to state."""
    if translated:
        # The figures; an amount's not only as a date's day: "30 días" is not "by 30 April".
        amounts = {value for value, _ in unit_amounts(sentence, words=True)} - given
        found = stated_figures(sentence) - given <= figures(passage, words=True) and (
            not amounts or amounts <= figures(outside_dates(passage), words=True)
        )
    else:
        found = figures_in_context(sentence, passage, given, doubted)
        names = proper_names(sentence) - given
        lone = lone_names(sentence) - known
        if found and (names or lone):  # the passage folded once for both
            folded = fold(passage)
            spaced = " ".join(folded.split())
            found = all(name in spaced for name in names) and lone <= set(WORD.findall(folded))
    return (
        found
        and emails(sentence) - given <= emails(passage)
        and calendar_names(sentence) - given <= calendar_names(passage)
        and not other_units(sentence, passage, given)
        and not swapped(sentence, passage, given)
    )


# Where an answer's clause ends ("…, once per holiday year"), and a passage's sentence.
_CLAUSE_END = re.compile(r"[,;:]\s+")
# The words that state an amount: its number ("two") and its unit ("days", "semanas").
_AMOUNT_STEMS = stems_in_any(sorted({*NUMBER_WORDS, *both("UNIT_PREFIXES"), *both("UNIT_NAMES")}))
# How much better the sentence stating another amount must hold a clause's words than any
# stating the clause's own.
_CLOSER = 0.2


def _closer_value(
    sentence: str, language: str, passages: tuple[str, ...], given: frozenset[str], asked: tuple[str, ...] = ()
) -> bool:
    """Whether a clause's amount is stated in the passages for something else, where the sentence
    of theirs that says what the clause says states another amount of the same kind: "you can
    take two days of paid leave when you move house" where "two days of paid volunteering leave"
    is one sentence and "one day of paid leave once per holiday year when you move house" the
    next. Time is one kind ("eight weeks" where it says 28 days); an email address is one too
    ("forward it to servicedesk@…" where the phishing rule says security@…), and a role ("your line
    manager" where the salary-advance rule names the Head of People). A clause that says too
    little to compare is read with the clause it goes on from ("…, which must be approved by X"),
    and still too little (a direct answer "Within 24 hours of discovering it."), with the stems of
    what the question asks (`asked`). The user's figures (`given`) are not read."""
    own = [s for passage in passages for s in _passage_values(passage)]
    previous: list[str] = []
    for clause in _CLAUSE_END.split(sentence):
        # Its words, not its amounts ("two days"), addresses or roles: they are what is compared.
        said = _ROLE.sub(" ", EMAIL.sub(" ", fold(clause)))
        words = [x for x in content_stems(said, language) if x not in _AMOUNT_STEMS]
        stems = words
        if len(stems) < 3 and previous:  # ", which must be approved by …" goes on from the clause before
            stems = list(dict.fromkeys([*previous, *words]))
        if len(stems) < 3:
            stems = list(dict.fromkeys([*stems, *asked]))
        previous = words
        if len(stems) < 3:
            continue
        for value, unit in _values(clause):
            if value in given:
                continue
            kind = amount_kind(unit)
            same = [word_overlap(stems, text) for amounts, text in own if (value, unit) in amounts]
            other = [
                word_overlap(stems, text)
                for amounts, text in own
                if (value, unit) not in amounts and any(amount_kind(u) == kind for _, u in amounts)
            ]
            best_other = max(other, default=0.0)
            if best_other >= 0.7 and best_other >= max(same, default=0.0) + _CLOSER - 1e-9:
                return True
    return False


_ROLES = both("ROLE_PATTERNS")
_ROLE = re.compile(r"\b(?:" + "|".join(sorted(_ROLES, key=len, reverse=True)) + r")\b(?:['’]s\b)?")  # "manager's"


def _roles(text: str) -> set[str]:
    """The roles a text names, by what they are: "your line manager" and "the Head of People" are
    a manager and a head."""
    folded = fold(text)
    return {role for pattern, role in _ROLES.items() if re.search(r"\b" + pattern + r"\b", folded)}


def _values(text: str) -> set[tuple[str, str]]:
    """What a text states that another text may state otherwise for the same thing: its amounts,
    (value, unit), its email addresses, (address, "@"), and the roles it names, (role, "role")."""
    return (
        unit_amounts(text, words=True)
        | {(address, "@") for address in emails(text)}
        | {(role, "role") for role in _roles(text)}
    )


@lru_cache(maxsize=1024)  # read for every sentence of an answer, against the same passages
def _passage_values(passage: str) -> tuple[tuple[frozenset[tuple[str, str]], str], ...]:
    """Each sentence of a passage that states an amount, an address or a role (`_values`): (them, its text). A
    heading is no part of the sentence after it, though a PDF puts only a line break between. Only
    sentences that end as sentences do: a table's rows hold their figures, its heading their words."""
    out = []
    for text in lines_apart(passage):
        amounts = _values(text)
        if amounts and text.endswith((".", "!", "?", ";")):
            out.append((frozenset(amounts), text))
    return tuple(out)


# The site a question names before it asks: "washingtonpost.com: Do you…?"
_SITE = re.compile(r"^\s*[\w-]+(?:\.[\w-]+)+\s*:\s*")
# A bare yes or no: "No.", "Yes, you can."
_LEAD_WORD = re.compile(r"^\W*(\w+)")


def _opening(parsed: Parsed, question: str, language: str, complete: bool) -> dict[int, str | None]:
    """How to read the sentences of an opening that cannot be checked alone, by index (None: not
    a claim). A bare yes or no ("No. [3]") states nothing a passage could hold: with a sentence
    after it, that sentence is the direct answer, checked as written; with none, it says the
    question back ("No, this website will delete users' data"), which a passage must say in so
    many words. A list's introduction ("The factors to consider are:") says nothing a passage
    must hold: its first item is the direct answer, however short ("- I: Integrity"). Until the
    draft is `complete`, the sentence after it may still come: nothing to check yet."""
    if not parsed:
        return {}
    body, markers = parsed[0][0], parsed[0][1]
    bare = bool(question) and yes_no_lead(body) is not None and not claims(body, language, bool(markers))
    introduces = not bare and body.rstrip().endswith(":")
    if not (bare or introduces):
        return {}
    if len(parsed) > 1:
        return {0: None, 1: parsed[1][0]} if introduces else {}
    if not complete:
        return {0: None}
    if introduces:
        return {}
    word = _LEAD_WORD.match(body).group(1)
    return {0: f"{word}, {_SITE.sub('', asking(question)).strip().strip('¿?').strip()}"}


def _said(sentence: str) -> str:
    return " ".join(WORD.findall(fold(sentence)))


def _pieces(hit: Hit) -> list[Hit]:
    """A passage as it is checked: chunk by chunk. A passage given with its neighbours
    (rag/search/context.py) is checked as the chunks it joins, each with its own words and vector: a
    window of several sections holds most words of any sentence on its subject, and a figure of
    one section beside the words of another."""
    return [replace(hit, chunk=c, pieces=()) for c in hit.pieces] or [hit]


@dataclass
class _Reading:
    """An answer's passages and question, as its sentences are checked against them."""

    passages: list[Hit]
    language: str  # the answer's
    question: str
    about: list[bool]  # the passage is of a document the question names, or it names none
    unknown: frozenset[str]  # the words of what the question asks that no document holds
    told: frozenset[str]  # those of the situation it tells
    unknown_stems: frozenset[str]
    told_stems: frozenset[str]
    vectors: list[list[np.ndarray]]  # each passage's chunks (rag/search/context.py joins neighbours), as vectors
    texts: list[list[str]]  # and as read
    foreign: list[bool]  # the passage is in another language than the answer
    doubted: frozenset[str]  # the user's figures, when the question asks whether they hold
    given: list[frozenset[str]]  # figures no passage need state: the user's, those of the document's name
    known: list[frozenset[str]]  # words no passage need write as names: the question's, the document's name
    users: frozenset[str]  # the user's own figures
    user_amounts: frozenset[tuple[str, str]]  # and their units: "five years" is ("5", "year")


class Verifier:
    """Checks an answer's sentences against its numbered passages. One verifier serves one answer:
    it keeps the vectors of the sentences it has embedded and of the passages it has read, and the
    question's unknown words, which a second check of the same sentences (rag/answer/second_look.py) reads again."""

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
        known: frozenset[str] = frozenset(),
    ) -> Support:
        overlap = word_overlap(content_stems(sentence, language), passage)
        translated = other_language(passage_language, language)
        # Across languages the words beside a figure differ ("días" / "days"): the figure must be there.
        numbers_found = _stated_there(sentence, passage, given, doubted, translated, known)
        contradicts = numbers_found and not translated and _closer_value(sentence, language, (passage,), given)
        similarity = (
            float(np.dot(sentence_vec, passage_vec)) if sentence_vec is not None and passage_vec is not None else 0.0
        )
        return Support(overlap, similarity, numbers_found and not contradicts, translated, contradicts)

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
        return [max(word_overlap(stems, as_read(piece)) for piece in _pieces(h)) for h in passages]

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
            everything = unknown_words(question, self.known_terms)
            asked = everything & set(WORD.findall(fold(asking(question))))
            self._unknown[question] = (asked, everything - asked)
        return self._unknown[question]

    def verify(
        self,
        text: str,
        passages: list[Hit],
        language: str,
        question: str = "",
        named: tuple[str, ...] = (),
        complete: bool = True,
    ) -> Verified:
        """Check each sentence of `text` against the numbered `passages`. A question that names
        documents (`named`, rag/text/naming.py: "washingtonpost.com: …", "the Travel Policy") is
        answered from them alone: a passage of another document vouches for nothing. A draft not
        yet `complete` (as the model writes) may still follow an opening bare "Yes." or list
        introduction with the sentence that says what it is (`_opening`)."""
        parsed = merge_meta(split_sentences(text), language)
        reading = self._read(passages, language, question, named)
        sentences: list[Sentence] = []
        verified: set[int] = set()
        rejected: set[int] = set()
        written: list[str] = []
        seen: set[str] = set()
        asked = {_said(b) for b, *_ in split_sentences(question)} if question else set()
        read_as = _opening(parsed, question, language, complete)
        for i, (body, markers, raw, sep) in enumerate(parsed):
            if body in seen or _repeats(body, seen, language):  # a small model sometimes repeats itself
                continue
            seen.add(body)
            if _said(body) in asked:  # the question said back ("I work in Leeds."): the user's words, not a claim
                sentences.append(Sentence(body, [], False))
                written.append(with_markers(raw, body, markers) + sep)
                continue
            markers = [n for n in markers if 1 <= n <= len(passages)]
            read = read_as.get(i, body)
            if read is not None and (i in read_as or claims(body, language, bool(markers))):
                lead = not any(s.claims for s in sentences)
                sentence = replace(self._check(read, markers, reading, lead), text=body)
                verified.update(sentence.markers)
                rejected.update(n for n in markers if n not in sentence.markers)
            else:
                sentence = Sentence(body, markers, False)
            sentences.append(sentence)
            # A sentence no passage supports leaves the answer (Verified.unsupported lists it).
            if not sentence.claims or sentence.supported:
                written.append(with_markers(raw, body, sentence.markers) + sep)
        # A list whose items the check left out is numbered again: "1. … 2. …", not "1. … 4. …".
        out = Verified(renumbered("".join(written).strip()), sentences, verified, rejected - verified)
        for n in verified:
            words = [s.text for s in sentences if n in s.markers]
            out.highlights[n] = highlight_spans(passages[n - 1].chunk.text, " ".join(words), language)
        return out

    def _read(self, passages: list[Hit], language: str, question: str, named: tuple[str, ...]) -> _Reading:
        """The passages and the question, read once for all the sentences of an answer."""
        unknown, told = self.unknown(question), self.told(question)
        pieces = [_pieces(h) for h in passages]
        # The question's own figures (and months, days, codes) are the user's to state.
        users = (
            frozenset(stated_figures(question))
            | calendar_names(question)
            | identifiers(question)
            | proper_names(question)
            | emails(question)
            | _roles(question)
        )
        asked_words = frozenset(WORD.findall(fold(question)))
        document_names = [f"{h.chunk.title} {_file_words(h.chunk.source)}" for h in passages]
        return _Reading(
            passages,
            language,
            question,
            about=[not named or h.chunk.source in named or bool(set(named) & set(h.duplicates)) for h in passages],
            unknown=unknown,
            told=told,
            unknown_stems=stems_in_any(sorted(unknown)),
            told_stems=stems_in_any(sorted(told)),
            vectors=[self._vectors(ps) for ps in pieces],
            texts=[[as_read(p) for p in ps] for ps in pieces],
            foreign=[other_language(h.chunk.language, language) for h in passages],
            doubted=users if yes_or_no(question) else frozenset(),  # unless the question asks whether they hold
            given=[users | figures(name) for name in document_names],
            # The question's words and the document's name are no names its passage must write.
            known=[asked_words | set(WORD.findall(fold(name))) for name in document_names],
            users=users,
            user_amounts=frozenset(unit_amounts(question, words=True)),
        )

    def _check(self, body: str, markers: list[int], r: _Reading, lead: bool) -> Sentence:
        """A sentence that states something, with the markers that hold, else the passage that
        supports it best; `lead` when it is the answer's first such sentence (the direct answer)."""
        said = set(WORD.findall(fold(body)))
        # In any form: "dogs" repeats the "dog" of "Can I bring my dog?".
        repeated = tuple(sorted(w for w in said if w in r.unknown or stems_in_any([w]) & r.unknown_stems))
        # A word of the question that no document holds ("dog", "Dropbox") cannot be vouched
        # for by a passage in the sentence's own language, unless the sentence states a rule
        # first and then applies it to the user's case: "Loads over 20 kg need two people, so a
        # 25 kg box does". A passage in the other language may hold it translated: a Spanish
        # answer from an English policy says "calefacción" where the policy says "heating".
        rule = applied_rule(body, repeated, r.language) if repeated else None
        eligible = [a and (f or not repeated or rule is not None) for a, f in zip(r.about, r.foreign, strict=True)]
        if not any(eligible):
            return Sentence(body, [], True, supported=False, unknown=repeated)
        if echoes(body, r.question, r.language):
            return self._check_echo(body, markers, r, eligible)
        supports = self._supports(body, rule, r)
        situation = tuple(sorted(w for w in said if w in r.told or stems_in_any([w]) & r.told_stems))
        before = supports
        if situation and rule is None:  # the user's own words: only the passage's words vouch for them
            supports = [sp if r.foreign[i] else replace(sp, similarity=0.0) for i, sp in enumerate(supports)]
        holds = self._holds(body, supports, eligible, r, lead)
        # A passage, or the passages read together, stating another amount, address or role for the
        # same thing in a sentence of its own, says the sentence is wrong: no passage holding its
        # words and figure elsewhere vouches.
        if any(sp.contradicts for sp, e in zip(supports, eligible, strict=True) if e) or self._said_otherwise(
            body, r, eligible, lead
        ):
            return Sentence(body, [], True, supported=False, contradicted=True, rule=rule)
        kept = [n for n in markers if holds[n - 1]]
        if not kept:  # the passage that supports it best, among those that do
            holding = [i for i in range(len(r.passages)) if holds[i]]
            kept = [max(holding, key=lambda i: supports[i].overlap + supports[i].similarity) + 1] if holding else []
        # Unsupported for a word no document holds: the rule it applies failed, or a passage
        # would have held it but for that word.
        if (
            not kept
            and (repeated or situation)
            and (
                rule is not None
                or any(not holds[i] and sp.holds(self.min_overlap, self.min_similarity) for i, sp in enumerate(before))
            )
        ):
            return Sentence(body, [], True, supported=False, unknown=repeated or situation, rule=rule)
        contradicted = not kept and any(sp.overlap >= self.min_overlap and not sp.numbers_found for sp in supports)
        return Sentence(body, kept, True, supported=bool(kept), contradicted=contradicted, rule=rule)

    def _said_otherwise(self, body: str, r: _Reading, eligible: list[bool], lead: bool) -> bool:
        """Whether the passages, read together, state another amount, address or role for what
        the sentence says (`_closer_value`): the sentence of one that says it best gives another,
        and none that says it as well gives the sentence's. Only current passages in the answer's
        language are read."""
        pool = tuple(
            text
            for i, texts in enumerate(r.texts)
            if eligible[i] and not r.foreign[i] and not r.passages[i].superseded_by
            for text in texts
        )
        asked = tuple(sorted(asked_about(r.question, r.language))) if lead and r.question else ()
        return _closer_value(body, r.language, pool, r.users - self._retied(body, r), asked)

    @staticmethod
    def _retied(body: str, r: _Reading) -> frozenset[str]:
        """The user's figures the sentence ties to another unit: "With five years' service you give
        5 weeks' notice" states the five weeks, which are then its own to check."""
        told = {v for v, _ in r.user_amounts}
        return frozenset(v for v, u in unit_amounts(body, words=True) if v in told and (v, u) not in r.user_amounts)

    def _check_echo(self, body: str, markers: list[int], r: _Reading, eligible: list[bool]) -> Sentence:
        """A sentence that only says the question back. A bare yes or no to the question shares its
        words with any passage retrieval found by them: only a sentence of a passage that says so,
        in so many words and with the same polarity, vouches for it."""
        said_so = says_so(body, r.language, r.passages, eligible, self.min_overlap)
        if said_so is None:
            return Sentence(body, [], True, supported=False, echo=True)
        kept = [n for n in markers if n == said_so] or [said_so]
        return Sentence(body, kept, True, echo=True)

    def _supports(self, body: str, rule: str | None, r: _Reading) -> list[Support]:
        """How well each passage (its best chunk) supports a sentence; a sentence that applies a
        rule to the user's case, by the rule's words."""
        svec = self._sentence_vector(body)
        # The user's own figures, as the sentence applies the rule to them ("so a 25 kg box"), are
        # their situation, not a guess to check, unless the rule states them too.
        applied = figures(fold(body)[len(rule) :]) - figures(rule) if rule is not None else set()
        retied = self._retied(body, r)
        supports = [
            self._best_support(
                body,
                r.language,
                r.texts[i],
                svec,
                r.vectors[i],
                h.chunk.language,
                r.given[i] - (retied & r.users),
                r.doubted - applied,
                r.known[i],
            )
            for i, h in enumerate(r.passages)
        ]
        if rule is None:
            return supports
        # The rule in the passage's own words, the figures of the whole sentence.
        rule_stems = content_stems(rule, r.language)
        return [
            sp
            if r.foreign[i]
            else replace(sp, overlap=max(word_overlap(rule_stems, t) for t in r.texts[i]), similarity=0.0)
            for i, sp in enumerate(supports)
        ]

    def _holds(self, body: str, supports: list[Support], eligible: list[bool], r: _Reading, lead: bool) -> list[bool]:
        """Which passages vouch for a sentence: enough support, and neither a "yes" the passage
        denies nor an answer that grafts what the question asks about onto another subject."""
        unknown = r.unknown | r.told
        turned = yes_but_needed(body, r.question, r.language)
        # A figure is the row's that names what the sentence is about, where a passage has that row.
        row_disagrees = rows_naming(body, r.question, r.language, r.texts)
        return [
            not (row_disagrees and row_disagrees[i])
            and eligible[i]
            and not turned
            and sp.holds(self.min_overlap, self.min_similarity)
            and not lead_turned(body, r.language, r.passages[i])
            and not answers_another_thing(
                body, r.language, r.passages[i], r.question, lead, unknown, self.document_terms
            )
            for i, sp in enumerate(supports)
        ]
