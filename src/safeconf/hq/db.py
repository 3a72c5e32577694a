"""The HQ database connection: SQLite (WAL, one writer at a time) or PostgreSQL via psycopg 3.

`write()` transactions on SQLite start with BEGIN IMMEDIATE, so two writers queue on the busy
timeout instead of failing when a read lock cannot be upgraded. On PostgreSQL, writers that
add to the change log serialise on the `counters` row (see `allocate_change_seqs`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    create_engine,
    event,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from safeconf.hq import schema
from safeconf.hq.datadir import normalise_database_url
from safeconf.hq.errors import AdminError
from safeconf.hq.sync import audit_index, revision_claims

SQLITE_BUSY_MS = 30_000


class Database:
    def __init__(self, url: str, *, pool_size: int = 8) -> None:
        self.url = normalise_database_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            self.engine = _sqlite_engine(self.url)
        else:
            self.engine = create_engine(
                self.url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True,
                hide_parameters=True,  # parameters hold names and note text: keep them out of logs
            )

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn.execution_options(safeconf_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def create_schema(self) -> None:
        schema.metadata.create_all(self.engine)
        with self.write() as conn:
            if conn.execute(select(schema.counters.c.name)).first() is None:
                conn.execute(insert(schema.counters).values(name=schema.CHANGE_SEQ, value=0))
                conn.execute(
                    insert(schema.meta).values(key="schema_version",
                                               value=str(schema.SCHEMA_VERSION))
                )

    def check_schema(self) -> None:
        """Refuse to serve a database that `safeconf-hq init` never set up, or a newer one;
        bring an older one up to date first."""
        if not inspect(self.engine).has_table("hq_meta"):
            raise AdminError("The HQ database has no tables; run `safeconf-hq init` first.")
        version = self._schema_version()
        if version == "1":
            self._upgrade_from_1()
            version = self._schema_version()
        if version == "2":
            self._upgrade_from_2()
            version = self._schema_version()
        if version != str(schema.SCHEMA_VERSION):
            raise AdminError(f"The HQ database has schema version {version}; this HQ needs "
                             f"{schema.SCHEMA_VERSION}.")
        self._add_missing_tables()

    def _schema_version(self) -> str | None:
        with self.read() as conn:
            found = conn.execute(
                select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
            ).scalar_one_or_none()
        return None if found is None else str(found)

    def _upgrade_from_1(self) -> None:
        """Version 2 adds the escrow columns and the recoveries table; old rows keep NULL."""
        with self.write() as conn:
            # Re-checked under the write lock: another HQ process may have upgraded already.
            if conn.execute(select(schema.meta.c.value)
                            .where(schema.meta.c.key == "schema_version")).scalar_one() != "1":
                return
            conn.exec_driver_sql("ALTER TABLE devices ADD COLUMN escrow TEXT")
            conn.exec_driver_sql("ALTER TABLE devices ADD COLUMN escrow_at VARCHAR(40)")
            schema.recoveries.create(conn, checkfirst=True)
            conn.execute(update(schema.meta).where(schema.meta.c.key == "schema_version")
                         .values(value="2"))

    def _upgrade_from_2(self) -> None:
        """Version 3 adds the re-enrollment links on devices; old rows keep NULL."""
        with self.write() as conn:
            if conn.execute(select(schema.meta.c.value)
                            .where(schema.meta.c.key == "schema_version")).scalar_one() != "2":
                return
            # A version 1 database upgraded just now was made by today's `create_all` minus
            # the escrow columns, so it may have these already.
            present = {c["name"] for c in inspect(conn).get_columns("devices")}
            for column in ("replaces", "replaced_by"):
                if column not in present:
                    conn.exec_driver_sql(f"ALTER TABLE devices ADD COLUMN {column} VARCHAR(36)")
            conn.execute(update(schema.meta).where(schema.meta.c.key == "schema_version")
                         .values(value="3"))

    def _add_missing_tables(self) -> None:
        """Create the purely additive tables (`schema.ADDED_TABLES`) an older HQ made none of.

        No version bump: nothing an older HQ reads changes, so it can keep serving the same
        database during an upgrade.
        """
        have = inspect(self.engine)
        if all(have.has_table(t.name) for t in schema.ADDED_TABLES):
            return
        with self.write() as conn:
            if conn.dialect.name == "postgresql":
                # Serialise HQ processes starting at once; the loser finds the tables made.
                conn.exec_driver_sql("LOCK TABLE hq_meta IN EXCLUSIVE MODE")
            indexed = inspect(conn).has_table(schema.audited_writes.name)
            claimed = inspect(conn).has_table(schema.revision_claims.name)
            for table in schema.ADDED_TABLES:
                table.create(conn, checkfirst=True)
            if not indexed:
                audit_index.backfill(conn)
            if not claimed:  # after the index, which it reads
                revision_claims.backfill(conn)

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000},
                           hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take BEGIN away from the driver so we choose DEFERRED or IMMEDIATE ourselves.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA synchronous=FULL")  # an acknowledged push must survive a crash
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("safeconf_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def allocate_change_seqs(conn: Connection, count: int) -> int:
    """Reserve `count` change-log numbers; returns the first.

    The UPDATE locks the counter row until this transaction commits, so numbers become
    visible in the order they were handed out and a reader never skips one in flight.
    Call it last in a writing transaction, to hold the lock briefly.
    """
    counter = schema.counters
    last = conn.execute(
        update(counter)
        .where(counter.c.name == schema.CHANGE_SEQ)
        .values(value=counter.c.value + count)
        .returning(counter.c.value)
    ).scalar_one()
    return int(last) - count + 1


def head_change_seq(conn: Connection) -> int:
    counter = schema.counters
    return int(
        conn.execute(
            select(counter.c.value).where(counter.c.name == schema.CHANGE_SEQ)
        ).scalar_one()
    )


def upsert(conn: Connection, table: Table) -> Any:
    """An INSERT with the ON CONFLICT clauses of this connection's dialect."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def insert_ignoring_duplicates(conn: Connection, table: Table, index: list[str]) -> Any:
    """`INSERT … ON CONFLICT (index) DO NOTHING` in the dialect of this connection."""
    return upsert(conn, table).on_conflict_do_nothing(index_elements=index)
