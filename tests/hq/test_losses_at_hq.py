"""Loss and breach reports at a real HQ over mutual TLS, on SQLite and PostgreSQL: a laptop's
report goes first and is filed with its trail, each report is seen only by the roles that
handle it (every read audited), a stolen device is revoked with wipe before anything more of
it is accepted, and a hostile device's bad reports are refused without blocking anything."""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Callable

import pytest
from hq_harness import HQ, new_worker
from sqlalchemy import select

from safeconf.app.losses import LossReportService
from safeconf.app.session import VaultSession
from safeconf.domain import codec
from safeconf.domain.records import BreachReport, Conference, LossKind, LossReport
from safeconf.domain.reports import receipt
from safeconf.hq import incidents, schema
from safeconf.hq.errors import AdminError
from safeconf.hq.pki import devices
from safeconf.sync import OutboxItem
from safeconf.sync.engine import DeviceWiped, SyncEngine
from safeconf.sync.errors import DeviceRevoked, RequestRejected
from safeconf.vault.device_secret import SystemKeyring
from tests.hq.test_push_pull import pull_all
from tests.support import hq_staff

WHEN = "2026-11-30T18:00:00+00:00"


@dataclasses.dataclass
class People:
    admin: str
    legal_director: str
    supervisor: str  # the reporting worker's
    other_supervisor: str
    legal: str


def _people(hq: HQ, worker: str) -> People:
    tag = uuid.uuid4().hex[:6]
    people = People(*(hq_staff.add(hq.db, f"{role}-{i}-{tag}", role) for i, role in enumerate((
        "administrator", "legal_director", "supervisor", "supervisor", "legal"))))
    hq_staff.set_supervisor(hq.db, worker, people.supervisor)
    return people


def loss(**changes: object) -> LossReport:
    fields: dict[str, object] = dict(lost=LossKind.PAPER_NOTES, description="a folder",
                                     happened_at=WHEN, where="bus 14", affected_unknown=True,
                                     reported_by="w")
    return LossReport(**{**fields, **changes})  # type: ignore[arg-type]


def breach(**changes: object) -> BreachReport:
    fields: dict[str, object] = dict(what="minutes emailed to the wrong school",
                                     happened_at=WHEN, who_may_have_received="a school office",
                                     affected_unknown=True, reported_by="w")
    return BreachReport(**{**fields, **changes})  # type: ignore[arg-type]


def _trail(hq: HQ, report_id: str) -> list[str]:
    e = schema.report_events
    with hq.db.read() as conn:
        return list(conn.execute(select(e.c.kind).where(e.c.report_id == report_id)
                                 .order_by(e.c.event_id)).scalars())


def test_a_report_queued_after_other_changes_reaches_hq_first_and_the_laptop_syncs_on(
    shared_hq: HQ, sessions: Callable[[str], VaultSession], keyring_store: SystemKeyring
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    laptop = sessions(worker)
    SyncEngine(laptop.vault, keyring_store).run()  # the case arrives
    for hour in range(3):  # offline: three changes queued before the report
        laptop.vault.conferences.add(Conference(
            case_id=case_id, scheduled_start=f"2026-12-0{hour + 1}T10:00:00+00:00"))
    filed = LossReportService(laptop).report_loss(
        LossKind.USB_DRIVE, WHEN, where="car park", case_ids=[case_id], description="a stick")
    assert not LossReportService(laptop).reports()[0].sent

    report = SyncEngine(laptop.vault, keyring_store).run()
    assert report.push_conflicts == 0 and report.pushed == 4
    c, r = schema.caseless_records, schema.records
    with shared_hq.db.read() as conn:
        held = conn.execute(select(c.c.stored_at, c.c.worker_id)
                            .where(c.c.id == filed.report.id)).one()
        others = list(conn.execute(select(r.c.stored_at).where(
            r.c.case_id == case_id, r.c.type == "conference")).scalars())
    assert held.worker_id == worker and len(others) == 3
    # Its own batch, committed before the batch of the changes queued earlier.
    assert all(held.stored_at < at for at in others)
    assert _trail(shared_hq, filed.report.id) == ["received"]
    [mine] = LossReportService(laptop).reports()
    assert mine.sent and mine.receipt == receipt("loss_report", filed.report.id)
    assert SyncEngine(laptop.vault, keyring_store).run().pushed == 0


def test_a_pushed_report_is_filed_under_the_certificate_and_never_pulled(
        shared_hq: HQ) -> None:
    worker = new_worker()
    enrolled, laptop = shared_hq.device(worker)
    _, other = shared_hq.device(worker)
    sent = breach()
    batch = str(uuid.uuid4())
    assert laptop.push(batch, [OutboxItem.of(1, sent)]).conflicts == ()
    assert laptop.push(batch, [OutboxItem.of(1, sent)]).acked_seq == 1
    c = schema.caseless_records
    with shared_hq.db.read() as conn:
        row = conn.execute(select(c.c.worker_id, c.c.device_id).where(c.c.id == sent.id)).one()
    assert (row.worker_id, row.device_id) == (worker, enrolled.device_id)
    assert sent.id not in {i.record.id for i in pull_all(other)[0]}
    # A replay of the batch records nothing twice.
    assert _trail(shared_hq, sent.id) == ["received"]


def test_each_report_is_seen_only_by_the_roles_that_handle_it(shared_hq: HQ) -> None:
    worker = new_worker()
    people = _people(shared_hq, worker)
    _, laptop = shared_hq.device(worker)
    lost, broke = loss(), breach()
    laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, lost), OutboxItem.of(2, broke)])

    def seen(actor: str) -> set[str]:
        return {s.report_id for s in incidents.list_reports(shared_hq.db, actor)}

    assert {lost.id, broke.id} <= seen(people.legal_director)
    assert lost.id in seen(people.admin) and broke.id not in seen(people.admin)
    assert lost.id in seen(people.supervisor) and broke.id not in seen(people.supervisor)
    assert not {lost.id, broke.id} & seen(people.other_supervisor)
    with pytest.raises(AdminError, match="may not"):
        incidents.list_reports(shared_hq.db, people.legal)
    with pytest.raises(AdminError):
        incidents.list_reports(shared_hq.db, "nobody-at-all")
    for actor in (people.admin, people.supervisor, people.other_supervisor):
        with pytest.raises(AdminError, match="may not see"):
            incidents.show(shared_hq.db, actor, receipt("breach_report", broke.id))
    summary = incidents.list_reports(shared_hq.db, people.supervisor)
    text = incidents.format_table(summary)
    assert "bus 14" not in text and "a folder" not in text  # no content in the list


def test_showing_a_report_is_audited_and_its_trail_grows_by_events(shared_hq: HQ) -> None:
    worker = new_worker()
    people = _people(shared_hq, worker)
    _, laptop = shared_hq.device(worker)
    broke = breach()
    laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, broke)])
    number = receipt("breach_report", broke.id)

    detail = incidents.show(shared_hq.db, people.legal_director, number.lower())
    assert detail.report == broke and detail.worker_id == worker
    assert hq_staff.audited(shared_hq.db, broke.id) == [(people.legal_director, "show")]
    with pytest.raises(AdminError, match="may not see"):
        incidents.show(shared_hq.db, people.admin, broke.id)
    # A refused read records nothing.
    assert hq_staff.audited(shared_hq.db, broke.id) == [(people.legal_director, "show")]

    ld = people.legal_director
    assert incidents.acknowledge(shared_hq.db, ld, number).status == "acknowledged"
    with pytest.raises(AdminError, match="already acknowledged"):
        incidents.acknowledge(shared_hq.db, ld, number)
    with pytest.raises(AdminError, match="may not handle"):
        incidents.assign(shared_hq.db, ld, number, people.supervisor)
    assert incidents.assign(shared_hq.db, ld, number, ld).assigned_to == ld
    incidents.record_notified(shared_hq.db, ld, number, "commissioner")
    incidents.record_notified(shared_hq.db, ld, number, "hr")
    with pytest.raises(AdminError, match="outcome"):
        incidents.close(shared_hq.db, ld, number, "  ")
    assert incidents.close(shared_hq.db, ld, number, "School deleted it.").status == "closed"
    with pytest.raises(AdminError, match="closed"):
        incidents.assign(shared_hq.db, ld, number, ld)
    assert incidents.list_reports(shared_hq.db, ld, open_only=True) == [
        s for s in incidents.list_reports(shared_hq.db, ld, open_only=True)
        if s.report_id != broke.id]
    assert _trail(shared_hq, broke.id) == [
        "received", "acknowledged", "assigned", "commissioner_notified", "hr_notified",
        "closed"]
    shown = incidents.format_detail(incidents.show(shared_hq.db, ld, broke.id))
    assert "School deleted it." in shown and "commissioner_notified" in shown


def test_only_the_legal_director_records_notifying_and_only_of_a_breach(
        shared_hq: HQ) -> None:
    worker = new_worker()
    people = _people(shared_hq, worker)
    _, laptop = shared_hq.device(worker)
    lost = loss()
    laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, lost)])
    with pytest.raises(AdminError, match="breaches"):
        incidents.record_notified(shared_hq.db, people.legal_director, lost.id, "hr")
    with pytest.raises(AdminError, match="whom"):
        incidents.record_notified(shared_hq.db, people.legal_director, lost.id, "press")
    assert _trail(shared_hq, lost.id) == ["received"]


def test_the_commands_list_show_and_act_with_escaped_output(shared_hq: HQ) -> None:
    worker = new_worker()
    people = _people(shared_hq, worker)
    _, laptop = shared_hq.device(worker)
    lost = loss(description="folder \u202ered")
    laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, lost)])
    number = receipt("loss_report", lost.id)

    code, out, _ = hq_staff.hq_cli(shared_hq, "incidents", "list", "--open", "--as",
                                   people.supervisor)
    assert code == 0 and number in out and "folder" not in out
    code, out, _ = hq_staff.hq_cli(shared_hq, "incidents", "show", number, "--as",
                                   people.admin)
    assert code == 0 and "\u202e" not in out and "folder \\u202ered" in out
    code, out, _ = hq_staff.hq_cli(shared_hq, "incidents", "acknowledge", number, "--as",
                                   people.supervisor)
    assert code == 0 and "acknowledged" in out
    code, _, err = hq_staff.hq_cli(shared_hq, "incidents", "show", number, "--as",
                                   people.other_supervisor)
    assert code == 1 and "may not see" in err
    code, _, err = hq_staff.hq_cli(shared_hq, "incidents", "show", "L-XXXX", "--as",
                                   people.admin)
    assert code == 1 and "receipt number" in err
    code, out, _ = hq_staff.hq_cli(shared_hq, "incidents", "close", number, "--outcome",
                                   "Found at the depot", "--as", people.supervisor)
    assert code == 0 and "closed" in out


def test_a_stolen_laptop_reported_at_hq_is_wiped_before_anything_more_is_accepted(
        shared_hq: HQ) -> None:
    worker = new_worker()
    people = _people(shared_hq, worker)
    case_id = shared_hq.add_case(worker)
    enrolled, gone = shared_hq.device(worker)
    code, out, err = hq_staff.hq_cli(
        shared_hq, "incidents", "report", "--device", enrolled.device_id, "--what", "device",
        "--when", WHEN, "--where", "train", "--stolen", "--by", people.supervisor)
    assert code == 0, err
    assert "revoked and told to wipe" in out
    with shared_hq.db.read() as conn:
        device = devices.by_id(conn, enrolled.device_id)
    assert device is not None and device.status == "revoked" and device.wipe
    unsent = Conference(case_id=case_id, scheduled_start=WHEN)
    with pytest.raises(DeviceRevoked) as refused:
        gone.push(str(uuid.uuid4()), [OutboxItem.of(1, unsent)])
    assert refused.value.wipe
    assert shared_hq.count(schema.records, schema.records.c.id == unsent.id) == 0
    [filed] = [s for s in incidents.list_reports(shared_hq.db, people.supervisor)]
    assert _trail(shared_hq, filed.report_id) == ["received", "device_revoked"]


def test_hq_files_a_lost_laptop_and_revokes_it_in_the_same_step_when_asked(
        shared_hq: HQ) -> None:
    worker = new_worker()
    people = _people(shared_hq, worker)
    enrolled, _ = shared_hq.device(worker)
    kept, _ = shared_hq.device(worker)
    report, number = incidents.file_loss(shared_hq.db, people.admin, enrolled.device_id,
                                         LossKind.DEVICE, WHEN)
    with shared_hq.db.read() as conn:
        assert devices.by_id(conn, enrolled.device_id).status == "active"  # type: ignore[union-attr]
    incidents.file_loss(shared_hq.db, people.admin, kept.device_id, LossKind.DEVICE, WHEN,
                        revoke_and_wipe=True)
    with shared_hq.db.read() as conn:
        assert devices.by_id(conn, kept.device_id).wipe  # type: ignore[union-attr]
    assert number == receipt("loss_report", report.id)
    with pytest.raises(AdminError, match=r"not filed.*before it was reported"):
        incidents.file_loss(shared_hq.db, people.admin, enrolled.device_id,
                            LossKind.DEVICE, "2999-01-01T00:00:00+00:00")
    with pytest.raises(AdminError, match="no device"):
        incidents.file_loss(shared_hq.db, people.admin, str(uuid.uuid4()), LossKind.DEVICE,
                            WHEN)
    with pytest.raises(AdminError, match="may not"):
        incidents.file_loss(shared_hq.db, people.legal, enrolled.device_id, LossKind.DEVICE,
                            WHEN)


def test_a_stolen_device_named_from_another_laptop_is_revoked_only_when_it_is_the_workers(
        shared_hq: HQ) -> None:
    worker, colleague = new_worker(), new_worker()
    stolen, _ = shared_hq.device(worker)
    _, reporting = shared_hq.device(worker)
    theirs, _ = shared_hq.device(colleague)
    mine = loss(lost=LossKind.DEVICE, stolen=True, device_id=stolen.device_id)
    not_mine = loss(lost=LossKind.DEVICE, stolen=True, device_id=theirs.device_id)
    result = reporting.push(str(uuid.uuid4()), [OutboxItem.of(1, mine),
                                                OutboxItem.of(2, not_mine)])
    assert result.conflicts == ()
    with shared_hq.db.read() as conn:
        assert devices.by_id(conn, stolen.device_id).wipe  # type: ignore[union-attr]
        assert devices.by_id(conn, theirs.device_id).active  # type: ignore[union-attr]
    assert _trail(shared_hq, mine.id) == ["received", "device_revoked"]
    assert _trail(shared_hq, not_mine.id) == ["received", "device_not_revoked"]


def _raw(record: LossReport | BreachReport, **data: object) -> OutboxItem:
    wire = {**codec.to_dict(record), **data}
    return OutboxItem(1, codec.type_name(record), wire, None)


@pytest.mark.parametrize("bad", [
    {"case_id": "11111111-1111-4111-8111-111111111111"},  # a report belongs to no case
    {"affected_unknown": False},  # neither cases nor "unknown"
    {"affected_case_ids": ["11111111-1111-4111-8111-111111111111"]},  # both
    {"description": "x" * 200_000},  # oversized
    {"device_id": "not-a-device"},
    {"lost": "laptop_bag"},
    {"stolen": "yes"},
    {"happened_at": "2999-01-01T00:00:00+00:00"},  # after it was reported
])
def test_a_hostile_malformed_report_is_refused_whole_and_blocks_nothing(
        shared_hq: HQ, bad: dict[str, object]) -> None:
    worker = new_worker()
    _, laptop = shared_hq.device(worker)
    forged = loss()
    with pytest.raises(RequestRejected) as refused:
        laptop.push(str(uuid.uuid4()), [_raw(forged, **bad)])
    assert refused.value.status in (400, 413)
    assert shared_hq.count(schema.caseless_records,
                           schema.caseless_records.c.id == forged.id) == 0
    honest = loss()
    assert laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, honest)]).acked_seq == 1


def test_a_report_under_another_workers_report_id_is_kept_aside_and_changes_nothing(
        shared_hq: HQ) -> None:
    worker, hostile_worker = new_worker(), new_worker()
    _, laptop = shared_hq.device(worker)
    _, hostile = shared_hq.device(hostile_worker)
    real = breach()
    laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, real)])
    forged = dataclasses.replace(real, what="nothing happened")
    result = hostile.push(str(uuid.uuid4()), [OutboxItem.of(1, forged),
                                              OutboxItem.of(2, breach())])
    assert result.acked_seq == 2
    [conflict] = result.conflicts
    assert conflict.reason == "different_content" and conflict.id == real.id
    c = schema.caseless_records
    with shared_hq.db.read() as conn:
        held = conn.execute(select(c.c.worker_id, c.c.data).where(c.c.id == real.id)).one()
    assert held.worker_id == worker and json.loads(held.data)["what"] == real.what
    assert _trail(shared_hq, real.id) == ["received"]


def test_a_laptop_whose_own_report_says_it_was_stolen_is_not_wiped_by_it(
    shared_hq: HQ, sessions: Callable[[str], VaultSession], keyring_store: SystemKeyring
) -> None:
    worker = new_worker()
    laptop = sessions(worker)
    filed = LossReportService(laptop).report_loss(
        LossKind.DEVICE, WHEN, stolen=True, this_laptop=True, cases_unknown=True)
    assert filed.report.device_id == laptop.vault.sync.credentials().hq_device_id  # type: ignore[union-attr]
    try:
        SyncEngine(laptop.vault, keyring_store).run()
    except DeviceWiped:  # pragma: no cover - the failure this test guards against
        pytest.fail("the laptop in the worker's hands was wiped by its own report")
    assert _trail(shared_hq, filed.report.id) == ["received", "device_not_revoked"]


def test_a_laptop_reported_stolen_from_another_is_wiped_at_its_next_sync_sending_nothing(
    shared_hq: HQ, sessions: Callable[[str], VaultSession], keyring_store: SystemKeyring
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    stolen, spare = sessions(worker), sessions(worker)
    SyncEngine(stolen.vault, keyring_store).run()
    unsent = stolen.vault.conferences.add(Conference(case_id=case_id, scheduled_start=WHEN))
    stolen_id = stolen.vault.sync.credentials().hq_device_id  # type: ignore[union-attr]
    filed = LossReportService(spare).report_loss(
        LossKind.DEVICE, WHEN, stolen=True, device_id=stolen_id, cases_unknown=True)
    SyncEngine(spare.vault, keyring_store).run()
    assert _trail(shared_hq, filed.report.id) == ["received", "device_revoked"]

    with pytest.raises(DeviceWiped):
        SyncEngine(stolen.vault, keyring_store).run()
    assert shared_hq.count(schema.records, schema.records.c.id == unsent.id) == 0
    assert not stolen.is_open
