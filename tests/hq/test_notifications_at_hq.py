"""Notification mail at HQ (SQLite and PostgreSQL) through a real SMTP server process
(aiosmtpd): who is told about a loss, a breach or a legal request, that no message carries
case content, retries with back-off until the server takes it, exactly one delivery per
person, escalation once, and the `safeconf-hq notifications` commands."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hq_harness import HQ, new_worker
from sqlalchemy import insert, inspect

from safeconf.hq import clock, incidents, notify, routing, schema
from tests.support.people import People
from tests.support.smtp_sink import SmtpSink, free_port

SENDER = "safeconf-hq@hq.example.org"
CONSOLE = "https://hq.example.org"
T0 = clock.parse("2026-12-01T09:00:00+00:00")


@pytest.fixture
def hq(make_hq: Callable[[], HQ]) -> HQ:
    return make_hq()


@pytest.fixture
def sink(tmp_path: Path) -> Iterator[SmtpSink]:
    server = SmtpSink(tmp_path / "mail").start()
    yield server
    server.stop()


@pytest.fixture
def people(hq: HQ) -> People:
    return People.for_hq(hq.db)


def smtp(port: int) -> notify.SmtpSettings:
    return notify.SmtpSettings("127.0.0.1", port, SENDER, timeout=10, console_url=CONSOLE)


def _staffed(people: People, worker: str) -> dict[str, str]:
    tag = uuid.uuid4().hex[:6]
    people.add(f"Ada Admin {tag}", f"ada.{tag}@hq.example.org", "administrator")  # adds the rest
    supervisor = people.add(f"Sam Supervisor {tag}", f"sam.{tag}@hq.example.org", "supervisor")
    people.add(f"Lee Director {tag}", f"lee.{tag}@hq.example.org", "legal_director")
    people.add(f"Lou Legal {tag}", f"lou.{tag}@hq.example.org", "legal")
    people.set_supervisor(worker, supervisor)
    return {"supervisor": f"sam.{tag}@hq.example.org", "director": f"lee.{tag}@hq.example.org",
            "legal": f"lou.{tag}@hq.example.org", "admin": f"ada.{tag}@hq.example.org"}


def _receive(hq: HQ, people: People, kind: str, worker: str, receipt: str,
             report_id: str | None = None, now: object = T0) -> list[routing.Routed]:
    with hq.db.write() as conn:
        return routing.report_received(conn, kind, report_id or str(uuid.uuid4()), worker,
                                       receipt, now, people.routing)  # type: ignore[arg-type]


def _recipients(sink: SmtpSink) -> list[str]:
    return sorted(str(m["X-Envelope-To"]) for m in sink.messages())


def test_a_loss_reaches_the_supervisor_and_the_legal_director_and_nobody_else(
        hq: HQ, people: People, sink: SmtpSink) -> None:
    worker = new_worker()
    to = _staffed(people, worker)
    _receive(hq, people, "loss", worker, "L-2026-0001")

    report = notify.deliver_due(hq.db, smtp(sink.port), T0)

    assert (report.sent, report.failed, report.waiting) == (2, 0, 0)
    assert _recipients(sink) == sorted([to["supervisor"], to["director"]])
    for msg in sink.messages():
        assert msg["Subject"] == "safeconf: A loss was reported (receipt L-2026-0001)"
        assert msg["From"] == SENDER
        body = msg.get_content()
        assert "Receipt number: L-2026-0001" in body
        assert f"{CONSOLE}/reports/L-2026-0001" in body


def test_a_breach_reaches_only_the_legal_director(hq: HQ, people: People,
                                                   sink: SmtpSink) -> None:
    worker = new_worker()
    to = _staffed(people, worker)
    _receive(hq, people, "breach", worker, "B-2026-0002")

    assert notify.deliver_due(hq.db, smtp(sink.port), T0).sent == 1
    assert _recipients(sink) == [to["director"]]
    assert "A breach of confidentiality was reported" in sink.messages()[0]["Subject"]


def test_a_legal_request_reaches_legal(hq: HQ, people: People, sink: SmtpSink) -> None:
    worker = new_worker()
    to = _staffed(people, worker)
    _receive(hq, people, "legal_request", worker, "R-2026-0003")

    assert notify.deliver_due(hq.db, smtp(sink.port), T0).sent == 1
    assert _recipients(sink) == [to["legal"]]
    assert f"{CONSOLE}/requests/R-2026-0003" in sink.messages()[0].get_content()


def test_no_message_carries_case_content(hq: HQ, people: People, sink: SmtpSink) -> None:
    worker = new_worker()
    _staffed(people, worker)
    number = f"2026-{uuid.uuid4().hex[:6]}"
    case_id = hq.add_case(worker, number=number)
    family = "Family " + number[-4:]
    description = "Laptop left on the 14 bus"  # what a report would say; never mailed
    # Even the report's id stays out of the mail: the receipt is what people quote.
    report_ids = []
    for kind, receipt in (("loss", "L-1"), ("breach", "B-1"), ("legal_request", "R-1")):
        report_ids.append(str(uuid.uuid4()))
        _receive(hq, people, kind, worker, receipt, report_id=report_ids[-1])
    with hq.db.write() as conn:
        routing.escalate_due(conn, T0 + timedelta(hours=2), timedelta(hours=1),
                             people.routing)  # type: ignore[arg-type]

    notify.deliver_due(hq.db, smtp(sink.port), T0 + timedelta(hours=2))

    raw = sink.raw()
    # loss: supervisor and director; breach: director; request: legal; the loss and the
    # breach each escalated to the director and the administrator.
    assert len(raw) == 2 + 1 + 1 + 2 * 2
    for message in raw:
        text = message.decode("utf-8", errors="replace")
        for secret in (number, family, description, case_id, worker, *report_ids):
            assert secret not in text


def test_a_supervisor_who_is_not_on_record_is_reported_to_the_legal_director(
        hq: HQ, people: People, sink: SmtpSink) -> None:
    tag = uuid.uuid4().hex[:6]
    people.add(f"Lee {tag}", f"lee.{tag}@hq.example.org", "legal_director")
    routed = _receive(hq, people, "loss", new_worker(), "L-77")

    assert [r.note for r in routed] == ["no_supervisor"]
    notify.deliver_due(hq.db, smtp(sink.port), T0)
    [msg] = sink.messages()
    assert msg["X-Envelope-To"] == f"lee.{tag}@hq.example.org"
    assert "No supervisor is on record" in msg.get_content()


def test_a_report_nobody_can_be_told_of_is_kept_and_listed_never_dropped(
        hq: HQ, people: People) -> None:
    routed = _receive(hq, people, "breach", new_worker(), "B-404")

    assert [(r.to_address, r.note) for r in routed] == [(None, "nobody")]
    listed = hq.cli("notifications", "list", "--pending").stdout
    assert "B-404" in listed and "nobody to tell" in listed


def test_reporting_the_same_report_twice_tells_nobody_twice(hq: HQ, people: People,
                                                             sink: SmtpSink) -> None:
    worker = new_worker()
    _staffed(people, worker)
    report_id = str(uuid.uuid4())
    assert len(_receive(hq, people, "loss", worker, "L-5", report_id)) == 2
    assert _receive(hq, people, "loss", worker, "L-5", report_id) == []
    assert notify.deliver_due(hq.db, smtp(sink.port), T0).sent == 2
    assert notify.deliver_due(hq.db, smtp(sink.port), T0 + timedelta(hours=1)).sent == 0
    assert len(sink.messages()) == 2


def test_a_server_that_is_down_leaves_mail_queued_and_it_is_sent_once_it_is_up(
        hq: HQ, people: People, tmp_path: Path) -> None:
    worker = new_worker()
    to = _staffed(people, worker)
    _receive(hq, people, "breach", worker, "B-9")
    port = free_port()
    settings = smtp(port)

    first = notify.deliver_due(hq.db, settings, T0)
    assert (first.sent, first.failed, first.waiting) == (0, 1, 1)
    [queued] = notify.list_notifications(hq.db, pending_only=True)
    assert queued.attempts == 1 and "no SMTP server reachable" in (queued.last_error or "")
    assert queued.next_attempt_at == clock.iso(T0 + timedelta(seconds=30))
    # Not due yet: nothing is tried.
    assert notify.deliver_due(hq.db, settings, T0 + timedelta(seconds=10)).failed == 0
    second = notify.deliver_due(hq.db, settings, T0 + timedelta(seconds=30))
    assert second.failed == 1
    [queued] = notify.list_notifications(hq.db, pending_only=True)
    assert queued.next_attempt_at == clock.iso(T0 + timedelta(seconds=90))  # doubled

    sink = SmtpSink(tmp_path / "mail", port).start()
    try:
        assert notify.deliver_due(hq.db, settings, T0 + timedelta(seconds=60)).sent == 0
        third = notify.deliver_due(hq.db, settings, T0 + timedelta(seconds=90))
        assert (third.sent, third.failed, third.waiting) == (1, 0, 0)
        assert notify.deliver_due(hq.db, settings, T0 + timedelta(hours=5)).sent == 0
        assert _recipients(sink) == [to["director"]]
    finally:
        sink.stop()
    outcomes = [o for _, o, _ in notify.attempts_of(hq.db, queued.id)]
    assert outcomes == ["unreachable", "unreachable", "sent"]
    [done] = notify.list_notifications(hq.db)
    assert done.sent_at == clock.iso(T0 + timedelta(seconds=90)) and done.attempts == 3


def test_back_off_doubles_from_30_seconds_to_at_most_30_minutes() -> None:
    waits = [notify.backoff(n).total_seconds() for n in range(1, 10)]
    assert waits == [30, 60, 120, 240, 480, 960, 1800, 1800, 1800]


def test_every_attempt_of_one_notification_carries_the_same_message_id(
        hq: HQ, people: People) -> None:
    """At-least-once: a crash after the server took a message but before HQ marked it sent
    sends it again; the repeated Message-ID lets a mailbox recognise the copy."""
    worker = new_worker()
    _staffed(people, worker)
    _receive(hq, people, "breach", worker, "B-10")
    [row] = notify.list_notifications(hq.db)
    first = notify.message(row, smtp(25))["Message-ID"]
    notify.deliver_due(hq.db, smtp(free_port()), T0)  # fails: nothing listens
    [again] = notify.list_notifications(hq.db)
    assert notify.message(again, smtp(25))["Message-ID"] == first
    assert first == f"<notification-{row.id}@hq.example.org>"


def test_a_refused_recipient_is_retried_and_the_refusal_kept(hq: HQ, people: People,
                                                             tmp_path: Path) -> None:
    worker = new_worker()
    _staffed(people, worker)
    _receive(hq, people, "breach", worker, "B-11")
    sink = SmtpSink(tmp_path / "mail").start()
    try:
        # The sink's directory gone: its handler fails and the server answers 451/500.
        (tmp_path / "mail").rename(tmp_path / "gone")
        report = notify.deliver_due(hq.db, smtp(sink.port), T0)
        assert (report.sent, report.failed) == (0, 1)
        [row] = notify.list_notifications(hq.db, pending_only=True)
        assert "the server refused" in (row.last_error or "")
        (tmp_path / "gone").rename(tmp_path / "mail")
        assert notify.deliver_due(hq.db, smtp(sink.port), T0 + timedelta(minutes=1)).sent == 1
    finally:
        sink.stop()
    assert [o for _, o, _ in notify.attempts_of(hq.db, row.id)] == ["refused", "sent"]


@pytest.mark.parametrize("field, value", [
    ("email", "lee@hq.example.org\r\nBcc: all@evil.example"),
    ("email", "Lee <lee@hq.example.org>"),
    ("email", "lee@localhost"),
    ("name", "Lee\r\nBcc: all@evil.example"),
    ("receipt", "L-1\r\nBcc: all@evil.example"),
    ("receipt", "L-1 Okafor family"),
    ("link", "/reports/L-1\n\nSee https://evil.example"),
])
def test_header_or_body_injection_is_refused_and_nothing_is_queued(
        hq: HQ, field: str, value: str) -> None:
    from tests.support.people import Person

    parts = {"email": "lee@hq.example.org", "name": "Lee", "receipt": "L-1",
             "link": "/reports/L-1"} | {field: value}
    with pytest.raises(notify.NotificationInvalid), hq.db.write() as conn:
        notify.queue(conn, Person(parts["name"], parts["email"], "legal_director"),
                     "loss_received", parts["receipt"], "loss_report", "r1", parts["link"], T0)
    assert hq.count(schema.notifications) == 0


def test_an_unacknowledged_loss_is_escalated_once_after_the_configured_time(
        hq: HQ, people: People, sink: SmtpSink) -> None:
    worker = new_worker()
    to = _staffed(people, worker)
    waiting, acknowledged = str(uuid.uuid4()), str(uuid.uuid4())
    _receive(hq, people, "loss", worker, "L-20", waiting)
    _receive(hq, people, "loss", worker, "L-21", acknowledged)
    with hq.db.write() as conn:
        incidents.record_event(conn, acknowledged, "acknowledged", "lee", "", clock.iso(T0))
    after = timedelta(minutes=30)

    def escalate(moment: object) -> list[routing.Routed]:
        with hq.db.write() as conn:
            return routing.escalate_due(conn, moment, after,  # type: ignore[arg-type]
                                        people.routing)  # type: ignore[arg-type]

    assert escalate(T0 + timedelta(minutes=29)) == []
    routed = escalate(T0 + timedelta(minutes=30))
    assert sorted(str(r.to_address) for r in routed) == sorted([to["director"], to["admin"]])
    assert escalate(T0 + timedelta(minutes=31)) == []
    assert escalate(T0 + timedelta(days=3)) == []

    notify.deliver_due(hq.db, smtp(sink.port), T0 + timedelta(minutes=31))
    escalations = [m for m in sink.messages() if "acknowledged in time" in m["Subject"]]
    assert sorted(str(m["X-Envelope-To"]) for m in escalations) == sorted(
        [to["director"], to["admin"]])
    assert all("L-20" in m["Subject"] for m in escalations)


def test_an_escalated_breach_does_not_say_it_was_a_breach(hq: HQ, people: People,
                                                          sink: SmtpSink) -> None:
    worker = new_worker()
    to = _staffed(people, worker)
    _receive(hq, people, "breach", worker, "B-30")
    with hq.db.write() as conn:
        routing.escalate_due(conn, T0 + timedelta(hours=1), timedelta(minutes=10),
                             people.routing)  # type: ignore[arg-type]
    notify.deliver_due(hq.db, smtp(sink.port), T0 + timedelta(hours=1))
    [to_admin] = [m for m in sink.messages() if m["X-Envelope-To"] == to["admin"]]
    assert "breach" not in to_admin.as_string().lower()


def test_escalation_without_the_report_events_table_still_escalates(
        hq: HQ, people: People) -> None:
    worker = new_worker()
    _staffed(people, worker)
    _receive(hq, people, "loss", worker, "L-40")
    with hq.db.write() as conn:  # an HQ whose database predates the status trail
        schema.report_events.drop(conn)
    with hq.db.write() as conn:
        routed = routing.escalate_due(conn, T0 + timedelta(hours=2), timedelta(hours=1),
                                      people.routing)  # type: ignore[arg-type]
    assert len(routed) == 2


def test_notifications_send_and_list_from_the_command_line(hq: HQ, people: People,
                                                           sink: SmtpSink) -> None:
    worker = new_worker()
    _staffed(people, worker)
    _receive(hq, people, "loss", worker, "L-50", now=clock.now())
    down = hq.cli("notifications", "send", "--smtp-host", "127.0.0.1", "--smtp-port",
                  str(free_port()), "--smtp-from", SENDER, check=False)
    assert down.returncode == 3, down.stderr
    assert "Sent 0, failed 2" in down.stdout and "no SMTP server reachable" in down.stdout
    pending = hq.cli("notifications", "list", "--pending").stdout
    assert pending.count("L-50") == 2 and "waiting" in pending

    # Due again after the back-off; the pass after that sends.
    with hq.db.write() as conn:
        conn.execute(schema.notifications.update().values(next_attempt_at=clock.iso(T0)))
    sent = hq.cli("notifications", "send", "--smtp-host", "127.0.0.1", "--smtp-port",
                  str(sink.port), "--smtp-from", SENDER, "--console-url", CONSOLE)
    assert "Sent 2, failed 0" in sent.stdout
    assert hq.cli("notifications", "list", "--pending").stdout.strip() == "No notifications."
    listed = hq.cli("notifications", "list").stdout
    assert listed.count("L-50") == 2 and "waiting" not in listed
    assert [n.status for n in notify.list_notifications(hq.db)] == ["sent", "sent"]
    assert len(sink.messages()) == 2


@pytest.mark.parametrize("args, message", [
    (["--smtp-port", "25"], "--smtp-host"),
    (["--smtp-host", "127.0.0.1"], "--smtp-from"),
    (["--smtp-host", "127.0.0.1", "--smtp-from", "x\r\nBcc: y@z.org"], "plain e-mail"),
    (["--smtp-host", "127.0.0.1", "--smtp-from", SENDER, "--console-url", "javascript:x"],
     "--console-url"),
    (["--smtp-host", "127.0.0.1", "--smtp-from", SENDER, "--escalate-after", "-1"],
     "--escalate-after"),
])
def test_bad_send_options_are_refused_clearly(hq: HQ, args: list[str], message: str) -> None:
    result = hq.cli("notifications", "send", *args, check=False)
    assert result.returncode == 1 and message in result.stderr, result.stderr


def test_two_hq_processes_sending_at_once_send_each_message_once(
        hq: HQ, people: People, sink: SmtpSink) -> None:
    import threading

    worker = new_worker()
    _staffed(people, worker)
    for n in range(6):
        _receive(hq, people, "loss", worker, f"L-9{n}")
    reports: list[notify.DeliveryReport] = []
    start = threading.Barrier(2)

    def one_pass() -> None:
        start.wait()
        reports.append(notify.deliver_due(hq.db, smtp(sink.port), T0))

    passes = [threading.Thread(target=one_pass) for _ in range(2)]
    for thread in passes:
        thread.start()
    for thread in passes:
        thread.join(timeout=120)
    assert sum(r.sent for r in reports) == 12 and sum(r.failed for r in reports) == 0
    ids = [str(m["Message-ID"]) for m in sink.messages()]
    assert len(ids) == 12 and len(set(ids)) == 12


def test_an_older_hq_database_gains_the_notification_tables(hq: HQ) -> None:
    with hq.db.write() as conn:
        schema.notification_attempts.drop(conn)
        schema.notifications.drop(conn)
    hq.db.check_schema()
    with hq.db.read() as conn:
        assert inspect(conn).has_table("notifications")
        assert inspect(conn).has_table("notification_attempts")


def test_a_staff_address_that_cannot_be_mailed_never_holds_up_the_report(
        hq: HQ, people: People, sink: SmtpSink) -> None:
    worker = new_worker()
    people.add("Ada Admin", f"ada.{uuid.uuid4().hex[:6]}@hq.example.org", "administrator")
    good = people.add("Lee", f"lee.{uuid.uuid4().hex[:6]}@hq.example.org", "legal_director")
    # The directory refuses such an address when it is added; a hand-edited or older
    # database may still hold one.
    with hq.db.write() as conn:
        conn.execute(insert(schema.staff).values(
            name="bad", role="legal_director", email="bad@hq.example.org\r\nBcc: x@evil.example",
            added_at=clock.iso(T0), added_by="hand-edited", active=True))
    routed = _receive(hq, people, "breach", worker, "B-70")
    assert [r.to_address for r in routed] == [good.email]
    assert notify.deliver_due(hq.db, smtp(sink.port), T0).sent == 1
    assert _recipients(sink) == [good.email]
