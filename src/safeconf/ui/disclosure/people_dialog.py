"""People on the case: who is named in the record and how they are related (the relationship
decides who may receive what). Add and edit through a small form; the domain's rules, applied
by the vault, say what is refused and the form shows why, keeping what was typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.people import PeopleService
from safeconf.app.session import VaultSession
from safeconf.domain.records import Person, PersonKind, Relationship
from safeconf.domain.validation import FieldError
from safeconf.ui.announce import tell
from safeconf.ui.disclosure import person_labels
from safeconf.ui.messages import user_message
from safeconf.ui.prompts import Prompter
from safeconf.ui.rows_model import RowsModel
from safeconf.ui.widgets import status_label, user_errors

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PersonValues:
    name: str
    kind: PersonKind
    relationship: Relationship | None
    relationship_to: str | None


class PeopleModel(RowsModel[Person]):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Kind"), self.tr("Relationship"), self.tr("To whom"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.AccessibleTextRole):
            return None
        person = self.rows[index.row()]
        names = {p.id: p.name for p in self.rows}
        return (person.name, person_labels.name(person.kind),
                person_labels.name(person.relationship) if person.relationship else "",
                names.get(person.relationship_to or "", ""))[index.column()]


class PersonForm(QDialog):
    """Name, kind and one relationship to another person of the case. `save` stores the
    values; when it raises a user error the form stays open and says why."""

    def __init__(self, people: list[Person], person: Person | None,
                 save: Callable[[PersonValues], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(self.tr("Edit person") if person else self.tr("Add person"))
        self.name = QLineEdit(self)
        self.kind = QComboBox(self)
        for kind in PersonKind:
            self.kind.addItem(person_labels.name(kind), kind.value)
        self.relationship = QComboBox(self)
        self.relationship.addItem(self.tr("No relationship recorded"), "")
        for rel in Relationship:
            self.relationship.addItem(person_labels.name(rel), rel.value)
        self.other = QComboBox(self)
        self.other.addItem(self.tr("Nobody"), "")
        for other in people:
            if person is None or other.id != person.id:
                self.other.addItem(other.name, other.id)
        form = QFormLayout(self)
        for text, field, spoken in (
            (self.tr("&Name:"), self.name, self.tr("Person's name")),
            (self.tr("&Kind:"), self.kind, self.tr("Kind of person")),
            (self.tr("&Relationship:"), self.relationship, self.tr("Relationship")),
            (self.tr("&To whom:"), self.other, self.tr("Related to whom")),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            field.setAccessibleName(spoken)
            form.addRow(label, field)
        self.problem = status_label(self)
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName(self.tr("Save person"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel"))
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        if person is not None:
            self.name.setText(person.name)
            self.kind.setCurrentIndex(self.kind.findData(person.kind.value))
            self.relationship.setCurrentIndex(self.relationship.findData(
                person.relationship.value if person.relationship else ""))
            self.other.setCurrentIndex(max(0, self.other.findData(person.relationship_to or "")))
        self.name.setFocus()

    def values(self) -> PersonValues:
        rel, other = self.relationship.currentData(), self.other.currentData()
        return PersonValues(self.name.text(), PersonKind(self.kind.currentData()),
                            Relationship(rel) if rel else None, other or None)

    def try_save(self) -> None:
        try:
            self._save(self.values())
        except user_errors() as exc:
            tell(self.problem, self.problem_text(exc), urgent=True)
            return
        self.accept()

    def problem_text(self, exc: BaseException) -> str:
        """The domain's refusals a worker meets here, in the interface language."""
        if isinstance(exc, FieldError) and exc.field == "person.relationship_to":
            return self.tr("Not saved: a relationship names both what this person is and "
                           "to whom. Choose both, or neither.")
        return user_message(exc)


class PeopleDialog(QDialog):
    """"People on the case — <case number>": the table, and Add / Edit."""

    def __init__(self, session: VaultSession, case_id: str, prompter: Prompter | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = PeopleService(session)
        self._case_id = case_id
        self._prompter = prompter or Prompter()
        case = session.vault.cases.get(case_id)
        self.setWindowTitle(self.tr("People on the case — %1").replace("%1", case.case_number))
        self.model = PeopleModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("People on the case"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self.edit_person())
        self.add_button = QPushButton(self.tr("&Add person…"), self)
        self.add_button.setAccessibleName(self.tr("Add person"))
        self.edit_button = QPushButton(self.tr("&Edit person…"), self)
        self.edit_button.setAccessibleName(self.tr("Edit person"))
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            self.tr("Close"))
        self.close_buttons.rejected.connect(self.reject)
        self.status = status_label(self)
        # No default button: Enter on the table edits the chosen person (activated), and a
        # default button would then act as well.
        for made in (self.add_button, self.edit_button,
                     self.close_buttons.button(QDialogButtonBox.StandardButton.Close)):
            made.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_person)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        lay.addLayout(row)
        lay.addWidget(self.close_buttons)
        self.setTabOrder(self.table, self.add_button)
        self.setTabOrder(self.add_button, self.edit_button)
        self.resize(640, 400)
        self.refresh()
        self.table.setFocus()

    def refresh(self, select: str | None = None) -> None:
        people = self._service.for_case(self._case_id)
        self.model.set_rows(people)
        row = next((i for i, p in enumerate(people) if p.id == select), 0 if people else -1)
        if row >= 0:
            self.table.selectRow(row)
        self.edit_button.setEnabled(bool(people))

    def selected(self) -> Person | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def add_person(self) -> None:
        saved: list[Person] = []

        def save(v: PersonValues) -> None:
            saved.append(self._service.add(self._case_id, v.name, v.kind, v.relationship_to,
                                           v.relationship))

        if self._prompter.run(PersonForm(self.model.rows, None, save, self)) and saved:
            self.refresh(saved[0].id)
            tell(self.status, self.tr("%1 added.").replace("%1", saved[0].name))

    def edit_person(self) -> None:
        person = self.selected()
        if person is None:
            return
        saved: list[Person] = []

        def save(v: PersonValues) -> None:
            saved.append(self._service.update(person.id, v.name, v.kind, v.relationship_to,
                                              v.relationship))

        if self._prompter.run(PersonForm(self.model.rows, person, save, self)) and saved:
            self.refresh(saved[0].id)
            tell(self.status, self.tr("%1 saved.").replace("%1", saved[0].name))
