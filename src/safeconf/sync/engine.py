"""One sync run between a vault and HQ: status, push the outbox, pull changes, renew.

Resumable at every step: the outbox, the batch in flight and the pull cursor are in the
vault, so a run cut off anywhere (offline, killed, HQ down) continues where it stopped and
never duplicates. Blocking: the app runs it off the GUI thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import itertools
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from safeconf.domain import ack_signature
from safeconf.domain.ack_proof import MAX_COUNTERSIGNED, PUSH_REFUSALS
from safeconf.domain.auditchain import GENESIS_HASH
from safeconf.domain.caseless import REPORT_TYPES
from safeconf.domain.change_rules import REASONS as RULE_REASONS
from safeconf.domain.ids import new_id, parse_utc
from safeconf.domain.records import AuditEvent
from safeconf.sync import escrow
from safeconf.sync.bundle import parse_bundle
from safeconf.sync.client import HQClient
from safeconf.sync.enroll import Enrollment, Predecessor, Signer, enroll, new_key_and_csr
from safeconf.sync.errors import (
    DeviceRevoked,
    RebaseRequired,
    RequestRejected,
    SyncConflict,
    SyncError,
)
from safeconf.sync.messages import OutboxItem
from safeconf.vault.device_secret import SecretStore
from safeconf.vault.sync_store import Credentials, PendingItem, Unusable
from safeconf.vault.vault import Vault

# As many items (and audit events) as HQ takes in one push: a note saved many times makes
# a marker per earlier save, and one compressed batch carries the text once, not per batch.
BATCH_SIZE = 2000
# Well under HQ's 8 MiB request limit, with room for the audit events and the JSON around.
PUSH_BATCH_BYTES = 6 * 1024 * 1024
PAGE_SIZE = 500
RENEW_BEFORE = timedelta(days=30)
# Agencies require laptops to check in: past this, the app locks until it syncs.
STALE_AFTER = timedelta(days=30)
# sync_state keys: "pending" until HQ confirms it holds the escrow copy, then "done".
ESCROW_UPLOAD = "escrow_upload"
RECOVERY_KEY = "recovery_public_key_pem"
# sync_state key: after a rebase, the (seq, hash) of the last audit event shared with HQ,
# sent with pushes until one is acknowledged.
REBASE_CLAIM = "rebase_claim"

log = logging.getLogger("safeconf.sync")


class NotEnrolled(SyncError):
    def __init__(self) -> None:
        super().__init__("This laptop is not enrolled with HQ yet. Ask HQ for an enrollment "
                         "code and choose Enroll with HQ.")


class DeviceWiped(SyncError):
    """HQ revoked this laptop and asked for its data to be erased; it has been."""


@dataclass(frozen=True)
class SyncProgress:
    phase: str  # "connecting", "pushing", "pulling", "done"
    done: int
    total: int


@dataclass(frozen=True)
class SyncReport:
    pushed: int
    pulled: int
    purged_cases: int
    push_conflicts: int
    pull_conflicts: int
    renewed: bool
    finished_at: str


def enroll_vault(
    vault: Vault,
    bundle_text: str,
    client_factory: Callable[[Credentials], HQClient] | None = None,
    again: bool = False,
) -> Enrollment:
    """Enroll this laptop with the code bundle from HQ; the key stays inside the vault.

    `again=True` re-enrolls an enrolled laptop (certificate expired, or revoked and let back
    by HQ): the stored key proves the earlier enrollment, HQ's new device continues its push
    sequence and audit chain, and the outbox, cursor and acknowledged state are kept.

    Where HQ has a recovery key, the data key is sealed to it (the escrow copy), kept in
    `vault.keys` and sent to HQ; if sending fails, the next sync sends it first.
    """
    current = vault.sync.credentials()
    predecessor: Predecessor | None = None
    if current is not None and not again:
        raise SyncError("This laptop is already enrolled with HQ. If HQ asked you to enroll "
                        "again, use a new code with Enroll again.")
    if current is None and again:
        raise SyncError("This laptop is not enrolled with HQ yet, so there is nothing to "
                        "enroll again; enroll it with the code instead.")
    if current is not None:
        bundle = parse_bundle(bundle_text)
        if not hmac.compare_digest(_ca_fingerprint(current.ca_pem), bundle.ca_fingerprint):
            # Checked before connecting, so the old certificate never goes to another server.
            raise SyncError("This enrollment code is from a different HQ than the one this "
                            "laptop is enrolled with. Nothing was sent; tell IT.")
        predecessor = Predecessor(current.cert_pem, current.key_pem)
    enrollment = enroll(bundle_text, predecessor=predecessor, signer=_signer(vault))
    credentials = Credentials(
        hq_device_id=enrollment.device_id,
        worker_id=enrollment.worker_id,
        sync_url=enrollment.sync_url,
        ca_pem=enrollment.ca_pem,
        cert_pem=enrollment.cert_pem,
        key_pem=enrollment.key_pem,
    )
    with vault.transaction():
        # The outbox, cursor and acked sequences stay: HQ's new device continues them.
        vault.sync.save_credentials(credentials,
                                    action="re-enroll" if current is not None else "enroll")
        if enrollment.signing_certificate_pem is not None:
            vault.signing_key.add_certificate(enrollment.signing_certificate_pem,
                                              enrollment.countersignature)
        if enrollment.recovery_public_key_pem is not None:
            # Recorded with the credentials, so a crash before the upload still retries it.
            # Pending again on re-enrolling: HQ keeps the copy on the (new) device row.
            vault.sync.put(RECOVERY_KEY, enrollment.recovery_public_key_pem)
            vault.sync.put(ESCROW_UPLOAD, "pending")
    if enrollment.recovery_public_key_pem is None:
        log.warning("HQ has no recovery key: no escrow copy was made for this vault")
        return enrollment
    escrow_entry(vault)
    try:
        with (client_factory or _client_for)(credentials) as client:
            upload_escrow_if_pending(vault, client)
    except SyncError as exc:
        log.warning("escrow copy not sent yet; the next sync retries it (%s)", type(exc).__name__)
    return enrollment


def _signer(vault: Vault) -> Signer:
    """The vault's signing key for enrollment, with every acknowledgment it has signed so
    far: HQ counter-signs that they existed when the key was certified."""
    key = vault.signing_key
    own = key.public_key()
    digests = tuple(sorted({ack_signature.digest(a) for a in vault.acknowledgments.all()
                            if a.signer_key == own and ack_signature.signature_holds(a)}))
    if len(digests) > MAX_COUNTERSIGNED:
        raise SyncError(f"This laptop holds {len(digests):,} acknowledgments taken before "
                        f"enrolling; HQ counter-signs at most {MAX_COUNTERSIGNED:,} at once. "
                        "Tell IT.")
    return Signer(own, key.prove, digests)


def _ca_fingerprint(ca_pem: str) -> str:
    cert = x509.load_pem_x509_certificate(ca_pem.encode("ascii"))
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def escrow_entry(vault: Vault) -> dict[str, object]:
    """The vault's escrow entry for HQ's recovery key, sealed now if it is not there yet."""
    pem = vault.sync.get(RECOVERY_KEY)
    if pem is None:
        raise SyncError("HQ gave this laptop no recovery key, so no escrow copy can be made.")
    recipient = escrow.load_public_key(pem)
    current = vault.escrow
    if current is not None:
        try:
            blob = escrow.EscrowBlob.from_dict(current)
            if (blob.recipient == escrow.key_fingerprint(recipient)
                    and blob.vault_id == vault.vault_id):
                return current
        except SyncError:
            pass  # damaged: seal a new one below
    made = escrow.seal(vault.data_key(), vault.vault_id, recipient).to_dict()
    vault.save_escrow(made)
    return made


def restore_escrow_entry(vault: Vault) -> bool:
    """After a recovery that lost `vault.keys`, put an escrow entry back (same data key, so
    HQ's copy stays valid). False when this vault never had one (not enrolled, or no key)."""
    if vault.sync.get(RECOVERY_KEY) is None:
        return False
    escrow_entry(vault)
    return True


def upload_escrow_if_pending(vault: Vault, client: HQClient) -> bool:
    """Send the escrow copy if HQ has not confirmed it yet; True when one was sent."""
    if vault.sync.get(ESCROW_UPLOAD) != "pending":
        return False
    client.upload_escrow(escrow_entry(vault))
    vault.sync.put(ESCROW_UPLOAD, "done")
    return True


def is_stale(vault: Vault, now: datetime | None = None) -> bool:
    """An enrolled laptop that has not synced for too long must check in before use."""
    if vault.sync.credentials() is None:
        return False
    last = vault.sync.last_sync_at or vault.sync.get("enrolled_at")
    if last is None:
        return False
    return (now or datetime.now(UTC)) - parse_utc(last) > STALE_AFTER


@dataclass(frozen=True)
class _Batch:
    """The push batch in flight, kept in the vault so a retry resends it under its id."""

    id: str
    last_seq: int
    last_audit_seq: int


class SyncEngine:
    def __init__(
        self,
        vault: Vault,
        secrets: SecretStore,
        progress: Callable[[SyncProgress], None] | None = None,
        client_factory: Callable[[Credentials], HQClient] | None = None,
    ) -> None:
        self._vault = vault
        self._secrets = secrets
        self._progress = progress or (lambda _p: None)
        self._client_factory = client_factory or _client_for

    def run(self) -> SyncReport:
        credentials = self._vault.sync.credentials()
        if credentials is None:
            raise NotEnrolled()
        self._progress(SyncProgress("connecting", 0, 0))
        with self._client_factory(credentials) as client:
            try:
                client.status()
                self._send_escrow(client)
                pushed, push_conflicts = self._push(client)
                pulled, purged, pull_conflicts = self._pull(client)
                renewed = self._renew_if_due(client, credentials)
            except DeviceRevoked as revoked:
                if revoked.wipe:
                    self._vault.shred(self._secrets)
                    raise DeviceWiped(
                        "HQ has revoked this laptop and asked for its data to be erased. "
                        "The vault on this laptop has been destroyed. Contact IT."
                    ) from revoked
                raise
        self._vault.sync.mark_synced()
        self._progress(SyncProgress("done", 1, 1))
        return SyncReport(pushed, pulled, purged, push_conflicts, pull_conflicts, renewed,
                          self._vault.sync.last_sync_at or "")

    def _send_escrow(self, client: HQClient) -> None:
        try:
            upload_escrow_if_pending(self._vault, client)
        except RequestRejected as refused:
            # HQ will not take it (e.g. its recovery key changed): records must still sync,
            # so this stays pending and is tried again next time; IT sees it in HQ's log.
            log.warning("HQ refused the escrow copy (%s); still pending", refused.code)

    def _push(self, client: HQClient) -> tuple[int, int]:
        store = self._vault.sync
        total, pushed, conflicts = store.pending_count(), 0, 0
        rebased = False
        while True:
            # What goes in the batch and the mark that it is on its way are taken together:
            # a save meanwhile must not supersede an outbox row being sent (vault/outbox.py).
            with self._vault.transaction():
                batch, items, audit = self._next_batch()
            if batch is None:
                return pushed, conflicts
            try:
                outbox = [OutboxItem(i.seq, i.record_type, i.data, i.base_version)
                          for i in items]
                claim = self._rebase_claim()
                result = client.push(batch.id, outbox, audit, rebase=claim,
                                     pulled_to=store.cursor)
            except RebaseRequired as needed:
                if rebased:
                    raise SyncError(
                        "HQ and this laptop disagree about what was already sent, so this "
                        "sync stopped. Contact IT; nothing on this laptop was lost."
                    ) from needed
                self._rebase(needed)
                rebased = True
                continue
            except SyncConflict as gap:
                raise SyncError(
                    "HQ is missing earlier changes from this laptop, so this sync stopped. "
                    "Contact IT; nothing on this laptop was lost."
                ) from gap
            # Never take more as acknowledged than this batch sent: rows after it were not
            # seen by HQ, whatever it counts (a restored laptop learns that by a rebase).
            with self._vault.transaction():
                store.mark_pushed(min(result.acked_seq, batch.last_seq), result.audit_acked_seq)
                store.put("push_batch", "null")
                store.put(REBASE_CLAIM, "null")
                for refused in result.conflicts:
                    if refused.reason in RULE_REASONS or refused.reason in PUSH_REFUSALS:
                        store.keep_refused(refused.type, refused.id, refused.case_id,
                                           refused.message, refused.hq_data)
                    elif refused.reason == "version_mismatch" and refused.hq_data and \
                            refused.hq_version is not None:
                        store.keep_push_conflict(refused.type, refused.id, refused.case_id,
                                                 refused.hq_version, refused.hq_data,
                                                 "changed here and at HQ")
            pushed += sum(not i.gap for i in items)  # changes, as pending_count counts
            conflicts += len(result.conflicts)
            self._progress(SyncProgress("pushing", pushed, total))

    def _next_batch(self) -> tuple[_Batch | None, list[PendingItem], list[AuditEvent]]:
        """The batch to send (the one in flight again, else a new one, marked in flight),
        or None when nothing is left to push."""
        store = self._vault.sync
        batch = self._batch_in_flight()
        if batch is None:
            # Reports of a loss or a breach go before any other record (issue #10): HQ
            # must learn of a lost laptop before it takes that laptop's other changes.
            store.put_first(REPORT_TYPES)
        items = store.pending(BATCH_SIZE)
        audit = store.pending_audit(BATCH_SIZE)
        if batch is not None:
            # A retry sends exactly what the first attempt sent, under the same id.
            items = [i for i in items if i.seq <= batch.last_seq]
            audit = [e for e in audit if e.seq <= batch.last_audit_seq]
        else:
            if items and items[0].record_type in REPORT_TYPES:
                # A first batch of the reports alone: stored at HQ even if a later
                # batch is refused.
                items = list(itertools.takewhile(
                    lambda i: i.record_type in REPORT_TYPES, items))
            items = _fitting(items, audit[-1].seq if audit else store.audit_acked_seq)
        if not items and not audit:
            store.put("push_batch", "null")
            return None, [], []
        if batch is None:
            batch = _Batch(
                id=new_id(),
                last_seq=items[-1].seq if items else store.acked_seq,
                last_audit_seq=audit[-1].seq if audit else store.audit_acked_seq,
            )
            store.put("push_batch", json.dumps(batch.__dict__))
        return batch, items, audit

    def _rebase_claim(self) -> tuple[int, str] | None:
        raw = self._vault.sync.get(REBASE_CLAIM)
        if raw is None or raw == "null":
            return None
        seq, digest = json.loads(raw)
        return int(seq), str(digest)

    def _rebase(self, needed: RebaseRequired) -> None:
        """This vault went back in time (restored from a backup or a snapshot): HQ holds
        outbox seqs up to `needed.acked_seq` and audit events this laptop may not have.
        Renumber what was not sent to follow HQ's, and name the last audit event both
        share, so HQ continues the chain from there (docs/sync-protocol.md, "Rebase")."""
        store, audit = self._vault.sync, self._vault.audit
        with self._vault.transaction():
            moved = store.rebase(needed.acked_seq)
            held = audit.at(needed.audit_acked_seq)
            if held is not None and held.hash == needed.audit_hash:
                claim = (needed.audit_acked_seq, needed.audit_hash)
            else:  # we went back before HQ's last event: what HQ acknowledged to us is shared
                shared = store.audit_acked_seq
                event = audit.at(shared)
                claim = (shared, event.hash if event is not None else GENESIS_HASH)
            store.put("audit_acked_seq", str(claim[0]))
            store.put(REBASE_CLAIM, json.dumps(list(claim)))
            store.put("push_batch", "null")
        log.warning("vault rebased after a restore: %d unsent change(s) renumbered after "
                    "seq %d; audit chain continues from event %d", moved, needed.acked_seq,
                    claim[0])

    def _batch_in_flight(self) -> _Batch | None:
        raw = self._vault.sync.get("push_batch")
        return None if raw is None or raw == "null" else _Batch(**json.loads(raw))

    def _pull(self, client: HQClient) -> tuple[int, int, int]:
        store = self._vault.sync
        pulled = purged = conflicts = 0
        while True:
            page = client.pull(store.cursor, PAGE_SIZE)
            if page.resync:
                store.put("cursor", "0")
                continue
            for certificate_pem, countersignature in page.signers:
                # Kept as sent: judged against the pinned CA each time it is used.
                with contextlib.suppress(ValueError):
                    self._vault.signing_key.add_certificate(certificate_pem, countersignature)
            result = store.apply_page(
                [i.record if i.record is not None else Unusable(i.type, i.data, i.problem)
                 for i in page.items],
                page.cursor, page.purge, [i.cursor for i in page.items])
            pulled += len(page.items)
            purged += result.purged_cases
            conflicts += result.conflicts
            self._progress(SyncProgress("pulling", pulled, pulled + (PAGE_SIZE if page.more
                                                                      else 0)))
            if not page.more:
                return pulled, purged, conflicts

    def _renew_if_due(self, client: HQClient, credentials: Credentials) -> bool:
        if client.not_after - datetime.now(UTC) > RENEW_BEFORE:
            return False
        key_pem, csr_pem = new_key_and_csr()
        cert_pem = client.renew(csr_pem)
        self._vault.sync.save_credentials(
            Credentials(**{**credentials.__dict__, "cert_pem": cert_pem, "key_pem": key_pem}),
            action="renew",
        )
        return True


def _fitting(items: list[PendingItem], last_audit_seq: int) -> list[PendingItem]:
    """The first items that fit one push: under PUSH_BATCH_BYTES (at least one item, which
    is at most MAX_RECORD_BYTES), and each covered by its audit event, which must travel in
    the same batch or before it (HQ refuses a change without one)."""
    chosen: list[PendingItem] = []
    used = 0
    for item in items:
        if item.audit_seq > last_audit_seq or (chosen and used + item.size > PUSH_BATCH_BYTES):
            break
        chosen.append(item)
        used += item.size
    return chosen


def _client_for(credentials: Credentials) -> HQClient:
    return HQClient(credentials.sync_url, credentials.ca_pem, credentials.cert_pem,
                    credentials.key_pem)
