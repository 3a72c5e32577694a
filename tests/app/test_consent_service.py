"""The consent service: asking, recording the answer with its evidence, revoking, and which
consents are current; the vault beneath it holds the same rules."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from safeconf.app.conferences import ConferenceService
from safeconf.app.consents import ConsentService, ConsentTerms, ScannedForm
from safeconf.app.session import VaultSession
from safeconf.domain.change_rules import NOT_DELETABLE, RuleBroken
from safeconf.domain.errors import IllegalTransition, InvalidRecord
from safeconf.domain.records import ConsentForm, ConsentState, Language, SignerCapacity
from safeconf.domain.statements import CONSENT_RELEASE, current_statements
from safeconf.domain.validation import FieldError
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from tests.support.consents import SIGNATURE

PASSPHRASE = "correct horse battery staple"
SIGNED_ON = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def setting(data_dir: Path, no_keyring: SystemKeyring,
            fast_kdf: KdfParams) -> Iterator[tuple[ConsentService, str, Clock, VaultSession]]:
    session = VaultSession(data_dir, no_keyring, fast_kdf)
    session.create(PASSPHRASE, user="w.tester")
    case = ConferenceService(session).create_case("2026-0042", "Okonkwo")
    clock = Clock(SIGNED_ON)
    yield ConsentService(session, now=clock), case.id, clock, session
    session.lock()


def terms(**changes) -> ConsentTerms:
    base = ConsentTerms(
        form=ConsentForm.RELEASE, client_name="Ada Okonkwo", given_by_name="Grace Okonkwo",
        given_by_capacity=SignerCapacity.PARENT, information=["school attendance records"],
        recipients=["Lincoln Elementary counselor"], valid_from=datetime(2026, 11, 1, tzinfo=UTC),
        valid_until=datetime(2027, 5, 1, tzinfo=UTC), other_party_name="Lincoln Elementary",
        purpose="safety planning", language=Language.SPANISH)
    return replace(base, **changes)


def test_a_request_is_made_on_the_current_form_text_in_the_signers_language(setting) -> None:
    service, case_id, _clock, _session = setting
    consent = service.request(case_id, terms())
    shown = current_statements(CONSENT_RELEASE)[Language.SPANISH]
    assert consent.state is ConsentState.REQUESTED
    assert (consent.statement_id, consent.statement_version, consent.statement_sha256) == (
        shown.id, shown.version, shown.sha256)
    assert consent.requested_by == "w.tester"
    assert service.for_case(case_id) == [consent]


def test_a_request_with_no_signer_information_or_recipient_or_ending_first_is_refused(
    setting
) -> None:
    service, case_id, _clock, _session = setting
    for bad, field in [(terms(given_by_name=" "), "consent.given_by_name"),
                       (terms(information=["  "]), "consent.information"),
                       (terms(recipients=[]), "consent.recipients"),
                       (terms(valid_until=datetime(2026, 10, 1, tzinfo=UTC)),
                        "consent.valid_until")]:
        with pytest.raises(FieldError) as refused:
            service.request(case_id, bad)
        assert refused.value.field == field
    assert service.for_case(case_id) == []


def test_a_signed_consent_is_current_until_revoked_and_covers_nothing_from_then_on(
    setting
) -> None:
    service, case_id, clock, _session = setting
    consent = service.request(case_id, terms())
    given = service.record_given(consent.id, signature_png=SIGNATURE)
    assert given.state is ConsentState.GIVEN and given.signature_png == SIGNATURE
    assert service.current(case_id) == [given]
    clock.moment = SIGNED_ON + timedelta(days=20)
    revoked = service.revoke(consent.id, on=SIGNED_ON + timedelta(days=10))
    assert revoked.revoked_at == "2026-11-12T10:00:00.000000+00:00"
    assert service.current(case_id) == []
    assert service.current(case_id, at=SIGNED_ON + timedelta(days=5)) == [revoked]
    with pytest.raises(IllegalTransition):
        service.record_given(consent.id, signature_png=SIGNATURE)
    with pytest.raises(IllegalTransition):
        service.revoke(consent.id)


def test_a_revocation_is_never_dated_in_the_future(setting) -> None:
    service, case_id, _clock, _session = setting
    consent = service.request(case_id, terms())
    service.record_given(consent.id, signature_png=SIGNATURE)
    with pytest.raises(InvalidRecord):
        service.revoke(consent.id, on=SIGNED_ON + timedelta(days=1))
    assert service.current(case_id)[0].state is ConsentState.GIVEN


def test_a_consent_expires_by_its_date_alone(setting) -> None:
    service, case_id, clock, _session = setting
    given = service.record_given(service.request(case_id, terms()).id,
                                 signature_png=SIGNATURE)
    clock.moment = datetime(2027, 5, 1, tzinfo=UTC)
    assert service.current(case_id) == []
    assert service.for_case(case_id) == [given]  # nothing was written when it expired


def test_a_scanned_signed_form_is_kept_with_its_name_and_hash(setting) -> None:
    service, case_id, _clock, _session = setting
    scan = b"%PDF-1.7\n" + b"scanned page" * 100
    consent = service.request(case_id, terms(form=ConsentForm.OBTAIN))
    given = service.record_given(consent.id, scanned=ScannedForm(scan, "release-signed.pdf"))
    assert (given.scanned_form, given.scanned_form_name, given.scanned_form_sha256) == (
        scan, "release-signed.pdf", hashlib.sha256(scan).hexdigest())
    with pytest.raises(InvalidRecord):
        service.record_given(service.request(case_id, terms()).id)  # no evidence at all


def test_a_refused_consent_is_never_given_afterwards_even_written_straight_to_the_vault(
    setting
) -> None:
    service, case_id, _clock, session = setting
    refused = service.record_refused(service.request(case_id, terms()).id)
    assert refused.state is ConsentState.REFUSED and service.current(case_id) == []
    with pytest.raises(IllegalTransition):
        service.record_given(refused.id, signature_png=SIGNATURE)
    forced = replace(refused, state=ConsentState.GIVEN, signature_png=SIGNATURE)
    with pytest.raises(IllegalTransition):
        session.vault.consents.update(forced)
    assert session.vault.consents.get(refused.id).state is ConsentState.REFUSED


def test_the_vault_never_deletes_a_consent_or_changes_a_given_ones_terms(setting) -> None:
    service, case_id, _clock, session = setting
    given = service.record_given(service.request(case_id, terms()).id,
                                 signature_png=SIGNATURE)
    with pytest.raises(RuleBroken) as refused:
        session.vault.consents.update(replace(given, deleted=True))
    assert refused.value.reason == NOT_DELETABLE
    with pytest.raises(IllegalTransition, match="recipients"):
        session.vault.consents.update(replace(given, recipients=(*given.recipients, "aunt")))
    assert session.vault.consents.get(given.id) == given
