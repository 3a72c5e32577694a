"""The legal review service on a real vault: a request is queued in the outbox, bad requests
change nothing, and each request's status follows the outbox and the answer pulled from HQ."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from safeconf.app.conferences import ConferenceService
from safeconf.app.legal_reviews import (
    LegalReviewDraft,
    LegalReviewService,
    ReviewState,
)
from safeconf.app.session import VaultSession
from safeconf.domain.disclosure_policy import (
    LEGAL_REVIEW_LINES,
    Outcome,
    Request,
    decide,
)
from safeconf.domain.disclosure_terms import Extent, HealthPurpose, Information, Mode, Recipient
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.records import LegalAnswer
from safeconf.domain.validation import FieldError
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from tests.support import disclosures

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def setting(data_dir: Path, no_keyring: SystemKeyring,
            fast_kdf: KdfParams) -> Iterator[tuple[LegalReviewService, str, VaultSession]]:
    session = VaultSession(data_dir, no_keyring, fast_kdf)
    session.create(PASSPHRASE, user="w.tester")
    case = ConferenceService(session).create_case("2026-0042", "Okonkwo")
    yield LegalReviewService(session), case.id, session
    session.lock()


def draft(case_id: str, **changes: object) -> LegalReviewDraft:
    made = LegalReviewDraft(
        case_id=case_id, information=Information.CHOSEN_NOTES, what="Two notes of 3 Nov 2026",
        mode=Mode.COPY, extent=Extent.PART, recipient=Recipient.OTHER_THIRD_PARTY,
        recipient_name="Mesa Housing Authority", policy_line="everything_else",
        proposed_redactions=(" Rowan ", "", "Lincoln Elementary", "Rowan"))
    return dataclasses.replace(made, **changes)  # type: ignore[arg-type]


def test_every_line_the_engine_sends_to_legal_is_one_a_request_may_name() -> None:
    seen = set()
    for info, recipient, open_, sealed, purpose in itertools.product(
            Information, Recipient, (True, False), (True, False), (None, *HealthPurpose)):
        decision = decide(Request(case_open=open_, sealed=sealed, person_id="p",
                                  information=info, mode=Mode.COPY, extent=Extent.WHOLE,
                                  recipient=recipient, recipient_name="X", on="2026-12-01",
                                  health_purpose=purpose))
        if decision.outcome is Outcome.LEGAL_REVIEW:
            seen.add(decision.basis.key)
    assert seen == LEGAL_REVIEW_LINES


def test_asking_legal_queues_the_request_with_the_question_and_cleaned_redactions(
        setting) -> None:
    service, case_id, session = setting
    before = session.vault.sync.pending_count()
    review = service.ask_legal(draft(case_id), "  May I send these to the landlord?\n")
    stored = session.vault.legal_reviews.get(review.id)
    assert stored == review
    assert stored.question == "May I send these to the landlord?"
    assert stored.proposed_redactions == ("Rowan", "Lincoln Elementary")
    assert stored.requested_by == "w.tester"
    assert session.vault.sync.pending_count() == before + 1
    assert session.vault.sync.unsent_ids("legal_review") == {review.id}
    [status] = service.for_case(case_id)
    assert status.review == review and status.answer is None
    assert status.state is ReviewState.QUEUED
    assert status.status == "Waiting for legal — not yet sent (next sync)"
    assert service.pending_count() == 1


def test_the_keyword_form_takes_the_case_id_and_the_fields(setting) -> None:
    service, case_id, session = setting
    fields = {f.name: getattr(draft(case_id), f.name)
              for f in dataclasses.fields(LegalReviewDraft) if f.name != "case_id"}
    review = service.ask_legal(case_id, question="May I?", **fields)
    assert session.vault.legal_reviews.get(review.id).recipient_name == "Mesa Housing Authority"


@pytest.mark.parametrize("question", ["", "   \n\t "])
def test_an_empty_question_is_refused_and_nothing_is_written(setting, question) -> None:
    service, case_id, session = setting
    before = session.vault.sync.pending_count()
    with pytest.raises(InvalidRecord, match="Write the question"):
        service.ask_legal(draft(case_id), question)
    assert session.vault.legal_reviews.for_case(case_id) == []
    assert session.vault.sync.pending_count() == before


@pytest.mark.parametrize("line", ["open.parent_or_guardian", "consent", "no.such.line"])
def test_a_disclosure_the_policy_allows_or_a_made_up_line_is_not_sent_to_legal(
        setting, line) -> None:
    service, case_id, session = setting
    with pytest.raises(InvalidRecord, match="does not send this disclosure to legal"):
        service.ask_legal(draft(case_id, policy_line=line), "May I?")
    assert session.vault.legal_reviews.for_case(case_id) == []


def test_the_vault_itself_refuses_a_review_naming_a_line_that_is_not_legals(setting) -> None:
    _service, case_id, session = setting
    with pytest.raises(FieldError, match=r"legal_review\.policy_line"):
        session.vault.legal_reviews.add(disclosures.review(
            case_id, policy_line="open.agency_staff"))
    assert session.vault.legal_reviews.for_case(case_id) == []


def test_a_review_for_a_case_this_laptop_does_not_hold_is_refused(setting) -> None:
    service, _case_id, session = setting
    with pytest.raises(Exception, match="does not exist"):
        service.ask_legal(draft("01900000-0000-7000-8000-000000000000"), "May I?")
    assert session.vault.legal_reviews.all() == []


def test_status_says_sent_once_hq_holds_it_and_then_shows_each_kind_of_answer(
        setting) -> None:
    service, case_id, session = setting
    vault = session.vault
    older = service.ask_legal(draft(case_id, what="An older ask"), "First?")
    newer = service.ask_legal(draft(case_id, what="A newer ask"), "Second?")
    assert [s.review.id for s in service.for_case(case_id)] == [newer.id, older.id]
    vault.sync.mark_pushed(vault.sync.pending(1000)[-1].seq, 0)
    assert [s.status for s in service.for_case(case_id)] == [
        "Waiting for legal — sent to HQ"] * 2

    refused = disclosures.answer(older, answer=LegalAnswer.REFUSE, redactions=(),
                                 advice="Do not send anything to the landlord.")
    vault.sync.apply_page([refused], new_cursor=vault.sync.cursor + 1)
    first, second = service.for_case(case_id)
    assert first.state is ReviewState.SENT and first.answer is None
    assert second.state is ReviewState.REFUSED and second.status == "Legal refused"
    assert second.answer == refused
    assert service.pending_count() == 1

    released = disclosures.answer(newer)
    vault.sync.apply_page([released], new_cursor=vault.sync.cursor + 1)
    first, _ = service.for_case(case_id)
    assert first.status == "Legal released it with redactions"
    assert first.answer is not None and first.answer.redactions == ("Lincoln",)
    assert service.pending_count() == 0


def test_an_answer_for_a_review_of_another_case_never_lands(setting) -> None:
    service, case_id, session = setting
    other = ConferenceService(session).create_case("2026-0043", "Alder")
    review = service.ask_legal(draft(case_id), "May I?")
    stray = disclosures.answer(review, case_id=other.id, answer=LegalAnswer.ADVICE,
                               redactions=())
    session.vault.sync.apply_page([stray], new_cursor=1)
    assert session.vault.legal_review_answers.all() == []
    assert service.for_case(case_id)[0].answer is None
