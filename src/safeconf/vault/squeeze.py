"""Long texts kept deflated on disk (vault migration 21): a note's record and a revision's
copy hold the note's whole text, and each save writes them again, so they are most of a
note's bytes. A text worth it is kept as its zlib stream (a BLOB); anything else stays the
text itself, and a TEXT is always read as it is. What a record is, and so what is hashed,
signed or sent, is always the text.

SQL reads them through `INFLATE_FUNCTION`, which every connection to a vault registers
(vault/database.py): `records.data` and `note_revision_records.data` are made with it.
`SQUEEZE_FUNCTION` is `squeeze` for the migration that deflated what was already written.
"""

from __future__ import annotations

import zlib

import sqlcipher3

from safeconf.domain.limits import MAX_RECORD_BYTES

INFLATE_FUNCTION = "safeconf_inflate"
SQUEEZE_FUNCTION = "safeconf_squeeze"
# Shorter texts gain too little for the time: a record's JSON is some 400 bytes of fields.
_WORTH_TRYING = 512
# A text the next save replaces is deflated from this length: it is kept once, not once a
# save, so a short one saves a few hundred bytes at the cost of inflating it at every read.
_WORTH_TRYING_QUICK = 4096
_LEVEL = 6  # zlib's default: level 9 saves 1-2 % more, at 1.4 times the time
# A text written again at every save (a note's record, which the next save replaces): a
# level some 3 % larger and three times faster (0.23 ms for 27 KB, not 0.65; level 1 is
# 12 % larger for 0.1 ms less).
_QUICK_LEVEL = 4
# A stream that would give more than this was not written by the vault: nothing it holds is
# larger than a record may be (a revision's delta included).
_MAX_INFLATED = 4 * MAX_RECORD_BYTES


class NotDeflated(ValueError):
    """A stored BLOB that is no zlib stream the vault wrote."""


def squeeze(text: str | bytes, quick: bool = False) -> str | bytes:
    """How `text` is kept: deflated when that saves at least a quarter of its bytes (a value
    already kept deflated stays as it is). `quick`: a text the next save replaces."""
    if not isinstance(text, str) or len(text) < (_WORTH_TRYING_QUICK if quick
                                                   else _WORTH_TRYING):
        return text
    raw = text.encode("utf-8")
    deflated = zlib.compress(raw, _QUICK_LEVEL if quick else _LEVEL)
    return deflated if len(deflated) * 4 <= len(raw) * 3 else text


def unsqueeze(value: object) -> object:
    """The text a stored value holds; anything not kept deflated (NULL, a text) as it is."""
    if not isinstance(value, bytes):
        return value
    stream = zlib.decompressobj()
    try:
        raw = stream.decompress(value, _MAX_INFLATED)
    except zlib.error as exc:
        raise NotDeflated("a stored value is not a zlib stream") from exc
    if stream.unconsumed_tail or not stream.eof:
        raise NotDeflated("a stored value is not a whole zlib stream of a text a vault holds")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotDeflated("a stored value does not deflate to UTF-8 text") from exc


def register(conn: sqlcipher3.Connection) -> None:
    """Give a connection the functions a vault's schema reads and writes with."""
    conn.create_function(INFLATE_FUNCTION, 1, unsqueeze, deterministic=True)
    conn.create_function(SQUEEZE_FUNCTION, 1, squeeze, deterministic=True)  # its best level
