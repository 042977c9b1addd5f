"""What every page of the app shares: the services and the feedback store, built once per server process.

Tests put their own Services in st.session_state["services"] before the first run; the feedback
store follows those services' settings, so a test's ratings land in its own data_dir.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from rag.feedback import FeedbackStore
from rag.services import Services, build_services
from rag.settings import Settings


@st.cache_resource(show_spinner="Loading Faro...")
def _shared_services() -> Services:
    return build_services(Settings())


def services() -> Services:
    """This session's services: the shared ones unless a test put its own in session_state."""
    if "services" not in st.session_state:
        st.session_state["services"] = _shared_services()
    return st.session_state["services"]


@st.cache_resource(show_spinner=False)
def _feedback_store(path: Path) -> FeedbackStore:
    return FeedbackStore(path)


def feedback_store() -> FeedbackStore:
    """The store of ratings in this session's data_dir, one per file for the whole process."""
    return _feedback_store(services().settings.feedback_path)
