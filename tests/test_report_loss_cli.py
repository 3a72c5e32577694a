"""`safeconf report-loss` / `report-breach` end to end: a real vault, a real process, the
receipt printed, and bad input refused with nothing filed."""

from __future__ import annotations

from pathlib import Path

from safeconf.domain.records import Case
from safeconf.domain.reports import receipt
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.test_cli import initialised, safeconf  # noqa: F401  (the fixture)


def _reports(data_dir: Path, keyring_store) -> list:
    vault = Vault.open(data_dir, PASSPHRASE, keyring_store)
    try:
        return [*vault.loss_reports.all(), *vault.breach_reports.all()]
    finally:
        vault.close()


def test_a_loss_is_filed_and_its_receipt_printed(initialised: Path,  # noqa: F811
                                                 keyring_store) -> None:
    vault = Vault.open(initialised, PASSPHRASE, keyring_store)
    try:
        case = vault.cases.add(Case(case_number="R-100", family_name="Alder"))
    finally:
        vault.close()
    done = safeconf("--data-dir", str(initialised), "report-loss", "--what", "paper_notes",
                    "--when", "2026-11-30T18:00", "--where", "bus 14", "--stolen",
                    "--case", "R-100", "--description", "a folder")
    assert done.returncode == 0, done.stderr
    [report] = _reports(initialised, keyring_store)
    assert receipt("loss_report", report.id) in done.stdout
    assert report.affected_case_ids == (case.id,) and report.stolen
    assert report.where == "bus 14" and report.reported_by == "w.cli"


def test_a_breach_is_filed_with_cases_unknown(initialised: Path,  # noqa: F811
                                              keyring_store) -> None:
    done = safeconf("--data-dir", str(initialised), "report-breach", "--what",
                    "minutes sent to the wrong school", "--cases-unknown")
    assert done.returncode == 0, done.stderr
    [report] = _reports(initialised, keyring_store)
    assert receipt("breach_report", report.id) in done.stdout


def test_bad_input_is_refused_and_files_nothing(initialised: Path,  # noqa: F811
                                                keyring_store) -> None:
    for args, says in (
        (("--what", "usb_drive", "--case", "NOPE"), "no case numbered NOPE"),
        (("--what", "usb_drive", "--cases-unknown", "--when", "soon"), "not a date"),
        (("--what", "usb_drive", "--cases-unknown", "--when", "2999-01-01T00:00"), "future"),
        (("--what", "paper_notes", "--cases-unknown", "--this-laptop"), "only when a device"),
    ):
        done = safeconf("--data-dir", str(initialised), "report-loss", *args)
        assert done.returncode == 1 and says in done.stderr, done.stderr
    done = safeconf("--data-dir", str(initialised), "report-loss", "--what", "usb_drive",
                    "--cases-unknown", passphrase="wrong passphrase")
    assert done.returncode == 1
    assert _reports(initialised, keyring_store) == []
