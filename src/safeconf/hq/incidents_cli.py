"""`safeconf-hq incidents …`: loss and breach reports at HQ (list, show, acknowledge, assign,
close, reopen, notified, and report for a laptop that is gone). Every command names its
actor with `--as`; HQ's people register decides what they may see and do."""

from __future__ import annotations

import argparse
import sys

from safeconf.domain import termsafe
from safeconf.domain.records import LossKind
from safeconf.hq import clock, incidents
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError

COMMAND = "incidents"


def add_parsers(sub: argparse._SubParsersAction,
                common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(COMMAND, help="loss and breach reports: list, show, acknowledge, "
                                     "assign, close, report",
                       description="Reports of lost or stolen information and of breaches "
                                   "of the confidentiality policy. The list shows receipts "
                                   "and status only; `show` prints a report in full and is "
                                   "recorded in HQ's audit log.")
    isub = p.add_subparsers(dest="incidents_command", required=True)

    def actor(c: argparse.ArgumentParser) -> None:
        c.add_argument("--as", dest="actor", required=True, metavar="NAME",
                       help="who you are at HQ (see `safeconf-hq staff list`)")

    c = isub.add_parser("list", parents=[common], help="the reports you may see")
    c.add_argument("--open", action="store_true", help="only those not closed")
    actor(c)
    c = isub.add_parser("show", parents=[common], help="one report in full (AUDITED)")
    c.add_argument("ref", metavar="RECEIPT|ID")
    actor(c)
    c = isub.add_parser("acknowledge", parents=[common], help="acknowledge a report")
    c.add_argument("ref", metavar="RECEIPT|ID")
    actor(c)
    c = isub.add_parser("assign", parents=[common], help="assign a report to a staff member")
    c.add_argument("ref", metavar="RECEIPT|ID")
    c.add_argument("--to", required=True, metavar="STAFF")
    actor(c)
    c = isub.add_parser("close", parents=[common], help="close a report with its outcome")
    c.add_argument("ref", metavar="RECEIPT|ID")
    c.add_argument("--outcome", required=True, metavar="TEXT")
    actor(c)
    c = isub.add_parser("reopen", parents=[common], help="reopen a closed report")
    c.add_argument("ref", metavar="RECEIPT|ID")
    c.add_argument("--why", required=True, metavar="TEXT")
    actor(c)
    c = isub.add_parser("notified", parents=[common],
                        help="the legal director records notifying the Commissioner or HR "
                             "of a breach")
    c.add_argument("ref", metavar="RECEIPT|ID")
    whom = c.add_mutually_exclusive_group(required=True)
    whom.add_argument("--commissioner", dest="whom", action="store_const",
                      const="commissioner")
    whom.add_argument("--hr", dest="whom", action="store_const", const="hr")
    actor(c)
    c = isub.add_parser("report", parents=[common],
                        help="file a loss for a laptop that is gone (revokes a stolen one "
                             "with wipe at once)")
    c.add_argument("--device", required=True, metavar="DEVICE_ID")
    c.add_argument("--what", required=True, choices=[k.value for k in LossKind])
    c.add_argument("--when", required=True, metavar="TIME",
                   help="when it happened, e.g. 2026-11-30T18:00:00+00:00")
    c.add_argument("--where", default="")
    c.add_argument("--description", default="")
    c.add_argument("--stolen", action="store_true",
                   help="stolen: the device is revoked with wipe at once")
    c.add_argument("--revoke-and-wipe", action="store_true",
                   help="revoke the device and have it wipe itself if it connects again")
    c.add_argument("--by", required=True, metavar="NAME", help="the staff member filing it")


def _when(text: str) -> str:
    try:
        return clock.iso(clock.parse(text))
    except ValueError:
        raise AdminError(f"{text!r} is not a time with its zone, like "
                         "2026-11-30T18:00:00+00:00.") from None


def run(args: argparse.Namespace, db: Database) -> int:
    action = args.incidents_command
    if action == "list":
        print(incidents.format_table(incidents.list_reports(db, args.actor, args.open)))
    elif action == "show":
        print(incidents.format_detail(incidents.show(db, args.actor, args.ref)))
    elif action == "report":
        report, number = incidents.file_loss(
            db, args.by, args.device, LossKind(args.what), _when(args.when), where=args.where,
            stolen=args.stolen, description=args.description,
            revoke_and_wipe=args.revoke_and_wipe)
        revoked = report.lost is LossKind.DEVICE and (args.stolen or args.revoke_and_wipe)
        print(f"Loss filed: receipt {number} (report {report.id})."
              + (f" Device {report.device_id} revoked and told to wipe." if revoked else ""))
    else:
        done = {
            "acknowledge": lambda: incidents.acknowledge(db, args.actor, args.ref),
            "assign": lambda: incidents.assign(db, args.actor, args.ref, args.to),
            "close": lambda: incidents.close(db, args.actor, args.ref, args.outcome),
            "reopen": lambda: incidents.reopen(db, args.actor, args.ref, args.why),
            "notified": lambda: incidents.record_notified(db, args.actor, args.ref,
                                                          args.whom),
        }[action]()
        print(f"Report {done.receipt}: {action} recorded; now {done.status}"
              + (f", assigned to {termsafe.safe(done.assigned_to)}" if done.assigned_to
                 else "") + ".", file=sys.stdout)
    return 0
