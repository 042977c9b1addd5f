"""The chat page through Streamlit's AppTest, answering over HTTP from an Ollama double."""

from __future__ import annotations

import logging
import re
import tempfile
from pathlib import Path

from streamlit.testing.v1 import AppTest

from conftest import ROOT, double_generator, with_generator
from rag.people.access import user
from rag.people.audit import AuditLog
from rag.people.feedback import FeedbackStore
from rag.services import Services

PAGE = str(ROOT / "app" / "streamlit_app.py")
ADMIN = str(ROOT / "app" / "admin" / "index.py")
QUESTION = "How many vacation days can I carry over to next year?"
EMPLOYEE = user("emma", ["staff"])
ADMIN_USER = user("root", ["faro-admins"], "faro-admins")


def _page(indexed, double, data_dir=None) -> AppTest:
    gen = double_generator(double)
    at = AppTest.from_file(PAGE, default_timeout=120)
    s = with_generator(indexed, gen)
    # A folder of its own: what one test writes (ratings, the kept conversation) is not the next one's.
    at.session_state["services"] = _writing_to(s, data_dir or Path(tempfile.mkdtemp(dir=s.settings.data_dir)))
    at.session_state["user"] = EMPLOYEE  # signed in (tests/test_signin.py signs in through the form)
    return at


def _writing_to(s: Services, data_dir) -> Services:
    """The same index and models, with what the page writes (feedback) going to data_dir: the
    shared index must not be written to."""
    return s.with_settings(s.settings.model_copy(update={"data_dir": data_dir}))


def test_the_sidebar_says_what_the_documents_cover_and_nothing_an_operator_says(indexed, ollama_double):
    at = _page(indexed, ollama_double).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.sidebar.get("metric")}
    assert int(metrics["Documents"]) == indexed.manifest.summary()["documents"] >= 14
    assert "Chunks" not in metrics
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "In " in captions and "hr" in captions and "operations" in captions
    shown = " ".join(
        e.value
        for e in at.main.get("caption")
        + at.sidebar.get("caption")
        + at.get("warning")
        + at.get("info")
        + at.get("markdown")
    )
    for operator_text in ("qwen", "ollama", "Ollama", "Generator", "FARO_", "Chunks", "llama.cpp"):
        assert operator_text not in shown


def test_the_index_page_tells_the_operator_the_generator_and_the_sign_in_mode(indexed, ollama_double, tmp_path):
    at = AppTest.from_file(ADMIN, default_timeout=120)
    at.session_state["services"] = _writing_to(with_generator(indexed, double_generator(ollama_double)), tmp_path)
    at.session_state["viewer"] = ADMIN_USER
    at.run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "ollama qwen2.5:3b" in captions and "Sign-in: local" in captions
    assert int({m.label: m.value for m in at.get("metric")}["Chunks"]) == indexed.store.count()


def test_question_gets_a_streamed_answer_with_its_sources(indexed, ollama_double):
    ollama_double.reply("You can carry over up to 8 unused vacation days [1], until 30 April [1][6].")
    at = _page(indexed, ollama_double).run()
    at.chat_input[0].set_value(QUESTION).run()
    assert not at.exception
    assert [m.name for m in at.chat_message] == ["user", "assistant"]
    answer = at.chat_message[1]
    # Markers link to their sources, numbered by first use; [6] did not hold and is gone.
    assert (
        "8 unused vacation days [\\[1\\]](#msg1-source-1), until 30 April [\\[1\\]](#msg1-source-1)."
        in answer.markdown[0].value
    )
    assert "6" not in re.findall(r"\\\[(\d+)\\\]", answer.markdown[0].value)
    # The checked answer replaces the draft, with Faro's note on the superseded 2023 policy.
    assert "An older version of this policy differs" in answer.markdown[0].value
    labels = [e.label for e in answer.expander]
    # Marker [1] is the current leave policy, page 2 under its heading; the older version, cited by
    # the note as passage 3, is the second source used: [2].
    assert labels == [
        "[1] Leave Policy - `hr/leave-policy-2025.pdf`, page 2, 5. Carrying over unused holiday",
        "[2] Leave Policy - `hr/leave-policy-2023.pdf`, pages 2-3, 6. Carrying over unused holiday",
    ]
    assert "#msg1-source-2" in answer.markdown[0].value
    passage = answer.expander[0].html[0].value
    assert "carry over up to" in " ".join(re.sub(r"</?mark>", "", passage).split())
    assert re.search(r"<mark>[^<]*30 April[^<]*</mark>", passage)  # the sentence relied on, not the words


def test_history_stays_in_the_session(indexed, ollama_double):
    ollama_double.reply("You can carry over up to 8 unused vacation days [1].")
    ollama_double.reply("Form FIN-220 is the expense claim form [1].")
    at = _page(indexed, ollama_double).run()
    at.chat_input[0].set_value(QUESTION).run()
    at.chat_input[0].set_value("What is form FIN-220?").run()
    assert [m.name for m in at.chat_message] == ["user", "assistant", "user", "assistant"]
    assert "8 unused vacation days" in at.chat_message[1].markdown[0].value
    assert "FIN-220 is the expense claim form" in at.chat_message[3].markdown[0].value


def test_each_question_logs_its_timings_for_the_operator_and_not_its_text(indexed, ollama_double, caplog):
    ollama_double.reply("You can carry over up to 8 unused vacation days [1].")
    at = _page(indexed, ollama_double).run()
    with caplog.at_level(logging.INFO, logger="faro.page"):
        at.chat_input[0].set_value(QUESTION).run()
        at.chat_input[0].set_value("What is the boiling point of mercury?").run()
    answered, declined = [r.getMessage() for r in caplog.records if r.name == "faro.page"]
    assert re.search(r"passages shown after \d+\.\d\d s, answer after \d+\.\d\d s .*; \d+ sources, answered", answered)
    assert "passages shown after - (none relevant)" in declined and declined.endswith("declined")
    assert "vacation" not in answered + declined and "mercury" not in declined  # what people ask is the audit's


def test_unanswerable_question_is_declined_without_the_model(indexed, ollama_double):
    at = _page(indexed, ollama_double).run()
    at.chat_input[0].set_value("What is the boiling point of mercury?").run()
    assert "does not cover" in at.chat_message[1].markdown[0].value
    assert "“mercury”" in at.chat_message[1].markdown[0].value  # the words no document uses
    # The decline says so itself: no caption under it repeats it.
    assert not any("did not find" in c.value for c in at.chat_message[1].caption)
    assert ollama_double.requests == []


def test_admin_page_lists_documents_and_failures_with_reasons(tmp_path, embedder):
    import shutil

    from conftest import SAMPLE
    from ingest.pipeline import Ingestor
    from rag.services import build_services
    from rag.settings import Settings

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy2(SAMPLE / "operations/faq.md", docs / "faq.md")
    (docs / "scan.pdf").write_bytes(b"")
    settings = Settings(data_dir=tmp_path / "data", docs_dir=docs, _env_file=None)
    s = build_services(settings, embedder=embedder)
    Ingestor(settings, embedder, s.store, s.manifest).ingest([docs])

    at = AppTest.from_file(ADMIN, default_timeout=60)
    at.session_state["services"] = s
    at.session_state["user"] = ADMIN_USER
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert (int(metrics["Documents"]), int(metrics["Failed"])) == (1, 1)
    failures, documents = at.dataframe[0].value, at.dataframe[1].value
    assert list(failures["file"]) == ["scan.pdf"] and "empty" in failures["reason"][0]
    assert list(documents["file"]) == ["faq.md"] and documents["status"][0] == "indexed"


def test_search_scope_narrows_the_passages(indexed, ollama_double):
    ollama_double.reply("Limits are per person and cannot be carried over between days [1].")
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


# A passage as the verifier marks it up: the cited words as [start, end) spans of its text. The text
# holds what would be markup in HTML or Markdown, which the page must show as plain characters.
PASSAGE = "Staff may carry over <b>8</b> **unused** days ($5 :red[x]) until 30 April.\nOther text."
_START, _END = PASSAGE.index("carry over"), PASSAGE.index("</b>") + len("</b>")
_UNTIL = PASSAGE.index("until 30 April")
HIGHLIGHTS = [[_START, _START + 8], [_START + 5, _END], [_UNTIL, _UNTIL + len("until 30 April")]]
CITED = {
    "marker": 1,
    "verified": True,
    "highlights": HIGHLIGHTS,
    "note": "",
    "source": "hr/leave-policy-2025.pdf",
    "title": "Leave Policy",
    "page": 2,
    "section": "",
    "chunk_id": "c1",
    "text": PASSAGE,
}


def _conversation(*citations, **extra) -> list[dict]:
    cited = "".join(f"[{c['marker']}]" for c in citations)
    return [
        {"role": "user", "content": QUESTION},
        {
            "role": "assistant",
            "content": f"Up to 8 days {cited}.",
            "question": QUESTION,
            "citations": list(citations),
            "abstained": False,
            "scope": "",
            **extra,
        },
    ]


def test_a_citation_shows_its_passage_highlighted_and_the_file_to_download(indexed, ollama_double):
    at = _page(indexed, ollama_double)
    at.session_state["messages"] = _conversation(CITED)
    at.run()
    assert not at.exception
    source = at.chat_message[1].expander[0]
    assert source.label == "[1] Leave Policy - `hr/leave-policy-2025.pdf`, page 2"
    # Overlapping spans are joined; every character of the document is escaped, in and out of a mark.
    assert source.html[0].value == (
        '<div style="white-space: pre-wrap"><mark>Staff may carry over &lt;b&gt;8&lt;/b&gt; '
        "**unused** days ($5 :red[x]) until 30 April.</mark>\nOther text.</div>"
    )
    [button] = source.get("download_button")
    assert button.label == "Download leave-policy-2025.pdf"
    # The file is read when clicked, not on every rerun. (AppTest drops its media manager after each
    # run, so the bytes served are checked through rag.people.sources in tests/test_sources.py.)
    assert button.proto.deferred_file_id


def test_an_unverified_citation_and_a_refused_download_say_so(indexed, ollama_double):
    unverified = dict(CITED, verified=False, highlights=[], note="older version")
    outside = dict(CITED, marker=2, source="../pyproject.toml", title="Project")
    at = _page(indexed, ollama_double)
    at.session_state["messages"] = _conversation(unverified, outside)
    at.run()
    assert not at.exception
    first, second = at.chat_message[1].expander
    assert first.label.endswith(":material/warning:")
    captions = [c.value for c in first.caption]
    assert any("Not verified against the passage" in c for c in captions)
    assert "Note: older version" in captions
    assert "<mark>" not in first.html[0].value
    assert not second.get("download_button")
    assert any("Download unavailable" in c.value and "'..'" in c.value for c in second.caption)


def test_unsupported_sentences_and_the_searched_question_are_shown(indexed, ollama_double):
    at = _page(indexed, ollama_double)
    at.session_state["messages"] = _conversation(
        CITED, unsupported=["Managers may approve more."], rewritten="How many vacation days carry over?"
    )
    at.run()
    assert not at.exception
    # Left out of the answer, listed in a collapsed, labelled section under it.
    [left_out] = [e for e in at.chat_message[1].expander if e.label.startswith("Left out")]
    assert left_out.label == "Left out: 1 sentence the documents do not support"
    assert [c.value for c in left_out.caption] == ["~~Managers may approve more.~~"]
    captions = [c.value for c in at.chat_message[1].caption]
    assert "How many vacation days carry over?" in captions


def test_thumbs_are_recorded_once_with_the_question_answer_and_citations(indexed, ollama_double, tmp_path):
    ollama_double.reply("You can carry over up to 8 unused vacation days [1].")
    at = _page(indexed, ollama_double, data_dir=tmp_path)
    at.run()
    at.chat_input[0].set_value(QUESTION).run()
    assert not at.exception
    at.chat_message[1].feedback[0].set_value(0).run()  # thumbs down
    assert not at.exception
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    [f] = store.all()
    assert (f.rating, f.question) == (-1, QUESTION)
    assert f.answer.startswith("You can carry over up to 8 unused vacation days [1].\n\nAn older version")
    assert f.generator.startswith("ollama qwen2.5:3b")
    assert [(c["marker"], c["source"]) for c in f.citations] == [
        (1, "hr/leave-policy-2025.pdf"),
        (3, "hr/leave-policy-2023.pdf"),
    ]
    answer = at.chat_message[1]
    assert not answer.feedback  # the thumbs give way to what was recorded
    assert any("Rated not helpful" in c.value and "recorded" in c.value for c in answer.caption)

    answer.text_input[0].input("It is 5 days since 2025").run()
    at.run()  # more reruns add nothing
    assert not at.exception
    assert [(f.rating, f.comment) for f in store.all()] == [(-1, "It is 5 days since 2025")]
    assert any("with your comment" in c.value for c in at.chat_message[1].caption)
    # The audit trail has who asked, what they were shown, and each rating, in order.
    signin, *events = AuditLog(tmp_path / "audit.sqlite3").events()
    assert (signin.user, signin.kind) == ("emma", "signin")
    assert [(e.user, e.kind, e.question, e.rating, e.comment) for e in events] == [
        ("emma", "question", QUESTION, None, None),
        ("emma", "feedback", QUESTION, -1, ""),
        ("emma", "feedback", QUESTION, -1, "It is 5 days since 2025"),
    ]
    assert "hr/leave-policy-2025.pdf" in events[0].sources and events[0].via == "page"


def test_admin_page_lists_feedback_newest_first(indexed, tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.record(
        "What is form FIN-220?",
        "An expense claim form [1].",
        [{"marker": 1, "source": "finance/expenses-and-travel-policy.pdf", "page": 3}],
        1,
    )
    store.record(QUESTION, "Up to 8 days [1].", [CITED], -1, comment="Wrong year")
    at = AppTest.from_file(ADMIN, default_timeout=60)
    at.session_state["services"] = _writing_to(indexed, tmp_path)
    at.session_state["user"] = ADMIN_USER
    at.run()
    assert not at.exception
    feedback = at.dataframe[-1].value
    assert list(feedback["question"]) == [QUESTION, "What is form FIN-220?"]
    assert list(feedback["rating"]) == ["👎", "👍"]
    assert list(feedback["comment"]) == ["Wrong year", ""]
    assert list(feedback["sources"]) == [
        "[1] hr/leave-policy-2025.pdf p. 2",
        "[1] finance/expenses-and-travel-policy.pdf p. 3",
    ]


def test_an_example_question_is_asked_by_clicking_it(indexed, ollama_double):
    ollama_double.reply("You can carry over up to 8 unused vacation days [1].")
    at = _page(indexed, ollama_double)
    s = at.session_state["services"]
    at.session_state["services"] = s.with_settings(
        s.settings.model_copy(update={"example_questions": f"{QUESTION}|¿Cuántos días a la semana puedo teletrabajar?"})
    )
    at.run()
    assert [b.label for b in at.button][:2] == [QUESTION, "¿Cuántos días a la semana puedo teletrabajar?"]
    at.button[0].click().run()
    assert [m.name for m in at.chat_message] == ["user", "assistant"]
    assert at.chat_message[0].markdown[0].value == QUESTION
    assert "8 unused vacation days" in at.chat_message[1].markdown[0].value
    assert not at.chat_input[0].disabled  # and the input is back


def test_new_conversation_asks_before_it_clears(indexed, ollama_double):
    ollama_double.reply("You can carry over up to 8 unused vacation days [1].")
    at = _page(indexed, ollama_double).run()
    at.chat_input[0].set_value(QUESTION).run()
    assert len(at.chat_message) == 2
    clear = next(b for b in at.sidebar.button if b.label == "Clear the conversation")  # inside the popover
    assert len(at.chat_message) == 2  # opening the popover clears nothing
    clear.click().run()
    assert len(at.chat_message) == 0


def test_the_conversation_is_kept_on_the_server_for_a_new_tab(indexed, ollama_double, tmp_path):
    ollama_double.reply("You can carry over up to 8 unused vacation days [1].")
    at = _page(indexed, ollama_double, data_dir=tmp_path).run()
    at.chat_input[0].set_value(QUESTION).run()

    again = _page(indexed, ollama_double, data_dir=tmp_path).run()  # a new session: a reload, a new tab
    assert [m.name for m in again.chat_message] == ["user", "assistant"]
    assert again.chat_message[0].markdown[0].value == QUESTION
    assert "8 unused vacation days" in again.chat_message[1].markdown[0].value

    other = _page(indexed, ollama_double, data_dir=tmp_path)
    other.session_state["user"] = user("olga", ["staff"])
    other.run()
    assert not other.chat_message  # each user's own conversation


def test_a_spanish_answer_comes_with_spanish_labels(indexed, ollama_double):
    at = _page(indexed, ollama_double)
    conversation = _conversation(CITED)
    conversation[0]["content"] = conversation[1]["question"] = (
        "¿Cuántos días de vacaciones puedo guardar para el año que viene?"
    )
    conversation[1].update(abstained=True, unsupported=["Son 30 días."])
    conversation[1]["citations"] = [{**CITED, "page_end": 3, "section": "Vacaciones > 2. Duración"}]
    at.session_state["messages"] = conversation
    at.run()
    assert not at.exception
    answer = at.chat_message[1]
    shown = " ".join(m.value for m in answer.markdown) + " ".join(c.value for c in answer.caption)
    assert "Fuentes" in shown and "Sources" not in shown
    assert any(e.label.startswith("Omitida: 1 frase") for e in answer.expander)
    # Where the passage is, in Spanish too: "page 2" was the one English word left.
    assert any(e.label.endswith("`hr/leave-policy-2025.pdf`, páginas 2-3, 2. Duración") for e in answer.expander)
    assert answer.get("download_button")[0].label == "Descargar leave-policy-2025.pdf"
