"""A whole conference without a mouse, in English and in Spanish: from the conference list
through details, check-in, confidentiality (typed names), notes and conclude to finalized,
with key presses only. Controls are reached by their Alt+letter, by Tab, Enter and the
arrow keys; the test reads widgets only to know what is on screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from safeconf.domain.records import ConferenceState, Language, NoteSection, Presence
from safeconf.ui.app_window import AppWindow
from safeconf.ui.i18n import Translations
from safeconf.ui.workspace.attendees_page import AttendeeDialog
from safeconf.ui.workspace.conference_workspace import (
    ATTENDEES,
    CONCLUDE,
    CONFIDENTIALITY,
    DETAILS,
    NOTES,
    Workspace,
)
from safeconf.ui.workspace.new_dialogs import NewCaseDialog, NewConferenceDialog
from tests.ui.conftest import ScriptedPrompter
from tests.ui.keys import alt_key_of, focused, press, press_alt_key_of, tab_to, type_text
from tests.ui.screens import activate, mnemonic

pytestmark = pytest.mark.keyring
PEOPLE = (("Ada Okafor", Language.ENGLISH), ("Rocío Okafor", Language.SPANISH))
NOTE = "Two school visits this month; the family asked for a tutor."


def label_of(field: QWidget) -> QLabel:
    """The label whose Alt+letter moves the focus to `field`."""
    labels = [label for label in field.window().findChildren(QLabel) if label.buddy() is field]
    assert labels, f"{field.accessibleName()!r} has no label to reach it by"
    return labels[0]


def by_keys(qtbot: Any, window: AppWindow,
            keys: Callable[[Any], None]) -> Callable[[QDialog], bool]:
    """Answer a dialog the app opens by pressing keys in it; accepted as Enter accepts it."""
    def answer(dialog: QDialog) -> bool:
        activate(qtbot, dialog)
        keys(dialog)
        accepted = dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
        activate(qtbot, window)  # a desktop gives the window back its activation; offscreen not
        return accepted
    return answer


def go_to_step(qtbot: Any, workspace: Workspace, step: int) -> None:
    press(qtbot, f"Alt+{step + 1}")
    assert workspace.pages.currentIndex() == step


def schedule_by_keys(qtbot: Any, window: AppWindow, prompter: ScriptedPrompter) -> Workspace:
    home = window.main_view.home
    assert QApplication.focusWidget() is home.tree  # the list has the focus after unlocking

    def new_case(dialog: NewCaseDialog) -> None:
        assert focused() is dialog.case_number
        type_text(qtbot, "2026-0417")
        press(qtbot, "Tab")
        type_text(qtbot, "Okafor")
        press(qtbot, "Return")

    prompter.on(NewCaseDialog, by_keys(qtbot, window, new_case))
    prompter.on(NewConferenceDialog, by_keys(qtbot, window, lambda _d: press(qtbot, "Return")))
    press_alt_key_of(qtbot, home.new_case_button)  # then "schedule one now?": yes
    workspace = window.main_view.workspace
    assert workspace is not None
    return workspace


def edit_details_by_keys(qtbot: Any, workspace: Workspace) -> None:
    go_to_step(qtbot, workspace, DETAILS)
    details = workspace.details
    press_alt_key_of(qtbot, label_of(details.fields.location))
    assert focused() is details.fields.location
    type_text(qtbot, "Family room 2")
    press_alt_key_of(qtbot, details.save_button)


def check_in_by_keys(qtbot: Any, window: AppWindow, prompter: ScriptedPrompter,
                     workspace: Workspace) -> None:
    go_to_step(qtbot, workspace, ATTENDEES)
    page = workspace.attendees
    for name, language in PEOPLE:
        def add(dialog: AttendeeDialog, name: str = name, language: Language = language) -> None:
            assert focused() is dialog.name
            type_text(qtbot, name)
            press_alt_key_of(qtbot, label_of(dialog.language))
            while dialog.language.currentData() != language.value:
                press(qtbot, "Down")
            press(qtbot, "Return")

        prompter.on(AttendeeDialog, by_keys(qtbot, window, add))
        press_alt_key_of(qtbot, page.add_button)
        assert page.selected() is not None and page.selected().name == name
        press_alt_key_of(qtbot, page.present_button)
        assert page.selected().presence is Presence.PRESENT


def acknowledge_by_keys(qtbot: Any, workspace: Workspace) -> None:
    go_to_step(qtbot, workspace, CONFIDENTIALITY)
    page = workspace.confidentiality
    tabs = page.form.tabs
    typed_tab = tabs.indexOf(page.form.typed_name.parentWidget())
    for _ in PEOPLE:
        waiting = {row[0].id for row in page.model.rows if not row[2]}
        if page.selected().id not in waiting:  # go down the list to who is waiting
            tab_to(qtbot, page.table)
            while page.selected().id not in waiting:
                press(qtbot, "Down")
        press(qtbot, mnemonic(tabs.tabText(typed_tab)))
        assert tabs.currentIndex() == typed_tab
        press_alt_key_of(qtbot, page.form.typed_label)
        assert focused() is page.form.typed_name
        type_text(qtbot, page.selected().name)
        press_alt_key_of(qtbot, page.form.typed_button)


def write_note_by_keys(qtbot: Any, workspace: Workspace) -> None:
    go_to_step(qtbot, workspace, NOTES)
    editor = workspace.notes.editor
    assert editor.isEnabled()
    tab_to(qtbot, editor)
    type_text(qtbot, NOTE)
    press(qtbot, "Tab")  # leaves the editor, which saves; no tab goes into the record
    assert QApplication.focusWidget() is not editor
    assert editor.toPlainText() == NOTE


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_whole_conference_runs_from_the_keyboard_alone(
    qtbot: Any, qapp: QApplication, unlocked: AppWindow, prompter: ScriptedPrompter,
    language: str,
) -> None:
    translations = Translations(qapp)
    unlocked.translations = translations
    unlocked.apply_settings(replace(unlocked.settings, language=language))
    try:
        assert unlocked.menuBar().actions()[0].text() == {"en": "&File", "es": "&Archivo"}[
            language]
        activate(qtbot, unlocked)
        workspace = schedule_by_keys(qtbot, unlocked, prompter)
        conference_id = workspace.conference_id
        service = unlocked.service
        edit_details_by_keys(qtbot, workspace)
        assert service.conference(conference_id).location == "Family room 2"
        check_in_by_keys(qtbot, unlocked, prompter, workspace)
        acknowledge_by_keys(qtbot, workspace)
        assert service.gate(conference_id).open
        write_note_by_keys(qtbot, workspace)
        assert service.notes(conference_id)[NoteSection.CONCERNS].body == NOTE

        go_to_step(qtbot, workspace, CONCLUDE)
        press_alt_key_of(qtbot, workspace.conclude.finalize_button)  # then "finalize?": yes
        assert service.conference(conference_id).state is ConferenceState.FINALIZED
        assert ("confirm", workspace.conclude.tr("Finalize conference")) in [
            m[:2] for m in prompter.messages]

        # Back to the list, and the conference opens again with Enter.
        press(qtbot, alt_key_of(workspace.back_button))
        qtbot.waitUntil(lambda: unlocked.main_view.workspace is None)
        assert focused() is unlocked.main_view.home.tree
        press(qtbot, "Return")
        assert unlocked.main_view.workspace is not None
        assert unlocked.main_view.workspace.conference_id == conference_id
        assert [type(d) for d in prompter.ran] == [
            NewCaseDialog, NewConferenceDialog, AttendeeDialog, AttendeeDialog]
    finally:
        translations.apply("en")
