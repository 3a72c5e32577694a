"""`safeconf disclose check` end to end: a real vault, a real process, the policy's answer
and its basis in plain language, and the exit status scripts rely on."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeconf.domain.records import (
    Case,
    CaseStatus,
    Person,
    PersonKind,
    Relationship,
    SignerCapacity,
)
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.support.consents import given
from tests.test_cli import initialised, safeconf  # noqa: F401  (the fixture)

SCHOOL = "Hartford Family Services"


@pytest.fixture
def case_on_file(initialised: Path, keyring_store) -> tuple[Path, str]:  # noqa: F811
    vault = Vault.open(initialised, PASSPHRASE, keyring_store)
    try:
        case = vault.cases.add(Case(case_number="D-100", family_name="Alder"))
        closed = vault.cases.add(Case(case_number="D-200", family_name="Birch",
                                      status=CaseStatus.CLOSED))
        child = vault.people.add(Person(case_id=case.id, name="Tobi Alder",
                                        kind=PersonKind.CLIENT))
        vault.people.add(Person(case_id=case.id, name="Dana Alder", kind=PersonKind.PARENT,
                                relationship_to=child.id, relationship=Relationship.PARENT_OF))
        vault.people.add(Person(case_id=closed.id, name="Ash Birch", kind=PersonKind.CLIENT))
        consent = vault.consents.add(given(
            case.id, client_name="Tobi Alder", given_by_name="Tobi Alder",
            given_by_capacity=SignerCapacity.SELF, information=("conference summary",),
            recipients=(SCHOOL,), valid_from="2026-01-01T00:00:00+00:00",
            valid_until="2026-07-01T00:00:00+00:00", answered_at="2026-01-01T09:00:00+00:00"))
    finally:
        vault.close()
    return initialised, consent.id


def disclose(data_dir: Path, *args: str):
    return safeconf("--data-dir", str(data_dir), "disclose", "check", *args)


def test_the_parent_in_an_open_case_is_allowed_with_the_policy_line_quoted(case_on_file):
    data_dir, _ = case_on_file
    done = disclose(data_dir, "D-100", "--what", "conference_summary", "--mode",
                    "oral_summary", "--to", "parent_or_guardian")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Allowed.")
    assert "the client's parent or legal guardian" in done.stdout


def test_a_current_consent_on_file_allows_it_and_is_named(case_on_file):
    data_dir, consent_id = case_on_file
    done = disclose(data_dir, "D-100", "--what", "conference_summary", "--mode", "copy",
                    "--to", "third_party_with_release", "--recipient-name", SCHOOL,
                    "--on", "2026-03-01")
    assert done.returncode == 0, done.stderr
    assert f"Allowed by consent {consent_id}." in done.stdout


def test_after_the_consent_ends_a_consent_is_needed_and_what_it_must_name_is_said(
        case_on_file):
    data_dir, consent_id = case_on_file
    done = disclose(data_dir, "D-100", "--what", "conference_summary", "--mode", "copy",
                    "--to", "third_party_with_release", "--recipient-name", SCHOOL,
                    "--on", "2026-07-01", "--consent", consent_id)
    assert done.returncode == 3, done.stderr
    assert done.stdout.startswith("Needs consent.")
    for named in ("Tobi Alder", "conference summary", SCHOOL, "2026-07-01",
                  "their authorized representative"):
        assert named in done.stdout


def test_information_the_consent_does_not_cover_goes_to_legal_for_another_party(
        case_on_file):
    data_dir, _ = case_on_file
    done = disclose(data_dir, "D-100", "--what", "whole_record", "--mode", "review",
                    "--to", "other_third_party", "--recipient-name", SCHOOL,
                    "--on", "2026-03-01")
    assert done.returncode == 4, done.stderr
    assert done.stdout.startswith("Legal review")


def test_a_closed_case_goes_to_legal_review_even_for_the_client(case_on_file):
    data_dir, _ = case_on_file
    done = disclose(data_dir, "D-200", "--what", "whole_record", "--mode", "copy",
                    "--to", "client")
    assert done.returncode == 4, done.stderr
    assert "The case is closed" in done.stdout


def test_an_unknown_case_or_consent_is_an_error_not_a_decision(case_on_file):
    data_dir, _ = case_on_file
    done = disclose(data_dir, "D-999", "--what", "whole_record", "--mode", "copy",
                    "--to", "client")
    assert done.returncode == 1 and "no case D-999" in done.stderr
    done = disclose(data_dir, "D-100", "--what", "whole_record", "--mode", "copy",
                    "--to", "client", "--consent", "0190aaaa-0000-7000-8000-000000000009")
    assert done.returncode == 1 and "has no consent" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_check_asks_for_the_passphrase_like_every_command(case_on_file):
    data_dir, _ = case_on_file
    done = safeconf("--data-dir", str(data_dir), "disclose", "check", "D-100", "--what",
                    "whole_record", "--mode", "copy", "--to", "client",
                    passphrase="wrong wrong wrong")
    assert done.returncode == 1 and "passphrase is not right" in done.stderr
    assert "Allowed" not in done.stdout


def test_a_person_of_the_case_is_judged_by_their_relationship_to_the_client(case_on_file):
    data_dir, _ = case_on_file
    mother = disclose(data_dir, "D-100", "--what", "whole_record", "--mode", "copy",
                      "--to-person", "dana alder")
    assert mother.returncode == 0, mother.stderr
    assert "the client's parent or legal guardian" in mother.stdout
    # About the mother's own record, the child is no parent of hers: a third party.
    child = disclose(data_dir, "D-100", "--what", "whole_record", "--mode", "copy",
                     "--to-person", "Tobi Alder", "--about", "Dana Alder")
    assert child.returncode == 4, child.stderr
    unknown = disclose(data_dir, "D-100", "--what", "whole_record", "--mode", "copy",
                       "--to-person", "Nobody")
    assert unknown.returncode == 1 and "not one person of this case" in unknown.stderr
