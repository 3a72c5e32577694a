"""Who is given the HIPAA Notice of Privacy Practices, and where each of them stands.

The Notice goes to the agency's adult clients in the room: the parents, legal guardians,
caregivers and relatives whose family the case is about, when no minor's age band is
recorded for them. Youth are minors by role; professionals (caseworkers, facilitators,
supervisors, attorneys, service providers, interpreters) and "other" attendees are not
clients of the agency and receive their own employer's notices, not this one.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from safeconf.domain.records import Attendee, NoticeReceipt, NoticeResponse, Role

CLIENT_ROLES = frozenset({Role.PARENT, Role.LEGAL_GUARDIAN, Role.CAREGIVER, Role.RELATIVE})


class NoticeStatus(StrEnum):
    NOT_YET = "not_yet"
    RECEIVED = "received"
    REFUSED = "refused"


def receives_privacy_notice(attendee: Attendee) -> bool:
    """True for an adult client: a client role and no minor's age band."""
    return attendee.role in CLIENT_ROLES and attendee.age_band is None


def latest_receipts(receipts: Iterable[NoticeReceipt]) -> dict[str, NoticeReceipt]:
    """The latest receipt of each attendee id (a refusal may be followed by a receipt)."""
    latest: dict[str, NoticeReceipt] = {}
    for receipt in receipts:
        if receipt.deleted:
            continue
        seen = latest.get(receipt.attendee_id)
        if seen is None or receipt.recorded_at >= seen.recorded_at:
            latest[receipt.attendee_id] = receipt
    return latest


def notice_status(receipt: NoticeReceipt | None) -> NoticeStatus:
    if receipt is None:
        return NoticeStatus.NOT_YET
    if receipt.response is NoticeResponse.REFUSED:
        return NoticeStatus.REFUSED
    return NoticeStatus.RECEIVED


def without_notice(attendees: Iterable[Attendee],
                   receipts: Iterable[NoticeReceipt]) -> list[Attendee]:
    """The adult clients of a conference who have not received the Notice (never given it,
    or refused it), in the order given."""
    latest = latest_receipts(receipts)
    return [a for a in attendees if not a.deleted and receives_privacy_notice(a)
            and notice_status(latest.get(a.id)) is not NoticeStatus.RECEIVED]
