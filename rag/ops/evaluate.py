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
passage itself (rag/ops/passages.py says how):

    "evidence_segments": ["the paragraph that answers", ...]   -> evidence hit@n
    "tokens": ["3 months"]                                      -> token hit@n

and both are scored again on exactly the passages the model is given (FARO_TOP_K of them, after
the relevance gate, the injection screen and current-version planning).

The questions file is read in rag/ops/eval_questions.py, and answers are scored in rag/ops/evaluate_answers.py.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from rag.ops.eval_questions import Question
from rag.ops.eval_stats import mean, percentile
from rag.ops.evaluate_answers import score_answers
from rag.ops.passages import holds_tokens, overlaps_evidence
from rag.search.retrieve import relevant
from rag.types import Hit

DEPTH = 10  # passages retrieved per question: enough for hit@10 and MRR@10
CUTS = (1, 3, 5, 10)


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


def _retrieval_summary(rows: list[dict], k: int) -> dict:
    answerable = [r for r in rows if r["answerable"]]
    ranks = [r["first_rank"] for r in answerable]
    out = {"questions": len(answerable)}
    for cut in CUTS:
        out[f"hit@{cut}"] = mean([1.0 if r is not None and r <= cut else 0.0 for r in ranks])
    out["mrr"] = mean([1.0 / r if r else 0.0 for r in ranks])
    for how in ("evidence", "tokens"):
        scored = [r for r in answerable if r.get(f"{how}_rank", False) is not False]
        name = "token" if how == "tokens" else how
        if not scored:
            continue
        out[f"{name}_questions"] = len(scored)
        for cut in CUTS:
            out[f"{name}_hit@{cut}"] = mean(
                [1.0 if r[f"{how}_rank"] and r[f"{how}_rank"] <= cut else 0.0 for r in scored]
            )
        out[f"{name}_in_model_passages"] = mean([1.0 if r[f"model_{how}"] else 0.0 for r in scored])
    recalls = [r["page_recall"] for r in answerable if r["page_recall"] is not None]
    out[f"page_recall@{k}"] = mean(recalls)
    out["false_abstention"] = mean([1.0 if r["gate_abstains"] else 0.0 for r in answerable])
    unanswerable = [r for r in rows if not r["answerable"]]
    out["unanswerable"] = len(unanswerable)
    out["abstention_on_unanswerable"] = mean([1.0 if r["gate_abstains"] else 0.0 for r in unanswerable])
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
    from rag.answer.stream import model_passages

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
        report["answers"] = score_answers(services, [(q, None) for q in questions], k, rows)
    elif answers:
        by_id = {q.id: q for q in questions}
        kinds = {
            kind: score_answers(services, [(by_id[i], d) for i, d in drafts if i in by_id], k, rows, kind)
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
