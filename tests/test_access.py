"""Who may see what: the access file, labels on every chunk, and enforcement on every path a
passage could leak through (search, ask, citations, downloads, listings, versions, the CLI)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from documents import write_docx, write_pdf

from conftest import ROOT, CountingEmbedder, double_generator, sample_folder, with_generator
from rag.answer.stream import answer_question
from rag.errors import FaroError
from rag.index.filters import Filters
from rag.people.access import AccessFileError, AccessRules, user
from rag.people.audit import AuditLog
from rag.people.auth import UsersFile
from rag.people.sources import source_file

RULES = """# who may read what
hr/confidential/**   hr
board                board, executives
**                   *
"""
SALARY = (
    "The salary band for Senior Warehouse Supervisors at Meridian Freight is 41,250 to 47,900 GBP, "
    "reviewed by the Remuneration Committee under reference SB-7731."
)
MINUTES = (
    "The board resolved to close the Immingham port depot in March and to negotiate the sale of the "
    "Daventry site to Kestrel Logistics under project name HARBOURLIGHT."
)

FARO = str(Path(sys.executable).parent / "faro")
ALICE = user("alice", ["hr"])
BOB = user("bob", ["staff"])
NOBODY = user("nobody", [])
CHAIR = user("chair", ["board"])


def test_rules_first_match_wins_and_unmatched_paths_are_closed():
    rules = AccessRules.parse(RULES)
    assert rules.label_for("hr/confidential/salary-bands.docx") == "hr"
    assert rules.label_for("hr/confidential/2025/cases/x.pdf") == "hr"
    assert rules.label_for("board/minutes.pdf") == "board,executives"  # a plain folder covers its contents
    assert rules.label_for("boardroom/menu.pdf") == "*"  # ...and not its namesakes
    assert rules.label_for("hr/leave-policy-2025.pdf") == "*"
    closed = AccessRules.parse("hr/**  hr\n*.pdf  *\n")
    assert closed.label_for("hr/a/b.docx") == "hr" and closed.label_for("top.pdf") == "*"
    assert closed.label_for("finance/x.pdf") == ""  # no rule: no one
    assert AccessRules.load(None).label_for("anything/at/all.pdf") == "*"


def test_an_access_file_saved_by_notepad_keeps_its_first_rule(tmp_path):
    # A byte-order mark and Windows line ends: the first rule must still close hr/.
    access = tmp_path / "access.txt"
    access.write_bytes(b"\xef\xbb\xbfhr/**   hr\r\n**   *\r\n")
    rules = AccessRules.load(access)
    assert rules.label_for("hr/leave-policy-2025.pdf") == "hr" and rules.label_for("operations/faq.md") == "*"


def test_a_folder_name_in_either_unicode_form_meets_its_rule(tmp_path):
    import unicodedata

    from ingest.pipeline import discover

    composed, decomposed = (unicodedata.normalize(f, "rrhh/nóminas") for f in ("NFC", "NFD"))
    assert composed != decomposed
    rules = AccessRules.parse(f"{composed}/**  rrhh\n**  *\n")
    assert rules.label_for(f"{decomposed}/enero.pdf") == "rrhh"
    # macOS writes the decomposed form; the document's name is the composed one.
    docs = tmp_path / "docs"
    (docs / decomposed).mkdir(parents=True)
    (docs / decomposed / "enero.md").write_text("# Enero\n\nLa nómina de enero se paga el día 28.\n", encoding="utf-8")
    assert [source for _, source in discover([docs], docs)] == [f"{composed}/enero.md"]


def test_files_people_write_in_another_encoding_are_one_clear_error(tmp_path):
    from ingest.pipeline import discover

    access = tmp_path / "access.txt"
    access.write_bytes("hr/**  hr\n# nóminas\n**  *\n".encode("latin-1"))
    with pytest.raises(AccessFileError, match=r"access.txt, line 2: not UTF-8"):
        AccessRules.load(access)
    users = tmp_path / "users"
    users.write_bytes("josé:x:hr\n".encode("latin-1"))
    with pytest.raises(FaroError, match=r"users, line 1: not UTF-8"):
        UsersFile(users).accounts()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / ".faroignore").write_bytes("borradores/**\n# café\n".encode("latin-1"))
    with pytest.raises(FaroError, match=r"\.faroignore, line 2: not UTF-8"):
        discover([docs], docs)


def test_with_an_access_file_only_the_documents_folder_is_ingested(tmp_path, embedder):
    # A file from elsewhere would lose its folder, match no folder rule and fall to the catch-all.
    access = tmp_path / "access.txt"
    access.write_text("hr/**  hr\n**  *\n", encoding="utf-8")
    s, docs, reconciler = sample_folder(tmp_path, embedder, ["operations/faq.md"], access_file=access)
    from ingest.pipeline import Ingestor
    from ingest.reindex import Reconciler

    ingestor = Ingestor(s.settings, embedder, s.store, s.manifest)
    outside = tmp_path / "elsewhere" / "hr"
    outside.mkdir(parents=True)
    (outside / "salaries.md").write_text(f"# Salaries\n\n{SALARY}\n", encoding="utf-8")
    with pytest.raises(FaroError, match="outside FARO_DOCS_DIR"):
        ingestor.ingest([outside / "salaries.md"])
    with pytest.raises(FaroError, match="not FARO_DOCS_DIR"):
        Reconciler(ingestor, tmp_path / "elsewhere").run()
    assert s.manifest.all() == []


def test_a_broken_access_file_is_an_error_naming_the_line(tmp_path):
    with pytest.raises(AccessFileError, match="line 2"):
        AccessRules.parse("hr/** hr\nboard/**\n", "access.txt")
    with pytest.raises(AccessFileError, match="not a group name"):
        AccessRules.parse("hr/** hr;drop\n")
    with pytest.raises(AccessFileError, match="Cannot read the access file"):
        AccessRules.load(tmp_path / "missing.txt")


def test_users_see_the_labels_of_their_groups():
    assert ALICE.may_read("hr") and ALICE.may_read("*") and not ALICE.may_read("board,executives")
    assert CHAIR.may_read("board,executives") and not CHAIR.may_read("")
    assert NOBODY.readable(["*", "hr", "", "board,executives"]) == ("*",)
    assert user("Carol", ["HR", " Faro-Admins "], "faro-admins").admin


def _corp(tmp_path, embedder):
    """Sample policies beside an HR-only salary document, board minutes and a public leave policy,
    labelled by RULES; the users file knows alice, bob and nobody."""
    access = tmp_path / "access.txt"
    access.write_text(RULES, encoding="utf-8")
    counting = CountingEmbedder(embedder)
    s, docs, reconciler = sample_folder(
        tmp_path,
        counting,
        ["hr/leave-policy-2025.pdf", "hr/remote-work-policy.docx", "finance/expenses-and-travel-policy.pdf"],
        access_file=access,
        users_file=tmp_path / "users",
    )
    write_docx(
        docs / "hr" / "confidential" / "salary-bands.docx", "Salary Bands 2025", [("Warehouse supervision", SALARY)]
    )
    write_pdf(docs / "board" / "minutes-2025-03.pdf", "Board Minutes March 2025", [MINUTES])
    report, _ = reconciler.run()
    assert report.count("failed") == 0
    users = UsersFile(tmp_path / "users")
    users.save("alice", password="a-long-password", groups=["hr"])
    users.save("bob", password="another-password", groups=["staff"])
    users.save("nobody", groups=[])
    return s, docs, reconciler, counting, access


@pytest.fixture(scope="module")
def corp(tmp_path_factory, embedder):
    """The corpus for tests that only read it."""
    return _corp(tmp_path_factory.mktemp("corp"), embedder)


@pytest.fixture
def own_corp(tmp_path, embedder):
    """The corpus for a test that changes the folder or the access file."""
    return _corp(tmp_path, embedder)


SECRET_QUESTIONS = [
    SALARY,  # the confidential text itself, verbatim
    "What is the salary band for Senior Warehouse Supervisors? SB-7731",
    "Salary Bands 2025",
    MINUTES,
    "HARBOURLIGHT Kestrel Logistics Daventry sale",
]


def _sources(hits):
    return (
        {h.chunk.source for h in hits}
        | {d for h in hits for d in h.duplicates}
        | {h.superseded_by for h in hits} - {""}
    )


def test_search_never_returns_a_forbidden_passage_even_quoted_verbatim(corp):
    s = corp[0]
    for question in SECRET_QUESTIONS:
        for who in (BOB, NOBODY):
            for mode in ("hybrid", "dense", "keyword"):
                hits = s.retriever.search(question, 10, s.filters_for(who), mode=mode)
                found = _sources(hits)
                assert not any(src.startswith(("hr/confidential/", "board/")) for src in found), (who.name, mode, found)
                assert all("SB-7731" not in h.chunk.text and "HARBOURLIGHT" not in h.chunk.text for h in hits)
    # The groups they are for do find them.
    assert (
        s.retriever.search(SECRET_QUESTIONS[1], 3, s.filters_for(ALICE))[0].chunk.source
        == "hr/confidential/salary-bands.docx"
    )
    assert (
        s.retriever.search(SECRET_QUESTIONS[4], 3, s.filters_for(CHAIR))[0].chunk.source == "board/minutes-2025-03.pdf"
    )
    # Narrowing further never widens: alice filtering to the board folder gets nothing from it.
    assert s.retriever.search(MINUTES, 5, s.filters_for(ALICE, Filters(folders=("board",)))) == []


def test_ask_keeps_forbidden_text_out_of_the_prompt_the_answer_and_the_citations(corp, ollama_double):
    s = corp[0]
    gen = double_generator(ollama_double)
    asking = with_generator(s, gen)
    for question, who in [(q, w) for q in SECRET_QUESTIONS[:3] for w in (BOB, NOBODY)]:
        answer = answer_question(question, asking, user=who)
        # The question quotes the secret itself; what Faro adds to the prompt is the passages.
        passages = "\n".join(r["messages"][1]["content"].split("\n\nQuestion: ")[0] for r in ollama_double.requests)
        for leak in ("SB-7731", "41,250", "Salary Bands 2025", "salary-bands", "hr/confidential"):
            assert leak not in passages and leak not in answer.text.replace(question, ""), (question, leak)
        assert all(not c.chunk.source.startswith("hr/confidential/") for c in answer.citations)
        assert all(not h.chunk.source.startswith("hr/confidential/") for h in answer.hits)
    answer = answer_question(SECRET_QUESTIONS[1], asking, user=ALICE)
    assert "SB-7731" in ollama_double.requests[-1]["messages"][1]["content"]


def test_the_answer_check_does_not_reveal_the_words_of_a_forbidden_document(corp, ollama_double):
    # The check declines an answer repeating a word no document holds ("Is HARBOURLIGHT going
    # ahead?" -> "Yes, HARBOURLIGHT …"): were the board's minutes counted, an outsider would learn
    # from the decline whether they name a project. Outsiders' words are looked up in what they may read.
    s = corp[0]
    question = "Is project HARBOURLIGHT going ahead?"
    made_up = "Is project ZEPHYRWIND going ahead?"
    for who in (BOB, NOBODY):
        verifier = s.verifier(s.filters_for(who))
        assert "harbourlight" in verifier.unknown(question) and "zephyrwind" in verifier.unknown(made_up)
    assert "harbourlight" not in s.verifier(s.filters_for(CHAIR)).unknown(question)
    asking = with_generator(s, double_generator(ollama_double))
    answers = []
    for q in (question, made_up):
        ollama_double.reply(f"Yes, project {q.split()[2]} is going ahead as planned [1].")
        answers.append(answer_question(q, asking, user=BOB))
    assert answers[0].abstained_by == answers[1].abstained_by and answers[0].abstained == answers[1].abstained


def test_downloads_and_listings_do_not_reveal_that_a_forbidden_document_exists(corp):
    s, docs = corp[0], corp[1]
    with pytest.raises(FaroError) as forbidden:
        source_file(docs, "hr/confidential/salary-bands.docx", s.manifest, BOB)
    with pytest.raises(FaroError) as never_indexed:
        source_file(docs, "hr/confidential/no-such-file.docx", s.manifest, BOB)
    assert str(forbidden.value) == str(never_indexed.value).replace("no-such-file", "salary-bands")
    assert source_file(docs, "hr/confidential/salary-bands.docx", s.manifest, ALICE).name == "salary-bands.docx"
    for who in (BOB, NOBODY):
        facets = s.retriever.keywords.facets(s.filters_for(who))
        assert "hr/confidential" not in facets["folders"] and "board" not in facets["folders"], facets
    assert "hr/confidential" in s.retriever.keywords.facets(s.filters_for(ALICE))["folders"]


def test_a_newer_version_a_user_may_not_read_is_never_named_to_them(tmp_path, embedder):
    access = tmp_path / "access.txt"
    # The 2025 policy, not yet published: only HR may read it.
    access.write_text("hr/leave-policy-2025.pdf  hr\n**  *\n", encoding="utf-8")
    s, docs, reconciler = sample_folder(
        tmp_path, embedder, ["hr/leave-policy-2023.pdf", "hr/leave-policy-2025.pdf"], access_file=access
    )
    reconciler.run()
    question = "How many vacation days can I carry over to next year?"
    for hit in s.retriever.search(question, 5, s.filters_for(BOB)):
        assert hit.superseded_by == "" and hit.chunk.source != "hr/leave-policy-2025.pdf"
    sources = {h.superseded_by for h in s.retriever.search(question, 5, s.filters_for(ALICE))}
    assert "hr/leave-policy-2025.pdf" in sources


def test_an_edit_that_keeps_size_and_time_applies_and_quoted_folders_have_spaces(own_corp):
    s, docs, reconciler, counting, access = own_corp
    assert s.access_rules().label_for("board/minutes.pdf") == "board,executives"
    before = access.stat()
    access.write_text(RULES.replace("board, executives", "board, directors "), encoding="utf-8")  # same size
    os.utime(access, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time, as a quick save can leave it
    assert access.stat().st_size == before.st_size and access.stat().st_mtime_ns == before.st_mtime_ns
    assert s.access_rules().label_for("board/minutes.pdf") == "board,directors"
    rules = AccessRules.parse('"Recursos Humanos/**"  rrhh\n"Board Room"  board\n**  *\n')
    assert rules.label_for("Recursos Humanos/nominas/enero.pdf") == "rrhh"
    assert rules.label_for("Board Room/minutes.pdf") == "board" and rules.label_for("Recursos/x.pdf") == "*"


def test_changing_the_access_file_relabels_without_embedding_and_applies_at_once(own_corp):
    s, docs, reconciler, counting, access = own_corp
    assert s.retriever.search(MINUTES, 3, s.filters_for(BOB))[0].chunk.source != "board/minutes-2025-03.pdf"
    embedded = counting.embedded
    access.write_text(RULES.replace("board                board, executives\n", ""), encoding="utf-8")
    # The next search sees the new rules: the minutes are now for everyone.
    assert s.retriever.search(MINUTES, 3, s.filters_for(BOB))[0].chunk.source == "board/minutes-2025-03.pdf"
    assert s.manifest.get("board/minutes-2025-03.pdf").access == "*"
    meta = s.store._col.get(ids=s.manifest.get("board/minutes-2025-03.pdf").chunk_ids, include=["metadatas"])
    assert {m["access"] for m in meta["metadatas"]} == {"*"}  # Chroma's copy too, for its own filter
    # Closing the board folder again and leaving finance out: the nightly reconcile reports both.
    access.write_text(RULES.replace("**                   *", "hr  *"), encoding="utf-8")
    report, _ = reconciler.run()
    relabelled = {r.source: r.reason for r in report.results if r.status == "relabelled"}
    assert relabelled == {
        "board/minutes-2025-03.pdf": "readable by everyone -> board,executives",
        "finance/expenses-and-travel-policy.pdf": "readable by everyone -> no one",
    }
    assert counting.embedded == embedded  # labels change, vectors stay
    assert all(
        h.chunk.source != "board/minutes-2025-03.pdf" for h in s.retriever.search(MINUTES, 3, s.filters_for(BOB))
    )
    assert s.retriever.search("mileage rate per mile", 5, s.filters_for(CHAIR, Filters(folders=("finance",)))) == []


def test_an_access_file_kept_in_the_documents_folder_is_never_indexed(tmp_path, embedder):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "access.txt").write_text("hr/secret  hr\n**  *\n", encoding="utf-8")
    s, docs, reconciler = sample_folder(
        tmp_path, embedder, ["hr/remote-work-policy.docx"], access_file=tmp_path / "docs" / "access.txt"
    )
    report, _ = reconciler.run()
    assert [r.source for r in report.results if r.status == "added"] == ["hr/remote-work-policy.docx"]
    assert s.manifest.get("access.txt") is None


def test_a_file_moved_into_a_closed_folder_closes_with_it(own_corp):
    s, docs, reconciler = own_corp[0], own_corp[1], own_corp[2]
    (docs / "hr" / "confidential" / "remote-work-policy.docx").write_bytes(
        (docs / "hr" / "remote-work-policy.docx").read_bytes()
    )
    os.remove(docs / "hr" / "remote-work-policy.docx")
    report, _ = reconciler.run()
    assert [r.status for r in report.results if "remote-work" in r.source] == ["renamed"]
    hits = s.retriever.search("How many days a week can I work from home?", 5, s.filters_for(BOB))
    assert all("remote-work" not in h.chunk.source for h in hits)


def test_the_cli_answers_as_a_user(corp):
    s = corp[0]
    env = {
        **os.environ,
        "FARO_DATA_DIR": str(s.settings.data_dir),
        "FARO_DOCS_DIR": str(s.settings.docs_dir),
        "FARO_ACCESS_FILE": str(s.settings.access_file),
        "FARO_USERS_FILE": str(s.settings.users_path),
        "FARO_EMBED_MODEL": s.settings.embed_model,
    }

    def search(*extra):
        out = subprocess.run(
            [FARO, "search", SECRET_QUESTIONS[1], "--json", *extra],
            capture_output=True,
            text=True,
            env=env,
            cwd=s.settings.data_dir,
            timeout=300,
        )
        assert out.returncode == 0, out.stderr
        return [json.loads(line)["source"] for line in out.stdout.splitlines()]

    assert "hr/confidential/salary-bands.docx" not in search("--as", "bob")
    assert "hr/confidential/salary-bands.docx" not in search("--as", "nobody")
    assert search("--as", "alice")[0] == "hr/confidential/salary-bands.docx"
    # Each search made as someone is in the audit trail, with what it showed them.
    events = [e for e in AuditLog(s.settings.audit_path).events() if e.via == "cli"]
    assert [e.user for e in events][-3:] == ["bob", "nobody", "alice"]
    assert "hr/confidential/salary-bands.docx" in events[-1].sources
    assert all("hr/confidential/salary-bands.docx" not in e.sources for e in events[-3:-1])
    out = subprocess.run(
        [FARO, "search", "x", "--as", "mallory"],
        capture_output=True,
        text=True,
        env=env,
        cwd=s.settings.data_dir,
        timeout=300,
    )
    assert out.returncode != 0 and "no such user" in out.stderr


def test_the_page_shows_an_employee_nothing_of_a_closed_folder(corp, ollama_double):
    from streamlit.testing.v1 import AppTest

    s = corp[0]
    gen = double_generator(ollama_double)
    at = AppTest.from_file(str(ROOT / "app" / "streamlit_app.py"), default_timeout=120)
    at.session_state["services"] = with_generator(s, gen)
    at.session_state["user"] = BOB
    at.run()
    folders = at.sidebar.multiselect[0].options
    assert "hr" in folders and "hr/confidential" not in folders and "board" not in folders
    documents = {m.label: m.value for m in at.sidebar.get("metric")}["Documents"]
    assert int(documents) == 3  # the three public policies; the closed two are not counted
    at.chat_input[0].set_value(SECRET_QUESTIONS[1]).run()
    assert not at.exception
    page = " ".join(str(e.value) for kind in ("markdown", "caption", "html", "text") for e in getattr(at, kind))
    page += " ".join(e.label for e in at.expander)
    for leak in ("SB-7731", "41,250", "Salary Bands", "salary-bands", "hr/confidential", "Board Minutes"):
        assert leak not in page.replace(SECRET_QUESTIONS[1], ""), leak


def test_a_broken_access_file_shows_nothing_and_says_why(own_corp):
    s, access = own_corp[0], own_corp[4]
    access.write_text(RULES + "finance/**\n", encoding="utf-8")  # a rule without groups
    with pytest.raises(AccessFileError, match="line 5"):
        s.filters_for(BOB)
    with pytest.raises(AccessFileError):
        answer_question("What is the mileage rate?", s, user=BOB)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app" / "streamlit_app.py"), default_timeout=120)
    at.session_state["services"] = s
    at.session_state["user"] = BOB
    at.run()
    assert not at.exception and not at.chat_input and "line 5" in at.error[0].value
