"""What every step of the conference workspace starts from: the service, the dialog seam
and the conference it shows."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from safeconf.app.conferences import ConferenceService
from safeconf.ui.prompts import Prompter


class StepPage(QWidget):
    def __init__(
        self,
        service: ConferenceService,
        prompter: Prompter,
        conference_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._prompter = prompter
        self._conference_id = conference_id
