"""Consents for tests: a valid one in each state, built from the shipped form texts."""

from __future__ import annotations

import dataclasses
from typing import Any

from safeconf.domain.records import Consent, ConsentForm, ConsentState, Language, SignerCapacity
from safeconf.domain.statements import CONSENT_OBTAIN, CONSENT_RELEASE, current_statements

# The smallest PNG a validator accepts (the magic bytes and a little more).
SIGNATURE = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def requested(case_id: str, form: ConsentForm = ConsentForm.RELEASE,
              **changes: Any) -> Consent:
    statement = current_statements(
        CONSENT_RELEASE if form is ConsentForm.RELEASE else CONSENT_OBTAIN)[Language.ENGLISH]
    consent = Consent(
        case_id=case_id, form=form, client_name="Rowan Alder", given_by_name="Dana Alder",
        given_by_capacity=SignerCapacity.PARENT, information=("school attendance records",),
        recipients=("Lincoln Elementary school counselor",),
        other_party_name="Lincoln Elementary", other_party_address="12 Oak St, Mesa AZ",
        purpose="safety planning", valid_from="2026-11-01T00:00:00+00:00",
        valid_until="2027-05-01T00:00:00+00:00", statement_id=statement.id,
        statement_version=statement.version, statement_sha256=statement.sha256,
        requested_by="w.alvarez")
    return dataclasses.replace(consent, **changes)


def given(case_id: str, form: ConsentForm = ConsentForm.RELEASE, **changes: Any) -> Consent:
    return dataclasses.replace(requested(case_id, form), **{
        "state": ConsentState.GIVEN, "answered_at": "2026-11-02T10:00:00+00:00",
        "signature_png": SIGNATURE, **changes})


def revoked(case_id: str, **changes: Any) -> Consent:
    return dataclasses.replace(given(case_id), **{
        "state": ConsentState.REVOKED, "revoked_at": "2026-12-01T10:00:00+00:00", **changes})


def revoke(consent: Consent, at: str = "2026-12-01T10:00:00+00:00") -> Consent:
    """The same consent, revoked (a later version of its record)."""
    return dataclasses.replace(consent, state=ConsentState.REVOKED, revoked_at=at,
                               version=consent.version + 1)


def answer(request: Consent, state: ConsentState = ConsentState.GIVEN) -> Consent:
    """The same request, answered (given with a drawn signature, or refused)."""
    evidence = {"signature_png": SIGNATURE} if state is ConsentState.GIVEN else {}
    return dataclasses.replace(request, state=state, answered_at="2026-11-02T10:00:00+00:00",
                               version=request.version + 1, **evidence)
