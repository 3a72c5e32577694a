"""HQ's people (staff, roles, supervisors, `require`) and HQ's own hash-chained audit log,
through the services and `safeconf-hq staff|supervisors|audit`, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from hq_harness import HQ
from sqlalchemy import delete, func, select, update

from safeconf.hq import admin_audit, schema, staff
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError

ADMIN = "a.admin"


def _hq_with_admin(make_hq: Callable[[], HQ]) -> HQ:
    hq = make_hq()
    hq.cli("staff", "add", ADMIN, "--email", "a.admin@agency.example",
           "--role", "administrator")
    return hq


def _staff_rows(hq: HQ) -> int:
    with hq.db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.staff)).scalar_one())


def _events(hq: HQ) -> list[admin_audit.AuditEvent]:
    return admin_audit.list_events(hq.db)


def test_the_first_administrator_adds_themself_and_after_that_only_administrators_add(
        make_hq: Callable[[], HQ]) -> None:
    hq = make_hq()
    assert hq.cli("staff", "list").stdout.strip() == "No staff at HQ yet."
    first = hq.cli("staff", "add", "r.ortiz", "--email", "r.ortiz@agency.example",
                   "--role", "legal", check=False)
    assert first.returncode == 1 and "no administrator yet" in first.stderr
    other = hq.cli("staff", "add", ADMIN, "--email", "a.admin@agency.example", "--role",
                   "administrator", "--as", "someone.else", check=False)
    assert other.returncode == 1 and "adds themself" in other.stderr
    assert _staff_rows(hq) == 0 and _events(hq) == []

    done = hq.cli("staff", "add", ADMIN, "--email", "a.admin@agency.example",
                  "--role", "administrator")
    assert f"{ADMIN} now holds the role administrator at HQ (added by {ADMIN})" in done.stdout

    anonymous = hq.cli("staff", "add", "r.ortiz", "--email", "r.ortiz@agency.example",
                       "--role", "administrator", check=False)
    assert anonymous.returncode == 1 and "--as NAME" in anonymous.stderr
    hq.cli("staff", "add", "r.ortiz", "--email", "r.ortiz@agency.example", "--role", "legal",
           "--as", ADMIN)
    by_legal = hq.cli("staff", "add", "m.diaz", "--email", "m.diaz@agency.example",
                      "--role", "supervisor", "--as", "r.ortiz", check=False)
    assert by_legal.returncode == 1
    assert "r.ortiz (holding legal) may not do this: it needs the role administrator" \
        in by_legal.stderr
    assert _staff_rows(hq) == 2

    listed = hq.cli("staff", "list").stdout.splitlines()
    assert listed[0].split() == ["NAME", "ROLE", "EMAIL", "ADDED", "BY", "STATUS"]
    assert [ln.split()[:3] for ln in listed[1:]] == [
        [ADMIN, "administrator", "a.admin@agency.example"],
        ["r.ortiz", "legal", "r.ortiz@agency.example"]]
    events = _events(hq)
    assert [(e.actor, e.action, e.subject_id) for e in events] == [
        (ADMIN, "staff_add", ADMIN), (ADMIN, "staff_add", "r.ortiz")]
    assert "first administrator" in events[0].detail


def test_a_person_holds_several_roles_one_address_and_bad_input_changes_nothing(
        make_hq: Callable[[], HQ]) -> None:
    hq = _hq_with_admin(make_hq)
    hq.cli("staff", "add", "l.vega", "--email", "l.vega@agency.example", "--role", "legal",
           "--as", ADMIN)
    hq.cli("staff", "add", "l.vega", "--email", "l.vega@agency.example", "--role",
           "legal_director", "--as", ADMIN)
    before, events = _staff_rows(hq), len(_events(hq))
    refusals = [
        (("l.vega", "--email", "l.vega@agency.example", "--role", "legal"), 1,
         "already holds the role legal"),
        (("l.vega", "--email", "other@agency.example", "--role", "supervisor"), 1,
         "one person has one address"),
        (("x.y", "--email", "x y@agency.example", "--role", "legal"), 2, "no spaces"),
        (("x.y", "--email", "X <x.y@agency.example>", "--role", "legal"), 2, "not an email"),
        (("x.y", "--email", "x.y@agency.example\r\nBcc: all@agency.example", "--role",
          "legal"), 2, "control characters"),
        (("x.y", "--email", "x.y@localhost", "--role", "legal"), 2, "not an email"),
        (("x.y", "--email", "x.y@agency.example,evil@else.example", "--role", "legal"), 2,
         "not an email"),
        (("bad name", "--email", "b@agency.example", "--role", "legal"), 2,
         "not a sign-in name"),
        (("x\u202ey", "--email", "b@agency.example", "--role", "legal"), 2,
         "not a sign-in name"),
        (("x.y", "--email", "x.y@agency.example", "--role", "king"), 2, "invalid choice"),
    ]
    for args, code, why in refusals:
        result = hq.cli("staff", "add", *args, "--as", ADMIN, check=False)
        assert result.returncode == code, (args, result.stderr)
        assert why in result.stderr and "Traceback" not in result.stderr, args
        assert "\u202e" not in result.stderr and "\r" not in result.stderr
    assert (_staff_rows(hq), len(_events(hq))) == (before, events)
    with hq.db.read() as conn:
        assert [s.role for s in staff.with_role(conn, "legal_director")] == ["legal_director"]
        assert staff.require(conn, "l.vega", ["legal_director"]).role == "legal_director"


def test_removing_keeps_the_row_and_refuses_the_last_administrator(
        make_hq: Callable[[], HQ]) -> None:
    hq = _hq_with_admin(make_hq)
    for role in ("legal", "supervisor"):
        hq.cli("staff", "add", "l.vega", "--email", "l.vega@agency.example", "--role", role,
               "--as", ADMIN)
    last = hq.cli("staff", "remove", ADMIN, "--as", ADMIN, check=False)
    assert last.returncode == 1 and "last administrator" in last.stderr
    none = hq.cli("staff", "remove", "l.vega", "--role", "commissioner", "--as", ADMIN,
                  check=False)
    assert none.returncode == 1 and "does not hold the role commissioner" in none.stderr
    not_admin = hq.cli("staff", "remove", ADMIN, "--as", "l.vega", check=False)
    assert not_admin.returncode == 1 and "may not do this" in not_admin.stderr

    out = hq.cli("staff", "remove", "l.vega", "--role", "legal", "--as", ADMIN).stdout
    assert "l.vega no longer holds legal at HQ" in out
    with hq.db.read() as conn:
        with pytest.raises(AdminError, match="may not do this"):
            staff.require(conn, "l.vega", ["legal"])
        assert staff.require(conn, "l.vega", ["legal", "supervisor"]).role == "supervisor"
    listed = hq.cli("staff", "list").stdout
    assert "legal " not in listed and "supervisor" in listed
    everything = hq.cli("staff", "list", "--all").stdout
    (removed,) = [ln for ln in everything.splitlines() if " legal " in ln]
    assert "removed" in removed
    assert _staff_rows(hq) == 3  # deactivated, never deleted: the audit log names them
    # The role can be given back; the log keeps both steps.
    hq.cli("staff", "add", "l.vega", "--email", "l.vega@agency.example", "--role", "legal",
           "--as", ADMIN)
    assert [e.action for e in admin_audit.list_events(hq.db, subject="l.vega")] == [
        "staff_add", "staff_add", "staff_remove", "staff_add"]


def test_require_says_who_may_not_and_contacts_never_act(make_hq: Callable[[], HQ]) -> None:
    hq = _hq_with_admin(make_hq)
    staff.add_staff(hq.db, "c.ward", "c.ward@agency.example", staff.COMMISSIONER, ADMIN)
    with hq.db.read() as conn:
        assert staff.require(conn, ADMIN, ["legal", "administrator"]).name == ADMIN
        for actor in ("nobody", "c.ward", "bad name\x1b[2J"):
            with pytest.raises(AdminError, match="may not") as refused:
                staff.require(conn, actor, ["legal"])
            assert "\x1b" not in str(refused.value)
        with pytest.raises(ValueError):
            staff.require(conn, "c.ward", ["commissioner"])
        with pytest.raises(ValueError):
            staff.require(conn, ADMIN, [])
        assert [s.name for s in staff.with_role(conn, staff.COMMISSIONER)] == ["c.ward"]
        assert staff.with_role(conn, staff.HR_DIRECTOR) == []


def test_a_supervisor_is_set_changed_and_must_hold_the_role(
        make_hq: Callable[[], HQ]) -> None:
    hq = _hq_with_admin(make_hq)
    hq.cli("staff", "add", "s.one", "--email", "s.one@agency.example", "--role",
           "supervisor", "--as", ADMIN)
    hq.cli("staff", "add", "s.two", "--email", "s.two@agency.example", "--role",
           "supervisor", "--as", ADMIN)
    hq.cli("staff", "add", "l.vega", "--email", "l.vega@agency.example", "--role", "legal",
           "--as", ADMIN)
    for args, why in ((("w-1", "l.vega"), "does not hold the supervisor role"),
                      (("w-1", "nobody"), "does not hold the supervisor role"),
                      (("s.one", "s.one"), "their own supervisor")):
        bad = hq.cli("supervisors", "set", *args, "--as", ADMIN, check=False)
        assert bad.returncode == 1 and why in bad.stderr
    bad_worker = hq.cli("supervisors", "set", "w 1", "s.one", "--as", ADMIN, check=False)
    assert bad_worker.returncode == 2 and "not a worker id" in bad_worker.stderr
    by_legal = hq.cli("supervisors", "set", "w-1", "s.one", "--as", "l.vega", check=False)
    assert by_legal.returncode == 1 and "may not do this" in by_legal.stderr
    assert hq.cli("supervisors", "list").stdout.strip() == "No supervisors set."

    assert "w-1 now reports to s.one" in hq.cli("supervisors", "set", "w-1", "s.one",
                                                 "--as", ADMIN).stdout
    hq.cli("supervisors", "set", "w-1", "s.two", "--as", ADMIN)
    hq.cli("supervisors", "set", "w-2", "s.one", "--as", ADMIN)
    with hq.db.read() as conn:
        found = staff.supervisor_of(conn, "w-1")
        assert found is not None and (found.name, found.email) == (
            "s.two", "s.two@agency.example")
        assert staff.supervisor_of(conn, "w-3") is None
    rows = [ln.split()[:2] for ln in hq.cli("supervisors", "list").stdout.splitlines()]
    assert rows == [["WORKER", "SUPERVISOR"], ["w-1", "s.two"], ["w-2", "s.one"]]
    (changed,) = [e for e in admin_audit.list_events(hq.db, subject="w-1")
                  if "was s.one" in e.detail]
    assert changed.actor == ADMIN and changed.action == "supervisor_set"
    # A supervisor with workers keeps the role until they have a new supervisor.
    busy = hq.cli("staff", "remove", "s.one", "--as", ADMIN, check=False)
    assert busy.returncode == 1 and "still supervises 1 worker(s) (w-2)" in busy.stderr


def _tamper(db: Database, statement: object) -> None:
    with db.write() as conn:
        conn.execute(statement)  # type: ignore[call-overload]


def _record_five(db: Database) -> None:
    with db.write() as conn:
        for n in range(1, 6):
            admin_audit.record(conn, "a.admin", "read", "loss_report", f"r-{n}", f"n={n}")


def test_the_audit_chain_verifies_and_names_the_seq_of_a_changed_row(
        make_hq: Callable[[], HQ]) -> None:
    hq = make_hq()
    assert admin_audit.verify(hq.db).ok  # empty and untouched: intact
    _record_five(hq.db)
    assert hq.cli("audit", "verify").stdout.strip() == \
        "HQ's audit log is intact: 5 events, chain unbroken."
    a = schema.admin_audit
    _tamper(hq.db, update(a).where(a.c.seq == 3).values(detail="n=changed"))
    result = hq.cli("audit", "verify", check=False)
    assert result.returncode == 1
    assert "BROKEN at seq 3: its content no longer matches its hash" in result.stdout


def test_the_audit_chain_finds_a_removed_row_a_removed_tail_and_a_swap(
        make_hq: Callable[[], HQ]) -> None:
    a = schema.admin_audit
    hq = make_hq()
    _record_five(hq.db)
    _tamper(hq.db, delete(a).where(a.c.seq == 2))
    result = admin_audit.verify(hq.db)
    assert (result.ok, result.broken_seq) == (False, 2) and "missing" in result.reason

    hq = make_hq()
    _record_five(hq.db)
    _tamper(hq.db, delete(a).where(a.c.seq == 5))
    result = admin_audit.verify(hq.db)
    assert (result.ok, result.broken_seq) == (False, 5) and "removed from the end" \
        in result.reason

    hq = make_hq()
    _record_five(hq.db)
    with hq.db.write() as conn:  # swap events 2 and 4, each renumbered into the other's place
        conn.execute(update(a).where(a.c.seq == 2).values(seq=-2))
        conn.execute(update(a).where(a.c.seq == 4).values(seq=2))
        conn.execute(update(a).where(a.c.seq == -2).values(seq=4))
    result = admin_audit.verify(hq.db)
    assert (result.ok, result.broken_seq) == (False, 2)

    hq = make_hq()
    _record_five(hq.db)
    with hq.db.write() as conn:  # a forged, self-consistent event in place of the last one
        conn.execute(delete(a).where(a.c.seq == 5))
        head = schema.admin_audit_head
        conn.execute(update(head).values(seq=4, hash=conn.execute(
            select(a.c.hash).where(a.c.seq == 4)).scalar_one()))
        admin_audit.record(conn, "a.admin", "read", "loss_report", "r-forged")
        conn.execute(update(head).values(hash="f" * 64))
    result = admin_audit.verify(hq.db)
    assert (result.ok, result.broken_seq) == (False, 5) and "replaced" in result.reason


def test_concurrent_writers_on_separate_connections_make_one_unbroken_chain(
        make_hq: Callable[[], HQ]) -> None:
    hq = make_hq()
    per_writer, writers = 25, 4
    start = threading.Barrier(writers)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        db = Database(hq.database_url, pool_size=1)  # its own engine and connection
        try:
            start.wait(timeout=30)
            for i in range(per_writer):
                with db.write() as conn:
                    admin_audit.record(conn, f"writer.{n}", "read", "request", f"{n}-{i}")
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == [] and not any(t.is_alive() for t in threads)
    result = admin_audit.verify(hq.db)
    assert result.ok and result.events == per_writer * writers
    events = _events(hq)
    assert [e.seq for e in events] == list(range(1, per_writer * writers + 1))
    assert len({e.subject_id for e in events}) == per_writer * writers


def test_a_rolled_back_transaction_leaves_no_event(make_hq: Callable[[], HQ]) -> None:
    hq = make_hq()
    with pytest.raises(RuntimeError), hq.db.write() as conn:
        admin_audit.record(conn, "a.admin", "read", "loss_report", "r-1")
        raise RuntimeError("the caller's work failed")
    _record_five(hq.db)
    assert admin_audit.verify(hq.db).ok and [e.seq for e in _events(hq)] == [1, 2, 3, 4, 5]
    with pytest.raises(ValueError), hq.db.write() as conn:
        admin_audit.record(conn, "", "read", "loss_report", "r-1")


def test_the_audit_list_escapes_and_filters(make_hq: Callable[[], HQ]) -> None:
    hq = make_hq()
    with hq.db.write() as conn:
        admin_audit.record(conn, "a.admin", "read", "loss_report", "r-1")
        admin_audit.record(conn, "a.admin", "read", "breach_report", "b-1",
                           "note \x1b[2J\u202eevil")
    listed = hq.cli("audit", "list").stdout
    lines = listed.splitlines()
    assert lines[0].split() == ["SEQ", "AT", "ACTOR", "ACTION", "SUBJECT", "DETAIL"]
    assert "\x1b" not in listed and "\u202e" not in listed and "\\x1b[2J\\u202eevil" in listed
    only = hq.cli("audit", "list", "--subject", "r-1").stdout.splitlines()
    assert len(only) == 2 and "loss_report r-1" in only[1]
    assert len(hq.cli("audit", "list", "--since", "1").stdout.splitlines()) == 2
    assert hq.cli("audit", "list", "--subject", "none").stdout.strip() == "No audit events."


def test_an_hq_database_from_before_these_tables_gets_them_on_its_next_command(
        make_hq: Callable[[], HQ]) -> None:
    hq = make_hq()
    new_tables = (schema.admin_audit_head, schema.admin_audit, schema.supervisors,
                  schema.staff)
    with hq.db.write() as conn:
        for table in new_tables:
            table.drop(conn)
    hq.cli("staff", "add", ADMIN, "--email", "a.admin@agency.example", "--role",
           "administrator")
    assert [s.name for s in staff.list_staff(hq.db)] == [ADMIN]
    assert hq.cli("audit", "verify").stdout.startswith("HQ's audit log is intact: 1 event,")
