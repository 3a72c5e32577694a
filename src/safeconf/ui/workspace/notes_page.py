"""Step 4 — notes: one editor per section, disabled with a banner naming who has not yet
acknowledged until the gate opens. Autosaves on a pause in typing, on focus change, on lock
and on close; every save is a revision, and the history can be viewed."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.conferences import ConferenceService, NoInterviewPermission
from safeconf.domain.errors import GateClosed
from safeconf.domain.records import Note, NoteRevision, NoteSection, Role
from safeconf.ui import labels
from safeconf.ui.announce import tell
from safeconf.ui.case_text import CaseTextEdit, blocked_message
from safeconf.ui.messages import user_message
from safeconf.ui.prompts import Prompter
from safeconf.ui.widgets import show_status, status_label, user_errors
from safeconf.ui.workspace.interview_permission import InterviewPermissionDialog
from safeconf.ui.workspace.step_page import StepPage

log = logging.getLogger(__name__)
AUTOSAVE_MS = 700  # a pause in typing this long saves


class RevisionsDialog(QDialog):
    def __init__(self, revisions: list[NoteRevision], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Revision history"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Revisions"))
        self.text = CaseTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Revision text"))
        for rev in reversed(revisions):
            item = QListWidgetItem(
                self.tr("Revision %1 — %2 — %3")
                .replace("%1", str(rev.revision))
                .replace("%2", labels.local_datetime(rev.created_at))
                .replace("%3", rev.author)
            )
            item.setData(Qt.ItemDataRole.UserRole, rev.body)
            self.list.addItem(item)
        self.list.currentItemChanged.connect(
            lambda item, _old: self.text.setPlainText(
                item.data(Qt.ItemDataRole.UserRole) if item else ""
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QHBoxLayout()
        lay.addWidget(self.list, 1)
        lay.addWidget(self.text, 2)
        outer = QVBoxLayout(self)
        outer.addLayout(lay)
        outer.addWidget(buttons)
        self.resize(760, 420)
        if self.list.count():
            self.list.setCurrentRow(0)


class NotesPage(StepPage):
    saved = Signal(str)  # note id
    changed = Signal()
    acknowledge_requested = Signal()  # take me to the confidentiality step
    share_requested = Signal(str)  # "May I share this?" for this note (its id)

    def __init__(
        self,
        service: ConferenceService,
        prompter: Prompter,
        conference_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(service, prompter, conference_id, parent)
        self._section = NoteSection.CONCERNS
        self._dirty = False
        self._loading = False
        self._gate_open = False
        self.read_only = False

        self.sections = QListWidget(self)
        self.sections.setAccessibleName(self.tr("Note sections"))
        for section in NoteSection:
            item = QListWidgetItem(labels.name(section))
            item.setData(Qt.ItemDataRole.UserRole, section.value)
            self.sections.addItem(item)
        self.sections.setMaximumWidth(self.sections.fontMetrics().horizontalAdvance('M' * 14))
        self.banner = QLabel(self)  # changing text: no accessible name (STYLE.md)
        self.banner.setObjectName("gateBanner")
        self.banner.setWordWrap(True)
        self.banner.setAutoFillBackground(True)
        self.banner.setMargin(8)
        self.acknowledge_button = QPushButton(self.tr("Go to &confidentiality"), self)
        self.acknowledge_button.setAccessibleName(self.tr("Go to confidentiality"))
        self.acknowledge_button.clicked.connect(self.acknowledge_requested)
        self.editor = CaseTextEdit(self)
        self.editor.setAccessibleName(self.tr("Note text"))
        self.editor.installEventFilter(self)
        self.save_state = status_label(self)
        # -- May I share this note? (issue #9): from the editor's context menu --
        self.share_note_action = QAction(self.tr("May I share this note?…"), self.editor)
        self.share_note_action.triggered.connect(self._share_note)
        self.editor.addAction(self.share_note_action)
        self.editor.copy_blocked.connect(
            lambda: show_status(self.save_state, blocked_message()))
        # What a section is: an interview of a child (with a permission on file), and
        # whether it holds protected health information.
        self.interview = QComboBox(self)
        self.interview_label = QLabel(self.tr("Interview of a chil&d:"), self)
        self.interview_label.setBuddy(self.interview)
        self.interview.setAccessibleName(self.tr("Interview of a child"))
        self.permission_button = QPushButton(self.tr("Record &permission…"), self)
        self.permission_button.setAccessibleName(self.tr("Record permission"))
        self.health = QCheckBox(self.tr("Contains protected health &information"), self)
        self.health.setAccessibleName(self.tr("Contains protected health information"))
        self.history_button = QPushButton(self.tr("Revision &history…"), self)
        self.history_button.setAccessibleName(self.tr("Revision history"))

        self.addenda_view = CaseTextEdit(self)
        self.addenda_view.setReadOnly(True)
        self.addenda_view.setAccessibleName(self.tr("Addenda"))
        self.addendum = CaseTextEdit(self)
        self.addendum.setAccessibleName(self.tr("New addendum"))
        self.addendum.setPlaceholderText(self.tr("A dated correction or addition…"))
        self.addendum_button = QPushButton(self.tr("Add dated &addendum"), self)
        self.addendum_button.setAccessibleName(self.tr("Add dated addendum"))
        self.addenda_box = QWidget(self)
        box = QVBoxLayout(self.addenda_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel(self.tr("<b>Addenda</b> (this conference is finalized)"), self))
        box.addWidget(self.addenda_view, 1)
        box.addWidget(self.addendum, 1)
        box.addWidget(self.addendum_button, 0, Qt.AlignmentFlag.AlignRight)
        self.addenda_box.setVisible(False)

        right = QWidget(self)
        right_lay = QVBoxLayout(right)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.acknowledge_button)
        right_lay.addLayout(banner_row)
        section_row = QHBoxLayout()
        section_row.addWidget(self.interview_label)
        section_row.addWidget(self.interview, 1)
        section_row.addWidget(self.permission_button)
        section_row.addWidget(self.health)
        right_lay.addLayout(section_row)
        right_lay.addWidget(self.editor, 3)
        row = QHBoxLayout()
        row.addWidget(self.save_state, 1)
        row.addWidget(self.history_button)
        right_lay.addLayout(row)
        right_lay.addWidget(self.addenda_box, 2)
        body = QHBoxLayout()
        body.addWidget(self.sections)
        body.addWidget(right, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("<h3>Notes</h3>"), self))
        lay.addLayout(body, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self.editor.textChanged.connect(self._typed)
        self.sections.currentRowChanged.connect(self._switch_section)
        self.history_button.clicked.connect(self._show_history)
        self.addendum_button.clicked.connect(self._add_addendum)
        self.interview.activated.connect(self._interview_chosen)
        self.permission_button.clicked.connect(self._record_permission)
        self.health.clicked.connect(self._health_chosen)
        self.setTabOrder(self.sections, self.interview)
        self.setTabOrder(self.interview, self.permission_button)
        self.setTabOrder(self.permission_button, self.health)
        self.setTabOrder(self.health, self.editor)
        self.setTabOrder(self.editor, self.history_button)
        self.sections.setCurrentRow(0)
        self.refresh()

    # -- state --------------------------------------------------------------------------

    @property
    def section(self) -> NoteSection:
        return self._section

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.refresh()

    def refresh(self) -> None:
        """Re-read the gate and the current section; the editor follows the gate."""
        decision = self._service.gate(self._conference_id)
        self._gate_open = decision.open
        if self.read_only:
            show_status(self.banner, self.tr(
                "This conference is finalized: the notes are read-only. "
                "Corrections go in a dated addendum below."))
            self.banner.setVisible(True)
        elif decision.nobody_present:
            self.banner.setText(self.tr(
                "Check in at least one attendee before notes can be written."))
            self.banner.setVisible(True)
        elif not decision.open:
            self.banner.setText(self.tr(
                "Notes are paused until everyone present has acknowledged confidentiality. "
                "Waiting for: %1").replace("%1", ", ".join(decision.names())))
            self.banner.setVisible(True)
        else:
            self.banner.setText("")
            self.banner.setVisible(False)
        self._paint_banner(not decision.open and not self.read_only)
        self.acknowledge_button.setVisible(bool(decision.missing) and not self.read_only)
        # A finalized note stays enabled and focusable, read-only: a screen reader can read
        # it and the caret moves through it. A paused one is disabled and refuses input.
        self.editor.setEnabled(decision.open or self.read_only)
        for widget in (self.interview, self.permission_button, self.health):
            widget.setEnabled(decision.open and not self.read_only)
        self.editor.setReadOnly(not decision.open or self.read_only)
        if self.read_only:
            self.editor.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByKeyboard
                | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addenda_box.setVisible(self.read_only)
        if not self._dirty:
            self._load_section()
        elif decision.open and not self.read_only:
            self._timer.start()  # text kept while the gate was closed: save it now
        if self.read_only:
            self._load_addenda()

    def _paint_banner(self, warning: bool) -> None:
        palette = self.banner.palette()
        role = self.banner.backgroundRole()
        base = self.palette().color(role)
        if warning:
            # Amber that keeps contrast in light and dark palettes.
            dark = base.lightness() < 128
            palette.setColor(role, QColor("#6b4e00") if dark else QColor("#ffe08a"))
            palette.setColor(self.banner.foregroundRole(),
                             QColor("#ffffff") if dark else QColor("#1a1a1a"))
        else:
            palette = self.palette()
        self.banner.setPalette(palette)

    def _load_section(self) -> None:
        notes = self._service.notes(self._conference_id)
        for row in range(self.sections.count()):  # sections with text stand out
            item = self.sections.item(row)
            font = item.font()
            held = notes.get(NoteSection(item.data(Qt.ItemDataRole.UserRole)))
            font.setBold(bool(held and held.body))  # a mark alone is not text
            item.setFont(font)
        note = notes.get(self._section)
        self._loading = True
        self.editor.setPlainText(note.body if note else "")
        self._load_marks(note)
        self._loading = False
        self.history_button.setEnabled(note is not None)

    def _load_marks(self, note: Note | None) -> None:
        youths = [a for a in self._service.attendees(self._conference_id)
                  if a.role is Role.YOUTH]
        self.interview.clear()
        self.interview.addItem(self.tr("Not an interview"), None)
        for youth in youths:
            self.interview.addItem(youth.name, youth.id)
        chosen = self.interview.findData(note.interviewed_youth_id) if note and \
            note.interviewed_youth_id else 0
        self.interview.setCurrentIndex(max(chosen, 0))
        self.permission_button.setVisible(bool(youths))
        self.health.setChecked(bool(note and note.health_information))

    def _interview_chosen(self, _index: int) -> None:
        youth_id = self.interview.currentData()
        if not self.flush():
            self._load_section()
            return
        try:
            self._service.mark_interview(self._conference_id, self._section, youth_id)
        except NoInterviewPermission as exc:
            self._prompter.error(self, self.tr("Not marked as an interview"), user_message(exc))
        except user_errors() as exc:
            show_status(self.save_state, self.tr("Not saved: %1").replace(
                "%1", user_message(exc)))
        self._load_section()
        self.changed.emit()

    def _record_permission(self) -> None:
        """Put a permission on file in a small dialog, then mark this section as the
        interview of that youth (what the permission is recorded for)."""
        youths = [(a.id, a.name) for a in self._service.attendees(self._conference_id)
                  if a.role is Role.YOUTH]
        dialog = InterviewPermissionDialog(youths, self.interview.currentData(), self)
        if not self._prompter.run(dialog):
            return
        values = dialog.values()
        if not self.flush():
            return
        try:
            self._service.record_interview_permission(**values)
            self._service.mark_interview(self._conference_id, self._section,
                                         values["attendee_id"])
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Permission not recorded"), user_message(exc))
        self._load_section()
        self.changed.emit()

    def _health_chosen(self, checked: bool) -> None:
        if not self.flush():
            self._load_section()
            return
        try:
            self._service.set_health_information(self._conference_id, self._section, checked)
        except user_errors() as exc:
            show_status(self.save_state, self.tr("Not saved: %1").replace(
                "%1", user_message(exc)))
        self._load_section()
        self.changed.emit()

    def _load_addenda(self) -> None:
        parts = [
            f"{labels.local_datetime(n.created_at)} — {n.author}\n{n.body}"
            for n in self._service.addenda(self._conference_id)
        ]
        self.addenda_view.setPlainText("\n\n".join(parts))

    # -- saving -------------------------------------------------------------------------

    def _typed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        show_status(self.save_state, self.tr("Editing…"))
        self._timer.start()

    def flush(self) -> bool:
        """Save pending text now; True when nothing is left unsaved."""
        self._timer.stop()
        if not self._dirty:
            return True
        try:
            note = self._service.save_note(
                self._conference_id, self._section, self.editor.toPlainText()
            )
        except GateClosed as exc:
            tell(self.save_state, user_message(exc), urgent=True)
            return False
        except user_errors() as exc:
            log.warning("note not saved: %s", type(exc).__name__)
            tell(self.save_state, self.tr("Not saved: %1").replace("%1", user_message(exc)),
                 urgent=True)
            return False
        self._dirty = False
        self.history_button.setEnabled(True)
        show_status(self.save_state, self.tr("Saved at %1").replace(
            "%1", labels.local_time(note.updated_at)))
        self.saved.emit(note.id)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def _switch_section(self, row: int) -> None:
        if row < 0:
            return
        self.flush()
        self._section = NoteSection(self.sections.item(row).data(Qt.ItemDataRole.UserRole))
        self._load_section()

    def current_note_id(self) -> str | None:
        """The saved note of the section shown, if it has one."""
        self.flush()
        note = self._service.notes(self._conference_id).get(self._section)
        return note.id if note is not None else None

    def _share_note(self) -> None:
        note_id = self.current_note_id()
        if note_id is not None:
            self.share_requested.emit(note_id)

    def select_section(self, section: NoteSection) -> None:
        self.sections.setCurrentRow(list(NoteSection).index(section))

    def _show_history(self) -> None:
        self.flush()
        note = self._service.notes(self._conference_id).get(self._section)
        if note is None:
            return
        self._prompter.run(RevisionsDialog(self._service.revisions(note.id), self))

    def _add_addendum(self) -> None:
        text = self.addendum.toPlainText()
        try:
            self._service.add_addendum(self._conference_id, text)
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Addendum not added"), user_message(exc))
            return
        self.addendum.clear()
        self._load_addenda()
        self.changed.emit()
