"""`safeconf`: with no arguments the desktop app; subcommands for IT staff and scripts.

The passphrase comes from a prompt, or from SAFECONF_PASSPHRASE for automation
(SAFECONF_NEW_PASSPHRASE for the new one in `passwd` and `recover`; SAFECONF_RECOVERY_CODE for
the code in `recover`).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from safeconf import __version__
from safeconf.app.process_guard import forbid_core_dumps
from safeconf.app.session import UnlockThrottled, VaultSession
from safeconf.paths import default_data_dir
from safeconf.vault.device_secret import SecretStore, SystemKeyring
from safeconf.vault.errors import VaultError, WrongPassphrase
from safeconf.vault.passphrase_policy import check_new_passphrase
from safeconf.vault.vault import Vault

NO_KEYRING_WARNING = (
    "warning: no system keyring is available, so this vault is protected by the passphrase "
    "alone. On a laptop, log in to a desktop session with a keyring (GNOME Keyring, KWallet, "
    "Windows Credential Locker or macOS Keychain) before creating the vault."
)


class CliError(Exception):
    """A failure to report as one line on stderr, with exit status 1."""


def main(argv: Sequence[str] | None = None) -> int:
    forbid_core_dumps()  # before any passphrase is read or key derived
    os.umask(0o077)
    args = _parser().parse_args(argv)
    data_dir: Path = (args.data_dir or default_data_dir()).expanduser()
    secrets = SystemKeyring()
    try:
        if args.command is None:
            return _run_app(data_dir, secrets)
        return int(args.handler(args, data_dir, secrets))
    except Exception as exc:
        if not _is_users_to_fix(exc):
            raise
        print(f"safeconf: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("safeconf: interrupted; nothing more was changed.", file=sys.stderr)
        return 130


def _is_users_to_fix(exc: Exception) -> bool:
    """Errors whose message tells the user what to do; anything else is a bug to show."""
    if isinstance(exc, VaultError | CliError | ValueError):
        return True
    # Imported here: the sync stack (httpx, TLS) is not needed to start the app.
    from safeconf.sync.errors import SyncError

    return isinstance(exc, SyncError)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="safeconf",
        description="Child Safety Conference records in an encrypted vault. "
        "Without a command, starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"safeconf {__version__}")
    parser.add_argument("--data-dir", type=Path, help="vault folder (default: %(default)s)",
                        default=None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help="create a new, empty vault")
    init.add_argument("--user", help="worker id recorded in the audit log (default: login)")
    init.set_defaults(handler=_init)

    check = commands.add_parser("check", help="unlock and verify the vault and its audit chain")
    check.set_defaults(handler=_check)

    demo = commands.add_parser("demo", help="create a vault filled with fictional training data")
    demo.add_argument("--extra-conferences", type=int, default=0, metavar="N",
                      help="also add N generated conferences (for trying large lists)")
    demo.set_defaults(handler=_demo)

    passwd = commands.add_parser("passwd", help="change the vault's passphrase")
    passwd.set_defaults(handler=_passwd)

    enroll = commands.add_parser("enroll", help="enroll this laptop with HQ using its code")
    enroll.add_argument("code", help="the safeconf:enroll?… code HQ issued (one line)")
    enroll.add_argument("--again", action="store_true",
                        help="enroll an already enrolled laptop again (certificate expired, "
                             "or HQ let a revoked laptop back) with a new code, keeping its "
                             "unsent changes")
    enroll.set_defaults(handler=_enroll)

    sync = commands.add_parser("sync", help="exchange records with HQ (exit 0 when all done)")
    sync.set_defaults(handler=_sync)

    recover = commands.add_parser(
        "recover", help="forgotten passphrase: reopen the vault with a recovery code from IT")
    recover.set_defaults(handler=_recover)

    from safeconf.disclose_cli import add_parser as add_disclose

    disclose_check = add_disclose(commands, _unlock)
    from safeconf.losses_cli import add_parsers as add_reports

    reports = add_reports(commands, _unlocked_session)

    for sub in (init, check, demo, passwd, enroll, sync, recover, disclose_check, *reports):
        sub.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS,
                         help="vault folder (default: the platform's user data folder)")
    return parser


def _run_app(data_dir: Path, secrets: SecretStore) -> int:
    from safeconf.ui.main import run_app

    return run_app(data_dir, secrets)


def _init(args: argparse.Namespace, data_dir: Path, secrets: SecretStore) -> int:
    _refuse_existing(data_dir)
    _warn_without_keyring(secrets)
    passphrase = _new_passphrase("SAFECONF_PASSPHRASE", "New vault passphrase: ")
    vault = Vault.create(data_dir, passphrase, secrets, user=args.user)
    print(f"Created an empty vault in {data_dir}")
    vault.close()
    return 0


def _check(_args: argparse.Namespace, data_dir: Path, secrets: SecretStore) -> int:
    _warn_without_keyring(secrets)
    vault = _unlock(data_dir, secrets)
    try:
        results = vault.check()
    finally:
        vault.close()
    print(f"Vault {data_dir}")
    for result in results:
        print(f"  [{'ok' if result.ok else 'FAILED'}] {result.name}: {result.detail}")
    sound = all(r.ok for r in results)
    print("The vault is sound." if sound else "The vault is NOT sound; contact IT.")
    return 0 if sound else 1


def _demo(args: argparse.Namespace, data_dir: Path, secrets: SecretStore) -> int:
    from safeconf.app.demo_vault import fill_demo_vault

    _refuse_existing(data_dir)
    if args.extra_conferences < 0:
        raise CliError("--extra-conferences cannot be negative.")
    _warn_without_keyring(secrets)
    passphrase = _new_passphrase("SAFECONF_PASSPHRASE", "New demo vault passphrase: ")
    vault = Vault.create(data_dir, passphrase, secrets, user="demo.facilitator")
    try:
        count = fill_demo_vault(vault, extra_conferences=args.extra_conferences)
    finally:
        vault.close()
    print(f"Created a demo vault with {count} fictional records in {data_dir}")
    return 0


def _passwd(_args: argparse.Namespace, data_dir: Path, secrets: SecretStore) -> int:
    from safeconf.sync.escrow_renewal import reseal_escrow

    session = _throttled_session(data_dir, secrets)
    old = _passphrase("SAFECONF_PASSPHRASE", "Current passphrase: ")
    # Both are asked before unlocking, so a refused new one costs no unlock attempt.
    new = _new_passphrase("SAFECONF_NEW_PASSPHRASE", "New passphrase: ")
    vault = _unlock_session(session, old)
    try:
        rekeys = not vault.uses_device_secret
        if rekeys:
            print("This vault has no keyring secret, so its data is re-encrypted under a new "
                  "key; do not turn the laptop off.", file=sys.stderr)
        vault.change_passphrase(old, new, secrets, reseal_escrow=reseal_escrow,
                                progress=_Progress("Re-encrypting the vault"))
    finally:
        vault.close()
    if rekeys:
        print("Passphrase changed and the data re-encrypted under a new key: an old copy of "
              "vault.keys opens nothing with the old passphrase."
              + (" HQ's escrow copy is renewed at the next sync." if vault.escrow else ""))
    else:
        print("Passphrase changed and this laptop's keyring secret replaced: an old copy of "
              "vault.keys opens nothing with the old passphrase.")
    return 0


def _enroll(args: argparse.Namespace, data_dir: Path, secrets: SecretStore) -> int:
    from safeconf.sync.engine import enroll_vault

    vault = _unlock(data_dir, secrets)
    try:
        enrollment = enroll_vault(vault, args.code.strip(), again=args.again)
    finally:
        vault.close()
    print(("Enrolled again" if args.again else "Enrolled")
          + f" with HQ as device {enrollment.device_id} of worker {enrollment.worker_id}.")
    if enrollment.replaces is not None:
        print(f"It continues device {enrollment.replaces}: unsent changes will be sent at the "
              "next sync.")
    if enrollment.recovery_public_key_pem is None:
        print("warning: HQ has no recovery key, so no escrow copy of this vault's key was "
              "made: a forgotten passphrase cannot be recovered. Tell IT.", file=sys.stderr)
    return 0


def _recover(_args: argparse.Namespace, data_dir: Path, secrets: SecretStore) -> int:
    from safeconf.sync import recovery_code

    if not Vault.exists(data_dir):
        raise CliError(f"there is no vault in {data_dir} to recover; use --data-dir.")
    # The code is checked (typos) before the new passphrase is asked for.
    data_key = recovery_code.decode(_secret_input("SAFECONF_RECOVERY_CODE", "Recovery code: "))
    _warn_without_keyring(secrets)
    new = _new_passphrase("SAFECONF_NEW_PASSPHRASE", "New passphrase: ")
    from safeconf.sync.escrow_renewal import reseal_escrow

    vault = Vault.recover(data_dir, data_key, new, secrets, reseal_escrow=reseal_escrow,
                          progress=_Progress("Re-encrypting the vault"))
    try:
        from safeconf.sync.engine import restore_escrow_entry

        restore_escrow_entry(vault)
    finally:
        vault.close()
    print("Vault recovered: it now opens with the new passphrase"
          + (" and this laptop's keyring." if vault.uses_device_secret else " alone.")
          + " Your records were kept.")
    return 0


def _sync(_args: argparse.Namespace, data_dir: Path, secrets: SecretStore) -> int:
    from safeconf.sync.engine import SyncEngine

    vault = _unlock(data_dir, secrets)
    try:
        report = SyncEngine(vault, secrets).run()
        left = vault.sync.pending_count() if vault.is_open else 0
    finally:
        if vault.is_open:
            vault.close()
    print(
        f"Synced: sent {report.pushed}, received {report.pulled}, "
        f"removed {report.purged_cases} withdrawn case(s)"
        + (f", {report.push_conflicts + report.pull_conflicts} conflict(s) kept for review"
           if report.push_conflicts + report.pull_conflicts else "")
        + (", certificate renewed" if report.renewed else "")
        + "."
    )
    if left:
        print(f"{left} change(s) made during the sync wait for the next one.", file=sys.stderr)
        return 1
    return 0


class _Progress:
    """Prints how far a long job is, to stderr, every tenth of the way."""

    def __init__(self, what: str) -> None:
        self._what = what
        self._shown = -1

    def __call__(self, done: int, total: int) -> None:
        tenth = 10 if total <= 0 else min(10, done * 10 // total)
        if tenth > self._shown:
            self._shown = tenth
            print(f"{self._what}: {tenth * 10}% ({done} of {total} pages)", file=sys.stderr,
                  flush=True)


def _refuse_existing(data_dir: Path) -> None:
    if Vault.exists(data_dir):
        raise CliError(
            f"a vault already exists in {data_dir}; it was left untouched. "
            "Use --data-dir for another folder."
        )


def _warn_without_keyring(secrets: SecretStore) -> None:
    if not secrets.is_available:
        print(NO_KEYRING_WARNING, file=sys.stderr)


def _unlock(data_dir: Path, secrets: SecretStore) -> Vault:
    """Open the vault with SAFECONF_PASSPHRASE or a prompt, through the same back-off as
    the desktop app (failures here and there count together)."""
    session = _throttled_session(data_dir, secrets)
    return _unlock_session(session, _passphrase("SAFECONF_PASSPHRASE", "Passphrase: "))


def _unlocked_session(data_dir: Path, secrets: SecretStore) -> VaultSession:
    session = _throttled_session(data_dir, secrets)
    _unlock_session(session, _passphrase("SAFECONF_PASSPHRASE", "Passphrase: "))
    return session


def _throttled_session(data_dir: Path, secrets: SecretStore) -> VaultSession:
    """A session for unlocking, refused (`UnlockThrottled`) before any passphrase is asked
    for while the back-off lasts."""
    session = VaultSession(data_dir, secrets)
    wait = session.throttle.seconds_to_wait()
    if wait > 0:
        raise UnlockThrottled(wait)
    return session


def _unlock_session(session: VaultSession, passphrase: str) -> Vault:
    try:
        session.unlock(passphrase)
    except WrongPassphrase as wrong:
        wait = session.throttle.seconds_to_wait()
        if wait > 0:  # this failure started (or lengthened) the back-off
            raise CliError(f"{wrong} {UnlockThrottled(wait)}") from wrong
        raise
    return session.vault


def _passphrase(env: str, prompt: str) -> str:
    return _secret_input(env, prompt, "the passphrase")


def _secret_input(env: str, prompt: str, what: str = "the recovery code") -> str:
    from_env = os.environ.get(env)
    if from_env is not None:
        return from_env
    if not sys.stdin.isatty():
        raise CliError(f"no terminal to ask for {what}; set {env} for scripts.")
    return getpass.getpass(prompt)


def _new_passphrase(env: str, prompt: str) -> str:
    """A new passphrase, refused (`WeakPassphrase`) before anything else happens when the
    strength meter would rate it below Fair — from the variable as from the prompt."""
    from_env = os.environ.get(env)
    if from_env is not None:
        check_new_passphrase(from_env)
        return from_env
    first = _passphrase(env, prompt)
    check_new_passphrase(first)  # before asking for it again
    if getpass.getpass("Repeat it: ") != first:
        raise CliError("the two passphrases differ; nothing was changed.")
    return first


if __name__ == "__main__":
    raise SystemExit(main())
