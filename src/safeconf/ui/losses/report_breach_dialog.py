"""Reporting a breach of the confidentiality policy (`ReportBreachDialog`): what happened,
when, who may have received it, which cases. It goes to the legal director alone; the
receipt number is shown once filed. Only calls `app.losses.LossReportService`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from safeconf.app.losses import FiledReport, LossReportService
from safeconf.ui.losses.report_loss_dialog import _ReportDialog, picked_time


class ReportBreachDialog(_ReportDialog):
    def __init__(self, service: LossReportService, parent: QWidget | None = None) -> None:
        super().__init__(service, False, parent)
        self.setWindowTitle(self.tr("Report a breach"))
        self.what = QPlainTextEdit(self)
        self.what.setTabChangesFocus(True)
        self.what.setAccessibleName(self.tr("What happened"))
        self.received_by = QLineEdit(self)
        self.received_by.setAccessibleName(self.tr("Who may have received it"))
        form = QFormLayout()
        for text, field in ((self.tr("What &happened:"), self.what),
                            (self.tr("&When:"), self.when),
                            (self.tr("Who may have &received it:"), self.received_by)):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        self._finish_layout(form, self.tr(
            "Report a breach of confidentiality at once. Only the Agency Legal Director sees "
            "this report; they notify the Commissioner and Human Resources."))
        self.what.setFocus()

    def _filing(self) -> Callable[[], FiledReport]:
        what, when = self.what.toPlainText(), picked_time(self.when)
        received_by, cases = self.received_by.text(), self._case_args()
        return lambda: self.service.report_breach(
            what, when, who_may_have_received=received_by, **cases)  # type: ignore[arg-type]
