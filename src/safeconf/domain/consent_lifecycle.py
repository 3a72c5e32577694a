"""A consent's lifecycle, as pure rules: which state changes are allowed, when a consent is
current, and whether it covers a disclosure of some information to some recipient.

Stored states: requested -> given | refused; given -> revoked. Refused and revoked are final,
so neither ever becomes given again. "Expired" is computed, never stored: a consent is
expired from its `valid_until` on, which every device and HQ can tell from the date alone,
so nobody has to write (and sync) a change when the date passes. Once a consent is answered
its terms never change; a different consent is a new record.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from enum import StrEnum
from functools import cache

from safeconf.domain.records import Consent, ConsentForm, ConsentState, RecordMeta

C = ConsentState

ALLOWED: dict[ConsentState, frozenset[ConsentState]] = {
    C.REQUESTED: frozenset({C.GIVEN, C.REFUSED}),
    C.GIVEN: frozenset({C.REVOKED}),
    C.REFUSED: frozenset(),
    C.REVOKED: frozenset(),
}

# What a revocation may set on a given consent; everything else is its terms and evidence.
_REVOCATION_FIELDS = frozenset({"state", "revoked_at"})
_BOOKKEEPING = frozenset(f.name for f in fields(RecordMeta)) - {"id", "case_id"}


class ConsentStatus(StrEnum):
    """What a consent is at a given moment: its stored state, or expired."""

    REQUESTED = "requested"
    GIVEN = "given"  # given and not past its end (is_current also asks for its start)
    REFUSED = "refused"
    REVOKED = "revoked"
    EXPIRED = "expired"


@cache
def reachable(state: ConsentState) -> frozenset[ConsentState]:
    """Every state reachable from `state` in one or more steps (a laptop may request, record
    the answer and revoke between two syncs)."""
    found: set[ConsentState] = set()
    todo = list(ALLOWED[state])
    while todo:
        nxt = todo.pop()
        if nxt not in found:
            found.add(nxt)
            todo.extend(ALLOWED[nxt])
    return frozenset(found)


def change_problem(current: Consent, incoming: Consent) -> str | None:
    """None when `incoming` may replace `current`, else a sentence saying why not."""
    if incoming.case_id != current.case_id:
        return "A consent stays in the case it was recorded in."
    if incoming.state is not current.state and incoming.state not in reachable(current.state):
        return (f"A consent that was {current.state.value} cannot become "
                f"{incoming.state.value}; ask for a new consent instead.")
    if current.state is C.REQUESTED:
        return None  # the request's terms may still be corrected, and it may be answered
    if current.state is C.GIVEN:
        changed = _changed_fields(current, incoming) - _REVOCATION_FIELDS
        if changed:
            return ("A given consent's terms and evidence never change; record a new "
                    f"consent instead (changed: {', '.join(sorted(changed))}).")
        return None
    if _changed_fields(current, incoming):
        return f"A {current.state.value} consent never changes."
    return None


def _changed_fields(current: Consent, incoming: Consent) -> set[str]:
    return {f.name for f in fields(Consent) if f.name not in _BOOKKEEPING
            and getattr(current, f.name) != getattr(incoming, f.name)}


def _moment(value: str | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def is_current(consent: Consent, at: str | datetime) -> bool:
    """Whether the consent allowed disclosures at `at`: given by then, within its dates, and
    not revoked by then. A revoked consent was current before its revocation date (so past
    disclosures stay covered) and is never current from that date on."""
    if consent.deleted or consent.state not in (C.GIVEN, C.REVOKED):
        return False
    moment = _moment(at)
    if consent.answered_at is None or moment < _moment(consent.answered_at):
        return False
    if not _moment(consent.valid_from) <= moment < _moment(consent.valid_until):
        return False
    return consent.revoked_at is None or moment < _moment(consent.revoked_at)


def status(consent: Consent, at: str | datetime) -> ConsentStatus:
    """The consent's state as a person reads it at `at`: a given consent past its end is
    expired; a revoked one stays revoked."""
    if consent.state is C.GIVEN and _moment(at) >= _moment(consent.valid_until):
        return ConsentStatus.EXPIRED
    return ConsentStatus(consent.state.value)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def covers(consent: Consent, information: str, recipient: str, at: str | datetime) -> bool:
    """Whether the agency may release `information` to `recipient` at `at` on this consent:
    a release form, current then, naming that information and that recipient (compared
    ignoring case and spacing). An obtain form lets another party give records to the
    agency, never the agency disclose them."""
    return (consent.form is ConsentForm.RELEASE and is_current(consent, at)
            and any(_same(information, item) for item in consent.information)
            and any(_same(recipient, name) for name in consent.recipients))
