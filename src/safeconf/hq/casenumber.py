"""Case numbers as HQ stores and compares them: one spelling per case, no look-alikes.

NFKC first (full-width `２０２６` and non-breaking spaces become plain ones), then every
character must be one of A–Z, a–z, 0–9, '-', '/', '.' or a space; runs of spaces become one,
the ends are trimmed, and letters are upper-cased. Anything else — Cyrillic or Greek letters
that look Latin, zero-width or bidi characters, accented letters — is refused, so two numbers
an admin cannot tell apart on screen are never two cases.
"""

from __future__ import annotations

import string
import unicodedata

from safeconf.domain.limits import MAX_NAME_CHARS

ALLOWED = frozenset(string.ascii_letters + string.digits + "-/. ")
ALLOWED_DESCRIPTION = "A–Z, 0–9, '-', '/', '.' and spaces"


class CaseNumberInvalid(ValueError):
    """Not a case number HQ accepts; the message names the offending character."""


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def normalise(text: str) -> str:
    """The one stored spelling of `text`, or `CaseNumberInvalid` saying why not."""
    folded = unicodedata.normalize("NFKC", text)
    for position, char in enumerate(folded, start=1):
        if char not in ALLOWED:
            raise CaseNumberInvalid(
                f"case number has {_describe(char)} at position {position}; only "
                f"{ALLOWED_DESCRIPTION} are allowed (look-alike letters from other scripts, "
                "invisible and direction characters are refused)")
    number = " ".join(folded.split()).upper()
    if not number:
        raise CaseNumberInvalid("case number is empty")
    if len(number) > MAX_NAME_CHARS:
        raise CaseNumberInvalid(f"case number is longer than {MAX_NAME_CHARS} characters")
    return number


def key(text: str) -> str:
    """What two case numbers are compared by: the normal form, or (for a number stored before
    normalisation existed, which may not pass) the text itself."""
    try:
        return normalise(text)
    except CaseNumberInvalid:
        return text
