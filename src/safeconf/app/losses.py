"""Reporting a loss or a breach of confidential information: filed inside the vault at once
(offline too), queued in the outbox and sent before any other record at the next sync, with
a receipt number for the reporter. From the lock screen a report is filed with the vault's
passphrase without unlocking the app: the vault is opened, written and closed again."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from safeconf.app.session import UnlockThrottled, VaultSession
from safeconf.domain.codec import type_name
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.ids import parse_utc
from safeconf.domain.records import BreachReport, LossKind, LossReport
from safeconf.domain.reports import receipt
from safeconf.vault.errors import RecordNotFound, WrongPassphrase
from safeconf.vault.vault import Vault


@dataclass(frozen=True)
class FiledReport:
    """A report on this laptop, with its receipt number and whether HQ holds it yet."""

    report: LossReport | BreachReport
    receipt: str
    sent: bool

    @property
    def kind(self) -> str:
        return "loss" if isinstance(self.report, LossReport) else "breach"


class LossReportService:
    def __init__(self, session: VaultSession) -> None:
        self._session = session

    def report_loss(self, lost: LossKind, happened_at: str, *, where: str = "",
                    stolen: bool = False, case_ids: Sequence[str] = (),
                    cases_unknown: bool = False, description: str = "",
                    this_laptop: bool = False, device_id: str = "") -> FiledReport:
        """File a loss in the open vault. `this_laptop` names this laptop (its HQ device
        id, once enrolled) as the lost device; `device_id` names another."""
        return self._file_loss(self._session.vault, lost, happened_at, where, stolen,
                               case_ids, cases_unknown, description, this_laptop, device_id)

    def report_breach(self, what: str, happened_at: str, *, who_may_have_received: str = "",
                      case_ids: Sequence[str] = (),
                      cases_unknown: bool = False) -> FiledReport:
        return self._file_breach(self._session.vault, what, happened_at,
                                 who_may_have_received, case_ids, cases_unknown)

    def report_loss_while_locked(self, passphrase: str, lost: LossKind, happened_at: str,
                                 **fields: object) -> FiledReport:
        """From the lock screen: the passphrase opens the vault just long enough to file
        the report. A wrong passphrase files nothing and counts towards the unlock
        back-off, as at unlocking."""
        with self._briefly_open(passphrase) as vault:
            return self._file_loss(vault, lost, happened_at, **fields)  # type: ignore[arg-type]

    def cases(self) -> list[tuple[str, str]]:
        """(case id, case number) of the vault's cases, for choosing the affected ones."""
        return sorted(((c.id, c.case_number) for c in self._session.vault.cases.all()),
                      key=lambda pair: pair[1])

    def cases_while_locked(self, passphrase: str) -> list[tuple[str, str]]:
        with self._briefly_open(passphrase) as vault:
            return sorted(((c.id, c.case_number) for c in vault.cases.all()),
                          key=lambda pair: pair[1])

    def reports(self) -> list[FiledReport]:
        """This laptop's reports, newest first, each with its receipt and sent state."""
        return _reports(self._session.vault)

    def case_ids_for_numbers(self, numbers: Sequence[str]) -> list[str]:
        by_number = {c.case_number: c.id for c in self._session.vault.cases.all()}
        missing = [n for n in numbers if n not in by_number]
        if missing:
            raise InvalidRecord("This laptop holds no case numbered "
                                + ", ".join(missing) + ".")
        return [by_number[n] for n in numbers]

    @contextmanager
    def _briefly_open(self, passphrase: str) -> Iterator[Vault]:
        session = self._session
        if session.is_open:
            yield session.vault
            return
        wait = session.throttle.seconds_to_wait()
        if wait > 0:
            raise UnlockThrottled(wait)
        try:
            vault = Vault.open(session.data_dir, passphrase, session.secrets)
        except WrongPassphrase:
            session.throttle.record_failure()
            raise
        session.throttle.record_success()
        try:
            yield vault
        finally:
            vault.close()

    def _file_loss(self, vault: Vault, lost: LossKind, happened_at: str, where: str = "",
                   stolen: bool = False, case_ids: Sequence[str] = (),
                   cases_unknown: bool = False, description: str = "",
                   this_laptop: bool = False, device_id: str = "") -> FiledReport:
        if this_laptop and device_id:
            raise InvalidRecord("Name either this laptop or another device, not both.")
        if (this_laptop or device_id) and lost is not LossKind.DEVICE:
            raise InvalidRecord("A device is named only when a device was lost.")
        if this_laptop:
            credentials = vault.sync.credentials()
            device_id = credentials.hq_device_id if credentials is not None else ""
        affected = _affected(vault, case_ids, cases_unknown)
        report = vault.loss_reports.add(LossReport(
            lost=lost, description=description.strip(), happened_at=_when(happened_at),
            where=where.strip(), stolen=stolen, affected_case_ids=affected,
            affected_unknown=cases_unknown, device_id=device_id.strip(),
            reported_by=vault.user))
        return FiledReport(report, receipt("loss_report", report.id), sent=False)

    def _file_breach(self, vault: Vault, what: str, happened_at: str,
                     who_may_have_received: str, case_ids: Sequence[str],
                     cases_unknown: bool) -> FiledReport:
        if not what.strip():
            raise InvalidRecord("Say what happened: what information went where it should "
                                "not.")
        affected = _affected(vault, case_ids, cases_unknown)
        report = vault.breach_reports.add(BreachReport(
            what=what.strip(), happened_at=_when(happened_at),
            who_may_have_received=who_may_have_received.strip(),
            affected_case_ids=affected, affected_unknown=cases_unknown,
            reported_by=vault.user))
        return FiledReport(report, receipt("breach_report", report.id), sent=False)


def _reports(vault: Vault) -> list[FiledReport]:
    filed: list[FiledReport] = []
    for repo in (vault.loss_reports, vault.breach_reports):
        found = repo.all()
        if not found:
            continue
        name = type_name(found[0])
        unsent = vault.sync.unsent_ids(name)
        filed.extend(FiledReport(r, receipt(name, r.id), r.id not in unsent) for r in found)
    return sorted(filed, key=lambda f: (f.report.reported_at, f.report.id), reverse=True)


def _affected(vault: Vault, case_ids: Sequence[str], unknown: bool) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(case_ids))
    if bool(chosen) == unknown:
        raise InvalidRecord("Choose the cases that may be affected, or say you do not know "
                            "which — one of the two.")
    for case_id in chosen:
        try:
            vault.cases.get(case_id)
        except RecordNotFound:
            raise InvalidRecord("One of the chosen cases is not on this laptop.") from None
    return chosen


def _when(happened_at: str) -> str:
    """A UTC time, not in the future (a minute's leeway for the clock the form read)."""
    try:
        moment = parse_utc(happened_at)
    except ValueError:
        raise InvalidRecord("Say when it happened: a date and time.") from None
    now = datetime.now(UTC)
    if moment > now + timedelta(minutes=1):
        raise InvalidRecord("That time is in the future: say when it happened, as near as "
                            "you can.")
    return min(moment, now).isoformat(timespec="microseconds")
