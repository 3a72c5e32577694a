"""A vault: one user's encrypted store in one data directory (DESIGN §3).

`vault.keys` holds the wrapped data key; `vault.db` is the SQLCipher database. Opening needs
the passphrase and, where the vault was made with one, the device secret in the OS keyring.
"""

from __future__ import annotations

import contextlib
import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from safeconf.domain import ack_signature
from safeconf.domain.ids import new_id
from safeconf.domain.records import Case
from safeconf.domain.termsafe import safe
from safeconf.vault import keys, rekey, revision_history
from safeconf.vault.audit import AuditLog
from safeconf.vault.compaction import compact_legacy_revisions
from safeconf.vault.database import Database
from safeconf.vault.device_secret import SecretStore, account
from safeconf.vault.errors import (
    DeviceSecretMissing,
    NoVault,
    VaultCorrupt,
    VaultError,
    VaultExists,
    VaultLocked,
    WrongRecoveryCode,
)
from safeconf.vault.keys import KdfParams
from safeconf.vault.migrations import SCHEMA_VERSION

# Re-exported: callers imported the minimum length from here before the rule had a module.
from safeconf.vault.passphrase_policy import MIN_PASSPHRASE_CHARS as MIN_PASSPHRASE_CHARS
from safeconf.vault.passphrase_policy import check_new_passphrase
from safeconf.vault.records import (
    AcknowledgmentRepository,
    AttendeeRepository,
    BreachReportRepository,
    CaseRepository,
    ConferenceRepository,
    ConsentRepository,
    DisclosureRepository,
    InterviewPermissionRepository,
    LegalRequestDocumentRepository,
    LegalRequestEventRepository,
    LegalRequestRepository,
    LegalReviewAnswerRepository,
    LegalReviewRepository,
    LossReportRepository,
    NoteRepository,
    NoticeReceiptRepository,
    PersonRepository,
    RecordStore,
    StaffAcknowledgmentRepository,
    stored_text,
)
from safeconf.vault.search import SearchHit, catch_up, search
from safeconf.vault.signing import SigningKey
from safeconf.vault.sync_store import SyncStore

DB_NAME = "vault.db"
RECOVERY_STEPS = (
    "Ask IT for a recovery code made from HQ's escrow copy of this laptop's key, then run "
    "`safeconf recover` and choose a new passphrase; your records are kept."
)
KEYS_NAME = "vault.keys"
# Given the vault and a new data key, the escrow entry sealed to HQ's recovery key for it (or
# None when the vault has no recovery key). It lives in `sync`, which the vault cannot import.
EscrowSealer = Callable[["Vault", bytes], "dict[str, Any] | None"]
# (pages done, pages total) while the database is copied under a new key.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


class Vault:
    def __init__(self, data_dir: Path, db: Database, key_file: keys.KeyFile,
                 data_key: bytes | None = None) -> None:
        self.data_dir = data_dir
        self._db = db
        self._key_file = key_file
        # Held only while unlocked, so enrollment can seal the escrow copy; dropped on lock.
        self._data_key = data_key
        meta: dict[str, str] = dict(db.rows("SELECT key, value FROM meta"))
        if meta.get("vault_id") != key_file.vault_id:
            db.close()
            raise VaultCorrupt("The vault's key file and database do not belong together.")
        self.vault_id: str = meta["vault_id"]
        self.device_id: str = meta["device_id"]
        self.user: str = meta["user"]
        self.audit = AuditLog(db, actor=self.user, device=self.device_id)
        self.store = RecordStore(db, self.audit, self.device_id)
        self.cases = CaseRepository(self.store)
        self.conferences = ConferenceRepository(self.store)
        self.attendees = AttendeeRepository(self.store)
        self.signing_key = SigningKey(db)
        self.signing_key.ensure()
        self.acknowledgments = AcknowledgmentRepository(self.store, self.signing_key)
        self.notes = NoteRepository(self.store)
        self.interview_permissions = InterviewPermissionRepository(self.store)
        self.consents = ConsentRepository(self.store)
        self.disclosures = DisclosureRepository(self.store)
        self.legal_requests = LegalRequestRepository(self.store)
        self.legal_reviews = LegalReviewRepository(self.store)
        self.legal_review_answers = LegalReviewAnswerRepository(self.store)
        self.legal_request_documents = LegalRequestDocumentRepository(self.store)
        self.legal_request_events = LegalRequestEventRepository(self.store)
        self.loss_reports = LossReportRepository(self.store)
        self.breach_reports = BreachReportRepository(self.store)
        self.notice_receipts = NoticeReceiptRepository(self.store)
        self.staff_acknowledgments = StaffAcknowledgmentRepository(self.store)
        self.people = PersonRepository(self.store)
        self.sync = SyncStore(db, self.store, self.audit)

    # -- creating and opening ------------------------------------------------------

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return (data_dir / KEYS_NAME).exists() or (data_dir / DB_NAME).exists()

    @classmethod
    def create(
        cls,
        data_dir: Path,
        passphrase: str,
        secrets: SecretStore,
        kdf: KdfParams | None = None,
        user: str | None = None,
    ) -> Vault:
        check_new_passphrase(passphrase)
        if cls.exists(data_dir):
            raise VaultExists(str(data_dir))
        os.umask(0o077)
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        vault_id = new_id()
        device_secret = secrets.create(vault_id) if secrets.is_available else None
        data_key = keys.new_data_key()
        key_file = keys.wrap(data_key, passphrase, device_secret, vault_id, kdf or KdfParams())
        db = Database(data_dir / DB_NAME, data_key)
        try:
            db.migrate()
            compact_legacy_revisions(db)
            with db.transaction():
                for key, value in (
                    ("vault_id", vault_id),
                    ("device_id", new_id()),
                    ("user", user or _login_name()),
                ):
                    db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))
            # The key file is written last: until it exists there is no vault to open.
            keys.write_key_file(data_dir / KEYS_NAME, key_file)
        except BaseException:
            db.close()
            raise
        return cls(data_dir, db, key_file, data_key)

    @classmethod
    def open(cls, data_dir: Path, passphrase: str, secrets: SecretStore) -> Vault:
        key_file = cls._read_key_file(data_dir)
        data_key = keys.unwrap(key_file, passphrase, cls._device_secret(key_file, secrets))
        db_path = data_dir / DB_NAME
        if not db_path.is_file():
            raise VaultCorrupt(
                f"The vault's database file is missing from {data_dir}. Restore it from HQ."
            )
        db = cls._connect(db_path, data_key)
        try:
            db.migrate()
            compact_legacy_revisions(db)
            vault = cls(data_dir, db, key_file, data_key)
        except VaultError:
            db.close()
            raise
        except sqlcipher3.DatabaseError as exc:
            db.close()
            raise VaultCorrupt(
                "The vault file is damaged, so it cannot be opened. Nothing was changed. "
                "Restore it from HQ or a backup."
            ) from exc
        _retire_previous_secret(key_file, secrets)
        return vault

    @staticmethod
    def _connect(db_path: Path, data_key: bytes) -> Database:
        """Open the database, completing a key change that was cut off after its point of
        no return (the key file already holds the new key; the copy waits beside)."""
        try:
            db = Database(db_path, data_key)
        except VaultCorrupt as refused:
            if not rekey.finish_interrupted(db_path, data_key):
                raise VaultCorrupt(
                    "The vault file is damaged, or vault.keys is an old copy from before a "
                    "passphrase change, so the vault cannot be opened. Nothing was changed. "
                    "Restore it from HQ or a backup."
                ) from refused
            return Database(db_path, data_key)
        rekey.discard_stale(db_path)
        return db

    @classmethod
    def recover(
        cls,
        data_dir: Path,
        data_key: bytes,
        new_passphrase: str,
        secrets: SecretStore,
        kdf: KdfParams | None = None,
        reseal_escrow: EscrowSealer | None = None,
        progress: Progress | None = None,
    ) -> Vault:
        """Open the vault with the data key from HQ's escrow (a recovery code) and protect it
        anew under `new_passphrase`. Works with the passphrase forgotten, the keyring entry
        gone, or `vault.keys` deleted; nothing is written until the key has opened the
        database.

        Afterwards no earlier copy of `vault.keys` opens anything with its passphrase: where
        the old key file is known to have needed a keyring secret, that secret is replaced
        (as `change_passphrase` does); otherwise — no keyring, or the old key file lost, so
        a passphrase-only copy may exist — the database gets a new data key, and
        `reseal_escrow` seals HQ's copy of it (sent at the next sync)."""
        check_new_passphrase(new_passphrase)
        if not (data_dir / DB_NAME).is_file():
            if (data_dir / KEYS_NAME).exists():
                raise VaultCorrupt(
                    f"The vault's database file is missing from {data_dir}, so there is "
                    "nothing to recover here. Restore it from HQ."
                )
            raise NoVault(str(data_dir))
        old = cls._read_key_file_if_sound(data_dir)
        try:
            db = cls._connect(data_dir / DB_NAME, data_key)
        except VaultCorrupt:
            raise WrongRecoveryCode() from None
        try:
            db.migrate()
            compact_legacy_revisions(db)
            vault_id = db.scalar("SELECT value FROM meta WHERE key = 'vault_id'")
            if not isinstance(vault_id, str):
                raise VaultCorrupt("The vault file has no vault id, so it cannot be recovered.")
            kept = old if old is not None and old.vault_id == vault_id else None
            if kept is not None and kept.uses_device_secret and secrets.is_available:
                with keys.locked(data_dir / KEYS_NAME):
                    key_file = _replace_device_secret(
                        data_dir / KEYS_NAME, kept, data_key, new_passphrase, secrets,
                        kdf or kept.kdf)
                vault = cls(data_dir, db, key_file, data_key)
            else:
                # Not written: `_rekey` writes the real key file at its point of no return.
                vault = cls(data_dir, db, keys.KeyFile.placeholder(vault_id), data_key)
                vault._rekey(new_passphrase, secrets, kdf or (kept.kdf if kept else KdfParams()),
                             reseal_escrow, progress)
                if kept is not None and kept.uses_device_secret:
                    _delete_secret(secrets, account(vault_id, kept.secret_generation))
        except BaseException:
            db.close()
            raise
        vault.audit.append("recovered", "vault", vault_id, "")
        return vault

    def close(self) -> None:
        self._data_key = None
        self._db.close()

    def shred(self, secrets: SecretStore) -> None:
        """Crypto-shred this vault (a lost or revoked laptop told to wipe): destroy the
        wrapped key and the device secret first, so the data is unreadable even if deleting
        the database file is interrupted; then remove the files."""
        self.close()
        shred_vault_files(self.data_dir, self._key_file.vault_id, secrets)

    lock = close

    @property
    def is_open(self) -> bool:
        return self._db.is_open

    @property
    def uses_device_secret(self) -> bool:
        return self._key_file.uses_device_secret

    def data_key(self) -> bytes:
        """The raw data key, for sealing the escrow copy to HQ; only while unlocked."""
        if self._data_key is None or not self.is_open:
            raise VaultLocked()
        return self._data_key

    @property
    def escrow(self) -> dict[str, Any] | None:
        """The escrow entry kept in `vault.keys` (sealed to HQ's recovery key), if any."""
        return self._key_file.escrow

    def save_escrow(self, escrow: dict[str, Any]) -> None:
        """Keep the escrow copy beside the wrapped key (HQ keeps the other copy)."""

        def with_escrow(current: keys.KeyFile) -> keys.KeyFile:
            if current.vault_id != self.vault_id:
                raise VaultCorrupt("The vault's key file and database do not belong together.")
            return current.with_escrow(escrow)

        self._key_file = keys.update_key_file(self.data_dir / KEYS_NAME, with_escrow)
        self.audit.append("escrow_made", "vault", self.vault_id, "")

    def change_passphrase(
        self,
        old: str,
        new: str,
        secrets: SecretStore,
        reseal_escrow: EscrowSealer | None = None,
        progress: Progress | None = None,
    ) -> None:
        """Protect the data key under a new passphrase so that no earlier copy of
        `vault.keys` opens anything with the old one.

        With a keyring the device secret is replaced: the data key is re-wrapped under the
        new passphrase and a new secret, and the old secret is deleted (the data is not
        re-encrypted). Without one, the old passphrase alone would still unwrap an old copy,
        so the database is copied under a new data key (slow for a large vault: `progress`
        hears about it) and `reseal_escrow` seals HQ's copy of the new key."""
        check_new_passphrase(new)
        path = self.data_dir / KEYS_NAME
        with keys.locked(path):
            current = self._read_key_file(self.data_dir)
            if current.vault_id != self.vault_id:
                raise VaultCorrupt("The vault's key file and database do not belong together.")
            data_key = keys.unwrap(current, old, self._device_secret(current, secrets))
            if current.uses_device_secret:
                self._key_file = _replace_device_secret(
                    path, current, data_key, new, secrets, current.kdf)
        if not current.uses_device_secret:
            self._rekey(new, secrets, current.kdf, reseal_escrow, progress,
                        had_escrow=current.escrow is not None)
        self.audit.append("passphrase_changed", "vault", self.vault_id, "")

    def _rekey(
        self,
        passphrase: str,
        secrets: SecretStore,
        kdf: KdfParams,
        reseal_escrow: EscrowSealer | None,
        progress: Progress | None,
        had_escrow: bool = False,
    ) -> None:
        """Give the database a new data key (see `safeconf.vault.rekey` for the steps and
        why a kill at any point leaves a vault that opens)."""
        if had_escrow and reseal_escrow is None:
            raise RuntimeError("a vault with an escrow copy needs reseal_escrow to rekey")
        db_path = self.data_dir / DB_NAME
        keys_path = self.data_dir / KEYS_NAME
        old_key = self.data_key()
        new_key = keys.new_data_key()
        generation = self._key_file.secret_generation + 1
        self._db.hold_exclusively()  # refused while another window has the vault open
        device_secret: bytes | None = None
        try:
            # Sealing marks the upload pending in this database, so the copy carries it.
            escrow = reseal_escrow(self, new_key) if reseal_escrow is not None else None
            if secrets.is_available:
                device_secret = secrets.create(account(self.vault_id, generation))
            key_file = keys.wrap(new_key, passphrase, device_secret, self.vault_id, kdf,
                                 generation).with_escrow(escrow)
            self._db.copy_under_key(rekey.target_for(db_path), new_key,
                                    progress or (lambda _done, _total: None))
        except BaseException:
            rekey.discard_stale(db_path)
            if device_secret is not None:
                _delete_secret(secrets, account(self.vault_id, generation))
            self._db.share_again()
            raise
        held = self._db.close_keeping_file_lock()
        try:
            try:
                with keys.locked(keys_path):
                    keys.write_key_file(keys_path, key_file)  # the point of no return
            except BaseException:
                rekey.discard_stale(db_path)
                if held is not None:
                    held.release()
                    held = None
                self._db.reopen(old_key)
                raise
            rekey.finish(db_path)
        finally:
            if held is not None:
                held.release()
        self._db.reopen(new_key)
        self._data_key = new_key
        self._key_file = key_file
        self.audit.append("data_key_changed", "vault", self.vault_id, "")

    # -- reading -------------------------------------------------------------------

    def open_case(self, case_id: str) -> Case:
        """Read a case for a person to look at; the view is audited."""
        case = self.cases.get(case_id)
        self.audit.append("view", "case", case.id, case.id)
        return case

    def record_export(self, record_type: str, record_id: str, case_id: str) -> None:
        self.audit.append("export", record_type, record_id, case_id)

    def search(self, text: str, visible_cases: set[str] | None = None) -> list[SearchHit]:
        catch_up(self._db, stored_text)
        return search(self._db, text, visible_cases)

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        return self._db.transaction()

    def check(self) -> list[CheckResult]:
        """Everything `safeconf check` verifies; sound only when every result is ok."""
        results = [
            CheckResult(
                "key file",
                True,
                "data key wrapped with Argon2id "
                f"(t={self._key_file.kdf.iterations}, m={self._key_file.kdf.memory_kib} KiB, "
                f"p={self._key_file.kdf.lanes})"
                + (" and the device secret" if self.uses_device_secret else " (no keyring)"),
            )
        ]
        for name, step in (
            ("page authentication", self._check_pages),
            ("database structure", self._check_structure),
            ("search index", self._check_search_index),
            ("schema", self._check_schema),
            ("audit chain", self._check_audit_chain),
            ("note revisions", self._check_revisions),
            ("acknowledgment signatures", self._check_signatures),
        ):
            try:
                ok, detail = step()
            except (VaultCorrupt, sqlcipher3.DatabaseError) as exc:
                ok, detail = False, str(exc)
            results.append(CheckResult(name, ok, detail))
        results.append(self._check_quarantine())
        return results

    def _check_quarantine(self) -> CheckResult:
        """Records HQ sent that this laptop could not use: listed, not a fault of the vault
        (the rest of sync went on; the conflict screen shows them too)."""
        kept = self.sync.quarantined()
        if not kept:
            return CheckResult("records from HQ", True, "every pulled record was usable")
        shown = "; ".join(safe(f"{q['record_type']} {q['record_id'] or '(no id)'}: "
                                    f"{q['problem']}") for q in kept[:5])
        more = f" (and {len(kept) - 5} more)" if len(kept) > 5 else ""
        return CheckResult("records from HQ", True,
                           f"{len(kept)} kept aside, unusable here: {shown}{more}")

    def _check_pages(self) -> tuple[bool, str]:
        errors = self._db.rows("PRAGMA cipher_integrity_check")
        if errors:
            return False, f"{len(errors)} damaged page(s)"
        return True, "every page's HMAC verified"

    def _check_structure(self) -> tuple[bool, str]:
        integrity = [r[0] for r in self._db.rows("PRAGMA integrity_check")]
        if integrity == ["ok"]:
            return True, "SQLite integrity_check ok"
        return False, "; ".join(integrity[:5])

    def _check_search_index(self) -> tuple[bool, str]:
        catch_up(self._db, stored_text)
        self._db.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
        return True, "full-text index matches the records"

    def _check_schema(self) -> tuple[bool, str]:
        version = self._db.scalar("PRAGMA user_version")
        return version == SCHEMA_VERSION, f"version {version} (current {SCHEMA_VERSION})"

    def _check_revisions(self) -> tuple[bool, str]:
        """Every revision of every note rebuilds to the text its SHA-256 names."""
        found = revision_history.verify_all(self._db)
        if found.problems:
            shown = "; ".join(safe(p) for p in found.problems[:5])
            more = f" (and {len(found.problems) - 5} more)" if len(found.problems) > 5 else ""
            return False, f"{len(found.problems)} of {found.revisions} revisions do not " \
                          f"rebuild: {shown}{more}"
        return True, (f"{found.revisions} revisions of {found.notes} notes, each rebuilt "
                      "and matched to its SHA-256")

    def _check_audit_chain(self) -> tuple[bool, str]:
        broken = self.audit.verify()
        events = self.audit.count()
        if broken is None:
            return True, f"{events} events, every link verified"
        return False, f"broken at event {broken} of {events}"

    def _check_signatures(self) -> tuple[bool, str]:
        """Every signed acknowledgment is still exactly what was signed (whether HQ
        certified the key is the Conclude step's and HQ's to say)."""
        acks = self.acknowledgments.all()
        signed = [a for a in acks if ack_signature.is_signed(a)]
        broken = [a.id for a in signed if not ack_signature.signature_holds(a)]
        legacy = len(acks) - len(signed)
        older = f"; {legacy} from before signing, not signed" if legacy else ""
        if broken:
            return False, (f"{len(broken)} of {len(signed)} do not match what was signed: "
                           + ", ".join(broken[:5]) + older)
        return True, f"{len(signed)} signed, every signature matches{older}"

    # -- helpers -------------------------------------------------------------------

    @staticmethod
    def _read_key_file(data_dir: Path) -> keys.KeyFile:
        path = data_dir / KEYS_NAME
        if not path.exists():
            if (data_dir / DB_NAME).exists():
                raise VaultCorrupt(
                    f"The vault's key file is missing from {data_dir}, so the vault cannot "
                    f"be opened. {RECOVERY_STEPS}"
                )
            raise NoVault(str(data_dir))
        return keys.read_key_file(path)

    @staticmethod
    def _read_key_file_if_sound(data_dir: Path) -> keys.KeyFile | None:
        """The old key file during recovery: gone or damaged is fine, the code replaces it."""
        try:
            return keys.read_key_file(data_dir / KEYS_NAME)
        except (OSError, VaultCorrupt):
            return None

    @staticmethod
    def _device_secret(key_file: keys.KeyFile, secrets: SecretStore) -> bytes | None:
        if not key_file.uses_device_secret:
            return None
        return secrets.load(account(key_file.vault_id, key_file.secret_generation))

    @classmethod
    def verify_passphrase(cls, data_dir: Path, passphrase: str, secrets: SecretStore) -> None:
        """`WrongPassphrase` unless `passphrase` unwraps this vault's key (slow: Argon2id)."""
        key_file = cls._read_key_file(data_dir)
        keys.unwrap(key_file, passphrase, cls._device_secret(key_file, secrets))


def _replace_device_secret(
    path: Path, current: keys.KeyFile, data_key: bytes, passphrase: str,
    secrets: SecretStore, kdf: KdfParams,
) -> keys.KeyFile:
    """Re-wrap the data key under `passphrase` and a new device secret, then delete the old
    secret: every earlier copy of `vault.keys` names it, so none of them opens any more.

    Crash-safe by order: the new secret goes into its own keyring entry (the next
    generation) while the old one stays, so until the new key file is in place the old
    file and its secret still open the vault (and a retry overwrites the unused entry);
    once it is in place only the new pair does. Cut off before the old secret is deleted,
    the next open deletes it (`_retire_previous_secret`). The caller holds the key file's
    lock."""
    generation = current.secret_generation + 1
    secret = secrets.create(account(current.vault_id, generation))
    rewrapped = keys.wrap(data_key, passphrase, secret, current.vault_id, kdf,
                          generation).with_escrow(current.escrow)
    keys.write_key_file(path, rewrapped)
    _delete_secret(secrets, account(current.vault_id, current.secret_generation))
    return rewrapped


def _retire_previous_secret(key_file: keys.KeyFile, secrets: SecretStore) -> None:
    """Finish a passphrase change cut off between writing the new key file and deleting
    the previous generation's secret (which, with an old copy of the file, would open)."""
    if key_file.uses_device_secret and key_file.secret_generation > 0:
        _delete_secret(secrets, account(key_file.vault_id, key_file.secret_generation - 1))


def _delete_secret(secrets: SecretStore, name: str) -> None:
    # An unreachable keyring must not fail an open or a change that has already happened;
    # the next open tries again.
    with contextlib.suppress(DeviceSecretMissing):
        secrets.delete(name)


def shred_vault_files(data_dir: Path, vault_id: str, secrets: SecretStore) -> None:
    keys_path = data_dir / KEYS_NAME
    generation = 0
    with contextlib.suppress(OSError, VaultError):
        generation = keys.read_key_file(keys_path).secret_generation
    if keys_path.exists():
        size = max(keys_path.stat().st_size, 1024)
        with keys_path.open("r+b") as out:
            out.write(os.urandom(size))
            out.flush()
            os.fsync(out.fileno())
        keys_path.unlink()
    for stale in {generation, max(generation - 1, 0)}:
        secrets.delete(account(vault_id, stale))
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", f"{DB_NAME}-journal",
                 f"{DB_NAME}{rekey.SUFFIX}", f"{DB_NAME}.lock", f"{KEYS_NAME}.lock"):
        with contextlib.suppress(FileNotFoundError):
            (data_dir / name).unlink()
    for backup in data_dir.glob(f"{DB_NAME}.*.bak"):
        backup.unlink()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except OSError:
        return "user"
