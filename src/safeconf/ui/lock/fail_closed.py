"""Fail closed: whatever unexpected escapes on the GUI thread (a slot, an event handler, a
timer, a model method, a worker's result handler) locks the app the way Ctrl+L does, says
so on the unlock screen, and logs the exception's type and where it was raised."""

from __future__ import annotations

import logging
import sys
import traceback
import types
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from safeconf.ui.lock.lock_screens import UnlockScreen, _centered

if TYPE_CHECKING:
    from safeconf.ui.app_window import AppWindow

log = logging.getLogger(__name__)
ExceptHook = Callable[[type[BaseException], BaseException, types.TracebackType | None], object]


def describe(value: BaseException, tb: types.TracebackType | None = None) -> str:
    """Each exception of the chain by type and frames, never by message: messages can quote
    names, case numbers or note text (STYLE.md)."""
    parts: list[str] = []
    seen: set[int] = set()
    exc: BaseException | None = value
    frames = tb or value.__traceback__
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        kind = type(exc)
        parts.append(f"{kind.__module__}.{kind.__qualname__}\n"
                     + "".join(traceback.format_tb(frames)))
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
        frames = exc.__traceback__ if exc is not None else None
    return "which happened while handling:\n".join(parts)


def log_unexpected(kind: type[BaseException], value: BaseException,
                   tb: types.TracebackType | None) -> None:
    """sys.excepthook's report, safe to keep: what failed and where, never the message."""
    log.error("unexpected %s\n%s", kind.__name__, describe(value, tb))


class StoppedPanel(QWidget):
    """What the window shows when even locking failed: no record, only what to do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        panel = QWidget(self)
        panel.setMaximumWidth(560)
        panel.setMinimumWidth(360)
        self.setLayout(_centered(panel))
        title = QLabel(self.tr("<h2>safeconf stopped</h2>"), panel)
        self.message = QLabel(self.tr(
            "Something went wrong and safeconf could not lock normally, so it closed the "
            "vault and hid everything to protect the records. Close safeconf and start it "
            "again. If this keeps happening, tell IT."), panel)
        self.message.setObjectName("stoppedMessage")
        self.message.setWordWrap(True)
        self.close_button = QPushButton(self.tr("&Close safeconf"), panel)
        self.close_button.setAccessibleName(self.tr("Close safeconf"))
        self.close_button.clicked.connect(lambda: self.window().close())
        lay = QVBoxLayout(panel)
        lay.addWidget(title)
        lay.addWidget(self.message)
        lay.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setFocusProxy(self.close_button)


class FailClosed(QObject):
    """Installed as sys.excepthook for the life of one window. A failure locks the window
    (or, if the lock screen itself failed, shows a fresh one) and explains; further failures
    while it stays locked are only logged, so a screen that keeps failing cannot make a loop
    of it. If locking raises, the vault is closed and the window shows nothing but
    `StoppedPanel` from then on."""

    _escaped_off_thread = Signal()  # carries a worker thread's failure to the GUI thread

    def __init__(self, window: AppWindow) -> None:
        super().__init__(window)
        self._window = window
        self._previous: ExceptHook | None = None
        self._handling = False
        self._locked_by_failure = False  # until the next unlock
        self._stopped = False  # locking failed: the window shows StoppedPanel for good
        self.failures = 0  # unexpected exceptions seen while installed
        window.unlocked.connect(self._unlocked)
        window.closed.connect(self.uninstall)
        self._escaped_off_thread.connect(self._fail, Qt.ConnectionType.QueuedConnection)

    # -- the hook -------------------------------------------------------------------------

    def install(self) -> FailClosed:
        if sys.excepthook != self._hook:
            self._previous = sys.excepthook
            sys.excepthook = self._hook
        return self

    def uninstall(self) -> None:
        """Give the previous hook back. If another window's hook was installed over this one
        since (tests make several windows), take this one out of the chain instead."""
        if sys.excepthook == self._hook:
            sys.excepthook = self._previous or sys.__excepthook__
        else:
            above = getattr(sys.excepthook, "__self__", None)
            while isinstance(above, FailClosed):
                if above._previous == self._hook:
                    above._previous = self._previous
                    break
                above = getattr(above._previous, "__self__", None)
        self._previous = None

    @property
    def installed(self) -> bool:
        return sys.excepthook == self._hook

    def _hook(self, kind: type[BaseException], value: BaseException,
              tb: types.TracebackType | None) -> None:
        self.failures += 1
        self._report(kind, value, tb)  # first: if locking brings the process down, it's said
        try:
            if QThread.currentThread() is not self.thread():
                self._escaped_off_thread.emit()  # widgets are touched on the GUI thread only
            else:
                self._fail()
        except Exception as exc:  # e.g. the window was deleted unclosed: nothing left to hide
            # Never let the hook raise: Python would then print the message to stderr.
            log.error("failing closed failed: %s", type(exc).__name__)

    def _report(self, kind: type[BaseException], value: BaseException,
                tb: types.TracebackType | None) -> None:
        # The interpreter's own hook prints the message (names, note text) to stderr: log
        # safely instead. Any other previous hook (the app's logger, a test's capture) hears.
        previous = self._previous
        if previous is None or previous is sys.__excepthook__:
            previous = log_unexpected
        try:
            previous(kind, value, tb)
        except Exception as exc:  # a broken reporter must not stop the lock
            log.error("reporting an unexpected %s failed: %s", kind.__name__,
                      type(exc).__name__)

    # -- failing closed ---------------------------------------------------------------------

    def _fail(self) -> None:
        if self._handling:
            log.error("another failure while locking after a failure; ignored")
            return
        if self._stopped or (self._locked_by_failure and not self._window.shows_vault):
            # Still locked since the last failure: a lock screen that keeps failing (a timer,
            # say) must not rebuild itself over and over.
            log.error("another failure while locked after a failure; staying locked")
            return
        self._handling = True
        try:
            self._locked_by_failure = True
            self._lock()
        except Exception as exc:
            log.error("locking after a failure failed: %s\n%s", type(exc).__name__,
                      describe(exc))
            self._stop()
        finally:
            self._handling = False

    def _lock(self) -> None:
        window = self._window
        failing_screen = window.lock_screen
        window.lock()  # the same path as Ctrl+L and the idle lock
        if window.lock_screen is None or window.lock_screen is failing_screen:
            # Nothing was open: the lock screen itself failed, perhaps half-way through
            # (busy, buttons off). A fresh one can be used again.
            window.show_lock_screen()
        screen = window.lock_screen
        assert screen is not None
        if isinstance(screen, UnlockScreen):
            text = self.tr(
                "<b>Something went wrong, so safeconf locked itself to protect the "
                "records.</b> Everything saved is safe. Unlock to continue; if this keeps "
                "happening, tell IT.")
        else:
            text = self.tr(
                "<b>Something went wrong, so safeconf started this screen again.</b> No "
                "vault was created yet: choose a passphrase to create it. If this keeps "
                "happening, tell IT.")
        screen.show_problem(text)
        log.warning("locked after an unexpected failure")

    def _stop(self) -> None:
        """Locking failed half-way: close the vault and take every screen off anyway."""
        self._stopped = True
        window = self._window
        for step, what in ((window.session.lock, "closing the vault"),
                           (window.sync.detach, "stopping sync")):
            try:
                step()
            except Exception as exc:
                log.error("%s after a failure failed: %s", what, type(exc).__name__)
        try:
            for widget in QApplication.topLevelWidgets():
                if widget is not window and widget.isVisible():
                    widget.hide()  # dialogs, previews: they may show records
            window.show_only(StoppedPanel(window))
        except Exception as exc:
            log.error("hiding the screens after a failure failed: %s", type(exc).__name__)
            window.hide()  # nothing else is left that could show a record

    def _unlocked(self) -> None:
        self._locked_by_failure = False
