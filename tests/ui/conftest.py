"""UI test set-up: a scripted Prompter (the one dialog seam) and a main window built on a
private data directory with the real keyring and cheap key derivation."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QWidget

from safeconf.app.conferences import ConferenceService
from safeconf.app.session import VaultSession
from safeconf.app.staff_terms import StaffTermsService
from safeconf.domain.records import AckMethod, Language, NoteSection, Presence, Role
from safeconf.resource_files import resource
from safeconf.ui.app_window import AppWindow
from safeconf.ui.lock.fail_closed import FailClosed
from safeconf.ui.prompts import Prompter
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams

PASSPHRASE = "correct horse battery staple"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns about a window-manager hint it cannot pass on.
    for item in items:
        if "tests/ui" in str(item.fspath):
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints"))


class AcknowledgedSession(VaultSession):
    """A session whose new vault's worker has already acknowledged the staff terms, so only
    the tests of that acknowledgment meet its screen."""

    def create(self, passphrase: str, user: str | None = None) -> None:
        super().create(passphrase, user)
        acknowledge_staff_terms(self)


def acknowledge_staff_terms(session: VaultSession) -> None:
    terms = StaffTermsService(session)
    terms.acknowledge(terms.terms(Language.ENGLISH))


def vault_with_open_conference(data_dir: Path, secrets: SystemKeyring, kdf: KdfParams,
                               case_number: str, parent: str,
                               ) -> tuple[VaultSession, ConferenceService, str]:
    """A new, locked vault holding a conference whose one attendee, a parent, is present and
    has acknowledged, so its notes may be written: (session, service, conference id)."""
    session = VaultSession(data_dir, secrets, kdf)
    session.create(PASSPHRASE)
    acknowledge_staff_terms(session)
    service = ConferenceService(session)
    case = service.create_case(case_number, parent.split()[-1])
    conf = service.create_conference(case.id, datetime.now().astimezone())
    person = service.add_attendee(conf.id, parent, Role.PARENT)
    service.set_presence(person.id, Presence.PRESENT)
    service.acknowledge(person.id, AckMethod.TYPED_NAME, service.statement_for(person),
                        typed_name=parent)
    session.lock()
    return session, service, conf.id


@contextmanager
def app_typing_into_notes(child: str, data_dir: Path, conference_id: str,
                          text: str) -> Iterator[subprocess.Popen[str]]:
    """The app in a child process (`tests.ui.<child>`) unlocking the vault and typing
    `text` into the conference's notes; killed at the end if it is still running."""
    process = subprocess.Popen(
        [sys.executable, "-m", f"tests.ui.{child}", str(data_dir), conference_id, text],
        cwd=Path(__file__).resolve().parents[2], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
        env=dict(os.environ, SAFECONF_TEST_PASSPHRASE=PASSPHRASE),
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def assert_concerns_kept(session: VaultSession, service: ConferenceService,
                         conference_id: str, text: str) -> None:
    """The vault holds `text` as the conference's concerns note and as its latest revision."""
    session.unlock(PASSPHRASE)
    try:
        note = service.notes(conference_id)[NoteSection.CONCERNS]
        assert note.body == text
        assert service.revisions(note.id)[-1].body == text
    finally:
        session.lock()


class ScriptedPrompter(Prompter):
    """Answers dialogs from a script; records every message shown."""

    def __init__(self) -> None:
        self.fillers: dict[type, list[Callable[[Any], bool]]] = {}
        self.confirm_answers: list[bool] = []
        self.messages: list[tuple[str, str, str]] = []
        self.confirm_defaults: list[bool] = []  # what Enter would have answered
        self.ran: list[QDialog] = []
        self.save_paths: list[Path | None] = []  # answers to save_file, in order

    def on(self, kind: type, filler: Callable[[Any], bool]) -> None:
        self.fillers.setdefault(kind, []).append(filler)

    def confirm(self, parent: QWidget | None, title: str, text: str,
                default_yes: bool = False) -> bool:
        self.messages.append(("confirm", title, text))
        self.confirm_defaults.append(default_yes)
        return self.confirm_answers.pop(0) if self.confirm_answers else True

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self.messages.append(("inform", title, text))

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.messages.append(("error", title, text))

    def save_file(self, parent: QWidget | None, title: str, suggested: str,
                  filters: str) -> Path | None:
        self.messages.append(("save_file", title, suggested))
        return self.save_paths.pop(0) if self.save_paths else None

    def run(self, dialog: QDialog) -> bool:
        self.ran.append(dialog)
        queue = self.fillers.get(type(dialog))
        if not queue:
            return False
        accepted = queue.pop(0)(dialog)
        return bool(accepted)


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations() -> None:
    """The Spanish .qm is a build product (make translations); build it if missing."""
    with_qm = resource("i18n", "safeconf_es.qm")
    ts = Path(str(resource("i18n", "safeconf_es.ts")))
    if ts.exists() and (not Path(str(with_qm)).exists()
                        or Path(str(with_qm)).stat().st_mtime < ts.stat().st_mtime):
        lrelease = Path(sys.executable).with_name("pyside6-lrelease")
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(with_qm)], check=False)


@pytest.fixture
def prompter() -> ScriptedPrompter:
    return ScriptedPrompter()


@pytest.fixture
def make_window(
    qtbot: Any, data_dir: Path, keyring_store: SystemKeyring, fast_kdf: KdfParams,
    prompter: ScriptedPrompter,
) -> Iterator[Callable[..., AppWindow]]:
    made: list[AppWindow] = []
    hooks: list[FailClosed] = []

    def make(secrets: SystemKeyring | None = None, staff_terms_acknowledged: bool = True,
             staff_terms: StaffTermsService | None = None) -> AppWindow:
        kind = AcknowledgedSession if staff_terms_acknowledged else VaultSession
        session = kind(data_dir, secrets or keyring_store, fast_kdf)
        window = AppWindow(session, prompter=prompter, staff_terms=staff_terms)
        # As run_app does; the hook hands each failure on to pytest-qt's capture too, so an
        # unexpected exception still fails the test (unless it is marked as expected).
        hooks.append(FailClosed(window).install())
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for hook in reversed(hooks):
        hook.uninstall()
    for window in made:
        if window.in_handover:
            window.leave_handover()  # so the window may close
        window.session.lock()


@pytest.fixture
def unlocked(qtbot: Any, make_window: Callable[..., AppWindow]) -> AppWindow:
    """A window on a fresh vault, created through the first-run screen."""
    window = make_window()
    screen = window.lock_screen
    screen.passphrase.setText(PASSPHRASE)
    screen.repeat.setText(PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        screen.create_button.click()
    return window
