"""Fill a vault with the fictional training data, and optionally many generated
conferences, for training, screenshots and trying large lists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from safeconf.app.demo import demo_history
from safeconf.domain.privacy_notice import receives_privacy_notice
from safeconf.domain.records import (
    Acknowledgment,
    Attendee,
    Case,
    Conference,
    ConferenceState,
    ConferenceType,
    Language,
    NoticeReceipt,
    NoticeResponse,
    RecordMeta,
    StaffAcknowledgment,
)
from safeconf.domain.statements import PRIVACY_NOTICE, STAFF_TERMS, current_statements
from safeconf.vault.records import add_all
from safeconf.vault.vault import Vault

_STATES = list(ConferenceState)
_TYPES = list(ConferenceType)
CONFERENCES_PER_GENERATED_CASE = 5


def fill_demo_vault(vault: Vault, extra_conferences: int = 0) -> int:
    """Add the demo records (and `extra_conferences` generated ones); return how many."""
    records: list[RecordMeta] = list(demo_history(device=vault.device_id))
    records.extend(generated_conferences(extra_conferences, vault.device_id))
    records.extend(notice_receipts(records, vault.user))
    records.append(staff_acknowledgment(vault.user))
    # Signed by this vault's key, as an acknowledgment taken in the app is.
    records = [vault.signing_key.sign(r) if isinstance(r, Acknowledgment) else r
               for r in records]
    return add_all(vault.store, records)


def notice_receipts(records: list[RecordMeta], user: str) -> list[NoticeReceipt]:
    """In each demo conference still open, the first adult client received the Notice of
    Privacy Practices, so the demo shows every status (the others have not yet)."""
    conferences = {r.id: r for r in records if isinstance(r, Conference)}  # latest version
    given: set[str] = set()
    receipts = []
    notices = current_statements(PRIVACY_NOTICE)
    for record in records:
        if not isinstance(record, Attendee) or not receives_privacy_notice(record):
            continue
        conference = conferences.get(record.conference_id)
        if conference is None or conference.state is ConferenceState.FINALIZED or \
                conference.id in given:
            continue
        given.add(conference.id)
        notice = notices[record.language]
        receipts.append(NoticeReceipt(
            case_id=record.case_id, conference_id=conference.id, attendee_id=record.id,
            statement_id=notice.id, statement_version=notice.version,
            statement_sha256=notice.sha256, language=notice.language,
            response=NoticeResponse.RECEIVED, recorded_by=conference.facilitator or user,
            origin_device=record.origin_device))
    return receipts


def staff_acknowledgment(user: str) -> StaffAcknowledgment:
    """The demo worker acknowledged the staff terms just now, so a demo opens on the
    conferences (the acknowledgment screen has its own screenshot)."""
    terms = current_statements(STAFF_TERMS)[Language.ENGLISH]
    return StaffAcknowledgment(acknowledged_by=user, statement_id=terms.id,
                               statement_version=terms.version,
                               statement_sha256=terms.sha256, language=terms.language)


def generated_conferences(count: int, device: str) -> list[RecordMeta]:
    """Plain fictional conferences spread over the past and next months."""
    records: list[RecordMeta] = []
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    case: Case | None = None
    for n in range(count):
        if n % CONFERENCES_PER_GENERATED_CASE == 0:
            case = Case(
                case_number=f"GEN-{n // CONFERENCES_PER_GENERATED_CASE + 1:06d}",
                family_name=f"Sample Family {n // CONFERENCES_PER_GENERATED_CASE + 1}",
                origin_device=device,
            )
            records.append(case)
        assert case is not None
        start = now + timedelta(hours=(n * 7) % (24 * 180) - 24 * 90)
        records.append(
            Conference(
                case_id=case.id,
                kind=_TYPES[n % len(_TYPES)],
                scheduled_start=start.isoformat(),
                location="Regional office",
                facilitator="demo.facilitator",
                state=_STATES[n % len(_STATES)],
                origin_device=device,
            )
        )
    return records
