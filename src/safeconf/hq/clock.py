"""HQ's one time format: UTC ISO-8601 with microseconds, so stored times compare as text."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"timestamp without a time zone: {text!r}")
    return moment.astimezone(UTC)


def short(stamp: str | None) -> str:
    """A stored time as admins read it in tables: `2026-03-01 10:02:11Z`."""
    return stamp[:19].replace("T", " ") + "Z" if stamp else ""
