"""What a hostile device wrote cannot reorder, hide or drive what an administrator reads in
`safeconf-hq` output: control, format (bidi, zero-width), separator and surrogate characters
are printed as escapes."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from hq_harness import HQ, new_worker

from safeconf.domain import termsafe
from safeconf.hq import schema
from safeconf.sync import OutboxItem
from tests.hq.test_push_pull import push_first_revision

HOSTILE = {
    "\u202e": "\\u202e",  # RIGHT-TO-LEFT OVERRIDE: "txt.exe" reads "exe.txt"
    "\u2066": "\\u2066", "\u2067": "\\u2067", "\u2068": "\\u2068", "\u2069": "\\u2069",
    "\u200b": "\\u200b", "\u200c": "\\u200c", "\u200d": "\\u200d",
    "\u200e": "\\u200e", "\u200f": "\\u200f",
    "\ufeff": "\\ufeff",
    "\U000e0041": "\\U000e0041",  # a TAG character: invisible
    "\x1b": "\\x1b", "\x07": "\\x07", "\x9b": "\\x9b", "\x7f": "\\x7f",
    "\u2028": "\\u2028", "\u2029": "\\u2029",
    "\ud800": "\\ud800",  # a lone surrogate would make print() itself fail
}


@pytest.mark.parametrize("char", list(HOSTILE))
def test_each_hostile_character_is_shown_as_its_escape(char: str) -> None:
    assert termsafe.safe(f"a{char}b") == f"a{HOSTILE[char]}b"


def test_ordinary_text_newlines_and_tabs_stay_as_they_are() -> None:
    text = "Núñez — Grandmother supervises.\n\tWeekly: 日本語, עברית, العربية ✓"
    assert termsafe.safe_lines(text) == text
    assert termsafe.safe("a\nb\tc") == "a\\x0ab\\x09c"


def test_conflicts_show_escapes_bidi_and_invisible_characters_from_a_device(
        shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, laptop = shared_hq.device(worker)
    _, tablet = shared_hq.device(worker)
    revision = push_first_revision(laptop, case_id, "first words")
    # Terminal escapes (ESC) never get in: HQ refuses them as invalid. Bidi and invisible
    # format characters are valid text (names in Arabic or Hebrew need some), so they are
    # stored and must be escaped when shown.
    hostile = ("Visits \u202eNOT\u202c allowed\u200b\u2066x\u2069\ufeff"
               "\U000e0041\u2028end")
    tablet.push(str(uuid.uuid4()), [OutboxItem.of(
        1, dataclasses.replace(revision, body=hostile))])
    c = schema.conflicts
    with shared_hq.db.read() as conn:
        (conflict_id,) = conn.execute(c.select().with_only_columns(c.c.conflict_id)
                                      .where(c.c.record_id == revision.id)).scalars()
    shown = shared_hq.cli("conflicts", "show", str(conflict_id), "--as",
                          shared_hq.staff_member("legal")).stdout
    assert ("Visits \\u202eNOT\\u202c allowed\\u200b\\u2066x\\u2069\\ufeff\\U000e0041"
            "\\u2028end") in shown
    assert not any(char in shown for char in HOSTILE)
    listed = shared_hq.cli("conflicts").stdout
    assert not any(char in listed for char in HOSTILE)
