"""Tab and Shift+Tab always move on to the next control: no table, list or text editor keeps
them (inside one, the arrow keys still move). Applied to every widget of the application as
Qt first polishes it, so a table or editor added to any screen follows without remembering to."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit, QTextEdit, QWidget


def leave_on_tab(widget: QWidget) -> None:
    """Tables would move cell by cell on Tab (and select another row, unseen); editors would
    put a tab character into the record."""
    if isinstance(widget, QAbstractItemView):
        widget.setTabKeyNavigation(False)
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        widget.setTabChangesFocus(True)


class TabLeavesEveryWidget(QObject):
    """Watches the application for widgets about to be shown the first time."""

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        app.installEventFilter(self)  # removed by Qt when this object is deleted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, QWidget):
            leave_on_tab(watched)
        return False
