"""The form that asks for a consent: which release form, whose information, who signs and in
what capacity, the information items, the recipients, the other party, the purpose, the dates
and the language the signer reads. `ConsentPreset` fills it in with what a consent would have
to name for a disclosure ("May I share this?" opens it so)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.consents import ConsentTerms
from safeconf.domain.disclosure_terms import Information
from safeconf.domain.records import ConsentForm, Language, Person, SignerCapacity
from safeconf.domain.validation import FieldError
from safeconf.ui import labels
from safeconf.ui.announce import tell
from safeconf.ui.disclosure import person_labels
from safeconf.ui.messages import user_message
from safeconf.ui.widgets import status_label, user_errors

# The kinds the disclosure policy knows. A consent counts for the policy only where an item
# names one exactly (domain.consent_reading.RecordedConsent), so these are offered as ticks
# and stored as the policy spells them ("conference summary"); privileged legal advice
# never leaves the agency, so no consent offers it.
OFFERED_KINDS = (Information.WHOLE_RECORD, Information.CONFERENCE_SUMMARY,
                 Information.CHOSEN_NOTES, Information.HEALTH_INFORMATION)


def item_text(kind: Information) -> str:
    return kind.value.replace("_", " ")


@dataclass(frozen=True)
class ConsentPreset:
    """What a consent would have to name for one disclosure: whose information (a person of
    the case), which kind, to whom, and from which day."""

    person_id: str
    information: Information
    recipient_name: str
    valid_from: date


def _day(value: QDate) -> datetime:
    # Whole days in UTC: the disclosure check reads a consent's days so
    # (RecordedConsent), and "valid until" is the first day it no longer holds.
    return datetime.combine(date(value.year(), value.month(), value.day()), time(), UTC)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ConsentRequestForm(QDialog):
    """`save` stores the terms; when it raises a user error the form stays open, says why,
    and keeps everything typed."""

    def __init__(self, people: list[Person], save: Callable[[ConsentTerms], None],
                 preset: ConsentPreset | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._people = people
        self.setWindowTitle(self.tr("Request consent"))
        self.form = QComboBox(self)
        for which in (ConsentForm.RELEASE, ConsentForm.OBTAIN):
            self.form.addItem(person_labels.name(which), which.value)
        self.whose = QComboBox(self)
        for person in people:
            self.whose.addItem(f"{person.name} ({person_labels.name(person.kind)})", person.id)
        self.signer = QComboBox(self)
        self.signer.setEditable(True)  # a signer need not be a person already on the case
        for person in people:
            self.signer.addItem(person.name, person.id)
        self.signer.setCurrentIndex(-1)  # blank: nobody signs until named
        typed = self.signer.lineEdit()
        assert typed is not None  # editable
        typed.setPlaceholderText(self.tr("Name of the person who signs"))
        self.capacity = QComboBox(self)
        for capacity in SignerCapacity:
            self.capacity.addItem(person_labels.name(capacity), capacity.value)
        self.kinds: dict[Information, QCheckBox] = {}
        items_box = QGroupBox(self.tr("Information to release or obtain"), self)
        items_lay = QVBoxLayout(items_box)
        kind_texts = {
            Information.WHOLE_RECORD: self.tr("Whole re&cord"),
            Information.CONFERENCE_SUMMARY: self.tr("Conference su&mmary"),
            Information.CHOSEN_NOTES: self.tr("Chosen no&tes"),
            Information.HEALTH_INFORMATION: self.tr("&Health information"),
        }
        for kind in OFFERED_KINDS:
            box = QCheckBox(kind_texts[kind], items_box)
            box.setAccessibleName(kind_texts[kind].replace("&", ""))
            self.kinds[kind] = box
            items_lay.addWidget(box)
        self.other_items = QPlainTextEdit(self)
        self.other_items.setTabChangesFocus(True)
        self.other_items.setPlaceholderText(self.tr("Other information, one item per line"))
        self.recipients = QPlainTextEdit(self)
        self.recipients.setTabChangesFocus(True)
        self.recipients.setPlaceholderText(self.tr("One recipient per line"))
        self.other_party = QLineEdit(self)
        self.address = QLineEdit(self)
        self.purpose = QLineEdit(self)
        today = QDate.currentDate()
        self.valid_from = QDateEdit(today, self)
        self.valid_until = QDateEdit(today.addYears(1), self)
        for edit in (self.valid_from, self.valid_until):
            edit.setCalendarPopup(True)
        self.valid_until.setAccessibleDescription(
            self.tr("The consent no longer holds from the start of this day."))
        self.language = QComboBox(self)
        for lang in Language:
            self.language.addItem(labels.name(lang), lang.value)

        fields = QWidget(self)
        form = QFormLayout(fields)
        rows: tuple[tuple[str, QWidget, str], ...] = (
            (self.tr("F&orm:"), self.form, self.tr("Which release form")),
            (self.tr("&Whose information:"), self.whose, self.tr("Whose information")),
            (self.tr("Signed &by:"), self.signer, self.tr("Who signs")),
            (self.tr("Signing &as:"), self.capacity, self.tr("In what capacity they sign")),
        )
        for text, field, spoken in rows:
            self._row(form, text, field, spoken)
        form.addRow(items_box)
        for text, field, spoken in (
            (self.tr("Other &information:"), self.other_items, self.tr("Other information")),
            (self.tr("&Recipients:"), self.recipients, self.tr("Recipients, one per line")),
            (self.tr("Other &party:"), self.other_party,
             self.tr("Agency, person or provider released to or obtained from")),
            (self.tr("A&ddress:"), self.address, self.tr("Other party's address")),
            (self.tr("P&urpose:"), self.purpose, self.tr("Purpose")),
            (self.tr("Valid &from:"), self.valid_from, self.tr("Valid from")),
            (self.tr("Valid u&ntil:"), self.valid_until, self.tr("Valid until")),
            (self.tr("&Language of the form:"), self.language, self.tr("Language of the form")),
        ):
            self._row(form, text, field, spoken)
        scroll = QScrollArea(self)
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        self.problem = status_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Record the re&quest"))
        self.ok_button.setAccessibleName(self.tr("Record the request"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel"))
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.problem)
        lay.addWidget(self.buttons)
        self.resize(620, 720)
        if preset is not None:
            self.apply(preset)
        self.form.setFocus()

    def _row(self, form: QFormLayout, text: str, field: QWidget, spoken: str) -> None:
        label = QLabel(text, self)
        label.setBuddy(field)
        field.setAccessibleName(spoken)
        form.addRow(label, field)

    def apply(self, preset: ConsentPreset) -> None:
        """Fill in what a consent for this disclosure must name; the worker completes it."""
        self.form.setCurrentIndex(self.form.findData(ConsentForm.RELEASE.value))
        found = self.whose.findData(preset.person_id)
        if found >= 0:
            self.whose.setCurrentIndex(found)
        if preset.information in self.kinds:
            self.kinds[preset.information].setChecked(True)
        self.recipients.setPlainText(preset.recipient_name)
        start = QDate(preset.valid_from.year, preset.valid_from.month, preset.valid_from.day)
        self.valid_from.setDate(start)
        self.valid_until.setDate(start.addYears(1))

    def terms(self) -> ConsentTerms:
        whose = next((p for p in self._people if p.id == self.whose.currentData()), None)
        signer_name = self.signer.currentText().strip()
        folded = " ".join(signer_name.split()).casefold()
        signer = next((p for p in self._people
                       if " ".join(p.name.split()).casefold() == folded), None)
        items = [item_text(k) for k, box in self.kinds.items() if box.isChecked()]
        return ConsentTerms(
            form=ConsentForm(self.form.currentData()),
            client_name=whose.name if whose else "",
            given_by_name=signer_name,
            given_by_capacity=SignerCapacity(self.capacity.currentData()),
            information=items + _lines(self.other_items.toPlainText()),
            recipients=_lines(self.recipients.toPlainText()),
            valid_from=_day(self.valid_from.date()),
            valid_until=_day(self.valid_until.date()),
            other_party_name=self.other_party.text(),
            other_party_address=self.address.text(),
            purpose=self.purpose.text(),
            language=Language(self.language.currentData()),
            person_id=signer.id if signer else None,
        )

    def try_save(self) -> None:
        try:
            self._save(self.terms())
        except user_errors() as exc:
            tell(self.problem, self.problem_text(exc), urgent=True)
            return
        self.accept()

    def problem_text(self, exc: BaseException) -> str:
        """The domain's refusals a worker meets here, in the interface language."""
        if isinstance(exc, FieldError):
            field = exc.field.rsplit(".", 1)[-1]
            worded = {
                "valid_until": self.tr("Not recorded: “Valid until” must be later than "
                                       "“Valid from”; a consent ends after it starts."),
                "information": self.tr("Not recorded: tick or write at least one item of "
                                       "information the consent covers."),
                "recipients": self.tr("Not recorded: name at least one recipient."),
                "client_name": self.tr("Not recorded: choose whose information it is (add "
                                       "the person on the case first)."),
                "given_by_name": self.tr("Not recorded: name the person who signs."),
            }.get(field)
            if worded:
                return worded
        return user_message(exc)
