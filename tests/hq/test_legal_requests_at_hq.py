"""Legal requests at a real HQ over mutual TLS (SQLite and PostgreSQL): a request logged on a
laptop is stored and listed, legal's steps (service or `safeconf-hq requests`) reach the
laptop at its next pull, a request logged at HQ reaches the case's laptops, and nobody but
HQ writes a step, nor a step out of turn, nor a forged due day."""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hq_harness import HQ, device_http, new_worker
from sqlalchemy import select

from safeconf.app.legal_requests import Attachment, LegalRequestService
from safeconf.app.session import VaultSession
from safeconf.domain.business_days import due_date
from safeconf.domain.change_rules import PARENT_ELSEWHERE, judge_change
from safeconf.domain.disclosure_terms import HealthPurpose
from safeconf.domain.legal_request_states import RequestState
from safeconf.domain.records import LegalAction, LegalRequestKind, RequesterBody
from safeconf.domain.statements import current_statements
from safeconf.hq import legal_requests, schema, staff
from safeconf.hq.errors import AdminError
from safeconf.hq.sync.record_view import HQRecordView
from safeconf.sync import OutboxItem
from safeconf.sync.engine import SyncEngine
from safeconf.vault.device_secret import SystemKeyring
from tests.hq.test_push_pull import pull_all
from tests.support import hq_staff
from tests.support import legal_requests as lr

A = LegalAction


@pytest.fixture(autouse=True)
def legal_staff(shared_hq: HQ) -> None:
    """The people who act on requests here: legal.ortiz and legal.o, in the legal role."""
    with shared_hq.db.read() as conn:
        known = {p.name for p in staff.with_role(conn, "legal")}
    for name in ("legal.ortiz", "legal.o"):
        if name not in known:
            hq_staff.add(shared_hq.db, name, "legal")


def _events_at_hq(hq: HQ, case_id: str) -> int:
    r = schema.records
    return hq.count(r, r.c.type == "legal_request_event", r.c.case_id == case_id)


def _pushed(hq: HQ, **changes: Any) -> tuple[str, str, Any, Any]:
    """(worker, case id, request, device) with a subpoena pushed by an enrolled device."""
    worker = new_worker()
    case_id = hq.add_case(worker)
    _, device = hq.device(worker)
    request = lr.request(case_id, **changes)
    assert device.push(str(uuid.uuid4()), [OutboxItem.of(1, request)]).conflicts == ()
    return worker, case_id, request, device


def test_a_request_logged_on_a_laptop_reaches_hq_and_legals_steps_come_back(
    shared_hq: HQ, sessions: Callable[[str], VaultSession], keyring_store: SystemKeyring
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    laptop = sessions(worker)
    SyncEngine(laptop.vault, keyring_store).run()
    service = LegalRequestService(laptop, today=lambda: date(2026, 11, 30))
    request = service.log(case_id, kind=LegalRequestKind.SUBPOENA,
                          requester="Clerk J. Diaz", requester_body="Family Court, Part 3",
                          body_kind=RequesterBody.COURT, asked="The conference notes of March",
                          received_on=date(2026, 11, 20), business_days=10,
                          attachments=[Attachment(lr.PDF, "subpoena.pdf")])
    [queued] = service.for_case(case_id)
    assert queued.queued and queued.state is RequestState.OPEN
    assert queued.due_on == "2026-12-08"  # Thanksgiving and the day after skipped

    assert SyncEngine(laptop.vault, keyring_store).run().push_conflicts == 0
    [listed] = legal_requests.list_requests(shared_hq.db, open_only=True, case_id=case_id)
    assert listed.request == request
    detail = legal_requests.show(shared_hq.db, request.id, "legal.ortiz")
    assert [d.data for d in detail.documents] == [lr.PDF]

    legal_requests.answer(shared_hq.db, request.id, A.ACKNOWLEDGE, "legal.ortiz")
    legal_requests.answer(shared_hq.db, request.id, A.EXTEND, "legal.ortiz",
                          "The court allowed five more days", extend_days=5)
    released = legal_requests.answer(
        shared_hq.db, request.id, A.RELEASE, "legal.ortiz",
        "Notes of 3 and 10 March; the children's school and the foster address withheld")
    assert legal_requests.list_requests(shared_hq.db, open_only=True, case_id=case_id) == []

    SyncEngine(laptop.vault, keyring_store).run()
    [status] = service.for_case(case_id)
    assert not status.queued and status.state is RequestState.CLOSED
    assert status.due_on == "2026-12-15" and status.answer == released
    assert "foster address withheld" in status.released
    assert [e.action for e in status.events] == [A.ACKNOWLEDGE, A.EXTEND, A.RELEASE]
    assert service.due() == []


def test_a_request_logged_at_hq_reaches_the_cases_laptop_with_its_documents(
    shared_hq: HQ, sessions: Callable[[str], VaultSession], keyring_store: SystemKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # hq/routing.py is another part of this work; a stand-in records what it is told.
    told: list[tuple[Any, ...]] = []
    routing = types.ModuleType("safeconf.hq.routing")
    routing.report_received = lambda *args: told.append(args)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "safeconf.hq.routing", routing)
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    request = legal_requests.log_at_hq(
        shared_hq.db, case_id, LegalRequestKind.HEALTH_INFO_REQUEST, "Dr. Amal Haddad",
        "County Behavioral Health", RequesterBody.AGENCY, "Treatment history of the youth",
        date(2026, 11, 24), 3, HealthPurpose.TREATMENT, [("request.pdf", lr.PDF)],
        "legal.ortiz")
    assert request.due_on == due_date(date(2026, 11, 24), 3).isoformat() == "2026-12-01"
    assert request.logged_where.value == "hq" and request.logged_by == "legal.ortiz"
    [(_conn, kind, request_id, who, receipt, _now)] = told
    assert (kind, request_id, who) == ("legal_request", request.id, "")
    assert receipt == legal_requests.receipt_of(request.id) and receipt.startswith("LR-")

    laptop = sessions(worker)
    SyncEngine(laptop.vault, keyring_store).run()
    service = LegalRequestService(laptop, today=lambda: date(2026, 12, 2))
    [status] = service.for_case(case_id)
    assert status.request == request and [d.file_name for d in status.documents] == [
        "request.pdf"]
    assert status.overdue and service.due() == [status]


def test_a_hostile_device_pushing_a_step_is_refused_as_hq_authored(shared_hq: HQ) -> None:
    worker, case_id, request, _device = _pushed(shared_hq)
    _, hostile = shared_hq.device(worker)
    _, honest = shared_hq.device(worker)
    forged = lr.event(request, A.RELEASE, text="everything")
    result = hostile.push(str(uuid.uuid4()), [OutboxItem.of(1, forged)])
    [conflict] = result.conflicts
    assert conflict.reason == "hq_authored" and result.acked_seq == 1
    assert _events_at_hq(shared_hq, case_id) == 0
    assert forged.id not in {i.record.id for i in pull_all(honest)[0]}
    assert legal_requests.list_requests(shared_hq.db, case_id=case_id)[0].standing.is_open


def test_a_pushed_request_with_a_forged_due_day_is_refused(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, device = shared_hq.device(worker)
    forged = dataclasses.replace(lr.request(case_id), due_on="2027-06-30")
    with pytest.raises(Exception, match=r"legal_request\.due_on"):
        device.push(str(uuid.uuid4()), [OutboxItem.of(1, forged)])
    assert legal_requests.list_requests(shared_hq.db, case_id=case_id) == []


def test_a_document_or_step_of_a_request_of_another_case_is_refused(shared_hq: HQ) -> None:
    worker, _case_id, request, device = _pushed(shared_hq)
    other_case = shared_hq.add_case(worker)
    stray = dataclasses.replace(lr.document(request), case_id=other_case)
    [conflict] = device.push(str(uuid.uuid4()), [OutboxItem.of(2, stray)]).conflicts
    assert conflict.reason == PARENT_ELSEWHERE
    step = dataclasses.replace(lr.event(request, A.ACKNOWLEDGE), case_id=other_case)
    with shared_hq.db.read() as conn:
        view = HQRecordView(conn)
        refusal = judge_change(step, None, view, current_statements())
        assert judge_change(lr.event(request, A.ACKNOWLEDGE), None, view,
                            current_statements()) is None
    assert refusal is not None and refusal.reason == PARENT_ELSEWHERE


def test_hq_refuses_a_step_out_of_turn_or_against_the_rules_and_stores_nothing(
        shared_hq: HQ) -> None:
    _, case_id, request, _device = _pushed(shared_hq)
    with pytest.raises(AdminError, match="open cannot be reopened"):
        legal_requests.answer(shared_hq.db, request.id, A.REOPEN, "legal.o")
    with pytest.raises(AdminError, match=r"legal_request_event\.text: is empty"):
        legal_requests.answer(shared_hq.db, request.id, A.DENY, "legal.o", "  ")
    with pytest.raises(AdminError, match="1 to 365"):
        legal_requests.answer(shared_hq.db, request.id, A.EXTEND, "legal.o", "why",
                              extend_days=0)
    with pytest.raises(AdminError, match="later than the current one"):
        legal_requests.answer(shared_hq.db, request.id, A.EXTEND, "legal.o", "why",
                              new_due_on=date.fromisoformat(request.due_on))
    with pytest.raises(AdminError, match="--as NAME"):
        legal_requests.answer(shared_hq.db, request.id, A.ACKNOWLEDGE, " ")
    with pytest.raises(AdminError, match="HQ has no legal request"):
        legal_requests.answer(shared_hq.db, str(uuid.uuid4()), A.ACKNOWLEDGE, "legal.o")
    with pytest.raises(AdminError, match="not a legal request id"):
        legal_requests.answer(shared_hq.db, "1 or 1=1", A.ACKNOWLEDGE, "legal.o")
    with pytest.raises(AdminError, match="not a legal request"):
        legal_requests.answer(shared_hq.db, case_id, A.ACKNOWLEDGE, "legal.o")
    assert _events_at_hq(shared_hq, case_id) == 0

    legal_requests.answer(shared_hq.db, request.id, A.DENY, "legal.o", "Not compelled")
    with pytest.raises(AdminError, match="closed cannot be extended"):
        legal_requests.answer(shared_hq.db, request.id, A.EXTEND, "legal.o", "why",
                              extend_days=3)
    legal_requests.answer(shared_hq.db, request.id, A.REOPEN, "legal.o")
    assert _events_at_hq(shared_hq, case_id) == 2


def test_nothing_is_logged_or_answered_in_a_sealed_case(shared_hq: HQ) -> None:
    from safeconf.hq import cases

    _, case_id, request, _device = _pushed(shared_hq)
    cases.set_sealed(shared_hq.db, shared_hq.case_number(case_id), True)
    with pytest.raises(AdminError, match="is sealed"):
        legal_requests.answer(shared_hq.db, request.id, A.ACKNOWLEDGE, "legal.o")
    with pytest.raises(AdminError, match="is sealed"):
        legal_requests.log_at_hq(shared_hq.db, case_id, LegalRequestKind.SUBPOENA, "a", "b",
                                 RequesterBody.COURT, "c", date(2026, 11, 2), 5, None, [],
                                 "legal.o")
    assert len(legal_requests.list_requests(shared_hq.db, case_id=case_id)) == 1


def test_a_bad_request_logged_at_hq_stores_nothing_at_all(shared_hq: HQ) -> None:
    case_id = shared_hq.add_case(new_worker())
    with pytest.raises(AdminError, match="names its basis"):
        legal_requests.log_at_hq(shared_hq.db, case_id, LegalRequestKind.HEALTH_INFO_REQUEST,
                                 "a", "b", RequesterBody.AGENCY, "c", date(2026, 11, 2), 5,
                                 None, [], "legal.o")
    with pytest.raises(AdminError, match="not a PDF, PNG, JPEG or TIFF"):
        legal_requests.log_at_hq(shared_hq.db, case_id, LegalRequestKind.SUBPOENA, "a", "b",
                                 RequesterBody.COURT, "c", date(2026, 11, 2), 5, None,
                                 [("x.exe", b"MZ\x90")], "legal.o")
    r = schema.records
    assert shared_hq.count(r, r.c.case_id == case_id, r.c.type != "case") == 0


def test_the_commands_log_list_show_escaped_step_and_list_the_deadlines(
        shared_hq: HQ, tmp_path: Path) -> None:
    hostile = "Produce all records\nSigned \u202eevil\u200b"
    _, case_id, pushed, _device = _pushed(shared_hq, asked=hostile, received_on="2026-01-05",
                                          business_days=5)
    number = shared_hq.case_number(case_id)
    scan = tmp_path / "order.pdf"
    scan.write_bytes(lr.PDF)

    logged = shared_hq.cli("requests", "log", "--case", number, "--kind", "records_request",
                           "--requester", "M. Chen", "--body", "Housing Authority",
                           "--body-kind", "agency", "--asked", "Proof of services",
                           "--received-on", "2026-11-25", "--business-days", "2",
                           "--attach", str(scan), "--as", "legal.ortiz")
    assert "due 2026-12-01" in logged.stdout and "1 document(s)" in logged.stdout
    [new_id] = [r.request.id for r in legal_requests.list_requests(shared_hq.db,
                                                                   case_id=case_id)
                if r.request.id != pushed.id]

    listed = shared_hq.cli("requests", "list", "--open", "--case", number).stdout
    assert pushed.id in listed and new_id in listed and "subpoena" in listed
    assert "Produce all" not in listed and "M. Chen" not in listed  # no content in lists

    shown = shared_hq.cli("requests", "show", pushed.id, "--as", "legal.ortiz").stdout
    assert "Family Court, Part 3" in shown and "subpoena.pdf" not in shown
    assert "\\u202eevil\\u200b" in shown and "\u202e" not in shown
    assert "(none yet)" in shown
    needs_actor = shared_hq.cli("requests", "show", pushed.id, check=False)
    assert needs_actor.returncode == 2 and "--as" in needs_actor.stderr

    no_reason = shared_hq.cli("requests", "deny", pushed.id, "--as", "legal.o", check=False)
    assert no_reason.returncode == 2
    wrong = shared_hq.cli("requests", "reopen", pushed.id, "--as", "legal.o", check=False)
    assert wrong.returncode == 1 and "cannot be reopened" in wrong.stderr
    assert _events_at_hq(shared_hq, case_id) == 0

    due = shared_hq.cli("requests", "due", "--today", "2026-11-30").stdout.splitlines()
    mine = [line for line in due if pushed.id in line or new_id in line]
    assert pushed.id in mine[0] and "OVERDUE" in mine[0]  # due 2026-01-12, soonest first
    assert new_id in mine[1] and "OVERDUE" not in mine[1]
    overdue = shared_hq.cli("requests", "due", "--overdue", "--today", "2026-11-30").stdout
    assert pushed.id in overdue and new_id not in overdue

    shared_hq.cli("requests", "acknowledge", pushed.id, "--as", "legal.ortiz")
    extended = shared_hq.cli("requests", "extend", pushed.id, "--days", "3", "--reason",
                             "Counsel asked", "--as", "legal.ortiz").stdout
    assert "extended (now due 2026-01-15)" in extended
    shared_hq.cli("requests", "release", pushed.id, "--released",
                  "Summary only; names withheld", "--as", "legal.ortiz")
    shown = shared_hq.cli("requests", "show", pushed.id, "--as", "legal.ortiz").stdout
    assert "status:      released" in shown and "Summary only; names withheld" in shown
    assert "extended to 2026-01-15 by legal.ortiz" in shown
    assert pushed.id not in shared_hq.cli("requests", "list", "--open", "--case",
                                          number).stdout
    with shared_hq.db.read() as conn:
        stored = [json.loads(d)["action"] for d in conn.execute(
            select(schema.records.c.data).where(
                schema.records.c.type == "legal_request_event",
                schema.records.c.case_id == case_id)).scalars()]
    assert sorted(stored) == ["acknowledge", "extend", "release"]


def _push_raw(hq: HQ, worker: str, items: list[tuple[str, dict[str, Any]]]) -> Any:
    """A hand-made push, as a hostile enrolled device sends it."""


    enrolled = hq.enroll(worker)
    body: dict[str, Any] = {
        "protocol": 1, "batch_id": str(uuid.uuid4()), "audit": [],
        "items": [{"seq": n, "type": rtype, "data": data, "base_version": None}
                  for n, (rtype, data) in enumerate(items, 1)]}
    with device_http(enrolled) as http:
        return http.post("/v1/push", json=body)


@pytest.mark.parametrize("change, field, words", [
    ({"due_on": "2027-06-30"}, "legal_request.due_on", "is not 10 business days after"),
    ({"due_on": "2026-12-01"}, "legal_request.due_on", "is not 10 business days after"),
    ({"business_days": 0}, "legal_request.business_days", "whole number from 1"),
    ({"business_days": 10_000}, "legal_request.business_days", "from 1 to 365"),
    ({"health_purpose": "treatment"}, "legal_request.health_purpose",
     "only a health-information request"),
    ({"received_on": "2026-02-30"}, "legal_request.received_on", "not a real date"),
    ({"asked": " "}, "legal_request.asked", "is empty"),
    ({"requester": "Clerk\u001b[2J"}, "legal_request.requester", "control character"),
])
def test_a_hand_made_push_of_a_bad_request_is_refused_with_its_field_and_stores_nothing(
        shared_hq: HQ, change: dict[str, Any], field: str, words: str) -> None:
    from safeconf.domain import codec

    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    data = {**codec.to_dict(lr.request(case_id)), **change}
    before = shared_hq.count(schema.records)
    answer = _push_raw(shared_hq, worker, [("legal_request", data)])
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"] == "invalid_record"
    assert answer.json()["field"] == field and words in answer.json()["message"]
    assert shared_hq.count(schema.records) == before


def test_a_hand_made_push_of_a_bad_document_or_of_an_unknown_kind_stores_nothing(
        shared_hq: HQ) -> None:
    import base64

    from safeconf.domain import codec

    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    request = lr.request(case_id)
    good = codec.to_dict(request)
    exe = {**codec.to_dict(lr.document(request)),
           "data": base64.b64encode(b"MZ\x90\x00 program").decode()}
    wrong_digest = {**codec.to_dict(lr.document(request)), "sha256": "0" * 64}
    before = shared_hq.count(schema.records)
    for bad, field in ((exe, "legal_request_document.data"),
                       (wrong_digest, "legal_request_document.sha256")):
        answer = _push_raw(shared_hq, worker, [("legal_request", good),
                                               ("legal_request_document", bad)])
        assert answer.status_code == 400 and answer.json()["field"] == field, answer.text
    unknown = _push_raw(shared_hq, worker, [("legal_request", {**good, "kind": "deposition"})])
    assert unknown.status_code == 400 and "kind" in unknown.text
    assert shared_hq.count(schema.records) == before


def test_the_command_refuses_a_file_that_is_not_a_scan_and_stores_nothing(
        shared_hq: HQ, tmp_path: Path) -> None:
    case_id = shared_hq.add_case(new_worker())
    number = shared_hq.case_number(case_id)
    exe = tmp_path / "order.exe"
    exe.write_bytes(b"MZ\x90\x00")
    args = ("requests", "log", "--case", number, "--kind", "subpoena", "--requester", "A",
            "--body", "B", "--asked", "C", "--received-on", "2026-11-02",
            "--business-days", "5", "--as", "legal.o")
    refused = shared_hq.cli(*args, "--attach", str(exe), check=False)
    assert refused.returncode == 1 and "not a PDF, PNG, JPEG or TIFF" in refused.stderr
    bad_day = shared_hq.cli(*args[:-6], "--received-on", "next week", "--business-days",
                            "5", "--as", "legal.o", check=False)
    assert bad_day.returncode == 1 and "not a date like" in bad_day.stderr
    health = shared_hq.cli(*args, "--health-purpose", "treatment", check=False)
    assert health.returncode == 1 and "only a health-information request" in health.stderr
    assert legal_requests.list_requests(shared_hq.db, case_id=case_id) == []
