"""The disclosure history of a case, opened from the conference list with the keyboard:
every kind of entry in order, a filter by kind, the details of the chosen entry, Escape
closes; and no Export button while the copy flow is not there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from safeconf.app import disclosure_history
from safeconf.app.demo_vault import fill_demo_vault
from safeconf.app.disclosure_history import HistoryKind
from safeconf.ui.app_window import AppWindow
from safeconf.ui.disclosure import history_view
from safeconf.ui.disclosure.history_view import HistoryDialog
from safeconf.ui.workspace.conference_model import ID_ROLE
from tests.ui.conftest import ScriptedPrompter
from tests.ui.keys import press
from tests.ui.screens import activate
from tests.ui.test_language_and_access import unnamed_controls

pytestmark = pytest.mark.keyring


def choose_case(qtbot: Any, window: AppWindow, case_number: str) -> None:
    """Load the demo data and put the list's current row on a conference of the case."""
    fill_demo_vault(window.session.vault)
    assert window.main_view is not None
    home = window.main_view.home
    with qtbot.waitSignal(home.loaded, timeout=10_000):
        home.refresh()
    service = window.service
    for row in range(home.model.rowCount()):
        conference_id = home.model.index(row, 0).data(ID_ROLE)
        if conference_id and service.case(service.conference(conference_id).case_id) \
                .case_number == case_number:
            home.tree.setCurrentIndex(home.model.index(row, 0))
            activate(qtbot, window)
            home.tree.setFocus()
            return
    raise AssertionError(f"no conference of {case_number} in the list")


def test_alt_h_opens_the_history_of_the_chosen_case_with_every_kind_and_a_filter(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    choose_case(qtbot, unlocked, "TRN-2026-0001")
    seen: dict[str, Any] = {}

    def look(dialog: HistoryDialog) -> bool:
        activate(qtbot, dialog)
        assert unnamed_controls(dialog) == []
        assert dialog.windowTitle() == "Disclosure history — TRN-2026-0001"
        assert QApplication.focusWidget() is dialog.table
        shown = dialog.shown
        seen["all"] = shown
        assert [e.at for e in shown] == sorted(e.at for e in shown)
        assert {e.kind for e in shown} == set(HistoryKind)
        assert dialog.model.rowCount() == len(shown)
        titles = {dialog.model.index(r, 1).data() for r in range(len(shown))}
        assert {"Disclosure made", "Consent given", "Consent expired",
                "Legal review requested", "Confidentiality acknowledged"} <= titles
        # The latest entry is current and its details are shown in full.
        assert dialog.table.currentIndex().row() == len(shown) - 1
        assert shown[-1].detail.splitlines()[-1] in dialog.detail.toPlainText()
        # Alt+W reaches the filter; the arrow keys choose "Disclosures".
        press(qtbot, "Alt+W")
        assert QApplication.focusWidget() is dialog.filter
        press(qtbot, "Down")
        assert dialog.filter.currentText() == "Disclosures"
        assert dialog.shown and all(e.kind is HistoryKind.DISCLOSURE for e in dialog.shown)
        assert dialog.count.text() == f"{len(dialog.shown)} entry(ies)"
        seen["disclosures"] = dialog.shown
        press(qtbot, "Down")
        press(qtbot, "Down")  # Legal review: the pending request to the housing authority
        (asked,) = dialog.shown
        assert "Eastgate Housing Authority" in asked.detail
        assert dialog.export_button.isVisible()  # through the copy flow (test_disclosure_flows)
        press(qtbot, "Escape")
        assert not dialog.isVisible()
        return False

    prompter.on(HistoryDialog, look)
    press(qtbot, "Alt+H")
    qtbot.waitUntil(lambda: bool(prompter.ran))  # a mnemonic clicks after a short animation
    assert [type(d) for d in prompter.ran] == [HistoryDialog]
    disclosures = seen["disclosures"]
    assert {"Rosa Castellanos-Mora", "Adaeze Okafor, Casework Supervisor"} <= {
        line.split("To ", 1)[1].split(" (", 1)[0] for e in disclosures
        for line in e.detail.splitlines() if line.startswith("To ")}
    assert len(seen["all"]) > len(disclosures)


def test_the_history_needs_a_chosen_case(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    assert unlocked.main_view is not None
    home = unlocked.main_view.home
    home.refresh()  # an empty vault: no conference to choose
    home.history_button.click()
    assert prompter.ran == []
    assert prompter.messages[-1][1] == "No case chosen"


def test_the_screen_translates_the_same_titles_the_history_writes() -> None:
    assert {event: str(text) for event, text in history_view.TITLES.items()} == \
        disclosure_history.TITLES


def test_the_screen_translates_every_detail_template_and_word_the_history_uses() -> None:
    assert {str(t) for t in history_view.DETAIL_TEMPLATES} == set(disclosure_history.TEMPLATES)
    assert len(history_view.DETAIL_TEMPLATES) == len(disclosure_history.TEMPLATES)
    for value, text in history_view.WORDS.items():
        assert str(text) == disclosure_history.word(value)


SPANISH_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS><TS version="2.1" language="es">
<context><name>HistoryView</name>
<message><source>Disclosure made</source><translation>Divulgación hecha</translation></message>
<message><source>To {name} ({recipient}), by {worker}</source>
<translation>A {name} ({recipient}), por {worker}</translation></message>
<message><source>parent or guardian</source><translation>padre, madre o tutor</translation>
</message></context></TS>
"""


def test_a_detail_line_reads_in_the_interface_language_with_its_names_as_recorded(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter, qapp: QApplication,
    tmp_path: Any,
) -> None:
    ts = tmp_path / "history_es.ts"
    ts.write_text(SPANISH_TS, encoding="utf-8")
    qm = tmp_path / "history_es.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    choose_case(qtbot, unlocked, "TRN-2026-0001")
    qapp.installTranslator(translator)
    try:
        service = unlocked.service
        case = next(c for c in service.cases() if c.case_number == "TRN-2026-0001")
        dialog = HistoryDialog(service.session, case.id, prompter, unlocked)
        dialog.show_kind(HistoryKind.DISCLOSURE)
        told = next(row for row, e in enumerate(dialog.shown)
                    if e.detail.startswith("Summary"))
        assert dialog.model.index(told, 1).data() == "Divulgación hecha"
        assert "A Rosa Castellanos-Mora (padre, madre o tutor), por w.alvarez" in \
            dialog.model.index(told, 2).data()
        # An untranslated line stays as written in English.
        assert "oral summary" in dialog.model.index(told, 2).data()
        dialog.reject()
    finally:
        qapp.removeTranslator(translator)


def test_a_search_result_chosen_last_gives_the_history_of_its_case(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    choose_case(qtbot, unlocked, "TRN-2026-0001")
    assert unlocked.main_view is not None
    home = unlocked.main_view.home
    home.search_field.setText("Whitlock")
    home.run_search()
    home.results.setFocus()
    home.results.setCurrentIndex(home.search_model.index(0, 0))
    assert home.search_model.results[0].case_number == "TRN-2026-0002"
    titles: list[str] = []
    prompter.on(HistoryDialog, lambda dialog: titles.append(dialog.windowTitle()) or False)
    press(qtbot, "Alt+H")
    qtbot.waitUntil(lambda: bool(titles))
    assert titles == ["Disclosure history — TRN-2026-0002"]
    home.tree.setCurrentIndex(home.model.index(1, 0))  # back in the list: its case again
    expected = unlocked.service.case(unlocked.service.conference(
        home.model.index(1, 0).data(ID_ROLE)).case_id).case_number
    prompter.on(HistoryDialog, lambda dialog: titles.append(dialog.windowTitle()) or False)
    home.history_button.click()
    assert titles[-1] == f"Disclosure history — {expected}"
