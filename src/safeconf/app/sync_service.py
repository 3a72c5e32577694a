"""Sync between the open vault and HQ for the desktop app: enroll, one sync at a time, and
a cooperative stop at the next page boundary so locking never pulls a vault from under it.
Plain Python (no Qt): the GUI runs `sync()` and `enroll()` off its thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from safeconf.app.session import VaultSession
from safeconf.sync.engine import (
    NotEnrolled,
    SyncEngine,
    SyncProgress,
    SyncReport,
    enroll_vault,
    is_stale,
)
from safeconf.sync.enroll import Enrollment
from safeconf.sync.errors import SyncError

EngineFactory = Callable[..., SyncEngine]


class SyncStopped(SyncError):
    """The sync was asked to stop (the vault is being locked); it resumes next time."""

    def __init__(self) -> None:
        super().__init__("Sync paused because the vault was locked. It continues at the "
                         "next sync; nothing was lost.")


class SyncBusy(SyncError):
    def __init__(self) -> None:
        super().__init__("A sync with HQ is already running.")


@dataclass(frozen=True)
class SyncSummary:
    """What the vault says about sync, for the status indicator."""

    enrolled: bool
    worker_id: str | None
    last_sync_at: str | None  # ISO 8601, UTC
    pending: int
    conflicts: int


class SyncService:
    def __init__(self, session: VaultSession, engine_factory: EngineFactory = SyncEngine,
                 ) -> None:
        self._session = session
        self._engine_factory = engine_factory
        self._running = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._stop = threading.Event()

    # -- questions (GUI thread, quick) ---------------------------------------------------

    def summary(self) -> SyncSummary:
        store = self._session.vault.sync
        credentials = store.credentials()
        return SyncSummary(
            enrolled=credentials is not None,
            worker_id=credentials.worker_id if credentials else None,
            last_sync_at=store.last_sync_at,
            pending=store.pending_count(),
            conflicts=len(store.conflicts()),
        )

    def is_enrolled(self) -> bool:
        return self._session.vault.sync.credentials() is not None

    def is_stale(self) -> bool:
        return is_stale(self._session.vault)

    @property
    def running(self) -> bool:
        return not self._idle.is_set()

    # -- work (background thread) --------------------------------------------------------

    def enroll(self, code: str) -> Enrollment:
        code = "".join(code.split())  # a code pasted across lines or with spaces
        if not code:
            raise SyncError("Paste the enrollment code from HQ first.")
        # An enrolled laptop enrolls again (expired certificate, revoked and let back):
        # it proves it is the same laptop and keeps its unsent changes.
        return enroll_vault(self._session.vault, code, again=self.is_enrolled())

    def sync(self, progress: Callable[[SyncProgress], None] | None = None) -> SyncReport:
        """One sync run; raises `SyncBusy` if one is already running, `NotEnrolled`,
        `SyncStopped` after `request_stop()`, or the engine's `SyncError`."""
        if not self._running.acquire(blocking=False):
            raise SyncBusy()
        self._idle.clear()
        self._stop.clear()
        try:
            vault = self._session.vault
            if vault.sync.credentials() is None:
                raise NotEnrolled()

            def report(step: SyncProgress) -> None:
                # Called between pages, when the vault holds a consistent state.
                if self._stop.is_set():
                    raise SyncStopped()
                if progress is not None:
                    progress(step)

            return self._engine_factory(vault, self._session.secrets, progress=report).run()
        finally:
            self._idle.set()
            self._running.release()

    # -- stopping (GUI thread) -----------------------------------------------------------

    def request_stop(self) -> None:
        self._stop.set()

    def stop_and_wait(self, timeout: float) -> bool:
        """Ask a running sync to stop after its current step; True once none runs."""
        if not self.running:
            return True
        self.request_stop()
        return self._idle.wait(timeout)
