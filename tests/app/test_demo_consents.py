"""The demo vault holds consents on every case, on both forms and in every status a worker
meets: current, expired, revoked, refused and still requested."""

from __future__ import annotations

from datetime import UTC, datetime

from safeconf.app.consents import ConsentService
from safeconf.app.demo_vault import fill_demo_vault
from safeconf.app.session import VaultSession
from safeconf.domain.consent_lifecycle import ConsentStatus, is_current, status
from safeconf.domain.records import ConsentForm
from safeconf.domain.validation import validate


class OpenSession(VaultSession):
    def __init__(self, vault) -> None:
        self._vault = vault


def test_every_demo_case_has_consents_on_both_forms_in_every_status(vault):
    fill_demo_vault(vault)
    service = ConsentService(OpenSession(vault))
    now = datetime.now(UTC)
    statuses: set[ConsentStatus] = set()
    forms: set[ConsentForm] = set()
    for case in vault.cases.all():
        found = service.for_case(case.id)
        assert found, f"case {case.case_number} has no consent"
        for consent in found:
            validate(consent)
            statuses.add(status(consent, now))
            forms.add(consent.form)
    assert statuses == set(ConsentStatus)
    assert forms == set(ConsentForm)
    evidence = [c for case in vault.cases.all() for c in service.for_case(case.id)
                if c.scanned_form is not None]
    assert evidence, "some consent is evidenced by a scanned signed form"
    current = [c for case in vault.cases.all() for c in service.current(case.id)]
    assert current and all(is_current(c, now) for c in current)
