"""The worker's yearly acknowledgment of the staff confidentiality terms: is it due, and
recording it. Conference work waits until it is done (the UI asks; this answers)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from safeconf.app.session import VaultSession
from safeconf.domain.records import Language, StaffAcknowledgment
from safeconf.domain.staff_terms import is_due, last_acknowledged_at
from safeconf.domain.statements import STAFF_TERMS, Statement, current_statements


def _utc_now() -> datetime:
    return datetime.now(UTC)


class StaffTermsService:
    def __init__(self, session: VaultSession, now: Callable[[], datetime] = _utc_now) -> None:
        self._session = session
        self._now = now  # injected, so a test can let a year pass

    def terms(self, language: Language) -> Statement:
        return current_statements(STAFF_TERMS)[language]

    def last_acknowledged_at(self) -> str | None:
        return last_acknowledged_at(self._session.vault.staff_acknowledgments.all())

    def is_due(self) -> bool:
        return is_due(self.last_acknowledged_at(), self._now())

    def acknowledge(self, statement: Statement) -> StaffAcknowledgment:
        """Record that this vault's worker acknowledged exactly `statement`."""
        if statement.id != STAFF_TERMS:
            raise ValueError(f"{statement.id!r} is not the staff confidentiality terms")
        vault = self._session.vault
        at = self._now().astimezone(UTC).isoformat(timespec="microseconds")
        return vault.staff_acknowledgments.add(StaffAcknowledgment(
            acknowledged_by=vault.user, statement_id=statement.id,
            statement_version=statement.version, statement_sha256=statement.sha256,
            language=statement.language, acknowledged_at=at,
        ))
