"""The disclosure screens working together, as a worker meets them: "May I share this?"
hands a copy to the copy flow (logged with the saved file's SHA-256), a missing consent to
the consents screen (filled in with what it must name), a question to legal (queued), and
legal's release back to the copy flow with legal's redactions withheld for good; the case's
history is exported the same way."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from safeconf.app.consents import ConsentService
from safeconf.domain.disclosure_terms import Extent, Information, Mode, Recipient
from safeconf.domain.records import (
    DisclosureBasis,
    LegalAnswer,
    LegalReviewAnswer,
    NoteSection,
    Person,
    PersonKind,
)
from safeconf.ui.app_window import AppWindow
from safeconf.ui.disclosure.consent_request_form import ConsentRequestForm
from safeconf.ui.disclosure.consents_dialog import ConsentsDialog
from safeconf.ui.disclosure.copy_dialog import CopyDialog, PasswordDialog
from safeconf.ui.disclosure.history_view import HistoryDialog
from safeconf.ui.disclosure.legal_review_dialog import AskLegalDialog, LegalReviewsDialog
from safeconf.ui.disclosure.share_dialog import ShareDialog
from tests.support.consents import SIGNATURE
from tests.ui.conftest import ScriptedPrompter
from tests.ui.screens import acknowledge_everyone, seed_conference

pytestmark = pytest.mark.keyring
PASSWORD = "a long shared secret"
SIBLING = "Mateo Quintero"  # another child, named in the note
SCHOOL = "Lincoln Elementary school counselor"


def room(window: AppWindow) -> tuple[str, str, Person]:
    """Case 2026-0900 with its client Ana and a note that names her brother and the school."""
    conference_id = seed_conference(window)
    acknowledge_everyone(window, conference_id)
    vault = window.session.vault
    case_id = vault.conferences.get(conference_id).case_id
    client = vault.people.add(Person(case_id=case_id, name="Ana Quintero",
                                     kind=PersonKind.CLIENT))
    vault.people.add(Person(case_id=case_id, name=SIBLING, kind=PersonKind.CHILD))
    window.service.save_note(conference_id, NoteSection.SAFETY_PLAN,
                             f"Ana worries about {SIBLING}; Eastgate school bus is late.")
    return conference_id, case_id, client


def pick(combo: Any, wanted: Any) -> None:
    combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemData(i) == wanted))


def pick_recipient(dialog: ShareDialog, category: Recipient, name: str) -> None:
    pick(dialog.to_whom, next(dialog.to_whom.itemData(i) for i in range(dialog.to_whom.count())
                              if dialog.to_whom.itemData(i).person_id is None
                              and dialog.to_whom.itemData(i).category is category))
    dialog.recipient_name.setText(name)


def save_encrypted(prompter: ScriptedPrompter, target: Path, seen: list[CopyDialog]) -> None:
    """Answer the next copy dialog by saving it encrypted to `target`."""
    def fill_password(ask: PasswordDialog) -> bool:
        ask.password.setText(PASSWORD)
        ask.repeat.setText(PASSWORD)
        ask.accept()
        return True

    def save(copy: CopyDialog) -> bool:
        seen.append(copy)
        prompter.on(PasswordDialog, fill_password)
        prompter.save_paths.append(target)
        return copy.save_copy() is not None

    prompter.on(CopyDialog, save)


def text_of(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert reader.decrypt(PASSWORD)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_an_allowed_copy_is_logged_with_the_saved_files_sha256_before_it_is_written(
    qtbot: Any, unlocked: AppWindow, tmp_path: Path
) -> None:
    conference_id, case_id, _client = room(unlocked)
    prompter = ScriptedPrompter()
    dialog = ShareDialog(unlocked.session, case_id, prompter, unlocked,
                         conference_id=conference_id)
    qtbot.addWidget(dialog)
    pick(dialog.how, Mode.COPY)
    pick_recipient(dialog, Recipient.AGENCY_STAFF, "Supervisor Reyes")
    assert dialog.decision.text().startswith("Allowed.")
    seen: list[CopyDialog] = []
    save_encrypted(prompter, tmp_path / "copy.pdf", seen)
    dialog.copy_button.click()
    [copy] = seen
    saved = tmp_path / "copy.pdf"
    [made] = unlocked.session.vault.disclosures.all()
    assert made.document_sha256 == hashlib.sha256(saved.read_bytes()).hexdigest()
    assert (made.mode, made.recipient_name, made.redactions) == (
        Mode.COPY, "Supervisor Reyes", copy.redacted.count)
    assert copy.redacted.count >= 1
    text = text_of(saved)
    assert SIBLING not in text and "Eastgate" in text  # another child's name withheld


def test_needs_consent_opens_the_consents_screen_filled_in_and_a_given_consent_allows_it(
    qtbot: Any, unlocked: AppWindow
) -> None:
    _conference_id, case_id, client = room(unlocked)
    prompter = ScriptedPrompter()
    dialog = ShareDialog(unlocked.session, case_id, prompter, unlocked)
    qtbot.addWidget(dialog)
    pick(dialog.what, Information.CONFERENCE_SUMMARY)
    pick_recipient(dialog, Recipient.THIRD_PARTY_WITH_RELEASE, SCHOOL)
    assert dialog.decision.text().startswith("Needs consent.")
    assert dialog.consent_button.isVisibleTo(dialog)
    presets: list[Any] = []

    def give_the_consent(screen: ConsentsDialog) -> bool:
        presets.append(screen._preset)
        consent = screen.request()  # the request form, filled in from the preset
        consents = ConsentService(unlocked.session)
        consents.record_given(consent.id, signature_png=SIGNATURE)
        return True

    def sign_as_herself(form: ConsentRequestForm) -> bool:
        form.signer.setCurrentText("Ana Quintero")  # the rest comes from the preset
        form.try_save()
        return form.result() == ConsentRequestForm.DialogCode.Accepted

    prompter.on(ConsentRequestForm, sign_as_herself)
    prompter.on(ConsentsDialog, give_the_consent)
    dialog.consent_button.click()
    [preset] = presets
    assert (preset.person_id, preset.information, preset.recipient_name, preset.valid_from) \
        == (client.id, Information.CONFERENCE_SUMMARY, SCHOOL, date.today())
    assert dialog.decision.text().startswith("Allowed by consent")
    dialog.record_button.click()
    [made] = unlocked.session.vault.disclosures.all()
    assert made.basis is DisclosureBasis.CONSENT and made.consent_id is not None


def test_legal_review_is_queued_and_legals_release_is_carried_out_with_its_redactions(
    qtbot: Any, unlocked: AppWindow, tmp_path: Path
) -> None:
    _conference_id, case_id, _client = room(unlocked)
    vault = unlocked.session.vault
    prompter = ScriptedPrompter()
    dialog = ShareDialog(unlocked.session, case_id, prompter, unlocked)
    qtbot.addWidget(dialog)
    pick(dialog.what, Information.CONFERENCE_SUMMARY)
    pick(dialog.how, Mode.COPY)
    pick_recipient(dialog, Recipient.OTHER_THIRD_PARTY, "Mesa Housing Authority")
    assert dialog.decision.text().startswith("Legal review:")

    def ask(screen: AskLegalDialog) -> bool:
        screen.question.setPlainText("The landlord asks for proof of services. May I?")
        screen.send_button.click()
        return screen.review is not None

    prompter.on(AskLegalDialog, ask)
    dialog.legal_button.click()
    [review] = vault.legal_reviews.for_case(case_id)
    assert review.recipient_name == "Mesa Housing Authority" and review.mode is Mode.COPY
    assert any(i.record_type == "legal_review" for i in vault.sync.pending(50))
    assert vault.disclosures.count() == 0  # nothing disclosed while legal decides

    # Legal's answer arrives by sync: release, withholding the school's name too.
    answer = LegalReviewAnswer(case_id=case_id, review_id=review.id,
                               answer=LegalAnswer.RELEASE_WITH_REDACTIONS,
                               advice="Release it without the school.",
                               redactions=("Eastgate",), answered_by="legal.ortiz")
    vault.sync.apply_page([answer], new_cursor=1)
    seen: list[CopyDialog] = []
    save_encrypted(prompter, tmp_path / "released.pdf", seen)

    def carry_out(reviews: LegalReviewsDialog) -> bool:
        assert reviews.release_button.isEnabled()
        reviews.release_button.click()
        return True

    prompter.on(LegalReviewsDialog, carry_out)
    dialog.reviews_button.click()
    [copy] = seen
    assert any(c.locked and c.passage == "Eastgate" for c in copy.candidates)
    [made] = vault.disclosures.all()
    assert (made.basis, made.legal_review_id, made.extent) == (
        DisclosureBasis.LEGAL_RELEASE, review.id, Extent.WHOLE)
    saved = tmp_path / "released.pdf"
    assert made.document_sha256 == hashlib.sha256(saved.read_bytes()).hexdigest()
    assert "Eastgate" not in text_of(saved)


def test_the_history_is_exported_through_the_copy_flow_as_a_logged_disclosure(
    qtbot: Any, unlocked: AppWindow, tmp_path: Path
) -> None:
    _conference_id, case_id, _client = room(unlocked)
    vault = unlocked.session.vault
    prompter = ScriptedPrompter()
    history = HistoryDialog(unlocked.session, case_id, prompter, unlocked)
    qtbot.addWidget(history)
    assert history.export_button.isVisibleTo(history)
    seen: list[CopyDialog] = []
    save_encrypted(prompter, tmp_path / "history.pdf", seen)
    history.export()
    [made] = vault.disclosures.all()
    assert (made.recipient, made.recipient_name, made.mode) == (
        Recipient.AGENCY_STAFF, vault.user, Mode.COPY)
    saved = tmp_path / "history.pdf"
    assert made.document_sha256 == hashlib.sha256(saved.read_bytes()).hexdigest()
    assert "Confidentiality acknowledged" in text_of(saved)
