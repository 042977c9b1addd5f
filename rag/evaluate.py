"""`faro eval`: how well the current index finds (and, with answers, cites) what questions need.

A questions file has one JSON object per line:

    {"id": "q01", "question": "...", "expected_sources": [{"source": "hr/leave.pdf", "page": 2}],
     "answerable": true, "language": "en", "kind": ["paraphrase"]}

`language` is detected when absent; `kind` tags (paraphrase, exact, cross-language, …) get their
own breakdown. Retrieval is scored on answerable questions at the document level (hit@n: an
expected source among the first n passages; MRR over the first 10) and, where pages are given,
by page (recall@k: the share of expected pages among the first k passages). Unanswerable questions
score the relevance gate: how often Faro abstains without calling the generator.

A document hit is not yet an answer: the model reads passages. Two optional fields score the
passage itself (rag/passages.py says how):

    "evidence_segments": ["the paragraph that answers", ...]   -> evidence hit@n
    "tokens": ["3 months"]                                      -> token hit@n

and both are scored again on exactly the passages the model is given (FARO_TOP_K of them, after
the relevance gate, the injection screen and current-version planning).
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .citations import cited_numbers
from .errors import FaroError
from .language import detect_language
from .passages import RIGHT_SHARE, answer_tokens, holds_tokens, overlaps_evidence, token_share
from .retrieve import relevant
from .textfiles import read_text
from .types import Hit

DEPTH = 10  # passages retrieved per question: enough for hit@10 and MRR@10
CUTS = (1, 3, 5, 10)


@dataclass
class Question:
    id: str
    question: str
    expected: list[dict]
    answerable: bool
    language: str
    kinds: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # paragraphs that answer it
    tokens: list[str] = field(default_factory=list)  # what a right answer contains, yes/no left out
    answer_tokens: list[str] = field(default_factory=list)  # the same with yes/no: what an answer is scored by

    @property
    def sources(self) -> set[str]:
        return {e["source"] for e in self.expected}

    @property
    def pages(self) -> set[tuple[str, int]]:
        return {(e["source"], int(e["page"])) for e in self.expected if e.get("page")}


def load_questions(path: Path) -> list[Question]:
    """Read and check a questions file; a bad line is an error naming its line number."""
    out = []
    try:
        lines = read_text(path, "the questions file").splitlines()
    except OSError as exc:
        raise FaroError(f"{path}: cannot read the questions file ({exc.strerror or exc})") from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            answerable = bool(obj.get("answerable", True))
            listed = obj.get("expected_sources", [])
            if not isinstance(listed, list):  # a bare string would be read letter by letter and score 0
                raise ValueError("expected_sources must be a list of paths or {source, page} objects")
            expected = [e if isinstance(e, dict) else {"source": e} for e in listed]
            if answerable and not expected:
                raise ValueError("an answerable question needs expected_sources")
            kinds = obj.get("kind", [])
            evidence, tokens = obj.get("evidence_segments", []), obj.get("tokens", [])
            if not (isinstance(evidence, list) and all(isinstance(e, str) for e in evidence)):
                raise ValueError("evidence_segments must be a list of paragraphs")
            if not (isinstance(tokens, list) and all(isinstance(t, str) for t in tokens)):
                raise ValueError("tokens must be a list of strings")
            out.append(
                Question(
                    id=str(obj.get("id", n)),
                    question=obj["question"],
                    expected=expected,
                    answerable=answerable,
                    language=obj.get("language") or detect_language(obj["question"]),
                    kinds=[kinds] if isinstance(kinds, str) else list(kinds),
                    evidence=[e for e in evidence if e.strip()],
                    tokens=answer_tokens(tokens),
                    answer_tokens=[t for t in tokens if t.strip()],
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise FaroError(f"{path}:{n}: not a question line ({exc})") from exc
    if not out:
        raise FaroError(f"{path}: no questions")
    return out


def first_rank(hits: list[Hit], sources: set[str]) -> int | None:
    """1-based rank of the first passage from an expected source (a folded duplicate counts too)."""
    for i, h in enumerate(hits, start=1):
        if h.chunk.source in sources or sources.intersection(h.duplicates):
            return i
    return None


def passage_rank(hits: list[Hit], q: Question, how: str) -> int | None:
    """1-based rank of the first passage of an expected document that answers: it overlaps an
    evidence paragraph (how="evidence") or holds every answer token (how="tokens")."""
    for i, h in enumerate(hits, start=1):
        if h.chunk.source not in q.sources:
            continue
        if how == "evidence" and any(overlaps_evidence(h.chunk.text, e) for e in q.evidence):
            return i
        if how == "tokens" and holds_tokens(h.chunk.text, q.tokens):
            return i
    return None


def page_recall(hits: list[Hit], pages: set[tuple[str, int]]) -> float | None:
    """Share of the expected (source, page) pairs that the passages cover."""
    if not pages:
        return None
    found = set()
    for h in hits:
        c = h.chunk
        if c.page:
            for p in range(c.page, (c.page_end or c.page) + 1):
                found.add((c.source, p))
    return len(pages & found) / len(pages)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[index]


def _mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 4) if values else None


def _retrieval_summary(rows: list[dict], k: int) -> dict:
    answerable = [r for r in rows if r["answerable"]]
    ranks = [r["first_rank"] for r in answerable]
    out = {"questions": len(answerable)}
    for cut in CUTS:
        out[f"hit@{cut}"] = _mean([1.0 if r is not None and r <= cut else 0.0 for r in ranks])
    out["mrr"] = _mean([1.0 / r if r else 0.0 for r in ranks])
    for how in ("evidence", "tokens"):
        scored = [r for r in answerable if r.get(f"{how}_rank", False) is not False]
        name = "token" if how == "tokens" else how
        if not scored:
            continue
        out[f"{name}_questions"] = len(scored)
        for cut in CUTS:
            out[f"{name}_hit@{cut}"] = _mean(
                [1.0 if r[f"{how}_rank"] and r[f"{how}_rank"] <= cut else 0.0 for r in scored]
            )
        out[f"{name}_in_model_passages"] = _mean([1.0 if r[f"model_{how}"] else 0.0 for r in scored])
    recalls = [r["page_recall"] for r in answerable if r["page_recall"] is not None]
    out[f"page_recall@{k}"] = _mean(recalls)
    out["false_abstention"] = _mean([1.0 if r["gate_abstains"] else 0.0 for r in answerable])
    unanswerable = [r for r in rows if not r["answerable"]]
    out["unanswerable"] = len(unanswerable)
    out["abstention_on_unanswerable"] = _mean([1.0 if r["gate_abstains"] else 0.0 for r in unanswerable])
    latencies = [r["latency_ms"] for r in rows]
    out["latency_ms_p50"] = round(percentile(latencies, 50), 1)
    out["latency_ms_p95"] = round(percentile(latencies, 95), 1)
    return out


def _breakdown(rows: list[dict], key, k: int) -> dict:
    groups: dict[str, list[dict]] = {}
    for r in rows:
        for g in key(r):
            groups.setdefault(g, []).append(r)
    return {g: _retrieval_summary(rs, k) for g, rs in sorted(groups.items())}


def evaluate(
    services,
    questions: list[Question],
    *,
    k: int = 5,
    modes: tuple[str, ...] = ("hybrid",),
    answers: bool = False,
    rows_path: Path | None = None,
    replay: dict[str, list[tuple[str, str]]] | None = None,
) -> dict:
    """Run every question through retrieval in each mode (and optionally the generator); the report."""
    from .answer import model_passages

    retriever = services.retriever
    min_score = services.min_score
    rows: list[dict] = []
    top_k = services.settings.top_k
    report: dict = {
        "questions": len(questions),
        "k": k,
        "top_k": top_k,
        "embed_model": services.embedder.name,
        "min_score": min_score,
        "index_chunks": services.store.count(),
        "modes": {},
    }
    retriever.search("warm up", 1)  # load the model before the clock runs
    for mode in modes:
        mode_rows = []
        for q in questions:
            start = time.perf_counter()
            hits = retriever.search(q.question, max(DEPTH, k), mode=mode)
            ms = (time.perf_counter() - start) * 1000
            top = hits[:k]
            row = {
                "mode": mode,
                "id": q.id,
                "question": q.question,
                "language": q.language,
                "kinds": q.kinds,
                "answerable": q.answerable,
                "first_rank": first_rank(hits, q.sources) if q.answerable else None,
                "page_recall": page_recall(top, q.pages),
                "gate_abstains": not relevant(top, min_score),
                "latency_ms": round(ms, 1),
                "expected": sorted(q.sources),
                "top": [
                    {"source": h.chunk.source, "page": h.chunk.page, "score": round(h.score, 3), "exact": h.exact}
                    for h in top
                ],
            }
            if q.answerable and (q.evidence or q.tokens):
                given = model_passages(q.question, services, top_k, mode=mode)
                for how, wanted in (("evidence", q.evidence), ("tokens", q.tokens)):
                    if wanted:
                        row[f"{how}_rank"] = passage_rank(hits, q, how)
                        row[f"model_{how}"] = passage_rank(given, q, how) is not None
            mode_rows.append(row)
        summary = _retrieval_summary(mode_rows, k)
        summary["by_language"] = _breakdown(mode_rows, lambda r: [r["language"]], k)
        summary["by_kind"] = _breakdown(mode_rows, lambda r: r["kinds"], k)
        report["modes"][mode] = summary
        rows.extend(mode_rows)
    if answers and replay is None:
        report["answers"] = _answers(services, [(q, None) for q in questions], k, rows)
    elif answers:
        by_id = {q.id: q for q in questions}
        kinds = {
            kind: _answers(services, [(by_id[i], d) for i, d in drafts if i in by_id], k, rows, kind)
            for kind, drafts in replay.items()
        }
        if list(kinds) == ["recorded"]:
            report["answers"] = kinds["recorded"]
        else:
            report["drafts"] = kinds
    if rows_path is not None:
        rows_path.parent.mkdir(parents=True, exist_ok=True)
        with rows_path.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        report["rows_file"] = str(rows_path)
    return report


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


def _answers(services, runs: list[tuple[Question, str | None]], k: int, rows: list[dict], kind: str = "") -> dict:
    """Answer each question: citation precision before and after verification, abstention by
    each layer (retrieval gate, model, verification), answer latency. A question paired with a
    draft gets that draft instead of the model's (`kind` names such drafts in the rows)."""
    from .answer import answer_question

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
        "abstention_on_unanswerable": _mean(abstain_unanswerable),
        # scored on what the reader sees: right = holds RIGHT_SHARE of the answer tokens (a decline is not right);
        # shown but wrong = of the answers shown to questions that can be scored, wrong or to an unanswerable one
        "right_answers": _mean(right),
        "right_scored": len(right),
        "shown_but_wrong": _mean(shown_wrong),
        "shown_scored": len(shown_wrong),
        "false_abstention": _mean(abstain_answerable),
        "abstained_by": layers,
        # per question language: how many, and the share declined, answerable and not
        "declined_by_language": {
            lang: {f"{group}_declined": _mean(v) for group, v in groups.items()}
            | {"questions": sum(len(v) for v in groups.values())}
            for lang, groups in sorted(declined.items())
        },
        # declined, or shown with a sentence marked unsupported: the reader is warned either way
        "declined_or_flagged_answerable": _mean(flagged["answerable"]),
        "declined_or_flagged_unanswerable": _mean(flagged["unanswerable"]),
        "seconds_p50": round(percentile(seconds, 50), 2),
        "seconds_p95": round(percentile(seconds, 95), 2),
        "first_token_p50": round(percentile(first_token, 50), 2),
        "verify_ms_p50": round(percentile(verify_ms, 50), 1),
        "verify_ms_p95": round(percentile(verify_ms, 95), 1),
    }


def format_report(report: dict) -> str:
    """The report as a person reads it: one line per mode, then the breakdowns."""
    k = report["k"]
    cols = [
        "hit@1",
        "hit@3",
        "hit@5",
        "hit@10",
        "mrr",
        f"page_recall@{k}",
        "false_abstention",
        "abstention_on_unanswerable",
        "latency_ms_p50",
        "latency_ms_p95",
    ]
    short = ["hit@1", "hit@3", "hit@5", "hit@10", "MRR", f"pages@{k}", "false-abst", "abst-unans", "p50 ms", "p95 ms"]

    def fmt(v):
        return "-" if v is None else (f"{v:.3f}" if isinstance(v, float) and v <= 1 else f"{v}")

    lines = [
        f"{report['questions']} questions, index of {report['index_chunks']} chunks, "
        f"embedding model {report['embed_model']}, relevance floor {report['min_score']}, k={k}",
        "",
    ]
    lines.append(f"{'':22}" + "".join(f"{c:>11}" for c in short))
    for mode, m in report["modes"].items():
        lines.append(f"{mode:22}" + "".join(f"{fmt(m.get(c)):>11}" for c in cols))
        for group in ("by_language", "by_kind"):
            for name, g in m[group].items():
                if g["questions"]:
                    label = f"  {name} ({g['questions']})"
                    lines.append(f"{label:22}" + "".join(f"{fmt(g.get(c)):>11}" for c in cols[:7]))
    for mode, m in report["modes"].items():
        for name, what in (("evidence", "an evidence paragraph"), ("token", "every answer token")):
            if f"{name}_questions" in m:
                lines += [
                    "",
                    f"{mode}: a passage of the right document holding {what} "
                    f"({m[f'{name}_questions']} questions): "
                    + ", ".join(f"@{c} {fmt(m[f'{name}_hit@{c}'])}" for c in CUTS)
                    + f"; in the {report['top_k']} passages the model is given {fmt(m[f'{name}_in_model_passages'])}",
                ]
    if "answers" in report:
        a = report["answers"]
        lines += [
            "",
            f"answers by {a['generator']}: citation precision {fmt(a['citation_precision'])} "
            f"({a['citations']} verified citations, {a['citations_found_by_search']} found by a sentence's search; "
            f"{fmt(a['citation_precision_before_verification'])} before "
            f"verification), {a['unsupported_sentences']} unsupported sentences, "
            f"abstention on unanswerable {fmt(a['abstention_on_unanswerable'])}, "
            f"false abstention {fmt(a['false_abstention'])} (by layer: {a['abstained_by']}), "
            f"seconds p50 {a['seconds_p50']} p95 {a['seconds_p95']}",
            f"right answers {fmt(a['right_answers'])} (of {a['right_scored']} questions with answer tokens), "
            f"shown but wrong {fmt(a['shown_but_wrong'])} (of {a['shown_scored']} answers shown that can be scored)",
        ]
    for kind, a in report.get("drafts", {}).items():
        lines += [
            "",
            f"{a['questions']} {kind!r} drafts: answerable questions declined {fmt(a['false_abstention'])}, "
            f"declined or flagged {fmt(a['declined_or_flagged_answerable'])}; unanswerable declined "
            f"{fmt(a['abstention_on_unanswerable'])}, "
            f"declined or flagged {fmt(a['declined_or_flagged_unanswerable'])}; "
            f"citation precision {fmt(a['citation_precision'])} ({a['citations']} verified citations, "
            f"{a['citations_found_by_search']} found by a sentence's search); right answers "
            f"{fmt(a['right_answers'])}, shown but wrong {fmt(a['shown_but_wrong'])}; by layer: {a['abstained_by']}",
        ]
    if "rows_file" in report:
        lines += ["", f"per-question rows: {report['rows_file']}"]
    return "\n".join(lines)
