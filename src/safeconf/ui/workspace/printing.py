"""Print the sign-in and acknowledgment roster through Qt's print preview. The document is
built in memory (signatures as in-memory resources); nothing is written to disk, and the
printer never defaults to printing into a file."""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from safeconf.app.conferences import ConferenceService
from safeconf.domain.records import Attendee, Presence
from safeconf.ui import labels


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


def preview_dialog(
    service: ConferenceService, conference_id: str, parent: QWidget | None = None
) -> QPrintPreviewDialog:
    roster = Roster()
    doc = roster.build(service, conference_id)
    printer = make_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    # The dialog does not own the printer: keep it alive as long as the dialog.
    dialog.safeconf_printer = printer  # type: ignore[attr-defined]
    dialog.setWindowTitle(roster.texts()["window"])
    doc.setParent(dialog)
    dialog.paintRequested.connect(doc.print_)
    return dialog
