"""A case to copy, added to a real vault next to the demo's other families: its client, a
sibling, a youth attendee, a reporter named in the text, another family's name, a note of
health information and Spanish text. `SECRETS` are what the automatic candidates must
withhold; `KEPT` what a copy keeps."""

from __future__ import annotations

from dataclasses import dataclass, replace

from safeconf.app.demo_vault import fill_demo_vault
from safeconf.domain.records import (
    AgeBand,
    Attendee,
    Case,
    Conference,
    ConferenceState,
    Note,
    NoteSection,
    Person,
    PersonKind,
    Presence,
    Relationship,
    Role,
)
from safeconf.vault.vault import Vault

CASE_NUMBER = "TRN-2026-0777"
FAMILY = "Quintanilla"
CLIENT = "Mateo Quintanilla"
SIBLING = "Sofía Quintanilla"  # another child: withheld, and "Sofia" with it
REPORTER = "Dana Pruitt"  # named in the text only: "reported by Dana Pruitt"
OTHER_FAMILY = "Kayla Whitlock"  # a person of the demo's Whitlock case
PHI = "Diagnóstico de asma; inhalador dos veces al día."

CONCERNS = (f"Referral reported by {REPORTER} on Monday. Sofia (3) was found alone near the "
            "mailboxes; Mateo was meant to watch her. La niña estaba sola en el pasillo.")
STRENGTHS = (f"Grandmother Inés Quintanilla lives nearby. The family knows {OTHER_FAMILY} "
             "from church. Señora Quintanilla cooks every evening.")
DECISIONS = "Decision: Mateo stays home; the grandmother watches Sofía on work nights."
ADDENDUM = "Addendum: la abuela confirmó el horario por teléfono."

SECRETS = (SIBLING, "Sofía", "Sofia", REPORTER, OTHER_FAMILY, "Whitlock", "Diagnóstico", "asma")
KEPT = ("Mateo", "La niña estaba sola en el pasillo", "Señora Quintanilla cooks",
        "la abuela confirmó el horario", "Quintanilla Community Center")


@dataclass(frozen=True)
class Seeded:
    case_id: str
    conference_id: str
    later_conference_id: str
    notes: dict[str, str]  # "concerns", "health", "decisions", "addendum" -> note id


def seed_copy_case(vault: Vault, with_demo: bool = True) -> Seeded:
    if with_demo:
        fill_demo_vault(vault)
    case = vault.cases.add(Case(case_number=CASE_NUMBER, family_name=FAMILY))
    client = vault.people.add(Person(case_id=case.id, name=CLIENT, kind=PersonKind.CLIENT))
    vault.people.add(Person(case_id=case.id, name=SIBLING, kind=PersonKind.CHILD,
                            relationship_to=client.id, relationship=Relationship.RELATIVE_OF))
    vault.people.add(Person(case_id=case.id, name="Rosa Quintanilla", kind=PersonKind.PARENT,
                            relationship_to=client.id, relationship=Relationship.PARENT_OF))
    conf = vault.conferences.add(Conference(
        case_id=case.id, scheduled_start="2026-11-03T15:00:00+00:00",
        location="Quintanilla Community Center, Sala 2", facilitator="w.chen",
        state=ConferenceState.IN_SESSION))
    later = vault.conferences.add(Conference(
        case_id=case.id, scheduled_start="2026-12-01T15:00:00+00:00", location="Office"))
    for name, role, band in (("Rosa Quintanilla", Role.PARENT, None),
                             (CLIENT, Role.YOUTH, AgeBand.AGE_12_TO_14),
                             (SIBLING, Role.YOUTH, AgeBand.UNDER_6),
                             ("w.alvarez", Role.CASEWORKER, None)):
        vault.attendees.add(Attendee(case_id=case.id, conference_id=conf.id, name=name,
                                     role=role, age_band=band, presence=Presence.PRESENT))
    notes: dict[str, str] = {}
    for key, section, body, health in (
        ("concerns", NoteSection.CONCERNS, CONCERNS, False),
        ("strengths", NoteSection.STRENGTHS, STRENGTHS, False),
        ("health", NoteSection.GENERAL, PHI, True),
        ("decisions", NoteSection.DECISIONS, DECISIONS, False),
    ):
        note = vault.notes.add(Note(case_id=case.id, conference_id=conf.id, section=section,
                                    body=body, author="w.alvarez", health_information=health))
        notes[key] = note.id
    # An addendum is written only once the conference is finalized.
    for state in (ConferenceState.CONCLUDED, ConferenceState.FINALIZED):
        conf = vault.conferences.update(replace(conf, state=state))
    notes["addendum"] = vault.notes.add(Note(
        case_id=case.id, conference_id=conf.id, section=NoteSection.GENERAL, body=ADDENDUM,
        author="w.alvarez", is_addendum=True)).id
    return Seeded(case.id, conf.id, later.id, notes)
