"""A local sign-in that survives a reload and a new tab: a signed, expiring, HTTP-only cookie.

Streamlit keeps a sign-in in the browser tab's session, which a reload ends. After the form has
checked the password, the page hands the browser a one-time ticket as a 1-pixel image
(`/_faro/session?ticket=…`); that request, served by `app/server.py` in the same process,
answers with the cookie, so no script ever sees it (HttpOnly, SameSite=Strict). A new session
reads it from `st.context.cookies`.

The cookie says who, until when, and a fingerprint of the account's password hash, signed with a
key kept in FARO_DATA_DIR (`session.key`, made on first use, mode 600). It stops working when it
expires (FARO_SESSION_HOURS), when the user is removed or their password changes (the
fingerprint no longer matches), and when they sign out (its id is revoked, in `sessions-revoked`,
and the browser is told to drop it).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

COOKIE = "faro_session"
SESSION_PATH = "/_faro/session"
SIGNOUT_PATH = "/_faro/signout"
_TICKET_SECONDS = 60.0


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def fingerprint(password_hash: str) -> str:
    """What the cookie keeps of the password hash: enough to notice a reset, nothing to crack."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Session:
    name: str
    expires: float
    fingerprint: str
    session_id: str


class SessionKeys:
    """Signs and reads session cookies for one data directory."""

    def __init__(self, data_dir: Path, hours: float):
        self.data_dir, self.seconds = data_dir, hours * 3600
        self._key: bytes | None = None
        self._lock = threading.Lock()
        self._revoked: dict[str, float] | None = None

    # -- the key and the revoked ids, on disk ---------------------------------------------------

    def _secret(self) -> bytes:
        with self._lock:
            if self._key is None:
                path = self.data_dir / "session.key"
                self.data_dir.mkdir(parents=True, exist_ok=True)
                try:
                    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                    with os.fdopen(fd, "wb") as fh:
                        fh.write(secrets.token_bytes(32))
                except FileExistsError:
                    pass
                self._key = path.read_bytes()
            return self._key

    def _revoked_ids(self) -> dict[str, float]:
        if self._revoked is None:
            revoked: dict[str, float] = {}
            try:
                for line in (self.data_dir / "sessions-revoked").read_text(encoding="utf-8").splitlines():
                    sid, _, until = line.partition(" ")
                    if sid and until.replace(".", "", 1).isdigit() and float(until) > time.time():
                        revoked[sid] = float(until)
            except FileNotFoundError:
                pass
            self._revoked = revoked
        return self._revoked

    # -- cookies --------------------------------------------------------------------------------

    def issue(self, name: str, password_hash: str) -> str:
        expires = int(time.time() + self.seconds)  # whole seconds, rounded down: never later than asked
        payload = "\t".join([name, str(expires), fingerprint(password_hash), secrets.token_hex(8)]).encode()
        signature = hmac.new(self._secret(), payload, hashlib.sha256).digest()
        return f"{_b64(payload)}.{_b64(signature)}"

    def read(self, cookie: str) -> Session | None:
        """The session a cookie holds, or None: forged, damaged, expired or signed out."""
        try:
            payload_text, signature_text = cookie.split(".", 1)
            payload, signature = _unb64(payload_text), _unb64(signature_text)
        except (ValueError, TypeError):
            return None
        if not hmac.compare_digest(hmac.new(self._secret(), payload, hashlib.sha256).digest(), signature):
            return None
        try:
            name, expires, print_, sid = payload.decode("utf-8").split("\t")
            session = Session(name, float(expires), print_, sid)
        except ValueError:
            return None
        with self._lock:
            revoked = sid in self._revoked_ids()
        if session.expires <= time.time() or revoked:
            return None
        return session

    def revoke(self, cookie: str) -> None:
        """Sign out: this cookie never works again, even if the browser keeps it."""
        session = self.read(cookie)
        if session is None:
            return
        with self._lock:
            self._revoked_ids()[session.session_id] = session.expires
            live = {sid: until for sid, until in self._revoked.items() if until > time.time()}
            self._revoked = live
            tmp = self.data_dir / "sessions-revoked.tmp"
            tmp.write_text("".join(f"{sid} {until:.0f}\n" for sid, until in live.items()), encoding="utf-8")
            os.replace(tmp, self.data_dir / "sessions-revoked")


class Tickets:
    """One-time tickets that carry a cookie from the page's session to the browser's next request."""

    def __init__(self):
        self._lock = threading.Lock()
        self._tickets: dict[str, tuple[object, float]] = {}

    def put(self, value: object) -> str:
        ticket = secrets.token_urlsafe(24)
        now = time.monotonic()
        with self._lock:
            self._tickets = {t: v for t, v in self._tickets.items() if v[1] > now}
            self._tickets[ticket] = (value, now + _TICKET_SECONDS)
        return ticket

    def take(self, ticket: str) -> object | None:
        with self._lock:
            value = self._tickets.pop(ticket, None)
        return value[0] if value and value[1] > time.monotonic() else None


# One per server process: the page (in a script thread) puts, the routes (in the event loop) take.
TICKETS = Tickets()
