""""May I share this?" by keyboard: opened from the conference list (Ctrl+Shift+D on a
selected conference), from a conference and from a note; the decision and its basis appear
as the choices change, and only an allowed disclosure can be recorded."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox

from safeconf.domain.disclosure_policy import LINES
from safeconf.domain.disclosure_terms import HealthPurpose, Information, Mode, Recipient
from safeconf.domain.records import NoteSection, Person, PersonKind, Relationship
from safeconf.ui.app_window import AppWindow
from safeconf.ui.disclosure.share_dialog import CONSENTS_MODULE, ShareDialog, installed
from safeconf.ui.workspace.conference_model import ID_ROLE
from safeconf.ui.workspace.conference_workspace import CONCLUDE, NOTES
from tests.ui.a11y_events import hear_accessibility
from tests.ui.conftest import ScriptedPrompter
from tests.ui.keys import focused, press, press_alt_key_of, type_text
from tests.ui.screens import acknowledge_everyone, activate, seed_conference

pytestmark = pytest.mark.keyring
SCHOOL = "Lincoln Elementary school counselor"


def with_people(window: AppWindow) -> tuple[str, str, Person]:
    """Today's conference of case 2026-0900, whose client is Ana and whose mother is
    Rocío (a parent of the client, so on the policy's without-consent list)."""
    conference_id = seed_conference(window)
    acknowledge_everyone(window, conference_id)
    vault = window.session.vault
    case_id = vault.conferences.get(conference_id).case_id
    client = vault.people.add(Person(case_id=case_id, name="Ana Quintero",
                                     kind=PersonKind.CLIENT))
    mother = vault.people.add(Person(case_id=case_id, name="Rocío Quintero",
                                     kind=PersonKind.PARENT, relationship_to=client.id,
                                     relationship=Relationship.PARENT_OF))
    return conference_id, case_id, mother


def choose(qtbot: Any, dialog: ShareDialog, alt_key: str, combo: QComboBox, data: Any) -> None:
    """Reach a field by its Alt+letter and pick an entry with the arrow keys."""
    press(qtbot, alt_key)
    assert focused() is combo
    wanted = next(i for i in range(combo.count()) if combo.itemData(i) == data)
    press(qtbot, "Home")
    for _ in range(wanted):
        press(qtbot, "Down")
    assert combo.currentIndex() == wanted


def person_choice(dialog: ShareDialog, person_id: str) -> Any:
    return next(dialog.to_whom.itemData(i) for i in range(dialog.to_whom.count())
                if dialog.to_whom.itemData(i).person_id == person_id)


def category_choice(dialog: ShareDialog, category: Recipient) -> Any:
    return next(dialog.to_whom.itemData(i) for i in range(dialog.to_whom.count())
                if dialog.to_whom.itemData(i).person_id is None
                and dialog.to_whom.itemData(i).category is category)


def open_from_home(qtbot: Any, window: AppWindow, conference_id: str) -> None:
    home = window.main_view.home
    home.refresh()
    activate(qtbot, window)
    found = next(r for r in range(home.model.rowCount())
                 if home.model.index(r, 0).data(ID_ROLE) == conference_id)
    home.tree.setFocus()
    qtbot.waitUntil(home.tree.hasFocus)
    home.tree.setCurrentIndex(home.model.index(found, 0))
    press(qtbot, "Ctrl+Shift+D")


def test_from_the_list_an_allowed_summary_to_the_mother_is_recorded_by_keyboard(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    conference_id, case_id, mother = with_people(unlocked)
    seen: list[str] = []

    def share(dialog: ShareDialog) -> bool:
        activate(qtbot, dialog)
        assert focused() is dialog.what
        # Nothing chosen yet for the recipient: a category wants a typed name.
        choose(qtbot, dialog, "Alt+W", dialog.what, Information.CONFERENCE_SUMMARY)
        with hear_accessibility() as heard:
            choose(qtbot, dialog, "Alt+T", dialog.to_whom, person_choice(dialog, mother.id))
        text = dialog.decision.text()
        seen.append(text)
        assert text.startswith("Allowed.")
        assert LINES["open.parent_or_guardian"].text in text  # the basis, quoted
        assert heard.said("Allowed.")  # heard as it changed
        assert dialog.recipient_name.text() == "Rocío Quintero"
        assert not dialog.recipient_name.isEnabled()  # a person of the case names themself
        choose(qtbot, dialog, "Alt+H", dialog.how, Mode.ORAL_SUMMARY)
        assert dialog.record_button.isVisible() and not dialog.legal_button.isVisible()
        assert unlocked.session.vault.disclosures.count() == 0  # asking wrote nothing
        press_alt_key_of(qtbot, dialog.record_button)
        assert "Disclosure recorded" in dialog.status.text()
        assert not dialog.record_button.isEnabled()  # once
        press(qtbot, "Escape")
        return False

    prompter.on(ShareDialog, share)
    open_from_home(qtbot, unlocked, conference_id)
    assert seen, "Ctrl+Shift+D did not open May I share this?"
    [made] = unlocked.session.vault.disclosures.for_case(case_id)
    assert (made.recipient_person_id, made.recipient, made.policy_line, made.mode,
            made.information, made.disclosed_by) == (
        mother.id, Recipient.PARENT_OR_GUARDIAN, "open.parent_or_guardian",
        Mode.ORAL_SUMMARY, Information.CONFERENCE_SUMMARY, unlocked.session.vault.user)


def test_needs_consent_says_what_the_consent_must_name_and_records_nothing(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    conference_id, case_id, _mother = with_people(unlocked)
    unlocked.service.save_note(conference_id, NoteSection.CONCERNS, "School attendance fell.")
    unlocked.main_view.open_conference(conference_id)

    def share(dialog: ShareDialog) -> bool:
        activate(qtbot, dialog)
        choose(qtbot, dialog, "Alt+W", dialog.what, Information.CHOSEN_NOTES)
        assert dialog.decision.text() == "Choose the notes to share."
        assert not dialog.record_button.isVisible()
        dialog.notes.item(0).setCheckState(dialog.notes.item(0).checkState().Checked)
        choose(qtbot, dialog, "Alt+T", dialog.to_whom,
               category_choice(dialog, Recipient.THIRD_PARTY_WITH_RELEASE))
        assert "must name them" in dialog.decision.text()  # no name typed yet
        press(qtbot, "Alt+N")
        type_text(qtbot, SCHOOL)
        text = dialog.decision.text()
        assert text.startswith("Needs consent.")
        assert "A consent would have to be a written consent about Ana Quintero" in text
        assert f"naming the recipient '{SCHOOL}'" in text
        assert "naming the information 'chosen notes'" in text
        assert not dialog.record_button.isVisible()
        assert dialog.consent_button.isVisible() is installed(CONSENTS_MODULE)
        press(qtbot, "Alt+R")  # no such button shown: nothing happens
        press(qtbot, "Escape")
        return False

    prompter.on(ShareDialog, share)
    workspace = unlocked.main_view.workspace
    workspace.go_to(CONCLUDE)  # not the notes step: no note chosen beforehand
    activate(qtbot, unlocked)
    workspace.steps.setFocus()
    press(qtbot, "Ctrl+Shift+D")
    assert prompter.ran and isinstance(prompter.ran[-1], ShareDialog)
    assert unlocked.session.vault.disclosures.for_case(case_id) == []


def test_legal_review_hides_record_and_a_changed_choice_changes_the_decision(
    qtbot: Any, unlocked: AppWindow
) -> None:
    conference_id, case_id, mother = with_people(unlocked)
    dialog = ShareDialog(unlocked.session, case_id, ScriptedPrompter(), unlocked,
                         conference_id=conference_id)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    assert dialog.information() is Information.CONFERENCE_SUMMARY  # from a conference
    choose(qtbot, dialog, "Alt+T", dialog.to_whom,
           category_choice(dialog, Recipient.OTHER_THIRD_PARTY))
    press(qtbot, "Alt+N")
    type_text(qtbot, "Mesa Housing Authority")
    assert dialog.decision.text().startswith("Legal review:")
    assert LINES["everything_else"].text in dialog.decision.text()
    assert not dialog.record_button.isVisible() and not dialog.copy_button.isVisible()
    dialog.record()  # even called directly, nothing is logged
    assert unlocked.session.vault.disclosures.count() == 0
    # Legal advice is never disclosed, whoever receives it.
    choose(qtbot, dialog, "Alt+T", dialog.to_whom, person_choice(dialog, mother.id))
    assert dialog.decision.text().startswith("Allowed.")
    choose(qtbot, dialog, "Alt+W", dialog.what, Information.LEGAL_ADVICE)
    assert dialog.decision.text().startswith("Legal review:")
    assert LINES["legal_advice"].text in dialog.decision.text()
    assert not dialog.record_button.isVisible()
    # A copy that is allowed goes through the copy flow, never "Record".
    choose(qtbot, dialog, "Alt+W", dialog.what, Information.CONFERENCE_SUMMARY)
    choose(qtbot, dialog, "Alt+H", dialog.how, Mode.COPY)
    assert dialog.decision.text().startswith("Allowed.")
    assert dialog.copy_button.isVisible() and not dialog.record_button.isVisible()
    # The copy flow's last step logs the copy with its digest and redactions.
    assert dialog.before_release("c" * 64, 2)
    [made] = unlocked.session.vault.disclosures.all()
    assert (made.mode, made.document_sha256, made.redactions) == (Mode.COPY, "c" * 64, 2)


def test_health_information_asks_its_purpose(qtbot: Any, unlocked: AppWindow) -> None:
    conference_id, case_id, _mother = with_people(unlocked)
    dialog = ShareDialog(unlocked.session, case_id, ScriptedPrompter(), unlocked,
                         conference_id=conference_id)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    assert not dialog.purpose.isVisible()
    choose(qtbot, dialog, "Alt+W", dialog.what, Information.HEALTH_INFORMATION)
    assert dialog.purpose.isVisible()
    choose(qtbot, dialog, "Alt+T", dialog.to_whom,
           category_choice(dialog, Recipient.OTHER_THIRD_PARTY))
    press(qtbot, "Alt+N")
    type_text(qtbot, "Dr. Ruiz")
    assert dialog.decision.text().startswith("Legal review:")
    choose(qtbot, dialog, "Alt+P", dialog.purpose, HealthPurpose.ABUSE_OR_NEGLECT)
    assert dialog.decision.text().startswith("Allowed.")
    assert LINES["phi.without_consent"].text in dialog.decision.text()


def test_from_a_note_the_note_is_chosen(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    conference_id, _case_id, _mother = with_people(unlocked)
    note = unlocked.service.save_note(conference_id, NoteSection.SAFETY_PLAN, "Plan agreed.")
    unlocked.service.save_note(conference_id, NoteSection.CONCERNS, "Attendance.")
    unlocked.main_view.open_conference(conference_id)
    workspace = unlocked.main_view.workspace
    workspace.go_to(NOTES)
    workspace.notes.select_section(NoteSection.SAFETY_PLAN)
    chosen: list[tuple[Information, tuple[str, ...]]] = []
    prompter.on(ShareDialog, lambda d: chosen.append((d.information(), d.chosen_note_ids())))
    prompter.on(ShareDialog, lambda d: chosen.append((d.information(), d.chosen_note_ids())))
    activate(qtbot, unlocked)
    workspace.notes.editor.setFocus()
    qtbot.waitUntil(workspace.notes.editor.hasFocus)
    press(qtbot, "Ctrl+Shift+D")
    menu = workspace.notes.editor.case_menu(workspace.notes.editor.rect().center())
    [share] = [a for a in menu.actions() if a.text() == "May I share this note?…"]
    share.trigger()
    assert chosen == [(Information.CHOSEN_NOTES, (note.id,))] * 2
