"""What a screen reader hears: errors and confirmations announced (assertive and polite),
accessible names that say what the control shows, and readable finalized notes."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QTabWidget, QWidget

from safeconf.domain.records import AckMethod, Language, NoteSection, Presence, Role
from safeconf.resource_files import resource
from safeconf.ui.app_window import AppWindow
from safeconf.ui.settings_dialog import SettingsDialog
from safeconf.ui.sync.sync_widgets import EnrollDialog
from safeconf.ui.widgets import spoken_label
from safeconf.ui.workspace.attendees_page import AttendeeDialog
from safeconf.ui.workspace.conference_workspace import CONFIDENTIALITY, NOTES
from safeconf.ui.workspace.new_dialogs import NewCaseDialog, NewConferenceDialog
from tests.ui.a11y_events import hear_accessibility
from tests.ui.conftest import PASSPHRASE, ScriptedPrompter
from tests.ui.test_locking import fail_unlock

pytestmark = pytest.mark.keyring
ASSERTIVE = QAccessible.AnnouncementPoliteness.Assertive
POLITE = QAccessible.AnnouncementPoliteness.Polite


def conference_with(window: AppWindow, name: str, language: Language = Language.ENGLISH,
                    present: bool = True) -> tuple[str, str]:
    service = window.service
    case = service.create_case("2026-0900", "Novak")
    conf = service.create_conference(case.id, datetime.now().astimezone())
    person = service.add_attendee(conf.id, name, Role.PARENT, language=language)
    if present:
        service.set_presence(person.id, Presence.PRESENT)
    return conf.id, person.id


def test_wrong_passphrase_and_the_wait_are_announced(qtbot: Any, unlocked: AppWindow) -> None:
    unlocked.lock()
    with hear_accessibility() as heard:
        fail_unlock(qtbot, unlocked)
        assert heard.said("not right") == [ASSERTIVE]
        fail_unlock(qtbot, unlocked)
        fail_unlock(qtbot, unlocked)  # the third starts the back-off
    waits = [text for text, how in heard.announcements
             if "Try again in" in text and how == ASSERTIVE]
    assert waits, heard.announcements


def test_recorded_acknowledgment_is_announced(qtbot: Any, unlocked: AppWindow) -> None:
    conference_id, _person = conference_with(unlocked, "Mira Novak")
    unlocked.main_view.open_conference(conference_id)
    workspace = unlocked.main_view.workspace
    workspace.go_to(CONFIDENTIALITY)
    form = workspace.confidentiality.form
    form.tabs.setCurrentIndex(1)
    with hear_accessibility() as heard:
        form.typed_name.setText("Mira Novak")
        form.typed_button.click()
    assert heard.said("Recorded.") == [POLITE]


def test_blank_attendee_name_is_said_not_only_a_disabled_ok(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    conference_id, _person = conference_with(unlocked, "Mira Novak")
    unlocked.main_view.open_conference(conference_id)
    heard_in_dialog: list[Any] = []

    def fill(dialog: AttendeeDialog) -> bool:
        assert dialog.name_needed.isVisibleTo(dialog)  # on screen from the start
        with hear_accessibility() as heard:
            dialog.name.setText("Ana")
            assert not dialog.name_needed.isVisibleTo(dialog)
            dialog.name.setText("  ")
        heard_in_dialog.append(heard)
        assert dialog.name_needed.isVisibleTo(dialog)
        return False

    prompter.on(AttendeeDialog, fill)
    unlocked.main_view.workspace.attendees.add_button.click()
    assert heard_in_dialog and heard_in_dialog[0].said("name") == [ASSERTIVE]


def test_handover_thanks_and_wrong_passphrase_are_announced(
    qtbot: Any, unlocked: AppWindow
) -> None:
    conference_id, person = conference_with(unlocked, "Yara Novak", Language.SPANISH)
    unlocked.main_view.open_conference(conference_id)
    unlocked.enter_handover(conference_id, person)
    view = unlocked.handover
    form = view.form
    form.tabs.setCurrentIndex(1)
    with hear_accessibility() as heard:
        form.typed_name.setText("Yara Novak")
        form.typed_button.click()
        view.passphrase.setText("not the passphrase")
        view.return_button.click()
        qtbot.waitUntil(lambda: view.exit_message.isVisible(), timeout=10_000)
    assert heard.said("Gracias") == [POLITE]
    assert len([how for text, how in heard.announcements
                if text == view.exit_message.text() and how == ASSERTIVE]) == 1
    view.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(view.exit_granted, timeout=10_000):
        view.return_button.click()



def shown_text(text: str) -> str:
    """A control's text as a person reads it aloud: no mnemonic marker, and no arrow or
    ellipsis around the words."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip("←→…. ")


def names_without_their_text(root: QWidget) -> list[str]:
    """Buttons and checkboxes whose accessible name (what a screen reader says and what a
    voice-control user must speak) does not contain the text they show."""
    wrong = []
    for button in root.findChildren(QAbstractButton):
        if not button.isVisibleTo(root) or not button.text():
            continue
        name = QAccessible.queryAccessibleInterface(button).text(QAccessible.Text.Name)
        if shown_text(button.text()).casefold() not in name.casefold():
            wrong.append(f"{button.text()!r} is named {name!r}")
    return wrong


def test_accessible_names_say_what_every_button_shows(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    window = unlocked
    assert names_without_their_text(window) == []
    conference_id, person = conference_with(window, "Mira Novak", Language.SPANISH)
    window.main_view.open_conference(conference_id)
    workspace = window.main_view.workspace
    for step in range(5):
        workspace.go_to(step)
        for tab in range(workspace.confidentiality.form.tabs.count()):
            workspace.confidentiality.form.tabs.setCurrentIndex(tab)
            assert names_without_their_text(window) == []
    dialogs: list[QWidget] = [
        AttendeeDialog(None, window), NewCaseDialog(window),
        NewConferenceDialog(window.service.cases(), "me", None, window),
        SettingsDialog(window.settings, window), EnrollDialog(window.sync.service, window),
    ]
    for dialog in dialogs:
        dialog.show()
        assert names_without_their_text(dialog) == [], type(dialog).__name__
        dialog.close()
    window.enter_handover(conference_id, person)
    for tab in range(window.handover.form.tabs.count()):
        window.handover.form.tabs.setCurrentIndex(tab)
        assert names_without_their_text(window) == []
    window.lock()
    assert names_without_their_text(window) == []


def test_finalized_note_is_read_only_but_focusable_and_readable(
    qtbot: Any, unlocked: AppWindow
) -> None:
    service = unlocked.service
    conference_id, person = conference_with(unlocked, "Mira Novak")
    service.acknowledge(person, AckMethod.TYPED_NAME,
                        service.statement_for(service.attendees(conference_id)[0]),
                        typed_name="Mira Novak")
    service.save_note(conference_id, NoteSection.CONCERNS, "Visits resume on Monday.")
    service.finalize(conference_id)
    unlocked.main_view.open_conference(conference_id)
    workspace = unlocked.main_view.workspace
    workspace.go_to(NOTES)
    editor = workspace.notes.editor
    assert editor.isEnabled() and editor.isReadOnly()
    assert editor.focusPolicy() & Qt.FocusPolicy.TabFocus
    editor.setFocus()
    assert editor.hasFocus()
    interface = QAccessible.queryAccessibleInterface(editor)
    assert not interface.state().disabled and interface.state().readOnly
    text = interface.textInterface()
    assert text is not None
    assert text.text(0, text.characterCount()) == "Visits resume on Monday."
    qtbot.keyClicks(editor, "changed")
    assert editor.toPlainText() == "Visits resume on Monday."
    # The caret moves by keyboard, so the note can be read line by line.
    qtbot.keyClick(editor, Qt.Key.Key_End)
    assert editor.textCursor().position() > 0


def test_keyring_warning_is_read_in_full(make_window: Any, no_keyring: Any) -> None:
    window = make_window(no_keyring)
    warning = window.lock_screen.findChild(QLabel, "keyringWarning")
    said = QAccessible.queryAccessibleInterface(warning).text(QAccessible.Text.Name)
    assert "no system keyring" in said and "passphrase alone" in said
    assert "<b>" not in said


def english_sources() -> set[str]:
    """Every English interface text whose Spanish translation differs, as it is shown."""
    tree = ElementTree.parse(str(resource("i18n", "safeconf_es.ts")))
    found = set()
    for message in tree.iter("message"):
        source, translation = message.findtext("source"), message.findtext("translation")
        if source and translation and translation != source:
            found.add(spoken_label(source))
    return found


def what_the_attendee_meets(window: AppWindow) -> list[str]:
    """All that is shown or said of the visible widgets: texts, placeholders, tooltips,
    tab titles, and the accessible names and descriptions a screen reader speaks."""
    texts = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is not None:
            texts += [interface.text(QAccessible.Text.Name),
                      interface.text(QAccessible.Text.Description)]
        texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
    return [spoken_label(t) for t in texts if t]


def test_handover_speaks_only_the_attendees_language(
    qtbot: Any, unlocked: AppWindow
) -> None:
    conference_id, person = conference_with(unlocked, "Yara Novak", Language.SPANISH)
    unlocked.main_view.open_conference(conference_id)
    assert unlocked.statusBar().isVisible()
    unlocked.enter_handover(conference_id, person)
    view = unlocked.handover
    english = english_sources()
    for tab in range(view.form.tabs.count()):
        view.form.tabs.setCurrentIndex(tab)
        met = what_the_attendee_meets(unlocked)
        assert "Frase de contraseña del facilitador" in met
        assert "Panel de firma" in met or tab != 0
        assert [text for text in met if text in english] == [], tab
    view.passphrase.setText("not the passphrase")
    view.return_button.click()
    qtbot.waitUntil(lambda: view.exit_message.isVisible(), timeout=10_000)
    assert view.exit_message.text() == "Frase de contraseña incorrecta."
    assert [text for text in what_the_attendee_meets(unlocked) if text in english] == []
    view.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(view.exit_granted, timeout=10_000):
        view.return_button.click()
    assert unlocked.statusBar().isVisible()


def test_other_errors_and_confirmations_are_announced(
    qtbot: Any, unlocked: AppWindow
) -> None:
    service = unlocked.service
    conference_id, person = conference_with(unlocked, "Mira Novak")
    service.acknowledge(person, AckMethod.TYPED_NAME,
                        service.statement_for(service.attendees(conference_id)[0]),
                        typed_name="Mira Novak")
    home = unlocked.main_view.home
    with hear_accessibility() as heard:
        home.search_field.setText("zzzqqq")
        home.run_search()
    assert heard.said("No matches.") == [POLITE]

    unlocked.main_view.open_conference(conference_id)
    workspace = unlocked.main_view.workspace
    with hear_accessibility() as heard:
        assert workspace.details.save()
    assert heard.said("Details saved.") == [POLITE]

    workspace.go_to(NOTES)
    qtbot.keyClicks(workspace.notes.editor, "Before the late arrival")
    late = service.add_attendee(conference_id, "Late Arrival", Role.RELATIVE)
    service.set_presence(late.id, Presence.PRESENT)  # the gate closes under the editor
    with hear_accessibility() as heard:
        assert not workspace.notes.flush()
    assert heard.said("Not saved") == [ASSERTIVE]

    dialog = EnrollDialog(unlocked.sync.service, unlocked)
    dialog.code.setPlainText("not an enrollment code")
    with hear_accessibility() as heard:
        dialog.start()
        qtbot.waitUntil(lambda: "Not enrolled" in dialog.message.text(), timeout=10_000)
    assert heard.said("Not enrolled") == [ASSERTIVE]
    assert heard.said("Contacting HQ") == [POLITE]
