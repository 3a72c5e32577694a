"""A device's recovery code from the console: asked by one administrator, approved by a
second, issued once by either — or, with HQ's recovery key offline, the command to run."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from safeconf.hq import schema
from safeconf.hq.console import approvals
from safeconf.sync import recovery_code
from tests.hq.console.admin.support import add_device, admin, new_worker, problem
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient, ConsoleServer


@pytest.fixture
def online_key(console: ConsoleServer, console_hq: HQ) -> Iterator[None]:
    console.settings.recovery_key_path = console_hq.data.recovery_key
    try:
        yield
    finally:
        console.settings.recovery_key_path = None


def _ask_and_approve(console: ConsoleServer, console_hq: HQ, device_id: str,
                     asker: ConsoleClient) -> None:
    page = f"/devices/{device_id}"
    asked = asker.submit(page, f"{page}/recovery/request",
                         {"reason": "Caseworker forgot her passphrase; ticket 4411."})
    assert asked.status_code == 303
    assert "Waiting for another administrator" in asker.get(page).text
    latest = approvals.latest_for(console_hq.db, approvals.RECOVERY_CODE, device_id)
    assert latest is not None and latest.status == "waiting"
    second = admin(console.client(), console_hq, "admin.second")
    assert second.submit("/approvals", f"/approvals/{latest.id}/approve").status_code == 303
    second.close()


def test_with_the_key_online_the_code_is_issued_once_after_a_second_administrator_approves(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ,
        online_key: None) -> None:
    data_key = os.urandom(32)
    device_id = add_device(console_hq, new_worker(), data_key=data_key)
    page = f"/devices/{device_id}"
    admin(client, console_hq)
    assert "Issue the recovery code now" not in client.get(page).text  # not before approval
    _ask_and_approve(console, console_hq, device_id, client)
    assert "Issue the recovery code now" in client.get(page).text
    shown = client.submit(page, f"{page}/recovery/issue")
    assert shown.status_code == 200 and shown.headers["cache-control"] == "no-store"
    code = re.search(r'aria-label="Recovery code"><strong>([^<]+)</strong>', shown.text)
    assert code is not None and recovery_code.decode(code.group(1)) == data_key
    with console_hq.db.read() as conn:
        who = conn.execute(select(schema.recoveries.c.admin)
                           .where(schema.recoveries.c.device_id == device_id)).scalars().all()
    assert who == ["admin.pages"]
    again = client.submit(page, f"{page}/recovery/issue")
    assert again.status_code == 409 and "already carried out" in problem(again.text)


def test_only_the_asker_or_the_approver_may_issue_it(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ,
        online_key: None) -> None:
    device_id = add_device(console_hq, new_worker(), data_key=os.urandom(32))
    _ask_and_approve(console, console_hq, device_id, admin(client, console_hq))
    third = admin(console.client(), console_hq, "admin.third")
    page = f"/devices/{device_id}"
    assert "Issue the recovery code now" not in third.get(page).text
    refused = third.submit(page, f"{page}/recovery/issue")
    assert refused.status_code == 409
    assert "Only the person who asked or the one who approved" in problem(refused.text)
    third.close()
    assert console_hq.count(schema.recoveries,
                            schema.recoveries.c.device_id == device_id) == 0


def test_with_the_key_offline_the_page_gives_the_command_to_run(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    device_id = add_device(console_hq, new_worker(), data_key=os.urandom(32))
    page = f"/devices/{device_id}"
    _ask_and_approve(console, console_hq, device_id, admin(client, console_hq))
    shown = client.get(page).text
    command = f"safeconf-hq recover {device_id} --recovery-key FILE"
    assert "keeps the recovery key offline" in shown and command in shown
    refused = client.submit(page, f"{page}/recovery/issue")
    assert refused.status_code == 409 and command in problem(refused.text)
    assert console_hq.count(schema.recoveries,
                            schema.recoveries.c.device_id == device_id) == 0


def test_asking_without_a_reason_is_explained_and_asks_nothing(
        client: ConsoleClient, console_hq: HQ) -> None:
    device_id = add_device(console_hq, new_worker())
    page = f"/devices/{device_id}"
    answer = admin(client, console_hq).submit(page, f"{page}/recovery/request",
                                              {"reason": "   "})
    assert answer.status_code == 409 and "Say why" in problem(answer.text)
    assert approvals.latest_for(console_hq.db, approvals.RECOVERY_CODE, device_id) is None
