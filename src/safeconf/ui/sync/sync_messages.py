"""Sync failures in the interface language. The sync layer words its messages in English;
the ones with fixed wording are worded again here through `tr()` (the English source text
is identical), and anything else, such as HQ's own sentences, is shown as it came."""

from __future__ import annotations

from PySide6.QtCore import QObject

from safeconf.sync.engine import DeviceWiped, NotEnrolled
from safeconf.sync.errors import (
    CertificateExpired,
    ClockSkew,
    DeviceNotAuthorised,
    DeviceRevoked,
    HQUnreachable,
    ServerNotTrusted,
    SyncError,
)
from safeconf.ui.messages import user_message


class SyncMessages(QObject):
    """A QObject only so the texts have a translation context."""

    def for_error(self, exc: BaseException) -> str:
        text = str(exc)
        if not isinstance(exc, SyncError):
            return user_message(exc)
        if isinstance(exc, NotEnrolled):
            return self.tr("This laptop is not enrolled with HQ yet. Ask HQ for an enrollment "
                           "code and choose Enroll with HQ.")
        if isinstance(exc, DeviceWiped):
            return self.tr("HQ has revoked this laptop and asked for its data to be erased. "
                           "The vault on this laptop has been destroyed. Contact IT.")
        if isinstance(exc, DeviceRevoked):
            if exc.wipe:
                return self.tr("HQ has withdrawn this laptop's access and asks for its case "
                               "data to be erased.")
            return self.tr("HQ has withdrawn this laptop's access.")
        if isinstance(exc, CertificateExpired):
            return self.tr("This laptop's certificate has expired. Ask HQ for a new "
                           "enrollment code.")
        if isinstance(exc, ClockSkew):
            minutes = round(abs(exc.skew_seconds) / 60)
            if exc.skew_seconds > 0:
                return self.tr("This laptop's clock is about %n minute(s) behind HQ's. Set the "
                               "correct date and time, then sync again.", "", minutes)
            return self.tr("This laptop's clock is about %n minute(s) ahead of HQ's. Set the "
                           "correct date and time, then sync again.", "", minutes)
        if isinstance(exc, ServerNotTrusted):
            return self.tr("The server did not prove it is your agency's HQ, so nothing was "
                           "sent. Tell your IT support.")
        fixed = {
            "HQ could not be reached. Check the network connection and try again later.":
                self.tr("HQ could not be reached. Check the network connection and try "
                        "again later."),
            "HQ did not answer in time. Try again later.":
                self.tr("HQ did not answer in time. Try again later."),
            "HQ is having problems. Try again later.":
                self.tr("HQ is having problems. Try again later."),
            "The connection to HQ was interrupted. Try again.":
                self.tr("The connection to HQ was interrupted. Try again."),
        }
        if isinstance(exc, HQUnreachable) and text in fixed:
            return fixed[text]
        if isinstance(exc, DeviceNotAuthorised) and text.startswith("HQ does not accept this "
                                                                    "laptop's certificate."):
            return self.tr("HQ does not accept this laptop's certificate. If this laptop was "
                           "never enrolled, or was enrolled with another HQ, enroll it again.")
        return text


def sync_message(exc: BaseException) -> str:
    return SyncMessages().for_error(exc)
