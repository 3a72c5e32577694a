"""Every query the vault runs on `records` and `note_revisions` in a day's work finds its rows
by an index, the partial ones that leave note revisions out included (vault/indexes.py): a
query that does not repeat their condition would read the whole table without failing."""

from __future__ import annotations

import re

from safeconf.domain.records import (
    Attendee,
    Case,
    Conference,
    Note,
    NoteRevision,
    NoteSection,
    Role,
)
from safeconf.vault.indexes import of_type

# A trigger's statements are traced too, after a line naming it: what the test asks about
# is the vault's own.
_TRIGGER = re.compile(r"^\s*-- TRIGGER")


def traced(vault, work):
    """Every statement `work(vault)` runs, with its values in place."""
    seen: list[str] = []
    connection = vault._db._connection
    connection.set_trace_callback(seen.append)
    try:
        work(vault)
    finally:
        connection.set_trace_callback(None)
    return [s for s in dict.fromkeys(seen) if not _TRIGGER.match(s)]


def full_reads_of_records(vault, statements):
    """The statements whose plan reads every row of `records` or of `note_revisions`, or
    every record of a type (the index by parent with nothing but the type): (statement, plan
    line)."""
    found = []
    for sql in statements:
        if not re.search(r"\b(records|note_revision\w*|revision_\w+)\b", sql) or not re.match(
                r"\s*(SELECT|UPDATE|DELETE)", sql, re.I):
            continue
        for row in vault._db.rows(f"EXPLAIN QUERY PLAN {sql}"):
            line = row[-1]
            if re.match(r"SCAN (records|r|f|c)\b(?! USING)", line) or (
                    "records_by_parent (type=?)" in line):
                found.append((sql, line))
            if re.match(r"SCAN (note_revisions|revision_notes|revision_writers|v|n|w)\b"
                        r"(?! USING)", line):
                found.append((sql, line))
    return found


def a_day(vault):
    case = vault.cases.add(Case(case_number="IX-1", family_name="Linden"))
    vault.open_case(case.id)
    conf = vault.conferences.add(Conference(case_id=case.id,
                                            scheduled_start="2026-11-25T09:00:00+00:00"))
    vault.attendees.add(Attendee(case_id=case.id, conference_id=conf.id, name="Rowan Linden",
                                 role=Role.PARENT))
    note = vault.notes.add(Note(case_id=case.id, conference_id=conf.id,
                                section=NoteSection.GENERAL))
    for n in range(3):
        note = vault.notes.save_body(note, f"{note.body} Sentence {n}.".strip(), "w.tester")
    vault.conferences.listing()
    vault.conferences.scheduled_between("2026-11-01", "2026-12-01")
    vault.store.all(Conference)
    vault.store.count(Attendee)
    vault.store.of_case(Attendee, case.id)
    vault.store.children(NoteRevision, note.id)
    vault.store._view.people(case.id)
    vault.store._view.consents(case.id)
    vault.notes.revisions(note.id)
    vault.search("Sentence")
    vault.sync.pending(100)
    vault.sync.purge_cases([case.id])


def test_a_days_queries_on_records_all_use_an_index(vault):
    statements = traced(vault, a_day)
    assert sum("FROM records" in s for s in statements) > 10  # the trace saw the work
    assert sum(" note_revision" in s for s in statements) > 3
    assert full_reads_of_records(vault, statements) == []


def test_a_query_without_the_partial_condition_would_read_the_whole_table(vault):
    """The check above can fail: the same query by case, without the condition."""
    by_case = "SELECT data FROM records WHERE type = 'person' AND case_id = 'x'"
    assert full_reads_of_records(vault, [by_case])
    assert full_reads_of_records(vault, ["SELECT delta FROM note_revisions WHERE body = 'x'"])
    assert not full_reads_of_records(vault, [
        by_case.replace("type = 'person'", of_type("person").replace("?", "'person'"))])
