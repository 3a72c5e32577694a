"""The laptop's vault applies the disclosure rule as a disclosure lands: a local add the
policy does not allow on the basis it names is refused with a sentence saying why and
nothing is written; a pulled page's forged disclosure is kept aside as a conflict, while one
relying on a consent this laptop has not pulled yet is applied (HQ judged it)."""

from __future__ import annotations

import pytest

from safeconf.domain.change_rules import NOT_ALLOWED, RuleBroken
from safeconf.domain.disclosure_terms import Mode, Recipient
from safeconf.domain.records import Case, DisclosureBasis, Person, PersonKind, Relationship
from tests.support import consents, disclosures

SCHOOL = "Lincoln Elementary school counselor"
DAY = "2026-11-10T15:00:00+00:00"


@pytest.fixture
def family(vault):
    case = vault.cases.add(Case(case_number="V-1", family_name="Alder"))
    rowan = vault.people.add(Person(case_id=case.id, name="Rowan Alder",
                                    kind=PersonKind.CLIENT))
    aunt = vault.people.add(Person(case_id=case.id, name="Pat Reyes", kind=PersonKind.RELATIVE,
                                   relationship_to=rowan.id,
                                   relationship=Relationship.RELATIVE_OF))
    consent = vault.consents.add(consents.given(case.id, information=("conference summary",)))
    return case, aunt, consent


def by_consent(case_id: str, consent_id: str, **changes):
    return disclosures.disclosure(case_id, **{
        "mode": Mode.COPY, "document_sha256": "ab" * 32,
        "recipient": Recipient.THIRD_PARTY_WITH_RELEASE, "recipient_name": SCHOOL,
        "basis": DisclosureBasis.CONSENT, "consent_id": consent_id, "policy_line": "consent",
        "disclosed_at": DAY, **changes})


def test_a_forged_local_add_is_refused_and_nothing_is_written(vault, family) -> None:
    case, aunt, consent = family
    forged = [disclosures.disclosure(case.id, recipient_person_id=aunt.id,
                                     recipient_name=aunt.name, disclosed_at=DAY),
              by_consent(case.id, consent.id, recipient_name="Mesa Housing Authority")]
    for record in forged:
        with pytest.raises(RuleBroken) as refused:
            vault.disclosures.add(record)
        assert refused.value.reason == NOT_ALLOWED
        assert str(refused.value).startswith("This disclosure was logged as allowed, but the "
                                             "policy does not allow it: ")
    assert vault.disclosures.for_case(case.id) == []
    honest = vault.disclosures.add(by_consent(case.id, consent.id))
    assert [d.id for d in vault.disclosures.for_case(case.id)] == [honest.id]


def test_a_pulled_forged_disclosure_is_kept_aside_but_a_gap_is_not_a_refusal(
        vault, family) -> None:
    case, _aunt, consent = family
    forged = by_consent(case.id, consent.id, recipient_name="Mesa Housing Authority")
    # Relies on a consent this laptop has not pulled yet: HQ, which holds it, judged it.
    ahead = by_consent(case.id, "0190aaaa-0000-7000-8000-000000000001")
    result = vault.sync.apply_page([forged, ahead], vault.sync.cursor + 2)
    assert result.conflicts == 1
    [kept] = vault.sync.conflicts()
    assert kept["record_id"] == forged.id and "does not cover it" in kept["reason"]
    assert [d.id for d in vault.disclosures.for_case(case.id)] == [ahead.id]
