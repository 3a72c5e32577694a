"""Deltas between note texts: exact round trips, strict checks of their form and fit."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeconf.domain import revisions
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.records import NoteRevision
from safeconf.domain.validation import validate

NOTE = "0190d1c2-7a00-7000-8000-000000000001"
CASE = "0190d1c2-7a00-7000-8000-000000000002"
BASE = "0190d1c2-7a00-7000-8000-000000000003"
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


@given(texts, texts)
def test_a_delta_turns_the_old_text_into_the_new_exactly(old, new):
    assert revisions.apply_delta(old, revisions.make_delta(old, new)) == new


@given(texts, st.integers(0, 300), texts, st.integers(0, 50))
def test_an_edit_in_place_makes_a_delta_about_the_size_of_the_edit(text, at, inserted, cut):
    at = min(at, len(text))
    edited = text[:at] + inserted + text[at + cut:]
    delta = revisions.make_delta(text, edited)
    assert revisions.apply_delta(text, delta) == edited
    assert len(delta) <= 2 * (len(inserted) + 12) + 40


@pytest.mark.parametrize("delta", [
    "not json", "{}", "[0]", '[""]', "[true]", "[1.5]", "[[1]]", "3",
])
def test_a_malformed_delta_is_refused(delta):
    with pytest.raises(InvalidRecord):
        revisions.apply_delta("abc", delta)


@pytest.mark.parametrize("delta, problem", [
    ("[]", "does not cover"), ("[2]", "does not cover"), ("[4]", "past the end"),
    ("[-4]", "past the end"), ('[1,"x",-1]', "does not cover"),
])
def test_a_delta_that_does_not_fit_its_base_text_is_refused(delta, problem):
    with pytest.raises(InvalidRecord, match=problem):
        revisions.apply_delta("abc", delta)


def test_a_copy_every_few_hundred_revisions_and_deltas_between():
    first = revisions.form_for(1, "one", None, None)
    assert first.base_id is None and first.body == "one"
    second = revisions.form_for(2, "one two", BASE, "one")
    assert (second.base_id, second.body) == (BASE, "")
    assert revisions.text_of("one", second.delta, second.sha256) == "one two"
    again = revisions.form_for(revisions.SNAPSHOT_EVERY + 1, "one two", BASE, "one")
    assert again.base_id is None and again.body == "one two"
    unrelated = revisions.form_for(2, "one two", BASE, None)  # base text unknown: a copy
    assert unrelated.base_id is None


def revision(**fields):
    return NoteRevision(case_id=CASE, note_id=NOTE, revision=2, **fields)


def test_a_revision_record_holds_a_copy_or_a_delta_never_both():
    digest = revisions.text_sha256("one two")
    validate(revision(body="one two", sha256=digest))
    validate(revision(body="legacy copy"))  # written before hashes existed
    validate(revision(base_id=BASE, delta='[3," two"]', sha256=digest))
    with pytest.raises(InvalidRecord, match="does not match its SHA-256"):
        revision(body="one two!", sha256=digest)
    with pytest.raises(InvalidRecord, match="holds no text"):
        revision(base_id=BASE, body="x", delta='[3," two"]', sha256=digest)
    with pytest.raises(InvalidRecord, match="names the SHA-256"):
        revision(base_id=BASE, delta='[3," two"]')
    with pytest.raises(InvalidRecord, match="holds no delta"):
        revision(body="one", delta='[3]')
    with pytest.raises(InvalidRecord, match="operation"):
        revision(base_id=BASE, delta="[[3]]", sha256=digest)


def test_a_delta_that_gives_another_text_than_its_hash_is_caught():
    with pytest.raises(InvalidRecord, match="SHA-256"):
        revisions.text_of("one", '[3," three"]', revisions.text_sha256("one two"))


@given(st.lists(st.tuples(st.integers(0, 3000), texts), min_size=2, max_size=6))
def test_edits_far_apart_in_a_long_text_make_a_small_exact_delta(edits):
    base = " ".join(f"word{n} of the family's plan" for n in range(400))
    edited = base
    for at, inserted in sorted(edits, reverse=True):
        at = min(at, len(edited))
        edited = edited[:at] + inserted + edited[at:]
    delta = revisions.make_delta(base, edited)
    assert revisions.apply_delta(base, delta) == edited
    assert len(delta) < len(edited) // 2  # the text between the edits is not sent again


def test_an_unrelated_text_is_one_replacement_not_a_search():
    old = " ".join(f"alpha{n}" for n in range(2000))
    new = " ".join(f"omega{n}" for n in range(2000))
    ops = json.loads(revisions.make_delta(old, new))
    assert revisions.apply_delta(old, json.dumps(ops)) == new
    assert len(ops) <= 4


edits = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), texts.map(lambda t: t[:30])),
                 max_size=12)


def edited(text: str, changes: list[tuple[float, int, str]]) -> list[str]:
    """The texts a note goes through when each change cuts and inserts somewhere in it."""
    out = []
    for where, cut, inserted in changes:
        at = int(where * len(text))
        text = text[:at] + inserted + text[at + cut:]
        out.append(text)
    return out


@given(texts, edits)
def test_composed_deltas_do_in_one_what_they_do_one_after_another(base, changes):
    steps = [base, *edited(base, changes)]
    deltas = [revisions.make_delta(a, b) for a, b in pairwise(steps)]
    composed = revisions.compose(base, deltas)
    assert composed is not None
    assert revisions.apply_delta(base, composed) == steps[-1]


def test_composing_a_delta_that_does_not_fit_is_refused():
    with pytest.raises(InvalidRecord, match="past the end"):
        revisions.compose("abc", ["[3]", "[5]"])
    with pytest.raises(InvalidRecord, match="does not cover"):
        revisions.compose("abc", ["[2]"])


def test_a_composition_of_more_operations_than_a_delta_may_hold_is_none(monkeypatch):
    base = "a b c d e f g h"
    steps = [base, *edited(base, [(i / 8, 1, "X") for i in range(8)])]
    deltas = [revisions.make_delta(a, b) for a, b in pairwise(steps)]
    monkeypatch.setattr(revisions, "MAX_DELTA_OPS", 4)
    assert revisions.compose(base, deltas) is None


def test_a_checkpoint_of_a_note_edited_here_and_there_is_a_delta_against_the_last_one():
    anchor_text = " ".join(f"word{n}" for n in range(400))
    steps = [anchor_text, *edited(anchor_text, [(n / 10, 5, "changed") for n in range(10)])]
    deltas = tuple(revisions.make_delta(a, b) for a, b in pairwise(steps[:-1]))
    anchor = revisions.Anchor(BASE, anchor_text, deltas)
    number = revisions.SNAPSHOT_EVERY + 1
    form = revisions.form_for(number, steps[-1], NOTE, steps[-2], anchor)
    assert (form.base_id, form.body) == (BASE, "")
    assert len(form.delta) < len(steps[-1]) / 10
    assert revisions.text_of(anchor_text, form.delta, form.sha256) == steps[-1]
    # A note that grew since: the delta would be most of it, so the checkpoint is a copy.
    grown = anchor_text + " and more" * 400
    copy = revisions.form_for(number, grown, NOTE, steps[-2],
                              revisions.Anchor(BASE, steps[-2], ()))
    assert (copy.base_id, copy.body) == (None, grown)
    # An anchor whose deltas do not lead to the note's text: a copy, never a broken save.
    astray = revisions.form_for(number, steps[-1], NOTE, steps[-2],
                                revisions.Anchor(BASE, "other text", deltas))
    assert (astray.base_id, astray.body) == (None, steps[-1])
