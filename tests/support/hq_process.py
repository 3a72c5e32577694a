"""A real `safeconf-hq` for laptop-side tests: its own data folder, free ports on 127.0.0.1,
mutual TLS, set up and driven through the admin command line as an administrator would.
The process itself is `tests.hq.hq_harness.ServerProcess`, shared with the HQ tests."""

from __future__ import annotations

from pathlib import Path

from safeconf.hq.datadir import DataDir
from tests.hq.hq_harness import ServerProcess, run_cli


class HQProcess:
    def __init__(self, data_dir: Path, database: str | None = None) -> None:
        self.data_dir = data_dir
        self.database = database
        self._server: ServerProcess | None = None

    def init(self) -> HQProcess:
        self.admin("init")
        return self

    def start(self) -> HQProcess:
        url = DataDir(self.data_dir).database_url(self.database)
        self._server = ServerProcess(self.data_dir, url).start()
        return self

    @property
    def sync_url(self) -> str:
        assert self._server is not None
        return self._server.sync_url

    @property
    def enroll_url(self) -> str:
        assert self._server is not None
        return self._server.enroll_url

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()

    def kill(self) -> None:
        if self._server is not None:
            self._server.kill()

    def admin(self, *args: str) -> str:
        """Run one `safeconf-hq` admin command; return its stdout (raise on failure)."""
        extra = ["--database", self.database] if self.database else []
        return run_cli(*args, "--data-dir", str(self.data_dir), *extra).stdout

    def enrollment_code(self, worker: str) -> str:
        return self.admin("enroll", "--worker", worker, "--url", self.sync_url,
                          "--enroll-url", self.enroll_url, "--qr",
                          str(self.data_dir / f"qr-{worker}.png")).strip()

    def import_cases(self, rows: list[tuple[str, str, str]]) -> None:
        csv = self.data_dir / "cases.csv"
        csv.write_text("case_number,family_name,assigned_workers\n"
                       + "".join(f"{n},{f},{w}\n" for n, f, w in rows), encoding="utf-8")
        self.admin("cases", "import", str(csv))
