"""Whose acknowledgment it is: the typed name is the attendee's own, the witness of a verbal
agreement is neither its attester nor the attendee; judged wherever an acknowledgment lands."""

from __future__ import annotations

from dataclasses import replace

import pytest

from safeconf.domain import change_rules as rules
from safeconf.domain.acknowledgment_rules import (
    AckProblem,
    acknowledgment_problem,
    typed_name_matches,
)
from safeconf.domain.records import AckMethod, Acknowledgment, Attendee, Role
from tests.domain.test_change_rules import judge, room, signed


@pytest.mark.parametrize("typed", [
    "James Okafor", "james okafor", "J. Okafor", "J Okafor", "Okafor, James",
    "James Adebayo Okafor", "  JAMES   OKAFOR ",
])
def test_a_typed_name_with_family_name_and_given_name_or_initial_matches(typed: str) -> None:
    assert typed_name_matches(typed, "James Okafor")


@pytest.mark.parametrize("typed", [
    "Jim", "James", "Okafor", "Jim Okafor", "Grace Okafor", "J.", "", "James Okafo",
    "O. Okafor",
])
def test_a_nickname_a_single_name_or_someone_else_does_not_match(typed: str) -> None:
    assert not typed_name_matches(typed, "James Okafor")


def test_accents_case_and_either_spanish_surname_match() -> None:
    assert typed_name_matches("Lucia Ramos", "Lucía Ramos García")
    assert typed_name_matches("L. GARCÍA", "Lucía Ramos García")
    assert typed_name_matches("lucía ramos-garcía", "Lucía Ramos García")
    assert not typed_name_matches("Ramos García", "Lucía Ramos García")


def test_a_one_word_name_is_typed_as_that_word() -> None:
    assert typed_name_matches("Ada", "Ada")
    assert not typed_name_matches("A.", "Ada")


def _verbal(attendee: Attendee, witness: str, attested_by: str = "f.tester") -> Acknowledgment:
    return replace(signed(attendee), method=AckMethod.VERBAL, typed_name="",
                   attested_by=attested_by, witness=witness)


def test_the_facilitator_cannot_witness_the_agreement_they_attest() -> None:
    _, _, mother = room()
    youth = replace(mother, name="Tunde Okafor", role=Role.YOUTH)
    for witness in ("Maria Lopez", "M. Lopez", "F. Tester", "f.tester"):
        assert acknowledgment_problem(_verbal(youth, witness), youth, "Maria Lopez") is \
            AckProblem.WITNESS_IS_FACILITATOR, witness
    assert acknowledgment_problem(_verbal(youth, "Tunde Okafor"), youth, "Maria Lopez") is \
        AckProblem.WITNESS_IS_ATTENDEE
    assert acknowledgment_problem(_verbal(youth, "Grace Okafor"), youth, "Maria Lopez") is None


def test_a_landing_acknowledgment_that_is_not_the_attendees_is_refused() -> None:
    view, conf, mother = room()
    view.add(replace(conf, facilitator="Maria Lopez"))
    assert judge(replace(signed(mother), typed_name="Someone Else"), None, view) == \
        rules.NOT_THEIR_ACKNOWLEDGMENT
    assert judge(_verbal(mother, "M. Lopez", attested_by="m.lopez"), None, view) == \
        rules.NOT_THEIR_ACKNOWLEDGMENT
    assert judge(_verbal(mother, "Pat Quinn", attested_by="m.lopez"), None, view) is None
    assert judge(signed(mother), None, view) is None
    # A pulled page may bring the acknowledgment before its attendee: the name waits.
    unknown = replace(signed(mother), attendee_id="0" * 8 + "-0000-0000-0000-" + "0" * 12,
                      typed_name="Someone Else")
    assert judge(unknown, None, view, parents_known=False) is None
