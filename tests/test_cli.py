"""The admin command line, run as IT staff and scripts run it: a real process, a real vault."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from safeconf.vault.vault import DB_NAME, KEYS_NAME
from tests.conftest import PASSPHRASE


def safeconf(*args: str, passphrase: str | None = PASSPHRASE, **env: str):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SAFECONF_")}
    if passphrase is not None:
        environment["SAFECONF_PASSPHRASE"] = passphrase
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "safeconf", *args],
        env=environment, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def initialised(data_dir: Path, keyring_store) -> Path:
    done = safeconf("--data-dir", str(data_dir), "init", "--user", "w.cli")
    assert done.returncode == 0, done.stderr
    return data_dir


def test_init_creates_a_vault_and_check_passes(initialised):
    assert (initialised / KEYS_NAME).exists() and (initialised / DB_NAME).exists()
    done = safeconf("check", "--data-dir", str(initialised))
    assert done.returncode == 0, done.stderr
    for what in ("key file", "page authentication", "database structure", "search index",
                 "schema", "audit chain"):
        assert f"[ok] {what}" in done.stdout
    assert "The vault is sound." in done.stdout


def test_init_refuses_to_overwrite_an_existing_vault(initialised):
    keys_before = (initialised / KEYS_NAME).read_bytes()
    done = safeconf("--data-dir", str(initialised), "init")
    assert done.returncode == 1
    assert "already exists" in done.stderr
    assert (initialised / KEYS_NAME).read_bytes() == keys_before


def test_check_with_a_wrong_passphrase_fails_clearly(initialised):
    done = safeconf("--data-dir", str(initialised), "check", passphrase="wrong wrong wrong")
    assert done.returncode == 1
    assert "passphrase is not right" in done.stderr
    assert "Traceback" not in done.stderr


def test_check_fails_when_the_audit_chain_was_tampered_with(initialised, keyring_store):
    from safeconf.vault.vault import Vault

    vault = Vault.open(initialised, PASSPHRASE, keyring_store)
    vault.audit.append("view", "case", "c1", "c1")
    vault.audit.append("view", "case", "c2", "c2")
    vault._db.execute("DROP TRIGGER audit_no_update")
    vault._db.execute("UPDATE audit_events SET record_id = 'c3' WHERE seq = 1")
    vault.close()
    done = safeconf("--data-dir", str(initialised), "check")
    assert done.returncode == 1
    assert "[FAILED] audit chain" in done.stdout
    assert "NOT sound" in done.stdout


def test_check_on_an_empty_folder_says_there_is_no_vault(data_dir, keyring_store):
    done = safeconf("--data-dir", str(data_dir), "check")
    assert done.returncode == 1
    assert "no vault" in done.stderr


def test_without_a_terminal_or_variable_the_passphrase_is_asked_for_clearly(data_dir):
    done = safeconf("--data-dir", str(data_dir), "init", passphrase=None)
    assert done.returncode == 1
    assert "SAFECONF_PASSPHRASE" in done.stderr
    assert not data_dir.exists()


def test_passwd_rewraps_the_key(initialised):
    db_before = (initialised / DB_NAME).stat().st_size
    done = safeconf("--data-dir", str(initialised), "passwd",
                    SAFECONF_NEW_PASSPHRASE="another fine passphrase")
    assert done.returncode == 0, done.stderr
    assert safeconf("--data-dir", str(initialised), "check").returncode == 1
    again = safeconf("--data-dir", str(initialised), "check", passphrase="another fine passphrase")
    assert again.returncode == 0, again.stdout
    assert (initialised / DB_NAME).stat().st_size == db_before


def test_passwd_with_a_wrong_current_passphrase_changes_nothing(initialised):
    from safeconf.vault import keys

    before = keys.read_key_file(initialised / KEYS_NAME)
    done = safeconf("--data-dir", str(initialised), "passwd", passphrase="not the one at all",
                    SAFECONF_NEW_PASSPHRASE="another fine passphrase")
    assert done.returncode == 1
    after = keys.read_key_file(initialised / KEYS_NAME)
    # The key is as it was; the one thing written is the failed attempt, for the back-off.
    assert after.with_unlock_failures(0, 0.0) == before
    assert after.unlock_failures == 1


def test_demo_creates_a_vault_that_checks_sound(data_dir, keyring_store):
    done = safeconf("--data-dir", str(data_dir), "demo", "--extra-conferences", "20")
    assert done.returncode == 0, done.stderr
    assert "fictional records" in done.stdout
    checked = safeconf("--data-dir", str(data_dir), "check")
    assert checked.returncode == 0, checked.stdout


def test_data_dir_comes_from_the_environment_when_not_given(tmp_path, keyring_store):
    target = tmp_path / "from-env"
    done = safeconf("init", SAFECONF_DATA_DIR=str(target))
    assert done.returncode == 0, done.stderr
    assert (target / KEYS_NAME).exists()


def test_without_a_keyring_the_commands_warn_and_still_work(data_dir):
    no_keyring = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    done = safeconf("--data-dir", str(data_dir), "init", **no_keyring)
    assert done.returncode == 0, done.stderr
    assert "no system keyring" in done.stderr
    checked = safeconf("--data-dir", str(data_dir), "check", **no_keyring)
    assert checked.returncode == 0, checked.stdout
    assert "no system keyring" in checked.stderr
    assert "(no keyring)" in checked.stdout


def test_recover_without_a_terminal_or_variable_asks_for_the_code_clearly(initialised):
    keys_before = (initialised / KEYS_NAME).read_bytes()
    done = safeconf("--data-dir", str(initialised), "recover", passphrase=None)
    assert done.returncode == 1
    assert "SAFECONF_RECOVERY_CODE" in done.stderr and "Traceback" not in done.stderr
    assert (initialised / KEYS_NAME).read_bytes() == keys_before


def test_recover_with_a_code_for_another_vault_changes_nothing(initialised):
    from safeconf.sync import recovery_code

    before = {p.name: p.read_bytes() for p in initialised.iterdir() if p.is_file()}
    done = safeconf("--data-dir", str(initialised), "recover", passphrase=None,
                    SAFECONF_RECOVERY_CODE=recovery_code.encode(os.urandom(32)),
                    SAFECONF_NEW_PASSPHRASE="another fine passphrase")
    assert done.returncode == 1
    assert "does not open this vault" in done.stderr
    assert {p.name: p.read_bytes() for p in initialised.iterdir() if p.is_file()} == before
    assert safeconf("--data-dir", str(initialised), "check").returncode == 0


def test_recover_on_an_empty_folder_says_there_is_nothing_to_recover(data_dir):
    done = safeconf("--data-dir", str(data_dir), "recover", passphrase=None,
                    SAFECONF_RECOVERY_CODE="AAAA")
    assert done.returncode == 1 and "no vault" in done.stderr
    assert not data_dir.exists()


WEAK = "bookkeeper"  # ten letters, one word: the meter says Weak


def test_init_refuses_a_weak_passphrase_from_the_environment_and_writes_nothing(data_dir):
    done = safeconf("--data-dir", str(data_dir), "init", passphrase=WEAK)
    assert done.returncode == 1
    assert "too easy to guess" in done.stderr and "Fair or Strong" in done.stderr
    assert "Traceback" not in done.stderr
    assert not data_dir.exists()


def test_passwd_refuses_a_weak_new_passphrase_and_changes_nothing(initialised):
    before = {p.name: p.read_bytes() for p in initialised.iterdir() if p.is_file()}
    done = safeconf("--data-dir", str(initialised), "passwd", SAFECONF_NEW_PASSPHRASE=WEAK)
    assert done.returncode == 1
    assert "Fair or Strong" in done.stderr
    assert {p.name: p.read_bytes() for p in initialised.iterdir() if p.is_file()} == before
    assert safeconf("--data-dir", str(initialised), "check").returncode == 0


def test_recover_refuses_a_weak_new_passphrase_and_changes_nothing(initialised, keyring_store):
    from safeconf.sync import recovery_code
    from safeconf.vault.vault import Vault

    vault = Vault.open(initialised, PASSPHRASE, keyring_store)
    code = recovery_code.encode(vault.data_key())
    vault.close()
    before = {p.name: p.read_bytes() for p in initialised.iterdir() if p.is_file()}
    done = safeconf("--data-dir", str(initialised), "recover", passphrase=None,
                    SAFECONF_RECOVERY_CODE=code, SAFECONF_NEW_PASSPHRASE="aaaaaaaaaaaaaaaa")
    assert done.returncode == 1
    assert "Fair or Strong" in done.stderr
    assert {p.name: p.read_bytes() for p in initialised.iterdir() if p.is_file()} == before


def test_passwd_without_a_keyring_reencrypts_showing_progress(data_dir):
    no_keyring = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    assert safeconf("--data-dir", str(data_dir), "init", **no_keyring).returncode == 0
    old_keys = (data_dir / KEYS_NAME).read_bytes()
    done = safeconf("--data-dir", str(data_dir), "passwd", **no_keyring,
                    SAFECONF_NEW_PASSPHRASE="another fine passphrase")
    assert done.returncode == 0, done.stderr
    assert "Re-encrypting the vault: 100%" in done.stderr
    assert "opens nothing with the old passphrase" in done.stdout
    assert safeconf("--data-dir", str(data_dir), "check", **no_keyring).returncode == 1
    again = safeconf("--data-dir", str(data_dir), "check", **no_keyring,
                     passphrase="another fine passphrase")
    assert again.returncode == 0, again.stdout
    (data_dir / KEYS_NAME).write_bytes(old_keys)
    stale = safeconf("--data-dir", str(data_dir), "check", **no_keyring)
    assert stale.returncode == 1 and "Traceback" not in stale.stderr
    assert "old copy from before a passphrase change" in stale.stderr


def test_wrong_passphrases_in_the_cli_back_off_and_refuse_with_a_clear_message(initialised):
    for _ in range(2):
        wrong = safeconf("--data-dir", str(initialised), "check", passphrase="wrong wrong wrong")
        assert wrong.returncode == 1 and "not right" in wrong.stderr
        assert "Too many" not in wrong.stderr
    third = safeconf("--data-dir", str(initialised), "check", passphrase="wrong wrong wrong")
    assert third.returncode == 1
    assert "Too many wrong passphrases; try again in 5 seconds." in third.stderr
    # Even the right passphrase is refused until the wait is over, for every command.
    for command in ("check", "sync", "passwd"):
        refused = safeconf("--data-dir", str(initialised), command,
                           SAFECONF_NEW_PASSPHRASE="another fine passphrase")
        assert refused.returncode == 1, command
        assert "Too many wrong passphrases; try again in" in refused.stderr
        assert "Traceback" not in refused.stderr
    checked = safeconf("check", "--data-dir", str(initialised))
    assert checked.returncode == 1


def test_the_cli_and_the_app_count_wrong_passphrases_together(initialised, keyring_store):
    from safeconf.app.session import UnlockThrottled, VaultSession
    from safeconf.vault.errors import WrongPassphrase

    app = VaultSession(initialised, keyring_store)
    for _ in range(2):
        with pytest.raises(WrongPassphrase):
            app.unlock("wrong wrong wrong")
    cli = safeconf("--data-dir", str(initialised), "check", passphrase="wrong wrong wrong")
    assert "Too many wrong passphrases; try again in 5 seconds." in cli.stderr
    # The app (a new process, too) sees the CLI's failure.
    for session in (app, VaultSession(initialised, keyring_store)):
        assert session.throttle.failures == 3
        with pytest.raises(UnlockThrottled):
            session.unlock(PASSPHRASE)


def test_deleting_stray_files_does_not_reset_the_back_off(initialised):
    from safeconf.app.unlock_throttle import UnlockThrottle

    for _ in range(3):
        safeconf("--data-dir", str(initialised), "check", passphrase="wrong wrong wrong")
    for stray in initialised.iterdir():
        if stray.name not in {KEYS_NAME, DB_NAME}:
            stray.unlink()
    assert UnlockThrottle(initialised).seconds_to_wait() > 0
    refused = safeconf("--data-dir", str(initialised), "check")
    assert refused.returncode == 1 and "Too many wrong passphrases" in refused.stderr


def test_a_back_off_kept_by_an_earlier_version_carries_over(initialised):
    import json

    from safeconf.app.unlock_throttle import LEGACY_NAME, UnlockThrottle
    from safeconf.vault import keys

    now = 2_000_000_000.0
    (initialised / LEGACY_NAME).write_text(json.dumps({"failures": 4, "last_failure": now}))
    throttle = UnlockThrottle(initialised, clock=lambda: now)
    assert throttle.seconds_to_wait() == 10
    throttle.record_failure()
    assert keys.read_key_file(initialised / KEYS_NAME).unlock_failures == 5
    assert not (initialised / LEGACY_NAME).exists()
    assert throttle.seconds_to_wait() == 20


@pytest.mark.parametrize("program", ["safeconf", "safeconf.hq.cli"])
def test_version_is_the_package_version(program):
    """IT checks which release a laptop or HQ runs; both programs say the one version."""
    from importlib.metadata import version

    done = subprocess.run([sys.executable, "-m", program, "--version"], capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    name = "safeconf-hq" if program.endswith("hq.cli") else "safeconf"
    assert done.stdout.strip() == f"{name} {version('safeconf')}"
