"""What every page of the app shares: the services, built once per server process.

Tests put their own Services in st.session_state["services"] before the first run.
"""
from __future__ import annotations

import streamlit as st

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
