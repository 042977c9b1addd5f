"""Hybrid retrieval: the keyword index stays in step with the files, finds exact terms, obeys filters."""

import json

from conftest import CountingEmbedder, sample_folder, stored_language_means
from rag.index.filters import Filters
from rag.ops.eval_questions import load_questions
from rag.ops.evaluate import evaluate


def _in_step(s):
    """Keyword rows == Chroma chunks == the manifest's ids, document by document, and the keyword
    table's copy of every vector == Chroma's."""
    import numpy as np

    rows = {r.source: set(r.chunk_ids) for r in s.manifest.all() if r.status == "indexed"}
    assert s.manifest.keywords.ids_by_source() == s.store.ids_by_source() == rows
    ids = [cid for source_ids in rows.values() for cid in source_ids]
    copy, chroma = s.manifest.keywords.vectors(ids), s.store.vectors(ids)
    assert set(copy) == set(chroma) == set(ids)
    assert all(np.allclose(copy[cid], chroma[cid], atol=1e-6) for cid in ids)
    # The per-language sums behind language centering follow every write too.
    means, expected = s.manifest.keywords.language_means(), stored_language_means(s)
    assert set(means) == set(expected)
    assert all(np.allclose(means[lang], expected[lang], atol=1e-5) for lang in expected)
    return rows


def test_keyword_index_follows_update_delete_and_rename(tmp_path, embedder):
    s, docs, rec = sample_folder(tmp_path, embedder, ["operations/faq.md", "finance/expenses-and-travel-policy.pdf"])
    rec.run()
    _in_step(s)
    (docs / "operations/faq.md").write_text("# FAQ\n\nThe zeppelin hangar code is ZX-9917.\n", encoding="utf-8")
    rec.run()
    _in_step(s)
    assert s.retriever.search("ZX-9917", 1, mode="keyword")[0].chunk.source == "operations/faq.md"
    (docs / "operations/faq.md").rename(docs / "operations/renamed.md")
    rec.run()
    _in_step(s)
    assert [h.chunk.source for h in s.retriever.search("zeppelin hangar", 3, mode="keyword")] == [
        "operations/renamed.md"
    ]
    (docs / "operations/renamed.md").unlink()
    rec.run()
    assert "operations/renamed.md" not in _in_step(s)
    assert s.retriever.search("zeppelin hangar ZX-9917", 3, mode="keyword") == []


def test_lost_keyword_rows_are_rebuilt_without_embedding(tmp_path, embedder):
    s, docs, rec = sample_folder(tmp_path, embedder, ["operations/faq.md"])
    rec.run()
    with s.manifest.transaction():
        s.manifest.keywords.clear()
    report, _ = rec.run(check_store=True)
    assert [r.status for r in report.results if r.status != "unchanged"] == ["repaired"]
    _in_step(s)


def test_keyword_rows_from_before_the_vector_copy_get_it_without_embedding(tmp_path, embedder):
    s, docs, rec = sample_folder(
        tmp_path, CountingEmbedder(embedder), ["operations/faq.md", "hr/remote-work-policy.docx"]
    )
    rec.run()
    with s.manifest.transaction():  # what an index from before the copy holds: no vectors, no sums
        s.manifest.keywords._db.execute("UPDATE chunks SET vector = NULL")
        s.manifest.keywords._db.execute("DELETE FROM vector_sums")
    embedded = s.embedder.embedded
    faq = s.manifest.get("operations/faq.md").chunk_ids
    assert s.manifest.keywords.vectors(faq) == {}
    # Meanwhile exact ranking still works, on Chroma's vectors.
    hits = s.retriever._exact_dense(s.embedder.embed_query("Where do I park?"), faq, 3)
    assert len(hits) == 3 and {h.chunk.source for h in hits} == {"operations/faq.md"}
    report, _ = rec.run(check_store=True)
    assert sorted((r.source, r.status) for r in report.results if r.status != "unchanged") == [
        ("hr/remote-work-policy.docx", "repaired"),
        ("operations/faq.md", "repaired"),
    ]
    assert s.embedder.embedded == embedded
    _in_step(s)


def test_exact_form_number_is_found_first_and_passes_the_gate(sample_index):
    hits = sample_index.retriever.search("What is form FIN-220?", 4)
    assert hits[0].exact and "FIN-220" in hits[0].chunk.text.replace("\u2011", "-")
    assert hits[0] in __import__("rag.search.retrieve", fromlist=["relevant"]).relevant(hits, sample_index.min_score)


def test_a_form_number_typed_without_its_hyphen_is_still_exact(sample_index):
    # People type "FIN220", "fin220" or "FIN 220"; the documents write FIN-220 (indexed as "fin 220").
    for question in (
        "What is form FIN220?",
        "what is form fin220?",
        "Which form is FIN 220?",
        "¿Para qué es el HR310?",
    ):
        hits = sample_index.retriever.search(question, 4)
        code = "HR-310" if "310" in question else "FIN-220"
        assert hits[0].exact and code_in(hits[0], code), (question, hits[0].chunk.section)
    # A prefix alone is no identifier: "FIN 220" used to count any passage holding "fin" ("a fin de") as exact.
    assert all(code_in(h, "FIN-220") for h in sample_index.retriever.search("Which form is FIN 220?", 6) if h.exact)


def code_in(hit, code: str) -> bool:
    return code in hit.chunk.text.replace("\u2011", "-")


def test_a_numbered_section_asked_about_is_found_first(sample_index):
    """The keyword index cuts "section 4.2" into "4" and "2", and a vector hardly weighs it: the
    heading asked about ranked behind the policy's title page and section 5.2."""
    hits = sample_index.retriever.search("What does section 4.2 of the Expenses and Travel Policy say?", 4)
    assert hits[0].exact and "4.2 Approval and payment" in hits[0].chunk.text, [h.chunk.section for h in hits]
    # Without a document named, every policy's section 6.2 is asked about, and only those.
    hits = sample_index.retriever.search("What is in section 6.2?", 4)
    sixes = {h.chunk.source for h in hits if h.exact}
    assert sixes == {"hr/employee-handbook.pdf", "it/acceptable-use-and-security-policy.pdf"}, [
        (h.exact, h.chunk.section) for h in hits
    ]
    assert all(h.exact for h in hits[:2])


def test_which_numbers_name_a_section():
    from rag.text.sections import names_section, section_numbers

    assert section_numbers("What is the goal of VA's strategy 1.2.3?") == ["1.2.3"]
    assert section_numbers("What does Section 4.1 say, and clause 7.2?") == ["4.1", "7.2"]
    assert section_numbers("¿Qué dice el apartado 3.1 de la política?") == ["3.1"]
    assert section_numbers("Is overtime paid at 1.5 times the rate for 2.5 days?") == []
    assert section_numbers("Is the standard 37.5 hour week paid? Due 31.12.24 from 192.168.1.1") == []
    assert section_numbers("¿Qué dicen las secciones 4.1?") == ["4.1"]
    assert names_section("4.1 Receipts\nKeep every receipt.", "4.1")
    assert names_section("Intro\nSTRATEGY 1.2.3: VA ADVOCATES FOR VETERANS", "1.2.3")
    assert names_section("as set out under section 4.1 above", "4.1")
    assert not names_section("4.1.2 Scanned receipts", "4.1")  # a deeper section
    assert not names_section("see section 14.1", "4.1")
    assert not names_section("The mileage rate is 4.1 pence a mile.", "4.1")


def test_spanish_accents_and_plurals_meet_in_the_keyword_index(sample_index):
    hits = sample_index.retriever.search("vacacion", 5, mode="keyword")
    assert hits and all("vacacion" in h.chunk.text.lower().replace("ó", "o") for h in hits)


def test_filters_reach_both_indexes(sample_index):
    for mode in ("dense", "keyword", "hybrid"):
        only_es = sample_index.retriever.search("vacation days vacaciones", 5, Filters(languages=("es",)), mode=mode)
        assert only_es and {h.chunk.language for h in only_es} == {"es"}
        hr = sample_index.retriever.search("vacation days", 5, Filters(folders=("hr",), doc_types=("pdf",)), mode=mode)
        assert hr and all(h.chunk.source.startswith("hr/") and h.chunk.doc_type == "pdf" for h in hr)


def _exact_filtered(s, question: str, filters: Filters, n: int) -> list[str]:
    """The n nearest chunks passing the filters, by brute force over every stored vector."""
    every = [cid for ids in s.retriever.keywords.ids_by_source().values() for cid in ids]
    ids = sorted(s.retriever.keywords.passing(every, filters))
    q = s.embedder.embed_query(question)
    vectors = s.store.vectors(ids)  # Chroma's own, not the keyword table's copy
    return sorted(ids, key=lambda cid: -sum(a * b for a, b in zip(q, vectors[cid])))[:n]


def test_every_filtered_path_returns_what_an_exhaustive_filtered_search_returns(indexed):
    """A Spanish-only filter on an English IT question, which hardly any of the nearest chunks pass.
    A filter matching few chunks is ranked exactly on their stored vectors; a broader one widens to
    the nearest ids filtered through SQLite, and to Chroma's where when even those miss. The sample
    index is small, so the thresholds are lowered to make it take each path; each must return what
    a brute-force filtered search returns."""
    from rag.search.retrieve import Retriever

    question = "What is the minimum password length for laptops?"
    filters = Filters(languages=("es",))
    vec = indexed.embedder.embed_query(question)
    spanish = len(indexed.manifest.keywords.matching(filters, 10_000))
    nearest = indexed.store.query(vec, 120)
    assert len(nearest) == 120 and sum(filters.accepts(h.chunk) for h in nearest) < 10  # the nearest miss
    assert 10 < spanish < 120
    expected = _exact_filtered(indexed, question, filters, 10)
    paths = {"exact": {}, "nearest ids": {"exact_limit": 0}, "chroma where": {"exact_limit": 0, "wide_ids": 120}}
    for path, knobs in paths.items():
        retriever = Retriever(indexed.embedder, indexed.store, indexed.manifest.keywords, **knobs)
        got = retriever._filtered_dense(vec, 10, 10, filters)
        assert [h.chunk.chunk_id for h in got] == expected, path
        assert [h.rank for h in got] == list(range(1, 11)), path
        assert all(a.score >= b.score for a, b in zip(got, got[1:])) and all(h.chunk.language == "es" for h in got), (
            path
        )


def test_a_folder_filter_takes_its_subfolders_and_nothing_else(tmp_path):
    from rag.index.manifest import Manifest
    from rag.types import Chunk

    keywords = Manifest(tmp_path / "manifest.sqlite3").keywords
    every = ["hr/a.md", "hr/confidential/b.md", "hrx/c.md", "top.md"]
    for source in every:
        keywords.replace_source(source, [Chunk(f"{source}#0", source, "T", "Some text.", 0, "h")])

    def sources(*folders: str) -> list[str]:
        return sorted(c.source for c in keywords.chunks(keywords.matching(Filters(folders=folders), 100)).values())

    assert sources("hr") == ["hr/a.md", "hr/confidential/b.md"]
    assert sources("hr/confidential/") == ["hr/confidential/b.md"]
    assert sources("hrx", "hr/confidential") == ["hr/confidential/b.md", "hrx/c.md"]
    assert sources("") == every  # the top folder holds everything
    assert sources("h") == []  # the start of a name is not a folder
    assert keywords.matching(Filters(folders=("hr",)), 1) is None  # more than the limit


def test_eval_numbers_on_a_hand_checked_fixture(indexed, tmp_path):
    qfile = tmp_path / "q.jsonl"
    lines = [
        {
            "id": "a",
            "question": "What is form FIN-220?",
            "expected_sources": [{"source": "finance/expenses-and-travel-policy.pdf"}],
            "answerable": True,
        },
        {
            "id": "b",
            "question": "What is form FIN-220?",
            "expected_sources": [{"source": "nowhere.pdf"}],
            "answerable": True,
        },
        {"id": "c", "question": "Who won the 1998 football world cup?", "expected_sources": [], "answerable": False},
    ]
    qfile.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    report = evaluate(indexed, load_questions(qfile), k=5, modes=("hybrid",), rows_path=tmp_path / "rows.jsonl")
    m = report["modes"]["hybrid"]
    # a: found first (rank 1); b: never found. hit@1 = (1 + 0) / 2, MRR = (1/1 + 0) / 2.
    assert m["questions"] == 2 and m["hit@1"] == 0.5 and m["mrr"] == 0.5 and m["hit@10"] == 0.5
    assert m["unanswerable"] == 1 and m["abstention_on_unanswerable"] == 1.0
    assert len((tmp_path / "rows.jsonl").read_text().splitlines()) == 3


def test_the_same_paragraph_in_two_versions_is_shown_once():
    from rag.search.selection import select
    from rag.types import Chunk, Hit

    text = "Employees may carry over up to 8 unused vacation days into the next calendar year, to be used by 31 March."
    other = "Employees may carry over up to 5 unused vacation days into the next calendar year, to be used by 31 March."
    hits = [
        Hit(Chunk(str(i), src, "Leave", t, 0, "h"), 0.5, i + 1)
        for i, (src, t) in enumerate(
            [
                ("hr/leave-2025.pdf", text),
                ("hr/leave-2023.pdf", text),
                ("hr/leave-2019.pdf", other),
                ("hr/other.pdf", "Parking is free."),
            ]
        )
    ]
    kept = select(hits, len(hits), 0.8)
    # Identical text folds into the better-ranked one; a changed number keeps its own passage.
    assert [(h.chunk.source, h.duplicates) for h in kept] == [
        ("hr/leave-2025.pdf", ("hr/leave-2023.pdf",)),
        ("hr/leave-2019.pdf", ()),
        ("hr/other.pdf", ()),
    ]


def test_vectors_copied_before_their_sums_were_kept_are_added_up_on_open(tmp_path, embedder):
    import numpy as np

    from rag.index.manifest import Manifest

    s, docs, rec = sample_folder(tmp_path, embedder, ["operations/faq.md", "es/politica-de-teletrabajo.docx"])
    rec.run()
    before = s.manifest.keywords.language_means()
    with s.manifest.transaction():
        s.manifest.keywords._db.execute("DELETE FROM vector_sums")
    assert s.manifest.keywords.language_means() == {}
    after = Manifest(s.settings.manifest_path).keywords.language_means()
    assert set(after) == set(before) == {"en", "es"}
    assert all(np.allclose(after[lang], before[lang], atol=1e-6) for lang in before)
