"""Keyboard reach on every screen: Tab and Shift+Tab leave every table, list and text editor;
no two controls of one screen share an Alt+letter, in English or in Spanish."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from safeconf.ui.i18n import Translations
from tests.ui.keys import press
from tests.ui.screens import mnemonics, shown, walk_screens

pytestmark = pytest.mark.keyring
KEEPS_TAB_KINDS = (QAbstractItemView, QPlainTextEdit, QTextEdit)


def takes_tab_focus(widget: QWidget) -> bool:
    return widget.isEnabled() and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def state_of(widget: QWidget) -> object:
    """What a Tab kept by the widget would change: the text, or the current cell."""
    if isinstance(widget, QAbstractItemView):
        index = widget.currentIndex()
        return (index.row(), index.column())
    return widget.toPlainText()  # type: ignore[attr-defined]


def keeps_tab(qtbot: Any, widget: QWidget) -> list[str]:
    kept = []
    for keys in ("Tab", "Shift+Tab"):
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        assert QApplication.focusWidget() is widget
        before = state_of(widget)
        press(qtbot, keys)
        if QApplication.focusWidget() is widget or state_of(widget) != before:
            kept.append(keys)
    return kept


def test_tab_and_shift_tab_leave_every_table_list_and_editor_on_every_screen(
    qtbot: Any, make_window: Any
) -> None:
    keepers: list[str] = []
    checked: set[str] = set()
    for screen, root in walk_screens(qtbot, make_window()):
        for widget in root.findChildren(QWidget):
            if not (isinstance(widget, KEEPS_TAB_KINDS) and shown(widget, root)
                    and takes_tab_focus(widget)):
                continue
            checked.add(widget.accessibleName())
            kept = keeps_tab(qtbot, widget)
            if kept:
                keepers.append(f"{screen}: {type(widget).__name__} "
                               f"{widget.accessibleName()!r} keeps {' and '.join(kept)}")
    assert keepers == []
    # The walk reached the tables and editors the issue was about.
    assert {"Conferences", "Search results", "Attendees", "Acknowledgments", "Note text",
            "New addendum", "Confidentiality statement", "Revisions"} <= checked


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_two_controls_of_one_screen_share_an_alt_key(
    qtbot: Any, qapp: QApplication, make_window: Any, language: str
) -> None:
    # The translations are whatever the .qm holds at run time, new strings included.
    translations = Translations(qapp)
    translations.apply(language)
    try:
        clashes: list[str] = []
        screens = 0
        for screen, root in walk_screens(qtbot, make_window()):
            screens += 1
            owners: dict[str, list[str]] = defaultdict(list)
            for binding in mnemonics(root):
                owners[binding.keys].append(binding.what)
            clashes += [f"{screen}: {keys} is {' and '.join(repr(w) for w in whats)}"
                        for keys, whats in owners.items() if len(whats) > 1]
        assert clashes == []
        assert screens > 25  # every step, state, mode and dialog was looked at
    finally:
        translations.apply("en")
