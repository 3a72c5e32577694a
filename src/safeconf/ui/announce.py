"""Tell assistive technology (a screen reader) about an error or a confirmation, so it is
heard without moving the user's focus: a QAccessibleAnnouncementEvent from the widget that
shows the message."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QWidget

from safeconf.ui.widgets import show_status


def announce(source: QWidget, message: str, urgent: bool = False) -> None:
    """Errors are `urgent` (assertive: they interrupt); confirmations wait their turn
    (polite). Without assistive technology Qt is inactive and nothing is sent."""
    if not message or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(source, spoken(message))
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if urgent
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


def tell(label: QLabel, text: str, urgent: bool = False) -> None:
    """Show a message in a status label and announce it."""
    show_status(label, text)
    announce(label, text, urgent)


def spoken(text: str) -> str:
    """Rich text as a screen reader should say it: without its tags."""
    if "<" in text and ">" in text:  # as the labels here mark rich text
        return QTextDocumentFragment.fromHtml(text).toPlainText()
    return text
