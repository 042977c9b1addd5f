"""Who is using the page: sign-in by the way FARO_AUTH names, and the user every page acts for.

    local   a form checked against the users file (rag/people/auth.py)
    header  the user and groups a reverse proxy sets, believed only from FARO_TRUSTED_PROXIES
    oidc    Streamlit's st.login (Keycloak, Entra ID, Google Workspace), groups from the token
    off     no sign-in: an anonymous user in no group, and every page says so

A page calls `current_user()` first; it returns None after drawing whatever sign-in needs, and the
page stops there.
"""

from __future__ import annotations

import streamlit as st

from app.labels import label
from app.session import COOKIE, SESSION_PATH, SIGNOUT_PATH, TICKETS, fingerprint
from app.state import session_keys, ui_language
from rag.errors import FaroError
from rag.people.access import User, user
from rag.people.auth import account_user, header_user
from rag.services import Services

ANONYMOUS = "anonymous"


def current_user(s: Services) -> User | None:
    who = _current_user(s)
    if who is not None and s.settings.auth != "off" and st.session_state.get("audited_signin") != who.name:
        s.audit().signin(who)  # once per session: the first page this user reaches
        st.session_state["audited_signin"] = who.name
    return who


def _current_user(s: Services) -> User | None:
    mode = s.settings.auth
    if mode == "off":
        # Nobody to tell apart: the admin pages are open too, and the Index page says so.
        return User(ANONYMOUS, frozenset(), admin=True)
    if mode == "header":
        return _from_proxy(s)
    if mode == "oidc":
        return _from_oidc(s)
    return _from_form(s)


def _from_proxy(s: Services) -> User | None:
    cfg = s.settings
    # Streamlit reports a loopback peer as None; the peer is the TCP connection's, never a header.
    address = st.context.ip_address or "127.0.0.1"
    try:
        found = header_user(
            st.context.headers,
            address,
            proxies=cfg.trusted_proxies,
            user_header=cfg.user_header,
            groups_header=cfg.groups_header,
            admin_group=cfg.admin_group,
        )
    except FaroError as exc:
        st.error(str(exc))
        return None
    if found is None:
        st.error(
            "Sign-in here is by the company's single sign-on proxy, and this request did not come through it. "
            "Open Faro at its usual address."
        )
    return found


def _from_oidc(s: Services) -> User | None:
    cfg = s.settings
    if not st.user.is_logged_in:
        lang = ui_language()
        st.title("Faro")
        st.write(label("sign_in_sso", lang))
        if st.button(label("sign_in", lang), type="primary", icon=":material/login:"):
            st.login(cfg.oidc_provider or None)
        return None
    claims = st.user.to_dict()
    name = str(claims.get("email") or claims.get("preferred_username") or claims.get("sub") or "")
    groups = claims.get(cfg.oidc_groups_claim) or []
    if isinstance(groups, str):
        groups = [g for g in groups.replace(";", ",").split(",") if g.strip()]
    if not groups:  # a provider that does not send groups: the users file may list them
        account = s.users().find(name)
        groups = list(account.groups) if account else []
    return user(name, groups, cfg.admin_group)


def _pixel(path: str) -> None:
    # The browser fetches it as an image; the answer sets or drops the session cookie (app/server.py).
    st.html(f'<img src="{path}" width="1" height="1" alt="" style="position:absolute">')


def _cookie() -> str | None:
    """The session cookie this browser sent, if any (app/session.py)."""
    return st.context.cookies.get(COOKIE) if st.context.cookies else None


def _from_cookie(s: Services) -> None:
    """A new session (a reload, a new tab) signs in by the session cookie, if it still holds."""
    cookie = _cookie()
    session = session_keys(s.settings).read(cookie) if cookie else None
    if session is None:
        return
    account = s.users().find(session.name)
    if account is None or not account.password_hash or fingerprint(account.password_hash) != session.fingerprint:
        return  # removed, or the password changed since: sign in again
    st.session_state["user"] = account_user(account, s.settings.admin_group)
    st.session_state["signed_with"] = account.password_hash


def _forget_sign_in() -> None:
    """This tab signs out, and its browser drops the cookie at the next run."""
    for key in ("user", "viewer", "signed_with", "audited_signin", "messages"):
        st.session_state.pop(key, None)
    st.session_state["drop_cookie"] = True


def _from_form(s: Services) -> User | None:
    if not isinstance(st.session_state.get("user"), User) and not st.session_state.get("drop_cookie"):
        try:
            _from_cookie(s)
        except FaroError as exc:
            st.error(str(exc))
            return None
    signed = st.session_state.get("user")
    if isinstance(signed, User) and "signed_with" not in st.session_state:
        return signed  # put in the session by the code that runs the page (tests), not by this form
    if isinstance(signed, User):
        # Read the users file again at every step: a removed user, or one whose password was reset,
        # is signed out at once; changed groups apply at once.
        try:
            account = s.users().find(signed.name)
        except FaroError as exc:
            st.error(str(exc))
            return None
        if (
            account is not None
            and account.password_hash
            and account.password_hash == st.session_state.get("signed_with")
        ):
            if "ticket" in st.session_state:
                _pixel(f"{SESSION_PATH}?ticket={st.session_state.pop('ticket')}")
            return account_user(account, s.settings.admin_group)
        _forget_sign_in()
        st.warning(label("session_ended", ui_language()))
    if st.session_state.pop("drop_cookie", False):
        _pixel(SIGNOUT_PATH)
    lang = ui_language()
    st.title(label("sign_in_title", lang))
    with st.form("signin"):
        name = st.text_input(label("user_name", lang), autocomplete="username")
        password = st.text_input(label("password", lang), type="password", autocomplete="current-password")
        submitted = st.form_submit_button(label("sign_in", lang), type="primary")
    if submitted:
        try:
            account = s.users().check(name.strip(), password)
        except FaroError as exc:
            st.error(str(exc))
            return None
        if account is None:
            s.audit().signin_failed(name.strip()[:200])
            st.error(label("wrong_password", lang))
            return None
        st.session_state["user"] = account_user(account, s.settings.admin_group)
        st.session_state["signed_with"] = account.password_hash  # which password: a reset ends the session
        keys = session_keys(s.settings)
        st.session_state["ticket"] = TICKETS.put((keys.issue(account.name, account.password_hash), keys.seconds))
        st.session_state.pop("messages", None)  # theirs are loaded from the server
        st.rerun()
    if not s.users().accounts():
        st.info(
            f"No users yet. An administrator adds them on the server: `faro users add NAME --groups GROUPS` "
            f"(they are kept in {s.settings.users_path})."
        )
    return None


def sign_out_button(s: Services, who: User, lang: str) -> None:
    """Who is signed in, and the way out (for the sign-in ways Faro itself can end)."""
    if who.name == ANONYMOUS and s.settings.auth == "off":
        return
    st.caption(
        label("signed_in_as", lang, name=who.name) + (f" ({', '.join(sorted(who.groups))})" if who.groups else "")
    )
    if s.settings.auth == "local" and st.button(label("sign_out", lang), icon=":material/logout:"):
        s.audit().signout(who)
        cookie = _cookie()
        if cookie:
            session_keys(s.settings).revoke(cookie)  # never valid again, even if the browser keeps it
        _forget_sign_in()
        st.rerun()
    elif s.settings.auth == "oidc" and st.button(label("sign_out", lang), icon=":material/logout:"):
        s.audit().signout(who)
        st.session_state.pop("audited_signin", None)
        st.logout()
