"""The chat page through Streamlit's AppTest, answering over HTTP from an Ollama double."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from rag.generator import OllamaGenerator

from conftest import ROOT, with_generator

PAGE = str(ROOT / "app" / "streamlit_app.py")
QUESTION = "How many vacation days can I carry over to next year?"


def _page(indexed, double) -> AppTest:
    gen = OllamaGenerator(double.url, "qwen2.5:3b", temperature=0.1, context_tokens=4096,
                          max_tokens=200, timeout=10)
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["services"] = with_generator(indexed, gen)
    return at


def test_sidebar_shows_the_index_and_the_generator(indexed, ollama_double):
    at = _page(indexed, ollama_double).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.sidebar.get("metric")}
    assert int(metrics["Documents"]) == indexed.manifest.summary()["documents"] >= 14
    assert int(metrics["Chunks"]) == indexed.store.count()
    assert any("ollama qwen2.5:3b" in c.value for c in at.sidebar.caption)


def test_question_gets_a_streamed_answer_with_its_sources(indexed, ollama_double):
    ollama_double.reply("You can carry over up to 8 unused vacation days [1], until 30 April [1][6].")
    at = _page(indexed, ollama_double).run()
    at.chat_input[0].set_value(QUESTION).run()
    assert not at.exception
    assert [m.name for m in at.chat_message] == ["user", "assistant"]
    answer = at.chat_message[1]
    assert "8 unused vacation days [1], until 30 April [1]." in answer.markdown[0].value
    assert "[6]" not in answer.markdown[0].value
    labels = [e.label for e in answer.expander]
    # Marker [1] is the best passage: one of the two versions of the leave policy, page 2.
    assert len(labels) == 1 and labels[0].startswith("[1] Leave Policy - `hr/leave-policy-20")
    assert labels[0].endswith("page 2")
    assert "carry over up to" in " ".join(answer.expander[0].markdown[0].value.split())


def test_history_stays_in_the_session(indexed, ollama_double):
    ollama_double.reply("First answer [1].")
    ollama_double.reply("Second answer [1].")
    at = _page(indexed, ollama_double).run()
    at.chat_input[0].set_value(QUESTION).run()
    at.chat_input[0].set_value("What is form FIN-220?").run()
    assert [m.name for m in at.chat_message] == ["user", "assistant", "user", "assistant"]
    assert "First answer" in at.chat_message[1].markdown[0].value


def test_unanswerable_question_is_declined_without_the_model(indexed, ollama_double):
    at = _page(indexed, ollama_double).run()
    at.chat_input[0].set_value("What is the boiling point of mercury?").run()
    assert "does not cover" in at.chat_message[1].markdown[0].value
    assert ollama_double.requests == []


def test_admin_page_lists_documents_and_failures_with_reasons(tmp_path, embedder):
    import shutil

    from ingest.pipeline import Ingestor
    from rag.services import build_services
    from rag.settings import Settings

    from conftest import SAMPLE

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy2(SAMPLE / "operations/faq.md", docs / "faq.md")
    (docs / "scan.pdf").write_bytes(b"")
    settings = Settings(data_dir=tmp_path / "data", docs_dir=docs, _env_file=None)
    s = build_services(settings, embedder=embedder)
    Ingestor(settings, embedder, s.store, s.manifest).ingest([docs])

    at = AppTest.from_file(str(ROOT / "app" / "pages" / "admin.py"), default_timeout=60)
    at.session_state["services"] = s
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert (int(metrics["Documents"]), int(metrics["Failed"])) == (1, 1)
    failures, documents = at.dataframe[0].value, at.dataframe[1].value
    assert list(failures["file"]) == ["scan.pdf"] and "empty" in failures["reason"][0]
    assert list(documents["file"]) == ["faq.md"] and documents["status"][0] == "indexed"


def test_search_scope_narrows_the_passages(indexed, ollama_double):
    ollama_double.reply("Receipts are needed above a threshold [1].")
    at = _page(indexed, ollama_double).run()
    folders = at.sidebar.multiselect(key="filter_folders")
    assert {"finance", "hr", "es"} <= set(folders.options)
    assert {o for o in at.sidebar.multiselect(key="filter_languages").options} == {"English", "Spanish"}
    folders.select("finance").run()
    at.chat_input[0].set_value(QUESTION).run()
    assert not at.exception
    answer = at.chat_message[1]
    assert "Searched only: finance" in [c.value for c in answer.caption]
    labels = [e.label for e in answer.expander]
    # The vacation question's best passages are in hr/; narrowed to finance, only finance is cited.
    assert labels and all("`finance/" in label for label in labels)
    # The prompt the model received held finance passages only.
    prompt = ollama_double.requests[-1]["messages"][-1]["content"]
    assert "leave-policy" not in prompt and "expenses-and-travel-policy" in prompt
