"""Reading a scanned signed form from disk before it goes into the vault (the reading and
its refusals are `safeconf.scan_files`'s, shared with HQ's command line)."""

from __future__ import annotations

from pathlib import Path

from safeconf.app.consents import ScannedForm
from safeconf.scan_files import NOT_A_SCAN, TOO_LARGE, UNREADABLE, ScanRefused, read_scan

__all__ = ["NOT_A_SCAN", "TOO_LARGE", "UNREADABLE", "ScanRefused", "read_scanned_form"]


def read_scanned_form(path: Path) -> ScannedForm:
    return ScannedForm(data=read_scan(path), file_name=path.name)
