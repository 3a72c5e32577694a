"""Legal requests on the laptop: logging a subpoena, records request, health-information
request or seal/release request with its documents (queued in the outbox, so it works
offline and goes at the next sync), each request's standing from legal's steps pulled from
HQ, and the deadlines of every case by due day."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from safeconf.app.scan_import import read_scanned_form
from safeconf.app.secure_delete import secure_delete
from safeconf.app.session import VaultSession
from safeconf.domain.business_days import MAX_BUSINESS_DAYS, due_date
from safeconf.domain.disclosure_terms import HealthPurpose
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.legal_request_states import RequestState, Standing, standing_of
from safeconf.domain.records import (
    LegalAction,
    LegalRequest,
    LegalRequestDocument,
    LegalRequestEvent,
    LegalRequestKind,
    LoggedWhere,
    RequesterBody,
)

T = TypeVar("T", LegalRequestEvent, LegalRequestDocument)


@dataclass(frozen=True)
class Attachment:
    """A document to attach: its bytes and the file name it had."""

    data: bytes
    file_name: str


@dataclass(frozen=True)
class RequestStatus:
    """A request as this laptop knows it: its documents, legal's steps and where they leave
    it (state, due day, the latest step, what was released)."""

    request: LegalRequest
    documents: tuple[LegalRequestDocument, ...]
    events: tuple[LegalRequestEvent, ...]
    standing: Standing
    queued: bool  # not yet sent to HQ
    today: date

    @property
    def state(self) -> RequestState:
        return self.standing.state

    @property
    def due_on(self) -> str:
        return self.standing.due_on

    @property
    def is_open(self) -> bool:
        return self.standing.is_open

    @property
    def overdue(self) -> bool:
        return self.is_open and date.fromisoformat(self.due_on) < self.today

    @property
    def answer(self) -> LegalRequestEvent | None:
        """The step that closed it (denied, released, sealed, closed), if closed."""
        return self.standing.closing

    @property
    def released(self) -> str:
        """What legal released (with its redactions), if it released anything."""
        return self.standing.release.text if self.standing.release else ""


# English for scripts and logs; the UI shows its own translated words.
STATE_TEXT = {RequestState.OPEN: "open", RequestState.ACKNOWLEDGED: "acknowledged by legal",
              RequestState.CLOSED: "closed"}
CLOSING_TEXT = {LegalAction.DENY: "denied", LegalAction.RELEASE: "released",
                LegalAction.SEAL: "sealed", LegalAction.CLOSE: "closed"}


class LegalRequestService:
    def __init__(self, session: VaultSession,
                 today: Callable[[], date] = date.today) -> None:
        self._session = session
        self._today = today

    def read_attachment(self, path: Path) -> Attachment:
        """A file chosen to attach, refused before anything is written when it is not a
        PDF, PNG, JPEG or TIFF of at most the scan limit (the scan check of consents)."""
        scan = read_scanned_form(path)
        return Attachment(scan.data, scan.file_name)

    @staticmethod
    def delete_original(path: Path) -> None:
        """Overwrite and remove the original of an attached file (`secure_delete`'s limits
        apply); raises `SecureDeleteError` when it could not."""
        secure_delete(path)

    def log(self, case_id: str, *, kind: LegalRequestKind, requester: str,
            requester_body: str, body_kind: RequesterBody, asked: str, received_on: date,
            business_days: int, health_purpose: HealthPurpose | None = None,
            attachments: Sequence[Attachment] = ()) -> LegalRequest:
        """Queue a request and its documents, all or nothing. Refused, with nothing written,
        when a field is missing or malformed, the deadline is out of range, or a health
        request lacks its basis (or another kind names one)."""
        if not 1 <= business_days <= MAX_BUSINESS_DAYS:
            raise InvalidRecord(f"The deadline is from 1 to {MAX_BUSINESS_DAYS} business "
                                "days. Nothing was stored.")
        if received_on > self._today():
            raise InvalidRecord("The day received is in the future. Nothing was stored.")
        vault = self._session.vault
        vault.cases.get(case_id)  # a case this laptop holds
        request = LegalRequest(
            case_id=case_id, kind=kind, requester=requester.strip(),
            requester_body=requester_body.strip(), body_kind=body_kind, asked=asked.strip(),
            received_on=received_on.isoformat(), business_days=business_days,
            due_on=due_date(received_on, business_days).isoformat(),
            health_purpose=health_purpose, logged_by=vault.user,
            logged_where=LoggedWhere.LAPTOP)
        with vault.transaction():
            stored = vault.legal_requests.add(request)
            for item in attachments:
                vault.legal_request_documents.add(LegalRequestDocument(
                    case_id=case_id, request_id=stored.id, file_name=item.file_name,
                    data=item.data, sha256=hashlib.sha256(item.data).hexdigest(),
                    added_by=vault.user))
        return stored

    def for_case(self, case_id: str) -> list[RequestStatus]:
        """The case's requests, newest first, each with legal's steps once they arrived."""
        vault = self._session.vault
        events = _by_request(vault.legal_request_events.for_case(case_id))
        documents = _by_request(vault.legal_request_documents.for_case(case_id))
        return sorted((self._status(r, events, documents)
                       for r in vault.legal_requests.for_case(case_id)),
                      key=lambda s: (s.request.received_on, s.request.logged_at), reverse=True)

    def due(self) -> list[RequestStatus]:
        """Open requests of every case on this laptop, soonest due first (overdue first)."""
        vault = self._session.vault
        events = _by_request(vault.legal_request_events.all())
        documents = _by_request(vault.legal_request_documents.all())
        rows = [self._status(r, events, documents) for r in vault.legal_requests.all()]
        return sorted((s for s in rows if s.is_open),
                      key=lambda s: (s.due_on, s.request.received_on, s.request.id))

    def _status(self, request: LegalRequest, events: dict[str, list[LegalRequestEvent]],
                documents: dict[str, list[LegalRequestDocument]]) -> RequestStatus:
        unsent = self._session.vault.sync.unsent_ids("legal_request")
        steps = tuple(sorted(events.get(request.id, []), key=lambda e: (e.at, e.id)))
        return RequestStatus(request, tuple(documents.get(request.id, [])), steps,
                             standing_of(request, steps), request.id in unsent, self._today())


def _by_request(records: Sequence[T]) -> dict[str, list[T]]:
    found: dict[str, list[T]] = {}
    for record in records:
        found.setdefault(record.request_id, []).append(record)
    return found
