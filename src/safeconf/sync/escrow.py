"""The escrow copy of a vault's data key, sealed to HQ's X25519 recovery key (DESIGN §3).

ECIES: a fresh ephemeral X25519 key agrees a secret with HQ's recovery public key; HKDF-SHA256
(salt = the vault id, info naming the scheme and both public keys) turns it into an AES-256-GCM
key, and the vault id is the AAD, so a blob cannot be passed off as another vault's. It lives in
`sync` because both the laptop (which seals) and HQ (which opens) may import this layer.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from safeconf.sync.errors import EscrowInvalid

ESCROW_FORMAT = 1
SCHEME = "x25519-hkdf-sha256-aes256gcm"
DATA_KEY_BYTES = 32
MAX_ESCROW_JSON = 2048  # a real blob is about 400 bytes; anything far bigger is junk
_INFO = b"safeconf escrow v1"
_FIELDS = {"format", "scheme", "vault_id", "recipient", "ephemeral_public", "nonce",
           "ciphertext"}
_MAX_VAULT_ID = 64


@dataclass(frozen=True)
class EscrowBlob:
    """What the laptop keeps in `vault.keys` and HQ keeps on the device row."""

    vault_id: str
    recipient: str  # sha256 hex of the recovery public key it was sealed to
    ephemeral_public: bytes
    nonce: bytes
    ciphertext: bytes

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": ESCROW_FORMAT,
            "scheme": SCHEME,
            "vault_id": self.vault_id,
            "recipient": self.recipient,
            "ephemeral_public": _b64(self.ephemeral_public),
            "nonce": _b64(self.nonce),
            "ciphertext": _b64(self.ciphertext),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_dict(cls, raw: Any) -> EscrowBlob:
        """Strict: exactly the known fields, the known sizes, or `EscrowInvalid`."""
        if not isinstance(raw, dict) or set(raw) != _FIELDS:
            raise EscrowInvalid("The escrow copy does not have the expected fields.")
        if raw["format"] != ESCROW_FORMAT or isinstance(raw["format"], bool):
            raise EscrowInvalid(f"The escrow copy has format {raw['format']!r}; this version "
                                f"of safeconf knows format {ESCROW_FORMAT}.")
        if raw["scheme"] != SCHEME:
            raise EscrowInvalid("The escrow copy names an unknown encryption scheme.")
        vault_id, recipient = raw["vault_id"], raw["recipient"]
        if not (isinstance(vault_id, str) and 0 < len(vault_id) <= _MAX_VAULT_ID
                and vault_id.isascii() and vault_id.isprintable()):
            raise EscrowInvalid("The escrow copy names no valid vault.")
        if not (isinstance(recipient, str) and len(recipient) == 64
                and all(c in "0123456789abcdef" for c in recipient)):
            raise EscrowInvalid("The escrow copy names no valid recovery key.")
        blob = cls(vault_id, recipient, _unb64(raw["ephemeral_public"]), _unb64(raw["nonce"]),
                   _unb64(raw["ciphertext"]))
        if (len(blob.ephemeral_public) != 32 or len(blob.nonce) != 12
                or len(blob.ciphertext) != DATA_KEY_BYTES + 16):
            raise EscrowInvalid("The escrow copy has fields of the wrong size.")
        return blob

    @classmethod
    def from_json(cls, text: str | bytes) -> EscrowBlob:
        if len(text) > MAX_ESCROW_JSON:
            raise EscrowInvalid("The escrow copy is far larger than a real one.")
        try:
            raw = json.loads(text)
        except (ValueError, UnicodeDecodeError) as exc:
            raise EscrowInvalid("The escrow copy is not valid JSON.") from exc
        return cls.from_dict(raw)


def load_public_key(pem: str) -> X25519PublicKey:
    """HQ's recovery public key from PEM; `EscrowInvalid` if it is anything else."""
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError, TypeError) as exc:
        raise EscrowInvalid("HQ's recovery key is damaged.") from exc
    if not isinstance(key, X25519PublicKey):
        raise EscrowInvalid("HQ's recovery key is not an X25519 key.")
    return key


def key_fingerprint(public_key: X25519PublicKey) -> str:
    return hashlib.sha256(_raw(public_key)).hexdigest()


def seal(data_key: bytes, vault_id: str, recipient: X25519PublicKey) -> EscrowBlob:
    if len(data_key) != DATA_KEY_BYTES:
        raise ValueError("the data key must be 32 bytes")
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _raw(ephemeral.public_key())
    key = _derive(ephemeral.exchange(recipient), vault_id, ephemeral_public, _raw(recipient))
    nonce = os.urandom(12)
    ciphertext = AESGCM(key).encrypt(nonce, data_key, _aad(vault_id))
    return EscrowBlob(vault_id, key_fingerprint(recipient), ephemeral_public, nonce, ciphertext)


def open_blob(blob: EscrowBlob, private_key: X25519PrivateKey) -> bytes:
    """The data key; `EscrowInvalid` for the wrong recovery key or a tampered blob."""
    recipient = private_key.public_key()
    if blob.recipient != key_fingerprint(recipient):
        raise EscrowInvalid("This escrow copy was made for a different HQ recovery key.")
    try:
        peer = X25519PublicKey.from_public_bytes(blob.ephemeral_public)
        shared = private_key.exchange(peer)
    except ValueError as exc:  # a low-order point gives an all-zero secret, refused
        raise EscrowInvalid("The escrow copy is damaged.") from exc
    key = _derive(shared, blob.vault_id, blob.ephemeral_public, _raw(recipient))
    try:
        data_key = AESGCM(key).decrypt(blob.nonce, blob.ciphertext, _aad(blob.vault_id))
    except InvalidTag:
        raise EscrowInvalid("The escrow copy is damaged or was altered.") from None
    if len(data_key) != DATA_KEY_BYTES:
        raise EscrowInvalid("The escrow copy holds a key of the wrong size.")
    return data_key


def _derive(shared: bytes, vault_id: str, ephemeral_public: bytes, recipient: bytes) -> bytes:
    # Both public keys in the info bind the key to this exchange (as in ECIES/HPKE).
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=vault_id.encode("utf-8"),
        info=_INFO + ephemeral_public + recipient,
    ).derive(shared)


def _aad(vault_id: str) -> bytes:
    return f"safeconf escrow v{ESCROW_FORMAT} {vault_id}".encode()


def _raw(public_key: X25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any) -> bytes:
    if not isinstance(value, str) or len(value) > 256:
        raise EscrowInvalid("The escrow copy has a field that is not base64.")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise EscrowInvalid("The escrow copy has a field that is not base64.") from exc
