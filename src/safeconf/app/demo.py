"""Fictional training data (`resources/demo/demo.json`) turned into records dated around today.

The file's schema is described in `resources/demo/README.md`. Ids are derived from the data
(UUIDv5), so loading it twice gives the same records; only the dates follow the calendar.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import struct
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from safeconf.domain import revisions as revision_forms
from safeconf.domain.disclosure_terms import Extent, Information, Mode, Recipient
from safeconf.domain.records import (
    AckMethod,
    Acknowledgment,
    AgeBand,
    Attendee,
    Case,
    CaseStatus,
    Conference,
    ConferenceState,
    ConferenceType,
    Consent,
    ConsentForm,
    ConsentState,
    Disclosure,
    DisclosureBasis,
    InterviewPermission,
    Language,
    LegalReview,
    Note,
    NoteRevision,
    NoteSection,
    PermissionGiver,
    PermissionMethod,
    Person,
    PersonKind,
    Presence,
    RecordMeta,
    Relationship,
    Role,
    SignerCapacity,
)
from safeconf.domain.statements import (
    CONFIDENTIALITY,
    CONSENT_OBTAIN,
    CONSENT_RELEASE,
    Statement,
    current_statements,
)
from safeconf.resource_files import resource

DEMO_FORMAT = 1
# Fixed, so the same demo record always gets the same id.
DEMO_NAMESPACE = uuid.UUID("8f0c6f4e-3b1a-5c7d-9e2f-4a6b8c0d1e2f")

# Conference lifecycle moments, relative to the scheduled start (DESIGN §2 states).
CHECK_IN_OPENS = timedelta(minutes=20)
FINALIZED_AFTER = timedelta(days=1)
INVITED_BEFORE = timedelta(days=10)
MIN_DISTINCTIVE_CHARS = 8
MARKER_CHARS = 32
# Markers stay in plain ASCII so a leak scan finds them however the text was encoded.
_MARKER_SAFE = re.compile(r"[A-Za-z0-9 ,.-]+")

E = TypeVar("E", bound=StrEnum)
CONSENT_FORMS = {ConsentForm.RELEASE: CONSENT_RELEASE, ConsentForm.OBTAIN: CONSENT_OBTAIN}


class DemoDataInvalid(ValueError):
    """The shipped demo data does not fit its schema (a packaging or editing mistake)."""


def demo_records(today: date | None = None, device: str = "demo-device") -> list[RecordMeta]:
    """Every demo record as it stands at the end, each after the records it refers to.

    Order: a case, its people, its consents, then for each of its conferences the conference,
    its attendees, their acknowledgments, and each note followed by its revisions; then the
    case's disclosures and its requests for legal review.
    """
    latest: dict[str, RecordMeta] = {}
    for record in demo_history(today, device):
        latest[record.id] = record  # a later version keeps the place of the first
    return list(latest.values())


def demo_history(today: date | None = None, device: str = "demo-device") -> list[RecordMeta]:
    """The demo records in the order they were written, as a laptop would have written
    them: a conference that ended is recorded in session, then concluded or finalized as a
    later version of the same record (the vault refuses a finalized room being filled)."""
    builder = _Builder(
        data=_load(),
        today=today or date.today(),
        device=device,
        statements=current_statements(CONFIDENTIALITY),
    )
    return list(builder.records())


def distinctive_strings() -> list[str]:
    """Strings from the demo data that should never be found in plaintext on disk.

    Case numbers, family names, attendee names, and for each note revision a stretch of its
    text (at least MARKER_CHARS characters, plain ASCII) that no other revision contains.
    """
    data = _load()
    workers = _workers(data)
    found: list[str] = []
    bodies: list[str] = []
    for case in data["cases"]:
        found += [case["case_number"], case["family_name"]]
        for conference in case.get("conferences", []):
            for attendee in conference.get("attendees", []):
                found.append(_attendee_name(attendee, workers, "attendee"))
            for note in conference.get("notes", []):
                bodies += [revision["body"] for revision in note.get("revisions", [])]
    found += [_marker(index, bodies) for index in range(len(bodies))]
    return [s for s in dict.fromkeys(found) if len(s) >= MIN_DISTINCTIVE_CHARS]


def signature_png(seed: str, width: int = 240, height: int = 80) -> bytes:
    """A small greyscale PNG of a pen squiggle, the same for the same seed (no Qt, no PIL)."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()

    def knob(i: int, low: float, high: float) -> float:
        return low + (high - low) * digest[i] / 255

    ink = bytearray(b"\xff" * (width * height))
    loops = knob(0, 5, 11)
    loop_size = knob(1, 4, 9)
    wave, wave_freq, wave_phase = knob(2, 8, 18), knob(3, 8, 20), knob(4, 0, math.tau)
    ripple, ripple_freq = knob(5, 2, 6), knob(6, 30, 60)
    slant = knob(7, -10, 10)
    steps = 4000
    for k in range(steps + 1):
        t = k / steps
        angle = t * loops * math.tau
        x = 14 + t * (width - 40) + loop_size * math.cos(angle)
        y = (
            height / 2
            + loop_size * 1.6 * math.sin(angle)
            + wave * math.sin(t * wave_freq + wave_phase)
            + ripple * math.sin(t * ripple_freq)
            + slant * (t - 0.5)
        )
        cx, cy = round(x), round(y)
        for dy in (0, 1):
            for dx in (0, 1):
                px, py = cx + dx, cy + dy
                if 0 <= px < width and 0 <= py < height:
                    ink[py * width + px] = 0x20
    rows = b"".join(b"\x00" + bytes(ink[row * width : (row + 1) * width]) for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(rows, 9))
        + _png_chunk(b"IEND", b"")
    )


_RECORDING_STATES = (ConferenceState.SCHEDULED, ConferenceState.CHECKING_IN,
                     ConferenceState.IN_SESSION)


# --- building records ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Builder:
    data: dict[str, Any]
    today: date
    device: str
    statements: dict[Language, Statement]

    def records(self) -> Iterator[RecordMeta]:
        workers = _workers(self.data)
        seen_numbers: set[str] = set()
        for index, case in enumerate(self.data["cases"]):
            where = f"cases[{index}]"
            number = _text(case, "case_number", where)
            if number in seen_numbers:
                raise DemoDataInvalid(f"{where}: case number {number} appears twice.")
            seen_numbers.add(number)
            yield from self._case(case, workers, where)

    def _case(
        self, data: dict[str, Any], workers: dict[str, str], where: str
    ) -> Iterator[RecordMeta]:
        number = _text(data, "case_number", where)
        case_id = _uid("case", number)
        opened = self._moment(_int(data, "opened_day_offset", where), "09:00")
        status = _enum(CaseStatus, data.get("status", "open"), f"{where}.status")
        closed = opened
        if status is CaseStatus.CLOSED:
            closed = self._moment(_int(data, "closed_day_offset", where), "16:00")
        assigned = tuple(_list(data, "assigned_workers", where))
        for worker in assigned:
            _known_worker(worker, workers, f"{where}.assigned_workers")
        yield Case(
            **self._meta(case_id, case_id, opened, closed, version=2 if closed > opened else 1),
            case_number=number,
            family_name=_text(data, "family_name", where),
            assigned_workers=assigned,
            status=status,
            sealed=bool(data.get("sealed", False)),
        )
        people = list(self._people(data, case_id, number, opened, where))
        yield from people
        by_name = {person.name: person.id for person in people}
        for index, consent in enumerate(_list(data, "consents", where)):
            yield from self._consent(consent, case_id, workers, f"{number}/consent/{index}",
                                     f"{where}.consents[{index}]", by_name)
        for index, conference in enumerate(_list(data, "conferences", where)):
            spot = f"{where}.conferences[{index}]"
            scope = self._scope(conference, case_id, opened, f"{number}/{index}", workers, spot,
                                by_name)
            yield from self._conference(conference, scope, spot)
        consents = _list(data, "consents", where)
        for index, entry in enumerate(_list(data, "disclosures", where)):
            yield self._disclosure(entry, case_id, number, workers, by_name, len(consents),
                                   f"{number}/disclosure/{index}",
                                   f"{where}.disclosures[{index}]")
        for index, entry in enumerate(_list(data, "legal_reviews", where)):
            yield self._legal_review(entry, case_id, number, workers,
                                     f"{number}/legal_review/{index}",
                                     f"{where}.legal_reviews[{index}]")

    def _people(self, data: dict[str, Any], case_id: str, number: str, opened: datetime,
                where: str) -> Iterator[Person]:
        """The people named in the case; a relationship names another of them by name."""
        entries = _list(data, "people", where)
        ids = {_text(p, "name", f"{where}.people"): _uid("person", number,
                                                         _text(p, "name", where))
               for p in entries}
        if len(ids) != len(entries):
            raise DemoDataInvalid(f"{where}.people: a person is listed twice.")
        for index, entry in enumerate(entries):
            spot = f"{where}.people[{index}]"
            other = entry.get("relationship_to")
            if other is not None and other not in ids:
                raise DemoDataInvalid(f"{spot}: {other!r} is not one of the case's people.")
            relationship = entry.get("relationship")
            yield Person(
                **self._meta(ids[entry["name"]], case_id, opened, opened),
                name=entry["name"],
                kind=_enum(PersonKind, entry.get("kind"), f"{spot}.kind"),
                relationship_to=None if other is None else ids[other],
                relationship=None if relationship is None else _enum(
                    Relationship, relationship, f"{spot}.relationship"),
            )

    def _scope(
        self,
        data: dict[str, Any],
        case_id: str,
        case_opened: datetime,
        key: str,
        workers: dict[str, str],
        where: str,
        people: dict[str, str],
    ) -> _Scope:
        start = self._moment(_int(data, "day_offset", where), _text(data, "time", where))
        attendees = _list(data, "attendees", where)
        names = [_attendee_name(a, workers, f"{where}.attendees") for a in attendees]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise DemoDataInvalid(f"{where}: attendees listed twice: {', '.join(duplicates)}.")
        return _Scope(
            key=key,
            case_id=case_id,
            conference_id=_uid("conference", key),
            start=start,
            invited=max(case_opened, min(start - INVITED_BEFORE, self._moment(0, "08:00"))),
            facilitator=_known_worker(_text(data, "facilitator", where), workers, where),
            workers=workers,
            names=tuple(names),
            interpreters=frozenset(
                name
                for name, a in zip(names, attendees, strict=True)
                if a.get("role") == Role.INTERPRETER.value
            ),
            people=people,
        )

    def _conference(self, data: dict[str, Any], scope: _Scope, where: str) -> Iterator[RecordMeta]:
        state = _enum(ConferenceState, data.get("state"), f"{where}.state")
        duration = timedelta(minutes=_int(data, "duration_min", where))
        changed_at = {
            ConferenceState.SCHEDULED: scope.invited,
            ConferenceState.CHECKING_IN: scope.start - CHECK_IN_OPENS,
            ConferenceState.IN_SESSION: scope.start,
            ConferenceState.CONCLUDED: scope.start + duration,
            ConferenceState.FINALIZED: scope.start + duration + FINALIZED_AFTER,
        }

        def conference(at: ConferenceState) -> Conference:
            return Conference(
                **self._meta(
                    scope.conference_id,
                    scope.case_id,
                    scope.invited,
                    changed_at[at],
                    version=list(ConferenceState).index(at) + 1,
                ),
                kind=_enum(ConferenceType, data.get("kind"), f"{where}.kind"),
                scheduled_start=_iso(scope.start),
                location=str(data.get("location", "")),
                facilitator=scope.facilitator,
                language=_enum(Language, data.get("language", "en"), f"{where}.language"),
                state=at,
            )

        # In the order it happened: the room is recorded while the meeting is on, and only
        # then is it concluded and finalized (the vault refuses anything else).
        during = state if state in _RECORDING_STATES else ConferenceState.IN_SESSION
        yield conference(during)

        acknowledgments: list[Acknowledgment] = []
        youths: dict[str, Attendee] = {}
        for index, attendee in enumerate(_list(data, "attendees", where)):
            record, ack = self._attendee(attendee, scope, f"{where}.attendees[{index}]")
            if record.role is Role.YOUTH:
                youths[record.name] = record
            yield record
            if ack is not None:
                acknowledgments.append(ack)
        yield from acknowledgments

        notes = _list(data, "notes", where)
        if notes and state in (ConferenceState.SCHEDULED, ConferenceState.CHECKING_IN):
            raise DemoDataInvalid(f"{where}: a {state.value} conference cannot have notes yet.")
        addenda = [i for i, n in enumerate(notes) if isinstance(n, dict) and n.get("addendum")]
        if addenda and state is not ConferenceState.FINALIZED:
            raise DemoDataInvalid(f"{where}: only a finalized conference takes addenda.")
        for index, note in enumerate(notes):
            if index not in addenda:
                yield from self._note(note, scope, index, f"{where}.notes[{index}]", youths)
        if state is not during:
            yield conference(state)
        for index in addenda:  # an addendum joins a conference once it is finalized
            yield from self._note(notes[index], scope, index, f"{where}.notes[{index}]", youths)

    def _attendee(
        self, data: dict[str, Any], scope: _Scope, where: str
    ) -> tuple[Attendee, Acknowledgment | None]:
        name = _attendee_name(data, scope.workers, where)
        attendee_id = _uid("attendee", scope.key, name)
        presence = _enum(Presence, data.get("presence", "expected"), f"{where}.presence")
        language = _enum(Language, data.get("language", "en"), f"{where}.language")
        interpreter = str(data.get("interpreter", ""))
        if interpreter and interpreter not in scope.interpreters:
            raise DemoDataInvalid(
                f"{where}: interpreter {interpreter!r} is not an interpreter at this conference."
            )
        arrived: datetime | None = None
        if presence in (Presence.PRESENT, Presence.EXCLUDED, Presence.LEFT):
            arrived = scope.start + timedelta(minutes=_int(data, "arrived_min", where))
        elif "arrived_min" in data:
            raise DemoDataInvalid(f"{where}: only someone who came can have an arrival time.")
        left: datetime | None = None
        if presence is Presence.LEFT:
            left = scope.start + timedelta(minutes=_int(data, "left_min", where))
        elif "left_min" in data:
            raise DemoDataInvalid(f"{where}: only someone who left can have a leaving time.")

        ack: Acknowledgment | None = None
        if data.get("acknowledgment") is not None:
            if arrived is None:
                raise DemoDataInvalid(f"{where}: only someone who came can acknowledge.")
            ack = self._acknowledgment(
                data["acknowledgment"], scope, name, attendee_id, arrived, language,
                f"{where}.acknowledgment",
            )  # fmt: skip
        if (presence is Presence.EXCLUDED) != (ack is not None and ack.refused):
            raise DemoDataInvalid(
                f"{where}: an attendee is excluded exactly when they refused the acknowledgment."
            )

        # Each presence change after the invitation bumped the attendee's version.
        if presence is Presence.EXPECTED:
            updated, version = scope.invited, 1
        elif arrived is None:  # absent or excused, marked when the meeting began
            updated, version = max(scope.invited, scope.start), 2
        elif ack is not None and ack.refused:
            updated, version = datetime.fromisoformat(ack.signed_at), 3
        elif left is not None:  # arrived, then left
            updated, version = left, 3
        else:
            updated, version = arrived, 2
        age_band = data.get("age_band")
        record = Attendee(
            **self._meta(attendee_id, scope.case_id, scope.invited, updated, version=version),
            conference_id=scope.conference_id,
            name=name,
            role=_enum(Role, data.get("role"), f"{where}.role"),
            age_band=None if age_band is None else _enum(AgeBand, age_band, f"{where}.age_band"),
            presence=presence,
            arrived_at=None if arrived is None else _iso(arrived),
            language=language,
            interpreter=interpreter,
            left_at=None if left is None else _iso(left),
            person_id=scope.people.get(name),
        )
        return record, ack

    def _acknowledgment(
        self,
        data: dict[str, Any],
        scope: _Scope,
        name: str,
        attendee_id: str,
        arrived: datetime,
        attendee_language: Language,
        where: str,
    ) -> Acknowledgment:
        method = _enum(AckMethod, data.get("method"), f"{where}.method")
        language = _enum(Language, data.get("language", attendee_language), f"{where}.language")
        signed = scope.start + timedelta(minutes=_int(data, "at_min", where))
        if signed < arrived:
            raise DemoDataInvalid(f"{where}: acknowledged before arriving.")
        witness = str(data.get("witness", ""))
        if witness and (witness not in scope.names or witness == name):
            raise DemoDataInvalid(f"{where}: the witness must be another attendee.")
        attested_by = ""
        if method in (AckMethod.VERBAL, AckMethod.REFUSED):
            attested = str(data.get("attested_by", scope.facilitator))
            attested_by = _known_worker(attested, scope.workers, where)
        statement = self.statements[language]
        return Acknowledgment(
            **self._meta(_uid("acknowledgment", attendee_id), scope.case_id, signed, signed),
            conference_id=scope.conference_id,
            attendee_id=attendee_id,
            attendee_name=name,
            statement_id=statement.id,
            statement_version=statement.version,
            statement_sha256=statement.sha256,
            language=language,
            method=method,
            signed_at=_iso(signed),
            typed_name=str(data.get("typed_name", name)) if method is AckMethod.TYPED_NAME else "",
            attested_by=attested_by,
            witness=witness,
            signature_png=(
                signature_png(attendee_id) if method is AckMethod.DRAWN_SIGNATURE else None
            ),
        )

    def _note(
        self, data: dict[str, Any], scope: _Scope, index: int, where: str,
        youths: dict[str, Attendee],
    ) -> Iterator[RecordMeta]:
        revisions = _list(data, "revisions", where)
        if not revisions:
            raise DemoDataInvalid(f"{where}: a note needs at least one revision.")
        times = [scope.start + timedelta(minutes=_int(r, "at_min", where)) for r in revisions]
        if times != sorted(set(times)):
            raise DemoDataInvalid(f"{where}: revisions must be in time order.")
        authors = [
            _known_worker(_text(r, "author", where), scope.workers, where) for r in revisions
        ]
        bodies = [_text(r, "body", where) for r in revisions]
        key = f"{scope.key}/note/{index}"
        note_id = _uid("note", key)
        permission = None
        if data.get("interview") is not None:
            permission = self._permission(data["interview"], scope, key, times[0], youths,
                                          f"{where}.interview")
            yield permission
        yield Note(
            **self._meta(note_id, scope.case_id, times[0], times[-1], version=len(revisions)),
            conference_id=scope.conference_id,
            section=_enum(NoteSection, data.get("section"), f"{where}.section"),
            body=bodies[-1],
            author=authors[-1],
            is_addendum=bool(data.get("addendum", False)),
            health_information=bool(data.get("health_information", False)),
            interviewed_youth_id=None if permission is None else permission.attendee_id,
            interview_permission_id=None if permission is None else permission.id,
        )
        before: tuple[str, str] | None = None  # the revision before: (id, text)
        for number, (at, author, body) in enumerate(zip(times, authors, bodies, strict=True), 1):
            revision_id = _uid("note_revision", key, str(number))
            form = revision_forms.form_for(number, body, *(before or (None, None)))
            yield NoteRevision(
                **self._meta(revision_id, scope.case_id, at, at),
                note_id=note_id,
                revision=number,
                body=form.body,
                author=author,
                base_id=form.base_id,
                delta=form.delta,
                sha256=form.sha256,
            )
            before = (revision_id, body)

    def _permission(self, data: Any, scope: _Scope, key: str, written: datetime,
                    youths: dict[str, Attendee], where: str) -> InterviewPermission:
        """The permission on file for the interview a note records, filed as it began."""
        if not isinstance(data, dict):
            raise DemoDataInvalid(f"{where}: an interview is an object.")
        youth = youths.get(_text(data, "youth", where))
        if youth is None:
            raise DemoDataInvalid(f"{where}: the youth is not a youth at this conference.")
        given = scope.start + timedelta(days=_int(data, "given_day_offset", where))
        return InterviewPermission(
            **self._meta(_uid("interview_permission", key), scope.case_id, written, written),
            conference_id=scope.conference_id,
            attendee_id=youth.id,
            given_by=_enum(PermissionGiver, data.get("given_by"), f"{where}.given_by"),
            giver_name=_text(data, "giver", where),
            scope=_text(data, "scope", where),
            given_on=given.date().isoformat(),
            obtained=_enum(PermissionMethod, data.get("obtained"), f"{where}.obtained"),
        )

    def _consent(self, data: Any, case_id: str, workers: dict[str, str], key: str,
                 where: str, people: dict[str, str]) -> Iterator[Consent]:
        """A consent as it was written: requested, then answered, then perhaps revoked, each
        a later version of the same record. Expired ones are simply past their end."""
        if not isinstance(data, dict):
            raise DemoDataInvalid(f"{where}: a consent is an object.")
        state = _enum(ConsentState, data.get("state"), f"{where}.state")
        form = _enum(ConsentForm, data.get("form"), f"{where}.form")
        language = _enum(Language, data.get("language", "en"), f"{where}.language")
        statement = current_statements(CONSENT_FORMS[form])[language]
        requested = self._moment(_int(data, "requested_day_offset", where), "09:30")
        consent_id = _uid("consent", key)
        record = Consent(
            **self._meta(consent_id, case_id, requested, requested),
            form=form, client_name=_text(data, "client", where),
            given_by_name=_text(data, "given_by", where),
            given_by_capacity=_enum(SignerCapacity, data.get("capacity"), f"{where}.capacity"),
            person_id=people.get(_text(data, "given_by", where)),  # the signer, when a person
            information=tuple(_list(data, "information", where)),
            recipients=tuple(_list(data, "recipients", where)),
            other_party_name=str(data.get("other_party", "")),
            other_party_address=str(data.get("other_party_address", "")),
            purpose=str(data.get("purpose", "")),
            valid_from=_iso(self._moment(_int(data, "valid_from_day_offset", where), "00:00")),
            valid_until=_iso(self._moment(_int(data, "valid_until_day_offset", where),
                                          "00:00")),
            statement_id=statement.id, statement_version=statement.version,
            statement_sha256=statement.sha256, language=language,
            requested_by=_known_worker(_text(data, "requested_by", where), workers, where),
        )
        yield record
        if state is ConsentState.REQUESTED:
            return
        answered = self._moment(_int(data, "answered_day_offset", where), "10:00")
        evidence: dict[str, Any] = {}
        if state is not ConsentState.REFUSED:
            if data.get("evidence") == "scan":
                scan = signature_png(f"scan/{consent_id}", 480, 320)
                evidence = {"scanned_form": scan,
                            "scanned_form_name": f"signed-{form.value}-form.png",
                            "scanned_form_sha256": hashlib.sha256(scan).hexdigest()}
            else:
                evidence = {"signature_png": signature_png(consent_id)}
        record = replace(record, **self._meta(consent_id, case_id, requested, answered, 2),
                         state=ConsentState.GIVEN if evidence else ConsentState.REFUSED,
                         answered_at=_iso(answered), **evidence)
        yield record
        if state is ConsentState.REVOKED:
            revoked = self._moment(_int(data, "revoked_day_offset", where), "11:00")
            yield replace(record, **self._meta(consent_id, case_id, requested, revoked, 3),
                          state=ConsentState.REVOKED, revoked_at=_iso(revoked))

    def _disclosure(self, data: Any, case_id: str, number: str, workers: dict[str, str],
                    people: dict[str, str], consents: int, key: str,
                    where: str) -> Disclosure:
        """A disclosure as logged. The data states its basis; a test asks the policy engine
        that the basis is the one it decides on that day, with the consents as they were."""
        if not isinstance(data, dict):
            raise DemoDataInvalid(f"{where}: a disclosure is an object.")
        at = self._moment(_int(data, "day_offset", where), _text(data, "time", where))
        mode = _enum(Mode, data.get("mode"), f"{where}.mode")
        to = data.get("to")
        if to is not None and to not in people:
            raise DemoDataInvalid(f"{where}: {to!r} is not one of the case's people.")
        consent = data.get("consent")
        if consent is not None and (isinstance(consent, bool) or not isinstance(consent, int)
                                    or not 0 <= consent < consents):
            raise DemoDataInvalid(f"{where}: 'consent' must be the index of a case's consent.")
        # The demo's copies never existed as files: their digest is of a placeholder text.
        digest = (hashlib.sha256(f"demo copy {key}".encode()).hexdigest()
                  if mode is Mode.COPY else "")
        return Disclosure(
            **self._meta(_uid("disclosure", key), case_id, at, at),
            information=_enum(Information, data.get("information"), f"{where}.information"),
            what=_text(data, "what", where),
            record_ids=self._conference_ids(data, number, where),
            mode=mode,
            extent=_enum(Extent, data.get("extent"), f"{where}.extent"),
            recipient=_enum(Recipient, data.get("recipient"), f"{where}.recipient"),
            recipient_name=to if to is not None else _text(data, "recipient_name", where),
            recipient_person_id=None if to is None else people[to],
            basis=_enum(DisclosureBasis, data.get("basis"), f"{where}.basis"),
            policy_line=_text(data, "policy_line", where),
            consent_id=None if consent is None else _uid("consent", f"{number}/consent/{consent}"),
            disclosed_by=_known_worker(_text(data, "disclosed_by", where), workers, where),
            disclosed_at=_iso(at),
            document_sha256=digest,
            redactions=_int(data, "redactions", where) if "redactions" in data else 0,
        )

    def _legal_review(self, data: Any, case_id: str, number: str, workers: dict[str, str],
                      key: str, where: str) -> LegalReview:
        """A question to legal as the laptop queued it; any answer comes from HQ."""
        if not isinstance(data, dict):
            raise DemoDataInvalid(f"{where}: a legal review is an object.")
        at = self._moment(_int(data, "day_offset", where), _text(data, "time", where))
        return LegalReview(
            **self._meta(_uid("legal_review", key), case_id, at, at),
            information=_enum(Information, data.get("information"), f"{where}.information"),
            what=_text(data, "what", where),
            record_ids=self._conference_ids(data, number, where),
            mode=_enum(Mode, data.get("mode"), f"{where}.mode"),
            extent=_enum(Extent, data.get("extent"), f"{where}.extent"),
            recipient=_enum(Recipient, data.get("recipient"), f"{where}.recipient"),
            recipient_name=_text(data, "recipient_name", where),
            policy_line=_text(data, "policy_line", where),
            question=_text(data, "question", where),
            proposed_redactions=tuple(_list(data, "proposed_redactions", where)),
            requested_by=_known_worker(_text(data, "requested_by", where), workers, where),
            requested_at=_iso(at),
        )

    @staticmethod
    def _conference_ids(data: dict[str, Any], number: str, where: str) -> tuple[str, ...]:
        if "conference" not in data:
            return ()
        return (_uid("conference", f"{number}/{_int(data, 'conference', where)}"),)

    def _moment(self, day_offset: int, clock: str) -> datetime:
        """A local wall-clock time on a day relative to today, as an aware datetime."""
        try:
            wall = time.fromisoformat(clock)
        except ValueError as exc:
            raise DemoDataInvalid(f"{clock!r} is not a time like 14:00.") from exc
        day = self.today + timedelta(days=day_offset)
        return datetime.combine(day, wall).astimezone()

    def _meta(
        self, record_id: str, case_id: str, created: datetime, updated: datetime, version: int = 1
    ) -> dict[str, Any]:
        return {
            "id": record_id,
            "case_id": case_id,
            "created_at": _iso(created),
            "updated_at": _iso(updated),
            "origin_device": self.device,
            "version": version,
        }


@dataclass(frozen=True)
class _Scope:
    """What the records of one conference share."""

    key: str  # stable text the conference's record ids are derived from
    case_id: str
    conference_id: str
    start: datetime
    invited: datetime
    facilitator: str
    workers: dict[str, str]
    names: tuple[str, ...]
    interpreters: frozenset[str]
    people: dict[str, str]  # the case's people, name -> person id


# --- reading the file ----------------------------------------------------------------------


def _load() -> dict[str, Any]:
    try:
        data = json.loads(resource("demo", "demo.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DemoDataInvalid(f"The demo data cannot be read: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != DEMO_FORMAT:
        raise DemoDataInvalid(f"The demo data is not in format {DEMO_FORMAT}.")
    if not isinstance(data.get("cases"), list):
        raise DemoDataInvalid("The demo data has no list of cases.")
    return data


def _workers(data: dict[str, Any]) -> dict[str, str]:
    workers = data.get("workers", {})
    if not isinstance(workers, dict):
        raise DemoDataInvalid("workers: expected an object of worker id to details.")
    return {
        worker: _text(details, "name", f"workers.{worker}") for worker, details in workers.items()
    }


def _attendee_name(data: dict[str, Any], workers: dict[str, str], where: str) -> str:
    if "worker" in data:
        return workers[_known_worker(_text(data, "worker", where), workers, where)]
    return _text(data, "name", where)


def _known_worker(worker: str, workers: dict[str, str], where: str) -> str:
    if worker not in workers:
        raise DemoDataInvalid(f"{where}: {worker!r} is not one of the demo workers.")
    return worker


def _text(data: Any, key: str, where: str) -> str:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise DemoDataInvalid(f"{where}: {key!r} must be non-empty text.")
    return value


def _int(data: dict[str, Any], key: str, where: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise DemoDataInvalid(f"{where}: {key!r} must be a whole number.")
    return value


def _list(data: dict[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise DemoDataInvalid(f"{where}: {key!r} must be a list.")
    return value


def _enum(kind: type[E], value: Any, where: str) -> E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise DemoDataInvalid(f"{where}: {value!r} is not one of {allowed}.") from None


# --- small pure helpers ----------------------------------------------------------------------


def _uid(*parts: str) -> str:
    return str(uuid.uuid5(DEMO_NAMESPACE, "\x1f".join(parts)))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def _marker(index: int, bodies: list[str]) -> str:
    """The first run of whole words (>= MARKER_CHARS, plain ASCII) found in no other body."""
    body = bodies[index]
    others = bodies[:index] + bodies[index + 1 :]
    spans = [m.span() for m in re.finditer(r"\S+", body)]
    fallback = ""
    for first in range(len(spans)):
        for last in range(first, len(spans)):
            candidate = body[spans[first][0] : spans[last][1]].rstrip(",.")
            if len(candidate) < MARKER_CHARS:
                continue
            if _MARKER_SAFE.fullmatch(candidate):
                if not any(candidate in other for other in others):
                    return candidate
                fallback = fallback or candidate
            break
    return fallback or body
