"""Keyboard reach on every screen: no two controls of one screen share an Alt+letter, in
English or in Spanish."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from safeconf.ui.i18n import Translations
from tests.ui.screens import mnemonics, walk_screens

pytestmark = pytest.mark.keyring


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
