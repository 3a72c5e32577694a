"""Size limits every place a record lands agrees on (the vault, the sync client and HQ).

Stated in docs/sync-protocol.md §3; a change here is a protocol change.
"""

from __future__ import annotations

MAX_NOTE_CHARS = 200_000  # about 60 pages: far past any real section, small enough to sync
# A note revision's delta (JSON, domain.revisions): room for a whole note's text inserted at
# once with every character escaped, inside MAX_RECORD_BYTES.
MAX_DELTA_CHARS = 2 * MAX_NOTE_CHARS + 10_000
MAX_NAME_CHARS = 200  # a person's name, a case number, a role label
MAX_TEXT_CHARS = 4_000  # a short free-text field: a location, a summary, a description
MAX_SIGNATURE_PNG_BYTES = 256 * 1024  # a drawn signature is 5-40 KiB; 256 KiB is generous
MAX_RECORD_BYTES = 1024 * 1024  # a whole record as canonical JSON (UTF-8)
# A scanned signed consent form travels inside its record as base64 (4/3 of its size), so
# it must leave room within MAX_RECORD_BYTES for the consent's other fields: 640 KiB is a
# few pages scanned in greyscale at 150 dpi. A consent carries a scan or a drawn signature,
# never both.
MAX_SCANNED_FORM_BYTES = 640 * 1024

# A pull page carries at most this many bytes of record data; one record larger than the
# budget is still sent, alone, so a laptop always makes progress. Well under the client's
# 64 MiB answer limit even then (one record is at most MAX_RECORD_BYTES).
PULL_PAGE_BYTES = 4 * 1024 * 1024
