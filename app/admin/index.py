"""Admin view: what is indexed, who may read it, what failed and why, when each document was last
indexed, and how employees rated the answers. Only for the admin group."""

from __future__ import annotations

import streamlit as st

from app.state import admin_only, feedback_store, local_time, services
from rag.errors import FaroError
from rag.people.access import readers

st.set_page_config(page_title="Faro: Index", layout="wide")  # the tables need the width
s = services()
admin_only()
st.title("Index")
summary = s.manifest.summary()
col1, col2, col3, col4 = st.columns(4)
col1.metric("Documents", summary["documents"])
col2.metric("Chunks", s.store.count())
col3.metric("Failed", summary["failed"])
col4.metric("Pending", summary["pending"])

# Operator details: here, not on the employees' page.
st.subheader("Server")
try:
    st.caption(f"Generator: {s.generator().name}")
    if s.generator_note:
        st.warning(s.generator_note)
except FaroError as exc:
    st.error(str(exc))
if s.settings.auth == "off":
    st.warning(
        "Sign-in is off (FARO_AUTH=off): everyone who reaches the page is the same anonymous user "
        "and sees these admin pages. Documents reserved for a group are not shown.",
        icon=":material/lock_open:",
    )
else:
    st.caption(f"Sign-in: {s.settings.auth}")
if summary["last_ingest"]:
    st.caption("Last change: " + local_time(summary["last_ingest"], seconds=True))

records = s.manifest.all()
failed = [r for r in records if r.status == "failed"]
st.subheader(f"Failures ({len(failed)})")
if failed:
    st.caption(
        "Each file is retried when it changes. Fix it (remove the password, export it with a text "
        "layer, save it as .docx) and drop it in the folder again."
    )
    st.dataframe(
        [{"file": r.source, "reason": r.error, "seen": local_time(r.indexed_at)} for r in failed],
        hide_index=True,
    )
else:
    st.caption("No file failed.")

st.subheader("Documents")
st.dataframe(
    [
        {
            "file": r.source,
            "title": r.title,
            "status": r.status,
            "pages": r.pages or None,
            "chunks": r.chunks,
            "readable by": readers(r.access),
            "note": r.error,
            "indexed": local_time(r.indexed_at),
        }
        for r in records
        if r.status != "failed"
    ],
    hide_index=True,
)

st.subheader("Feedback")
feedback = feedback_store().all()
if feedback:
    st.caption("Employees' ratings of answers, newest first, with the passages each answer cited.")
    st.dataframe(
        [
            {
                "time": local_time(f.created_at),
                "rating": "👍" if f.rating > 0 else "👎",
                "question": f.question,
                "answer": f.answer,
                "comment": f.comment,
                "searched as": f.rewritten_question,
                "generator": f.generator,
                "sources": ", ".join(
                    f"[{c['marker']}] {c['source']}" + (f" p. {c['page']}" if c.get("page") else "")
                    for c in f.citations
                ),
            }
            for f in feedback
        ],
        hide_index=True,
    )
else:
    st.caption("No answer has been rated yet.")
