"""The SQLCipher connection: opened with the raw data key, hardened, migrated, serialised.

One connection per vault, shared by the GUI and background workers under a lock: SQLite
serialises writers anyway, and one connection keeps key material in one place.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import sqlcipher3

from safeconf.vault.errors import AppendOnly, SchemaTooNew, VaultCorrupt, VaultLocked
from safeconf.vault.migrations import MIGRATIONS, PURGING_FUNCTION, SCHEMA_VERSION

_DAMAGE_SIGNS = ("malformed", "not a database", "file is encrypted", "disk I/O error")
_HEX_KEY = re.compile(r"^[0-9a-f]{64}$")

Row = tuple[Any, ...]


class Database:
    def __init__(self, path: Path, data_key: bytes) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._purging = False
        self._conn: sqlcipher3.Connection | None = _connect(path, data_key)
        # The append-only triggers let a row go only while this answers 1: a flag no SQL
        # statement can set, held for the length of one `purging()` block.
        self._conn.create_function(PURGING_FUNCTION, 0, lambda: int(self._purging),
                                   deterministic=False)
        self._depth = 0

    # -- lifecycle -----------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                with suppress(sqlcipher3.DatabaseError):
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.close()
                self._conn = None

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def migrate(self) -> None:
        """Bring the schema up to date, after an encrypted backup copy of the old file."""
        found = self.scalar("PRAGMA user_version")
        if found > SCHEMA_VERSION:
            raise SchemaTooNew(found, SCHEMA_VERSION)
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
