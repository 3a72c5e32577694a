"""Review conflicts: from the sync status and the File menu, compare the two versions of a
record sync kept, keep this laptop's or HQ's (after a confirmation), and the count follows."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt

from safeconf.domain.records import Note, NoteSection
from safeconf.ui.app_window import AppWindow
from safeconf.ui.sync.conflict_review import ConflictReviewDialog
from safeconf.ui.sync.sync_controller import SyncState
from safeconf.vault.sync_store import Credentials, Unusable
from tests.ui.conftest import ScriptedPrompter
from tests.ui.test_language_and_access import unnamed_controls

pytestmark = pytest.mark.keyring


def make_conflicts(window: AppWindow) -> tuple[str, str]:
    """An enrolled laptop whose last pull found a case and a note changed on both sides."""
    vault = window.session.vault
    vault.sync.save_credentials(Credentials("dev-1", "w.tester", "https://127.0.0.1:9",
                                            "CA", "CERT", "KEY"))
    case = window.service.create_case("2026-0700", "Okafor")
    conf = window.service.create_conference(case.id, datetime(2026, 11, 25, 9, tzinfo=UTC))
    note = vault.notes.add(Note(case_id=case.id, conference_id=conf.id,
                                section=NoteSection.CONCERNS, body="draft"))
    vault.sync.mark_pushed(vault.sync.pending(1000)[-1].seq, vault.audit.count())
    vault.cases.update(replace(case, family_name="Okafor-Bell"))
    vault.notes.save_body(note, "Missed two school days.", "w.tester")
    vault.sync.apply_page([replace(case, family_name="Okafor Bell", version=2),
                           replace(note, body="Missed three school days.", version=2)], 3)
    window.sync.refresh()
    return case.id, note.id


def test_conflicts_are_resolved_both_ways_from_the_sync_status(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    case_id, note_id = make_conflicts(unlocked)
    assert unlocked.sync.status.state is SyncState.ATTENTION
    assert unlocked.sync_status.text() == "Needs attention: 2 conflict(s)"
    seen: list[str] = []

    def review(dialog: ConflictReviewDialog) -> bool:
        assert unnamed_controls(dialog) == []
        assert dialog.conflict_list.count() == 2
        assert dialog.keep_local_button.text() == "Keep this &laptop's version"
        assert dialog.keep_hq_button.text() == "Keep &HQ's version"
        assert dialog.heading.accessibleName() == ""  # its text changes: read it, not a name
        # The note: both texts side by side, read-only.
        dialog.conflict_list.setCurrentRow(1)
        assert "Missed two school days." in dialog.local_view.toPlainText()
        assert "Missed three school days." in dialog.hq_view.toPlainText()
        assert "Concerns" in dialog.hq_view.toPlainText()
        assert dialog.local_view.isReadOnly() and dialog.hq_view.isReadOnly()
        assert "2026-0700" in dialog.conflict_list.currentItem().text()
        # Declining the confirmation changes nothing.
        prompter.confirm_answers = [False]
        qtbot.mouseClick(dialog.keep_hq_button, Qt.MouseButton.LeftButton)
        assert dialog.conflict_list.count() == 2
        with qtbot.waitSignal(dialog.resolved, timeout=5_000):
            qtbot.mouseClick(dialog.keep_hq_button, Qt.MouseButton.LeftButton)
        assert prompter.messages[-1][:2] == ("confirm", "Keep HQ's version")
        assert dialog.conflict_list.count() == 1
        seen.append(unlocked.sync_status.text())
        # The case: keep this laptop's name, from the keyboard.
        assert "Okafor-Bell" in dialog.local_view.toPlainText()
        dialog.keep_local_button.setFocus()
        with qtbot.waitSignal(dialog.resolved, timeout=5_000):
            qtbot.keyClick(dialog.keep_local_button, Qt.Key.Key_Space)
        assert dialog.conflict_list.count() == 0
        assert not dialog.keep_local_button.isEnabled()
        assert not dialog.keep_hq_button.isEnabled()
        assert dialog.heading.text() == "No conflicts left to review."
        return True

    prompter.on(ConflictReviewDialog, review)
    qtbot.mouseClick(unlocked.sync_status, Qt.MouseButton.LeftButton)
    _kind, title, text = next(m for m in prompter.messages if m[0] == "confirm")
    assert title == "Sync with HQ" and text.endswith("Review the conflicts now?")
    assert seen == ["Needs attention: 1 conflict(s)"]
    assert unlocked.sync.status.conflicts == 0
    assert unlocked.sync.status.state is not SyncState.ATTENTION
    vault = unlocked.session.vault
    assert vault.notes.get(note_id).body == "Missed three school days."
    assert vault.cases.get(case_id).family_name == "Okafor-Bell"
    # Neither text was lost: the note's conflict still shows both.
    reviewed = vault.sync.conflicts(include_reviewed=True)
    bodies = {getattr(vault.sync.conflict(c["id"])["local"], "body", None)
              for c in reviewed if c["record_type"] == "note" and c["reason"].startswith("ch")}
    assert bodies == {"Missed two school days."}
    assert [e.action for e in vault.audit.events()].count("conflict_resolved") == 2


def test_the_file_menu_opens_the_review_and_keeps_this_laptops_version(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    _case_id, note_id = make_conflicts(unlocked)
    assert unlocked.review_conflicts_action.isEnabled()

    def keep_all_local(dialog: ConflictReviewDialog) -> bool:
        while dialog.conflict_list.count():
            assert dialog.keep("local")
        return True

    prompter.on(ConflictReviewDialog, keep_all_local)
    unlocked.review_conflicts_action.trigger()
    assert unlocked.sync_status.text() != "Needs attention: 2 conflict(s)"
    assert unlocked.sync.status.conflicts == 0
    vault = unlocked.session.vault
    assert vault.notes.get(note_id).body == "Missed two school days."
    detail = vault.sync.conflict(vault.sync.conflicts(include_reviewed=True)[1]["id"])
    assert detail["kept"] == "local" and detail["remote"].body == "Missed three school days."


def test_the_review_is_out_of_reach_while_locked(unlocked: AppWindow) -> None:
    unlocked.lock()
    assert not unlocked.review_conflicts_action.isEnabled()


def test_the_review_speaks_spanish(
    qtbot: Any, qapp: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    from safeconf.ui.i18n import Translations

    make_conflicts(unlocked)
    translations = Translations(qapp)
    try:
        translations.apply("es")
        dialog = ConflictReviewDialog(unlocked.conflicts, prompter, unlocked)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Revisar conflictos"
        assert dialog.keep_local_button.text() == "Conservar la versión de este &portátil"
        assert dialog.keep_hq_button.accessibleName() == "Conservar la versión de HQ"
        assert dialog.conflict_list.item(0).text().startswith("Caso — caso 2026-0700")
        dialog.conflict_list.setCurrentRow(1)
        assert "Sección (igual): Preocupaciones" in dialog.hq_view.toPlainText()
    finally:
        translations.apply("en")


def test_the_review_says_when_records_from_hq_were_kept_aside(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    make_conflicts(unlocked)
    dialog = ConflictReviewDialog(unlocked.conflicts, prompter, unlocked)
    qtbot.addWidget(dialog)
    assert dialog.quarantine_note.isHidden()
    unlocked.session.vault.sync.apply_page(
        [Unusable("conference", {"id": "x"}, "conference.scheduled_start: not a time")], 4)
    dialog.refresh()
    assert not dialog.quarantine_note.isHidden()
    assert dialog.quarantine_note.text().startswith("1 record(s) from HQ could not be used")
