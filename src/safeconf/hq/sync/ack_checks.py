"""HQ's judgment of an acknowledgment that lands by push: a signed one must be proven
(signature over its fields, key certified by HQ's CA for the pushing device or one it took
over from, and if signed before that, in the counter-signed list); an unsigned one is a
record from before signing and is kept, verifying as "not signed"."""

from __future__ import annotations

from sqlalchemy import Connection

from safeconf.domain.ack_proof import (
    NOT_LISTED,
    SIGNATURE_INVALID,
    SIGNER_NOT_CERTIFIED,
    AckStatus,
    judge,
)
from safeconf.domain.ack_signature import is_signed, key_fingerprint
from safeconf.domain.records import Acknowledgment
from safeconf.hq.pki import signing_keys
from safeconf.hq.sync import history

REASONS = {
    SIGNATURE_INVALID: "This acknowledgment's signature does not match what it records "
                       "(it was changed after signing, or signed wrongly); HQ did not store "
                       "it and kept it for review.",
    SIGNER_NOT_CERTIFIED: "This acknowledgment is signed by a key HQ did not certify for "
                          "this laptop; HQ did not store it and kept it for review.",
    NOT_LISTED: "This acknowledgment is dated before this laptop enrolled but was not among "
                "those HQ counter-signed at enrollment; HQ did not store it and kept it for "
                "review.",
}


def push_refusal(conn: Connection, ca_pem: str, device_id: str,
                 ack: Acknowledgment) -> str | None:
    """None to accept `ack` from `device_id`, else the conflict's reason."""
    if not is_signed(ack):
        return None
    certified = []
    if ack.signer_key is not None:
        certified = signing_keys.certifications(
            conn, ca_pem, key_fingerprint(ack.signer_key), history.lineage(conn, device_id))
    status = judge(ack, certified).status
    if status is AckStatus.VERIFIED:
        return None
    if status is AckStatus.NOT_LISTED:
        return NOT_LISTED
    if status in (AckStatus.KEY_NOT_CERTIFIED, AckStatus.NOT_YET_CERTIFIED):
        return SIGNER_NOT_CERTIFIED
    return SIGNATURE_INVALID
