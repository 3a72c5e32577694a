"""The key hierarchy (DESIGN §3): a random data key opens the database; it is stored only
wrapped (AES-256-GCM) under a key derived from the passphrase (Argon2id) mixed (HKDF) with
the device secret from the OS keyring. The file alone, or the passphrase alone, opens nothing.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from safeconf.vault.errors import VaultCorrupt, WrongPassphrase

KEY_FILE_FORMAT = 1
DATA_KEY_BYTES = 32
# The escrow entry is sealed and checked by `safeconf.sync.escrow`; here it is only carried.
MAX_ESCROW_JSON = 4096


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

    def with_escrow(self, escrow: dict[str, Any] | None) -> KeyFile:
        return replace(self, escrow=escrow)

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
            )
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


def new_data_key() -> bytes:
    return os.urandom(DATA_KEY_BYTES)


def wrap(
    data_key: bytes,
    passphrase: str,
    device_secret: bytes | None,
    vault_id: str,
    kdf: KdfParams,
) -> KeyFile:
    salt = os.urandom(16)
    nonce = os.urandom(12)
    kek = _key_encryption_key(passphrase, device_secret, salt, vault_id, kdf)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, _aad(vault_id))
    return KeyFile(vault_id, kdf, salt, device_secret is not None, nonce, wrapped)


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
    _fsync_dir(path.parent)


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


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open directories; NTFS journals the rename itself.
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
