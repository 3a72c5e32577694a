"""A software passkey for tests without a browser: an EC P-256 key, "none" attestation, and
authenticatorData with the relying party's hash, the UP|UV(|AT) flags and a sign count, as a
platform authenticator makes them. Answers are the JSON a browser's script would post."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import struct
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

UP, UV, AT = 0x01, 0x04, 0x40


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64u(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SoftKey:
    def __init__(self, rp_id: str, origin: str) -> None:
        self.rp_id = rp_id
        self.origin = origin
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = secrets.token_bytes(16)
        self.user_handle: bytes | None = None
        self.sign_count = 0

    def _cose_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"),
                            -3: numbers.y.to_bytes(32, "big")})

    def _auth_data(self, flags: int, attested: bytes = b"") -> bytes:
        return (hashlib.sha256(self.rp_id.encode()).digest() + bytes([flags])
                + struct.pack(">I", self.sign_count) + attested)

    def _client_data(self, kind: str, challenge: str, origin: str | None) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge,
                           "origin": origin or self.origin, "crossOrigin": False}).encode()

    def create(self, options: dict[str, Any], origin: str | None = None) -> dict[str, Any]:
        """navigator.credentials.create() with `options` (the server's publicKey JSON)."""
        assert options["rp"]["id"] == self.rp_id
        assert options["authenticatorSelection"]["residentKey"] == "required"
        assert options["authenticatorSelection"]["userVerification"] == "required"
        self.user_handle = unb64u(options["user"]["id"])
        attested = (bytes(16) + struct.pack(">H", len(self.credential_id))
                    + self.credential_id + self._cose_key())
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {},
                                   "authData": self._auth_data(UP | UV | AT, attested)})
        client = self._client_data("webauthn.create", options["challenge"], origin)
        return {"id": b64u(self.credential_id), "rawId": b64u(self.credential_id),
                "type": "public-key", "clientExtensionResults": {},
                "response": {"clientDataJSON": b64u(client),
                             "attestationObject": b64u(attestation),
                             "transports": ["internal"]}}

    def get(self, options: dict[str, Any], origin: str | None = None,
            count: int | None = None) -> dict[str, Any]:
        """navigator.credentials.get(): a signed assertion; `count` forces the sign count."""
        assert options["rpId"] == self.rp_id
        self.sign_count = self.sign_count + 1 if count is None else count
        auth_data = self._auth_data(UP | UV)
        client = self._client_data("webauthn.get", options["challenge"], origin)
        signature = self.key.sign(auth_data + hashlib.sha256(client).digest(),
                                  ec.ECDSA(hashes.SHA256()))
        return {"id": b64u(self.credential_id), "rawId": b64u(self.credential_id),
                "type": "public-key", "clientExtensionResults": {},
                "response": {"clientDataJSON": b64u(client),
                             "authenticatorData": b64u(auth_data),
                             "signature": b64u(signature),
                             "userHandle": b64u(self.user_handle or b"")}}
