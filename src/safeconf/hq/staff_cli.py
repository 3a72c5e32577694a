"""`safeconf-hq staff|supervisors|audit`: HQ's people, whom each worker reports to, and HQ's
own audit log."""

from __future__ import annotations

import argparse

from safeconf.hq import admin_audit, staff
from safeconf.hq.db import Database

COMMANDS = ("staff", "supervisors", "audit")

_AS_HELP = "who does this: an HQ administrator's sign-in name (recorded in the audit log)"


def add_parsers(sub: argparse._SubParsersAction,  # type: ignore[type-arg,unused-ignore]
                common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("staff", help="HQ's people and their roles",
                       description="Who at HQ holds which role. Roles that act at HQ: "
                                   f"{', '.join(staff.SIGN_IN_ROLES)}; contacts who only "
                                   f"receive notices: {', '.join(staff.CONTACT_ROLES)}. A "
                                   "person may hold several roles, one line each. Changes "
                                   "need --as an administrator, except adding HQ's very "
                                   "first administrator, and are recorded in HQ's audit log.")
    ssub = p.add_subparsers(dest="staff_command", required=True)
    c = ssub.add_parser("add", parents=[common], help="give a person a role")
    c.add_argument("name", help="their sign-in name, e.g. r.ortiz")
    c.add_argument("--email", required=True, help="their work address (name@agency.example)")
    c.add_argument("--role", required=True, choices=staff.ROLES)
    c.add_argument("--as", dest="actor", metavar="NAME",
                   help=_AS_HELP + "; not needed for HQ's very first administrator")
    c = ssub.add_parser("remove", parents=[common],
                        help="take a role (or all) from a person; kept on record, not deleted")
    c.add_argument("name")
    c.add_argument("--role", choices=staff.ROLES, help="only this role (default: every role)")
    c.add_argument("--as", dest="actor", metavar="NAME", required=True, help=_AS_HELP)
    c = ssub.add_parser("list", parents=[common], help="HQ's staff and their roles")
    c.add_argument("--all", action="store_true", help="include removed roles")

    p = sub.add_parser("supervisors", help="whom each worker reports to",
                       description="The supervisor told of a worker's loss reports.")
    ssub = p.add_subparsers(dest="supervisors_command", required=True)
    c = ssub.add_parser("set", parents=[common], help="set (or change) a worker's supervisor")
    c.add_argument("worker", help="the worker id")
    c.add_argument("staff_name", metavar="STAFF", help="a staff member with the supervisor role")
    c.add_argument("--as", dest="actor", metavar="NAME", required=True, help=_AS_HELP)
    ssub.add_parser("list", parents=[common], help="every worker's supervisor")

    p = sub.add_parser("audit", help="HQ's own hash-chained audit log",
                       description="Every read of report or request content and every "
                                   "change to HQ's people, in a hash chain.")
    ssub = p.add_subparsers(dest="audit_command", required=True)
    ssub.add_parser("verify", parents=[common],
                    help="check the chain; exit 1 and name the first broken seq if not intact")
    c = ssub.add_parser("list", parents=[common], help="the events (no record content)")
    c.add_argument("--subject", metavar="ID", help="only events about this subject id")
    c.add_argument("--since", type=int, metavar="SEQ", help="only events after this seq")


def run(args: argparse.Namespace, db: Database) -> int:
    if args.command == "staff":
        return _staff(args, db)
    if args.command == "supervisors":
        if args.supervisors_command == "set":
            link = staff.set_supervisor(db, args.worker, args.staff_name, args.actor)
            print(f"{link.worker_id} now reports to {link.staff_name} (set by "
                  f"{link.set_by}).")
        else:
            print(staff.format_supervisors(staff.list_supervisors(db)))
        return 0
    if args.audit_command == "verify":
        result = admin_audit.verify(db)
        print(result.message())
        return 0 if result.ok else 1
    print(admin_audit.format_table(admin_audit.list_events(db, args.since, args.subject)))
    return 0


def _staff(args: argparse.Namespace, db: Database) -> int:
    action = args.staff_command
    if action == "add":
        added = staff.add_staff(db, args.name, args.email, args.role, args.actor)
        print(f"{added.name} now holds the role {added.role} at HQ (added by "
              f"{added.added_by}).")
    elif action == "remove":
        taken = staff.remove_staff(db, args.name, args.actor, args.role)
        print(f"{args.name} no longer holds {', '.join(taken)} at HQ; kept on record as "
              "removed.")
    else:
        print(staff.format_staff(staff.list_staff(db, args.all)))
    return 0
