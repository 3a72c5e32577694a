"""Consents on a case: asking for one, recording the answer with its written evidence,
revoking it, and which are current at a moment. The rules are `domain.consent_lifecycle`'s,
applied again by the vault on every write and by HQ on every push."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from safeconf.app.session import VaultSession
from safeconf.domain.consent_lifecycle import is_current
from safeconf.domain.errors import IllegalTransition, InvalidRecord
from safeconf.domain.records import (
    Consent,
    ConsentForm,
    ConsentState,
    Language,
    SignerCapacity,
)
from safeconf.domain.statements import (
    CONSENT_OBTAIN,
    CONSENT_RELEASE,
    Statement,
    current_statements,
)

FORM_STATEMENTS = {ConsentForm.RELEASE: CONSENT_RELEASE, ConsentForm.OBTAIN: CONSENT_OBTAIN}


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class ConsentTerms:
    """What a consent request asks for, as a form fills it in."""

    form: ConsentForm
    client_name: str
    given_by_name: str
    given_by_capacity: SignerCapacity
    information: Sequence[str]
    recipients: Sequence[str]
    valid_from: datetime
    valid_until: datetime
    other_party_name: str = ""
    other_party_address: str = ""
    purpose: str = ""
    language: Language = Language.ENGLISH
    person_id: str | None = None


@dataclass(frozen=True)
class ScannedForm:
    """A scan of the signed form, imported into the vault."""

    data: bytes
    file_name: str


class ConsentService:
    def __init__(self, session: VaultSession, now: Callable[[], datetime] = _utc_now) -> None:
        self._session = session
        self._now = now  # injected, so a test can let a consent expire

    def form_text(self, form: ConsentForm, language: Language) -> Statement:
        """The current text of a release form in a language, as the signer is shown it."""
        return current_statements(FORM_STATEMENTS[form])[language]

    def request(self, case_id: str, terms: ConsentTerms) -> Consent:
        """Record that a consent was asked for, on the current text of its form."""
        vault = self._session.vault
        vault.cases.get(case_id)  # a case this laptop holds
        statement = self.form_text(terms.form, terms.language)
        return vault.consents.add(Consent(
            case_id=case_id, form=terms.form, client_name=terms.client_name.strip(),
            given_by_name=terms.given_by_name.strip(), given_by_capacity=terms.given_by_capacity,
            person_id=terms.person_id,
            information=tuple(i.strip() for i in terms.information if i.strip()),
            recipients=tuple(r.strip() for r in terms.recipients if r.strip()),
            other_party_name=terms.other_party_name.strip(),
            other_party_address=terms.other_party_address.strip(),
            purpose=terms.purpose.strip(), valid_from=_text(terms.valid_from),
            valid_until=_text(terms.valid_until), statement_id=statement.id,
            statement_version=statement.version, statement_sha256=statement.sha256,
            language=statement.language, requested_by=vault.user,
        ))

    def record_given(self, consent_id: str, *, signature_png: bytes | None = None,
                     scanned: ScannedForm | None = None) -> Consent:
        """The consent was signed: keep the drawn signature or the scanned signed form."""
        if (signature_png is None) == (scanned is None):
            raise InvalidRecord("A given consent needs its written evidence: a signature on "
                                "the pad or a scan of the signed form.")
        consent = self._answerable(consent_id)
        evidence = {"signature_png": signature_png} if scanned is None else {
            "scanned_form": scanned.data, "scanned_form_name": scanned.file_name.strip(),
            "scanned_form_sha256": hashlib.sha256(scanned.data).hexdigest()}
        return self._session.vault.consents.update(replace(
            consent, state=ConsentState.GIVEN, answered_at=_text(self._now()), **evidence))

    def record_refused(self, consent_id: str) -> Consent:
        consent = self._answerable(consent_id)
        return self._session.vault.consents.update(replace(
            consent, state=ConsentState.REFUSED, answered_at=_text(self._now())))

    def revoke(self, consent_id: str, on: datetime | None = None) -> Consent:
        """Revoke a given consent as of `on` (now when None; never a future moment): from
        then on it covers no disclosure."""
        now = self._now()
        at = now if on is None else on
        if at > now:
            raise InvalidRecord("A revocation is dated when it was made, not in the future.")
        consent = self._session.vault.consents.get(consent_id)
        if consent.state is not ConsentState.GIVEN:
            raise IllegalTransition(f"Only a given consent can be revoked; this one is "
                                    f"{consent.state.value}.")
        return self._session.vault.consents.update(replace(
            consent, state=ConsentState.REVOKED, revoked_at=_text(at)))

    def for_case(self, case_id: str) -> list[Consent]:
        """Every consent of the case, oldest first."""
        return self._session.vault.consents.for_case(case_id)

    def current(self, case_id: str, at: datetime | None = None) -> list[Consent]:
        """The consents of the case that allow disclosures at `at` (now when None)."""
        moment = self._now() if at is None else at
        return [c for c in self.for_case(case_id) if is_current(c, moment)]

    def _answerable(self, consent_id: str) -> Consent:
        consent = self._session.vault.consents.get(consent_id)
        if consent.state is not ConsentState.REQUESTED:
            raise IllegalTransition(f"This consent was already {consent.state.value}; ask for "
                                    "a new consent instead.")
        return consent
