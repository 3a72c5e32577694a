"""A question to legal, end to end with a real HQ process over mutual TLS: asked while HQ is
out of reach it waits in the outbox, goes at the next sync, legal answers with
`safeconf-hq legal-reviews answer`, and the laptop's next sync shows the answer."""

from __future__ import annotations

import pytest

from safeconf.app.legal_reviews import LegalReviewDraft, LegalReviewService, ReviewState
from safeconf.app.session import VaultSession
from safeconf.domain.disclosure_terms import Extent, Information, Mode, Recipient
from safeconf.domain.records import LegalAnswer
from safeconf.sync.engine import SyncEngine, enroll_vault
from safeconf.sync.errors import HQUnreachable
from tests.conftest import PASSPHRASE


def test_an_offline_request_reaches_hq_and_legals_answer_comes_back(
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
    service = LegalReviewService(session)
    review = service.ask_legal(LegalReviewDraft(
        case_id=case.id, information=Information.CONFERENCE_SUMMARY,
        what="Summary of the 3 Nov conference", mode=Mode.ORAL_SUMMARY, extent=Extent.WHOLE,
        recipient=Recipient.OTHER_THIRD_PARTY, recipient_name="Coach Rivera",
        policy_line="everything_else"), "The football coach asks how the boy is doing.")
    assert service.for_case(case.id)[0].state is ReviewState.QUEUED

    hq.start()  # back on new ports
    creds = vault.sync.credentials()
    assert creds is not None
    vault.sync.save_credentials(type(creds)(**{**creds.__dict__, "sync_url": hq.sync_url}))
    assert SyncEngine(vault, keyring_store).run().push_conflicts == 0
    assert service.for_case(case.id)[0].state is ReviewState.SENT
    listed = hq.admin("legal-reviews", "list", "--open", "--case", "HQ-100")
    assert review.id in listed

    hq.admin("legal-reviews", "answer", review.id, "--refuse", "--by", "legal.ortiz",
             "--advice", "Tell the coach nothing; the parents may speak to him.")
    SyncEngine(vault, keyring_store).run()
    [status] = service.for_case(case.id)
    assert status.state is ReviewState.REFUSED
    assert status.answer is not None and status.answer.answer is LegalAnswer.REFUSE
    assert status.answer.advice.startswith("Tell the coach nothing")
    assert status.answer.answered_by == "legal.ortiz"
    session.lock()
