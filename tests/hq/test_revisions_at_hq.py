"""Note revisions reach HQ as deltas: a note saved many times offline goes once with its
latest text, every revision goes as the delta it is, HQ checks each one rebuilds, and a
second laptop rebuilds every text. Real vaults, real HQ over mutual TLS, SQLite and
PostgreSQL; hostile pushes as raw requests."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hq_harness import HQ, device_http, new_worker
from sqlalchemy import func, select
from test_hostile_input import push_body, recording, snapshot
from test_push_pull import conference

from safeconf.domain import codec, revisions
from safeconf.domain.records import Note, NoteRevision, NoteSection
from safeconf.hq import schema
from safeconf.sync.engine import SyncEngine, enroll_vault
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE


def laptop(hq: HQ, worker: str, folder: Path, keyring_store, fast_kdf) -> Vault:
    vault = Vault.create(folder, PASSPHRASE, keyring_store, kdf=fast_kdf, user=worker)
    enroll_vault(vault, hq.code(worker).uri)
    return vault


def laptop_with_note(hq: HQ, folder: Path, keyring_store, fast_kdf) -> tuple[str, Vault, Note]:
    """A new worker's laptop, enrolled and synced, with an empty note at a conference HQ
    seated: (worker, vault, note)."""
    worker = new_worker()
    case_id = hq.add_case(worker)
    conf = conference(case_id)
    hq.seat(worker, conf)
    vault = laptop(hq, worker, folder, keyring_store, fast_kdf)
    SyncEngine(vault, keyring_store).run()
    note = vault.notes.add(Note(case_id=case_id, conference_id=conf.id,
                                section=NoteSection.GENERAL))
    return worker, vault, note


def stored_revisions(hq: HQ, note_id: str) -> list[NoteRevision]:
    r = schema.records
    with hq.db.read() as conn:
        rows = conn.execute(select(r.c.data).where(r.c.type == "note_revision")).scalars()
        found = [codec.from_dict(NoteRevision, json.loads(d)) for d in rows]
    return sorted((x for x in found if x.note_id == note_id), key=lambda x: x.revision)


def test_a_note_typed_offline_reaches_hq_once_with_every_revision_as_a_delta(
    shared_hq: HQ, keyring_store, fast_kdf, tmp_path: Path,
) -> None:
    worker, first, note = laptop_with_note(shared_hq, tmp_path / "first", keyring_store,
                                           fast_kdf)
    texts, body = [], ""
    for n in range(40):
        body = f"{body} Sentence {n}: the aunt keeps the children on school nights.".strip()
        note = first.notes.save_body(note, body, author=worker)
        texts.append(body)
    pending = first.sync.pending(1000)
    assert sum(p.superseded for p in pending) == 39
    report = SyncEngine(first, keyring_store).run()
    assert report.push_conflicts == 0 and first.sync.pending_count() == 0

    at_hq = stored_revisions(shared_hq, note.id)
    assert [r.revision for r in at_hq] == list(range(1, 41))
    assert [r.is_copy for r in at_hq] == [True] + [False] * 39  # HQ stores the deltas
    with shared_hq.db.read() as conn:
        r = schema.records
        stored_note = json.loads(conn.execute(select(r.c.data)
                                              .where(r.c.id == note.id)).scalar_one())
    assert (stored_note["body"], stored_note["version"]) == (texts[-1], 41)

    second = laptop(shared_hq, worker, tmp_path / "second", keyring_store, fast_kdf)
    SyncEngine(second, keyring_store).run()
    assert [r.body for r in second.notes.revisions(note.id)] == texts
    assert second.notes.get(note.id).body == texts[-1]
    assert all(r.ok for r in second.check())
    first.close()
    second.close()


def test_checkpoints_of_a_note_edited_in_place_reach_hq_as_deltas_on_the_last_one(
    shared_hq: HQ, keyring_store, fast_kdf, tmp_path: Path, monkeypatch,
) -> None:
    monkeypatch.setattr(revisions, "SNAPSHOT_EVERY", 10)  # the laptop's; HQ takes any base
    worker, first, note = laptop_with_note(shared_hq, tmp_path / "first", keyring_store,
                                           fast_kdf)
    words = [f"word{n}" for n in range(300)]
    texts = []
    for n in range(25):
        words[(n * 37) % len(words)] = f"changed{n}"
        note = first.notes.save_body(note, " ".join(words), author=worker)
        texts.append(note.body)
    report = SyncEngine(first, keyring_store).run()
    assert report.push_conflicts == 0 and first.sync.pending_count() == 0

    at_hq = {r.revision: r for r in stored_revisions(shared_hq, note.id)}
    assert sorted(at_hq) == list(range(1, 26))
    assert (at_hq[11].base_id, at_hq[21].base_id) == (at_hq[1].id, at_hq[11].id)
    assert [n for n, r in at_hq.items() if r.is_copy] == [1]
    second = laptop(shared_hq, worker, tmp_path / "second", keyring_store, fast_kdf)
    SyncEngine(second, keyring_store).run()
    assert [r.body for r in second.notes.revisions(note.id)] == texts
    assert all(r.ok for r in second.check())
    first.close()
    second.close()


@pytest.fixture
def seated_note(shared_hq: HQ):
    """A raw device of a worker whose case has a seated conference, a note and its first
    revision at HQ: (hq, enrollment, http client, note, first revision, last audit hash)."""
    enrolled, note, first, prev = note_with_first_revision(shared_hq)
    with device_http(enrolled) as http:
        yield shared_hq, enrolled, http, note, first, prev


def note_with_first_revision(hq: HQ) -> tuple[Any, Note, NoteRevision, str]:
    """A raw device of a new worker seated at a conference pushes a note written "one" and
    its first revision, audited as one write: (enrollment, note, revision, last audit hash)."""
    worker = new_worker()
    case_id = hq.add_case(worker)
    conf = conference(case_id)
    hq.seat(worker, conf)
    enrolled = hq.enroll(worker)
    note = Note(case_id=case_id, conference_id=conf.id, section=NoteSection.GENERAL,
                body="one")
    first = NoteRevision(case_id=case_id, note_id=note.id, revision=1, body="one",
                         sha256=revisions.text_sha256("one"))
    items = [{"seq": 1, "type": "note", "data": codec.to_dict(note), "base_version": None},
             {"seq": 2, "type": "note_revision", "data": codec.to_dict(first),
              "base_version": None}]
    audit = recording(items[0], enrolled)
    with device_http(enrolled) as http:
        answer = http.post("/v1/push", json=push_body(items, audit=audit))
    assert answer.status_code == 200 and answer.json()["conflicts"] == []
    return enrolled, note, first, audit[-1]["hash"]


def test_a_delta_that_does_not_rebuild_its_text_is_kept_for_review_not_stored(
    seated_note,
) -> None:
    hq, enrolled, http, note, first, prev = seated_note
    forged = NoteRevision(case_id=note.case_id, note_id=note.id, revision=2,
                          base_id=first.id, delta='[3," two"]',
                          sha256=revisions.text_sha256("one three"))
    item = {"seq": 3, "type": "note_revision", "data": codec.to_dict(forged),
            "base_version": None}
    answer = http.post("/v1/push", json=push_body(
        [item], audit=recording(item, enrolled, seq=2, prev=prev)))
    assert answer.status_code == 200
    [conflict] = answer.json()["conflicts"]
    assert conflict["reason"] == "broken_revision"
    assert [r.id for r in stored_revisions(hq, note.id)] == [first.id]


def test_a_delta_on_another_notes_revision_is_kept_for_review(seated_note) -> None:
    hq, enrolled, http, note, first, prev = seated_note
    other = Note(case_id=note.case_id, conference_id=note.conference_id,
                 section=NoteSection.CONCERNS)
    stray = NoteRevision(case_id=note.case_id, note_id=other.id, revision=2,
                         base_id=first.id, delta='[3," two"]',
                         sha256=revisions.text_sha256("one two"))
    items = [{"seq": 3, "type": "note", "data": codec.to_dict(other), "base_version": None},
             {"seq": 4, "type": "note_revision", "data": codec.to_dict(stray),
              "base_version": None}]
    events = recording(items[0], enrolled, seq=2, prev=prev)
    answer = http.post("/v1/push", json=push_body(items, audit=events))
    assert answer.status_code == 200
    assert [c["reason"] for c in answer.json()["conflicts"]] == ["no_parent"]
    assert stored_revisions(hq, other.id) == []


@pytest.mark.parametrize("marker", [
    {"seq": 3, "type": "sql_injection", "superseded": True},
    {"seq": 3, "type": "note", "superseded": False},
    {"seq": 3, "type": "note", "superseded": True, "data": {}},
    {"seq": "3", "type": "note", "superseded": True},
])
def test_a_malformed_superseded_marker_is_refused_and_changes_nothing(
    seated_note, marker,
) -> None:
    hq, _enrolled, http, _note, _first, _prev = seated_note
    before = snapshot(hq)
    answer = http.post("/v1/push", json=push_body([marker]))
    assert answer.status_code == 400 and answer.json()["error"] in ("bad_request",
                                                                     "unknown_type")
    assert snapshot(hq) == before


def test_a_superseded_marker_is_acknowledged_and_stores_nothing(seated_note) -> None:
    hq, _enrolled, http, _note, _first, _prev = seated_note
    with hq.db.read() as conn:
        records = conn.execute(select(func.count()).select_from(schema.records)).scalar()
    answer = http.post("/v1/push", json=push_body([
        {"seq": 3, "type": "note", "superseded": True}]))
    assert answer.status_code == 200 and answer.json()["acked_seq"] == 3
    with hq.db.read() as conn:
        assert conn.execute(select(func.count()).select_from(schema.records)).scalar() == \
            records
    # A seq it acknowledged as a marker cannot come back with content.
    note = Note(case_id=_note.case_id, conference_id=_note.conference_id,
                section=NoteSection.GENERAL)
    answer = http.post("/v1/push", json=push_body([
        {"seq": 3, "type": "note", "data": codec.to_dict(note), "base_version": None}]))
    assert answer.status_code == 409 and answer.json()["error"] == "rebase"


def test_a_revision_from_a_laptop_not_yet_updated_is_taken_as_a_whole_copy(
    seated_note,
) -> None:
    hq, enrolled, http, note, _first, prev = seated_note
    old_style = codec.to_dict(NoteRevision(case_id=note.case_id, note_id=note.id, revision=2,
                                           body="one two"))
    for added in ("base_id", "delta", "sha256"):
        del old_style[added]
    item = {"seq": 3, "type": "note_revision", "data": old_style, "base_version": None}
    answer = http.post("/v1/push", json=push_body(
        [item], audit=recording(item, enrolled, seq=2, prev=prev)))
    assert answer.status_code == 200 and answer.json()["conflicts"] == []
    [_, second] = stored_revisions(hq, note.id)
    assert second.is_copy and second.body == "one two"


def test_a_revision_resent_compacted_is_the_save_hq_holds_not_a_conflict(seated_note) -> None:
    """A laptop restored from a backup made before it upgraded sends again, as a delta, a
    revision HQ keeps as the whole copy it first received: the same save, acknowledged, and
    HQ's copy stays as it was."""
    hq, enrolled, http, note, first, prev = seated_note
    copy = NoteRevision(case_id=note.case_id, note_id=note.id, revision=2, body="one two",
                        sha256=revisions.text_sha256("one two"))
    item = {"seq": 3, "type": "note_revision", "data": codec.to_dict(copy),
            "base_version": None}
    audit = recording(item, enrolled, seq=2, prev=prev)
    answer = http.post("/v1/push", json=push_body([item], audit=audit))
    assert answer.status_code == 200 and answer.json()["conflicts"] == []
    compacted = replace(copy, body="", base_id=first.id,
                        delta=revisions.make_delta("one", "one two"))
    again = {"seq": 4, "type": "note_revision", "data": codec.to_dict(compacted),
             "base_version": None}
    answer = http.post("/v1/push", json=push_body([again]))
    assert answer.status_code == 200, answer.text
    assert answer.json()["conflicts"] == [] and answer.json()["acked_seq"] == 4
    assert [(r.id, r.body) for r in stored_revisions(hq, note.id)] == [
        (first.id, "one"), (copy.id, "one two")]
    # Another text under that id is still another save: kept for review.
    forged = replace(compacted, delta=revisions.make_delta("one", "one three"),
                     sha256=revisions.text_sha256("one three"))
    answer = http.post("/v1/push", json=push_body([{**again, "seq": 5,
                                                    "data": codec.to_dict(forged)}]))
    [conflict] = answer.json()["conflicts"]
    assert conflict["reason"] == "different_content"
