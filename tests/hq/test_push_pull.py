"""Push and pull through a real HQ over mutual TLS: sequencing, idempotency, conflicts,
need-to-know and purging."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from hq_harness import HQ, new_worker
from sqlalchemy import select

from safeconf.domain.records import (
    Conference,
    ConferenceState,
    Note,
    NoteRevision,
    NoteSection,
)
from safeconf.hq import schema
from safeconf.sync import HQClient, OutboxItem, PullPage, SyncConflict
from tests.support import disclosures
from tests.support.rooms import seated


def conference(case_id: str) -> Conference:
    return Conference(case_id=case_id, scheduled_start="2026-03-01T10:00:00+00:00")


def note(case_id: str, conference_id: str, body: str = "Safety plan agreed.") -> Note:
    return Note(case_id=case_id, conference_id=conference_id, section=NoteSection.SAFETY_PLAN,
                body=body, author="w")


def push_first_revision(client: HQClient, case_id: str, body: str) -> NoteRevision:
    """Push a conference, someone checked in with their acknowledgment, a note and the
    note's first revision, as a laptop writes them (seqs 1-5), so HQ's rules accept the
    revision; return the revision."""
    conf = conference(case_id)
    person, ack = seated(conf)
    written = note(case_id, conf.id, body)
    revision = NoteRevision(case_id=case_id, note_id=written.id, revision=1, body=body)
    result = client.push(str(uuid.uuid4()), [
        OutboxItem.of(1, conf), OutboxItem.of(2, person), OutboxItem.of(3, ack),
        OutboxItem.of(4, written), OutboxItem.of(5, revision)])
    assert result.conflicts == ()
    return revision


def pull_all(client: HQClient, cursor: int = 0, limit: int = 500) -> tuple[list, PullPage]:
    items = []
    while True:
        page = client.pull(cursor, limit)
        items.extend(page.items)
        cursor = page.cursor
        if not page.more:
            return items, page


def records_of_case(hq: HQ, case_id: str) -> list[tuple[str, str]]:
    with hq.db.read() as conn:
        rows = conn.execute(select(schema.records.c.id, schema.records.c.type)
                            .where(schema.records.c.case_id == case_id)).all()
    return sorted((r.id, r.type) for r in rows)


def test_second_device_of_the_same_worker_pulls_what_the_first_pushed(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, laptop = shared_hq.device(worker)
    _, tablet = shared_hq.device(worker)
    conf = conference(case_id)
    shared_hq.seat(worker, conf)
    body = "Grandmother will supervise visits — acordado."
    n = note(case_id, conf.id, body)
    result = laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, conf), OutboxItem.of(2, n)])
    assert result.acked_seq == 2 and result.conflicts == ()

    items, last = pull_all(tablet)
    by_id = {i.record.id: i.record for i in items}
    assert by_id[case_id].assigned_workers == (worker,)
    assert by_id[n.id] == n and by_id[n.id].body == body
    assert by_id[conf.id] == conf
    assert [i.cursor for i in items] == sorted(i.cursor for i in items)
    # Nothing new: the next pull from the returned cursor is empty.
    assert tablet.pull(last.cursor).items == ()


def test_a_device_of_another_worker_never_sees_the_records(shared_hq: HQ) -> None:
    alice, bob = new_worker(), new_worker()
    case_id = shared_hq.add_case(alice)
    _, alice_laptop = shared_hq.device(alice)
    _, bob_laptop = shared_hq.device(bob)
    conf = conference(case_id)
    shared_hq.seat(alice, conf)
    alice_laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, conf)])
    items, _ = pull_all(bob_laptop)
    assert case_id not in {i.record.case_id for i in items}
    # Bob cannot write into Alice's case either: kept for review, not shared.
    result = bob_laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, note(case_id, conf.id))])
    assert result.acked_seq == 1
    assert [c.reason for c in result.conflicts] == ["not_assigned"]
    assert result.conflicts[0].hq_data is None
    # The conference, its note, and who was checked in with their acknowledgment.
    assert (shared_hq.count(schema.records, schema.records.c.case_id == case_id)) == 4


def test_a_retried_batch_is_answered_again_without_duplicates(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, laptop = shared_hq.device(worker)
    conf = conference(case_id)
    shared_hq.seat(worker, conf)
    items = [OutboxItem.of(1, conf), OutboxItem.of(2, note(case_id, conf.id))]
    batch = str(uuid.uuid4())
    first = laptop.push(batch, items)
    again = laptop.push(batch, items)
    assert again == first
    # A new batch id that repeats already-acknowledged seqs is skipped, not duplicated.
    third = laptop.push(str(uuid.uuid4()), items)
    assert third.acked_seq == 2 and third.conflicts == ()
    assert len(records_of_case(shared_hq, case_id)) == 5  # case, conference, note, the seated
    with shared_hq.db.read() as conn:
        changes = conn.execute(select(schema.changes.c.record_id)
                               .where(schema.changes.c.case_id == case_id)).scalars().all()
    assert len(changes) == len(set(changes)) == 5


def test_a_batch_id_reused_for_other_data_is_refused(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, laptop = shared_hq.device(worker)
    batch = str(uuid.uuid4())
    laptop.push(batch, [OutboxItem.of(1, conference(case_id))])
    from safeconf.sync import RequestRejected

    with pytest.raises(RequestRejected) as refused:
        laptop.push(batch, [OutboxItem.of(1, conference(case_id))])
    assert refused.value.code == "batch_reused"


def test_a_gap_in_the_outbox_sequence_is_refused_and_nothing_is_stored(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, laptop = shared_hq.device(worker)
    conf = conference(case_id)
    shared_hq.seat(worker, conf)
    laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, conf)])
    lost = note(case_id, conf.id)
    with pytest.raises(SyncConflict) as gap:
        laptop.push(str(uuid.uuid4()), [OutboxItem.of(3, lost)])
    assert gap.value.code == "gap" and gap.value.acked_seq == 1
    assert "send from 2" in str(gap.value)
    assert shared_hq.count(schema.records, schema.records.c.id == lost.id) == 0
    # Resending from acked_seq + 1 works.
    result = laptop.push(str(uuid.uuid4()), [OutboxItem.of(2, note(case_id, conf.id)),
                                             OutboxItem.of(3, lost)])
    assert result.acked_seq == 3


def test_the_same_id_with_different_content_is_a_conflict_and_the_original_stays(
        shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, laptop = shared_hq.device(worker)
    _, tablet = shared_hq.device(worker)
    revision = push_first_revision(laptop, case_id, "first words")
    forged = dataclasses.replace(revision, body="other words")
    result = tablet.push(str(uuid.uuid4()), [OutboxItem.of(1, forged)])
    assert result.acked_seq == 1
    (conflict,) = result.conflicts
    assert conflict.reason == "different_content" and conflict.id == revision.id
    assert conflict.hq_data is not None and conflict.hq_data["body"] == "first words"
    items, _ = pull_all(laptop)
    assert {i.record.id: i.record for i in items}[revision.id] == revision
    with shared_hq.db.read() as conn:
        kept = conn.execute(select(schema.conflicts.c.incoming_data, schema.conflicts.c.reason)
                            .where(schema.conflicts.c.record_id == revision.id)).one()
    assert "other words" in kept.incoming_data and kept.reason == "different_content"


def test_a_mutable_record_from_an_old_base_version_keeps_both_copies(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, laptop = shared_hq.device(worker)
    _, tablet = shared_hq.device(worker)
    conf = conference(case_id)
    laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, conf)])
    checking_in = dataclasses.replace(conf, state=ConferenceState.CHECKING_IN, version=2)
    ok = laptop.push(str(uuid.uuid4()), [OutboxItem.of(2, checking_in, base_version=1)])
    assert ok.conflicts == ()
    # The tablet still thinks version 1 is current.
    stale = dataclasses.replace(conf, location="Room 4", version=2)
    result = tablet.push(str(uuid.uuid4()), [OutboxItem.of(1, stale, base_version=1)])
    (conflict,) = result.conflicts
    assert conflict.reason == "version_mismatch"
    assert conflict.hq_version == 2 and conflict.hq_data["state"] == "checking_in"
    items, _ = pull_all(tablet)
    assert {i.record.id: i.record for i in items}[conf.id] == checking_in
    assert shared_hq.count(schema.conflicts, schema.conflicts.c.record_id == conf.id,
                           schema.conflicts.c.needs_review.is_(True)) == 1
    # A device that saw version 2 moves it on.
    concluded = dataclasses.replace(checking_in, state=ConferenceState.IN_SESSION, version=3)
    assert tablet.push(str(uuid.uuid4()),
                       [OutboxItem.of(2, concluded, base_version=2)]).conflicts == ()


def test_hq_owned_case_fields_cannot_be_changed_by_a_device(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, laptop = shared_hq.device(worker)
    items, _ = pull_all(laptop)
    case = next(i.record for i in items if i.record.id == case_id)
    grab = dataclasses.replace(case, assigned_workers=(worker, "intruder"),
                               version=case.version + 1)
    result = laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, grab, base_version=case.version)])
    assert [c.reason for c in result.conflicts] == ["hq_owned"]
    with shared_hq.db.read() as conn:
        workers = conn.execute(select(schema.assignments.c.worker_id)
                               .where(schema.assignments.c.case_id == case_id)).scalars().all()
    assert workers == [worker]


def test_unassigning_and_sealing_are_purged_at_the_next_pull(shared_hq: HQ) -> None:
    worker = new_worker()
    kept, moved, sealed = (shared_hq.add_case(worker) for _ in range(3))
    _, laptop = shared_hq.device(worker)
    conf = conference(sealed)
    laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, conf)])
    items, page = pull_all(laptop)
    assert {kept, moved, sealed} <= {i.record.case_id for i in items}
    assert page.purge == ()
    shared_hq.cli("cases", "unassign", shared_hq.case_number(moved), worker)
    shared_hq.cli("cases", "seal", shared_hq.case_number(sealed))
    items, page = pull_all(laptop, page.cursor)
    assert set(page.purge) == {moved, sealed}
    assert {i.record.case_id for i in items} <= {kept}
    # Writing into a sealed case is kept for review, never shared.
    result = laptop.push(str(uuid.uuid4()), [OutboxItem.of(2, note(sealed, conf.id))])
    assert [c.reason for c in result.conflicts] == ["sealed"]
    # Unsealing sends the case's records again, even to a device past their cursor.
    shared_hq.cli("cases", "unseal", shared_hq.case_number(sealed))
    items, page = pull_all(laptop, page.cursor)
    assert conf.id in {i.record.id for i in items}
    assert set(page.purge) == {moved}


def test_a_newly_assigned_case_reaches_a_device_whose_cursor_is_past_it(shared_hq: HQ) -> None:
    worker, other = new_worker(), new_worker()
    case_id = shared_hq.add_case(other)
    _, other_laptop = shared_hq.device(other)
    conf = conference(case_id)
    other_laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, conf)])
    _, laptop = shared_hq.device(worker)
    _, page = pull_all(laptop)
    shared_hq.cli("cases", "assign", shared_hq.case_number(case_id), worker)
    items, _ = pull_all(laptop, page.cursor)
    assert {case_id, conf.id} <= {i.record.id for i in items}


def test_pull_pages_follow_the_cursor_without_loss(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, laptop = shared_hq.device(worker)
    records = [disclosures.disclosure(case_id, disclosed_by=worker) for _ in range(25)]
    laptop.push(str(uuid.uuid4()), [OutboxItem.of(i + 1, r) for i, r in enumerate(records)])
    pages = 0
    cursor = 0
    seen: list[str] = []
    while True:
        page = laptop.pull(cursor, limit=7)
        pages += 1
        seen.extend(i.record.id for i in page.items)
        cursor = page.cursor
        if not page.more:
            break
    assert pages >= 4
    assert set(seen) == {r.id for r in records} | {case_id}
    assert len(seen) == len(set(seen))


def test_a_cursor_hq_never_issued_asks_for_a_resync(shared_hq: HQ) -> None:
    worker = new_worker()
    _, laptop = shared_hq.device(worker)
    page = laptop.pull(10**12)
    assert page.resync is True and page.items == () and page.cursor == 0
