"""Malformed, mistyped, oversized and hostile pushes: a 4xx with a JSON error, nothing stored."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hq_harness import HQ, device_http, new_worker

from safeconf.domain import codec
from safeconf.domain.auditchain import GENESIS_HASH, event_hash
from safeconf.domain.records import Conference, Note, NoteSection
from safeconf.hq import schema
from safeconf.sync import Enrollment

TABLES = (schema.records, schema.changes, schema.conflicts, schema.push_batches,
          schema.audit_events)


@pytest.fixture
def device(shared_hq: HQ) -> Iterator[tuple[HQ, Enrollment, str, httpx.Client]]:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    enrolled = shared_hq.enroll(worker)
    with device_http(enrolled) as http:
        yield shared_hq, enrolled, case_id, http


def snapshot(hq: HQ) -> tuple[int, ...]:
    return tuple(hq.count(t) for t in TABLES)


def good_item(case_id: str, seq: int = 1) -> dict[str, Any]:
    conf = Conference(case_id=case_id, scheduled_start="2026-03-01T10:00:00+00:00")
    return {"seq": seq, "type": "conference", "data": codec.to_dict(conf), "base_version": None}


def push_body(items: list[Any], **extra: Any) -> dict[str, Any]:
    return {"protocol": 1, "batch_id": str(uuid.uuid4()), "items": items, "audit": [], **extra}


def hostile_bodies(case_id: str) -> list[tuple[str, bytes]]:
    item = good_item(case_id)
    note = codec.to_dict(Note(case_id=case_id, conference_id=item["data"]["id"],
                              section=NoteSection.GENERAL, body="x"))

    def with_item(**changes: Any) -> bytes:
        return json.dumps(push_body([{**item, **changes}])).encode()

    def with_data(**changes: Any) -> bytes:
        return with_item(data={**item["data"], **changes})

    return [
        ("not json", b"{items: oops"),
        ("not utf-8", b'{"protocol": 1, "x": "\xff\xfe"}'),
        ("deep nesting", b"[" * 100_000 + b"]" * 100_000),
        ("a list", b"[]"),
        ("wrong protocol", json.dumps(push_body([item], protocol=2)).encode()),
        ("bad batch id", json.dumps({**push_body([item]), "batch_id": "1; DROP TABLE"}).encode()),
        ("items not a list", json.dumps({**push_body([]), "items": {"a": 1}}).encode()),
        ("unknown field", json.dumps(push_body([item], device_id="someone-else")).encode()),
        ("seq as text", with_item(seq="1")),
        ("seq as bool", with_item(seq=True)),
        ("seq zero", with_item(seq=0)),
        ("huge seq", with_item(seq=10**30)),
        ("unknown type", with_item(type="sql_injection")),
        ("data a string", with_item(data="{}")),
        ("missing field", with_item(data={k: v for k, v in item["data"].items()
                                          if k != "scheduled_start"})),
        ("extra field", with_data(is_admin=True)),
        ("bad id", with_data(id="../../etc/passwd")),
        ("uppercase id", with_data(id=item["data"]["id"].upper())),
        ("bad enum", with_data(state="deleted_forever")),
        ("version text", with_data(version="2")),
        ("huge version", with_data(version=2**70)),
        ("base above version", with_item(base_version=5)),
        ("float version", with_data(version=1.5)),
        ("nan", b'{"protocol":1,"batch_id":"' + str(uuid.uuid4()).encode()
         + b'","items":[{"seq":NaN}]}'),
        ("lone surrogate", with_data(location="\ud800")),
        ("note too long", json.dumps(push_body([{
            "seq": 1, "type": "note", "base_version": None,
            "data": {**note, "body": "x" * 200_001}}])).encode()),
        ("non-contiguous", json.dumps(push_body([good_item(case_id, 1),
                                                 good_item(case_id, 3)])).encode()),
        ("audit not a list", json.dumps(push_body([], audit="x")).encode()),
        ("audit missing fields", json.dumps(push_body([], audit=[{"seq": 1}])).encode()),
    ]


def test_hostile_pushes_get_a_400_and_change_nothing(device: Any) -> None:
    hq, _enrolled, case_id, http = device
    before = snapshot(hq)
    for name, body in hostile_bodies(case_id):
        answer = http.post("/v1/push", content=body,
                           headers={"Content-Type": "application/json"})
        assert answer.status_code == 400, (name, answer.status_code, answer.text)
        error = answer.json()
        assert isinstance(error["error"], str) and isinstance(error["message"], str), name
        assert snapshot(hq) == before, name
    # The device is not stuck: a good push still goes through.
    item = good_item(case_id)
    answer = http.post("/v1/push", json=push_body([item], audit=recording(item, _enrolled)))
    assert answer.status_code == 200 and answer.json()["acked_seq"] == 1


def test_an_oversized_body_gets_413(device: Any) -> None:
    hq, _enrolled, case_id, http = device
    before = snapshot(hq)
    big = json.dumps(push_body([good_item(case_id)], padding="x" * (9 * 1024 * 1024))).encode()
    answer = http.post("/v1/push", content=big, headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
    assert answer.json()["error"] == "too_large"
    assert snapshot(hq) == before


@pytest.mark.parametrize("query", ["cursor=-1", "cursor=abc", "limit=0", "limit=100000",
                                   "cursor=99999999999999999999999"])
def test_bad_pull_queries_get_a_400(device: Any, query: str) -> None:
    _hq, _enrolled, _case_id, http = device
    answer = http.get(f"/v1/pull?{query}")
    assert answer.status_code == 400 and answer.json()["error"] == "bad_request"


def test_identity_claims_in_headers_or_bodies_are_ignored(shared_hq: HQ, device: Any) -> None:
    hq, enrolled, case_id, http = device
    other = shared_hq.enroll(new_worker())
    answer = http.get("/v1/status", headers={"X-Device-Id": other.device_id,
                                             "X-Worker-Id": other.worker_id})
    assert answer.json()["device_id"] == enrolled.device_id
    # origin_device inside a record is the device's own statement, not who HQ says pushed it.
    item = good_item(case_id)
    item["data"]["origin_device"] = other.device_id
    answer = http.post("/v1/push", json=push_body([item], audit=recording(item, enrolled)))
    assert answer.status_code == 200
    with hq.db.read() as conn:
        stored_by = conn.execute(schema.records.select()
                                 .where(schema.records.c.id == item["data"]["id"])).one().stored_by
    assert stored_by == enrolled.device_id


def audit_chain(device_id: str, count: int, start: int = 1, prev: str = GENESIS_HASH,
                writes: dict[int, Any] | None = None) -> list[dict[str, Any]]:
    """Linked "view" events; `writes` maps a seq to an OutboxItem whose creation it records."""
    events = []
    for seq in range(start, start + count):
        body = {"seq": seq, "id": str(uuid.uuid4()), "at": "2026-03-01T10:00:00+00:00",
                "actor": "w", "action": "view", "record_type": "case", "record_id": "r",
                "case_id": "c", "device": device_id, "prev_hash": prev}
        if writes and seq in writes:
            wrote = writes[seq]
            body |= {"action": "create", "record_type": wrote.type,
                     "record_id": wrote.data["id"], "case_id": wrote.data["case_id"]}
        event = {**body, "hash": event_hash(body)}
        events.append(event)
        prev = event["hash"]
    return events


def recording(item: dict[str, Any], enrolled: Enrollment, seq: int = 1,
              prev: str = GENESIS_HASH, action: str = "create") -> list[dict[str, Any]]:
    """The audit event a laptop writes with a change (as the device's first event)."""
    [event] = audit_chain(enrolled.device_id, 1, start=seq, prev=prev)
    body = {k: v for k, v in event.items() if k != "hash"} | {
        "action": action, "record_type": item["type"], "record_id": item["data"]["id"],
        "case_id": item["data"]["case_id"]}
    return [{**body, "hash": event_hash(body)}]


def test_a_change_without_its_audit_event_is_refused_and_nothing_is_stored(
    device: Any,
) -> None:
    hq, enrolled, case_id, http = device
    item = good_item(case_id)
    other = good_item(case_id)
    before = snapshot(hq)
    for audit in ([], audit_chain(enrolled.device_id, 1),  # none; a view, not a write
                  recording(other, enrolled),  # another record's
                  recording({**item, "type": "note"}, enrolled)):  # another kind's
        answer = http.post("/v1/push", json=push_body([item], audit=audit))
        assert answer.status_code == 400 and answer.json()["error"] == "missing_audit"
        assert item["data"]["id"] in answer.json()["message"]
        assert snapshot(hq) == before
    # The event may also have reached HQ in an earlier batch, as a laptop may send it.
    event = recording(item, enrolled)
    assert http.post("/v1/push", json=push_body([], audit=event)).status_code == 200
    answer = http.post("/v1/push", json=push_body([item]))
    assert answer.status_code == 200 and answer.json()["acked_seq"] == 1


def test_a_sound_audit_chain_is_accepted_and_a_break_is_flagged(device: Any) -> None:
    hq, enrolled, _case_id, http = device
    events = audit_chain(enrolled.device_id, 4)
    answer = http.post("/v1/push", json=push_body([], audit=events[:2]))
    assert answer.json()["audit_acked_seq"] == 2
    assert http.post("/v1/push", json=push_body([], audit=events[2:])).status_code == 200
    assert f"{enrolled.device_id}" in hq.cli("devices").stdout
    row = hq.count(schema.devices, schema.devices.c.device_id == enrolled.device_id,
                   schema.devices.c.chain_status == "ok")
    assert row == 1
    # Event 6 claims a prev_hash that is not event 5's hash.
    more = audit_chain(enrolled.device_id, 2, start=5, prev=events[-1]["hash"])
    more[1] = {**more[1], "action": "export"}  # altered after hashing
    answer = http.post("/v1/push", json=push_body([], audit=more))
    assert answer.status_code == 200 and answer.json()["audit_acked_seq"] == 6
    listing = hq.cli("devices").stdout
    line = next(line for line in listing.splitlines() if enrolled.device_id in line)
    assert "BROKEN at seq 6" in line
    assert hq.count(schema.audit_events, schema.audit_events.c.device_id == enrolled.device_id,
                    schema.audit_events.c.link_ok.is_(False)) == 1


def test_an_audit_gap_is_refused(device: Any) -> None:
    hq, enrolled, _case_id, http = device
    events = audit_chain(enrolled.device_id, 3)
    answer = http.post("/v1/push", json=push_body([], audit=events[1:]))
    assert answer.status_code == 409
    assert answer.json() | {"message": ""} == {"error": "audit_gap", "acked_seq": 0,
                                                "audit_acked_seq": 0, "message": ""}
    assert hq.count(schema.audit_events,
                    schema.audit_events.c.device_id == enrolled.device_id) == 0
