"""HQ applies the disclosure rules to every push: a hand-made push of a disclosure of
privileged legal advice, or one whose basis does not name its source, is refused with the
field named and nothing stored; a well-formed log the policy does not allow on the basis it
names (re-judged at HQ on the case's people, consents and legal's answers) is a conflict,
kept for review and neither stored nor relogged; an honest one is stored."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from hq_harness import HQ, device_http, new_worker

from safeconf.domain import codec
from safeconf.domain.change_rules import NOT_ALLOWED
from safeconf.domain.disclosure_terms import Information, Mode, Recipient
from safeconf.domain.records import (
    Disclosure,
    DisclosureBasis,
    LegalAnswer,
    Person,
    PersonKind,
    Relationship,
)
from safeconf.hq import legal_reviews, schema
from safeconf.hq.sync.push import REASONS
from safeconf.sync import HQClient, OutboxItem
from tests.support import consents, disclosures


def push_raw(hq: HQ, worker: str, record: Disclosure) -> httpx.Response:
    enrolled = hq.enroll(worker)
    body: dict[str, Any] = {
        "protocol": 1, "batch_id": str(uuid.uuid4()), "audit": [],
        "items": [{"seq": 1, "type": "disclosure", "data": codec.to_dict(record),
                   "base_version": None}]}
    with device_http(enrolled) as http:
        return http.post("/v1/push", json=body)


@pytest.mark.parametrize("change, field, words", [
    ({"information": Information.LEGAL_ADVICE}, "disclosure.information",
     "privileged legal advice never leaves the agency"),
    ({"basis": DisclosureBasis.CONSENT}, "disclosure.basis", "names a consent"),
    ({"consent_id": "01900000-0000-7000-8000-000000000001"}, "disclosure.basis",
     "names a consent"),
    ({"basis": DisclosureBasis.LEGAL_RELEASE}, "disclosure.basis", "names a legal review"),
])
def test_hq_refuses_a_disclosure_of_legal_advice_or_with_an_inconsistent_basis(
    shared_hq: HQ, change: dict[str, Any], field: str, words: str
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    bad = disclosures.disclosure(case_id, disclosed_by=worker, **change)
    before = shared_hq.count(schema.records)
    answer = push_raw(shared_hq, worker, bad)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"] == "invalid_record"
    assert answer.json()["field"] == field
    assert words in answer.json()["message"]
    assert shared_hq.count(schema.records) == before
    assert shared_hq.count(schema.records, schema.records.c.id == bad.id) == 0


def test_hq_stores_an_honest_disclosure(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, laptop = shared_hq.device(worker)
    good = disclosures.disclosure(case_id, disclosed_by=worker)
    result = laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, good)])
    assert result.conflicts == () and result.acked_seq == 1
    assert shared_hq.count(schema.records, schema.records.c.id == good.id) == 1


SCHOOL = "Lincoln Elementary school counselor"
DIGEST = "ab" * 32
DAY = "2026-11-10T15:00:00+00:00"


class Family:
    """A case at HQ as an honest laptop left it: its people, a consent to the school for the
    conference summary, one revoked on 30 Nov, a review legal released and one unanswered."""

    def __init__(self, hq: HQ) -> None:
        self.hq = hq
        self.worker = new_worker()
        self.case_id = hq.add_case(self.worker)
        _, self.device = hq.device(self.worker)
        c = self.case_id
        self.rowan = Person(case_id=c, name="Rowan Alder", kind=PersonKind.CLIENT)
        self.dana = Person(case_id=c, name="Dana Alder", kind=PersonKind.PARENT,
                           relationship_to=self.rowan.id, relationship=Relationship.PARENT_OF)
        self.aunt = Person(case_id=c, name="Pat Reyes", kind=PersonKind.RELATIVE,
                           relationship_to=self.rowan.id, relationship=Relationship.RELATIVE_OF)
        self.consent = consents.given(c, information=("conference summary",))
        given = consents.given(c, information=("conference summary",))
        self.revoked = consents.revoke(given, at="2026-11-30T11:00:00+00:00")
        self.review = disclosures.review(c)
        self.unanswered = disclosures.review(c)
        items = [self.rowan, self.dana, self.aunt, self.consent, given, self.review,
                 self.unanswered]
        outbox = [OutboxItem.of(n, r) for n, r in enumerate(items, start=1)]
        outbox.append(OutboxItem.of(len(items) + 1, self.revoked, base_version=1))
        result = self.device.push(str(uuid.uuid4()), outbox)
        assert result.conflicts == (), result.conflicts
        self.seq = len(outbox)
        legal_reviews.answer(hq.db, self.review.id, LegalAnswer.RELEASE_WITH_REDACTIONS,
                             "Release them; withhold the school too.", ("Lincoln",),
                             "legal.ortiz")

    def push(self, *records: Any, device: HQClient | None = None) -> Any:
        items = []
        for record in records:
            self.seq += 1
            items.append(OutboxItem.of(self.seq, record))
        return (device or self.device).push(str(uuid.uuid4()), items)

    def by_consent(self, consent_id: str, **changes: Any) -> Disclosure:
        return disclosures.disclosure(self.case_id, **{
            "mode": Mode.COPY, "document_sha256": DIGEST,
            "recipient": Recipient.THIRD_PARTY_WITH_RELEASE, "recipient_name": SCHOOL,
            "basis": DisclosureBasis.CONSENT, "consent_id": consent_id,
            "policy_line": "consent", "disclosed_at": DAY, "disclosed_by": self.worker,
            **changes})

    def released(self, review_id: str) -> Disclosure:
        r = self.review
        return disclosures.disclosure(
            self.case_id, information=r.information, mode=r.mode, extent=r.extent,
            recipient=r.recipient, recipient_name=r.recipient_name, document_sha256=DIGEST,
            basis=DisclosureBasis.LEGAL_RELEASE, legal_review_id=review_id,
            policy_line="everything_else", disclosed_at=DAY, disclosed_by=self.worker)

    def policy(self, **changes: Any) -> Disclosure:
        return disclosures.disclosure(self.case_id, disclosed_at=DAY,
                                      disclosed_by=self.worker, **changes)


def _forged(f: Family) -> dict[str, Disclosure]:
    return {
        "a third party claimed as the parent": f.policy(recipient_person_id=f.aunt.id,
                                                        recipient_name=f.aunt.name),
        "the wrong policy line": f.policy(policy_line="open.client"),
        "a consent for another recipient": f.by_consent(f.consent.id,
                                                        recipient_name="Mesa Housing"),
        "a consent for other information": f.by_consent(
            f.consent.id, information=Information.CHOSEN_NOTES),
        "an expired consent": f.by_consent(f.consent.id,
                                           disclosed_at="2027-06-01T15:00:00+00:00"),
        "a consent revoked before the day": f.by_consent(
            f.revoked.id, disclosed_at="2026-12-05T15:00:00+00:00"),
        "a consent not on file": f.by_consent("0190aaaa-0000-7000-8000-000000000001"),
        "a legal release without legal's release": f.released(f.unanswered.id),
    }


FORGED = [
    "a third party claimed as the parent", "the wrong policy line",
    "a consent for another recipient", "a consent for other information",
    "an expired consent", "a consent revoked before the day", "a consent not on file",
    "a legal release without legal's release"]


@pytest.mark.parametrize("forgery", FORGED)
def test_hq_refuses_a_hostile_devices_disclosure_the_policy_does_not_allow(
    shared_hq: HQ, forgery: str
) -> None:
    family = Family(shared_hq)
    forged = _forged(family)[forgery]
    records, changes = shared_hq.count(schema.records), shared_hq.count(schema.changes)
    result = family.push(forged)
    [conflict] = result.conflicts
    assert conflict.reason == NOT_ALLOWED and conflict.id == forged.id
    assert conflict.message == REASONS[NOT_ALLOWED]
    assert shared_hq.count(schema.records) == records
    assert shared_hq.count(schema.changes) == changes
    assert shared_hq.count(schema.records, schema.records.c.id == forged.id) == 0
    assert shared_hq.count(schema.conflicts, schema.conflicts.c.record_id == forged.id,
                           schema.conflicts.c.reason == NOT_ALLOWED) == 1


def test_hq_stores_honest_disclosures_beside_a_forged_one(shared_hq: HQ) -> None:
    f = Family(shared_hq)
    honest = [f.policy(recipient_person_id=f.dana.id),
              f.by_consent(f.consent.id),
              f.by_consent(f.revoked.id),  # logged on 10 Nov, before the revocation
              f.released(f.review.id)]
    forged = f.policy(recipient_person_id=f.aunt.id, recipient_name=f.aunt.name)
    result = f.push(honest[0], forged, *honest[1:])
    assert [c.id for c in result.conflicts] == [forged.id]
    for record in honest:
        assert shared_hq.count(schema.records, schema.records.c.id == record.id) == 1
        assert shared_hq.count(schema.changes, schema.changes.c.record_id == record.id) == 1
    assert shared_hq.count(schema.records, schema.records.c.id == forged.id) == 0


def test_hq_judges_a_disclosure_on_the_people_and_consents_of_its_own_batch(
        shared_hq: HQ) -> None:
    """A laptop that recorded a person and a consent offline pushes them with the disclosure
    relying on them: HQ judges it on its copies plus what the batch already accepted."""
    f = Family(shared_hq)
    uncle = Person(case_id=f.case_id, name="Lee Alder", kind=PersonKind.PARENT,
                   relationship_to=f.rowan.id, relationship=Relationship.PARENT_OF)
    neighbour = Person(case_id=f.case_id, name="Kim Ng", kind=PersonKind.RELATIVE,
                       relationship_to=f.rowan.id, relationship=Relationship.RELATIVE_OF)
    housing = consents.given(f.case_id, information=("conference summary",),
                             recipients=("Mesa Housing",))
    to_uncle = f.policy(recipient_person_id=uncle.id, recipient_name=uncle.name)
    to_housing = f.by_consent(housing.id, recipient_name="Mesa Housing")
    forged = f.policy(recipient_person_id=neighbour.id, recipient_name=neighbour.name)
    result = f.push(uncle, neighbour, housing, to_uncle, to_housing, forged)
    assert [(c.id, c.reason) for c in result.conflicts] == [(forged.id, NOT_ALLOWED)]
    for record in (to_uncle, to_housing):
        assert shared_hq.count(schema.records, schema.records.c.id == record.id) == 1
