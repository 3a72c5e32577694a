"""Hear what Qt sends to assistive technology: Qt's own accessibility update handler
(QAccessible::installUpdateHandler, which PySide6 does not wrap) is set through ctypes, so a
test sees every QAccessibleEvent as a screen reader's bridge (AT-SPI, UIA) would get it."""

from __future__ import annotations

import ctypes
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import PySide6
import shiboken6
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
    QAccessibleTextInsertEvent,
    QAccessibleTextRemoveEvent,
    QAccessibleTextUpdateEvent,
)

_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
_INSTALL = "_ZN11QAccessible20installUpdateHandlerEPFvP16QAccessibleEventE"


@dataclass
class Heard:
    announcements: list[tuple[str, QAccessible.AnnouncementPoliteness]] = field(
        default_factory=list)
    texts: list[str] = field(default_factory=list)  # text that edits sent (insert, update)
    kinds: list[QAccessible.Event] = field(default_factory=list)

    def said(self, fragment: str) -> list[QAccessible.AnnouncementPoliteness]:
        """How urgently each announcement containing `fragment` was made."""
        return [how for text, how in self.announcements if fragment in text]


def _wrap(pointer: int, kind: type) -> object:
    # Each event is a fresh C++ object at a possibly reused address: never keep a wrapper.
    return shiboken6.wrapInstance(pointer, kind)


def _install() -> ctypes._CFuncPtr:  # type: ignore[name-defined]
    library = ctypes.CDLL(os.path.join(os.path.dirname(PySide6.__file__),
                                       "Qt", "lib", "libQt6Gui.so.6"))
    install = getattr(library, _INSTALL)
    install.restype = ctypes.c_void_p
    install.argtypes = [_HANDLER]
    return install


@contextmanager
def hear_accessibility() -> Iterator[Heard]:
    """Turn accessibility on (as a running screen reader does) and record what Qt sends."""
    heard = Heard()

    def handler(pointer: int) -> None:
        event = _wrap(pointer, QAccessibleEvent)
        kind = event.type()  # type: ignore[attr-defined]
        shiboken6.invalidate(event)
        heard.kinds.append(kind)
        if kind == QAccessible.Event.Announcement:
            said = _wrap(pointer, QAccessibleAnnouncementEvent)
            heard.announcements.append((said.message(), said.politeness()))  # type: ignore[attr-defined]
            shiboken6.invalidate(said)
        elif kind == QAccessible.Event.TextInserted:
            inserted = _wrap(pointer, QAccessibleTextInsertEvent)
            heard.texts.append(inserted.textInserted())  # type: ignore[attr-defined]
            shiboken6.invalidate(inserted)
        elif kind == QAccessible.Event.TextRemoved:
            removed = _wrap(pointer, QAccessibleTextRemoveEvent)
            heard.texts.append(removed.textRemoved())  # type: ignore[attr-defined]
            shiboken6.invalidate(removed)
        elif kind == QAccessible.Event.TextUpdated:
            updated = _wrap(pointer, QAccessibleTextUpdateEvent)
            heard.texts.append(updated.textInserted())  # type: ignore[attr-defined]
            heard.texts.append(updated.textRemoved())  # type: ignore[attr-defined]
            shiboken6.invalidate(updated)

    callback = _HANDLER(handler)
    install = _install()
    previous = install(callback)
    was_active = QAccessible.isActive()
    QAccessible.setActive(True)
    try:
        yield heard
    finally:
        QAccessible.setActive(was_active)
        install(_HANDLER(previous) if previous else _HANDLER())
