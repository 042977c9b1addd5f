"""answer_question(): the pipeline from a question to a cited answer, top to bottom.

follow-up? rewrite it into a standalone question (rag/answer/rewrite.py)
-> retrieve -> relevance gate (abstain without calling the model)
-> withhold passages that instruct the assistant (rag/answer/injection.py)
-> keep superseded passages out of the prompt, find documents that disagree (rag/answer/conflicts.py)
-> fit the passages into the model's context (rag/answer/budget.py)
-> prompt -> stream -> drop markers that name no passage
-> as each sentence is finished, check it against its passages (rag/answer/checking.py,
   rag/answer/verify.py); one none supports is searched for itself, and a passage found that holds
   it is cited (rag/answer/second_look.py); show it once it passes; stop a model that loops or runs
   on (rag/answer/drafting.py)
-> the direct answer unsupported: stop the model and abstain, quoting what the closest
   passages say (rag/answer/quotes.py)
-> the model says the documents do not say: abstain in Faro's words, quoting the same way
-> add the notes on older versions and disagreements (rag/answer/notes.py) -> Answer
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Generator, Iterator

from rag.answer.budget import fit
from rag.answer.checking import Checking
from rag.answer.citations import cited_numbers, clean_markers, filter_stream
from rag.answer.conflicts import Plan, plan
from rag.answer.drafting import Draft
from rag.answer.injection import Withheld, screen
from rag.answer.notes import closing_notes, withheld_note
from rag.answer.prompt import (
    ABSTAIN_MESSAGE,
    NOT_SAID_MESSAGE,
    UNSUPPORTED_MESSAGE,
    UNUSED_WORDS_NOTE,
    build_messages,
    detect_language,
    says_no_answer,
)
from rag.answer.quotes import QUOTE_NOTE, closest_sentences, quoted
from rag.answer.rewrite import Rewrite, standalone_question
from rag.answer.verify import Verified, Verifier
from rag.errors import FaroError, UsageError
from rag.index.filters import Filters
from rag.people.access import User
from rag.search.retrieve import relevant
from rag.services import Services
from rag.text.language import fold, words
from rag.types import Answer, Citation, Hit

# A question longer than this is refused at once: it fills the small model's window (a 20,000-character
# question failed after 59 s with advice about top-k) and is a pasted document, not a question.
MAX_QUESTION_CHARS = 2000


def asked(question: str) -> str:
    """The question as Faro will read it, stripped; an empty or overlong one is a FaroError saying what to do."""
    question = question.strip()
    if not question:
        raise UsageError("The question is empty: type what you want to know.")
    if len(question) > MAX_QUESTION_CHARS:
        raise UsageError(
            f"The question is {len(question):,} characters long; Faro reads questions of up to "
            f"{MAX_QUESTION_CHARS:,}. Ask about one thing, quoting only the lines that matter."
        )
    return question


def _closest_documents(hits: list[Hit], language: str) -> str:
    titles: list[str] = []
    for h in hits:
        label = f"{h.chunk.title} ({h.chunk.source})"
        if label not in titles:
            titles.append(label)
    if not titles:
        return ""
    head = "Documentos más cercanos" if language == "es" else "Closest documents"
    return f"\n\n{head}: " + "; ".join(titles[:3]) + "."


def _unused_words(question: str, verifier: Verifier, passages: list[Hit], language: str) -> str:
    """The note after a decline's first sentence, ' No document uses the word “dog”.': the words
    of what was asked that no document the user may read holds (Verifier.unknown), nor the name
    of a document found ("randomhouse.com: …" names its policy by its file), as the user typed
    them. A decline then says why, and a typo or an unusual word can be asked again in other
    words. "" when there are none."""
    names = {w for h in passages for w in words(f"{h.chunk.title} {h.chunk.source}")}
    missing = verifier.unknown(question) - names
    typed = [w for w in dict.fromkeys(re.findall(r"[^\W\d_]+", question)) if fold(w) in missing]
    if not typed:
        return ""
    quoted = [f"«{w}»" if language == "es" else f"“{w}”" for w in typed]
    last = (" ni " if language == "es" else " or ") + quoted[-1]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + last
    return " " + UNUSED_WORDS_NOTE[language][len(quoted) > 1].format(words=listed)


def _then(text: str, note: str) -> str:
    """`text`, then `note` as a paragraph of its own if there is one."""
    return f"{text}\n\n{note}" if note else text


def _citations(text: str, passages: list[Hit], checked: Verified, notes: str, p: Plan, shown: int) -> list[Citation]:
    """Every passage the final text cites, plus those the model cited that did not hold up. The
    model read the first `shown` passages; the current ones after them were found by a sentence."""
    in_notes = set(cited_numbers(notes))
    out = []
    for n in sorted(set(cited_numbers(text)) | checked.rejected):
        if not 1 <= n <= len(passages):
            continue
        note = ""
        if n in checked.rejected:
            note = "removed: it does not support the sentence that cited it"
        elif n > len(p.current):
            note = "older version"
        elif any(n - 1 in (d.first, d.second) for d in p.disagreements):
            note = "documents disagree"
        verified = n in checked.verified or (n in in_notes and n not in checked.rejected)
        out.append(
            Citation(
                marker=n,
                chunk=passages[n - 1].chunk,
                verified=verified,
                highlights=tuple(checked.highlights.get(n, ())),
                note=note,
                found=shown < n <= len(p.current),
            )
        )
    return out


def gather(
    question: str, services: Services, k: int, filters: Filters | None = None, *, mode: str | None = None
) -> tuple[list[Hit], list[Withheld], Plan | None]:
    """Search, then choose what the model reads: the hits, the passages withheld because they
    instruct the assistant (relevant ones only), and the plan whose `current` passages are exactly
    the model's; no plan when nothing is relevant (the hard gate: no model call)."""
    hits = services.retriever.search(question, k, filters, mode=mode)
    # A passage that instructs the assistant never reaches it, relevant or not.
    hits, withheld = screen(hits)
    withheld = [w for w in withheld if relevant([w.hit], services.min_score)]
    passages = relevant(hits, services.min_score)
    if not passages:
        return hits, withheld, None
    settings = services.settings
    return (
        hits,
        withheld,
        fit(plan(passages, question, hits), question, settings.context_tokens, settings.max_answer_tokens),
    )


def model_passages(
    question: str, services: Services, k: int, filters: Filters | None = None, *, mode: str | None = None
) -> list[Hit]:
    """The passages the model is given for this (standalone) question; `faro eval` scores them."""
    _, _, p = gather(question, services, k, filters, mode=mode)
    return p.current if p is not None else []


class AnswerStream:
    """Iterate for the answer's text as it is generated; `.answer` holds the result afterwards.

    Nothing unchecked is given out: the model's draft is read sentence by sentence as it streams
    (rag/answer/drafting.py), and a finished sentence is given once it passes the check, from the moment
    the direct answer (the first statement) has passed; a sentence that fails is left out
    (`.answer.unsupported` lists it). When the direct answer fails, the model is stopped and
    Faro declines, quoting what the closest passages do say. The stream ends with the rest of
    `.answer.text` (Faro's notes, or the whole decline); when a later check changed what was
    given (a passage found for a sentence), `.answer.text` is what a page shows at the end.
    """

    def __init__(
        self,
        question: str,
        services: Services,
        k: int | None = None,
        filters: Filters | None = None,
        history: list[dict] | None = None,
        user: User | None = None,
        on_found: Callable[[list[Hit]], None] | None = None,
        on_checking: Callable[[], None] | None = None,
    ):
        self.question = asked(question)
        self.services = services
        if k is not None and k < 0:
            raise UsageError(f"k must be 1 or more (passages given to the model), not {k}.")
        self.k = k or services.settings.top_k
        self.filters = filters
        self.user = user  # None: the server's own view (CLI without --as); else only what they may read
        self.history = history or []
        # Called with the passages the model will read, as soon as they are found (before the
        # model writes a word): a page shows them while the answer is being written.
        self.on_found = on_found
        self.on_checking = on_checking  # called once the model has finished, before the whole answer is checked
        self.answer: Answer | None = None
        self.shown = ""  # the text given out so far: checked sentences, then the rest of the answer
        self.revised = False  # a later check changed sentences already given: show `.answer.text` instead

    def _rewrite(self) -> Rewrite:
        s = self.services
        if not self.history or s.settings.rewrite == "off":
            return Rewrite(self.question, "unchanged", self.question)
        try:
            generator = s.generator()
        except FaroError:
            generator = None  # standalone_question falls back to joining the questions
        return standalone_question(
            self.question, self.history, generator, mode=s.settings.rewrite, max_turns=s.settings.rewrite_turns
        )

    def __iter__(self) -> Iterator[str]:
        s = self.services
        start = time.perf_counter()
        timings: dict[str, float] = {}
        question, language, rewritten = self._standalone(start, timings)
        search_start = time.perf_counter()
        # What this user may read, read once: retrieval and the check see the same access.
        filters = s.filters_for(self.user, self.filters)
        hits, withheld, p = gather(question, s, self.k, filters)
        timings["retrieve"] = time.perf_counter() - search_start
        withheld_text = withheld_note(withheld, language)
        if p is None:
            # The hard gate: nothing relevant, so no model call and no chance to guess.
            verifier = s.verifier(filters)
            yield from self._not_covered(
                question, hits, verifier, withheld, withheld_text, language, rewritten, start, timings
            )
            return
        if self.on_found is not None:
            self.on_found(list(p.current))
        answer, checking = yield from self._draft(question, p, filters, language, rewritten, withheld, start, timings)
        if self.on_checking is not None:
            self.on_checking()
        if says_no_answer(answer.draft) and not cited_numbers(answer.draft):
            # The model says the documents do not say: decline in Faro's words (the draft stays in
            # answer.draft), quoting what the passages do say.
            answer.abstained, answer.abstained_by = True, "model"
            message = NOT_SAID_MESSAGE[language] + _unused_words(question, checking.verifier, p.current, language)
            self._decline(answer, message, p.current, language, withheld_text, checking.verifier)
        else:
            self._check(answer, p, checking, language, withheld_text, timings)
        yield from self._rest(answer, checking.shown, start, timings)

    def _standalone(self, start: float, timings: dict[str, float]) -> tuple[str, str, str]:
        """The question to search for, the answer's language, and the rewritten question ("" when
        the user's own is searched for)."""
        rewrite = self._rewrite()
        # A short follow-up ("¿Y los becarios?") shows its language better once rewritten.
        language = detect_language(rewrite.question if rewrite.how == "model" else self.question)
        rewritten = rewrite.question if rewrite.changed else ""
        if rewrite.how != "unchanged":
            timings["rewrite"] = time.perf_counter() - start
        return rewrite.question, language, rewritten

    def _not_covered(
        self,
        question: str,
        hits: list[Hit],
        verifier: Verifier,
        withheld: list[Withheld],
        withheld_text: str,
        language: str,
        rewritten: str,
        start: float,
        timings: dict[str, float],
    ) -> Iterator[str]:
        """The fixed "not covered" answer, naming the words of `question` (the one searched for)
        that no document uses and the closest documents."""
        unused = _unused_words(question, verifier, hits, language)
        text = _then(ABSTAIN_MESSAGE[language] + unused + _closest_documents(hits, language), withheld_text)
        self.shown = text
        yield text
        timings["total"] = time.perf_counter() - start
        self.answer = Answer(
            self.question,
            text,
            abstained=True,
            hits=hits,
            timings=timings,
            rewritten=rewritten,
            abstained_by="retrieval",
            withheld=withheld,
        )

    def _draft(
        self,
        question: str,
        p: Plan,
        filters: Filters,
        language: str,
        rewritten: str,
        withheld: list[Withheld],
        start: float,
        timings: dict[str, float],
    ) -> Generator[str, None, tuple[Answer, Checking]]:
        """Have the model write, giving out each finished sentence once it passes the check; then
        the draft as an Answer (not yet checked as a whole), and the check that read it."""
        s = self.services
        generator = s.generator()
        messages = build_messages(question, p.current, language, [(d.first + 1, d.second + 1) for d in p.disagreements])
        checking = Checking(s, p, language, question, filters)
        draft = Draft(s.settings.answer_sentences)
        gen_start = time.perf_counter()
        pieces = filter_stream(draft.reading(generator.stream(messages)), len(p.current))
        try:
            for piece in pieces:
                if "first_token" not in timings:
                    timings["first_token"] = time.perf_counter() - start
                draft.add(piece)
                # Only what has been checked is shown: each finished sentence once it passes, and
                # nothing until the direct answer (the first statement) has passed.
                shown = checking.update(draft.finished())
                if checking.lead is False:
                    break  # the direct answer failed: no need to hear the rest
                if shown:
                    yield shown
                if draft.stop:
                    break
        finally:
            pieces.close()  # stops the model when the answer ends early
        timings["generate"] = time.perf_counter() - gen_start

        text = clean_markers(draft.final() if checking.lead is not False else draft.finished(), len(p.current)).strip()
        answer = Answer(
            self.question,
            text,
            abstained=False,
            hits=p.current,
            generator=generator.name,
            timings=timings,
            rewritten=rewritten,
            withheld=withheld,
        )
        answer.draft = text
        if draft.stop:
            timings[f"stopped_{draft.stop}"] = 1.0
        return answer, checking

    def _check(
        self, answer: Answer, p: Plan, checking: Checking, language: str, withheld_text: str, timings: dict[str, float]
    ) -> None:
        """The whole draft checked: declined when its direct answer fails, else given with notes."""
        verify_start = time.perf_counter()
        shown = len(p.current)  # counted before the final check, whose second look may add passages
        checked = checking.final(answer.draft)
        timings["verify"] = time.perf_counter() - verify_start + checking.seconds
        answer.unsupported = checked.unsupported
        if not checked.lead_supported:
            # The direct answer (the first statement) failed the check: say so rather than
            # show it; what follows it only explains or quotes.
            answer.abstained, answer.abstained_by = True, "verification"
            self._decline(
                answer, UNSUPPORTED_MESSAGE[language], p.current[:shown], language, withheld_text, checking.verifier
            )
        else:
            self._with_notes(answer, checked, p, shown, language, withheld_text)

    def _with_notes(
        self, answer: Answer, checked: Verified, p: Plan, shown: int, language: str, withheld_text: str
    ) -> None:
        """The checked text with Faro's notes under it (rag/answer/notes.py), and its citations."""
        all_passages = p.current + [old for old, _ in p.older]
        effective = {
            src: eff
            for src, (_, eff, _) in self.services.manifest.versions(
                [h.chunk.source for h in all_passages] + [h.superseded_by for h in all_passages if h.superseded_by]
            ).items()
        }
        notes = _then(
            closing_notes(p, language, effective, set(cited_numbers(checked.text)), checked.text), withheld_text
        ).strip()
        answer.text = _then(checked.text, notes)
        answer.hits = all_passages
        answer.citations = _citations(answer.text, all_passages, checked, notes, p, shown)

    def _rest(self, answer: Answer, given: str, start: float, timings: dict[str, float]) -> Iterator[str]:
        """The rest of the answer after the checked sentences `given`: Faro's notes, or all of it.
        When a later check changed sentences already given, `.revised` says so and `.answer.text`
        replaces them."""
        self.revised = not answer.text.startswith(given)  # never when nothing was given yet
        rest = "" if self.revised else answer.text[len(given) :]
        self.shown = given + rest
        if rest:
            yield rest
        timings["total"] = time.perf_counter() - start
        self.answer = answer

    def _decline(
        self, answer: Answer, message: str, passages: list[Hit], language: str, withheld_text: str, verifier: Verifier
    ) -> None:
        """Decline, and quote what the closest passages do say (verbatim, cited, marked as not an answer)."""
        s = self.services
        quotes = closest_sentences(
            self.question, passages, language, verifier.embed_query, verifier.embed_passages, s.settings.decline_quotes
        )
        body = quoted(quotes, language)
        answer.text = _then(
            _then(message.strip(), body) if body else message + _closest_documents(passages, language), withheld_text
        )
        answer.hits = passages
        spans: dict[int, list[tuple[int, int]]] = {}
        for q in quotes:  # one source per passage quoted, highlighting each sentence taken from it
            spans.setdefault(q.marker, []).extend([q.span] if q.span else [])
        answer.citations = [
            Citation(marker=n, chunk=passages[n - 1].chunk, verified=True, highlights=tuple(sorted(s)), note=QUOTE_NOTE)
            for n, s in sorted(spans.items())
        ]


def answer_question(
    question: str,
    services: Services,
    k: int | None = None,
    filters: Filters | None = None,
    history: list[dict] | None = None,
    user: User | None = None,
) -> Answer:
    """Answer a question without streaming: run the stream to its end."""
    stream = AnswerStream(question, services, k, filters, history, user)
    for _ in stream:
        pass
    assert stream.answer is not None
    return stream.answer
