"""`safeconf-hq requests …`: log, list, show and answer legal requests, and the deadlines.
The list and the deadlines show ids, kinds, dates and status only; `show` prints the request
in full and is audited."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from safeconf.domain import termsafe
from safeconf.domain.disclosure_terms import HealthPurpose
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.records import LegalAction, LegalRequestKind, RequesterBody
from safeconf.hq import cases, clock, legal_requests
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError
from safeconf.scan_files import read_scan

_AS_HELP = "who in legal does this (a legal or legal_director among HQ's staff)"
_ID_HELP = "the request id (see `safeconf-hq requests list`)"


def add_parsers(sub: argparse._SubParsersAction,
                common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("requests", help="subpoenas, records and health-information requests, "
                                        "seal and release requests",
                       description="Legal requests: log one received at HQ, list them, show "
                                   "one (PRINTS CASE CONTENT; audited), take legal's next "
                                   "step on one, and the deadlines by due date.")
    rsub = p.add_subparsers(dest="requests_command", required=True)

    c = rsub.add_parser("log", parents=[common], help="log a request received at HQ",
                        description="Store a request received at HQ with its documents; it "
                                    "is routed to legal and the case's laptops receive it.")
    c.add_argument("--case", required=True, metavar="NUMBER")
    c.add_argument("--kind", required=True, choices=[k.value for k in LegalRequestKind])
    c.add_argument("--requester", required=True, metavar="NAME", help="who asks")
    c.add_argument("--body", required=True, metavar="NAME", help="the court or agency")
    c.add_argument("--body-kind", default=RequesterBody.COURT.value,
                   choices=[k.value for k in RequesterBody], help="default: court")
    c.add_argument("--asked", required=True, metavar="TEXT", help="what is asked")
    c.add_argument("--received-on", required=True, metavar="YYYY-MM-DD")
    c.add_argument("--business-days", required=True, type=int, metavar="N",
                   help="the deadline, in business days after the day received (1-365)")
    c.add_argument("--health-purpose", choices=[h.value for h in HealthPurpose],
                   help="the PHI basis (required for a health_info_request, only for it)")
    c.add_argument("--attach", action="append", default=[], type=Path, metavar="FILE",
                   help="a PDF, PNG, JPEG or TIFF of the request (repeatable)")
    c.add_argument("--as", dest="actor", required=True, metavar="NAME", help=_AS_HELP)

    c = rsub.add_parser("list", parents=[common], help="list the requests HQ holds")
    c.add_argument("--open", action="store_true", help="only those not closed")
    c.add_argument("--case", metavar="NUMBER", help="only this case's requests")

    c = rsub.add_parser("show", parents=[common],
                        help="one request in full (PRINTS CASE CONTENT; audited)")
    c.add_argument("id", help=_ID_HELP)
    c.add_argument("--as", dest="actor", required=True, metavar="NAME", help=_AS_HELP)

    steps = {
        "acknowledge": "legal has the request and is working on it",
        "extend": "a later due day (--days N business days more, with --reason)",
        "deny": "the request is refused (--reason); this closes it",
        "release": "records were released (--released: what, and what was withheld); "
                   "this closes it",
        "seal": "the records were sealed as asked; this closes it (seal the case itself "
                "with `safeconf-hq cases seal`)",
        "close": "closed with its outcome (--reason)",
        "reopen": "a closed request is open again",
    }
    for name, text in steps.items():
        c = rsub.add_parser(name, parents=[common], help=text, description=text)
        c.add_argument("id", help=_ID_HELP)
        if name == "extend":
            c.add_argument("--days", required=True, type=int, metavar="N",
                           help="business days added to the current due day")
        if name in ("extend", "deny", "close"):
            c.add_argument("--reason", required=True, metavar="TEXT")
        elif name == "release":
            c.add_argument("--released", required=True, metavar="TEXT",
                           help="what was released, and the redactions made")
            c.add_argument("--document-sha256", default="", metavar="HEX",
                           help="the SHA-256 of the released document, if one left")
        else:
            c.add_argument("--note", default="", metavar="TEXT")
        c.add_argument("--as", dest="actor", required=True, metavar="NAME", help=_AS_HELP)

    c = rsub.add_parser("due", parents=[common], help="open requests by due date",
                        description="Open requests, soonest due first; overdue ones flagged.")
    c.add_argument("--overdue", action="store_true", help="only those past their due day")
    c.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)


def _day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise AdminError(f"{what} {text!r} is not a date like 2026-03-01. Nothing was "
                         "stored.") from None


def _read(path: Path) -> tuple[str, bytes]:
    try:
        return path.name, read_scan(path)
    except InvalidRecord as exc:
        raise AdminError(str(exc)) from exc


def run(args: argparse.Namespace, db: Database) -> int:
    action = args.requests_command
    today = clock.now().date()
    if action == "log":
        number = cases.stored_number(db, args.case)
        attachments = [_read(path) for path in args.attach]
        done = legal_requests.log_at_hq(
            db, cases.case_id_for(db, number), LegalRequestKind(args.kind), args.requester,
            args.body, RequesterBody(args.body_kind), args.asked,
            _day(args.received_on, "--received-on"), args.business_days,
            HealthPurpose(args.health_purpose) if args.health_purpose else None, attachments,
            args.actor)
        print(f"Legal request {done.id} ({legal_requests.receipt_of(done.id)}) logged for "
              f"case {termsafe.safe(number)}, due {done.due_on}, with {len(attachments)} "
              "document(s); legal is told and the case's laptops receive it at their next "
              "sync.")
    elif action == "list":
        wanted = cases.stored_number(db, args.case) if args.case else None
        case_id = cases.case_id_for(db, wanted) if wanted else None
        rows = legal_requests.list_requests(db, args.open, case_id)
        which = "open legal requests" if args.open else "legal requests"
        where = f" for case {termsafe.safe(wanted)}" if wanted else ""
        print(legal_requests.format_table(rows, today, empty=f"No {which}{where}."))
    elif action == "show":
        print(legal_requests.format_detail(legal_requests.show(db, args.id, args.actor), today))
    elif action == "due":
        if args.today:
            today = _day(args.today, "--today")
        with db.read() as conn:
            rows = legal_requests.due(conn, today)
        rows = [r for r in rows if r.overdue(today) or not args.overdue]
        empty = "No overdue legal requests." if args.overdue else "No open legal requests."
        print(legal_requests.format_table(rows, today, empty=empty))
    else:
        step = LegalAction(action)
        text = str(getattr(args, "reason", None) or getattr(args, "released", None) or
                   getattr(args, "note", ""))
        event = legal_requests.answer(
            db, args.id, step, args.actor, text,
            released_sha256=getattr(args, "document_sha256", ""),
            extend_days=args.days if step is LegalAction.EXTEND else None)
        due = f" (now due {event.new_due_on})" if event.new_due_on else ""
        print(f"Legal request {event.request_id} {legal_requests.ACTION_WORDS[step]}{due}, "
              f"recorded as {event.id}; the laptops of the case receive it at their next sync.")
    return 0
