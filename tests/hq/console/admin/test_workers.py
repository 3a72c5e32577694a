"""Workers and supervisors in the console: every worker HQ knows, and setting one's
supervisor (the service `safeconf-hq supervisors set` calls)."""

from __future__ import annotations

from safeconf.hq import schema, staff
from tests.hq.console.admin.support import add_device, admin, audit_events, new_worker, problem
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient


def _supervisor_of(hq: HQ, worker: str) -> str | None:
    with hq.db.read() as conn:
        found = staff.supervisor_of(conn, worker)
    return None if found is None else found.name


def test_the_workers_page_lists_workers_with_devices_and_cases_and_sets_a_supervisor(
        client: ConsoleClient, console_hq: HQ) -> None:
    worker = new_worker()
    add_device(console_hq, worker)
    add_device(console_hq, worker)
    console_hq.add_case(worker)
    lead = console_hq.staff_member(staff.SUPERVISOR, "lead.workers")
    admin(client, console_hq)
    page = client.get("/workers")
    assert page.status_code == 200
    row = page.text.split(f'<th scope="row">{worker}</th>', 1)[1].split("</tr>", 1)[0]
    assert ">2</a>" in row and "<td>1</td>" in row and "none" in row
    assert f'<option value="{lead}"' in page.text
    done = client.submit("/workers", "/workers/supervisor",
                         {"worker": worker, "supervisor": lead})
    assert done.status_code == 303
    assert _supervisor_of(console_hq, worker) == lead
    assert f"{lead} now supervises {worker}" in client.follow(done).text
    assert ("admin.pages", "supervisor_set", worker) in audit_events(console_hq, "worker")


def test_a_sealed_case_is_not_counted_for_its_workers(client: ConsoleClient,
                                                     console_hq: HQ) -> None:
    from safeconf.hq import cases

    worker = new_worker()
    case_id = console_hq.add_case(worker)
    cases.set_sealed(console_hq.db, console_hq.case_number(case_id), True)
    page = admin(client, console_hq).get("/workers")
    row = page.text.split(f'<th scope="row">{worker}</th>', 1)[1].split("</tr>", 1)[0]
    assert row.rstrip().endswith("<td>0</td>")


def test_an_unknown_worker_or_a_non_supervisor_is_refused_and_nothing_changes(
        client: ConsoleClient, console_hq: HQ) -> None:
    worker = new_worker()
    add_device(console_hq, worker)
    lead = console_hq.staff_member(staff.SUPERVISOR, "lead.refusals")
    not_lead = console_hq.staff_member(staff.LEGAL, "legal.not.lead")
    admin(client, console_hq)
    cases = ((new_worker(), lead, "HQ knows no worker"),
             (worker, not_lead, "does not hold the supervisor role"),
             (worker, "", "Choose the supervisor"))
    for who, supervisor, said in cases:
        answer = client.submit("/workers", "/workers/supervisor",
                               {"worker": who, "supervisor": supervisor})
        assert answer.status_code == 400
        assert said in problem(answer.text)
        assert f'value="{who}"' in answer.text
    assert _supervisor_of(console_hq, worker) is None
    assert console_hq.count(schema.supervisors,
                            schema.supervisors.c.worker_id == worker) == 0
