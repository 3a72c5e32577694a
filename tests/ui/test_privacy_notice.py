"""The HIPAA Notice of Privacy Practices through the window: adult clients are listed with
their status, the Notice is given in the attendee's language by keyboard, the answer is
recorded, and the Conclude step names the adults who have not received it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from safeconf.app.privacy_notice import PrivacyNoticeService
from safeconf.domain.records import Language, NoticeResponse, Presence, Role
from safeconf.ui.app_window import AppWindow
from safeconf.ui.workspace.conference_workspace import CONCLUDE, CONFIDENTIALITY
from safeconf.ui.workspace.privacy_notice import PrivacyNoticeDialog
from tests.ui.conftest import ScriptedPrompter
from tests.ui.test_conference_flow import add_attendee, mark, schedule_conference

pytestmark = pytest.mark.keyring


def statuses(panel) -> dict[str, str]:
    return {a.name: panel.model.data(panel.model.index(row, 1))
            for row, (a, _s) in enumerate(panel.model.rows)}


def select(panel, name: str) -> None:
    panel.table.selectRow(next(i for i, (a, _s) in enumerate(panel.model.rows)
                               if a.name == name))


def test_the_notice_is_given_to_adult_clients_and_their_answers_recorded(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    workspace = schedule_conference(unlocked, prompter)
    add_attendee(workspace, prompter, "Grace Okafor", Role.PARENT)
    add_attendee(workspace, prompter, "Lucía Ramos", Role.RELATIVE, Language.SPANISH)
    add_attendee(workspace, prompter, "Tunde Okafor", Role.YOUTH, band="12-14")
    add_attendee(workspace, prompter, "Pat Quinn", Role.SERVICE_PROVIDER)
    add_attendee(workspace, prompter, "Dana Cole", Role.CAREGIVER)
    for name in ("Grace Okafor", "Lucía Ramos", "Tunde Okafor", "Pat Quinn", "Dana Cole"):
        mark(workspace, name, Presence.PRESENT)
    workspace.go_to(CONFIDENTIALITY)
    panel = workspace.confidentiality.notice
    assert statuses(panel) == {"Grace Okafor": "Notice not yet given",
                               "Lucía Ramos": "Notice not yet given",
                               "Dana Cole": "Notice not yet given"}

    shown: list[str] = []

    def received_by_keyboard(dialog: PrivacyNoticeDialog) -> bool:
        shown.append(dialog.text.toPlainText())
        assert dialog.received_button.accessibleName() and dialog.text.accessibleName()
        dialog.received_button.setFocus()
        qtbot.keyClick(dialog.received_button, Qt.Key.Key_Space)
        return dialog.result() == PrivacyNoticeDialog.DialogCode.Accepted

    def refused(dialog: PrivacyNoticeDialog) -> bool:
        dialog.refused_button.click()
        return True

    prompter.on(PrivacyNoticeDialog, received_by_keyboard)
    select(panel, "Lucía Ramos")
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)  # Enter on the row gives the Notice
    assert shown and shown[0].startswith("Aviso de prácticas de privacidad")

    prompter.on(PrivacyNoticeDialog, refused)
    select(panel, "Dana Cole")
    panel.give_button.click()
    assert statuses(panel) == {"Grace Okafor": "Notice not yet given",
                               "Lucía Ramos": "Notice received",
                               "Dana Cole": "Notice refused"}

    notices = PrivacyNoticeService(unlocked.session)
    receipts = {r.attendee_id: r for r in
                unlocked.session.vault.notice_receipts.for_conference(workspace.conference_id)}
    lucia = next(a for a, _s in panel.model.rows if a.name == "Lucía Ramos")
    spanish = notices.notice_for(lucia)
    assert receipts[lucia.id].statement_sha256 == spanish.sha256
    assert receipts[lucia.id].language is Language.SPANISH
    assert receipts[lucia.id].response is NoticeResponse.RECEIVED

    workspace.go_to(CONCLUDE)
    workspace.conclude.refresh()
    summary = workspace.conclude.summary.toPlainText()
    assert "Not yet received by: Grace Okafor, Dana Cole" in summary
    assert "Tunde" not in summary.split("Not yet received by:")[1]
