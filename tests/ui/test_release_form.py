"""The printable release forms: the form text in the signer's language, the terms of the
consent, and the signature once given; printing makes a real PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter

from safeconf.app.demo import signature_png
from safeconf.domain.records import Case, ConsentForm, Language, SignerCapacity
from safeconf.domain.statements import CONSENT_OBTAIN, CONSENT_RELEASE, current_statements
from safeconf.ui.workspace.release_form import ReleaseForm
from tests.support import consents

CASE = Case(case_number="TRN-2026-0001", family_name="Castellanos-Mora")


def _spanish(form: ConsentForm) -> dict[str, Any]:
    statement = current_statements(
        CONSENT_RELEASE if form is ConsentForm.RELEASE else CONSENT_OBTAIN)[Language.SPANISH]
    return {"language": Language.SPANISH, "statement_id": statement.id,
            "statement_version": statement.version, "statement_sha256": statement.sha256}


def test_a_release_form_prints_the_terms_and_the_form_text_in_the_signers_language(
    qapp: Any
) -> None:
    consent = consents.requested(CASE.id, **_spanish(ConsentForm.RELEASE),
                                 information=("safety plan", "school attendance records"),
                                 given_by_capacity=SignerCapacity.LEGAL_GUARDIAN)
    text = ReleaseForm().build(consent, CASE.case_number).toPlainText()
    assert "AUTORIZACIÓN PARA DIVULGAR REGISTROS" in text
    assert "AUTHORIZATION" not in text
    for shown in ("TRN-2026-0001", "Rowan Alder", "Dana Alder", "safety plan",
                  "school attendance records", "Lincoln Elementary school counselor",
                  "12 Oak St, Mesa AZ", "safety planning", "2026", "2027"):
        assert shown in text
    english = ReleaseForm().build(consents.requested(CASE.id, ConsentForm.OBTAIN))
    assert "AUTHORIZATION TO OBTAIN RECORDS" in english.toPlainText()
    assert "Records to obtain" in english.toPlainText()


def test_a_given_consents_form_carries_its_signature_and_prints_to_pdf(
    qapp: Any, tmp_path: Path
) -> None:
    drawn = signature_png("release-form-test")
    consent = consents.given(CASE.id, signature_png=drawn)
    document = ReleaseForm().build(consent)
    image = document.resource(QTextDocument.ResourceType.ImageResource,
                              QUrl(f"sig://{consent.id}"))
    assert image is not None and not image.isNull()
    request = consents.requested(CASE.id)
    unsigned = ReleaseForm().build(request)
    assert unsigned.resource(QTextDocument.ResourceType.ImageResource,
                             QUrl(f"sig://{request.id}")) is None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    pdf = tmp_path / "release.pdf"
    printer.setOutputFileName(str(pdf))
    document.print_(printer)
    assert pdf.read_bytes().startswith(b"%PDF")
