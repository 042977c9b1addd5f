"""Faro's chat page: employees ask, Faro answers from the indexed documents with citations.

Heavy shared objects (models, store) live in st.cache_resource (app/state.py); each browser
session keeps its own chat history in st.session_state. This script signs the user in
(app/signin.py), then routes: the chat for everyone, the admin pages (app/admin/) for the admin group.
"""

from __future__ import annotations

import logging
import time
from functools import partial
from pathlib import Path, PurePosixPath

import streamlit as st

from app.answer_view import numbered, passage_html, reflowed, sentence_highlights
from app.labels import LABELS, label, note_label
from app.signin import current_user, sign_out_button
from app.state import feedback_store, keep_messages, kept_messages, local_time, services, ui_language, viewer
from rag.answer.stream import AnswerStream
from rag.errors import FaroError
from rag.index.filters import Filters
from rag.index.manifest import Manifest
from rag.people.access import User
from rag.people.sources import media_type, source_file
from rag.services import Services
from rag.text.language import detect_language
from rag.types import location

log = logging.getLogger("faro.page")


def _where(page: int | None, page_end: int | None, section: str, language: str) -> str:
    """Where a passage is, in the answer's language ("página 3, 2. Duración de las vacaciones")."""
    words = (label("page", language), label("pages", language))
    return location(page, page_end, section, words) or label("whole_document", language)


def _read_source(docs_dir: Path, source: str, manifest: Manifest, who: User) -> bytes:
    # Checked again when the button is clicked: the folder (or the access file) may have changed.
    return source_file(docs_dir, source, manifest, who).read_bytes()


def offer_download(source: str, key: str, language: str) -> None:
    """A download button for the cited document, or why it cannot be downloaded."""
    s, who = services(), viewer()
    try:
        path = source_file(s.settings.docs_dir, source, s.manifest, who)
    except FaroError as exc:
        st.caption(label("download_unavailable", language, reason=exc))
        return
    name = PurePosixPath(source).name
    # A callable is read only when clicked: no document bytes are loaded on every rerun.
    st.download_button(
        label("download", language, name=name),
        data=partial(_read_source, s.settings.docs_dir, source, s.manifest, who),
        file_name=name,
        mime=media_type(path),
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )


def show_sources(citations: list[dict], key: str, language: str) -> None:
    """The cited passages under an answer (numbered as the text shows them: app/answer_view.py):
    marker, title, file, page or heading path; opened, the passage with the sentence the answer
    relies on highlighted, and the file to download. Each has the anchor its marker links to."""
    if not citations:
        return
    st.markdown(f"**{label('sources', language)}**")
    for j, c in enumerate(citations):
        st.html(f'<span id="{key}-source-{c["marker"]}"></span>')
        verified = c.get("verified", True)
        where = _where(c.get("page"), c.get("page_end"), c.get("section") or "", language)
        title = f"[{c['marker']}] {c['title']} - `{c['source']}`, {where}"
        with st.expander(title if verified else f"{title} :material/warning:"):
            if not verified:
                st.caption(label("not_verified", language))
            if c.get("note"):
                st.caption(label("note", language, note=note_label(c["note"], language)))
            if c.get("found_by_search"):
                st.caption(label("found_by_search", language))
            text = reflowed(c["text"])
            st.html(passage_html(text, sentence_highlights(text, c.get("highlights", []))))
            offer_download(c["source"], key=f"{key}_download_{j}", language=language)


# --- feedback: one record per answer. The first thumb stores it and is final: the thumbs give way to
# a line saying what was recorded (a widget disabled in the run its click arrives drops the click).
# A comment typed afterwards updates that same record.


def _rated(msg: dict, key: str) -> None:
    value = st.session_state.get(f"{key}_rating")
    if value is None or msg.get("feedback"):
        return
    rating = 1 if value == 1 else -1
    feedback_id = feedback_store().record(
        msg.get("question", ""),
        msg["content"],
        msg.get("citations", []),
        rating,
        rewritten_question=msg.get("rewritten", ""),
        generator=msg.get("generator", ""),
    )
    msg["feedback"] = {"id": feedback_id, "rating": rating, "comment": ""}
    _audit_feedback(msg)
    keep_messages()


def _audit_feedback(msg: dict) -> None:
    given = msg["feedback"]
    services().audit().feedback(
        viewer(),
        given["rating"],
        given["comment"],
        msg.get("question", ""),
        sorted({c["source"] for c in msg.get("citations", [])}),
    )


def _commented(msg: dict, key: str) -> None:
    comment = (st.session_state.get(f"{key}_comment") or "").strip()
    if msg.get("feedback") and comment != msg["feedback"]["comment"]:
        feedback_store().set_comment(msg["feedback"]["id"], comment)
        msg["feedback"]["comment"] = comment
        _audit_feedback(msg)  # the log only grows: a comment is a new entry
        keep_messages()


def show_feedback(msg: dict, key: str) -> None:
    """Thumbs up/down under an answer and, once rated, what was recorded and an optional comment."""
    given = msg.get("feedback")
    if not given:
        st.feedback("thumbs", key=f"{key}_rating", on_change=_rated, args=(msg, key))
        return
    language = _language(msg)
    thumb = label("rated_up" if given["rating"] > 0 else "rated_down", language)
    st.caption(label("rated_thanks_comment" if given["comment"] else "rated_thanks", language, thumb=thumb))
    st.text_input(
        label("comment", language),
        value=given["comment"],
        key=f"{key}_comment",
        on_change=_commented,
        args=(msg, key),
        placeholder=label("comment_hint", language),
    )


def _language(msg: dict) -> str:
    """The language of an answer's labels: its question's (kept with the message)."""
    return msg.get("language") or detect_language(msg.get("question", ""))


def show_details(msg: dict, key: str) -> None:
    """Everything under an answer's text: what is unsupported, what was searched, sources, rating."""
    language = _language(msg)
    # A decline says so in its own first sentence (rag/answer/prompt.py): no caption repeats it.
    if msg.get("unsupported"):
        # Left out of the answer: what the model wrote that no passage supports, for the curious.
        n = len(msg["unsupported"])
        with st.expander(
            label("left_out_one", language) if n == 1 else label("left_out_many", language, n=n),
            icon=":material/visibility_off:",
        ):
            for sentence in msg["unsupported"]:
                st.caption(f"~~{sentence}~~")
    if msg.get("rewritten"):
        with st.popover(label("searched_as", language), icon=":material/search:", type="tertiary"):
            st.caption(msg["rewritten"])
    _, citations = numbered(msg["content"], msg.get("citations", []), f"{key}-source")
    show_sources(citations, key, language)
    show_feedback(msg, key)


def shown_text(msg: dict, key: str) -> str:
    """What the page shows of a message: an answer's markers renumbered and linked to its sources."""
    if msg["role"] != "assistant":
        return msg["content"]
    return numbered(msg["content"], msg.get("citations", []), f"{key}-source")[0]


def show_message(msg: dict, index: int) -> None:
    with st.chat_message(msg["role"]):
        st.markdown(shown_text(msg, f"msg{index}"))
        if msg["role"] == "assistant":
            if msg.get("scope"):
                st.caption(msg["scope"])
            show_details(msg, key=f"msg{index}")


def sidebar(s: Services, who: User, visible: Filters) -> None:
    """What an employee needs beside the chat: what the documents cover (as `who` may see them:
    `visible` is Services.filters_for(who)), a notice when answers are slow, the search scope and
    a new conversation. Operator details (generator, chunks, failures) are on the admin Index page."""
    lang = ui_language()
    with st.sidebar:
        st.header("Faro")
        st.caption(label("tagline", lang))
        sign_out_button(s, who, lang)
        # What this user may read: the size of a closed folder is not theirs to know.
        summary = s.manifest.summary(visible.access)
        facets = s.retriever.keywords.facets(visible)  # read once a run: each is a scan of the chunks
        folders = facets["folders"]
        st.metric(label("documents", lang), summary["documents"])
        if folders:
            top = sorted({f.split("/", 1)[0] for f in folders})
            st.caption(label("in_folders", lang, folders=", ".join(top)))
        if summary["last_ingest"]:
            st.caption(label("updated", lang, when=local_time(summary["last_ingest"])))
        elif who.admin:
            st.caption("Nothing indexed yet: run `faro ingest FOLDER`.")
        else:
            st.caption(label("no_documents", lang))
        slow_notice(s, lang)
        search_scope(facets, lang)
        new_conversation(lang)


def slow_notice(s: Services, lang: str) -> None:
    """The one operator fact an employee needs: on the embedded model an answer takes a while."""
    try:
        slow = s.generator().name.startswith("embedded")
    except FaroError:
        return  # said when they ask
    if slow:
        st.info(label("slow", lang), icon=":material/schedule:")


def new_conversation(lang: str) -> None:
    """Clear the chat, after asking: a click by mistake must not lose the conversation."""
    if not st.session_state.get("messages"):
        return
    with st.popover(label("new_conversation", lang), icon=":material/add_comment:"):
        st.caption(label("new_conversation_hint", lang))
        if st.button(label("clear_conversation", lang), type="primary"):
            st.session_state["messages"] = []
            keep_messages()
            st.rerun()


def _language_name(code: str, lang: str) -> str:
    return label(f"language:{code}", lang) if f"language:{code}" in LABELS else code


def search_scope(facets: dict[str, list[str]], lang: str) -> None:
    """Narrow the search to some folders, document types or languages (empty = everything); only
    folders holding documents this user may read are offered (`facets` of what they may read)."""
    with st.expander(label("search_in", lang), expanded=bool(current_filters())):
        st.multiselect(
            label("folders", lang),
            facets["folders"],
            key="filter_folders",
            placeholder=label("all_folders", lang),
            help=label("folders_help", lang),
        )
        st.multiselect(
            label("doc_types", lang), facets["doc_types"], key="filter_types", placeholder=label("all_types", lang)
        )
        st.multiselect(
            label("languages", lang),
            facets["languages"],
            key="filter_languages",
            placeholder=label("all_languages", lang),
            format_func=partial(_language_name, lang=lang),
        )


def current_filters() -> Filters:
    return Filters(
        doc_types=tuple(st.session_state.get("filter_types", ())),
        folders=tuple(st.session_state.get("filter_folders", ())),
        languages=tuple(st.session_state.get("filter_languages", ())),
    )


def describe(filters: Filters, language: str) -> str:
    parts = [
        ", ".join(filters.folders),
        ", ".join(filters.doc_types),
        ", ".join(_language_name(code, language) for code in filters.languages),
    ]
    return label("searched_only", language, scope="; ".join(p for p in parts if p))


def show_found(box, hits: list, language: str) -> None:
    """The passages the model is reading, shown as soon as they are found: the employee can start
    reading while the answer is written. The checked answer's own sources replace them."""
    with box.container():
        st.markdown(
            "**"
            + (label("reading_one", language) if len(hits) == 1 else label("reading_many", language, n=len(hits)))
            + "**"
        )
        for h in hits:
            c = h.chunk
            with st.expander(f"{c.title} - `{c.source}`, {_where(c.page, c.page_end, c.section, language)}"):
                st.html(passage_html(c.text, []))


def examples(s: Services, lang: str) -> None:
    """An empty page offers questions to click (FARO_EXAMPLE_QUESTIONS), or says what to ask."""
    offered = [q.strip() for q in s.settings.example_questions.split("|") if q.strip()]
    if not offered:
        st.caption(label("ask_hint", lang))
        return
    st.caption(label("try_these", lang))
    for i, q in enumerate(offered):
        st.button(q, key=f"example_{i}", on_click=_ask, args=(q,), icon=":material/help:", type="tertiary")


def _ask(question: str) -> None:
    st.session_state["pending"] = question


def _queue() -> None:
    # The question waits in the session; the run that answers it keeps the input disabled, so a
    # second question cannot interrupt (and silently drop) the answer being written.
    st.session_state["pending"] = st.session_state.get("question_box") or ""


def chat() -> None:
    began = time.perf_counter()  # this run's start: the question's, when one was just asked
    s, who = services(), viewer()
    try:
        visible = s.filters_for(who)  # an unreadable access file shows nothing rather than everything
    except FaroError as exc:
        st.error(str(exc))
        st.stop()
    sidebar(s, who, visible)
    st.title(label("title", ui_language()))
    if "messages" not in st.session_state:  # a new tab or a reload: the conversation kept on the server
        st.session_state["messages"] = kept_messages(who)
    messages: list[dict] = st.session_state["messages"]
    if not messages and not st.session_state.get("pending"):
        examples(s, ui_language())
    for index, msg in enumerate(messages):
        show_message(msg, index)
    if st.session_state.get("failed"):
        st.error(st.session_state.pop("failed"))

    question = st.session_state.get("pending")
    st.chat_input(
        label("ask_placeholder", ui_language()), key="question_box", on_submit=_queue, disabled=bool(question)
    )
    if not question:
        return
    try:
        answer_here(s, who, messages, question, began)
    finally:
        st.session_state.pop("pending", None)
    st.rerun()  # the input comes back


def answer_here(s: Services, who: User, messages: list[dict], question: str, began: float) -> None:
    """Ask, and show: the passages found at once, then the answer as its sentences are checked.
    `began`: when this run started; the log line of each question says how long each step took."""
    shown_at: list[float] = []
    user_msg = {"role": "user", "content": question}
    messages.append(user_msg)
    show_message(user_msg, len(messages) - 1)
    filters = current_filters()
    language = detect_language(question)
    scope = describe(filters, language) if filters else ""
    with st.chat_message("assistant"):
        if scope:
            st.caption(scope)
        # Earlier turns let a follow-up ("and for part-time staff?") be searched as a whole question.
        history = [{"role": m["role"], "content": m["content"]} for m in messages[:-1]]
        status = st.empty()
        status.caption(":material/search: " + label("searching", language))
        text = st.empty()
        found = st.empty()

        def on_found(hits: list) -> None:
            status.caption(":material/edit_note: " + label("writing", language))
            show_found(found, hits, language)
            shown_at.append(time.perf_counter())

        def on_checking() -> None:
            status.caption(":material/fact_check: " + label("checking", language))

        stream = AnswerStream(
            question, s, filters=filters, history=history, user=who, on_found=on_found, on_checking=on_checking
        )
        try:
            text.write_stream(stream)
        except FaroError as exc:
            # Kept for the run that follows (st.rerun brings the input back), shown under the question.
            st.session_state["failed"] = str(exc)
            keep_messages()
            return
        status.empty()
        found.empty()
        answer = stream.answer
        # For the operator (timings and counts, never the question): what people wait for.
        log.info(
            "question answered on the page: passages shown after %s, answer after %.2f s (search %.2f s); "
            "%d sources, %s",
            f"{shown_at[0] - began:.2f} s" if shown_at else "- (none relevant)",
            time.perf_counter() - began,
            answer.timings.get("retrieve", 0.0),
            len(answer.citations),
            "declined" if answer.abstained else "answered",
        )
        s.record_question(who, answer, via="page")
        msg = {
            "role": "assistant",
            "content": answer.text,
            "question": question,
            "citations": [c.to_json() for c in answer.citations],
            "abstained": answer.abstained,
            "unsupported": list(answer.unsupported),
            "rewritten": answer.rewritten,
            "generator": answer.generator,
            "timings": answer.timings,
            "scope": scope,
            "language": language,
        }
        messages.append(msg)
        keep_messages()
        # The streamed draft gives way to the checked answer: markers that did not hold removed,
        # the rest numbered by first use, Faro's notes on older versions and disagreeing documents
        # added. The same keys the history will use on the next run, so the widgets keep their state.
        key = f"msg{len(messages) - 1}"
        text.markdown(shown_text(msg, key))
        show_details(msg, key=key)


def main() -> None:
    st.set_page_config(page_title="Faro", page_icon=":material/lightbulb:", layout="centered")
    s = services()
    who = current_user(s)
    if who is None:
        st.stop()
    st.session_state["viewer"] = who
    # Titled in the page's language (the sidebar's link, the tab); the address stays the same.
    pages = [st.Page(chat, title=label("title", ui_language()), icon=":material/chat:", url_path="ask", default=True)]
    if who.admin:  # the others never see these pages, nor a link to them
        here = Path(__file__).parent / "admin"  # not "pages/": Streamlit would list those to anyone
        pages += [
            st.Page(here / "index.py", title="Index", icon=":material/inventory_2:"),
            st.Page(here / "audit.py", title="Audit", icon=":material/policy:"),
        ]
    st.navigation(pages).run()


main()
