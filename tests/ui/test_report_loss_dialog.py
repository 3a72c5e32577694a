"""Reporting a loss or a breach, driven as a keyboard user does: from the File menu of the
open vault, and from the lock screen where the passphrase files the report and the app stays
locked; a wrong passphrase or a missing choice of cases is a clear error and files nothing;
the receipt number is shown once filed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from safeconf.app.conferences import ConferenceService
from safeconf.app.losses import LossReportService
from safeconf.app.session import VaultSession
from safeconf.domain.records import LossKind
from safeconf.domain.reports import receipt
from safeconf.ui.losses.report_breach_dialog import ReportBreachDialog
from safeconf.ui.losses.report_loss_dialog import ReportLossDialog
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from tests.ui.keys import focused, press, type_text
from tests.ui.screens import mnemonics

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def session(data_dir: Path, no_keyring: SystemKeyring,
            fast_kdf: KdfParams) -> Iterator[VaultSession]:
    session = VaultSession(data_dir, no_keyring, fast_kdf)
    session.create(PASSPHRASE, user="w.tester")
    ConferenceService(session).create_case("2026-0042", "Okonkwo")
    ConferenceService(session).create_case("2026-0043", "Reyes")
    yield session
    session.lock()


def shown(qtbot: Any, dialog: Any) -> Any:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return dialog


def test_every_control_has_a_name_and_its_own_mnemonic(qtbot: Any,
                                                       session: VaultSession) -> None:
    service = LossReportService(session)
    for dialog in (ReportLossDialog(service), ReportBreachDialog(service)):
        shown(qtbot, dialog)
        keys = [b.keys for b in mnemonics(dialog)]
        assert len(keys) == len(set(keys)), keys
        assert dialog.cases.list.accessibleName() and dialog.when.accessibleName()
        assert not dialog.receipt.accessibleName() and not dialog.message.accessibleName()
    session.lock()
    locked = shown(qtbot, ReportLossDialog(service, locked=True))
    keys = [b.keys for b in mnemonics(locked)]
    assert len(keys) == len(set(keys)), keys


def test_a_loss_filed_by_keyboard_names_the_chosen_case_and_shows_the_receipt(
        qtbot: Any, session: VaultSession) -> None:
    dialog = shown(qtbot, ReportLossDialog(LossReportService(session)))
    assert focused() is dialog.what
    dialog.what.setCurrentIndex(dialog.what.findData(LossKind.USB_DRIVE))
    press(qtbot, "Alt+R")
    assert focused() is dialog.where
    type_text(qtbot, "Car park")
    press(qtbot, "Alt+S")  # stolen
    qtbot.waitUntil(dialog.stolen.isChecked)
    press(qtbot, "Alt+C")
    assert focused() is dialog.cases.list
    dialog.cases.list.setCurrentRow(0)
    press(qtbot, "Space")
    assert dialog.cases.list.item(0).checkState() is Qt.CheckState.Checked
    press(qtbot, "Alt+E")
    type_text(qtbot, "Blue stick")
    press(qtbot, "Alt+F")
    qtbot.waitUntil(lambda: dialog.filed is not None)
    [stored] = session.vault.loss_reports.all()
    assert stored.lost is LossKind.USB_DRIVE and stored.where == "Car park" and stored.stolen
    assert len(stored.affected_case_ids) == 1 and stored.description == "Blue stick"
    assert receipt("loss_report", stored.id) in dialog.receipt.text()
    assert dialog.file_button.text() == "&Close" and not dialog.what.isEnabled()
    press(qtbot, "Return")
    assert dialog.result() == ReportLossDialog.DialogCode.Accepted


def test_without_a_choice_of_cases_nothing_is_filed_and_the_dialog_says_why(
        qtbot: Any, session: VaultSession) -> None:
    dialog = shown(qtbot, ReportLossDialog(LossReportService(session)))
    press(qtbot, "Alt+F")
    qtbot.waitUntil(lambda: "one of the two" in dialog.message.text())
    assert session.vault.loss_reports.all() == [] and dialog.isVisible()
    press(qtbot, "Alt+D")  # I don't know which cases
    qtbot.waitUntil(dialog.cases.unknown.isChecked)
    assert not dialog.cases.list.isEnabled()
    press(qtbot, "Alt+F")
    qtbot.waitUntil(lambda: dialog.filed is not None)
    assert len(session.vault.loss_reports.all()) == 1


def test_escape_cancels_and_files_nothing(qtbot: Any, session: VaultSession) -> None:
    dialog = shown(qtbot, ReportBreachDialog(LossReportService(session)))
    type_text(qtbot, "Sent to the wrong school")
    press(qtbot, "Escape")
    assert dialog.result() == ReportBreachDialog.DialogCode.Rejected
    assert session.vault.breach_reports.all() == []


def test_a_breach_is_filed_by_keyboard(qtbot: Any, session: VaultSession) -> None:
    dialog = shown(qtbot, ReportBreachDialog(LossReportService(session)))
    assert focused() is dialog.what
    type_text(qtbot, "Minutes emailed to the wrong school")
    press(qtbot, "Alt+R")
    type_text(qtbot, "Lincoln office")
    press(qtbot, "Alt+D")
    qtbot.waitUntil(dialog.cases.unknown.isChecked)
    press(qtbot, "Alt+F")
    qtbot.waitUntil(lambda: dialog.filed is not None)
    [stored] = session.vault.breach_reports.all()
    assert stored.who_may_have_received == "Lincoln office" and stored.affected_unknown
    assert receipt("breach_report", stored.id) in dialog.receipt.text()


def test_from_the_lock_screen_the_passphrase_files_it_and_the_app_stays_locked(
        qtbot: Any, session: VaultSession) -> None:
    session.lock()
    service = LossReportService(session)
    dialog = shown(qtbot, ReportLossDialog(service, locked=True))
    assert dialog.cases.unknown.isChecked()
    press(qtbot, "Alt+P")
    assert focused() is dialog.passphrase
    type_text(qtbot, "wrong words")
    press(qtbot, "Alt+F")
    qtbot.waitUntil(lambda: bool(dialog.message.text()))
    assert dialog.filed is None and not session.is_open
    dialog.passphrase.clear()
    type_text(qtbot, PASSPHRASE)
    press(qtbot, "Alt+V")  # list the vault's cases with it
    qtbot.waitUntil(lambda: dialog.cases.list.count() == 2)
    assert not dialog.cases.unknown.isChecked()
    dialog.cases.list.item(1).setCheckState(Qt.CheckState.Checked)
    press(qtbot, "Alt+F")
    qtbot.waitUntil(lambda: dialog.filed is not None)
    assert not session.is_open
    assert dialog.passphrase.text() == ""
    session.unlock(PASSPHRASE)
    [stored] = session.vault.loss_reports.all()
    assert stored.id == dialog.filed.report.id and len(stored.affected_case_ids) == 1


def test_the_lock_screen_and_the_file_menu_both_open_it(qtbot: Any, unlocked: Any,
                                                        prompter: Any) -> None:
    window = unlocked
    prompter.on(ReportLossDialog, lambda d: False)
    window.report_loss_action.trigger()
    assert isinstance(prompter.ran[-1], ReportLossDialog) and not prompter.ran[-1].locked
    prompter.on(ReportBreachDialog, lambda d: False)
    window.report_breach_action.trigger()
    assert isinstance(prompter.ran[-1], ReportBreachDialog)
    window.lock()
    assert not window.report_breach_action.isEnabled()
    prompter.on(ReportLossDialog, lambda d: False)
    window.lock_screen.report_loss_button.click()
    assert isinstance(prompter.ran[-1], ReportLossDialog) and prompter.ran[-1].locked
    assert not window.session.is_open
