"""Runs syncs with HQ off the GUI thread (never two at once): on demand, every 15 minutes
while the vault is open, and right after unlocking. Keeps the status the indicator shows."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from enum import Enum, auto
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from safeconf.app.sync_service import SyncBusy, SyncService, SyncStopped, SyncSummary
from safeconf.sync.engine import DeviceWiped, NotEnrolled, SyncProgress, SyncReport
from safeconf.sync.errors import (
    CertificateExpired,
    DeviceNotAuthorised,
    DeviceRevoked,
    HQUnreachable,
)
from safeconf.ui.sync.sync_messages import sync_message
from safeconf.vault.errors import VaultLocked

log = logging.getLogger(__name__)
SYNC_EVERY_MS = 15 * 60_000
# Locking waits this long for a running sync to reach its next page boundary. Past it the
# vault closes anyway, which is safe: the database refuses the worker's next step with
# VaultLocked, and the engine resumes from what the vault recorded (no page half-applied).
LOCK_WAIT_SECONDS = 5.0


class SyncState(Enum):
    UNKNOWN = auto()  # locked: nothing to say
    NOT_ENROLLED = auto()
    NEVER_SYNCED = auto()
    SYNCED = auto()
    SYNCING = auto()
    OFFLINE = auto()
    ATTENTION = auto()


@dataclass(frozen=True)
class SyncStatus:
    state: SyncState = SyncState.UNKNOWN
    last_sync_at: str | None = None
    pending: int = 0
    conflicts: int = 0
    done: int = 0
    total: int = 0
    error: str = ""  # the failure's message, fit to show
    # HQ no longer accepts this laptop's certificate: only a new enrollment code helps.
    needs_enrollment: bool = False


class _SyncSignals(QObject):
    progress = Signal(object)  # SyncProgress
    finished = Signal(object)  # SyncReport
    failed = Signal(object)  # the exception


class _SyncJob(QRunnable):
    def __init__(self, service: SyncService, signals: _SyncSignals) -> None:
        super().__init__()
        self._service = service
        self.signals = signals

    def run(self) -> None:
        try:
            report = self._service.sync(self._progress)
        except Exception as exc:  # reported to the GUI, which shows the message
            log.info("sync failed: %s", type(exc).__name__)
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.finished, report)

    def _progress(self, step: SyncProgress) -> None:
        self._emit(self.signals.progress, step)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the window was closed meanwhile
            log.info("sync reported after its window was gone")


class SyncController(QObject):
    status_changed = Signal(object)  # SyncStatus
    synced = Signal(object)  # SyncReport, after a successful run
    failed = Signal(object)  # the exception of a failed run
    wiped = Signal(str)  # HQ had the vault destroyed; the message to show

    def __init__(self, service: SyncService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.status = SyncStatus()
        self._job: _SyncSignals | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(SYNC_EVERY_MS)
        self._timer.timeout.connect(lambda: self.sync_now(quiet=True))

    @property
    def running(self) -> bool:
        return self._job is not None

    def attach(self) -> None:
        """The vault was unlocked: read its sync state and start the periodic sync."""
        self._set(self._from_summary(self.service.summary()))
        self._timer.start()

    def detach(self) -> None:
        """The vault is about to close: stop the timer and let a running sync reach a safe
        point (bounded), so the vault never closes in the middle of a page."""
        self._timer.stop()
        self._set(SyncStatus())  # from now on the job's reports are ignored
        if self.service.running and not self.service.stop_and_wait(LOCK_WAIT_SECONDS):
            log.warning("sync still running at lock; its next step will be refused")

    def refresh(self) -> None:
        """Re-read the vault (e.g. after enrolling)."""
        if not self.running:
            self._set(self._from_summary(self.service.summary()))

    def sync_now(self, quiet: bool = False) -> bool:
        """Start a sync unless one runs. `quiet` (timer, after unlock): skip silently when
        not enrolled. Returns whether a sync started."""
        if self.running or self.status.state is SyncState.UNKNOWN:
            return False
        if not self.service.is_enrolled():
            if not quiet:
                self._set(replace(self.status, state=SyncState.NOT_ENROLLED, error=""))
            return False
        signals = _SyncSignals(self)
        signals.progress.connect(self._progress)
        signals.finished.connect(self._finished)
        signals.failed.connect(self._failed)
        self._job = signals
        self._set(replace(self.status, state=SyncState.SYNCING, done=0, total=0, error=""))
        QThreadPool.globalInstance().start(_SyncJob(self.service, signals))
        return True

    # -- results (GUI thread) ------------------------------------------------------------

    def _progress(self, step: SyncProgress) -> None:
        if self._job is not None and step.phase in ("pushing", "pulling"):
            self._set(replace(self.status, done=step.done, total=step.total))

    def _finished(self, report: SyncReport) -> None:
        self._end_job()
        if self.status.state is SyncState.UNKNOWN:
            return  # locked meanwhile
        self._set(self._from_summary(self.service.summary()))
        self.synced.emit(report)

    def _failed(self, exc: Exception) -> None:
        self._end_job()
        if isinstance(exc, DeviceWiped):
            self._set(SyncStatus())
            self.wiped.emit(sync_message(exc))
            return
        if isinstance(exc, SyncStopped | SyncBusy | VaultLocked):
            return  # locked meanwhile: nothing to report
        if self.status.state is SyncState.UNKNOWN:
            return
        summary = self.service.summary()
        if isinstance(exc, NotEnrolled):
            state = SyncState.NOT_ENROLLED
        elif isinstance(exc, HQUnreachable):
            state = SyncState.OFFLINE
        else:  # revoked, certificate expired, clock skew, not trusted, refused…
            state = SyncState.ATTENTION
        message = sync_message(exc)
        needs_enrollment = isinstance(exc, CertificateExpired | DeviceNotAuthorised) or (
            isinstance(exc, DeviceRevoked) and not exc.wipe
        )
        self._set(replace(self._from_summary(summary), state=state, error=message,
                          needs_enrollment=needs_enrollment))
        self.failed.emit(exc)

    def _end_job(self) -> None:
        if self._job is not None:
            self._job.deleteLater()
            self._job = None

    def _set(self, status: SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)

    @staticmethod
    def _from_summary(summary: SyncSummary) -> SyncStatus:
        if not summary.enrolled:
            state = SyncState.NOT_ENROLLED
        elif summary.conflicts:
            state = SyncState.ATTENTION
        elif summary.last_sync_at:
            state = SyncState.SYNCED
        else:
            state = SyncState.NEVER_SYNCED
        return SyncStatus(state, summary.last_sync_at, summary.pending, summary.conflicts)
