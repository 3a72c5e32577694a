"""Resolving sync conflicts in the vault: keeping this laptop's version or HQ's, audited,
queued for HQ on the right base version, and never losing either version's text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from safeconf.domain.records import Case, Conference, Note, NoteSection
from safeconf.vault.errors import AppendOnly, WriteConflict


@pytest.fixture
def case(vault):
    return vault.cases.add(Case(case_number="S-1", family_name="Sync"))


def conflicting_note(vault, case):
    """A note edited here (unpushed) and, differently, at HQ."""
    conf = vault.conferences.add(Conference(case_id=case.id,
                                            scheduled_start="2026-11-25T09:00:00+00:00"))
    note = vault.notes.add(Note(case_id=case.id, conference_id=conf.id,
                                section=NoteSection.CONCERNS, body="first words"))
    vault.sync.mark_pushed(vault.sync.pending(1000)[-1].seq, vault.audit.count())
    local = vault.notes.save_body(note, "the laptop's words", "w.tester")
    theirs = replace(note, body="HQ's words", version=2, author="hq.supervisor")
    assert vault.sync.apply_page([theirs], 5).conflicts == 1
    [row] = vault.sync.conflicts()
    return row["id"], local, theirs


def test_an_open_conflict_shows_both_versions(vault, case):
    conflict_id, _, _ = conflicting_note(vault, case)
    detail = vault.sync.conflict(conflict_id)
    assert detail["local"].body == "the laptop's words"
    assert detail["remote"].body == "HQ's words"
    assert detail["kept"] is None and not detail["reviewed"]


def test_keeping_this_laptops_version_only_marks_the_conflict_reviewed(vault, case):
    conflict_id, local, _ = conflicting_note(vault, case)
    pending = vault.sync.pending_count()
    assert vault.sync.resolve_conflict(conflict_id, "local") is None
    assert vault.notes.get(local.id).body == "the laptop's words"
    assert vault.sync.conflicts() == []
    assert vault.sync.pending_count() == pending
    [kept] = vault.sync.conflicts(include_reviewed=True)
    assert kept["id"] == conflict_id
    last = vault.audit.events()[-1]
    assert (last.action, last.record_type, last.record_id, last.case_id) == (
        "conflict_resolved", "sync_conflict", str(conflict_id), case.id)
    # Both bodies stay readable after review.
    detail = vault.sync.conflict(conflict_id)
    assert detail["kept"] == "local"
    assert (detail["local"].body, detail["remote"].body) == ("the laptop's words",
                                                             "HQ's words")
    assert all(r.ok for r in vault.check())


def test_keeping_hqs_version_writes_it_as_the_next_local_version_queued_for_hq(vault, case):
    conflict_id, local, _ = conflicting_note(vault, case)
    stored = vault.sync.resolve_conflict(conflict_id, "hq")
    assert stored is not None and stored.version == local.version + 1
    now = vault.notes.get(local.id)
    assert (now.body, now.author, now.version) == ("HQ's words", "hq.supervisor", 3)
    queued = vault.sync.pending(100)[-1]
    assert (queued.record_type, queued.data["id"], queued.data["body"]) == (
        "note", local.id, "HQ's words")
    assert queued.version == 3 and queued.base_version == local.version == 2
    actions = [(e.action, e.record_id) for e in vault.audit.events()[-2:]]
    assert actions == [("update", local.id), ("conflict_resolved", str(conflict_id))]
    assert vault.sync.conflicts() == []
    # The laptop's replaced words are still in the conflict's history.
    detail = vault.sync.conflict(conflict_id)
    assert detail["kept"] == "hq" and detail["reviewed"]
    assert (detail["local"].body, detail["remote"].body) == ("the laptop's words",
                                                             "HQ's words")
    assert vault.search("HQ's")[0].record_id == local.id
    assert all(r.ok for r in vault.check())


def test_a_reviewed_conflict_cannot_be_resolved_again(vault, case):
    conflict_id, _, _ = conflicting_note(vault, case)
    vault.sync.resolve_conflict(conflict_id, "local")
    with pytest.raises(WriteConflict):
        vault.sync.resolve_conflict(conflict_id, "hq")


def test_an_append_only_record_keeps_this_laptops_copy(vault, case):
    conf = vault.conferences.add(Conference(case_id=case.id,
                                            scheduled_start="2026-11-25T09:00:00+00:00"))
    note = vault.notes.add(Note(case_id=case.id, conference_id=conf.id,
                                section=NoteSection.GENERAL, body="original"))
    revision = vault.notes.revisions(note.id)[0]
    vault.sync.apply_page([replace(revision, body="rewritten elsewhere", sha256="")], 4)
    [row] = vault.sync.conflicts()
    events = vault.audit.count()
    with pytest.raises(AppendOnly):
        vault.sync.resolve_conflict(row["id"], "hq")
    assert vault.audit.count() == events and vault.sync.conflicts() != []
    vault.sync.resolve_conflict(row["id"], "local")
    assert vault.sync.conflict(row["id"])["remote"].body == "rewritten elsewhere"


def test_purging_the_case_removes_its_conflict_history_too(vault, case):
    conflict_id, _, _ = conflicting_note(vault, case)
    vault.sync.resolve_conflict(conflict_id, "hq")
    vault.sync.apply_page([], 9, purge_case_ids=[case.id])
    assert vault._db.scalar("SELECT count(*) FROM sync_conflicts") == 0
