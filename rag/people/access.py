"""Who may read what: the access file's folder rules, each document's label, and a user's view.

The access file (FARO_ACCESS_FILE) has one rule per line, first match wins:

    # pattern               groups
    hr/confidential/**      hr
    board/**                board, executives
    **                      *

A pattern is a path under FARO_DOCS_DIR: `*` matches within one folder, `**` across folders, and
a plain folder ("hr/confidential") covers everything under it. The group `*` is every signed-in
user. A document no rule matches is visible to no one: a forgotten folder stays closed. Without
an access file every document is visible to everyone.

Each chunk carries its document's label: "*", or its groups sorted and joined ("board,executives"),
or "" for no one. Labels are stored beside the chunk (SQLite and Chroma metadata), so changing the
file re-labels chunks without embedding anything again (`relabel` below, run by every reconcile and
before a search when the file changed).
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rag.errors import AccessFileError
from rag.index.filters import Filters
from rag.text.textfiles import read_text

if TYPE_CHECKING:
    from rag.index.documents import DocumentIndex
    from rag.index.manifest import Manifest

EVERYONE = "*"
NO_ONE = ""
_GROUP = re.compile(r"^[\w.@-]+$")


def _pattern_regex(pattern: str) -> re.Pattern:
    pattern = pattern.strip().strip("/")
    if not any(ch in pattern for ch in "*?["):
        pattern += "/**"  # a plain folder (or file) covers everything under it
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    body = "".join(out)
    if body.endswith("/.*"):  # "hr/**" is hr's contents, and "hr" itself names the same folder
        body = body[:-3] + "(?:/.*)?"
    return re.compile(body + r"\Z")


def readers(doc_label: str) -> str:
    """A label as people read it: "everyone", "no one", or its groups."""
    return {EVERYONE: "everyone", NO_ONE: "no one"}.get(doc_label, doc_label)


def label(groups) -> str:
    """The canonical label of a set of groups: "*" if it includes everyone, else sorted, joined."""
    groups = {g.strip().lower() for g in groups if g.strip()}
    if EVERYONE in groups:
        return EVERYONE
    return ",".join(sorted(groups))


@dataclass(frozen=True)
class Rule:
    pattern: str
    groups: str  # a label
    line: int
    regex: re.Pattern = field(compare=False, repr=False)


@dataclass(frozen=True)
class AccessRules:
    """The parsed access file; `label_for(source)` is the label of a document at that path."""

    rules: tuple[Rule, ...]
    digest: str  # of the file's text: a change means re-labelling
    path: str = ""

    @classmethod
    def everyone(cls) -> "AccessRules":
        """No access file: every document is visible to every user."""
        return cls((Rule("**", EVERYONE, 0, _pattern_regex("**")),), "open")

    @classmethod
    def parse(cls, text: str, path: str = "") -> "AccessRules":
        rules = []
        text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
        for n, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith('"'):  # a pattern with spaces, quoted: "Recursos Humanos/**  rrhh"
                pattern, quote, rest = line[1:].partition('"')
                parts = [pattern, re.sub(r"^\s*(?:→|->|=>|:)?\s*", "", rest)] if quote else [line]
            else:
                parts = re.split(r"\s+(?:→|->|=>|:)?\s*", line, maxsplit=1)
            if len(parts) != 2 or not parts[1].strip():
                raise AccessFileError(
                    f"{path or 'access file'}, line {n}: expected 'PATTERN GROUP[, GROUP…]', got {raw.strip()!r}"
                )
            pattern, groups = parts[0], [g for g in re.split(r"[,\s]+", parts[1]) if g]
            bad = [g for g in groups if g != EVERYONE and not _GROUP.match(g)]
            if bad:
                raise AccessFileError(
                    f"{path or 'access file'}, line {n}: {bad[0]!r} is not a group name "
                    "(letters, digits, . _ - @; '*' for everyone)"
                )
            rules.append(Rule(pattern.strip("/") or "**", label(groups), n, _pattern_regex(pattern)))
        return cls(tuple(rules), hashlib.sha256(text.encode("utf-8")).hexdigest()[:16], path)

    @classmethod
    def load(cls, path: Path | None) -> "AccessRules":
        """The rules of the access file at `path`; no path means everyone sees everything."""
        if path is None:
            return cls.everyone()
        try:
            text = read_text(Path(path), "the access file", AccessFileError)
        except OSError as exc:
            raise AccessFileError(
                f"Cannot read the access file {path}: {exc.strerror or exc}. "
                "Create it, or leave FARO_ACCESS_FILE empty to let everyone read everything."
            ) from exc
        return cls.parse(text, str(path))

    def label_for(self, source: str) -> str:
        """The label of the document at `source` (a path under the docs folder)."""
        source = unicodedata.normalize("NFC", source.strip("/"))
        for rule in self.rules:
            if rule.regex.match(source):
                return rule.groups
        return NO_ONE


@dataclass(frozen=True)
class User:
    """Someone asking: a name, the groups they belong to, and whether they administer Faro."""

    name: str
    groups: frozenset[str] = frozenset()
    admin: bool = False

    def may_read(self, doc_label: str) -> bool:
        if doc_label == EVERYONE:
            return True
        return bool(doc_label) and bool(self.groups & set(doc_label.split(",")))

    def readable(self, labels) -> tuple[str, ...]:
        """Of these labels, those this user may read, sorted."""
        return tuple(sorted(lab for lab in set(labels) if self.may_read(lab)))


def user(name: str, groups=(), admin_group: str = "") -> User:
    """A User with groups normalised (lower case); admin if one of them is the admin group."""
    gs = frozenset(g.strip().lower() for g in groups if g and g.strip())
    return User(name, gs, bool(admin_group) and admin_group.strip().lower() in gs)


DIGEST_KEY = "access_digest"


def relabel(rules: AccessRules, index: "DocumentIndex") -> list[tuple[str, str, str]]:
    """Give every document the label the rules give its path now; return (source, old, new) of
    each change. Nothing is embedded again (rag/index/documents.py: the SQLite tables, which every search
    checks, change first; the vector store's copy of the label follows). The rules' digest is
    recorded last, so an interrupted re-label is redone by the next search or batch."""
    manifest = index.manifest
    changes = []
    for record in manifest.all():
        new = rules.label_for(record.source)
        if record.access != new:
            changes.append((record, new))
    for record, new in changes:
        index.relabel(record, new)
    manifest.set_meta(DIGEST_KEY, rules.digest)
    return [(r.source, r.access, new) for r, new in changes]


def labels_current(rules: AccessRules, manifest: "Manifest") -> bool:
    """Whether the index was labelled by exactly these rules."""
    return manifest.meta(DIGEST_KEY) == rules.digest


class AccessGate:
    """What a user may read, as the access file says now: its rules read again whenever the file
    changes, and the index re-labelled under changed rules before the next read (no embedding), so
    a folder closed in the file is closed for the next question, not after the next batch."""

    def __init__(self, path: Path | None, index: "DocumentIndex"):
        self.path = path
        self.index = index
        self._lock = threading.Lock()
        self._rules: tuple[tuple, AccessRules] | None = None  # (the file's content digest, its rules)

    def rules(self) -> AccessRules:
        """The access file's rules; an unreadable or broken file raises AccessFileError: Faro shows
        nothing rather than guess who may read what. Changed means a different content, not a
        different size or time: an edit that keeps both (a one-letter change saved within the same
        second) must apply too. The file is small."""
        key: tuple = ("",)
        if self.path is not None:
            try:
                key = (str(self.path), hashlib.sha256(self.path.read_bytes()).hexdigest())
            except OSError:
                key = (str(self.path), "missing")
        with self._lock:
            if self._rules is None or self._rules[0] != key:
                self._rules = (key, AccessRules.load(self.path))
            return self._rules[1]

    def filters_for(self, user: User | None, filters: Filters | None = None) -> Filters:
        """`filters` narrowed to what `user` may read (None: no one's view, e.g. the server's own CLI)."""
        filters = filters or Filters()
        if user is None:
            return filters
        rules = self.rules()
        manifest = self.index.manifest
        if not labels_current(rules, manifest):
            with self._lock:
                if not labels_current(rules, manifest):
                    relabel(rules, self.index)
        labels = manifest.keywords.labels()
        readable = user.readable(labels)
        if len(readable) == len(set(labels)):
            return filters  # every chunk is readable: no restriction to pay for
        return replace(filters, access=readable)
