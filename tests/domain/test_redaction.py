"""Redaction candidates and the redaction itself: nothing withheld survives, in any case,
spacing or accent; privileged notes and PHI the basis does not cover go whatever is chosen."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeconf.domain.redaction import (
    MARKER,
    Block,
    Candidate,
    Document,
    Names,
    Reason,
    RedactionError,
    Style,
    find_candidates,
    redact,
    reported_names,
)


def doc(*bodies: str, health: tuple[int, ...] = (), privileged: tuple[int, ...] = (),
        covered: bool = False) -> Document:
    blocks = [Block(Style.TITLE, "Copy for the court"), Block(Style.LINE, "Case: 2026-0142")]
    for i, body in enumerate(bodies):
        blocks.append(Block(Style.SUBHEADING, "Concerns"))
        blocks.append(Block(Style.BODY, body, record_id=f"note-{i}",
                            health_information=i in health, privileged=i in privileged))
    return Document("Copy for the court", tuple(blocks), health_covered=covered)


def folded(text: str) -> str:
    return " ".join(text.split()).lower()


def test_another_childs_full_and_given_name_are_candidates_accent_or_not() -> None:
    d = doc("Sofia (3) found alone twice; Mateo was to watch her.",
            "Sofía Castellanos-Mora stays with her aunt.")
    found = find_candidates(d, Names(other_children=["Sofía Castellanos-Mora"]))
    assert [(c.reason, c.passage) for c in found] == [
        (Reason.OTHER_CHILD, "Sofía Castellanos-Mora"), (Reason.OTHER_CHILD, "Sofía")]
    text = redact(d, found).text()
    assert "Sofia" not in text and "Sofía" not in text
    assert "Mateo was to watch her" in text  # the client's own name stays


def test_a_name_that_does_not_occur_is_not_offered() -> None:
    found = find_candidates(doc("Nothing about anyone."), Names(other_children=["Lía Soto"]))
    assert found == []


def test_reporter_found_by_the_words_around_the_name_in_english_and_spanish() -> None:
    assert reported_names("The call was reported by Dana Pruitt on Monday.") == ["Dana Pruitt"]
    assert reported_names("the reporter, Marta Gil, asked") == ["Marta Gil"]
    assert reported_names("Caso reportado por Íñigo Sáez ayer") == ["Íñigo Sáez"]
    assert reported_names("it was reported by the school") == []  # no name: nothing guessed
    found = find_candidates(doc("Reported by Dana Pruitt."), Names())
    assert [(c.reason, c.passage) for c in found] == [(Reason.REPORTER, "Dana Pruitt")]


def test_other_families_names_and_their_own_surnames_are_candidates() -> None:
    d = doc("Met Ms. Okafor at the clinic; Grace Okafor was there too. Grace Alder came.")
    found = find_candidates(d, Names(other_families=["Grace Okafor"], this_case=["Dana Alder"]))
    assert {c.passage for c in found} == {"Grace Okafor", "Okafor"}
    assert all(c.reason is Reason.OTHER_FAMILY for c in found)
    text = redact(d, found).text()
    assert "Okafor" not in text and "Grace Alder came" in text


def test_phi_the_basis_does_not_cover_is_withheld_whole_even_when_not_chosen() -> None:
    d = doc("General text.", "Diagnosed with asthma; inhaler twice daily.", health=(1,))
    found = find_candidates(d, Names())
    assert [(c.reason, c.record_id, c.locked) for c in found] == [
        (Reason.HEALTH_NOT_COVERED, "note-1", True)]
    out = redact(d, [])  # nothing chosen: still withheld
    assert "asthma" not in out.text() and out.count == 1
    assert MARKER in out.text()


def test_phi_stays_when_the_basis_covers_it() -> None:
    d = doc("Diagnosed with asthma.", health=(0,), covered=True)
    assert find_candidates(d, Names()) == []
    assert "asthma" in redact(d, []).text()


def test_privileged_note_is_locked_and_withheld_whatever_is_chosen() -> None:
    d = doc("Counsel advises not to contest.", privileged=(0,), covered=True)
    found = find_candidates(d, Names())
    assert [(c.reason, c.locked) for c in found] == [(Reason.PRIVILEGED, True)]
    assert "Counsel" not in redact(d, []).text()


def test_worker_passages_are_withheld_and_counted_per_occurrence() -> None:
    d = doc("Lincoln Elementary called. LINCOLN   elementary again.\nLincoln\nElementary.")
    out = redact(d, ["Lincoln Elementary"])
    assert "lincoln" not in out.text().lower()
    assert out.count == 3


def test_the_title_is_redacted_too() -> None:
    d = dataclasses.replace(doc("x y z"), title="Copy for Rowan")
    assert "Rowan" not in redact(d, ["Rowan"]).title


@pytest.mark.parametrize("bad", ["", "   ", "a", f"name {MARKER}"])
def test_a_passage_too_short_or_holding_a_marker_is_refused(bad: str) -> None:
    with pytest.raises(RedactionError):
        redact(doc("some text"), [bad])


def test_a_passage_inside_the_marker_does_not_eat_the_marker() -> None:
    out = redact(doc("held back"), ["held back", "held"])
    assert out.text().endswith(MARKER)
    assert out.count == 1


def test_a_longer_passage_wins_over_a_part_of_it() -> None:
    out = redact(doc("Ana Ruiz and Ana"), [Candidate(Reason.WORKER, "Ana"),
                                           Candidate(Reason.WORKER, "Ana Ruiz")])
    assert out.text().endswith(f"{MARKER} and {MARKER}")


# -- the property: no redacted passage survives ---------------------------------------------

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZáéíóúñüÁÉÍÓÚÑÜ0123456789"
WORD = st.text(alphabet=LETTERS, min_size=2, max_size=8)
SPACE = st.sampled_from([" ", "  ", "\n", "\t", " \n "])
_STRIP = str.maketrans("áéíóúñüÁÉÍÓÚÑÜ", "aeiounuAEIOUNU")


@st.composite
def text_with_passages(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    passages = draw(st.lists(st.lists(WORD, min_size=1, max_size=3).map(" ".join),
                             min_size=1, max_size=4))
    pieces: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        pieces.append(draw(WORD))
        if draw(st.booleans()):
            p = draw(st.sampled_from(passages))
            variant = draw(st.sampled_from(["as is", "upper", "lower", "no accents"]))
            p = {"as is": p, "upper": p.upper(), "lower": p.lower(),
                 "no accents": p.translate(_STRIP)}[variant]
            pieces.append(draw(SPACE).join(p.split()))
    bodies = [draw(SPACE).join(pieces[i::2]) for i in range(2)]
    return passages, bodies


@settings(max_examples=300, deadline=None)
@given(text_with_passages())
def test_no_redacted_passage_survives_in_any_case_spacing_or_accent(
    case: tuple[list[str], list[str]],
) -> None:
    passages, bodies = case
    out = redact(doc(*bodies), passages)
    # Looked for without accents, case or spacing, in each stretch between markers.
    for stretch in "\n".join([out.title, out.text()]).split(MARKER):
        haystack = folded(stretch).translate(_STRIP)
        for p in passages:
            assert folded(p).translate(_STRIP) not in haystack


@settings(max_examples=100, deadline=None)
@given(st.lists(WORD, min_size=3, max_size=12))
def test_text_without_any_chosen_passage_is_left_exactly_as_it_was(words: list[str]) -> None:
    body = " ".join(words)
    absent = "Zq" * 5
    assert not re.search(absent, body, re.I)
    assert redact(doc(body), [absent]).text() == doc(body).text()


def test_a_too_short_candidate_is_refused_as_a_typed_passage_is() -> None:
    with pytest.raises(RedactionError):
        redact(doc("a b c"), [Candidate(Reason.WORKER, " a ")])
