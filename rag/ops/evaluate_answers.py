"""`faro eval --answers`: each question answered, or a recorded draft replayed in the model's
place, and scored: citation precision before and after verification, abstention by each layer,
right answers, latency.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from rag.answer.citations import cited_numbers
from rag.errors import FaroError
from rag.ops.eval_questions import Question
from rag.ops.eval_stats import mean, percentile
from rag.ops.passages import RIGHT_SHARE, token_share
from rag.text.textfiles import read_text


class Recorded:
    """A generator that gives back a draft recorded by an earlier run: replaying drafts measures
    Faro's own layers (gate, versions, verification) on fixed model output, free of the model's luck."""

    def __init__(self, draft: str, name: str = "recorded drafts"):
        self.draft, self.name = draft, name

    def stream(self, messages) -> Iterator[str]:
        yield self.draft

    def check(self) -> None:
        return None


def load_drafts(path: Path) -> dict[str, list[tuple[str, str]]]:
    """kind -> [(question id, draft)]. Either the rows of an earlier `--answers` run (each
    answer's draft, kind "recorded"), or drafts written by hand, one JSON object per line with id,
    kind and draft: sample_corpus/reference_drafts.jsonl holds a "correct" and a "wrong" draft for
    each answerable question and "invented" ones for each unanswerable question."""
    drafts: dict[str, list[tuple[str, str]]] = {}
    try:
        text = read_text(path, "the drafts file")
    except OSError as exc:
        raise FaroError(f"{path}: cannot read the drafts file ({exc.strerror or exc})") from exc
    for n, line in enumerate(text.splitlines(), start=1):
        try:
            row = json.loads(line) if line.strip() else {}
        except ValueError as exc:
            raise FaroError(f"{path}:{n}: not JSON ({exc})") from exc
        if not isinstance(row, dict):
            raise FaroError(f"{path}:{n}: each line must be a JSON object")
        if "draft" in row and row.get("mode", "answer") == "answer":
            if not isinstance(row.get("id"), str) or not isinstance(row["draft"], str):
                raise FaroError(f"{path}:{n}: a draft needs a question id and its text")
            drafts.setdefault(row.get("kind") or "recorded", []).append((row["id"], row["draft"]))
    if not drafts:
        raise FaroError(
            f"{path} holds no drafts: it must be the rows file of an `--answers` run, or lines of id, kind and draft"
        )
    return dict(sorted(drafts.items()))


def score_answers(services, runs: list[tuple[Question, str | None]], k: int, rows: list[dict], kind: str = "") -> dict:
    """Answer each question: citation precision before and after verification, abstention by
    each layer (retrieval gate, model, verification), answer latency. A question paired with a
    draft gets that draft instead of the model's (`kind` names such drafts in the rows)."""
    from rag.answer.stream import answer_question

    cited = cited_right = drafted = drafted_right = unsupported = found = 0
    abstain_unanswerable, abstain_answerable, seconds, first_token, verify_ms = [], [], [], [], []
    flagged = {"answerable": [], "unanswerable": []}
    layers = {"answerable": {}, "unanswerable": {}}
    declined: dict[str, dict[str, list[float]]] = {}  # language -> answerable/unanswerable -> 1.0 if declined
    right: list[float] = []  # answerable questions with tokens: the answer holds RIGHT_SHARE of them
    shown_wrong: list[float] = []  # answers shown (checked) to scored questions: wrong or to an unanswerable one
    for q, draft in runs:
        asked = services if draft is None else services.with_generator(Recorded(draft))
        answer = answer_question(q.question, asked, k)
        seconds.append(answer.timings.get("total", 0.0))
        if "first_token" in answer.timings:
            first_token.append(answer.timings["first_token"])
        if "verify" in answer.timings:
            verify_ms.append(answer.timings["verify"] * 1000)
        # Faro's own notes cite older versions and disagreeing documents on purpose: not scored here.
        kept = [c.chunk.source for c in answer.citations if c.verified and not c.note]
        model = [answer.hits[n - 1].chunk.source for n in cited_numbers(answer.draft) if 1 <= n <= len(answer.hits)]
        group = "answerable" if q.answerable else "unanswerable"
        # What the reader is shown as the answer: the checked text before Faro's notes.
        said = answer.text.split("\n\n")[0]
        is_right = None
        if q.answerable and q.answer_tokens:
            is_right = not answer.abstained and token_share(said, q.answer_tokens) >= RIGHT_SHARE
            right.append(1.0 if is_right else 0.0)
        if not answer.abstained and (not q.answerable or is_right is not None):
            shown_wrong.append(0.0 if is_right else 1.0)
        if answer.abstained:
            layers[group][answer.abstained_by] = layers[group].get(answer.abstained_by, 0) + 1
        flagged[group].append(1.0 if answer.abstained or answer.unsupported else 0.0)
        declined.setdefault(q.language, {}).setdefault(group, []).append(1.0 if answer.abstained else 0.0)
        if q.answerable:
            abstain_answerable.append(1.0 if answer.abstained else 0.0)
            cited += len(kept)
            found += sum(1 for c in answer.citations if c.found and c.verified)
            cited_right += sum(1 for s in kept if s in q.sources)
            drafted += len(model)
            drafted_right += sum(1 for s in model if s in q.sources)
            unsupported += len(answer.unsupported)
        else:
            abstain_unanswerable.append(1.0 if answer.abstained else 0.0)
        rows.append(
            {
                "mode": "answer",
                "id": q.id,
                **({"kind": kind} if kind else {}),
                "question": q.question,
                "answerable": q.answerable,
                "answer": answer.text,
                "draft": answer.draft,
                "abstained": answer.abstained,
                "abstained_by": answer.abstained_by,
                "citations": [c.to_json() | {"text": None} for c in answer.citations],
                "unsupported": answer.unsupported,
                "expected": sorted(q.sources),
                **({"right": is_right} if is_right is not None else {}),
                "seconds": round(answer.timings.get("total", 0.0), 2),
            }
        )
    return {
        "generator": services.generator().name if not kind else Recorded("").name,
        "questions": len(runs),
        "citation_precision": round(cited_right / cited, 4) if cited else None,
        "citations": cited,
        "citations_found_by_search": found,  # passages the model did not read, found by an answer's sentence
        "citation_precision_before_verification": round(drafted_right / drafted, 4) if drafted else None,
        "unsupported_sentences": unsupported,
        "abstention_on_unanswerable": mean(abstain_unanswerable),
        # scored on what the reader sees: right = holds RIGHT_SHARE of the answer tokens (a decline is not right);
        # shown but wrong = of the answers shown to questions that can be scored, wrong or to an unanswerable one
        "right_answers": mean(right),
        "right_scored": len(right),
        "shown_but_wrong": mean(shown_wrong),
        "shown_scored": len(shown_wrong),
        "false_abstention": mean(abstain_answerable),
        "abstained_by": layers,
        # per question language: how many, and the share declined, answerable and not
        "declined_by_language": {
            lang: {f"{group}_declined": mean(v) for group, v in groups.items()}
            | {"questions": sum(len(v) for v in groups.values())}
            for lang, groups in sorted(declined.items())
        },
        # declined, or shown with a sentence marked unsupported: the reader is warned either way
        "declined_or_flagged_answerable": mean(flagged["answerable"]),
        "declined_or_flagged_unanswerable": mean(flagged["unanswerable"]),
        "seconds_p50": round(percentile(seconds, 50), 2),
        "seconds_p95": round(percentile(seconds, 95), 2),
        "first_token_p50": round(percentile(first_token, 50), 2),
        "verify_ms_p50": round(percentile(verify_ms, 50), 1),
        "verify_ms_p95": round(percentile(verify_ms, 95), 1),
    }
