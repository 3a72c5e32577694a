"""A stored consent read as the disclosure policy reads consents: the one reading used by the
laptop's "may I share this?" and by the rule that re-judges a logged disclosure wherever it
lands, so both see the same consent the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from safeconf.domain.disclosure_terms import ConsentGiver, Information
from safeconf.domain.records import Consent, ConsentForm, Person, SignerCapacity

# §17a-28's "person" includes the parent of a minor: a parent or legal guardian signing for a
# child signs as the child's representative.
_GIVER_OF_CAPACITY = {
    SignerCapacity.SELF: ConsentGiver.PERSON,
    SignerCapacity.ATTORNEY: ConsentGiver.ATTORNEY,
    SignerCapacity.AUTHORIZED_REPRESENTATIVE: ConsentGiver.AUTHORIZED_REPRESENTATIVE,
    SignerCapacity.PARENT: ConsentGiver.AUTHORIZED_REPRESENTATIVE,
    SignerCapacity.LEGAL_GUARDIAN: ConsentGiver.AUTHORIZED_REPRESENTATIVE,
}


@dataclass(frozen=True)
class RecordedConsent:
    """A stored consent record read as the disclosure policy reads consents (`ConsentOnFile`).

    Cautious where the record is less exact than the policy: only the release form counts
    (the obtain form lets records come to the agency, never go out); its information items
    count only where one names a kind of information exactly ("conference summary"); and
    the days it covers are the days it is valid from start to end (a consent ending at noon
    does not cover that day)."""

    id: str
    state: str
    person_id: str
    given_by: str
    information: tuple[str, ...]
    recipients: tuple[str, ...]
    valid_from: str
    valid_until: str
    revoked_at: str | None

    @classmethod
    def of(cls, consent: Consent, people: Sequence[Person]) -> RecordedConsent:
        whose = next((p.id for p in people if fold(p.name) == fold(consent.client_name)), "")
        named = {fold(item) for item in consent.information}
        kinds = tuple(i.value for i in Information
                      if i.value in named or i.value.replace("_", " ") in named)
        released = consent.form is ConsentForm.RELEASE and not consent.deleted
        return cls(
            id=consent.id,
            state=consent.state.value if released else "not_a_release",
            person_id=whose,
            given_by=_GIVER_OF_CAPACITY[consent.given_by_capacity].value,
            information=kinds,
            recipients=consent.recipients,
            valid_from=_first_whole_day(consent.valid_from),
            valid_until=_last_whole_day(consent.valid_until),
            revoked_at=consent.revoked_at,
        )


def _first_whole_day(moment: str) -> str:
    start = datetime.fromisoformat(moment)
    day = start.date()
    return (day if start.timetz().replace(tzinfo=None) == time() else
            day + timedelta(days=1)).isoformat()


def _last_whole_day(moment: str) -> str:
    end = datetime.fromisoformat(moment)  # the first moment it no longer holds
    return (end.date() - timedelta(days=1)).isoformat()


def fold(text: str) -> str:
    """A name as compared: spaces collapsed, case folded."""
    return " ".join(text.split()).casefold()
