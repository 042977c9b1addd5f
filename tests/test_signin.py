"""Signing in: the users file, the trusted proxy header, and the page showing sign-in and the admin
pages only to those who should see them."""

from __future__ import annotations

import stat

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from rag.errors import FaroError
from rag.people.auth import UsersFile, hash_password, header_user, password_matches, trusted

PAGE = str(ROOT / "app" / "streamlit_app.py")
ADMIN = str(ROOT / "app" / "admin" / "index.py")
AUDIT = str(ROOT / "app" / "admin" / "audit.py")


def test_passwords_are_salted_scrypt_hashes(tmp_path):
    one, two = hash_password("correct horse"), hash_password("correct horse")
    assert one != two and one.startswith("scrypt$") and "correct" not in one
    assert password_matches("correct horse", one) and not password_matches("correct hors", one)
    assert not password_matches("correct horse", "plain:text") and not password_matches("x", "")


def test_the_users_file_rejects_wrong_passwords_and_unknown_names(tmp_path):
    users = UsersFile(tmp_path / "users")
    users.save("alice", password="a-long-password", groups=["hr", "faro-admins"])
    users.save("bob", groups=["staff"])  # no password: groups only, for OIDC or the proxy
    assert users.check("alice", "a-long-password").groups == ("hr", "faro-admins")
    assert users.check("Alice", "a-long-password") is not None  # names are not case-sensitive
    assert users.check("alice", "A-long-password") is None
    assert users.check("mallory", "a-long-password") is None
    assert users.check("bob", "") is None and users.check("bob", "anything") is None
    assert stat.S_IMODE((tmp_path / "users").stat().st_mode) == 0o600
    users.save("alice", groups=["hr"])  # changing groups keeps the password
    assert users.check("alice", "a-long-password").groups == ("hr",)
    assert users.remove("bob") and not users.remove("bob")
    (tmp_path / "users").write_text("carol-without-fields\n", encoding="utf-8")
    with pytest.raises(FaroError, match="line 1"):
        users.accounts()


@pytest.mark.slow  # starts a `faro` process
def test_faro_users_never_writes_a_file_it_cannot_read_back(tmp_path):
    import os
    import subprocess
    import sys

    faro = [os.path.join(os.path.dirname(sys.executable), "faro"), "users"]
    env = dict(os.environ, FARO_USERS_FILE=str(tmp_path / "users"), FARO_DATA_DIR=str(tmp_path / "data"))

    def run(*args: str, password: str = "a-long-password\n") -> subprocess.CompletedProcess:
        return subprocess.run([*faro, *args], input=password, env=env, capture_output=True, text=True, timeout=120)

    assert run("add", "alice", "--groups", "hr", "--password-stdin").returncode == 0
    for groups in ("hr:x", "hr\nmallory::faro-admins", "hr#x"):
        done = run("add", "bob", "--groups", groups, "--password-stdin")
        assert done.returncode != 0 and "not a group name" in done.stderr and "Traceback" not in done.stderr
    again = run("add", "alice", "--groups", "staff", "--password-stdin", password="another-password\n")
    assert again.returncode != 0 and "already has an account" in again.stderr
    typo = run("set", "alcie", "--groups", "faro-admins")
    assert typo.returncode != 0 and "no user alcie" in typo.stderr
    users = UsersFile(tmp_path / "users")
    assert set(users.accounts()) == {"alice"}
    assert users.check("alice", "a-long-password").groups == ("hr",)


def test_the_proxy_header_is_believed_only_from_the_configured_addresses():
    headers = {"X-Forwarded-User": "alice@corp.example", "X-Forwarded-Groups": "hr, faro-admins"}
    cfg = dict(
        proxies="10.0.0.5, 192.168.10.0/24",
        user_header="X-Forwarded-User",
        groups_header="X-Forwarded-Groups",
        admin_group="faro-admins",
    )
    who = header_user(headers, "10.0.0.5", **cfg)
    assert who.name == "alice@corp.example" and who.groups == {"hr", "faro-admins"} and who.admin
    assert header_user(headers, "192.168.10.77", **cfg).name == "alice@corp.example"
    for address in ("10.0.0.6", "127.0.0.1", "192.168.11.1", "", None, "not-an-ip"):
        assert header_user(headers, address, **cfg) is None, address
    assert header_user({}, "10.0.0.5", **cfg) is None  # the proxy named no one
    assert trusted("::1", "127.0.0.1, ::1") and not trusted("::2", "127.0.0.1, ::1")
    with pytest.raises(FaroError, match="FARO_TRUSTED_PROXIES"):
        trusted("10.0.0.5", "10.0.0.300")


def _app(indexed, tmp_path, path=PAGE, **settings) -> AppTest:
    at = AppTest.from_file(path, default_timeout=120)
    cfg = indexed.settings.model_copy(update={"data_dir": tmp_path, "users_file": tmp_path / "users", **settings})
    at.session_state["services"] = indexed.with_settings(cfg)
    return at


def _texts(at) -> str:
    return " ".join(
        e.value for kind in ("markdown", "caption", "error", "warning", "info", "title") for e in getattr(at, kind)
    )


def test_the_page_asks_to_sign_in_and_admits_only_the_right_password(indexed, tmp_path):
    UsersFile(tmp_path / "users").save("emma", password="emma-password", groups=["staff"])
    at = _app(indexed, tmp_path).run()
    assert not at.exception
    assert at.title[0].value == "Sign in to Faro" and not at.chat_input
    at.text_input[0].set_value("emma")
    at.text_input[1].set_value("wrong")
    at.button[0].click().run()
    assert "Wrong user name or password." in _texts(at) and not at.chat_input
    at.text_input[0].set_value("emma")
    at.text_input[1].set_value("emma-password")
    at.button[0].click().run()
    assert not at.exception and at.chat_input and at.title[0].value == "Ask Faro"
    assert "Signed in as **emma** (staff)" in _texts(at)
    at.run()  # the next step: one sign-in in the audit, not one per step
    next(b for b in at.button if b.label == "Sign out").click().run()
    from rag.people.audit import AuditLog

    assert [(e.kind, e.user) for e in AuditLog(tmp_path / "audit.sqlite3").events()] == [
        ("signin-failed", "emma"),
        ("signin", "emma"),
        ("signout", "emma"),
    ]


def test_a_removed_user_or_a_reset_password_ends_the_session_at_once(indexed, tmp_path):
    users = UsersFile(tmp_path / "users")
    users.save("emma", password="emma-password", groups=["staff"])
    at = _app(indexed, tmp_path).run()
    at.text_input[0].set_value("emma")
    at.text_input[1].set_value("emma-password")
    at.button[0].click().run()
    assert at.chat_input
    users.save("emma", groups=["staff", "hr"])  # groups changed: applied at the next step
    at.run()
    assert at.chat_input and "Signed in as **emma** (hr, staff)" in _texts(at)
    users.save("emma", password="a-new-password")  # reset by an admin: the old session ends
    at.run()
    assert not at.chat_input and at.title[0].value == "Sign in to Faro"
    at.text_input[0].set_value("emma")
    at.text_input[1].set_value("a-new-password")
    at.button[0].click().run()
    assert at.chat_input
    users.remove("emma")  # `faro users remove`: signed out before another question
    at.run()
    assert not at.chat_input and at.title[0].value == "Sign in to Faro"
    assert "Your sign-in has ended" in _texts(at)


def test_admin_pages_are_only_for_the_admin_group(indexed, tmp_path):
    from rag.people.access import user

    for path in (ADMIN, AUDIT):
        at = _app(indexed, tmp_path, path)
        at.session_state["user"] = user("emma", ["staff"], "faro-admins")
        at.run()
        assert "This page is for Faro's administrators." in _texts(at) and not at.dataframe
        at = _app(indexed, tmp_path, path)
        at.session_state["user"] = user("root", ["faro-admins"], "faro-admins")
        at.run()
        assert not at.exception and "administrators" not in _texts(at)
    # Routed from the chat page, an employee is not offered them at all; an admin is.
    at = _app(indexed, tmp_path)
    at.session_state["user"] = user("emma", ["staff"], "faro-admins")
    at.run()
    with pytest.raises(ValueError, match=r"Known pages: \['Ask Faro'\]"):
        at.switch_page("admin/index.py")
    at = _app(indexed, tmp_path)
    at.session_state["user"] = user("root", ["faro-admins"], "faro-admins")
    at.run()
    at.switch_page("admin/audit.py").run()
    assert not at.exception and at.title[0].value == "Audit"


def test_the_chat_page_is_named_in_the_page_language(indexed, tmp_path):
    from rag.people.access import user

    at = _app(indexed, tmp_path)
    at.session_state["user"] = user("emma", ["staff"], "faro-admins")
    at.session_state["messages"] = [
        {"role": "user", "content": "¿Cuántos días a la semana puedo teletrabajar?"},
        {"role": "assistant", "content": "Dos días [1].", "language": "es", "citations": []},
    ]
    at.run()
    assert at.title[0].value == "Pregunte a Faro"
    with pytest.raises(ValueError, match=r"Known pages: \['Pregunte a Faro'\]"):  # the link, as named
        at.switch_page("admin/index.py")


def test_sign_in_off_must_be_asked_for_and_the_index_page_says_so(indexed, tmp_path):
    at = _app(indexed, tmp_path, auth="off").run()
    assert not at.exception and at.chat_input
    assert "FARO_AUTH" not in _texts(at)  # operator text, not for the chat page
    at.switch_page("admin/index.py").run()
    assert not at.exception and "Sign-in is off (FARO_AUTH=off)" in _texts(at)


def test_a_request_not_from_the_proxy_is_refused(indexed, tmp_path):
    at = _app(indexed, tmp_path, auth="header", trusted_proxies="10.0.0.5").run()
    assert not at.chat_input and "did not come through it" in _texts(at)


def test_oidc_users_get_their_groups_from_the_token_or_the_users_file(indexed, tmp_path):
    at = _app(indexed, tmp_path, auth="oidc")
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.chat_input and [b.label for b in at.button] == ["Sign in"]
    at = _app(indexed, tmp_path, auth="oidc")
    at.user = {"is_logged_in": True, "email": "root@corp.example", "groups": ["faro-admins", "hr"]}
    at.run()
    assert not at.exception and at.chat_input
    assert "Signed in as **root@corp.example** (faro-admins, hr)" in _texts(at)
    at.switch_page("admin/index.py").run()  # an admin by the token's groups
    assert not at.exception and at.title[0].value == "Index"
    # A provider that sends no groups: the users file says which.
    UsersFile(tmp_path / "users").save("emma@corp.example", groups=["staff"])
    at = _app(indexed, tmp_path, auth="oidc")
    at.user = {"is_logged_in": True, "email": "emma@corp.example"}
    at.run()
    assert "Signed in as **emma@corp.example** (staff)" in _texts(at)
