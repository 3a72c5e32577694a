"""A real `safeconf-hq serve` process for tests, and helpers around it."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import func, select

from safeconf.domain.auditchain import event_hash
from safeconf.hq import cases, schema, staff
from safeconf.hq.datadir import DataDir, initialise
from safeconf.hq.db import Database
from safeconf.hq.pki import enrollment
from safeconf.sync import Enrollment, HQClient, enroll

START_TIMEOUT = 30.0


def hq_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "safeconf.hq.cli", *args]


def run_cli(*args: str, check: bool = True, env: dict[str, str] | None = None,
            ) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(hq_command(*args), capture_output=True, text=True, timeout=60,
                            env=env, check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"safeconf-hq {' '.join(args)} failed: {result.stderr}")
    return result


class AuditingClient(HQClient):
    """An HQClient that, like a laptop, sends with its changes the audit events recording
    them (HQ refuses a change without one) when the test passes no events of its own. The
    events continue the device's chain as HQ holds it; a retry under the same batch id
    sends the same events, from any client of the device."""

    _sent: ClassVar[dict[tuple[str, str], list[dict[str, Any]]]] = {}

    def __init__(self, *args: Any, db: Database, device_id: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._db = db
        self._device_id = device_id

    def push(self, batch_id: str, items: Any, audit: Any = (),
             rebase: tuple[int, str] | None = None, pulled_to: int | None = None) -> Any:
        if items and not audit:
            key = (self._device_id, batch_id)
            if key not in self._sent:
                self._sent[key] = self._events_for(items)
            audit = self._sent[key]
        return super().push(batch_id, items, audit, rebase, pulled_to)

    def _events_for(self, items: Any) -> list[dict[str, Any]]:
        ds = schema.device_seq
        with self._db.read() as conn:
            state = conn.execute(select(ds.c.audit_seq, ds.c.audit_hash)
                                 .where(ds.c.device_id == self._device_id)).one()
        return recording_events(self._device_id, items, state.audit_seq, state.audit_hash)


def recording_events(device_id: str, items: Any, after_seq: int = 0,
                     prev: str = "0" * 64) -> list[dict[str, Any]]:
    """The "create" audit events a laptop writes with these outbox items, continuing a chain
    from (after_seq, prev)."""
    events, seq = [], after_seq
    for item in items:
        wire = item.wire() if hasattr(item, "wire") else dict(item)
        data = wire.get("data") if isinstance(wire.get("data"), dict) else {}
        seq += 1
        body = {"seq": seq, "id": str(uuid.uuid4()), "at": "2026-03-01T10:00:00+00:00",
                "actor": "w", "action": "create", "record_type": str(wire.get("type")),
                "record_id": str(data.get("id")), "case_id": str(data.get("case_id")),
                "device": device_id, "prev_hash": prev}
        prev = event_hash(body)
        events.append({**body, "hash": prev})
    return events


class ServerProcess:
    """`safeconf-hq serve --port 0`, started and waited for on its "listening" line."""

    def __init__(self, data_dir: Path, database_url: str, *extra: str,
                 env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.database_url = database_url
        if "--enroll-rate-limit" not in extra:  # tests enroll many devices from one address
            extra = (*extra, "--enroll-rate-limit", "100000")
        self.extra = extra
        self.env = env or {}
        self.proc: subprocess.Popen[str] | None = None
        self.sync_url = ""
        self.enroll_url = ""
        self.console_url = ""
        self.log = data_dir / f"serve-{uuid.uuid4().hex[:8]}.log"

    def start(self) -> ServerProcess:
        log = self.log.open("w")
        self.proc = subprocess.Popen(
            hq_command("serve", "--data-dir", str(self.data_dir), "--database",
                       self.database_url, "--port", "0", "--enroll-port", "0", *self.extra),
            stdout=subprocess.PIPE, stderr=log, text=True,
            env={**os.environ, **self.env},
        )
        log.close()
        lines: queue.Queue[str] = queue.Queue()
        stdout = self.proc.stdout
        assert stdout is not None

        def pump() -> None:
            for line in stdout:
                lines.put(line)
            lines.put("")

        threading.Thread(target=pump, daemon=True).start()
        try:
            line = lines.get(timeout=START_TIMEOUT)
        except queue.Empty:
            self.kill()
            raise AssertionError(f"HQ did not start: {self.log.read_text()}") from None
        if not line.startswith("listening "):
            self.kill()
            raise AssertionError(f"HQ did not start: {line!r} {self.log.read_text()}")
        fields = dict(part.split("=", 1) for part in line.split()[1:])
        self.sync_url, self.enroll_url = fields["sync"], fields["enroll"]
        self.console_url = fields.get("console", "")
        return self

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        return self.proc.returncode

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=15)

    def wait_exit(self, timeout: float = 15) -> int:
        assert self.proc is not None
        return self.proc.wait(timeout=timeout)


@dataclass
class HQ:
    """One HQ: a data dir, its database, and (usually) a running server."""

    data: DataDir
    database_url: str
    db: Database
    server: ServerProcess | None = None
    clients: list[HQClient] = field(default_factory=list)

    @classmethod
    def create(cls, path: Path, database_url: str | None) -> HQ:
        data = initialise(path, ["127.0.0.1", "localhost"], database_url)
        url = data.database_url(database_url)
        db = Database(url, pool_size=2)
        db.create_schema()
        return cls(data, url, db)

    def serve(self, *extra: str, env: dict[str, str] | None = None) -> ServerProcess:
        self.server = ServerProcess(self.data.path, self.database_url, *extra, env=env).start()
        return self.server

    def new_server(self, *extra: str, env: dict[str, str] | None = None) -> ServerProcess:
        return ServerProcess(self.data.path, self.database_url, *extra, env=env).start()

    def close(self) -> None:
        for client in self.clients:
            client.close()
        if self.server is not None:
            self.server.stop()
        self.db.dispose()

    @property
    def sync_url(self) -> str:
        assert self.server is not None
        return self.server.sync_url

    @property
    def enroll_url(self) -> str:
        assert self.server is not None
        return self.server.enroll_url

    def code(self, worker: str, **kwargs: Any) -> enrollment.IssuedCode:
        return enrollment.issue_code(self.db, self.data.load_ca(), worker, self.sync_url,
                                     self.enroll_url, **kwargs)

    def enroll(self, worker: str) -> Enrollment:
        return enroll(self.code(worker).uri)

    ADMIN = "hq.admin"

    def staff_member(self, role: str, name: str | None = None) -> str:
        """The sign-in name of an active staff member holding `role` (made on first use,
        with HQ's first administrator `hq.admin` made before anyone else)."""
        name = name or f"{role.replace('_', '.')}.tester"
        held = {(s.name, s.role) for s in staff.list_staff(self.db)}
        if (self.ADMIN, staff.ADMINISTRATOR) not in held:
            staff.add_staff(self.db, self.ADMIN, "hq.admin@agency.example", staff.ADMINISTRATOR)
        if (name, role) not in held and (name, role) != (self.ADMIN, staff.ADMINISTRATOR):
            staff.add_staff(self.db, name, f"{name}@agency.example", role, self.ADMIN)
        return name

    def client(self, device: Enrollment, sync_url: str | None = None,
               **kwargs: Any) -> HQClient:
        kwargs.setdefault("timeout", 30)
        client = AuditingClient(sync_url or device.sync_url, device.ca_pem, device.cert_pem,
                                device.key_pem, db=self.db, device_id=device.device_id,
                                **kwargs)
        self.clients.append(client)
        return client

    def device(self, worker: str) -> tuple[Enrollment, HQClient]:
        enrolled = self.enroll(worker)
        return enrolled, self.client(enrolled)

    def add_case(self, *workers: str, number: str | None = None) -> str:
        number = number or f"C-{uuid.uuid4().hex[:10]}"
        rows = [cases.CaseRow(2, number, "Family " + number[-4:], tuple(workers))]
        cases.import_cases(self.db, rows)
        return cases.case_id_for(self.db, number)

    def seat(self, worker: str, conf: Any) -> None:
        """Check someone in to `conf` at HQ, acknowledged, from another device of `worker`
        (the gate is closed while nobody is checked in): a test's own device then pushes
        the same conference and its notes with the sequence numbers it always had."""
        from safeconf.sync import OutboxItem
        from tests.support.rooms import seated

        person, ack = seated(conf)
        _, helper = self.device(worker)
        result = helper.push(str(uuid.uuid4()), [OutboxItem.of(1, conf),
                                                 OutboxItem.of(2, person),
                                                 OutboxItem.of(3, ack)])
        assert result.conflicts == (), result.conflicts

    def case_number(self, case_id: str) -> str:
        with self.db.read() as conn:
            return str(conn.execute(select(schema.cases.c.case_number)
                                    .where(schema.cases.c.case_id == case_id)).scalar_one())

    def count(self, table: Any, *where: Any) -> int:
        with self.db.read() as conn:
            return int(conn.execute(select(func.count()).select_from(table).where(*where))
                       .scalar_one())

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, "--data-dir", str(self.data.path), "--database",
                       self.database_url, check=check)


def device_http(enrolled: Any) -> Any:
    """An httpx client that speaks to HQ's sync listener as the enrolled device (its
    certificate and key, HQ's CA pinned): for raw requests a laptop would never send."""
    import httpx

    from safeconf.sync import tls

    ctx = tls.client_context(enrolled.ca_pem, enrolled.cert_pem, enrolled.key_pem)
    return httpx.Client(base_url=enrolled.sync_url, verify=ctx, trust_env=False, timeout=30)


def new_worker() -> str:
    return f"w-{uuid.uuid4().hex[:12]}"
