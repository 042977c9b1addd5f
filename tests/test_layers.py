"""Which part of Faro may import which: the layers of docs/architecture.md, read from the source.

Pure and fast: every import statement is read with `ast`, nothing is imported. Imports inside
functions count (a lazy import ties two groups as much as one at the top), and so do those under
`if TYPE_CHECKING:`: none crosses a layer today, so there is nothing to excuse them for.
rag/__init__.py is left out: it is the package's front door and names the public surface of
every group (imported on first use).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# rag/errors.py, rag/settings.py and rag/types.py are the base every group stands on.
BASE = {"rag.errors", "rag.settings", "rag.types"}

# Each group of rag/ and the groups it may import, besides itself. Read bottom up: a group
# imports only groups listed before it, so no two groups import each other.
LAYERS = {
    "base": set(),
    "lexicon": set(),
    "text": {"base", "lexicon"},
    "models": {"base", "lexicon", "text"},
    "index": {"base", "lexicon", "text", "models"},
    "people": {"base", "lexicon", "text", "index"},
    "search": {"base", "lexicon", "text", "models", "index"},
    "services": {"base", "lexicon", "text", "models", "index", "people", "search"},
    "answer": {"base", "lexicon", "text", "models", "index", "people", "search", "services"},
    "ops": {"base", "lexicon", "text", "models", "index", "people", "search", "services", "answer"},
}

# The imports that go up a layer, each for a reason; the test fails when one is no longer made.
EXCEPTIONS = {
    ("rag.index.migrations", "rag.people.audit"): "upgrading an older audit file needs the audit "
    "table's definition; imported inside `audit_file`, the one upgrade that needs it",
    ("rag.services", "rag.answer.verify"): "Services builds the Verifier it hands to the answer steps",
}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The modules `path` imports, anywhere in it; `from pkg import mod` counts as `pkg.mod`."""
    out = set()
    package = _module(path).split(".") if path.name == "__init__.py" else _module(path).split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                is_module = (ROOT / sub.replace(".", "/")).with_suffix(".py").exists()
                out.add(sub if is_module or (ROOT / sub.replace(".", "/")).is_dir() else module)
    return out


def _group(module: str) -> str:
    """The layer of a module of rag/: base, services or the subpackage it is in."""
    if module in BASE:
        return "base"
    if module == "rag.services":
        return "services"
    parts = module.split(".")
    if len(parts) >= 3 or (len(parts) == 2 and (ROOT / "rag" / parts[1]).is_dir()):
        return parts[1]
    return f"no group ({module})"


def _files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_each_group_of_rag_imports_only_the_layers_below_it():
    wrong, used = [], set()
    for path in _files("rag"):
        if path == ROOT / "rag" / "__init__.py":
            continue
        here = _module(path)
        group = _group(here)
        assert group in LAYERS, f"{here} is in no layer: put it in a group, or give its group a row in LAYERS"
        for target in sorted(_imports(path)):
            top = target.split(".")[0]
            assert top not in {"ingest", "app", "bench", "tests"}, f"{here} imports {target}: rag imports no door"
            if top != "rag" or _group(target) in LAYERS[group] | {group}:
                continue
            if (here, target) in EXCEPTIONS:
                used.add((here, target))
            else:
                wrong.append(f"{here} ({group}) imports {target} ({_group(target)})")
    assert not wrong, "imports against the layers (see LAYERS and docs/architecture.md):\n" + "\n".join(wrong)
    assert used == set(EXCEPTIONS), f"exceptions no longer needed: {set(EXCEPTIONS) - used}"

    # The table itself: each group lists only layers that list neither it nor any group above it.
    order = list(LAYERS)
    for group, below in LAYERS.items():
        assert all(order.index(b) < order.index(group) for b in below), f"{group} may import a layer above it"


def test_ingest_imports_rag_and_not_the_page():
    imported = {target.split(".")[0] for path in _files("ingest") for target in _imports(path)}
    assert "rag" in imported
    assert "app" not in imported, "ingest/ imports app/: the page and the command line are above it"
