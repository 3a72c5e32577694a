"""`safeconf-hq notifications list|send`, and the mail options of `safeconf-hq serve`."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from datetime import timedelta

from safeconf.domain.termsafe import safe
from safeconf.hq import clock, notify, routing
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError

PASSWORD_ENV = "SAFECONF_HQ_SMTP_PASSWORD"  # noqa: S105 - the variable's name, not a password
DEFAULT_INTERVAL_S = 15.0
DEFAULT_ESCALATE_MINUTES = 60.0


@dataclass(frozen=True)
class NotifierSettings:
    """What `serve` needs to send mail in the background; smtp None: queue and escalate
    only (a cron job with `notifications send` delivers)."""

    smtp: notify.SmtpSettings | None
    interval_s: float
    escalate_after: timedelta | None


def _smtp_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--smtp-host", default=None, metavar="HOST",
                   help="the SMTP server that takes HQ's notification mail")
    p.add_argument("--smtp-port", type=int, default=25, metavar="PORT")
    p.add_argument("--smtp-from", default=None, metavar="ADDRESS",
                   help="the sender address of notification mail")
    p.add_argument("--smtp-starttls", action="store_true",
                   help="upgrade the SMTP connection with STARTTLS (certificate verified)")
    p.add_argument("--smtp-user", default=None, metavar="NAME",
                   help=f"log in to the SMTP server (password from ${PASSWORD_ENV})")
    p.add_argument("--console-url", default="", metavar="URL",
                   help="the HQ console's address; messages link to URL/reports/RECEIPT")
    p.add_argument("--escalate-after", type=float, default=DEFAULT_ESCALATE_MINUTES,
                   metavar="MINUTES",
                   help="escalate a loss or breach nobody acknowledged in this time "
                        "(0: never)")


def add_serve_options(p: argparse.ArgumentParser) -> None:
    _smtp_options(p)
    p.add_argument("--notify-interval", type=float, default=DEFAULT_INTERVAL_S, metavar="S",
                   help="seconds between two passes that send due mail and escalate")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("notifications", help="list or send HQ's notification mail",
                       description="The mail HQ sends about reports and requests: who, why, "
                                   "the receipt number and a console link (never case "
                                   "content), retried until the SMTP server takes it.")
    nsub = p.add_subparsers(dest="notifications_command", required=True)
    c = nsub.add_parser("list", parents=[common], help="list notifications and their state")
    c.add_argument("--pending", action="store_true", help="only those not yet sent")
    c = nsub.add_parser("send", parents=[common],
                        help="one pass: escalate what is overdue, send what is due")
    _smtp_options(c)


def smtp_settings(args: argparse.Namespace) -> notify.SmtpSettings | None:
    if not args.smtp_host:
        return None
    if not args.smtp_from:
        raise AdminError("Say which address notification mail comes from: --smtp-from.")
    try:
        return notify.SmtpSettings(
            host=args.smtp_host, port=args.smtp_port, sender=args.smtp_from,
            starttls=args.smtp_starttls, username=args.smtp_user,
            password=os.environ.get(PASSWORD_ENV) if args.smtp_user else None,
            console_url=args.console_url)
    except notify.NotificationInvalid as exc:
        raise AdminError(str(exc)) from None


def _escalate_after(args: argparse.Namespace) -> timedelta | None:
    if not 0 <= args.escalate_after <= 60 * 24 * 90:
        raise AdminError("--escalate-after must be between 0 and 129600 minutes (90 days).")
    return timedelta(minutes=args.escalate_after) if args.escalate_after else None


def serve_settings(args: argparse.Namespace) -> NotifierSettings:
    if not 0.1 <= args.notify_interval <= 3600:
        raise AdminError("--notify-interval must be between 0.1 and 3600 seconds.")
    return NotifierSettings(smtp_settings(args), args.notify_interval, _escalate_after(args))


def one_pass(db: Database, settings: NotifierSettings) -> notify.DeliveryReport | None:
    """Escalate what is overdue, then send what is due (so an escalation goes at once)."""
    now = clock.now()
    if settings.escalate_after is not None:
        after = settings.escalate_after
        with db.write() as conn:
            routing.escalate_due(conn, now, after)
    if settings.smtp is None:
        return None
    return notify.deliver_due(db, settings.smtp, now)


def run(args: argparse.Namespace, db: Database) -> int:
    if args.notifications_command == "list":
        print(notify.format_table(notify.list_notifications(db, args.pending)))
        return 0
    smtp = smtp_settings(args)
    if smtp is None:
        raise AdminError("Say which SMTP server to send through: --smtp-host and --smtp-from.")
    report = one_pass(db, NotifierSettings(smtp, 0, _escalate_after(args)))
    assert report is not None
    print(f"Sent {report.sent}, failed {report.failed} (kept for a retry), "
          f"{report.waiting} waiting.")
    if report.failed:
        errors = {n.last_error for n in notify.list_notifications(db, True) if n.last_error}
        for error in sorted(errors):
            print(f"  {safe(error)}")
    return 0 if not report.failed else 3
