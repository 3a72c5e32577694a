"""A case's consents in the app, on a real vault: requested by keyboard, given by a drawn
signature or an imported scan (its original offered for deletion), refused, revoked; bad
input refused with its reason and nothing written; a revoked consent stops covering
disclosures at once."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QLocale, QPointF
from PySide6.QtWidgets import QDialog

from safeconf.app.consents import ConsentService, ConsentTerms
from safeconf.app.demo import signature_png
from safeconf.app.disclosure_check import Question, check
from safeconf.app.people import PeopleService
from safeconf.domain.consent_lifecycle import ConsentStatus
from safeconf.domain.disclosure_policy import Outcome
from safeconf.domain.disclosure_terms import Information, Mode, Recipient
from safeconf.domain.limits import MAX_SCANNED_FORM_BYTES
from safeconf.domain.records import ConsentForm, ConsentState, PersonKind, SignerCapacity
from safeconf.ui.app_window import AppWindow
from safeconf.ui.disclosure.consent_request_form import ConsentPreset, ConsentRequestForm
from safeconf.ui.disclosure.consents_dialog import ConsentsDialog, SignatureDialog
from safeconf.ui.workspace.printing import RosterPreviewDialog
from tests.ui.conftest import ScriptedPrompter
from tests.ui.keys import focused, press, press_alt_key_of, type_text
from tests.ui.screens import activate

pytestmark = pytest.mark.keyring
COUNSELOR = "Lincoln Elementary counselor"
PDF = b"%PDF-1.7\n% the signed release form of Ada Okonkwo\n" + b"0" * 5000


class Setting:
    def __init__(self, window: AppWindow, prompter: ScriptedPrompter) -> None:
        self.window, self.prompter = window, prompter
        self.session = window.service.session
        self.case = window.service.create_case("2026-0042", "Okonkwo")
        people = PeopleService(self.session)
        self.ada = people.add(self.case.id, "Ada Okonkwo", PersonKind.CLIENT)
        self.grace = people.add(self.case.id, "Grace Okonkwo", PersonKind.PARENT)
        self.consents = ConsentService(self.session)
        self.picked: list[str] = []

    def dialog(self, qtbot: Any, preset: ConsentPreset | None = None) -> ConsentsDialog:
        made = ConsentsDialog(self.session, self.case.id, self.window, preset,
                              prompter=self.prompter,
                              pick_file=lambda _parent: self.picked.pop(0))
        qtbot.addWidget(made)
        activate(qtbot, made)
        return made

    def requested(self, **changes: Any) -> str:
        start = datetime.combine(date.today() - timedelta(days=1), datetime.min.time(), UTC)
        terms = ConsentTerms(
            form=ConsentForm.RELEASE, client_name="Ada Okonkwo", given_by_name="Grace Okonkwo",
            given_by_capacity=SignerCapacity.PARENT, information=["conference summary"],
            recipients=[COUNSELOR], valid_from=start, valid_until=start + timedelta(days=200),
            person_id=self.grace.id)
        return self.consents.request(self.case.id, replace(terms, **changes)).id

    def stored(self, consent_id: str) -> Any:
        return self.session.vault.consents.get(consent_id)


@pytest.fixture
def setting(unlocked: AppWindow, prompter: ScriptedPrompter) -> Setting:
    return Setting(unlocked, prompter)


def by_keys(qtbot: Any, back_to: QDialog,
            keys: Callable[[Any], None]) -> Callable[[QDialog], bool]:
    def answer(dialog: QDialog) -> bool:
        activate(qtbot, dialog)
        keys(dialog)
        accepted = dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
        activate(qtbot, back_to)
        return accepted
    return answer


def choose(qtbot: Any, combo: Any, text: str) -> None:
    assert focused() is combo
    press(qtbot, "Home")
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        press(qtbot, "Down")
    assert combo.currentText() == text


def status_shown(dialog: ConsentsDialog) -> list[str]:
    return [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]


def test_a_consent_requested_by_keyboard_and_signed_on_the_pad_is_given(
    qtbot: Any, setting: Setting
) -> None:
    dialog = setting.dialog(qtbot)

    def fill(form: ConsentRequestForm) -> None:
        assert focused() is form.form and form.form.currentText() == "Release agency records"
        press(qtbot, "Alt+W")
        choose(qtbot, form.whose, "Ada Okonkwo (Client)")
        press(qtbot, "Alt+B")
        assert form.signer.currentText() == ""  # nobody signs until named
        type_text(qtbot, "Grace Okonkwo")
        press(qtbot, "Alt+A")
        choose(qtbot, form.capacity, "Parent, for a child")
        press_alt_key_of(qtbot, form.kinds[Information.CONFERENCE_SUMMARY])
        press(qtbot, "Alt+R")
        type_text(qtbot, COUNSELOR)
        press(qtbot, "Alt+P")
        type_text(qtbot, "Lincoln Elementary")
        press(qtbot, "Alt+U")
        type_text(qtbot, "safety planning")
        press(qtbot, "Return")

    def sign(pad: SignatureDialog) -> None:
        assert not pad.ok_button.isEnabled()  # nothing drawn yet
        pad.pad.add_stroke([QPointF(20 + i * 9, 60 + (i % 5) * 7) for i in range(30)])
        press_alt_key_of(qtbot, pad.ok_button)

    setting.prompter.on(ConsentRequestForm, by_keys(qtbot, dialog, fill))
    setting.prompter.on(SignatureDialog, by_keys(qtbot, dialog, sign))
    press_alt_key_of(qtbot, dialog.request_button)
    (consent,) = setting.consents.for_case(setting.case.id)
    assert (consent.form, consent.client_name, consent.given_by_name, consent.person_id,
            consent.given_by_capacity, consent.information, consent.recipients,
            consent.other_party_name, consent.purpose) == (
        ConsentForm.RELEASE, "Ada Okonkwo", "Grace Okonkwo", setting.grace.id,
        SignerCapacity.PARENT, ("conference summary",), (COUNSELOR,), "Lincoln Elementary",
        "safety planning")
    assert status_shown(dialog) == ["Requested"]
    assert dialog.signature_button.isEnabled() and not dialog.revoke_button.isEnabled()
    press_alt_key_of(qtbot, dialog.signature_button)
    given = setting.stored(consent.id)
    assert given.state is ConsentState.GIVEN
    assert given.signature_png is not None and given.signature_png.startswith(b"\x89PNG")
    assert status_shown(dialog) == ["Given"]
    assert not dialog.signature_button.isEnabled() and dialog.revoke_button.isEnabled()


def test_an_imported_scan_is_kept_with_its_sha256_and_the_original_deleted_when_accepted(
    qtbot: Any, setting: Setting, tmp_path: Path
) -> None:
    consent_id = setting.requested()
    scan = tmp_path / "signed release.pdf"
    scan.write_bytes(PDF)
    setting.picked.append(str(scan))
    setting.prompter.confirm_answers = [True]
    dialog = setting.dialog(qtbot)
    press_alt_key_of(qtbot, dialog.import_button)
    stored = setting.stored(consent_id)
    assert stored.state is ConsentState.GIVEN
    assert stored.scanned_form == PDF and stored.scanned_form_name == "signed release.pdf"
    assert stored.scanned_form_sha256 == hashlib.sha256(PDF).hexdigest()
    kind, title, text = setting.prompter.messages[-1]
    assert (kind, title) == ("confirm", "Delete the original file?")
    assert hashlib.sha256(PDF).hexdigest() in text
    assert "may leave copies on some disks; full-disk encryption protects them" in text
    assert setting.prompter.confirm_defaults[-1] is False  # Enter does not delete
    assert not scan.exists()
    assert "SHA-256 " + stored.scanned_form_sha256 in dialog.terms.text()


def test_the_original_stays_when_deletion_is_declined(
    qtbot: Any, setting: Setting, tmp_path: Path
) -> None:
    setting.requested()
    scan = tmp_path / "scan.png"
    scan.write_bytes(signature_png("a scan"))
    setting.picked.append(str(scan))
    setting.prompter.confirm_answers = [False]
    press_alt_key_of(qtbot, setting.dialog(qtbot).import_button)
    assert scan.read_bytes() == signature_png("a scan")


def test_a_too_large_or_foreign_file_is_refused_and_nothing_is_written(
    qtbot: Any, setting: Setting, tmp_path: Path
) -> None:
    consent_id = setting.requested()
    before = setting.stored(consent_id)
    large = tmp_path / "huge.pdf"
    large.write_bytes(b"%PDF-1.7\n" + b"0" * MAX_SCANNED_FORM_BYTES)
    text = tmp_path / "notes.txt"
    text.write_bytes(b"not a scan")
    setting.picked += [str(large), str(text)]
    dialog = setting.dialog(qtbot)
    press_alt_key_of(qtbot, dialog.import_button)
    assert setting.prompter.messages[-1][:2] == ("error", "Form not imported")
    assert "too large" in setting.prompter.messages[-1][2]
    assert f"{MAX_SCANNED_FORM_BYTES // 1024} KB" in setting.prompter.messages[-1][2]
    press_alt_key_of(qtbot, dialog.import_button)
    assert "not a PDF, PNG, JPEG or TIFF" in setting.prompter.messages[-1][2]
    assert setting.stored(consent_id) == before  # same version, still requested
    assert not any(kind == "confirm" for kind, _t, _x in setting.prompter.messages)
    assert large.exists() and text.read_bytes() == b"not a scan"


def test_an_end_before_the_start_is_refused_with_the_reason_and_nothing_typed_is_lost(
    qtbot: Any, setting: Setting
) -> None:
    dialog = setting.dialog(qtbot)
    shown: list[str] = []

    def fill(form: ConsentRequestForm) -> None:
        form.signer.setCurrentText("Grace Okonkwo")
        form.kinds[Information.WHOLE_RECORD].setChecked(True)
        form.recipients.setPlainText(COUNSELOR)
        form.valid_from.setDate(QDate(2026, 12, 10))
        form.valid_until.setDate(QDate(2026, 12, 1))
        form.purpose.setFocus()
        press(qtbot, "Return")
        assert form.isVisible()
        shown.append(form.problem.text())
        assert setting.consents.for_case(setting.case.id) == []
        assert form.recipients.toPlainText() == COUNSELOR
        form.valid_until.setDate(QDate(2027, 12, 10))
        form.purpose.setFocus()
        press(qtbot, "Return")

    setting.prompter.on(ConsentRequestForm, by_keys(qtbot, dialog, fill))
    press_alt_key_of(qtbot, dialog.request_button)
    assert shown == ["Not recorded: “Valid until” must be later than “Valid from”; a consent "
                     "ends after it starts."]
    (consent,) = setting.consents.for_case(setting.case.id)
    assert consent.valid_from.startswith("2026-12-10") and consent.recipients == (COUNSELOR,)


def test_revoking_stops_the_consent_covering_disclosures_at_once(
    qtbot: Any, setting: Setting
) -> None:
    consent_id = setting.requested()
    setting.consents.record_given(consent_id, signature_png=signature_png("grace"))
    question = Question(setting.case.case_number, Information.CONFERENCE_SUMMARY, Mode.COPY,
                        Recipient.OTHER_THIRD_PARTY, recipient_name=COUNSELOR)
    allowed = check(setting.session.vault, question, date.today()).decision
    assert (allowed.outcome, allowed.consent_id) == (Outcome.ALLOWED_BY_CONSENT, consent_id)
    dialog = setting.dialog(qtbot)
    setting.prompter.confirm_answers = [False]
    press_alt_key_of(qtbot, dialog.revoke_button)  # asked, and declined: nothing changes
    assert setting.stored(consent_id).state is ConsentState.GIVEN
    setting.prompter.confirm_answers = [True]
    press_alt_key_of(qtbot, dialog.revoke_button)
    revoked = setting.stored(consent_id)
    assert revoked.state is ConsentState.REVOKED and revoked.revoked_at is not None
    assert status_shown(dialog) == ["Revoked"]
    after = check(setting.session.vault, question, date.today()).decision
    assert after.outcome not in (Outcome.ALLOWED, Outcome.ALLOWED_BY_CONSENT)
    assert after.consent_id is None


def test_a_refusal_is_final_and_the_form_prints_for_signing(
    qtbot: Any, setting: Setting
) -> None:
    consent_id = setting.requested()
    dialog = setting.dialog(qtbot)
    assert focused() is dialog.table
    press(qtbot, "Return")  # Enter alone never answers, revokes or opens anything
    assert setting.prompter.ran == [] and setting.prompter.messages == []
    press_alt_key_of(qtbot, dialog.print_button)
    preview = setting.prompter.ran[-1]
    assert isinstance(preview, RosterPreviewDialog)
    text = preview.document.toPlainText()
    assert "AUTHORIZATION" in text and "Ada Okonkwo" in text and "2026-0042" in text
    press_alt_key_of(qtbot, dialog.refusal_button)
    assert setting.stored(consent_id).state is ConsentState.REFUSED
    assert status_shown(dialog) == ["Refused"]
    assert not any(b.isEnabled() for b in (dialog.signature_button, dialog.import_button,
                                           dialog.refusal_button, dialog.revoke_button))


def test_a_preset_opens_the_request_with_what_the_consent_must_name(
    qtbot: Any, setting: Setting
) -> None:
    preset = ConsentPreset(setting.ada.id, Information.HEALTH_INFORMATION,
                           "Mesa Housing Authority", date(2026, 12, 5))
    dialog = setting.dialog(qtbot, preset)
    assert "filled in with what a consent for this disclosure must name" in dialog.status.text()
    forms: list[ConsentRequestForm] = []
    setting.prompter.on(ConsentRequestForm, lambda form: forms.append(form) or False)
    press_alt_key_of(qtbot, dialog.request_button)
    (form,) = forms
    terms = form.terms()
    assert (terms.form, terms.client_name, terms.information, terms.recipients) == (
        ConsentForm.RELEASE, "Ada Okonkwo", ["health information"], ["Mesa Housing Authority"])
    assert terms.valid_from == datetime(2026, 12, 5, tzinfo=UTC)
    assert setting.consents.for_case(setting.case.id) == []  # cancelled: nothing recorded


def test_status_reads_expired_once_the_end_has_passed(qtbot: Any, setting: Setting) -> None:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    consent_id = setting.requested(valid_from=start, valid_until=start + timedelta(days=30))
    setting.consents.record_given(consent_id, signature_png=signature_png("old"))
    dialog = setting.dialog(qtbot)
    assert dialog.status_of(setting.stored(consent_id)) is ConsentStatus.EXPIRED
    assert status_shown(dialog) == ["Expired"]


@pytest.fixture
def in_new_york(monkeypatch: pytest.MonkeyPatch) -> Any:
    """West of Greenwich, where 00:00 UTC is the evening before."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_days_chosen_are_the_days_printed_and_shown_west_of_greenwich(
    qtbot: Any, setting: Setting, in_new_york: None
) -> None:
    dialog = setting.dialog(qtbot)

    def fill(form: ConsentRequestForm) -> None:
        form.signer.setCurrentText("Grace Okonkwo")
        form.kinds[Information.CONFERENCE_SUMMARY].setChecked(True)
        form.recipients.setPlainText(COUNSELOR)
        form.valid_from.setDate(QDate(2026, 12, 10))
        form.valid_until.setDate(QDate(2027, 6, 1))
        form.purpose.setFocus()
        press(qtbot, "Return")

    setting.prompter.on(ConsentRequestForm, by_keys(qtbot, dialog, fill))
    press_alt_key_of(qtbot, dialog.request_button)
    press_alt_key_of(qtbot, dialog.print_button)
    printed = setting.prompter.ran[-1].document.toPlainText()
    assert "December 10, 2026" in printed and "June 1, 2027" in printed
    shown = dialog.model.index(0, 6).data()
    assert shown.startswith(QLocale().toString(QDate(2026, 12, 10),
                                               QLocale.FormatType.ShortFormat))
