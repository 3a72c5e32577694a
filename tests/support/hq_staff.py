"""HQ's people and its own audit log, for tests of what reads and acts on them: the real
`safeconf.hq.staff` and `safeconf.hq.admin_audit`, with HQ's first administrator made on
first need (the one who adds everyone else)."""

from __future__ import annotations

import contextlib
import io
from typing import Any

from safeconf.hq import admin_audit, staff

ADMIN = "hq.test.admin"
READS = frozenset({"show", "read"})


def _administrator(db: Any) -> str:
    """An active HQ administrator: the one the shared HQ already has, else HQ's first."""
    with db.read() as conn:
        found = staff.with_role(conn, "administrator")
    if found:
        return found[0].name
    staff.add_staff(db, ADMIN, "hq.test.admin@hq.example", "administrator")
    return ADMIN


def add(db: Any, name: str, role: str) -> str:
    by = _administrator(db)
    if not (role == "administrator" and name == by):
        staff.add_staff(db, name, f"{name}@hq.example", role, by=by)
    return name


def set_supervisor(db: Any, worker_id: str, name: str) -> None:
    staff.set_supervisor(db, worker_id, name, by=_administrator(db))


def audited(db: Any, subject_id: str) -> list[tuple[str, str]]:
    """Who read `subject_id`'s content, as HQ's audit log recorded it (actor, action)."""
    return [(e.actor, e.action) for e in admin_audit.list_events(db, subject=subject_id)
            if e.action in READS]


def hq_cli(hq: Any, *args: str) -> tuple[int, str, str]:
    """`safeconf-hq ARGS` run in this process."""
    from safeconf.hq import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([*args, "--data-dir", str(hq.data.path), "--database",
                         hq.database_url])
    return code, out.getvalue(), err.getvalue()
