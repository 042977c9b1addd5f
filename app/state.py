"""What every page of the app shares: the services and the feedback store, built once per server process.

Tests put their own Services in st.session_state["services"] before the first run; the feedback
store follows those services' settings, so a test's ratings land in its own data_dir.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from pathlib import Path

import streamlit as st

from app.conversations import Conversations
from app.labels import page_language
from app.logs import LOG_FORMAT
from app.session import SessionKeys
from rag.errors import FaroError
from rag.people.access import User
from rag.people.feedback import FeedbackStore
from rag.services import Services, build_services
from rag.settings import Settings, load_settings


def _log_to_stderr() -> None:
    """Faro's own log lines ("faro.*": a question's timings, a generator retried) on the page
    process's stderr, which `faro ui` and its service unit keep; Streamlit sets up only its own."""
    log = logging.getLogger("faro")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


@st.cache_resource(show_spinner="Loading Faro...")
def _shared_services() -> Services:
    _log_to_stderr()
    s = build_services(load_settings())
    try:
        # Load the embedding model with the page, not on someone's first question: when a server
        # restarts under use, every session asking at once would wait for it (1-2 s on 2 cores).
        s.embedder.embed_query("warm up")
    except FaroError:
        pass  # said, with what to do, when a question needs it
    # The first st.write_stream in the process imports pandas and pyarrow, about a second with the
    # GIL held: every session answering at that moment would wait for it.
    for module in ("pandas", "pyarrow"):
        importlib.import_module(module)
    return s


def services() -> Services:
    """This session's services: the shared ones unless a test put its own in session_state."""
    if "services" not in st.session_state:
        st.session_state["services"] = _shared_services()
    return st.session_state["services"]


@st.cache_resource(show_spinner=False)
def _feedback_store(path: Path, keep_text: bool) -> FeedbackStore:
    return FeedbackStore(path, keep_text=keep_text)


def feedback_store() -> FeedbackStore:
    """The store of ratings in this session's data_dir, one per file for the whole process."""
    settings = services().settings
    return _feedback_store(settings.feedback_path, settings.audit_questions)


def viewer() -> User:
    """The signed-in user this run acts for (set by app/streamlit_app.py before routing). A page
    run on its own signs the user in itself, and stops if nobody is signed in."""
    who = st.session_state.get("viewer")
    if not isinstance(who, User):
        from app.signin import current_user

        who = current_user(services())
        if who is None:
            st.stop()
        st.session_state["viewer"] = who
    return who


def admin_only() -> User:
    """The signed-in user, if an admin; anyone else is told so and the page stops."""
    who = viewer()
    if not who.admin:
        st.error("This page is for Faro's administrators.")
        st.stop()
    return who


@st.cache_resource(show_spinner=False)
def _session_keys(data_dir: Path, hours: float) -> SessionKeys:
    return SessionKeys(data_dir, hours)


def session_keys(settings: Settings) -> SessionKeys:
    """The signer of local sign-in cookies for this data_dir (app/session.py)."""
    return _session_keys(settings.data_dir, settings.session_hours)


def kept_messages(who: User) -> list[dict]:
    """The conversation `who` had on this server (app/conversations.py), [] for the anonymous user."""
    settings = services().settings
    if settings.auth == "off":
        return []
    return Conversations(settings.data_dir / "conversations").load(who.name)


def keep_messages() -> None:
    """Store this session's conversation for its user, so a reload or a new tab finds it."""
    settings, who = services().settings, viewer()
    if settings.auth != "off":
        Conversations(settings.data_dir / "conversations").save(who.name, st.session_state.get("messages", []))


def ui_language() -> str:
    """The language of the page around the answers (app/labels.py): the last question's, else the
    browser's."""
    asked = [m for m in st.session_state.get("messages", []) if m.get("role") == "assistant"]
    return page_language(asked[-1].get("language") if asked else None, st.context.locale)


def local_time(when: float | str, seconds: bool = False) -> str:
    """One way to show a time on every page: the server's local time with its zone
    ("2026-12-06 07:41 CET"), from a Unix time or the audit log's UTC ISO stamp."""
    if isinstance(when, str):
        moment = dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
    else:
        moment = dt.datetime.fromtimestamp(when, dt.timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z" if seconds else "%Y-%m-%d %H:%M %Z")
