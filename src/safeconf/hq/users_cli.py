"""`safeconf-hq users`: console sign-in accounts. `add` gives a person a role (if they lack
it) and prints their one-time setup link; `reset` is for a lost authenticator; `list` shows
who can sign in with what."""

from __future__ import annotations

import argparse

from safeconf.hq import staff
from safeconf.hq.console.auth import accounts
from safeconf.hq.datadir import DEFAULT_PORT, DataDir
from safeconf.hq.db import Database

COMMANDS = ("users",)

_AS_HELP = "who does this: an HQ administrator's sign-in name (recorded in the audit log)"
_URL_HELP = ("the console's address as browsers reach it, https://HOST:PORT (default: "
             f"https://HOST:{DEFAULT_PORT + 2} with HOST the first name HQ's certificate "
             "names); the setup link starts with it")


def add_parsers(sub: argparse._SubParsersAction,  # type: ignore[type-arg,unused-ignore]
                common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("users", help="console sign-in accounts and their setup links",
                       description="Who signs in to HQ's web console. `add` prints a "
                                   "one-time setup link (valid 72 hours) with which the "
                                   "person registers a passkey or TOTP; `reset` replaces "
                                   "a lost authenticator.")
    usub = p.add_subparsers(dest="users_command", required=True)
    c = usub.add_parser("add", parents=[common],
                        help="give a person a role if needed and print their setup link")
    c.add_argument("name", help="their sign-in name, e.g. r.ortiz")
    c.add_argument("--email", required=True, help="their work address (name@agency.example)")
    c.add_argument("--role", required=True, choices=staff.SIGN_IN_ROLES)
    c.add_argument("--as", dest="actor", metavar="ADMIN",
                   help=_AS_HELP + "; not needed for HQ's very first administrator")
    c.add_argument("--console-url", metavar="URL", help=_URL_HELP)
    c = usub.add_parser("reset", parents=[common],
                        help="remove a person's passkeys, TOTP and recovery codes, sign them "
                             "out, and print a new setup link")
    c.add_argument("name")
    c.add_argument("--as", dest="actor", metavar="ADMIN", required=True, help=_AS_HELP)
    c.add_argument("--console-url", metavar="URL", help=_URL_HELP)
    usub.add_parser("list", parents=[common], help="accounts and their sign-in methods")


def _origin(args: argparse.Namespace, data_dir: DataDir) -> str:
    if args.console_url:
        url = str(args.console_url).rstrip("/")
        if not url.startswith("https://"):
            raise ValueError("--console-url must be https://HOST[:PORT].")
        return url
    hosts = data_dir.hosts()
    names = [h for h in hosts if not h.replace(".", "").isdigit() and ":" not in h]
    return f"https://{(names or hosts)[0]}:{DEFAULT_PORT + 2}"


def run(args: argparse.Namespace, db: Database, data_dir: DataDir) -> int:
    if args.users_command == "list":
        print(accounts.format_table(accounts.list_accounts(db)))
        return 0
    origin = _origin(args, data_dir)
    if args.users_command == "add":
        link = accounts.create(db, args.name, args.email, args.role, args.actor,
                               origin=origin)
    else:
        link = accounts.reset(db, args.name, args.actor, origin=origin)
        print(f"{link.name}'s passkeys, TOTP and recovery codes were removed and they were "
              "signed out everywhere.")
    print(link.url)
    print(f"This setup link is for {link.name} and works once, until {link.expires_at}. "
          "Hand it over in person or read it out by phone, not by email: whoever opens it "
          "first sets up the sign-in.")
    return 0
