"""Records to and from plain JSON-able dicts: one form for the vault's JSON columns,
the sync protocol and the demo data, so all three agree on what a record is."""

from __future__ import annotations

import base64
import dataclasses
import types
import typing
from enum import Enum
from typing import Any, TypeVar

from safeconf.domain.errors import InvalidRecord
from safeconf.domain.records import (
    Acknowledgment,
    Attendee,
    BreachReport,
    Case,
    Conference,
    Consent,
    Disclosure,
    InterviewPermission,
    LegalRequest,
    LegalRequestDocument,
    LegalRequestEvent,
    LegalReview,
    LegalReviewAnswer,
    LossReport,
    Note,
    NoteRevision,
    NoticeReceipt,
    Person,
    RecordMeta,
    StaffAcknowledgment,
)

RECORD_TYPES: dict[str, type[RecordMeta]] = {
    "case": Case,
    "conference": Conference,
    "attendee": Attendee,
    "acknowledgment": Acknowledgment,
    "note": Note,
    "note_revision": NoteRevision,
    "consent": Consent,
    "disclosure": Disclosure,
    "legal_request": LegalRequest,
    "legal_request_document": LegalRequestDocument,
    "legal_request_event": LegalRequestEvent,
    "interview_permission": InterviewPermission,
    "notice_receipt": NoticeReceipt,
    "staff_acknowledgment": StaffAcknowledgment,
    "person": Person,
    "legal_review": LegalReview,
    "legal_review_answer": LegalReviewAnswer,
    "loss_report": LossReport,
    "breach_report": BreachReport,
}
TYPE_NAMES: dict[type[RecordMeta], str] = {cls: name for name, cls in RECORD_TYPES.items()}

# The few records whose current state changes (with a version and a base-version check when
# synced); every other record is only ever added to — a change is a new record.
MUTABLE_TYPES = frozenset({"case", "conference", "attendee", "note", "consent", "person"})
APPEND_ONLY_TYPES = frozenset(RECORD_TYPES) - MUTABLE_TYPES
# Written at HQ only and pulled by laptops; a device's push of one is refused ("hq_authored").
HQ_AUTHORED_TYPES = frozenset({"legal_review_answer", "legal_request_event"})

R = TypeVar("R", bound=RecordMeta)


def type_name(record: RecordMeta) -> str:
    return TYPE_NAMES[type(record)]


def to_dict(record: RecordMeta) -> dict[str, Any]:
    """Enums become their values, bytes become base64 text, tuples become lists."""
    return {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)}


def from_dict(cls: type[R], data: dict[str, Any]) -> R:
    """Build a record from `to_dict` output; unknown or missing fields raise `InvalidRecord`."""
    if not isinstance(data, dict):
        raise InvalidRecord("A record must be an object.")
    fields, hints = _fields_and_hints(cls)
    unknown = set(data) - fields
    if unknown:
        raise InvalidRecord(f"Unknown fields for {cls.__name__}: {', '.join(sorted(unknown))}.")
    values: dict[str, Any] = {}
    for name, value in data.items():
        try:
            values[name] = _decode(hints[name], value)
        except (TypeError, ValueError) as exc:
            raise InvalidRecord(f"{cls.__name__}.{name}: {exc}") from exc
    try:
        return cls(**values)
    except TypeError as exc:
        raise InvalidRecord(f"{cls.__name__}: {exc}") from exc


_FIELDS_AND_HINTS: dict[type[RecordMeta], tuple[frozenset[str], dict[str, Any]]] = {}


def _fields_and_hints(cls: type[RecordMeta]) -> tuple[frozenset[str], dict[str, Any]]:
    # get_type_hints re-evaluates every annotation string; once per class is enough.
    found = _FIELDS_AND_HINTS.get(cls)
    if found is None:
        found = frozenset(f.name for f in dataclasses.fields(cls)), typing.get_type_hints(cls)
        _FIELDS_AND_HINTS[cls] = found
    return found


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def _decode(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if value is None:
            if len(options) == len(typing.get_args(hint)):
                raise ValueError("may not be empty")
            return None
        return _decode(options[0], value)
    if origin is tuple:
        if not isinstance(value, list):
            raise TypeError("expected a list")
        (item_hint, _ellipsis) = typing.get_args(hint)
        return tuple(_decode(item_hint, v) for v in value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if hint is bytes:
        if not isinstance(value, str):
            raise TypeError("expected base64 text")
        return base64.b64decode(value, validate=True)
    if hint is bool:
        if not isinstance(value, bool):
            raise TypeError("expected true or false")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("expected a whole number")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise TypeError("expected text")
        return value
    raise TypeError(f"unsupported field type {hint!r}")
