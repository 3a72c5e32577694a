"""A hostile enrolled device against note revisions at HQ, with raw requests: markers whose
type is not text, a delta that grows a note past what a note may hold. Each is refused and
changes nothing. SQLite and PostgreSQL, real HQ over mutual TLS."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hq_harness import device_http
from test_hostile_input import push_body, recording, snapshot
from test_revisions_at_hq import (
    laptop,
    laptop_with_note,
    note_with_first_revision,
    seated_note,
    stored_revisions,
)

from safeconf.domain import codec, revisions
from safeconf.domain.limits import MAX_NOTE_CHARS
from safeconf.domain.records import NoteRevision
from safeconf.hq import schema
from safeconf.sync.engine import SyncEngine

__all__ = ["seated_note"]  # the fixture, shared with the revision tests beside this one


@pytest.mark.parametrize("kind", [[], {}, ["note"], 7, None])
def test_a_superseded_marker_whose_type_is_not_text_is_a_clear_400(seated_note, kind) -> None:
    hq, _enrolled, http, _note, _first, _prev = seated_note
    before = snapshot(hq)
    answer = http.post("/v1/push", json=push_body([
        {"seq": 3, "type": kind, "superseded": True}]))
    assert answer.status_code == 400 and answer.json()["error"] == "unknown_type"
    assert snapshot(hq) == before


def test_a_delta_growing_a_note_past_its_limit_is_kept_for_review_not_stored(
    seated_note,
) -> None:
    hq, enrolled, http, note, first, prev = seated_note
    grown = first.body + "z" * MAX_NOTE_CHARS
    forged = NoteRevision(case_id=note.case_id, note_id=note.id, revision=2,
                          base_id=first.id, delta=revisions.make_delta(first.body, grown),
                          sha256=revisions.text_sha256(grown))
    item = {"seq": 3, "type": "note_revision", "data": codec.to_dict(forged),
            "base_version": None}
    answer = http.post("/v1/push", json=push_body(
        [item], audit=recording(item, enrolled, seq=2, prev=prev)))
    assert answer.status_code == 200
    [conflict] = answer.json()["conflicts"]
    assert conflict["reason"] == "broken_revision"
    assert [r.id for r in stored_revisions(hq, note.id)] == [first.id]


def _delta_item(seq: int, revision: NoteRevision) -> dict[str, object]:
    return {"seq": seq, "type": "note_revision", "data": codec.to_dict(revision),
            "base_version": None}


def test_two_deltas_built_on_each_other_are_kept_for_review_and_neither_is_stored(
    seated_note,
) -> None:
    hq, enrolled, http, note, first, prev = seated_note
    x_id, y_id = "6f1c2d3e-0000-4000-8000-00000000000a", "6f1c2d3e-0000-4000-8000-00000000000b"
    x = NoteRevision(id=x_id, case_id=note.case_id, note_id=note.id, revision=2,
                     base_id=y_id, delta='[3]', sha256=revisions.text_sha256("one"))
    y = NoteRevision(id=y_id, case_id=note.case_id, note_id=note.id, revision=3,
                     base_id=x_id, delta='[3]', sha256=revisions.text_sha256("one"))
    items = [_delta_item(3, x), _delta_item(4, y)]
    audit = recording(items[0], enrolled, seq=2, prev=prev)  # x audited as its own write,
    audit += recording({"type": "note", "data": codec.to_dict(note)}, enrolled, seq=3,
                       prev=audit[-1]["hash"], action="update")  # y as a save of its note
    answer = http.post("/v1/push", json=push_body(items, audit=audit))
    assert answer.status_code == 200
    assert len(answer.json()["conflicts"]) == 2
    assert [r.id for r in stored_revisions(hq, note.id)] == [first.id]


def test_revisions_no_audited_save_recorded_are_refused(seated_note) -> None:
    hq, _enrolled, http, note, first, _prev = seated_note
    text, base, items = first.body, first, []
    for n in range(2, 5):  # three saves, and not one audit event for them
        new = f"{text} {n}"
        rev = NoteRevision(case_id=note.case_id, note_id=note.id, revision=n,
                           base_id=base.id, delta=revisions.make_delta(text, new),
                           sha256=revisions.text_sha256(new))
        items.append(_delta_item(n + 1, rev))
        text, base = new, rev
    before = snapshot(hq)
    answer = http.post("/v1/push", json=push_body(items))
    assert answer.status_code == 400 and answer.json()["error"] == "missing_audit"
    assert items[0]["data"]["id"] in answer.json()["message"]  # the note's one save is used
    assert snapshot(hq) == before


def test_each_save_of_a_note_keeps_one_revision_and_a_second_one_on_it_is_refused(
    seated_note,
) -> None:
    """One audited save, two revisions built on it: the first uses the save, the second
    finds none left; in a later push too, the save stays used."""
    hq, enrolled, http, note, first, prev = seated_note
    second = NoteRevision(case_id=note.case_id, note_id=note.id, revision=2, base_id=first.id,
                          delta=revisions.make_delta("one", "one two"),
                          sha256=revisions.text_sha256("one two"))
    third = NoteRevision(case_id=note.case_id, note_id=note.id, revision=3, base_id=second.id,
                         delta=revisions.make_delta("one two", "one two three"),
                         sha256=revisions.text_sha256("one two three"))
    save = recording({"type": "note", "data": codec.to_dict(note)}, enrolled, seq=2,
                     prev=prev, action="update")
    before = snapshot(hq)
    both = http.post("/v1/push", json=push_body([_delta_item(3, second), _delta_item(4, third)],
                                                 audit=save))
    assert both.status_code == 400 and both.json()["error"] == "missing_audit"
    assert third.id in both.json()["message"]
    assert snapshot(hq) == before

    one = http.post("/v1/push", json=push_body([_delta_item(3, second)], audit=save))
    assert one.status_code == 200 and one.json()["conflicts"] == []
    again = http.post("/v1/push", json=push_body([_delta_item(4, third)]))
    assert again.status_code == 400 and again.json()["error"] == "missing_audit"
    assert [r.id for r in stored_revisions(hq, note.id)] == [first.id, second.id]


def test_two_laptops_saving_one_note_offline_keep_both_histories_and_rebuild_every_text(
    shared_hq, keyring_store, fast_kdf, tmp_path,
) -> None:
    worker, first, note = laptop_with_note(shared_hq, tmp_path / "first", keyring_store,
                                           fast_kdf)
    note = first.notes.save_body(note, "one", author=worker)
    SyncEngine(first, keyring_store).run()
    second = laptop(shared_hq, worker, tmp_path / "second", keyring_store, fast_kdf)
    SyncEngine(second, keyring_store).run()

    # Both offline, each saves revision 2 on the revision 1 they share.
    first.notes.save_body(first.notes.get(note.id), "one from the first", author=worker)
    second.notes.save_body(second.notes.get(note.id), "one from the second", author=worker)
    SyncEngine(first, keyring_store).run()
    SyncEngine(second, keyring_store).run()
    # (The push and the pull each open one for the note: a conflict-review matter.)
    conflict = next(c for c in second.sync.conflicts() if c["record_id"] == note.id)
    second.sync.resolve_conflict(conflict["id"], "hq")  # HQ's text: the first laptop's
    kept = second.notes.get(note.id)
    assert kept.body == "one from the first"
    second.notes.save_body(kept, "one from the first, then the second", author=worker)
    SyncEngine(second, keyring_store).run()
    SyncEngine(first, keyring_store).run()

    every = {"one", "one from the first", "one from the second",
             "one from the first, then the second"}
    third = laptop(shared_hq, worker, tmp_path / "third", keyring_store, fast_kdf)
    SyncEngine(third, keyring_store).run()
    for vault in (first, second, third):
        assert {r.body for r in vault.notes.revisions(note.id)} == every
        assert vault.notes.get(note.id).body == "one from the first, then the second"
        assert all(r.ok for r in vault.check())
        assert vault.sync.pending_count() == 0
    at_hq = stored_revisions(shared_hq, note.id)
    assert sorted(r.revision for r in at_hq) == [1, 2, 2, 3]
    for vault in (first, second, third):
        vault.close()


def test_an_hq_from_before_claims_pairs_its_stored_revisions_with_their_saves(make_hq) -> None:
    """The table is made, and filled, when a newer HQ first opens the database: a save a
    stored revision used cannot be used again by a forged one."""
    hq = make_hq()
    hq.serve()
    enrolled, note, first, _prev = note_with_first_revision(hq)
    hq.server.stop()
    with hq.db.write() as conn:  # as an HQ made before the table left its database
        conn.exec_driver_sql("DROP TABLE revision_claims")
    hq.serve()
    assert hq.count(schema.revision_claims) == 1
    forged = NoteRevision(case_id=note.case_id, note_id=note.id, revision=2, base_id=first.id,
                          delta=revisions.make_delta("one", "one more"),
                          sha256=revisions.text_sha256("one more"))
    with device_http(replace(enrolled, sync_url=hq.sync_url)) as http:  # the new port
        answer = http.post("/v1/push", json=push_body([_delta_item(3, forged)]))
    assert answer.status_code == 400 and answer.json()["error"] == "missing_audit"
    assert [r.id for r in stored_revisions(hq, note.id)] == [first.id]


def test_a_revision_on_a_chain_longer_than_any_laptop_writes_is_broken_not_missing_its_parent(
    seated_note,
) -> None:
    """HQ holds the base, so the parent is there: what fails is rebuilding it. The device is
    told so (broken_revision), not to send a parent it already sent (no_parent)."""
    import hashlib
    import json

    from safeconf.hq import clock
    from safeconf.hq.sync.record_view import _MAX_CHAIN

    hq, enrolled, http, note, first, prev = seated_note
    text, base, rows = first.body, first, []
    for number in range(2, _MAX_CHAIN + 3):  # one delta more than a chain may hold
        grown = f"{text} {number}"
        base = NoteRevision(case_id=note.case_id, note_id=note.id, revision=number,
                            base_id=base.id, delta=revisions.make_delta(text, grown),
                            sha256=revisions.text_sha256(grown))
        text = grown
        data = json.dumps(codec.to_dict(base), sort_keys=True)
        rows.append({"id": base.id, "type": "note_revision", "case_id": note.case_id,
                     "version": 1, "data": data,
                     "content_hash": hashlib.sha256(data.encode()).hexdigest(),
                     "stored_by": "hq", "stored_at": clock.iso(clock.now())})
    with hq.db.write() as conn:  # as if stored before: no device could push them unaudited
        conn.execute(schema.records.insert(), rows)
    on_top = NoteRevision(case_id=note.case_id, note_id=note.id, revision=_MAX_CHAIN + 3,
                          base_id=base.id, delta=revisions.make_delta(text, text + "!"),
                          sha256=revisions.text_sha256(text + "!"))
    item = _delta_item(3, on_top)
    answer = http.post("/v1/push", json=push_body(
        [item], audit=recording(item, enrolled, seq=2, prev=prev)))
    assert answer.status_code == 200
    [conflict] = answer.json()["conflicts"]
    assert conflict["reason"] == "broken_revision"
    assert on_top.id not in {r.id for r in stored_revisions(hq, note.id)}
