"""Every screen of the app, one after the other, for tests that check each of them (Tab
leaves tables and editors, no two controls share a mnemonic), and what the keyboard reaches
on a screen: its mnemonics, its shortcuts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTabBar,
    QWidget,
)

from safeconf.app.consents import ConsentService, ConsentTerms
from safeconf.app.losses import LossReportService
from safeconf.app.people import PeopleService
from safeconf.domain.records import (
    AckMethod,
    ConsentForm,
    Language,
    PersonKind,
    Presence,
    Role,
    SignerCapacity,
)
from safeconf.ui.app_window import AppWindow
from safeconf.ui.disclosure.consent_request_form import ConsentRequestForm
from safeconf.ui.disclosure.consents_dialog import ConsentsDialog, SignatureDialog
from safeconf.ui.disclosure.history_view import HistoryDialog
from safeconf.ui.disclosure.people_dialog import PeopleDialog, PersonForm
from safeconf.ui.lock.lock_screens import UnlockScreen
from safeconf.ui.losses.report_breach_dialog import ReportBreachDialog
from safeconf.ui.losses.report_loss_dialog import ReportLossDialog
from safeconf.ui.settings_dialog import SettingsDialog
from safeconf.ui.sync.conflict_review import ConflictReviewDialog
from safeconf.ui.sync.sync_widgets import EnrollDialog
from safeconf.ui.workspace.attendees_page import AttendeeDialog
from safeconf.ui.workspace.conference_workspace import (
    ATTENDEES,
    CONCLUDE,
    CONFIDENTIALITY,
    DETAILS,
    NOTES,
)
from safeconf.ui.workspace.new_dialogs import NewCaseDialog, NewConferenceDialog
from safeconf.ui.workspace.notes_page import RevisionsDialog
from safeconf.ui.workspace.printing import preview_dialog
from safeconf.vault.sync_store import Credentials
from tests.ui.conftest import PASSPHRASE


@dataclass(frozen=True)
class Binding:
    """One key the user can press on a screen and what it reaches."""

    keys: str  # e.g. "Alt+F", in QKeySequence's portable text
    what: str  # the control's visible text without "&", or the action's
    kind: str  # "mnemonic" or "shortcut"


def plain(text: str) -> str:
    """A control's text as the user reads it: mnemonic markers dropped, "&&" kept as "&"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def mnemonic(text: str) -> str:
    return QKeySequence.mnemonic(text).toString(QKeySequence.SequenceFormat.PortableText)


def shown(widget: QWidget, root: QWidget) -> bool:
    return widget is root or widget.isVisibleTo(root)


def mnemonics(root: QWidget) -> list[Binding]:
    """The Alt+letter keys of every control shown in `root`'s window: buttons, labels that
    focus a buddy, group boxes, tabs, and the menu bar's menus."""
    found: list[Binding] = []

    def add(text: str) -> None:
        keys = mnemonic(text)
        if keys:
            found.append(Binding(keys, plain(text), "mnemonic"))

    for widget in [root, *root.findChildren(QWidget)]:
        if not shown(widget, root):
            continue
        if isinstance(widget, QAbstractButton) or (
                isinstance(widget, QLabel) and widget.buddy() is not None):
            add(widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget.title())
        elif isinstance(widget, QTabBar):
            for tab in range(widget.count()):
                if widget.isTabVisible(tab):
                    add(widget.tabText(tab))
        elif isinstance(widget, QMenuBar | QMenu):
            for action in widget.actions():
                if action.isVisible():
                    add(action.text())
    return found


def shortcuts(root: QWidget) -> list[Binding]:
    """The key sequences of the enabled actions and shortcuts that belong to widgets shown
    in `root`'s window (menu entries included: their window reaches them)."""
    found: list[Binding] = []
    actions = {*root.actions(), *root.findChildren(QAction)}
    for action in actions:
        parent = action.parent()
        if action.isEnabled() and isinstance(parent, QWidget) and shown(parent, root):
            found.extend(Binding(keys.toString(QKeySequence.SequenceFormat.PortableText),
                                 plain(action.text()), "shortcut")
                         for keys in action.shortcuts())
    for shortcut in root.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.isEnabled() and isinstance(parent, QWidget) and shown(parent, root):
            found.append(Binding(
                shortcut.key().toString(QKeySequence.SequenceFormat.PortableText), "",
                "shortcut"))
    return found


def seed_conference(window: AppWindow) -> str:
    """A case and today's conference with a Spanish- and an English-speaking parent present;
    one acknowledged, one waiting, and one revision of a note."""
    service = window.service
    case = service.create_case("2026-0900", "Quintero")
    conf = service.create_conference(case.id, datetime.now().astimezone())
    people = {}
    for name, lang in (("Rocío Quintero", Language.SPANISH), ("Dan Quintero", Language.ENGLISH)):
        people[name] = service.add_attendee(conf.id, name, Role.PARENT, language=lang)
        service.set_presence(people[name].id, Presence.PRESENT)
    return conf.id


def acknowledge_everyone(window: AppWindow, conference_id: str) -> None:
    service = window.service
    for person in service.attendees(conference_id):
        service.acknowledge(person.id, AckMethod.TYPED_NAME, service.statement_for(person),
                            typed_name=person.name)


def activate(qtbot: Any, widget: QWidget) -> None:
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window())


def walk_screens(qtbot: Any, window: AppWindow) -> Iterator[tuple[str, QWidget]]:
    """Yield (name, root) for each screen and dialog the facilitator can reach, starting
    from a window on the first-run screen; each is on screen and active while the caller
    looks. A dialog's root is the dialog; a screen's is the whole window, menu bar included.
    The window ends locked."""
    activate(qtbot, window)
    yield "first run", window
    first_run = window.lock_screen
    first_run.passphrase.setText(PASSPHRASE)
    first_run.repeat.setText(PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        first_run.create_button.click()
    conference_id = seed_conference(window)
    main = window.main_view
    assert main is not None
    main.home.refresh()
    yield "conference list", window
    for menu in (a.menu() for a in window.menuBar().actions() if a.menu() is not None):
        yield f"{plain(menu.title())} menu", menu
    main.home.search_field.setText("Quintero")
    main.home.run_search()
    yield "conference list with search results", window
    yield from dialogs(qtbot, window, (
        ("New case", lambda: NewCaseDialog(window)),
        ("New conference", lambda: NewConferenceDialog(
            window.service.cases(), window.service.user, None, window)),
        ("Settings", lambda: SettingsDialog(window.settings, window)),
        ("Enroll with HQ", lambda: EnrollDialog(window.sync.service, window)),
        ("Review conflicts", lambda: ConflictReviewDialog(
            window.conflicts, window.prompter, window)),
        ("Disclosure history", lambda: HistoryDialog(
            window.service.session, window.service.conference(conference_id).case_id,
            window.prompter, window)),
        ("Report a loss", lambda: ReportLossDialog(LossReportService(window.session),
                                                   parent=window)),  # issue #10
        ("Report a breach", lambda: ReportBreachDialog(LossReportService(window.session),
                                                       window)),
    ))
    yield from people_and_consents(qtbot, window)  # issue #9
    yield from legal_request_screens(qtbot, window)  # issue #10

    main.open_conference(conference_id)
    workspace = main.workspace
    assert workspace is not None
    for step, name in ((DETAILS, "Details"), (ATTENDEES, "Attendees")):
        workspace.go_to(step)
        yield name, window
    workspace.attendees.table.selectRow(0)
    first = workspace.attendees.selected()
    yield from dialogs(qtbot, window, (
        ("Add attendee", lambda: AttendeeDialog(None, window)),
        ("Edit attendee", lambda: AttendeeDialog(first, window)),
    ))
    workspace.go_to(CONFIDENTIALITY)
    tabs = workspace.confidentiality.form.tabs
    for tab in range(tabs.count()):  # each method shows its own controls
        tabs.setCurrentIndex(tab)
        yield f"Confidentiality ({plain(tabs.tabText(tab))})", window
    workspace.go_to(NOTES)
    yield "Notes (paused)", window

    for attendee in window.service.attendees(conference_id):  # one per language
        window.enter_handover(conference_id, attendee.id)
        handover = window.handover
        assert handover is not None
        for tab in range(handover.form.tabs.count()):
            handover.form.tabs.setCurrentIndex(tab)
            yield f"hand-over ({attendee.language.value}, tab {tab + 1})", window
        window.leave_handover()

    acknowledge_everyone(window, conference_id)
    workspace.refresh()
    workspace.go_to(NOTES)
    note = window.service.save_note(conference_id, workspace.notes.section, "Two visits.")
    workspace.notes.refresh()
    yield "Notes", window
    yield from dialogs(qtbot, window, (
        ("Revision history", lambda: RevisionsDialog(window.service.revisions(note.id),
                                                     window)),
    ))
    workspace.go_to(CONCLUDE)
    yield "Conclude", window
    yield from dialogs(qtbot, window, (
        ("Print roster", lambda: preview_dialog(window.service, conference_id,
                                                window.prompter, window)),
    ))
    window.service.finalize(conference_id)
    workspace.refresh()
    workspace.go_to(NOTES)
    yield "Notes (finalized)", window
    workspace.go_to(CONCLUDE)
    yield "Conclude (finalized)", window

    window.lock()
    activate(qtbot, window)
    yield "unlock", window
    yield from dialogs(qtbot, window, (
        ("Report a loss (locked)", lambda: ReportLossDialog(
            LossReportService(window.session), locked=True, parent=window)),
    ))

    # A laptop that has not synced for 30 days shows only the check-in screen.
    unlock_with(qtbot, window)
    vault = window.session.vault
    vault.sync.save_credentials(Credentials("dev-1", "w.tester", "https://127.0.0.1:9",
                                            "CA", "CERT", "KEY"))
    vault.sync.put("last_sync_at", "2026-01-01T00:00:00+00:00")
    window.lock()
    with qtbot.waitSignal(window.sync.failed, timeout=30_000):  # HQ is out of reach
        unlock_with(qtbot, window)
    assert window.check_in is not None
    activate(qtbot, window)
    yield "check-in with HQ", window
    window.lock()


def people_and_consents(qtbot: Any, window: AppWindow) -> Iterator[tuple[str, QWidget]]:
    """The people and consents screens of the seeded case, with a person and a consent
    requested so every button shows."""
    session = window.service.session
    case_id = window.service.cases()[0].id
    person = PeopleService(session).add(case_id, "Rocío Quintero", PersonKind.CLIENT)
    ConsentService(session).request(case_id, ConsentTerms(
        form=ConsentForm.RELEASE, client_name=person.name, given_by_name=person.name,
        given_by_capacity=SignerCapacity.SELF, information=["conference summary"],
        recipients=["School counselor"], valid_from=datetime(2026, 1, 1, tzinfo=UTC),
        valid_until=datetime(2027, 1, 1, tzinfo=UTC)))
    people = PeopleService(session).for_case(case_id)
    yield from dialogs(qtbot, window, (
        ("People on the case", lambda: PeopleDialog(session, case_id, window.prompter,
                                                    window)),
        ("Add person", lambda: PersonForm(people, None, lambda _v: None, window)),
        ("Consents", lambda: ConsentsDialog(session, case_id, window,
                                            prompter=window.prompter)),
        ("Request consent", lambda: ConsentRequestForm(people, lambda _t: None, None,
                                                       window)),
        ("Record signature", lambda: SignatureDialog(person.name, window)),
    ))


def legal_request_screens(qtbot: Any, window: AppWindow) -> Iterator[tuple[str, QWidget]]:
    """The legal requests of the seeded case (one logged, so the detail shows), the form to
    log one, and the deadlines."""
    from safeconf.app.legal_requests import LegalRequestService
    from safeconf.domain.records import LegalRequestKind, RequesterBody
    from safeconf.ui.legal.requests_dialog import (
        DeadlinesDialog,
        LegalRequestsDialog,
        LogRequestForm,
    )

    session = window.service.session
    case_id = window.service.cases()[0].id
    service = LegalRequestService(session)
    service.log(case_id, kind=LegalRequestKind.SUBPOENA, requester="Clerk J. Diaz",
                requester_body="Family Court", body_kind=RequesterBody.COURT,
                asked="Conference notes", received_on=date.today(), business_days=10)
    yield from dialogs(qtbot, window, (
        ("Legal requests", lambda: LegalRequestsDialog(session, case_id, window.prompter,
                                                       window)),
        ("Log a legal request", lambda: LogRequestForm(service, window.prompter,
                                                       lambda _p: [], date.today(), window)),
        ("Deadlines", lambda: DeadlinesDialog(session, window)),
    ))


def unlock_with(qtbot: Any, window: AppWindow) -> None:
    screen = window.lock_screen
    assert isinstance(screen, UnlockScreen)
    screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        screen.unlock_button.click()


def dialogs(qtbot: Any, window: AppWindow,
            makers: tuple[tuple[str, Callable[[], QDialog]], ...]
            ) -> Iterator[tuple[str, QWidget]]:
    for name, make in makers:
        dialog = make()
        qtbot.addWidget(dialog)
        activate(qtbot, dialog)
        yield name, dialog
        dialog.reject()
    activate(qtbot, window)
