"""`safeconf disclose check`: may this be disclosed? The policy's answer and its basis, in
plain language, for a script or a worker at a terminal. Exit status 0 allowed (outright or
by a consent), 3 needs consent, 4 legal review; 1 when the question cannot be asked."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from safeconf.vault.device_secret import SecretStore
from safeconf.vault.vault import Vault

E = TypeVar("E", bound=StrEnum)


def add_parser(commands: Any, unlock: Callable[[Path, SecretStore], Vault]) -> Any:
    from safeconf.domain.disclosure_policy import (
        Extent,
        HealthPurpose,
        Information,
        Mode,
        Recipient,
    )

    disclose = commands.add_parser("disclose", help="the disclosure policy, for scripts")
    actions = disclose.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check", help="may this be disclosed? (exit 0 allowed, 3 needs consent, 4 legal review)")
    check.add_argument("case_number", help="the agency case number")
    check.add_argument("--what", required=True, type=Information, choices=list(Information),
                       metavar="WHAT", help=_options("what is asked for", Information))
    check.add_argument("--mode", required=True, type=Mode, choices=list(Mode), metavar="MODE",
                       help=_options("how it would be disclosed", Mode))
    to = check.add_mutually_exclusive_group(required=True)
    to.add_argument("--to", type=Recipient, choices=list(Recipient), metavar="RECIPIENT",
                    dest="recipient", help=_options("who would receive it", Recipient))
    to.add_argument("--to-person", default="", metavar="NAME",
                    help="a person of the case, by name or id: their relationship to the "
                         "person the record is about decides what they are")
    check.add_argument("--recipient-name", default="",
                       help="who exactly (a consent must name them)")
    check.add_argument("--extent", type=Extent, choices=list(Extent), default=Extent.WHOLE,
                       metavar="EXTENT", help=_options("in whole or in part", Extent))
    check.add_argument("--about", default="",
                       help="whose record, by name or person id (default: the case's client)")
    check.add_argument("--consent", default=None, metavar="ID",
                       help="rely on this consent only (default: every consent on file)")
    check.add_argument("--on", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                       help="the date of the disclosure (default: today)")
    check.add_argument("--purpose", type=HealthPurpose, choices=list(HealthPurpose),
                       default=None, metavar="PURPOSE",
                       help=_options("for health information, why", HealthPurpose))

    def run(args: argparse.Namespace, data_dir: Path, secrets: SecretStore) -> int:
        return _check(args, unlock(data_dir, secrets))

    check.set_defaults(handler=run)
    return check


def _check(args: argparse.Namespace, vault: Vault) -> int:
    from safeconf.app.disclosure_check import Question, check

    question = Question(
        case_number=args.case_number, information=args.what, mode=args.mode,
        recipient=args.recipient, recipient_name=args.recipient_name, extent=args.extent,
        to_person=args.to_person,
        about=args.about, consent_id=args.consent, on=args.on, health_purpose=args.purpose)
    try:
        answer = check(vault, question, date.today())
    finally:
        vault.close()
    print(answer.plain())
    return answer.decision.exit_code


def _options(what: str, kind: type[StrEnum]) -> str:
    return f"{what}: {', '.join(k.value for k in kind)}"
