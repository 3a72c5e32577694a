"""Copies of a case's records: the document a copy would hold, its automatic redaction
candidates, and the PDF rendered from the redacted document only (optionally AES-256
encrypted). Writes nothing: the caller decides where the bytes go, after logging them."""

from __future__ import annotations

import hashlib
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from xml.sax.saxutils import escape

from safeconf.domain.disclosure_terms import Information
from safeconf.domain.records import (
    Attendee,
    Conference,
    Note,
    NoteSection,
    Person,
    PersonKind,
    Role,
)
from safeconf.domain.redaction import (
    MARKER,
    Block,
    Candidate,
    Document,
    Names,
    RedactedDocument,
    Style,
    find_candidates,
    redact,
)
from safeconf.vault.vault import Vault

MIN_PASSWORD_CHARS = 12
PDF_TITLE = "safeconf copy"  # the only words about the copy in its metadata
# A conference summary: what was decided and planned, not the discussion behind it.
SUMMARY_SECTIONS = (NoteSection.SAFETY_PLAN, NoteSection.DECISIONS, NoteSection.NEXT_STEPS)
SECTION_ORDER = (NoteSection.CONCERNS, NoteSection.STRENGTHS, NoteSection.SAFETY_PLAN,
                 NoteSection.DECISIONS, NoteSection.NEXT_STEPS, NoteSection.GENERAL)


class CopyError(ValueError):
    """A copy that cannot be made as asked; the message is for the worker."""


@dataclass(frozen=True)
class CopyRequest:
    """What a copy holds. `record_ids`: for chosen notes, the notes; otherwise the
    conferences (none: every conference of the case). `health_covered`: the disclosure's
    basis covers protected health information."""

    case_id: str
    information: Information
    record_ids: tuple[str, ...] = ()
    health_covered: bool = False
    title: str = ""
    # A document that is not a stored record (a case's disclosure history): its sections,
    # each a heading and its lines, in place of the case's conferences and notes.
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()


def _english(value: object) -> str:
    return str(getattr(value, "value", value)).replace("_", " ").capitalize()


@dataclass(frozen=True)
class Words:
    """The fixed words of a copy; the UI passes translated ones (`name` labels enums)."""

    case: str = "Case"
    conference: str = "Conference"
    kind: str = "Type"
    date: str = "Date"
    location: str = "Location"
    facilitator: str = "Facilitator"
    attendees: str = "Attendees"
    addendum: str = "Addendum"
    health: str = "Contains protected health information"
    name: Callable[[object], str] = field(default=_english)
    when: Callable[[str], str] = field(default=lambda iso: _date_text(iso))


def _date_text(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def build_document(vault: Vault, request: CopyRequest, words: Words | None = None) -> Document:
    """The unredacted document of the request, from the vault."""
    w = words or Words()
    if request.information is Information.LEGAL_ADVICE:
        raise CopyError("Privileged legal advice never leaves the agency; it cannot be copied.")
    case = vault.cases.get(request.case_id)
    if request.sections:
        return _sections_document(case.case_number, request, w)
    conferences = sorted(vault.conferences.for_case(case.id), key=lambda c: c.scheduled_start)
    notes_by_conf = {c.id: vault.notes.for_conference(c.id) for c in conferences}
    chosen = set(request.record_ids)
    if request.information is Information.CHOSEN_NOTES:
        if not chosen:
            raise CopyError("Choose the notes the copy should hold.")
        known = {n.id for ns in notes_by_conf.values() for n in ns}
        if chosen - known:
            raise CopyError("A chosen note is not a note of this case.")
        conferences = [c for c in conferences
                       if any(n.id in chosen for n in notes_by_conf.get(c.id, []))]
    elif chosen:
        if chosen - {c.id for c in conferences}:
            raise CopyError("A chosen conference is not a conference of this case.")
        conferences = [c for c in conferences if c.id in chosen]
    blocks = [Block(Style.TITLE, request.title or w.case),
              Block(Style.LINE, f"{w.case}: {case.case_number}")]
    for conf in conferences:
        notes = _notes_for(request, notes_by_conf.get(conf.id, []))
        if request.information is Information.HEALTH_INFORMATION and not notes:
            continue
        blocks.extend(_conference_blocks(conf, w))
        if request.information in (Information.WHOLE_RECORD, Information.CONFERENCE_SUMMARY):
            blocks.extend(_attendee_blocks(vault.attendees.for_conference(conf.id), w))
        for note in notes:
            heading = w.addendum if note.is_addendum else w.name(note.section)
            if note.health_information:
                heading = f"{heading} ({w.health})"
            blocks.append(Block(Style.SUBHEADING, heading))
            blocks.append(Block(Style.BODY, unicodedata.normalize("NFC", note.body),
                                record_id=note.id,
                                health_information=note.health_information))
    return Document(title=request.title or w.case, blocks=tuple(blocks),
                    health_covered=request.health_covered)


def _sections_document(case_number: str, request: CopyRequest, w: Words) -> Document:
    blocks = [Block(Style.TITLE, request.title or w.case),
              Block(Style.LINE, f"{w.case}: {case_number}")]
    for heading, lines in request.sections:
        blocks.append(Block(Style.HEADING, unicodedata.normalize("NFC", heading)))
        blocks.extend(Block(Style.LINE, unicodedata.normalize("NFC", line)) for line in lines)
    return Document(title=request.title or w.case, blocks=tuple(blocks),
                    health_covered=request.health_covered)


def _notes_for(request: CopyRequest, notes: list[Note]) -> list[Note]:
    info = request.information
    if info is Information.CHOSEN_NOTES:
        picked = [n for n in notes if n.id in request.record_ids]
    elif info is Information.CONFERENCE_SUMMARY:
        picked = [n for n in notes if not n.is_addendum and n.section in SUMMARY_SECTIONS]
    elif info is Information.HEALTH_INFORMATION:
        picked = [n for n in notes if n.health_information]
    else:
        picked = list(notes)
    picked = [n for n in picked if n.body.strip()]
    # Sections in the order of the conference, addenda after them in the order written.
    return sorted(picked, key=lambda n: (n.is_addendum, SECTION_ORDER.index(n.section)
                                         if not n.is_addendum else 0, n.created_at))


def _conference_blocks(conf: Conference, w: Words) -> list[Block]:
    out = [Block(Style.HEADING, f"{w.conference}: {w.when(conf.scheduled_start)}"),
           Block(Style.LINE, f"{w.kind}: {w.name(conf.kind)}"),
           Block(Style.LINE, f"{w.date}: {w.when(conf.scheduled_start)}")]
    if conf.location.strip():
        out.append(Block(Style.LINE, f"{w.location}: {conf.location}"))
    if conf.facilitator.strip():
        out.append(Block(Style.LINE, f"{w.facilitator}: {conf.facilitator}"))
    return out


def _attendee_blocks(attendees: list[Attendee], w: Words) -> list[Block]:
    if not attendees:
        return []
    return [Block(Style.SUBHEADING, w.attendees)] + [
        Block(Style.LINE, f"{a.name} — {w.name(a.role)}") for a in attendees]


def names_for(vault: Vault, request: CopyRequest, about: str | None = None) -> Names:
    """Whom the candidates look for. `about`: the person whose record it is (default: the
    case's one client). Other children are the case's child persons and youth attendees who
    are not that person; other families are the people, attendees and family names of every
    other case in the vault. The vault records no reporters (no field says who reported),
    so reporters are found only by `redaction.reported_names`."""
    case = vault.cases.get(request.case_id)
    people = vault.people.for_case(case.id)
    subject = _subject(people, about)
    subject_names = {_key(p.name) for p in people if p.id == subject}
    attendees = [a for c in vault.conferences.for_case(case.id)
                 for a in vault.attendees.for_conference(c.id)]
    children = [p.name for p in people if p.kind is PersonKind.CHILD and p.id != subject]
    children += [a.name for a in attendees
                 if (a.role is Role.YOUTH or a.age_band is not None)
                 and (a.person_id is None or a.person_id != subject)
                 and _key(a.name) not in subject_names]
    own = [p.name for p in people] + [a.name for a in attendees] + [case.family_name]
    own_keys = {_key(n) for n in own}
    others: list[str] = []
    for other in vault.cases.all():
        if other.id == case.id:
            continue
        others.append(other.family_name)
        others += [p.name for p in vault.people.for_case(other.id)]
    others = [n for n in others if _key(n) not in own_keys]
    return Names(other_children=_unique(children), other_families=_unique(others),
                 this_case=_unique(own))


def candidates(vault: Vault, request: CopyRequest, document: Document,
               about: str | None = None) -> list[Candidate]:
    return find_candidates(document, names_for(vault, request, about))


def _subject(people: list[Person], about: str | None) -> str:
    if about:
        return about
    clients = [p.id for p in people if p.kind is PersonKind.CLIENT]
    return clients[0] if len(clients) == 1 else ""


def _key(name: str) -> str:
    return " ".join(name.split()).lower()


def _unique(names: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for n in names:
        seen.setdefault(_key(n), n)
    return tuple(seen.values())


# -- PDF ---------------------------------------------------------------------------------

_FONT = "SafeconfVera"
_FONT_BOLD = "SafeconfVera-Bold"


def _register_fonts() -> None:
    """Vera ships inside reportlab, so accents render on every platform alike."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if _FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = resources.files("reportlab") / "fonts"
    for name, file in ((_FONT, "Vera.ttf"), (_FONT_BOLD, "VeraBd.ttf")):
        with resources.as_file(folder / file) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))


def render_pdf(redacted: RedactedDocument, password: str | None = None) -> bytes:
    """The PDF of an already-redacted document; with a password, AES-256 encrypted. The
    metadata names nothing of the case: title "safeconf copy", no author, subject or
    keywords."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    if password is not None:
        check_password(password, password)
    _register_fonts()
    styles = {
        Style.TITLE: ParagraphStyle("t", fontName=_FONT_BOLD, fontSize=16, leading=20,
                                    spaceAfter=8),
        Style.HEADING: ParagraphStyle("h", fontName=_FONT_BOLD, fontSize=13, leading=16,
                                      spaceBefore=10, spaceAfter=4),
        Style.SUBHEADING: ParagraphStyle("s", fontName=_FONT_BOLD, fontSize=11, leading=14,
                                         spaceBefore=6, spaceAfter=2),
        Style.LINE: ParagraphStyle("l", fontName=_FONT, fontSize=10, leading=13),
        Style.BODY: ParagraphStyle("b", fontName=_FONT, fontSize=10, leading=13,
                                   spaceAfter=4),
    }
    flow: list[object] = []
    for block in redacted.blocks:
        for para in block.text.split("\n") or [""]:
            flow.append(Paragraph(escape(para) or "&nbsp;", styles[block.style]))
    flow.append(Spacer(1, 0.2 * inch))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=letter, title=PDF_TITLE, author="", subject="",
                            keywords="", creator="safeconf", producer="safeconf",
                            leftMargin=inch, rightMargin=inch, topMargin=inch,
                            bottomMargin=inch)
    doc.build(flow)
    plain = out.getvalue()
    return plain if password is None else encrypt_pdf(plain, password)


def encrypt_pdf(plain: bytes, password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    writer.encrypt(user_password=password, owner_password=None, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def check_password(password: str, repeat: str) -> None:
    if password != repeat:
        raise CopyError("The two passwords are not the same.")
    if len(password) < MIN_PASSWORD_CHARS:
        raise CopyError(f"Use a password of at least {MIN_PASSWORD_CHARS} characters.")
    if not password.strip():
        raise CopyError("A password of spaces only protects nothing.")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def unredacted(document: Document) -> RedactedDocument:
    """The document as it is, for comparisons (the bench's baseline); never for a copy."""
    return RedactedDocument(title=document.title, blocks=document.blocks)


__all__ = ["MARKER", "CopyError", "CopyRequest", "Words", "build_document", "candidates",
           "check_password", "encrypt_pdf", "names_for", "redact", "render_pdf", "sha256_hex"]
