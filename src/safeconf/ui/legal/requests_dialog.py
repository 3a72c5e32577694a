"""Legal requests of a case (list with due day and standing, overdue said in words; the
selected request in full with legal's answer and what was released; logging a new one with
its documents), and the deadlines of every case by due day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.legal_requests import Attachment, LegalRequestService, RequestStatus
from safeconf.app.scan_import import NOT_A_SCAN, TOO_LARGE, ScanRefused
from safeconf.app.secure_delete import SecureDeleteError
from safeconf.app.session import VaultSession
from safeconf.domain.business_days import MAX_BUSINESS_DAYS, due_date
from safeconf.domain.disclosure_terms import HealthPurpose
from safeconf.domain.legal_request_states import RequestState
from safeconf.domain.limits import MAX_SCANNED_FORM_BYTES
from safeconf.domain.records import LegalAction, LegalRequestKind, RequesterBody
from safeconf.ui.announce import tell
from safeconf.ui.case_text import CaseTextEdit, block_copy_in
from safeconf.ui.messages import user_message
from safeconf.ui.prompts import Prompter
from safeconf.ui.rows_model import RowsModel
from safeconf.ui.widgets import status_label, user_errors

Index = QModelIndex | QPersistentModelIndex
PickFiles = Callable[[QWidget], list[str]]


# The share dialog's words for the PHI purposes, with its translations (same context).
_PURPOSES = {
    HealthPurpose.TREATMENT: QT_TRANSLATE_NOOP("ShareDialog", "Treatment"),
    HealthPurpose.PAYMENT: QT_TRANSLATE_NOOP("ShareDialog", "Payment"),
    HealthPurpose.HEALTH_CARE_OPERATIONS: QT_TRANSLATE_NOOP("ShareDialog",
                                                            "Health-care operations"),
    HealthPurpose.HEALTH_OVERSIGHT: QT_TRANSLATE_NOOP("ShareDialog", "Health oversight"),
    HealthPurpose.JUDICIAL_OR_ADMINISTRATIVE_PROCEEDING: QT_TRANSLATE_NOOP(
        "ShareDialog", "Judicial or administrative proceeding"),
    HealthPurpose.PLACEMENT_OR_ADOPTION_RECRUITMENT: QT_TRANSLATE_NOOP(
        "ShareDialog", "Placement or adoption recruitment"),
    HealthPurpose.ABUSE_OR_NEGLECT: QT_TRANSLATE_NOOP(
        "ShareDialog", "Abuse or neglect, and its proceedings"),
    HealthPurpose.MEDICAL_RESEARCH: QT_TRANSLATE_NOOP("ShareDialog", "Medical research"),
    HealthPurpose.LAW_ENFORCEMENT: QT_TRANSLATE_NOOP("ShareDialog", "Law enforcement"),
    HealthPurpose.ADJUDICATED_YOUTH: QT_TRANSLATE_NOOP("ShareDialog", "Adjudicated youth"),
    HealthPurpose.PUBLIC_HEALTH: QT_TRANSLATE_NOOP("ShareDialog", "Public health"),
    HealthPurpose.NOTIFY_FAMILY_OF_LOCATION_AND_CONDITION: QT_TRANSLATE_NOOP(
        "ShareDialog", "Tell family of a person's location and condition"),
}


def purpose_text(purpose: HealthPurpose) -> str:
    return QCoreApplication.translate("ShareDialog", str(_PURPOSES[purpose]))


def kind_text(widget: QWidget, kind: LegalRequestKind) -> str:
    return {
        LegalRequestKind.SUBPOENA: widget.tr("Subpoena"),
        LegalRequestKind.RECORDS_REQUEST: widget.tr("Records request"),
        LegalRequestKind.HEALTH_INFO_REQUEST: widget.tr("Health-information request"),
        LegalRequestKind.SEAL_REQUEST: widget.tr("Request to seal records"),
        LegalRequestKind.RELEASE_REQUEST: widget.tr("Request to release records"),
    }[kind]


def state_text(widget: QWidget, status: RequestStatus) -> str:
    """The standing in words; overdue is said, not only coloured."""
    if status.state is RequestState.CLOSED and status.answer is not None:
        text = {LegalAction.DENY: widget.tr("Denied by legal"),
                LegalAction.RELEASE: widget.tr("Released by legal"),
                LegalAction.SEAL: widget.tr("Sealed by legal"),
                LegalAction.CLOSE: widget.tr("Closed by legal")}[status.answer.action]
    elif status.state is RequestState.ACKNOWLEDGED:
        text = widget.tr("Acknowledged by legal")
    elif status.queued:
        text = widget.tr("Open — not yet sent to legal (next sync)")
    else:
        text = widget.tr("Open — with legal")
    return widget.tr("OVERDUE — %1").replace("%1", text) if status.overdue else text


def action_text(widget: QWidget, action: LegalAction) -> str:
    return {LegalAction.ACKNOWLEDGE: widget.tr("acknowledged"),
            LegalAction.EXTEND: widget.tr("extended"),
            LegalAction.DENY: widget.tr("denied"),
            LegalAction.RELEASE: widget.tr("released"),
            LegalAction.SEAL: widget.tr("sealed"),
            LegalAction.CLOSE: widget.tr("closed"),
            LegalAction.REOPEN: widget.tr("reopened")}[action]


class RequestsModel(RowsModel[RequestStatus]):
    def __init__(self, owner: QWidget, with_case: dict[str, str] | None = None) -> None:
        super().__init__(owner)
        self._owner = owner
        self._cases = with_case  # case id -> number, for the deadlines of every case

    def headers(self) -> tuple[str, ...]:
        first = (self.tr("Case"),) if self._cases is not None else ()
        return (*first, self.tr("Due"), self.tr("Status"), self.tr("Kind"),
                self.tr("Received"), self.tr("From"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.AccessibleTextRole):
            return None
        s = self.rows[index.row()]
        cells = [s.due_on, state_text(self._owner, s), kind_text(self._owner, s.request.kind),
                 s.request.received_on, s.request.requester_body]
        if self._cases is not None:
            cells.insert(0, self._cases.get(s.request.case_id, ""))
        return cells[index.column()]


def _table(parent: QWidget, model: RequestsModel, name: str) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table
    block_copy_in(table)
    return table


class LegalRequestsDialog(QDialog):
    """A case's legal requests: the list, the selected one in full, and logging a new one."""

    def __init__(self, session: VaultSession, case_id: str, prompter: Prompter,
                 parent: QWidget | None = None, *, pick_files: PickFiles | None = None,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Legal requests"))
        self._service = LegalRequestService(session, today)
        self._case_id = case_id
        self._prompter = prompter
        self._pick_files = pick_files or self._choose_files
        self._today = today
        self.model = RequestsModel(self)
        self.table = _table(self, self.model, self.tr("Legal requests of the case"))
        self.detail = CaseTextEdit(self)  # case content: not copied out
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(self.tr("The chosen request, legal's answer and what "
                                              "was released"))
        self.detail.setTabChangesFocus(True)
        self.status = status_label(self)
        self.log_button = QPushButton(self.tr("&Log a request…"), self)
        self.log_button.setAccessibleName(self.tr("Log a legal request"))
        self.log_button.clicked.connect(self.log_request)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("&Close"))
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.log_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 2)
        lay.addWidget(self.detail, 2)
        lay.addWidget(self.status)
        lay.addLayout(row)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show())
        self.resize(820, 560)
        self.refresh()
        self.table.setFocus()

    def refresh(self) -> None:
        self.model.set_rows(self._service.for_case(self._case_id))
        if self.model.rows:
            self.table.selectRow(0)
        self._show()

    def selected(self) -> RequestStatus | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def _show(self) -> None:
        status = self.selected()
        self.detail.setPlainText("" if status is None else self.describe(status))

    def describe(self, s: RequestStatus) -> str:
        r = s.request
        lines = [
            kind_text(self, r.kind) + (f" ({purpose_text(r.health_purpose)})"
                                       if r.health_purpose else ""),
            self.tr("Status: %1").replace("%1", state_text(self, s)),
            self.tr("From: %1, %2").replace("%1", r.requester).replace("%2",
                                                                        r.requester_body),
            self.tr("Received %1; %2 business days; due %3").replace(
                "%1", r.received_on).replace("%2", str(r.business_days)).replace(
                "%3", s.due_on),
            self.tr("Asked:"), r.asked, "",
            self.tr("Documents: %1").replace(
                "%1", ", ".join(d.file_name for d in s.documents) or self.tr("none")),
        ]
        if s.events:
            lines += ["", self.tr("Legal's steps:")]
            for e in s.events:
                step = f"{e.at[:10]} {action_text(self, e.action)} ({e.by})"
                if e.new_due_on:
                    step += " → " + e.new_due_on
                lines.append(step + (f": {e.text}" if e.text else ""))
        if s.released:
            lines += ["", self.tr("What was released (with its redactions):"), s.released]
        return "\n".join(lines)

    def _choose_files(self, parent: QWidget) -> list[str]:
        paths, _filter = QFileDialog.getOpenFileNames(
            parent, self.tr("Attach documents"), "",
            self.tr("Scanned documents (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"))
        return list(paths)

    def log_request(self) -> None:
        form = LogRequestForm(self._service, self._prompter, self._pick_files, self._today(),
                              self)
        if not self._prompter.run(form):
            form.deleteLater()
            return
        try:
            self._service.log(self._case_id, **form.values())
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Request not logged"), user_message(exc))
            form.deleteLater()
            return
        self.refresh()
        tell(self.status, self.tr("Request logged; it goes to legal at the next sync."))
        for path in form.paths:
            self._offer_deletion(path)
        form.deleteLater()

    def _offer_deletion(self, path: Path) -> None:
        text = self.tr(
            "The document is now kept, encrypted, in the vault.\n\nDelete the original file "
            "%1? It is overwritten with random bytes and then removed. Overwriting may leave "
            "copies on some disks; full-disk encryption protects them.").replace(
            "%1", path.name)
        if not self._prompter.confirm(self, self.tr("Delete the original file?"), text):
            return
        try:
            self._service.delete_original(path)
        except SecureDeleteError as exc:
            self._prompter.error(self, self.tr("Original not deleted"), str(exc))
            return
        tell(self.status, self.tr("The original file was deleted."))


class LogRequestForm(QDialog):
    """What a request is: kind, who asks and from what body, what is asked, when it came and
    its deadline in business days (the due day shown as it is counted), the PHI basis of a
    health-information request, and its documents."""

    def __init__(self, service: LegalRequestService, prompter: Prompter,
                 pick_files: PickFiles, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log a legal request"))
        self._service = service
        self._prompter = prompter
        self._pick_files = pick_files
        self.attachments: list[Attachment] = []
        self.paths: list[Path] = []
        self.kind = QComboBox(self)
        for kind in LegalRequestKind:
            self.kind.addItem(kind_text(self, kind), kind)
        self.requester = QLineEdit(self)
        self.body = QLineEdit(self)
        self.body_kind = QComboBox(self)
        for value, text in ((RequesterBody.COURT, self.tr("Court")),
                            (RequesterBody.AGENCY, self.tr("Agency or department")),
                            (RequesterBody.ATTORNEY, self.tr("Attorney")),
                            (RequesterBody.LAW_ENFORCEMENT, self.tr("Law enforcement")),
                            (RequesterBody.PERSON, self.tr("A person"))):
            self.body_kind.addItem(text, value)
        self.asked = QPlainTextEdit(self)
        self.asked.setTabChangesFocus(True)
        self.received = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.received.setCalendarPopup(True)
        self.received.setMaximumDate(QDate(today.year, today.month, today.day))
        self.received.setDisplayFormat("yyyy-MM-dd")
        self.days = QSpinBox(self)
        self.days.setRange(1, MAX_BUSINESS_DAYS)
        self.days.setValue(10)
        self.due = QLabel(self)  # changes: read as text, no fixed name
        self.purpose = QComboBox(self)
        self.purpose.addItem(self.tr("(not a health-information request)"), None)
        for purpose in HealthPurpose:
            self.purpose.addItem(purpose_text(purpose), purpose)
        self.files = QListWidget(self)
        self.attach_button = QPushButton(self.tr("A&ttach documents…"), self)
        self.attach_button.setAccessibleName(self.tr("Attach documents"))
        self.remove_button = QPushButton(self.tr("Re&move document"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the chosen document"))
        form = QFormLayout()
        for text, field in ((self.tr("&Kind:"), self.kind),
                            (self.tr("&Who asks:"), self.requester),
                            (self.tr("Court or a&gency:"), self.body),
                            (self.tr("&Body is a:"), self.body_kind),
                            (self.tr("What is ask&ed:"), self.asked),
                            (self.tr("&Received on:"), self.received),
                            (self.tr("&Deadline (business days):"), self.days),
                            (self.tr("&Health purpose:"), self.purpose),
                            (self.tr("Doc&uments:"), self.files)):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
            field.setAccessibleName(text.replace("&", "").rstrip(":"))
        form.addRow(QLabel(self.tr("Due:"), self), self.due)
        files_row = QHBoxLayout()
        files_row.addWidget(self.attach_button)
        files_row.addWidget(self.remove_button)
        files_row.addStretch(1)
        form.addRow(files_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("L&og request"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._changed)
        self.purpose.currentIndexChanged.connect(self._changed)
        self.requester.textChanged.connect(self._changed)
        self.body.textChanged.connect(self._changed)
        self.asked.textChanged.connect(self._changed)
        self.received.dateChanged.connect(self._changed)
        self.days.valueChanged.connect(self._changed)
        self.attach_button.clicked.connect(self.attach)
        self.remove_button.clicked.connect(self.remove)
        self._changed()
        self.kind.setFocus()

    def _changed(self) -> None:
        health = self.chosen_kind() is LegalRequestKind.HEALTH_INFO_REQUEST
        self.purpose.setEnabled(health)
        if not health and self.purpose.currentIndex() != 0:
            self.purpose.setCurrentIndex(0)
        due = due_date(self.received.date().toPython(), self.days.value())  # type: ignore[arg-type]
        self.due.setText(self.tr("%1 (weekends and the agency's holidays not counted)")
                         .replace("%1", due.isoformat()))
        self.ok_button.setEnabled(bool(
            self.requester.text().strip() and self.body.text().strip()
            and self.asked.toPlainText().strip()
            and (not health or self.chosen_purpose() is not None)))
        self.remove_button.setEnabled(bool(self.attachments))

    def attach(self) -> None:
        for chosen in self._pick_files(self):
            path = Path(chosen)
            try:
                attachment = self._service.read_attachment(path)
            except ScanRefused as exc:
                self._prompter.error(self, self.tr("Document not attached"),
                                     self._scan_problem(exc, path))
                continue
            self.attachments.append(attachment)
            self.paths.append(path)
            self.files.addItem(attachment.file_name)
        self._changed()

    def remove(self) -> None:
        row = self.files.currentRow()
        if row < 0 and self.attachments:
            row = len(self.attachments) - 1
        if 0 <= row < len(self.attachments):
            del self.attachments[row], self.paths[row]
            self.files.takeItem(row)
        self._changed()

    def _scan_problem(self, exc: ScanRefused, path: Path) -> str:
        if exc.reason == TOO_LARGE:
            return self.tr("%1 is too large: a document may be at most %2 KB. Scan it again "
                           "in greyscale or at a lower resolution.").replace(
                "%1", path.name).replace("%2", str(MAX_SCANNED_FORM_BYTES // 1024))
        if exc.reason == NOT_A_SCAN:
            return self.tr("%1 is not a PDF, PNG, JPEG or TIFF file.").replace("%1", path.name)
        return user_message(exc)

    # Qt hands stored enum members back as their text: each is turned back into its member.
    def chosen_kind(self) -> LegalRequestKind:
        return LegalRequestKind(self.kind.currentData())

    def chosen_purpose(self) -> HealthPurpose | None:
        value = self.purpose.currentData()
        return None if value is None else HealthPurpose(value)

    def values(self) -> dict[str, Any]:
        return {"kind": self.chosen_kind(), "requester": self.requester.text(),
                "requester_body": self.body.text(),
                "body_kind": RequesterBody(self.body_kind.currentData()),
                "asked": self.asked.toPlainText(),
                "received_on": self.received.date().toPython(),
                "business_days": self.days.value(),
                "health_purpose": self.chosen_purpose(),
                "attachments": list(self.attachments)}


class DeadlinesDialog(QDialog):
    """Open legal requests of every case on this laptop, soonest due first."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Deadlines of legal requests"))
        service = LegalRequestService(session, today)
        numbers = {c.id: c.case_number for c in session.vault.cases.all()}
        self.model = RequestsModel(self, numbers)
        self.table = _table(self, self.model, self.tr("Open legal requests by due date"))
        rows = service.due()
        self.model.set_rows(rows)
        late = sum(1 for r in rows if r.overdue)
        self.summary = QLabel(self)
        self.summary.setText(
            self.tr("No open legal requests.") if not rows else
            self.tr("%1 open request(s), %2 overdue.").replace("%1", str(len(rows))).replace(
                "%2", str(late)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Close"))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.resize(760, 420)
        if rows:
            self.table.selectRow(0)
        self.table.setFocus()
