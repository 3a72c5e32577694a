"""Reviewing sync conflicts: what each one is about (kind of record, case, conference), the
two versions side by side, and keeping one of them. Plain Python (no Qt): the values come
back raw, and the interface words and formats them in the user's language."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from safeconf.app.session import VaultSession
from safeconf.domain.codec import APPEND_ONLY_TYPES
from safeconf.domain.records import Case, Conference, Note, NoteRevision, RecordMeta
from safeconf.vault.errors import RecordNotFound
from safeconf.vault.vault import Vault

Keep = Literal["local", "hq"]

# Which fields name a record, so a comparison always shows them even when both sides agree.
IDENTITY_FIELDS: dict[str, tuple[str, ...]] = {
    "case": ("case_number", "family_name"),
    "conference": ("kind", "scheduled_start"),
    "attendee": ("name", "role"),
    "note": ("section",),
    "note_revision": ("revision",),
    "acknowledgment": ("method",),
    "consent": ("client_name",),
    "interview_permission": ("given_by", "giver_name"),
    "person": ("name", "kind"),
}
# Bookkeeping and links: the same on both sides, or ids no reader can use.
HIDDEN_FIELDS = frozenset({
    "id", "case_id", "created_at", "origin_device", "version", "conference_id",
    "attendee_id", "note_id", "statement_id", "statement_sha256", "consent_id",
    "interviewed_youth_id", "interview_permission_id", "person_id", "relationship_to",
})
# The sync layer's reasons (English, stored with the conflict), as stable codes.
REASONS = {
    "changed here and at HQ": "both_changed",
    "same id, different content": "same_id_other_content",
}


@dataclass(frozen=True)
class Where:
    """The case (and conference) a record belongs to, as far as this laptop knows them."""

    case_number: str | None = None
    family_name: str | None = None
    conference_kind: Any = None  # ConferenceType
    conference_start: str | None = None


@dataclass(frozen=True)
class ConflictItem:
    """One line of the list of conflicts."""

    id: int
    record_type: str  # codec name: "case", "note"…
    title: Any  # the record's name, section… (a raw value; None if it has none)
    where: Where
    reason: str  # a code from REASONS, or the stored text when unknown
    found_at: str
    kept: Keep | None


@dataclass(frozen=True)
class FieldValues:
    field: str  # the record's field name
    local: Any  # raw values (None when that side has no such record)
    hq: Any
    differs: bool


@dataclass(frozen=True)
class Comparison:
    item: ConflictItem
    fields: list[FieldValues]  # identity fields first, then those that differ
    local_exists: bool
    can_keep_hq: bool  # append-only records cannot be replaced


class ConflictService:
    def __init__(self, session: VaultSession) -> None:
        self._session = session

    @property
    def _vault(self) -> Vault:
        return self._session.vault

    def open_count(self) -> int:
        return len(self._vault.sync.conflicts())

    def quarantined_count(self) -> int:
        """Records HQ sent that this laptop could not use (kept aside, see `safeconf check`)."""
        return len(self._vault.sync.quarantined())

    def open_conflicts(self) -> list[ConflictItem]:
        return [self._item(self._vault.sync.conflict(row["id"]))
                for row in self._vault.sync.conflicts()]

    def compare(self, conflict_id: int) -> Comparison:
        detail = self._vault.sync.conflict(conflict_id)
        local: RecordMeta | None = detail["local"]
        remote: RecordMeta = detail["remote"]
        name = detail["record_type"]
        identity = IDENTITY_FIELDS.get(name, ())
        fields: list[FieldValues] = []
        for f in dataclasses.fields(remote):
            if f.name in HIDDEN_FIELDS:
                continue
            ours = getattr(local, f.name) if local is not None else None
            theirs = getattr(remote, f.name)
            differs = local is None or ours != theirs
            if differs or f.name in identity:
                fields.append(FieldValues(f.name, ours, theirs, differs))
        fields.sort(key=lambda v: (v.field not in identity, identity.index(v.field)
                                   if v.field in identity else 0))
        return Comparison(
            item=self._item(detail),
            fields=fields,
            local_exists=local is not None,
            can_keep_hq=(name not in APPEND_ONLY_TYPES and local is not None
                         and detail["kept"] is None),
        )

    def resolve(self, conflict_id: int, keep: Keep) -> None:
        """Keep this laptop's version or HQ's; see `SyncStore.resolve_conflict`."""
        self._vault.sync.resolve_conflict(conflict_id, keep)

    # -- describing ----------------------------------------------------------------------

    def _item(self, detail: dict[str, Any]) -> ConflictItem:
        record: RecordMeta = detail["local"] or detail["remote"]
        identity = IDENTITY_FIELDS.get(detail["record_type"], ())
        # A case or conference is named by what `where` already carries.
        named_by_where = isinstance(record, Case | Conference)
        title = None if named_by_where or not identity else getattr(record, identity[0])
        return ConflictItem(
            id=detail["id"],
            record_type=detail["record_type"],
            title=title,
            where=self._where(record),
            reason=REASONS.get(detail["reason"], detail["reason"]),
            found_at=detail["found_at"],
            kept=detail["kept"],
        )

    def _where(self, record: RecordMeta) -> Where:
        store = self._vault.store
        case_number = family_name = None
        try:
            case = record if isinstance(record, Case) else store.get(Case, record.case_id)
            case_number, family_name = case.case_number, case.family_name
        except RecordNotFound:
            pass
        conference: Conference | None = record if isinstance(record, Conference) else None
        conference_id = getattr(record, "conference_id", None)
        if isinstance(record, NoteRevision):
            try:
                conference_id = store.get(Note, record.note_id).conference_id
            except RecordNotFound:
                conference_id = None
        if conference is None and conference_id:
            try:
                conference = store.get(Conference, conference_id)
            except RecordNotFound:
                conference = None
        return Where(
            case_number, family_name,
            conference.kind if conference else None,
            conference.scheduled_start if conference else None,
        )
