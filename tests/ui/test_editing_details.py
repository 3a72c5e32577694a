"""Autosave on focus change and on close, lock on OS suspend, the signature pad's input,
and keyboard steps."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from safeconf.domain.records import AckMethod, NoteSection, Presence, Role
from safeconf.ui.app_window import AppWindow
from safeconf.ui.workspace.conference_workspace import ATTENDEES, CONFIDENTIALITY, NOTES, Workspace
from safeconf.ui.workspace.signature_pad import SignaturePad
from tests.ui.conftest import PASSPHRASE

pytestmark = pytest.mark.keyring


def open_ready_conference(window: AppWindow) -> Workspace:
    service = window.service
    case = service.create_case("2026-0900", "Okonkwo")
    conf = service.create_conference(case.id, datetime.now().astimezone())
    person = service.add_attendee(conf.id, "Ada Okonkwo", Role.PARENT)
    service.set_presence(person.id, Presence.PRESENT)
    service.acknowledge(person.id, AckMethod.TYPED_NAME, service.statement_for(person),
                        typed_name="Ada Okonkwo")
    window.main_view.open_conference(conf.id)
    workspace = window.main_view.workspace
    assert workspace is not None
    workspace.go_to(NOTES)
    return workspace


def test_leaving_the_editor_saves_at_once(qtbot: Any, unlocked: AppWindow) -> None:
    workspace = open_ready_conference(unlocked)
    notes = workspace.notes
    notes.editor.setFocus()
    qtbot.waitUntil(notes.editor.hasFocus)
    qtbot.keyClicks(notes.editor, "Saved on focus change")
    with qtbot.waitSignal(notes.saved, timeout=1000):
        notes.sections.setFocus()  # no pause needed: focus out saves
    stored = unlocked.service.notes(workspace.conference_id)[NoteSection.CONCERNS]
    assert stored.body == "Saved on focus change"


def test_closing_the_window_saves_pending_text(
    qtbot: Any, unlocked: AppWindow, make_window: Any
) -> None:
    workspace = open_ready_conference(unlocked)
    conference_id = workspace.conference_id
    notes = workspace.notes
    notes._timer.setInterval(60_000)  # the pause never comes: only closing can save
    qtbot.keyClicks(notes.editor, "Saved on close")
    unlocked.close()
    assert not unlocked.session.is_open
    again = make_window()
    again.lock_screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(again.unlocked, timeout=10_000):
        again.lock_screen.unlock_button.click()
    body = again.service.notes(conference_id)[NoteSection.CONCERNS].body
    assert body == "Saved on close"


def test_os_suspend_locks(qtbot: Any, qapp: QApplication, unlocked: AppWindow) -> None:
    with qtbot.waitSignal(unlocked.locked, timeout=2000):
        qapp.applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    assert not unlocked.session.is_open


def test_signature_pad_draws_with_the_mouse_and_exports_png(qtbot: Any) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 160)
    pad.show()
    assert not pad.is_signed()
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 80))
    for x in range(30, 300, 20):
        qtbot.mouseMove(pad, QPoint(x, 60 + (x % 40)))
    with qtbot.waitSignal(pad.changed, timeout=1000):
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 80))
    assert pad.is_signed()
    png = pad.to_png()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    pad.clear()
    assert not pad.is_signed()


def test_steps_are_reachable_from_the_keyboard(qtbot: Any, unlocked: AppWindow) -> None:
    workspace = open_ready_conference(unlocked)
    qtbot.keyClick(workspace, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert workspace.pages.currentIndex() == ATTENDEES
    qtbot.keyClick(workspace, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert workspace.pages.currentIndex() == CONFIDENTIALITY
    workspace.steps.setFocus()
    qtbot.keyClick(workspace.steps, Qt.Key.Key_Down)
    assert workspace.pages.currentIndex() == NOTES


def test_signature_pad_draws_with_a_finger_as_one_stroke(qtbot: Any) -> None:
    from PySide6.QtTest import QTest

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 160)
    pad.show()
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad, device).press(0, QPoint(10, 50)).commit()
    for x in range(20, 200, 15):
        QTest.touchEvent(pad, device).move(0, QPoint(x, 60)).commit()
    QTest.touchEvent(pad, device).release(0, QPoint(200, 60)).commit()
    assert pad.is_signed()
    assert len(pad._strokes) == 1  # touch is not also replayed as mouse input


def test_a_missing_statement_is_reported_not_crashed_on(
    unlocked: AppWindow, prompter: Any
) -> None:
    from safeconf.domain.statements import StatementMissing

    service = unlocked.service
    case = service.create_case("2026-0901", "Adeyemi")
    conf = service.create_conference(case.id, datetime.now().astimezone())

    def missing() -> dict[Any, Any]:
        raise StatementMissing("The confidentiality statement is not installed in Spanish.")

    service.statements = missing  # type: ignore[method-assign]
    unlocked.main_view.open_conference(conf.id)
    assert unlocked.main_view.workspace is None
    assert prompter.messages[-1][0] == "error"
    assert "not installed" in prompter.messages[-1][2]


def test_the_details_step_edits_the_conference_until_it_is_finalized(
    qtbot: Any, unlocked: AppWindow
) -> None:
    workspace = open_ready_conference(unlocked)
    workspace.go_to(0)
    details = workspace.details
    details.fields.location.setText("Community center, room 4")
    qtbot.mouseClick(details.save_button, Qt.MouseButton.LeftButton)
    assert "saved" in details.message.text().lower()
    service = workspace._service
    assert service.conference(workspace.conference_id).location == "Community center, room 4"
    service.finalize(workspace.conference_id)
    workspace.refresh()
    assert not details.fields.location.isEnabled()
    assert not details.save_button.isEnabled()


def test_a_five_thousand_point_signature_is_drawn_recorded_and_the_window_closes_cleanly(
    qtbot: Any, unlocked: AppWindow
) -> None:
    # Each point repaints the pad: thousands of void Qt calls, which freed None on PySide6
    # 6.12.0 under Python 3.11 and aborted the interpreter mid-conference.
    service = unlocked.service
    case = service.create_case("2026-0901", "Okonkwo")
    conf = service.create_conference(case.id, datetime.now().astimezone())
    person = service.add_attendee(conf.id, "Ada Okonkwo", Role.PARENT)
    service.set_presence(person.id, Presence.PRESENT)
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 160)
    pad.show()
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(10, 80))
    for i in range(5000):
        qtbot.mouseMove(pad, QPoint(10 + (i * 7) % 380, 20 + (i * 13) % 120))
    with qtbot.waitSignal(pad.changed, timeout=1000):
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(390, 80))
    assert not pad.grab().isNull()
    png = pad.to_png()
    ack = service.acknowledge(person.id, AckMethod.DRAWN_SIGNATURE,
                              service.statement_for(person), signature_png=png)
    assert unlocked.session.vault.acknowledgments.get(ack.id).signature_png == png
    pad.close()
    assert unlocked.close()
