"""Follow-up questions: rewrite "And for part-time staff?" into a question retrieval can search for.

Retrieval sees one question, not the chat, so a follow-up that leans on earlier turns finds
nothing ("part-time staff" of what?). `standalone_question()` asks the generator to restate it
from the chat history, checks what comes back, and falls back to a deterministic join of the
previous question and the follow-up whenever the model is unavailable or its output is unusable.
The caller searches for `Rewrite.question` and may show it on demand when `Rewrite.changed`.

In "auto" mode only questions that `looks_like_follow_up()` (rag/search/follow_up.py) cost a model
call (on the embedded model, prompt plus a one-line answer is a few seconds on CPU). The heuristic
is tuned to leave standalone questions alone: its misses cost an answer, its false alarms only a
model call that is told to return a standalone question unchanged. Mode "always" trades latency
for the misses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rag.answer.citations import MARKER
from rag.answer.prompt import DECLINES
from rag.errors import FaroError
from rag.lexicon import both, en
from rag.models.generator import Generator, Message
from rag.search.follow_up import looks_like_follow_up, tokens
from rag.text.language import detect_language

How = Literal["unchanged", "model", "fallback"]
MODES = ("auto", "always", "off")

REWRITE_PROMPT = (
    "You rewrite the last question of a conversation about company policies so that it can be "
    "understood without the conversation. Replace words like 'it', 'that' or 'they' with what they "
    "refer to, and keep every name, number and term the user wrote. Never answer the question. "
    "If the question is already complete on its own, repeat it unchanged. "
    "Output only the rewritten question, on one line."
)

_MIN_LIMIT, _MAX_CHARS = 100, 400  # bounds on what is read of the model's output, in characters
_ANSWER_CHARS = 300  # the part of the last answer the prompt quotes


@dataclass(frozen=True)
class Rewrite:
    """The question to search for, and how it was obtained from what the user typed."""

    question: str  # what to search for
    how: How  # "unchanged" | "model" | "fallback"
    original: str = ""  # what the user typed
    note: str = ""  # why the model's rewrite was not used, for logs and the curious

    @property
    def changed(self) -> bool:
        """True when retrieval searches for something other than what the user typed."""
        return self.how != "unchanged" and self.question != self.original


# "Standalone question:", "**Rewritten question:**", "Here is the standalone question:", "Pregunta:"
_LABEL = re.compile(
    r"^[^:：?¿\n]{0,40}\b(?:question|pregunta|rewrite|rewritten|output)\b[^:：?¿\n]{0,30}[:：]\s*", re.IGNORECASE
)
_QUOTES = " \t\"'“”‘’«»`*"
# A reply rather than a question: "Yes, …", "No.", "Sure:".
_YES_NO = re.compile(r"^(?:" + "|".join(both("YES_NO") + both("REPLY_WORDS")) + r")\s*[,.!:;]", re.IGNORECASE)


def _content(message: Message) -> str:
    return str(message.get("content") or "").strip()


def _user_questions(history: list[Message]) -> list[str]:
    return [_content(m) for m in history if m.get("role") == "user" and _content(m)]


def _trimmed_answer(text: str) -> str:
    """The answer's first paragraph without citation markers, cut to _ANSWER_CHARS at a word."""
    first = re.sub(r"\s*" + MARKER.pattern, "", text.strip()).split("\n\n", 1)[0].strip()
    if len(first) <= _ANSWER_CHARS:
        return first
    return first[:_ANSWER_CHARS].rsplit(" ", 1)[0] + " …"


def rewrite_messages(question: str, history: list[Message], language: str, max_turns: int = 3) -> list[Message]:
    """The chat messages asking for a standalone version of `question`, given the chat so far."""
    asked = [i for i, m in enumerate(history) if m.get("role") == "user" and _content(m)]
    keep = set(asked[-max(1, max_turns) :])
    answered = [i for i, m in enumerate(history) if m.get("role") == "assistant"]
    last_answer = answered[-1] if answered else None
    lines = []
    for i, m in enumerate(history):
        content = _content(m)
        if i in keep:
            lines.append(f"User: {content}")
        elif i == last_answer and content and not content.startswith(DECLINES):
            # A decline names no topic of its own; the last real answer often holds what "it" refers to.
            lines.append(f"Assistant: {_trimmed_answer(content)}")
    lang_name = "Spanish" if language == "es" else "English"
    user = (
        "Conversation:\n" + "\n".join(lines) + f"\n\nFollow-up question: {question}\n\n"
        f"Rewrite the follow-up question as one standalone question in {lang_name}. "
        "Do not answer it. Write only the question."
    )
    return [{"role": "system", "content": REWRITE_PROMPT}, {"role": "user", "content": user}]


def _first_line(text: str) -> str:
    for line in text.strip().splitlines():
        line = _LABEL.sub("", line.strip().lstrip("-*>• ")).strip(_QUOTES)
        if line:
            return " ".join(line.split())
    return ""


def _read(generator: Generator, messages: list[Message], limit: int) -> tuple[str, bool]:
    """The model's output up to its first complete line, and whether it ran past `limit` characters first.

    The Generator protocol has no max_tokens of its own, so the stream is closed early instead:
    that ends an Ollama request and frees the embedded model for the answer that follows.
    """
    stream = generator.stream(messages)
    text = ""
    try:
        for piece in stream:
            text += piece
            head, newline, _ = text.lstrip().partition("\n")
            if newline and _first_line(head):
                return text, False
            if len(text) > limit:
                return text, True
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()
    return text, False


def _problem(candidate: str, cut: bool, language: str, asked: list[str], limit: int) -> str:
    """Why the model's candidate cannot be searched for; '' when it can."""
    if not re.search(r"[^\W\d_]", candidate):
        return "the model's output was empty"
    if cut or len(candidate) > limit:
        return f"the model's output was longer than {limit} characters"
    if MARKER.search(candidate) or _YES_NO.match(candidate):
        return "the model answered instead of rewriting"
    first_word = candidate.split()[0].lower()
    if not candidate.endswith("?") and (language == "es" or first_word not in en.QUESTION_STARTS):
        return "the model's output is not a question"
    question = asked[-1].casefold()
    if any(candidate.casefold() == q.casefold() != question for q in asked[:-1]):
        return "the model repeated an earlier question"
    if candidate.casefold() == question and looks_like_follow_up(asked[-1]):
        return "the model returned the follow-up unchanged"
    if detect_language(candidate) != language:
        return f"the model did not write in {'Spanish' if language == 'es' else 'English'}"
    return ""


def _language(question: str, earlier: list[str]) -> str:
    """The follow-up's language; one too short to show it ("Becarios?") takes the conversation's."""
    language = detect_language(question)
    if language == "en" and earlier and not en.LANGUAGE_MARKERS & {w.lower() for w in tokens(question)}:
        return detect_language(earlier[-1])
    return language


def standalone_question(
    question: str, history: list[Message], generator: Generator | None, *, mode: str = "auto", max_turns: int = 3
) -> Rewrite:
    """The question to search for: `question` itself, the model's standalone rewrite, or a fallback.

    `history` is the chat before this question, [{"role": "user"|"assistant", "content": ...}];
    a last user message equal to `question` (the page appended it already) is ignored.
    """
    if mode not in MODES:
        raise ValueError(f"Unknown rewrite mode {mode!r}: use one of {', '.join(MODES)}.")
    question = question.strip()
    history = list(history)
    if history and history[-1].get("role") == "user" and _content(history[-1]) == question:
        history.pop()
    earlier = _user_questions(history)
    wanted = mode == "always" or (mode == "auto" and looks_like_follow_up(question))
    if not question or not earlier or not wanted:
        return Rewrite(question, "unchanged", question)

    asked = earlier[-max(1, max_turns) :] + [question]
    limit = min(_MAX_CHARS, max(_MIN_LIMIT, 3 * max(map(len, asked))))
    language = _language(question, earlier)
    try:
        if generator is None:  # none could be started: the fallback still carries the topic
            raise FaroError("no generator is available")
        output, cut = _read(generator, rewrite_messages(question, history, language, max_turns), limit)
        candidate = _first_line(output)
        problem = _problem(candidate, cut, language, asked, limit)
    except FaroError as exc:  # GeneratorUnavailable and kin: the server's problem, not the user's
        problem = str(exc)
    if not problem:
        return Rewrite(candidate, "model", question)
    # Both questions together still retrieve well: the earlier one brings the topic.
    return Rewrite(f"{earlier[-1]} {question}", "fallback", question, note=problem)
