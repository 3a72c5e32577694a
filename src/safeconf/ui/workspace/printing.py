"""Print the sign-in and acknowledgment roster from a print preview that works by keyboard
(Print and Close take focus, Ctrl+P prints, Escape closes). The document is built in memory
(signatures as in-memory resources); nothing is written to disk, and the printer never
defaults to printing into a file."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QImage, QKeySequence, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from safeconf.app.conferences import ConferenceService
from safeconf.domain.ack_proof import shown_fingerprint
from safeconf.domain.records import Attendee, Presence
from safeconf.ui import labels
from safeconf.ui.prompts import Prompter


class Roster(QObject):
    """Builds the roster; a QObject only so its texts have a translation context."""

    def build(self, service: ConferenceService, conference_id: str) -> QTextDocument:
        return _roster_document(service, conference_id, self.texts())

    def texts(self) -> dict[str, str]:
        return {
            "witness": self.tr("witness"),
            "title": self.tr("Sign-in and confidentiality roster"),
            "Case": self.tr("Case"),
            "Conference": self.tr("Conference"),
            "Facilitator": self.tr("Facilitator"),
            "Present": self.tr("Present"),
            "Name": self.tr("Name"),
            "Role": self.tr("Role"),
            "Presence": self.tr("Presence"),
            "Arrived": self.tr("Arrived"),
            "Acknowledgment": self.tr("Acknowledgment"),
            "footer": self.tr("Confidential: child welfare record."),
            "health": self.tr("Contains protected health information"),
            "left at": self.tr("Left at %1"),
            "window": self.tr("Print roster"),
            "signed with key": self.tr("Signed with key %1"),
        }


def _roster_document(
    service: ConferenceService, conference_id: str, t: dict[str, str]
) -> QTextDocument:
    conf = service.conference(conference_id)
    case = service.case(conf.case_id)
    acks = service.acknowledgments(conference_id)
    doc = QTextDocument()
    rows = []
    for a in service.attendees(conference_id):
        ack = acks.get(a.id)
        arrived = labels.local_time(a.arrived_at) if a.arrived_at else ""
        how = ""
        if ack is not None:
            how = labels.name(ack.method)
            if ack.typed_name:
                how += f": {html.escape(ack.typed_name)}"
            if ack.witness:
                how += " — " + t["witness"] + f": {html.escape(ack.witness)}"
            how += f"<br/><small>{html.escape(ack.statement_id)} v{ack.statement_version} " \
                   f"({labels.name(ack.language)}) {ack.statement_sha256[:12]}…</small>"
            if ack.signer_key is not None:
                how += "<br/><small>" + t["signed with key"].replace(
                    "%1", shown_fingerprint(ack)) + "</small>"
            if ack.signature_png:
                image = QImage.fromData(ack.signature_png)
                url = QUrl(f"sig://{ack.id}")
                doc.addResource(QTextDocument.ResourceType.ImageResource, url, image)
                how += f'<br/><img src="{url.toString()}" width="180"/>'
        rows.append(
            "<tr>" + "".join(f"<td>{cell}</td>" for cell in (
                html.escape(a.name), labels.name(a.role), _presence(a, t), arrived, how
            )) + "</tr>"
        )
    present = sum(1 for a in service.attendees(conference_id) if a.presence is Presence.PRESENT)
    # The disclosure rules for health information follow the paper too.
    health = any(n.health_information for n in service.notes(conference_id).values())
    doc.setHtml(
        f"<h2>{t['title']}</h2>"
        f"<p><b>{t['Case']}:</b> {html.escape(case.case_number)} — "
        f"{html.escape(case.family_name)}<br/>"
        f"<b>{t['Conference']}:</b> {labels.name(conf.kind)}, "
        f"{labels.local_datetime(conf.scheduled_start)}, {html.escape(conf.location)}<br/>"
        f"<b>{t['Facilitator']}:</b> {html.escape(conf.facilitator)}<br/>"
        f"<b>{t['Present']}:</b> {present}</p>"
        '<table border="1" cellspacing="0" cellpadding="4" width="100%">'
        f"<tr><th>{t['Name']}</th><th>{t['Role']}</th><th>{t['Presence']}</th>"
        f"<th>{t['Arrived']}</th><th>{t['Acknowledgment']}</th></tr>"
        + "".join(rows) + "</table>"
        + (f"<p><b>{t['health']}</b></p>" if health else "")
        + f"<p><small>{t['footer']}</small></p>"
    )
    return doc


def _presence(attendee: Attendee, t: dict[str, str]) -> str:
    if attendee.presence is Presence.LEFT and attendee.left_at:
        return t["left at"].replace("%1", labels.local_time(attendee.left_at))
    return labels.name(attendee.presence)


def make_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    # Native printing only: no PDF file of conference content appears anywhere by default.
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    printer.setOutputFileName("")
    printer.setDocName("safeconf roster")  # print queues show this name; no case content
    return printer


class RosterPreviewDialog(QDialog):
    """The pages as they will print, with Print… and Close buttons that take focus (Qt's own
    preview dialog keeps its buttons on a tool bar no key reaches). Accepted only once the
    roster was sent to the printer; the system print dialog goes through `prompter`."""

    def __init__(self, document: QTextDocument, title: str, prompter: Prompter,
                 parent: QWidget | None = None,
                 before_print: Callable[[str], bool] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._prompter = prompter
        # Told the roster's text once the printer is chosen, before anything prints (the
        # disclosure is logged first); False stops the print.
        self._before_print = before_print
        self._printer = make_printer()
        self.document = document
        document.setParent(self)
        self.preview = QPrintPreviewWidget(self._printer, self)
        self.preview.setAccessibleName(self.tr("Pages as they will print"))
        self.preview.paintRequested.connect(document.print_)
        self.preview.fitToWidth()
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setAccessibleName(self.tr("Print"))
        self.print_button.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName(self.tr("Close"))
        self.buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_roster)
        for keys, slot in ((QKeySequence.StandardKey.Print, self.print_roster),
                           (QKeySequence.StandardKey.ZoomIn, self.preview.zoomIn),
                           (QKeySequence.StandardKey.ZoomOut, self.preview.zoomOut)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.addAction(action)
        lay = QVBoxLayout(self)
        lay.addWidget(self.preview, 1)
        lay.addWidget(self.buttons)
        self.setTabOrder(self.print_button, self.close_button)
        self.setTabOrder(self.close_button, self.preview)
        self.resize(760, 900)
        self.print_button.setFocus()

    def printer(self) -> QPrinter:
        return self._printer

    def print_roster(self) -> None:
        """Ask the system print dialog where to print, print there, and close."""
        if not self._prompter.run(QPrintDialog(self._printer, self)):
            return
        if self._before_print is not None and \
                not self._before_print(self.document.toPlainText()):
            self.reject()
            return
        self.preview.print_()
        self.accept()


def preview_dialog(
    service: ConferenceService, conference_id: str, prompter: Prompter,
    parent: QWidget | None = None, before_print: Callable[[str], bool] | None = None,
) -> RosterPreviewDialog:
    roster = Roster()
    return RosterPreviewDialog(roster.build(service, conference_id), roster.texts()["window"],
                               prompter, parent, before_print)
