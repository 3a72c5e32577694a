"""Render the README screenshots from the fictional demo data into docs/screenshots/.

Runs offscreen on a throw-away vault in a temporary folder (deleted afterwards); the demo
vault's device secret lives only in this process's memory.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QSize, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from safeconf.app.conferences import ConferenceService
from safeconf.app.demo_vault import fill_demo_vault
from safeconf.app.session import VaultSession
from safeconf.domain.records import Conference, Language, Presence
from safeconf.ui.app_window import AppWindow
from safeconf.ui.i18n import Translations
from safeconf.ui.lock.fail_closed import FailClosed
from safeconf.ui.main import make_application
from safeconf.ui.workspace.conference_workspace import CONFIDENTIALITY, NOTES
from safeconf.vault.device_secret import EphemeralSecrets
from safeconf.vault.keys import KdfParams

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SIZE = QSize(1280, 800)
PASSPHRASE = "screenshots only, never a real vault"  # noqa: S105 (throw-away demo vault)




def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def save(widget: QWidget, name: str, app: QApplication) -> None:
    settle(app)
    path = OUT / name
    widget.grab().save(str(path), "PNG")
    # Creating the vault set a private umask; these fictional images are for the docs.
    path.chmod(0o644)
    print(f"wrote {path.relative_to(OUT.parents[1])}")


def find(service: ConferenceService, family: str, state: str) -> Conference:
    for row in service.conference_rows():
        if row.family_name == family and row.state.value == state:
            return service.conference(row.conference_id)
    raise SystemExit(f"demo data has no {state} conference for {family}")


def signature(pad: QWidget) -> list[list[QPointF]]:
    """A plausible hand-drawn signature, scaled to the pad."""
    import math

    w, h = pad.width(), pad.height()
    strokes = []
    first = []
    for i in range(80):
        t = i / 79
        x = 0.08 * w + t * 0.45 * w
        y = 0.6 * h - math.sin(t * math.pi * 5) * 0.18 * h * (1 - t * 0.5) - t * 0.1 * h
        first.append(QPointF(x, y))
    strokes.append(first)
    second = []
    for i in range(60):
        t = i / 59
        x = 0.55 * w + t * 0.3 * w
        y = 0.55 * h + math.cos(t * math.pi * 3) * 0.12 * h
        second.append(QPointF(x, y))
    strokes.append(second)
    strokes.append([QPointF(0.12 * w + t * 0.7 * w, 0.72 * h + 3 * math.sin(t * 9))
                    for t in (i / 30 for i in range(31))])
    return strokes


def planted_failure() -> None:
    raise RuntimeError("a failure planted for the screenshot")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application()
    translations = Translations(app)
    translations.apply("en")
    with tempfile.TemporaryDirectory(prefix="safeconf-shots-") as tmp:
        session = VaultSession(Path(tmp) / "data", EphemeralSecrets(), KdfParams(1, 8192, 1))
        first_run = AppWindow(session, translations=translations)
        first_run.resize(SIZE)
        first_run.show()
        first_run.lock_screen.passphrase.setText("kettle orchard lantern")
        save(first_run, "first-run.png", app)
        first_run.close()
        first_run.deleteLater()
        session.create(PASSPHRASE, user="demo.facilitator")
        terms = AppWindow(session, translations=translations)  # first run: the staff terms
        terms.resize(SIZE)
        terms.show()
        terms.show_vault()
        save(terms, "staff-terms.png", app)
        terms.hide()
        terms.deleteLater()
        fill_demo_vault(session.vault)
        window = AppWindow(session, translations=translations)
        window.resize(SIZE)
        window.show()
        window.show_vault()
        service = window.service
        assert window.main_view is not None
        home = window.main_view.home
        while any(home.model.is_loading(g) for g in home.model.groups):
            app.processEvents()  # the list fills in pieces; show it complete
        save(window, "main-window.png", app)

        # Notes with the gate closed: someone present has not acknowledged yet.
        closed = find(service, "Delacroix-Barrett", "checking_in")
        window.main_view.open_conference(closed.id)
        workspace = window.main_view.workspace
        assert workspace is not None
        workspace.go_to(NOTES)
        save(window, "notes-gate-closed.png", app)

        # Notes with the gate open, in a conference in session.
        opened = find(service, "Nakamura-Reyes", "in_session")
        window.main_view.open_conference(opened.id)
        workspace = window.main_view.workspace
        assert workspace is not None
        workspace.go_to(NOTES)
        notes = service.notes(opened.id)
        if notes:
            workspace.notes.select_section(next(iter(notes)))
        save(window, "notes-gate-open.png", app)

        # Confidentiality in Spanish, a Spanish-reading attendee signing.
        window.apply_settings(window.settings.__class__(language="es"))
        upcoming = find(service, "Szymanski-Ortiz", "scheduled")
        reader = next(a for a in service.attendees(upcoming.id)
                      if a.language is Language.SPANISH)
        service.set_presence(reader.id, Presence.PRESENT)
        window.main_view.open_conference(upcoming.id)
        workspace = window.main_view.workspace
        assert workspace is not None
        workspace.go_to(CONFIDENTIALITY)
        page = workspace.confidentiality
        page.select_attendee(reader.id)
        settle(app)
        for stroke in signature(page.form.pad):
            page.form.pad.add_stroke(stroke)
        save(window, "confidentiality-es.png", app)

        # Hand-over: the laptop turned to the attendee shows only the statement and the pad.
        page.handover_button.click()
        assert window.handover is not None
        settle(app)
        for stroke in signature(window.handover.form.pad):
            window.handover.form.pad.add_stroke(stroke)
        save(window, "handover-es.png", app)
        window.leave_handover()

        # Something unexpected fails on the home screen: the app locks and says why.
        window.apply_settings(window.settings.__class__(language="en"))
        window.main_view.close_conference()
        fail_closed = FailClosed(window).install()
        logging.getLogger("safeconf.ui.lock.fail_closed").setLevel(logging.CRITICAL)  # planted
        QTimer.singleShot(0, planted_failure)
        while window.session.is_open:
            app.processEvents()
        save(window, "locked-after-failure.png", app)
        fail_closed.uninstall()

        window.session.lock()
        window.deleteLater()
        translations.apply("en")
    return 0


if __name__ == "__main__":
    sys.exit(main())
