"""The local sign-in cookie (app/session.py): signed, expiring, revocable, tied to the password."""

from __future__ import annotations

import time

from app.session import SessionKeys, Tickets, fingerprint


def test_a_cookie_reads_back_as_its_user_until_it_expires(tmp_path):
    keys = SessionKeys(tmp_path, hours=1)
    cookie = keys.issue("emma", "scrypt$abc")
    session = keys.read(cookie)
    assert session.name == "emma" and session.fingerprint == fingerprint("scrypt$abc")
    assert session.expires > time.time() + 3500
    short = SessionKeys(tmp_path, hours=1e-6)  # same key file, a lifetime of 3.6 ms
    stale = short.issue("emma", "scrypt$abc")
    time.sleep(0.05)
    assert short.read(stale) is None


def test_a_forged_or_damaged_cookie_is_refused(tmp_path):
    keys = SessionKeys(tmp_path, hours=1)
    cookie = keys.issue("emma", "scrypt$abc")
    payload, signature = cookie.split(".")
    import base64

    forged = (
        base64.urlsafe_b64encode(base64.urlsafe_b64decode(payload + "==").replace(b"emma", b"root"))
        .decode()
        .rstrip("=")
    )
    assert keys.read(f"{forged}.{signature}") is None
    assert keys.read(cookie[:-3] + "AAA") is None
    assert keys.read("not a cookie") is None and keys.read("") is None
    assert SessionKeys(tmp_path / "other", hours=1).read(cookie) is None  # another install's key


def test_a_signed_out_cookie_stays_dead_after_a_restart(tmp_path):
    keys = SessionKeys(tmp_path, hours=1)
    cookie, other = keys.issue("emma", "h"), keys.issue("emma", "h")
    keys.revoke(cookie)
    assert keys.read(cookie) is None and keys.read(other) is not None
    restarted = SessionKeys(tmp_path, hours=1)
    assert restarted.read(cookie) is None and restarted.read(other) is not None
    assert (tmp_path / "session.key").stat().st_mode & 0o777 == 0o600


def test_a_ticket_is_good_once():
    tickets = Tickets()
    t = tickets.put(("cookie", 3600))
    assert tickets.take(t) == ("cookie", 3600)
    assert tickets.take(t) is None and tickets.take("guess") is None
