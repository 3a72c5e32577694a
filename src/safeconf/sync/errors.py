"""Why a sync or an enrollment did not happen, in words a caseworker can act on.

Every failure of `safeconf.sync` is a `SyncError`; `str(error)` is the message to show.
"""

from __future__ import annotations


class SyncError(Exception):
    """Base class: the message is meant for the person at the laptop."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class EnrollmentError(SyncError):
    """The enrollment code was refused, or the enrollment could not be completed."""

    def __init__(self, message: str, code: str = "enrollment_failed") -> None:
        super().__init__(message)
        self.code = code


class InvalidBundle(EnrollmentError):
    """The scanned or pasted enrollment code is not a safeconf enrollment code."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "invalid_bundle")


class HQUnreachable(SyncError):
    """No answer from HQ (offline, wrong address, timeout, or HQ failing): try again later."""


class ServerNotTrusted(SyncError):
    """The server did not prove it is this agency's HQ; nothing was sent."""


class DeviceNotAuthorised(SyncError):
    """HQ does not accept this laptop's certificate (not enrolled, or not HQ's)."""


class CertificateExpired(SyncError):
    """This laptop's certificate has expired; it must be enrolled again."""


class DeviceRevoked(SyncError):
    """HQ revoked this laptop; `wipe` says whether HQ asks for its data to be erased."""

    def __init__(self, message: str, wipe: bool) -> None:
        super().__init__(message)
        self.wipe = wipe


class ClockSkew(SyncError):
    """The laptop's clock is too far from HQ's for certificates to be checked reliably."""

    def __init__(self, message: str, skew_seconds: float) -> None:
        super().__init__(message)
        self.skew_seconds = skew_seconds


class ProtocolError(SyncError):
    """HQ's answer was not what the protocol promises (malformed, wrong shape, too large)."""


class RequestRejected(SyncError):
    """HQ refused what this laptop sent (400/413/429); `code` is HQ's machine code."""

    def __init__(self, message: str, code: str, status: int) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


class SyncConflict(SyncError):
    """HQ's acknowledged sequence does not match the outbox: resend from `acked_seq + 1`."""

    def __init__(self, message: str, code: str, acked_seq: int, audit_acked_seq: int) -> None:
        super().__init__(message)
        self.code = code
        self.acked_seq = acked_seq
        self.audit_acked_seq = audit_acked_seq


class RebaseRequired(SyncConflict):
    """HQ already holds other changes (or audit events) under this laptop's numbers: the vault
    went back in time (restored from a backup). Rebase the outbox after `acked_seq` and
    continue the audit chain from the last event shared with HQ (`audit_hash` is HQ's hash
    at `audit_acked_seq`)."""

    def __init__(self, message: str, acked_seq: int, audit_acked_seq: int,
                 audit_hash: str) -> None:
        super().__init__(message, "rebase", acked_seq, audit_acked_seq)
        self.audit_hash = audit_hash


class EscrowInvalid(SyncError):
    """An escrow copy of a data key is malformed, damaged, or not for this recovery key."""


class RecoveryCodeInvalid(SyncError):
    """A typed recovery code is not well formed, or its check characters do not match."""
