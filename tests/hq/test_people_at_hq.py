"""People on the case reach HQ like every other record: parsed with the one field
definition, judged by the same change rules, and pulled by a co-assigned worker's laptop."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from hq_harness import HQ, new_worker

from safeconf.domain import change_rules as rules
from safeconf.domain.records import Attendee, Person, PersonKind, Relationship, Role
from safeconf.sync import HQClient, OutboxItem, RequestRejected
from tests.hq import test_rules_where_records_land as landing
from tests.hq.test_push_pull import conference, pull_all

hostile = landing.hostile


def _push(client: HQClient, *records: object, first_seq: int = 1,
          base: int | None = None) -> list[tuple[int, str]]:
    items = [OutboxItem.of(first_seq + n, r, base_version=base)  # type: ignore[arg-type]
             for n, r in enumerate(records)]
    result = client.push(str(uuid.uuid4()), items)
    return [(c.seq, c.reason) for c in result.conflicts]


def _family(case_id: str) -> tuple[Person, Person]:
    child = Person(case_id=case_id, name="Tobi Alder", kind=PersonKind.CLIENT)
    mother = Person(case_id=case_id, name="Dana Alder", kind=PersonKind.PARENT,
                    relationship_to=child.id, relationship=Relationship.PARENT_OF)
    return child, mother


def test_hq_accepts_the_people_of_a_case_and_a_colleague_pulls_them(hostile) -> None:
    _hq, case_id, device, honest, _enrolled = hostile
    child, mother = _family(case_id)
    conf = conference(case_id)
    attending = Attendee(case_id=case_id, conference_id=conf.id, name="Dana Alder",
                         role=Role.PARENT, person_id=mother.id)
    assert _push(device, child, mother, conf, attending) == []
    pulled = {i.record.id: i.record for i in pull_all(honest)[0]}
    assert pulled[mother.id] == mother
    assert pulled[child.id] == child
    assert pulled[attending.id].person_id == mother.id


def test_hq_refuses_a_relationship_to_someone_missing_or_of_another_case(hostile) -> None:
    hq, case_id, device, honest, enrolled = hostile
    other_case = hq.add_case(enrolled.worker_id)
    child, mother = _family(case_id)
    assert _push(device, child) == []
    stranger = Person(case_id=case_id, name="Nobody Here", kind=PersonKind.RELATIVE,
                      relationship_to=str(uuid.uuid4()), relationship=Relationship.RELATIVE_OF)
    assert _push(device, stranger, first_seq=2) == [(2, rules.NO_PARENT)]
    elsewhere = dataclasses.replace(mother, case_id=other_case)
    assert _push(device, elsewhere, first_seq=3) == [(3, rules.PARENT_ELSEWHERE)]
    pulled = {i.record.id for i in pull_all(honest)[0]}
    assert child.id in pulled and stranger.id not in pulled and mother.id not in pulled


def test_hq_never_lets_a_person_of_the_case_be_deleted(hostile) -> None:
    _hq, case_id, device, _honest, _enrolled = hostile
    child, _mother = _family(case_id)
    assert _push(device, child) == []
    gone = dataclasses.replace(child, deleted=True, version=2)
    assert _push(device, gone, first_seq=2, base=1) == [(2, rules.NOT_DELETABLE)]


def test_hq_refuses_a_person_of_a_kind_the_domain_does_not_know(hostile) -> None:
    _hq, case_id, device, _honest, _enrolled = hostile
    child, _mother = _family(case_id)
    item = OutboxItem.of(1, child)
    bad = dataclasses.replace(item, data={**item.data, "kind": "neighbour"})
    with pytest.raises(RequestRejected) as refused:
        device.push(str(uuid.uuid4()), [bad])
    assert refused.value.code == "invalid_record"



def test_people_written_on_one_laptop_reach_the_other_and_their_changes_follow(
        shared_hq: HQ, laptops) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    one, two = laptops(worker), laptops(worker)
    one.sync()
    child, mother = _family(case_id)
    one.vault.people.add(child)
    one.vault.people.add(mother)
    assert one.sync().push_conflicts == 0
    two.sync()
    assert [p.name for p in two.vault.people.for_case(case_id)] == ["Tobi Alder", "Dana Alder"]
    two.vault.people.update(dataclasses.replace(two.vault.people.get(child.id),
                                                name="Tobias Alder"))
    assert two.sync().push_conflicts == 0
    one.sync()
    assert one.vault.people.get(child.id).name == "Tobias Alder"
    assert one.vault.people.get(mother.id).relationship_to == child.id
