"""The enrollment bundle HQ prints and shows as a QR code:

    safeconf:enroll?sync=<https url>&enroll=<https url>&ca=<sha256 hex of CA DER>&code=<id>.<secret>
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from safeconf.sync.errors import InvalidBundle

PREFIX = "safeconf:enroll?"
_HEX64 = re.compile(r"[0-9a-f]{64}")
_CODE = re.compile(r"([A-Z2-7]{16})\.([A-Z2-7]{26,64})")


@dataclass(frozen=True)
class EnrollmentBundle:
    sync_url: str
    enroll_url: str
    ca_fingerprint: str
    code_id: str
    secret: str = ""

    def __repr__(self) -> str:  # the secret stays out of logs and tracebacks
        return (f"EnrollmentBundle(sync_url={self.sync_url!r}, enroll_url={self.enroll_url!r}, "
                f"ca_fingerprint={self.ca_fingerprint!r}, code_id={self.code_id!r})")

    def proof(self, csr_der: bytes) -> str:
        """HMAC-SHA256(key=sha256(secret), msg=CSR DER): proves the code without sending it."""
        key = hashlib.sha256(self.secret.encode("ascii")).digest()
        return hmac.new(key, csr_der, hashlib.sha256).hexdigest()


def parse_bundle(text: str) -> EnrollmentBundle:
    """Parse a scanned or pasted enrollment code; every problem gets a message to act on."""
    if not isinstance(text, str):
        raise InvalidBundle("The enrollment code is empty.")
    text = text.strip()
    if not text.startswith(PREFIX):
        raise InvalidBundle("This is not a safeconf enrollment code. Scan or paste the whole "
                            "code HQ gave you (it starts with 'safeconf:enroll?').")
    try:
        fields = parse_qs(text[len(PREFIX):], keep_blank_values=True, strict_parsing=True)
    except ValueError as exc:
        raise InvalidBundle("The enrollment code is damaged; ask HQ to show it again.") from exc
    expected = {"sync", "enroll", "ca", "code"}
    missing = expected - set(fields)
    if missing:
        raise InvalidBundle("The enrollment code is incomplete (missing "
                            f"{', '.join(sorted(missing))}); scan or paste all of it.")
    if set(fields) - expected or any(len(v) != 1 for v in fields.values()):
        raise InvalidBundle("The enrollment code is damaged; ask HQ to show it again.")
    sync_url, enroll_url = fields["sync"][0], fields["enroll"][0]
    for url in (sync_url, enroll_url):
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname or parts.username or parts.password:
            raise InvalidBundle("The enrollment code names an HQ address that is not https; "
                                "ask HQ for a new code.")
    ca = fields["ca"][0].lower()
    if not _HEX64.fullmatch(ca):
        raise InvalidBundle("The enrollment code's HQ fingerprint is damaged; "
                            "ask HQ to show it again.")
    match = _CODE.fullmatch(fields["code"][0].upper())
    if not match:
        raise InvalidBundle("The one-time code in the enrollment code is damaged; "
                            "ask HQ to show it again.")
    return EnrollmentBundle(sync_url.rstrip("/"), enroll_url.rstrip("/"), ca,
                            match.group(1), match.group(2))
