"""The check of a draft while the model writes it: each finished part checked against its
passages (rag/answer/verify.py), a second search for a sentence that fails (rag/answer/second_look.py), and
the checked text that may be shown, once the direct answer has passed.
"""

from __future__ import annotations

import time

from rag.answer.conflicts import Plan
from rag.answer.second_look import second_look
from rag.answer.verify import Verified
from rag.index.filters import Filters
from rag.services import Services


class Checking:
    """The check of one draft as it streams (rag/answer/verify.py, then rag/answer/second_look.py for what fails):
    `update` with the finished part of the draft returns the newly checked text to show, once the
    direct answer has passed; `lead` is None until the first statement is read, then whether it passed."""

    def __init__(self, services: Services, p: Plan, language: str, question: str, filters: Filters):
        self.s, self.p, self.language, self.question, self.filters = services, p, language, question, filters
        self.verifier = services.verifier(filters)
        # Held to the documents the question names as documents ("the Travel Policy"); a title that
        # names a subject ("Paddington Bear") steered the search but may be answered from elsewhere.
        self.named = services.retriever.named(question, as_document=True)
        self.lead: bool | None = None
        self.shown = ""
        self.seconds = 0.0
        self._read = ""

    def _verify(self, text: str, complete: bool = True) -> Verified:
        return self.verifier.verify(text, self.p.current, self.language, self.question, self.named, complete)

    def _look_again(self, checked: Verified, text: str, complete: bool = True) -> Verified:
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
        return self._verify(text, complete)

    def update(self, finished: str) -> str:
        if not finished or finished == self._read:
            return ""
        begin = time.perf_counter()
        self._read = finished
        checked = self._verify(finished, complete=False)
        lead = next((x for x in checked.sentences if x.claims), None)
        if lead is not None and not lead.supported and self.lead is None:
            checked = self._look_again(checked, finished, complete=False)
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
