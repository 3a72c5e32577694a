"""Records that belong to no case (DESIGN §2): their own kind in the sync protocol.

They ride in the device's outbox like any record but never wait on a case (no assignment,
sealing or conference rule applies), HQ files them under the worker of the verified
certificate in a table of their own, they are never served in pulls, and at HQ only the
roles that handle each kind see them.
"""

from __future__ import annotations

# Record type name -> the HQ roles that handle that kind (and alone may see it).
HANDLING_ROLES: dict[str, frozenset[str]] = {
    "staff_acknowledgment": frozenset({"administrator", "supervisor"}),
    "loss_report": frozenset({"supervisor", "administrator", "legal_director"}),
    # A breach is confidential itself: the legal director alone (issue #10).
    "breach_report": frozenset({"legal_director"}),
}
# Reports of a loss or a breach: pushed before any other record at the next connection.
REPORT_TYPES = frozenset({"loss_report", "breach_report"})
CASELESS_TYPES = frozenset(HANDLING_ROLES)


def is_caseless(record_type: str) -> bool:
    return record_type in CASELESS_TYPES
