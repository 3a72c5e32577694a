"""A note's revisions in the vault: finding the latest, reading any one's text, and checking
that every revision of every note reconstructs to the text its SHA-256 names.

Revisions are `note_revision` records (domain.revisions: a full copy, or a delta against
the revision it names), kept in their own table (vault/revision_rows.py). Reading follows
the deltas back to a copy and applies them forward; only the fields that needs are read,
never whole records.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from safeconf.domain import codec, revisions
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.records import NoteRevision
from safeconf.vault.database import Database
from safeconf.vault.errors import VaultCorrupt
from safeconf.vault.packing import Stored, unpack_hash
from safeconf.vault.revision_rows import BASE_ID, NOTE, TABLE, VIEW, id_text, key
from safeconf.vault.squeeze import unsqueeze

# Read from the columns (vault/revision_rows.py): `data` would make each whole record only to
# take these out again.
_FIELDS = f"{BASE_ID}, delta, body, sha256"
_TARGET = f"SELECT note_id, note, number FROM {VIEW} WHERE id = ?"
_LINK = f"SELECT {_FIELDS} FROM {TABLE} WHERE id = ?"
_LINKS = (f"SELECT id, {_FIELDS} FROM {TABLE} WHERE note = ? AND number <= ?"
          " ORDER BY number DESC, id DESC LIMIT ?")
# A chain longer than this is not one this vault wrote (it copies every SNAPSHOT_EVERY).
_MAX_CHAIN = 4 * revisions.SNAPSHOT_EVERY


class BrokenHistory(VaultCorrupt):
    """A revision's text cannot be rebuilt: its base is missing, or a delta does not fit."""


@dataclass(frozen=True)
class Latest:
    """The newest revision of a note: its id, number and the SHA-256 of its text."""

    revision_id: str
    number: int
    sha256: str


class RevisionTexts:
    """Reads revision texts, remembering the last few (a save reads the one before it, and
    a page of pulled revisions reads each one's base, which it has just stored)."""

    def __init__(self, db: Database, keep: int = 8) -> None:
        self._db = db
        self._keep = keep
        self._texts: OrderedDict[str, str] = OrderedDict()

    def remember(self, revision_id: str, text: str) -> None:
        self._texts[revision_id] = text
        self._texts.move_to_end(revision_id)
        while len(self._texts) > self._keep:
            self._texts.popitem(last=False)

    def forget(self) -> None:
        self._texts.clear()

    def remembered(self, revision_id: str) -> str | None:
        """The text of a revision read or written lately, without reading the vault."""
        return self._texts.get(revision_id)

    def text(self, revision_id: str, note_id: str | None = None) -> str | None:
        """The text of revision `revision_id` (of note `note_id`, when given), or None if
        the vault holds no such revision; BrokenHistory if it cannot be rebuilt."""
        if note_id is None and revision_id in self._texts:
            self._texts.move_to_end(revision_id)
            return self._texts[revision_id]
        first = self._db.row(_TARGET, (key(revision_id),))
        if first is None or (note_id is not None and id_text(first[0]) != note_id):
            # Checked before the remembered texts too: a revision of another note read
            # lately is no base for this one.
            return None
        if revision_id in self._texts:
            self._texts.move_to_end(revision_id)
            return self._texts[revision_id]
        link = self._links(*first[1:])
        try:
            text = revisions.rebuild(revision_id, link, self._texts, _MAX_CHAIN)
        except InvalidRecord as exc:
            raise BrokenHistory(f"Revision {revision_id} cannot be rebuilt: {exc}") from exc
        self.remember(revision_id, text)
        return text

    def anchor_for(self, latest_id: str, note_id: str) -> revisions.Anchor | None:
        """What a checkpoint saved after revision `latest_id` may be a delta against: the
        revision SNAPSHOT_EVERY - 1 links back (in a note saved on one laptop, the last
        checkpoint), with the deltas since. None when there is none fit to be one: a chain
        back to a copy of more than CHECKPOINT_DEPTH - 1 links, or a history that does not
        rebuild (then the checkpoint is a copy)."""
        first = self._db.row(_TARGET, (key(latest_id),))
        if first is None or id_text(first[0]) != note_id:
            return None
        link = self._links(*first[1:])
        deltas: list[str] = []
        at = latest_id
        for _ in range(revisions.SNAPSHOT_EVERY - 1):
            found = link(at)
            if found is None or found.base_id is None:
                break
            deltas.append(found.delta)
            at = found.base_id
        depth, hop = 0, at
        while (found := link(hop)) is not None and found.base_id is not None:
            depth, hop = depth + 1, found.base_id
            if depth + 1 > revisions.CHECKPOINT_DEPTH:
                return None
        try:
            text = self.text(at, note_id)
        except BrokenHistory:
            return None
        return None if text is None else revisions.Anchor(at, text, tuple(reversed(deltas)))

    def _links(self, note: int, number: int) -> Callable[[str], revisions.Link | None]:
        """Each revision's link, the SNAPSHOT_EVERY of note `note` (the number its revisions
        carry) numbered `number` or before read at once (all that a chain of deltas reaches
        but for the checkpoints it passes)."""
        links = {id_text(row[0]): _link(row[1:]) for row in self._db.rows(
            _LINKS, (note, number, revisions.SNAPSHOT_EVERY))}

        def link(at: str) -> revisions.Link | None:
            if at in links:
                return links[at]
            row = self._db.row(_LINK, (key(at),))
            return None if row is None else _link(row)

        return link


def _link(row: tuple[Stored | None, ...]) -> revisions.Link:
    base, delta, body, sha256 = row
    return revisions.Link(id_text(base), str(unsqueeze(delta)), str(unsqueeze(body)),
                          unpack_hash(sha256) if sha256 is not None else "")


def latest(db: Database, note_id: str) -> Latest | None:
    # Its text only when it is a copy written before revisions had hashes: a text kept
    # deflated is inflated to be read.
    row = db.row(f"SELECT id, number, sha256, CASE WHEN base_id IS NULL AND sha256 = ''"
                 f" THEN body END FROM {TABLE} WHERE note = {NOTE}"
                 " ORDER BY number DESC, id DESC LIMIT 1", (key(note_id),))
    if row is None:
        return None
    revision_id, number, sha256, legacy_body = row
    digest = unpack_hash(sha256) if sha256 is not None else ""
    if not digest and legacy_body is not None:
        digest = revisions.text_sha256(str(unsqueeze(legacy_body)))
    return Latest(str(id_text(revision_id)), int(number), digest)


def count(db: Database, note_id: str) -> int:
    return int(db.scalar(f"SELECT count(*) FROM {TABLE} WHERE note = {NOTE}", (key(note_id),)))


def history(db: Database, note_id: str) -> list[tuple[NoteRevision, str]]:
    """Every revision of a note, oldest first, each with its whole text."""
    rows = db.rows(f"SELECT data FROM {VIEW} WHERE note = {NOTE} ORDER BY number, id",
                   (key(note_id),))
    texts: dict[str, str] = {}
    reader = RevisionTexts(db)
    out: list[tuple[NoteRevision, str]] = []
    for (data,) in rows:
        rev = codec.from_dict(NoteRevision, json.loads(data))
        if rev.base_id is None:
            text = rev.body
        elif rev.base_id in texts:
            try:
                text = revisions.text_of(texts[rev.base_id], rev.delta, rev.sha256)
            except InvalidRecord as exc:
                raise BrokenHistory(f"Revision {rev.id} cannot be rebuilt: {exc}") from exc
        else:  # built on a revision listed later (another laptop's, numbered alike)
            found = reader.text(rev.id)
            text = "" if found is None else found
        texts[rev.id] = text
        out.append((rev, text))
    return out


@dataclass(frozen=True)
class HistoryCheck:
    revisions: int
    notes: int
    problems: list[str]


def verify_all(db: Database) -> HistoryCheck:
    """Rebuild every revision of every note and compare it with its SHA-256 (copies without
    one, written before hashes existed, are only counted)."""
    problems: list[str] = []
    notes = db.rows(f"SELECT DISTINCT note, note_id FROM {VIEW}")
    total = 0
    for note, kept_note_id in notes:
        note_id = id_text(kept_note_id)
        rows = db.rows(f"SELECT id, data FROM {VIEW} WHERE note = ? ORDER BY number, id",
                       (note,))
        texts: dict[str, str] = {}
        pending: list[NoteRevision] = []
        for revision_id, data in rows:
            total += 1
            try:
                pending.append(codec.from_dict(NoteRevision, json.loads(data)))
            except (InvalidRecord, ValueError, TypeError) as exc:
                problems.append(f"revision {id_text(revision_id)}: {exc}")
        # Bases first: a copy needs nothing, a delta needs its base's text.
        progress = True
        while pending and progress:
            progress = False
            for rev in list(pending):
                if rev.base_id is not None and rev.base_id not in texts:
                    continue
                pending.remove(rev)
                progress = True
                try:
                    texts[rev.id] = (rev.body if rev.base_id is None else
                                     revisions.text_of(texts[rev.base_id], rev.delta,
                                                       rev.sha256))
                except InvalidRecord as exc:
                    problems.append(f"revision {rev.revision} of note {note_id}: {exc}")
                    texts[rev.id] = ""
        for rev in pending:
            problems.append(f"revision {rev.revision} of note {note_id}: built on revision "
                            f"{rev.base_id}, which this vault does not hold")
    return HistoryCheck(total, len(notes), problems)
