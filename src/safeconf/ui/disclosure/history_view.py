"""Disclosure history of one case: what was disclosed, the consents' lifecycle, requests to
legal and their answers, and acknowledgments, oldest first, filtered by kind. The history
can be exported only through the copy flow (redaction, then PDF), as a logged disclosure."""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.disclosure_check import check
from safeconf.app.disclosure_history import (
    HistoryEntry,
    HistoryEvent,
    HistoryKind,
    export_question,
    history,
    history_document_sections,
)
from safeconf.app.session import VaultSession
from safeconf.domain.disclosure_policy import Outcome
from safeconf.domain.disclosure_terms import Extent, Information, Mode
from safeconf.domain.records import DisclosureBasis
from safeconf.ui import labels
from safeconf.ui.messages import user_message
from safeconf.ui.prompts import Prompter
from safeconf.ui.rows_model import Index, RowsModel
from safeconf.ui.widgets import show_status, status_label, user_errors

log = logging.getLogger(__name__)
_CTX = "HistoryView"
TITLES: dict[HistoryEvent, Any] = {  # QT_TRANSLATE_NOOP is typed as object
    HistoryEvent.DISCLOSED: QT_TRANSLATE_NOOP("HistoryView", "Disclosure made"),
    HistoryEvent.CONSENT_REQUESTED: QT_TRANSLATE_NOOP("HistoryView", "Consent requested"),
    HistoryEvent.CONSENT_GIVEN: QT_TRANSLATE_NOOP("HistoryView", "Consent given"),
    HistoryEvent.CONSENT_REFUSED: QT_TRANSLATE_NOOP("HistoryView", "Consent refused"),
    HistoryEvent.CONSENT_REVOKED: QT_TRANSLATE_NOOP("HistoryView", "Consent revoked"),
    HistoryEvent.CONSENT_EXPIRED: QT_TRANSLATE_NOOP("HistoryView", "Consent expired"),
    HistoryEvent.LEGAL_REVIEW_ASKED: QT_TRANSLATE_NOOP("HistoryView", "Legal review requested"),
    HistoryEvent.LEGAL_REVIEW_ANSWERED: QT_TRANSLATE_NOOP("HistoryView",
                                                          "Legal review answered"),
    HistoryEvent.ACKNOWLEDGED: QT_TRANSLATE_NOOP("HistoryView", "Confidentiality acknowledged"),
    HistoryEvent.ACKNOWLEDGMENT_REFUSED: QT_TRANSLATE_NOOP(
        "HistoryView", "Confidentiality statement refused"),
    HistoryEvent.NOTICE_RECEIVED: QT_TRANSLATE_NOOP("HistoryView", "Privacy notice answered"),
}
FILTERS: tuple[tuple[HistoryKind | None, Any], ...] = (
    (None, QT_TRANSLATE_NOOP("HistoryView", "All")),
    (HistoryKind.DISCLOSURE, QT_TRANSLATE_NOOP("HistoryView", "Disclosures")),
    (HistoryKind.CONSENT, QT_TRANSLATE_NOOP("HistoryView", "Consents")),
    (HistoryKind.LEGAL_REVIEW, QT_TRANSLATE_NOOP("HistoryView", "Legal review")),
    (HistoryKind.ACKNOWLEDGMENT, QT_TRANSLATE_NOOP("HistoryView", "Acknowledgments")),
)


def _tr(text: Any) -> str:
    return QCoreApplication.translate(_CTX, str(text))


def title_of(entry: HistoryEntry) -> str:
    return _tr(TITLES[entry.event])


class HistoryModel(RowsModel[HistoryEntry]):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("When"), self.tr("What happened"), self.tr("Details"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (labels.local_datetime(entry.at), title_of(entry),
                    "; ".join(entry.detail.splitlines()))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return entry.detail
        return None


def export_parts() -> tuple[Any, Any, Any] | None:
    """The copy dialog, its request and the disclosure log, when all are installed and the
    copy flow takes a document's sections; else None (and no Export button)."""
    try:
        from safeconf.app.copies import CopyRequest
        from safeconf.app.disclosures import DisclosureService
        from safeconf.ui.disclosure.copy_dialog import CopyDialog
    except ImportError:
        return None
    fields = getattr(CopyRequest, "__dataclass_fields__", {})
    if "sections" not in fields:
        return None  # the history is not a stored record: the copy flow must take its text
    return CopyDialog, CopyRequest, DisclosureService


class HistoryDialog(QDialog):
    def __init__(self, session: VaultSession, case_id: str, prompter: Prompter,
                 parent: QWidget | None = None, now: datetime | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._case = session.vault.cases.get(case_id)
        self._prompter = prompter
        self._entries = history(session.vault, case_id, now)
        self.setWindowTitle(self.tr("Disclosure history — {number}").format(
            number=self._case.case_number))
        self.resize(960, 560)

        self.filter = QComboBox(self)
        for _kind, text in FILTERS:
            self.filter.addItem(_tr(text))
        self.filter.setAccessibleName(self.tr("Show"))
        filter_label = QLabel(self.tr("Sho&w:"), self)
        filter_label.setBuddy(self.filter)
        self.count = status_label(self)

        self.model = HistoryModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Disclosure history"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(self.tr("Entry details"))
        self.detail.setMaximumHeight(self.detail.fontMetrics().height() * 7)
        detail_label = QLabel(self.tr("Entry &details:"), self)
        detail_label.setBuddy(self.detail)

        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.export_button.setAccessibleName(self.tr("Export the history"))
        self.export_button.setAutoDefault(False)
        self.export_button.setVisible(export_parts() is not None)
        self.export_button.clicked.connect(self.export)
        buttons = QDialogButtonBox(self)
        self.close_button = buttons.addButton(self.tr("&Close"),
                                              QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter)
        top.addWidget(self.count, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(detail_label)
        lay.addWidget(self.detail)
        lay.addLayout(bottom)

        self.filter.currentIndexChanged.connect(lambda _i: self._show())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.setTabOrder(self.filter, self.table)
        self.setTabOrder(self.table, self.detail)
        self.setTabOrder(self.detail, self.export_button)
        self.setTabOrder(self.export_button, self.close_button)
        self._show()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def shown(self) -> list[HistoryEntry]:
        return list(self.model.rows)

    def show_kind(self, kind: HistoryKind | None) -> None:
        self.filter.setCurrentIndex([k for k, _text in FILTERS].index(kind))

    def _show(self) -> None:
        kind = FILTERS[self.filter.currentIndex()][0]  # item data would come back as str
        rows = [e for e in self._entries if kind is None or e.kind is kind]
        self.model.set_rows(rows)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        if rows:
            self.table.setCurrentIndex(self.model.index(len(rows) - 1, 0))  # the latest
        else:
            self.detail.setPlainText("")
        show_status(self.count, self.tr("%n entries", "", len(rows)) if rows
                    else self.tr("Nothing of this kind in the case's history."))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            entry = self.model.rows[current.row()]
            self.detail.setPlainText(f"{title_of(entry)}\n{entry.detail}")

    def export(self) -> None:
        """The shown entries, through redaction to a PDF; logged as a disclosure to agency
        staff before it is printed or saved, and refused where the policy says legal review
        (a closed or sealed case)."""
        parts = export_parts()
        if parts is None:
            return
        copy_dialog, copy_request, disclosure_service = parts
        vault = self._session.vault
        question = export_question(self._case.case_number, vault.user)
        answer = check(vault, question, date.today())
        if answer.decision.outcome not in (Outcome.ALLOWED, Outcome.ALLOWED_BY_CONSENT):
            self._prompter.error(self, self.tr("History not exported"), answer.plain())
            return
        entries = self.shown
        whole = len(entries) == len(self._entries)
        what = self.tr("Disclosure history of case {number}").format(
            number=self._case.case_number)
        request = copy_request(
            case_id=self._case.id, information=Information.WHOLE_RECORD,
            record_ids=tuple(e.record_id for e in entries), health_covered=False,
            title=self.windowTitle(), sections=history_document_sections(entries))
        service = disclosure_service(self._session)

        def before_release(sha256_hex: str, redaction_count: int) -> bool:
            try:
                service.log(
                    case_id=self._case.id, information=Information.WHOLE_RECORD, what=what,
                    record_ids=request.record_ids, mode=Mode.COPY,
                    extent=Extent.WHOLE if whole else Extent.PART,
                    recipient=question.recipient, recipient_name=question.recipient_name,
                    basis=DisclosureBasis.POLICY,
                    policy_line=answer.decision.basis.key, document_sha256=sha256_hex,
                    redactions=redaction_count)
            except user_errors() as exc:
                log.warning("history export of case %s not logged: %s", self._case.id,
                            type(exc).__name__)
                self._prompter.error(self, self.tr("History not exported"), user_message(exc))
                return False
            return True

        self._prompter.run(copy_dialog(self._session, request, before_release, self))
