"""Deltas between note texts: exact round trips, strict checks of their form and fit."""

from __future__ import annotations

import json

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
