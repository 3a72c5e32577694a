"""Drive the app as a keyboard user does: every key goes to whatever has the focus, and a
control is reached by its Alt+letter or by Tab, never by clicking it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from tests.ui.screens import mnemonic, plain

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def focused() -> QWidget:
    focus = QApplication.focusWidget()
    assert focus is not None, "nothing has the keyboard focus"
    return focus


def press(qtbot: Any, keys: str) -> None:
    """Press a key combination such as "Alt+P", "Ctrl+Shift+S", "Tab" or "Return"."""
    combo = QKeySequence(keys)[0]
    qtbot.keyClick(focused(), combo.key(), combo.keyboardModifiers())


def type_text(qtbot: Any, text: str) -> None:
    """Type text, accented letters too (QTest's keyClicks aborts on anything but ASCII)."""
    for char in text:
        upper = char.upper()
        key = Qt.Key(ord(upper)) if len(upper) == 1 and ord(upper) < 0x100 else Qt.Key.Key_unknown
        QTest.sendKeyEvent(QTest.KeyAction.Click, focused(), key, char, NO_MODIFIER)


def alt_key_of(control: QWidget) -> str:
    """The Alt+letter the control shows underlined; a control used here must have one."""
    text = control.text() if hasattr(control, "text") else ""
    keys = mnemonic(text)
    assert keys, f"{plain(text)!r} has no Alt+letter"
    return keys


def press_alt_key_of(qtbot: Any, control: QWidget) -> None:
    """Press the control's Alt+letter. A button presses itself (Qt animates the click and
    releases it a moment later: wait for that); a label moves the focus to its field."""
    press(qtbot, alt_key_of(control))
    if isinstance(control, QAbstractButton):
        qtbot.waitUntil(lambda: not control.isDown())


def tab_to(qtbot: Any, target: QWidget, backwards: bool = False, limit: int = 60) -> None:
    """Press Tab (or Shift+Tab) until `target` has the focus; fail if it is never reached."""
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        press(qtbot, "Shift+Tab" if backwards else "Tab")
    assert QApplication.focusWidget() is target, (
        f"Tab never reached {type(target).__name__} {target.accessibleName()!r}")
