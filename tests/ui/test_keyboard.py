"""Keyboard reach on every screen: Tab and Shift+Tab leave every table, list and text editor;
no two controls of one screen share an Alt+letter, in English or in Spanish."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
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
from tests.ui.screens import mnemonics, shortcuts, shown, walk_screens

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


README = Path(__file__).resolve().parents[2] / "README.md"
# The screens the README's keyboard table names, as walk_screens names them.
README_SCREENS = {
    "conference list": ("conference list",),
    "conference": ("Details", "Attendees", "Notes", "Conclude"),
    "hand-over": ("hand-over (en, tab 1)",),
    "Details": ("Details",),
    "Attendees": ("Attendees",),
    "Confidentiality": ("Confidentiality (Draw signature)",),
    "Notes (paused)": ("Notes (paused)",),
    "Conclude": ("Conclude",),
    "print preview": ("Print roster",),
    "people on the case": ("People on the case",),
    "consents": ("Consents",),
    "unlock": ("unlock",),
    "report a loss": ("Report a loss",),
    "report a breach": ("Report a breach",),
    "report a loss (locked)": ("Report a loss (locked)",),
}


def readme_keyboard_rows() -> list[tuple[list[str], list[str], str]]:
    """(keys, screens, what) for each row of the README's keyboard table."""
    section = README.read_text(encoding="utf-8").split("### Keyboard", 1)[1]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 3 or cells[0] in ("keys", "---"):
            if rows and not line.startswith("|"):
                break  # the table ended
            continue
        keys = re.findall(r"`([^`]+)`", cells[0])
        if "…" in cells[0]:  # `Alt+1` … `Alt+5`
            prefix, first = keys[0].rsplit("+", 1)
            last = keys[1].rsplit("+", 1)[1]
            keys = [f"{prefix}+{n}" for n in range(int(first), int(last) + 1)]
        what = re.sub(r"\s*\(.*\)$", "", cells[2])
        rows.append((keys, cells[1].split(", "), what))
    return rows


def test_the_readme_keyboard_table_is_what_each_screen_does(
    qtbot: Any, make_window: Any
) -> None:
    bindings = {screen: mnemonics(root) + shortcuts(root)
                for screen, root in walk_screens(qtbot, make_window())}
    rows = readme_keyboard_rows()
    assert len(rows) > 10
    untrue = []
    for keys, wheres, what in rows:
        for where in wheres:
            assert where in README_SCREENS, f"README names an unknown screen: {where!r}"
            for screen in README_SCREENS[where]:
                for key in keys:
                    reached = [b.what for b in bindings[screen] if b.keys == key]
                    # A mnemonic or an action says what it reaches; a bare shortcut does not.
                    if not any(not r or what.lower() in r.lower() for r in reached):
                        untrue.append(f"{key} on {screen}: README says {what!r}, "
                                      f"the screen has {reached}")
    assert untrue == []
