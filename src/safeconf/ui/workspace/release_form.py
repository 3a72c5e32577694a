"""A consent's release form as a printable document, in the language of the person who signs
it (not the interface's): the form text shown (the shipped statement the consent records by
its SHA-256), the terms, and the signature once given. Built in memory; printing goes
through the same native-only printer as the roster (`printing.make_printer`)."""

from __future__ import annotations

import html
from datetime import UTC, datetime, time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, QLocale, QObject, QUrl
from PySide6.QtGui import QImage, QTextDocument

from safeconf.domain.records import Consent, Language, SignerCapacity
from safeconf.domain.statements import load_statement
from safeconf.ui.i18n import translator_for

_CTX = "ReleaseForm"
_TEXTS = {
    "Case": QT_TRANSLATE_NOOP("ReleaseForm", "Case"),
    "Client": QT_TRANSLATE_NOOP("ReleaseForm", "Whose information"),
    "Signer": QT_TRANSLATE_NOOP("ReleaseForm", "Signed by"),
    "Capacity": QT_TRANSLATE_NOOP("ReleaseForm", "Signing as"),
    "obtain_party": QT_TRANSLATE_NOOP("ReleaseForm", "Records obtained from"),
    "release_party": QT_TRANSLATE_NOOP("ReleaseForm", "Records released to"),
    "Address": QT_TRANSLATE_NOOP("ReleaseForm", "Address"),
    "obtain_information": QT_TRANSLATE_NOOP("ReleaseForm", "Records to obtain"),
    "release_information": QT_TRANSLATE_NOOP("ReleaseForm", "Records to release"),
    "Recipients": QT_TRANSLATE_NOOP("ReleaseForm", "Recipients"),
    "Purpose": QT_TRANSLATE_NOOP("ReleaseForm", "Purpose"),
    "From": QT_TRANSLATE_NOOP("ReleaseForm", "Valid from"),
    "Until": QT_TRANSLATE_NOOP("ReleaseForm", "Valid until"),
    "Signature": QT_TRANSLATE_NOOP("ReleaseForm", "Signature"),
    "Date": QT_TRANSLATE_NOOP("ReleaseForm", "Date"),
    "footer": QT_TRANSLATE_NOOP("ReleaseForm", "Confidential: child welfare record."),
}
_CAPACITIES = {
    SignerCapacity.SELF: QT_TRANSLATE_NOOP("ReleaseForm", "The person the information is about"),
    SignerCapacity.PARENT: QT_TRANSLATE_NOOP("ReleaseForm", "Parent of the child"),
    SignerCapacity.LEGAL_GUARDIAN: QT_TRANSLATE_NOOP("ReleaseForm", "Legal guardian"),
    SignerCapacity.ATTORNEY: QT_TRANSLATE_NOOP("ReleaseForm", "Attorney"),
    SignerCapacity.AUTHORIZED_REPRESENTATIVE: QT_TRANSLATE_NOOP("ReleaseForm",
                                                                "Authorized representative"),
}


class ReleaseForm(QObject):
    """Builds a consent's form; a QObject so its translator has a parent."""

    def build(self, consent: Consent, case_number: str = "") -> QTextDocument:
        tr = translator_for(consent.language.value, self)

        def t(key: str) -> str:
            return tr(_CTX, _TEXTS[key])

        statement = load_statement(consent.statement_id, consent.statement_version,
                                   consent.language)
        locale = QLocale(QLocale.Language.Spanish if consent.language is Language.SPANISH
                         else QLocale.Language.English)
        doc = QTextDocument()
        lines = statement.text.strip().split("\n")
        title, body = html.escape(lines[0]), [line for line in lines[1:] if line.strip()]
        kind = consent.form.value
        rows = [
            (t("Case"), html.escape(case_number)) if case_number else None,
            (t("Client"), html.escape(consent.client_name)),
            (t(f"{kind}_party"), html.escape(consent.other_party_name)),
            (t("Address"), html.escape(consent.other_party_address)),
            (t(f"{kind}_information"), "<br/>".join(map(html.escape, consent.information))),
            (t("Recipients"), "<br/>".join(map(html.escape, consent.recipients))),
            (t("Purpose"), html.escape(consent.purpose)),
            (t("From"), _whole_day(locale, consent.valid_from)),
            (t("Until"), _whole_day(locale, consent.valid_until)),
            (t("Signer"), html.escape(consent.given_by_name)),
            (t("Capacity"), tr(_CTX, _CAPACITIES[consent.given_by_capacity])),
        ]
        signature = "&nbsp;" * 60
        if consent.signature_png:
            url = QUrl(f"sig://{consent.id}")
            doc.addResource(QTextDocument.ResourceType.ImageResource, url,
                            QImage.fromData(consent.signature_png))
            signature = f'<img src="{url.toString()}" width="220"/>'
        signed_on = _day(locale, consent.answered_at) if consent.answered_at else ""
        table = "".join(f"<tr><th align='left'>{label}</th><td>{value}</td></tr>"
                        for label, value in (r for r in rows if r is not None))
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in body)
        doc.setHtml(
            f"<h2>{title}</h2><table cellpadding='4'>{table}</table>{paragraphs}"
            f"<table cellpadding='4'><tr><th align='left'>{t('Signature')}</th>"
            f"<td>{signature}</td></tr><tr><th align='left'>{t('Date')}</th>"
            f"<td>{signed_on}</td></tr></table>"
            f"<p><small>{html.escape(statement.id)} v{statement.version} "
            f"{statement.sha256[:12]}… — {t('footer')}</small></p>")
        doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
        return doc


def _day(locale: QLocale, value: str) -> str:
    moment = datetime.fromisoformat(value)
    return locale.toString(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
                           .date(), QLocale.FormatType.LongFormat)


def consent_day(value: str) -> QDate:
    """The calendar day a consent's validity bound names. The consents screen records bounds
    as whole days at 00:00 UTC (as the disclosure check reads them); shown in local time
    west of Greenwich that would be the day before, so such a bound is its UTC day. Any
    other moment is its local day."""
    moment = datetime.fromisoformat(value)
    if moment.utcoffset() is not None and moment.astimezone(UTC).timetz() == time(tzinfo=UTC):
        day = moment.astimezone(UTC).date()
        return QDate(day.year, day.month, day.day)
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime().date()


def _whole_day(locale: QLocale, value: str) -> str:
    return locale.toString(consent_day(value), QLocale.FormatType.LongFormat)
