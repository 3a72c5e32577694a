"""Small shared widget helpers: labelled fields, status labels, busy bars."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QLabel, QProgressBar, QTextBrowser, QWidget


def status_label(parent: QWidget | None = None) -> QLabel:
    """A label whose text changes. It gets no accessible name, so screen readers read the
    text itself (STYLE.md)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def show_status(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def busy_bar(name: str, parent: QWidget | None = None) -> QProgressBar:
    bar = QProgressBar(parent)
    bar.setRange(0, 0)  # indeterminate: key derivation has no meaningful progress
    bar.setTextVisible(False)
    bar.setAccessibleName(name)
    bar.setVisible(False)
    return bar


def user_errors() -> tuple[type[Exception], ...]:
    """Errors whose message is written for the user (shown, never a crash)."""
    from safeconf.domain.errors import DomainError
    from safeconf.vault.errors import VaultError

    return (DomainError, VaultError, ValueError)


def statement_view(parent: QWidget | None = None) -> QTextBrowser:
    """Large, readable statement text; it scales with the system font."""
    view = QTextBrowser(parent)
    view.setOpenLinks(False)
    view.setFont(scaled_font(view.font(), 1.35))
    return view


def scaled_font(font: QFont, factor: float) -> QFont:
    """The same font, `factor` times larger, whether it is sized in points or pixels."""
    bigger = QFont(font)
    if font.pointSizeF() > 0:
        bigger.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        bigger.setPixelSize(round(font.pixelSize() * factor))
    return bigger


def spoken_label(text: str) -> str:
    """A control's text as it is said: without the mnemonic marker or a trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def name_as_shown(button: QAbstractButton, description: str = "") -> None:
    """Name a button by the words it shows: voice-control users speak the visible label, and
    a screen reader should say what sighted users read. More detail goes in the description.
    Call again whenever the text changes."""
    button.setAccessibleName(spoken_label(button.text()))
    if description:
        button.setAccessibleDescription(description)
