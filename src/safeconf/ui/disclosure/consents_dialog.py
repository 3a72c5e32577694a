"""A case's consents with their status now (requested, given, refused, revoked, expired) and
their terms; request one, record it given (a signature drawn on the pad, or a scan of the
signed form imported, its original then offered for deletion), record a refusal, revoke, and
print the release form for signing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.consents import ConsentService, ConsentTerms
from safeconf.app.people import PeopleService
from safeconf.app.scan_import import NOT_A_SCAN, TOO_LARGE, ScanRefused, read_scanned_form
from safeconf.app.secure_delete import SecureDeleteError, secure_delete
from safeconf.app.session import VaultSession
from safeconf.domain.consent_lifecycle import ConsentStatus, status
from safeconf.domain.limits import MAX_SCANNED_FORM_BYTES
from safeconf.domain.records import Consent, ConsentState
from safeconf.ui import labels
from safeconf.ui.announce import tell
from safeconf.ui.disclosure import person_labels
from safeconf.ui.disclosure.consent_request_form import ConsentPreset, ConsentRequestForm
from safeconf.ui.messages import user_message
from safeconf.ui.prompts import Prompter
from safeconf.ui.rows_model import RowsModel
from safeconf.ui.widgets import status_label, user_errors
from safeconf.ui.workspace.printing import RosterPreviewDialog
from safeconf.ui.workspace.release_form import ReleaseForm, consent_day
from safeconf.ui.workspace.signature_pad import SignaturePad

__all__ = ["ConsentPreset", "ConsentsDialog", "SignatureDialog"]

Index = QModelIndex | QPersistentModelIndex
FilePicker = Callable[[QWidget], str]  # "" when the worker cancels


def _shown_day(value: str) -> str:
    return QLocale().toString(consent_day(value), QLocale.FormatType.ShortFormat)


class ConsentsModel(RowsModel[Consent]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.at = datetime.now(UTC)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Status"), self.tr("Form"), self.tr("Whose information"),
                self.tr("Signed by"), self.tr("Information"), self.tr("Recipients"),
                self.tr("Valid"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.AccessibleTextRole):
            return None
        c = self.rows[index.row()]
        valid = self.tr("%1 to %2").replace("%1", _shown_day(c.valid_from)).replace(
            "%2", _shown_day(c.valid_until))
        return (person_labels.name(status(c, self.at)), person_labels.name(c.form),
                c.client_name, c.given_by_name, "; ".join(c.information),
                "; ".join(c.recipients), valid)[index.column()]


class SignatureDialog(QDialog):
    """The signer draws on the pad; OK only once there is a signature."""

    def __init__(self, signer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Signature of %1").replace("%1", signer))
        self.pad = SignaturePad(self)
        self.pad.setAccessibleName(self.tr("Signature pad"))
        self.clear_button = QPushButton(self.tr("C&lear"), self)
        self.clear_button.setAccessibleName(self.tr("Clear signature"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Record signature"))
        self.ok_button.setAccessibleName(self.tr("Record signature"))
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel"))
        self.buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.pad.changed.connect(lambda: self.ok_button.setEnabled(self.pad.is_signed()))
        self.clear_button.clicked.connect(self.pad.clear)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Sign in the box with a finger, pen or mouse."), self))
        lay.addWidget(self.pad, 1)
        lay.addWidget(self.buttons)
        self.pad.setFocus()


class ConsentsDialog(QDialog):
    def __init__(self, session: VaultSession, case_id: str, parent: QWidget | None = None,
                 preset: ConsentPreset | None = None, *, prompter: Prompter | None = None,
                 pick_file: FilePicker | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._case_id = case_id
        self._consents = ConsentService(session)
        self._people = PeopleService(session)
        self._prompter = prompter or Prompter()
        self._pick_file = pick_file or self._choose_scan  # a test passes its own
        self._preset = preset
        self._case_number = session.vault.cases.get(case_id).case_number
        self.setWindowTitle(self.tr("Consents — %1").replace("%1", self._case_number))
        self.model = ConsentsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Consents"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.terms = QLabel(self)  # its text changes: no accessible name, so it is read
        self.terms.setWordWrap(True)
        self.status = status_label(self)

        def button(text: str, spoken: str, slot: Callable[[], None]) -> QPushButton:
            made = QPushButton(text, self)
            made.setAccessibleName(spoken)
            made.clicked.connect(lambda _checked=False: slot())
            return made

        self.request_button = button(self.tr("&Request consent…"), self.tr("Request consent"),
                                     lambda: self._request_clicked())
        self.signature_button = button(self.tr("Record &signature…"),
                                       self.tr("Record signature"), self.record_signature)
        self.import_button = button(self.tr("&Import signed form…"),
                                    self.tr("Import signed form"), self.import_form)
        self.refusal_button = button(self.tr("Record re&fusal"), self.tr("Record refusal"),
                                     self.record_refusal)
        self.revoke_button = button(self.tr("Re&voke…"), self.tr("Revoke consent"),
                                    self.revoke)
        self.print_button = button(self.tr("&Print form…"), self.tr("Print form"),
                                   self.print_form)
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            self.tr("Close"))
        self.close_buttons.rejected.connect(self.reject)
        grid = QGridLayout()
        order = (self.request_button, self.signature_button, self.import_button,
                 self.refusal_button, self.revoke_button, self.print_button)
        # No default button: Enter must never record, refuse or revoke a consent by itself.
        for made in (*order, self.close_buttons.button(QDialogButtonBox.StandardButton.Close)):
            made.setAutoDefault(False)
        for i, made in enumerate(order):
            grid.addWidget(made, i // 3, i % 3)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.terms)
        lay.addWidget(self.status)
        lay.addLayout(grid)
        lay.addWidget(self.close_buttons)
        previous: QWidget = self.table
        for made in order:
            self.setTabOrder(previous, made)
            previous = made
        self.resize(900, 520)
        self.refresh()
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection())
        self.table.setFocus()
        if preset is not None:
            tell(self.status, self.tr("Request consent… opens filled in with what a consent "
                                      "for this disclosure must name."))

    # -- reading ------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        consents = self._consents.for_case(self._case_id)
        self.model.at = datetime.now(UTC)
        self.model.set_rows(consents)
        self.table.resizeColumnsToContents()
        row = next((i for i, c in enumerate(consents) if c.id == select),
                   len(consents) - 1 if consents else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._selection()

    def selected(self) -> Consent | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def status_of(self, consent: Consent) -> ConsentStatus:
        return status(consent, datetime.now(UTC))

    def _selection(self) -> None:
        consent = self.selected()
        requested = consent is not None and consent.state is ConsentState.REQUESTED
        for made in (self.signature_button, self.import_button, self.refusal_button):
            made.setEnabled(requested)
        self.revoke_button.setEnabled(consent is not None
                                      and consent.state is ConsentState.GIVEN)
        self.print_button.setEnabled(consent is not None)
        self.terms.setText("" if consent is None else self._terms_text(consent))

    def _terms_text(self, c: Consent) -> str:
        lines = [
            self.tr("Status: %1").replace("%1", person_labels.name(self.status_of(c))),
            self.tr("Signing as: %1").replace("%1", person_labels.name(c.given_by_capacity)),
            self.tr("Other party: %1").replace("%1", " — ".join(
                t for t in (c.other_party_name, c.other_party_address) if t)),
            self.tr("Purpose: %1").replace("%1", c.purpose),
            self.tr("Form text: %1, version %2").replace("%1", labels.name(c.language))
            .replace("%2", str(c.statement_version)),
        ]
        if c.scanned_form is not None:
            lines.append(self.tr("Scanned form: %1, SHA-256 %2").replace(
                "%1", c.scanned_form_name).replace("%2", c.scanned_form_sha256))
        if c.revoked_at:
            lines.append(self.tr("Revoked on %1").replace(
                "%1", labels.local_datetime(c.revoked_at)))
        return "\n".join(lines)

    # -- actions ------------------------------------------------------------------------

    def _request_clicked(self) -> None:
        self.request()

    def request(self, preset: ConsentPreset | None = None) -> Consent | None:
        made: list[Consent] = []

        def save(terms: ConsentTerms) -> None:
            made.append(self._consents.request(self._case_id, terms))

        form = ConsentRequestForm(self._people.for_case(self._case_id), save,
                                  preset or self._preset, self)
        if not self._prompter.run(form) or not made:
            return None
        self._preset = None  # used once: a second request starts blank
        self.refresh(made[0].id)
        tell(self.status, self.tr("Consent requested of %1.").replace(
            "%1", made[0].given_by_name))
        return made[0]

    def record_signature(self) -> None:
        consent = self.selected()
        if consent is None:
            return
        pad = SignatureDialog(consent.given_by_name, self)
        if not self._prompter.run(pad) or not pad.pad.is_signed():
            return
        self._answer(lambda: self._consents.record_given(
            consent.id, signature_png=pad.pad.to_png()), self.tr("Consent recorded as given."))

    def import_form(self) -> None:
        consent = self.selected()
        if consent is None:
            return
        chosen = self._pick_file(self)
        if not chosen:
            return
        path = Path(chosen)
        try:
            scan = read_scanned_form(path)
        except ScanRefused as exc:
            self._prompter.error(self, self.tr("Form not imported"), self._scan_problem(exc))
            return
        given = self._answer(lambda: self._consents.record_given(consent.id, scanned=scan),
                             self.tr("Consent recorded as given; the signed form is kept "
                                     "in the vault."))
        if given is not None:
            self._offer_deletion(path, given)

    def _choose_scan(self, parent: QWidget) -> str:
        path, _filter = QFileDialog.getOpenFileName(
            parent, self.tr("Import signed form"), "",
            self.tr("Scanned forms (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"))
        return path

    def _scan_problem(self, exc: ScanRefused) -> str:
        if exc.reason == TOO_LARGE:
            return self.tr("The file is too large: a scanned form may be at most %1 KB. Scan "
                           "it again in greyscale or at a lower resolution. Nothing was "
                           "stored.").replace("%1", str(MAX_SCANNED_FORM_BYTES // 1024))
        if exc.reason == NOT_A_SCAN:
            return self.tr("That file is not a PDF, PNG, JPEG or TIFF scan. Nothing was "
                           "stored.")
        return user_message(exc)

    def _offer_deletion(self, path: Path, consent: Consent) -> None:
        text = self.tr(
            "The signed form is now kept, encrypted, in the vault (SHA-256 %1).\n\n"
            "Delete the original file %2? It is overwritten with random bytes and then "
            "removed. Overwriting may leave copies on some disks; full-disk encryption "
            "protects them.").replace("%1", consent.scanned_form_sha256).replace(
            "%2", path.name)
        if not self._prompter.confirm(self, self.tr("Delete the original file?"), text):
            return
        try:
            secure_delete(path)
        except SecureDeleteError as exc:
            self._prompter.error(self, self.tr("Original not deleted"), str(exc))
            return
        tell(self.status, self.tr("The original file was deleted."))

    def record_refusal(self) -> None:
        consent = self.selected()
        if consent is None or not self._prompter.confirm(
                self, self.tr("Record refusal"),
                self.tr("Record that %1 refused this consent? A refused consent is final; "
                        "ask for a new one if they change their mind.").replace(
                    "%1", consent.given_by_name)):
            return
        self._answer(lambda: self._consents.record_refused(consent.id),
                     self.tr("Refusal recorded."))

    def revoke(self) -> None:
        consent = self.selected()
        if consent is None or not self._prompter.confirm(
                self, self.tr("Revoke consent"),
                self.tr("Revoke this consent now? From this moment it allows no disclosure. "
                        "Disclosures already made under it stay recorded. This cannot be "
                        "undone.")):
            return
        self._answer(lambda: self._consents.revoke(consent.id),
                     self.tr("Consent revoked: it allows no further disclosure."))

    def print_form(self) -> None:
        consent = self.selected()
        if consent is None:
            return
        document = ReleaseForm().build(consent, self._case_number)
        self._prompter.run(RosterPreviewDialog(document, self.tr("Print release form"),
                                               self._prompter, self))

    def _answer(self, act: Callable[[], Consent], done: str) -> Consent | None:
        try:
            changed = act()
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Consent not changed"), user_message(exc))
            self.refresh()
            return None
        self.refresh(changed.id)
        tell(self.status, done)
        return changed
