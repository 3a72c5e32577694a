"""Fail closed: an exception injected on each screen a user can be on (through the real
widget) locks the app as Ctrl+L does, says so on the unlock screen, logs the type and where
but never the message, and unlocking gives a working app back. Also: a lock that fails
still hides everything, failures while locked do not loop, and the hook is given back."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import QRunnable, Qt, QThreadPool, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from safeconf.app.conferences import Group
from safeconf.domain.records import AckMethod, NoteSection, Presence, Role
from safeconf.ui.app_window import AppWindow
from safeconf.ui.i18n import Translations
from safeconf.ui.lock import lock_screens
from safeconf.ui.lock.fail_closed import FailClosed, StoppedPanel
from safeconf.ui.lock.lock_screens import FirstRunScreen, UnlockScreen
from safeconf.ui.sync.conflict_review import ConflictReviewDialog
from safeconf.ui.sync.sync_widgets import CheckInScreen, EnrollDialog
from safeconf.ui.workspace.conference_model import ConferenceModel
from safeconf.ui.workspace.conference_workspace import (
    ATTENDEES,
    CONCLUDE,
    CONFIDENTIALITY,
    DETAILS,
    NOTES,
    Workspace,
)
from safeconf.vault.errors import VaultLocked
from tests.ui.conftest import PASSPHRASE, ScriptedPrompter
from tests.ui.test_conflict_review import make_conflicts
from tests.ui.test_language_and_access import unnamed_controls
from tests.ui.test_locking import SECRET_WORDS, unlock, visible_texts

# These tests raise on purpose: the app's hook is what must catch the exceptions, so
# pytest-qt's own capture (which would fail the test) stays out of the way.
pytestmark = [pytest.mark.keyring, pytest.mark.qt_no_exception_capture]
LOCKED_MESSAGE = "Something went wrong, so safeconf locked itself to protect the records."
# Put in every injected exception's message: a log that carried it would leak a record.
LEAKY_MESSAGE = f"case {SECRET_WORDS[0]} ({SECRET_WORDS[1]}): {SECRET_WORDS[3]}"


class Injected(RuntimeError):
    """The unexpected failure a test plants."""


def fail_once(monkeypatch: pytest.MonkeyPatch, target: object, name: str,
              on_call: int = 1) -> list[int]:
    """Make `target.name` raise `Injected` on its `on_call`-th call and work otherwise: a
    failure that happened once (say, one bad record) and is gone after unlocking."""
    original = getattr(target, name)
    calls: list[int] = []

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == on_call:
            raise Injected(LEAKY_MESSAGE)
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, failing)
    return calls


def hook_of(window: AppWindow) -> FailClosed:
    hook = window.findChild(FailClosed)
    assert hook is not None and hook.installed
    return hook


def add_case_with_content(window: AppWindow) -> tuple[str, str]:
    """A conference today with a present, acknowledged attendee and a note."""
    service = window.service
    case = service.create_case(SECRET_WORDS[0], SECRET_WORDS[1])
    conf = service.create_conference(case.id, datetime.now().astimezone())
    attendee = service.add_attendee(conf.id, SECRET_WORDS[2], Role.PARENT)
    service.set_presence(attendee.id, Presence.PRESENT)
    service.acknowledge(attendee.id, AckMethod.TYPED_NAME, service.statement_for(attendee),
                        typed_name=SECRET_WORDS[2])
    service.save_note(conf.id, NoteSection.CONCERNS, f"Child has a {SECRET_WORDS[3]}.")
    assert window.main_view is not None
    window.main_view.home.refresh()
    return conf.id, attendee.id


def add_late_arrival(window: AppWindow, conference_id: str) -> str:
    """Someone present who has not acknowledged yet (the one already there has, and may
    not acknowledge again)."""
    return window.service.add_attendee(conference_id, "Late Arrival", Role.RELATIVE,
                                       present=True).id


def open_step(window: AppWindow, conference_id: str, step: int) -> Workspace:
    assert window.main_view is not None
    window.main_view.open_conference(conference_id)
    workspace = window.main_view.workspace
    assert workspace is not None
    workspace.go_to(step)
    assert any(word in visible_texts(window) for word in SECRET_WORDS)
    return workspace


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def wait_locked(qtbot: Any, window: AppWindow) -> None:
    qtbot.waitUntil(lambda: not window.shows_vault, timeout=10_000)


def shown_outside_lock_screen(window: AppWindow) -> list[QWidget]:
    """Visible widgets that could show a record: in the window's central area but not on
    the lock screen, and every other visible window."""
    central, screen = window.centralWidget(), window.lock_screen
    shown = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible() or widget is central:
            continue
        on_lock_screen = screen is not None and (widget is screen
                                                 or screen.isAncestorOf(widget))
        if widget.window() is not window or (central.isAncestorOf(widget)
                                             and not on_lock_screen):
            shown.append(widget)
    return shown


def assert_locked_after_failure(window: AppWindow, message: str = LOCKED_MESSAGE) -> None:
    assert not window.session.is_open
    with pytest.raises(VaultLocked):
        window.session.vault  # noqa: B018 (the key is gone: nothing opens the records)
    assert window.main_view is None and window.handover is None and window.check_in is None
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QDialog) and w.isVisible()]
    assert shown_outside_lock_screen(window) == []
    texts = visible_texts(window)
    assert not [word for word in SECRET_WORDS if word in texts]
    screen = window.lock_screen
    assert screen is not None and screen.isVisible()
    assert screen.problem.isVisible() and message in screen.problem.text()
    assert window.windowTitle() == "safeconf — Locked"
    # The locked state: nothing to time out, nothing to lock, nothing on screen.
    assert not window.idle.timer.isActive() and not window.lock_action.isEnabled()
    assert not window.toolbar.isVisible()


def assert_logged_safely(caplog: pytest.LogCaptureFixture) -> None:
    """The traceback is logged (type and frames), the message never is."""
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(text.startswith("unexpected ") and "Traceback" not in text
               and ", line " in text for text in errors)
    everything = "\n".join(r.getMessage() for r in caplog.records)
    assert not [word for word in SECRET_WORDS if word in everything]


def assert_works_again(qtbot: Any, window: AppWindow) -> None:
    unlock(qtbot, window)
    assert window.idle.timer.isActive()
    assert window.main_view is not None and window.main_view.isVisible()
    assert window.lock_action.isEnabled() and window.toolbar.isVisible()
    home = window.main_view.home
    assert SECRET_WORDS[0] in {row.case_number for row in home.model.rows_of(Group.TODAY)}


# -- the lock screens --------------------------------------------------------------------


def test_a_failure_on_the_first_run_screen_shows_a_fresh_one_that_still_creates_the_vault(
    qtbot: Any, make_window: Callable[..., AppWindow], monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    window = make_window()
    failing = window.lock_screen
    assert isinstance(failing, FirstRunScreen)
    fail_once(monkeypatch, lock_screens, "strength")
    qtbot.keyClicks(failing.passphrase, "c")
    screen = window.lock_screen
    assert isinstance(screen, FirstRunScreen) and screen is not failing
    assert screen.problem.isVisible() and "No vault was created yet" in screen.problem.text()
    assert not window.session.is_open and not window.idle.timer.isActive()
    assert_logged_safely(caplog)
    screen.passphrase.setText(PASSPHRASE)
    screen.repeat.setText(PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        click(qtbot, screen.create_button)
    assert window.main_view is not None and window.idle.timer.isActive()


def test_a_home_list_that_fails_while_unlocking_locks_again_instead_of_staying_open_empty(
    qtbot: Any, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The incident: a pulled record the list could not read, in the unlock worker's result
    # handler; the window stayed unlocked, empty, with no idle lock running.
    add_case_with_content(unlocked)
    unlocked.lock()
    fail_once(monkeypatch, unlocked.service, "conference_rows")
    screen = unlocked.lock_screen
    assert isinstance(screen, UnlockScreen)
    screen.passphrase.setText(PASSPHRASE)
    click(qtbot, screen.unlock_button)
    qtbot.waitUntil(lambda: unlocked.lock_screen is not screen, timeout=10_000)
    wait_locked(qtbot, unlocked)
    assert_locked_after_failure(unlocked)
    assert_logged_safely(caplog)
    assert_works_again(qtbot, unlocked)


def test_failures_on_the_lock_screen_after_a_failure_do_not_loop(
    qtbot: Any, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    add_case_with_content(unlocked)
    fail_once(monkeypatch, unlocked.service, "search")
    unlocked.main_view.home.search_field.setText("arm")
    qtbot.keyClick(unlocked.main_view.home.search_field, Qt.Key.Key_Return)
    assert_locked_after_failure(unlocked)
    hook, screen = hook_of(unlocked), unlocked.lock_screen
    assert isinstance(screen, UnlockScreen)
    seen = hook.failures

    def broken_throttle() -> float:
        raise Injected(LEAKY_MESSAGE)

    # Every unlock attempt now fails in the worker's result handler, again and again.
    monkeypatch.setattr(unlocked.session.throttle, "seconds_to_wait", broken_throttle)
    for attempt in (1, 2):
        screen.passphrase.setText(PASSPHRASE)
        click(qtbot, screen.unlock_button)
        qtbot.waitUntil(lambda n=attempt: hook.failures == seen + n, timeout=10_000)
    assert unlocked.lock_screen is screen  # not rebuilt over and over
    assert_locked_after_failure(unlocked)
    assert sum("another failure while locked" in r.getMessage() for r in caplog.records) == 2
    monkeypatch.undo()
    assert_works_again(qtbot, unlocked)


# -- home ----------------------------------------------------------------------------------


def test_a_failure_opening_a_conference_from_the_list_locks_the_app(
    qtbot: Any, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    add_case_with_content(unlocked)
    # A row the model cannot place (Qt's own methods are not patched: shiboken caches them).
    fail_once(monkeypatch, ConferenceModel, "_locate")
    tree = unlocked.main_view.home.tree
    assert tree.currentIndex().isValid()
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    wait_locked(qtbot, unlocked)
    assert_locked_after_failure(unlocked)
    assert_logged_safely(caplog)
    monkeypatch.undo()
    assert_works_again(qtbot, unlocked)


def test_a_failure_loading_the_rest_of_the_list_on_its_timer_locks_the_app(
    qtbot: Any, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_case_with_content(unlocked)
    unlocked.lock()
    # The first call fills Today; the second runs from the timer that loads the rest.
    fail_once(monkeypatch, unlocked.service, "conference_rows", on_call=2)
    with qtbot.waitSignal(unlocked.locked, timeout=10_000):
        unlock(qtbot, unlocked)
    assert_locked_after_failure(unlocked)
    assert_works_again(qtbot, unlocked)


def test_a_failing_search_locks_the_app(
    qtbot: Any, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    add_case_with_content(unlocked)
    fail_once(monkeypatch, unlocked.service, "search")
    field = unlocked.main_view.home.search_field
    qtbot.keyClick(unlocked.main_view.home, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "arm")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert_locked_after_failure(unlocked)
    assert_logged_safely(caplog)
    assert_works_again(qtbot, unlocked)


# -- the conference workspace ------------------------------------------------------------


def test_a_failure_saving_details_locks_the_app(
    qtbot: Any, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
) -> None:
    conference_id, _ = add_case_with_content(unlocked)
    workspace = open_step(unlocked, conference_id, DETAILS)
    fail_once(monkeypatch, unlocked.service, "update_details")
    click(qtbot, workspace.details.save_button)
    assert_locked_after_failure(unlocked)
    assert_works_again(qtbot, unlocked)


def test_a_failure_checking_in_an_attendee_locks_the_app(
    qtbot: Any, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
) -> None:
    conference_id, attendee_id = add_case_with_content(unlocked)
    workspace = open_step(unlocked, conference_id, ATTENDEES)
    workspace.attendees.select_attendee(attendee_id)
    fail_once(monkeypatch, unlocked.service, "set_presence")
    click(qtbot, workspace.attendees.absent_button)
    assert_locked_after_failure(unlocked)
    assert_works_again(qtbot, unlocked)


def test_a_failure_recording_an_acknowledgment_locks_the_app(
    qtbot: Any, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
) -> None:
    conference_id, _ = add_case_with_content(unlocked)
    attendee_id = add_late_arrival(unlocked, conference_id)
    workspace = open_step(unlocked, conference_id, CONFIDENTIALITY)
    page = workspace.confidentiality
    page.select_attendee(attendee_id)
    pad = page.form.pad
    pad.add_stroke([pad.rect().center() * (i / 20) for i in range(1, 21)])
    fail_once(monkeypatch, unlocked.service, "acknowledge")
    click(qtbot, page.form.sign_button)
    assert_locked_after_failure(unlocked)
    assert_works_again(qtbot, unlocked)


def test_a_failing_autosave_locks_the_app_and_the_lock_still_saves_the_text(
    qtbot: Any, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
) -> None:
    conference_id, _ = add_case_with_content(unlocked)
    workspace = open_step(unlocked, conference_id, NOTES)
    editor = workspace.notes.editor
    fail_once(monkeypatch, unlocked.service, "save_note")  # from the autosave timer
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Seen by the nurse.")
    wait_locked(qtbot, unlocked)
    assert_locked_after_failure(unlocked)
    assert_works_again(qtbot, unlocked)
    note = unlocked.service.notes(conference_id)[NoteSection.CONCERNS]
    assert note.body.endswith("Seen by the nurse.")  # locking saved what autosave could not


def test_a_failure_finalizing_locks_the_app(
    qtbot: Any, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
) -> None:
    conference_id, _ = add_case_with_content(unlocked)
    workspace = open_step(unlocked, conference_id, CONCLUDE)
    fail_once(monkeypatch, unlocked.service, "finalize")
    click(qtbot, workspace.conclude.finalize_button)
    assert_locked_after_failure(unlocked)
    assert_works_again(qtbot, unlocked)


def test_a_failure_in_hand_over_mode_locks_and_gives_the_menus_back_after_unlocking(
    qtbot: Any, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
) -> None:
    conference_id, _ = add_case_with_content(unlocked)
    attendee_id = add_late_arrival(unlocked, conference_id)
    workspace = open_step(unlocked, conference_id, CONFIDENTIALITY)
    workspace.confidentiality.select_attendee(attendee_id)
    click(qtbot, workspace.confidentiality.handover_button)
    view = unlocked.handover
    assert view is not None and not unlocked.menuBar().isVisible()
    view.form.pad.add_stroke([view.form.pad.rect().center() * (i / 20) for i in range(1, 21)])
    fail_once(monkeypatch, unlocked.service, "acknowledge")
    click(qtbot, view.form.sign_button)
    assert_locked_after_failure(unlocked)
    assert unlocked.menuBar().isVisible() and unlocked.quit_action.isEnabled()
    assert_works_again(qtbot, unlocked)
    assert not unlocked.in_handover and unlocked.settings_action.isEnabled()


# -- sync ------------------------------------------------------------------------------------


def test_a_failure_showing_the_sync_status_locks_the_app(
    qtbot: Any, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_case_with_content(unlocked)
    assert unlocked.sync_status.isVisible()
    fail_once(monkeypatch, unlocked.sync_status, "details")
    click(qtbot, unlocked.sync_status)
    assert_locked_after_failure(unlocked)
    assert_works_again(qtbot, unlocked)


def test_a_failure_in_the_enroll_dialogs_result_handler_closes_it_and_locks(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_case_with_content(unlocked)
    # HQ's answer comes back (from the worker) in a shape the dialog cannot read.
    monkeypatch.setattr(unlocked.sync.service, "enroll", lambda code: object())
    dialogs: list[EnrollDialog] = []

    def fill(dialog: EnrollDialog) -> bool:
        dialogs.append(dialog)
        dialog.show()
        dialog.code.setPlainText("safeconf:enroll?code")
        click(qtbot, dialog.enroll_button)
        wait_locked(qtbot, unlocked)
        return dialog.result() == QDialog.DialogCode.Accepted

    prompter.on(EnrollDialog, fill)
    unlocked.enroll_action.trigger()
    assert dialogs and not dialogs[0].isVisible()
    assert_locked_after_failure(unlocked)
    assert_works_again(qtbot, unlocked)


def test_a_failure_in_a_sync_workers_result_handler_locks_the_app(
    qtbot: Any, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_case_with_content(unlocked)
    service = unlocked.sync.service
    monkeypatch.setattr(service, "is_enrolled", lambda: True)
    monkeypatch.setattr(service, "sync", lambda progress: object())  # a quick "sync"
    # The controller's finished handler runs on the GUI thread and refreshes the list.
    fail_once(monkeypatch, unlocked.main_view.home, "refresh")
    with qtbot.waitSignal(unlocked.locked, timeout=10_000):
        qtbot.keyClick(unlocked, Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert_locked_after_failure(unlocked)
    monkeypatch.undo()
    assert_works_again(qtbot, unlocked)


def test_a_failure_on_the_conflict_review_screen_closes_it_and_locks(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_case_with_content(unlocked)
    make_conflicts(unlocked)
    dialogs: list[ConflictReviewDialog] = []

    def review(dialog: ConflictReviewDialog) -> bool:
        dialogs.append(dialog)
        dialog.show()
        assert "Okafor" in dialog.local_view.toPlainText() + dialog.heading.text()
        fail_once(monkeypatch, unlocked.conflicts, "resolve")
        click(qtbot, dialog.keep_local_button)
        return False

    prompter.on(ConflictReviewDialog, review)
    unlocked.review_conflicts_action.trigger()
    assert dialogs and not dialogs[0].isVisible()
    assert_locked_after_failure(unlocked)
    assert "Okafor" not in visible_texts(unlocked)
    assert_works_again(qtbot, unlocked)


def test_a_failure_on_the_check_in_screen_locks_the_app(
    qtbot: Any, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
) -> None:
    unlocked.lock()
    monkeypatch.setattr(unlocked.sync.service, "is_stale", lambda: True)
    unlock(qtbot, unlocked)
    check_in = unlocked.check_in
    assert isinstance(check_in, CheckInScreen) and check_in.isVisible()
    fail_once(monkeypatch, unlocked.sync.service, "is_enrolled")
    click(qtbot, check_in.sync_button)
    assert_locked_after_failure(unlocked)
    unlock(qtbot, unlocked)
    assert isinstance(unlocked.check_in, CheckInScreen) and unlocked.check_in.isVisible()
    assert unlocked.idle.timer.isActive()


# -- when locking itself fails, off the GUI thread, and afterwards --------------------------


def test_when_locking_fails_the_vault_closes_and_the_window_shows_nothing_of_it(
    qtbot: Any, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    conference_id, _ = add_case_with_content(unlocked)
    open_step(unlocked, conference_id, NOTES)
    hook = hook_of(unlocked)

    def broken() -> None:
        raise Injected(LEAKY_MESSAGE)

    monkeypatch.setattr(unlocked, "show_lock_screen", broken)
    fail_once(monkeypatch, unlocked.service, "save_note")
    qtbot.keyClicks(unlocked.main_view.workspace.notes.editor, "x")
    qtbot.waitUntil(lambda: isinstance(unlocked.centralWidget(), StoppedPanel), timeout=10_000)
    panel = unlocked.centralWidget()
    assert not unlocked.session.is_open
    assert panel.isVisible() and "could not lock normally" in panel.message.text()
    assert set(shown_outside_lock_screen(unlocked)) == {
        w for w in panel.findChildren(QWidget) if w.isVisible()}
    assert not [word for word in SECRET_WORDS if word in visible_texts(unlocked)]
    assert not unlocked.menuBar().isVisible() and not unlocked.lock_action.isEnabled()
    assert any("locking after a failure failed" in r.getMessage() for r in caplog.records)
    assert_logged_safely(caplog)

    # A later failure changes nothing; closing the window still works.
    seen = hook.failures
    QTimer.singleShot(0, broken)
    qtbot.waitUntil(lambda: hook.failures == seen + 1, timeout=5000)
    assert unlocked.centralWidget() is panel
    click(qtbot, panel.close_button)
    assert not unlocked.isVisible() and not hook.installed


def test_a_failure_off_the_gui_thread_locks_the_app_on_the_gui_thread(
    qtbot: Any, unlocked: AppWindow,
) -> None:
    add_case_with_content(unlocked)

    class Broken(QRunnable):
        def run(self) -> None:
            raise Injected(LEAKY_MESSAGE)

    with qtbot.waitSignal(unlocked.locked, timeout=10_000):
        QThreadPool.globalInstance().start(Broken())
    assert_locked_after_failure(unlocked)
    assert_works_again(qtbot, unlocked)


def test_closing_the_window_gives_the_previous_hook_back(
    qtbot: Any, make_window: Callable[..., AppWindow],
) -> None:
    before = sys.excepthook
    first, second = make_window(), make_window()
    assert sys.excepthook == hook_of(second)._hook
    first.close()  # out of the chain, though the second window's hook is on top
    assert hook_of(second).installed
    second.close()
    assert sys.excepthook == before


def test_the_lock_screen_after_a_failure_speaks_spanish_and_names_every_control(
    qtbot: Any, qapp: QApplication, unlocked: AppWindow, monkeypatch: pytest.MonkeyPatch,
) -> None:
    translations = Translations(qapp)
    unlocked.translations = translations
    try:
        unlocked.apply_settings(replace(unlocked.settings, language="es"))
        add_case_with_content(unlocked)
        fail_once(monkeypatch, unlocked.service, "search")
        unlocked.main_view.home.search_field.setText("brazo")
        qtbot.keyClick(unlocked.main_view.home.search_field, Qt.Key.Key_Return)
        screen = unlocked.lock_screen
        assert isinstance(screen, UnlockScreen) and not unlocked.session.is_open
        assert "safeconf se bloqueó para proteger los registros" in screen.problem.text()
        assert screen.problem.accessibleName() == ""  # its text is what a reader hears
        assert unnamed_controls(unlocked) == []
    finally:
        translations.apply("en")


def test_the_stopped_screen_names_its_only_control_and_gives_it_the_focus(
    qtbot: Any, unlocked: AppWindow,
) -> None:
    panel = StoppedPanel(unlocked)
    unlocked.show_only(panel)
    assert unnamed_controls(unlocked) == []
    qtbot.waitUntil(panel.close_button.hasFocus)
