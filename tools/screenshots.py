"""Render the README screenshots from the fictional demo data into docs/screenshots/.

Every screen is rendered twice: in English (`name.png`) and in Spanish (`name-es.png`).
Runs offscreen on throw-away vaults in a temporary folder (deleted afterwards); the demo
vault's device secret lives only in this process's memory. The sync screens show a laptop
enrolled with an HQ that cannot be reached (a closed port on 127.0.0.1), so no server runs.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import replace

from PySide6.QtCore import QPointF, QSize, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from safeconf.app.conferences import ConferenceService
from safeconf.app.copies import CopyRequest
from safeconf.app.demo_vault import fill_demo_vault
from safeconf.app.session import VaultSession
from safeconf.domain.disclosure_terms import Information, Recipient
from safeconf.domain.records import Conference, Language, NoteSection, Presence
from safeconf.hq.pki.ca import CertificateAuthority, cert_pem, load_csr
from safeconf.sync.enroll import new_key_and_csr
from safeconf.ui.app_window import AppWindow
from safeconf.ui.disclosure.consents_dialog import ConsentsDialog
from safeconf.ui.disclosure.copy_dialog import CopyDialog
from safeconf.ui.disclosure.history_view import HistoryDialog
from safeconf.ui.disclosure.share_dialog import ShareDialog
from safeconf.ui.i18n import Translations
from safeconf.ui.lock.fail_closed import FailClosed
from safeconf.ui.lock.lock_screens import UnlockScreen
from safeconf.ui.main import make_application
from safeconf.ui.sync.conflict_review import ConflictReviewDialog
from safeconf.ui.sync.sync_widgets import EnrollDialog
from safeconf.ui.workspace.conference_workspace import CONCLUDE, CONFIDENTIALITY, NOTES
from safeconf.vault.device_secret import EphemeralSecrets
from safeconf.vault.keys import KdfParams
from safeconf.vault.sync_store import Credentials

# SAFECONF_SCREENSHOTS_DIR lets the test suite render into a temporary folder.
OUT = Path(os.environ.get("SAFECONF_SCREENSHOTS_DIR")
           or Path(__file__).resolve().parents[1] / "docs" / "screenshots")
SIZE = QSize(1280, 800)
PASSPHRASE = "screenshots only, never a real vault"  # noqa: S105 (throw-away demo vault)




def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def save(widget: QWidget, name: str, app: QApplication, language: str) -> None:
    settle(app)
    path = OUT / f"{name if language == 'en' else f'{name}-{language}'}.png"
    widget.grab().save(str(path), "PNG")
    # Creating the vault set a private umask; these fictional images are for the docs.
    path.chmod(0o644)
    print(f"wrote {path.name}")


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


# A closed port: every sync attempt finds HQ unreachable, as on a laptop without network.
UNREACHABLE_HQ = "https://127.0.0.1:9"
# What an enrollment code from HQ looks like (this one was never issued).
SAMPLE_CODE = "SAFECONF-ENROLL-1:eyJ1cmwiOiAiaHR0cHM6Ly9ocS5leGFtcGxlLm9yZzo4NDQzIiwgImNvZGUiOiAi"


def demo_credentials() -> Credentials:
    """A device certificate from a throw-away CA, as enrollment would leave it."""
    authority = CertificateAuthority.create("safeconf demo CA")
    key_text, csr_text = new_key_and_csr()
    cert = authority.issue_device_cert(load_csr(csr_text), "dev-demo", "demo.facilitator")
    return Credentials("dev-demo", "demo.facilitator", UNREACHABLE_HQ,
                       cert_pem(authority.cert), cert_pem(cert), key_text)


def pick(combo: Any, wanted: object) -> None:
    combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemData(i) == wanted))


def wait_until(app: QApplication, done: object) -> None:
    while not done():  # type: ignore[operator]
        app.processEvents()


def render(app: QApplication, translations: Translations, language: str, tmp: Path) -> None:
    translations.apply(language)
    session = VaultSession(tmp / "data", EphemeralSecrets(), KdfParams(1, 8192, 1))
    first_run = AppWindow(session, translations=translations)
    first_run.resize(SIZE)
    first_run.show()
    first_run.lock_screen.passphrase.setText("kettle orchard lantern")
    save(first_run, "first-run", app, language)
    first_run.close()
    first_run.deleteLater()
    session.create(PASSPHRASE, user="demo.facilitator")
    terms = AppWindow(session, translations=translations)  # first run: the staff terms
    terms.resize(SIZE)
    terms.show()
    terms.show_vault()
    save(terms, "staff-terms", app, language)
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
    wait_until(app, lambda: not any(home.model.is_loading(g) for g in home.model.groups))
    save(window, "main-window", app, language)

    # A case's disclosure history: what left and on what basis, consents, legal review.
    case = next(c for c in service.cases() if c.case_number == "TRN-2026-0001")
    history = HistoryDialog(session, case.id, window.prompter, window)
    history.resize(1100, 640)
    history.show()
    save(history, "disclosure-history", app, language)
    history.reject()
    history.deleteLater()

    # May I share this? A conference summary for the school counselor: needs consent, and
    # the screen says exactly what the consent would have to name.
    share = ShareDialog(session, case.id, window.prompter, window)
    pick(share.what, Information.CONFERENCE_SUMMARY)
    share.to_whom.setCurrentIndex(next(
        i for i in range(share.to_whom.count())
        if share.to_whom.itemData(i).person_id is None
        and share.to_whom.itemData(i).category is Recipient.THIRD_PARTY_WITH_RELEASE))
    share.recipient_name.setText("Lincoln Elementary school counselor")
    share.resize(760, 640)
    share.show()
    save(share, "may-i-share", app, language)
    share.reject()
    share.deleteLater()

    # A copy for agency staff: other children's names withheld, the preview marked.
    copy = CopyDialog(session, CopyRequest(case_id=case.id,
                                           information=Information.CONFERENCE_SUMMARY),
                      lambda _sha, _count: False, window, prompter=window.prompter)
    copy.show()
    save(copy, "copy-redactions", app, language)
    copy.reject()
    copy.deleteLater()

    # The case's consents, each with its status today.
    consents = ConsentsDialog(session, case.id, window, prompter=window.prompter)
    consents.resize(1100, 560)
    consents.show()
    save(consents, "consents", app, language)
    consents.reject()
    consents.deleteLater()

    # Notes with the gate closed: someone present has not acknowledged yet.
    closed = find(service, "Delacroix-Barrett", "checking_in")
    window.main_view.open_conference(closed.id)
    workspace = window.main_view.workspace
    assert workspace is not None
    workspace.go_to(NOTES)
    save(window, "notes-gate-closed", app, language)

    # Notes with the gate open, in a conference in session.
    opened = find(service, "Nakamura-Reyes", "in_session")
    window.main_view.open_conference(opened.id)
    workspace = window.main_view.workspace
    assert workspace is not None
    workspace.go_to(NOTES)
    notes = service.notes(opened.id)
    if notes:
        workspace.notes.select_section(next(iter(notes)))
    save(window, "notes-gate-open", app, language)

    # Conclude: each acknowledgment's proof and its signing key's fingerprint.
    workspace.go_to(CONCLUDE)
    settle(app)
    save(window, "conclude", app, language)

    # Confidentiality: a Spanish-reading attendee signs the Spanish statement.
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
    save(window, "confidentiality", app, language)

    # Hand-over: the laptop turned to the attendee shows only the statement and the pad,
    # in the attendee's language whatever the facilitator's.
    page.handover_button.click()
    assert window.handover is not None
    settle(app)
    for stroke in signature(window.handover.form.pad):
        window.handover.form.pad.add_stroke(stroke)
    save(window, "handover", app, language)
    window.leave_handover()
    window.main_view.close_conference()

    # Enrolling: the code from HQ pasted into File → Enroll with HQ….
    enroll = EnrollDialog(window.sync.service, window)
    enroll.code.setPlainText(SAMPLE_CODE)
    enroll.show()
    save(enroll, "sync-enroll", app, language)
    enroll.reject()
    enroll.deleteLater()

    # Enrolled, and HQ cannot be reached: the status bar says so and nothing is lost.
    vault = session.vault
    vault.sync.save_credentials(demo_credentials())
    window.sync.refresh()
    window.sync.sync_now()
    wait_until(app, lambda: not window.sync.running)
    save(window, "sync-status", app, language)

    # A note changed both here and at HQ: both versions kept, side by side.
    vault.sync.mark_pushed(vault.sync.pending(100_000)[-1].seq, vault.audit.count())
    note = service.notes(opened.id)[NoteSection.CONCERNS]
    hq_copy = replace(note, body=note.body + "\nHQ: the school confirmed three absences.",
                      version=note.version + 1)
    service.save_note(opened.id, NoteSection.CONCERNS,
                      note.body + "\nUpdate: two absences this month, both excused.")
    vault.sync.apply_page([hq_copy], vault.sync.cursor + 1)
    window.sync.refresh()
    review = ConflictReviewDialog(window.conflicts, window.prompter, window)
    review.resize(1000, 640)
    review.show()
    save(review, "conflict-review", app, language)
    review.reject()
    review.deleteLater()

    # Something unexpected fails on the home screen: the app locks and says why.
    fail_closed = FailClosed(window).install()
    logging.getLogger("safeconf.ui.lock.fail_closed").setLevel(logging.CRITICAL)  # planted
    QTimer.singleShot(0, planted_failure)
    wait_until(app, lambda: not window.session.is_open)
    save(window, "locked-after-failure", app, language)
    fail_closed.uninstall()

    # Thirty days without a sync: after unlocking, only the check-in screen shows.
    session.unlock(PASSPHRASE)
    session.vault.sync.put("last_sync_at", "2026-01-01T00:00:00+00:00")
    session.lock()
    screen = window.lock_screen
    assert isinstance(screen, UnlockScreen)
    screen.passphrase.setText(PASSPHRASE)
    screen.unlock_button.click()
    wait_until(app, lambda: window.check_in is not None and not window.sync.running
               and window.sync.status.error != "")
    save(window, "sync-check-in", app, language)

    window.session.lock()
    window.close()
    window.deleteLater()
    settle(app)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application()
    translations = Translations(app)
    for language in ("en", "es"):
        with tempfile.TemporaryDirectory(prefix="safeconf-shots-") as tmp:
            render(app, translations, language, Path(tmp))
    translations.apply("en")
    return 0


if __name__ == "__main__":
    sys.exit(main())
