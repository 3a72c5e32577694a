"""The yearly staff confidentiality acknowledgment: when is a worker due to acknowledge?

One rule, used by the desktop app (which blocks conference work until it is done) and by
HQ (which lists who is due): never acknowledged, or last acknowledged 12 months ago or more.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from safeconf.domain.ids import parse_utc
from safeconf.domain.records import StaffAcknowledgment

VALID_MONTHS = 12


def due_after(acknowledged_at: datetime) -> datetime:
    """The moment an acknowledgment made at `acknowledged_at` stops counting: the same day
    and time 12 months later (29 February counts until 1 March)."""
    try:
        return acknowledged_at.replace(year=acknowledged_at.year + VALID_MONTHS // 12)
    except ValueError:  # 29 February in a year without one
        return acknowledged_at.replace(year=acknowledged_at.year + VALID_MONTHS // 12,
                                       month=3, day=1)


def is_due(last_acknowledged_at: str | None, now: datetime) -> bool:
    """True when the worker must acknowledge the staff terms (again) before working."""
    if last_acknowledged_at is None:
        return True
    return now >= due_after(parse_utc(last_acknowledged_at))


def last_acknowledged_at(acknowledgments: Iterable[StaffAcknowledgment]) -> str | None:
    """When the latest of these acknowledgments was made (None: there is none)."""
    times = [a.acknowledged_at for a in acknowledgments if not a.deleted]
    return max(times, key=parse_utc) if times else None
