"""Translated names of the people and consent values these screens show (kinds of person,
relationships, signing capacities, consent forms and statuses)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from safeconf.domain.consent_lifecycle import ConsentStatus
from safeconf.domain.records import ConsentForm, PersonKind, Relationship, SignerCapacity

_CTX = "PersonLabels"
# One table per enum: the enums are strings, and PersonKind.PARENT == SignerCapacity.PARENT,
# so one dict of them all would keep only the last of equal keys.
_NAMES: dict[type, dict[Any, Any]] = {
    PersonKind: {
        PersonKind.CLIENT: QT_TRANSLATE_NOOP("PersonLabels", "Client"),
        PersonKind.PARENT: QT_TRANSLATE_NOOP("PersonLabels", "Parent"),
        PersonKind.LEGAL_GUARDIAN: QT_TRANSLATE_NOOP("PersonLabels", "Legal guardian"),
        PersonKind.CHILD: QT_TRANSLATE_NOOP("PersonLabels", "Child"),
        PersonKind.RELATIVE: QT_TRANSLATE_NOOP("PersonLabels", "Relative"),
        PersonKind.AUTHORIZED_REPRESENTATIVE: QT_TRANSLATE_NOOP("PersonLabels",
                                                                "Authorized representative"),
        PersonKind.ATTORNEY: QT_TRANSLATE_NOOP("PersonLabels", "Attorney"),
    },
    Relationship: {
        Relationship.PARENT_OF: QT_TRANSLATE_NOOP("PersonLabels", "Parent of"),
        Relationship.LEGAL_GUARDIAN_OF: QT_TRANSLATE_NOOP("PersonLabels", "Legal guardian of"),
        Relationship.CHILD_OF: QT_TRANSLATE_NOOP("PersonLabels", "Child of"),
        Relationship.RELATIVE_OF: QT_TRANSLATE_NOOP("PersonLabels", "Relative of"),
        Relationship.ATTORNEY_FOR: QT_TRANSLATE_NOOP("PersonLabels", "Attorney for"),
        Relationship.AUTHORIZED_REPRESENTATIVE_OF: QT_TRANSLATE_NOOP(
            "PersonLabels", "Authorized representative of"),
    },
    SignerCapacity: {
        SignerCapacity.SELF: QT_TRANSLATE_NOOP("PersonLabels", "Self (whose information it is)"),
        SignerCapacity.PARENT: QT_TRANSLATE_NOOP("PersonLabels", "Parent, for a child"),
        SignerCapacity.LEGAL_GUARDIAN: QT_TRANSLATE_NOOP("PersonLabels", "Legal guardian"),
        SignerCapacity.ATTORNEY: QT_TRANSLATE_NOOP("PersonLabels", "Attorney"),
        SignerCapacity.AUTHORIZED_REPRESENTATIVE: QT_TRANSLATE_NOOP(
            "PersonLabels", "Authorized representative"),
    },
    ConsentForm: {
        ConsentForm.OBTAIN: QT_TRANSLATE_NOOP("PersonLabels", "Obtain records for the agency"),
        ConsentForm.RELEASE: QT_TRANSLATE_NOOP("PersonLabels", "Release agency records"),
    },
    ConsentStatus: {
        ConsentStatus.REQUESTED: QT_TRANSLATE_NOOP("PersonLabels", "Requested"),
        ConsentStatus.GIVEN: QT_TRANSLATE_NOOP("PersonLabels", "Given"),
        ConsentStatus.REFUSED: QT_TRANSLATE_NOOP("PersonLabels", "Refused"),
        ConsentStatus.REVOKED: QT_TRANSLATE_NOOP("PersonLabels", "Revoked"),
        ConsentStatus.EXPIRED: QT_TRANSLATE_NOOP("PersonLabels", "Expired"),
    },
}


def name(value: object) -> str:
    return QCoreApplication.translate(_CTX, _NAMES[type(value)][value])
