"""The peer certificate's own validity period, checked on every request.

OpenSSL checks notBefore/notAfter only during a full handshake. A keep-alive connection, or a
TLS 1.3 session resumed from a ticket, carries on with the certificate it was opened with, so
without this check a laptop could keep syncing for hours after its certificate ended.
"""

from __future__ import annotations

from datetime import datetime

from cryptography import x509

from safeconf.hq.errors import HQError


def validity_refusal(der: bytes, now: datetime) -> HQError | None:
    """The refusal for a certificate outside its validity at `now`, else None."""
    cert = x509.load_der_x509_certificate(der)
    if now >= cert.not_valid_after_utc:
        return HQError(401, "certificate_expired", "This laptop's certificate has expired; "
                       "ask HQ for a new enrollment code and enroll again.")
    if now < cert.not_valid_before_utc:
        return HQError(401, "certificate_not_yet_valid", "This laptop's certificate is not "
                       "valid yet; check the laptop's and HQ's clocks.")
    return None
