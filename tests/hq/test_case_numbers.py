"""Case numbers have one spelling at HQ: `cases import` and every command that takes a number
normalise it (NFKC, a small character set, spaces collapsed, upper case) and refuse
look-alikes, so two numbers an administrator cannot tell apart are never two cases."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from hq_harness import HQ, new_worker
from sqlalchemy import select, update

from safeconf.hq import casenumber, schema


def _unique() -> str:
    return uuid.uuid4().hex[:8].upper()


def _import(hq: HQ, tmp_path: Path, *lines: str) -> tuple[int, str, str]:
    path = tmp_path / f"cases-{uuid.uuid4().hex[:6]}.csv"
    path.write_text("case_number,family_name,assigned_workers\n" + "\n".join(lines) + "\n",
                    encoding="utf-8")
    result = hq.cli("cases", "import", str(path), check=False)
    return result.returncode, result.stdout, result.stderr


def _numbers(hq: HQ) -> set[str]:
    with hq.db.read() as conn:
        return set(conn.execute(select(schema.cases.c.case_number)).scalars())


@pytest.mark.parametrize(("typed", "stored"), [
    ("2026-001", "2026-001"),
    ("２０２６－００１", "2026-001"),  # full-width digits and hyphen
    ("ab/12.c", "AB/12.C"),
    ("  2026\u00a0 001  ", "2026 001"),  # a no-break space is a space; runs collapse
    ("2026\u3000001", "2026 001"),  # ideographic space
    ("ﬁle-1", "FILE-1"),  # the fi ligature is two letters after NFKC
])
def test_case_numbers_are_normalised_to_one_spelling(typed: str, stored: str) -> None:
    assert casenumber.normalise(typed) == stored


@pytest.mark.parametrize(("char", "named"), [
    ("\u0410", "U+0410 CYRILLIC CAPITAL LETTER A"),
    ("\u039f", "U+039F GREEK CAPITAL LETTER OMICRON"),
    ("\u200b", "U+200B ZERO WIDTH SPACE"),
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("é", "U+00E9 LATIN SMALL LETTER E WITH ACUTE"),
    ("\t", "U+0009"),
    ("_", "U+005F LOW LINE"),
])
def test_a_look_alike_or_invisible_character_is_refused_by_name(char: str, named: str) -> None:
    with pytest.raises(casenumber.CaseNumberInvalid, match=named.replace("+", r"\+")):
        casenumber.normalise(f"2026-{char}01")


@pytest.mark.parametrize(("line", "message"), [
    ("2026-\u0410{u},Family,", "U+0410 CYRILLIC CAPITAL LETTER A at position 6"),
    ("2026-\u039f{u},Family,", "U+039F GREEK CAPITAL LETTER OMICRON at position 6"),
    ("2026-\u200b{u},Family,", "U+200B ZERO WIDTH SPACE at position 6"),
    ("\u202e2026-{u},Family,", "U+202E RIGHT-TO-LEFT OVERRIDE at position 1"),
    ("2026-{u}\u2069,Family,", "U+2069 POP DIRECTIONAL ISOLATE"),
    ("\u3000,Family,", "case number is empty"),
])
def test_import_refuses_each_bad_case_number_by_line_and_imports_nothing(
        shared_hq: HQ, tmp_path: Path, line: str, message: str) -> None:
    unique = _unique()
    before = _numbers(shared_hq)
    status, _, stderr = _import(shared_hq, tmp_path, f"OK-{unique},Family,",
                                line.format(u=unique))
    assert status == 1, stderr
    assert "Nothing was imported" in stderr, stderr
    (bad,) = [row.strip() for row in stderr.splitlines() if "line " in row]
    assert bad.startswith("line 3:") and message in bad, stderr
    assert "Traceback" not in stderr
    # The character itself never reaches the terminal, only its name and escape.
    assert not any(c in stderr for c in "\u202e\u2069\u200b")
    assert _numbers(shared_hq) == before


def test_two_spellings_of_one_number_in_a_file_are_a_duplicate(shared_hq: HQ,
                                                              tmp_path: Path) -> None:
    unique = _unique()
    wide = unique.translate({ord(c): ord(c) + 0xFEE0 for c in unique})  # full-width forms
    before = _numbers(shared_hq)
    status, _, stderr = _import(shared_hq, tmp_path, f"D-{unique},One,",
                                f"d -  {wide.lower()},Two,".replace("d -  ", "d-"))
    assert status == 1
    assert f"line 3: case number repeats line 2 (both read D-{unique})" in stderr, stderr
    assert _numbers(shared_hq) == before


def test_a_number_hq_has_in_another_spelling_is_that_case(shared_hq: HQ,
                                                          tmp_path: Path) -> None:
    worker = new_worker()
    unique = _unique()
    assert _import(shared_hq, tmp_path, f"E-{unique},One,{worker}")[0] == 0
    assert f"E-{unique}" in _numbers(shared_hq)
    before = _numbers(shared_hq)
    status, _, stderr = _import(shared_hq, tmp_path, f"New-{unique},Two,",
                                f"e-{unique.lower()},Three,")
    assert status == 1 and "line 3: case number already at HQ" in stderr, stderr
    assert _numbers(shared_hq) == before


def test_commands_that_take_a_case_number_normalise_it_and_refuse_look_alikes(
        shared_hq: HQ, tmp_path: Path) -> None:
    worker, other = new_worker(), new_worker()
    unique = _unique()
    assert _import(shared_hq, tmp_path, f"F-{unique},One,{worker}")[0] == 0
    typed = f"ｆ－{unique.lower()}"
    result = shared_hq.cli("cases", "assign", typed, other)
    assert result.stdout.strip() == f"Case F-{unique} assigned to {other}."
    a = schema.assignments
    with shared_hq.db.read() as conn:
        assigned = set(conn.execute(select(a.c.worker_id).where(a.c.active.is_(True)).join_from(
            a, schema.cases, schema.cases.c.case_id == a.c.case_id)
            .where(schema.cases.c.case_number == f"F-{unique}")).scalars())
    assert assigned == {worker, other}
    refused = shared_hq.cli("cases", "seal", f"\u0424-{unique}", check=False)  # Cyrillic Ф
    assert refused.returncode == 1
    assert "U+0424 CYRILLIC CAPITAL LETTER EF" in refused.stderr, refused.stderr
    with shared_hq.db.read() as conn:
        assert conn.execute(select(schema.cases.c.sealed).where(
            schema.cases.c.case_number == f"F-{unique}")).scalar_one() is False
    shared_hq.cli("cases", "seal", f"  f-{unique.lower()} ")
    with shared_hq.db.read() as conn:
        assert conn.execute(select(schema.cases.c.sealed).where(
            schema.cases.c.case_number == f"F-{unique}")).scalar_one() is True


def test_a_number_stored_before_normalisation_is_still_found_and_still_clashes(
        shared_hq: HQ, tmp_path: Path) -> None:
    unique = _unique()
    assert _import(shared_hq, tmp_path, f"G-{unique},One,")[0] == 0
    with shared_hq.db.write() as conn:  # as an older HQ may have stored it
        conn.execute(update(schema.cases).where(schema.cases.c.case_number == f"G-{unique}")
                     .values(case_number=f"g-{unique.lower()}"))
    result = shared_hq.cli("cases", "close", f"G-{unique}")
    assert result.stdout.strip() == f"Case g-{unique.lower()} closed."
    status, _, stderr = _import(shared_hq, tmp_path, f"G-{unique},Two,")
    assert status == 1
    assert f"line 2: case number already at HQ (as g-{unique.lower()})" in stderr, stderr
