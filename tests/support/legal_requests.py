"""Legal requests for tests, well formed by construction (the due day computed as the
domain does)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from safeconf.domain.business_days import due_date
from safeconf.domain.disclosure_terms import HealthPurpose
from safeconf.domain.records import (
    LegalAction,
    LegalRequest,
    LegalRequestDocument,
    LegalRequestEvent,
    LegalRequestKind,
    RequesterBody,
)

# The smallest file the scan check takes as a PDF.
PDF = b"%PDF-1.4\n% a subpoena\n%%EOF\n"


def request(case_id: str, kind: LegalRequestKind = LegalRequestKind.SUBPOENA,
            received_on: str = "2026-11-20", business_days: int = 10,
            **extra: Any) -> LegalRequest:
    fields: dict[str, Any] = {
        "requester": "Clerk of the Family Court", "requester_body": "Family Court, Part 3",
        "body_kind": RequesterBody.COURT, "asked": "All conference records since March",
        "logged_by": "w.alvarez"}
    if kind is LegalRequestKind.HEALTH_INFO_REQUEST:
        fields["health_purpose"] = HealthPurpose.TREATMENT
    fields.update(extra)
    return LegalRequest(case_id=case_id, kind=kind, received_on=received_on,
                        business_days=business_days,
                        due_on=due_date(date.fromisoformat(received_on),
                                        business_days).isoformat(), **fields)


def document(request: LegalRequest, data: bytes = PDF) -> LegalRequestDocument:
    return LegalRequestDocument(case_id=request.case_id, request_id=request.id,
                                file_name="subpoena.pdf", data=data,
                                sha256=hashlib.sha256(data).hexdigest(), added_by="w.alvarez")


def event(request: LegalRequest, action: LegalAction, at: str = "2026-11-23T10:00:00+00:00",
          **extra: Any) -> LegalRequestEvent:
    return LegalRequestEvent(case_id=request.case_id, request_id=request.id, action=action,
                             by="l.counsel", at=at, **extra)
