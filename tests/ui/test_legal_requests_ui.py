"""Legal requests in the app, by keyboard, on a real vault: from the home screen a case's
requests are listed with their due day and standing (overdue said in words), a subpoena is
logged with a document whose original is offered for secure deletion, bad input is refused
with nothing written, legal's pulled answer and what was released are shown, and the
deadlines list every case's open requests by due day."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from safeconf.app.legal_requests import LegalRequestService
from safeconf.domain.records import LegalAction, LegalRequestKind, RequesterBody
from safeconf.ui.app_window import AppWindow
from safeconf.ui.legal.requests_dialog import DeadlinesDialog, LegalRequestsDialog, LogRequestForm
from safeconf.ui.workspace.conference_model import ID_ROLE
from tests.support import legal_requests as lr
from tests.ui.conftest import ScriptedPrompter
from tests.ui.keys import focused, press, press_alt_key_of, type_text
from tests.ui.screens import activate

pytestmark = pytest.mark.keyring
TODAY = date(2026, 12, 2)


class Setting:
    def __init__(self, window: AppWindow, prompter: ScriptedPrompter) -> None:
        self.window, self.prompter = window, prompter
        self.session = window.service.session
        self.case = window.service.create_case("2026-0042", "Okonkwo")
        self.service = LegalRequestService(self.session, lambda: TODAY)
        self.picked: list[list[str]] = []

    def dialog(self, qtbot: Any) -> LegalRequestsDialog:
        made = LegalRequestsDialog(self.session, self.case.id, self.prompter, self.window,
                                   pick_files=lambda _p: self.picked.pop(0),
                                   today=lambda: TODAY)
        qtbot.addWidget(made)
        activate(qtbot, made)
        return made

    def logged(self, **changes: Any) -> Any:
        fields: dict[str, Any] = {
            "kind": LegalRequestKind.SUBPOENA, "requester": "Clerk J. Diaz",
            "requester_body": "Family Court, Part 3", "body_kind": RequesterBody.COURT,
            "asked": "The conference notes of March", "received_on": date(2026, 11, 20),
            "business_days": 10}
        fields.update(changes)
        return self.service.log(self.case.id, **fields)


@pytest.fixture
def setting(unlocked: AppWindow, prompter: ScriptedPrompter) -> Setting:
    return Setting(unlocked, prompter)


def test_a_subpoena_is_logged_by_keyboard_with_a_document_whose_original_goes(
        qtbot: Any, setting: Setting, tmp_path: Path) -> None:
    scan = tmp_path / "subpoena.pdf"
    scan.write_bytes(lr.PDF)
    setting.picked.append([str(scan)])
    dialog = setting.dialog(qtbot)
    assert dialog.model.rowCount() == 0

    def fill(form: LogRequestForm) -> bool:
        activate(qtbot, form)
        assert focused() is form.kind and form.kind.currentText() == "Subpoena"
        assert not form.ok_button.isEnabled()  # nothing said yet
        press(qtbot, "Alt+W")
        type_text(qtbot, "Clerk J. Diaz")
        press(qtbot, "Alt+G")
        type_text(qtbot, "Family Court, Part 3")
        press(qtbot, "Alt+E")
        type_text(qtbot, "The conference notes of March")
        press(qtbot, "Alt+R")
        form.received.setDate(form.received.date().addDays(-12))  # 2026-11-20
        press(qtbot, "Alt+D")
        press(qtbot, "Ctrl+A")
        type_text(qtbot, "10")
        assert form.due.text().startswith("2026-12-08")
        assert not form.purpose.isEnabled()  # only a health request has a PHI basis
        press_alt_key_of(qtbot, form.attach_button)
        assert [form.files.item(i).text() for i in range(form.files.count())] == [
            "subpoena.pdf"]
        assert form.ok_button.isEnabled()
        press_alt_key_of(qtbot, form.ok_button)
        return form.result() == LogRequestForm.DialogCode.Accepted

    setting.prompter.on(LogRequestForm, fill)
    setting.prompter.confirm_answers.append(True)  # delete the original
    activate(qtbot, dialog)
    press_alt_key_of(qtbot, dialog.log_button)
    [status] = setting.service.for_case(setting.case.id)
    assert status.request.requester == "Clerk J. Diaz" and status.due_on == "2026-12-08"
    assert [d.data for d in status.documents] == [lr.PDF]
    assert not scan.exists()
    assert "The original file was deleted." in dialog.status.text()
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() == "Open — not yet sent to legal (next sync)"


def test_a_refused_document_or_a_health_request_without_its_basis_changes_nothing(
        qtbot: Any, setting: Setting, tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("not a scan")
    setting.picked.append([str(bad)])
    dialog = setting.dialog(qtbot)

    def fill(form: LogRequestForm) -> bool:
        activate(qtbot, form)
        press_alt_key_of(qtbot, form.attach_button)
        assert form.files.count() == 0
        form.kind.setCurrentIndex(form.kind.findData(LegalRequestKind.HEALTH_INFO_REQUEST))
        form.requester.setText("Dr. Haddad")
        form.body.setText("County Behavioral Health")
        form.asked.setPlainText("Treatment history")
        assert form.purpose.isEnabled() and not form.ok_button.isEnabled()
        return False

    setting.prompter.on(LogRequestForm, fill)
    press_alt_key_of(qtbot, dialog.log_button)
    [(kind, title, text)] = setting.prompter.messages
    assert (kind, title) == ("error", "Document not attached")
    assert text == "notes.txt is not a PDF, PNG, JPEG or TIFF file."
    assert setting.session.vault.legal_requests.all() == []


def test_legals_answer_and_what_was_released_are_shown_and_overdue_is_said(
        qtbot: Any, setting: Setting) -> None:
    answered = setting.logged()
    late = setting.logged(received_on=date(2026, 11, 2), business_days=5)
    vault = setting.session.vault
    vault.sync.apply_page([lr.event(answered, LegalAction.RELEASE,
                                    text="Notes of 3 March; the school withheld")],
                          new_cursor=1)
    dialog = setting.dialog(qtbot)
    shown = {dialog.model.index(r, 0).data(): dialog.model.index(r, 1).data()
             for r in range(dialog.model.rowCount())}
    assert shown[late.due_on].startswith("OVERDUE — ")
    assert shown[answered.due_on] == "Released by legal"
    row = next(r for r in range(dialog.model.rowCount())
               if dialog.model.rows[r].request.id == answered.id)
    dialog.table.selectRow(row)
    text = dialog.detail.toPlainText()
    assert "What was released (with its redactions):" in text
    assert "Notes of 3 March; the school withheld" in text
    assert "released (l.counsel)" in text


def test_the_deadlines_come_from_home_by_keyboard_soonest_first(
        qtbot: Any, setting: Setting) -> None:
    today = date.today()  # the home screen's dialog counts from the real day
    setting.service = LegalRequestService(setting.session)
    later = setting.logged(received_on=today, business_days=20)
    soon = setting.logged(received_on=today - timedelta(days=40), business_days=5)
    seen: list[tuple[list[str], str, str, str]] = []

    def look(dialog: DeadlinesDialog) -> bool:
        seen.append(([r.request.id for r in dialog.model.rows],
                     dialog.model.index(0, 0).data(), dialog.model.index(0, 2).data(),
                     dialog.summary.text()))
        return False

    setting.prompter.on(DeadlinesDialog, look)
    home = setting.window.main_view.home
    home.refresh()
    activate(qtbot, setting.window)
    press_alt_key_of(qtbot, home.deadlines_button)
    [(ids, case_number, status, summary)] = seen
    assert ids == [soon.id, later.id] and case_number == "2026-0042"
    assert status.startswith("OVERDUE — ")
    assert summary == "2 open request(s), 1 overdue."


def test_the_case_of_the_chosen_conference_opens_its_requests_by_keyboard(
        qtbot: Any, setting: Setting) -> None:
    from datetime import datetime

    from tests.ui.screens import seed_conference

    home = setting.window.main_view.home
    seen: list[tuple[str, int]] = []

    def look(dialog: LegalRequestsDialog) -> bool:
        seen.append((dialog.windowTitle(), dialog.model.rowCount()))
        return False

    setting.prompter.on(LegalRequestsDialog, look)
    home.refresh()
    activate(qtbot, setting.window)
    press_alt_key_of(qtbot, home.legal_requests_button)  # nothing chosen yet
    assert seen == [] and setting.prompter.messages[-1][1] == "No case chosen"

    conference_id = seed_conference(setting.window)
    case_id = setting.window.service.conference(conference_id).case_id
    LegalRequestService(setting.session).log(
        case_id, kind=LegalRequestKind.RECORDS_REQUEST, requester="M. Chen",
        requester_body="Housing Authority", body_kind=RequesterBody.AGENCY,
        asked="Proof of services", received_on=datetime.now().date(), business_days=5)
    with qtbot.waitSignal(home.loaded, timeout=10_000):
        home.refresh()
    row = next(r for r in range(home.model.rowCount())
               if home.model.index(r, 0).data(ID_ROLE) == conference_id)
    home.tree.setCurrentIndex(home.model.index(row, 0))
    activate(qtbot, setting.window)
    home.tree.setFocus()
    press_alt_key_of(qtbot, home.legal_requests_button)
    assert seen == [("Legal requests", 1)]
