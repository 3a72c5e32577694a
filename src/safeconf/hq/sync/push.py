"""Applying a checked push: records, conflicts, the audit chain and the acked seq, in ONE
transaction, with the answer stored under the batch id so a replay gets the same answer.

Insert-only records never change at HQ: the same id with other content is a conflict. Mutable
records (case, conference, attendee, note) move forward only from the version the device saw
(`base_version`); otherwise HQ's copy stays, the device's is kept in `conflicts` for review.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from safeconf.domain import change_rules as rules
from safeconf.domain import codec, revisions
from safeconf.domain.auditchain import event_hash
from safeconf.domain.caseless import REPORT_TYPES, is_caseless
from safeconf.domain.change_rules import judge_change
from safeconf.domain.codec import HQ_AUTHORED_TYPES, MUTABLE_TYPES
from safeconf.domain.records import (
    Acknowledgment,
    Conference,
    ConferenceState,
    Language,
    NoteRevision,
    RecordMeta,
)
from safeconf.domain.statements import Statement, current_statements
from safeconf.hq import clock, incidents, schema
from safeconf.hq.db import Database, insert_ignoring_duplicates
from safeconf.hq.errors import HQError
from safeconf.hq.legal_requests import route_at_intake
from safeconf.hq.pki import devices
from safeconf.hq.pki.devices import Device
from safeconf.hq.sync import ack_checks, audit_index, history, revision_claims
from safeconf.hq.sync.caseless import store_caseless
from safeconf.hq.sync.changelog import chunks, relog
from safeconf.hq.sync.pushparse import PushBatch, PushItem
from safeconf.hq.sync.record_view import HQRecordView
from safeconf.hq.sync.seen import note_seen, unseen_changes

CASE_FIELDS_OWNED_BY_HQ = ("case_number", "assigned_workers", "sealed")

REASONS = {
    "not_assigned": "This case is not assigned to you at HQ, so the change was not shared; "
                    "HQ kept it for review.",
    "sealed": "This case has been sealed, so the change was not shared; HQ kept it for review.",
    "version_mismatch": "Someone else changed this at HQ first. Both versions were kept and "
                        "flagged for review.",
    "different_content": "HQ already holds a different record with this id. Both were kept "
                         "and flagged for review.",
    "type_mismatch": "HQ holds this id as a different kind of record; the change was kept for "
                     "review.",
    "case_mismatch": "HQ holds this record under another case; the change was kept for review.",
    "hq_owned": "Case numbers, assignments and sealing are managed by HQ; the change was kept "
                "for review.",
    "hq_authored": "Legal's answers to review requests and its steps on legal requests are "
                   "written at HQ only; the record was kept for review.",
    "concurrent_change": "Another device changed this at the same moment. Both versions were "
                         "kept and flagged for review.",
    # The conference rules (safeconf.domain.change_rules): HQ keeps the change for review.
    rules.FINALIZED: "This conference is finalized, so what was recorded in it cannot "
                     "change. Your version was kept at HQ for review as a possible addendum.",
    rules.ILLEGAL_TRANSITION: "A conference or a consent cannot change that way from the "
                              "version HQ holds; the change was kept for review.",
    rules.GATE_CLOSED: "This note was written while nobody was checked in or someone present "
                       "had not acknowledged confidentiality, so HQ did not share it; it was "
                       "kept for review.",
    rules.NOT_DELETABLE: "This record cannot be deleted; the deletion was kept for review.",
    rules.TOMBSTONED: "This record was deleted, so it cannot change again; the change was "
                      "kept for review.",
    rules.NO_PARENT: "HQ has no conference, attendee or note that this record belongs to; it "
                     "was kept for review.",
    rules.PARENT_ELSEWHERE: "The record it belongs to is in another case; it was kept for "
                            "review.",
    rules.NOT_THEIR_ACKNOWLEDGMENT: "This acknowledgment names someone other than the "
                                    "attendee (typed name) or its attester as witness; it "
                                    "was kept for review.",
    rules.NOT_FINALIZED: "An addendum joins only a finalized conference; it was kept for "
                         "review.",
    rules.NO_INTERVIEW_PERMISSION: "This note records an interview of a child without a "
                                   "permission on file for that youth in this case, so HQ did "
                                   "not share it; it was kept for review.",
    rules.NOT_ALLOWED: "This disclosure was logged as allowed, but the policy, asked again "
                       "on the day it was made, does not allow it on the basis the log names "
                       "(policy line, consent or legal's release); HQ did not record it and "
                       "kept it for review.",
    rules.BROKEN_REVISION: "This revision of a note is kept as a change to an earlier "
                           "revision, but applied to the text HQ holds for that one it does "
                           "not give the text it names (a damaged or altered revision); it "
                           "was kept for review.",
    **ack_checks.REASONS,
    rules.STALE_VIEW: "Someone changed this conference on another laptop after this laptop "
                      "last synced, so it was not finalized. Review the changes, then finalize "
                      "again.",
}


@cache
def _statements() -> dict[Language, Statement]:
    return current_statements()


@dataclass
class StoredCopy:
    """HQ's current copy of a record."""

    type: str
    case_id: str
    version: int
    digest: str
    data: str


@dataclass
class _Conflict:
    item: PushItem
    reason: str
    hq: StoredCopy | None


def apply_push(db: Database, device: Device, batch: PushBatch,
               before_commit: Callable[[], None] | None = None, *,
               ca_pem: str) -> dict[str, Any]:
    now = clock.iso(clock.now())
    with db.write() as conn:
        current = devices.by_id(conn, device.device_id)
        if current is None or not current.active:  # revoked while the request was on its way
            raise HQError(403, "revoked", "This device has been revoked.",
                          wipe=bool(current and current.wipe))
        pb = schema.push_batches
        prior = conn.execute(select(pb.c.request_digest, pb.c.response).where(
            pb.c.device_id == device.device_id, pb.c.batch_id == batch.batch_id)).first()
        if prior is not None:
            if prior.request_digest != batch.digest:
                raise HQError(409, "batch_reused",
                              "This batch id was already used for different data.")
            answer: dict[str, Any] = json.loads(prior.response)
            return answer
        ds = schema.device_seq
        state = conn.execute(select(ds).where(ds.c.device_id == device.device_id)
                             .with_for_update()).one()
        # Re-read under that lock: a re-enrollment that replaced this device while the push
        # waited has handed its sequence on, so nothing more may land on this one.
        d = schema.devices
        latest = conn.execute(select(d.c.status, d.c.wipe)
                              .where(d.c.device_id == device.device_id)).one()
        if latest.status != "active":
            raise HQError(403, "revoked", "This device has been revoked.", wipe=bool(latest.wipe))
        line = history.lineage(conn, device.device_id)
        numbering = history.AuditNumbering(conn, line)
        audit_acked = numbering.to_device(state.audit_seq)  # in the device's own numbering

        def rebase() -> HQError:
            return history.rebase_error(state.acked_seq, audit_acked, state.audit_hash)

        # A new batch (a replay was answered above) that re-sends seqs HQ holds with other
        # content, or ends below what HQ holds, comes from a laptop that went back in time.
        every = batch.seqs  # with the seqs a later save superseded, which carry nothing
        resent = [i for i in every if i.seq <= state.acked_seq]
        if resent and (resent[-1].seq < state.acked_seq
                       or history.resent_items_differ(conn, line, resent)):
            raise rebase()
        sent = [i for i in every if i.seq > state.acked_seq]
        fresh = [i for i in sent if isinstance(i, PushItem)]
        if sent and sent[0].seq != state.acked_seq + 1:
            raise HQError(409, "gap", f"HQ has changes up to {state.acked_seq}; send from "
                          f"{state.acked_seq + 1}.", acked_seq=state.acked_seq,
                          audit_acked_seq=audit_acked)
        plan = _plan_audit(device, batch, state, numbering, rebase, now)
        audit_index.require_audited(conn, line, fresh, batch.audit)
        revision_claims.claim(conn, device.device_id, line, fresh, plan.events)
        if batch.pulled_to is not None:
            note_seen(conn, device.device_id, batch.pulled_to)
        of_cases = [i for i in fresh if not is_caseless(i.type)]
        conflicts = _apply_items(conn, device, batch.batch_id, of_cases, now, ca_pem)
        conflicts += _apply_caseless(conn, device, batch.batch_id,
                                     [i for i in fresh if is_caseless(i.type)], now)
        history.remember_items(conn, device.device_id, sent)
        audit_seq, audit_hash = _apply_audit(conn, device, plan, now)
        acked = sent[-1].seq if sent else state.acked_seq
        conn.execute(update(ds).where(ds.c.device_id == device.device_id)
                     .values(acked_seq=acked, audit_seq=audit_seq, audit_hash=audit_hash))
        answer = {
            "acked_seq": acked,
            "audit_acked_seq": numbering.to_device(audit_seq),
            "conflicts": [_describe(c) for c in conflicts],
            "server_time": now,
        }
        conn.execute(insert(pb).values(
            device_id=device.device_id, batch_id=batch.batch_id,
            request_digest=batch.digest, response=json.dumps(answer), created_at=now,
        ))
        devices.touch(conn, device.device_id)
        if before_commit is not None:
            before_commit()
    return answer


def _finalizes_unseen(conn: Connection, device: Device, record: RecordMeta,
                     current: RecordMeta | None, view: HQRecordView,
                     accepted: dict[str, PushItem]) -> bool:
    """A finalize made without the other devices' latest changes to that conference: the
    facilitator attested a record they had not seen, so it must not become the record."""
    if not (isinstance(record, Conference) and isinstance(current, Conference)
            and record.state is ConferenceState.FINALIZED
            and current.state is not ConferenceState.FINALIZED):
        return False
    inside = view.in_conference(record.id)
    return unseen_changes(conn, device.device_id,
                          {r.id for r in inside if r.id not in accepted}) > 0


def _visible_cases(conn: Connection, worker_id: str) -> tuple[set[str], set[str]]:
    """Cases this worker may write to, and assigned cases that are sealed."""
    a, c = schema.assignments, schema.cases
    rows = conn.execute(
        select(c.c.case_id, c.c.sealed).join(a, a.c.case_id == c.c.case_id)
        .where(a.c.worker_id == worker_id, a.c.active.is_(True))
    ).all()
    return {r.case_id for r in rows if not r.sealed}, {r.case_id for r in rows if r.sealed}


def _load_current(conn: Connection, ids: list[str]) -> dict[str, StoredCopy]:
    r = schema.records
    found: dict[str, StoredCopy] = {}
    for part in chunks(sorted(ids)):  # sorted: row locks in one order, so no deadlocks
        rows = conn.execute(
            select(r.c.id, r.c.type, r.c.case_id, r.c.version, r.c.content_hash, r.c.data)
            .where(r.c.id.in_(part)).order_by(r.c.id).with_for_update()
        ).all()
        for row in rows:
            found[row.id] = StoredCopy(row.type, row.case_id, row.version, row.content_hash,
                                     row.data)
    return found


def _apply_items(conn: Connection, device: Device, batch_id: str, items: list[PushItem],
                 now: str, ca_pem: str) -> list[_Conflict]:
    if not items:
        return []
    writable, sealed = _visible_cases(conn, device.worker_id)
    # The conferences the batch writes into are locked with its records (one sorted lock
    # order), so a finalize committed by another push cannot slip between judge and write.
    parents = {p for i in items if isinstance(p := getattr(i.record, "conference_id", None), str)}
    item_ids = {i.id for i in items}
    loaded = _load_current(conn, list(item_ids | parents))
    stored = {k: v for k, v in loaded.items() if k in item_ids}
    state: dict[str, StoredCopy] = dict(stored)
    accepted: dict[str, PushItem] = {}  # id -> last accepted item; dict order = change order
    conflicts: list[_Conflict] = []
    view = HQRecordView(conn, {k: (v.type, v.data) for k, v in loaded.items()},
                        (item_ids | parents) - set(loaded))
    for item in items:
        reason = _judge(item, state.get(item.id), writable, sealed)
        if reason == "same":
            continue
        # A stale edit of a finalized record is refused as such, not as a plain version
        # mismatch: the laptop then shows HQ's finalized copy again (section 4b).
        if reason is None or reason == "version_mismatch":
            # The conference rules, judged on HQ's copy plus what this batch already did.
            current = view.current(item.id)
            refusal = judge_change(item.record, current, view, _statements())
            if refusal is not None and (reason is None or refusal.reason == rules.FINALIZED):
                reason = refusal.reason
            if reason is None and _finalizes_unseen(conn, device, item.record, current, view,
                                                    accepted):
                reason = rules.STALE_VIEW
            if reason is None and isinstance(item.record, Acknowledgment):
                reason = ack_checks.push_refusal(conn, ca_pem, device.device_id, item.record)
        if reason is not None:
            hq = state.get(item.id)
            visible = hq is not None and hq.case_id in writable
            conflicts.append(_Conflict(item, reason, hq if visible else None))
            continue
        state[item.id] = StoredCopy(item.type, item.case_id, item.record.version, item.digest,
                                  item.data)
        accepted.pop(item.id, None)
        accepted[item.id] = item
        view.accept(item.record)
    lost = _store(conn, device.device_id, stored, accepted, now)
    conflicts.extend(_Conflict(item, "concurrent_change", None) for item in lost)
    for item in accepted.values():  # a legal request is routed to legal as it arrives
        if item.type == "legal_request" and item.id not in stored and item not in lost:
            route_at_intake(conn, item.record, device.worker_id, now)  # type: ignore[arg-type]
    if conflicts:
        conn.execute(insert(schema.conflicts), [{
            "device_id": device.device_id, "batch_id": batch_id, "seq": c.item.seq,
            "record_id": c.item.id, "record_type": c.item.type, "case_id": c.item.case_id,
            "reason": c.reason, "base_version": c.item.base_version,
            "hq_version": c.hq.version if c.hq else None, "incoming_data": c.item.data,
            "created_at": now, "needs_review": True,
        } for c in conflicts])
    return conflicts


def _apply_caseless(conn: Connection, device: Device, batch_id: str, items: list[PushItem],
                    now: str) -> list[_Conflict]:
    """Records of no case: the domain's rules and validation as for any record (a tombstone
    is refused), filed under the certificate's worker; never relogged, so never pulled."""
    conflicts: list[_Conflict] = []
    fine: list[PushItem] = []
    for item in items:
        refusal = judge_change(item.record, None, HQRecordView(conn), {})
        if refusal is not None:
            conflicts.append(_Conflict(item, refusal.reason, None))
        else:
            fine.append(item)
    refused = store_caseless(conn, device, fine, now)
    conflicts += [_Conflict(item, "different_content", None) for item in refused]
    taken = {item.id for item in refused}
    reports = [(item.record, device.worker_id, device.device_id) for item in fine
               if item.type in REPORT_TYPES and item.id not in taken]
    if reports:
        incidents.on_intake(conn, reports, now)  # type: ignore[arg-type]
    if conflicts:
        conn.execute(insert(schema.conflicts), [{
            "device_id": device.device_id, "batch_id": batch_id, "seq": c.item.seq,
            "record_id": c.item.id, "record_type": c.item.type, "case_id": "",
            "reason": c.reason, "base_version": None, "hq_version": None,
            "incoming_data": c.item.data, "created_at": now, "needs_review": True,
        } for c in conflicts])
    return conflicts


def _store(conn: Connection, stored_by: str, stored: dict[str, StoredCopy],
           accepted: dict[str, PushItem], now: str) -> list[PushItem]:
    """Make the accepted items HQ's current copies: records, case states, change log.
    Returns (and drops from `accepted`) new ones another writer inserted first."""
    lost = _write_records(conn, stored_by, stored, accepted, now)
    for item in lost:
        accepted.pop(item.id, None)
    _record_case_states(conn, [i for i in accepted.values() if i.type == "case"], stored, now)
    relog(conn, [(i.id, i.type, i.case_id) for i in accepted.values()])
    return lost


def stored_copy(conn: Connection, record_id: str) -> StoredCopy | None:
    """HQ's copy of one record, locked until the transaction ends."""
    return _load_current(conn, [record_id]).get(record_id)


def take_version(conn: Connection, item: PushItem, stored: StoredCopy | None, stored_by: str,
                 now: str) -> bool:
    """Store `item` as HQ's current copy exactly as an accepted push item is stored, so it
    enters the change log and reaches every device of the case's workers. `stored` is HQ's
    copy as read (locked) by `stored_copy`. False if a new id was inserted by another writer
    first (PostgreSQL only); the caller should then roll back."""
    before = {} if stored is None else {item.id: stored}
    return not _store(conn, stored_by, before, {item.id: item}, now)


def _judge(item: PushItem, hq: StoredCopy | None, writable: set[str],
           sealed: set[str]) -> str | None:
    """None to accept, "same" for a copy HQ already has, else the conflict's reason."""
    if item.case_id not in writable:
        return "sealed" if item.case_id in sealed else "not_assigned"
    if item.type in HQ_AUTHORED_TYPES:
        return "hq_authored"
    if hq is None:
        return None
    if hq.type != item.type:
        return "type_mismatch"
    if hq.case_id != item.case_id:
        return "case_mismatch"
    if hq.digest == item.digest:
        return "same"
    if isinstance(item.record, NoteRevision) and hq.type == "note_revision" and \
            revisions.same_save(codec.from_dict(NoteRevision, json.loads(hq.data)),
                                item.record):
        return "same"  # one save: a laptop compacted the copy HQ keeps as it was sent
    if item.type not in MUTABLE_TYPES:
        return "different_content"
    if item.base_version != hq.version or item.record.version <= hq.version:
        return "version_mismatch"
    if item.type == "case":
        old = json.loads(hq.data)
        new = json.loads(item.data)
        if any(old.get(f) != new.get(f) for f in CASE_FIELDS_OWNED_BY_HQ):
            return "hq_owned"
    return None


def _write_records(conn: Connection, stored_by: str, stored: dict[str, StoredCopy],
                   accepted: dict[str, PushItem], now: str) -> list[PushItem]:
    """Insert new records and update changed ones; returns new ones another writer got to
    first (possible on PostgreSQL between our read and our insert)."""
    r = schema.records
    new = [i for i in accepted.values() if i.id not in stored]
    changed = [i for i in accepted.values() if i.id in stored]
    lost: list[PushItem] = []
    if new:
        rows = [{
            "id": i.id, "type": i.type, "case_id": i.case_id, "version": i.record.version,
            "data": i.data, "content_hash": i.digest, "stored_by": stored_by,
            "stored_at": now,
        } for i in sorted(new, key=lambda i: i.id)]
        stmt = insert_ignoring_duplicates(conn, r, ["id"]).returning(r.c.id)
        inserted = set(conn.execute(stmt, rows).scalars())
        lost = [i for i in new if i.id not in inserted]
        for item in lost:
            theirs = conn.execute(select(r.c.content_hash).where(r.c.id == item.id)).scalar()
            if theirs == item.digest:  # the very same record: nothing to report
                accepted.pop(item.id, None)
        lost = [i for i in lost if i.id in accepted]
    if changed:
        conn.execute(
            update(r).where(r.c.id == bindparam("b_id")).values(
                version=bindparam("b_version"), data=bindparam("b_data"),
                content_hash=bindparam("b_hash"), stored_by=stored_by, stored_at=now,
            ),
            [{"b_id": i.id, "b_version": i.record.version, "b_data": i.data,
              "b_hash": i.digest} for i in sorted(changed, key=lambda i: i.id)],
        )
    return lost


def _record_case_states(conn: Connection, items: list[PushItem], stored: dict[str, StoredCopy],
                        now: str) -> None:
    """A caseworker may close or reopen a case; closing starts its retention clock."""
    c = schema.cases
    for item in items:
        status = json.loads(item.data)["status"]
        before = json.loads(stored[item.id].data)["status"] if item.id in stored else None
        if status == before:
            continue
        conn.execute(update(c).where(c.c.case_id == item.id).values(
            status=status, closed_at=now if status == "closed" else None))


@dataclass
class _AuditPlan:
    """The batch's audit events HQ does not hold yet, under HQ's seqs, checked for order."""

    events: list[tuple[int, dict[str, Any]]]
    last_seq: int  # HQ's audit seq before this batch
    link_to: str  # the hash the first new event must name as prev_hash
    restored_at: int | None  # a rebase that forked: the last seq shared with HQ


def _plan_audit(device: Device, batch: PushBatch, state: Any,
                numbering: history.AuditNumbering, rebase: Callable[[], HQError],
                now: str) -> _AuditPlan:
    """Everything that may refuse the batch's audit events, before anything is written."""
    pairs = history.renumbered(batch.audit, numbering)
    restored_at: int | None = None
    link_to = state.audit_hash
    if batch.rebase is not None:
        pairs, link_to, restored_at = _rebase_audit(device, batch.rebase, pairs, state,
                                                    numbering, now)
    old = [(s, e) for s, e in pairs if s <= state.audit_seq]
    if old:
        known = numbering.hashes([s for s, _ in old])
        if any(s in known and known[s] != e["hash"] for s, e in old):
            raise rebase()  # other events under seqs HQ holds: a restored laptop
        if old[-1][0] < state.audit_seq and len(old) == len(pairs):
            raise rebase()  # a new batch that stops short of what HQ holds
    new = [(s, e) for s, e in pairs if s > state.audit_seq]
    if new and new[0][0] != state.audit_seq + 1:
        audit_acked = numbering.to_device(state.audit_seq)
        raise HQError(409, "audit_gap", f"HQ has audit events up to {audit_acked}; "
                      f"send from {audit_acked + 1}.", acked_seq=state.acked_seq,
                      audit_acked_seq=audit_acked)
    return _AuditPlan(new, state.audit_seq, link_to, restored_at)


def _rebase_audit(device: Device, claim: tuple[int, str],
                  pairs: list[tuple[int, dict[str, Any]]], state: Any,
                  numbering: history.AuditNumbering, now: str,
                  ) -> tuple[list[tuple[int, dict[str, Any]]], str, int | None]:
    """A laptop that rebased proves it shares HQ's chain up to its seq `claim[0]` by the
    hash there. Its events after that which HQ holds identically are skipped; from the
    first that differs (or that HQ holds but the laptop did not send) its chain continues
    after HQ's last event, and HQ keeps every event it holds as it is."""
    shared, proof = claim
    audit_acked = numbering.to_device(state.audit_seq)
    refused = HQError(400, "invalid_rebase", "This laptop's audit history does not match "
                      f"HQ's at event {shared}, so HQ cannot continue it. Tell IT.")
    if shared > audit_acked or numbering.hash_at(numbering.to_hq(shared)) != proof:
        raise refused
    ahead = [(s, e) for s, e in pairs if e["seq"] > shared]
    held = numbering.hashes([s for s, e in ahead if e["seq"] <= audit_acked])
    fork = shared
    for hq_seq, event in ahead:
        if event["seq"] != fork + 1 or event["seq"] > audit_acked or held.get(hq_seq) != (
                event["hash"]):
            break
        fork = event["seq"]
    if fork == audit_acked:  # nothing went another way: an ordinary continuation
        return [(s, e) for s, e in ahead if e["seq"] > fork], state.audit_hash, None
    fork_hq = numbering.to_hq(fork)
    link_to = numbering.hash_at(fork_hq)
    if link_to is None:  # cannot be for an event just compared; guards a damaged store
        raise refused
    numbering.branch_off(device.device_id, fork + 1, state.audit_seq + 1, fork_hq, now)
    rest = [(numbering.to_hq(e["seq"]), e) for _s, e in ahead if e["seq"] > fork]
    return rest, link_to, fork_hq


def _apply_audit(conn: Connection, device: Device, plan: _AuditPlan,
                 now: str) -> tuple[int, str]:
    """Store new audit events, checking each link; a break is flagged on the device."""
    ae = schema.audit_events
    broken_at: int | None = None
    prev, last = plan.link_to, plan.last_seq
    rows = []
    for hq_seq, event in plan.events:
        body = {k: v for k, v in event.items() if k != "hash"}
        ok = event["prev_hash"] == prev and event["hash"] == event_hash(body)
        if not ok and broken_at is None:
            broken_at = hq_seq
        rows.append({
            "device_id": device.device_id, "seq": hq_seq, "event_id": event["id"],
            "data": json.dumps(event, sort_keys=True, ensure_ascii=False),
            "prev_hash": event["prev_hash"], "hash": event["hash"], "link_ok": ok,
            "received_at": now,
        })
        prev, last = event["hash"], hq_seq
    if rows:
        conn.execute(insert(ae), rows)
        audit_index.index(conn, device.device_id, plan.events)
    d = schema.devices
    if plan.restored_at is not None:
        # Shown as "restored", not "broken": the laptop said so and proved where it forked.
        conn.execute(update(d).where(d.c.device_id == device.device_id,
                                     d.c.chain_status != "broken")
                     .values(chain_status="restored", chain_broken_seq=plan.restored_at))
    if broken_at is not None:
        conn.execute(update(d).where(d.c.device_id == device.device_id,
                                     d.c.chain_status != "broken")
                     .values(chain_status="broken", chain_broken_seq=broken_at))
    return last, prev


def _describe(conflict: _Conflict) -> dict[str, Any]:
    item = conflict.item
    hq = conflict.hq
    return {
        "seq": item.seq,
        "type": item.type,
        "id": item.id,
        "case_id": item.case_id,
        "reason": conflict.reason,
        "message": REASONS[conflict.reason],
        "hq": None if hq is None else {
            "type": hq.type, "version": hq.version, "data": json.loads(hq.data),
        },
    }
