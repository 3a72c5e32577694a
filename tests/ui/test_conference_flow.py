"""The whole conference through the window: schedule, check in, acknowledge (all three
methods, one in Spanish, one refusal), notes behind the gate, late arrival, finalize."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt

from safeconf.app.conferences import Group
from safeconf.domain.errors import GateClosed
from safeconf.domain.records import AckMethod, ConferenceState, Language, Presence, Role
from safeconf.ui.app_window import AppWindow
from safeconf.ui.workspace.attendees_page import AttendeeDialog
from safeconf.ui.workspace.conference_workspace import CONFIDENTIALITY, NOTES, Workspace
from safeconf.ui.workspace.new_dialogs import NewCaseDialog, NewConferenceDialog
from safeconf.ui.workspace.notes_page import RevisionsDialog
from tests.ui.conftest import ScriptedPrompter

pytestmark = pytest.mark.keyring


def schedule_conference(window: AppWindow, prompter: ScriptedPrompter) -> Workspace:
    home = window.main_view.home

    def fill_case(d: NewCaseDialog) -> bool:
        d.case_number.setText("2026-0417")
        d.family_name.setText("Okafor")
        return True

    def fill_conference(d: NewConferenceDialog) -> bool:
        assert d.case.currentText().startswith("2026-0417")
        return True

    prompter.on(NewCaseDialog, fill_case)
    prompter.on(NewConferenceDialog, fill_conference)
    home.new_case_button.click()  # confirms "schedule now?" with the default yes
    workspace = window.main_view.workspace
    assert workspace is not None
    return workspace


def add_attendee(workspace: Workspace, prompter: ScriptedPrompter, name: str, role: Role,
                 language: Language = Language.ENGLISH, band: str = "") -> None:
    def fill(d: AttendeeDialog) -> bool:
        d.name.setText(name)
        d.role.setCurrentIndex(d.role.findData(role.value))
        d.language.setCurrentIndex(d.language.findData(language.value))
        d.age_band.setCurrentIndex(d.age_band.findData(band))
        return True

    prompter.on(AttendeeDialog, fill)
    workspace.attendees.add_button.click()


def mark(workspace: Workspace, name: str, presence: Presence) -> None:
    page = workspace.attendees
    row = next(i for i, a in enumerate(page.model.attendees) if a.name == name)
    page.table.selectRow(row)
    {Presence.PRESENT: page.present_button, Presence.ABSENT: page.absent_button,
     Presence.EXCUSED: page.excused_button}[presence].click()


def select_for_ack(workspace: Workspace, name: str) -> None:
    page = workspace.confidentiality
    page.select_attendee(next(a.id for a, _k, _v in page.model.rows if a.name == name))


def draw_signature(pad: Any) -> None:
    pad.add_stroke([QPointF(20 + i * 9, 60 + (i % 5) * 7) for i in range(30)])


def test_notes_open_only_after_every_present_attendee_acknowledges(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter
) -> None:
    window = unlocked
    service = window.service
    workspace = schedule_conference(window, prompter)
    conference_id = workspace.conference_id
    add_attendee(workspace, prompter, "Grace Okafor", Role.PARENT)
    add_attendee(workspace, prompter, "Lucía Ramos", Role.RELATIVE, Language.SPANISH)
    add_attendee(workspace, prompter, "Tunde Okafor", Role.YOUTH, band="12-14")
    add_attendee(workspace, prompter, "Pat Quinn", Role.SERVICE_PROVIDER)
    add_attendee(workspace, prompter, "Late Arrival", Role.ATTORNEY)
    assert [a.name for a in workspace.attendees.model.attendees][:1] == ["Grace Okafor"]
    for name in ("Grace Okafor", "Lucía Ramos", "Tunde Okafor", "Pat Quinn"):
        mark(workspace, name, Presence.PRESENT)
    mark(workspace, "Late Arrival", Presence.EXCUSED)
    assert all(a.arrived_at for a in service.attendees(conference_id)
               if a.presence is Presence.PRESENT)

    # Before any acknowledgment: the editor is disabled, the banner names who is missing,
    # and the service itself refuses a note.
    workspace.go_to(NOTES)
    notes = workspace.notes
    assert not notes.editor.isEnabled()
    assert notes.banner.isVisible() and "Grace Okafor" in notes.banner.text()
    qtbot.keyClicks(notes.editor, "should not land")
    assert notes.editor.toPlainText() == ""
    with pytest.raises(GateClosed):
        service.save_note(conference_id, notes.section, "sneaked in")

    # Acknowledge: drawn signature in Spanish, typed name, verbal with witness, a refusal.
    workspace.go_to(CONFIDENTIALITY)
    page = workspace.confidentiality
    select_for_ack(workspace, "Lucía Ramos")
    assert "Declaración de confidencialidad" in page.statement.toPlainText()
    page.form.tabs.setCurrentIndex(0)
    draw_signature(page.form.pad)
    assert page.form.sign_button.isEnabled()
    page.form.sign_button.click()

    select_for_ack(workspace, "Grace Okafor")
    assert page.statement.toPlainText().startswith(
        service.statements()[Language.ENGLISH].text[:20])
    page.form.tabs.setCurrentIndex(1)
    qtbot.keyClicks(page.form.typed_name, "Grace Okafor")
    page.form.typed_button.click()

    select_for_ack(workspace, "Tunde Okafor")
    page.form.tabs.setCurrentIndex(2)
    qtbot.keyClicks(page.form.witness, "Pat Quinn")
    page.form.verbal_button.click()

    select_for_ack(workspace, "Pat Quinn")
    page.form.refuse_button.click()  # the confirmation is answered yes

    acks = service.acknowledgments(conference_id)
    by_name = {a.name: a for a in service.attendees(conference_id)}
    spanish = acks[by_name["Lucía Ramos"].id]
    assert spanish.method is AckMethod.DRAWN_SIGNATURE
    assert spanish.language is Language.SPANISH
    assert spanish.signature_png and spanish.signature_png.startswith(b"\x89PNG")
    assert spanish.statement_sha256 == service.statements()[Language.SPANISH].sha256
    assert acks[by_name["Grace Okafor"].id].method is AckMethod.TYPED_NAME
    verbal = acks[by_name["Tunde Okafor"].id]
    assert verbal.method is AckMethod.VERBAL and verbal.witness == "Pat Quinn"
    assert verbal.attested_by == service.user
    assert acks[by_name["Pat Quinn"].id].method is AckMethod.REFUSED
    assert by_name["Pat Quinn"].presence is Presence.EXCLUDED

    # The gate is open: notes can be typed and autosave after a pause.
    workspace.go_to(NOTES)
    assert notes.editor.isEnabled()
    assert not notes.banner.isVisible()
    with qtbot.waitSignal(notes.saved, timeout=5000):
        qtbot.keyClicks(notes.editor, "Family agreed to a safety plan.")
    saved = service.notes(conference_id)[notes.section]
    assert saved.body == "Family agreed to a safety plan."

    # A late arrival closes the gate again (pending text is saved first).
    qtbot.keyClicks(notes.editor, " More.")
    mark(workspace, "Late Arrival", Presence.PRESENT)
    assert service.notes(conference_id)[notes.section].body.endswith("More.")
    workspace.go_to(NOTES)
    assert not notes.editor.isEnabled()
    assert "Late Arrival" in notes.banner.text()
    assert "Grace Okafor" not in notes.banner.text()

    workspace.go_to(CONFIDENTIALITY)
    select_for_ack(workspace, "Late Arrival")
    page.form.tabs.setCurrentIndex(1)
    qtbot.keyClicks(page.form.typed_name, "Late Arrival")
    page.form.typed_button.click()
    workspace.go_to(NOTES)
    assert notes.editor.isEnabled()

    # Every save was kept as a revision, and the history shows them.
    revisions = service.revisions(saved.id)
    assert [r.revision for r in revisions] == [1, 2]
    seen: list[int] = []
    prompter.on(RevisionsDialog, lambda d: seen.append(d.list.count()) or False)
    notes.history_button.click()
    assert seen == [2]

    # Finalize: the conference becomes read-only; an addendum is still possible.
    workspace.go_to(4)
    workspace.conclude.finalize_button.click()
    assert service.conference(conference_id).state is ConferenceState.FINALIZED
    workspace.go_to(NOTES)
    assert notes.editor.isReadOnly()  # still readable by a screen reader: not disabled
    qtbot.keyClicks(notes.editor, "too late")
    assert "too late" not in notes.editor.toPlainText()
    assert not workspace.attendees.add_button.isEnabled()
    assert not workspace.confidentiality.form.isEnabled()
    qtbot.keyClicks(notes.addendum, "Correction: the plan starts Monday.")
    notes.addendum_button.click()
    addenda = service.addenda(conference_id)
    assert len(addenda) == 1 and addenda[0].is_addendum
    assert "Correction" in notes.addenda_view.toPlainText()


def test_search_finds_notes_and_names_with_context(
    qtbot: Any, unlocked: AppWindow
) -> None:
    service = unlocked.service
    case = service.create_case("2026-0099", "Delacroix")
    conf = service.create_conference(case.id, datetime.now().astimezone())
    service.add_attendee(conf.id, "Marguerite Delacroix", Role.PARENT)
    home = unlocked.main_view.home
    home.refresh()
    qtbot.keyClick(home, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(home.search_field.hasFocus)
    qtbot.keyClicks(home.search_field, "Margue")
    qtbot.waitUntil(lambda: home.search_model.rowCount() > 0, timeout=3000)
    snippet = home.search_model.index(0, 2).data()
    assert "«Marguerite»" in snippet
    home.results.activated.emit(home.search_model.index(0, 0))
    assert unlocked.main_view.workspace.conference_id == conf.id


def test_conference_list_groups_today_upcoming_recent(
    qtbot: Any, unlocked: AppWindow
) -> None:
    service = unlocked.service
    case = service.create_case("2026-0100", "Lindqvist")
    now = datetime.now().astimezone()
    from datetime import timedelta

    for delta in (timedelta(0), timedelta(days=3), timedelta(days=-3), timedelta(days=-9)):
        service.create_conference(case.id, now.replace(hour=12) + delta)
    home = unlocked.main_view.home
    with qtbot.waitSignal(home.loaded, timeout=5000):
        home.refresh()
    model = home.model
    titles = [model.index(model.heading_row(g), 0).data() for g in Group]
    assert titles == ["Today (1)", "Upcoming (1)", "Recent (2)"]
    assert [model.heading_row(g) for g in Group] == [0, 2, 4]
    first_recent = model.heading_row(Group.RECENT) + 1
    assert model.index(first_recent, 1).data() == "2026-0100"
    assert model.index(first_recent, 4).data() == "Scheduled"
    recent = model.rows_of(Group.RECENT)
    assert recent[0].start > recent[1].start  # latest first
    # Headings are not selectable; conferences are, and Enter opens them.
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable
    home.tree.setCurrentIndex(model.index(1, 0))
    qtbot.keyClick(home.tree, Qt.Key.Key_Return)
    assert unlocked.main_view.workspace is not None
