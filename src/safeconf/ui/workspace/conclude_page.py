"""Step 5 — conclude: a summary of attendance, acknowledgments and decisions; finalizing
makes the conference read-only (corrections then go in dated addenda); print the roster."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.conferences import ConferenceService
from safeconf.app.disclosures import ALLOWED, DisclosureService
from safeconf.app.privacy_notice import PrivacyNoticeService
from safeconf.domain.ack_proof import AckStatus, AckVerdict
from safeconf.domain.ack_signature import short_fingerprint
from safeconf.domain.records import Attendee
from safeconf.ui import labels
from safeconf.ui.case_text import CaseTextBrowser
from safeconf.ui.messages import user_message
from safeconf.ui.prompts import Prompter
from safeconf.ui.widgets import name_as_shown, user_errors
from safeconf.ui.workspace.printing import preview_dialog
from safeconf.ui.workspace.step_page import StepPage


class ConcludePage(StepPage):
    changed = Signal()

    def __init__(
        self,
        service: ConferenceService,
        prompter: Prompter,
        conference_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(service, prompter, conference_id, parent)
        self.summary = CaseTextBrowser(self)
        self.summary.setAccessibleName(self.tr("Conference summary"))
        self.print_button = QPushButton(self.tr("&Print roster…"), self)
        name_as_shown(self.print_button, self.tr("Print sign-in and acknowledgment roster"))
        self.finalize_button = QPushButton(self.tr("Fi&nalize conference…"), self)
        self.finalize_button.setAccessibleName(self.tr("Finalize conference"))
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addStretch(1)
        row.addWidget(self.finalize_button)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("<h3>Conclude</h3>"), self))
        lay.addWidget(self.summary, 1)
        lay.addLayout(row)
        self.print_button.clicked.connect(self.print_roster)
        self.finalize_button.clicked.connect(self.finalize)
        self.read_only = False

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.finalize_button.setEnabled(not read_only)

    def refresh(self) -> None:
        t = {
            'Attendance': self.tr('Attendance'),
            'Present': self.tr('Present'),
            'Absent': self.tr('Absent'),
            'Excused': self.tr('Excused'),
            'Excluded': self.tr('Excluded'),
            'Left': self.tr('Left'),
            'Not checked in': self.tr('Not checked in'),
            'Acknowledgments': self.tr('Acknowledgments'),
            'Decisions': self.tr('Decisions'),
            'Notice': self.tr('Notice of Privacy Practices'),
        }
        s = self._service.summary(self._conference_id)

        def people(group: list[Attendee]) -> str:
            if not group:
                return "—"
            return ", ".join(html.escape(a.name) for a in group)

        proofs = self._service.proofs(self._conference_id)
        acks = []
        for a in s.present + s.left + s.excluded:
            ack = s.acknowledgments.get(a.id)
            how = labels.name(ack.method) if ack else self.tr("not yet")
            proof = proofs.get(a.id)
            if proof is not None:
                how += " — " + html.escape(self._proof_text(proof))
            acks.append(f"<li>{html.escape(a.name)}: {how}</li>")
        gate = (self.tr("Everyone present has acknowledged confidentiality.") if s.gate.open
                else self.tr("Nobody is checked in.") if s.gate.nobody_present
                else self.tr("Still waiting for: %1").replace(
                    "%1", html.escape(", ".join(s.gate.names()))))
        self.summary.setHtml(
            f"<h4>{t['Attendance']}</h4>"
            f"<p><b>{t['Present']}:</b> {people(s.present)}<br/>"
            f"<b>{t['Absent']}:</b> {people(s.absent)}<br/>"
            f"<b>{t['Excused']}:</b> {people(s.excused)}<br/>"
            f"<b>{t['Excluded']}:</b> {people(s.excluded)}<br/>"
            f"<b>{t['Left']}:</b> {people(s.left)}<br/>"
            f"<b>{t['Not checked in']}:</b> {people(s.expected)}</p>"
            f"<h4>{t['Acknowledgments']}</h4><ul>{''.join(acks)}</ul><p>{gate}</p>"
            f"<h4>{t['Notice']}</h4><p>{self._without_notice()}</p>"
            f"<h4>{t['Decisions']}</h4>"
            f"<p>{html.escape(s.decisions).replace(chr(10), '<br/>') or '—'}</p>"
        )

    def _proof_text(self, proof: AckVerdict) -> str:
        """"verified" or exactly what does not match, with the key's fingerprint."""
        text = self._proof_texts().get(proof.status, proof.message)
        if proof.fingerprint is not None:
            text += " " + self.tr("(key %1)").replace(
                "%1", short_fingerprint(proof.fingerprint))
        return text

    def _proof_texts(self) -> dict[AckStatus, str]:
        return {
            AckStatus.VERIFIED: self.tr("verified"),
            AckStatus.NOT_SIGNED: self.tr("not signed (taken before signing existed)"),
            AckStatus.STATEMENT_DIFFERS: self.tr(
                "NOT verified: the statement SHA-256 differs from what was signed"),
            AckStatus.SIGNATURE_MISMATCH: self.tr(
                "NOT verified: the signature does not match the signed fields"),
            AckStatus.WRONG_STATEMENT_SIGNED: self.tr(
                "NOT verified: the statement SHA-256 that was signed is not that of the "
                "statement version named"),
            AckStatus.NOT_YET_CERTIFIED: self.tr(
                "signed on this laptop; verified once HQ certifies its key at enrollment"),
            AckStatus.KEY_NOT_CERTIFIED: self.tr(
                "NOT verified: the key is not certified for any device"),
            AckStatus.NOT_LISTED: self.tr(
                "NOT verified: signed before enrollment and not in the counter-signed list"),
        }

    def _without_notice(self) -> str:
        missing = PrivacyNoticeService(self._service.session).without_notice(
            self._conference_id)
        if not missing:
            return self.tr("Every adult client has received the Notice.")
        return self.tr("Not yet received by: %1").replace(
            "%1", html.escape(", ".join(a.name for a in missing)))

    def finalize(self) -> None:
        if not self._prompter.confirm(
            self, self.tr("Finalize conference"),
            self.tr("Finalize this conference? Its record becomes read-only; later "
                    "corrections can only be added as dated addenda."),
        ):
            return
        try:
            self._service.finalize(self._conference_id)
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Not finalized"), user_message(exc))
            return
        self.changed.emit()

    def print_roster(self) -> None:
        # A printed roster is a disclosure to agency staff: where the policy does not allow
        # it (a closed or sealed case goes to legal review) the preview never opens.
        answer = DisclosureService(self._service.session).ask_roster_print(
            self._conference_id)
        if answer.decision.outcome not in ALLOWED:
            self._prompter.error(self, self.tr("Roster not printed"), self.tr(
                "The roster of this case cannot be printed without legal review.\n\n%1")
                .replace("%1", answer.plain()))
            return
        preview = preview_dialog(self._service, self._conference_id, self._prompter, self,
                                 before_print=self._log_print)
        self._prompter.run(preview)

    def _log_print(self, document_text: str) -> bool:
        """Log the disclosure before the paper leaves; False stops the print."""
        try:
            self._service.record_printed(self._conference_id, document_text)
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Roster not printed"), user_message(exc))
            return False
        return True
