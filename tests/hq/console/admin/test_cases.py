"""Cases in the console: the list and a search (never a sealed case), CSV import with its
per-line report, assigning, closing — and every view of case content in HQ's audit chain."""

from __future__ import annotations

import logging
import uuid

import pytest

from safeconf.hq import cases, schema
from tests.hq.console.admin.support import add_device, admin, audit_events, new_worker, problem
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient


def _number() -> str:
    return f"C-{uuid.uuid4().hex[:10].upper()}"


def _sealed_case(hq: HQ) -> tuple[str, str]:
    """(case id, number) of a sealed case whose family name is its number's tail."""
    number = _number()
    case_id = hq.add_case(new_worker(), number=number)
    cases.set_sealed(hq.db, number, True)
    return case_id, number


def _upload(client: ConsoleClient, text: str) -> object:
    token = client.csrf("/cases")
    return client.http.post("/cases/import", data={"csrf": token},
                            files={"file": ("cases.csv", text.encode(), "text/csv")})


def test_the_case_list_shows_number_family_workers_and_status_and_is_audited(
        client: ConsoleClient, console_hq: HQ) -> None:
    worker = new_worker()
    number = _number()
    case_id = console_hq.add_case(worker, number=number)
    admin(client, console_hq)
    found = client.get("/cases", params={"number": number})
    assert found.status_code == 200
    row = found.text.split(f'href="/cases/{case_id}">{number}</a>', 1)[1].split("</tr>")[0]
    assert f"Family {number[-4:]}" in row and worker in row and "open" in row
    assert found.headers["cache-control"] == "no-store"
    events = audit_events(console_hq, "case_list")
    assert events[-1][:2] == ("admin.pages", "read")
    everything = client.get("/cases")
    assert everything.status_code == 200 and "Showing" in everything.text


def test_a_sealed_case_is_not_listed_found_shown_or_changed_for_the_administrator(
        client: ConsoleClient, console_hq: HQ, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    case_id, number = _sealed_case(console_hq)
    family = f"Family {number[-4:]}"
    admin(client, console_hq)
    listing = client.get("/cases")
    assert number not in listing.text and case_id not in listing.text
    assert "sealed case" in listing.text and "not shown" in listing.text
    searched = client.get("/cases", params={"number": number})
    unknown = _number()
    not_there = client.get("/cases", params={"number": unknown})
    assert searched.status_code == not_there.status_code == 200
    assert "No case with that number" in searched.text
    # What was typed is repeated in the search box; otherwise the same as for no case.
    assert searched.text.replace(number, "N") == not_there.text.replace(unknown, "N")
    nowhere = client.get(f"/cases/{uuid.uuid4()}")
    page = client.get(f"/cases/{case_id}")
    assert page.status_code == nowhere.status_code == 404
    assert page.text == nowhere.text
    token = client.csrf("/cases")
    for action, data in (("assign", {"worker": new_worker()}), ("close", {}),
                         ("unassign", {"worker": "x"}), ("reopen", {})):
        refused = client.post(f"/cases/{case_id}/{action}", data, csrf=token)
        assert refused.status_code == 404, action
        assert number not in refused.text and family not in refused.text
    for answer in (listing, page):
        assert number not in answer.text and family not in answer.text
    assert family not in searched.text
    logged = "\n".join(r.getMessage() for r in caplog.records
                        if not r.name.startswith(("httpx", "httpcore")))  # the test's client
    assert number not in logged and family not in logged
    with console_hq.db.read() as conn:
        status = conn.execute(schema.cases.select()
                              .where(schema.cases.c.case_id == case_id)).one().status
    assert status == "open"
    assert not [e for e in audit_events(console_hq, "case") if e[2] == case_id]


def test_the_case_page_is_audited_and_assigns_unassigns_closes_and_reopens(
        client: ConsoleClient, console_hq: HQ) -> None:
    first, second = new_worker(), new_worker()
    add_device(console_hq, second)  # HQ knows the second worker
    number = _number()
    case_id = console_hq.add_case(first, number=number)
    admin(client, console_hq)
    page = client.get(f"/cases/{case_id}")
    assert page.status_code == 200 and number in page.text and first in page.text
    assert ("admin.pages", "read", case_id) in audit_events(console_hq, "case")
    here = f"/cases/{case_id}"
    assert client.submit(here, f"{here}/assign", {"worker": second}).status_code == 303
    assert client.submit(here, f"{here}/unassign", {"worker": first}).status_code == 303
    assert client.submit(here, f"{here}/close").status_code == 303
    view = client.get(here)
    assert "closed" in view.text and "Reopen the case" in view.text
    a = schema.assignments
    with console_hq.db.read() as conn:
        active = set(conn.execute(a.select().with_only_columns(a.c.worker_id)
                                  .where(a.c.case_id == case_id, a.c.active.is_(True)))
                     .scalars())
    assert active == {second}
    assert client.submit(here, f"{here}/reopen").status_code == 303
    assert "Close the case" in client.get(here).text


def test_assigning_an_unknown_worker_is_explained_and_changes_nothing(
        client: ConsoleClient, console_hq: HQ) -> None:
    case_id = console_hq.add_case(new_worker())
    admin(client, console_hq)
    stranger = new_worker()
    answer = client.submit(f"/cases/{case_id}", f"/cases/{case_id}/assign",
                           {"worker": stranger})
    assert answer.status_code == 409
    assert "HQ knows no worker" in problem(answer.text)
    assert f'value="{stranger}"' in answer.text
    assert console_hq.count(schema.assignments,
                            schema.assignments.c.worker_id == stranger) == 0


def test_a_csv_upload_imports_its_cases(client: ConsoleClient, console_hq: HQ) -> None:
    one, two = _number(), _number()
    worker = new_worker()
    admin(client, console_hq)
    answer = _upload(client, "case_number,family_name,assigned_workers\n"
                             f"{one},Rivera,{worker}\n{two},Okafor,\n")
    assert answer.status_code == 303  # type: ignore[attr-defined]
    assert "Imported 2 cases." in client.get("/cases").text
    assert cases.stored_number(console_hq.db, one) == one
    assert cases.stored_number(console_hq.db, two) == two


def test_a_csv_with_any_bad_row_imports_nothing_and_lists_each_line_to_fix(
        client: ConsoleClient, console_hq: HQ) -> None:
    good, dup = _number(), _number()
    admin(client, console_hq)
    before = console_hq.count(schema.cases)
    answer = _upload(client, "case_number,family_name,assigned_workers\n"
                             f"{good},Rivera,w-ok\n"
                             f"{dup},Lee,\n"
                             f"{dup},Lee,\n"
                             f"{_number()},Kim,bad worker\n"
                             "only,two\n")
    assert answer.status_code == 400  # type: ignore[attr-defined]
    text = answer.text  # type: ignore[attr-defined]
    assert "Nothing was imported" in problem(text)
    for line in ("line 4: case number repeats line 3", "line 5: ",
                 "line 6: expected 3 columns"):
        assert line in text
    assert console_hq.count(schema.cases) == before


@pytest.mark.parametrize(("body", "said"), [
    (b"number,name\nx,y\n", "the first line must be the header"),
    (b"\xff\xfe\x00junk", "not UTF-8 text"),
])
def test_a_file_that_is_not_the_case_csv_is_explained(client: ConsoleClient, console_hq: HQ,
                                                     body: bytes, said: str) -> None:
    admin(client, console_hq)
    before = console_hq.count(schema.cases)
    token = client.csrf("/cases")
    answer = client.http.post("/cases/import", data={"csrf": token},
                              files={"file": ("x.csv", body, "text/csv")})
    assert answer.status_code == 400 and said in problem(answer.text)
    assert console_hq.count(schema.cases) == before


def test_a_number_already_at_hq_fails_the_whole_file(client: ConsoleClient,
                                                     console_hq: HQ) -> None:
    taken = _number()
    console_hq.add_case(new_worker(), number=taken)
    fresh = _number()
    admin(client, console_hq)
    answer = _upload(client, f"case_number,family_name,assigned_workers\n{fresh},A,\n"
                             f"{taken},B,\n")
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert "line 3: case number already at HQ" in answer.text  # type: ignore[attr-defined]
    with pytest.raises(Exception, match="HQ has no case"):
        cases.stored_number(console_hq.db, fresh)
