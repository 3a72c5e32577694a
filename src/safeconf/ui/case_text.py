"""Text widgets that show case content and never give it away: no copy or cut to the
clipboard, nothing in the X11 PRIMARY selection (middle-click paste), no drag out.

Why block rather than log: a copy to the clipboard cannot name a recipient, so it cannot be
logged as a disclosure (DESIGN §5: every disclosure is logged before it is made). Case text
leaves the vault only through "May I share this?" and the copy flow, which log it. Pasting
into a note from elsewhere stays allowed.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMimeData,
    QObject,
    QPoint,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
)

from safeconf.ui.announce import announce

# Qt names the actions of a text widget's standard context menu.
_GIVING_AWAY = frozenset({"edit-copy", "edit-cut", "link-copy"})
_STATUS_MS = 6000


def blocked_message() -> str:
    return QCoreApplication.translate(
        "CaseText", "Copying case text is blocked; use May I share this?")


def is_copy_or_cut(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Copy) or \
        event.matches(QKeySequence.StandardKey.Cut)


def tell_blocked(widget: QWidget) -> None:
    """Say why nothing was copied: in the window's status bar, and to a screen reader."""
    message = blocked_message()
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, _STATUS_MS)
    announce(widget, message)


class _NoCopy:
    """The overrides shared by the plain and the rich case text widgets (mixed in before
    the Qt class, so Qt calls these)."""

    copy_blocked: SignalInstance

    def createMimeDataFromSelection(self) -> QMimeData:
        # Qt asks for this to copy, cut, drag and to fill the X11 selection: give nothing.
        return QMimeData()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_copy_or_cut(event):
            event.accept()
            self._blocked()
            return
        super().keyPressEvent(event)  # type: ignore[misc]

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.case_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def case_menu(self, pos: QPoint) -> QMenu:
        """Qt's own context menu without Copy, Cut and Copy Link Location."""
        menu: QMenu = self.createStandardContextMenu(pos)  # type: ignore[attr-defined]
        for action in menu.actions():
            if action.objectName() in _GIVING_AWAY:
                menu.removeAction(action)
        offered = self.actions()  # type: ignore[attr-defined]
        if offered:  # the widget's own, such as "May I share this note?"
            menu.addSeparator()
            menu.addActions(offered)
        return menu

    def copy(self) -> None:
        self._blocked()

    def cut(self) -> None:
        self._blocked()

    def _blocked(self) -> None:
        tell_blocked(self)  # type: ignore[arg-type]
        self.copy_blocked.emit()


class CaseTextEdit(_NoCopy, QPlainTextEdit):
    """A note editor or read-only view of note text."""

    copy_blocked = Signal()


class CaseTextBrowser(_NoCopy, QTextBrowser):
    """A read-only rich view of case content (the conference summary)."""

    copy_blocked = Signal()


class _ViewCopyFilter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and \
                isinstance(event, QKeyEvent) and is_copy_or_cut(event):
            event.accept()
            if event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget):
                tell_blocked(watched)
            return True
        return False


def block_copy_in(view: QAbstractItemView) -> None:
    """A table or list copies its current cell on Ctrl+C; one showing case content must
    not."""
    guard = _ViewCopyFilter(view)
    view.installEventFilter(guard)
