"""Review conflicts: the records sync kept in two versions (this laptop's and HQ's), shown
side by side, and the caseworker's choice of which one stays. The other version is never
thrown away; it stays in the conflict history."""

from __future__ import annotations

import logging
from datetime import datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.conflicts import Comparison, ConflictItem, ConflictService, FieldValues, Keep
from safeconf.ui import labels
from safeconf.ui.case_text import CaseTextEdit
from safeconf.ui.messages import user_message
from safeconf.ui.prompts import Prompter
from safeconf.ui.widgets import show_status, status_label, user_errors

log = logging.getLogger(__name__)
_CTX = "ConflictReview"
ID_ROLE = Qt.ItemDataRole.UserRole

KINDS = {
    "case": QT_TRANSLATE_NOOP("ConflictReview", "Case"),
    "conference": QT_TRANSLATE_NOOP("ConflictReview", "Conference"),
    "attendee": QT_TRANSLATE_NOOP("ConflictReview", "Attendee"),
    "acknowledgment": QT_TRANSLATE_NOOP("ConflictReview", "Confidentiality acknowledgment"),
    "note": QT_TRANSLATE_NOOP("ConflictReview", "Note"),
    "note_revision": QT_TRANSLATE_NOOP("ConflictReview", "Note revision"),
    "consent": QT_TRANSLATE_NOOP("ConflictReview", "Consent"),
    "disclosure": QT_TRANSLATE_NOOP("ConflictReview", "Disclosure"),
    "legal_request": QT_TRANSLATE_NOOP("ConflictReview", "Legal request"),
    "legal_request_document": QT_TRANSLATE_NOOP("ConflictReview", "Legal request document"),
    "legal_request_event": QT_TRANSLATE_NOOP("ConflictReview", "Legal's step on a request"),
    "loss_report": QT_TRANSLATE_NOOP("ConflictReview", "Loss report"),
    "breach_report": QT_TRANSLATE_NOOP("ConflictReview", "Breach report"),
    "interview_permission": QT_TRANSLATE_NOOP("ConflictReview", "Permission to interview a child"),
}
FIELDS = {
    "case_number": QT_TRANSLATE_NOOP("ConflictReview", "Case number"),
    "family_name": QT_TRANSLATE_NOOP("ConflictReview", "Family name"),
    "assigned_workers": QT_TRANSLATE_NOOP("ConflictReview", "Assigned workers"),
    "status": QT_TRANSLATE_NOOP("ConflictReview", "Status"),
    "sealed": QT_TRANSLATE_NOOP("ConflictReview", "Sealed"),
    "kind": QT_TRANSLATE_NOOP("ConflictReview", "Kind"),
    "scheduled_start": QT_TRANSLATE_NOOP("ConflictReview", "Scheduled for"),
    "location": QT_TRANSLATE_NOOP("ConflictReview", "Location"),
    "facilitator": QT_TRANSLATE_NOOP("ConflictReview", "Facilitator"),
    "language": QT_TRANSLATE_NOOP("ConflictReview", "Language"),
    "state": QT_TRANSLATE_NOOP("ConflictReview", "State"),
    "name": QT_TRANSLATE_NOOP("ConflictReview", "Name"),
    "role": QT_TRANSLATE_NOOP("ConflictReview", "Role"),
    "age_band": QT_TRANSLATE_NOOP("ConflictReview", "Age"),
    "presence": QT_TRANSLATE_NOOP("ConflictReview", "Presence"),
    "arrived_at": QT_TRANSLATE_NOOP("ConflictReview", "Arrived at"),
    "interpreter": QT_TRANSLATE_NOOP("ConflictReview", "Interpreter"),
    "section": QT_TRANSLATE_NOOP("ConflictReview", "Section"),
    "body": QT_TRANSLATE_NOOP("ConflictReview", "Text"),
    "author": QT_TRANSLATE_NOOP("ConflictReview", "Author"),
    "is_addendum": QT_TRANSLATE_NOOP("ConflictReview", "Addendum"),
    "revision": QT_TRANSLATE_NOOP("ConflictReview", "Revision"),
    "method": QT_TRANSLATE_NOOP("ConflictReview", "Method"),
    "signed_at": QT_TRANSLATE_NOOP("ConflictReview", "Signed at"),
    "typed_name": QT_TRANSLATE_NOOP("ConflictReview", "Typed name"),
    "attested_by": QT_TRANSLATE_NOOP("ConflictReview", "Attested by"),
    "witness": QT_TRANSLATE_NOOP("ConflictReview", "Witness"),
    "signature_png": QT_TRANSLATE_NOOP("ConflictReview", "Signature"),
    "attendee_name": QT_TRANSLATE_NOOP("ConflictReview", "Attendee's name as shown"),
    "signer_key": QT_TRANSLATE_NOOP("ConflictReview", "Signing key"),
    "signature": QT_TRANSLATE_NOOP("ConflictReview", "Digital signature"),
    "statement_version": QT_TRANSLATE_NOOP("ConflictReview", "Statement version"),
    "client_name": QT_TRANSLATE_NOOP("ConflictReview", "Client"),
    "signed_by": QT_TRANSLATE_NOOP("ConflictReview", "Signed by"),
    "information": QT_TRANSLATE_NOOP("ConflictReview", "Information"),
    "recipients": QT_TRANSLATE_NOOP("ConflictReview", "Recipients"),
    "valid_from": QT_TRANSLATE_NOOP("ConflictReview", "Valid from"),
    "valid_until": QT_TRANSLATE_NOOP("ConflictReview", "Valid until"),
    "revoked_at": QT_TRANSLATE_NOOP("ConflictReview", "Revoked at"),
    "updated_at": QT_TRANSLATE_NOOP("ConflictReview", "Last changed"),
    "left_at": QT_TRANSLATE_NOOP("ConflictReview", "Left at"),
    "health_information": QT_TRANSLATE_NOOP("ConflictReview", "Protected health information"),
    "given_by": QT_TRANSLATE_NOOP("ConflictReview", "Given by"),
    "giver_name": QT_TRANSLATE_NOOP("ConflictReview", "Name of who gave it"),
    "scope": QT_TRANSLATE_NOOP("ConflictReview", "Scope"),
    "given_on": QT_TRANSLATE_NOOP("ConflictReview", "Date given"),
    "obtained": QT_TRANSLATE_NOOP("ConflictReview", "Obtained"),
    "deleted": QT_TRANSLATE_NOOP("ConflictReview", "Deleted"),
}
REASONS = {
    "both_changed": QT_TRANSLATE_NOOP("ConflictReview", "Changed on this laptop and at HQ"),
    "same_id_other_content": QT_TRANSLATE_NOOP(
        "ConflictReview", "HQ sent a different copy of a record that never changes"),
}
# Fields holding a moment (ISO 8601), shown in the user's time zone and locale.
MOMENTS = frozenset({"scheduled_start", "arrived_at", "left_at", "signed_at", "revoked_at",
                     "answered_at",
                     "updated_at", "valid_from", "valid_until", "disclosed_at", "received_at",
                     "routed_to_legal_at", "discovered_at", "reported_at", "logged_at",
                     "added_at"})


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def kind_name(record_type: str) -> str:
    return _tr(KINDS[record_type]) if record_type in KINDS else record_type.replace("_", " ")


def field_name(field: str) -> str:
    return _tr(FIELDS[field]) if field in FIELDS else field.replace("_", " ").capitalize()


def reason_text(reason: str) -> str:
    return _tr(REASONS[reason]) if reason in REASONS else reason


def value_text(field: str, value: Any) -> str:
    """A field's value as the caseworker reads it."""
    if value is None or value == "" or value == ():
        return "—"
    if isinstance(value, bool):
        return _tr(QT_TRANSLATE_NOOP("ConflictReview", "Yes") if value
                   else QT_TRANSLATE_NOOP("ConflictReview", "No"))
    if isinstance(value, Enum):
        try:
            return labels.name(value)
        except KeyError:
            return str(value.value).replace("_", " ")
    if isinstance(value, bytes):
        return _tr(QT_TRANSLATE_NOOP("ConflictReview", "(a drawing)"))
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if field in MOMENTS and isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is None:
            return value  # a bare date or a wall-clock time: shown as written
        return labels.local_datetime(moment)
    return str(value)


def describe(item: ConflictItem) -> str:
    """"Note “Concerns” — case 2026-0001 (Nakamura), Child Safety Conference 25/11/26"."""
    what = kind_name(item.record_type)
    if item.title is not None:
        what = _tr(QT_TRANSLATE_NOOP("ConflictReview", "%1 “%2”")).replace("%1", what).replace(
            "%2", value_text("", item.title))
    where = item.where
    parts: list[str] = []
    if where.case_number:
        parts.append(_tr(QT_TRANSLATE_NOOP("ConflictReview", "case %1 (%2)"))
                     .replace("%1", where.case_number).replace("%2", where.family_name or ""))
    if where.conference_kind is not None:
        parts.append(_tr(QT_TRANSLATE_NOOP("ConflictReview", "%1 on %2"))
                     .replace("%1", labels.name(where.conference_kind))
                     .replace("%2", value_text("scheduled_start", where.conference_start)))
    return f"{what} — {', '.join(parts)}" if parts else what


def version_text(fields: list[FieldValues], side: str) -> str:
    blocks = []
    for f in fields:
        value = value_text(f.field, getattr(f, side))
        mark = "" if f.differs else " " + _tr(QT_TRANSLATE_NOOP("ConflictReview", "(same)"))
        if "\n" in value or len(value) > 60:
            blocks.append(f"{field_name(f.field)}{mark}:\n{value}")
        else:
            blocks.append(f"{field_name(f.field)}{mark}: {value}")
    return "\n\n".join(blocks)


class ConflictReviewDialog(QDialog):
    """The open conflicts on the left; the chosen one's two versions side by side."""

    resolved = Signal(int)  # the conflict's id, once a version was kept

    def __init__(self, service: ConflictService, prompter: Prompter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._prompter = prompter
        self.comparison: Comparison | None = None
        self.setWindowTitle(self.tr("Review conflicts"))
        explain = QLabel(self.tr(
            "These records were changed both on this laptop and at HQ, so sync kept both "
            "versions. Compare them and choose which one stays. The other version is not "
            "deleted: it stays in the conflict history."), self)
        explain.setWordWrap(True)

        self.conflict_list = QListWidget(self)
        self.conflict_list.setObjectName("conflictList")
        self.conflict_list.setAccessibleName(self.tr("Open conflicts"))
        self.conflict_list.setWordWrap(True)
        list_label = QLabel(self.tr("&Open conflicts:"), self)
        list_label.setBuddy(self.conflict_list)

        self.heading = status_label(self)
        self.heading.setObjectName("conflictHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.local_view = self._version_view(self.tr("This laptop's version"))
        self.hq_view = self._version_view(self.tr("HQ's version"))
        local_label = QLabel(self.tr("This laptop's version"), self)
        hq_label = QLabel(self.tr("HQ's version"), self)
        sides = QGridLayout()
        sides.addWidget(local_label, 0, 0)
        sides.addWidget(hq_label, 0, 1)
        sides.addWidget(self.local_view, 1, 0)
        sides.addWidget(self.hq_view, 1, 1)

        self.message = status_label(self)
        self.message.setObjectName("conflictMessage")
        self.quarantine_note = status_label(self)
        self.quarantine_note.setObjectName("quarantineNote")
        self.keep_local_button = QPushButton(self.tr("Keep this &laptop's version"), self)
        self.keep_local_button.setAccessibleName(self.tr("Keep this laptop's version"))
        self.keep_hq_button = QPushButton(self.tr("Keep &HQ's version"), self)
        self.keep_hq_button.setAccessibleName(self.tr("Keep HQ's version"))
        for button in (self.keep_local_button, self.keep_hq_button):
            button.setAutoDefault(False)  # Enter in the list must not choose a version
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName(self.tr("Close"))
        self.buttons.rejected.connect(self.reject)
        choose = QHBoxLayout()
        choose.addWidget(self.keep_local_button)
        choose.addWidget(self.keep_hq_button)
        choose.addStretch(1)

        lay = QVBoxLayout(self)
        lay.addWidget(explain)
        lay.addWidget(list_label)
        lay.addWidget(self.conflict_list, 1)
        lay.addWidget(self.heading)
        lay.addLayout(sides, 3)
        lay.addLayout(choose)
        lay.addWidget(self.message)
        lay.addWidget(self.quarantine_note)
        lay.addWidget(self.buttons)

        self.conflict_list.currentItemChanged.connect(self._show_current)
        self.keep_local_button.clicked.connect(lambda: self.keep("local"))
        self.keep_hq_button.clicked.connect(lambda: self.keep("hq"))
        self.setTabOrder(self.conflict_list, self.local_view)
        self.setTabOrder(self.local_view, self.hq_view)
        self.setTabOrder(self.hq_view, self.keep_local_button)
        self.setTabOrder(self.keep_local_button, self.keep_hq_button)
        self.setTabOrder(self.keep_hq_button, self.close_button)
        self.resize(960, 640)
        self.refresh()
        self.conflict_list.setFocus()

    def _version_view(self, name: str) -> QPlainTextEdit:
        view = CaseTextEdit(self)  # a record of the case: never to the clipboard
        view.setReadOnly(True)
        view.setAccessibleName(name)
        view.setTabChangesFocus(True)
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        return view

    # -- the list --------------------------------------------------------------------------

    def refresh(self, select_row: int = 0) -> None:
        """Re-read the open conflicts and select one (the same row, or the last)."""
        self.conflict_list.blockSignals(True)
        self.conflict_list.clear()
        for item in self._service.open_conflicts():
            row = QListWidgetItem(describe(item))
            row.setData(ID_ROLE, item.id)
            row.setToolTip(reason_text(item.reason))
            self.conflict_list.addItem(row)
        self.conflict_list.blockSignals(False)
        count = self.conflict_list.count()
        if count:
            self.conflict_list.setCurrentRow(min(select_row, count - 1))
        aside = self._service.quarantined_count()
        self.quarantine_note.setText(self.tr(
            "%n record(s) from HQ could not be used on this laptop and were kept aside, "
            "unchanged. Your other records synced normally; IT can see them with "
            "safeconf check.", "", aside) if aside else "")
        self.quarantine_note.setVisible(bool(aside))
        self._show_current()

    @property
    def open_ids(self) -> list[int]:
        return [self.conflict_list.item(i).data(ID_ROLE)
                for i in range(self.conflict_list.count())]

    def select(self, conflict_id: int) -> None:
        self.conflict_list.setCurrentRow(self.open_ids.index(conflict_id))

    def _show_current(self) -> None:
        current = self.conflict_list.currentItem()
        if current is None:
            self.comparison = None
            show_status(self.heading, self.tr("No conflicts left to review."))
            self.local_view.clear()
            self.hq_view.clear()
        else:
            comparison = self._service.compare(current.data(ID_ROLE))
            self.comparison = comparison
            item = comparison.item
            show_status(self.heading, self.tr("%1\n%2 (found %3)")
                        .replace("%1", describe(item))
                        .replace("%2", reason_text(item.reason))
                        .replace("%3", value_text("updated_at", item.found_at)))
            self.local_view.setPlainText(
                version_text(comparison.fields, "local") if comparison.local_exists
                else self.tr("This record is no longer on this laptop."))
            self.hq_view.setPlainText(version_text(comparison.fields, "hq"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        comparison = self.comparison
        self.keep_local_button.setEnabled(comparison is not None)
        self.keep_hq_button.setEnabled(comparison is not None and comparison.can_keep_hq)
        if comparison is not None and not comparison.can_keep_hq:
            self.keep_hq_button.setToolTip(self.tr(
                "This kind of record is never changed once written, so HQ's copy cannot "
                "replace it. Keep this laptop's version; HQ's copy stays in the history."))
        else:
            self.keep_hq_button.setToolTip("")

    # -- choosing ------------------------------------------------------------------------------

    def keep(self, side: Keep) -> bool:
        """Ask, then keep one version of the selected conflict. True when it was kept."""
        comparison = self.comparison
        if comparison is None:
            return False
        item = comparison.item
        what = describe(item)
        if side == "local":
            title = self.tr("Keep this laptop's version")
            question = self.tr(
                "Keep this laptop's version of %1?\n\nHQ's version is not used; it stays in "
                "the conflict history.").replace("%1", what)
        else:
            title = self.tr("Keep HQ's version")
            question = self.tr(
                "Replace this laptop's version of %1 with HQ's?\n\nHQ's version becomes the "
                "current one here and is sent to HQ at the next sync. This laptop's version "
                "stays in the conflict history.").replace("%1", what)
        if not self._prompter.confirm(self, title, question):
            return False
        row = self.conflict_list.currentRow()
        try:
            self._service.resolve(item.id, side)
        except user_errors() as exc:
            log.info("conflict %s not resolved: %s", item.id, type(exc).__name__)
            self._prompter.error(self, title, user_message(exc))
            self.refresh(row)
            return False
        log.info("conflict %s resolved, kept %s", item.id, side)
        show_status(self.message, (
            self.tr("Kept this laptop's version of %1.") if side == "local"
            else self.tr("Kept HQ's version of %1.")).replace("%1", what))
        self.refresh(row)
        self.resolved.emit(item.id)
        (self.conflict_list if self.conflict_list.count() else self.close_button).setFocus()
        return True
