"""Ending the app by signal as closing it does: SIGTERM (logout, shutdown, `kill`, a fleet
tool replacing the package), SIGHUP (its terminal closed) and SIGINT (Ctrl+C where it was
started) save what is typed and lock the vault before the app quits, instead of killing it
mid-word with the last seconds of a note unsaved."""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier

ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


class EndOnSignal(QObject):
    """Runs `end` on Qt's thread when one of `signals` arrives.

    Python runs a signal handler only between two of its own instructions, and Qt's event
    loop may wait in C++ for a long time. So the signal also writes its number to a socket
    (`signal.set_wakeup_fd`) that Qt watches: the wait ends at once, and `end` runs as any
    other event does, never in the middle of a save."""

    def __init__(self, end: Callable[[], None], parent: QObject | None = None,
                 signals: tuple[signal.Signals, ...] = ENDING_SIGNALS) -> None:
        super().__init__(parent)
        self._end = end
        self._signals = signals
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._arrived)
        self._previous: dict[signal.Signals, object] = {}
        self._previous_fd = -1
        self._ended = False

    def install(self) -> EndOnSignal:
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        for number in self._signals:
            self._previous[number] = signal.signal(number, _noted)
        return self

    def uninstall(self) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]
        self._previous.clear()
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._read.close()
        self._write.close()

    def _arrived(self) -> None:
        try:
            numbers = self._read.recv(64)
        except BlockingIOError:
            return
        if self._ended or not any(n in numbers for n in self._signals):
            return
        self._ended = True  # a second signal while ending changes nothing
        self._end()


def _noted(_signum: int, _frame: FrameType | None) -> None:
    """The Python-level handler: nothing to do here (the wakeup socket carries the signal),
    but without one the default action would end the process on the spot."""
