"""A subpoena logged on a laptop comes back answered, end to end with a real HQ process over
mutual TLS: logged while HQ is out of reach it waits in the outbox with its document, goes at
the next sync, legal acknowledges, extends and releases with `safeconf-hq requests`, and the
laptop's next sync shows the answer, the new due day and what was released."""

from __future__ import annotations

from datetime import date

import pytest

from safeconf.app.legal_requests import Attachment, LegalRequestService
from safeconf.app.session import VaultSession
from safeconf.domain.business_days import add_business_days, agency_holidays
from safeconf.domain.legal_request_states import RequestState
from safeconf.domain.records import LegalAction, LegalRequestKind, RequesterBody
from safeconf.sync.engine import SyncEngine, enroll_vault
from safeconf.sync.errors import HQUnreachable
from tests.conftest import PASSPHRASE
from tests.support.legal_requests import PDF


def test_a_subpoena_logged_on_a_laptop_comes_back_answered(
        hq, tmp_path, keyring_store, fast_kdf) -> None:
    session = VaultSession(tmp_path / "laptop", keyring_store, fast_kdf)
    session.create(PASSPHRASE, user="w.alvarez")
    vault = session.vault
    enroll_vault(vault, hq.enrollment_code("w.alvarez"))
    SyncEngine(vault, keyring_store).run()
    case = next(c for c in vault.cases.all() if c.case_number == "HQ-100")

    hq.stop()
    with pytest.raises(HQUnreachable):
        SyncEngine(vault, keyring_store).run()
    service = LegalRequestService(session)
    received = date.today()
    request = service.log(
        case.id, kind=LegalRequestKind.SUBPOENA, requester="Clerk J. Diaz",
        requester_body="Family Court, Part 3", body_kind=RequesterBody.COURT,
        asked="All conference notes since March", received_on=received, business_days=10,
        attachments=[Attachment(PDF, "subpoena.pdf")])
    [queued] = service.for_case(case.id)
    assert queued.queued and queued.state is RequestState.OPEN

    hq.start()  # back on new ports
    creds = vault.sync.credentials()
    assert creds is not None
    vault.sync.save_credentials(type(creds)(**{**creds.__dict__, "sync_url": hq.sync_url}))
    assert SyncEngine(vault, keyring_store).run().push_conflicts == 0
    assert not service.for_case(case.id)[0].queued
    assert request.id in hq.admin("requests", "list", "--open", "--case", "HQ-100")
    # HQ's first administrator gives legal.ortiz the legal role.
    hq.admin("staff", "add", "hq.admin", "--email", "hq.admin@hq.example", "--role",
             "administrator")
    hq.admin("staff", "add", "legal.ortiz", "--email", "legal.ortiz@hq.example", "--role",
             "legal", "--as", "hq.admin")
    shown = hq.admin("requests", "show", request.id, "--as", "legal.ortiz")
    assert "All conference notes since March" in shown and "subpoena.pdf" in shown

    hq.admin("requests", "acknowledge", request.id, "--as", "legal.ortiz")
    hq.admin("requests", "extend", request.id, "--days", "5", "--reason",
             "The court allowed more time", "--as", "legal.ortiz")
    hq.admin("requests", "release", request.id, "--released",
             "Notes of 3 and 10 March; the foster address withheld", "--as", "legal.ortiz")
    SyncEngine(vault, keyring_store).run()
    [status] = service.for_case(case.id)
    assert status.state is RequestState.CLOSED
    assert status.answer is not None and status.answer.action is LegalAction.RELEASE
    assert status.released == "Notes of 3 and 10 March; the foster address withheld"
    assert status.due_on == add_business_days(
        date.fromisoformat(request.due_on), 5, agency_holidays()).isoformat()
    assert [e.by for e in status.events] == ["legal.ortiz"] * 3
    assert service.due() == []
    session.lock()
