"""HQ's X25519 recovery key pair: laptops seal their data key to the public half at enrollment.

The private half opens every escrow copy, so a production HQ moves it offline after `init`
(docs/hq.md); the server needs only the public half. Both are written owner-only.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from safeconf.hq.errors import AdminError

PRIVATE_NAME = "recovery-key.pem"
PUBLIC_NAME = "recovery-public.pem"


def create(folder: Path) -> str:
    """Make the pair in `folder`; refuse to replace one (escrow copies depend on it).
    Returns the public key PEM."""
    private_path, public_path = folder / PRIVATE_NAME, folder / PUBLIC_NAME
    if private_path.exists() or public_path.exists():
        raise AdminError(
            f"{folder} already has an HQ recovery key; refusing to replace it (every escrow "
            "copy made so far can be opened only with it)."
        )
    key = X25519PrivateKey.generate()
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")
    _write_private(private_path, key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii"))
    _write_private(public_path, public_pem)
    return public_pem


def load_public(folder: Path) -> str | None:
    """The public key PEM, or None for an HQ set up before recovery keys existed."""
    try:
        return (folder / PUBLIC_NAME).read_text("ascii")
    except FileNotFoundError:
        return None


def load_private(path: Path) -> X25519PrivateKey:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise AdminError(
            f"No HQ recovery private key at {path}. Pass the offline copy with "
            "--recovery-key FILE."
        ) from exc
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise AdminError(f"{path} is not an unencrypted HQ recovery private key.") from exc
    if not isinstance(key, X25519PrivateKey):
        raise AdminError(f"{path} is not an X25519 recovery key.")
    return key


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text)
