"""Faro's chat page: employees ask, Faro answers from the indexed documents with citations.

Heavy shared objects (models, store) live in st.cache_resource (app/state.py); each browser
session keeps its own chat history in st.session_state. The admin view is app/pages/admin.py.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st

from app.state import services
from rag.answer import AnswerStream
from rag.errors import FaroError
from rag.keywords import Filters
from rag.services import Services

st.set_page_config(page_title="Faro", page_icon=":material/lightbulb:", layout="centered")


def _where(c: dict) -> str:
    if c.get("page"):
        return f"page {c['page']}"
    return c.get("section") or "whole document"


def show_sources(citations: list[dict]) -> None:
    """The cited passages under an answer: marker, title, file, page or heading path, text."""
    if not citations:
        return
    st.markdown("**Sources**")
    for c in citations:
        label = f"[{c['marker']}] {c['title']} - `{c['source']}`, {_where(c)}"
        with st.expander(label):
            st.markdown(c["text"])


def show_message(msg: dict) -> None:
    with st.chat_message(msg["role"]):
        st.markdown(msg["content"])
        if msg["role"] == "assistant":
            if msg.get("scope"):
                st.caption(msg["scope"])
            if msg.get("abstained"):
                st.caption("Faro did not find this in the documents.")
            show_sources(msg.get("citations", []))


def sidebar(s: Services) -> None:
    with st.sidebar:
        st.header("Faro")
        st.caption("Answers from your company's documents, with citations.")
        summary = s.manifest.summary()
        st.subheader("Index")
        col1, col2 = st.columns(2)
        col1.metric("Documents", summary["documents"])
        col2.metric("Chunks", s.store.count())
        if summary["last_ingest"]:
            when = dt.datetime.fromtimestamp(summary["last_ingest"]).strftime("%Y-%m-%d %H:%M")
            st.caption(f"Last ingest: {when}")
        else:
            st.caption("Nothing indexed yet: run `faro ingest FOLDER`.")
        failed = [r for r in s.manifest.all() if r.status == "failed"]
        if failed:
            with st.expander(f"{len(failed)} file(s) could not be indexed"):
                for r in failed:
                    st.markdown(f"- `{r.source}`: {r.error}")
        st.subheader("Generator")
        try:
            st.caption(s.generator().name)
            if s.generator_note:
                st.warning(s.generator_note)
        except FaroError as exc:
            st.error(str(exc))
        search_scope(s)
        if st.button("New conversation"):
            st.session_state["messages"] = []


_LANGUAGES = {"en": "English", "es": "Spanish"}


def search_scope(s: Services) -> None:
    """Narrow the search to some folders, document types or languages (empty = everything)."""
    facets = s.retriever.keywords.facets()
    with st.expander("Search in", expanded=bool(current_filters())):
        st.multiselect("Folders", facets["folders"], key="filter_folders", placeholder="All folders",
                       help="A folder includes its subfolders.")
        st.multiselect("Document types", facets["doc_types"], key="filter_types", placeholder="All types")
        st.multiselect("Languages", facets["languages"], key="filter_languages", placeholder="All languages",
                       format_func=lambda code: _LANGUAGES.get(code, code))


def current_filters() -> Filters:
    return Filters(doc_types=tuple(st.session_state.get("filter_types", ())),
                   folders=tuple(st.session_state.get("filter_folders", ())),
                   languages=tuple(st.session_state.get("filter_languages", ())))


def describe(filters: Filters) -> str:
    parts = [", ".join(filters.folders), ", ".join(filters.doc_types),
             ", ".join(_LANGUAGES.get(code, code) for code in filters.languages)]
    return "Searched only: " + "; ".join(p for p in parts if p)


def main() -> None:
    s = services()
    sidebar(s)
    st.title("Ask Faro")
    messages: list[dict] = st.session_state.setdefault("messages", [])
    if not messages:
        st.caption('Ask about a policy, e.g. "How many vacation days can I carry over to next year?"')
    for msg in messages:
        show_message(msg)

    question = st.chat_input("Ask a question about company policy")
    if not question:
        return
    user_msg = {"role": "user", "content": question}
    messages.append(user_msg)
    show_message(user_msg)
    filters = current_filters()
    scope = describe(filters) if filters else ""
    with st.chat_message("assistant"):
        if scope:
            st.caption(scope)
        stream = AnswerStream(question, s, filters=filters)
        try:
            st.write_stream(stream)
        except FaroError as exc:
            st.error(str(exc))
            return
        answer = stream.answer
        if answer.abstained:
            st.caption("Faro did not find this in the documents.")
        citations = [c.to_json() for c in answer.citations]
        show_sources(citations)
    messages.append({
        "role": "assistant", "content": answer.text, "citations": citations,
        "abstained": answer.abstained, "timings": answer.timings, "scope": scope,
    })


main()
