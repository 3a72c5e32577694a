"""Reading a scanned document from disk before it goes into a record: refused, before
anything is written, when it is too large or not a PDF, PNG, JPEG or TIFF file (the domain's
one check of a scan, `validation.optional_scan`, which every place a record lands applies
again). A leaf: the laptop's screens and HQ's command line read scans the same way."""

from __future__ import annotations

from pathlib import Path

from safeconf.domain.errors import InvalidRecord
from safeconf.domain.limits import MAX_SCANNED_FORM_BYTES
from safeconf.domain.validation import optional_scan

TOO_LARGE, NOT_A_SCAN, UNREADABLE = "too_large", "not_a_scan", "unreadable"


class ScanRefused(InvalidRecord):
    """The chosen file cannot be a scanned document; the message says why and `reason`
    says it for a screen that words it in its own language."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def read_scan(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise ScanRefused(UNREADABLE, f"{path.name} is not a file that can be imported.")
        size = path.stat().st_size
        if size > MAX_SCANNED_FORM_BYTES:
            raise ScanRefused(TOO_LARGE, (
                f"{path.name} is too large ({size:,} bytes; a scanned form may be at most "
                f"{MAX_SCANNED_FORM_BYTES:,}). Scan it again in greyscale or at a lower "
                "resolution. Nothing was stored."))
        with path.open("rb") as file:
            data = file.read(MAX_SCANNED_FORM_BYTES + 1)  # it may have grown since stat
    except OSError as exc:
        raise ScanRefused(UNREADABLE, f"{path.name} could not be read: "
                                      f"{exc.strerror or exc}") from exc
    problem = optional_scan(data)
    if problem is not None:
        reason = TOO_LARGE if len(data) > MAX_SCANNED_FORM_BYTES else NOT_A_SCAN
        raise ScanRefused(reason, f"{path.name} {problem}. Nothing was stored.")
    return data
