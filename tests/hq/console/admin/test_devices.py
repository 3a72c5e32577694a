"""The administrator's device pages: the registry page by page with its filters, one
device's facts, revoke and revoke-and-wipe."""

from __future__ import annotations

import os
import re
import uuid
from datetime import timedelta

from sqlalchemy import event, insert, update

from safeconf.hq import clock, schema
from safeconf.hq.pki import devices
from tests.hq.console.admin.support import (
    add_device,
    admin,
    audit_events,
    device_row,
    new_worker,
    problem,
)
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient, ConsoleServer


def test_the_device_list_shows_each_device_with_its_chain_state_and_filters_by_worker(
        client: ConsoleClient, console_hq: HQ) -> None:
    worker, other = new_worker(), new_worker()
    ok = add_device(console_hq, worker)
    broken = add_device(console_hq, worker, chain="broken", broken_seq=17)
    elsewhere = add_device(console_hq, other)
    page = admin(client, console_hq).get("/devices", params={"worker": worker})
    assert page.status_code == 200
    assert ok in page.text and broken in page.text and elsewhere not in page.text
    assert "broken at seq 17" in page.text
    assert page.headers["cache-control"] == "no-store"


def test_the_device_list_filters_by_status_and_pages_by_a_hundred(
        client: ConsoleClient, console_hq: HQ) -> None:
    worker = new_worker()
    ids = [add_device(console_hq, worker) for _ in range(101)]
    revoked = add_device(console_hq, worker, status="revoked")
    admin(client, console_hq)
    first = client.get("/devices", params={"worker": worker, "status": "active"})
    shown = set(re.findall(r'href="/devices/([0-9a-f-]{36})"', first.text))
    assert len(shown) == 100 and revoked not in shown
    assert "Showing 1–100 of 101" in first.text
    nxt = re.search(r'href="([^"]+)" rel="next"', first.text)
    assert nxt is not None
    second = client.get(nxt.group(1).replace("&amp;", "&"))
    rest = set(re.findall(r'href="/devices/([0-9a-f-]{36})"', second.text))
    assert shown | rest == set(ids) and not shown & rest
    only_revoked = client.get("/devices", params={"worker": worker, "status": "revoked"})
    assert revoked in only_revoked.text and ids[0] not in only_revoked.text


def test_an_unknown_status_filter_is_explained(client: ConsoleClient, console_hq: HQ) -> None:
    answer = admin(client, console_hq).get("/devices", params={"status": "lost"})
    assert answer.status_code == 400
    assert "status is one of active, revoked, replaced" in problem(answer.text)


def test_a_device_page_shows_its_facts_and_revoking_it_asks_first_and_is_recorded(
        client: ConsoleClient, console_hq: HQ) -> None:
    worker = new_worker()
    device_id = add_device(console_hq, worker)
    page = admin(client, console_hq).get(f"/devices/{device_id}")
    assert page.status_code == 200 and worker in page.text
    assert 'data-confirm="Revoke device' in page.text
    done = client.submit(f"/devices/{device_id}", f"/devices/{device_id}/revoke")
    assert done.status_code == 303 and done.headers["location"] == f"/devices/{device_id}"
    assert device_row(console_hq, device_id) == ("revoked", False)
    assert "revoked. It can no longer sync" in client.follow(done).text
    assert ("admin.pages", "device_revoke", device_id) in audit_events(console_hq, "device")


def test_revoke_and_wipe_tells_the_device_to_wipe(client: ConsoleClient,
                                                  console_hq: HQ) -> None:
    device_id = add_device(console_hq, new_worker())
    admin(client, console_hq)
    done = client.submit(f"/devices/{device_id}", f"/devices/{device_id}/revoke",
                         {"wipe": "yes"})
    assert done.status_code == 303
    assert device_row(console_hq, device_id) == ("revoked", True)
    again = client.get(f"/devices/{device_id}")
    assert "told to wipe its data" in again.text
    assert "Revoke this device" not in again.text  # nothing left to revoke


def test_a_replaced_device_cannot_be_revoked_and_the_page_says_which_to_revoke(
        client: ConsoleClient, console_hq: HQ) -> None:
    worker = new_worker()
    old, new = add_device(console_hq, worker), add_device(console_hq, worker)
    with console_hq.db.write() as conn:
        conn.execute(update(schema.devices).where(schema.devices.c.device_id == old)
                     .values(status="replaced", replaced_by=new))
    admin(client, console_hq)
    answer = client.submit(f"/devices/{old}", f"/devices/{old}/revoke", {"wipe": "yes"})
    assert answer.status_code == 409
    assert "revoke that device instead" in problem(answer.text)
    assert device_row(console_hq, old) == ("replaced", False)


def test_an_unknown_device_is_the_plain_not_found_page(client: ConsoleClient,
                                                       console_hq: HQ) -> None:
    admin(client, console_hq)
    missing = "00000000-0000-4000-8000-000000000000"
    assert client.get(f"/devices/{missing}").status_code == 404
    token = client.csrf("/devices")
    answer = client.post(f"/devices/{missing}/revoke", {"wipe": "yes"}, csrf=token)
    assert answer.status_code == 404 and missing not in answer.text


def test_revoking_needs_a_recent_sign_in(client: ConsoleClient, console_hq: HQ,
                                         console: ConsoleServer) -> None:
    device_id = add_device(console_hq, new_worker())
    admin(client, console_hq)
    token = client.csrf(f"/devices/{device_id}")
    console.advance(timedelta(minutes=10))
    try:
        answer = client.post(f"/devices/{device_id}/revoke", {}, csrf=token)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/reauth")
        assert device_row(console_hq, device_id) == ("active", False)
    finally:
        console.offset = timedelta()


def test_a_page_of_five_thousand_devices_takes_two_queries_and_shows_a_hundred(
        client: ConsoleClient, console_hq: HQ) -> None:
    worker, stamp = new_worker(), clock.iso(clock.now())
    rows = [{"device_id": str(uuid.uuid4()), "worker_id": worker, "cert_serial": "1",
             "cert_fingerprint": os.urandom(32).hex(), "not_after": stamp,
             "status": "active", "wipe": False, "enrolled_at": stamp,
             "chain_status": "ok"} for _ in range(5000)]
    with console_hq.db.write() as conn:
        conn.execute(insert(schema.devices), rows)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(console_hq.db.engine, "before_cursor_execute", count)
    try:
        page, total = devices.page_of_devices(console_hq.db, worker=worker, offset=4950)
    finally:
        event.remove(console_hq.db.engine, "before_cursor_execute", count)
    assert total == 5000 and len(page) == 50
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2
    listed = admin(client, console_hq).get("/devices", params={"worker": worker})
    assert listed.status_code == 200 and "Showing 1–100 of 5000" in listed.text
