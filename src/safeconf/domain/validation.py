"""One definition of what a well-formed record is, field by field, for every record type.

Used wherever a record lands from outside this process's own code paths: the vault's writes
(forms, imports, demo data), HQ's push, and the vault's apply of a pulled page. `codec`
already checks each field's type and enum values; this adds formats (lowercase UUIDs, UTC
timestamps with their zone), lengths, byte sizes and the whole record's size. A test keeps
every field of every record type covered, so a new field cannot land unchecked.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from safeconf.domain import codec
from safeconf.domain.auditchain import canonical_json
from safeconf.domain.business_days import MAX_BUSINESS_DAYS, due_date
from safeconf.domain.caseless import is_caseless
from safeconf.domain.disclosure_policy import LEGAL_REVIEW_LINES, LINES
from safeconf.domain.disclosure_terms import Information, Mode
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.legal_request_states import NEEDS_TEXT
from safeconf.domain.limits import (
    MAX_DELTA_CHARS,
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    MAX_RECORD_BYTES,
    MAX_SCANNED_FORM_BYTES,
    MAX_SIGNATURE_PNG_BYTES,
    MAX_TEXT_CHARS,
)
from safeconf.domain.records import (
    AckMethod,
    ConsentState,
    DisclosureBasis,
    LegalAction,
    LegalAnswer,
    LegalRequestKind,
    LossKind,
    Presence,
    RecordMeta,
)

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# UTC, spelled "+00:00", with or without microseconds: the forms the app writes, and the
# only ones whose text order is time order (lists and pull windows compare them as text).
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_STATEMENT_ID = re.compile(r"[a-z][a-z0-9_-]{0,63}")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_MAX_INT = 2**53  # what every JSON reader holds exactly
_MAX_LIST = 50  # assigned workers, consent recipients and information
MAX_RECORD_IDS = 1000  # conferences and notes one disclosure names
MAX_PASSAGES = 500  # passages one review or answer withholds


class FieldError(InvalidRecord):
    """A record field is malformed; `field` names it as `type.field`."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field


Check = Callable[[Any], str | None]  # None when the value is fine, else what is wrong


def uuid(value: Any) -> str | None:
    return None if isinstance(value, str) and _UUID.fullmatch(value) else (
        "must be a lowercase UUID")


def optional_uuid(value: Any) -> str | None:
    return None if value is None else uuid(value)


def timestamp(value: Any) -> str | None:
    if not isinstance(value, str) or not _TIMESTAMP.fullmatch(value):
        return "must be a UTC time like 2026-03-01T10:00:00+00:00"
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return "is not a real date and time"
    return None


def day(value: Any) -> str | None:
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        return "must be a date like 2026-03-01"
    try:
        date.fromisoformat(value)
    except ValueError:
        return "is not a real date"
    return None


def optional_day(value: Any) -> str | None:
    return None if value is None else day(value)


def optional_timestamp(value: Any) -> str | None:
    return None if value is None else timestamp(value)


def whole(low: int = 0) -> Check:
    def check(value: Any) -> str | None:
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= _MAX_INT
        return None if ok else f"must be a whole number from {low}"
    return check


def flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def enum(value: Any) -> str | None:
    return None  # codec has already turned it into a member or refused it


def optional_enum(value: Any) -> str | None:
    return None


def text(limit: int, *, required: bool = False, lines: bool = False) -> Check:
    """Text of at most `limit` characters, without control characters (line breaks and
    the like only where `lines`), and non-blank when `required`."""
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return "must be text"
        if len(value) > limit:
            return f"is too long ({len(value):,} characters; the limit is {limit:,})"
        if required and not value.strip():
            return "is empty"
        return _control_characters(value, lines)
    return check


def hex64(value: Any) -> str | None:
    return None if isinstance(value, str) and _HEX64.fullmatch(value) else (
        "must be 64 lowercase hexadecimal digits")


def statement_id(value: Any) -> str | None:
    return None if isinstance(value, str) and _STATEMENT_ID.fullmatch(value) else (
        "must be a statement id (lowercase letters, digits, '-' and '_')")


def names(value: Any) -> str | None:
    if not isinstance(value, tuple) or len(value) > _MAX_LIST:
        return f"must be a list of at most {_MAX_LIST} names"
    for item in value:
        problem = text(MAX_NAME_CHARS, required=True)(item)
        if problem:
            return f"holds a name that {problem}"
    return None


def items(value: Any) -> str | None:
    """A list of short texts (the information a consent covers)."""
    if not isinstance(value, tuple) or len(value) > _MAX_LIST:
        return f"must be a list of at most {_MAX_LIST} items"
    for item in value:
        problem = text(MAX_NAME_CHARS, required=True)(item)
        if problem:
            return f"holds an item that {problem}"
    return None


def optional_hex64(value: Any) -> str | None:
    return None if value == "" else hex64(value)


# What a scanned form may be: PDF, PNG, JPEG or TIFF, told by its first bytes.
_SCAN_MAGIC = (b"%PDF-", _PNG_MAGIC, b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def optional_scan(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, bytes):
        return "must be the scanned file's bytes"
    if len(value) > MAX_SCANNED_FORM_BYTES:
        return (f"is too large ({len(value):,} bytes; the limit is "
                f"{MAX_SCANNED_FORM_BYTES:,})")
    if not value.startswith(_SCAN_MAGIC):
        return "is not a PDF, PNG, JPEG or TIFF file"
    return None


def optional_png(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, bytes):
        return "must be a PNG image"
    if len(value) > MAX_SIGNATURE_PNG_BYTES:
        return (f"is too large ({len(value):,} bytes; the limit is "
                f"{MAX_SIGNATURE_PNG_BYTES:,})")
    if not value.startswith(_PNG_MAGIC):
        return "is not a PNG image"
    return None


def optional_bytes(size: int, what: str) -> Check:
    """None, or exactly `size` bytes (base64 in the record's JSON)."""
    def check(value: Any) -> str | None:
        if value is None or (isinstance(value, bytes) and len(value) == size):
            return None
        return f"must be {what} ({size} bytes)"
    return check


# Control characters (Cc) and lone surrogates (Cs). Multi-line text keeps tabs, line breaks,
# vertical tabs and form feeds (pasted documents carry them) and the Unicode line and
# paragraph separators; single-line text keeps none of them. Never ESC, NUL, BEL or the C1
# controls, which a terminal or a log viewer would act on.
_CONTROL_IN_LINES = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def _control_characters(value: str, lines: bool) -> str | None:
    found = (_CONTROL_IN_LINES if lines else _CONTROL).search(value)
    if found is None:
        return None
    return f"holds a control character (U+{ord(found.group()):04X})"


NAME = text(MAX_NAME_CHARS)
REQUIRED_NAME = text(MAX_NAME_CHARS, required=True)
SHORT_TEXT = text(MAX_TEXT_CHARS, lines=True)
REQUIRED_SHORT_TEXT = text(MAX_TEXT_CHARS, required=True, lines=True)


def uuids(value: Any) -> str | None:
    if not isinstance(value, tuple) or len(value) > MAX_RECORD_IDS:
        return f"must be a list of at most {MAX_RECORD_IDS} record ids"
    return next((f"item {i}: {p}" for i, v in enumerate(value) if (p := uuid(v))), None)


def passages(value: Any) -> str | None:
    """Passages to withhold from a copy: each a non-empty line of text."""
    if not isinstance(value, tuple) or len(value) > MAX_PASSAGES:
        return f"must be a list of at most {MAX_PASSAGES} passages"
    check = text(MAX_TEXT_CHARS, required=True)
    return next((f"item {i}: {p}" for i, v in enumerate(value) if (p := check(v))), None)


def policy_line(value: Any) -> str | None:
    return None if isinstance(value, str) and value in LINES else \
        "must name a line of the disclosure policy"

def optional_device_id(value: Any) -> str | None:
    """HQ's id of a device (a lowercase UUID), or empty."""
    return None if value == "" else uuid(value)


_META: dict[str, Check] = {
    "id": uuid,
    "case_id": uuid,
    "created_at": timestamp,
    "updated_at": timestamp,
    "origin_device": NAME,
    "version": whole(1),
    "deleted": flag,
}

# Field checks per record type, beyond the shared bookkeeping fields above.
FIELDS: dict[str, dict[str, Check]] = {
    "case": {
        "case_number": REQUIRED_NAME, "family_name": REQUIRED_NAME,
        "assigned_workers": names, "status": enum, "sealed": flag,
    },
    "conference": {
        "kind": enum, "scheduled_start": timestamp, "location": SHORT_TEXT,
        "facilitator": NAME, "language": enum, "state": enum,
    },
    "attendee": {
        "conference_id": uuid, "name": REQUIRED_NAME, "role": enum,
        "age_band": optional_enum, "presence": enum, "arrived_at": optional_timestamp,
        "language": enum, "interpreter": NAME, "left_at": optional_timestamp,
        "person_id": optional_uuid,
    },
    "acknowledgment": {
        "conference_id": uuid, "attendee_id": uuid, "statement_id": statement_id,
        "statement_version": whole(1), "statement_sha256": hex64, "language": enum,
        "method": enum, "signed_at": timestamp, "typed_name": NAME, "attested_by": NAME,
        "witness": NAME, "signature_png": optional_png, "attendee_name": NAME,
        "signer_key": optional_bytes(32, "an Ed25519 public key"),
        "signature": optional_bytes(64, "an Ed25519 signature"),
    },
    "note": {
        "conference_id": uuid, "section": enum,
        "body": text(MAX_NOTE_CHARS, lines=True), "author": NAME, "is_addendum": flag,
        "interviewed_youth_id": optional_uuid, "interview_permission_id": optional_uuid,
        "health_information": flag,
    },
    "interview_permission": {
        "conference_id": uuid, "attendee_id": uuid, "given_by": enum,
        "giver_name": REQUIRED_NAME, "scope": text(MAX_TEXT_CHARS, required=True, lines=True),
        "given_on": day, "obtained": enum,
    },
    "note_revision": {
        "note_id": uuid, "revision": whole(1), "body": text(MAX_NOTE_CHARS, lines=True),
        "author": NAME, "base_id": optional_uuid, "delta": text(MAX_DELTA_CHARS),
        "sha256": optional_hex64,
    },
    "consent": {
        "form": enum, "state": enum, "client_name": REQUIRED_NAME,
        "given_by_name": REQUIRED_NAME, "given_by_capacity": enum, "person_id": optional_uuid,
        "information": items, "recipients": names, "other_party_name": NAME,
        "other_party_address": SHORT_TEXT, "purpose": SHORT_TEXT, "valid_from": timestamp,
        "valid_until": timestamp, "statement_id": statement_id, "statement_version": whole(1),
        "statement_sha256": hex64, "language": enum, "requested_by": NAME,
        "answered_at": optional_timestamp, "signature_png": optional_png,
        "scanned_form": optional_scan, "scanned_form_name": NAME,
        "scanned_form_sha256": optional_hex64, "revoked_at": optional_timestamp,
    },
    "disclosure": {
        "information": enum, "what": REQUIRED_SHORT_TEXT, "record_ids": uuids, "mode": enum,
        "extent": enum, "recipient": enum, "recipient_name": REQUIRED_NAME,
        "recipient_person_id": optional_uuid, "health_purpose": optional_enum, "basis": enum,
        "policy_line": policy_line, "consent_id": optional_uuid,
        "legal_review_id": optional_uuid, "disclosed_by": REQUIRED_NAME,
        "disclosed_at": timestamp, "document_sha256": optional_hex64, "redactions": whole(0),
    },
    "legal_review": {
        "information": enum, "what": REQUIRED_SHORT_TEXT, "record_ids": uuids, "mode": enum,
        "extent": enum, "recipient": enum, "recipient_name": REQUIRED_NAME,
        "health_purpose": optional_enum, "policy_line": policy_line,
        "question": text(MAX_TEXT_CHARS, required=True, lines=True),
        "proposed_redactions": passages, "requested_by": REQUIRED_NAME,
        "requested_at": timestamp,
    },
    "legal_review_answer": {
        "review_id": uuid, "answer": enum,
        "advice": text(MAX_TEXT_CHARS, required=True, lines=True), "redactions": passages,
        "answered_by": REQUIRED_NAME, "answered_at": timestamp,
    },
    "legal_request": {
        "kind": enum, "requester": REQUIRED_NAME, "requester_body": REQUIRED_NAME,
        "body_kind": enum, "asked": text(MAX_TEXT_CHARS, required=True, lines=True),
        "received_on": day, "business_days": whole(1), "due_on": day,
        "health_purpose": optional_enum, "logged_by": REQUIRED_NAME, "logged_at": timestamp,
        "logged_where": enum,
    },
    "legal_request_document": {
        "request_id": uuid, "file_name": REQUIRED_NAME, "data": optional_scan,
        "sha256": hex64, "added_by": REQUIRED_NAME, "added_at": timestamp,
    },
    "legal_request_event": {
        "request_id": uuid, "action": enum, "by": REQUIRED_NAME, "at": timestamp,
        "text": SHORT_TEXT, "new_due_on": optional_day, "released_sha256": optional_hex64,
    },
    "loss_report": {
        "lost": enum, "description": SHORT_TEXT, "happened_at": timestamp,
        "where": SHORT_TEXT, "stolen": flag, "affected_case_ids": uuids,
        "affected_unknown": flag, "device_id": optional_device_id,
        "reported_by": REQUIRED_NAME, "reported_at": timestamp,
    },
    "breach_report": {
        "what": REQUIRED_SHORT_TEXT, "happened_at": timestamp,
        "who_may_have_received": SHORT_TEXT, "affected_case_ids": uuids,
        "affected_unknown": flag, "reported_by": REQUIRED_NAME, "reported_at": timestamp,
    },
    "notice_receipt": {
        "conference_id": uuid, "attendee_id": uuid, "statement_id": statement_id,
        "statement_version": whole(1), "statement_sha256": hex64, "language": enum,
        "response": enum, "recorded_at": timestamp, "recorded_by": REQUIRED_NAME,
    },
    "staff_acknowledgment": {
        "acknowledged_by": REQUIRED_NAME, "statement_id": statement_id,
        "statement_version": whole(1), "statement_sha256": hex64, "language": enum,
        "acknowledged_at": timestamp,
    },
    "person": {
        "name": REQUIRED_NAME, "kind": enum, "relationship_to": optional_uuid,
        "relationship": optional_enum,
    },
}


def no_case(value: Any) -> str | None:
    return None if value == "" else "must be empty: this kind of record belongs to no case"


# Records of no case (domain.caseless) keep every bookkeeping check but an empty case_id.
_CASELESS_META: dict[str, Check] = {**_META, "case_id": no_case}


@dataclass(frozen=True)
class _Rule:
    """A check across fields of one record type."""

    field: str
    test: Callable[[Any], str | None]


def _case_is_its_own_case(record: Any) -> str | None:
    return None if record.case_id == record.id else "a case's case_id is its own id"


def _refusal_carries_no_signature(record: Any) -> str | None:
    if record.method is AckMethod.REFUSED and record.signature_png is not None:
        return "a refusal carries no signature"
    return None


def _signed_with_a_key(record: Any) -> str | None:
    if (record.signer_key is None) != (record.signature is None):
        return "a signature and the signer's public key come together or not at all"
    return None


def _consent_ends_after_it_starts(record: Any) -> str | None:
    return None if datetime.fromisoformat(record.valid_until) > datetime.fromisoformat(
        record.valid_from) else "must be later than valid_from: a consent ends after it starts"


def _consent_names_information(record: Any) -> str | None:
    return None if record.information else "is empty: a consent names the information it covers"


def _consent_names_recipients(record: Any) -> str | None:
    return None if record.recipients else "is empty: a consent names who may receive it"


def _consent_answered_when_answered(record: Any) -> str | None:
    answered = record.state is not ConsentState.REQUESTED
    if answered != (record.answered_at is not None):
        return "is when the consent was given or refused: set exactly once it is answered"
    return None


def _consent_revoked_with_a_date(record: Any) -> str | None:
    if (record.state is ConsentState.REVOKED) != (record.revoked_at is not None):
        return "is the date of revocation: set exactly when the consent is revoked"
    if record.revoked_at is not None and record.answered_at is not None and \
            datetime.fromisoformat(record.revoked_at) < datetime.fromisoformat(
                record.answered_at):
        return "is before the consent was given"
    return None


def _consent_evidence(record: Any) -> str | None:
    has_signature, has_scan = record.signature_png is not None, record.scanned_form is not None
    if record.state in (ConsentState.GIVEN, ConsentState.REVOKED):
        if has_signature == has_scan:
            return ("a given consent carries its written evidence: a drawn signature or a "
                    "scanned signed form, one of the two")
    elif has_signature or has_scan:
        return "only a given consent carries a signature or a signed form"
    return None


def _scan_named_and_hashed(record: Any) -> str | None:
    if record.scanned_form is None:
        if record.scanned_form_name or record.scanned_form_sha256:
            return "names a scanned form the consent does not hold"
        return None
    if not record.scanned_form_name.strip():
        return "is empty: a scanned form keeps its original file name"
    if record.scanned_form_sha256 != hashlib.sha256(record.scanned_form).hexdigest():
        return "is not the SHA-256 of the scanned form"
    return None


def _left_with_a_time(record: Any) -> str | None:
    if (record.presence is Presence.LEFT) != (record.left_at is not None):
        return "is the time a person left: set exactly when presence is left"
    return None


def _interview_names_youth_and_permission(record: Any) -> str | None:
    if (record.interviewed_youth_id is None) != (record.interview_permission_id is None):
        return "an interview of a child names both the youth and the permission"
    return None


def _relationship_names_both_ends(record: Any) -> str | None:
    if (record.relationship_to is None) != (record.relationship is None):
        return "a relationship names both the other person and what this one is to them"
    if record.relationship_to == record.id:
        return "a person is not related to themselves"
    return None


def _privileged_never_disclosed(record: Any) -> str | None:
    return ("privileged legal advice never leaves the agency"
            if record.information is Information.LEGAL_ADVICE else None)


def _basis_names_its_source(record: Any) -> str | None:
    by_consent = record.basis is DisclosureBasis.CONSENT
    by_legal = record.basis is DisclosureBasis.LEGAL_RELEASE
    if by_consent != (record.consent_id is not None):
        return "names a consent exactly when the basis is a consent"
    if by_legal != (record.legal_review_id is not None):
        return "names a legal review exactly when the basis is legal's release"
    return None


def _copy_has_its_digest(record: Any) -> str | None:
    copy = record.mode is Mode.COPY
    if copy and not record.document_sha256:
        return "a copy records the SHA-256 of the document that left"
    if not copy and (record.document_sha256 or record.redactions):
        return "only a copy has a document and redactions"
    return None


def _review_of_a_legal_line(record: Any) -> str | None:
    return (None if record.policy_line in LEGAL_REVIEW_LINES else
            "a legal review is asked only about a disclosure the policy sends to legal")


def _redactions_only_with_a_release(record: Any) -> str | None:
    if record.redactions and record.answer is not LegalAnswer.RELEASE_WITH_REDACTIONS:
        return "only a release with redactions names passages to withhold"
    return None


def _deadline_in_range(record: Any) -> str | None:
    if record.business_days > MAX_BUSINESS_DAYS:
        return f"must be from 1 to {MAX_BUSINESS_DAYS} business days"
    return None


def _due_on_is_the_deadline(record: Any) -> str | None:
    due = due_date(date.fromisoformat(record.received_on), record.business_days)
    if record.due_on != due.isoformat():
        return (f"is not {record.business_days} business days after {record.received_on} "
                f"(that is {due.isoformat()}: weekends and the agency's holidays skipped)")
    return None


def _health_request_names_its_basis(record: Any) -> str | None:
    health = record.kind is LegalRequestKind.HEALTH_INFO_REQUEST
    if health and record.health_purpose is None:
        return "is empty: a health-information request names its basis (the PHI purpose)"
    if not health and record.health_purpose is not None:
        return "only a health-information request names a health purpose"
    return None


def _document_has_its_digest(record: Any) -> str | None:
    if record.data is None:
        return "a document holds its file"
    if record.sha256 != hashlib.sha256(record.data).hexdigest():
        return "is not the SHA-256 of the document"
    return None


def _event_says_why(record: Any) -> str | None:
    if record.action in NEEDS_TEXT and not record.text.strip():
        words = {LegalAction.DENY: "a denial gives its reason",
                 LegalAction.EXTEND: "an extension gives its reason",
                 LegalAction.RELEASE: "a release says what was released and withheld",
                 LegalAction.CLOSE: "a closing gives its reason or outcome"}
        return f"is empty: {words[record.action]}"
    return None


def _event_due_only_when_extended(record: Any) -> str | None:
    if (record.action is LegalAction.EXTEND) != (record.new_due_on is not None):
        return "is the new due day: set exactly when the request is extended"
    return None


def _released_digest_only_with_a_release(record: Any) -> str | None:
    if record.released_sha256 and record.action is not LegalAction.RELEASE:
        return "only a release names a released document"
    return None


def _affected_cases_or_unknown(record: Any) -> str | None:
    if bool(record.affected_case_ids) == record.affected_unknown:
        return ("names the cases that may be affected, or says they are unknown: exactly "
                "one of the two")
    if len(set(record.affected_case_ids)) != len(record.affected_case_ids):
        return "names a case twice"
    return None


def _device_only_for_a_device(record: Any) -> str | None:
    if record.device_id and record.lost is not LossKind.DEVICE:
        return "names a device only when a device was lost"
    return None


def _happened_before_reported(record: Any) -> str | None:
    if datetime.fromisoformat(record.happened_at) > datetime.fromisoformat(
            record.reported_at):
        return "is after the report was made: it happened before it was reported"
    return None


def _loss_says_what(record: Any) -> str | None:
    if record.lost is LossKind.OTHER and not record.description.strip():
        return "is empty: a loss of something other says what was lost"
    return None


_REPORT_RULES = (
    _Rule("affected_case_ids", _affected_cases_or_unknown),
    _Rule("happened_at", _happened_before_reported),
)

RULES: dict[str, tuple[_Rule, ...]] = {
    "legal_request": (
        _Rule("business_days", _deadline_in_range),
        _Rule("due_on", _due_on_is_the_deadline),
        _Rule("health_purpose", _health_request_names_its_basis),
    ),
    "legal_request_document": (_Rule("sha256", _document_has_its_digest),),
    "legal_request_event": (
        _Rule("text", _event_says_why),
        _Rule("new_due_on", _event_due_only_when_extended),
        _Rule("released_sha256", _released_digest_only_with_a_release),
    ),
    "loss_report": (*_REPORT_RULES, _Rule("device_id", _device_only_for_a_device),
                    _Rule("description", _loss_says_what)),
    "breach_report": _REPORT_RULES,
    "disclosure": (
        _Rule("information", _privileged_never_disclosed),
        _Rule("basis", _basis_names_its_source),
        _Rule("document_sha256", _copy_has_its_digest),
    ),
    "legal_review": (_Rule("policy_line", _review_of_a_legal_line),),
    "legal_review_answer": (_Rule("redactions", _redactions_only_with_a_release),),
    "person": (_Rule("relationship_to", _relationship_names_both_ends),),
    "case": (_Rule("case_id", _case_is_its_own_case),),
    "attendee": (_Rule("left_at", _left_with_a_time),),
    "note": (_Rule("interview_permission_id", _interview_names_youth_and_permission),),
    "acknowledgment": (_Rule("signature_png", _refusal_carries_no_signature),
                       _Rule("signature", _signed_with_a_key)),
    "consent": (
        _Rule("information", _consent_names_information),
        _Rule("recipients", _consent_names_recipients),
        _Rule("valid_until", _consent_ends_after_it_starts),
        _Rule("answered_at", _consent_answered_when_answered),
        _Rule("revoked_at", _consent_revoked_with_a_date),
        _Rule("signature_png", _consent_evidence),
        _Rule("scanned_form_sha256", _scan_named_and_hashed),
    ),
}


def validate(record: RecordMeta) -> RecordMeta:
    """Return `record` if every field is well formed and the whole record is within
    MAX_RECORD_BYTES as canonical JSON; otherwise raise `FieldError` naming the field."""
    name = codec.type_name(record)
    checks = FIELDS[name]
    meta = _CASELESS_META if is_caseless(name) else _META
    for f in fields(record):
        check = meta.get(f.name) or checks[f.name]
        problem = check(getattr(record, f.name))
        if problem:
            raise FieldError(f"{name}.{f.name}", problem)
    for rule in RULES.get(name, ()):
        problem = rule.test(record)
        if problem:
            raise FieldError(f"{name}.{rule.field}", problem)
    if _surely_small(record):
        return record
    size = record_bytes(record)
    if size > MAX_RECORD_BYTES:
        raise FieldError(name, f"record {record.id} is too large ({size:,} bytes as JSON; "
                               f"the limit is {MAX_RECORD_BYTES:,})")
    return record


def _surely_small(record: RecordMeta) -> bool:
    """An upper bound on the record's JSON size, without encoding it: six bytes a character
    (the longest JSON escape), base64 for bytes, and room for names and punctuation."""
    bound = 0
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, str):
            bound += 6 * len(value)
        elif isinstance(value, bytes):
            bound += len(value) * 4 // 3 + 4
        elif isinstance(value, tuple):
            bound += sum(6 * len(v) + 3 for v in value)
        bound += 64
    return bound < MAX_RECORD_BYTES


def record_bytes(record: RecordMeta) -> int:
    try:
        return len(canonical_json(codec.to_dict(record)))
    except UnicodeEncodeError as exc:  # a lone surrogate cannot be stored anywhere
        raise FieldError(codec.type_name(record), "holds text that is not valid Unicode") \
            from exc


def parse_record(record_type: str, data: Any) -> RecordMeta:
    """A record from outside data (a push, a pulled page): decoded by the codec, then
    validated. Every failure is an `InvalidRecord` whose message names the field."""
    cls = codec.RECORD_TYPES.get(record_type) if isinstance(record_type, str) else None
    if cls is None:
        raise InvalidRecord(f"{record_type!r} is not a record type.")
    return validate(codec.from_dict(cls, data))

