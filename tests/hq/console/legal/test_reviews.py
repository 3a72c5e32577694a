"""Legal review requests in the console: the queue, one request with its redacted-copy
preview (an audited read), and legal's answer, given once."""

from __future__ import annotations

import re

from safeconf.domain.records import LegalAnswer
from safeconf.hq import cases, legal_reviews, schema
from tests.hq.console.legal.support import pushed_review, reads_of
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient

WITHHELD = '<span class="redacted">[withheld]</span>'


def _answers(hq: HQ, case_id: str) -> int:
    r = schema.records
    return hq.count(r, r.c.type == "legal_review_answer", r.c.case_id == case_id)


def _preview(html: str) -> str:
    found = re.search(r'<div class="content preview">(.*?)</div>', html, re.S)
    assert found, "no preview on the page"
    return found.group(1)


def test_the_queue_lists_open_requests_first_and_filters_to_open_only(
        client: ConsoleClient, console_hq: HQ) -> None:
    _answered_case, answered = pushed_review(console_hq)
    legal_reviews.answer(console_hq.db, answered.id, LegalAnswer.ADVICE, "No.", (), "l.x")
    open_case, still_open = pushed_review(console_hq)
    client.sign_in_as(console_hq.staff_member("legal", "legal.lister"))

    page = client.get("/legal/reviews")
    assert page.status_code == 200
    assert page.text.index(still_open.id) < page.text.index(answered.id)
    assert console_hq.case_number(open_case) in page.text
    assert still_open.question not in page.text  # the list shows no content
    assert reads_of(console_hq, "legal_review_list", "all")[-1].actor == "legal.lister"

    only_open = client.get("/legal/reviews?open=1").text
    assert still_open.id in only_open and answered.id not in only_open


def test_a_request_shows_in_full_with_the_redacted_copy_and_the_read_is_audited(
        client: ConsoleClient, console_hq: HQ) -> None:
    _case_id, review = pushed_review(console_hq)
    reader = console_hq.staff_member("legal")
    client.sign_in_as(reader)
    before = len(reads_of(console_hq, "legal_review", review.id))

    page = client.get(f"/legal/reviews/{review.id}")
    assert page.status_code == 200
    assert review.question in page.text and "Mesa Housing Authority" in page.text
    shown = _preview(page.text)
    # The worker's proposed passages ("Rowan", "Lincoln Elementary") are withheld by the
    # domain's redaction; the rest of the note is there.
    assert "Rowan" not in shown and "Lincoln Elementary" not in shown
    assert shown.count(WITHHELD) == 2 and "the counselor there sees him weekly" in shown
    reads = reads_of(console_hq, "legal_review", review.id)
    assert len(reads) == before + 1 and reads[-1].actor == reader
    assert page.headers["cache-control"] == "no-store"


def test_the_preview_with_legals_extra_passages_changes_nothing_stored(
        client: ConsoleClient, console_hq: HQ) -> None:
    case_id, review = pushed_review(console_hq)
    client.sign_in_as(console_hq.staff_member("legal"))
    page = client.submit(f"/legal/reviews/{review.id}", f"/legal/reviews/{review.id}/preview",
                         {"answer": "release_with_redactions", "advice": "Fine.",
                          "withhold": "Dana\ncounselor"})
    assert page.status_code == 200
    shown = _preview(page.text)
    assert "Dana" not in shown and "counselor" not in shown and shown.count(WITHHELD) == 4
    assert "Dana\ncounselor" in page.text  # the form keeps what was typed
    assert _answers(console_hq, case_id) == 0


def test_legal_answers_with_a_release_and_extra_passages_once(
        client: ConsoleClient, console_hq: HQ) -> None:
    case_id, review = pushed_review(console_hq)
    officer = console_hq.staff_member("legal")
    client.sign_in_as(officer)
    done = client.submit(f"/legal/reviews/{review.id}", f"/legal/reviews/{review.id}/answer",
                         {"answer": "release_with_redactions",
                          "advice": "Release it without the school.", "withhold": "Dana"})
    assert done.status_code == 303
    page = client.follow(done)
    assert "The answer was stored (release with redactions)" in page.text
    assert "Send the answer" not in page.text  # answered once: no form any more
    assert "Dana" not in _preview(page.text)
    answer = legal_reviews.show(console_hq.db, review.id).answer
    assert answer is not None and answer.answered_by == officer
    assert answer.redactions == ("Dana",) and answer.answer is LegalAnswer.RELEASE_WITH_REDACTIONS

    again = client.post(f"/legal/reviews/{review.id}/answer",
                        {"answer": "refuse", "advice": "Changed my mind."},
                        csrf=client.csrf(f"/legal/reviews/{review.id}"))
    assert again.status_code == 409 and "already answered" in again.text
    assert 'role="alert"' in again.text
    assert _answers(console_hq, case_id) == 1


def test_an_answer_without_advice_or_with_passages_but_no_release_is_refused_and_kept(
        client: ConsoleClient, console_hq: HQ) -> None:
    case_id, review = pushed_review(console_hq)
    client.sign_in_as(console_hq.staff_member("legal"))
    page, action = f"/legal/reviews/{review.id}", f"/legal/reviews/{review.id}/answer"
    cases_ = [({"answer": "refuse", "advice": "  "}, "Write the advice"),
              ({"answer": "refuse", "advice": "No.", "withhold": "Dana"}, "go with a release"),
              ({"answer": "maybe", "advice": "No."}, "Choose an answer"),
              ({"answer": "release_with_redactions", "advice": "Ok.", "withhold": "x"},
               "at least 2 letters")]
    for data, said in cases_:
        answer = client.submit(page, action, data)
        assert answer.status_code == 400, data
        assert said in answer.text and 'class="problem" role="alert"' in answer.text
        assert f">{data['advice']}</textarea>" in answer.text  # the form keeps its values
    assert _answers(console_hq, case_id) == 0


def test_an_unknown_request_is_a_plain_404_that_repeats_nothing(
        client: ConsoleClient, console_hq: HQ) -> None:
    client.sign_in_as(console_hq.staff_member("legal"))
    for wanted in ("00000000-0000-4000-8000-000000000000", "not-an-id-C-2026-77"):
        answer = client.get(f"/legal/reviews/{wanted}")
        assert answer.status_code == 404 and wanted not in answer.text


def test_the_legal_director_works_reviews_but_sees_nothing_of_a_sealed_case(
        client: ConsoleClient, console_hq: HQ) -> None:
    case_id, review = pushed_review(console_hq)
    _open_case, visible = pushed_review(console_hq)
    cases.set_sealed(console_hq.db, console_hq.case_number(case_id), True)
    number = console_hq.case_number(case_id)
    client.sign_in_as(console_hq.staff_member("legal_director"))
    listing = client.get("/legal/reviews").text
    assert visible.id in listing
    assert review.id not in listing and number not in listing
    hidden = client.get(f"/legal/reviews/{review.id}")
    assert hidden.status_code == 404 and number not in hidden.text
    assert reads_of(console_hq, "legal_review", review.id) == []  # not even read
    assert client.get(f"/legal/reviews/{visible.id}").status_code == 200

    legal = client.server.client().sign_in_as(console_hq.staff_member("legal"))
    shown = legal.get(f"/legal/reviews/{review.id}")
    assert shown.status_code == 200 and "sealed" in shown.text
    legal.close()
