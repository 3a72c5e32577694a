"""Giving adult clients the HIPAA Notice of Privacy Practices and recording what they said."""

from __future__ import annotations

from collections.abc import Callable

from safeconf.app.session import VaultSession
from safeconf.domain.conference_states import is_read_only
from safeconf.domain.errors import InvalidRecord, ReadOnlyRecord
from safeconf.domain.privacy_notice import (
    NoticeStatus,
    latest_receipts,
    notice_status,
    receives_privacy_notice,
    without_notice,
)
from safeconf.domain.records import Attendee, Language, NoticeReceipt, NoticeResponse
from safeconf.domain.statements import PRIVACY_NOTICE, Statement, current_statements


class PrivacyNoticeService:
    def __init__(self, session: VaultSession,
                 statements: Callable[[], dict[Language, Statement]] | None = None) -> None:
        self._session = session
        self._statements = statements or (lambda: current_statements(PRIVACY_NOTICE))

    def notice_for(self, attendee: Attendee) -> Statement:
        """The current Notice in the attendee's language."""
        return self._statements()[attendee.language]

    def statuses(self, conference_id: str) -> dict[str, NoticeStatus]:
        """Where each adult client of the conference stands, by attendee id (others are
        not listed: the Notice is not theirs)."""
        vault = self._session.vault
        latest = latest_receipts(vault.notice_receipts.for_conference(conference_id))
        return {a.id: notice_status(latest.get(a.id))
                for a in vault.attendees.for_conference(conference_id)
                if receives_privacy_notice(a)}

    def adult_clients(self, conference_id: str) -> list[Attendee]:
        return [a for a in self._session.vault.attendees.for_conference(conference_id)
                if receives_privacy_notice(a)]

    def without_notice(self, conference_id: str) -> list[Attendee]:
        vault = self._session.vault
        return without_notice(vault.attendees.for_conference(conference_id),
                              vault.notice_receipts.for_conference(conference_id))

    def record(self, attendee_id: str, statement: Statement,
               response: NoticeResponse) -> NoticeReceipt:
        """Record that the attendee was given exactly `statement` and received or refused it."""
        vault = self._session.vault
        attendee = vault.attendees.get(attendee_id)
        if not receives_privacy_notice(attendee):
            raise InvalidRecord("The Notice of Privacy Practices is given to adult clients "
                                "only.")
        if statement.id != PRIVACY_NOTICE:
            raise InvalidRecord("That text is not the Notice of Privacy Practices.")
        conference = vault.conferences.get(attendee.conference_id)
        if is_read_only(conference.state):
            raise ReadOnlyRecord("This conference is finalized and can no longer change.")
        return vault.notice_receipts.add(NoticeReceipt(
            case_id=attendee.case_id, conference_id=attendee.conference_id,
            attendee_id=attendee.id, statement_id=statement.id,
            statement_version=statement.version, statement_sha256=statement.sha256,
            language=statement.language, response=response, recorded_by=vault.user,
        ))
