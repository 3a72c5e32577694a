"""Spanish interface, accessible names on every control, keyboard reach, dark palette,
and printing that writes no file."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QPalette
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from safeconf.app.session import UnlockThrottled
from safeconf.domain.privacy_notice import NoticeStatus
from safeconf.domain.records import AckMethod, Language, Presence, Role
from safeconf.ui.app_window import AppWindow
from safeconf.ui.i18n import Translations
from safeconf.ui.messages import user_message
from safeconf.ui.workspace.printing import Roster, RosterPreviewDialog
from safeconf.ui.workspace.privacy_notice import status_text
from safeconf.vault.errors import WrongPassphrase

pytestmark = pytest.mark.keyring
PARTS_OF = (QAbstractSpinBox, QComboBox, QTabBar)
INPUTS = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QAbstractItemView)


def unnamed_controls(root: QWidget) -> list[str]:
    buddies = {label.buddy() for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not widget.isVisibleTo(root):
            continue
        parent = widget.parent()
        # Parts Qt builds inside a control are named by the control itself.
        if isinstance(widget, QHeaderView) or isinstance(parent, PARTS_OF):
            continue
        internal = widget.objectName().startswith("qt_") or (
            parent is not None and parent.objectName().startswith("qt_"))
        if internal or widget in buddies:
            continue
        if not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} "
                           f"in {type(widget.parent()).__name__}")
    return missing


def make_conference(window: AppWindow) -> str:
    service = window.service
    case = service.create_case("2026-0800", "Ibarra")
    conf = service.create_conference(case.id, datetime.now().astimezone())
    for name, lang in (("Rocío Ibarra", Language.SPANISH), ("Dan Ibarra", Language.ENGLISH)):
        person = service.add_attendee(conf.id, name, Role.PARENT, language=lang)
        service.set_presence(person.id, Presence.PRESENT)
    return conf.id


def test_every_control_on_every_screen_has_an_accessible_name(
    qtbot: Any, make_window: Any, unlocked: AppWindow
) -> None:
    assert unnamed_controls(unlocked) == []
    conference_id = make_conference(unlocked)
    unlocked.main_view.open_conference(conference_id)
    workspace = unlocked.main_view.workspace
    for step in range(5):
        workspace.go_to(step)
        assert unnamed_controls(unlocked) == [], step
    unlocked.lock()
    assert unnamed_controls(unlocked) == []


def test_changing_labels_have_no_fixed_accessible_name(unlocked: AppWindow) -> None:
    conference_id = make_conference(unlocked)
    unlocked.main_view.open_conference(conference_id)
    workspace = unlocked.main_view.workspace
    for label in (workspace.notes.banner, workspace.notes.save_state, workspace.header,
                  workspace.confidentiality.heading, workspace.confidentiality.message):
        assert label.accessibleName() == ""


def test_spanish_interface_and_locale(
    qtbot: Any, qapp: QApplication, unlocked: AppWindow
) -> None:
    translations = Translations(qapp)
    unlocked.translations = translations
    try:
        unlocked.apply_settings(replace(unlocked.settings, language="es"))
        home = unlocked.main_view.home
        assert home.new_case_button.text() == "Nuevo &caso…"
        assert home.search_field.accessibleName() == "Buscar en notas y nombres"
        assert QLocale().language() == QLocale.Language.Spanish
        conference_id = make_conference(unlocked)
        home.refresh()
        assert home.model.index(0, 0).data().startswith("Hoy")
        unlocked.main_view.open_conference(conference_id)
        steps = unlocked.main_view.workspace.steps
        assert steps.item(2).text().startswith("3. Confidencialidad — faltan 2")
        qtbot.keyClick(unlocked, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert not unlocked.session.is_open
        assert unlocked.windowTitle() == "safeconf — Bloqueado"
        # Common errors from the services are shown in Spanish too.
        assert user_message(WrongPassphrase()).startswith("Esa frase de contraseña no es")
        assert "segundos" in user_message(UnlockThrottled(30))
        # Texts a table builds from a value (where lupdate must find a literal context).
        assert status_text(NoticeStatus.NOT_YET) == "Aviso aún no entregado"
    finally:
        translations.apply("en")


def test_every_text_the_interface_shows_has_its_spanish_translation() -> None:
    source = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "safeconf_es.ts"
    untranslated = [m.findtext("source") for m in ElementTree.parse(source).iter("message")
                    if (t := m.find("translation")) is None or t.get("type") == "unfinished"
                    or (not (t.text or "").strip() and not t.findall("numerusform"))]
    assert untranslated == []


def test_works_in_a_dark_palette(qtbot: Any, qapp: QApplication, unlocked: AppWindow) -> None:
    old = qapp.palette()
    dark = QPalette()
    for role, color in ((QPalette.ColorRole.Window, "#202124"),
                        (QPalette.ColorRole.WindowText, "#e8eaed"),
                        (QPalette.ColorRole.Base, "#171717"),
                        (QPalette.ColorRole.Text, "#e8eaed")):
        dark.setColor(role, color)
    qapp.setPalette(dark)
    try:
        conference_id = make_conference(unlocked)
        unlocked.main_view.open_conference(conference_id)
        notes = unlocked.main_view.workspace.notes
        unlocked.main_view.workspace.go_to(3)
        banner = notes.banner.palette()
        fg = banner.color(notes.banner.foregroundRole())
        bg = banner.color(notes.banner.backgroundRole())
        assert abs(fg.lightness() - bg.lightness()) > 100  # readable contrast
    finally:
        qapp.setPalette(old)


def test_roster_prints_through_the_preview_dialog_and_never_to_a_file(
    qtbot: Any, unlocked: AppWindow, prompter: Any, tmp_path: Path
) -> None:
    conference_id = make_conference(unlocked)
    service = unlocked.service
    person = next(a for a in service.attendees(conference_id) if a.name == "Dan Ibarra")
    service.acknowledge(person.id, AckMethod.TYPED_NAME, service.statement_for(person),
                        typed_name="Dan Ibarra")
    document = Roster().build(service, conference_id)
    text = document.toPlainText()
    assert "Dan Ibarra" in text and "Typed name" in text and "2026-0800" in text
    seen: list[RosterPreviewDialog] = []
    prompter.on(RosterPreviewDialog, lambda d: seen.append(d) or False)
    unlocked.main_view.open_conference(conference_id)
    unlocked.main_view.workspace.conclude.print_button.click()
    assert len(seen) == 1
    printer = seen[0].printer()
    assert printer.outputFileName() == ""  # no print-to-file default
    audit = unlocked.session.vault.audit
    exports_before = audit.count()

    def print_into_a_file(dialog: RosterPreviewDialog) -> bool:  # this time the user prints
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(tmp_path / "roster.pdf"))
        dialog.print_roster()
        return dialog.result() == QDialog.DialogCode.Accepted

    prompter.on(RosterPreviewDialog, print_into_a_file)
    prompter.on(QPrintDialog, lambda _dialog: True)
    unlocked.main_view.workspace.conclude.print_button.click()
    assert audit.count() == exports_before + 2  # the disclosure logged, the export audited
    last = audit.events()[-1]
    assert (last.action, last.record_type, last.record_id) == (
        "export", "conference", conference_id)
    if QPrinterInfo.availablePrinters():  # without printers Qt itself falls back to PDF
        assert printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
