"""A note to save into, for the vault tests that type: a case, a conference and an empty
general note in it."""

from __future__ import annotations

from safeconf.domain.records import Case, Conference, Note, NoteSection
from safeconf.vault.vault import Vault


def empty_note(vault: Vault, case_number: str) -> Note:
    case = vault.cases.add(Case(case_number=case_number, family_name="Rowan"))
    conf = vault.conferences.add(Conference(case_id=case.id,
                                            scheduled_start="2026-11-25T09:00:00+00:00"))
    return vault.notes.add(Note(case_id=case.id, conference_id=conf.id,
                                section=NoteSection.GENERAL))
