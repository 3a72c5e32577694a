"""A passphrase change killed (SIGKILL) at any step leaves a vault that opens: with the old
passphrase before the point of no return, with the new one after it — and once it has been
opened, an old copy of `vault.keys` opens nothing with the old passphrase."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from safeconf.domain.records import Case
from safeconf.vault.errors import DeviceSecretMissing, VaultCorrupt, WrongPassphrase
from safeconf.vault.vault import DB_NAME, KEYS_NAME, Vault
from tests.conftest import PASSPHRASE

NEW = "a brand new passphrase"

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from keyring.backends import fail
    from safeconf.vault import database, keys, rekey
    from safeconf.vault.device_secret import SystemKeyring
    from safeconf.vault.vault import Vault

    folder, point, backend = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    secrets = SystemKeyring(fail.Keyring()) if backend == "none" else SystemKeyring()

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    write, finish = keys.write_key_file, rekey.finish

    def write_then_maybe_die(path, key_file):
        if point == "before_key_file":
            die()
        write(path, key_file)
        if point == "after_key_file":
            die()

    def finish_then_die(db_path):
        finish(db_path)
        die()

    keys.write_key_file = write_then_maybe_die
    database.COPY_PAGES_PER_STEP = 4  # so "during_copy" dies with the copy half made
    if point == "after_rename":
        rekey.finish = finish_then_die
    progress = (lambda done, total: die()) if point == "during_copy" else None
    vault = Vault.open(folder, sys.argv[4], secrets)
    vault.change_passphrase(sys.argv[4], sys.argv[5], secrets, progress=progress)
    print("finished", flush=True)
    """
)


def killed_during_change(folder: Path, point: str, backend: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), point, backend, PASSPHRASE, NEW],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stdout + done.stderr


def vault_with_records(folder: Path, secrets, kdf) -> set[str]:
    vault = Vault.create(folder, PASSPHRASE, secrets, kdf=kdf)
    ids = {vault.cases.add(Case(case_number=f"X-{n}", family_name="Kill " * 30)).id
           for n in range(300)}
    vault.close()
    return ids


def opens_with_only(folder: Path, good: str, bad: str, secrets, ids: set[str]) -> None:
    with pytest.raises((WrongPassphrase, VaultCorrupt)):
        Vault.open(folder, bad, secrets)
    vault = Vault.open(folder, good, secrets)
    try:
        assert all(r.ok for r in vault.check())
        assert {vault.cases.get(i).id for i in ids} == ids
    finally:
        vault.close()
    assert not (folder / f"{DB_NAME}.rekeyed").exists()


def old_copy_opens_nothing(folder: Path, old_keys: bytes, secrets, tmp_path: Path) -> None:
    stale = tmp_path / "stale"
    shutil.copytree(folder, stale)
    (stale / KEYS_NAME).write_bytes(old_keys)
    with pytest.raises((DeviceSecretMissing, VaultCorrupt)):
        Vault.open(stale, PASSPHRASE, secrets)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("point, survives", [
    ("during_copy", "old"), ("before_key_file", "old"),
    ("after_key_file", "new"), ("after_rename", "new"),
])
def test_reencrypting_killed_at_any_step_leaves_a_vault_that_opens(
        data_dir, no_keyring, fast_kdf, tmp_path, point, survives):
    ids = vault_with_records(data_dir, no_keyring, fast_kdf)
    old_keys = (data_dir / KEYS_NAME).read_bytes()
    killed_during_change(data_dir, point, "none")
    good, bad = (PASSPHRASE, NEW) if survives == "old" else (NEW, PASSPHRASE)
    opens_with_only(data_dir, good, bad, no_keyring, ids)
    if survives == "new":
        old_copy_opens_nothing(data_dir, old_keys, no_keyring, tmp_path)
    else:  # and the change can simply be made again
        vault = Vault.open(data_dir, PASSPHRASE, no_keyring)
        vault.change_passphrase(PASSPHRASE, NEW, no_keyring)
        vault.close()
        opens_with_only(data_dir, NEW, PASSPHRASE, no_keyring, ids)
        old_copy_opens_nothing(data_dir, old_keys, no_keyring, tmp_path)


@pytest.mark.keyring
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("point, survives", [
    ("before_key_file", "old"), ("after_key_file", "new"),
])
def test_replacing_the_secret_killed_at_any_step_leaves_a_vault_that_opens(
        data_dir, keyring_store, fast_kdf, tmp_path, point, survives):
    ids = vault_with_records(data_dir, keyring_store, fast_kdf)
    old_keys = (data_dir / KEYS_NAME).read_bytes()
    killed_during_change(data_dir, point, "system")
    good, bad = (PASSPHRASE, NEW) if survives == "old" else (NEW, PASSPHRASE)
    opens_with_only(data_dir, good, bad, keyring_store, ids)
    if survives == "old":
        vault = Vault.open(data_dir, PASSPHRASE, keyring_store)
        vault.change_passphrase(PASSPHRASE, NEW, keyring_store)
        vault.close()
        opens_with_only(data_dir, NEW, PASSPHRASE, keyring_store, ids)
    # Killed before the old secret was deleted, the open above deleted it.
    old_copy_opens_nothing(data_dir, old_keys, keyring_store, tmp_path)
