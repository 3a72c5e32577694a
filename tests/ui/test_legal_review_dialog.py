"""Asking legal and seeing the answer, driven as a keyboard user does: the question is sent
with the keyboard, an empty one is refused with a clear message and writes nothing, Escape
cancels, and the case's panel shows the request waiting, then legal's answer after a sync."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from safeconf.app.conferences import ConferenceService
from safeconf.app.legal_reviews import LegalReviewDraft, LegalReviewService
from safeconf.app.session import VaultSession
from safeconf.app.sync_service import SyncService
from safeconf.domain.disclosure_policy import LINES
from safeconf.domain.disclosure_terms import Extent, Information, Mode, Recipient
from safeconf.domain.records import LegalAnswer
from safeconf.ui.disclosure.legal_review_dialog import (
    AskLegalDialog,
    LegalReviewsDialog,
    LegalReviewsPanel,
    run_ask_legal,
)
from safeconf.ui.sync.sync_controller import SyncController
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from tests.support import disclosures
from tests.ui.keys import focused, press, type_text
from tests.ui.screens import mnemonics

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def setting(data_dir: Path, no_keyring: SystemKeyring,
            fast_kdf: KdfParams) -> Iterator[tuple[LegalReviewService, str, VaultSession]]:
    session = VaultSession(data_dir, no_keyring, fast_kdf)
    session.create(PASSPHRASE, user="w.tester")
    case = ConferenceService(session).create_case("2026-0042", "Okonkwo")
    yield LegalReviewService(session), case.id, session
    session.lock()


def draft(case_id: str) -> LegalReviewDraft:
    return LegalReviewDraft(
        case_id=case_id, information=Information.CHOSEN_NOTES, what="Two notes of 3 Nov 2026",
        mode=Mode.COPY, extent=Extent.PART, recipient=Recipient.OTHER_THIRD_PARTY,
        recipient_name="Mesa Housing Authority", policy_line="everything_else",
        proposed_redactions=("Rowan", "Lincoln Elementary"))


def open_dialog(qtbot: Any, service: LegalReviewService, case_id: str) -> AskLegalDialog:
    dialog = AskLegalDialog(service, draft(case_id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.question)
    return dialog


def test_the_dialog_shows_what_to_whom_and_the_policy_line_that_sent_it_to_legal(
        qtbot, setting) -> None:
    service, case_id, _ = setting
    dialog = open_dialog(qtbot, service, case_id)
    summary = dialog.summary.text()
    assert "Two notes of 3 Nov 2026" in summary and "Mesa Housing Authority" in summary
    assert "given as a copy" in summary and "another third party" in summary
    assert "Everything else goes to the Office of Legal Affairs" in dialog.why.text()
    assert LINES["everything_else"].source in dialog.why.text()
    assert dialog.passages() == ("Rowan", "Lincoln Elementary")
    keys = [b.keys for b in mnemonics(dialog)]
    assert len(keys) == len(set(keys)), keys
    for widget in (dialog.redactions, dialog.passage, dialog.question, dialog.send_button,
                   dialog.add_button, dialog.remove_button):
        assert widget.accessibleName()
    for label in (dialog.summary, dialog.why):  # read by their text, not a fixed name
        assert not label.accessibleName()


def test_a_question_typed_and_sent_with_the_keyboard_is_queued_with_the_edited_passages(
        qtbot, setting) -> None:
    service, case_id, session = setting
    dialog = open_dialog(qtbot, service, case_id)
    press(qtbot, "Alt+W")  # the passages list
    assert focused() is dialog.redactions
    dialog.redactions.setCurrentRow(0)
    press(qtbot, "Delete")  # "Rowan" goes
    press(qtbot, "Tab")
    assert focused() is dialog.passage
    type_text(qtbot, "Coach Rivera")
    press(qtbot, "Return")  # adds the passage; does not send
    assert dialog.isVisible() and session.vault.legal_reviews.all() == []
    assert dialog.passages() == ("Lincoln Elementary", "Coach Rivera")

    press(qtbot, "Alt+Q")
    assert focused() is dialog.question
    type_text(qtbot, "May I send these to the landlord?")
    press(qtbot, "Tab")
    assert focused() is dialog.send_button
    with qtbot.waitSignal(dialog.sent, timeout=5000) as sent:
        press(qtbot, "Return")
    assert dialog.result() == AskLegalDialog.DialogCode.Accepted
    [stored] = session.vault.legal_reviews.for_case(case_id)
    assert sent.args == [stored] and dialog.review == stored
    assert stored.question == "May I send these to the landlord?"
    assert stored.proposed_redactions == ("Lincoln Elementary", "Coach Rivera")
    assert "next sync" in dialog.confirmation()


def test_ctrl_enter_sends_from_inside_the_question(qtbot, setting) -> None:
    service, case_id, session = setting
    dialog = open_dialog(qtbot, service, case_id)
    type_text(qtbot, "First line")
    press(qtbot, "Return")  # a new line in the question, not a send
    type_text(qtbot, "second line")
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.sent, timeout=5000):
        press(qtbot, "Ctrl+Return")
    assert session.vault.legal_reviews.all()[0].question == "First line\nsecond line"


def test_an_empty_question_is_refused_with_a_clear_message_and_nothing_is_written(
        qtbot, setting) -> None:
    service, case_id, session = setting
    dialog = open_dialog(qtbot, service, case_id)
    type_text(qtbot, "   ")
    with qtbot.assertNotEmitted(dialog.sent):
        dialog.send_button.click()
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.error.isVisible() and "Write the question for legal" in dialog.error.text()
    assert not dialog.error.accessibleName()  # its changing text is what is read
    assert focused() is dialog.question
    assert session.vault.legal_reviews.all() == []
    assert session.vault.sync.pending_count() == 1  # only the case


def test_escape_cancels_and_writes_nothing(qtbot, setting) -> None:
    service, case_id, session = setting
    dialog = open_dialog(qtbot, service, case_id)
    type_text(qtbot, "Never mind")
    with qtbot.assertNotEmitted(dialog.sent):
        press(qtbot, "Escape")
    assert dialog.result() == AskLegalDialog.DialogCode.Rejected and not dialog.isVisible()
    assert session.vault.legal_reviews.all() == []


def test_the_panel_shows_waiting_then_the_answer_after_a_sync(qtbot, setting) -> None:
    service, case_id, session = setting
    panel = LegalReviewsPanel(service, case_id)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.list.count() == 0 and "No questions to legal" in panel.empty.text()

    review = service.ask_legal(draft(case_id), "May I send these?")
    panel.refresh()
    assert panel.list.count() == 1
    assert "Waiting for legal — not yet sent (next sync)" in panel.list.item(0).text()
    assert "May I send these?" in panel.details.toPlainText()
    assert not panel.empty.isVisible()

    vault = session.vault
    vault.sync.mark_pushed(vault.sync.pending(100)[-1].seq, 0)
    panel.refresh()
    assert "Waiting for legal — sent to HQ" in panel.list.item(0).text()

    controller = SyncController(SyncService(session))
    panel.follow(controller)
    answer = disclosures.answer(review, advice="Release them; withhold the school too.",
                                answer=LegalAnswer.RELEASE_WITH_REDACTIONS,
                                redactions=("Lincoln",))
    vault.sync.apply_page([answer], new_cursor=vault.sync.cursor + 1)
    assert "Waiting" in panel.list.item(0).text()  # until the app hears of the sync
    controller.synced.emit(object())
    assert "Legal released it with redactions" in panel.list.item(0).text()
    details = panel.details.toPlainText()
    assert "Release them; withhold the school too." in details
    assert "Lincoln" in details and "legal.ortiz" in details
    assert panel.statuses[0].answer == answer


def test_the_panel_keeps_the_chosen_request_across_a_refresh_and_escapes_its_text(
        qtbot, setting) -> None:
    service, case_id, _session = setting
    first = service.ask_legal(draft(case_id), "<b>bold?</b> first")
    service.ask_legal(draft(case_id), "second")
    panel = LegalReviewsPanel(service, case_id)
    qtbot.addWidget(panel)
    panel.list.setCurrentRow(1)
    panel.refresh()
    assert panel.statuses[panel.list.currentRow()].review.id == first.id
    assert "<b>bold?</b> first" in panel.details.toPlainText()


def test_the_share_flow_step_queues_through_the_prompter_and_says_when_it_goes(
        qtbot, setting, prompter) -> None:
    service, case_id, session = setting

    def fill(dialog: AskLegalDialog) -> bool:
        dialog.question.setPlainText("May I?")
        dialog.send()
        return dialog.result() == AskLegalDialog.DialogCode.Accepted

    prompter.on(AskLegalDialog, fill)
    review = run_ask_legal(prompter, service, draft(case_id))
    assert review is not None and session.vault.legal_reviews.all() == [review]
    [(kind, title, text)] = prompter.messages
    assert kind == "inform" and title == "Sent to legal" and "next sync" in text

    prompter.on(AskLegalDialog, lambda dialog: False)  # the worker cancels
    assert run_ask_legal(prompter, service, draft(case_id)) is None
    assert len(session.vault.legal_reviews.all()) == 1 and len(prompter.messages) == 1


def test_the_reviews_window_follows_syncs_and_closes_with_escape(qtbot, setting) -> None:
    service, case_id, session = setting
    review = service.ask_legal(draft(case_id), "May I?")
    controller = SyncController(SyncService(session))
    window = LegalReviewsDialog(service, case_id, controller)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.panel.list)
    vault = session.vault
    vault.sync.apply_page([disclosures.answer(review, answer=LegalAnswer.ADVICE,
                                              redactions=())],
                          new_cursor=vault.sync.cursor + 1)
    controller.synced.emit(object())
    assert "Legal advised" in window.panel.list.item(0).text()
    press(qtbot, "Escape")
    assert not window.isVisible()


def test_every_term_and_state_has_words_and_a_health_purpose_is_named(qtbot, setting) -> None:
    from safeconf.app.legal_reviews import ReviewState
    from safeconf.domain.disclosure_terms import HealthPurpose
    from safeconf.ui.disclosure.legal_review_dialog import words

    for kind in (Information, Mode, Extent, Recipient, HealthPurpose, ReviewState):
        for value in kind:
            assert words(value).strip()
    service, case_id, _ = setting
    asked = dataclasses.replace(draft(case_id), information=Information.HEALTH_INFORMATION,
                                health_purpose=HealthPurpose.HEALTH_OVERSIGHT)
    dialog = AskLegalDialog(service, asked)
    qtbot.addWidget(dialog)
    assert "health information" in dialog.summary.text()
    assert "Health purpose: health oversight." in dialog.summary.text()
