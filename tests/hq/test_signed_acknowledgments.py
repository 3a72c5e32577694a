"""Signed acknowledgments where they land: real laptops (real vaults) enrolled with a real
HQ over mutual TLS, on SQLite and PostgreSQL. HQ certifies each vault's signing key at
enrollment; an acknowledgment altered anywhere after signing is caught by
`safeconf-hq verify-acknowledgment` and by the laptop; a hostile device's forged one is
refused; acknowledgments taken before enrollment verify through HQ's counter-signature."""

from __future__ import annotations

import base64
import dataclasses
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519
from hq_harness import HQ, device_http, new_worker
from sqlalchemy import select, update

from safeconf.domain import ack_signature, codec
from safeconf.domain.ack_proof import AckStatus, judge
from safeconf.domain.records import AckMethod, Acknowledgment, Attendee, Presence, Role
from safeconf.hq import schema
from safeconf.sync import OutboxItem
from safeconf.sync.engine import enroll_vault
from tests.hq.test_push_pull import conference
from tests.support.hq_staff import audited
from tests.support.laptops import Laptop


def _acknowledged_room(laptop: Laptop, case_id: str) -> tuple[str, Acknowledgment]:
    service = laptop.service
    conf = service.create_conference(case_id, datetime.now(UTC))
    mother = service.add_attendee(conf.id, "Dana Alder", Role.PARENT)
    service.set_presence(mother.id, Presence.PRESENT)
    ack = service.acknowledge(mother.id, AckMethod.TYPED_NAME, service.statement_for(mother),
                              typed_name="Dana Alder")
    return conf.id, ack


def _verify(hq: HQ, ack_id: str) -> tuple[int, str]:
    done = hq.cli("verify-acknowledgment", ack_id, "--as", hq.staff_member("legal"),
                  check=False)
    return done.returncode, done.stdout + done.stderr


def _alter_at_hq(hq: HQ, ack_id: str, change: Callable[[dict], dict]) -> None:
    r = schema.records
    with hq.db.write() as conn:
        data = json.loads(conn.execute(select(r.c.data).where(r.c.id == ack_id)).scalar_one())
        conn.execute(update(r).where(r.c.id == ack_id).values(data=json.dumps(change(data))))


def _flip_last(text: str) -> str:
    return text[:-1] + ("0" if text[-1] != "0" else "1")


def _flip_b64(text: str) -> str:
    raw = bytearray(base64.b64decode(text))
    raw[0] ^= 0x01
    return base64.b64encode(bytes(raw)).decode("ascii")


ONE_BYTE = {
    "statement_sha256": (lambda d: {**d, "statement_sha256": _flip_last(d["statement_sha256"])},
                         "the statement SHA-256 differs from what was signed"),
    "typed_name": (lambda d: {**d, "typed_name": d["typed_name"][:-1] + "x"},
                   "the signature does not match the signed fields"),
    "signature": (lambda d: {**d, "signature": _flip_b64(d["signature"])},
                  "the signature does not match the signed fields"),
    "signed_at": (lambda d: {**d, "signed_at": _flip_time(d["signed_at"])},
                  "the signature does not match the signed fields"),
}


def _flip_time(stamp: str) -> str:
    moment = datetime.fromisoformat(stamp) + timedelta(seconds=1)
    return moment.isoformat(timespec="microseconds")


@pytest.mark.parametrize("field", sorted(ONE_BYTE))
def test_an_acknowledgment_verifies_at_hq_until_one_byte_of_it_is_altered(
    shared_hq: HQ, laptops, field: str,
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    laptop = laptops(worker)
    laptop.sync()
    _conf, ack = _acknowledged_room(laptop, case_id)
    laptop.sync()
    code, out = _verify(shared_hq, ack.id)
    device = laptop.session.vault.sync.credentials().hq_device_id
    assert code == 0, out
    assert f"acknowledgment {ack.id}: verified" in out
    assert laptop.session.vault.signing_key.fingerprint in out
    assert f"device {device} (worker {worker})" in out
    assert (shared_hq.staff_member("legal"), "read") in audited(shared_hq.db, ack.id)

    change, message = ONE_BYTE[field]
    _alter_at_hq(shared_hq, ack.id, change)
    code, out = _verify(shared_hq, ack.id)
    assert code == 1
    assert f"NOT verified: {message}" in out


def test_an_unsigned_acknowledgment_verifies_as_not_signed_and_exits_non_zero(
    shared_hq: HQ,
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    conf = conference(case_id)
    shared_hq.seat(worker, conf)  # an unsigned acknowledgment, as a vault before signing sent
    with shared_hq.db.read() as conn:
        ack_id = conn.execute(select(schema.records.c.id).where(
            schema.records.c.type == "acknowledgment",
            schema.records.c.case_id == case_id)).scalar_one()
    code, out = _verify(shared_hq, ack_id)
    assert code == 1 and "not signed (taken before signing existed)" in out


def test_verifying_an_unknown_acknowledgment_says_so(shared_hq: HQ) -> None:
    code, out = _verify(shared_hq, str(uuid.uuid4()))
    assert code == 1 and "HQ holds no acknowledgment" in out


def _ack_for(attendee: Attendee) -> Acknowledgment:
    from tests.support.rooms import acknowledgment_of
    return dataclasses.replace(acknowledgment_of(attendee), attendee_name=attendee.name)


def test_a_hostile_device_cannot_land_a_forged_or_altered_acknowledgment(
    shared_hq: HQ, laptops,
) -> None:
    worker, colleague = new_worker(), new_worker()
    case_id = shared_hq.add_case(worker, colleague)
    enrolled = shared_hq.enroll(worker)  # a device whose signing key HQ never certified
    device = shared_hq.client(enrolled)
    honest = laptops(worker)  # a real laptop of the same worker, with a certified key
    conf = dataclasses.replace(conference(case_id))
    father = Attendee(case_id=case_id, conference_id=conf.id, name="James Okafor",
                      role=Role.PARENT, presence=Presence.PRESENT)
    uncertified = ack_signature.sign(_ack_for(father), ed25519.Ed25519PrivateKey.generate())
    # Re-signed with the honest laptop's key after changing it: the key is certified, but
    # not for the pushing device.
    resigned = honest.session.vault.signing_key.sign(
        dataclasses.replace(_ack_for(father), typed_name="J. Okafor"))
    altered = dataclasses.replace(
        ack_signature.sign(_ack_for(father), ed25519.Ed25519PrivateKey.generate()),
        typed_name="J Okafor")
    unsigned = _ack_for(father)
    result = device.push(str(uuid.uuid4()), [
        OutboxItem.of(1, conf), OutboxItem.of(2, father), OutboxItem.of(3, uncertified),
        OutboxItem.of(4, resigned), OutboxItem.of(5, altered), OutboxItem.of(6, unsigned)])
    assert [(c.seq, c.reason) for c in result.conflicts] == [
        (3, "ack_signer_not_certified"), (4, "ack_signer_not_certified"),
        (5, "ack_signature_invalid")]
    with shared_hq.db.read() as conn:
        stored = set(conn.execute(select(schema.records.c.id).where(
            schema.records.c.type == "acknowledgment",
            schema.records.c.case_id == case_id)).scalars())
        kept = set(conn.execute(select(schema.conflicts.c.record_id).where(
            schema.conflicts.c.case_id == case_id)).scalars())
    assert stored == {unsigned.id}  # a legacy, unsigned one is kept (it verifies as such)
    assert kept == {uncertified.id, resigned.id, altered.id}


@pytest.mark.parametrize("field,value", [("signature", "AAAA"), ("signer_key", "not base64!")])
def test_a_malformed_signature_is_refused_with_the_field_named(
    shared_hq: HQ, field: str, value: str,
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    enrolled = shared_hq.enroll(worker)
    conf = conference(case_id)
    father = Attendee(case_id=case_id, conference_id=conf.id, name="James Okafor",
                      role=Role.PARENT, presence=Presence.PRESENT)
    signed = ack_signature.sign(_ack_for(father), ed25519.Ed25519PrivateKey.generate())
    data = {**codec.to_dict(signed), field: value}
    body = {"protocol": 1, "batch_id": str(uuid.uuid4()), "audit": [],
            "items": [{"seq": 1, "type": "acknowledgment", "data": data,
                       "base_version": None}]}
    before = shared_hq.count(schema.records)
    with device_http(enrolled) as http:
        answer = http.post("/v1/push", json=body)
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_record"
    assert f"Acknowledgment.{field}" in answer.json()["message"] or \
        answer.json()["field"] == f"acknowledgment.{field}"
    assert shared_hq.count(schema.records) == before


def test_acknowledgments_taken_before_enrolling_verify_through_the_counter_signature(
    shared_hq: HQ, laptops,
) -> None:
    worker = new_worker()
    laptop = laptops(worker, enrolled=False)
    service = laptop.service
    case = service.create_case("OFF-1", "Offline")
    conf_id, early = _acknowledged_room(laptop, case.id)
    assert service.proofs(conf_id)[early.attendee_id].status is AckStatus.NOT_YET_CERTIFIED

    vault = laptop.session.vault
    enroll_vault(vault, shared_hq.code(worker).uri)
    assert service.proofs(conf_id)[early.attendee_id].status is AckStatus.VERIFIED
    with shared_hq.db.read() as conn:
        listed = conn.execute(select(schema.signing_certificates.c.countersignature).where(
            schema.signing_certificates.c.key_fingerprint == vault.signing_key.fingerprint)
        ).scalar_one()
    assert ack_signature.digest(early) in listed

    # One dated before enrollment that HQ never counter-signed is pointed out.
    backdated = vault.signing_key.sign(dataclasses.replace(
        early, id=str(uuid.uuid4()), signed_at="2026-01-02T03:04:05.000000+00:00"))
    certified = vault.signing_key.certifications(vault.sync.credentials().ca_pem)
    assert judge(backdated, certified).status is AckStatus.NOT_LISTED


def test_a_backdated_acknowledgment_pushed_after_enrolling_is_refused(
    shared_hq: HQ, laptops,
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    laptop = laptops(worker)
    laptop.sync()
    conf_id, ack = _acknowledged_room(laptop, case_id)
    vault = laptop.session.vault
    backdated = vault.acknowledgments.add(vault.signing_key.sign(dataclasses.replace(
        ack, id=str(uuid.uuid4()), signed_at="2026-01-02T03:04:05.000000+00:00")))
    laptop.sync()
    with shared_hq.db.read() as conn:
        reasons = dict(conn.execute(select(schema.conflicts.c.record_id,
                                           schema.conflicts.c.reason).where(
            schema.conflicts.c.case_id == case_id)).all())
    assert reasons == {backdated.id: "ack_not_listed"}
    assert conf_id
    # The caseworker is told: the laptop keeps HQ's refusal as an open conflict.
    [conflict] = vault.sync.conflicts()
    assert conflict["record_id"] == backdated.id
    assert "counter-signed at enrollment" in conflict["reason"]


def test_an_acknowledgment_pulled_by_another_laptop_verifies_there_until_altered(
    shared_hq: HQ, laptops,
) -> None:
    worker, colleague = new_worker(), new_worker()
    case_id = shared_hq.add_case(worker, colleague)
    one, other = laptops(worker), laptops(colleague)
    one.sync()
    conf_id, ack = _acknowledged_room(one, case_id)
    one.sync()
    other.sync()
    verdict = other.service.proofs(conf_id)[ack.attendee_id]
    assert verdict.status is AckStatus.VERIFIED, verdict
    assert verdict.certification is not None
    assert verdict.certification.device_id == \
        one.session.vault.sync.credentials().hq_device_id
    assert verdict.certification.worker_id == worker

    # Someone with the other laptop's data key alters the stored row.
    db = other.session.vault._db
    data = json.loads(db.scalar("SELECT data FROM records WHERE id = ?", (ack.id,)))
    with db.transaction():
        db.execute("DROP TRIGGER records_append_only_update")
        db.execute("UPDATE records SET stored = ? WHERE id = ?",
                   (json.dumps({**data, "statement_sha256": _flip_last(
                       data["statement_sha256"])}), ack.id))
    verdict = other.service.proofs(conf_id)[ack.attendee_id]
    assert verdict.message == "the statement SHA-256 differs from what was signed"


def test_enrolling_again_certifies_the_same_key_for_the_new_device(
    shared_hq: HQ, laptops,
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    laptop = laptops(worker)
    laptop.sync()
    vault = laptop.session.vault
    first_device = vault.sync.credentials().hq_device_id
    _conf, ack = _acknowledged_room(laptop, case_id)  # taken under the first enrollment
    enroll_vault(vault, shared_hq.code(worker).uri, again=True)
    second_device = vault.sync.credentials().hq_device_id
    assert second_device != first_device
    laptop.sync()  # the new device pushes what the key signed under the old one

    with shared_hq.db.read() as conn:
        certified = set(conn.execute(select(schema.signing_certificates.c.device_id).where(
            schema.signing_certificates.c.key_fingerprint == vault.signing_key.fingerprint)
        ).scalars())
        refused = list(conn.execute(select(schema.conflicts.c.reason).where(
            schema.conflicts.c.case_id == case_id)).scalars())
    assert certified == {first_device, second_device} and refused == []
    code, out = _verify(shared_hq, ack.id)
    assert code == 0 and f"device {first_device}" in out
    devices = {c.device_id for c in vault.signing_key.certifications(
        vault.sync.credentials().ca_pem)}
    assert devices == {first_device, second_device}
