"""HQ applies the disclosure rules to every push: a hand-made push of a disclosure of
privileged legal advice, or one whose basis does not name its source, is refused with the
field named and nothing stored; an honest one is stored."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from hq_harness import HQ, new_worker

from safeconf.domain import codec
from safeconf.domain.disclosure_terms import Information
from safeconf.domain.records import Disclosure, DisclosureBasis
from safeconf.hq import schema
from safeconf.sync import OutboxItem, tls
from tests.support import disclosures


def push_raw(hq: HQ, worker: str, record: Disclosure) -> httpx.Response:
    enrolled = hq.enroll(worker)
    body: dict[str, Any] = {
        "protocol": 1, "batch_id": str(uuid.uuid4()), "audit": [],
        "items": [{"seq": 1, "type": "disclosure", "data": codec.to_dict(record),
                   "base_version": None}]}
    ctx = tls.client_context(enrolled.ca_pem, enrolled.cert_pem, enrolled.key_pem)
    with httpx.Client(base_url=enrolled.sync_url, verify=ctx, trust_env=False,
                      timeout=30) as http:
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
