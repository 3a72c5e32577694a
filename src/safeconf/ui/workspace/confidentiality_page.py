"""Step 3 — confidentiality: for each present attendee, show the statement in their language
and record how they acknowledged it (or that they refused, which excludes them).

After each acknowledgment the next person still waiting is selected, with the method used
last and the cursor in its field, so a room is acknowledged without reaching for the mouse.
Someone who has acknowledged can be neither asked again nor recorded as refusing."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.conferences import ConferenceService
from safeconf.app.privacy_notice import PrivacyNoticeService
from safeconf.domain.ack_proof import shown_fingerprint
from safeconf.domain.acknowledgment_rules import AckProblem
from safeconf.domain.errors import NotTheirAcknowledgment
from safeconf.domain.gate import acknowledges
from safeconf.domain.records import AckMethod, Acknowledgment, Attendee, Presence
from safeconf.domain.statements import Statement
from safeconf.ui import labels
from safeconf.ui.announce import tell
from safeconf.ui.case_text import block_copy_in
from safeconf.ui.messages import user_message
from safeconf.ui.prompts import Prompter
from safeconf.ui.rows_model import RowsModel
from safeconf.ui.widgets import name_as_shown, statement_view, status_label, user_errors
from safeconf.ui.workspace.acknowledge_form import AcknowledgeForm
from safeconf.ui.workspace.privacy_notice import PrivacyNoticePanel
from safeconf.ui.workspace.step_page import StepPage

Index = QModelIndex | QPersistentModelIndex
SHOWN = (Presence.PRESENT, Presence.EXCLUDED)


class AckStatusModel(RowsModel[tuple[Attendee, Acknowledgment | None, bool]]):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("Attendee"), self.tr("Language"), self.tr("Acknowledgment"),
                self.tr("Signing key"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole
        ):
            return None
        attendee, ack, valid = self.rows[index.row()]
        if index.column() == 0:
            return attendee.name
        if index.column() == 1:
            return labels.name(attendee.language)
        if index.column() == 3:
            return shown_fingerprint(ack) if ack is not None else ""
        if ack is None:
            return self.tr("Waiting")
        if ack.refused:
            return self.tr("Refused — excluded")
        status = labels.name(ack.method)
        return status if valid else status + " " + self.tr("(needs renewing)")


class ConfidentialityPage(StepPage):
    changed = Signal()
    handover_requested = Signal(str)  # attendee id

    def __init__(
        self,
        service: ConferenceService,
        prompter: Prompter,
        conference_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(service, prompter, conference_id, parent)
        self._statement: Statement | None = None
        self._handed_over: str | None = None  # whose hand-over the next refresh follows
        self.read_only = False

        self.model = AckStatusModel(self)
        self.table = QTableView(self)
        block_copy_in(self.table)  # names of the people in the room are case content
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Acknowledgments"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.heading = QLabel(self)  # names the attendee: changing text, no accessible name
        self.heading.setWordWrap(True)
        self.statement = statement_view(self)
        self.statement.setAccessibleName(self.tr("Confidentiality statement"))
        self.form = AcknowledgeForm(with_refuse=True, parent=self)
        self.handover_button = QPushButton(self.tr("&Hand the laptop to the attendee…"), self)
        name_as_shown(self.handover_button, self.tr("Hand over to attendee"))
        self.message = status_label(self)
        self.notice = PrivacyNoticePanel(PrivacyNoticeService(service.session), prompter,
                                         conference_id, self)

        left = QWidget(self)  # who acknowledged, and (for adult clients) the HIPAA Notice
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addWidget(self.table, 2)
        left_lay.addWidget(self.notice, 1)
        right = QWidget(self)
        right_lay = QVBoxLayout(right)
        right_lay.addWidget(self.heading)
        right_lay.addWidget(self.statement, 3)
        right_lay.addWidget(self.form, 2)
        right_lay.addWidget(self.handover_button)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<h3>Confidentiality</h3>"), self))
        top.addStretch(1)
        lay.addLayout(top)
        lay.addWidget(self.message)
        lay.addWidget(split, 1)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.form.submitted.connect(self._record)
        self.handover_button.clicked.connect(self._handover)
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.notice.set_read_only(read_only)
        self._show_selected()

    def refresh(self) -> None:
        self.notice.refresh()
        keep = self.selected()
        self._load_rows()
        target = keep.id if keep else None
        back_from = self._handed_over
        if back_from is not None and back_from not in self._waiting_ids():
            self._handed_over = None  # they acknowledged on the laptop: on to the next
        else:
            back_from = None
        if target is None or not any(r[0].id == target for r in self.model.rows):
            target = self._next_waiting(None)
        elif target == back_from:
            target = self._next_waiting(target)
        self.select_attendee(target)
        self._show_progress()
        self._show_selected()
        if back_from is not None:
            self.focus_next_action()

    def _load_rows(self) -> None:
        statements = self._service.statements()
        acks = self._service.acknowledgments(self._conference_id)
        rows = []
        for a in self._service.attendees(self._conference_id):
            if a.presence not in SHOWN:
                continue
            ack = acks.get(a.id)
            valid = bool(ack and not ack.refused and ack.language is a.language
                         and acknowledges(ack, statements[ack.language]))
            rows.append((a, ack, valid))
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        # Room for every column of the table, so nobody's status is cut off.
        needed = sum(self.table.columnWidth(c) for c in range(self.model.columnCount()))
        # Before the table is first shown its frame and bold header are not measured yet:
        # the style's frame, and two characters to spare, keep it from scrolling sideways.
        frame = self.table.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
        char = self.fontMetrics().averageCharWidth()
        needed += 2 * frame + self.table.verticalScrollBar().sizeHint().width() + 2 * char
        self.table.setMinimumWidth(min(needed, char * 96))

    def _waiting_ids(self) -> list[str]:
        return [a.id for a, _ack, valid in self.model.rows
                if not valid and a.presence is Presence.PRESENT]

    def _next_waiting(self, after: str | None) -> str | None:
        """The next person still waiting after `after` in the list (wrapping round); the
        first row when nobody is waiting."""
        order = [a.id for a, _ack, _valid in self.model.rows]
        waiting = set(self._waiting_ids())
        start = order.index(after) + 1 if after in order else 0
        for attendee_id in order[start:] + order[:start]:
            if attendee_id in waiting:
                return attendee_id
        return order[0] if order else None

    def select_next_waiting(self) -> None:
        """Select the first person still waiting (as the notes banner names them) and put
        the cursor where their acknowledgment is taken."""
        self.refresh()
        self.select_attendee(self._next_waiting(None))
        self.focus_next_action()

    def take_focus(self) -> None:
        """Arriving at this step: keep a selection that still waits, else take the next
        person waiting; the cursor goes to their acknowledgment."""
        selected = self.selected()
        waiting = self._waiting_ids()
        if waiting and (selected is None or selected.id not in waiting):
            self.select_attendee(self._next_waiting(None))
        self.focus_next_action()

    def focus_next_action(self) -> None:
        if self.form.isEnabled():
            self.form.focus_input()
        else:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_progress(self, recorded: bool = False) -> None:
        """Say how far the room is (never "nobody present" while people are listed)."""
        present = [r for r in self.model.rows if r[0].presence is Presence.PRESENT]
        if not present:
            tell(self.message, self.tr(
                "Nobody is marked present yet. Check attendees in first (step 2)."))
            return
        waiting = len(self._waiting_ids())
        text = self.tr(
            "Everyone present has acknowledged: notes are open (Alt+4).") if not waiting \
            else self.tr("%n present attendee(s) still to acknowledge.", "", waiting)
        tell(self.message, (self.tr("Recorded.") + " " + text) if recorded else text)

    def _acknowledged(self, attendee: Attendee) -> Acknowledgment | None:
        for a, ack, valid in self.model.rows:
            if a.id == attendee.id and valid:
                return ack
        return None

    def select_attendee(self, attendee_id: str | None) -> None:
        for row, (a, _ack, _valid) in enumerate(self.model.rows):
            if a.id == attendee_id:
                self.table.selectRow(row)
                return

    def selected(self) -> Attendee | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()][0] if rows else None

    def _show_selected(self) -> None:
        attendee = self.selected()
        done = self._acknowledged(attendee) if attendee is not None else None
        can_record = attendee is not None and attendee.presence is Presence.PRESENT \
            and done is None
        self.form.setEnabled(can_record and not self.read_only)
        self.handover_button.setEnabled(can_record and not self.read_only)
        if attendee is None:
            self.heading.setText("")
            self.statement.clear()
            self._statement = None
            return
        self._statement = self._service.statement_for(attendee)
        self.heading.setText(self.tr("Statement for <b>%1</b>, in %2 (version %3)")
                             .replace("%1", html.escape(attendee.name))
                             .replace("%2", labels.name(attendee.language))
                             .replace("%3", str(self._statement.version)))
        if done is not None:
            self.heading.setText(
                self.tr("<b>%1</b> has acknowledged this statement (%2, %3).")
                .replace("%1", html.escape(attendee.name))
                .replace("%2", labels.name(done.method))
                .replace("%3", labels.local_time(done.signed_at)))
        if self.statement.toPlainText() != self._statement.text:
            self.statement.setPlainText(self._statement.text)
        self.form.reset()

    def _record(self, method: AckMethod, typed: str, witness: str, png: bytes | None) -> None:
        attendee, statement = self.selected(), self._statement
        if attendee is None or statement is None:
            return
        if method is AckMethod.REFUSED and not self._prompter.confirm(
            self, self.tr("Record refusal"),
            self.tr("Record that %1 refuses to acknowledge? They will be marked excluded "
                    "and must leave the meeting.").replace("%1", attendee.name),
        ):
            return
        try:
            self._service.acknowledge(attendee.id, method, statement, typed_name=typed,
                                      witness=witness, signature_png=png)
        except NotTheirAcknowledgment as exc:
            self._prompter.error(self, self.tr("Not recorded"), self._problem_text(exc,
                                                                                   attendee))
            self.form.focus_input()
            return
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Not recorded"), user_message(exc))
            return
        self.refresh()
        self.select_attendee(self._next_waiting(attendee.id))
        self.focus_next_action()
        self._show_progress(recorded=True)
        self.changed.emit()

    def _problem_text(self, exc: NotTheirAcknowledgment, attendee: Attendee) -> str:
        if exc.problem == AckProblem.TYPED_NAME_NOT_THEIRS:
            return self.tr("The typed name must be the attendee's own name as recorded, %1 "
                           "(the given name may be an initial).").replace("%1", attendee.name)
        if exc.problem == AckProblem.WITNESS_IS_FACILITATOR:
            return self.tr("You attest a verbal agreement as facilitator, so you cannot also "
                           "be its witness. Name someone else who heard it.")
        return self.tr("The attendee cannot witness their own agreement. Name someone else "
                       "who heard it.")

    def _handover(self) -> None:
        attendee = self.selected()
        if attendee is not None:
            self._handed_over = attendee.id
            self.handover_requested.emit(attendee.id)

