"""The conference rules hold where records land, not only where they are typed: two real
laptops and a real HQ over mutual TLS (SQLite and PostgreSQL), and an enrolled device that
pushes by hand what the app would never write."""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from hq_harness import HQ, device_http, new_worker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from safeconf.domain import codec
from safeconf.domain.errors import DomainError
from safeconf.domain.records import (
    AckMethod,
    Acknowledgment,
    Attendee,
    ConferenceState,
    Language,
    Note,
    NoteSection,
    Presence,
    Role,
)
from safeconf.domain.statements import current_statements
from safeconf.hq import clock, schema
from safeconf.hq.sync.changelog import put_hq_record
from safeconf.sync import Enrollment, HQClient, OutboxItem
from safeconf.vault import revision_rows
from safeconf.vault.errors import VaultError
from tests.hq.test_push_pull import conference, pull_all
from tests.support.laptops import Laptop

S = ConferenceState
DECIDED = "The children stay with their grandmother until the review."


def _held_room(laptop: Laptop, case_id: str) -> str:
    """A conference with one present, acknowledged attendee and a decision recorded."""
    service = laptop.service
    conf = service.create_conference(case_id, datetime.now(UTC))
    mother = service.add_attendee(conf.id, "Dana Alder", Role.PARENT)
    service.set_presence(mother.id, Presence.PRESENT)
    service.acknowledge(mother.id, AckMethod.TYPED_NAME, service.statement_for(mother),
                        typed_name="Dana Alder")
    service.save_note(conf.id, NoteSection.DECISIONS, DECIDED)
    return conf.id


def _hq_copy(hq: HQ, record_id: str) -> dict[str, object]:
    with hq.db.read() as conn:
        return json.loads(conn.execute(select(schema.records.c.data)
                                       .where(schema.records.c.id == record_id)).scalar_one())


def _conflict_reasons(hq: HQ, record_id: str) -> list[str]:
    with hq.db.read() as conn:
        return list(conn.execute(select(schema.conflicts.c.reason)
                                 .where(schema.conflicts.c.record_id == record_id)).scalars())


def _two_laptops_in_a_room(hq: HQ, laptops: Callable[[str], Laptop]) -> tuple[Laptop, Laptop, str]:
    """Two laptops of one worker, both synced after the first recorded a room."""
    worker = new_worker()
    case_id = hq.add_case(worker)
    one, two = laptops(worker), laptops(worker)
    one.sync()
    conf_id = _held_room(one, case_id)
    one.sync()
    two.sync()
    return one, two, conf_id


def test_a_laptop_offline_since_before_finalizing_cannot_change_the_finalized_decision(
    shared_hq: HQ, laptops: Callable[[str], Laptop]
) -> None:
    one, two, conf_id = _two_laptops_in_a_room(shared_hq, laptops)
    one.service.finalize(conf_id)
    one.sync()

    # TWO has not heard of the finalizing, so its own service lets the edit through.
    two.service.save_note(conf_id, NoteSection.DECISIONS, "The children go home on Friday.")
    report = two.sync()

    note_id = one.service.notes(conf_id)[NoteSection.DECISIONS].id
    assert report.push_conflicts == 2  # the note and its new revision, both refused
    assert _hq_copy(shared_hq, note_id)["body"] == DECIDED
    assert "finalized" in _conflict_reasons(shared_hq, note_id)
    # TWO shows the finalized record again; its edit is kept beside it, not lost.
    assert two.service.conference(conf_id).state is S.FINALIZED
    assert two.service.notes(conf_id)[NoteSection.DECISIONS].body == DECIDED
    [kept] = [c for c in two.vault.sync.conflicts(include_reviewed=True)
              if c["record_id"] == note_id]
    shown = two.vault.sync.conflict(kept["id"])
    assert shown["local"].body == "The children go home on Friday."
    assert shown["remote"].body == DECIDED

    one.sync()
    assert one.service.conference(conf_id).state is S.FINALIZED
    assert one.service.notes(conf_id)[NoteSection.DECISIONS].body == DECIDED
    assert one.vault.sync.conflicts() == []
    # Both keep syncing normally afterwards.
    assert two.sync().push_conflicts == 0 and one.sync().push_conflicts == 0
    assert two.vault.sync.pending_count() == 0


def test_a_finalize_made_without_another_laptops_latest_edit_is_refused_until_reviewed(
    shared_hq: HQ, laptops: Callable[[str], Laptop]
) -> None:
    one, two, conf_id = _two_laptops_in_a_room(shared_hq, laptops)
    one.service.save_note(conf_id, NoteSection.DECISIONS, "Visits move to Saturdays.")
    one.sync()
    # TWO finalizes without having pulled ONE's last edit: it attests text it never saw.
    two.service.finalize(conf_id)
    report = two.sync()
    assert report.push_conflicts == 1
    assert "stale_view" in _conflict_reasons(shared_hq, conf_id)
    assert _hq_copy(shared_hq, conf_id)["state"] == S.CONCLUDED
    assert two.service.conference(conf_id).state is S.CONCLUDED
    assert two.service.notes(conf_id)[NoteSection.DECISIONS].body == "Visits move to Saturdays."
    # Reviewed now: finalizing again is accepted and reaches ONE.
    two.service.finalize(conf_id)
    assert two.sync().push_conflicts == 0
    one.sync()
    assert one.service.conference(conf_id).state is S.FINALIZED


@pytest.fixture
def hostile(shared_hq: HQ) -> tuple[HQ, str, HQClient, HQClient, Enrollment]:
    """A worker's case, a hostile device of that worker (pushing by hand), and an honest
    device of a co-assigned worker."""
    worker, colleague = new_worker(), new_worker()
    case_id = shared_hq.add_case(worker, colleague)
    enrolled = shared_hq.enroll(worker)
    device = shared_hq.client(enrolled)
    _, honest = shared_hq.device(colleague)
    return shared_hq, case_id, device, honest, enrolled


def _finalized_room(client: HQClient, case_id: str) -> tuple[list[object], int]:
    statement = current_statements()[Language.ENGLISH]
    conf = dataclasses.replace(conference(case_id), state=S.IN_SESSION)
    mother = Attendee(case_id=case_id, conference_id=conf.id, name="Dana Alder",
                      role=Role.PARENT, presence=Presence.PRESENT)
    ack = Acknowledgment(case_id=case_id, conference_id=conf.id, attendee_id=mother.id,
                         statement_id=statement.id, statement_version=statement.version,
                         statement_sha256=statement.sha256, language=Language.ENGLISH,
                         method=AckMethod.TYPED_NAME, typed_name="Dana Alder")
    note = Note(case_id=case_id, conference_id=conf.id, section=NoteSection.DECISIONS,
                body=DECIDED)
    final = dataclasses.replace(conf, state=S.FINALIZED, version=2)
    items = [OutboxItem.of(1, conf), OutboxItem.of(2, mother), OutboxItem.of(3, ack),
             OutboxItem.of(4, note), OutboxItem.of(5, final, base_version=1)]
    result = client.push(str(uuid.uuid4()), items)
    assert result.conflicts == ()
    return [conf, mother, ack, note, final], 6


def test_a_device_cannot_reopen_empty_or_add_to_a_finalized_conference(hostile) -> None:
    hq, case_id, device, honest, _enrolled = hostile
    (_conf, mother, _ack, note, final), seq = _finalized_room(device, case_id)
    attacks = [
        dataclasses.replace(final, state=S.IN_SESSION, version=3),
        dataclasses.replace(note, deleted=True, version=2),
        dataclasses.replace(note, body="Rewritten after the fact.", version=2),
        dataclasses.replace(mother, presence=Presence.ABSENT, version=2),
        Note(case_id=case_id, conference_id=final.id, section=NoteSection.CONCERNS,
             body="Added after the fact."),
    ]
    bases = [2, 1, 1, 1, None]
    result = device.push(str(uuid.uuid4()), [
        OutboxItem.of(seq + i, record, base_version=base)
        for i, (record, base) in enumerate(zip(attacks, bases, strict=True))])
    assert [c.reason for c in result.conflicts] == ["finalized"] * len(attacks)
    assert result.acked_seq == seq + len(attacks) - 1  # refused, not stuck: the outbox moves

    seen = {i.record.id: i.record for i in pull_all(honest)[0]}
    assert seen[final.id] == final and seen[note.id] == note and seen[mother.id] == mother
    assert attacks[-1].id not in seen
    assert hq.count(schema.conflicts, schema.conflicts.c.case_id == case_id) == len(attacks)
    # Settling at HQ is one more landing: the device's rewrite cannot be made current there.
    with hq.db.read() as conn:
        rewrite = conn.execute(select(schema.conflicts.c.conflict_id).where(
            schema.conflicts.c.record_id == note.id,
            schema.conflicts.c.incoming_data.contains("Rewritten"))).scalar_one()
    refused = hq.cli("conflicts", "resolve", str(rewrite), "--keep", "device", check=False)
    assert refused.returncode == 1 and "finalized" in refused.stderr
    assert _hq_copy(hq, note.id)["body"] == DECIDED


def test_a_note_lands_only_behind_an_open_gate_counting_the_same_batch(hostile) -> None:
    _hq, case_id, device, honest, _enrolled = hostile
    statement = current_statements()[Language.ENGLISH]
    conf = dataclasses.replace(conference(case_id), state=S.IN_SESSION)
    father = Attendee(case_id=case_id, conference_id=conf.id, name="Sam Alder",
                      role=Role.PARENT, presence=Presence.PRESENT)
    early = Note(case_id=case_id, conference_id=conf.id, section=NoteSection.CONCERNS,
                 body="Written before he acknowledged.")
    ack = Acknowledgment(case_id=case_id, conference_id=conf.id, attendee_id=father.id,
                         statement_id=statement.id, statement_version=statement.version,
                         statement_sha256=statement.sha256, language=Language.ENGLISH,
                         method=AckMethod.TYPED_NAME, typed_name="Sam Alder")
    late = Note(case_id=case_id, conference_id=conf.id, section=NoteSection.STRENGTHS,
                body="Written after he acknowledged.")
    result = device.push(str(uuid.uuid4()), [
        OutboxItem.of(1, conf), OutboxItem.of(2, father), OutboxItem.of(3, early),
        OutboxItem.of(4, ack), OutboxItem.of(5, late)])
    assert [(c.seq, c.reason) for c in result.conflicts] == [(3, "gate_closed")]
    seen = {i.record.id for i in pull_all(honest)[0]}
    assert late.id in seen and early.id not in seen


def test_hq_refuses_an_acknowledgment_that_is_not_the_attendees_own(hostile) -> None:
    _hq, case_id, device, honest, _enrolled = hostile
    statement = current_statements()[Language.ENGLISH]
    conf = dataclasses.replace(conference(case_id), state=S.CHECKING_IN,
                               facilitator="Maria Lopez")
    father = Attendee(case_id=case_id, conference_id=conf.id, name="James Okafor",
                      role=Role.PARENT, presence=Presence.PRESENT)
    signed = Acknowledgment(case_id=case_id, conference_id=conf.id, attendee_id=father.id,
                            statement_id=statement.id, statement_version=statement.version,
                            statement_sha256=statement.sha256, language=Language.ENGLISH,
                            method=AckMethod.TYPED_NAME, typed_name="Jim")
    self_witnessed = dataclasses.replace(
        signed, id=str(uuid.uuid4()), method=AckMethod.VERBAL, typed_name="",
        attested_by="m.lopez", witness="M. Lopez")
    fair = dataclasses.replace(signed, id=str(uuid.uuid4()), typed_name="J. Okafor")
    result = device.push(str(uuid.uuid4()), [
        OutboxItem.of(1, conf), OutboxItem.of(2, father), OutboxItem.of(3, signed),
        OutboxItem.of(4, self_witnessed), OutboxItem.of(5, fair)])
    assert [(c.seq, c.reason) for c in result.conflicts] == [
        (3, "not_their_acknowledgment"), (4, "not_their_acknowledgment")]
    seen = {i.record.id for i in pull_all(honest)[0]}
    assert fair.id in seen and signed.id not in seen and self_witnessed.id not in seen


def test_a_device_cannot_delete_a_shared_case(hostile) -> None:
    _hq, case_id, device, honest, _enrolled = hostile
    case = {i.record.id: i.record for i in pull_all(device)[0]}[case_id]
    gone = dataclasses.replace(case, deleted=True, version=case.version + 1)
    result = device.push(str(uuid.uuid4()), [OutboxItem.of(1, gone, base_version=case.version)])
    assert [c.reason for c in result.conflicts] == ["not_deletable"]
    seen = {i.record.id: i.record for i in pull_all(honest)[0]}
    assert not seen[case_id].deleted


@pytest.mark.parametrize("start", ["soon", "2026-03-01T10:00:00", "2026-03-01T10:00:00Z"])
def test_a_record_with_a_malformed_field_is_refused_with_the_field_named(
    hostile, start: str
) -> None:
    hq, case_id, _device, _honest, enrolled = hostile
    data = {**codec.to_dict(conference(case_id)), "scheduled_start": start}
    body = {"protocol": 1, "batch_id": str(uuid.uuid4()), "audit": [],
            "items": [{"seq": 1, "type": "conference", "data": data, "base_version": None}]}
    before = hq.count(schema.records)
    with device_http(enrolled) as http:
        answer = http.post("/v1/push", json=body)
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_record"
    assert answer.json()["field"] == "conference.scheduled_start"
    assert hq.count(schema.records) == before


# -- random offline work on two laptops ------------------------------------------------------

_OPS = st.lists(st.tuples(
    st.sampled_from(["edit", "edit", "finalize", "conclude", "reopen", "arrive", "sync",
                     "sync"]),
    st.integers(0, 1),
    st.sampled_from([NoteSection.DECISIONS, NoteSection.SAFETY_PLAN]),
), min_size=3, max_size=14)


def _conference_records(hq: HQ, conf_id: str) -> dict[str, str]:
    """HQ's copies of everything recorded in one conference (addenda aside), by id."""
    with hq.db.read() as conn:
        rows = conn.execute(select(schema.records.c.id, schema.records.c.type,
                                   schema.records.c.data)).all()
    found = {}
    notes = set()
    for row in rows:
        data = json.loads(row.data)
        if row.id == conf_id or (data.get("conference_id") == conf_id
                                 and not data.get("is_addendum")):
            found[row.id] = row.data
            if row.type == "note":
                notes.add(row.id)
    for row in rows:
        if row.type == "note_revision" and json.loads(row.data)["note_id"] in notes:
            found[row.id] = row.data
    return found


@pytest.mark.slow
@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_OPS)
def test_no_offline_edits_on_two_laptops_change_what_was_finalized(
    shared_hq: HQ, laptops: Callable[[str], Laptop], ops: list[tuple[str, int, NoteSection]]
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    pair = [laptops(worker), laptops(worker)]
    pair[0].sync()
    conf_id = _held_room(pair[0], case_id)
    pair[0].sync()
    pair[1].sync()
    finalized: dict[str, str] | None = None

    def after_sync() -> None:
        nonlocal finalized
        now = _conference_records(shared_hq, conf_id)
        if finalized is None:
            if json.loads(now[conf_id])["state"] == S.FINALIZED:
                finalized = now
            return
        assert now == finalized, "HQ's finalized record changed"

    for step, (op, who, section) in enumerate(ops):
        laptop = pair[who]
        service = laptop.service
        try:
            if op == "edit":
                service.save_note(conf_id, section, f"{section.value} as of step {step}")
            elif op == "finalize":
                service.finalize(conf_id)
            elif op == "conclude":
                service.conclude(conf_id)
            elif op == "reopen":
                service.reopen(conf_id)
            elif op == "arrive":
                late = service.add_attendee(conf_id, f"Relative {step}", Role.RELATIVE)
                service.set_presence(late.id, Presence.PRESENT)
                if step % 2:
                    service.acknowledge(late.id, AckMethod.TYPED_NAME,
                                        service.statement_for(late),
                                        typed_name=f"Relative {step}")
            else:
                laptop.sync()
                after_sync()
        except (DomainError, VaultError):
            pass  # the laptop's own rules refused it, as a facilitator would be told
    for laptop in (*pair, *pair):
        laptop.sync()
        after_sync()
    if finalized is None:
        return
    for laptop in pair:
        local = laptop.vault
        for record_id, data in finalized.items():
            held = local.store.rows(  # a note revision is kept in a table of its own
                "SELECT data FROM records WHERE id = ? UNION ALL"
                " SELECT data FROM note_revision_records WHERE id = ?",
                (record_id, revision_rows.key(record_id)))
            assert held and json.loads(held[0][0]) == json.loads(data)


def test_a_record_hq_stored_before_validation_is_quarantined_on_the_laptop_not_fatal(
    shared_hq: HQ, laptops: Callable[[str], Laptop]
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    laptop = laptops(worker)
    # What an older HQ let in: a conference "soon", stored as it came.
    legacy = dataclasses.replace(conference(case_id), scheduled_start="soon")
    good = conference(case_id)
    with shared_hq.db.write() as conn:
        put_hq_record(conn, legacy, clock.iso(clock.now()))
        put_hq_record(conn, good, clock.iso(clock.now()))
    report = laptop.sync()
    assert laptop.vault.conferences.get(good.id) == good
    [kept] = laptop.vault.sync.quarantined()
    assert kept["record_id"] == legacy.id and "scheduled_start" in kept["problem"]
    assert laptop.service.conference_rows()  # the list still builds
    assert report.pulled >= 3 and laptop.sync().pulled == 0  # the cursor moved past it
