"""A supervisor's page of staff acknowledgments: their team only, those due first."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

from sqlalchemy import insert

from safeconf.hq import clock, schema
from tests.hq.console.supervise.reports_helpers import teams
from tests.hq.hq_harness import HQ, new_worker
from tests.support import hq_staff
from tests.support.console import ConsoleClient


def _acknowledged(hq: HQ, worker: str, days_ago: int) -> str:
    at = clock.iso(clock.now() - timedelta(days=days_ago))
    with hq.db.write() as conn:
        conn.execute(insert(schema.caseless_records).values(
            id=str(uuid.uuid4()), type="staff_acknowledgment", worker_id=worker,
            device_id=str(uuid.uuid4()),
            data=json.dumps({"acknowledged_at": at, "statement_version": 3}),
            content_hash="0" * 64, stored_at=at))
    return at


def test_a_supervisor_sees_their_teams_acknowledgments_due_first(
        client: ConsoleClient, console_hq: HQ) -> None:
    t = teams(console_hq)
    recent, lapsed = t.worker, new_worker()
    hq_staff.set_supervisor(console_hq.db, lapsed, t.supervisor)
    console_hq.add_case(recent, lapsed, t.other_worker)
    _acknowledged(console_hq, recent, days_ago=10)
    _acknowledged(console_hq, lapsed, days_ago=400)

    page = client.sign_in_as(t.supervisor).get("/team/acknowledgments")
    assert page.status_code == 200
    assert recent in page.text and lapsed in page.text
    assert t.other_worker not in page.text
    assert page.text.index(lapsed) < page.text.index(recent)  # due first
    assert "1 due of 2" in page.text
    assert 'href="/team/acknowledgments"' in page.text


def test_a_supervisor_without_a_team_is_told_who_sets_one(
        client: ConsoleClient, console_hq: HQ) -> None:
    lonely = hq_staff.add(console_hq.db, f"sup-lonely-{uuid.uuid4().hex[:6]}", "supervisor")
    page = client.sign_in_as(lonely).get("/team/acknowledgments")
    assert page.status_code == 200 and "No workers are linked to you" in page.text
