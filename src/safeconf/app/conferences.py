"""Conference use cases: list and find conferences, check attendees in, record
acknowledgments, write notes behind the acknowledgment gate, conclude and finalize.

Every rule is enforced here, not only by disabled widgets: a note cannot be saved while the
gate is closed, and nothing in a finalized conference changes except by addendum.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from safeconf.app.disclosures import DisclosureService
from safeconf.app.session import VaultSession
from safeconf.domain.ack_proof import AckVerdict, judge, shipped_statement_sha256
from safeconf.domain.acknowledgment_rules import acknowledgment_problem, problem_message
from safeconf.domain.change_rules import NOT_FINALIZED, Refusal, RuleBroken
from safeconf.domain.conference_states import check_transition, is_read_only
from safeconf.domain.errors import (
    AlreadyAcknowledged,
    GateClosed,
    InvalidRecord,
    NotTheirAcknowledgment,
    ReadOnlyRecord,
)
from safeconf.domain.gate import GateDecision, acknowledges, evaluate_gate
from safeconf.domain.ids import parse_utc, utc_now
from safeconf.domain.records import (
    AckMethod,
    Acknowledgment,
    AgeBand,
    Attendee,
    Case,
    Conference,
    ConferenceState,
    ConferenceType,
    Disclosure,
    InterviewPermission,
    Language,
    Note,
    NoteRevision,
    NoteSection,
    PermissionGiver,
    PermissionMethod,
    Presence,
    Role,
)
from safeconf.domain.statements import Statement, current_statements
from safeconf.vault.vault import Vault

S = ConferenceState
NOBODY_PRESENT = "Check in at least one attendee before notes can be written."


class NoInterviewPermission(InvalidRecord):
    """A note was marked as an interview of a child with no permission on file for it."""


class Group(StrEnum):
    TODAY = "today"
    UPCOMING = "upcoming"
    RECENT = "recent"


@dataclass(frozen=True)
class ConferenceRow:
    """What the conference list shows of one conference."""

    conference_id: str
    case_id: str
    case_number: str
    family_name: str
    kind: ConferenceType
    state: ConferenceState
    start: datetime  # aware, UTC


@dataclass(frozen=True)
class SearchResult:
    record_type: str
    record_id: str
    case_id: str
    conference_id: str
    case_number: str
    family_name: str
    snippet: str


@dataclass(frozen=True)
class Summary:
    present: list[Attendee]
    absent: list[Attendee]
    excused: list[Attendee]
    excluded: list[Attendee]
    expected: list[Attendee]
    left: list[Attendee]
    acknowledgments: dict[str, Acknowledgment]  # latest per attendee id
    decisions: str
    gate: GateDecision


def group_rows(
    rows: list[ConferenceRow], today: date, to_local: Callable[[datetime], datetime]
) -> dict[Group, list[ConferenceRow]]:
    """Today (by the user's local date), Upcoming (soonest first), Recent (latest first)."""
    groups: dict[Group, list[ConferenceRow]] = {g: [] for g in Group}
    for row in rows:
        day = to_local(row.start).date()
        if day == today:
            groups[Group.TODAY].append(row)
        elif day > today:
            groups[Group.UPCOMING].append(row)
        else:
            groups[Group.RECENT].append(row)
    groups[Group.TODAY].sort(key=lambda r: r.start)
    groups[Group.UPCOMING].sort(key=lambda r: r.start)
    groups[Group.RECENT].sort(key=lambda r: r.start, reverse=True)
    return groups


def sort_group(group: Group, rows: list[ConferenceRow]) -> list[ConferenceRow]:
    """Today and Upcoming soonest first; Recent latest first."""
    return sorted(rows, key=lambda r: r.start, reverse=group is Group.RECENT)


def load_plan(
    day_start: datetime, day_end: datetime, first_days: int = 14, steps: int = 4
) -> list[tuple[Group, datetime | None, datetime | None]]:
    """Time windows to load the list in, nearest to today first: Upcoming forwards and
    Recent backwards, each window twice as long as the one before, the last one open-ended.
    Each window is one short piece of work, so a huge list never blocks the interface, and
    rows arrive in display order (Upcoming ascending, Recent descending)."""
    plan: list[tuple[Group, datetime | None, datetime | None]] = []
    ahead, behind = day_end, day_start
    for step in range(steps):
        span = timedelta(days=first_days * 2**step)
        last = step == steps - 1
        plan.append((Group.UPCOMING, ahead, None if last else ahead + span))
        plan.append((Group.RECENT, None if last else behind - span, behind))
        ahead, behind = ahead + span, behind - span
    return plan


def _iso(moment: datetime) -> str:
    # The same form the records use, so text order is time order.
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class ConferenceService:
    def __init__(
        self, session: VaultSession, statements: dict[Language, Statement] | None = None
    ) -> None:
        self._session = session
        self._statements = statements

    @property
    def _vault(self) -> Vault:
        return self._session.vault

    @property
    def session(self) -> VaultSession:
        """The vault session, for the services that work beside this one."""
        return self._session

    @property
    def user(self) -> str:
        return self._vault.user

    def statements(self) -> dict[Language, Statement]:
        if self._statements is None:
            self._statements = current_statements()
        return self._statements

    # -- cases and conferences ----------------------------------------------------

    def cases(self) -> list[Case]:
        return [c for c in self._vault.cases.all() if not c.sealed]

    def create_case(self, case_number: str, family_name: str) -> Case:
        return self._vault.cases.add(
            Case(case_number=case_number.strip(), family_name=family_name.strip(),
                 assigned_workers=(self.user,))
        )

    def create_conference(
        self,
        case_id: str,
        start: datetime,
        location: str = "",
        facilitator: str = "",
        kind: ConferenceType = ConferenceType.CHILD_SAFETY_CONFERENCE,
        language: Language = Language.ENGLISH,
        seed_attendees: bool = True,
    ) -> Conference:
        """A new conference; with `seed_attendees`, the people of the case's previous
        conference are expected again (the same family comes back), none of them present."""
        if start.tzinfo is None:
            raise InvalidRecord("The start time needs a time zone.")
        self._vault.cases.get(case_id)  # refuse a conference for a case that is not here
        previous = self.previous_conference(case_id, start) if seed_attendees else None
        with self._vault.transaction():
            conf = self._vault.conferences.add(
                Conference(
                    case_id=case_id,
                    kind=kind,
                    scheduled_start=start.astimezone(UTC).isoformat(timespec="microseconds"),
                    location=location.strip(),
                    facilitator=facilitator.strip() or self.user,
                    language=language,
                )
            )
            if previous is not None:
                for person in self._vault.attendees.for_conference(previous.id):
                    if person.deleted:
                        continue
                    self._vault.attendees.add(
                        Attendee(case_id=case_id, conference_id=conf.id, name=person.name,
                                 role=person.role, age_band=person.age_band,
                                 language=person.language, interpreter=person.interpreter,
                                 person_id=person.person_id)
                    )
        return conf

    def previous_conference(self, case_id: str, before: datetime) -> Conference | None:
        """The case's latest conference that started before `before`."""
        moment = _iso(before)
        earlier = [c for c in self._vault.conferences.for_case(case_id)
                   if isinstance(c, Conference) and not c.deleted
                   and c.scheduled_start < moment]
        return max(earlier, key=lambda c: c.scheduled_start, default=None)

    def is_conference_day(self, conference_id: str) -> bool:
        """Whether the conference is scheduled for today, in the user's own time zone."""
        start = parse_utc(self._vault.conferences.get(conference_id).scheduled_start)
        return start.astimezone().date() == datetime.now().astimezone().date()

    def update_details(
        self,
        conference_id: str,
        start: datetime,
        location: str,
        facilitator: str,
        kind: ConferenceType,
        language: Language,
    ) -> Conference:
        """Change what describes a conference (not its state); refused once finalized."""
        if start.tzinfo is None:
            raise InvalidRecord("The start time needs a time zone.")
        conf = self._writable(conference_id)
        changed = replace(
            conf,
            scheduled_start=_iso(start),
            location=location.strip(),
            facilitator=facilitator.strip() or self.user,
            kind=kind,
            language=language,
        )
        if changed == conf:
            return conf
        return self._vault.conferences.update(changed)

    def conference_rows(
        self, start: datetime | None = None, end: datetime | None = None
    ) -> list[ConferenceRow]:
        """Conferences scheduled in [start, end) (all when both are None) with their case;
        sealed cases are never listed."""
        low = "" if start is None else _iso(start)
        high = "\uffff" if end is None else _iso(end)
        return [
            ConferenceRow(
                row.conference_id, row.case_id, row.case_number, row.family_name, row.kind,
                row.state, parse_utc(row.scheduled_start),
            )
            for row in self._vault.conferences.listing(low, high)
        ]

    def conference(self, conference_id: str) -> Conference:
        return self._vault.conferences.get(conference_id)

    def open_case(self, case_id: str) -> Case:
        """The case, read for a person to look at (the view is audited: call once per
        opening, not on every repaint)."""
        return self._vault.open_case(case_id)

    def case(self, case_id: str) -> Case:
        """The case, re-read for display after `open_case` (not audited again)."""
        return self._vault.cases.get(case_id)

    def record_printed(self, conference_id: str, document_text: str) -> Disclosure:
        """The roster is about to print (paper leaves the vault): log it as a disclosure to
        agency staff, with the SHA-256 of the roster's text, and audit the export. Raises
        `DisclosureNotAllowed` (nothing logged) where the policy says legal review, as it
        does for a closed or sealed case."""
        conf = self._vault.conferences.get(conference_id)
        with self._vault.transaction():
            made = DisclosureService(self._session).log_roster_print(conf.id, document_text)
            self._vault.record_export("conference", conf.id, conf.case_id)
        return made

    def search(self, text: str) -> list[SearchResult]:
        hits = self._vault.search(text)
        cases: dict[str, Case] = {}
        results = []
        for hit in hits:
            case = cases.get(hit.case_id)
            if case is None:
                case = cases[hit.case_id] = self._vault.cases.get(hit.case_id)
            results.append(
                SearchResult(hit.record_type, hit.record_id, hit.case_id, hit.conference_id,
                             case.case_number, case.family_name, hit.snippet)
            )
        return results

    def first_conference_of_case(self, case_id: str) -> Conference | None:
        found = [c for c in self._vault.conferences.for_case(case_id)
                 if isinstance(c, Conference)]
        return found[-1] if found else None

    # -- attendees ------------------------------------------------------------------

    def attendees(self, conference_id: str) -> list[Attendee]:
        return self._vault.attendees.for_conference(conference_id)

    def add_attendee(
        self,
        conference_id: str,
        name: str,
        role: Role,
        age_band: AgeBand | None = None,
        language: Language = Language.ENGLISH,
        interpreter: str = "",
        present: bool = False,
    ) -> Attendee:
        """Add someone to the conference; `present` checks them in at once (someone added
        in the room on the day is there)."""
        conf = self._writable(conference_id)
        with self._vault.transaction():
            added = self._vault.attendees.add(
                Attendee(case_id=conf.case_id, conference_id=conf.id, name=name.strip(),
                         role=role, age_band=age_band, language=language,
                         interpreter=interpreter.strip())
            )
            if present:
                added = self.set_presence(added.id, Presence.PRESENT)
        return added

    def update_attendee(self, attendee_id: str, **changes: object) -> Attendee:
        current = self._vault.attendees.get(attendee_id)
        self._writable(current.conference_id)
        return self._vault.attendees.update(replace(current, **changes))  # type: ignore[arg-type]

    def set_presence(self, attendee_id: str, presence: Presence) -> Attendee:
        """Mark someone present/absent/excused/left; the first arrival and a leaving are
        timed, and the conference moves to checking in."""
        current = self._vault.attendees.get(attendee_id)
        conf = self._writable(current.conference_id)
        arrived = current.arrived_at
        if presence is Presence.PRESENT and arrived is None:
            arrived = utc_now()
        if presence is Presence.LEFT and not current.was_in_the_room:
            raise InvalidRecord(f"{current.name} was never checked in, so cannot have left.")
        left = (current.left_at or utc_now()) if presence is Presence.LEFT else None
        with self._vault.transaction():
            updated = self._vault.attendees.update(
                replace(current, presence=presence, arrived_at=arrived, left_at=left)
            )
            if conf.state is S.SCHEDULED and presence is Presence.PRESENT:
                self._move(conf, S.CHECKING_IN)
        return updated

    def remove_attendee(self, attendee_id: str) -> Attendee:
        """Take someone off the roster. Whoever was in the room (checked in, or with an
        acknowledgment on file) stays in the record as having left, at this time; only
        someone merely expected is removed outright. Returns the stored attendee."""
        current = self._vault.attendees.get(attendee_id)
        self._writable(current.conference_id)
        acknowledged = any(a.attendee_id == current.id for a in
                           self._vault.acknowledgments.for_conference(current.conference_id))
        if current.presence is Presence.EXCLUDED:
            raise InvalidRecord(f"{current.name} was excluded from the meeting and stays in "
                                "the record as excluded.")
        if current.presence is Presence.LEFT:
            return current
        if current.was_in_the_room or acknowledged:
            return self._vault.attendees.update(
                replace(current, presence=Presence.LEFT, left_at=utc_now()))
        return self._vault.attendees.update(replace(current, deleted=True))

    # -- acknowledgments and the gate ---------------------------------------------

    def statement_for(self, attendee: Attendee) -> Statement:
        return self.statements()[attendee.language]

    def acknowledge(
        self,
        attendee_id: str,
        method: AckMethod,
        statement: Statement,
        typed_name: str = "",
        witness: str = "",
        signature_png: bytes | None = None,
    ) -> Acknowledgment:
        """Record the attendee's acknowledgment of exactly `statement` (the text shown).
        A refusal is recorded too, and excludes the attendee from the meeting. Refused:
        anything more from someone whose latest acknowledgment already covers `statement`,
        a typed name that is not the attendee's, a witness who is the facilitator or the
        attendee."""
        attendee = self._vault.attendees.get(attendee_id)
        conf = self._writable(attendee.conference_id)
        latest = self.acknowledgments(attendee.conference_id).get(attendee.id)
        if latest is not None and not latest.refused and acknowledges(latest, statement):
            raise AlreadyAcknowledged(
                f"{attendee.name} has already acknowledged this statement; nothing was "
                "recorded again."
            )
        ack = Acknowledgment(
            case_id=attendee.case_id,
            conference_id=attendee.conference_id,
            attendee_id=attendee.id,
            attendee_name=attendee.name,
            statement_id=statement.id,
            statement_version=statement.version,
            statement_sha256=statement.sha256,
            language=statement.language,
            method=method,
            typed_name=typed_name.strip(),
            attested_by=self.user if method is AckMethod.VERBAL else "",
            witness=witness.strip(),
            signature_png=signature_png if method is AckMethod.DRAWN_SIGNATURE else None,
        )
        problem = acknowledgment_problem(ack, attendee, conf.facilitator)
        if problem is not None:
            raise NotTheirAcknowledgment(problem, problem_message(problem, attendee.name))
        with self._vault.transaction():
            stored = self._vault.acknowledgments.add(ack)
            if method is AckMethod.REFUSED:
                self._vault.attendees.update(replace(attendee, presence=Presence.EXCLUDED))
        return stored

    def acknowledgments(self, conference_id: str) -> dict[str, Acknowledgment]:
        """The latest acknowledgment of each attendee (the one the gate counts)."""
        latest: dict[str, Acknowledgment] = {}
        for ack in self._vault.acknowledgments.for_conference(conference_id):
            seen = latest.get(ack.attendee_id)
            if seen is None or ack.signed_at >= seen.signed_at:
                latest[ack.attendee_id] = ack
        return latest

    def proofs(self, conference_id: str) -> dict[str, AckVerdict]:
        """Whether each attendee's latest acknowledgment is proven (signature, HQ's
        certificate of the key, the counter-signed list), by attendee id. Certificates are
        checked against the CA pinned at enrollment; before enrollment only this laptop's
        own signatures can be told apart, as not yet certified."""
        credentials = self._vault.sync.credentials()
        key = self._vault.signing_key
        certified = key.certifications(credentials.ca_pem) if credentials else []
        own = key.fingerprint
        return {attendee_id: judge(ack, certified, shipped_statement_sha256(ack), own)
                for attendee_id, ack in self.acknowledgments(conference_id).items()}

    def gate(self, conference_id: str) -> GateDecision:
        return evaluate_gate(
            self._vault.attendees.for_conference(conference_id),
            self._vault.acknowledgments.for_conference(conference_id),
            self.statements(),
        )

    # -- notes ------------------------------------------------------------------------

    def notes(self, conference_id: str) -> dict[NoteSection, Note]:
        return {n.section: n for n in self._vault.notes.for_conference(conference_id)
                if not n.is_addendum}

    def addenda(self, conference_id: str) -> list[Note]:
        return [n for n in self._vault.notes.for_conference(conference_id) if n.is_addendum]

    def save_note(self, conference_id: str, section: NoteSection, body: str) -> Note:
        """Save a section's text (a new revision per change). Refused while the gate is
        closed or once the conference is finalized."""
        conf = self._writable(conference_id)
        self._require_gate(conference_id)
        existing = self.notes(conference_id).get(section)
        with self._vault.transaction():
            if existing is None:
                note = self._vault.notes.add(
                    Note(case_id=conf.case_id, conference_id=conf.id, section=section,
                         body=body, author=self.user)
                )
            else:
                note = self._vault.notes.save_body(existing, body, self.user)
            if conf.state in (S.SCHEDULED, S.CHECKING_IN):
                self._advance_to_session(conf)
        return note

    def _require_gate(self, conference_id: str) -> None:
        decision = self.gate(conference_id)
        if decision.nobody_present:
            raise GateClosed(NOBODY_PRESENT)
        if not decision.open:
            raise GateClosed(
                "Notes cannot be written until everyone present has acknowledged "
                "confidentiality. Waiting for: " + ", ".join(decision.names())
            )

    def _section_note(self, conf: Conference, section: NoteSection) -> Note:
        """The section's note, created empty if it has no text yet."""
        existing = self.notes(conf.id).get(section)
        if existing is not None:
            return existing
        return self._vault.notes.add(Note(case_id=conf.case_id, conference_id=conf.id,
                                          section=section, author=self.user))

    def set_health_information(self, conference_id: str, section: NoteSection,
                               flagged: bool) -> Note:
        """Mark (or unmark) a section as holding protected health information, for the
        rules on disclosing it."""
        conf = self._writable(conference_id)
        self._require_gate(conference_id)
        with self._vault.transaction():
            note = self._section_note(conf, section)
            if note.health_information is flagged:
                return note
            return self._vault.notes.update(replace(note, health_information=flagged))

    # -- interviews of a child ---------------------------------------------------------

    def record_interview_permission(
        self,
        attendee_id: str,
        given_by: PermissionGiver,
        giver_name: str,
        scope: str,
        given_on: date,
        obtained: PermissionMethod,
    ) -> InterviewPermission:
        """Put on file a permission to interview a youth attendee of a conference."""
        youth = self._vault.attendees.get(attendee_id)
        self._writable(youth.conference_id)
        if youth.role is not Role.YOUTH:
            raise InvalidRecord(f"{youth.name} is not a youth attendee.")
        if not giver_name.strip():
            raise InvalidRecord("Name the person who gave the permission.")
        if not scope.strip():
            raise InvalidRecord("Say what the permission covers.")
        return self._vault.interview_permissions.add(InterviewPermission(
            case_id=youth.case_id, conference_id=youth.conference_id, attendee_id=youth.id,
            given_by=given_by, giver_name=giver_name.strip(), scope=scope.strip(),
            given_on=given_on.isoformat(), obtained=obtained))

    def interview_permissions(self, conference_id: str) -> list[InterviewPermission]:
        return self._vault.interview_permissions.for_conference(conference_id)

    def permission_for(self, attendee_id: str) -> InterviewPermission | None:
        """The latest permission on file to interview this youth, if any."""
        youth = self._vault.attendees.get(attendee_id)
        found = [p for p in self.interview_permissions(youth.conference_id)
                 if p.attendee_id == youth.id and p.case_id == youth.case_id]
        return found[-1] if found else None

    def mark_interview(self, conference_id: str, section: NoteSection,
                       youth_id: str | None) -> Note:
        """Mark a section as an interview of a child (None: not an interview). Refused, and
        nothing stored, while no permission for that youth is on file."""
        conf = self._writable(conference_id)
        self._require_gate(conference_id)
        permission = None
        if youth_id is not None:
            youth = self._vault.attendees.get(youth_id)
            permission = self.permission_for(youth.id)
            if permission is None or youth.conference_id != conf.id:
                raise NoInterviewPermission(
                    f"No permission to interview {youth.name} is on file. Record who gave it "
                    "before marking this section as an interview.")
        with self._vault.transaction():
            note = self._section_note(conf, section)
            changed = replace(note, interviewed_youth_id=youth_id,
                              interview_permission_id=None if permission is None
                              else permission.id)
            return note if changed == note else self._vault.notes.update(changed)

    def revisions(self, note_id: str) -> list[NoteRevision]:
        return self._vault.notes.revisions(note_id)

    def add_addendum(self, conference_id: str, body: str) -> Note:
        """A dated correction to a finalized conference; the finalized notes stay as they are."""
        conf = self._vault.conferences.get(conference_id)
        if conf.state is not S.FINALIZED:
            raise RuleBroken(Refusal(NOT_FINALIZED, "An addendum is added only to a finalized "
                                                    "conference; until then, correct the notes "
                                                    "themselves."))
        if not body.strip():
            raise InvalidRecord("The addendum is empty.")
        return self._vault.notes.add(
            Note(case_id=conf.case_id, conference_id=conf.id, section=NoteSection.GENERAL,
                 body=body, author=self.user, is_addendum=True)
        )

    # -- concluding ---------------------------------------------------------------------

    def summary(self, conference_id: str) -> Summary:
        people = self.attendees(conference_id)
        by = {p: [a for a in people if a.presence is p] for p in Presence}
        decisions = self.notes(conference_id).get(NoteSection.DECISIONS)
        return Summary(
            present=by[Presence.PRESENT], absent=by[Presence.ABSENT],
            excused=by[Presence.EXCUSED], excluded=by[Presence.EXCLUDED],
            expected=by[Presence.EXPECTED], left=by[Presence.LEFT],
            acknowledgments=self.acknowledgments(conference_id),
            decisions=decisions.body if decisions else "",
            gate=self.gate(conference_id),
        )

    def conclude(self, conference_id: str) -> Conference:
        conf = self._writable(conference_id)
        if conf.state in (S.SCHEDULED, S.CHECKING_IN):
            conf = self._advance_to_session(conf)
        if conf.state is S.IN_SESSION:
            conf = self._move(conf, S.CONCLUDED)
        return conf

    def reopen(self, conference_id: str) -> Conference:
        return self._move(self._vault.conferences.get(conference_id), S.IN_SESSION)

    def finalize(self, conference_id: str) -> Conference:
        """Conclude if needed and finalize: from now on the conference is read-only."""
        with self._vault.transaction():
            conf = self.conclude(conference_id)
            return self._move(conf, S.FINALIZED)

    # -- helpers ------------------------------------------------------------------------

    def _writable(self, conference_id: str) -> Conference:
        conf = self._vault.conferences.get(conference_id)
        if is_read_only(conf.state):
            raise ReadOnlyRecord(
                "This conference is finalized and can no longer change. "
                "Add a dated addendum instead."
            )
        return conf

    def _advance_to_session(self, conf: Conference) -> Conference:
        if conf.state is S.SCHEDULED:
            conf = self._move(conf, S.CHECKING_IN)
        if conf.state is S.CHECKING_IN:
            conf = self._move(conf, S.IN_SESSION)
        return conf

    def _move(self, conf: Conference, target: ConferenceState) -> Conference:
        check_transition(conf.state, target)
        return self._vault.conferences.update(replace(conf, state=target))

