"""Consents through a real HQ over mutual TLS (SQLite and PostgreSQL): a consent and its
revocation reach HQ and the other laptops of the case, and a hostile device's hand-made push
of an illegal change or a malformed consent is refused and changes nothing."""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from hq_harness import HQ, device_http, new_worker
from sqlalchemy import select

from safeconf.app.consents import ConsentService, ConsentTerms
from safeconf.app.session import VaultSession
from safeconf.domain import codec
from safeconf.domain.records import ConsentForm, ConsentState, SignerCapacity
from safeconf.hq import clock, schema
from safeconf.hq.sync.changelog import put_hq_record
from safeconf.sync import OutboxItem
from safeconf.sync.engine import SyncEngine
from safeconf.vault.device_secret import SystemKeyring
from tests.hq.test_push_pull import pull_all
from tests.support import consents
from tests.support.consents import SIGNATURE


def _hq_copy(hq: HQ, record_id: str) -> dict[str, object]:
    with hq.db.read() as conn:
        return json.loads(conn.execute(select(schema.records.c.data)
                                       .where(schema.records.c.id == record_id)).scalar_one())


def test_a_consent_and_its_revocation_reach_hq_and_the_other_laptop(
    shared_hq: HQ, sessions: Callable[[str], VaultSession], keyring_store: SystemKeyring
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    one, two = sessions(worker), sessions(worker)
    SyncEngine(one.vault, keyring_store).run()
    now = datetime.now(UTC)
    service = ConsentService(one)
    consent = service.request(case_id, ConsentTerms(
        form=ConsentForm.RELEASE, client_name="Rowan Alder", given_by_name="Dana Alder",
        given_by_capacity=SignerCapacity.PARENT, information=["school attendance records"],
        recipients=["Lincoln Elementary counselor"], valid_from=now - timedelta(days=1),
        valid_until=now + timedelta(days=180), other_party_name="Lincoln Elementary"))
    given = service.record_given(consent.id, signature_png=SIGNATURE)
    assert SyncEngine(one.vault, keyring_store).run().push_conflicts == 0
    assert _hq_copy(shared_hq, consent.id)["state"] == "given"

    revoked = service.revoke(consent.id)
    assert SyncEngine(one.vault, keyring_store).run().push_conflicts == 0
    held = _hq_copy(shared_hq, consent.id)
    assert held["state"] == "revoked" and held["revoked_at"] == revoked.revoked_at
    assert held["signature_png"] == codec.to_dict(given)["signature_png"]

    SyncEngine(two.vault, keyring_store).run()
    assert two.vault.consents.get(consent.id) == revoked
    assert ConsentService(two).current(case_id) == []
    signed = datetime.fromisoformat(given.answered_at or "")
    assert ConsentService(two).current(case_id, at=signed) == [revoked]  # before revoking


def test_hq_refuses_a_hostile_devices_revoked_consent_made_given_again(shared_hq: HQ) -> None:
    worker, colleague = new_worker(), new_worker()
    case_id = shared_hq.add_case(worker, colleague)
    device = shared_hq.client(shared_hq.enroll(worker))
    _, honest = shared_hq.device(colleague)
    given = consents.given(case_id)
    revoked = consents.revoke(given)
    result = device.push(str(uuid.uuid4()), [OutboxItem.of(1, given),
                                             OutboxItem.of(2, revoked, base_version=1)])
    assert result.conflicts == ()

    again = dataclasses.replace(revoked, state=ConsentState.GIVEN, revoked_at=None, version=3)
    widened = dataclasses.replace(revoked, recipients=("anyone",), version=3)
    result = device.push(str(uuid.uuid4()), [OutboxItem.of(3, again, base_version=2)])
    [conflict] = result.conflicts
    assert conflict.reason == "illegal_transition" and "consent" in conflict.message
    assert result.acked_seq == 3  # refused, not stuck
    result = device.push(str(uuid.uuid4()), [OutboxItem.of(4, widened, base_version=2)])
    assert [c.reason for c in result.conflicts] == ["illegal_transition"]

    assert _hq_copy(shared_hq, given.id) == codec.to_dict(revoked)
    seen = {i.record.id: i.record for i in pull_all(honest)[0]}
    assert seen[given.id] == revoked


def test_hq_refuses_a_consent_that_ends_before_it_starts_with_the_field_named(
    shared_hq: HQ
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    enrolled = shared_hq.enroll(worker)
    backwards = consents.given(case_id, valid_until="2026-10-01T00:00:00+00:00")
    body = {"protocol": 1, "batch_id": str(uuid.uuid4()), "audit": [],
            "items": [{"seq": 1, "type": "consent", "data": codec.to_dict(backwards),
                       "base_version": None}]}
    before = shared_hq.count(schema.records)
    with device_http(enrolled) as http:
        answer = http.post("/v1/push", json=body)
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_record"
    assert answer.json()["field"] == "consent.valid_until"
    assert "ends after it starts" in answer.json()["message"]
    assert shared_hq.count(schema.records) == before


def test_a_laptop_never_applies_a_pulled_page_that_makes_its_revoked_consent_given_again(
    shared_hq: HQ, sessions: Callable[[str], VaultSession], keyring_store: SystemKeyring
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    laptop = sessions(worker)
    SyncEngine(laptop.vault, keyring_store).run()
    given = laptop.vault.consents.add(consents.given(case_id))
    revoked = laptop.vault.consents.update(dataclasses.replace(
        given, state=ConsentState.REVOKED, revoked_at=given.answered_at))
    SyncEngine(laptop.vault, keyring_store).run()
    # An HQ that let a bad change in (a bug, a restored backup) serves the consent given again.
    again = dataclasses.replace(revoked, state=ConsentState.GIVEN, revoked_at=None,
                                version=revoked.version + 1)
    with shared_hq.db.write() as conn:
        put_hq_record(conn, again, clock.iso(clock.now()))
    SyncEngine(laptop.vault, keyring_store).run()
    assert laptop.vault.consents.get(given.id) == revoked
    [kept] = [c for c in laptop.vault.sync.conflicts(include_reviewed=True)
              if c["record_id"] == given.id]
    assert "revoked cannot become given" in str(kept)
