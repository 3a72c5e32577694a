"""`safeconf-hq conflicts`: listing, showing and settling the changes HQ kept for review, with
conflicts made by real pushes over mutual TLS, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import getpass
import uuid
from typing import Any

from hq_harness import HQ, new_worker
from sqlalchemy import select

from safeconf.domain.records import (
    Attendee,
    CaseStatus,
    ConferenceState,
    Note,
    NoteSection,
    Presence,
    Role,
)
from safeconf.hq import admin_audit, schema
from safeconf.sync import HQClient, OutboxItem
from tests.hq.test_push_pull import conference, push_first_revision


def _pull_all(client: HQClient, cursor: int = 0) -> tuple[dict[str, Any], int]:
    records: dict[str, Any] = {}
    while True:
        page = client.pull(cursor)
        records.update((i.record.id, i.record) for i in page.items)
        cursor = page.cursor
        if not page.more:
            return records, cursor


def _conflict_ids(hq: HQ, record_id: str) -> list[int]:
    with hq.db.read() as conn:
        return list(conn.execute(select(schema.conflicts.c.conflict_id)
                                 .where(schema.conflicts.c.record_id == record_id)
                                 .order_by(schema.conflicts.c.conflict_id)).scalars())


def _line(output: str, conflict_id: int) -> str:
    (line,) = [ln for ln in output.splitlines() if ln.split()[:1] == [str(conflict_id)]]
    return line


@dataclasses.dataclass
class _NoteClash:
    worker: str
    case_id: str
    laptop: HQClient
    tablet: HQClient
    hq_note: Note
    device_note: Note
    conflict_id: int


def _note_clash(hq: HQ) -> _NoteClash:
    """Two laptops of one worker edit the same note from version 1; the tablet loses."""
    worker = new_worker()
    case_id = hq.add_case(worker)
    _, laptop = hq.device(worker)
    _, tablet = hq.device(worker)
    conf = conference(case_id)
    hq.seat(worker, conf)
    first = Note(case_id=case_id, conference_id=conf.id, section=NoteSection.SAFETY_PLAN,
                 body="Grandmother Rosalind supervises visits.", author=worker)
    laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, conf), OutboxItem.of(2, first)])
    hq_note = dataclasses.replace(first, body="Rosalind supervises; weekly check-ins.",
                                  version=2)
    assert laptop.push(str(uuid.uuid4()),
                       [OutboxItem.of(3, hq_note, base_version=1)]).conflicts == ()
    device_note = dataclasses.replace(first, body="Uncle Teodoro supervises instead.",
                                      version=2)
    result = tablet.push(str(uuid.uuid4()), [OutboxItem.of(1, device_note, base_version=1)])
    assert [c.reason for c in result.conflicts] == ["version_mismatch"]
    (conflict_id,) = _conflict_ids(hq, first.id)
    return _NoteClash(worker, case_id, laptop, tablet, hq_note, device_note, conflict_id)


def test_the_list_shows_open_conflicts_by_id_and_reason_without_note_text_or_names(
        shared_hq: HQ) -> None:
    clash = _note_clash(shared_hq)
    attendee = Attendee(case_id=clash.case_id, conference_id=clash.hq_note.conference_id,
                        name="Marisol Quintero-Vargas", role=Role.PARENT)
    seated = dataclasses.replace(attendee, presence=Presence.PRESENT, version=2)
    clash.laptop.push(str(uuid.uuid4()), [OutboxItem.of(4, attendee),
                                          OutboxItem.of(5, seated, base_version=1)])
    renamed = dataclasses.replace(attendee, name="Marisol Vargas", version=2)
    clash.tablet.push(str(uuid.uuid4()), [OutboxItem.of(2, renamed, base_version=1)])
    (attendee_conflict,) = _conflict_ids(shared_hq, attendee.id)

    out = shared_hq.cli("conflicts").stdout
    assert out.splitlines()[0].split() == ["ID", "WHEN", "DEVICE", "WORKER", "TYPE", "CASE",
                                           "REASON", "STATUS"]
    line = _line(out, clash.conflict_id)
    assert clash.worker in line and " note " in line and "version_mismatch" in line
    assert shared_hq.case_number(clash.case_id) in line and line.endswith("open")
    assert "attendee" in _line(out, attendee_conflict)
    for secret in ("Rosalind", "Teodoro", "Marisol", "Quintero", "Family "):
        assert secret not in out
    # The columns line up: every row starts each column where the header does.
    header = out.splitlines()[0]
    assert line.index(clash.worker) == header.index("WORKER")


def test_show_gives_both_versions_of_the_differing_fields_and_the_section(
        shared_hq: HQ) -> None:
    clash = _note_clash(shared_hq)
    out = shared_hq.cli("conflicts", "show", str(clash.conflict_id), "--as",
                        shared_hq.staff_member("legal")).stdout
    assert f"Conflict {clash.conflict_id}: version_mismatch" in out
    assert clash.hq_note.body in out and clash.device_note.body in out
    assert "section  (same on both)" in out and "safety_plan" in out
    assert "conference_id" not in out and "author" not in out  # the same on both: left out
    assert "HQ (v2):" in out and "device (v2):" in out
    help_text = shared_hq.cli("conflicts", "show", "--help").stdout
    assert "content" in help_text and "names" in help_text


def test_keeping_hqs_copy_marks_the_conflict_reviewed_and_records_who_and_when(
        shared_hq: HQ) -> None:
    clash = _note_clash(shared_hq)
    result = shared_hq.cli("conflicts", "resolve", str(clash.conflict_id), "--keep", "hq",
                           "--note", "Confirmed with Rosalind's worker by phone")
    assert f"Conflict {clash.conflict_id} resolved" in result.stdout
    c, r = schema.conflicts, schema.conflict_resolutions
    with shared_hq.db.read() as conn:
        row = conn.execute(select(c.c.needs_review, c.c.incoming_data)
                           .where(c.c.conflict_id == clash.conflict_id)).one()
        done = conn.execute(select(r).where(r.c.conflict_id == clash.conflict_id)).one()
        stored = conn.execute(select(schema.records.c.version, schema.records.c.data)
                              .where(schema.records.c.id == clash.hq_note.id)).one()
    assert row.needs_review is False and "Teodoro" in row.incoming_data  # kept, not deleted
    assert (done.kept, done.resolved_by, done.hq_version) == ("hq", getpass.getuser(), 2)
    assert done.resolved_at and done.new_version is None
    assert stored.version == 2 and "weekly check-ins" in stored.data

    open_list = shared_hq.cli("conflicts").stdout
    assert str(clash.conflict_id) not in [ln.split()[0] for ln in open_list.splitlines()
                                          if ln.strip()]
    everything = shared_hq.cli("conflicts", "--all").stdout
    assert _line(everything, clash.conflict_id).endswith(f"kept hq by {getpass.getuser()}")
    assert "phone" not in everything and "Rosalind" not in everything
    shown = shared_hq.cli("conflicts", "show", str(clash.conflict_id), "--as",
                        shared_hq.staff_member("legal")).stdout
    assert "Confirmed with Rosalind's worker by phone" in shown

    again = shared_hq.cli("conflicts", "resolve", str(clash.conflict_id), "--keep", "device",
                          check=False)
    assert again.returncode == 1 and "already resolved" in again.stderr


def test_keeping_the_devices_version_makes_it_hqs_next_version_for_every_laptop_of_the_case(
        shared_hq: HQ) -> None:
    clash = _note_clash(shared_hq)
    colleague = new_worker()
    shared_hq.cli("cases", "assign", shared_hq.case_number(clash.case_id), colleague)
    _, colleague_laptop = shared_hq.device(colleague)
    _, laptop_cursor = _pull_all(clash.laptop)
    _, colleague_cursor = _pull_all(colleague_laptop)

    result = shared_hq.cli("conflicts", "resolve", str(clash.conflict_id), "--keep", "device")
    assert "HQ's version 3" in result.stdout

    expected = dataclasses.replace(clash.device_note, version=3)
    for client, cursor in ((clash.laptop, laptop_cursor), (colleague_laptop, colleague_cursor)):
        records, _ = _pull_all(client, cursor)
        assert records[clash.hq_note.id] == expected
    r = schema.conflict_resolutions
    with shared_hq.db.read() as conn:
        done = conn.execute(select(r).where(r.c.conflict_id == clash.conflict_id)).one()
        stored = conn.execute(select(schema.records.c.stored_by)
                              .where(schema.records.c.id == clash.hq_note.id)).scalar_one()
    assert (done.kept, done.hq_version, done.new_version) == ("device", 2, 3)
    assert done.resolved_by == getpass.getuser() and stored == "hq"
    # The laptop that lost the first time can move the record on from version 3.
    later = dataclasses.replace(expected, body="Teodoro, then Rosalind.", version=4)
    assert clash.laptop.push(str(uuid.uuid4()),
                             [OutboxItem.of(4, later, base_version=3)]).conflicts == ()


def test_a_case_kept_from_the_device_updates_the_case_state_as_a_push_would(
        shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, laptop = shared_hq.device(worker)
    records, _ = _pull_all(laptop)
    case = records[case_id]
    shared_hq.cli("cases", "assign", shared_hq.case_number(case_id), new_worker())  # HQ: v2
    closing = dataclasses.replace(case, status=CaseStatus.CLOSED, version=case.version + 1)
    result = laptop.push(str(uuid.uuid4()),
                         [OutboxItem.of(1, closing, base_version=case.version)])
    assert [c.reason for c in result.conflicts] == ["version_mismatch"]
    (conflict_id,) = _conflict_ids(shared_hq, case_id)
    refused = shared_hq.cli("conflicts", "resolve", str(conflict_id), "--keep", "device",
                            check=False)
    # The device's copy predates the new assignment, and assignments belong to HQ.
    assert refused.returncode == 1 and "safeconf-hq cases" in refused.stderr
    shared_hq.cli("conflicts", "resolve", str(conflict_id), "--keep", "hq")

    # A close based on an old version that leaves HQ's fields alone can be kept.
    shared_hq.cli("cases", "close", shared_hq.case_number(case_id))
    shared_hq.cli("cases", "reopen", shared_hq.case_number(case_id))
    records, _ = _pull_all(laptop)
    current = records[case_id]
    stale = dataclasses.replace(current, status=CaseStatus.CLOSED, version=current.version + 1)
    laptop.push(str(uuid.uuid4()), [OutboxItem.of(2, stale, base_version=current.version - 1)])
    (_, conflict_id) = _conflict_ids(shared_hq, case_id)
    shared_hq.cli("conflicts", "resolve", str(conflict_id), "--keep", "device")
    with shared_hq.db.read() as conn:
        row = conn.execute(select(schema.cases.c.status, schema.cases.c.closed_at)
                           .where(schema.cases.c.case_id == case_id)).one()
    assert row.status == "closed" and row.closed_at is not None


def test_an_insert_only_record_cannot_take_the_devices_version(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, laptop = shared_hq.device(worker)
    _, tablet = shared_hq.device(worker)
    revision = push_first_revision(laptop, case_id, "first words")
    tablet.push(str(uuid.uuid4()), [OutboxItem.of(
        1, dataclasses.replace(revision, body="other words"))])
    (conflict_id,) = _conflict_ids(shared_hq, revision.id)
    shown = shared_hq.cli("conflicts", "show", str(conflict_id), "--as",
                          shared_hq.staff_member("administrator", "hq.admin")).stdout
    assert "other words" in shown
    refused = shared_hq.cli("conflicts", "resolve", str(conflict_id), "--keep", "device",
                            check=False)
    assert refused.returncode == 1 and "insert-only" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert shared_hq.count(schema.conflicts, schema.conflicts.c.conflict_id == conflict_id,
                           schema.conflicts.c.needs_review.is_(True)) == 1
    with shared_hq.db.read() as conn:
        assert "first words" in conn.execute(select(schema.records.c.data).where(
            schema.records.c.id == revision.id)).scalar_one()
    shared_hq.cli("conflicts", "resolve", str(conflict_id), "--keep", "hq")


def test_a_sealed_or_unassigned_case_refuses_the_devices_version(shared_hq: HQ) -> None:
    worker = new_worker()
    sealed_case, dropped_case = shared_hq.add_case(worker), shared_hq.add_case(worker)
    _, laptop = shared_hq.device(worker)
    sealed_conf, dropped_conf = conference(sealed_case), conference(dropped_case)
    shared_hq.cli("cases", "seal", shared_hq.case_number(sealed_case))
    shared_hq.cli("cases", "unassign", shared_hq.case_number(dropped_case), worker)
    result = laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, sealed_conf),
                                             OutboxItem.of(2, dropped_conf)])
    assert [c.reason for c in result.conflicts] == ["sealed", "not_assigned"]
    (sealed_id,) = _conflict_ids(shared_hq, sealed_conf.id)
    (dropped_id,) = _conflict_ids(shared_hq, dropped_conf.id)
    refused = shared_hq.cli("conflicts", "resolve", str(sealed_id), "--keep", "device",
                            check=False)
    assert refused.returncode == 1 and "sealed" in refused.stderr
    refused = shared_hq.cli("conflicts", "resolve", str(dropped_id), "--keep", "device",
                            check=False)
    assert refused.returncode == 1 and "assigned to no worker" in refused.stderr
    assert shared_hq.count(schema.records, schema.records.c.id.in_(
        [sealed_conf.id, dropped_conf.id])) == 0
    # Once the case is someone's again, the device's conference can be taken (HQ had none).
    other = new_worker()
    shared_hq.cli("cases", "assign", shared_hq.case_number(dropped_case), other)
    _, other_laptop = shared_hq.device(other)
    shared_hq.cli("conflicts", "resolve", str(dropped_id), "--keep", "device")
    records, _ = _pull_all(other_laptop)
    assert records[dropped_conf.id] == dropped_conf


def test_an_unknown_conflict_id_is_a_clear_error(shared_hq: HQ) -> None:
    reader = ("--as", shared_hq.staff_member("legal"))
    for args in (("show", "2147483000", *reader), ("resolve", "2147483000", "--keep", "hq"),
                 ("show", "abc", *reader), ("show", "99999999999999999999", *reader)):
        result = shared_hq.cli("conflicts", *args, check=False)
        assert result.returncode == 1, args
        assert "HQ has no conflict" in result.stderr and "Traceback" not in result.stderr


def test_the_all_list_shows_resolved_conflicts_and_their_outcome(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, laptop = shared_hq.device(worker)
    _, tablet = shared_hq.device(worker)
    conf = conference(case_id)
    laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, conf)])
    moved = dataclasses.replace(conf, location="Room 3", version=2)
    laptop.push(str(uuid.uuid4()), [OutboxItem.of(2, moved, base_version=1)])
    for seq, room in ((1, "Room 4"), (2, "Room 5")):
        stale = dataclasses.replace(conf, location=room, version=2)
        tablet.push(str(uuid.uuid4()), [OutboxItem.of(seq, stale, base_version=1)])
    first, second = _conflict_ids(shared_hq, conf.id)
    shared_hq.cli("conflicts", "resolve", str(first), "--keep", "device", "--note", "Room 4")
    out = shared_hq.cli("conflicts", "--all").stdout
    assert "kept device by" in _line(out, first) and _line(out, second).endswith("open")
    assert [ln for ln in shared_hq.cli("conflicts").stdout.splitlines()
            if ln.split()[:1] == [str(first)]] == []
    # The other conflict now compares the device's copy with HQ's new version 3.
    shown = shared_hq.cli("conflicts", "show", str(second), "--as",
                          shared_hq.staff_member("legal")).stdout
    assert "HQ (v3):" in shown and "Room 4" in shown and "Room 5" in shown
    assert "HQ had v2, HQ now has v3" in shown


def test_settling_cannot_move_a_conference_backwards(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, laptop = shared_hq.device(worker)
    _, tablet = shared_hq.device(worker)
    conf = conference(case_id)
    laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, conf)])
    moved = dataclasses.replace(conf, state=ConferenceState.CHECKING_IN, version=2)
    laptop.push(str(uuid.uuid4()), [OutboxItem.of(2, moved, base_version=1)])
    stale = dataclasses.replace(conf, location="Room 4", version=2)  # still "scheduled"
    tablet.push(str(uuid.uuid4()), [OutboxItem.of(1, stale, base_version=1)])
    (conflict_id,) = _conflict_ids(shared_hq, conf.id)
    refused = shared_hq.cli("conflicts", "resolve", str(conflict_id), "--keep", "device",
                            check=False)
    assert refused.returncode == 1 and "cannot become scheduled" in refused.stderr
    assert _line(shared_hq.cli("conflicts").stdout, conflict_id).endswith("open")


def test_an_hq_database_from_before_resolutions_gains_their_table(make_hq: Any) -> None:
    hq = make_hq()
    with hq.db.write() as conn:
        conn.exec_driver_sql("DROP TABLE conflict_resolutions")
    result = hq.cli("conflicts", "--all")
    assert result.stdout.strip() == "No conflicts."
    with hq.db.read() as conn:
        assert conn.execute(select(schema.conflict_resolutions)).all() == []
        assert conn.execute(select(schema.meta.c.value).where(
            schema.meta.c.key == "schema_version")).scalar_one() == str(schema.SCHEMA_VERSION)


def test_show_needs_an_administrator_or_legal_reader_and_records_the_read_first(
        shared_hq: HQ) -> None:
    clash = _note_clash(shared_hq)
    subject = str(clash.conflict_id)
    unnamed = shared_hq.cli("conflicts", "show", subject, check=False)
    assert unnamed.returncode == 2 and "--as" in unnamed.stderr
    supervisor = shared_hq.staff_member("supervisor")
    for reader in (supervisor, "not.on.staff"):
        refused = shared_hq.cli("conflicts", "show", subject, "--as", reader, check=False)
        assert refused.returncode == 1 and "may not do this" in refused.stderr
        assert clash.hq_note.body not in refused.stdout + refused.stderr
    assert admin_audit.list_events(shared_hq.db, subject=subject) == []

    reader = shared_hq.staff_member("legal")
    assert clash.device_note.body in shared_hq.cli("conflicts", "show", subject, "--as",
                                                   reader).stdout
    (event,) = admin_audit.list_events(shared_hq.db, subject=subject)
    assert (event.actor, event.action, event.subject_type) == (reader, "read", "conflict")
    assert clash.device_note.body not in event.detail
    assert admin_audit.verify(shared_hq.db).ok
