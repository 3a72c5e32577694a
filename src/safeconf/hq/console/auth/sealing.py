"""TOTP secrets sealed at rest: AES-256-GCM under a key file in HQ's data directory (0600,
made on first use), so a copy of the database alone yields no codes. The person's name is
the associated data: a sealed secret moved to another account does not open."""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from safeconf.hq.errors import AdminError

KEY_NAME = "console-totp.key"
PREFIX = "v1:"


def key_path(data_dir_path: Path) -> Path:
    return data_dir_path / KEY_NAME


def load_key(data_dir_path: Path | None) -> bytes:
    """The sealing key, made now (owner-only) if this HQ has none yet."""
    if data_dir_path is None:
        raise AdminError("This console has no HQ data directory, so TOTP cannot be used; "
                         "use a passkey.")
    path = key_path(data_dir_path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_bytes()
        if len(key) != 32:
            raise AdminError(f"{path} is damaged (not a 32-byte key).") from None
        return key
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def seal(key: bytes, name: str, secret: str) -> str:
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(key).encrypt(nonce, secret.encode(), name.encode())
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()


def unseal(key: bytes, name: str, text: str) -> str:
    """The secret; ValueError if `text` was not sealed for `name` with `key`."""
    if not text.startswith(PREFIX):
        raise ValueError("not a sealed TOTP secret")
    raw = base64.urlsafe_b64decode(text[len(PREFIX):])
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], name.encode()).decode()
    except Exception as exc:  # InvalidTag: another key or account
        raise ValueError("the TOTP secret does not open with this HQ's key") from exc
