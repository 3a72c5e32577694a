"""One conference, one screen: the steps Details → Attendees & check-in → Confidentiality →
Notes → Conclude in a sidebar (Alt+1…5 or arrow keys), each step a page."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.conferences import ConferenceService
from safeconf.domain.conference_states import is_read_only
from safeconf.domain.errors import DomainError
from safeconf.domain.records import Conference, Presence
from safeconf.ui import labels
from safeconf.ui.announce import announce
from safeconf.ui.disclosure.share_dialog import SHARE_KEYS, ShareDialog
from safeconf.ui.prompts import Prompter
from safeconf.ui.workspace.attendees_page import AttendeesPage
from safeconf.ui.workspace.conclude_page import ConcludePage
from safeconf.ui.workspace.conference_form import ConferenceFields
from safeconf.ui.workspace.confidentiality_page import ConfidentialityPage
from safeconf.ui.workspace.notes_page import NotesPage
from safeconf.vault.errors import VaultError

DETAILS, ATTENDEES, CONFIDENTIALITY, NOTES, CONCLUDE = range(5)


class DetailsPage(QWidget):
    """What describes the conference, editable until it is finalized."""

    saved = Signal()

    def __init__(self, service: ConferenceService, conference_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._conference_id = conference_id
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("<h3>Details</h3>"), self))
        self.case = QLabel(self)  # changing text: no accessible name
        lay.addWidget(self.case)
        form = QFormLayout()
        self.fields = ConferenceFields(form, self, service.user)
        lay.addLayout(form)
        self.message = QLabel(self)  # changing text: no accessible name
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Sa&ve details"), self)
        self.save_button.setAccessibleName(self.tr("Save details"))
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button)
        lay.addLayout(row)
        lay.addStretch(1)

    def load(self, read_only: bool) -> None:
        conf = self._service.conference(self._conference_id)
        case = self._service.case(conf.case_id)
        self.case.setText(f"<b>{html.escape(case.case_number)}</b> — "
                          f"{html.escape(case.family_name)} · {labels.name(conf.state)}")
        self.fields.load(conf)
        for widget in (*self.fields.widgets(), self.save_button):
            widget.setEnabled(not read_only)
        self.message.setText(
            self.tr("Finalized: details can no longer change.") if read_only else ""
        )

    def save(self) -> bool:
        try:
            self._service.update_details(self._conference_id, **self.fields.values())
        except (DomainError, VaultError) as exc:
            self.message.setText(str(exc))
            announce(self.message, str(exc), urgent=True)
            return False
        self.saved.emit()  # the workspace reloads everything, this page included
        self.message.setText(self.tr("Details saved."))
        announce(self.message, self.message.text())
        return True


class Workspace(QWidget):
    closed = Signal()
    handover_requested = Signal(str)  # attendee id

    def __init__(
        self,
        service: ConferenceService,
        prompter: Prompter,
        conference_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self.conference_id = conference_id
        service.open_case(service.conference(conference_id).case_id)  # audited, once
        self.back_button = QPushButton(self.tr("← &Back to conferences"), self)
        self.back_button.setAccessibleName(self.tr("Back to conferences"))
        self.header = QLabel(self)  # changing text: no accessible name
        self.steps = QListWidget(self)
        self.steps.setAccessibleName(self.tr("Conference steps"))
        self._step_titles = (
            self.tr("Details"), self.tr("Attendees and check-in"),
            self.tr("Confidentiality"), self.tr("Notes"), self.tr("Conclude"),
        )
        for number, title in enumerate(self._step_titles, start=1):
            self.steps.addItem(f"{number}. {title}")
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QStackedWidget(self)
        self.details = DetailsPage(service, conference_id, self)
        self.details.saved.connect(self.refresh)
        self.notes = NotesPage(service, prompter, conference_id, self)
        self.attendees = AttendeesPage(service, prompter, conference_id, self.notes.flush, self)
        self.confidentiality = ConfidentialityPage(service, prompter, conference_id, self)
        self.conclude = ConcludePage(service, prompter, conference_id, self)
        for page in (self.details, self.attendees, self.confidentiality, self.notes,
                     self.conclude):
            self.pages.addWidget(page)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.header, 1)
        body = QHBoxLayout()
        body.addWidget(self.steps)
        body.addWidget(self.pages, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(body, 1)

        self.steps.currentRowChanged.connect(self._show_step)
        self.back_button.clicked.connect(self.close_workspace)
        for page in (self.attendees, self.confidentiality, self.notes, self.conclude):
            page.changed.connect(self.refresh)
        self.confidentiality.handover_requested.connect(self.handover_requested)
        self.notes.acknowledge_requested.connect(self.acknowledge_next)
        self.notes.saved.connect(lambda _id: self._show_header())  # the first note starts it
        for number in range(5):
            shortcut = QShortcut(QKeySequence(f"Alt+{number + 1}"), self)
            shortcut.activated.connect(lambda n=number: self.go_to(n, focus=True))
        # -- May I share this? (issue #9): Ctrl+Shift+D; on the notes step, that note --
        self._prompter = prompter
        self.share_action = QAction(self.tr("May I share this?…"), self)
        self.share_action.setShortcut(QKeySequence(SHARE_KEYS))
        self.share_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.share_action.triggered.connect(lambda: self.share())
        self.addAction(self.share_action)
        self.notes.share_requested.connect(lambda note_id: self.share((note_id,)))
        # -- end of May I share this? --
        self.setTabOrder(self.back_button, self.steps)
        self.setTabOrder(self.steps, self.pages)
        self.refresh()
        gate = service.gate(conference_id)
        self.go_to(ATTENDEES if gate.nobody_present else CONFIDENTIALITY
                   if not gate.open else NOTES)

    def focus_start(self) -> None:
        """On opening: the cursor where the room's next action is (checking in, or the next
        acknowledgment); with the room done, on the steps."""
        step = self.pages.currentIndex()
        if step in (ATTENDEES, CONFIDENTIALITY):
            self.go_to(step, focus=True)
        else:
            self.steps.setFocus()

    def go_to(self, step: int, focus: bool = False) -> None:
        """Show a step; with `focus` (a step's shortcut), the cursor goes to that step's
        next action: the person to check in, the person still to acknowledge."""
        self.steps.setCurrentRow(step)
        if not focus:
            return
        if step == ATTENDEES:
            self.attendees.focus_next_action()
        elif step == CONFIDENTIALITY:
            self.confidentiality.take_focus()

    def acknowledge_next(self) -> None:
        """From the notes banner: the confidentiality step, with the first person the banner
        names selected and the cursor in their acknowledgment."""
        self.go_to(CONFIDENTIALITY)
        self.confidentiality.select_next_waiting()

    def _show_step(self, step: int) -> None:
        if step < 0:
            return
        if self.pages.currentIndex() == NOTES and step != NOTES:
            self.notes.flush()
        page = self.pages.widget(step)
        if hasattr(page, "refresh"):
            page.refresh()
        self.pages.setCurrentIndex(step)

    def refresh(self) -> None:
        conf = self._show_header()
        read_only = is_read_only(conf.state)
        self.details.load(read_only)
        self._mark_steps(read_only)
        self.attendees.set_read_only(read_only)
        self.attendees.refresh()
        self.confidentiality.set_read_only(read_only)
        self.confidentiality.refresh()
        self.notes.set_read_only(read_only)
        self.conclude.set_read_only(read_only)
        self.conclude.refresh()

    def _show_header(self) -> Conference:
        """The case, the conference and its state as stored now."""
        conf = self._service.conference(self.conference_id)
        case = self._service.case(conf.case_id)
        self.header.setText(
            f"<b>{html.escape(case.case_number)}</b> — {html.escape(case.family_name)} · "
            f"{labels.name(conf.kind)} · {labels.local_datetime(conf.scheduled_start)} · "
            f"<i>{labels.name(conf.state)}</i>"
        )
        return conf

    def _mark_steps(self, read_only: bool) -> None:
        """Say on the step list where attention is needed (waiting, paused, read-only)."""
        gate = self._service.gate(self.conference_id)
        present = sum(1 for a in self._service.attendees(self.conference_id)
                      if a.presence is Presence.PRESENT)
        marks = ["", self.tr("%n present", "", present), "", "", ""]
        if gate.missing:
            marks[CONFIDENTIALITY] = self.tr("%n waiting", "", len(gate.missing))
        if not gate.open:
            marks[NOTES] = self.tr("paused")
        if read_only:
            marks[NOTES] = self.tr("read-only")
            marks[CONCLUDE] = self.tr("finalized")
        widest = 0
        metrics = self.steps.fontMetrics()
        for row, (title, mark) in enumerate(zip(self._step_titles, marks, strict=True)):
            text = f"{row + 1}. {title}" + (f" — {mark}" if mark else "")
            self.steps.item(row).setText(text)
            widest = max(widest, metrics.horizontalAdvance(text))
        # Wide enough for every step's text at the current font size; never a scroll bar.
        self.steps.setFixedWidth(widest + 4 * metrics.averageCharWidth()
                                 + 2 * self.steps.frameWidth())

    def flush(self) -> bool:
        return self.notes.flush()

    def share(self, note_ids: tuple[str, ...] | None = None) -> None:
        """"May I share this?" for this conference; on the notes step, the note shown."""
        if note_ids is None:
            shown = self.notes.current_note_id() if self.pages.currentIndex() == NOTES \
                else None
            note_ids = (shown,) if shown else ()
        self.flush()
        case_id = self._service.conference(self.conference_id).case_id
        self._prompter.run(ShareDialog(self._service.session, case_id, self._prompter, self,
                                       conference_id=self.conference_id, note_ids=note_ids))

    def close_workspace(self) -> None:
        self.flush()
        self.closed.emit()
