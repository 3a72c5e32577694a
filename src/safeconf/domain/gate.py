"""The acknowledgment gate (DESIGN §5): may notes be written in this conference now?

Notes may be written only while someone is checked in and every attendee marked present
holds a valid acknowledgment of the current statement, in a language they read. Anyone else
blocks the gate and is named; with nobody checked in the gate is closed too (`nobody_present`):
a note is a record of what was said in a room, and an empty room said nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from safeconf.domain.records import Acknowledgment, Attendee, Language, Presence


class StatementRef(Protocol):
    """What identifies a statement text exactly: id, version and SHA-256 of the text."""

    @property
    def id(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def sha256(self) -> str: ...


def acknowledges(ack: Acknowledgment, statement: StatementRef) -> bool:
    return (ack.statement_id, ack.statement_version, ack.statement_sha256) == (
        statement.id,
        statement.version,
        statement.sha256,
    )


class MissingReason(StrEnum):
    NOT_ACKNOWLEDGED = "not_acknowledged"
    REFUSED = "refused"  # still marked present: must be excluded before the meeting goes on
    STALE_STATEMENT = "stale_statement"
    WRONG_LANGUAGE = "wrong_language"


@dataclass(frozen=True)
class Missing:
    attendee: Attendee
    reason: MissingReason


@dataclass(frozen=True)
class GateDecision:
    missing: tuple[Missing, ...]
    nobody_present: bool = False

    @property
    def open(self) -> bool:
        return not self.missing and not self.nobody_present

    def names(self) -> list[str]:
        return [m.attendee.name for m in self.missing]


def evaluate_gate(
    attendees: Iterable[Attendee],
    acknowledgments: Iterable[Acknowledgment],
    current: Mapping[Language, StatementRef],
) -> GateDecision:
    """Decide the gate from the attendees, every acknowledgment recorded, and the statements
    in force per language. The latest acknowledgment of an attendee is the one that counts."""
    latest: dict[str, Acknowledgment] = {}
    for ack in acknowledgments:
        if ack.deleted:
            continue
        seen = latest.get(ack.attendee_id)
        if seen is None or ack.signed_at >= seen.signed_at:
            latest[ack.attendee_id] = ack
    missing = []
    present = 0
    for attendee in attendees:
        if attendee.deleted or attendee.presence is not Presence.PRESENT:
            continue
        present += 1
        reason = _why_blocked(attendee, latest.get(attendee.id), current)
        if reason is not None:
            missing.append(Missing(attendee, reason))
    return GateDecision(tuple(missing), nobody_present=present == 0)


def _why_blocked(
    attendee: Attendee,
    ack: Acknowledgment | None,
    current: Mapping[Language, StatementRef],
) -> MissingReason | None:
    if ack is None:
        return MissingReason.NOT_ACKNOWLEDGED
    if ack.refused:
        return MissingReason.REFUSED
    if ack.language is not attendee.language:
        return MissingReason.WRONG_LANGUAGE
    statement = current.get(ack.language)
    if statement is None or not acknowledges(ack, statement):
        return MissingReason.STALE_STATEMENT
    return None
