"""The loss report service on a real vault: reports are filed inside the vault (from the
lock screen too, with the passphrase), bad reports change nothing, and the outbox puts them
before every other change while keeping each group's order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from safeconf.app.conferences import ConferenceService
from safeconf.app.losses import LossReportService
from safeconf.app.session import VaultSession
from safeconf.domain.caseless import REPORT_TYPES
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.records import LossKind
from safeconf.domain.reports import receipt
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.errors import WrongPassphrase
from safeconf.vault.keys import KdfParams
from tests.conftest import PASSPHRASE

WHEN = "2026-11-30T18:00:00+00:00"


@pytest.fixture
def session(data_dir: Path, no_keyring: SystemKeyring,
            fast_kdf: KdfParams) -> Iterator[VaultSession]:
    session = VaultSession(data_dir, no_keyring, fast_kdf)
    session.create(PASSPHRASE, user="w.tester")
    yield session
    session.lock()


def test_a_loss_is_filed_in_the_vault_queued_and_given_its_receipt(
        session: VaultSession) -> None:
    case = ConferenceService(session).create_case("C-100", "Rivera")
    service = LossReportService(session)
    filed = service.report_loss(LossKind.USB_DRIVE, WHEN, where=" car park ",
                                case_ids=[case.id, case.id], description="blue stick")
    assert filed.receipt == receipt("loss_report", filed.report.id) and not filed.sent
    assert filed.report.affected_case_ids == (case.id,) and filed.report.where == "car park"
    assert filed.report.reported_by == "w.tester" and filed.report.case_id == ""
    assert session.vault.loss_reports.get(filed.report.id) == filed.report
    broke = service.report_breach("Minutes sent to the wrong school", WHEN,
                                  who_may_have_received="Lincoln office", cases_unknown=True)
    assert [r.kind for r in service.reports()] == ["breach", "loss"]
    assert broke.receipt.startswith("B-")
    assert service.case_ids_for_numbers(["C-100"]) == [case.id]
    with pytest.raises(InvalidRecord, match="C-404"):
        service.case_ids_for_numbers(["C-404"])


@pytest.mark.parametrize(("kwargs", "message"), [
    ({}, "one of the two"),
    ({"cases_unknown": True, "case_ids": ["11111111-1111-4111-8111-111111111111"]},
     "one of the two"),
    ({"case_ids": ["11111111-1111-4111-8111-111111111111"]}, "not on this laptop"),
    ({"cases_unknown": True, "this_laptop": True}, "only when a device"),
    ({"cases_unknown": True, "happened_at": "2999-01-01T00:00:00+00:00"}, "future"),
    ({"cases_unknown": True, "happened_at": "last week"}, "date and time"),
    ({"cases_unknown": True, "lost": LossKind.OTHER}, "description"),
])
def test_a_bad_report_is_refused_and_files_nothing(session: VaultSession,
                                                   kwargs: dict[str, object],
                                                   message: str) -> None:
    service = LossReportService(session)
    args = {"lost": LossKind.PAPER_NOTES, "happened_at": WHEN, **kwargs}
    with pytest.raises(InvalidRecord, match=message):
        service.report_loss(**args)  # type: ignore[arg-type]
    assert service.reports() == [] and session.vault.sync.pending_count() == 0


def test_this_laptop_unenrolled_names_no_device(session: VaultSession) -> None:
    filed = LossReportService(session).report_loss(LossKind.DEVICE, WHEN, this_laptop=True,
                                                   cases_unknown=True)
    assert filed.report.device_id == ""


def test_from_the_lock_screen_the_passphrase_files_the_report_and_the_vault_stays_locked(
        session: VaultSession) -> None:
    session.lock()
    service = LossReportService(session)
    with pytest.raises(WrongPassphrase):
        service.report_loss_while_locked("not it", LossKind.PAPER_NOTES, WHEN,
                                         cases_unknown=True)
    filed = service.report_loss_while_locked(PASSPHRASE, LossKind.PAPER_NOTES, WHEN,
                                             cases_unknown=True)
    assert not session.is_open
    session.unlock(PASSPHRASE)
    assert [r.report.id for r in service.reports()] == [filed.report.id]


def test_the_outbox_puts_reports_first_and_keeps_each_groups_order(
        session: VaultSession) -> None:
    conferences = ConferenceService(session)
    case = conferences.create_case("C-200", "Okafor")
    service = LossReportService(session)
    first = service.report_loss(LossKind.PAPER_NOTES, WHEN, cases_unknown=True)
    conferences.create_case("C-201", "Lee")
    second = service.report_breach("Sent to the wrong fax", WHEN, case_ids=[case.id])
    store = session.vault.sync
    before = [(i.record_type, i.data["id"]) for i in store.pending(100)]
    assert store.put_first(REPORT_TYPES) == 2
    after = [(i.record_type, i.data["id"]) for i in store.pending(100)]
    assert after[:2] == [("loss_report", first.report.id),
                         ("breach_report", second.report.id)]
    assert after[2:] == [p for p in before if p[0] not in REPORT_TYPES]
    assert [i.seq for i in store.pending(100)] == list(range(1, len(before) + 1))
    assert store.put_first(REPORT_TYPES) == 0  # already in order: nothing moves
    # Each row kept its audit event: the push can still prove every change.
    audit = {i.data["id"]: i.audit_seq for i in store.pending(100)}
    assert audit[first.report.id] < audit[second.report.id]
