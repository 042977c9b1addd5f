"""The question beside the answer: what it asks, and whether a sentence of the answer answers that.

- What a question asks: its sentences that end in a question mark, not those before them that tell
  the user's situation (asking); whether it asks for something or whether something holds
  (yes_or_no); its words that no indexed document holds (unknown_words).
- How a sentence stands to it: it only says the question back (echoes); it states a rule, then
  applies it to what the question named (applied_rule); it opens with a yes or a no (yes_no_lead),
  which a sentence of a passage must say too, with the same polarity (says_so), and a "yes" must
  not be what its passage denies (lead_turned); it grafts what the question asks about onto a
  passage about something else (answers_another_thing).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.answer.sentences import document_sentences, split_sentences, statements
from rag.lexicon import both, en, es
from rag.text.content_words import as_read, content_stems, meaning_overlap, meanings, word_overlap
from rag.text.figures import NUMBER_WORDS, WORD, figures, stated_figures
from rag.text.language import detect_language as language_of
from rag.text.language import fold, is_stop_word, other_language, stem_words, stems, stems_in_any
from rag.types import Hit


def asking(question: str) -> str:
    """The sentences of a question that ask ("Is that allowed?"), without those before them that
    tell the user's situation ("I'd like to work from Portugal for two weeks."); all of it if
    none ends in a question mark."""
    asked = [raw for _, _, raw, _ in split_sentences(question) if raw.rstrip().endswith("?")]
    return " ".join(asked) if asked else question


# A question that asks for something ("How many days…?") rather than whether something holds: a
# Spanish question word counts only before a question mark ("que" is also "that").
_ASKS_FOR = re.compile(
    r"\b(?:" + "|".join(en.QUESTION_WORD_PATTERNS) + r")\b|"
    r"(?:" + "|".join(es.QUESTION_WORD_PATTERNS) + r")\b(?=[^?]*\?)",
    re.IGNORECASE,
)


def yes_or_no(question: str) -> bool:
    """Whether a question asks whether something holds ("Do I get 30 days?", "¿Son 30 días?"):
    its figures are then the user's guess, not their situation."""
    return bool(question.strip()) and not _ASKS_FOR.search(question)


# A Spanish infinitive ("llevar", "contestar"); not nouns such as "lugar", "alquiler" or "taller".
_INFINITIVE = re.compile(r"^(?!.*(?:ller|iler)$).{4,}(?:ar|er|ir)$")
# Words that frame an answer rather than name what it is about ("according to the policy").
_FRAMING = both("FRAMING")
# A bound ("minimum") is said in other words ("not less than"): no document need hold the word.
_BOUND_WORDS = set(both("BOUND_PHRASES"))


def unknown_words(question: str, known_terms: Callable[[list[str]], set[str]] | None) -> frozenset[str]:
    """The words of a question that no indexed document contains, in either language, as
    `known_terms` (the stems that occur anywhere in the index) tells; a bound ("minimum") is
    never one, since documents say it in other words ("not less than")."""
    if not question or known_terms is None:
        return frozenset()
    spanish = language_of(question) == "es"
    words = {
        w
        for w in WORD.findall(fold(question))
        if not is_stop_word(w)
        and w not in _FRAMING
        and not w.isdigit()
        and len(w) > 2
        and w not in NUMBER_WORDS
        and w not in _BOUND_WORDS
        and not (spanish and _INFINITIVE.match(w))
    }
    stems = {w: stems_in_any([w]) for w in words}
    known = known_terms([t for ts in stems.values() for t in ts])
    return frozenset(w for w, ts in stems.items() if not ts & known)


# The verbs a yes/no question asks with ("Am I allowed…", "Can I keep it?", "¿Tengo derecho…?"):
# the passage says what is allowed in its own words ("acceptable", "may"), so they are not looked for.
_ASKING = both("ASKING_STEMS")
# Words that frame what a question asks rather than name it ("better known as what?", "What is
# the purpose of…"), and the light words any paraphrase may use ("come back", "a new father"): the
# passage states the thing itself ("Common names include…", "return", "a partner").
_FRAME = both("FRAME_STEMS")
# How a question refers to the organisation whose policy answers it, which the policy calls "we".
_REFERRING = both("REFERRING_STEMS")


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


# Where a rule ends and its application to the user's case begins: "…, so a 25 kg box …",
# "… such as Dropbox", "…, así que dos semanas seguidas …".
_APPLIES = re.compile(
    r"[,;:]\s+(?:so|therefore|hence|which means|meaning|asi que|por lo que|por tanto|por eso|"
    r"de modo que|like|como)\s+(?!that\b|far\b|long\b)"
    r"|[,;:]?\s+(?:such as|e\.g\.|including|for example|por ejemplo|como por ejemplo)\s+"
)
# The same, or a concession to the user's case: "…, even when you're parked up on a break".
_APPLIED = re.compile(_APPLIES.pattern + r"|[,;:]\s+(?:even|incluso|aun)\s+(?:when|if|cuando|si)\b")


def applied_rule(sentence: str, unknown: tuple[str, ...], language: str) -> str | None:
    """The rule a sentence states before applying it to what the question named: the text before
    the connective that comes before every `unknown` word, or None if an unknown word is part of
    the rule itself ("You can take a sabbatical and claim …")."""
    said = fold(sentence)
    first = min((m.start() for m in WORD.finditer(said) if m.group(0) in unknown), default=None)
    cuts = [m.start() for m in _APPLIES.finditer(said, 0, first)] if first is not None else []
    # The rule must say something itself: "Yes, so Dropbox is fine" states none.
    return said[: cuts[-1]] if cuts and len(content_stems(said[: cuts[-1]], language)) >= 2 else None


# A sentence that answers a yes/no question with its first word; "Sí, tienes derecho…". Its words
# as a folded sentence has them, without an accent (yes_no_lead folds).
_YES_NO_LEAD = re.compile(
    r"^\W*(" + "|".join(w for w in both("YES_NO") if w == fold(w)) + r")\b(?![-\w])", re.IGNORECASE
)
# What turns a statement round, folded: "may not", "cannot", "is not eligible", "no se permite".
_NEGATION = re.compile(r"\b(?:" + "|".join(both("NEGATION_PATTERNS")) + r")\b|n['’]t\b")


def yes_no_lead(sentence: str) -> str | None:
    """'yes' or 'no' when a sentence opens by answering a yes/no question ("No, you may not…")."""
    m = _YES_NO_LEAD.match(fold(sentence))
    return None if m is None else ("no" if m.group(1) == "no" else "yes")


def negated(text: str) -> bool:
    """Whether a text says something does not hold (a negation or a prohibition in it)."""
    return bool(_NEGATION.search(fold(text)))


# Where a clause of a sentence ends: "Where this is not possible, employees may carry over…".
_CLAUSE = re.compile(r"[,;:()]|\b(?:" + "|".join(both("CLAUSE_PATTERNS")) + r")\b", re.IGNORECASE)


def closest_clause(stems: list[str], sentence: str) -> tuple[str, float]:
    """The clause of a document's sentence holding most of `stems`, and the share it holds."""
    return max(
        ((c, word_overlap(stems, c)) for c in _CLAUSE.split(sentence) if c.strip()),
        key=lambda x: x[1],
        default=("", 0.0),
    )


def says_so(sentence: str, language: str, passages: list[Hit], eligible: list[bool], min_overlap: float) -> int | None:
    """The 1-based number of a passage one of whose own sentences says what `sentence` says,
    with the same polarity: most of its content words (in the sentence's language; across
    languages there are no shared words to read polarity by) and a negation where it has one.
    "No, you may not bring pets" needs "Pets are not allowed…"; "Yes, …" a sentence without one."""
    # Who the question calls the organisation ("the company", "this website") the policy calls "we".
    stems = list(
        dict.fromkeys(x for x in content_stems(_YES_NO_LEAD.sub("", sentence), language) if x not in _REFERRING)
    )
    if not stems:
        return None
    lead = yes_no_lead(sentence)
    negative = lead == "no" or (lead is None and negated(sentence))
    # A word of the same meaning ("information" for "data") counts when the sentence says enough
    # else to pin it down: two words ("access your data") match any sentence about access to information.
    groups = meanings(stems)
    alike = len(groups) >= 3
    # Else each meaning by the words the sentence writes: "update, change or modify your
    # information" is said by "you may review and update certain user information".
    written = groups if alike else [g & set(stems) for g in groups]
    best, best_overlap = None, 0.0
    for i, h in enumerate(passages):
        if not eligible[i] or other_language(h.chunk.language, language):
            continue
        same = other = 0.0  # the closest of its sentences with the sentence's polarity, and against it
        for own in statements(h.chunk.text):
            overlap = meaning_overlap(written, own)
            # Polarity is read in the clause most about it: "Where this is not possible, you may…"
            if negated(closest_clause(stems, own)[0]) == negative:
                same = max(same, overlap)
            else:
                other = max(other, overlap)
        # A passage that also denies it in as many words does not say so: "Schedule 1 Job
        # Description – …" and "This Job Description is not exhaustive." to "Yes, … is exhaustive".
        if same >= max(min_overlap, 0.75) and same > other and same > best_overlap:
            best, best_overlap = i + 1, same
    return best


def lead_turned(sentence: str, language: str, hit: Hit) -> bool:
    """Whether a sentence that opens with "yes" says what the passage's clause most about it
    denies: "Yes, the plan covers…" where that clause says it does not. Only a "yes" whose own
    words carry no negation is read: a "no" is mostly followed by the rule that says why
    ("No. Loads over 20 kg need two people"), which is not itself a negation."""
    rest = _YES_NO_LEAD.sub("", sentence)
    if yes_no_lead(sentence) != "yes" or negated(rest) or other_language(hit.chunk.language, language):
        return False
    stems = content_stems(rest, language)
    pieces = [c for own in document_sentences(hit.chunk.text) for c in _CLAUSE.split(own) if c.strip()]
    clauses = [(c, word_overlap(stems, c)) for c in pieces]
    best = max((overlap for _, overlap in clauses), default=0.0)
    # Of the clauses as close as any, one that denies it is read: "Schedule 1 Job Description – …"
    # holds as many words of "Yes, the Job Description … is exhaustive" as "This Job Description is
    # not exhaustive." does.
    return best >= 0.5 and any(overlap == best and negated(c) for c, overlap in clauses)


def asked_about(question: str, language: str) -> set[str]:
    """The stems of what a question asks about: without the verbs it asks with, the words that
    frame it ("the purpose of…") and those that refer to the organisation ("the company")."""
    return set(content_stems(asking(question), language)) - _ASKING - _REFERRING - _FRAME


# "Can an autopsy be performed without written consent?": what the question asks to do without (up
# to four words), and the words that say a thing is needed.
_WITHOUT = re.compile(r"\b(?:" + "|".join(both("WITHOUT_PATTERNS")) + r")\s+((?:[^\W\d_]+\W+){0,3}[^\W\d_]+)")
_NEEDS = re.compile(r"\b(?:" + "|".join(both("NEEDS_PATTERNS")) + r")\b")


# The word after "which" or "what" names the kind of thing asked for ("Which metal is found in
# the Clove Furnace Ruin?"), which a passage names by the thing itself ("an iron furnace").
_KIND = re.compile("|".join(both("KIND_PATTERNS")), re.IGNORECASE)


def _kind_asked(question: str, language: str) -> set[str]:
    """The stems of the words that name the kind of thing a question asks for: "metal" in "Which
    metal…?", "idioma" in "¿De qué idioma…?"."""
    found = (next(w for w in m.groups() if w) for m in _KIND.finditer(asking(question)))
    return {stem for word in found for stem in content_stems(word, language)}


def yes_but_needed(sentence: str, question: str, language: str) -> bool:
    """Whether a "yes" to "Can … be done without Y?" says in its own words that Y is needed: "Yes,
    an autopsy may be performed only with a written consent". Its own words answer no."""
    if not question or yes_no_lead(sentence) != "yes":
        return False
    said = _YES_NO_LEAD.sub("", fold(sentence))
    if _WITHOUT.search(said):  # "Yes, you may take leave without pay"
        return False
    for asked in _WITHOUT.finditer(fold(question)):
        wanted = set(content_stems(asked.group(1), language)[:2])
        for need in _NEEDS.finditer(said):
            if wanted and wanted <= set(content_stems(said[need.end() :], language)[:4]):
                return True
    return False


# A table's row or a list's item as a PDF or Word file writes it: "31 Leave Record Register.
# Permanent", "- Driver CPC: …". Its number or bullet, then a few words (a row, not a paragraph).
_ROW = re.compile(r"^\s*(?:\d{1,3}[.)]?|[-•*])\s+[^\W\d_]")
_ROW_WORDS = 10
_ROW_NUMBER = re.compile(r"^\s*\d{1,3}[.)]?\s+")
_ITEM_LEAD = re.compile(r"^\W*\(?\d{1,2}[.)]\s+")


def rows_naming(sentence: str, question: str, language: str, texts: list[list[str]]) -> list[bool]:
    """For each passage (its chunks' texts), whether a table row or list item names what the
    sentence answers about (two or more of its words from the question) and does not give the
    figure the sentence states:
    - a row of another passage, with words this passage does not hold: the figure is that row's
      to give. "Leave record registers are kept for not less than 10 years", where one passage's
      heading says "not less than 10 years" above other rows and another's row says "31 Leave
      Record Register. Permanent";
    - rows of this passage, when the figure is neither in such a row nor above it: a heading
      below a row does not govern it. "Indemnity bonds are kept for 10 years" from a passage whose
      row "45 Indemnity Bonds. Permanent" comes before the heading "B. Records to be preserved for
      not less than 10 years".
    Empty when the sentence states no figure or takes fewer than two words from the question."""
    subject = set(content_stems(sentence, language)) & asked_about(question, language)
    stated = stated_figures(_ITEM_LEAD.sub("", sentence))  # "(3) The documentation…": a list's number, no figure
    if len(subject) < 2 or not stated:
        return []
    held, rows, ungoverned = [], [], []  # per passage: the subject's words it holds, its rows naming them, and
    for chunks in texts:  # whether its own rows naming the subject all lack the figure in them and above them
        held.append(subject & set(content_stems(" ".join(chunks), language)))
        lines = [line for text in chunks for line in text.splitlines()]
        is_row = [bool(_ROW.match(line)) for line in lines]
        # Each line's figures, a row's number left out.
        line_figures = [figures(_ROW_NUMBER.sub("", line) if r else line, words=True) for line, r in zip(lines, is_row)]
        naming, given = [], False
        for k, line in enumerate(lines):
            if not is_row[k] or len(stems := content_stems(line, language)) > _ROW_WORDS:
                continue
            named = subject & set(stems)
            if len(named) < 2:
                continue
            naming.append(named)
            # The row runs on to the next row ("3) A post anesthesia follow up report … / … within 48 hours").
            end = next((j for j in range(k + 1, len(lines)) if is_row[j]), len(lines))
            given = given or stated <= set().union(*line_figures[:end])
        rows.append(naming)
        ungoverned.append(bool(naming) and not given)
    return [
        ungoverned[i] or any(not r <= held[i] for j, found in enumerate(rows) if j != i for r in found)
        for i in range(len(texts))
    ]


# The particles of English phrasal verbs: "carry over" (leave) is not "carry" (a phone), "time off" not "time".
_PARTICLES = both("PARTICLES")  # "up" is a stop word, never indexed


# Words the question offers as alternatives: "update, change or modify" (up to four words, one
# each, before the last "or").
_OR = "|".join(both("OR_WORDS"))
_ALTERNATIVES = re.compile(r"\b([^\W\d_]+(?:\s*,\s*[^\W\d_]+){0,3})\s*,?\s+(?:" + _OR + r")\s+([^\W\d_]+)")


def _alternatives(question: str, language: str) -> list[set[str]]:
    """The stems of the words a question offers as alternatives: "Can I update, change or modify
    my information?" is answered yes by a passage on updating it; each group of two or more."""
    groups = []
    for m in _ALTERNATIVES.finditer(fold(asking(question))):
        words = [w.strip() for w in m.group(1).split(",")] + [m.group(2)]
        group = {stem for w in words for stem in content_stems(w, language)}
        if len(group) >= 2:
            groups.append(group)
    return groups


def _unmet(missing: set[str], held: Callable[[str], bool], groups: list[set[str]]) -> set[str]:
    """The missing terms no alternative of theirs stands in for: one the passage holds."""
    return {t for t in missing if not any(t in g and any(held(o) for o in g - {t}) for g in groups)}


def _terms(text: str, language: str, taken: set[str]) -> set[str]:
    """The terms of a text among the stems `taken`: each stem, and each phrasal verb ("carry
    over"), which must be found whole."""
    words = stem_words(WORD.findall(fold(text)), language)
    pairs = {f"{a} {b}" for a, b in zip(words, words[1:]) if a in taken and b in _PARTICLES}
    return {w for w in words if w in taken and w not in _PARTICLES} | pairs


def _held(text: str, language: str) -> set[str]:
    """The terms a passage holds: its stems and its pairs of stems side by side, stop words left
    out (as the keyword index reads it: "carry it over" holds "carry over"), and a bound said in
    other words ("not less than 5 years" holds "minimum")."""
    read = stems(text, language)
    return set(read) | {f"{a} {b}" for a, b in zip(read, read[1:])} | _bounds_said(text)


# Each phrase that says a bound ("not less than") -> the stems of the bound's word ("minimum"), and
# one pattern for them all, longest first, with the word after it.
_BOUND_OF = {
    phrase: frozenset(stems_in_any([word])) for word, phrases in both("BOUND_PHRASES").items() for phrase in phrases
}
_BOUND_PHRASE = re.compile(
    r"(?:^| )(" + "|".join(re.escape(p) for p in sorted(_BOUND_OF, key=len, reverse=True)) + r") (\S+)"
)


def _bounds_said(text: str) -> set[str]:
    """The stems of the bounds ("minimum", "máximo") a text says in other words before a quantity
    ("at least 3 days", "up to eight"; not "up to the manager", "hasta el lunes")."""
    said: set[str] = set()
    for m in _BOUND_PHRASE.finditer(" ".join(WORD.findall(fold(text)))):
        if m.group(2).isdigit() or m.group(2) in NUMBER_WORDS:
            said |= _BOUND_OF[m.group(1)]
    return said


def answers_another_thing(
    sentence: str,
    language: str,
    hit: Hit,
    question: str,
    lead: bool,
    unknown: frozenset[str],
    document_terms: Callable[[str, list[str]], set[str]] | None,
) -> bool:
    """Whether the direct answer (or any "Yes, …") grafts what the question asks about onto a
    passage about something else. A "Yes, …" must find in its passage every word it takes
    from what the question asks: "Yes, Car Park A … has EV charging bays" from a passage on
    Car Park A that never speaks of charging; and take one at all: "Yes, we use reasonable
    efforts to protect your data" to "Do you encrypt…?". Any other direct answer must find
    them in the passage or its document, and the terms it takes whole ("carry over") as terms: "I can
    carry over one full day off in every seven days" from the on-call rest rule; "La prioridad
    en la rotonda es…" from an article on surfing. The document, because a table's column
    heading ("Retention period") may be pages from its row. Words no document holds (`unknown`,
    those the question asks about and those it tells the situation with) are read by the rules
    of rag/answer/verify.py, the verbs questions ask with are left out, and across languages words
    cannot be compared. `document_terms` (source, stems) gives the stems a document holds."""
    yes = yes_no_lead(sentence) == "yes"
    if not question or not (lead or yes) or other_language(hit.chunk.language, language):
        return False
    strange = stems_in_any(sorted(unknown))
    asked = asked_about(question, language) - strange - _kind_asked(question, language)
    taken = set(content_stems(sentence, language)) & asked
    groups = _alternatives(question, language)
    if yes:  # and a "Yes, we use reasonable efforts…" to "Do you encrypt…?" says yes to nothing asked
        passage = as_read(hit)
        bounds = _bounds_said(passage)
        held = lambda stem: stem in bounds or word_overlap([stem], passage) == 1.0  # noqa: E731
        return bool(_unmet({t for t in taken if not held(t)}, held, groups)) or (bool(asked) and not taken)
    # The rule the sentence states, not its application to the user's case ("…, so a photo of the new racking…").
    said = fold(sentence)
    cut = _APPLIED.search(said)
    if cut and len(content_stems(said[: cut.start()], language)) >= 2:
        said = said[: cut.start()]
    taken = {t for t in taken if len(t) > 1}  # not the "s" of "VA's"
    terms = _terms(asking(question), language, taken) & _terms(said, language, taken)
    holds = _held(as_read(hit), language)
    missing = sorted(_unmet(terms - holds, holds.__contains__, groups))
    if not missing or document_terms is None:
        return bool(missing)
    # The same language, so the same stemmer as the document's keyword rows.
    return not set(missing) <= document_terms(hit.chunk.source, missing)
