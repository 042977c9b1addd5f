"""Admin view of the audit trail: who asked what and when, what they were shown, what they rated;
and the CSV export for the data-protection officer. Only for the admin group."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app.state import admin_only, local_time, services
from rag.people.audit import parse_since

st.set_page_config(page_title="Faro: Audit", layout="wide")  # the tables need the width
s = services()
admin_only()
st.title("Audit")
log = s.audit()
cfg = s.settings
st.caption(f"Kept {cfg.audit_retention_days} days" if cfg.audit_retention_days else "Kept without a time limit")
if not cfg.audit_questions:
    st.caption("Question text is not stored (FARO_AUDIT_QUESTIONS=false).")

since = st.date_input("From", value=dt.date.today() - dt.timedelta(days=30), key="audit_since")
start = parse_since(since.isoformat())
events = log.events(start, limit=1000)
if events:
    st.dataframe(
        [
            {
                "time": local_time(e.at),
                "user": e.user,
                "groups": e.groups,
                "what": e.kind,
                "via": e.via,
                "question": e.question if e.question is not None else "(not stored)",
                "sources shown": ", ".join(e.sources),
                "declined": e.abstained,
                "rating": {1: "👍", -1: "👎"}.get(e.rating, ""),
                "comment": e.comment or "",
            }
            for e in reversed(events)
        ],
        hide_index=True,
    )
else:
    st.caption("Nothing recorded in this period.")
st.download_button(
    "Export CSV",
    data=lambda: log.export_csv(start),
    file_name=f"faro-audit-since-{since}.csv",
    mime="text/csv",
    icon=":material/download:",
    on_click="ignore",
)
