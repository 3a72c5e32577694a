from dataclasses import dataclass, replace

import pytest

from safeconf.domain.gate import MissingReason, evaluate_gate
from safeconf.domain.records import (
    AckMethod,
    Acknowledgment,
    Attendee,
    Language,
    Presence,
    Role,
)


@dataclass(frozen=True)
class Stmt:
    id: str
    version: int
    sha256: str


EN = Stmt("confidentiality", 2, "a" * 64)
ES = Stmt("confidentiality", 2, "b" * 64)
CURRENT = {Language.ENGLISH: EN, Language.SPANISH: ES}


def person(name, presence=Presence.PRESENT, language=Language.ENGLISH):
    return Attendee(
        case_id="case", conference_id="conf", name=name, role=Role.PARENT,
        presence=presence, language=language,
    )


def ack(attendee, statement=EN, language=Language.ENGLISH, method=AckMethod.TYPED_NAME,
        at="2026-11-25T10:00:00+00:00"):
    return Acknowledgment(
        case_id="case", conference_id="conf", attendee_id=attendee.id,
        statement_id=statement.id, statement_version=statement.version,
        statement_sha256=statement.sha256, language=language, method=method,
        typed_name=attendee.name if method is AckMethod.TYPED_NAME else "", signed_at=at,
    )


def test_gate_is_open_when_every_present_attendee_acknowledged():
    a, b = person("Ana"), person("Bea", language=Language.SPANISH)
    decision = evaluate_gate([a, b], [ack(a), ack(b, ES, Language.SPANISH)], CURRENT)
    assert decision.open
    assert decision.names() == []


def test_gate_is_closed_while_nobody_is_checked_in():
    decision = evaluate_gate([person("Ana", Presence.EXPECTED)], [], CURRENT)
    assert not decision.open
    assert decision.nobody_present
    assert decision.missing == ()


def test_gate_is_closed_for_a_conference_without_attendees():
    assert evaluate_gate([], [], CURRENT).nobody_present


def test_one_acknowledged_attendee_checked_in_opens_the_gate():
    a = person("Ana")
    decision = evaluate_gate([a, person("Bo", Presence.EXPECTED)], [ack(a)], CURRENT)
    assert decision.open
    assert not decision.nobody_present


def test_gate_names_everyone_who_has_not_acknowledged():
    a, b, c = person("Ana"), person("Bea"), person("Cal")
    decision = evaluate_gate([a, b, c], [ack(b)], CURRENT)
    assert not decision.open
    assert decision.names() == ["Ana", "Cal"]
    assert {m.reason for m in decision.missing} == {MissingReason.NOT_ACKNOWLEDGED}


@pytest.mark.parametrize(
    "presence", [Presence.EXPECTED, Presence.ABSENT, Presence.EXCUSED, Presence.EXCLUDED]
)
def test_only_present_attendees_hold_the_gate(presence):
    here = person("Hal")
    decision = evaluate_gate([here, person("Ana", presence)], [ack(here)], CURRENT)
    assert decision.open


def test_a_late_arrival_closes_an_open_gate_until_they_acknowledge():
    a = person("Ana")
    late = person("Lee", Presence.EXPECTED)
    acks = [ack(a)]
    assert evaluate_gate([a, late], acks, CURRENT).open
    arrived = replace(late, presence=Presence.PRESENT, arrived_at="2026-11-25T10:30:00+00:00")
    decision = evaluate_gate([a, arrived], acks, CURRENT)
    assert decision.names() == ["Lee"]
    assert evaluate_gate([a, arrived], [*acks, ack(arrived)], CURRENT).open


def test_a_refusal_keeps_the_gate_closed_while_the_person_is_still_present():
    a = person("Ana")
    decision = evaluate_gate([a], [ack(a, method=AckMethod.REFUSED)], CURRENT)
    assert [m.reason for m in decision.missing] == [MissingReason.REFUSED]


def test_a_refusing_attendee_once_excluded_no_longer_holds_the_gate():
    a, host = person("Ana"), person("Hal")
    excluded = replace(a, presence=Presence.EXCLUDED)
    acks = [ack(host), ack(a, method=AckMethod.REFUSED)]
    assert evaluate_gate([host, excluded], acks, CURRENT).open


def test_an_acknowledgment_of_an_older_statement_version_is_stale():
    a = person("Ana")
    old = Stmt("confidentiality", 1, "c" * 64)
    decision = evaluate_gate([a], [ack(a, old)], CURRENT)
    assert [m.reason for m in decision.missing] == [MissingReason.STALE_STATEMENT]


def test_an_acknowledgment_of_a_text_whose_hash_differs_is_stale():
    a = person("Ana")
    altered = Stmt("confidentiality", 2, "d" * 64)
    decision = evaluate_gate([a], [ack(a, altered)], CURRENT)
    assert [m.reason for m in decision.missing] == [MissingReason.STALE_STATEMENT]


def test_an_acknowledgment_in_a_language_the_attendee_does_not_read_does_not_count():
    spanish_reader = person("Rosa", language=Language.SPANISH)
    decision = evaluate_gate([spanish_reader], [ack(spanish_reader)], CURRENT)
    assert [m.reason for m in decision.missing] == [MissingReason.WRONG_LANGUAGE]


def test_the_latest_acknowledgment_counts_so_a_later_acceptance_overrides_a_refusal():
    a = person("Ana")
    acks = [
        ack(a, method=AckMethod.REFUSED, at="2026-11-25T10:00:00+00:00"),
        ack(a, at="2026-11-25T10:05:00+00:00"),
    ]
    assert evaluate_gate([a], acks, CURRENT).open


def test_a_later_refusal_overrides_an_earlier_acceptance():
    a = person("Ana")
    acks = [
        ack(a, at="2026-11-25T10:00:00+00:00"),
        ack(a, method=AckMethod.REFUSED, at="2026-11-25T10:05:00+00:00"),
    ]
    assert not evaluate_gate([a], acks, CURRENT).open


def test_deleted_acknowledgments_and_attendees_are_ignored():
    a = person("Ana")
    assert not evaluate_gate([a], [replace(ack(a), deleted=True)], CURRENT).open
    decision = evaluate_gate([replace(a, deleted=True)], [], CURRENT)
    assert decision.missing == ()
    assert decision.nobody_present


def test_acknowledgment_methods_need_their_evidence():
    a = person("Ana")
    with pytest.raises(ValueError, match="drawing"):
        ack(a, method=AckMethod.DRAWN_SIGNATURE)
    with pytest.raises(ValueError, match="witness"):
        ack(a, method=AckMethod.VERBAL)
    with pytest.raises(ValueError, match="typed name"):
        replace(ack(a), typed_name=" ")


def test_people_who_left_do_not_hold_the_gate_nor_keep_it_open():
    a, gone = person("Ana"), person("Gus", Presence.LEFT)
    assert evaluate_gate([a, gone], [ack(a)], CURRENT).open
    decision = evaluate_gate([gone], [ack(gone)], CURRENT)
    assert not decision.open and decision.nobody_present
