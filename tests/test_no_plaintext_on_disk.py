"""A lost laptop must reveal nothing: after the demo vault is made, no distinctive string of
the demo data is in any file of the data folder (database, WAL, journal) or the temp dir."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from safeconf.app.demo import distinctive_strings
from safeconf.app.demo_vault import fill_demo_vault
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE


def encodings_of(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.lower().encode("utf-8")]


def leaked(folders: list[Path], needles: list[str]) -> list[tuple[str, str]]:
    found = []
    files = [p for folder in folders for p in folder.rglob("*") if p.is_file()]
    assert files, "nothing to search: the test would prove nothing"
    for path in files:
        content = path.read_bytes()
        for needle in needles:
            if any(form in content for form in encodings_of(needle)):
                found.append((str(path), needle))
    return found


@pytest.fixture
def needles() -> list[str]:
    strings = distinctive_strings()
    assert len(strings) > 50
    return strings


def test_the_needle_search_finds_plaintext_when_it_is_there(tmp_path, needles):
    (tmp_path / "plain.txt").write_text(f"prefix {needles[7]} suffix", encoding="utf-16-le")
    assert leaked([tmp_path], needles) == [(str(tmp_path / "plain.txt"), needles[7])]


def test_no_demo_string_is_on_disk_while_the_vault_is_open_or_after(
    data_dir, tmp_path, keyring_store, fast_kdf, needles, monkeypatch
):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    vault = Vault.create(data_dir, PASSPHRASE, keyring_store, kdf=fast_kdf)
    fill_demo_vault(vault)
    assert vault.search(needles[0].split()[0])  # the data is really in there
    wal = data_dir / "vault.db-wal"
    assert wal.exists() and wal.stat().st_size > 0, "the WAL should hold recent pages"
    assert leaked([data_dir, temp], needles) == []
    vault.close()
    assert leaked([data_dir, temp], needles) == []


def test_the_demo_command_leaves_no_plaintext(tmp_path, keyring_store, needles):
    data_dir, temp = tmp_path / "demo", tmp_path / "tmp"
    temp.mkdir()
    env = dict(os.environ, SAFECONF_PASSPHRASE=PASSPHRASE, TMPDIR=str(temp))
    done = subprocess.run(
        [sys.executable, "-m", "safeconf", "--data-dir", str(data_dir), "demo"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert leaked([data_dir, temp], needles) == []
