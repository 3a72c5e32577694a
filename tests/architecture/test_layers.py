"""DESIGN §1: imports point downward only, and only ui/ may import Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "safeconf"

# What each layer may import from safeconf (besides itself and the shared leaf modules).
ALLOWED = {
    "domain": set(),
    "vault": {"domain"},
    "sync": {"domain", "vault"},
    "hq": {"domain", "sync"},
    "app": {"domain", "vault", "sync"},
    "ui": {"domain", "vault", "sync", "app"},
}
LEAVES = {"safeconf", "safeconf.resource_files", "safeconf.paths", "safeconf.scan_files"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layers_import_only_the_layers_below_them(layer):
    wrong = []
    for path in modules(layer):
        for name in imports_of(path):
            if not name.startswith("safeconf") or name in LEAVES:
                continue
            target = name.split(".")[1]
            if target != layer and target not in ALLOWED[layer]:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert wrong == []


@pytest.mark.parametrize("layer", ["domain", "vault", "sync", "hq", "app"])
def test_only_the_ui_imports_qt(layer):
    qt = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in modules(layer)
        for name in imports_of(path)
        if name.split(".")[0] in {"PySide6", "shiboken6"}
    ]
    assert qt == []


def test_the_domain_does_no_io():
    forbidden = {"sqlite3", "sqlcipher3", "socket", "httpx", "aiohttp", "keyring", "sqlalchemy"}
    found = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in modules("domain")
        for name in imports_of(path)
        if name.split(".")[0] in forbidden
    ]
    assert found == []


def test_the_check_sees_imports():
    assert "safeconf.vault.vault" in imports_of(PACKAGE / "cli.py") or any(
        n.startswith("safeconf.vault") for n in imports_of(PACKAGE / "cli.py")
    )
