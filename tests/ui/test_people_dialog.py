"""People on the case from the home screen: the list, and Add / Edit by keyboard; a
relationship missing its other end is refused by the domain, the form says why and keeps
what was typed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from safeconf.app.people import PeopleService
from safeconf.domain.records import PersonKind, Relationship
from safeconf.ui.app_window import AppWindow
from safeconf.ui.disclosure.consents_dialog import ConsentsDialog
from safeconf.ui.disclosure.people_dialog import PeopleDialog, PersonForm
from tests.ui.conftest import ScriptedPrompter
from tests.ui.keys import focused, press, press_alt_key_of, type_text
from tests.ui.screens import activate

pytestmark = pytest.mark.keyring


def by_keys(qtbot: Any, back_to: QDialog | AppWindow,
            keys: Callable[[Any], None]) -> Callable[[QDialog], bool]:
    def answer(dialog: QDialog) -> bool:
        activate(qtbot, dialog)
        keys(dialog)
        accepted = dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
        activate(qtbot, back_to)
        return accepted
    return answer


def choose(qtbot: Any, combo: Any, text: str) -> None:
    """Move a focused combo box with the arrow keys until it shows `text`."""
    assert focused() is combo
    press(qtbot, "Home")
    seen = []
    for _ in range(combo.count()):
        seen.append(combo.currentText())
        if combo.currentText() == text:
            return
        press(qtbot, "Down")
    assert combo.currentText() == text, seen


def test_people_are_added_and_related_by_keyboard_and_a_half_relationship_is_refused(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    session = unlocked.service.session
    case = unlocked.service.create_case("2026-0042", "Okonkwo")
    dialog = PeopleDialog(session, case.id, prompter, unlocked)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    assert dialog.windowTitle() == "People on the case — 2026-0042"
    seen: list[str] = []

    def child(form: PersonForm) -> None:
        assert focused() is form.name
        type_text(qtbot, "Ada Okonkwo")
        press(qtbot, "Alt+K")
        assert focused() is form.kind
        choose(qtbot, form.kind, "Child")
        press(qtbot, "Return")

    def parent_missing_whom(form: PersonForm) -> None:
        type_text(qtbot, "Grace Okonkwo")
        press(qtbot, "Alt+K")
        choose(qtbot, form.kind, "Parent")
        press(qtbot, "Alt+R")
        choose(qtbot, form.relationship, "Parent of")
        press(qtbot, "Return")  # no "to whom": the vault refuses, the form stays
        assert form.isVisible()
        seen.append(form.problem.text())
        assert form.name.text() == "Grace Okonkwo"  # nothing typed is lost
        press(qtbot, "Alt+T")
        choose(qtbot, form.other, "Ada Okonkwo")
        press(qtbot, "Return")

    prompter.on(PersonForm, by_keys(qtbot, dialog, child))
    prompter.on(PersonForm, by_keys(qtbot, dialog, parent_missing_whom))
    press_alt_key_of(qtbot, dialog.add_button)
    press_alt_key_of(qtbot, dialog.add_button)
    assert seen and "names both what this person is and to whom" in seen[0]
    people = PeopleService(session).for_case(case.id)
    assert [(p.name, p.kind) for p in people] == [("Ada Okonkwo", PersonKind.CHILD),
                                                   ("Grace Okonkwo", PersonKind.PARENT)]
    assert (people[1].relationship, people[1].relationship_to) == (Relationship.PARENT_OF,
                                                                   people[0].id)
    model = dialog.model
    assert [[model.index(r, c).data() for c in range(4)] for r in range(2)] == [
        ["Ada Okonkwo", "Child", "", ""], ["Grace Okonkwo", "Parent", "Parent of", "Ada Okonkwo"]]

    def rename(form: PersonForm) -> None:
        assert form.name.text() == "Grace Okonkwo"
        form.name.selectAll()
        type_text(qtbot, "Grace A. Okonkwo")
        press(qtbot, "Return")

    prompter.on(PersonForm, by_keys(qtbot, dialog, rename))
    assert dialog.selected() == people[1]  # the one just added stays chosen
    dialog.table.setFocus()
    ran = len(prompter.ran)
    press(qtbot, "Return")  # Enter on the chosen person edits them, and does nothing else
    assert len(prompter.ran) == ran + 1 and dialog.isVisible()
    assert PeopleService(session).get(people[1].id).name == "Grace A. Okonkwo"
    assert "Grace A. Okonkwo saved." in dialog.status.text()


def test_the_home_screen_opens_people_and_consents_of_the_chosen_conferences_case(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    service = unlocked.service
    home = unlocked.main_view.home
    home.refresh()
    press_alt_key_of(qtbot, home.people_button)  # no conference yet: it says so
    assert prompter.messages[-1][:2] == ("inform", "No case chosen")
    case = service.create_case("2026-0077", "Ramos")
    service.create_conference(case.id, datetime.now().astimezone())
    home.refresh()
    home.tree.setFocus()
    assert home.selected_case_id() == case.id
    titles: list[str] = []
    for kind in (PeopleDialog, ConsentsDialog):
        prompter.on(kind, lambda d: titles.append(d.windowTitle()) or False)
    press_alt_key_of(qtbot, home.people_button)
    press_alt_key_of(qtbot, home.consents_button)
    assert titles == ["People on the case — 2026-0077", "Consents — 2026-0077"]
