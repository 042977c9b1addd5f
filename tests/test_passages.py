"""Finding the passage that answers: the passage-level judgements of `faro eval`, and questions
that name a document."""

from __future__ import annotations

import json

from rag.ops.eval_questions import load_questions
from rag.ops.evaluate import evaluate
from rag.ops.passages import answer_tokens, holds_tokens, overlaps_evidence
from rag.text.naming import DocumentNames, names_of

PARAGRAPH = (
    "We may periodically contact you with offers and information about the Services and our "
    "affiliates, including online surveys and legal notices. You may opt out of receiving commercial "
    "email messages from us by following the instructions contained in those email messages."
)


# --- evidence and tokens (pure rules) --------------------------------------------------------------
def test_a_passage_answers_when_it_holds_most_of_the_evidence_paragraph_or_is_mostly_made_of_it():
    assert overlaps_evidence("Intro line. " + PARAGRAPH + " Another paragraph about cookies follows here.", PARAGRAPH)
    # A passage that is a slice of the paragraph: most of its own words are the paragraph's.
    assert overlaps_evidence("You may opt out of receiving commercial email messages from us.", PARAGRAPH)
    # Sharing a few common words is not answering.
    assert not overlaps_evidence(
        "We use cookies to remember your preferences and to measure traffic on "
        "our pages, and we may share aggregate statistics with partners.",
        PARAGRAPH,
    )
    assert not overlaps_evidence("", PARAGRAPH) and not overlaps_evidence(PARAGRAPH, "")


def test_words_of_three_letters_or_more_count_case_folded():
    assert overlaps_evidence("OPT-OUT OF EMAIL", "opt out of email at any time you wish to do so now")
    assert not overlaps_evidence("a b c of to", "a b c of to")  # no word of 3+ letters: nothing to compare


def test_a_passage_holds_the_tokens_as_whole_words_case_and_punctuation_folded():
    tokens = answer_tokens(["3 months", "RTI Act", "Yes"])
    assert tokens == ["3 months", "rti act"]  # yes/no is no passage's wording
    assert holds_tokens("Notice: three (3) Months... under the R.T.I. act? No: the RTI-Act, 3 months.", tokens)
    assert not holds_tokens("13 months under the RTI Act", tokens)  # '13 months' is not '3 months'
    assert not holds_tokens("3 months under the parties' act", ["3 months", "rti"])
    assert answer_tokens(["No"]) == [] and not holds_tokens("anything", [])


# --- names (pure rules) --------------------------------------------------------------------------------
DOCS = [
    ("hr/leave-policy-2023.pdf", "Leave Policy", "p:leave"),
    ("hr/leave-policy-2025.pdf", "Leave Policy", "p:leave"),
    ("hr/parental-leave-policy.pdf", "Parental Leave Policy", "p:parental"),
    ("washingtonpost.com.txt", "Published: January 1, 2015", ""),
    ("nytimes.com.txt", "Privacy Policy", ""),
    ("imdb.com.txt", "Privacy Policy", ""),
    ("faq.md", "FAQ", ""),
]


def test_a_documents_names_are_its_file_name_and_title_without_years_and_versions():
    assert names_of("hr/leave-policy-2025.pdf", "Leave Policy 2025 (draft v2)") == {("leave", "policy")}
    assert names_of("washingtonpost.com.txt", "") == {("washingtonpost", "com")}
    assert names_of("es/política-de-teletrabajo.docx", "") == {("politica", "de", "teletrabajo")}
    assert names_of("faq.md", "FAQ") == set()  # one word names too much


def test_a_name_joined_by_and_names_the_document_by_each_part_unless_another_document_owns_it():
    names = DocumentNames(
        [
            ("finance/expenses-and-travel-policy.pdf", "Expenses and Travel Policy", ""),
            ("es/politica-de-vacaciones-y-permisos.pdf", "", ""),
            ("operations/health-and-safety-policy.pdf", "Health and Safety Policy", ""),
            ("operations/safety-policy.pdf", "Safety Policy", ""),
        ]
    )
    assert names.named("What does the travel policy say about taxis?") == ("finance/expenses-and-travel-policy.pdf",)
    assert names.named("¿Qué dice la política de permisos?") == ("es/politica-de-vacaciones-y-permisos.pdf",)
    assert names.named("¿Qué dice la política de vacaciones?") == ("es/politica-de-vacaciones-y-permisos.pdf",)
    # "safety policy" is another document's whole name: it keeps it.
    assert names.named("Under the safety policy, who inspects forklifts?") == ("operations/safety-policy.pdf",)
    assert names.named("Under the health and safety policy, who inspects?") == (
        "operations/health-and-safety-policy.pdf",
    )


def test_a_question_names_the_documents_whose_name_it_holds():
    names = DocumentNames(DOCS)
    assert names.named("washingtonpost.com: Do you share my data?") == ("washingtonpost.com.txt",)
    # The versions of one policy share its name; both are searched, the current one first (retrieve.py).
    assert set(names.named("What does the Leave Policy say about carry-over?")) == {
        "hr/leave-policy-2023.pdf",
        "hr/leave-policy-2025.pdf",
    }
    # The longer name wins: "parental leave policy" is not also "leave policy".
    assert names.named("Under the parental leave policy, how many weeks?") == ("hr/parental-leave-policy.pdf",)
    # A title several documents carry names none of them; no name, no steering.
    assert names.named("Does the privacy policy mention cookies?") == ()
    assert names.named("How many vacation days can I carry over?") == ()
    assert not DocumentNames([]) and names


def test_a_title_that_names_a_subject_steers_the_search_but_does_not_hold_the_answer_to_it():
    names = DocumentNames(
        [
            ("wiki/19759794.txt", "Paddington Bear", ""),
            ("wiki/5521.txt", "Michael Bond", ""),
            ("finance/expenses-and-travel-policy.pdf", "Expenses and Travel Policy", ""),
            ("washingtonpost.com.txt", "Published: January 1, 2015", ""),
            ("wiki/1.txt", "Harry Potter and the Philosopher's Stone", ""),
        ]
    )
    # A part of a subject's title joined by "and" names a subject too.
    assert names.named("Who wrote the Philosopher's Stone?") == ("wiki/1.txt",)
    assert names.named("Who wrote the Philosopher's Stone?", as_document=True) == ()
    question = "Which author created the character Paddington Bear?"
    assert names.named(question) == ("wiki/19759794.txt",)  # searched there first
    assert names.named(question, as_document=True) == ()  # but another article may answer
    # Named as documents: by a title that says what kind of document it is, or by the file name.
    for asked, source in (
        ("What does the Travel Policy say about taxis?", "finance/expenses-and-travel-policy.pdf"),
        ("washingtonpost.com: Do you share my data?", "washingtonpost.com.txt"),
    ):
        assert names.named(asked) == names.named(asked, as_document=True) == (source,)


# --- with the real model and index -------------------------------------------------------------------
def test_a_question_that_names_a_document_is_answered_from_it(sample_index):
    question = "What does the Expenses and Travel Policy say about working from home?"
    hits = sample_index.retriever.search(question, 5)
    assert hits and all(h.chunk.source == "finance/expenses-and-travel-policy.pdf" for h in hits), [
        h.chunk.source for h in hits
    ]
    # The same words without the name search the whole index as before.
    plain = sample_index.retriever.search("What does it say about working from home?", 5)
    assert any(h.chunk.source != "finance/expenses-and-travel-policy.pdf" for h in plain)


def test_naming_a_document_in_a_filter_the_user_cannot_read_finds_nothing_there(sample_index):
    from rag.index.filters import Filters

    hits = sample_index.retriever.search(
        "What does the Expenses and Travel Policy say about taxis?", 5, Filters(folders=("hr",))
    )
    assert hits and all(h.chunk.source.startswith("hr/") for h in hits)


def test_eval_scores_the_passage_and_the_model_passages(sample_index, tmp_path):
    """A question whose evidence paragraph and tokens are in the sample corpus scores 1; the same
    question pointed at evidence no passage holds scores 0: the figure can fail."""
    leave = "hr/leave-policy-2025.pdf"
    lines = [
        {
            "id": "right",
            "question": "How many vacation days can I carry over to next year?",
            "expected_sources": [{"source": leave, "page": 2}],
            "evidence_segments": [
                "Where this is not possible, employees may carry over up to 8 unused vacation days from one "
                "holiday year into the next. Carried-over days must be used by 30 April of the following year."
            ],
            "tokens": ["8 unused vacation days", "Yes"],
        },
        {
            "id": "wrong",
            "question": "How many vacation days can I carry over to next year?",
            "expected_sources": [{"source": leave}],
            "evidence_segments": ["Company cars are leased for four years and replaced after 120,000 miles of use."],
            "tokens": ["120,000 miles"],
        },
        {
            "id": "plain",
            "question": "Who do I call about a data breach?",
            "expected_sources": [{"source": "compliance/data-protection-policy.docx"}],
        },
    ]
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    report = evaluate(sample_index, load_questions(path), k=5, rows_path=tmp_path / "rows.jsonl")
    m = report["modes"]["hybrid"]
    assert m["evidence_questions"] == 2 and m["token_questions"] == 2
    assert m["evidence_hit@5"] == 0.5 and m["token_hit@5"] == 0.5, m
    assert m["evidence_in_model_passages"] == 0.5 and m["token_in_model_passages"] == 0.5, m
    rows = {r["id"]: r for r in map(json.loads, (tmp_path / "rows.jsonl").read_text().splitlines())}
    assert rows["right"]["evidence_rank"] and rows["right"]["model_tokens"]
    assert rows["wrong"]["evidence_rank"] is None and not rows["wrong"]["model_evidence"]
    assert "evidence_rank" not in rows["plain"]
    assert report["top_k"] == sample_index.settings.top_k


def test_eval_refuses_evidence_that_is_not_a_list_of_paragraphs(tmp_path):
    import pytest

    from rag.errors import FaroError

    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"question": "q", "expected_sources": ["a.pdf"], "evidence_segments": "a paragraph"}))
    with pytest.raises(FaroError, match="evidence_segments"):
        load_questions(path)


# --- how results are spread over documents (pure rule) ------------------------------------------------
def _hits(sources: list[str]):
    from rag.types import Chunk, Hit

    return [
        Hit(Chunk(str(i), src, "T", f"passage {i} of {src} about something different {i * 7}", i, "h"), 0.8, i + 1)
        for i, src in enumerate(sources)
    ]


def test_a_document_far_ahead_of_the_rest_keeps_its_passages():
    from rag.search.selection import select

    hits = _hits(["a.pdf", "a.pdf", "a.pdf", "a.pdf", "b.pdf", "c.pdf"])
    far = [1.0, 0.95, 0.9, 0.85, 0.4, 0.3]
    near = [1.0, 0.95, 0.9, 0.85, 0.84, 0.8]

    def pick(scores, margin):
        return [h.chunk.source for h in select(hits, 4, 0.8, 2, scores=scores, margin=margin)]

    # b scores far below a's third passage: nothing to make room for.
    assert pick(far, 0.1) == ["a.pdf"] * 4
    # b and c come within the margin: a's third and fourth passages wait for them.
    assert pick(near, 0.1) == ["a.pdf", "a.pdf", "b.pdf", "c.pdf"]
    # margin 1 is the fixed rule: another document always gets its place first.
    assert pick(far, 1.0) == ["a.pdf", "a.pdf", "b.pdf", "c.pdf"]
    # A document the question names is never held back.
    assert [h.chunk.source for h in select(hits, 4, 0.8, 2, unlimited={"a.pdf"}, scores=near, margin=0.1)] == [
        "a.pdf"
    ] * 4


# --- a short passage with its neighbours (real index) --------------------------------------------------
def test_short_passages_come_with_their_neighbours_and_windows_do_not_repeat_text(sample_index):
    from rag.search.retrieve import Retriever

    plain = Retriever(sample_index.embedder, sample_index.store, sample_index.manifest.keywords)
    widened = Retriever(sample_index.embedder, sample_index.store, sample_index.manifest.keywords, context_words=300)
    question = "How many vacation days can I carry over to next year?"
    before, after = plain.search(question, 4), widened.search(question, 4)
    assert len(after) == 4
    assert sum(len(h.chunk.text.split()) for h in after) > sum(len(h.chunk.text.split()) for h in before)
    for h in after:
        assert len(h.chunk.text.split()) <= 360  # never past 1.2 times the budget
        own = sample_index.manifest.keywords.around(h.chunk.source, h.chunk.position, h.chunk.position)[
            h.chunk.position
        ]
        assert " ".join(own.text.split()[:12]) in " ".join(h.chunk.text.split())  # the passage found is inside
        assert h.chunk.page is None or h.chunk.page <= own.page <= (h.chunk.page_end or h.chunk.page)
    # Two windows never share a chunk: the four passages are four places.
    covered = []
    for h in after:
        near = sample_index.manifest.keywords.around(h.chunk.source, h.chunk.position - 8, h.chunk.position + 8)
        text = " ".join(h.chunk.text.split())
        covered.append({(h.chunk.source, pos) for pos, c in near.items() if " ".join(c.text.split()) in text})
    assert all(covered) and sum(map(len, covered)) == len(set().union(*covered))


def test_joining_neighbours_drops_the_sentences_they_share():
    from rag.search.context import _joined

    a = "The policy applies to all staff. Days must be used by 30 April."
    b = "Days must be used by 30 April. Unused days are forfeited."
    assert (
        _joined(a, b) == "The policy applies to all staff. Days must be used by 30 April.\nUnused days are forfeited."
    )
    assert _joined("First part.", "Second part.") == "First part.\nSecond part."
