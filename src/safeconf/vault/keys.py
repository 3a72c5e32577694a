"""The key hierarchy (DESIGN §3): a random data key opens the database; it is stored only
wrapped (AES-256-GCM) under a key derived from the passphrase (Argon2id) mixed (HKDF) with
the device secret from the OS keyring. The file alone, or the passphrase alone, opens nothing.
"""

from __future__ import annotations

import base64
import json
import math
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from safeconf.vault.errors import VaultCorrupt, WrongPassphrase
from safeconf.vault.file_lock import FileLock

KEY_FILE_FORMAT = 1
DATA_KEY_BYTES = 32
# The escrow entry is sealed and checked by `safeconf.sync.escrow`; here it is only carried.
MAX_ESCROW_JSON = 4096
MAX_GENERATION = 2**31


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; stored beside the wrapped key so a later tuning still opens old vaults."""

    iterations: int = 3
    memory_kib: int = 64 * 1024
    lanes: int = 4

    def validate(self) -> None:
        if not (1 <= self.iterations <= 64 and 8 * self.lanes <= self.memory_kib <= 4 << 20
                and 1 <= self.lanes <= 16):
            raise VaultCorrupt("The vault's key file asks for impossible key-derivation costs.")


@dataclass(frozen=True)
class KeyFile:
    """What `vault.keys` holds: nothing in it is secret without the passphrase and device."""

    vault_id: str
    kdf: KdfParams
    salt: bytes
    uses_device_secret: bool
    nonce: bytes
    wrapped_key: bytes
    # The data key sealed to HQ's recovery key (made at enrollment); None before that, and in
    # key files written by earlier versions.
    escrow: dict[str, Any] | None = None
    # Which keyring entry holds the device secret: each passphrase change makes a new one
    # (generation + 1) and deletes the old, so an old copy of this file names a secret that
    # no longer exists. 0 is the entry earlier versions made.
    secret_generation: int = 0
    # The unlock back-off (app.unlock_throttle) is kept here rather than in a file of its
    # own, so deleting a stray file does not reset it: deleting this one destroys the vault.
    # Someone who can write the data folder can still reset it by restoring an earlier copy
    # of this file (or editing the count); the back-off slows guessing at the keyboard, and
    # against stolen files it is Argon2id and the device secret that hold.
    unlock_failures: int = 0
    last_failed_unlock: float = 0.0  # wall-clock seconds

    @classmethod
    def placeholder(cls, vault_id: str) -> KeyFile:
        """Stands in (never written, wraps nothing) while a recovery gives the vault a new
        data key and then writes the real key file."""
        return cls(vault_id, KdfParams(), b"", False, b"", b"")

    def with_escrow(self, escrow: dict[str, Any] | None) -> KeyFile:
        return replace(self, escrow=escrow)

    def with_unlock_failures(self, failures: int, last_failure: float) -> KeyFile:
        return replace(self, unlock_failures=failures, last_failed_unlock=last_failure)

    def to_json(self) -> str:
        body: dict[str, Any] = {
            "format": KEY_FILE_FORMAT,
            "vault_id": self.vault_id,
            "kdf": {"name": "argon2id", **asdict(self.kdf)},
            "salt": _b64(self.salt),
            "uses_device_secret": self.uses_device_secret,
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
        }
        if self.escrow is not None:
            body["escrow"] = self.escrow
        if self.secret_generation:
            body["device_secret_generation"] = self.secret_generation
        if self.unlock_failures:
            body["unlock_failures"] = {"count": self.unlock_failures,
                                       "last": self.last_failed_unlock}
        return json.dumps(body, indent=2)

    @classmethod
    def from_json(cls, text: str) -> KeyFile:
        try:
            raw: dict[str, Any] = json.loads(text)
            if raw.get("format") != KEY_FILE_FORMAT:
                raise VaultCorrupt(
                    f"The vault's key file has format {raw.get('format')!r}, which this "
                    "version of safeconf does not know."
                )
            kdf = raw["kdf"]
            if kdf.get("name") != "argon2id":
                raise VaultCorrupt("The vault's key file names an unknown key derivation.")
            params = KdfParams(
                iterations=int(kdf["iterations"]),
                memory_kib=int(kdf["memory_kib"]),
                lanes=int(kdf["lanes"]),
            )
            params.validate()
            key_file = cls(
                vault_id=str(raw["vault_id"]),
                kdf=params,
                salt=_unb64(raw["salt"]),
                uses_device_secret=bool(raw["uses_device_secret"]),
                nonce=_unb64(raw["nonce"]),
                wrapped_key=_unb64(raw["wrapped_key"]),
                escrow=_escrow_entry(raw.get("escrow")),
                secret_generation=_generation(raw.get("device_secret_generation", 0)),
            )
            key_file = _with_failures(key_file, raw.get("unlock_failures"))
        except VaultCorrupt:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise VaultCorrupt(
                "The vault's key file is damaged, so the vault cannot be opened."
            ) from exc
        if len(key_file.salt) < 16 or len(key_file.nonce) != 12:
            raise VaultCorrupt("The vault's key file is damaged, so the vault cannot be opened.")
        return key_file


def _escrow_entry(value: Any) -> dict[str, Any] | None:
    # Lenient on purpose: a damaged escrow entry must not lock the caseworker out of the vault;
    # HQ keeps its own copy, and the entry is only carried here, never trusted.
    if not isinstance(value, dict) or len(json.dumps(value)) > MAX_ESCROW_JSON:
        return None
    return value


def _generation(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < MAX_GENERATION:
        raise VaultCorrupt("The vault's key file names an impossible keyring entry.")
    return value


def _with_failures(key_file: KeyFile, value: Any) -> KeyFile:
    # Lenient like the escrow entry: a damaged count must not lock anyone out; it reads as
    # no failures (which is what deleting it would give an attacker anyway).
    if not isinstance(value, dict):
        return key_file
    count, last = value.get("count"), value.get("last")
    if (isinstance(count, int) and not isinstance(count, bool) and 0 < count < 10**6
            and isinstance(last, int | float) and math.isfinite(last)):
        return key_file.with_unlock_failures(count, float(last))
    return key_file


def new_data_key() -> bytes:
    return os.urandom(DATA_KEY_BYTES)


def wrap(
    data_key: bytes,
    passphrase: str,
    device_secret: bytes | None,
    vault_id: str,
    kdf: KdfParams,
    secret_generation: int = 0,
) -> KeyFile:
    salt = os.urandom(16)
    nonce = os.urandom(12)
    kek = _key_encryption_key(passphrase, device_secret, salt, vault_id, kdf)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, _aad(vault_id))
    return KeyFile(vault_id, kdf, salt, device_secret is not None, nonce, wrapped,
                   secret_generation=secret_generation if device_secret is not None else 0)


def unwrap(key_file: KeyFile, passphrase: str, device_secret: bytes | None) -> bytes:
    kek = _key_encryption_key(
        passphrase, device_secret, key_file.salt, key_file.vault_id, key_file.kdf
    )
    try:
        aad = _aad(key_file.vault_id)
        data_key = AESGCM(kek).decrypt(key_file.nonce, key_file.wrapped_key, aad)
    except InvalidTag:
        raise WrongPassphrase() from None
    if len(data_key) != DATA_KEY_BYTES:
        raise VaultCorrupt("The vault's key file holds a key of the wrong size.")
    return data_key


def read_key_file(path: Path) -> KeyFile:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise VaultCorrupt("The vault's key file is damaged.") from exc
    return KeyFile.from_json(text)


def write_key_file(path: Path, key_file: KeyFile) -> None:
    """Write atomically: a crash leaves the old key file or the new one, never half of one."""
    tmp = path.with_suffix(".keys.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(key_file.to_json())
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold `vault.keys.lock` for one read-change-write of the key file, so the app and the
    command line never write over each other's change (a lost passphrase change would leave
    a key file whose keyring secret is already deleted)."""
    with FileLock(path.with_name(path.name + ".lock")) as lock:
        lock.exclusive("", wait=True)
        yield


def update_key_file(path: Path, change: Callable[[KeyFile], KeyFile]) -> KeyFile:
    """Read, change and write the key file under its lock; returns what was written."""
    with locked(path):
        updated = change(read_key_file(path))
        write_key_file(path, updated)
    return updated


def _key_encryption_key(
    passphrase: str, device_secret: bytes | None, salt: bytes, vault_id: str, kdf: KdfParams
) -> bytes:
    stretched = Argon2id(
        salt=salt,
        length=32,
        iterations=kdf.iterations,
        lanes=kdf.lanes,
        memory_cost=kdf.memory_kib,
    ).derive(passphrase.encode("utf-8"))
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=vault_id.encode(),
        info=b"safeconf key-encryption key v1",
    ).derive(stretched + (device_secret or b""))


def _aad(vault_id: str) -> bytes:
    return f"safeconf data key v{KEY_FILE_FORMAT} {vault_id}".encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def fsync_dir(path: Path) -> None:
    """Make a rename inside `path` durable."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open directories; NTFS journals the rename itself.
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
