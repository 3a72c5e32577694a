"""Ids made from a record's own fields (domain/ids.py `derived_id`)."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from safeconf.domain.ids import derived_id, new_id, parse_utc

AT = "2026-12-03T17:00:00.000001+00:00"


def test_a_derived_id_is_a_uuid_of_version_8_and_the_same_for_the_same_parts():
    made = derived_id(AT, "audit event", "device-1", 7)
    assert uuid.UUID(made).version == 8
    assert uuid.UUID(made).variant == uuid.RFC_4122
    assert made == derived_id(AT, "audit event", "device-1", 7)


def test_a_derived_id_begins_with_its_time_as_a_new_id_does():
    made = uuid.UUID(derived_id(AT, "x"))
    assert made.int >> 80 == int(parse_utc(AT).timestamp() * 1000)
    later = derived_id("2026-12-03T17:00:01.000001+00:00", "x")
    assert derived_id(AT, "y")[:13] == str(made)[:13] < later[:13]
    assert uuid.UUID(new_id()).version == 7


@given(st.lists(st.text(max_size=8), min_size=1, max_size=4),
       st.lists(st.text(max_size=8), min_size=1, max_size=4))
def test_different_parts_give_different_ids(a, b):
    # Parts are joined with a separator no part of these holds, so ("ab",) and ("a", "b")
    # differ too.
    a = [p.replace("\x1f", "") for p in a]
    b = [p.replace("\x1f", "") for p in b]
    assert (derived_id(AT, *a) == derived_id(AT, *b)) == (a == b)
