"""The home screen: conferences grouped Today / Upcoming / Recent, full-text search
(Ctrl+F) with matches in context, and the new case / new conference actions."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.conferences import (
    ConferenceService,
    Group,
    SearchResult,
    load_plan,
    sort_group,
)
from safeconf.domain.records import ConferenceType
from safeconf.ui import labels
from safeconf.ui.announce import tell
from safeconf.ui.case_text import block_copy_in
from safeconf.ui.disclosure.consents_dialog import ConsentsDialog
from safeconf.ui.disclosure.people_dialog import PeopleDialog
from safeconf.ui.disclosure.share_dialog import SHARE_KEYS, ShareDialog
from safeconf.ui.messages import user_message
from safeconf.ui.prompts import Prompter
from safeconf.ui.rows_model import RowsModel
from safeconf.ui.widgets import show_status, status_label, user_errors
from safeconf.ui.workspace.conference_model import ID_ROLE, ConferenceModel
from safeconf.ui.workspace.new_dialogs import NewCaseDialog, NewConferenceDialog
from safeconf.vault.errors import VaultError

SEARCH_DEBOUNCE_MS = 250
Index = QModelIndex | QPersistentModelIndex


class SearchModel(RowsModel[SearchResult]):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("Case number"), self.tr("Family"), self.tr("Match"))

    @property
    def results(self) -> list[SearchResult]:
        return self.rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.results[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            # The vault marks matched words with [ ]; show them as «…» in plain text.
            snippet = re.sub(r"\[([^\]]*)\]", r"«\1»", hit.snippet)
            return (hit.case_number, hit.family_name, snippet)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return html.escape(hit.snippet).replace("[", "<b>").replace("]", "</b>")
        return None


class HomeView(QWidget):
    open_conference = Signal(str)
    loaded = Signal()  # every group of the list is filled

    def __init__(
        self, service: ConferenceService, prompter: Prompter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._prompter = prompter
        self.new_case_button = QPushButton(self.tr("New &case…"), self)
        self.new_case_button.setAccessibleName(self.tr("New case"))
        self.new_conference_button = QPushButton(self.tr("New c&onference…"), self)
        self.new_conference_button.setAccessibleName(self.tr("New conference"))
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText(self.tr("Search notes and names (Ctrl+F)"))
        self.search_field.setAccessibleName(self.tr("Search notes and names"))
        self.search_field.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Search:"), self)
        search_label.setBuddy(self.search_field)
        # -- disclosure history (issue #9): the case of the chosen conference --
        self.history_button = QPushButton(self.tr("Disclosure &history…"), self)
        self.history_button.setAccessibleName(self.tr("Disclosure history of the case"))
        self.history_button.clicked.connect(self.open_history)
        self._history_from_results = False  # which list's choice the history is of

        self.model = ConferenceModel(self)
        self.tree = QTableView(self)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(self.tr("Conferences"))
        self.tree.setShowGrid(False)
        self.tree.setWordWrap(False)
        self.tree.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.tree.verticalHeader().setVisible(False)
        # Fixed row heights: the view never measures rows, so 10,000 cost nothing.
        self.tree.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.tree.verticalHeader().setDefaultSectionSize(
            self.tree.fontMetrics().height() + self.tree.fontMetrics().height() // 2)
        self.tree.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.horizontalHeader().setStretchLastSection(True)
        self.tree.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.tree.activated.connect(self._activated)

        self.search_model = SearchModel(self)
        self.results = QTableView(self)
        self.results.setModel(self.search_model)
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.results.horizontalHeader().setStretchLastSection(True)
        self.results.verticalHeader().setVisible(False)
        self.results.activated.connect(self._result_activated)
        self.results.setVisible(False)
        block_copy_in(self.tree)  # names and note snippets are case content
        block_copy_in(self.results)
        self.search_status = status_label(self)

        # -- people and consents of the selected case (issue #9) --
        self.people_button = QPushButton(self.tr("&People on the case…"), self)
        self.people_button.setAccessibleName(self.tr("People on the case"))
        self.consents_button = QPushButton(self.tr("Conse&nts…"), self)
        self.consents_button.setAccessibleName(self.tr("Consents"))
        self.people_button.clicked.connect(self.show_people)
        self.consents_button.clicked.connect(self.show_consents)
        case_actions = QHBoxLayout()
        case_actions.addWidget(self.people_button)
        case_actions.addWidget(self.consents_button)
        case_actions.addStretch(1)
        # -- end people and consents --
        # -- legal requests of the selected case, and every case's deadlines (issue #10) --
        self.legal_requests_button = QPushButton(self.tr("Le&gal requests…"), self)
        self.legal_requests_button.setAccessibleName(self.tr("Legal requests of the case"))
        self.legal_requests_button.clicked.connect(self.show_legal_requests)
        self.deadlines_button = QPushButton(self.tr("&Deadlines…"), self)
        self.deadlines_button.setAccessibleName(self.tr("Deadlines of legal requests"))
        self.deadlines_button.clicked.connect(self.show_deadlines)
        case_actions.insertWidget(2, self.legal_requests_button)
        case_actions.insertWidget(3, self.deadlines_button)
        # -- end legal requests --

        top = QHBoxLayout()
        top.addWidget(self.new_case_button)
        top.addWidget(self.new_conference_button)
        top.addWidget(self.history_button)  # disclosure history
        top.addStretch(1)
        top.addWidget(search_label)
        top.addWidget(self.search_field, 2)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(self.results)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.search_status)
        lay.addWidget(split, 1)
        lay.addLayout(case_actions)  # people and consents (issue #9)

        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.setInterval(0)
        self._rest.timeout.connect(self._load_rest)
        self._plan: list[tuple[Group, datetime | None, datetime | None]] = []

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self.search_field.textChanged.connect(lambda _t: self._debounce.start())
        self.search_field.returnPressed.connect(self.run_search)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.focus_search)
        self.new_case_button.clicked.connect(self.new_case)
        self.new_conference_button.clicked.connect(self.new_conference)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._chose(False))
        self.results.selectionModel().currentChanged.connect(lambda *_: self._chose(True))
        self.setTabOrder(self.new_case_button, self.new_conference_button)
        self.setTabOrder(self.new_conference_button, self.history_button)
        self.setTabOrder(self.history_button, self.search_field)
        self.setTabOrder(self.search_field, self.tree)
        self.setTabOrder(self.tree, self.results)
        self.setTabOrder(self.results, self.people_button)  # people and consents (issue #9)
        self.setTabOrder(self.people_button, self.consents_button)
        self.setTabOrder(self.consents_button, self.legal_requests_button)  # issue #10
        self.setTabOrder(self.legal_requests_button, self.deadlines_button)
        self.setFocusProxy(self.tree)
        # -- May I share this? (issue #9): the selected conference's case, Ctrl+Shift+D --
        self.share_action = QAction(self.tr("May I share this?…"), self)
        self.share_action.setShortcut(QKeySequence(SHARE_KEYS))
        self.share_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.share_action.triggered.connect(self.share)
        self.addAction(self.share_action)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.tree.addAction(self.share_action)
        self.results.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.results.addAction(self.share_action)
        # -- end of May I share this? --

    def refresh(self) -> None:
        """Show today's conferences at once; the (possibly thousands of) others follow in
        short pieces, nearest first, one per turn of the event loop (`load_plan`)."""
        now = datetime.now().astimezone()
        day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        day_end = day_start + timedelta(days=1)
        self._plan = load_plan(day_start, day_end)
        self.model.start_loading()
        self.tree.clearSpans()
        for row in range(self.model.rowCount()):  # the three headings span the table
            self.tree.setSpan(row, 0, 1, self.model.columnCount())
        self.model.set_group(Group.TODAY, sort_group(
            Group.TODAY, self._service.conference_rows(day_start, day_end)))
        if self.model.rows_of(Group.TODAY):  # the keyboard starts on today's first meeting
            self.tree.setCurrentIndex(self.model.index(1, 0))
        self._size_columns()
        self._rest.start()

    def _load_rest(self) -> None:
        if not self._plan:
            return
        group, start, end = self._plan.pop(0)
        try:
            rows = self._service.conference_rows(start, end)
        except VaultError:
            self._plan.clear()
            return  # locked meanwhile: the view is about to go
        self.model.append_rows(group, sort_group(group, rows))
        if self._plan:
            self._rest.start()
        else:
            self.model.finish_loading()
            self.loaded.emit()

    def _size_columns(self) -> None:
        # Measured from sample text: resizing to contents would visit every row.
        metrics = self.tree.fontMetrics()
        sample = labels.local_datetime(datetime(2026, 12, 31, 22, 59).astimezone())
        pad = 3 * metrics.averageCharWidth()
        widths = (metrics.horizontalAdvance(sample) + pad,
                  metrics.horizontalAdvance("TRN-2026-00000") + pad,
                  metrics.horizontalAdvance("M" * 14) + pad,
                  metrics.horizontalAdvance(labels.name(ConferenceType.CHILD_SAFETY_CONFERENCE))
                  + pad)
        for column, width in enumerate(widths):
            self.tree.setColumnWidth(column, width)

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def run_search(self) -> None:
        self._debounce.stop()
        text = self.search_field.text().strip()
        if not text:
            self.search_model.set_rows([])
            self.results.setVisible(False)
            show_status(self.search_status, "")
            return
        results = self._service.search(text)
        self.search_model.set_rows(results)
        self.results.setVisible(True)
        self.results.resizeColumnsToContents()
        tell(
            self.search_status,
            self.tr("%n match(es).", "", len(results)) if results else self.tr("No matches."),
        )

    def new_case(self) -> None:
        dialog = NewCaseDialog(self)
        if not self._prompter.run(dialog):
            return
        try:
            case = self._service.create_case(dialog.case_number.text(),
                                             dialog.family_name.text())
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Case not created"), user_message(exc))
            return
        if self._prompter.confirm(
            self, self.tr("Case created"), self.tr("Schedule a conference for this case now?"),
            default_yes=True,
        ):
            self.new_conference(preselect=case.id)

    def new_conference(self, preselect: str | None = None) -> None:
        cases = self._service.cases()
        if not cases:
            self._prompter.inform(
                self, self.tr("No cases yet"), self.tr("Create a case first (New case).")
            )
            return
        dialog = NewConferenceDialog(cases, self._service.user, preselect, self)
        if not self._prompter.run(dialog):
            return
        try:
            conf = self._service.create_conference(**dialog.values())  # type: ignore[arg-type]
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Conference not created"), user_message(exc))
            return
        self.refresh()
        self.open_conference.emit(conf.id)

    # -- the selected case's people, consents and disclosure history (issue #9) --

    def selected_case_id(self) -> str | None:
        """The case of what was chosen last: a conference in the list or a search result
        (pressing a button takes the focus from either, so the focus cannot tell)."""
        index = self.results.currentIndex()
        if self._history_from_results and self.results.isVisible() and index.isValid():
            return self.search_model.results[index.row()].case_id
        conference_id = self.tree.currentIndex().data(ID_ROLE)
        return self._service.conference(conference_id).case_id if conference_id else None

    def _chose(self, in_results: bool) -> None:
        self._history_from_results = in_results

    def _case_or_say_so(self) -> str | None:
        case_id = self.selected_case_id()
        if case_id is None:
            self._prompter.inform(self, self.tr("No case chosen"), self.tr(
                "Choose a conference (or a search result) of the case first."))
        return case_id

    def show_people(self) -> None:
        case_id = self._case_or_say_so()
        if case_id is not None:
            dialog = PeopleDialog(self._service.session, case_id, self._prompter, self)
            self._prompter.run(dialog)
            dialog.deleteLater()  # names of the case leave memory with it

    def show_consents(self) -> None:
        case_id = self._case_or_say_so()
        if case_id is not None:
            consents = ConsentsDialog(self._service.session, case_id, self,
                                      prompter=self._prompter)
            self._prompter.run(consents)
            consents.deleteLater()

    def show_legal_requests(self) -> None:
        from safeconf.ui.legal.requests_dialog import LegalRequestsDialog

        case_id = self._case_or_say_so()
        if case_id is not None:
            dialog = LegalRequestsDialog(self._service.session, case_id, self._prompter, self)
            self._prompter.run(dialog)
            dialog.deleteLater()  # the case's requests leave memory with it

    def show_deadlines(self) -> None:
        from safeconf.ui.legal.requests_dialog import DeadlinesDialog

        dialog = DeadlinesDialog(self._service.session, self)
        self._prompter.run(dialog)
        dialog.deleteLater()

    def open_history(self) -> None:
        from safeconf.ui.disclosure.history_view import HistoryDialog

        case_id = self._case_or_say_so()
        if case_id is None:
            return
        try:
            dialog = HistoryDialog(self._service.session, case_id, self._prompter, self)
        except user_errors() as exc:
            self._prompter.error(self, self.tr("History not shown"), user_message(exc))
            return
        self._prompter.run(dialog)
        dialog.deleteLater()

    def share(self) -> None:
        """"May I share this?" for the case of the conference (or search result) chosen."""
        case_id = self.selected_case_id()
        if case_id is None:
            self._prompter.inform(self, self.tr("May I share this?"), self.tr(
                "Select a conference of the case in the list first."))
            return
        dialog = ShareDialog(self._service.session, case_id, self._prompter, self)
        self._prompter.run(dialog)
        dialog.deleteLater()

    # -- end of the selected case's screens --

    def _activated(self, index: QModelIndex) -> None:
        conference_id = index.data(ID_ROLE)
        if conference_id:
            self.open_conference.emit(conference_id)

    def _result_activated(self, index: QModelIndex) -> None:
        hit = self.search_model.results[index.row()]
        conference_id = hit.conference_id
        if not conference_id:
            found = self._service.first_conference_of_case(hit.case_id)
            conference_id = found.id if found else ""
        if conference_id:
            self.open_conference.emit(conference_id)
