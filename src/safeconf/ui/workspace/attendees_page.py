"""Step 2 — attendees and check-in: add and edit attendees (role, age band for minors,
language, interpreter) and mark each present, absent or excused; arrival time is recorded.

Checking a room in is one key per expected person (Space marks the selected one present and
moves to the next still expected) and one row for someone new (name, role, Enter), who is
present at once on the conference's day."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.conferences import ConferenceService
from safeconf.domain.records import AgeBand, Attendee, Language, Presence, Role
from safeconf.ui import labels
from safeconf.ui.announce import tell
from safeconf.ui.case_text import block_copy_in
from safeconf.ui.messages import user_message
from safeconf.ui.prompts import Prompter
from safeconf.ui.rows_model import RowsModel
from safeconf.ui.widgets import show_status, status_label, user_errors
from safeconf.ui.workspace.step_page import StepPage

Index = QModelIndex | QPersistentModelIndex
MINOR_ROLES = {Role.YOUTH}
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class AttendeeModel(RowsModel[Attendee]):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Role"), self.tr("Language"),
                self.tr("Interpreter"), self.tr("Presence"), self.tr("Arrived"))

    @property
    def attendees(self) -> list[Attendee]:
        return self.rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole
        ):
            return None
        a = self.attendees[index.row()]
        role_text = labels.name(a.role)
        if a.age_band is not None:
            role_text += f" ({labels.name(a.age_band)})"
        arrived = labels.local_time(a.arrived_at) if a.arrived_at else ""
        presence = labels.name(a.presence)
        if a.presence is Presence.LEFT and a.left_at:
            presence = self.tr("Left at %1").replace("%1", labels.local_time(a.left_at))
        return (a.name, role_text, labels.name(a.language), a.interpreter,
                presence, arrived)[index.column()]


class AttendeeDialog(QDialog):
    def __init__(self, attendee: Attendee | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit attendee") if attendee else self.tr("Add attendee"))
        form = QFormLayout(self)
        self.name = QLineEdit(self)
        self.role = QComboBox(self)
        for role in Role:
            self.role.addItem(labels.name(role), role.value)
        self.age_band = QComboBox(self)
        self.age_band.addItem(self.tr("Adult"), "")
        for band in AgeBand:
            self.age_band.addItem(labels.name(band), band.value)
        self.language = QComboBox(self)
        for lang in Language:
            self.language.addItem(labels.name(lang), lang.value)
        self.interpreter = QLineEdit(self)
        self.interpreter.setPlaceholderText(self.tr("Name of interpreter, if any"))
        for text, field, name in (
            (self.tr("&Name:"), self.name, self.tr("Attendee name")),
            (self.tr("&Role:"), self.role, self.tr("Role")),
            (self.tr("&Age (minors):"), self.age_band, self.tr("Age band")),
            (self.tr("&Language:"), self.language, self.tr("Language")),
            (self.tr("&Interpreter:"), self.interpreter, self.tr("Interpreter")),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            field.setAccessibleName(name)
            form.addRow(label, field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # Why OK is unavailable, on screen and said aloud (not only a greyed-out button).
        self.name_needed = status_label(self)
        self.name_needed.setObjectName("nameNeeded")
        form.addRow(self.name_needed)
        form.addRow(buttons)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name.textChanged.connect(self._name_changed)
        self._ok.setEnabled(False)
        show_status(self.name_needed, self._needed_text())
        if attendee is not None:
            self.name.setText(attendee.name)
            self.role.setCurrentIndex(self.role.findData(attendee.role.value))
            self.age_band.setCurrentIndex(
                self.age_band.findData(attendee.age_band.value if attendee.age_band else "")
            )
            self.language.setCurrentIndex(self.language.findData(attendee.language.value))
            self.interpreter.setText(attendee.interpreter)

    def _needed_text(self) -> str:
        return self.tr("Enter the attendee's name to continue.")

    def _name_changed(self, text: str) -> None:
        named = bool(text.strip())
        self._ok.setEnabled(named)
        if named:
            show_status(self.name_needed, "")
        elif not self.name_needed.isVisibleTo(self):
            tell(self.name_needed, self._needed_text(), urgent=True)

    def values(self) -> dict[str, Any]:
        band = self.age_band.currentData()
        return {
            "name": self.name.text().strip(),
            "role": Role(self.role.currentData()),
            "age_band": AgeBand(band) if band else None,
            "language": Language(self.language.currentData()),
            "interpreter": self.interpreter.text().strip(),
        }


class AttendeesPage(StepPage):
    changed = Signal()

    def __init__(
        self,
        service: ConferenceService,
        prompter: Prompter,
        conference_id: str,
        before_change: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(service, prompter, conference_id, parent)
        self._before_change = before_change  # flush notes before the gate may close
        self.model = AttendeeModel(self)
        self.table = QTableView(self)
        block_copy_in(self.table)  # names of the people in the room are case content
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Attendees"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())

        self.add_button = QPushButton(self.tr("&Add attendee…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.present_button = QPushButton(self.tr("Mark &present"), self)
        self.absent_button = QPushButton(self.tr("Mark ab&sent"), self)
        self.excused_button = QPushButton(self.tr("Mark e&xcused"), self)
        self.remove_button = QPushButton(self.tr("Re&move…"), self)
        for button, name in (
            (self.add_button, self.tr("Add attendee")),
            (self.edit_button, self.tr("Edit attendee")),
            (self.present_button, self.tr("Mark present")),
            (self.absent_button, self.tr("Mark absent")),
            (self.excused_button, self.tr("Mark excused")),
            (self.remove_button, self.tr("Remove attendee")),
        ):
            button.setAccessibleName(name)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.present_button.clicked.connect(lambda: self.mark(Presence.PRESENT))
        self.absent_button.clicked.connect(lambda: self.mark(Presence.ABSENT))
        self.excused_button.clicked.connect(lambda: self.mark(Presence.EXCUSED))
        self.remove_button.clicked.connect(self.remove_selected)

        # Someone new in the room: name, role, Enter, and the row is ready for the next.
        self.new_name = QLineEdit(self)
        self.new_name.setAccessibleName(self.tr("New attendee's name"))
        self.new_name.setPlaceholderText(self.tr("Name of someone who is not listed"))
        self.new_role = QComboBox(self)
        self.new_role.setAccessibleName(self.tr("New attendee's role"))
        for role in Role:
            self.new_role.addItem(labels.name(role), role.value)
        self.check_in_button = QPushButton(self.tr("Check &in"), self)
        self.check_in_button.setAccessibleName(self.tr("Check in new attendee"))
        self.check_in_button.setEnabled(False)
        self.check_in_button.clicked.connect(self.check_in_new)
        self.new_name.textChanged.connect(lambda _t: self._update_buttons())
        for field in (self.new_name, self.new_role):
            field.installEventFilter(self)
        self.table.installEventFilter(self)
        name_label = QLabel(self.tr("Someone &new:"), self)
        name_label.setBuddy(self.new_name)
        role_label = QLabel(self.tr("R&ole:"), self)
        role_label.setBuddy(self.new_role)
        quick = QHBoxLayout()
        quick.addWidget(name_label)
        quick.addWidget(self.new_name, 2)
        quick.addWidget(role_label)
        quick.addWidget(self.new_role, 1)
        quick.addWidget(self.check_in_button)
        self.hint = QLabel(self)  # changing text: no accessible name
        self.hint.setWordWrap(True)

        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.present_button,
                  self.absent_button, self.excused_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        heading = QLabel(self.tr("<h3>Attendees and check-in</h3>"), self)
        lay.addWidget(heading)
        lay.addWidget(self.hint)
        lay.addWidget(self.table, 1)
        lay.addLayout(quick)
        lay.addLayout(buttons)
        self.setTabOrder(self.table, self.new_name)
        self.setTabOrder(self.new_name, self.new_role)
        self.setTabOrder(self.new_role, self.check_in_button)
        self.setTabOrder(self.check_in_button, self.add_button)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.read_only = False
        self.refresh()

    def refresh(self) -> None:
        row = self.table.currentIndex().row()
        self.model.set_rows(self._service.attendees(self._conference_id))
        if not 0 <= row < self.model.rowCount():
            row = self._next_expected(-1)
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self._show_hint()
        self._update_buttons()

    def focus_next_action(self) -> None:
        """Focus where check-in goes on: the list while someone is still expected, else
        the row for someone new."""
        if self._next_expected(-1) >= 0:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.new_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _next_expected(self, after: int) -> int:
        """The first row after `after` (wrapping round) of someone still expected, or -1."""
        count = len(self.model.attendees)
        for step in range(1, count + 1):
            row = (after + step) % count
            if self.model.attendees[row].presence is Presence.EXPECTED:
                return row
        return -1

    def _show_hint(self) -> None:
        expected = sum(1 for a in self.model.attendees if a.presence is Presence.EXPECTED)
        self.hint.setText(
            self.tr("%n still expected: select someone who has arrived and press Space.", "",
                    expected) if expected and not self.read_only else "")
        self.hint.setVisible(bool(self.hint.text()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                          Qt.KeyboardModifier.KeypadModifier):
            if watched is self.table and event.key() == Qt.Key.Key_Space:
                self.check_in_selected()
                return True
            if watched in (self.new_name, self.new_role) and event.key() in _ENTER_KEYS:
                self.check_in_new()
                return True
        return super().eventFilter(watched, event)

    def check_in_selected(self) -> None:
        """Space on the list: the selected person is here; select the next one expected."""
        attendee = self.selected()
        if attendee is None or self.read_only:
            return
        row = self.model.attendees.index(attendee)
        if attendee.presence is not Presence.PRESENT:
            self.mark(Presence.PRESENT)
        following = self._next_expected(row)
        if following >= 0:
            self.table.selectRow(following)

    def check_in_new(self) -> None:
        """Add the person typed in the new row, present on the conference's day."""
        name = self.new_name.text().strip()
        if not name or self.read_only:
            return
        self._before_change()
        conference = self._service.conference(self._conference_id)
        try:
            attendee = self._service.add_attendee(
                self._conference_id, name, Role(self.new_role.currentData()),
                language=conference.language,
                present=self._service.is_conference_day(self._conference_id),
            )
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Attendee not added"), user_message(exc))
            return
        self.new_name.clear()
        self.new_role.setCurrentIndex(0)
        self.refresh()
        self.select_attendee(attendee.id)
        self.new_name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._update_buttons()

    def selected(self) -> Attendee | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.attendees[rows[0].row()]

    def select_attendee(self, attendee_id: str) -> None:
        for row, a in enumerate(self.model.attendees):
            if a.id == attendee_id:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.add_button.setEnabled(not self.read_only)
        for field in (self.new_name, self.new_role):
            field.setEnabled(not self.read_only)
        self.check_in_button.setEnabled(bool(self.new_name.text().strip())
                                        and not self.read_only)
        for b in (self.edit_button, self.present_button, self.absent_button,
                  self.excused_button, self.remove_button):
            b.setEnabled(has and not self.read_only)

    def add(self) -> None:
        dialog = AttendeeDialog(None, self)
        if not self._prompter.run(dialog):
            return
        try:
            attendee = self._service.add_attendee(self._conference_id, **dialog.values())
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Attendee not added"), user_message(exc))
            return
        self.refresh()
        self.select_attendee(attendee.id)
        self.changed.emit()

    def edit_selected(self) -> None:
        attendee = self.selected()
        if attendee is None or self.read_only:
            return
        dialog = AttendeeDialog(attendee, self)
        if not self._prompter.run(dialog):
            return
        self._before_change()
        try:
            self._service.update_attendee(attendee.id, **dialog.values())
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Attendee not changed"), user_message(exc))
            return
        self.refresh()
        self.changed.emit()

    def mark(self, presence: Presence) -> None:
        attendee = self.selected()
        if attendee is None:
            return
        self._before_change()
        self._service.set_presence(attendee.id, presence)
        self.refresh()
        self.changed.emit()

    def remove_selected(self) -> None:
        """Take the selected person off the roster: whoever was in the room stays in the
        record as having left; only someone merely expected goes."""
        attendee = self.selected()
        if attendee is None or self.read_only:
            return
        stays = attendee.was_in_the_room
        question = (self.tr("%1 was in the room, so the record keeps them as having left now. "
                            "Continue?") if stays else
                    self.tr("Remove %1 from the list of attendees?")).replace("%1",
                                                                             attendee.name)
        if not self._prompter.confirm(self, self.tr("Remove attendee"), question):
            return
        self._before_change()
        try:
            self._service.remove_attendee(attendee.id)
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Attendee not removed"), user_message(exc))
            return
        self.refresh()
        self.changed.emit()
