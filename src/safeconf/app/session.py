"""The vault's life in the desktop app: create, unlock (throttled), verify the passphrase
for leaving hand-over mode, and lock. Plain Python, so workers can call it off the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

from safeconf.app.unlock_throttle import UnlockThrottle
from safeconf.vault.device_secret import SecretStore
from safeconf.vault.errors import VaultError, VaultLocked, WrongPassphrase
from safeconf.vault.keys import KdfParams
from safeconf.vault.vault import Vault


class UnlockThrottled(VaultError):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"Too many wrong passphrases; try again in {int(seconds + 0.999)} seconds."
        )


class VaultSession:
    """Owns at most one open vault; every service reads `session.vault` when it acts."""

    def __init__(
        self, data_dir: Path, secrets: SecretStore, kdf: KdfParams | None = None
    ) -> None:
        self.data_dir = data_dir
        self.secrets = secrets
        self.kdf = kdf
        self.throttle = UnlockThrottle(data_dir)
        self._vault: Vault | None = None
        self._lock = threading.Lock()  # a worker opens while the GUI may ask `is_open`

    @property
    def has_vault(self) -> bool:
        return Vault.exists(self.data_dir)

    @property
    def keyring_available(self) -> bool:
        return bool(self.secrets.is_available)

    @property
    def is_open(self) -> bool:
        return self._vault is not None and self._vault.is_open

    @property
    def vault(self) -> Vault:
        if self._vault is None or not self._vault.is_open:
            raise VaultLocked()
        return self._vault

    def create(self, passphrase: str, user: str | None = None) -> None:
        vault = Vault.create(self.data_dir, passphrase, self.secrets, kdf=self.kdf, user=user)
        self._adopt(vault)

    def unlock(self, passphrase: str) -> None:
        wait = self.throttle.seconds_to_wait()
        if wait > 0:
            raise UnlockThrottled(wait)
        try:
            vault = Vault.open(self.data_dir, passphrase, self.secrets)
        except WrongPassphrase:
            self.throttle.record_failure()
            raise
        self.throttle.record_success()
        self._adopt(vault)

    def verify_passphrase(self, passphrase: str) -> bool:
        """True when the passphrase unwraps this vault's key (slow: Argon2id). Wrong guesses
        count towards the same back-off as unlocking, so hand-over mode cannot be
        brute-forced by whoever holds the laptop."""
        wait = self.throttle.seconds_to_wait()
        if wait > 0:
            raise UnlockThrottled(wait)
        try:
            Vault.verify_passphrase(self.data_dir, passphrase, self.secrets)
        except WrongPassphrase:
            self.throttle.record_failure()
            return False
        self.throttle.record_success()
        return True

    def lock(self) -> None:
        with self._lock:
            vault, self._vault = self._vault, None
        if vault is not None:
            vault.close()

    def _adopt(self, vault: Vault) -> None:
        with self._lock:
            old, self._vault = self._vault, vault
        if old is not None:
            old.close()
