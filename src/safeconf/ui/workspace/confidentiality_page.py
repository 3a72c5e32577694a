"""Step 3 — confidentiality: for each present attendee, show the statement in their language
and record how they acknowledged it (or that they refused, which excludes them)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.conferences import ConferenceService
from safeconf.app.privacy_notice import PrivacyNoticeService
from safeconf.domain.gate import acknowledges
from safeconf.domain.records import AckMethod, Acknowledgment, Attendee, Presence
from safeconf.domain.statements import Statement
from safeconf.ui import labels
from safeconf.ui.messages import user_message
from safeconf.ui.prompts import Prompter
from safeconf.ui.widgets import show_status, statement_view, status_label, user_errors
from safeconf.ui.workspace.acknowledge_form import AcknowledgeForm
from safeconf.ui.workspace.privacy_notice import PrivacyNoticePanel
from safeconf.ui.workspace.step_page import StepPage

Index = QModelIndex | QPersistentModelIndex
SHOWN = (Presence.PRESENT, Presence.EXCLUDED)


class AckStatusModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[Attendee, Acknowledgment | None, bool]] = []

    def set_rows(self, rows: list[tuple[Attendee, Acknowledgment | None, bool]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Attendee"), self.tr("Language"), self.tr("Acknowledgment"))[section]
        return None

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
        self.read_only = False

        self.model = AckStatusModel(self)
        self.table = QTableView(self)
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
        self.handover_button.setAccessibleName(self.tr("Hand over to attendee"))
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
        needed += 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()
        self.table.setMinimumWidth(min(needed, self.fontMetrics().averageCharWidth() * 60))
        target = keep.id if keep else None
        if target is None or not any(r[0].id == target for r in rows):
            waiting = [r for r in rows if not r[2] and r[0].presence is Presence.PRESENT]
            target = waiting[0][0].id if waiting else (rows[0][0].id if rows else None)
        self.select_attendee(target)
        if not rows:
            show_status(self.message, self.tr(
                "Nobody is marked present yet. Check attendees in first (step 2)."))
        self._show_selected()

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
        can_record = attendee is not None and attendee.presence is Presence.PRESENT
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
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Not recorded"), user_message(exc))
            return
        show_status(self.message, self.tr("Recorded."))
        self.refresh()
        self.changed.emit()

    def _handover(self) -> None:
        attendee = self.selected()
        if attendee is not None:
            self.handover_requested.emit(attendee.id)

