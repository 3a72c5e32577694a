"""Text from devices made safe for an administrator's terminal.

A hostile laptop controls record content. Control characters (Cc) could drive the terminal
(escape sequences); format characters (Cf: bidi overrides and isolates, zero-width spaces
and joiners, the BOM, tag characters) could reorder or hide what the admin reads; line and
paragraph separators and lone surrogates (Zl, Zp, Cs) could break lines or the output itself.
All of them are shown as escapes (`\\x1b`, `\\u202e`), so what is printed is what is stored.
"""

from __future__ import annotations

import unicodedata

ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _escape(char: str) -> str:
    point = ord(char)
    if point < 0x100:
        return f"\\x{point:02x}"
    if point < 0x10000:
        return f"\\u{point:04x}"
    return f"\\U{point:08x}"


def safe(text: str, keep: str = "") -> str:
    """`text` with every character of an escaped category written as an escape, except
    those in `keep` (e.g. "\\n\\t" for multi-line output)."""
    if text.isascii() and text.isprintable():
        return text  # the common case, without a look-up per character
    return "".join(_escape(c) if c not in keep and unicodedata.category(c)
                   in ESCAPED_CATEGORIES else c for c in text)


def safe_lines(text: str) -> str:
    """For multi-line output: newlines and tabs stay, everything else is escaped."""
    return safe(text, keep="\n\t")
