"""The one seam through which the app asks the user something modal. Tests replace it with
a scripted `Prompter` so no dialog blocks a test run."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


class Prompter:
    """Shows real modal dialogs."""

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent, title, text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def run(self, dialog: QDialog) -> bool:
        """Run a dialog modally; True when accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted
