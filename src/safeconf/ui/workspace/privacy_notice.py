"""The HIPAA Notice of Privacy Practices in the confidentiality step: which adult clients
have received it, refused it or not yet been given it, and giving it (the text in the
attendee's language, then Received or Refused). Keyboard-operable throughout."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.privacy_notice import PrivacyNoticeService
from safeconf.domain.privacy_notice import NoticeStatus
from safeconf.domain.records import Attendee, NoticeResponse
from safeconf.domain.statements import Statement
from safeconf.ui import labels
from safeconf.ui.case_text import block_copy_in
from safeconf.ui.messages import user_message
from safeconf.ui.prompts import Prompter
from safeconf.ui.rows_model import RowsModel
from safeconf.ui.widgets import statement_view, user_errors

Index = QModelIndex | QPersistentModelIndex
_CTX = "PrivacyNotice"


# Literal contexts: lupdate finds a text only where its context is written out.
_STATUS = {
    NoticeStatus.RECEIVED: QT_TRANSLATE_NOOP("PrivacyNotice", "Notice received"),
    NoticeStatus.REFUSED: QT_TRANSLATE_NOOP("PrivacyNotice", "Notice refused"),
    NoticeStatus.NOT_YET: QT_TRANSLATE_NOOP("PrivacyNotice", "Notice not yet given"),
}


def status_text(status: NoticeStatus) -> str:
    return QCoreApplication.translate(_CTX, str(_STATUS[status]))


class NoticeStatusModel(RowsModel[tuple[Attendee, NoticeStatus]]):
    """The conference's adult clients and where each stands with the Notice."""

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Adult client"), self.tr("Privacy notice"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole
        ):
            return None
        attendee, status = self.rows[index.row()]
        return attendee.name if index.column() == 0 else status_text(status)


class PrivacyNoticeDialog(QDialog):
    """The Notice in the attendee's language; Received or Refused records the answer."""

    def __init__(self, attendee: Attendee, notice: Statement,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attendee = attendee
        self.notice = notice
        self.response: NoticeResponse | None = None
        self.setWindowTitle(self.tr("Notice of Privacy Practices"))
        heading = QLabel(self.tr("Notice of Privacy Practices for <b>%1</b>, in %2 "
                                 "(version %3)")
                         .replace("%1", html.escape(attendee.name))
                         .replace("%2", labels.name(notice.language))
                         .replace("%3", str(notice.version)), self)
        heading.setWordWrap(True)
        self.text = statement_view(self)
        self.text.setAccessibleName(self.tr("Notice of Privacy Practices"))
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text.setPlainText(notice.text)
        self.received_button = QPushButton(self.tr("&Received"), self)
        self.received_button.setAccessibleName(self.tr("Received the Notice"))
        self.refused_button = QPushButton(self.tr("Re&fused"), self)
        self.refused_button.setAccessibleName(self.tr("Refused the Notice"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.received_button.clicked.connect(lambda: self._answer(NoticeResponse.RECEIVED))
        self.refused_button.clicked.connect(lambda: self._answer(NoticeResponse.REFUSED))
        self.cancel_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        row.addWidget(self.refused_button)
        row.addWidget(self.received_button)
        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addWidget(self.text, 1)
        lay.addLayout(row)
        self.setTabOrder(self.text, self.received_button)
        self.setTabOrder(self.received_button, self.refused_button)
        self.setTabOrder(self.refused_button, self.cancel_button)
        self.text.setFocus()
        self.resize(720, 640)

    def _answer(self, response: NoticeResponse) -> None:
        self.response = response
        self.accept()


class PrivacyNoticePanel(QWidget):
    """Placed in the confidentiality step, beside the acknowledgments."""

    recorded = Signal()

    def __init__(self, service: PrivacyNoticeService, prompter: Prompter, conference_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._prompter = prompter
        self._conference_id = conference_id
        self.read_only = False
        self.model = NoticeStatusModel(self)
        self.table = QTableView(self)
        block_copy_in(self.table)  # names of the people in the room are case content
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Notice of Privacy Practices"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.give_button = QPushButton(self.tr("Give the Notice of &Privacy Practices…"), self)
        self.give_button.setAccessibleName(self.tr("Give the Notice of Privacy Practices"))
        self.give_button.clicked.connect(self.give_notice)
        self.table.activated.connect(lambda _index: self.give_notice())  # Enter on a row
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.table)
        lay.addWidget(self.give_button, 0, Qt.AlignmentFlag.AlignRight)
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._enable()

    def refresh(self) -> None:
        keep = self.selected()
        statuses = self._service.statuses(self._conference_id)
        people = {a.id: a for a in self._service.adult_clients(self._conference_id)}
        self.model.set_rows([(people[i], s) for i, s in statuses.items() if i in people])
        self.table.resizeColumnsToContents()
        self.setVisible(bool(self.model.rows))  # no adult clients: nothing to give
        rows = self.model.rows
        target = keep.id if keep else None
        if target is None or not any(a.id == target for a, _s in rows):
            waiting = [a for a, s in rows if s is not NoticeStatus.RECEIVED]
            target = waiting[0].id if waiting else (rows[0][0].id if rows else None)
        for row, (a, _s) in enumerate(rows):
            if a.id == target:
                self.table.selectRow(row)
        self._enable()

    def selected(self) -> Attendee | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()][0] if rows else None

    def _enable(self) -> None:
        self.give_button.setEnabled(self.selected() is not None and not self.read_only)

    def give_notice(self) -> None:
        attendee = self.selected()
        if attendee is None or self.read_only:
            return
        dialog = PrivacyNoticeDialog(attendee, self._service.notice_for(attendee), self)
        if not self._prompter.run(dialog) or dialog.response is None:
            return
        try:
            self._service.record(attendee.id, dialog.notice, dialog.response)
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Not recorded"), user_message(exc))
            return
        self.refresh()
        self.recorded.emit()
