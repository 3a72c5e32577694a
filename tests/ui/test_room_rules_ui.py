"""The rules of the room at the notes and attendees steps, by keyboard: notes wait for
someone checked in, an interview of a child needs its permission on file, health
information is flagged, and whoever leaves stays on the roster as having left."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from safeconf.domain.records import AckMethod, NoteSection, PermissionGiver, Presence, Role
from safeconf.ui.app_window import AppWindow
from safeconf.ui.workspace.conference_workspace import NOTES, Workspace
from safeconf.ui.workspace.interview_permission import InterviewPermissionDialog
from safeconf.ui.workspace.printing import Roster
from tests.ui.conftest import ScriptedPrompter
from tests.ui.test_conference_flow import add_attendee, schedule_conference

pytestmark = pytest.mark.keyring


def _check_in(workspace: Workspace, service: Any, name: str) -> None:
    person = next(a for a in service.attendees(workspace.conference_id) if a.name == name)
    service.set_presence(person.id, Presence.PRESENT)
    service.acknowledge(person.id, AckMethod.TYPED_NAME, service.statement_for(person),
                        typed_name=name)
    workspace.refresh()


def test_the_notes_step_says_why_it_is_closed_while_nobody_is_checked_in(
    unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    workspace = schedule_conference(unlocked, prompter)
    add_attendee(workspace, prompter, "Grace Okafor", Role.PARENT)
    workspace.go_to(NOTES)
    notes = workspace.notes
    assert not notes.editor.isEnabled()
    assert notes.banner.text() == "Check in at least one attendee before notes can be written."
    assert not notes.interview.isEnabled() and not notes.health.isEnabled()
    _check_in(workspace, unlocked.service, "Grace Okafor")
    workspace.go_to(NOTES)
    assert notes.editor.isEnabled() and not notes.banner.isVisible()


def test_an_interview_is_marked_by_keyboard_only_once_its_permission_is_recorded(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    service = unlocked.service
    workspace = schedule_conference(unlocked, prompter)
    conf = workspace.conference_id
    add_attendee(workspace, prompter, "Grace Okafor", Role.PARENT)
    add_attendee(workspace, prompter, "Tunde Okafor", Role.YOUTH, band="12-14")
    _check_in(workspace, service, "Grace Okafor")
    workspace.go_to(NOTES)
    notes = workspace.notes
    notes.select_section(NoteSection.CONCERNS)

    # Choosing the youth with the arrow keys, with no permission on file: refused, said
    # so, and nothing of the mark is stored.
    notes.interview.setFocus()
    qtbot.keyClick(notes.interview, Qt.Key.Key_Down)
    assert prompter.messages[-1][:2] == ("error", "Not marked as an interview")
    assert "Tunde Okafor" in prompter.messages[-1][2]
    assert NoteSection.CONCERNS not in service.notes(conf)
    assert notes.interview.currentData() is None

    def fill(dialog: InterviewPermissionDialog) -> bool:
        assert dialog.youth.currentText() == "Tunde Okafor"
        dialog.given_by.setCurrentIndex(dialog.given_by.findData(PermissionGiver.PARENT.value))
        assert not dialog._ok.isEnabled()
        qtbot.keyClicks(dialog.giver_name, "Grace Okafor")
        qtbot.keyClicks(dialog.scope, "School and home life")
        assert dialog._ok.isEnabled()
        return True

    prompter.on(InterviewPermissionDialog, fill)
    # Tab from the choice of youth reaches the button; Space presses it.
    qtbot.keyClick(notes.interview, Qt.Key.Key_Tab)
    assert notes.focusWidget() is notes.permission_button
    qtbot.keyClick(notes.permission_button, Qt.Key.Key_Space)
    assert prompter.ran and isinstance(prompter.ran[-1], InterviewPermissionDialog)
    note = service.notes(conf)[NoteSection.CONCERNS]
    youth = next(a for a in service.attendees(conf) if a.name == "Tunde Okafor")
    permission = service.permission_for(youth.id)
    assert permission is not None and permission.giver_name == "Grace Okafor"
    assert (note.interviewed_youth_id, note.interview_permission_id) == (youth.id,
                                                                         permission.id)
    assert notes.interview.currentText() == "Tunde Okafor"


def test_health_information_is_flagged_on_the_notes_step_and_on_the_printout(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    service = unlocked.service
    workspace = schedule_conference(unlocked, prompter)
    conf = workspace.conference_id
    add_attendee(workspace, prompter, "Grace Okafor", Role.PARENT)
    _check_in(workspace, service, "Grace Okafor")
    workspace.go_to(NOTES)
    notes = workspace.notes
    notes.select_section(NoteSection.CONCERNS)
    assert "Contains protected health information" not in \
        Roster().build(service, conf).toPlainText()
    notes.health.setFocus()
    qtbot.keyClick(notes.health, Qt.Key.Key_Space)
    assert service.notes(conf)[NoteSection.CONCERNS].health_information
    assert notes.health.isChecked()
    assert "Contains protected health information" in \
        Roster().build(service, conf).toPlainText()


def test_removing_someone_present_leaves_them_on_the_roster_as_having_left(
    unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    service = unlocked.service
    workspace = schedule_conference(unlocked, prompter)
    conf = workspace.conference_id
    add_attendee(workspace, prompter, "Grace Okafor", Role.PARENT)
    add_attendee(workspace, prompter, "Never Came", Role.RELATIVE)
    _check_in(workspace, service, "Grace Okafor")
    page = workspace.attendees
    for name in ("Grace Okafor", "Never Came"):
        page.select_attendee(next(a.id for a in page.model.attendees if a.name == name))
        page.remove_button.click()  # the confirmation is answered yes
    assert [a.name for a in page.model.attendees] == ["Grace Okafor"]
    [grace] = service.attendees(conf)
    assert grace.presence is Presence.LEFT
    shown = page.model.index(0, 4).data()
    assert shown.startswith("Left at ") and shown != "Left at "
    assert "Left at " in Roster().build(service, conf).toPlainText()
    assert "in the room" in prompter.messages[-2][2]
