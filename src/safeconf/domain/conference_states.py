"""Which conference states may follow which (DESIGN §2)."""

from __future__ import annotations

from safeconf.domain.errors import IllegalTransition, ReadOnlyRecord
from safeconf.domain.records import ConferenceState

S = ConferenceState

ALLOWED: dict[ConferenceState, frozenset[ConferenceState]] = {
    S.SCHEDULED: frozenset({S.CHECKING_IN}),
    S.CHECKING_IN: frozenset({S.IN_SESSION}),
    # A concluded conference may be reopened until it is finalized: concluding by mistake
    # must not force the facilitator into an addendum for the rest of the meeting.
    S.IN_SESSION: frozenset({S.CONCLUDED}),
    S.CONCLUDED: frozenset({S.IN_SESSION, S.FINALIZED}),
    S.FINALIZED: frozenset(),
}

_LABELS = {
    S.SCHEDULED: "scheduled",
    S.CHECKING_IN: "checking in",
    S.IN_SESSION: "in session",
    S.CONCLUDED: "concluded",
    S.FINALIZED: "finalized",
}


def check_transition(current: ConferenceState, target: ConferenceState) -> None:
    """Raise a readable error unless `current → target` is a step the workflow allows."""
    if target in ALLOWED[current]:
        return
    if current is S.FINALIZED:
        raise ReadOnlyRecord(
            "This conference is finalized and can no longer change. Add a dated addendum instead."
        )
    allowed = ", ".join(sorted(_LABELS[s] for s in ALLOWED[current]))
    raise IllegalTransition(
        f"A conference that is {_LABELS[current]} cannot become {_LABELS[target]}; "
        f"next it can become: {allowed}."
    )


def is_read_only(state: ConferenceState) -> bool:
    return state is S.FINALIZED


def label(state: ConferenceState) -> str:
    return _LABELS[state]
