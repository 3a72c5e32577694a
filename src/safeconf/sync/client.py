"""`HQClient`: push, pull, status and renewal over mutual TLS to HQ.

Vault-agnostic: it takes PEM strings and outbox items and returns typed answers; storing them
(outbox, cursor, applying a page in one transaction) is the caller's job. Blocking (httpx);
run it off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from safeconf.domain.records import AuditEvent
from safeconf.sync import tls
from safeconf.sync.errors import (
    CertificateExpired,
    ClockSkew,
    DeviceNotAuthorised,
    ProtocolError,
    SyncError,
)
from safeconf.sync.messages import (
    DeviceStatus,
    OutboxItem,
    PullPage,
    PushResult,
    audit_wire,
    read_pull_page,
    read_push_result,
    read_status,
)
from safeconf.sync.transport import (
    EXPIRED,
    Wire,
    diagnose_disconnect,
    exchange,
    make_client,
    raise_for_status,
)

PROTOCOL = 1
MAX_CLOCK_SKEW = timedelta(minutes=5)
DEFAULT_TIMEOUT = 60.0


class HQClient:
    def __init__(self, sync_url: str, ca_pem: str, cert_pem: str, key_pem: str,
                 timeout: float = DEFAULT_TIMEOUT,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 compress: bool = True) -> None:
        """`compress=False`: plain bodies both ways, as a laptop without zstd would send."""
        self._clock = clock
        # What crossed the wire, and whether requests are compressed (transport.Wire).
        self.wire = Wire(compress=compress, accept=compress)
        try:
            cert = x509.load_pem_x509_certificate(cert_pem.encode("ascii"))
        except ValueError as exc:
            raise ProtocolError("This laptop's certificate is damaged; enroll again.") from exc
        self.not_after = cert.not_valid_after_utc
        self._ctx = tls.client_context(ca_pem, cert_pem, key_pem)
        self._base_url = sync_url.rstrip("/")
        self._timeout = timeout
        self._http = make_client(self._base_url, self._ctx, timeout)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HQClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _call(self, method: str, path: str, body: Any | None = None) -> Any:
        if self._clock() >= self.not_after:
            raise CertificateExpired(EXPIRED)  # no point in a handshake HQ will refuse
        status, answer = exchange(self._http, method, path, body, self._diagnose, self.wire)
        raise_for_status(status, answer)
        return answer

    def _diagnose(self) -> SyncError:
        failure = diagnose_disconnect(self._ctx, self._base_url, min(self._timeout, 10.0))
        if isinstance(failure, DeviceNotAuthorised) and self._clock() + timedelta(days=1) > (
            self.not_after
        ):
            # HQ's refusal carries no reason; a certificate at or past its end explains it.
            return CertificateExpired(EXPIRED)
        return failure

    def push(self, batch_id: str, items: Sequence[OutboxItem | Mapping[str, Any]],
             audit: Sequence[AuditEvent | Mapping[str, Any]] = (),
             rebase: tuple[int, str] | None = None,
             pulled_to: int | None = None) -> PushResult:
        """Send one outbox batch. Retry with the SAME batch_id after any failure: HQ answers a
        replay with its first answer. `SyncConflict` means resend from `acked_seq + 1`;
        `RebaseRequired`, rebase first. `rebase` is (seq, hash) of the last audit event this
        laptop shares with HQ, sent after a rebase (docs/sync-protocol.md, "Rebase").
        `pulled_to`: the pull cursor this laptop holds (section 4b, `stale_view`)."""
        wire_items = [i.wire() if isinstance(i, OutboxItem) else dict(i) for i in items]
        body: dict[str, Any] = {"protocol": PROTOCOL, "batch_id": batch_id,
                                "items": wire_items, "audit": [audit_wire(e) for e in audit]}
        if rebase is not None:
            body["rebase"] = {"audit_seq": rebase[0], "audit_hash": rebase[1]}
        if pulled_to is not None:
            body["pulled_to"] = int(pulled_to)
        seqs = [int(i["seq"]) for i in wire_items if isinstance(i.get("seq"), int)]
        answer = self._call("POST", "/v1/push", body)
        return read_push_result(answer, max(seqs, default=2**53))

    def pull(self, cursor: int = 0, limit: int = 500) -> PullPage:
        answer = self._call("GET", f"/v1/pull?cursor={int(cursor)}&limit={int(limit)}")
        return read_pull_page(answer, int(cursor), int(limit))

    def status(self) -> DeviceStatus:
        """The device's standing at HQ; raises `ClockSkew` if the clocks differ by > 5 min."""
        answer = self._call("GET", "/v1/status")
        status = read_status(answer, self._clock())
        if abs(status.skew_seconds) > MAX_CLOCK_SKEW.total_seconds():
            minutes = round(abs(status.skew_seconds) / 60)
            raise ClockSkew(
                f"This laptop's clock is about {minutes} minutes "
                f"{'behind' if status.skew_seconds > 0 else 'ahead of'} HQ's. Set the correct "
                "date and time, then sync again.", status.skew_seconds)
        return status

    def upload_escrow(self, escrow: Mapping[str, Any]) -> None:
        """Hand HQ the escrow copy of the vault's data key (sealed to HQ's recovery key)."""
        answer = self._call("POST", "/v1/escrow", {"protocol": PROTOCOL, "escrow": dict(escrow)})
        if not isinstance(answer, dict) or answer.get("stored") is not True:
            raise ProtocolError("HQ's answer to the escrow copy was not in the expected form.")

    def renew(self, csr_pem: str) -> str:
        """A new certificate for the key in `csr_pem`; the old certificate keeps working until
        the new one is first used. Returns the certificate PEM."""
        answer = self._call("POST", "/v1/renew", {"protocol": PROTOCOL, "csr_pem": csr_pem})
        cert = answer.get("certificate_pem") if isinstance(answer, dict) else None
        if not isinstance(cert, str) or len(cert) > 16_384:
            raise ProtocolError("HQ's renewal answer was not in the expected form.")
        try:
            issued = x509.load_pem_x509_certificate(cert.encode("ascii")).public_key()
            wanted = x509.load_pem_x509_csr(csr_pem.encode("ascii")).public_key()
        except (ValueError, UnicodeEncodeError) as exc:
            raise ProtocolError("HQ sent a damaged certificate.") from exc
        if _spki(issued) != _spki(wanted):
            raise ProtocolError("HQ's new certificate is not for this laptop's new key.")
        return cert


def _spki(key: Any) -> bytes:
    return bytes(key.public_bytes(serialization.Encoding.DER,
                                  serialization.PublicFormat.SubjectPublicKeyInfo))
