"""`safeconf report-loss` and `safeconf report-breach`: file a report inside the vault at
once (offline too); it goes to HQ before anything else at the next sync. Prints the receipt
number to quote to the supervisor or legal."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from safeconf.app.session import VaultSession
from safeconf.vault.device_secret import SecretStore

OpenSession = Callable[[Path, SecretStore], VaultSession]


def add_parsers(commands: Any, open_session: OpenSession) -> list[Any]:
    from safeconf.domain.records import LossKind

    loss = commands.add_parser("report-loss",
                               help="report lost or stolen confidential information at once")
    loss.add_argument("--what", required=True, choices=[k.value for k in LossKind],
                      help="what was lost")
    loss.add_argument("--when", default=None, metavar="TIME",
                      help="when, as near as you can say: 2026-11-30T18:00 (local time) or "
                           "with a zone (default: now)")
    loss.add_argument("--where", default="", help="where it happened")
    loss.add_argument("--stolen", action="store_true", help="it was stolen")
    loss.add_argument("--this-laptop", action="store_true",
                      help="the lost device is this laptop (for --what device)")
    loss.add_argument("--device", default="", metavar="DEVICE_ID",
                      help="HQ's id of the lost device, if another (for --what device)")
    _cases(loss)
    loss.add_argument("--description", default="", help="what exactly was lost")

    breach = commands.add_parser("report-breach",
                                 help="report a breach of confidentiality (legal director only)")
    breach.add_argument("--what", required=True, help="what happened")
    breach.add_argument("--when", default=None, metavar="TIME", help="when (default: now)")
    breach.add_argument("--received-by", default="",
                        help="who may have received the information")
    _cases(breach)

    def run_loss(args: argparse.Namespace, data_dir: Path, secrets: SecretStore) -> int:
        service, session = _service(open_session, data_dir, secrets)
        try:
            filed = service.report_loss(
                LossKind(args.what), _when(args.when), where=args.where, stolen=args.stolen,
                case_ids=service.case_ids_for_numbers(args.cases),
                cases_unknown=args.cases_unknown, description=args.description,
                this_laptop=args.this_laptop, device_id=args.device)
        finally:
            session.lock()
        _print_receipt(filed.receipt, "loss")
        return 0

    def run_breach(args: argparse.Namespace, data_dir: Path, secrets: SecretStore) -> int:
        service, session = _service(open_session, data_dir, secrets)
        try:
            filed = service.report_breach(
                args.what, _when(args.when), who_may_have_received=args.received_by,
                case_ids=service.case_ids_for_numbers(args.cases),
                cases_unknown=args.cases_unknown)
        finally:
            session.lock()
        _print_receipt(filed.receipt, "breach")
        return 0

    loss.set_defaults(handler=run_loss)
    breach.set_defaults(handler=run_breach)
    return [loss, breach]


def _cases(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", dest="cases", action="append", default=[], metavar="NUMBER",
                       help="a case that may be affected (repeatable)")
    which.add_argument("--cases-unknown", action="store_true",
                       help="you do not know which cases are affected")


def _service(open_session: OpenSession, data_dir: Path,
             secrets: SecretStore) -> tuple[Any, VaultSession]:
    from safeconf.app.losses import LossReportService

    session = open_session(data_dir, secrets)
    return LossReportService(session), session


def _when(text: str | None) -> str:
    if text is None:
        return datetime.now(UTC).isoformat(timespec="microseconds")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date and time like 2026-11-30T18:00.") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the laptop's local time
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _print_receipt(number: str, kind: str) -> None:
    print(f"Your {kind} report is filed. Receipt number: {number}")
    print("It goes to HQ first at the next sync (`safeconf sync`). Tell your supervisor "
          "now" + (" and quote this number." if kind == "loss" else
                   "; legal will contact you."))
