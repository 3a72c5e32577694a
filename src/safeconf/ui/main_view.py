"""What an unlocked vault shows: the home screen, or one conference's workspace."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from safeconf.app.conferences import ConferenceService
from safeconf.ui.home import HomeView
from safeconf.ui.messages import user_message
from safeconf.ui.prompts import Prompter
from safeconf.ui.widgets import user_errors
from safeconf.ui.workspace.conference_workspace import Workspace


class MainView(QStackedWidget):
    handover_requested = Signal(str, str)  # conference id, attendee id

    def __init__(
        self, service: ConferenceService, prompter: Prompter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._prompter = prompter
        self.home = HomeView(service, prompter, self)
        self.addWidget(self.home)
        self.workspace: Workspace | None = None
        self.home.open_conference.connect(self.open_conference)
        self.home.refresh()

    def open_conference(self, conference_id: str) -> None:
        self.close_conference()
        try:
            self.workspace = Workspace(self._service, self._prompter, conference_id, self)
        except user_errors() as exc:  # e.g. a statement text missing from the install
            self._prompter.error(self, self.tr("Conference not opened"), user_message(exc))
            return
        self.workspace.closed.connect(self.close_conference)
        self.workspace.handover_requested.connect(
            lambda attendee_id: self.handover_requested.emit(conference_id, attendee_id)
        )
        self.addWidget(self.workspace)
        self.setCurrentWidget(self.workspace)
        self.workspace.focus_start()

    def close_conference(self) -> None:
        if self.workspace is None:
            return
        self.workspace.flush()
        workspace, self.workspace = self.workspace, None
        self.removeWidget(workspace)
        workspace.deleteLater()
        self.setCurrentWidget(self.home)
        self.home.refresh()
        self.home.tree.setFocus()

    def flush(self) -> bool:
        return self.workspace.flush() if self.workspace is not None else True
