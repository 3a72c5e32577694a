"""HQ's people and its own audit log, for tests of what reads and acts on them.

The real `safeconf.hq.staff` and `safeconf.hq.admin_audit` (another branch of issue #10)
are used whenever they can be imported. Until they are, `install()` registers a minimal
in-process stand-in under those names with the same calls (`require`, `supervisor_of`,
`record`): enough to test who sees which report and that reads are recorded. It lives here,
under tests/, so no HQ can ever select it; the CLI is then run in-process (`hq_cli`).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys
import types
from dataclasses import dataclass
from typing import Any

from safeconf.hq.errors import AdminError

_ROLES: dict[str, str] = {}
_SUPERVISORS: dict[str, str] = {}
AUDIT: list[tuple[str, str, str, str, str]] = []  # the stand-in's log


@dataclass(frozen=True)
class Staff:
    name: str
    email: str
    role: str


def _real() -> bool:
    try:
        importlib.import_module("safeconf.hq.staff")
        importlib.import_module("safeconf.hq.admin_audit")
    except ModuleNotFoundError:
        return False
    return not getattr(sys.modules["safeconf.hq.staff"], "STAND_IN", False)


REAL = _real()


def install() -> None:
    if REAL or "safeconf.hq.staff" in sys.modules:
        return
    staff = types.ModuleType("safeconf.hq.staff")
    staff.STAND_IN = True  # type: ignore[attr-defined]

    def require(_conn: Any, actor: str, roles: frozenset[str]) -> Staff:
        role = _ROLES.get(actor)
        if role is None:
            raise AdminError(f"HQ has no staff member {actor!r}.")
        if role not in roles:
            raise AdminError(f"{actor} ({role}) may not do this.")
        return Staff(actor, f"{actor}@hq.example", role)

    def supervisor_of(_conn: Any, worker_id: str) -> Staff | None:
        name = _SUPERVISORS.get(worker_id)
        return None if name is None else Staff(name, f"{name}@hq.example", _ROLES[name])

    staff.require = require  # type: ignore[attr-defined]
    staff.supervisor_of = supervisor_of  # type: ignore[attr-defined]
    audit = types.ModuleType("safeconf.hq.admin_audit")

    def record(_conn: Any, actor: str, action: str, subject_type: str, subject_id: str,
               detail: str = "") -> None:
        AUDIT.append((actor, action, subject_type, subject_id, detail))

    audit.record = record  # type: ignore[attr-defined]
    sys.modules["safeconf.hq.staff"] = staff
    sys.modules["safeconf.hq.admin_audit"] = audit


def add(db: Any, name: str, role: str) -> str:
    if REAL:
        importlib.import_module("safeconf.hq.staff").add_staff(
            db, name, f"{name}@hq.example", role)
    else:
        install()
        _ROLES[name] = role
    return name


def set_supervisor(db: Any, worker_id: str, name: str) -> None:
    if REAL:
        importlib.import_module("safeconf.hq.staff").set_supervisor(db, worker_id, name)
    else:
        _SUPERVISORS[worker_id] = name


def audited(subject_id: str) -> list[tuple[str, str]] | None:
    """(actor, action) recorded about `subject_id`; None with the real log, whose reading
    API this branch does not know (verify it there with `safeconf-hq audit list`)."""
    if REAL:
        return None
    return [(a, act) for a, act, _t, sid, _d in AUDIT if sid == subject_id]


def hq_cli(hq: Any, *args: str) -> tuple[int, str, str]:
    """`safeconf-hq ARGS` run in this process (so the stand-in is the one it uses)."""
    from safeconf.hq import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([*args, "--data-dir", str(hq.data.path), "--database",
                         hq.database_url])
    return code, out.getvalue(), err.getvalue()
