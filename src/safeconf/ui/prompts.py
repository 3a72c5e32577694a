"""The one seam through which the app asks the user something modal. Tests replace it with
a scripted `Prompter` so no dialog blocks a test run."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget


class Prompter:
    """Shows real modal dialogs."""

    def confirm(self, parent: QWidget | None, title: str, text: str,
                default_yes: bool = False) -> bool:
        """Ask yes or no; Enter answers No unless `default_yes` (for a question whose yes
        is the usual next step and undoes nothing)."""
        box = question_box(parent, title, text, default_yes)
        box.exec()
        return box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def run(self, dialog: QDialog) -> bool:
        """Run a dialog modally; True when accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def save_file(self, parent: QWidget | None, title: str, suggested: str,
                  filters: str) -> Path | None:
        """Ask where to save a file; None when the user cancels."""
        chosen, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(chosen) if chosen else None


def question_box(parent: QWidget | None, title: str, text: str,
                 default_yes: bool) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Yes if default_yes
                         else QMessageBox.StandardButton.No)
    return box
