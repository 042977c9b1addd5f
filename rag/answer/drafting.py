"""Reading the model's draft while it streams: which sentences are finished, and when to stop it.

A small model sometimes loops ("This policy can be accumulated…" fifteen times), runs past the
one to three sentences it was asked for, or is cut off by its token limit mid-sentence. The
draft is read sentence by sentence as it arrives:
- a sentence is finished once the next one has begun (its markers, which follow the stop, are
  then known); only finished sentences are checked and shown (rag/answer/stream.py);
- generation stops when a sentence comes again (a loop), when the sentence budget is spent, or
  when one sentence runs on far longer than any answer's sentence does;
- what was cut off mid-sentence is dropped from the final draft, unless it is all there is. A
  sentence is cut off when it lacks its stop, or when the server says its token limit ended the
  answer: "Days not taken are lost, as set out in art." ends in a stop and is half a sentence, as
  does "According to W. K. Pritchett and B.".
"""

from __future__ import annotations

import re
from collections.abc import Generator

from rag.answer.citations import MARKER
from rag.answer.sentences import ends_in_a_name_initial, split_sentences

MAX_SENTENCE_CHARS = 700  # no answer's sentence is this long: the model is rambling or looping
_END = re.compile(r"(?:[.!?…:)»\"”']|\[\d[\d,; ]*\])\s*$")


def _key(sentence: str) -> str:
    """A sentence as a loop repeats it: markers, case and punctuation aside."""
    return " ".join(re.sub(r"[^\w]+", " ", MARKER.sub("", sentence).casefold()).split())


class Draft:
    """The draft so far, read as sentences. `add` each piece; `stop` says why generation should end."""

    def __init__(self, max_sentences: int):
        self.max_sentences = max_sentences
        self.text = ""
        self.stop: str | None = None  # "loop", "length" or "rambling" once the model should stop
        self.cut = False  # the model's token limit ended the draft (the server said so)

    def reading(self, stream: Generator[str, None, str | None]) -> Generator[str, None, None]:
        """The model's pieces as they come; once they end, whether its token limit cut the draft."""
        self.cut = (yield from stream) == "length"

    def add(self, piece: str) -> None:
        self.text += piece
        parts = split_sentences(self.text)
        finished = [p for p in parts[:-1] if p[0]]
        keys = [_key(body) for body, *_ in finished]
        if len(set(keys)) < len(keys):
            self.stop = "loop"
        elif len(finished) >= self.max_sentences:
            self.stop = "length"
        elif len(parts[-1][2]) > MAX_SENTENCE_CHARS:
            self.stop = "rambling"

    def finished(self) -> str:
        """The draft up to the end of its last finished sentence, markers included."""
        parts = split_sentences(self.text)
        return "".join(raw + sep for _, _, raw, sep in parts[:-1]).rstrip()

    def final(self) -> str:
        """The whole draft as an answer: a last sentence cut off mid-way (or by the token limit) is
        dropped when there is a finished one before it, as is a sentence repeated by a loop or past
        the budget."""
        parts = split_sentences(self.text.strip())
        kept: list[str] = []
        seen: set[str] = set()
        for i, (body, _, raw, sep) in enumerate(parts):
            last = i == len(parts) - 1
            if (last and kept) and (
                self.stop is not None or self.cut or not _END.search(raw) or ends_in_a_name_initial(raw)
            ):
                break
            key = _key(body)
            if key and key in seen:
                continue
            seen.add(key)
            if len(seen) > self.max_sentences:
                break
            kept.append(raw + ("" if last else sep))
        return "".join(kept).strip()
