"""The fields that describe a conference (type, start, place, facilitator, language), shared
by the New conference dialog and the Details step, so both ask the same way."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QObject, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from safeconf.domain.ids import parse_utc
from safeconf.domain.records import Conference, ConferenceType, Language
from safeconf.ui import labels


def add_row(form: QFormLayout, text: str, field: QWidget, name: str) -> None:
    label = QLabel(text)
    label.setBuddy(field)
    field.setAccessibleName(name)
    form.addRow(label, field)


class ConferenceFields(QObject):
    """Adds the conference's fields to a form; `values()` reads them for the service.
    A QObject so its labels have one translation context wherever they are shown."""

    def __init__(self, form: QFormLayout, owner: QWidget, facilitator: str) -> None:
        super().__init__(owner)
        self.kind = QComboBox(owner)
        for kind in ConferenceType:
            self.kind.addItem(labels.name(kind), kind.value)
        self.start = QDateTimeEdit(owner)
        self.start.setCalendarPopup(True)
        # A conference is mostly scheduled as the family arrives: "now", to the minute.
        now = QDateTime.currentDateTime()
        self.start.setDateTime(QDateTime(now.date(), QTime(now.time().hour(),
                                                           now.time().minute())))
        self.location = QLineEdit(owner)
        self.facilitator = QLineEdit(facilitator, owner)
        self.language = QComboBox(owner)
        for lang in Language:
            self.language.addItem(labels.name(lang), lang.value)
        add_row(form, self.tr("&Type:"), self.kind, self.tr("Conference type"))
        add_row(form, self.tr("&Starts:"), self.start, self.tr("Start date and time"))
        add_row(form, self.tr("&Location:"), self.location, self.tr("Location"))
        add_row(form, self.tr("F&acilitator:"), self.facilitator, self.tr("Facilitator"))
        add_row(form, self.tr("Lan&guage:"), self.language, self.tr("Conference language"))

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.kind, self.start, self.location, self.facilitator, self.language)

    def load(self, conference: Conference) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(conference.kind.value)))
        local = parse_utc(conference.scheduled_start).astimezone()
        self.start.setDateTime(QDateTime(local.replace(tzinfo=None)))
        self.location.setText(conference.location)
        self.facilitator.setText(conference.facilitator)
        self.language.setCurrentIndex(max(0, self.language.findData(conference.language.value)))

    def values(self) -> dict[str, object]:
        start: datetime = self.start.dateTime().toPython().astimezone()
        return {
            "start": start,
            "location": self.location.text(),
            "facilitator": self.facilitator.text(),
            "kind": ConferenceType(self.kind.currentData()),
            "language": Language(self.language.currentData()),
        }
