"""Client side of the HQ protocol: enrollment and the mutual-TLS transport.

Vault-agnostic: everything takes explicit inputs (PEM strings, outbox items, cursors) and
returns typed values; failures are `SyncError`s whose message can be shown as is.
"""

from safeconf.sync.bundle import EnrollmentBundle, parse_bundle
from safeconf.sync.client import HQClient
from safeconf.sync.enroll import Enrollment, Predecessor, enroll, fetch_ca, new_key_and_csr
from safeconf.sync.errors import (
    CertificateExpired,
    ClockSkew,
    DeviceNotAuthorised,
    DeviceRevoked,
    EnrollmentError,
    HQUnreachable,
    InvalidBundle,
    ProtocolError,
    RebaseRequired,
    RequestRejected,
    ServerNotTrusted,
    SyncConflict,
    SyncError,
)
from safeconf.sync.messages import (
    Conflict,
    DeviceStatus,
    OutboxItem,
    PullItem,
    PullPage,
    PushResult,
)

__all__ = [
    "CertificateExpired",
    "ClockSkew",
    "Conflict",
    "DeviceNotAuthorised",
    "DeviceRevoked",
    "DeviceStatus",
    "Enrollment",
    "EnrollmentBundle",
    "EnrollmentError",
    "HQClient",
    "HQUnreachable",
    "InvalidBundle",
    "OutboxItem",
    "Predecessor",
    "ProtocolError",
    "PullItem",
    "PullPage",
    "PushResult",
    "RebaseRequired",
    "RequestRejected",
    "ServerNotTrusted",
    "SyncConflict",
    "SyncError",
    "enroll",
    "fetch_ca",
    "new_key_and_csr",
    "parse_bundle",
]
