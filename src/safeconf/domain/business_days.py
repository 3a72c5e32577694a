"""Deadlines counted in business days: Saturdays, Sundays and the agency's holidays
(`resources/legal/holidays.txt`, a list updated each year) do not count."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

from safeconf.resource_files import resource

MAX_BUSINESS_DAYS = 365


def is_business_day(day: date, holidays: Iterable[date] = ()) -> bool:
    return day.weekday() < 5 and day not in set(holidays)


def add_business_days(start: date, n: int, holidays: Iterable[date] = ()) -> date:
    """The day `n` business days after `start` (`start` itself never counts, whatever day it
    is: a request received on a Friday evening and one received on the Saturday are both due
    `n` business days from the Monday on)."""
    if n < 0:
        raise ValueError("a deadline is a number of business days from 0")
    closed = frozenset(holidays)
    day = start
    while n:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in closed:
            n -= 1
    return day


def business_days_between(start: date, end: date, holidays: Iterable[date] = ()) -> int:
    """How many business days after `start`, up to and including `end` (0 if `end` is not
    after `start`)."""
    closed = frozenset(holidays)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in closed:
            count += 1
    return count


def parse_holidays(text: str) -> frozenset[date]:
    """One ISO date a line; blank lines, `#` comments and text after the date are ignored."""
    days: set[date] = set()
    for number, line in enumerate(text.splitlines(), 1):
        word = line.split("#", 1)[0].strip().split(" ", 1)[0]
        if word:
            try:
                days.add(date.fromisoformat(word))
            except ValueError as exc:
                raise ValueError(f"holidays line {number}: {word!r} is not a date") from exc
    return frozenset(days)


@cache
def agency_holidays() -> frozenset[date]:
    """The holidays shipped with this build (HQ and laptops read the same file)."""
    return parse_holidays(resource("legal", "holidays.txt").read_text(encoding="utf-8"))


def due_date(received_on: date, business_days: int) -> date:
    """A legal request's due day, with the agency's holidays."""
    return add_business_days(received_on, business_days, agency_holidays())
