"""A passphrase field whose typed characters never reach the accessibility bus.

Qt's QLineEdit sends every edit to assistive technology as a text event carrying the text
itself, password echo or not (QAccessibleTextInsertEvent "s", "e", "c"… on each key), and
AT-SPI passes it to every program on the bus. Here the line edit underneath only ever holds
one mask character per typed one; the passphrase is kept beside it and `text()` returns it.
A screen reader still hears the field's name and how many characters it holds.
`textChanged` carries the masks: read `text()` in its slots."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QClipboard,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
)
from PySide6.QtWidgets import QLineEdit, QWidget

MASK = "\u25cf"  # what Qt itself shows for a password character
_REFUSED = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo,
            QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut)


class SecretLineEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._secret = ""
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setAcceptDrops(False)  # a drop would insert plain text
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # its Undo would desync
        # Runs before any other slot: deletions made by QLineEdit itself are mirrored first.
        self.textChanged.connect(self._follow_edit)

    # -- what callers use, as with a QLineEdit ----------------------------------------

    def text(self) -> str:  # type: ignore[override]
        return self._secret

    def setText(self, text: str) -> None:  # type: ignore[override]
        self._secret = text
        super().setText(MASK * len(text))

    def clear(self) -> None:  # type: ignore[override]
        self.setText("")

    # -- input ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self._type(QGuiApplication.clipboard().text(QClipboard.Mode.Clipboard))
            return
        if any(event.matches(key) for key in _REFUSED):
            return
        typed = event.text()
        control = event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                       | Qt.KeyboardModifier.MetaModifier)
        if typed and typed.isprintable() and not control:
            self._type(typed)
            return
        super().keyPressEvent(event)  # movement, deletion, Enter, Tab

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self._type(event.commitString())  # composed text; the preedit is never shown

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            return  # X11's middle-click paste would insert the selection's plain text
        super().mouseReleaseEvent(event)

    def _type(self, text: str) -> None:
        if not text or self.isReadOnly():
            return
        text = text.replace("\r", "").replace("\n", "")  # as QLineEdit pastes
        if self.hasSelectedText():
            start, length = self.selectionStart(), len(self.selectedText())
        else:
            start, length = self.cursorPosition(), 0
        room = self.maxLength() - (len(self._secret) - length)
        text = text[:max(room, 0)]
        self._secret = self._secret[:start] + text + self._secret[start + length:]
        self.insert(MASK * len(text))  # replaces the selection, moves the cursor

    def _follow_edit(self, shown: str) -> None:
        """A deletion QLineEdit made itself (Backspace, Delete, a selection removed): the
        removed characters start where the cursor now stands."""
        removed = len(self._secret) - len(shown)
        if removed > 0:
            at = self.cursorPosition()
            self._secret = self._secret[:at] + self._secret[at + removed:]
        elif removed < 0 or MASK * len(shown) != shown:
            # Something got past _type (it should not): never keep plain text on show.
            self._secret = shown
            self.blockSignals(True)
            super().setText(MASK * len(shown))
            self.blockSignals(False)
