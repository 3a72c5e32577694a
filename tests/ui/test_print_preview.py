"""The roster's print preview by keyboard alone: Print and Close take focus, Ctrl+P prints
(here into a PDF file, as no printer is needed), Escape closes without printing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog

from safeconf.domain.records import CaseStatus
from safeconf.ui.app_window import AppWindow
from safeconf.ui.workspace.conference_workspace import CONCLUDE
from safeconf.ui.workspace.printing import RosterPreviewDialog
from tests.ui.conftest import ScriptedPrompter
from tests.ui.keys import alt_key_of, press, press_alt_key_of
from tests.ui.screens import acknowledge_everyone, activate, seed_conference

pytestmark = pytest.mark.keyring


def test_the_print_preview_prints_on_ctrl_p_and_closes_on_escape(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    conference_id = seed_conference(unlocked)
    acknowledge_everyone(unlocked, conference_id)
    unlocked.main_view.open_conference(conference_id)
    workspace = unlocked.main_view.workspace
    workspace.go_to(CONCLUDE)
    activate(qtbot, unlocked)
    conclude = workspace.conclude
    conclude.print_button.setFocus()
    pdf = tmp_path / "roster.pdf"
    focus_order: list[str] = []

    def close_with_escape(dialog: RosterPreviewDialog) -> bool:
        activate(qtbot, dialog)
        assert QApplication.focusWidget() is dialog.print_button
        press(qtbot, "Tab")
        focus_order.append(QApplication.focusWidget() is dialog.close_button and "close")
        press(qtbot, "Escape")
        assert not dialog.isVisible()
        return dialog.result() == QDialog.DialogCode.Accepted

    def print_with_ctrl_p(dialog: RosterPreviewDialog) -> bool:
        activate(qtbot, dialog)
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(pdf))
        press(qtbot, "Ctrl+P")
        return dialog.result() == QDialog.DialogCode.Accepted

    prompter.on(RosterPreviewDialog, close_with_escape)
    prompter.on(RosterPreviewDialog, print_with_ctrl_p)
    prompter.on(QPrintDialog, lambda _dialog: True)  # the system dialog: "Print"
    audit = unlocked.session.vault.audit
    before = audit.count()

    assert alt_key_of(conclude.print_button) == "Alt+P"
    press_alt_key_of(qtbot, conclude.print_button)
    assert focus_order == ["close"]
    assert not pdf.exists() and audit.count() == before  # closed: nothing printed
    activate(qtbot, unlocked)  # a desktop gives the window back its activation; offscreen not
    assert QApplication.focusWidget() is conclude.print_button

    press_alt_key_of(qtbot, conclude.print_button)
    assert pdf.read_bytes().startswith(b"%PDF")
    # Logged as a disclosure to agency staff (its creation audited), and the export audited.
    assert audit.count() == before + 2
    assert audit.events()[-1].action == "export"
    [printed] = unlocked.session.vault.disclosures.all()
    assert (printed.policy_line, printed.record_ids) == ("open.agency_staff", (conference_id,))
    assert [type(d) for d in prompter.ran] == [RosterPreviewDialog, RosterPreviewDialog,
                                               QPrintDialog]


def test_the_roster_of_a_closed_case_is_not_printed_and_the_worker_is_told_why(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    conference_id = seed_conference(unlocked)
    vault = unlocked.session.vault
    case = vault.cases.get(vault.conferences.get(conference_id).case_id)
    vault.cases.update(replace(case, status=CaseStatus.CLOSED))
    unlocked.main_view.open_conference(conference_id)
    workspace = unlocked.main_view.workspace
    workspace.go_to(CONCLUDE)
    prompter.on(RosterPreviewDialog, lambda _dialog: True)
    workspace.conclude.print_button.click()
    assert not any(isinstance(d, RosterPreviewDialog) for d in prompter.ran)
    [(kind, title, text)] = prompter.messages
    assert (kind, title) == ("error", "Roster not printed")
    assert "legal review" in text and "The case is closed" in text
    assert vault.disclosures.count() == 0
