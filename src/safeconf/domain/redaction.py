"""Redacted copies: the automatic redaction candidates of a document, and the redaction itself.

Pure: a `Document` is plain text blocks built elsewhere (`app.copies`); `redact` returns a
new document in which nothing withheld survives, so whatever renders it (PDF, printer,
preview) cannot leak what was withheld.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

MARKER = "[withheld]"
MIN_PASSAGE_CHARS = 2  # a single letter would wipe the document, never what anyone means


class RedactionError(ValueError):
    """A passage that cannot be withheld as given; the message is for the worker."""


class Reason(StrEnum):
    """Why a passage is withheld."""

    OTHER_CHILD = "other_child"  # another child's name
    OTHER_FAMILY = "other_family"  # a name from another family (another case of the vault)
    REPORTER = "reporter"  # who reported the family
    PRIVILEGED = "privileged"  # privileged legal advice: never leaves the agency
    HEALTH_NOT_COVERED = "health_not_covered"  # PHI the disclosure's basis does not cover
    WORKER = "worker"  # the worker marked it
    LEGAL = "legal"  # legal's answer to a review withholds it


# Neither can be unticked by anyone: `redact` withholds them whatever it is given.
LOCKED = frozenset({Reason.PRIVILEGED, Reason.HEALTH_NOT_COVERED})
# ... and these the worker cannot untick either: legal released the copy only without them.
UNTICKABLE = LOCKED | {Reason.LEGAL}


class Style(StrEnum):
    TITLE = "title"
    HEADING = "heading"  # a conference
    SUBHEADING = "subheading"  # attendees, a note section
    LINE = "line"  # a labelled fact: "Location: ..."
    BODY = "body"  # a note's text


@dataclass(frozen=True)
class Block:
    style: Style
    text: str
    record_id: str = ""  # the note a body comes from
    health_information: bool = False
    privileged: bool = False


@dataclass(frozen=True)
class Document:
    """What a copy would contain, unredacted. `health_covered`: the disclosure's basis covers
    protected health information; when False every PHI note is withheld whole."""

    title: str
    blocks: tuple[Block, ...]
    health_covered: bool = False

    def text(self) -> str:
        return plain_text(self.blocks)


@dataclass(frozen=True)
class Candidate:
    """One thing to withhold: a passage wherever it occurs, or (with `record_id`) a whole
    note's text."""

    reason: Reason
    passage: str
    record_id: str = ""

    @property
    def locked(self) -> bool:
        return self.reason in UNTICKABLE

    @property
    def whole_record(self) -> bool:
        return bool(self.record_id)


@dataclass(frozen=True)
class RedactedDocument:
    """A document after redaction: nothing withheld is in it. `count`: how many passages
    (occurrences) and whole notes were withheld."""

    title: str
    blocks: tuple[Block, ...]
    count: int = 0  # nothing else about what was withheld: not even the passages

    def text(self) -> str:
        return plain_text(self.blocks)


def plain_text(blocks: Iterable[Block]) -> str:
    return "\n".join(b.text for b in blocks)


@dataclass(frozen=True)
class Names:
    """The names the candidates are looked for: other children of this case (and youth
    attendees who are not the person whose record it is), reporters where recorded, and
    names of other families (from the other cases the vault holds)."""

    other_children: Sequence[str] = ()
    reporters: Sequence[str] = ()
    other_families: Sequence[str] = ()
    this_case: Sequence[str] = ()  # the names of this case's own people: never "other family"


def find_candidates(document: Document, names: Names) -> list[Candidate]:
    """The automatic candidates, in the order the dialog lists them: whole notes that must be
    withheld first, then names found in the document's text. A name is a candidate only when
    it (or a given name of a child) occurs in the document."""
    found: list[Candidate] = []
    for block in document.blocks:
        if block.style is not Style.BODY or not block.record_id:
            continue
        if block.privileged:
            found.append(Candidate(Reason.PRIVILEGED, block.text, block.record_id))
        elif block.health_information and not document.health_covered:
            found.append(Candidate(Reason.HEALTH_NOT_COVERED, block.text, block.record_id))
    text = document.text()
    loose = _loose(text)
    seen: set[str] = set()

    def add(reason: Reason, passage: str) -> None:
        key = _fold(passage)
        if key in seen or len(key.replace(" ", "")) < MIN_PASSAGE_CHARS:
            return
        # The loose look finds every place the pattern could match (and a few it would not),
        # so most absent names cost a substring search, not a regular expression.
        if _loose(passage) in loose and _pattern([passage]).search(text):
            seen.add(key)
            found.append(Candidate(reason, passage))

    own_words = {_fold(w) for n in names.this_case for w in n.split()}
    for name in names.reporters:
        add(Reason.REPORTER, name)
    for name in reported_names(text):
        add(Reason.REPORTER, name)
    for name in names.other_children:
        add(Reason.OTHER_CHILD, name)
        # "Sofia (3) found alone": a child is named by the given name alone more often than
        # not. The family name is the case's own and stays.
        for given in name.split()[:-1]:
            add(Reason.OTHER_CHILD, given)
    for name in names.other_families:
        add(Reason.OTHER_FAMILY, name)
        # Their surnames alone too ("Ms. Okafor"); a given name alone is too common a word
        # to withhold unasked.
        for part in name.split()[1:]:
            if _fold(part) not in own_words and len(part) >= 3:
                add(Reason.OTHER_FAMILY, part)
    return found


# "reported by Ana Ruiz", "the reporter, Ana Ruiz", "reportado por Ana Ruiz": the trigger in
# any case, then one to three capitalised words. What else a text says about a reporter is
# not recognised; the worker withholds it by hand.
_NAME_WORD = r"[A-ZÁÉÍÓÚÑÜ][\w'’\-]*"
_REPORTED = re.compile(
    r"(?i:\b(?:reported\s+by|referred\s+by|the\s+reporter(?:\s+was|\s+is)?,?|reporter:|"
    r"reportad[oa]\s+por|denunciad[oa]\s+por|la\s+persona\s+que\s+report[óo])\s+)"
    rf"({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
)


def reported_names(text: str) -> list[str]:
    return [m.group(1) for m in _REPORTED.finditer(text)]


def check_passage(passage: str) -> str:
    """A passage the worker adds, or a clear error."""
    cleaned = " ".join(passage.split())
    if MARKER.casefold() in cleaned.casefold():
        raise RedactionError(
            f"The selection includes text already withheld ({MARKER}). "
            "Select only text that is still shown.")
    if len(cleaned.replace(" ", "")) < MIN_PASSAGE_CHARS:
        raise RedactionError(
            f"Choose at least {MIN_PASSAGE_CHARS} letters or digits to withhold.")
    return cleaned


def redact(document: Document, passages: Iterable[Candidate | str]) -> RedactedDocument:
    """The document with every chosen passage (in any case, with any spacing, with or without
    accents) replaced by `MARKER`, and every note that must be withheld (privileged, or PHI
    the basis does not cover) replaced whole, whether or not it was among `passages`."""
    chosen = [p if isinstance(p, Candidate) else Candidate(Reason.WORKER, p)
              for p in passages]
    for c in chosen:
        if not c.whole_record:
            check_passage(c.passage)
    whole = {c.record_id for c in chosen if c.whole_record}
    whole |= {b.record_id for b in document.blocks if b.record_id and (
        b.privileged or (b.health_information and not document.health_covered))}
    texts = [c.passage for c in chosen if not c.whole_record]
    pattern = _pattern(texts) if texts else None
    count = 0
    blocks: list[Block] = []
    for block in document.blocks:
        if block.record_id in whole:
            blocks.append(replace(block, text=MARKER))
            count += 1
            continue
        text = unicodedata.normalize("NFC", block.text)
        if pattern is not None:
            text, n = _sub_outside_markers(pattern, text)
            count += n
        blocks.append(replace(block, text=text))
    title = unicodedata.normalize("NFC", document.title)
    if pattern is not None:
        title, n = _sub_outside_markers(pattern, title)
        count += n
    return RedactedDocument(title=title, blocks=tuple(blocks), count=count)


def _sub_outside_markers(pattern: re.Pattern[str], text: str) -> tuple[str, int]:
    # A marker already in the text (or one just written) is never matched again, so a passage
    # such as "held" does not eat into the markers themselves.
    pieces = text.split(MARKER)
    total = 0
    out = []
    for piece in pieces:
        new, n = pattern.subn(MARKER, piece)
        out.append(new)
        total += n
    return MARKER.join(out), total


# Letters that a name is written with or without: "Sofía" and "Sofia" are the same child.
_VARIANTS = {
    "a": "aáàâäãå", "e": "eéèêë", "i": "iíìîï", "o": "oóòôöõ", "u": "uúùûü",
    "n": "nñ", "c": "cç", "y": "yýÿ",
}


def _letter(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0].lower()
    variants = _VARIANTS.get(base)
    if variants is None:
        return re.escape(ch)
    return "[" + variants + variants.upper() + "]"


def _pattern(passages: Iterable[str]) -> re.Pattern[str]:
    """One pattern for all passages, longest first so a full name wins over a part of it;
    any run of whitespace in a passage matches any run in the text."""
    alternatives = []
    for passage in sorted({_fold(p) for p in passages}, key=len, reverse=True):
        words = unicodedata.normalize("NFC", passage).split()
        if words:
            alternatives.append(r"\s+".join("".join(_letter(c) for c in w) for w in words))
    if not alternatives:
        return re.compile(r"(?!)")
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _loose(text: str) -> str:
    """Without accents, case or spacing differences: looser than `_pattern` on purpose."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c))
    return " ".join(bare.split()).lower()


def _fold(text: str) -> str:
    # lower(), not casefold(): "ß" must stay one letter for the pattern built from it.
    return " ".join(unicodedata.normalize("NFC", text).split()).lower()
