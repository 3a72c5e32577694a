"""The redacted-copy preview of a legal review: the notes HQ holds of what the worker would
disclose, redacted by the domain's own `redaction.redact` with the worker's proposed
passages and legal's extra ones, so what legal reads is what would leave."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from safeconf.domain import redaction
from safeconf.domain.records import LegalReview, Note
from safeconf.domain.redaction import Block, Document, RedactedDocument, Style
from safeconf.hq.db import Database
from safeconf.hq.sync.changelog import records_of

MARKER = redaction.MARKER


@dataclass(frozen=True)
class Preview:
    redacted: RedactedDocument
    notes: int  # how many of the case's notes at HQ the copy holds
    withheld: tuple[str, ...]  # the passages applied (proposed, then legal's)

    def pieces(self) -> list[list[str]]:
        """Each block's text split at the markers, for the page to show them as
        `<span class="redacted">` without trusting any markup in the text."""
        return [block.text.split(MARKER) for block in self.redacted.blocks]


def notes_for(db: Database, review: LegalReview) -> list[Note]:
    """The case's notes at HQ that the review names (directly or by their conference); all
    of the case's notes when it names none."""
    with db.read() as conn:
        notes: list[Note] = records_of(conn, "note", review.case_id)
    chosen = set(review.record_ids)
    if chosen:
        notes = [n for n in notes if n.id in chosen or n.conference_id in chosen]
    return sorted((n for n in notes if n.body.strip()),
                  key=lambda n: (n.conference_id, n.is_addendum, n.created_at, n.id))


def document(review: LegalReview, notes: Iterable[Note]) -> Document:
    blocks = [Block(Style.TITLE, review.what)]
    for note in notes:
        blocks.append(Block(Style.SUBHEADING, str(note.section.value).replace("_", " ")))
        blocks.append(Block(Style.BODY, unicodedata.normalize("NFC", note.body),
                            record_id=note.id, health_information=note.health_information))
    return Document(title=review.what, blocks=tuple(blocks),
                    health_covered=review.health_purpose is not None)


def build(db: Database, review: LegalReview, extra: Iterable[str] = ()) -> Preview:
    """The copy as it would leave. Raises `redaction.RedactionError` (a ValueError with a
    sentence for legal) for a passage that cannot be withheld as typed."""
    notes = notes_for(db, review)
    passages = tuple(dict.fromkeys(p for p in (*review.proposed_redactions, *extra)
                                   if p.strip()))
    return Preview(redaction.redact(document(review, notes), passages), len(notes), passages)


def passages(text: str) -> tuple[str, ...]:
    """One passage a line, as legal types them in the answer form."""
    return tuple(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))
