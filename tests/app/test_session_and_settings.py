"""Unlock throttling that survives restarts, settings, passphrase checks, and the rule
that services never import Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from safeconf.app.passphrase_strength import Strength, strength
from safeconf.app.session import UnlockThrottled, VaultSession
from safeconf.app.settings import Settings, load_settings, save_settings
from safeconf.app.unlock_throttle import UnlockThrottle
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.errors import VaultLocked, WrongPassphrase
from safeconf.vault.keys import KdfParams
from safeconf.vault.vault import Vault

PASSPHRASE = "correct horse battery staple"
APP_DIR = Path(__file__).resolve().parents[2] / "src" / "safeconf" / "app"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def vault_dir(data_dir: Path, no_keyring: SystemKeyring, fast_kdf: KdfParams) -> Path:
    """A folder with a (closed) vault: the back-off is kept in its key file."""
    Vault.create(data_dir, PASSPHRASE, no_keyring, kdf=fast_kdf).close()
    return data_dir


def test_backoff_grows_exponentially_and_survives_a_restart(vault_dir: Path) -> None:
    tmp_path = vault_dir
    clock = Clock()
    throttle = UnlockThrottle(tmp_path, clock)
    delays = []
    for _ in range(6):
        throttle.record_failure()
        delays.append(throttle.seconds_to_wait())
    assert delays == [0, 0, 5, 10, 20, 40]
    restarted = UnlockThrottle(tmp_path, clock)
    assert restarted.failures == 6 and restarted.seconds_to_wait() == 40
    clock.now += 41
    assert restarted.seconds_to_wait() == 0
    restarted.record_success()
    assert UnlockThrottle(tmp_path, clock).failures == 0


def test_clock_set_back_never_lengthens_the_wait(vault_dir: Path) -> None:
    clock = Clock()
    throttle = UnlockThrottle(vault_dir, clock)
    for _ in range(3):
        throttle.record_failure()
    clock.now -= 10_000
    assert throttle.seconds_to_wait() == 5


def test_session_counts_wrong_passphrases_and_refuses_while_throttled(
    data_dir: Path, no_keyring: SystemKeyring, fast_kdf: KdfParams
) -> None:
    session = VaultSession(data_dir, no_keyring, fast_kdf)
    session.create(PASSPHRASE)
    assert session.verify_passphrase(PASSPHRASE)
    assert not session.verify_passphrase("nope nope nope")
    session.lock()
    with pytest.raises(VaultLocked):
        _ = session.vault
    # The wrong hand-over check above counts too: two more wrong unlocks start the wait.
    for _ in range(2):
        with pytest.raises(WrongPassphrase):
            session.unlock("wrong wrong wrong")
    with pytest.raises(UnlockThrottled):
        session.unlock(PASSPHRASE)
    with pytest.raises(UnlockThrottled):
        session.verify_passphrase(PASSPHRASE)
    assert not session.is_open


def test_settings_round_trip_and_bad_values_are_tamed(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == Settings()
    save_settings(tmp_path, Settings(language="es", idle_minutes=10, lock_on_minimise=True))
    assert load_settings(tmp_path) == Settings("es", 10, True)
    (tmp_path / "settings.json").write_text('{"language": "xx", "idle_minutes": 0}')
    assert load_settings(tmp_path) == Settings("", 1, False)
    (tmp_path / "settings.json").write_text("garbage")
    assert load_settings(tmp_path) == Settings()


def test_passphrase_strength_guides() -> None:
    assert strength("short") is Strength.TOO_SHORT
    assert strength("aaaaaaaaaaaa") is Strength.WEAK
    assert strength("correct horse battery staple") is Strength.STRONG


def test_services_never_import_qt() -> None:
    for path in APP_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.startswith("PySide6") for n in names), path.name
