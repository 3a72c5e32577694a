"""The device secret kept in the OS keyring: one half of what unlocks a vault.

One small facade over `keyring` (Secret Service, Windows Credential Locker, macOS Keychain).
Where no keyring exists the vault works on the passphrase alone and says so; it never falls
back to keeping the secret in a file.
"""

from __future__ import annotations

import base64
import os
from typing import Protocol

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from safeconf.vault.errors import DeviceSecretMissing

SERVICE = "safeconf"
SECRET_BYTES = 32


def account(vault_id: str, generation: int) -> str:
    """The keyring entry holding a vault's device secret of one generation (see
    `KeyFile.secret_generation`); generation 0 is the name earlier versions used."""
    return vault_id if generation == 0 else f"{vault_id}#{generation}"


class SecretStore(Protocol):
    @property
    def is_available(self) -> bool: ...
    @property
    def description(self) -> str: ...
    def create(self, account: str) -> bytes: ...
    def load(self, account: str) -> bytes: ...
    def delete(self, account: str) -> None: ...


class SystemKeyring:
    """The platform keyring as `keyring` finds it."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend or keyring.get_keyring()

    @property
    def is_available(self) -> bool:
        # fail.Keyring and the null/chainer-without-backends all report priority <= 0.
        try:
            return float(self._backend.priority) > 0
        except Exception:
            return False

    @property
    def description(self) -> str:
        return type(self._backend).__module__ + "." + type(self._backend).__name__

    def create(self, account: str) -> bytes:
        secret = os.urandom(SECRET_BYTES)
        try:
            self._backend.set_password(SERVICE, account, base64.b64encode(secret).decode())
        except keyring.errors.KeyringError as exc:
            raise DeviceSecretMissing(
                f"The system keyring refused to store this vault's device secret ({exc})."
            ) from exc
        return secret

    def load(self, account: str) -> bytes:
        try:
            stored = self._backend.get_password(SERVICE, account)
        except keyring.errors.KeyringError as exc:
            raise DeviceSecretMissing(
                "The system keyring could not be reached, and this vault needs its device "
                f"secret from it. Log in to the desktop session and try again ({exc})."
            ) from exc
        if stored is None:
            raise DeviceSecretMissing(
                "This vault's device secret is missing from the system keyring, so the "
                "passphrase alone cannot open it. Nothing was changed. Ask IT for a recovery "
                "code made from HQ's escrow copy of this laptop's key, then run `safeconf "
                "recover` and choose a new passphrase; your records are kept."
            )
        try:
            secret = base64.b64decode(stored, validate=True)
        except ValueError as exc:
            raise DeviceSecretMissing("The keyring entry for this vault is damaged.") from exc
        if len(secret) != SECRET_BYTES:
            raise DeviceSecretMissing("The keyring entry for this vault is damaged.")
        return secret

    def delete(self, account: str) -> None:
        try:
            self._backend.delete_password(SERVICE, account)
        except keyring.errors.PasswordDeleteError:
            pass  # already gone: what was wanted
        except keyring.errors.KeyringError as exc:
            raise DeviceSecretMissing(
                f"The system keyring could not be reached to delete an old secret ({exc})."
            ) from exc


class EphemeralSecrets:
    """Device secrets held in this process's memory, gone when it exits: for throw-away
    vaults only (screenshots, benchmarks), so they behave like keyring-backed ones without
    touching the user's keyring. Nothing in the app or the CLI ever chooses it."""

    is_available = True
    description = "in-memory, for throw-away vaults"

    def __init__(self) -> None:
        self._secrets: dict[str, bytes] = {}

    def create(self, account: str) -> bytes:
        self._secrets[account] = os.urandom(SECRET_BYTES)
        return self._secrets[account]

    def load(self, account: str) -> bytes:
        try:
            return self._secrets[account]
        except KeyError:
            raise DeviceSecretMissing("This throw-away vault's secret is gone.") from None

    def delete(self, account: str) -> None:
        self._secrets.pop(account, None)
