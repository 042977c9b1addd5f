"""Signing people in: the local users file, and the trusted reverse-proxy header.

The users file (FARO_USERS_FILE, `faro users add`) has one line per user, like an htpasswd file:

    alice:scrypt$16384$8$1$<salt>$<hash>:hr,faro-admins
    bob::staff                      # no password: known for groups only (OIDC, header, --as)

Passwords are hashed with scrypt (Python's hashlib, no extra package) and a random salt per user;
checking takes the same time whether the user exists or not. OIDC sign-in is Streamlit's own
`st.login` (app/signin.py); this module only maps its user to groups.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import os
import re
from dataclasses import dataclass
from pathlib import Path

from rag.errors import ConfigError, FaroError, UsersFileError
from rag.people.access import _GROUP, User, user
from rag.text.textfiles import read_text

_NAME = re.compile(r"^[\w.@+-]{1,128}$")
_N, _R, _P = 2**14, 8, 1  # scrypt cost: about 50 ms and 16 MiB per check on these machines


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    if not password:
        raise FaroError("An empty password cannot be set.")
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${_N}${_R}${_P}${b64(salt)}${b64(digest)}"


def password_matches(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        want = base64.b64decode(digest)
        got = hashlib.scrypt(
            password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(want)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, want)


# A hash to check against when the name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY = hash_password("not a password", salt=b"\0" * 16)


@dataclass(frozen=True)
class Account:
    name: str
    password_hash: str  # "" = cannot sign in with a password
    groups: tuple[str, ...]


class UsersFile:
    """The local users file: read on every sign-in check, written by `faro users`."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def accounts(self) -> dict[str, Account]:
        try:
            text = read_text(self.path, "the users file", UsersFileError)
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise UsersFileError(f"Cannot read the users file {self.path}: {exc.strerror or exc}") from exc
        out = {}
        for n, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split(":")
            if len(parts) != 3 or not _NAME.match(parts[0]):
                raise UsersFileError(f"{self.path}, line {n}: expected 'name:password-hash:group,group'")
            name, hashed, groups = parts
            out[name.lower()] = Account(name, hashed, tuple(g.strip() for g in groups.split(",") if g.strip()))
        return out

    def find(self, name: str) -> Account | None:
        return self.accounts().get(name.strip().lower())

    def check(self, name: str, password: str) -> Account | None:
        """The account if `password` is its password; None for a wrong name or password alike."""
        account = self.find(name) if name else None
        stored = account.password_hash if account and account.password_hash else _DUMMY
        ok = password_matches(password, stored)
        return account if ok and account is not None and account.password_hash else None

    def add(self, name: str, *, password: str | None = None, groups: list[str] | None = None) -> Account:
        """A new user; an existing one is an error (`change` changes it: adding again would reset it)."""
        if self.find(name) is not None:
            raise UsersFileError(f"{name} already has an account in {self.path}: use `faro users set` to change it")
        return self.save(name, password=password, groups=groups)

    def change(self, name: str, *, password: str | None = None, groups: list[str] | None = None) -> Account:
        """An existing user's password or groups; an unknown name is an error (a typo would create an account)."""
        if self.find(name) is None:
            raise UsersFileError(f"no user {name} in {self.path} (`faro users add` creates one)")
        return self.save(name, password=password, groups=groups)

    def save(self, name: str, *, password: str | None = None, groups: list[str] | None = None) -> Account:
        """Add or change a user; a password or groups left as None keep their current value. Names
        and groups are checked as the file will read them back: a ':' or a newline would break the
        file or add a line, a '#' would cut the rest off as a comment."""
        if not _NAME.fullmatch(name):
            raise UsersFileError(f"{name!r} is not a user name (letters, digits, . _ - @ +)")
        bad = [g for g in groups or () if not _GROUP.fullmatch(g)]
        if bad:
            raise UsersFileError(f"{bad[0]!r} is not a group name (letters, digits, . _ - @)")
        accounts = self.accounts()
        old = accounts.get(name.lower())
        account = Account(
            name,
            hash_password(password) if password is not None else (old.password_hash if old else ""),
            tuple(groups) if groups is not None else (old.groups if old else ()),
        )
        accounts[name.lower()] = account
        self._write(accounts)
        return account

    def remove(self, name: str) -> bool:
        accounts = self.accounts()
        if accounts.pop(name.lower(), None) is None:
            return False
        self._write(accounts)
        return True

    def _write(self, accounts: dict[str, Account]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lines = ["# Faro users: name:password-hash:group,group (written by `faro users`)"]
        lines += [
            f"{a.name}:{a.password_hash}:{','.join(a.groups)}"
            for a in sorted(accounts.values(), key=lambda a: a.name.lower())
        ]
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # hashes are for the server's eyes only
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        os.replace(tmp, self.path)


def trusted(address: str | None, proxies: str) -> bool:
    """Whether a request from `address` may speak for a user through the proxy header."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address.strip().split("%", 1)[0])
    except ValueError:
        return False
    for entry in (p.strip() for p in proxies.split(",")):
        if not entry:
            continue
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            raise ConfigError(f"FARO_TRUSTED_PROXIES: {entry!r} is not an IP address or CIDR range") from None
    return False


def header_user(
    headers, address: str | None, *, proxies: str, user_header: str, groups_header: str, admin_group: str
) -> User | None:
    """The user a trusted reverse proxy names in its headers; None if the request did not come
    from a trusted proxy or names no one."""
    if not trusted(address, proxies):
        return None
    name = (headers.get(user_header) or "").strip()
    if not name:
        return None
    groups = [g for g in re.split(r"[,;\s]+", headers.get(groups_header) or "") if g]
    return user(name, groups, admin_group)


def account_user(account: Account, admin_group: str) -> User:
    return user(account.name, account.groups, admin_group)
