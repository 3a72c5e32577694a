"""Translated names of domain values (roles, states, sections…) for display."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale

from safeconf.domain.records import (
    AckMethod,
    AgeBand,
    ConferenceState,
    ConferenceType,
    Language,
    NoteSection,
    PermissionGiver,
    PermissionMethod,
    Presence,
    Role,
)

_CTX = "Labels"
SHORT = QLocale.FormatType.ShortFormat
LONG = QLocale.FormatType.LongFormat
_NAMES: dict[object, str] = {
    ConferenceState.SCHEDULED: QT_TRANSLATE_NOOP("Labels", "Scheduled"),
    ConferenceState.CHECKING_IN: QT_TRANSLATE_NOOP("Labels", "Checking in"),
    ConferenceState.IN_SESSION: QT_TRANSLATE_NOOP("Labels", "In session"),
    ConferenceState.CONCLUDED: QT_TRANSLATE_NOOP("Labels", "Concluded"),
    ConferenceState.FINALIZED: QT_TRANSLATE_NOOP("Labels", "Finalized"),
    ConferenceType.CHILD_SAFETY_CONFERENCE: QT_TRANSLATE_NOOP("Labels", "Child Safety Conference"),
    ConferenceType.TEAM_DECISION_MEETING: QT_TRANSLATE_NOOP("Labels", "Team Decision Meeting"),
    ConferenceType.CHILD_AND_FAMILY_TEAM: QT_TRANSLATE_NOOP("Labels", "Child and Family Team"),
    Role.PARENT: QT_TRANSLATE_NOOP("Labels", "Parent"),
    Role.LEGAL_GUARDIAN: QT_TRANSLATE_NOOP("Labels", "Legal guardian"),
    Role.YOUTH: QT_TRANSLATE_NOOP("Labels", "Youth"),
    Role.RELATIVE: QT_TRANSLATE_NOOP("Labels", "Relative"),
    Role.CAREGIVER: QT_TRANSLATE_NOOP("Labels", "Caregiver"),
    Role.CASEWORKER: QT_TRANSLATE_NOOP("Labels", "Caseworker"),
    Role.FACILITATOR: QT_TRANSLATE_NOOP("Labels", "Facilitator"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("Labels", "Supervisor"),
    Role.ATTORNEY: QT_TRANSLATE_NOOP("Labels", "Attorney"),
    Role.SERVICE_PROVIDER: QT_TRANSLATE_NOOP("Labels", "Service provider"),
    Role.INTERPRETER: QT_TRANSLATE_NOOP("Labels", "Interpreter"),
    Role.OTHER: QT_TRANSLATE_NOOP("Labels", "Other"),
    AgeBand.UNDER_6: QT_TRANSLATE_NOOP("Labels", "Under 6"),
    AgeBand.AGE_6_TO_11: QT_TRANSLATE_NOOP("Labels", "6 to 11"),
    AgeBand.AGE_12_TO_14: QT_TRANSLATE_NOOP("Labels", "12 to 14"),
    AgeBand.AGE_15_TO_17: QT_TRANSLATE_NOOP("Labels", "15 to 17"),
    Presence.EXPECTED: QT_TRANSLATE_NOOP("Labels", "Expected"),
    Presence.PRESENT: QT_TRANSLATE_NOOP("Labels", "Present"),
    Presence.ABSENT: QT_TRANSLATE_NOOP("Labels", "Absent"),
    Presence.EXCUSED: QT_TRANSLATE_NOOP("Labels", "Excused"),
    Presence.EXCLUDED: QT_TRANSLATE_NOOP("Labels", "Excluded"),
    Presence.LEFT: QT_TRANSLATE_NOOP("Labels", "Left"),
    Language.ENGLISH: QT_TRANSLATE_NOOP("Labels", "English"),
    Language.SPANISH: QT_TRANSLATE_NOOP("Labels", "Spanish"),
    AckMethod.DRAWN_SIGNATURE: QT_TRANSLATE_NOOP("Labels", "Drawn signature"),
    AckMethod.TYPED_NAME: QT_TRANSLATE_NOOP("Labels", "Typed name"),
    AckMethod.VERBAL: QT_TRANSLATE_NOOP("Labels", "Verbal, attested"),
    AckMethod.REFUSED: QT_TRANSLATE_NOOP("Labels", "Refused"),
    PermissionGiver.PARENT: QT_TRANSLATE_NOOP("Labels", "A parent"),
    PermissionGiver.LEGAL_GUARDIAN: QT_TRANSLATE_NOOP("Labels", "A legal guardian"),
    PermissionGiver.COURT_ORDER: QT_TRANSLATE_NOOP("Labels", "A court order"),
    PermissionGiver.YOUTH: QT_TRANSLATE_NOOP("Labels", "The youth (where the law allows)"),
    PermissionMethod.IN_PERSON: QT_TRANSLATE_NOOP("Labels", "In person"),
    PermissionMethod.IN_WRITING: QT_TRANSLATE_NOOP("Labels", "In writing"),
    PermissionMethod.BY_PHONE: QT_TRANSLATE_NOOP("Labels", "By phone"),
    PermissionMethod.COURT_ORDER_DOCUMENT: QT_TRANSLATE_NOOP("Labels", "Court order document"),
    NoteSection.CONCERNS: QT_TRANSLATE_NOOP("Labels", "Concerns"),
    NoteSection.STRENGTHS: QT_TRANSLATE_NOOP("Labels", "Strengths"),
    NoteSection.SAFETY_PLAN: QT_TRANSLATE_NOOP("Labels", "Safety plan"),
    NoteSection.DECISIONS: QT_TRANSLATE_NOOP("Labels", "Decisions"),
    NoteSection.NEXT_STEPS: QT_TRANSLATE_NOOP("Labels", "Next steps"),
    NoteSection.GENERAL: QT_TRANSLATE_NOOP("Labels", "General"),
}


def name(value: object) -> str:
    return QCoreApplication.translate(_CTX, _NAMES[value])


def _moment(value: object) -> QDateTime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()


def local_datetime(value: object, fmt: QLocale.FormatType = SHORT) -> str:
    """A UTC timestamp (ISO text or aware datetime) in the user's time zone and locale."""
    return QLocale().toString(_moment(value), fmt)


def local_time(value: object) -> str:
    return QLocale().toString(_moment(value).time(), SHORT)
