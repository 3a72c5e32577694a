"""HQ dying mid-push, and several HQ processes sharing one database.

The server is stateless apart from its database, so "restarting" after a crash is simply
retrying against another `serve` process on the same database.
"""

from __future__ import annotations

import dataclasses
import threading
import uuid
from typing import Any

from hq_harness import HQ, new_worker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from safeconf.domain.records import Conference, RecordMeta
from safeconf.hq import schema
from safeconf.hq.server import CRASH_ENV, CRASH_PHASES
from safeconf.sync import HQClient, OutboxItem, SyncError
from tests.support import disclosures


def outbox(case_id: str, kinds: list[bool]) -> list[OutboxItem]:
    """A conference, then per kind either a new disclosure or the next conference version."""
    conf = Conference(case_id=case_id, scheduled_start="2026-03-01T10:00:00+00:00")
    items = [OutboxItem.of(1, conf)]
    for seq, update in enumerate(kinds, start=2):
        if update:
            previous = conf
            conf = dataclasses.replace(conf, location=f"Room {seq}", version=conf.version + 1)
            items.append(OutboxItem.of(seq, conf, base_version=previous.version))
        else:
            items.append(OutboxItem.of(seq, disclosures.disclosure(
                case_id, what=f"summary {seq}")))
    return items


def final_records(items: list[OutboxItem]) -> dict[str, dict[str, Any]]:
    latest: dict[str, dict[str, Any]] = {}
    for item in items:
        latest[str(item.data["id"])] = dict(item.data)
    return latest


def stored(hq: HQ, case_id: str) -> dict[str, RecordMeta]:
    import json

    from safeconf.domain import codec

    with hq.db.read() as conn:
        rows = conn.execute(select(schema.records.c.id, schema.records.c.type,
                                   schema.records.c.data)
                            .where(schema.records.c.case_id == case_id)).all()
    return {r.id: codec.from_dict(codec.RECORD_TYPES[r.type], json.loads(r.data)) for r in rows}


@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    kinds=st.lists(st.booleans(), min_size=1, max_size=20),
    batch_size=st.integers(min_value=1, max_value=8),
    phase=st.sampled_from(CRASH_PHASES),
    crash_on=st.integers(min_value=1, max_value=4),
    same_batch_id=st.booleans(),
)
def test_a_push_interrupted_anywhere_converges_after_retrying(
        shared_hq: HQ, kinds: list[bool], batch_size: int, phase: str, crash_on: int,
        same_batch_id: bool) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    device = shared_hq.enroll(worker)
    items = outbox(case_id, kinds)
    batches = [items[i:i + batch_size] for i in range(0, len(items), batch_size)]
    crash_on = min(crash_on, len(batches))
    doomed = shared_hq.new_server(env={CRASH_ENV: f"{phase}:{crash_on}"})
    try:
        client = shared_hq.client(device, sync_url=doomed.sync_url, timeout=20)
        crashed = False
        acked = 0
        for batch in batches:
            batch_id = str(uuid.uuid4())
            try:
                acked = client.push(batch_id, batch).acked_seq
            except SyncError:
                assert not crashed
                crashed = True
                assert doomed.wait_exit() == 70  # it died where we asked it to
                client.close()
                # Back online: the device resends its unacknowledged outbox.
                client = shared_hq.client(device)
                if not same_batch_id:
                    batch_id = str(uuid.uuid4())
                acked = client.push(batch_id, batch).acked_seq
            assert acked == batch[-1].seq
        assert crashed
    finally:
        doomed.kill()
    expected = final_records(items)
    at_hq = stored(shared_hq, case_id)
    assert set(at_hq) == set(expected) | {case_id}
    for record_id, data in expected.items():
        assert at_hq[record_id].version == data["version"]
    assert shared_hq.count(schema.conflicts, schema.conflicts.c.case_id == case_id) == 0
    # Another device of the worker pulls each record exactly once, in its final state.
    reader = shared_hq.client(shared_hq.enroll(worker))
    page = reader.pull(0, 1000)
    pulled = [i for i in page.items if i.record.case_id == case_id]
    assert sorted(i.record.id for i in pulled) == sorted(set(expected) | {case_id})
    assert {i.record.id: i.record for i in pulled} == at_hq


def test_two_hq_processes_serve_the_same_devices_with_one_cursor(shared_hq: HQ) -> None:
    second = shared_hq.new_server()
    try:
        worker = new_worker()
        case_id = shared_hq.add_case(worker)
        devices = [shared_hq.enroll(worker) for _ in range(3)]
        via_first = shared_hq.client(devices[0])
        via_second = shared_hq.client(devices[1], sync_url=second.sync_url)
        readers = [shared_hq.client(devices[2]),
                   HQClient(second.sync_url, devices[2].ca_pem, devices[2].cert_pem,
                            devices[2].key_pem)]
        shared_hq.clients.append(readers[1])
        writers = [(via_first, outbox(case_id, [False] * 59)),
                   (via_second, outbox(case_id, [False] * 59))]
        errors: list[BaseException] = []

        def push_all(client: HQClient, items: list[OutboxItem]) -> None:
            try:
                for start in range(0, len(items), 6):
                    client.push(str(uuid.uuid4()), items[start:start + 6])
            except BaseException as exc:  # reported by the main thread
                errors.append(exc)

        threads = [threading.Thread(target=push_all, args=w) for w in writers]
        for thread in threads:
            thread.start()
        # Pull while the writers write, alternating between the two servers.
        seen: list[str] = []
        cursor = turn = 0

        def pull_once() -> bool:
            nonlocal cursor, turn
            page = readers[turn % 2].pull(cursor, 25)
            turn += 1
            seen.extend(i.record.id for i in page.items if i.record.case_id == case_id)
            assert page.cursor >= cursor
            cursor = page.cursor
            return page.more

        while any(t.is_alive() for t in threads):
            pull_once()
        for thread in threads:
            thread.join(timeout=60)
        while pull_once():
            pass
        assert not errors, errors
        expected = {str(i.data["id"]) for _, items in writers for i in items} | {case_id}
        assert set(seen) == expected  # nothing skipped while commits were in flight
        assert len(seen) == len(set(seen))
        # Both servers hand out the same log.
        first_log = [(i.cursor, i.record.id) for i in readers[0].pull(0, 1000).items]
        second_log = [(i.cursor, i.record.id) for i in readers[1].pull(0, 1000).items]
        assert first_log == second_log
        # A revocation reaches both processes on the next request.
        shared_hq.cli("revoke", devices[2].device_id)
        from safeconf.sync import DeviceRevoked

        for reader in readers:
            try:
                reader.status()
            except DeviceRevoked:
                continue
            raise AssertionError("a revoked device was let in")
    finally:
        second.stop()
