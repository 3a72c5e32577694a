"""Note revisions kept as deltas (DESIGN §2: every save is kept, nothing is overwritten).

A revision is either a full copy of the note's text (a snapshot) or a delta against the
revision it names as its base; every revision carries the SHA-256 of its whole text, so a
reconstruction is checked wherever a revision lands and whenever history is verified.

A delta is a JSON array of operations applied to the base text from its start: a positive
number keeps that many characters, a negative one deletes that many, a string inserts
itself. The operations must cover the base exactly. `diff-match-patch` (Apache-2.0) finds
the edit; the format is ours so that applying one is exact, fast and strictly checked.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import TYPE_CHECKING

from diff_match_patch import diff_match_patch

from safeconf.domain.errors import InvalidRecord
from safeconf.domain.limits import MAX_NOTE_CHARS

if TYPE_CHECKING:
    from safeconf.domain.records import NoteRevision

# A checkpoint every this many revisions: reading any revision applies at most this many
# deltas minus one after the checkpoint it goes back to.
SNAPSHOT_EVERY = 200
# A checkpoint is a delta against the checkpoint before it (the edits of the revisions
# between, composed), not a copy of a long note, while its chain back to a copy is at most
# this many links: so reading any revision applies at most SNAPSHOT_EVERY - 1 + this many.
CHECKPOINT_DEPTH = 8
# A delta never holds more operations than this (a real edit between two saves is a handful).
MAX_DELTA_OPS = 20_000
# How long a diff may search for the smallest edit before settling for a larger one.
_DIFF_SECONDS = 0.05
# A changed stretch shorter than this is kept whole: a closer look would save a few bytes.
_WORTH_DIFFING = 256

Op = int | str


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_delta(old: str, new: str) -> str:
    """The delta that turns `old` into `new`. A save usually changes one stretch of the
    text (typing, deleting, a word replaced): what lies before and after it is kept as is.
    Only a long changed stretch that shares text with what it replaces (a replace-all, two
    edits far apart) is worth diff-match-patch's closer look; unrelated text is not, and
    there its search costs tens of milliseconds for nothing."""
    differ = diff_match_patch()
    head = differ.diff_commonPrefix(old, new)
    tail = differ.diff_commonSuffix(old[head:], new[head:])
    was, now = old[head:len(old) - tail], new[head:len(new) - tail]
    ops: list[Op] = [head] if head else []
    if was and now and len(was) + len(now) > _WORTH_DIFFING and _shares_text(was, now):
        differ.Diff_Timeout = _DIFF_SECONDS
        for kind, chunk in differ.diff_main(was, now, len(was) + len(now) > 20_000):
            if kind == differ.DIFF_EQUAL:
                ops.append(len(chunk))
            elif kind == differ.DIFF_DELETE:
                ops.append(-len(chunk))
            else:
                ops.append(chunk)
    else:
        if was:
            ops.append(-len(was))
        if now:
            ops.append(now)
    if tail:
        ops.append(tail)
    return json.dumps(ops, ensure_ascii=False, separators=(",", ":"))


def _shares_text(was: str, now: str, probes: int = 16, width: int = 16) -> bool:
    """Whether much of `now` appears in `was`: a few evenly spaced pieces looked up."""
    if len(now) < width:
        return now in was
    step = max(1, (len(now) - width) // (probes - 1))
    pieces = [now[at:at + width] for at in range(0, len(now) - width + 1, step)][:probes]
    return sum(piece in was for piece in pieces) * 2 >= len(pieces)


def parse_delta(delta: str) -> list[Op]:
    """The operations of a delta, or InvalidRecord saying what is wrong with its form."""
    try:
        ops = json.loads(delta)
    except (ValueError, RecursionError) as exc:
        raise InvalidRecord("A revision's delta is not in the expected form.") from exc
    if not isinstance(ops, list) or len(ops) > MAX_DELTA_OPS:
        raise InvalidRecord("A revision's delta must be a list of at most "
                            f"{MAX_DELTA_OPS:,} operations.")
    for op in ops:
        if isinstance(op, bool) or not isinstance(op, int | str) or op == 0 or op == "":
            raise InvalidRecord("A revision's delta holds an operation that is not a "
                                "non-zero count or inserted text.")
    return ops


def apply_delta(base: str, delta: str | list[Op]) -> str:
    """`base` with the delta applied; InvalidRecord if the delta does not fit that text."""
    ops = parse_delta(delta) if isinstance(delta, str) else delta
    out: list[str] = []
    at = 0
    for op in ops:
        if isinstance(op, str):
            out.append(op)
        elif op > 0:
            if at + op > len(base):
                raise InvalidRecord("A revision's delta runs past the end of the text it "
                                    "was made from.")
            out.append(base[at:at + op])
            at += op
        else:
            at -= op
            if at > len(base):
                raise InvalidRecord("A revision's delta runs past the end of the text it "
                                    "was made from.")
    if at != len(base):
        raise InvalidRecord("A revision's delta does not cover the whole text it was made "
                            "from.")
    return "".join(out)


@dataclass(frozen=True)
class Anchor:
    """The checkpoint a new checkpoint may be a delta against: its id and text, and the
    deltas of the revisions since it, oldest first (the last of them the note's latest)."""

    revision_id: str
    text: str
    deltas_since: tuple[str, ...]


@dataclass(frozen=True)
class RevisionForm:
    """How a new revision keeps its text: as a copy (`base_id` None, `body` the text) or as
    a delta against `base_id`."""

    base_id: str | None
    body: str
    delta: str
    sha256: str


def form_for(number: int, text: str, base_id: str | None, base_text: str | None,
             anchor: Anchor | None = None) -> RevisionForm:
    """Revision `number` of a note whose text is now `text`. `base_id`/`base_text` name the
    latest revision and its text when that text is what the note held before this save
    (otherwise there is nothing to make a delta against, and the revision is a copy). A
    checkpoint is a delta against `anchor` when that is less than half a copy's size (a
    note edited here and there), else a copy (a note that grew: the delta would be it)."""
    digest = text_sha256(text)
    if base_id is None or base_text is None:
        return RevisionForm(None, text, "", digest)
    if (number - 1) % SNAPSHOT_EVERY:
        return RevisionForm(base_id, "", make_delta(base_text, text), digest)
    if anchor is not None:
        try:
            delta = compose(anchor.text, [*anchor.deltas_since, make_delta(base_text, text)])
            if delta is not None and len(delta) * 2 < len(text):
                text_of(anchor.text, delta, digest)  # checked: a save is never unreadable
                return RevisionForm(anchor.revision_id, "", delta, digest)
        except InvalidRecord:
            pass  # a history that does not add up to this text: the copy needs none of it
    return RevisionForm(None, text, "", digest)


# A stretch of the text being composed: (start, end) of the base text, or inserted text.
_Piece = tuple[int, int] | str


def compose(base: str, deltas: Iterable[str]) -> str | None:
    """One delta doing what `deltas` do one after another to `base`, found by following
    which stretches of `base` survive them (no search for the edit, so exact and quick);
    None when it would hold more than MAX_DELTA_OPS operations. InvalidRecord if a delta
    does not fit the text it is applied to."""
    pieces: list[_Piece] = [(0, len(base))] if base else []
    for delta in deltas:
        pieces = _applied_to_pieces(pieces, parse_delta(delta))
    ops: list[Op] = []
    at = 0
    for piece in pieces:
        # A delta keeps the stretches of its text in order, so the kept stretches of
        # `base` come in order too: what lies between two was deleted.
        if isinstance(piece, str):
            _push(ops, piece)
        else:
            if piece[0] > at:
                _push(ops, at - piece[0])
            _push(ops, piece[1] - piece[0])
            at = piece[1]
    if at < len(base):
        _push(ops, at - len(base))
    if len(ops) > MAX_DELTA_OPS:
        return None
    return json.dumps(ops, ensure_ascii=False, separators=(",", ":"))


def _applied_to_pieces(pieces: list[_Piece], ops: list[Op]) -> list[_Piece]:
    starts = list(accumulate((p[1] - p[0] if isinstance(p, tuple) else len(p)
                              for p in pieces), initial=0))
    out: list[_Piece] = []
    at = 0
    for op in ops:
        if isinstance(op, str):
            out.append(op)
        elif op > 0:
            if at + op > starts[-1]:
                raise InvalidRecord("A revision's delta runs past the end of the text it "
                                    "was made from.")
            first = bisect_right(starts, at) - 1
            last = bisect_left(starts, at + op) - 1
            if first == last:
                out.append(_cut(pieces[first], at - starts[first], at + op - starts[first]))
            else:
                out.append(_cut(pieces[first], at - starts[first], starts[first + 1]
                                - starts[first]))
                out.extend(pieces[first + 1:last])
                out.append(_cut(pieces[last], 0, at + op - starts[last]))
            at += op
        else:
            at -= op
    if at != starts[-1]:
        raise InvalidRecord("A revision's delta does not cover the whole text it was made "
                            "from.")
    return out


def _cut(piece: _Piece, start: int, end: int) -> _Piece:
    return piece[start:end] if isinstance(piece, str) else (piece[0] + start, piece[0] + end)


def _push(ops: list[Op], op: Op) -> None:
    """Append an operation, joined to the last when both keep, delete or insert."""
    last = ops[-1] if ops else None
    both_text = isinstance(op, str) and isinstance(last, str)
    both_counts = isinstance(op, int) and isinstance(last, int) and (op > 0) == (last > 0)
    if both_text or both_counts:
        ops[-1] = last + op  # type: ignore[operator]
    else:
        ops.append(op)


def check_form(base_id: str | None, body: str, delta: str, sha256: str) -> None:
    """The checks a revision passes on its own, before its base is looked up: a copy holds
    its text (and, when it names one, the hash of that text); a delta holds no text, a
    well-formed delta and the hash its result must have."""
    if base_id is None:
        if delta:
            raise InvalidRecord("A revision that is a full copy holds no delta.")
        if sha256 and sha256 != text_sha256(body):
            raise InvalidRecord("A revision's text does not match its SHA-256.")
        return
    if body:
        raise InvalidRecord("A revision kept as a delta holds no text of its own.")
    if not sha256:
        raise InvalidRecord("A revision kept as a delta names the SHA-256 of its text.")
    parse_delta(delta)


def text_of(base_text: str, delta: str, sha256: str) -> str:
    """A delta revision's text, checked against its hash (InvalidRecord if it differs)."""
    text = apply_delta(base_text, delta)
    # A delta may insert twice a note's length (a replace-all): what it gives must still be
    # text a note can hold, or a chain of them grows without bound at HQ and on laptops.
    if len(text) > MAX_NOTE_CHARS:
        raise InvalidRecord("A revision's delta gives a text longer than a note may be.")
    if text_sha256(text) != sha256:
        raise InvalidRecord("A revision's delta does not give the text its SHA-256 names.")
    return text


def replay(chain: Iterable[tuple[str, str]], snapshot: str) -> str:
    """The text at the end of `chain` — (delta, sha256) pairs oldest first — applied on
    `snapshot`; only the last result is hashed (check_history verifies each step)."""
    text = snapshot
    last = ""
    for delta, sha256 in chain:
        text = apply_delta(text, delta)
        last = sha256
    if last and text_sha256(text) != last:
        raise InvalidRecord("A revision's delta does not give the text its SHA-256 names.")
    return text


def text_hash(body: str, base_id: str | None, sha256: str) -> str:
    """The SHA-256 of a revision's whole text, however it is kept (a copy written before
    hashes existed carries none: its body is the text)."""
    return sha256 if sha256 or base_id is not None else text_sha256(body)


def same_save(a: NoteRevision, b: NoteRevision) -> bool:
    """Two copies of one revision, however each keeps its text: a laptop compacts the
    copies it wrote before deltas (vault/compaction.py) while HQ keeps them as sent."""
    form = {"body": "", "base_id": None, "delta": "", "sha256": ""}
    return (replace(a, **form) == replace(b, **form)  # type: ignore[arg-type]
            and text_hash(a.body, a.base_id, a.sha256) == text_hash(b.body, b.base_id,
                                                                     b.sha256))


class MissingRevision(InvalidRecord):
    """A revision a chain of deltas goes back through is not held (it may still arrive)."""


@dataclass(frozen=True)
class Link:
    """What rebuilding needs of one stored revision: its base, and its delta or its text."""

    base_id: str | None
    delta: str
    body: str
    sha256: str


def rebuild(revision_id: str, link: Callable[[str], Link | None],
            remembered: Mapping[str, str], max_chain: int) -> str:
    """The whole text of a revision: its deltas followed back to a copy (or to a text
    already `remembered`), then applied forward. InvalidRecord names what is wrong: a
    revision not held (MissingRevision), a chain longer than `max_chain`, or a delta that
    does not fit."""
    chain: list[tuple[str, str]] = []
    at: str | None = revision_id
    while at is not None and at not in remembered:
        found = link(at)
        if found is None:
            raise MissingRevision(f"it is built on revision {at}, which is not held here.")
        if found.base_id is None:
            return replay(reversed(chain), found.body)
        chain.append((found.delta, found.sha256))
        if len(chain) > max_chain:
            raise InvalidRecord("it is built on too long a chain of deltas.")
        at = found.base_id
    return replay(reversed(chain), remembered[at] if at is not None else "")
