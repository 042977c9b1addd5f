"""answer_question(): the pipeline from a question to a cited answer, top to bottom.

follow-up? rewrite it into a standalone question (rag/rewrite.py)
-> retrieve -> relevance gate (abstain without calling the model)
-> withhold passages that instruct the assistant (rag/injection.py)
-> keep superseded passages out of the prompt, find documents that disagree (rag/conflicts.py)
-> prompt -> stream -> drop markers that name no passage
-> as each sentence is finished, check it against its passages (rag/verify.py); one none
   supports is searched for itself, and a passage found that holds it is cited
   (rag/second_look.py); show it once it passes; stop a model that loops or runs on
   (rag/drafting.py)
-> the direct answer unsupported: stop the model and abstain, quoting what the closest
   passages say (rag/quotes.py)
-> the model says the documents do not say: abstain, quoting the same way
-> add the notes on older versions and disagreements -> Answer
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator

from .access import User
from .citations import cited_numbers, clean_markers, filter_stream
from .conflicts import Plan, plan
from .drafting import Draft
from .errors import FaroError, UsageError
from .figures import figures
from .injection import Withheld, screen
from .keywords import Filters
from .prompt import (
    ABSTAIN_MESSAGE,
    DISAGREEMENT_NOTE,
    OLDER_SAID_NOTE,
    OLDER_VERSION_NOTE,
    STALE_NOTE,
    UNSUPPORTED_MESSAGE,
    WITHHELD_NOTE,
    build_messages,
    detect_language,
    says_no_answer,
)
from .quotes import QUOTE_NOTE, closest_sentences, quoted
from .retrieve import relevant
from .rewrite import Rewrite, standalone_question
from .second_look import second_look
from .sentences import document_sentences
from .services import Services
from .types import Answer, Chunk, Citation, Hit
from .verify import Verified, Verifier

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


def _quote(sentence: str, limit: int = 160) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def _name(chunk: Chunk) -> str:
    """A document as a note names it: versions often share a title, so with its file."""
    return f"{chunk.title} ({chunk.source})"


def _words(sentence: str) -> set[str]:
    return set(re.findall(r"\w{3,}", sentence.lower()))


def older_wording(old: str, new: str, answer: str) -> str:
    """What the older version said where the answer's figure comes from, if it said it otherwise:
    the sentence of `new` holding most of the answer's figures, and the sentence of `old` closest
    to it in words, when their figures differ ("up to 5 unused days" against "up to 8")."""
    wanted = figures(answer)
    holding = [s for s in document_sentences(new) if figures(s) & wanted]
    if not holding:
        return ""
    target = max(holding, key=lambda s: len(figures(s) & wanted))
    near = _words(target)
    best = max(document_sentences(old), key=lambda s: len(_words(s) & near) / (len(_words(s) | near) or 1), default="")
    if not best or len(_words(best) & near) < 3 or not figures(best) or figures(best) == figures(target):
        return ""
    return best


def _notes(p: Plan, language: str, effective: dict[str, str], cited: set[int], answer: str = "") -> str:
    """Faro's own closing notes, numbered after the model's passages (older passages come last).

    A note is about a passage the answer cites (1-based numbers in `cited`): that two versions
    of the leave policy differ says nothing to someone asking about a remote-working form. The
    older-version note quotes what the older one said, where it words the answer's figure otherwise.
    """
    lines = []
    for k, (old, newer) in enumerate(p.older, start=len(p.current) + 1):
        if newer + 1 not in cited:
            continue
        new = p.current[newer].chunk
        note = OLDER_VERSION_NOTE[language].format(
            old_title=old.chunk.title,
            old_source=old.chunk.source,
            old_date=effective.get(old.chunk.source, "?"),
            old_n=k,
            new_title=new.title,
            new_source=new.source,
            new_date=effective.get(new.source, "?"),
            new_n=newer + 1,
        )
        said = older_wording(old.chunk.text, new.text, answer)
        lines.append(note + (OLDER_SAID_NOTE[language].format(said=_quote(said, 200), old_n=k) if said else ""))
    for i in p.stale:
        if i + 1 not in cited:
            continue
        old = p.current[i]
        lines.append(
            STALE_NOTE[language].format(n=i + 1, source=old.superseded_by, date=effective.get(old.superseded_by, "?"))
        )
    for d in p.disagreements:
        if not {d.first + 1, d.second + 1} & cited:
            continue
        a, b = p.current[d.first].chunk, p.current[d.second].chunk
        lines.append(
            DISAGREEMENT_NOTE[language].format(
                a=_name(a),
                a_says=_quote(d.first_says),
                a_n=d.first + 1,
                b=_name(b),
                b_says=_quote(d.second_says),
                b_n=d.second + 1,
            )
        )
    return "\n\n".join(lines)


def _then(text: str, note: str) -> str:
    """`text`, then `note` as a paragraph of its own if there is one."""
    return f"{text}\n\n{note}" if note else text


def _withheld_note(withheld: list[Withheld], language: str) -> str:
    """One line per document whose passages were kept from the model, with the phrase that gave it away."""
    lines: dict[str, str] = {}
    for w in withheld:
        lines.setdefault(
            _name(w.hit.chunk), WITHHELD_NOTE[language].format(name=_name(w.hit.chunk), phrase=_quote(w.phrase, 60))
        )
    return "\n\n".join(lines.values())


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
    return hits, withheld, (plan(passages, question, hits) if passages else None)


def model_passages(
    question: str, services: Services, k: int, filters: Filters | None = None, *, mode: str | None = None
) -> list[Hit]:
    """The passages the model is given for this (standalone) question; `faro eval` scores them."""
    _, _, p = gather(question, services, k, filters, mode=mode)
    return p.current if p is not None else []


class AnswerStream:
    """Iterate for the answer's text as it is generated; `.answer` holds the result afterwards.

    Nothing unchecked is given out: the model's draft is read sentence by sentence as it streams
    (rag/drafting.py), and a finished sentence is given once it passes the check, from the moment
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
        rewrite = self._rewrite()
        # A short follow-up ("¿Y los becarios?") shows its language better once rewritten.
        language = detect_language(rewrite.question if rewrite.how == "model" else self.question)
        rewritten = rewrite.question if rewrite.changed else ""
        if rewrite.how != "unchanged":
            timings["rewrite"] = time.perf_counter() - start
        search_start = time.perf_counter()
        hits, withheld, p = gather(rewrite.question, s, self.k, s.filters_for(self.user, self.filters))
        timings["retrieve"] = time.perf_counter() - search_start
        withheld_note = _withheld_note(withheld, language)

        if p is None:
            # The hard gate: nothing relevant, so no model call and no chance to guess.
            text = _then(ABSTAIN_MESSAGE[language] + _closest_documents(hits, language), withheld_note)
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
            return

        if self.on_found is not None:
            self.on_found(list(p.current))
        generator = s.generator()
        messages = build_messages(
            rewrite.question, p.current, language, [(d.first + 1, d.second + 1) for d in p.disagreements]
        )
        checking = _Checking(s, p, language, rewrite.question, s.filters_for(self.user, self.filters))
        draft = Draft(s.settings.answer_sentences)
        gen_start = time.perf_counter()
        pieces = filter_stream(generator.stream(messages), len(p.current))
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
        if self.on_checking is not None:
            self.on_checking()
        if says_no_answer(text) and not cited_numbers(text):
            answer.abstained, answer.abstained_by = True, "model"
            self._decline(answer, text, p.current, language, withheld_note, checking.verifier)
        else:
            verify_start = time.perf_counter()
            shown = len(p.current)
            checked = checking.final(text)
            timings["verify"] = time.perf_counter() - verify_start + checking.seconds
            answer.unsupported = checked.unsupported
            if not checked.lead_supported:
                # The direct answer (the first statement) failed the check: say so rather than
                # show it; what follows it only explains or quotes.
                answer.abstained, answer.abstained_by = True, "verification"
                self._decline(
                    answer, UNSUPPORTED_MESSAGE[language], p.current[:shown], language, withheld_note, checking.verifier
                )
            else:
                all_passages = p.current + [old for old, _ in p.older]
                effective = {
                    src: eff
                    for src, (_, eff, _) in s.manifest.versions(
                        [h.chunk.source for h in all_passages]
                        + [h.superseded_by for h in all_passages if h.superseded_by]
                    ).items()
                }
                notes = _then(
                    _notes(p, language, effective, set(cited_numbers(checked.text)), checked.text), withheld_note
                ).strip()
                answer.text = _then(checked.text, notes)
                answer.hits = all_passages
                answer.citations = _citations(answer.text, all_passages, checked, notes, p, shown)
        # The rest of the answer: Faro's notes, or all of it. When a later check changed sentences
        # already given, `.revised` says so and `.answer.text` replaces them.
        self.revised = not answer.text.startswith(checking.shown)  # never when nothing was given yet
        rest = "" if self.revised else answer.text[len(checking.shown) :]
        self.shown = checking.shown + rest
        if rest:
            yield rest
        timings["total"] = time.perf_counter() - start
        self.answer = answer

    def _decline(
        self, answer: Answer, message: str, passages: list[Hit], language: str, withheld_note: str, verifier: Verifier
    ) -> None:
        """Decline, and quote what the closest passages do say (verbatim, cited, marked as not an answer)."""
        s = self.services
        quotes = closest_sentences(
            self.question, passages, language, verifier.embed_query, verifier.embed_passages, s.settings.decline_quotes
        )
        body = quoted(quotes, language)
        answer.text = _then(
            _then(message.strip(), body) if body else message + _closest_documents(passages, language), withheld_note
        )
        answer.hits = passages
        spans: dict[int, list[tuple[int, int]]] = {}
        for q in quotes:  # one source per passage quoted, highlighting each sentence taken from it
            spans.setdefault(q.marker, []).extend([q.span] if q.span else [])
        answer.citations = [
            Citation(marker=n, chunk=passages[n - 1].chunk, verified=True, highlights=tuple(sorted(s)), note=QUOTE_NOTE)
            for n, s in sorted(spans.items())
        ]


class _Checking:
    """The check of one draft as it streams (rag/verify.py, then rag/second_look.py for what fails):
    `update` with the finished part of the draft returns the newly checked text to show, once the
    direct answer has passed; `lead` is None until the first statement is read, then whether it passed."""

    def __init__(self, services: Services, p: Plan, language: str, question: str, filters: Filters):
        self.s, self.p, self.language, self.question, self.filters = services, p, language, question, filters
        self.verifier = services.verifier(filters)
        self.named = services.retriever.named(question)
        self.lead: bool | None = None
        self.shown = ""
        self.seconds = 0.0
        self._read = ""

    def _verify(self, text: str) -> Verified:
        return self.verifier.verify(text, self.p.current, self.language, self.question, self.named)

    def _look_again(self, checked: Verified, text: str) -> Verified:
        """Search for each unsupported sentence itself; a passage found that holds it joins the passages."""
        s = self.s
        if not (checked.unsupported and s.settings.verify_search):
            return checked
        found = second_look(
            checked,
            lambda said: s.retriever.search(said, s.settings.verify_search, self.filters),
            self.verifier,
            self.language,
            self.question,
            self.p.current + [o for o, _ in self.p.older],
            s.min_score,
        )
        found = [h for h in found if not self.named or h.chunk.source in self.named]
        if not found:
            return checked
        self.p.current.extend(found)  # numbered after the model's passages; its own markers keep their meaning
        return self._verify(text)

    def update(self, finished: str) -> str:
        if not finished or finished == self._read:
            return ""
        begin = time.perf_counter()
        self._read = finished
        checked = self._verify(finished)
        lead = next((x for x in checked.sentences if x.claims), None)
        if lead is not None and not lead.supported and self.lead is None:
            checked = self._look_again(checked, finished)
            lead = next((x for x in checked.sentences if x.claims), None)
        if lead is not None and self.lead is None:
            self.lead = lead.supported
        self.seconds += time.perf_counter() - begin
        if not self.lead or not checked.text.startswith(self.shown):
            return ""
        new, self.shown = checked.text[len(self.shown) :], checked.text
        return new

    def final(self, text: str) -> Verified:
        """The whole draft checked, with a second look for every sentence that failed."""
        checked = self._verify(text)
        return self._look_again(checked, text)


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
