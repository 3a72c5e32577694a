"""Running a room by keyboard: the previous conference seeds who is expected, Space checks
each one in, a row checks someone new in, each acknowledgment moves on to the next person
waiting, and nobody is asked to acknowledge twice or with a name that is not theirs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from safeconf.domain.records import AckMethod, ConferenceState, Language, Presence, Role
from safeconf.ui.app_window import AppWindow
from safeconf.ui.prompts import question_box
from safeconf.ui.workspace.conference_workspace import ATTENDEES, CONFIDENTIALITY, Workspace
from safeconf.ui.workspace.new_dialogs import NewConferenceDialog
from tests.ui.conftest import PASSPHRASE, ScriptedPrompter

pytestmark = pytest.mark.keyring

FAMILY = (("Grace Okafor", Role.PARENT, Language.ENGLISH),
          ("James Okafor", Role.PARENT, Language.ENGLISH),
          ("Lucía Ramos", Role.RELATIVE, Language.SPANISH))


def open_room(window: AppWindow, when: datetime | None = None) -> Workspace:
    """Today's conference of a family whose previous conference had three people."""
    service = window.service
    case = service.create_case("2026-0417", "Okafor")
    now = datetime.now().astimezone()
    before = service.create_conference(case.id, now - timedelta(days=30))
    for name, role, language in FAMILY:
        service.add_attendee(before.id, name, role, language=language)
    conference = service.create_conference(case.id, when or now)
    window.main_view.open_conference(conference.id)
    workspace = window.main_view.workspace
    assert workspace is not None
    return workspace


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier =
          Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def mnemonic(qtbot: Any, text: str) -> None:
    """Alt + the underlined letter of `text`, as a keyboard user presses it."""
    found = re.search(r"&([^&])", text)
    assert found, text
    press(qtbot, getattr(Qt.Key, f"Key_{found.group(1).upper()}"),
          Qt.KeyboardModifier.AltModifier)


def check_everyone_in(qtbot: Any, workspace: Workspace) -> None:
    if workspace.pages.currentIndex() != ATTENDEES:
        workspace.go_to(ATTENDEES, focus=True)
    qtbot.waitUntil(workspace.attendees.table.hasFocus)
    for _ in FAMILY:
        press(qtbot, Qt.Key.Key_Space)


def to_confidentiality(qtbot: Any, workspace: Workspace) -> None:
    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert workspace.pages.currentIndex() == CONFIDENTIALITY


def selected_name(workspace: Workspace) -> str:
    chosen = workspace.confidentiality.selected()
    return chosen.name if chosen else ""


def test_the_room_opens_on_check_in_with_the_previous_conferences_people_expected(
    qtbot: Any, unlocked: AppWindow
) -> None:
    workspace = open_room(unlocked)
    page = workspace.attendees
    assert workspace.pages.currentIndex() == ATTENDEES
    assert [(a.name, a.presence) for a in page.model.attendees] == [
        (name, Presence.EXPECTED) for name, _r, _l in FAMILY]
    qtbot.waitUntil(page.table.hasFocus)
    assert page.selected() is not None and page.selected().name == "Grace Okafor"


def test_space_checks_in_the_selected_person_and_moves_to_the_next_expected(
    qtbot: Any, unlocked: AppWindow
) -> None:
    workspace = open_room(unlocked)
    page = workspace.attendees
    qtbot.waitUntil(page.table.hasFocus)
    press(qtbot, Qt.Key.Key_Space)
    people = {a.name: a for a in unlocked.service.attendees(workspace.conference_id)}
    assert people["Grace Okafor"].presence is Presence.PRESENT
    assert people["Grace Okafor"].arrived_at
    assert people["James Okafor"].presence is Presence.EXPECTED
    assert page.selected() is not None and page.selected().name == "James Okafor"
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Space)
    assert all(a.presence is Presence.PRESENT
               for a in unlocked.service.attendees(workspace.conference_id))
    assert unlocked.service.conference(workspace.conference_id).state is \
        ConferenceState.CHECKING_IN


def test_someone_new_is_checked_in_by_name_role_and_enter_present_on_the_day(
    qtbot: Any, unlocked: AppWindow
) -> None:
    workspace = open_room(unlocked)
    page = workspace.attendees
    check_everyone_in(qtbot, workspace)
    press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # nobody left expected
    qtbot.waitUntil(page.new_name.hasFocus)
    qtbot.keyClicks(focused(), "Pat Quinn")
    press(qtbot, Qt.Key.Key_Tab)
    assert page.new_role.hasFocus()
    qtbot.keyClicks(focused(), "Attorney")
    press(qtbot, Qt.Key.Key_Return)
    pat = next(a for a in unlocked.service.attendees(workspace.conference_id)
               if a.name == "Pat Quinn")
    assert pat.role is Role.ATTORNEY and pat.presence is Presence.PRESENT and pat.arrived_at
    # Ready for the next person.
    assert page.new_name.text() == "" and page.new_name.hasFocus()


def test_someone_added_before_the_conference_day_is_expected_not_present(
    qtbot: Any, unlocked: AppWindow
) -> None:
    workspace = open_room(unlocked, datetime.now().astimezone() + timedelta(days=7))
    page = workspace.attendees
    page.new_name.setFocus()
    qtbot.waitUntil(page.new_name.hasFocus)
    qtbot.keyClicks(page.new_name, "Pat Quinn")
    press(qtbot, Qt.Key.Key_Return)
    pat = next(a for a in unlocked.service.attendees(workspace.conference_id)
               if a.name == "Pat Quinn")
    assert pat.presence is Presence.EXPECTED and pat.arrived_at is None


def test_confidentiality_counts_who_is_waiting_instead_of_saying_nobody_is_present(
    qtbot: Any, unlocked: AppWindow
) -> None:
    workspace = open_room(unlocked)
    workspace.go_to(CONFIDENTIALITY)
    assert "Nobody is marked present" in workspace.confidentiality.message.text()
    check_everyone_in(qtbot, workspace)
    to_confidentiality(qtbot, workspace)
    message = workspace.confidentiality.message.text()
    assert "Nobody" not in message and "3" in message


def test_after_an_acknowledgment_the_next_person_waiting_is_selected_in_the_same_method(
    qtbot: Any, unlocked: AppWindow
) -> None:
    workspace = open_room(unlocked)
    page = workspace.confidentiality
    check_everyone_in(qtbot, workspace)
    to_confidentiality(qtbot, workspace)
    assert selected_name(workspace) == "Grace Okafor"
    mnemonic(qtbot, page.form.tabs.tabText(1))  # typed name: the cursor goes to the name
    assert page.form.typed_name.hasFocus()
    qtbot.keyClicks(focused(), "Grace Okafor")
    press(qtbot, Qt.Key.Key_Return)
    acks = unlocked.service.acknowledgments(workspace.conference_id)
    assert [a.method for a in acks.values()] == [AckMethod.TYPED_NAME]
    # On to James, same method, cursor in the name field — not on "Attendee refuses".
    assert selected_name(workspace) == "James Okafor"
    assert page.form.tabs.currentIndex() == 1
    assert page.form.typed_name.hasFocus() and not page.form.refuse_button.hasFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert len(unlocked.service.acknowledgments(workspace.conference_id)) == 1
    # Grace, who acknowledged, can be neither asked again nor recorded as refusing.
    page.select_attendee(next(a.id for a, _k, _v in page.model.rows
                              if a.name == "Grace Okafor"))
    assert not page.form.isEnabled()
    assert not page.form.refuse_button.isEnabled()
    assert not page.handover_button.isEnabled()
    assert "has acknowledged" in page.heading.text()


def test_a_typed_name_that_is_not_the_attendees_is_refused_on_screen(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    workspace = open_room(unlocked)
    page = workspace.confidentiality
    check_everyone_in(qtbot, workspace)
    to_confidentiality(qtbot, workspace)
    page.select_attendee(next(a.id for a, _k, _v in page.model.rows
                              if a.name == "James Okafor"))
    page.form.tabs.setCurrentIndex(1)
    qtbot.keyClicks(page.form.typed_name, "Jim")
    press(qtbot, Qt.Key.Key_Return)
    assert unlocked.service.acknowledgments(workspace.conference_id) == {}
    assert prompter.messages[-1][0] == "error" and "James Okafor" in prompter.messages[-1][2]
    assert selected_name(workspace) == "James Okafor"


def test_the_facilitator_cannot_be_the_witness_of_a_verbal_agreement(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    workspace = open_room(unlocked)
    page = workspace.confidentiality
    check_everyone_in(qtbot, workspace)
    to_confidentiality(qtbot, workspace)
    page.form.tabs.setCurrentIndex(2)
    facilitator = unlocked.service.conference(workspace.conference_id).facilitator
    qtbot.keyClicks(page.form.witness, facilitator)
    press(qtbot, Qt.Key.Key_Return)
    assert unlocked.service.acknowledgments(workspace.conference_id) == {}
    assert prompter.messages[-1][0] == "error"
    assert "witness" in prompter.messages[-1][2]
    page.form.witness.clear()
    qtbot.keyClicks(page.form.witness, "James Okafor")
    press(qtbot, Qt.Key.Key_Return)
    ack = next(iter(unlocked.service.acknowledgments(workspace.conference_id).values()))
    assert ack.method is AckMethod.VERBAL and ack.witness == "James Okafor"


def hand_over_to_lucia(qtbot: Any, unlocked: AppWindow) -> tuple[Any, Any]:
    """The room checked in, Lucía Ramos selected on the Confidentiality step and the laptop
    handed over to her: the workspace and the hand-over screen."""
    workspace = open_room(unlocked)
    page = workspace.confidentiality
    check_everyone_in(qtbot, workspace)
    to_confidentiality(qtbot, workspace)
    page.select_attendee(next(a.id for a, _k, _v in page.model.rows
                              if a.name == "Lucía Ramos"))
    page.handover_button.click()
    handover = unlocked.handover
    assert handover is not None
    return workspace, handover


def test_hand_over_takes_a_typed_name_in_three_keys_and_never_a_second_acknowledgment(
    qtbot: Any, unlocked: AppWindow
) -> None:
    workspace, handover = hand_over_to_lucia(qtbot, unlocked)
    page = workspace.confidentiality
    qtbot.waitUntil(handover.statement.hasFocus)
    # The attendee: choose "type your name" (worded in Spanish), type it, Enter.
    mnemonic(qtbot, handover.form.tabs.tabText(1))
    qtbot.waitUntil(handover.form.typed_name.hasFocus)
    qtbot.keyClicks(focused(), "Lucia Ramos")
    press(qtbot, Qt.Key.Key_Return)
    acks = unlocked.service.acknowledgments(workspace.conference_id)
    assert [a.method for a in acks.values()] == [AckMethod.TYPED_NAME]
    assert not handover.form.isEnabled()
    assert handover.passphrase.hasFocus()  # the facilitator's turn
    # A second submission (the form re-enabled somehow) records nothing more.
    handover.form.setEnabled(True)
    handover.form.typed_name.setText("Lucía Ramos")
    handover.form.typed_button.click()
    assert len(unlocked.service.acknowledgments(workspace.conference_id)) == 1
    assert "Lucía" not in handover.thanks.text()  # the attendee's own words, no error dump
    # Back with the passphrase: the next person waiting is selected, cursor in the form.
    qtbot.keyClicks(handover.passphrase, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: unlocked.handover is None, timeout=10_000)
    assert selected_name(workspace) == "Grace Okafor"
    assert page.form.isEnabled()


def test_a_name_that_is_not_theirs_is_refused_in_hand_over_in_the_attendees_words(
    qtbot: Any, unlocked: AppWindow
) -> None:
    workspace, handover = hand_over_to_lucia(qtbot, unlocked)
    handover.form.tabs.setCurrentIndex(1)
    qtbot.keyClicks(handover.form.typed_name, "Lucy")
    handover.form.typed_button.click()
    assert unlocked.service.acknowledgments(workspace.conference_id) == {}
    assert handover.form.isEnabled()
    # Worded for the attendee (through the attendee's translator), not the service's text.
    assert handover.thanks.text() == handover._t("not_your_name").replace("%1", "Lucía Ramos")


def test_go_to_confidentiality_selects_the_first_person_the_banner_names(
    qtbot: Any, unlocked: AppWindow
) -> None:
    workspace = open_room(unlocked)
    check_everyone_in(qtbot, workspace)
    to_confidentiality(qtbot, workspace)
    page = workspace.confidentiality
    page.form.tabs.setCurrentIndex(1)
    qtbot.keyClicks(page.form.typed_name, "Grace Okafor")
    press(qtbot, Qt.Key.Key_Return)
    page.select_attendee(next(a.id for a, _k, _v in page.model.rows
                              if a.name == "Lucía Ramos"))
    workspace.go_to(3)
    notes = workspace.notes
    assert notes.banner.text().index("James Okafor") < notes.banner.text().index("Lucía")
    notes.acknowledge_button.click()
    assert workspace.pages.currentIndex() == CONFIDENTIALITY
    assert selected_name(workspace) == "James Okafor"
    assert page.form.typed_name.hasFocus()


def test_the_header_says_in_session_once_notes_are_being_written(
    qtbot: Any, unlocked: AppWindow
) -> None:
    workspace = open_room(unlocked)
    service = unlocked.service
    for person in service.attendees(workspace.conference_id):
        service.set_presence(person.id, Presence.PRESENT)
        service.acknowledge(person.id, AckMethod.TYPED_NAME, service.statement_for(person),
                            typed_name=person.name)
    workspace.refresh()
    assert "Checking in" in workspace.header.text()
    workspace.go_to(3)
    with qtbot.waitSignal(workspace.notes.saved, timeout=5000):
        qtbot.keyClicks(workspace.notes.editor, "Everyone introduced themselves.")
    assert "In session" in workspace.header.text()
    assert "Checking in" not in workspace.header.text()


def test_a_new_conference_starts_now_and_scheduling_it_is_the_default_answer(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    case = unlocked.service.create_case("2026-0500", "Brennan")
    dialog = NewConferenceDialog([case], unlocked.service.user)
    qtbot.addWidget(dialog)
    assert dialog.values()["seed_attendees"] is True  # last time's people, unless unticked
    dialog.seed.setChecked(False)
    assert dialog.values()["seed_attendees"] is False
    start = dialog.fields.start.dateTime()
    # This minute, not the next full hour (which is always ahead of now).
    assert 0 <= start.secsTo(QDateTime.currentDateTime()) < 120
    box = question_box(None, "Case created", "Schedule a conference for this case now?",
                       default_yes=True)
    qtbot.addWidget(box)
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Yes)
    from safeconf.ui.workspace.new_dialogs import NewCaseDialog

    def fill_case(d: NewCaseDialog) -> bool:
        d.case_number.setText("2026-0501")
        d.family_name.setText("Nakamura")
        return True

    prompter.on(NewCaseDialog, fill_case)
    unlocked.main_view.home.new_case_button.click()
    assert prompter.confirm_defaults == [True]


def test_the_checkin_benchmark_meets_its_goals_by_keyboard() -> None:
    """bench/checkin.py runs the whole six-person room on the real window (keys only, but
    for the drawn signature) and checks every step; it fails when a goal is missed."""
    script = Path(__file__).parents[2] / "bench" / "checkin.py"
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=300, env={**os.environ,
                                           "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"interactions \(goal ≤ 40\): met", run.stdout)
    assert re.search(r"laptop: [0-3] interactions \(goal ≤ 3\): met", run.stdout)


@pytest.mark.parametrize("seed", [True, False])
def test_scheduling_from_the_list_expects_last_times_people_unless_unticked(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter, seed: bool
) -> None:
    service = unlocked.service
    case = service.create_case("2026-0417", "Okafor")
    before = service.create_conference(case.id, datetime.now().astimezone() - timedelta(30))
    for name, role, language in FAMILY:
        service.add_attendee(before.id, name, role, language=language)

    def fill(d: NewConferenceDialog) -> bool:
        d.case.setCurrentIndex(d.case.findData(case.id))
        d.seed.setChecked(seed)
        return True

    prompter.on(NewConferenceDialog, fill)
    unlocked.main_view.home.new_conference()
    workspace = unlocked.main_view.workspace
    assert workspace is not None and workspace.conference_id != before.id
    names = [a.name for a in service.attendees(workspace.conference_id)]
    assert names == ([n for n, _r, _l in FAMILY] if seed else [])
