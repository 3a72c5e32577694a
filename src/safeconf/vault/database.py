"""The SQLCipher connection: opened with the raw data key, hardened, migrated, serialised.

One connection per vault, shared by the GUI and background workers under a lock: SQLite
serialises writers anyway, and one connection keeps key material in one place.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import sqlcipher3

from safeconf.vault import squeeze
from safeconf.vault.errors import AppendOnly, SchemaTooNew, VaultCorrupt, VaultLocked
from safeconf.vault.file_lock import FileLock
from safeconf.vault.migrations import MIGRATIONS, PURGING_FUNCTION, SCHEMA_VERSION

# What SQLite says of a damaged file (and of a kept text that does not inflate: squeeze.py).
_DAMAGE_SIGNS = ("malformed", "not a database", "file is encrypted", "disk I/O error",
                 "user-defined function raised exception")
_HEX_KEY = re.compile(r"^[0-9a-f]{64}$")
REKEY_BUSY = (
    "safeconf is changing this vault's key in another window or command. Wait for it to "
    "finish, then try again; nothing was changed."
)
IN_USE = (
    "The vault is open in another safeconf window or command. Close it (lock is not "
    "enough: quit the app) and try again; nothing was changed."
)
# PRAGMA auto_vacuum's value for "free pages are given back when asked" (at close).
INCREMENTAL = 2
COPY_PAGES_PER_STEP = 256  # 1 MiB of 4 KiB pages between progress reports


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")

Row = tuple[Any, ...]


class Database:
    def __init__(self, path: Path, data_key: bytes) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._purging = False
        # Shared while open: a key change that replaces the file waits for everyone to leave.
        self._file_lock: FileLock | None = FileLock(lock_path(path))
        try:
            self._file_lock.share(REKEY_BUSY)
            self._conn: sqlcipher3.Connection | None = _connect(path, data_key)
        except BaseException:
            self._file_lock.release()
            raise
        # The append-only triggers let a row go only while this answers 1: a flag no SQL
        # statement can set, held for the length of one `purging()` block.
        self._conn.create_function(PURGING_FUNCTION, 0, lambda: int(self._purging),
                                   deterministic=False)
        self._depth = 0

    # -- lifecycle -----------------------------------------------------------------

    def close(self) -> None:
        held = self.close_keeping_file_lock()
        if held is not None:
            held.release()

    def close_keeping_file_lock(self) -> FileLock | None:
        """Close the connection but hand over the file lock, so a key change can swap the
        file before anyone else opens the old one."""
        with self._lock:
            if self._conn is not None:
                with suppress(sqlcipher3.DatabaseError):
                    # Pages a session freed (a note's old text, each time it is saved) go
                    # back to the disk rather than wait in the file for the next session.
                    self._conn.execute("PRAGMA incremental_vacuum").fetchall()
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.close()
                self._conn = None
            held, self._file_lock = self._file_lock, None
            return held

    def reopen(self, data_key: bytes) -> None:
        """Connect again (after a key change replaced the file) under `data_key`."""
        with self._lock:
            if self._conn is not None:
                return
            lock = FileLock(lock_path(self.path))
            try:
                lock.share(REKEY_BUSY)
                self._conn = _connect(self.path, data_key)
            except BaseException:
                lock.release()
                raise
            self._file_lock = lock

    def share_again(self) -> None:
        """Give up an exclusive hold (a key change that did not happen)."""
        if self._file_lock is not None:
            self._file_lock.share(REKEY_BUSY)

    def hold_exclusively(self) -> None:
        """Take the file lock alone: `VaultBusy` if another connection has the vault open."""
        if self._file_lock is not None:
            self._file_lock.exclusive(IN_USE)

    def copy_under_key(
        self, target: Path, data_key: bytes, progress: Callable[[int, int], None]
    ) -> None:
        """Write a complete copy of this database to `target`, encrypted under `data_key`,
        synced to disk. SQLite's online backup re-encrypts page by page (SQLCipher permits
        encrypted-to-encrypted backups since 4.3) and reports (pages done, pages total)."""
        with self._lock:
            conn = self._connection
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            for leftover in (target, *sidecars(target)):
                leftover.unlink(missing_ok=True)
            dest = _connect(target, data_key)
            try:
                conn.backup(dest, pages=COPY_PAGES_PER_STEP,
                            progress=lambda _status, left, total: progress(total - left, total))
                dest.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                dest.close()
        fd = os.open(target, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def migrate(self) -> None:
        """Bring the schema up to date, after an encrypted backup copy of the old file."""
        found = self.scalar("PRAGMA user_version")
        if found > SCHEMA_VERSION:
            raise SchemaTooNew(found, SCHEMA_VERSION)
        self._reclaim_free_pages_from_now_on()
        if found == SCHEMA_VERSION:
            return
        if found > 0:
            self._backup(f"before-schema-{SCHEMA_VERSION}")
        with self._lock:
            conn = self._connection
            for version in range(found, SCHEMA_VERSION):
                # executescript() commits whatever is open first, so the transaction is
                # part of the script: the migration and its version bump land together.
                script = f"BEGIN IMMEDIATE;\n{MIGRATIONS[version]}\n"
                script += f"PRAGMA user_version = {version + 1};\nCOMMIT;"
                try:
                    conn.executescript(script)
                except sqlcipher3.DatabaseError:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise

    def _reclaim_free_pages_from_now_on(self) -> None:
        """A vault made before free pages went back to the disk at close is rewritten once
        so that they can: SQLite turns incremental vacuum on only by a VACUUM, even in a new
        file (WAL mode has written its header)."""
        if self.scalar("PRAGMA auto_vacuum") == INCREMENTAL:
            return
        self.execute(f"PRAGMA auto_vacuum = {INCREMENTAL}")
        self.vacuum()

    def vacuum(self) -> None:
        """Rewrite the file without its free pages (after a large one-off removal)."""
        with self._lock, _translated_errors():
            self._connection.execute("VACUUM")

    # -- statements ----------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested calls join the outer one."""
        with self._lock:
            conn = self._connection
            if self._depth == 0:
                conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    conn.execute("ROLLBACK")
                raise
            self._depth -= 1
            if self._depth == 0:
                conn.execute("COMMIT")

    @contextmanager
    def purging(self) -> Iterator[None]:
        """Inside one transaction, allow deleting append-only records (a case HQ withdrew).
        The lock keeps every other thread's statements out while the flag is up."""
        with self._lock, self.transaction():
            self._purging = True
            try:
                yield
            finally:
                self._purging = False

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; return the last inserted rowid."""
        with self._lock, _translated_errors():
            cursor = self._connection.execute(sql, params)
            return int(cursor.lastrowid or 0)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._lock, _translated_errors():
            return self._connection.execute(sql, params).fetchall()

    def row(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        with self._lock, _translated_errors():
            return self._connection.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        found = self.row(sql, params)
        return None if found is None else found[0]

    @property
    def _connection(self) -> sqlcipher3.Connection:
        if self._conn is None:
            raise VaultLocked()
        return self._conn

    def _backup(self, label: str) -> None:
        self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy2(self.path, self.path.with_name(f"{self.path.name}.{label}.bak"))


def sidecars(path: Path) -> tuple[Path, ...]:
    """SQLite's companion files of a database file (WAL, shared memory, rollback journal)."""
    return tuple(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))


def opens_with(path: Path, data_key: bytes) -> bool:
    """True when `path` is a database this key opens (its first page authenticates)."""
    try:
        conn = _connect(path, data_key)
    except VaultCorrupt:
        return False
    conn.close()
    return True


@contextmanager
def _translated_errors() -> Iterator[None]:
    """SQLite's words for damage and for our append-only triggers, as vault errors."""
    try:
        yield
    except sqlcipher3.IntegrityError as exc:
        if "append-only" in str(exc):
            raise AppendOnly("Records of this kind can only be added, never changed.") from exc
        raise
    except sqlcipher3.DatabaseError as exc:
        text = str(exc)
        if any(sign in text for sign in _DAMAGE_SIGNS):
            raise VaultCorrupt(
                "Part of the vault file is damaged and cannot be read. Stop using this "
                "laptop's copy and contact IT; HQ holds everything already synced."
            ) from exc
        raise


def _connect(path: Path, data_key: bytes) -> sqlcipher3.Connection:
    hex_key = data_key.hex()
    if not _HEX_KEY.match(hex_key):
        raise ValueError("the data key must be 32 bytes")
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        # SQLCipher logs page errors to stderr by default; we report them ourselves.
        conn.execute("PRAGMA cipher_log_level = NONE").fetchall()
        # PRAGMA takes no bound parameters; the key is validated hex above.
        conn.execute(f"PRAGMA key = \"x'{hex_key}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        squeeze.register(conn)
        for pragma in (
            "PRAGMA temp_store = MEMORY",
            "PRAGMA secure_delete = ON",
            "PRAGMA foreign_keys = ON",
            "PRAGMA cache_size = -65536",  # FTS over an encrypted file needs the pages hot
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = FULL",  # a returned save survives power loss, not just a crash
            "PRAGMA busy_timeout = 5000",
        ):
            conn.execute(pragma).fetchall()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        # The data key was authenticated by AES-GCM, so a refusal here is damage, not a
        # wrong passphrase.
        raise VaultCorrupt(
            "The vault file is damaged or is not a safeconf vault, so it cannot be opened. "
            "Nothing was changed. Restore it from HQ or a backup."
        ) from exc
    return conn
