"""The agency's disclosure policy (Conn. Gen. Stat. §17a-28, and HIPAA for health information)
as one pure function: a request to disclose goes in, a decision with its basis comes out.

No storage, no clock, no Qt: the caller passes the case state, the date and the consents on
file. In doubt the answer is legal review (docs/disclosure.md explains what "in doubt" means).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from safeconf.domain.disclosure_terms import (
    ConsentGiver,
    Extent,
    HealthPurpose,
    Information,
    Mode,
    Recipient,
)
from safeconf.domain.records import Person, PersonKind, Relationship

__all__ = ["ConsentGiver", "Extent", "HealthPurpose", "Information", "Mode", "Recipient"]


class Outcome(StrEnum):
    ALLOWED = "allowed"
    ALLOWED_BY_CONSENT = "allowed_by_consent"
    NEEDS_CONSENT = "needs_consent"
    LEGAL_REVIEW = "legal_review"


@dataclass(frozen=True)
class PolicyLine:
    """One line of the policy, quoted, with where it comes from."""

    key: str
    source: str
    text: str


def _line(key: str, source: str, text: str) -> PolicyLine:
    return PolicyLine(key, source, text)


_S = "Conn. Gen. Stat. §17a-28, the agency's confidentiality policy"
_H = "HIPAA, the agency's health information policy"
LINES: dict[str, PolicyLine] = {line.key: line for line in (
    _line("open.client", _S, "Without consent, in an open case, workers may disclose to the "
          "client."),
    _line("open.parent_or_guardian", _S, "Without consent, in an open case, workers may "
          "disclose to the client's parent or legal guardian."),
    _line("open.attorney_or_representative", _S, "Without consent, in an open case, workers "
          "may disclose to the client's attorney or other authorized representative."),
    _line("open.agency_staff", _S, "Without consent, in an open case, workers may disclose to "
          "other agency staff with a business reason to know."),
    _line("open.assistant_attorney_general", _S, "Without consent, in an open case, workers "
          "may disclose to an Assistant Attorney General."),
    _line("open.court_hearing_this_case", _S, "Without consent, in an open case, workers may "
          "disclose to the Superior Court for Juvenile Matters or a Probate Court for a "
          "hearing on that case."),
    _line("open.third_party_with_release", _S, "Without consent, in an open case, workers may "
          "disclose to any third party for whom there is a signed and current release of "
          "information from the client or the client's authorized representative."),
    _line("consent", _S, "Consent is permission given in writing by the person, their "
          "attorney or authorized representative, to disclose specified information, within "
          "a limited time, to specifically identified individuals or entities. It can be "
          "revoked."),
    _line("everything_else", _S, "Everything else goes to the Office of Legal Affairs or an "
          "Assistant Attorney General for advice and, when appropriate, redaction. If there "
          "is any doubt, legal consultation."),
    _line("legal_advice", "the agency's disclosure policy", "Privileged legal advice never "
          "leaves the agency."),
    _line("closed_or_sealed", _S, "Without consent, in an open case, workers may disclose to "
          "[the listed recipients] ... Everything else goes to the Office of Legal Affairs or "
          "an Assistant Attorney General for advice and, when appropriate, redaction."),
    _line("phi.individual", _H, "Health information may be used or disclosed to the "
          "individual."),
    _line("phi.without_consent", _H, "Health information may be disclosed without consent "
          "for abuse or neglect and its judicial proceedings, medical research, law "
          "enforcement, adjudicated youth, public health, and to notify a family member or "
          "guardian of a person's location and condition."),
    _line("phi.permitted_use", _H, "Health information may be used or disclosed for "
          "treatment, payment, health-care operations, public health, health oversight, law "
          "enforcement, judicial and administrative proceedings, placement and adoption "
          "recruitment."),
)}

# The lines whose decision is legal review (see `decide`): only a disclosure the policy sent
# to legal is asked about, so a review request names one of these.
LEGAL_REVIEW_LINES = frozenset({"everything_else", "legal_advice", "closed_or_sealed"})

_OPEN_CASE_LIST = {
    Recipient.CLIENT: "open.client",
    Recipient.PARENT_OR_GUARDIAN: "open.parent_or_guardian",
    Recipient.ATTORNEY_OR_REPRESENTATIVE: "open.attorney_or_representative",
    Recipient.AGENCY_STAFF: "open.agency_staff",
    Recipient.ASSISTANT_ATTORNEY_GENERAL: "open.assistant_attorney_general",
    Recipient.COURT_HEARING_THIS_CASE: "open.court_hearing_this_case",
}
PHI_WITHOUT_CONSENT = frozenset({
    HealthPurpose.ABUSE_OR_NEGLECT, HealthPurpose.MEDICAL_RESEARCH,
    HealthPurpose.LAW_ENFORCEMENT, HealthPurpose.ADJUDICATED_YOUTH,
    HealthPurpose.PUBLIC_HEALTH, HealthPurpose.NOTIFY_FAMILY_OF_LOCATION_AND_CONDITION,
})
# Permitted uses that the policy does not list as "without consent": a consent is needed.
PHI_PERMITTED_WITH_CONSENT = frozenset({
    HealthPurpose.TREATMENT, HealthPurpose.PAYMENT, HealthPurpose.HEALTH_CARE_OPERATIONS,
    HealthPurpose.HEALTH_OVERSIGHT, HealthPurpose.JUDICIAL_OR_ADMINISTRATIVE_PROCEEDING,
    HealthPurpose.PLACEMENT_OR_ADOPTION_RECRUITMENT,
})


class ConsentOnFile(Protocol):
    """What the engine reads of a consent; the vault's consent record can satisfy it.

    `information` holds `Information` values (or their text); `recipients` the names or
    person ids of the recipients it identifies. Dates are `YYYY-MM-DD` (a longer ISO
    timestamp is cut to its day)."""

    @property
    def id(self) -> str: ...
    @property
    def state(self) -> str: ...  # "given" is the only state that counts
    @property
    def person_id(self) -> str: ...  # whose information it is
    @property
    def given_by(self) -> str: ...  # a `ConsentGiver` value
    @property
    def information(self) -> Iterable[str]: ...
    @property
    def recipients(self) -> Iterable[str]: ...
    @property
    def valid_from(self) -> str: ...
    @property
    def valid_until(self) -> str: ...
    @property
    def revoked_at(self) -> str | None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Request:
    """One question: may this be disclosed, this way, to this recipient, on this date?"""

    case_open: bool
    sealed: bool
    person_id: str  # whose record it is
    information: Information
    mode: Mode
    extent: Extent
    recipient: Recipient
    recipient_name: str  # who exactly; a consent must name them (or their person id)
    on: str  # the date of the disclosure, YYYY-MM-DD
    health_purpose: HealthPurpose | None = None


@dataclass(frozen=True, slots=True)
class ConsentNeeded:
    """Exactly what a consent would have to name for this request to be allowed."""

    person_id: str
    information: Information
    recipient_name: str
    covering: str  # the date its validity must cover
    given_by: tuple[ConsentGiver, ...] = tuple(ConsentGiver)

    def plain(self, whose: str = "") -> str:
        givers = " or ".join(_GIVER_WORDS[g] for g in self.given_by)
        return (f"a written consent about {whose or 'person ' + self.person_id}, signed by "
                f"{givers}; "
                f"naming the information '{_words(self.information)}'; naming the "
                f"recipient '{self.recipient_name}'; valid on {self.covering} "
                f"(not expired, not revoked)")


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: Outcome
    basis: PolicyLine
    why: str
    consent_id: str | None = None
    consent_needed: ConsentNeeded | None = None

    @property
    def exit_code(self) -> int:
        """For scripts: 0 allowed (either way), 3 needs consent, 4 legal review."""
        return {Outcome.NEEDS_CONSENT: 3, Outcome.LEGAL_REVIEW: 4}.get(self.outcome, 0)

    def plain(self, whose: str = "") -> str:
        """The decision for a person to read; `whose` names the person the record is about."""
        head = {
            Outcome.ALLOWED: "Allowed.",
            Outcome.ALLOWED_BY_CONSENT: f"Allowed by consent {self.consent_id}.",
            Outcome.NEEDS_CONSENT: "Needs consent.",
            Outcome.LEGAL_REVIEW: "Legal review: send it to the Office of Legal Affairs or "
                                  "an Assistant Attorney General before disclosing anything.",
        }[self.outcome]
        text = f"{head}\n{self.why}\nBasis ({self.basis.source}): \"{self.basis.text}\""
        if self.consent_needed is not None:
            text += f"\nA consent would have to be {self.consent_needed.plain(whose)}."
        return text


# A relationship to the client -> the recipient it makes, and the kinds of person it fits.
_BY_RELATIONSHIP: dict[Relationship, tuple[Recipient, frozenset[PersonKind]]] = {
    Relationship.PARENT_OF: (Recipient.PARENT_OR_GUARDIAN, frozenset({PersonKind.PARENT})),
    Relationship.LEGAL_GUARDIAN_OF: (Recipient.PARENT_OR_GUARDIAN,
                                     frozenset({PersonKind.LEGAL_GUARDIAN})),
    Relationship.ATTORNEY_FOR: (Recipient.ATTORNEY_OR_REPRESENTATIVE,
                                frozenset({PersonKind.ATTORNEY})),
    Relationship.AUTHORIZED_REPRESENTATIVE_OF: (
        Recipient.ATTORNEY_OR_REPRESENTATIVE,
        frozenset({PersonKind.AUTHORIZED_REPRESENTATIVE, PersonKind.ATTORNEY})),
}


def recipient_category(recipient: Person, client: Person) -> Recipient:
    """What a person of the case is, as a recipient of `client`'s record: their recorded
    relationship to the client decides it, never their kind alone (a parent of another child,
    or an attorney for someone else, is a third party). A relative is a third party, and so,
    in doubt, is someone whose kind contradicts their relationship."""
    if recipient.id == client.id:
        return Recipient.CLIENT
    if recipient.case_id != client.case_id or recipient.relationship_to != client.id \
            or recipient.relationship is None:
        return Recipient.OTHER_THIRD_PARTY
    category, kinds = _BY_RELATIONSHIP.get(recipient.relationship,
                                           (Recipient.OTHER_THIRD_PARTY, frozenset()))
    return category if recipient.kind in kinds else Recipient.OTHER_THIRD_PARTY


def decide(request: Request, consents: Iterable[ConsentOnFile] = ()) -> Decision:
    """The policy's answer to `request`, given the consents on file for the case."""
    r = request
    if r.information is Information.LEGAL_ADVICE:
        return Decision(Outcome.LEGAL_REVIEW, LINES["legal_advice"],
                        "Privileged legal advice is never disclosed by a worker; no consent "
                        "changes that.")
    if not r.case_open or r.sealed:
        state = "sealed" if r.sealed else "closed"
        return Decision(Outcome.LEGAL_REVIEW, LINES["closed_or_sealed"],
                        f"The case is {state}: nothing is disclosed from it without legal "
                        "review, with or without consent.")
    if r.information is Information.HEALTH_INFORMATION:
        return _health(r, consents)
    line = _OPEN_CASE_LIST.get(r.recipient)
    if line is not None:
        return Decision(Outcome.ALLOWED, LINES[line],
                        "The case is open and the recipient is on the without-consent list.")
    consent = current_consent(r, consents)
    if consent is not None:
        return _by_consent(consent)
    if r.recipient is Recipient.THIRD_PARTY_WITH_RELEASE:
        return _needs_consent(r, LINES["open.third_party_with_release"],
                              "No signed, current release on file covers this information "
                              "and names this recipient.")
    return Decision(Outcome.LEGAL_REVIEW, LINES["everything_else"],
                    "The recipient is not on the without-consent list and no current "
                    "consent names them for this information.")


def _health(r: Request, consents: Iterable[ConsentOnFile]) -> Decision:
    if r.recipient is Recipient.CLIENT:
        return Decision(Outcome.ALLOWED, LINES["phi.individual"],
                        "Health information to the person it is about.")
    purpose = r.health_purpose
    if purpose in PHI_WITHOUT_CONSENT:
        if (purpose is HealthPurpose.NOTIFY_FAMILY_OF_LOCATION_AND_CONDITION
                and r.recipient is not Recipient.PARENT_OR_GUARDIAN):
            return Decision(Outcome.LEGAL_REVIEW, LINES["everything_else"],
                            "Notifying of a person's location and condition goes to a family "
                            "member or guardian; this recipient is neither.")
        return Decision(Outcome.ALLOWED, LINES["phi.without_consent"],
                        f"Health information for {_words(purpose)} needs no consent.")
    consent = current_consent(r, consents)
    if consent is not None:
        return _by_consent(consent)
    if purpose in PHI_PERMITTED_WITH_CONSENT or (
            r.recipient is Recipient.THIRD_PARTY_WITH_RELEASE):
        why = (f"{_words(purpose).capitalize()} is a permitted use, but not one the policy "
               "allows without consent." if purpose is not None else
               "No signed, current release on file covers health information for this "
               "recipient.")
        return _needs_consent(r, LINES["phi.permitted_use" if purpose else
                                       "open.third_party_with_release"], why)
    return Decision(Outcome.LEGAL_REVIEW, LINES["everything_else"],
                    "Health information with no purpose the policy names, and no current "
                    "consent: in doubt, legal consultation.")


def current_consent(r: Request, consents: Iterable[ConsentOnFile]) -> ConsentOnFile | None:
    """The first consent on file that counts for `r`, or None."""
    return next((c for c in consents if counts(c, r)), None)


def counts(consent: ConsentOnFile, r: Request) -> bool:
    """A consent counts when given (not requested, refused or expired), by the person, their
    attorney or authorized representative, for this person's information, naming this
    information and this recipient, valid on the date, and not revoked by then: a revocation
    stops every disclosure from its day on (that day included), while one made before it
    stays covered — so a disclosure logged before a revocation is still judged allowed."""
    day = r.on[:10]
    revoked = consent.revoked_at
    return (
        (str(consent.state) == "given" or (str(consent.state) == "revoked" and bool(revoked)))
        and (revoked is None or day < revoked[:10])
        and str(consent.given_by) in _GIVERS
        and bool(consent.person_id) and consent.person_id == r.person_id
        and r.information.value in {str(i) for i in consent.information}
        and _same_name(r.recipient_name, consent.recipients)
        and consent.valid_from[:10] <= day <= consent.valid_until[:10]
    )


_GIVERS = frozenset(g.value for g in ConsentGiver)
_GIVER_WORDS = {ConsentGiver.PERSON: "the person themselves",
                ConsentGiver.ATTORNEY: "their attorney",
                ConsentGiver.AUTHORIZED_REPRESENTATIVE: "their authorized representative"}


def _same_name(name: str, named: Iterable[str]) -> bool:
    wanted = _fold(name)
    return bool(wanted) and any(_fold(n) == wanted for n in named)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _by_consent(consent: ConsentOnFile) -> Decision:
    return Decision(Outcome.ALLOWED_BY_CONSENT, LINES["consent"],
                    f"Consent {consent.id} is given, current, covers this information and "
                    "names this recipient.", consent_id=consent.id)


def _needs_consent(r: Request, line: PolicyLine, why: str) -> Decision:
    return Decision(Outcome.NEEDS_CONSENT, line, why, consent_needed=ConsentNeeded(
        r.person_id, r.information, r.recipient_name, r.on[:10]))


def _words(value: StrEnum | None) -> str:
    return "" if value is None else value.value.replace("_", " ")
