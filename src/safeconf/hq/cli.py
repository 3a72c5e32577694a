"""`safeconf-hq`: set up HQ, issue enrollment codes, serve, manage cases and devices."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from sqlalchemy.exc import OperationalError

from safeconf import __version__
from safeconf.domain import termsafe
from safeconf.domain.records import LegalAnswer
from safeconf.hq import (
    ack_verify_cli,
    admin_audit,
    cases,
    clock,
    incidents_cli,
    legal_reviews,
    notify_cli,
    requests_cli,
    staff_acknowledgments,
    staff_cli,
    users_cli,
)
from safeconf.hq import staff as hq_staff
from safeconf.hq.connection_limits import (
    DEFAULT_ENROLL_MAX_CONNECTIONS,
    DEFAULT_ENROLL_MAX_PER_ADDRESS,
    ConnectionLimits,
)
from safeconf.hq.datadir import DEFAULT_HOSTS, DEFAULT_PORT, DataDir, initialise
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError
from safeconf.hq.logflood import DEFAULT_WINDOW_S
from safeconf.hq.pki import devices, enrollment, recovery, recovery_key
from safeconf.hq.pki.ca import cert_pem
from safeconf.hq.sync import conflicts

DATA_DIR_ENV = "SAFECONF_HQ_DATA_DIR"


def _common_options(default: object = None) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=default,
                        help=f"HQ data directory (default: ${DATA_DIR_ENV})")
    common.add_argument("--database", default=default,
                        help="sqlite:///PATH or postgresql://… (default: from init, else "
                             "SQLite in the data directory)")
    return common


def _parser() -> argparse.ArgumentParser:
    common = _common_options()
    # For sub-subcommands: a default there would overwrite the value given before them.
    common_below = _common_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(prog="safeconf-hq", description=__doc__)
    parser.add_argument("--version", action="version", version=f"safeconf-hq {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("init", parents=[common], help="create the CA, server certificate, tables")
    p.add_argument("--host", action="append", dest="hosts", metavar="NAME",
                   help="host name or IP the server certificate names (repeatable; default "
                        f"{' and '.join(DEFAULT_HOSTS)})")

    sub.add_parser("init-recovery", parents=[common],
                   help="create the escrow recovery key pair in an existing data directory")

    p = sub.add_parser("recover", parents=[common],
                       help="print the recovery code for a device whose passphrase is lost")
    p.add_argument("device", help="the device id (see `safeconf-hq devices`)")
    p.add_argument("--recovery-key", type=Path, default=None, metavar="FILE",
                   help=f"the recovery private key (default: {recovery_key.PRIVATE_NAME} in "
                        "the data directory; production HQs keep it offline)")

    p = sub.add_parser("enroll", parents=[common], help="issue a one-time enrollment code")
    p.add_argument("--worker", required=True)
    p.add_argument("--expires-hours", type=float, default=72.0)
    p.add_argument("--url", default=None, help="sync URL devices use (https://HOST:PORT)")
    p.add_argument("--enroll-url", default=None, help="enrollment URL (default: port + 1)")
    p.add_argument("--qr", type=Path, default=None, help="QR PNG path")

    p = sub.add_parser("codes", help="list or cancel enrollment codes")
    csub = p.add_subparsers(dest="codes_command", required=True)
    csub.add_parser("list", parents=[common],
                    help="the codes issued, newest first (never their secrets)")
    c = csub.add_parser("cancel", parents=[common], help="make an unused code stop working")
    c.add_argument("code_id", help="the code id (the part before the dot; see `codes list`)")

    p = sub.add_parser("serve", parents=[common], help="run the sync and enrollment listeners")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port")
    p.add_argument("--enroll-port", type=int, default=-1, help="default: --port + 1")
    p.add_argument("--retention-days", type=float, default=365.0,
                   help="closed cases are purged from devices this long after closing")
    p.add_argument("--enroll-rate-limit", type=int, default=enrollment.RATE_LIMIT,
                   help="enrollment attempts allowed per source address per minute")
    defaults = ConnectionLimits()
    p.add_argument("--handshake-timeout", type=float, default=defaults.handshake_timeout,
                   metavar="S", help="seconds a client has to finish the TLS handshake")
    p.add_argument("--header-timeout", type=float, default=defaults.header_timeout,
                   metavar="S", help="seconds to send a complete request head (line and "
                                     "headers), from the handshake or the request's first byte")
    p.add_argument("--idle-timeout", type=float, default=defaults.idle_timeout, metavar="S",
                   help="seconds a kept-alive connection may wait for its next request")
    p.add_argument("--request-timeout", type=float, default=defaults.request_timeout,
                   metavar="S", help="seconds for one request, from its head to the client "
                                     "taking up the answer")
    p.add_argument("--max-connections", type=int, default=defaults.max_connections,
                   metavar="N", help="connections the sync listener holds at once (counting "
                                     "handshakes); more are closed at once")
    p.add_argument("--max-connections-per-address", type=int,
                   default=defaults.max_per_address, metavar="N",
                   help="of those, how many one source address may hold (0: no limit; set "
                        "0 behind a load balancer that hides client addresses)")
    p.add_argument("--enroll-max-connections", type=int,
                   default=DEFAULT_ENROLL_MAX_CONNECTIONS, metavar="N",
                   help="the same for the enrollment listener")
    p.add_argument("--enroll-max-connections-per-address", type=int,
                   default=DEFAULT_ENROLL_MAX_PER_ADDRESS, metavar="N",
                   help="the same for the enrollment listener")
    p.add_argument("--log-repeat-window", type=float, default=DEFAULT_WINDOW_S, metavar="S",
                   help="a repeated warning or error is logged once per window, then with "
                        "its count")
    notify_cli.add_serve_options(p)
    p.add_argument("--console-port", type=int, default=-1, metavar="PORT",
                   help="the web console's listener (default: --port + 2; 0 picks a free "
                        "port; -2: no console)")
    p.add_argument("--console-cert", type=Path, default=None, metavar="PEM",
                   help="the console's certificate chain, e.g. the agency's own (default: "
                        "HQ's server certificate)")
    p.add_argument("--console-key", type=Path, default=None, metavar="PEM",
                   help="the private key of --console-cert")
    p.add_argument("--console-origin", default=None, metavar="URL",
                   help="https://HOST:PORT as browsers reach the console (passkeys are bound "
                        "to its host name; default: https://localhost:PORT)")
    p.add_argument("--console-idle-timeout", type=float, default=900.0, metavar="S",
                   help="a console session unused this many seconds ends (default 900)")

    p = sub.add_parser("revoke", parents=[common], help="revoke a device")
    p.add_argument("device")
    p.add_argument("--wipe", action="store_true", help="also tell the device to wipe its data")

    sub.add_parser("devices", parents=[common], help="list enrolled devices")

    p = sub.add_parser("staff-acknowledgments", parents=[common],
                       help="list workers' staff confidentiality acknowledgments",
                       description="List every worker with their last acknowledgment of the "
                                   "staff confidentiality terms and whether one is due (never "
                                   "acknowledged, or 12 months or more ago).")
    p.add_argument("--due", action="store_true", help="list only workers who are due")
    p.add_argument("--as-of", metavar="TIME",
                   help="judge who is due at this UTC time (ISO-8601) instead of now")

    p = sub.add_parser("conflicts", parents=[common],
                       help="review changes HQ kept for review instead of taking them",
                       description="List the changes HQ kept for review instead of taking "
                                   "them (ids, devices, workers, case numbers and reasons; "
                                   "never record content), or show or resolve one.")
    p.add_argument("--all", action="store_true", help="include resolved conflicts")
    csub = p.add_subparsers(dest="conflicts_command", metavar="{show,resolve}")
    c = csub.add_parser("show", parents=[common_below],
                        help="both versions of one conflict (PRINTS RECORD CONTENT)",
                        description="Show the device's version and HQ's current copy field "
                                    "by field (only the fields that differ, plus a note's "
                                    "section or an attendee's role). This prints record "
                                    "content — names, note text — for the reviewer: keep it "
                                    "off shared screens and out of logs.")
    c.add_argument("id", help="the conflict id (see `safeconf-hq conflicts`)")
    c.add_argument("--as", dest="actor", metavar="NAME", required=True,
                   help="who reads it: HQ staff with the administrator or legal role (the "
                        "read is recorded in HQ's audit log)")
    c = csub.add_parser("resolve", parents=[common_below],
                        help="settle one conflict by keeping HQ's copy or the device's",
                        description="--keep hq: HQ's copy stays, the conflict is marked "
                                    "reviewed. --keep device: the device's version becomes "
                                    "HQ's next version of the record and reaches the laptops "
                                    "of the case's workers at their next sync (not for "
                                    "insert-only records, sealed cases or cases assigned to "
                                    "nobody). Either way your login and the time are "
                                    "recorded, and nothing is deleted.")
    c.add_argument("id", help="the conflict id (see `safeconf-hq conflicts`)")
    c.add_argument("--keep", required=True, choices=conflicts.KEEP_CHOICES)
    c.add_argument("--note", default=None, metavar="TEXT",
                   help="why (kept with the resolution; shown by `show`, never in the list)")

    p = sub.add_parser("legal-reviews", help="list, show and answer legal review requests",
                       description="Workers' questions to legal about disclosures the policy "
                                   "sent to legal review. The list shows ids, cases, dates "
                                   "and status only; `show` prints the request in full.")
    lsub = p.add_subparsers(dest="legal_command", required=True)
    c = lsub.add_parser("list", parents=[common], help="list the requests HQ holds")
    c.add_argument("--open", action="store_true", help="only those not yet answered")
    c.add_argument("--case", metavar="NUMBER", help="only this case's requests")
    c = lsub.add_parser("show", parents=[common],
                        help="one request in full (PRINTS CASE CONTENT)",
                        description="The request with its question, recipient and proposed "
                                    "redactions, and legal's answer if there is one. This "
                                    "prints case content: keep it off shared screens.")
    c.add_argument("id", help="the review id (see `safeconf-hq legal-reviews list`)")
    c.add_argument("--as", dest="actor", metavar="NAME", required=True,
                   help="who reads it: HQ staff with the legal or legal_director role (the "
                        "read is recorded in HQ's audit log)")
    c = lsub.add_parser("answer", parents=[common], help="answer one open request",
                        description="Store legal's answer; the laptops of the case receive "
                                    "it at their next sync. A request is answered once.")
    c.add_argument("id", help="the review id (see `safeconf-hq legal-reviews list`)")
    c.add_argument("--advice", required=True, metavar="TEXT",
                   help="legal's advice to the worker (required with every answer)")
    kind = c.add_mutually_exclusive_group(required=True)
    kind.add_argument("--release-with-redactions", dest="answer", action="store_const",
                      const=LegalAnswer.RELEASE_WITH_REDACTIONS,
                      help="the disclosure may go, with the proposed redactions and any "
                           "--withhold passages")
    kind.add_argument("--refuse", dest="answer", action="store_const",
                      const=LegalAnswer.REFUSE, help="the disclosure must not be made")
    kind.add_argument("--advice-only", dest="answer", action="store_const",
                      const=LegalAnswer.ADVICE, help="advice; nothing is released by it")
    c.add_argument("--withhold", action="append", default=[], metavar="TEXT",
                   help="a further passage to withhold (repeatable; only with "
                        "--release-with-redactions)")
    c.add_argument("--by", required=True, metavar="NAME",
                   help="who in legal gives this answer")

    requests_cli.add_parsers(sub, common)
    notify_cli.add_parsers(sub, common)
    incidents_cli.add_parsers(sub, common)
    ack_verify_cli.add_parsers(sub, common)

    p = sub.add_parser("cases", help="import and manage cases")
    csub = p.add_subparsers(dest="cases_command", required=True)
    c = csub.add_parser("import", parents=[common], help="import cases from CSV")
    c.add_argument("file", type=Path)
    for name in ("assign", "unassign"):
        c = csub.add_parser(name, parents=[common])
        c.add_argument("case_number")
        c.add_argument("worker")
    for name in ("seal", "unseal", "close", "reopen"):
        c = csub.add_parser(name, parents=[common])
        c.add_argument("case_number")
    staff_cli.add_parsers(sub, common)
    users_cli.add_parsers(sub, common)
    return parser


def _data_dir(args: argparse.Namespace) -> DataDir:
    path = args.data_dir or (Path(os.environ[DATA_DIR_ENV]) if DATA_DIR_ENV in os.environ
                             else None)
    if path is None:
        raise AdminError(f"Say where HQ's data is: --data-dir DIR or ${DATA_DIR_ENV}.")
    return DataDir(path)


def _database(data_dir: DataDir, args: argparse.Namespace) -> Database:
    db = Database(data_dir.database_url(args.database))
    db.check_schema()
    return db


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    os.umask(0o077)  # the database, keys and QR codes are for HQ's eyes only
    try:
        return _run(args)
    except AdminError as exc:
        # Messages can quote a device's record or a CSV cell: escaped, like all such text.
        print(f"safeconf-hq: {termsafe.safe_lines(str(exc))}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"safeconf-hq: {termsafe.safe_lines(str(exc))}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        print(f"safeconf-hq: cannot use the HQ database ({exc.orig})", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    if args.command == "init":
        hosts = args.hosts or list(DEFAULT_HOSTS)
        if data_dir.ca_cert.exists() or data_dir.ca_key.exists():
            initialise(data_dir.path, hosts, args.database)  # refuses, with the reason
        data_dir.path.mkdir(parents=True, exist_ok=True)
        # Tables first: if the database is unreachable, nothing is half made and init can
        # simply be run again.
        db = Database(data_dir.database_url(args.database))
        try:
            db.create_schema()
        finally:
            db.dispose()
        initialise(data_dir.path, hosts, args.database)
        print(f"HQ initialised in {data_dir.path}")
        print(f"CA fingerprint (sha256): {data_dir.load_ca().fingerprint}")
        print(f"Recovery private key: {data_dir.recovery_key} (move it offline; see "
              "docs/hq.md)")
        return 0
    data_dir.config()  # a clear message if this is not an HQ data directory
    db = _database(data_dir, args)
    try:
        return _command(args, data_dir, db)
    finally:
        db.dispose()


def _command(args: argparse.Namespace, data_dir: DataDir, db: Database) -> int:
    if args.command == "enroll":
        sync_url = args.url or f"https://{data_dir.hosts()[0]}:{DEFAULT_PORT}"
        enroll_url = args.enroll_url or enrollment.default_enroll_url(sync_url)
        issued = enrollment.issue_code(db, data_dir.load_ca(), args.worker, sync_url, enroll_url,
                                       timedelta(hours=args.expires_hours))
        qr_path = args.qr or data_dir.path / f"enroll-{args.worker}.png"
        enrollment.write_qr(issued.uri, qr_path)
        print(issued.uri)
        print(f"QR code: {qr_path} (valid until {issued.expires_at}; single use)",
              file=sys.stderr)
        return 0
    if args.command == "codes":
        if args.codes_command == "list":
            print(enrollment.format_codes(enrollment.list_codes(db)))
        else:
            done = enrollment.cancel_code(db, args.code_id)
            print(f"Enrollment code {done.code_id} for {termsafe.safe(done.worker_id)} "
                  "cancelled; it no longer works.")
        return 0
    if args.command == "serve":
        import asyncio

        from safeconf.hq.server import ConsoleOptions, serve

        logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")

        def announce(line: str) -> None:
            print(line, flush=True)

        timeouts = {"handshake_timeout": args.handshake_timeout,
                    "header_timeout": args.header_timeout, "idle_timeout": args.idle_timeout,
                    "request_timeout": args.request_timeout}
        limits = ConnectionLimits(**timeouts, max_connections=args.max_connections,
                                  max_per_address=args.max_connections_per_address)
        enroll_limits = ConnectionLimits(
            **timeouts, max_connections=args.enroll_max_connections,
            max_per_address=args.enroll_max_connections_per_address)
        if not 0 < args.log_repeat_window <= 86_400:
            raise ValueError("--log-repeat-window must be between 0 and 86400 s.")
        if (args.console_cert is None) != (args.console_key is None):
            raise ValueError("--console-cert and --console-key go together.")
        if not 10 <= args.console_idle_timeout <= 86_400:
            raise ValueError("--console-idle-timeout must be between 10 and 86400 s.")
        console = None if args.console_port == -2 else ConsoleOptions(
            args.console_port, args.console_cert, args.console_key, args.console_origin,
            ConnectionLimits(**timeouts, max_connections=args.max_connections,
                             max_per_address=args.max_connections_per_address),
            timedelta(seconds=args.console_idle_timeout))
        asyncio.run(serve(data_dir, db, args.host, args.port, args.enroll_port,
                          timedelta(days=args.retention_days), announce,
                          args.enroll_rate_limit, limits, enroll_limits,
                          args.log_repeat_window, notify_cli.serve_settings(args), console))
        return 0
    if args.command == "init-recovery":
        data_dir.init_recovery()
        print(f"Recovery key pair created; private key: {data_dir.recovery_key} (move it "
              "offline; see docs/hq.md). Restart `safeconf-hq serve` so laptops enrolled "
              "from now on get it.")
        return 0
    if args.command == "recover":
        key = recovery_key.load_private(args.recovery_key or data_dir.recovery_key)
        code = recovery.recover(db, args.device, key)
        print(code)
        print(f"Read this code to the caseworker of device {args.device}; they run "
              "`safeconf recover` and type it. It opens their vault: do not write it down "
              "or send it by email. This recovery was recorded.", file=sys.stderr)
        return 0
    if args.command == "revoke":
        devices.revoke(db, args.device, args.wipe)
        print(f"Device {args.device} revoked" + (" and told to wipe." if args.wipe else "."))
        return 0
    if args.command == "devices":
        print(devices.format_table(devices.all_devices(db)))
        return 0
    if args.command == "staff-acknowledgments":
        moment = clock.parse(args.as_of) if args.as_of else clock.now()
        rows = staff_acknowledgments.standings(db, moment)
        print(staff_acknowledgments.format_table([r for r in rows if r.due or not args.due]))
        return 0
    if args.command == "cases":
        return _cases(args, db)
    if args.command == "conflicts":
        return _conflicts(args, db)
    if args.command == "legal-reviews":
        return _legal_reviews(args, db)
    if args.command in staff_cli.COMMANDS:
        return staff_cli.run(args, db)
    if args.command in users_cli.COMMANDS:
        return users_cli.run(args, db, data_dir)
    if args.command == "requests":
        return requests_cli.run(args, db)
    if args.command == "notifications":
        return notify_cli.run(args, db)
    if args.command == incidents_cli.COMMAND:
        return incidents_cli.run(args, db)
    if args.command == ack_verify_cli.COMMAND:
        return ack_verify_cli.run(args, db, cert_pem(data_dir.load_ca().cert))
    raise AdminError(f"unknown command {args.command}")


def _conflicts(args: argparse.Namespace, db: Database) -> int:
    action = args.conflicts_command
    if action is None:
        print(conflicts.format_table(conflicts.list_conflicts(db, args.all), args.all))
    elif action == "show":
        conflict_id = conflicts.parse_id(args.id)
        detail = admin_audit.read_as(db, args.actor, (hq_staff.ADMINISTRATOR, hq_staff.LEGAL),
                                     "conflict", str(conflict_id),
                                     lambda: conflicts.load(db, conflict_id))
        print(conflicts.format_detail(detail))
    elif action == "resolve":
        conflict_id = conflicts.parse_id(args.id)
        done = conflicts.resolve(db, conflict_id, args.keep, args.note)
        if done.kept == "hq":
            kept = "HQ's copy stays; the device's version remains kept with the conflict"
        else:
            kept = (f"the device's version is now HQ's version {done.new_version} of the "
                    "record; laptops of the case's workers receive it at their next sync")
        print(f"Conflict {conflict_id} resolved: {kept}. Recorded as resolved by "
              f"{done.resolved_by}.")
    return 0


def _legal_reviews(args: argparse.Namespace, db: Database) -> int:
    action = args.legal_command
    if action == "list":
        number = cases.stored_number(db, args.case) if args.case else None
        case_id = cases.case_id_for(db, number) if number else None
        rows = legal_reviews.list_reviews(db, args.open, case_id)
        print(legal_reviews.format_table(rows, args.open, number))
    elif action == "show":
        review_id = args.id.strip().lower()  # recorded as stored, whatever the spelling
        review = admin_audit.read_as(db, args.actor, (hq_staff.LEGAL, hq_staff.LEGAL_DIRECTOR),
                                     "legal_review", review_id,
                                     lambda: legal_reviews.show(db, review_id))
        print(legal_reviews.format_detail(review))
    elif action == "answer":
        if args.withhold and args.answer is not LegalAnswer.RELEASE_WITH_REDACTIONS:
            raise AdminError("--withhold names passages to withhold from a release; use it "
                             "with --release-with-redactions. Nothing was stored.")
        done = legal_reviews.answer(db, args.id, args.answer, args.advice,
                                    tuple(args.withhold), args.by)
        print(f"Legal review {done.review_id} answered "
              f"({legal_reviews.ANSWER_WORDS[done.answer]}) as record {done.id}; the "
              "laptops of the case receive it at their next sync.")
    return 0


def _cases(args: argparse.Namespace, db: Database) -> int:
    action = args.cases_command
    if action == "import":
        count = cases.import_cases(db, cases.read_cases_csv(args.file))
        print(f"Imported {count} cases.")
        return 0
    # Typed numbers are compared by their normal form (`2026-001` = `２０２６-００１`).
    number = cases.stored_number(db, args.case_number)
    if action == "assign":
        cases.assign(db, number, args.worker)
        print(f"Case {number} assigned to {args.worker}.")
    elif action == "unassign":
        cases.unassign(db, number, args.worker)
        print(f"Case {number} unassigned from {args.worker}.")
    elif action in ("seal", "unseal"):
        cases.set_sealed(db, number, action == "seal")
        print(f"Case {number} {action}ed.")
    elif action in ("close", "reopen"):
        cases.set_closed(db, number, action == "close")
        print(f"Case {number} {'closed' if action == 'close' else 'reopened'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
