"""The records of a Child Safety Conference and of the confidentiality policy (DESIGN §2, §5).

Every record carries the same bookkeeping fields (`RecordMeta`), so storage and sync can
treat them alike. Records are frozen: a change is a new value made with `dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from safeconf.domain import revisions
from safeconf.domain.disclosure_terms import Extent, HealthPurpose, Information, Mode, Recipient
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.ids import new_id, utc_now
from safeconf.domain.limits import MAX_NAME_CHARS, MAX_NOTE_CHARS


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ConferenceType(StrEnum):
    CHILD_SAFETY_CONFERENCE = "child_safety_conference"
    TEAM_DECISION_MEETING = "team_decision_meeting"
    CHILD_AND_FAMILY_TEAM = "child_and_family_team"


class ConferenceState(StrEnum):
    SCHEDULED = "scheduled"
    CHECKING_IN = "checking_in"
    IN_SESSION = "in_session"
    CONCLUDED = "concluded"
    FINALIZED = "finalized"


class Role(StrEnum):
    PARENT = "parent"
    LEGAL_GUARDIAN = "legal_guardian"
    YOUTH = "youth"
    RELATIVE = "relative"
    CAREGIVER = "caregiver"
    CASEWORKER = "caseworker"
    FACILITATOR = "facilitator"
    SUPERVISOR = "supervisor"
    ATTORNEY = "attorney"
    SERVICE_PROVIDER = "service_provider"
    INTERPRETER = "interpreter"
    OTHER = "other"


class AgeBand(StrEnum):
    """Age bands for minors; adults have none."""

    UNDER_6 = "0-5"
    AGE_6_TO_11 = "6-11"
    AGE_12_TO_14 = "12-14"
    AGE_15_TO_17 = "15-17"


class Presence(StrEnum):
    EXPECTED = "expected"
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"
    EXCLUDED = "excluded"  # refused the acknowledgment, or asked to leave
    LEFT = "left"  # was in the room and went before the end (`left_at`)


class Language(StrEnum):
    ENGLISH = "en"
    SPANISH = "es"


class AckMethod(StrEnum):
    DRAWN_SIGNATURE = "drawn_signature"
    TYPED_NAME = "typed_name"
    VERBAL = "verbal"  # attested by the facilitator, with a named witness
    REFUSED = "refused"


class NoteSection(StrEnum):
    CONCERNS = "concerns"
    STRENGTHS = "strengths"
    SAFETY_PLAN = "safety_plan"
    DECISIONS = "decisions"
    NEXT_STEPS = "next_steps"
    GENERAL = "general"


class PermissionGiver(StrEnum):
    """Who allowed a child to be interviewed."""

    PARENT = "parent"
    LEGAL_GUARDIAN = "legal_guardian"
    COURT_ORDER = "court_order"
    YOUTH = "youth"  # the youth themselves, where the law allows it


class PermissionMethod(StrEnum):
    """How the permission was obtained."""

    IN_PERSON = "in_person"
    IN_WRITING = "in_writing"
    BY_PHONE = "by_phone"
    COURT_ORDER_DOCUMENT = "court_order_document"


class LegalRequestKind(StrEnum):
    SUBPOENA = "subpoena"
    RECORDS_REQUEST = "records_request"
    HEALTH_INFO_REQUEST = "health_info_request"  # between departments: names its PHI basis
    SEAL_REQUEST = "seal_request"
    RELEASE_REQUEST = "release_request"


class RequesterBody(StrEnum):
    """What kind of body a legal request comes from."""

    COURT = "court"
    AGENCY = "agency"  # another department or a public agency
    ATTORNEY = "attorney"
    LAW_ENFORCEMENT = "law_enforcement"
    PERSON = "person"  # a client, a parent, a member of the public


class LoggedWhere(StrEnum):
    LAPTOP = "laptop"
    HQ = "hq"


class LegalAction(StrEnum):
    """What legal does with a legal request (`domain.legal_request_states`)."""

    ACKNOWLEDGE = "acknowledge"
    EXTEND = "extend"
    DENY = "deny"
    RELEASE = "release"
    SEAL = "seal"
    CLOSE = "close"
    REOPEN = "reopen"


@dataclass(frozen=True, kw_only=True)
class RecordMeta:
    """Bookkeeping shared by every record (DESIGN §2)."""

    id: str = field(default_factory=new_id)
    case_id: str = ""
    created_at: str = field(default_factory=utc_now)
    updated_at: str = field(default_factory=utc_now)
    origin_device: str = ""
    version: int = 1
    deleted: bool = False


@dataclass(frozen=True, kw_only=True)
class Case(RecordMeta):
    case_number: str
    family_name: str
    assigned_workers: tuple[str, ...] = ()
    status: CaseStatus = CaseStatus.OPEN
    sealed: bool = False

    def __post_init__(self) -> None:
        _require_text("case number", self.case_number, MAX_NAME_CHARS)
        _require_text("family name", self.family_name, MAX_NAME_CHARS)
        if not self.case_id:
            object.__setattr__(self, "case_id", self.id)


@dataclass(frozen=True, kw_only=True)
class Conference(RecordMeta):
    kind: ConferenceType = ConferenceType.CHILD_SAFETY_CONFERENCE
    scheduled_start: str
    location: str = ""
    facilitator: str = ""
    language: Language = Language.ENGLISH
    state: ConferenceState = ConferenceState.SCHEDULED

    def __post_init__(self) -> None:
        _require_text("case", self.case_id, MAX_NAME_CHARS)


@dataclass(frozen=True, kw_only=True)
class Attendee(RecordMeta):
    conference_id: str
    name: str
    role: Role
    age_band: AgeBand | None = None
    presence: Presence = Presence.EXPECTED
    arrived_at: str | None = None
    language: Language = Language.ENGLISH
    interpreter: str = ""
    left_at: str | None = None  # set while `presence` is LEFT
    person_id: str | None = None  # the Person on the case this attendee is, when known

    def __post_init__(self) -> None:
        _require_text("attendee name", self.name, MAX_NAME_CHARS)

    @property
    def was_in_the_room(self) -> bool:
        return self.arrived_at is not None or self.presence in (
            Presence.PRESENT, Presence.EXCLUDED, Presence.LEFT)


@dataclass(frozen=True, kw_only=True)
class Acknowledgment(RecordMeta):
    conference_id: str
    attendee_id: str
    statement_id: str
    statement_version: int
    statement_sha256: str
    language: Language
    method: AckMethod
    signed_at: str = field(default_factory=utc_now)
    typed_name: str = ""
    attested_by: str = ""
    witness: str = ""
    signature_png: bytes | None = None
    # The proof (domain.ack_signature): the attendee's name as shown when signing, the
    # vault's Ed25519 public key (raw 32 bytes) and its signature over the signed fields.
    # Acknowledgments taken before signing existed have none of the three.
    attendee_name: str = ""
    signer_key: bytes | None = None
    signature: bytes | None = None

    def __post_init__(self) -> None:
        if self.method is AckMethod.DRAWN_SIGNATURE and not self.signature_png:
            raise InvalidRecord("A drawn signature needs the drawing.")
        if self.method is AckMethod.TYPED_NAME and not self.typed_name.strip():
            raise InvalidRecord("A typed acknowledgment needs the attendee's typed name.")
        if self.method is AckMethod.VERBAL and not (
            self.attested_by.strip() and self.witness.strip()
        ):
            raise InvalidRecord(
                "A verbal acknowledgment needs the facilitator who attests it and a named witness."
            )

    @property
    def refused(self) -> bool:
        return self.method is AckMethod.REFUSED


@dataclass(frozen=True, kw_only=True)
class Note(RecordMeta):
    """The current text of one section; every save also appends a `NoteRevision`."""

    conference_id: str
    section: NoteSection
    body: str = ""
    author: str = ""
    is_addendum: bool = False
    # An interview of a child: the youth (an attendee) and the permission relied on.
    interviewed_youth_id: str | None = None
    interview_permission_id: str | None = None
    health_information: bool = False  # holds protected health information

    def __post_init__(self) -> None:
        if len(self.body) > MAX_NOTE_CHARS:
            raise InvalidRecord(
                f"This note is too long ({len(self.body):,} characters; "
                f"the limit is {MAX_NOTE_CHARS:,}). Split it into sections or addenda."
            )


@dataclass(frozen=True, kw_only=True)
class InterviewPermission(RecordMeta):
    """Permission on file to interview a child (a youth attendee) of this conference."""

    conference_id: str
    attendee_id: str  # the youth
    given_by: PermissionGiver
    giver_name: str
    scope: str
    given_on: str  # the date it was given, YYYY-MM-DD
    obtained: PermissionMethod


@dataclass(frozen=True, kw_only=True)
class NoteRevision(RecordMeta):
    """One save of a note, kept for ever: a full copy of the text (`base_id` None, `body`
    the text) or a delta against the revision `base_id` names (domain.revisions). Revisions
    written before deltas existed are copies without a `sha256`."""

    note_id: str
    revision: int
    body: str = ""
    author: str = ""
    base_id: str | None = None
    delta: str = ""
    sha256: str = ""

    def __post_init__(self) -> None:
        revisions.check_form(self.base_id, self.body, self.delta, self.sha256)

    @property
    def is_copy(self) -> bool:
        return self.base_id is None


class DisclosureBasis(StrEnum):
    """On what footing a disclosure was made: a policy line that needs no consent, a consent
    on file, or legal's answer to a review request that released it."""

    POLICY = "policy"
    CONSENT = "consent"
    LEGAL_RELEASE = "legal_release"


@dataclass(frozen=True, kw_only=True)
class Disclosure(RecordMeta):
    """A disclosure made: what, how, to whom, on what basis, by whom and when. Logged before
    the disclosure is carried out, and never changed (DESIGN §5)."""

    information: Information
    what: str  # in plain words: "Conference summary, 3 Nov 2026"
    record_ids: tuple[str, ...] = ()  # the conferences or notes disclosed
    mode: Mode
    extent: Extent
    recipient: Recipient
    recipient_name: str
    recipient_person_id: str | None = None
    health_purpose: HealthPurpose | None = None
    basis: DisclosureBasis
    policy_line: str  # the key of the policy line (`disclosure_policy.LINES`)
    consent_id: str | None = None  # basis consent
    legal_review_id: str | None = None  # basis legal_release
    disclosed_by: str
    disclosed_at: str = field(default_factory=utc_now)
    document_sha256: str = ""  # a copy: the SHA-256 of the file that left
    redactions: int = 0  # how many passages the copy withheld


@dataclass(frozen=True, kw_only=True)
class LegalRequest(RecordMeta):
    """A subpoena, records request, health-information request, or a request to seal or to
    release records: who asks, from what body, what is asked, when it was received and its
    deadline in business days (`due_on` is `business_days.add_business_days(received_on,
    business_days)`, checked wherever the record lands). Logged on a laptop or at HQ and
    never changed; what legal does with it is `LegalRequestEvent`s."""

    kind: LegalRequestKind
    requester: str  # who asks: a name, a court clerk, a department
    requester_body: str  # the court or agency ("Family Court, Part 3")
    body_kind: RequesterBody
    asked: str  # what is asked, in the requester's terms
    received_on: str  # day
    business_days: int
    due_on: str  # day
    health_purpose: HealthPurpose | None = None  # exactly for a health_info_request
    logged_by: str
    logged_at: str = field(default_factory=utc_now)
    logged_where: LoggedWhere = LoggedWhere.LAPTOP


@dataclass(frozen=True, kw_only=True)
class LegalRequestDocument(RecordMeta):
    """A document of a legal request (the subpoena itself, a court order), kept inside the
    vault: a PDF, PNG, JPEG or TIFF like a consent's scanned form."""

    request_id: str
    file_name: str
    data: bytes
    sha256: str
    added_by: str
    added_at: str = field(default_factory=utc_now)


@dataclass(frozen=True, kw_only=True)
class LegalRequestEvent(RecordMeta):
    """One step legal takes on a legal request, at HQ only (a laptop's push of one is refused),
    pulled by the laptops of the case. `text` is the reason (deny, close), the note of an
    extension, or what was released and withheld; `new_due_on` is an extension's new due
    day; `released_sha256` the digest of a released document, when one left."""

    request_id: str
    action: LegalAction
    by: str
    at: str = field(default_factory=utc_now)
    text: str = ""
    new_due_on: str | None = None
    released_sha256: str = ""


@dataclass(frozen=True, kw_only=True)
class AuditEvent:
    """One link of the append-only, hash-chained audit log."""

    seq: int
    id: str
    at: str
    actor: str
    action: str
    record_type: str
    record_id: str
    case_id: str
    device: str
    prev_hash: str
    hash: str


def _require_text(what: str, value: str, limit: int) -> None:
    if not value or not value.strip():
        raise InvalidRecord(f"The {what} is empty.")
    if len(value) > limit:
        raise InvalidRecord(f"The {what} is too long (limit {limit} characters).")


# -- The HIPAA Notice of Privacy Practices and the staff confidentiality terms (DESIGN §5) --


class NoticeResponse(StrEnum):
    RECEIVED = "received"
    REFUSED = "refused"  # offered the Notice, would not take or acknowledge it


@dataclass(frozen=True, kw_only=True)
class NoticeReceipt(RecordMeta):
    """An adult client was given the Notice of Privacy Practices (the exact text, by its
    id, version and SHA-256) and acknowledged receiving it, or refused."""

    conference_id: str
    attendee_id: str
    statement_id: str
    statement_version: int
    statement_sha256: str
    language: Language
    response: NoticeResponse
    recorded_at: str = field(default_factory=utc_now)
    recorded_by: str = ""


@dataclass(frozen=True, kw_only=True)
class StaffAcknowledgment(RecordMeta):
    """The worker acknowledged the staff confidentiality terms. Belongs to no case
    (`case_id` is empty): HQ files it under the worker its certificate names."""

    acknowledged_by: str
    statement_id: str
    statement_version: int
    statement_sha256: str
    language: Language
    acknowledged_at: str = field(default_factory=utc_now)


# -- People on the case: who a record is about, and who may receive what (DESIGN §2, §5) --


class PersonKind(StrEnum):
    CLIENT = "client"
    PARENT = "parent"
    LEGAL_GUARDIAN = "legal_guardian"
    CHILD = "child"
    RELATIVE = "relative"
    AUTHORIZED_REPRESENTATIVE = "authorized_representative"
    ATTORNEY = "attorney"


class Relationship(StrEnum):
    """What this person is to the person `relationship_to` names."""

    PARENT_OF = "parent_of"
    LEGAL_GUARDIAN_OF = "legal_guardian_of"
    CHILD_OF = "child_of"
    RELATIVE_OF = "relative_of"
    ATTORNEY_FOR = "attorney_for"
    AUTHORIZED_REPRESENTATIVE_OF = "authorized_representative_of"


@dataclass(frozen=True, kw_only=True)
class Person(RecordMeta):
    """Someone named in the case record. The relationship to another person of the same case
    decides who may receive what (a parent or guardian of the client, their attorney...)."""

    name: str
    kind: PersonKind
    relationship_to: str | None = None  # another person's id, in this case
    relationship: Relationship | None = None

    def __post_init__(self) -> None:
        _require_text("person's name", self.name, MAX_NAME_CHARS)


# -- Consents to obtain or release records (DESIGN §5, issue #9) --------------------------


class ConsentForm(StrEnum):
    """Which of the agency's two release forms the consent is on."""

    OBTAIN = "obtain"  # the agency obtains records from another agency, person or provider
    RELEASE = "release"  # the agency releases its records to another agency, person or provider


class ConsentState(StrEnum):
    """What is stored. "Expired" is not among them: it follows from `valid_until` and the
    moment asked about (`domain.consent_lifecycle.status`), so no device has to write it."""

    REQUESTED = "requested"
    GIVEN = "given"
    REFUSED = "refused"
    REVOKED = "revoked"


class SignerCapacity(StrEnum):
    """In what capacity the person who answers a consent request signs."""

    SELF = "self"  # the person the information is about
    PARENT = "parent"  # a parent, for a child
    LEGAL_GUARDIAN = "legal_guardian"
    ATTORNEY = "attorney"
    AUTHORIZED_REPRESENTATIVE = "authorized_representative"


@dataclass(frozen=True, kw_only=True)
class Consent(RecordMeta):
    """Written consent, on the obtain or the release form, for named information to go to
    named recipients between two moments; its lifecycle is `domain.consent_lifecycle`.

    While requested its terms may still be corrected; once answered (given or refused) they
    never change: a different consent is a new record. A given consent carries its written
    evidence: a drawn signature (PNG) or a scan of the signed form (bytes, original file
    name and SHA-256)."""

    form: ConsentForm
    state: ConsentState = ConsentState.REQUESTED
    client_name: str  # whose information
    given_by_name: str  # who gives (or is asked for) it
    given_by_capacity: SignerCapacity = SignerCapacity.SELF
    person_id: str | None = None  # the Person record of the signer, once people are recorded
    information: tuple[str, ...]  # the information or records to obtain or release
    recipients: tuple[str, ...]  # who may receive it
    other_party_name: str = ""  # the agency, person or provider obtained from / released to
    other_party_address: str = ""
    purpose: str = ""
    valid_from: str
    valid_until: str
    statement_id: str  # the form text shown to the signer, by id, version and SHA-256
    statement_version: int
    statement_sha256: str
    language: Language = Language.ENGLISH
    requested_by: str = ""
    answered_at: str | None = None  # when it was given or refused
    signature_png: bytes | None = None
    scanned_form: bytes | None = None
    scanned_form_name: str = ""
    scanned_form_sha256: str = ""
    revoked_at: str | None = None  # the date of revocation: no disclosure from then on


# -- Legal review of a disclosure the policy does not allow by itself (issue #9) --------


class LegalAnswer(StrEnum):
    ADVICE = "advice"  # legal's advice; nothing is released by it
    RELEASE_WITH_REDACTIONS = "release_with_redactions"
    REFUSE = "refuse"


@dataclass(frozen=True, kw_only=True)
class LegalReview(RecordMeta):
    """A worker's question to the Office of Legal Affairs about a disclosure the policy sent
    to legal review: the disclosure as asked, the redactions proposed, and the question.
    Written on the laptop, queued offline, never changed; the answer is its own record."""

    information: Information
    what: str
    record_ids: tuple[str, ...] = ()
    mode: Mode
    extent: Extent
    recipient: Recipient
    recipient_name: str
    health_purpose: HealthPurpose | None = None
    policy_line: str  # why the policy sent it to legal
    question: str
    proposed_redactions: tuple[str, ...] = ()  # the passages the worker would withhold
    requested_by: str
    requested_at: str = field(default_factory=utc_now)


@dataclass(frozen=True, kw_only=True)
class LegalReviewAnswer(RecordMeta):
    """Legal's answer to a review request. Written at HQ only (a laptop's push of one is
    refused) and pulled by the laptops of the case."""

    review_id: str
    answer: LegalAnswer
    advice: str
    redactions: tuple[str, ...] = ()  # further passages to withhold, for a release
    answered_by: str
    answered_at: str = field(default_factory=utc_now)



# -- Losses and breaches of confidential information (issue #10) ----------------------------


class LossKind(StrEnum):
    DEVICE = "device"
    PAPER_NOTES = "paper_notes"
    USB_DRIVE = "usb_drive"
    MISDIRECTED_EMAIL = "misdirected_email"
    OTHER = "other"


@dataclass(frozen=True, kw_only=True)
class LossReport(RecordMeta):
    """Confidential information lost or stolen, reported by the worker at once. Belongs to
    no case (`case_id` is empty); the cases it may touch are named in `affected_case_ids`,
    or `affected_unknown` says the worker does not know which (exactly one of the two).
    Never changed: HQ's handling of it is a trail of events of its own."""

    lost: LossKind
    description: str = ""
    happened_at: str  # when, as near as the worker can say
    where: str = ""
    stolen: bool = False
    affected_case_ids: tuple[str, ...] = ()
    affected_unknown: bool = False
    device_id: str = ""  # the HQ device id of the lost device, when a device was lost
    reported_by: str
    reported_at: str = field(default_factory=utc_now)


@dataclass(frozen=True, kw_only=True)
class BreachReport(RecordMeta):
    """A breach of the confidentiality policy, for the legal director alone. Belongs to no
    case, never changed."""

    what: str
    happened_at: str
    who_may_have_received: str = ""
    affected_case_ids: tuple[str, ...] = ()
    affected_unknown: bool = False
    reported_by: str
    reported_at: str = field(default_factory=utc_now)
