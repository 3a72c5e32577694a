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
}
CASELESS_TYPES = frozenset(HANDLING_ROLES)


def is_caseless(record_type: str) -> bool:
    return record_type in CASELESS_TYPES
