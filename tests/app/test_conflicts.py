"""The conflict review service: what each conflict is about, only what differs, and keeping
one version."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from safeconf.app.conferences import ConferenceService
from safeconf.app.conflicts import ConflictService
from safeconf.app.session import VaultSession
from safeconf.domain.records import ConferenceType, Note, NoteSection
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def session(data_dir: Path, no_keyring: SystemKeyring, fast_kdf: KdfParams
            ) -> Iterator[VaultSession]:
    session = VaultSession(data_dir, no_keyring, fast_kdf)
    session.create(PASSPHRASE, user="f.tester")
    yield session
    session.lock()


def make_conflicts(session: VaultSession) -> tuple[str, str]:
    """A case renamed here and at HQ, and a note section written differently on each side."""
    vault = session.vault
    service = ConferenceService(session)
    case = service.create_case("2026-0001", "Nakamura")
    conf = service.create_conference(case.id, datetime(2026, 11, 25, 9, tzinfo=UTC))
    note = vault.notes.add(Note(case_id=case.id, conference_id=conf.id,
                                section=NoteSection.SAFETY_PLAN, body="draft"))
    vault.sync.mark_pushed(vault.sync.pending(1000)[-1].seq, vault.audit.count())
    vault.cases.update(replace(case, family_name="Nakamura-Ito"))
    vault.notes.save_body(note, "Grandmother stays overnight.", "f.tester")
    hq_case = replace(case, family_name="Nakamura Ito", version=2)
    hq_note = replace(note, body="Aunt stays overnight.", version=2)
    assert vault.sync.apply_page([hq_case, hq_note], 3).conflicts == 2
    return case.id, note.id


def test_open_conflicts_say_what_record_and_which_case_and_conference(session):
    make_conflicts(session)
    case_item, note_item = ConflictService(session).open_conflicts()
    assert case_item.record_type == "case" and case_item.title is None
    assert case_item.where.case_number == "2026-0001"
    assert case_item.where.family_name == "Nakamura-Ito"
    assert case_item.reason == "both_changed"
    assert note_item.record_type == "note" and note_item.title is NoteSection.SAFETY_PLAN
    assert note_item.where.conference_kind is ConferenceType.CHILD_SAFETY_CONFERENCE
    assert note_item.where.conference_start.startswith("2026-11-25T09:00")


def test_a_comparison_lists_the_name_and_only_the_fields_that_differ(session):
    make_conflicts(session)
    service = ConflictService(session)
    case_item, note_item = service.open_conflicts()
    case_cmp = service.compare(case_item.id)
    assert [(f.field, f.local, f.hq, f.differs) for f in case_cmp.fields
            if f.field != "updated_at"] == [
        ("case_number", "2026-0001", "2026-0001", False),
        ("family_name", "Nakamura-Ito", "Nakamura Ito", True),
    ]
    note_cmp = service.compare(note_item.id)
    fields = {f.field: (f.local, f.hq) for f in note_cmp.fields}
    assert fields["section"] == (NoteSection.SAFETY_PLAN, NoteSection.SAFETY_PLAN)
    assert fields["body"] == ("Grandmother stays overnight.", "Aunt stays overnight.")
    assert "conference_id" not in fields and "version" not in fields
    assert note_cmp.can_keep_hq


def test_resolving_closes_the_conflict_and_keeps_the_chosen_text(session):
    case_id, note_id = make_conflicts(session)
    service = ConflictService(session)
    case_item, note_item = service.open_conflicts()
    service.resolve(note_item.id, "hq")
    service.resolve(case_item.id, "local")
    assert service.open_count() == 0 and service.open_conflicts() == []
    vault = session.vault
    assert vault.notes.get(note_id).body == "Aunt stays overnight."
    assert vault.cases.get(case_id).family_name == "Nakamura-Ito"
    history = vault.sync.conflict(note_item.id)
    assert history["local"].body == "Grandmother stays overnight."
