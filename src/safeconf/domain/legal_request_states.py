"""Where a legal request stands, from the steps legal took on it, and which step may come
next: open → acknowledged → closed; a denial, a release or a sealing closes it too; a closed
request may be reopened; an extension (a later due day) only while it is open."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from safeconf.domain.records import LegalAction, LegalRequest, LegalRequestEvent

A = LegalAction


class RequestState(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    CLOSED = "closed"


# What each action needs the request to be, and what it makes it.
_FROM: dict[LegalAction, frozenset[RequestState]] = {
    A.ACKNOWLEDGE: frozenset({RequestState.OPEN}),
    A.EXTEND: frozenset({RequestState.OPEN, RequestState.ACKNOWLEDGED}),
    A.DENY: frozenset({RequestState.OPEN, RequestState.ACKNOWLEDGED}),
    A.RELEASE: frozenset({RequestState.OPEN, RequestState.ACKNOWLEDGED}),
    A.SEAL: frozenset({RequestState.OPEN, RequestState.ACKNOWLEDGED}),
    A.CLOSE: frozenset({RequestState.OPEN, RequestState.ACKNOWLEDGED}),
    A.REOPEN: frozenset({RequestState.CLOSED}),
}
_TO: dict[LegalAction, RequestState | None] = {
    A.ACKNOWLEDGE: RequestState.ACKNOWLEDGED, A.EXTEND: None, A.DENY: RequestState.CLOSED,
    A.RELEASE: RequestState.CLOSED, A.SEAL: RequestState.CLOSED, A.CLOSE: RequestState.CLOSED,
    A.REOPEN: RequestState.OPEN,
}
# Actions that must say why or what (`LegalRequestEvent.text`).
NEEDS_TEXT = frozenset({A.DENY, A.EXTEND, A.RELEASE, A.CLOSE})


@dataclass(frozen=True)
class Standing:
    """A request as its events leave it: its state, its due day (extensions included), the
    closing step if closed, and the latest release (what was released, with redactions)."""

    state: RequestState
    due_on: str
    last: LegalRequestEvent | None = None
    closing: LegalRequestEvent | None = None
    release: LegalRequestEvent | None = None

    @property
    def is_open(self) -> bool:
        return self.state is not RequestState.CLOSED


def ordered(events: Iterable[LegalRequestEvent]) -> list[LegalRequestEvent]:
    return sorted(events, key=lambda e: (e.at, e.id))


def step_problem(state: RequestState, due_on: str, event: LegalRequestEvent) -> str | None:
    """Why `event` may not follow a request that is `state` and due `due_on` (None: it may)."""
    if state not in _FROM[event.action]:
        words = {RequestState.OPEN: "open", RequestState.ACKNOWLEDGED: "acknowledged",
                 RequestState.CLOSED: "closed"}
        return (f"A request that is {words[state]} cannot be {_PAST[event.action]}"
                + (" (reopen it first)." if state is RequestState.CLOSED else "."))
    if event.action is A.EXTEND:
        if event.new_due_on is None or event.new_due_on <= due_on:
            return f"An extension sets a due day later than the current one ({due_on})."
    elif event.new_due_on is not None:
        return "Only an extension sets a new due day."
    return None


_PAST = {A.ACKNOWLEDGE: "acknowledged", A.EXTEND: "extended", A.DENY: "denied",
         A.RELEASE: "released", A.SEAL: "sealed", A.CLOSE: "closed", A.REOPEN: "reopened"}


def apply(standing: Standing, event: LegalRequestEvent) -> Standing:
    """The standing after `event` (which `step_problem` allowed)."""
    to = _TO[event.action]
    state = standing.state if to is None else to
    due = event.new_due_on if event.action is A.EXTEND and event.new_due_on else \
        standing.due_on
    closing = event if to is RequestState.CLOSED else (
        None if to is RequestState.OPEN else standing.closing)
    release = event if event.action is A.RELEASE else standing.release
    return Standing(state, due, event, closing, release)


def standing_of(request: LegalRequest, events: Iterable[LegalRequestEvent]) -> Standing:
    """The request's standing after its events in time order; a step the machine does not
    allow (which no landing place accepts) is skipped rather than trusted."""
    standing = Standing(RequestState.OPEN, request.due_on)
    for event in ordered(e for e in events if e.request_id == request.id):
        if step_problem(standing.state, standing.due_on, event) is None:
            standing = apply(standing, event)
    return standing


def next_problem(request: LegalRequest, events: Iterable[LegalRequestEvent],
                 event: LegalRequestEvent) -> str | None:
    """Why `event` may not be the next step on `request` after `events`."""
    before = [e for e in events if e.id != event.id]
    standing = standing_of(request, before)
    if before and ordered([*before, event])[-1] is not event:
        return "A step on a request comes after the steps already taken on it."
    return step_problem(standing.state, standing.due_on, event)
