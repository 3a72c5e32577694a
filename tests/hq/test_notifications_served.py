"""`safeconf-hq serve` sending notification mail in the background to a real SMTP server
process (SQLite and PostgreSQL): queued mail arrives within a minute, an unacknowledged
report is escalated, and a dead SMTP server neither stops the sync listener nor loses mail."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hq_harness import HQ, new_worker
from sqlalchemy import update

from safeconf.domain.records import LossKind, LossReport
from safeconf.hq import clock, notify, routing, schema
from tests.support.people import People
from tests.support.smtp_sink import SmtpSink, free_port

SENDER = "safeconf-hq@hq.example.org"


@pytest.fixture
def hq(make_hq: Callable[[], HQ]) -> HQ:
    return make_hq()


@pytest.fixture
def sink(tmp_path: Path) -> Iterator[SmtpSink]:
    server = SmtpSink(tmp_path / "mail").start()
    yield server
    server.stop()


def _mail_options(port: int, *extra: str) -> tuple[str, ...]:
    return ("--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-from", SENDER,
            "--console-url", "https://hq.example.org", "--notify-interval", "0.5", *extra)


def _staff(hq: HQ) -> tuple[People, dict[str, str]]:
    people = People.for_hq(hq.db)
    tag = uuid.uuid4().hex[:6]
    to = {"director": f"lee.{tag}@hq.example.org", "admin": f"ada.{tag}@hq.example.org"}
    people.add(f"Ada {tag}", to["admin"], "administrator")  # HQ's first: adds the director
    people.add(f"Lee {tag}", to["director"], "legal_director")
    return people, to


def _received(hq: HQ, people: People, kind: str, receipt: str) -> None:
    """What HQ's intake of a report does (safeconf.hq.incidents): queue its notifications."""
    with hq.db.write() as conn:
        routing.report_received(conn, kind, str(uuid.uuid4()), new_worker(), receipt,
                                clock.now(), people.routing)


def test_the_server_sends_queued_mail_within_a_minute_and_escalates_once(
        hq: HQ, sink: SmtpSink) -> None:
    people, to = _staff(hq)
    hq.serve(*_mail_options(sink.port, "--escalate-after", "0.05"))  # 3 s
    _received(hq, people, "breach", "B-2026-0100")

    [first] = sink.wait_for(1, timeout=60)
    assert first["X-Envelope-To"] == to["director"]
    assert "B-2026-0100" in first["Subject"]
    got = sink.wait_for(3, timeout=60)
    escalated = sorted(str(m["X-Envelope-To"]) for m in got[1:])
    assert escalated == sorted([to["director"], to["admin"]])
    assert all("acknowledged in time" in m["Subject"] for m in got[1:])
    expected = 3
    # Several more passes (one each 0.5 s): nothing is sent or escalated twice.
    time.sleep(3)
    assert hq.server is not None
    hq.server.stop()
    assert len(sink.messages()) == expected
    assert len(notify.list_notifications(hq.db)) == 3
    assert all(n.status in ("sent", "nobody to tell")
               for n in notify.list_notifications(hq.db))


def test_a_dead_smtp_server_neither_stops_sync_nor_loses_mail(hq: HQ,
                                                              tmp_path: Path) -> None:
    people, to = _staff(hq)
    port = free_port()
    hq.serve(*_mail_options(port))
    _received(hq, people, "breach", "B-2026-0200")
    worker = new_worker()
    _, laptop = hq.device(worker)

    # The first pass fails (nothing listens); the laptop syncs meanwhile.
    deadline = clock.now().timestamp() + 30
    while not any(n.attempts for n in notify.list_notifications(hq.db)):
        assert clock.now().timestamp() < deadline, "no delivery attempt within 30 s"
        assert laptop.status() is not None
        time.sleep(0.2)
    [waiting] = notify.list_notifications(hq.db, pending_only=True)
    assert "no SMTP server reachable" in (waiting.last_error or "")
    assert hq.server is not None and hq.server.running

    # The first retry is due 30 s after the failure; the test does not sit through them.
    # The server comes back first: a retry made due before it listens would fail again
    # and wait a minute more (a slow machine takes a while to start the sink).
    due = clock.parse(waiting.next_attempt_at or "")
    assert 25 <= (due - clock.now()).total_seconds() <= 30 + 1
    sink = SmtpSink(tmp_path / "mail", port).start()
    try:
        with hq.db.write() as conn:
            conn.execute(update(schema.notifications)
                         .where(schema.notifications.c.id == waiting.id)
                         .values(next_attempt_at=clock.iso(clock.now())))
        [msg] = sink.wait_for(1, timeout=30)
        assert msg["X-Envelope-To"] == to["director"]
    finally:
        sink.stop()
    assert "notification" in hq.server.log.read_text()


def test_a_pushed_loss_reaches_the_supervisor_within_a_minute_of_the_sync(
        hq: HQ, sink: SmtpSink) -> None:
    from safeconf.sync import OutboxItem

    people, to = _staff(hq)
    worker = new_worker()
    supervisor = people.add(f"Sam {uuid.uuid4().hex[:6]}",
                            f"sam.{uuid.uuid4().hex[:6]}@hq.example.org", "supervisor")
    people.set_supervisor(worker, supervisor)
    number = f"2026-{uuid.uuid4().hex[:6]}"
    case_id = hq.add_case(worker, number=number)
    hq.serve(*_mail_options(sink.port))
    _, laptop = hq.device(worker)
    report = LossReport(lost=LossKind.DEVICE, happened_at="2026-12-01T08:00:00+00:00",
                        where="Bus 14", stolen=False, affected_case_ids=(case_id,),
                        description="Laptop left on the bus", reported_by=worker)
    result = laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, report)])
    assert result.acked_seq == 1

    got = sink.wait_for(2, timeout=60)
    assert sorted(str(m["X-Envelope-To"]) for m in got) == sorted(
        [supervisor.email, to["director"]])
    for raw in sink.raw():
        text = raw.decode("utf-8", errors="replace")
        assert number not in text and "bus" not in text.lower() and case_id not in text


@pytest.mark.parametrize("args, message", [
    (["--notify-interval", "0"], "--notify-interval"),
    (["--smtp-host", "127.0.0.1"], "--smtp-from"),
    (["--smtp-host", "127.0.0.1", "--smtp-from", "not an address"], "plain e-mail"),
    (["--escalate-after", "-5"], "--escalate-after"),
])
def test_serve_refuses_bad_mail_options_before_it_listens(hq: HQ, args: list[str],
                                                          message: str) -> None:
    result = hq.cli("serve", "--port", "0", "--enroll-port", "0", *args, check=False)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert "listening" not in result.stdout
