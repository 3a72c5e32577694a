"""Legal review requests at a real HQ over mutual TLS (SQLite and PostgreSQL): a laptop's
request is stored and listed, legal's answer (service or `safeconf-hq legal-reviews`) reaches
the laptop at its next pull, and nobody but HQ can write an answer or answer twice."""

from __future__ import annotations

import dataclasses
import json
import threading
import uuid
from collections.abc import Callable

import pytest
from hq_harness import HQ, new_worker
from sqlalchemy import select

from safeconf.app.legal_reviews import LegalReviewDraft, LegalReviewService, ReviewState
from safeconf.app.session import VaultSession
from safeconf.domain.change_rules import PARENT_ELSEWHERE, judge_change
from safeconf.domain.disclosure_terms import Extent, Information, Mode, Recipient
from safeconf.domain.records import LegalAnswer
from safeconf.domain.statements import current_statements
from safeconf.hq import admin_audit, cases, legal_reviews, schema
from safeconf.hq.errors import AdminError
from safeconf.hq.sync.record_view import HQRecordView
from safeconf.sync import OutboxItem
from safeconf.sync.engine import SyncEngine
from safeconf.vault.device_secret import SystemKeyring
from tests.hq.test_push_pull import pull_all
from tests.support import disclosures


def _draft(case_id: str) -> LegalReviewDraft:
    return LegalReviewDraft(
        case_id=case_id, information=Information.CHOSEN_NOTES, what="Two notes of 3 Nov 2026",
        mode=Mode.COPY, extent=Extent.PART, recipient=Recipient.OTHER_THIRD_PARTY,
        recipient_name="Mesa Housing Authority", policy_line="everything_else",
        proposed_redactions=("Rowan",))


def _answers_at_hq(hq: HQ, case_id: str | None = None) -> int:
    r = schema.records
    return hq.count(r, r.c.type == "legal_review_answer",
                    *(() if case_id is None else (r.c.case_id == case_id,)))


def _pushed_review(hq: HQ, **changes: object) -> tuple[str, str, object]:
    """(worker, case id, review) with the review pushed by an enrolled device."""
    worker = new_worker()
    case_id = hq.add_case(worker)
    _, device = hq.device(worker)
    review = disclosures.review(case_id, **changes)
    assert device.push(str(uuid.uuid4()), [OutboxItem.of(1, review)]).conflicts == ()
    return worker, case_id, review


def test_a_queued_request_reaches_hq_and_legals_answer_comes_back_to_the_laptop(
    shared_hq: HQ, sessions: Callable[[str], VaultSession], keyring_store: SystemKeyring
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    laptop = sessions(worker)
    SyncEngine(laptop.vault, keyring_store).run()
    service = LegalReviewService(laptop)
    review = service.ask_legal(_draft(case_id), "The landlord asks for proof of services.")
    assert service.for_case(case_id)[0].state is ReviewState.QUEUED

    assert SyncEngine(laptop.vault, keyring_store).run().push_conflicts == 0
    assert service.for_case(case_id)[0].state is ReviewState.SENT
    [listed] = legal_reviews.list_reviews(shared_hq.db, open_only=True, case_id=case_id)
    assert listed.review_id == review.id and listed.is_open
    assert legal_reviews.show(shared_hq.db, review.id).review == review

    given = legal_reviews.answer(shared_hq.db, review.id, LegalAnswer.RELEASE_WITH_REDACTIONS,
                                 "Release them; withhold the school too.",
                                 ("Lincoln Elementary", " "), "legal.ortiz")
    assert given.redactions == ("Lincoln Elementary",)
    assert legal_reviews.list_reviews(shared_hq.db, open_only=True, case_id=case_id) == []

    SyncEngine(laptop.vault, keyring_store).run()
    [status] = service.for_case(case_id)
    assert status.state is ReviewState.RELEASED_WITH_REDACTIONS
    assert status.answer == given
    assert service.pending_count() == 0


def test_a_hostile_device_pushing_an_answer_is_refused_as_hq_authored(shared_hq: HQ) -> None:
    worker, case_id, review = _pushed_review(shared_hq)
    _, hostile = shared_hq.device(worker)
    _, honest = shared_hq.device(worker)
    forged = disclosures.answer(review)
    result = hostile.push(str(uuid.uuid4()), [OutboxItem.of(1, forged)])
    [conflict] = result.conflicts
    assert conflict.reason == "hq_authored" and result.acked_seq == 1
    assert _answers_at_hq(shared_hq, case_id) == 0
    with shared_hq.db.read() as conn:
        assert conn.execute(select(schema.records.c.id)
                            .where(schema.records.c.id == forged.id)).first() is None
    assert forged.id not in {i.record.id for i in pull_all(honest)[0]}
    assert legal_reviews.list_reviews(shared_hq.db, case_id=case_id)[0].is_open


def test_answers_to_a_missing_review_or_to_something_else_change_nothing(
        shared_hq: HQ) -> None:
    _, case_id, _review = _pushed_review(shared_hq)
    before = _answers_at_hq(shared_hq)
    with pytest.raises(AdminError, match="HQ has no legal review"):
        legal_reviews.answer(shared_hq.db, str(uuid.uuid4()), LegalAnswer.ADVICE, "No.", (),
                             "legal.ortiz")
    with pytest.raises(AdminError, match="not a legal review request"):
        legal_reviews.answer(shared_hq.db, case_id, LegalAnswer.ADVICE, "No.", (),
                             "legal.ortiz")
    with pytest.raises(AdminError, match="not a legal review id"):
        legal_reviews.answer(shared_hq.db, "42; drop table", LegalAnswer.ADVICE, "No.", (),
                             "legal.ortiz")
    assert _answers_at_hq(shared_hq) == before


def test_hq_refuses_an_answer_that_breaks_the_record_rules(shared_hq: HQ) -> None:
    _, case_id, review = _pushed_review(shared_hq)
    with pytest.raises(AdminError, match=r"legal_review_answer\.advice"):
        legal_reviews.answer(shared_hq.db, review.id, LegalAnswer.REFUSE, "  ", (), "legal.o")
    with pytest.raises(AdminError, match="only a release with redactions"):
        legal_reviews.answer(shared_hq.db, review.id, LegalAnswer.REFUSE, "No.", ("Rowan",),
                             "legal.o")
    with pytest.raises(AdminError, match="answered_by"):
        legal_reviews.answer(shared_hq.db, review.id, LegalAnswer.REFUSE, "No.", (), "")
    assert _answers_at_hq(shared_hq, case_id) == 0


def test_a_request_is_answered_once_and_never_in_a_sealed_case(shared_hq: HQ) -> None:
    _, case_id, review = _pushed_review(shared_hq)
    first = legal_reviews.answer(shared_hq.db, review.id, LegalAnswer.ADVICE, "Ask again "
                                 "with a signed release.", (), "legal.ortiz")
    with pytest.raises(AdminError, match=r"already answered .* by legal\.ortiz"):
        legal_reviews.answer(shared_hq.db, review.id, LegalAnswer.REFUSE, "No.", (), "legal.b")
    [row] = legal_reviews.list_reviews(shared_hq.db, case_id=case_id)
    assert row.answer == first

    _, sealed_case, other = _pushed_review(shared_hq)
    cases.set_sealed(shared_hq.db, shared_hq.case_number(sealed_case), True)
    with pytest.raises(AdminError, match="is sealed"):
        legal_reviews.answer(shared_hq.db, other.id, LegalAnswer.REFUSE, "No.", (), "legal.o")
    assert legal_reviews.list_reviews(shared_hq.db, case_id=sealed_case)[0].is_open


def test_hqs_view_refuses_an_answer_placed_in_another_case_than_its_review(
        shared_hq: HQ) -> None:
    _, _case_id, review = _pushed_review(shared_hq)
    other_case = shared_hq.add_case(new_worker())
    stray = disclosures.answer(review, case_id=other_case)
    with shared_hq.db.read() as conn:
        view = HQRecordView(conn)
        refusal = judge_change(stray, None, view, current_statements())
        assert judge_change(disclosures.answer(review), None, view,
                            current_statements()) is None
    assert refusal is not None and refusal.reason == PARENT_ELSEWHERE


def test_hq_refuses_a_pushed_request_about_a_disclosure_the_policy_allows(
        shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, device = shared_hq.device(worker)
    allowed = disclosures.review(case_id, policy_line="open.parent_or_guardian")
    with pytest.raises(Exception, match=r"legal_review\.policy_line"):
        device.push(str(uuid.uuid4()), [OutboxItem.of(1, allowed)])
    assert legal_reviews.list_reviews(shared_hq.db, case_id=case_id) == []


def test_the_command_lists_shows_escaped_and_answers(shared_hq: HQ) -> None:
    hostile = "May I send it?\nSigned \u202eevil\u200b"
    _, case_id, review = _pushed_review(shared_hq, question=hostile)
    number = shared_hq.case_number(case_id)

    listed = shared_hq.cli("legal-reviews", "list", "--open", "--case", number).stdout
    assert review.id in listed and number in listed and " open" in listed
    assert "Mesa Housing" not in listed and "May I" not in listed  # no content in the list

    shown = shared_hq.cli("legal-reviews", "show", review.id, "--as",
                          shared_hq.staff_member("legal")).stdout
    assert "Mesa Housing Authority" in shown and "- Rowan" in shown
    assert "\\u202eevil\\u200b" in shown and "\u202e" not in shown
    assert "none yet (open)" in shown

    bad = shared_hq.cli("legal-reviews", "answer", review.id, "--advice", "No.", "--refuse",
                        "--withhold", "Rowan", "--by", "legal.ortiz", check=False)
    assert bad.returncode == 1 and "--release-with-redactions" in bad.stderr
    neither = shared_hq.cli("legal-reviews", "answer", review.id, "--advice", "No.", "--by",
                            "legal.ortiz", check=False)
    assert neither.returncode == 2
    assert _answers_at_hq(shared_hq, case_id) == 0

    done = shared_hq.cli("legal-reviews", "answer", review.id, "--advice", "Send it.",
                         "--release-with-redactions", "--withhold", "Lincoln", "--by",
                         "legal.ortiz")
    assert f"Legal review {review.id} answered (release with redactions)" in done.stdout
    shown = shared_hq.cli("legal-reviews", "show", review.id, "--as",
                          shared_hq.staff_member("legal")).stdout
    assert "release with redactions" in shown and "by legal.ortiz" in shown
    assert "- Lincoln" in shown and "Send it." in shown
    assert shared_hq.cli("legal-reviews", "list", "--open", "--case", number).stdout.strip() \
        == f"No open legal review requests for case {number}."
    missing = shared_hq.cli("legal-reviews", "list", "--case", "NO-SUCH-1", check=False)
    assert missing.returncode == 1 and "HQ has no case" in missing.stderr

    again = shared_hq.cli("legal-reviews", "answer", review.id, "--advice", "No.",
                          "--refuse", "--by", "legal.b", check=False)
    assert again.returncode == 1 and "already answered" in again.stderr
    with shared_hq.db.read() as conn:
        stored = [json.loads(d) for d in conn.execute(
            select(schema.records.c.data).where(
                schema.records.c.type == "legal_review_answer",
                schema.records.c.case_id == case_id)).scalars()]
    assert [(a["answer"], a["answered_by"]) for a in stored] == [
        ("release_with_redactions", "legal.ortiz")]


def test_a_request_from_a_laptop_keeps_its_fields_through_hq(shared_hq: HQ) -> None:
    _, _case_id, review = _pushed_review(shared_hq, record_ids=(str(uuid.uuid4()),))
    detail = legal_reviews.show(shared_hq.db, review.id)
    assert dataclasses.asdict(detail.review) == dataclasses.asdict(review)
    assert detail.answer is None and not detail.sealed


def test_two_answers_at_the_same_moment_store_exactly_one(shared_hq: HQ) -> None:
    _, case_id, review = _pushed_review(shared_hq)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def answer(by: str) -> None:
        start.wait()
        try:
            legal_reviews.answer(shared_hq.db, review.id, LegalAnswer.REFUSE, "No.", (), by)
            outcomes.append("stored")
        except AdminError as exc:
            outcomes.append("refused" if "already answered" in str(exc) else str(exc))

    threads = [threading.Thread(target=answer, args=(f"legal.{n}",)) for n in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["refused", "stored"]
    assert _answers_at_hq(shared_hq, case_id) == 1


def test_show_needs_a_legal_reader_and_records_the_read_first(shared_hq: HQ) -> None:
    _, _, review = _pushed_review(shared_hq)
    unnamed = shared_hq.cli("legal-reviews", "show", review.id, check=False)
    assert unnamed.returncode == 2 and "--as" in unnamed.stderr
    for reader in (shared_hq.staff_member("administrator", "hq.admin"), "not.on.staff"):
        refused = shared_hq.cli("legal-reviews", "show", review.id, "--as", reader,
                                check=False)
        assert refused.returncode == 1 and "legal or legal_director" in refused.stderr
        assert "Mesa Housing" not in refused.stdout + refused.stderr
    unknown = shared_hq.cli("legal-reviews", "show", str(uuid.uuid4()), "--as",
                            shared_hq.staff_member("legal"), check=False)
    assert unknown.returncode == 1
    assert admin_audit.list_events(shared_hq.db, subject=review.id) == []

    director = shared_hq.staff_member("legal_director")
    shown = shared_hq.cli("legal-reviews", "show", review.id, "--as", director).stdout
    assert "Mesa Housing Authority" in shown
    (event,) = admin_audit.list_events(shared_hq.db, subject=review.id)
    assert (event.actor, event.action, event.subject_type) == (director, "read",
                                                               "legal_review")
