"""Run slow calls (key derivation, opening a vault) on the thread pool and report back by
signals, so the window keeps painting. Workers never touch widgets."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    finished = Signal(object)  # the call's return value
    failed = Signal(object)  # the exception (its str() is fit to show)


class _Job(QRunnable):
    def __init__(self, call: Callable[[], Any], signals: WorkerSignals) -> None:
        super().__init__()
        self._call = call
        self.signals = signals

    def run(self) -> None:
        try:
            result = self._call()
        except Exception as exc:  # reported to the GUI, which shows the message
            log.info("background job failed: %s", type(exc).__name__)
            self._report(self.signals.failed, exc)
        else:
            self._report(self.signals.finished, result)

    @staticmethod
    def _report(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the screen that asked was closed meanwhile (e.g. locked)
            log.info("background job finished after its screen was gone")


def run_in_background(
    call: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    parent: QObject | None = None,
) -> WorkerSignals:
    """Start `call` on the global pool; the callbacks run on the GUI thread (queued)."""
    signals = WorkerSignals(parent)
    signals.finished.connect(on_done)
    signals.failed.connect(on_error)
    job = _Job(call, signals)
    QThreadPool.globalInstance().start(job)
    return signals
