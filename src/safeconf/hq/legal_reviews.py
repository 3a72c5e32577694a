"""Legal review requests at HQ (`safeconf-hq legal-reviews`): list them, show one in full, and
answer one. An answer is a record HQ writes and logs, so the laptops of the case pull it at
their next sync; it passes the same validation and change rules as a record pushed anywhere.

One answer per request: a worker may already have acted on it (released a redacted copy), so
HQ never replaces or adds to an answer. Legal changing its mind is a new request from the
worker, answered afresh — the history stays readable and nothing on a laptop flips silently.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Connection, select

from safeconf.domain import termsafe
from safeconf.domain.change_rules import judge_change
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.records import LegalAnswer, LegalReview, LegalReviewAnswer
from safeconf.domain.statements import current_statements
from safeconf.domain.validation import validate
from safeconf.hq import cases, clock, schema
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError
from safeconf.hq.sync.changelog import load_typed, put_hq_record, records_of
from safeconf.hq.sync.record_view import HQRecordView
from safeconf.hq.validate import is_uuid_text

log = logging.getLogger("safeconf.hq")

ANSWER_WORDS = {LegalAnswer.ADVICE: "advice only",
                LegalAnswer.RELEASE_WITH_REDACTIONS: "release with redactions",
                LegalAnswer.REFUSE: "refused"}


@dataclass(frozen=True)
class ReviewSummary:
    """What the list shows: ids, dates and categories, never the question or names."""

    review_id: str
    case_id: str
    case_number: str | None
    requested_at: str
    requested_by: str
    information: str
    mode: str
    recipient: str
    policy_line: str
    answer: LegalReviewAnswer | None

    @property
    def is_open(self) -> bool:
        return self.answer is None


@dataclass(frozen=True)
class ReviewDetail:
    review: LegalReview
    case_number: str | None
    sealed: bool
    answer: LegalReviewAnswer | None



def _answers(conn: Connection, case_id: str | None = None) -> dict[str, LegalReviewAnswer]:
    found: dict[str, LegalReviewAnswer] = {}
    for answer in records_of(conn, "legal_review_answer", case_id):
        seen = found.get(answer.review_id)
        if seen is None or answer.answered_at > seen.answered_at:
            found[answer.review_id] = answer
    return found


def list_reviews(db: Database, open_only: bool = False,
                 case_id: str | None = None) -> list[ReviewSummary]:
    """Every request HQ holds (or one case's), oldest first; `open_only`: not yet answered."""
    with db.read() as conn:
        reviews: list[LegalReview] = records_of(conn, "legal_review", case_id)
        answers = _answers(conn, case_id)
        numbers = cases.numbers(conn)
    rows = [ReviewSummary(r.id, r.case_id, numbers.get(r.case_id), r.requested_at,
                          r.requested_by, r.information.value, r.mode.value, r.recipient.value,
                          r.policy_line, answers.get(r.id))
            for r in sorted(reviews, key=lambda r: (r.requested_at, r.id))]
    return [row for row in rows if row.is_open or not open_only]


def _parse_id(text: str) -> str:
    wanted = text.strip().lower()
    if not is_uuid_text(wanted):
        raise AdminError(f"{text!r} is not a legal review id; `safeconf-hq legal-reviews` "
                         "lists them.")
    return wanted


def _load_review(conn: Connection, review_id: str) -> LegalReview:
    return load_typed(conn, review_id, LegalReview, "legal review request",
                      "`safeconf-hq legal-reviews`")


def show(db: Database, review_id: str) -> ReviewDetail:
    """One request in full, with its answer if it has one. Callers showing it to someone
    load it through `admin_audit.read_as`, so the read is in HQ's own chain."""
    wanted = _parse_id(review_id)
    with db.read() as conn:
        review = _load_review(conn, wanted)
        k = schema.cases
        case = conn.execute(select(k.c.case_number, k.c.sealed)
                            .where(k.c.case_id == review.case_id)).first()
        answer = _answers(conn, review.case_id).get(review.id)
    log.info("legal review shown: %s", review.id)
    return ReviewDetail(review, None if case is None else str(case.case_number),
                        bool(case is not None and case.sealed), answer)


def answer(db: Database, review_id: str, answer: LegalAnswer, advice: str,
           redactions: tuple[str, ...], answered_by: str) -> LegalReviewAnswer:
    """Legal's answer to one open request, stored and logged for the case's laptops.
    Refused, with nothing stored, for a request HQ does not hold, one already answered, a
    sealed case, or an answer the record rules refuse (no advice, redactions without a
    release, …)."""
    wanted = _parse_id(review_id)
    stamp = clock.iso(clock.now())
    with db.write() as conn:
        review = _load_review(conn, wanted)
        k = schema.cases
        # Locking the case row first serialises two answers to the same request.
        case = conn.execute(select(k.c.case_number, k.c.sealed)
                            .where(k.c.case_id == review.case_id).with_for_update()).first()
        if case is None:
            raise AdminError("The case of this request does not exist at HQ; nothing was "
                             "stored.")
        if case.sealed:
            raise AdminError(f"Case {case.case_number} is sealed: nothing new reaches it. "
                             "Nothing was stored.")
        given = _answers(conn, review.case_id).get(review.id)
        if given is not None:
            raise AdminError(
                f"Legal review {review.id} was already answered on "
                f"{clock.short(given.answered_at)} by {given.answered_by} "
                f"({ANSWER_WORDS[given.answer]}); an answer is never replaced. If the advice "
                "changes, the worker asks again and the new request is answered.")
        record = LegalReviewAnswer(
            case_id=review.case_id, review_id=review.id, answer=answer,
            advice=advice.strip(), redactions=tuple(dict.fromkeys(
                p.strip() for p in redactions if p.strip())),
            answered_by=answered_by.strip(), answered_at=stamp, origin_device="hq",
            created_at=stamp, updated_at=stamp)
        try:
            validate(record)
        except InvalidRecord as exc:
            raise AdminError(f"The answer was not stored: {exc}") from exc
        view = HQRecordView(conn)
        refusal = judge_change(record, view.current(record.id), view, current_statements())
        if refusal is not None:
            raise AdminError(f"The answer was not stored: {refusal.message}")
        put_hq_record(conn, record, stamp)
    log.info("legal review %s answered (%s) as %s", review.id, answer.value, record.id)
    return record


# -- what the admin reads -------------------------------------------------------------


def _state(answer: LegalReviewAnswer | None) -> str:
    return "open" if answer is None else ANSWER_WORDS[answer.answer]


def format_table(rows: list[ReviewSummary], open_only: bool = False,
                 case_number: str | None = None) -> str:
    if not rows:
        which = "open legal review requests" if open_only else "legal review requests"
        where = f" for case {termsafe.safe(case_number)}" if case_number else ""
        return f"No {which}{where}."
    lines = [f"{'REVIEW':<36} {'CASE':<16} {'REQUESTED':<20} {'BY':<20} "
             f"{'RECIPIENT':<28} STATUS"]
    for row in rows:
        lines.append(
            f"{row.review_id:<36} {termsafe.safe(row.case_number or '(not at HQ)')[:16]:<16} "
            f"{clock.short(row.requested_at):<20} {termsafe.safe(row.requested_by)[:20]:<20} "
            f"{row.recipient[:28]:<28} {_state(row.answer)}")
    return "\n".join(lines)


def format_detail(detail: ReviewDetail) -> str:
    r = detail.review
    case = detail.case_number or "(not at HQ)"
    lines = [
        f"Legal review {r.id}",
        f"  case:        {case}{' (SEALED)' if detail.sealed else ''} ({r.case_id})",
        f"  requested:   {clock.short(r.requested_at)} by {r.requested_by}",
        f"  what:        {r.what}",
        f"  information: {r.information.value}"
        + (f" (health purpose: {r.health_purpose.value})" if r.health_purpose else ""),
        f"  how:         {r.mode.value}, {r.extent.value}",
        f"  to:          {r.recipient_name} ({r.recipient.value})",
        f"  policy line: {r.policy_line}",
    ]
    if r.record_ids:
        lines.append(f"  records:     {', '.join(r.record_ids)}")
    lines.append("  proposed redactions:")
    lines.extend(f"    - {p}" for p in r.proposed_redactions)
    if not r.proposed_redactions:
        lines.append("    (none)")
    lines.append("  question:")
    lines.extend(f"    {line}" for line in r.question.split("\n"))
    a = detail.answer
    if a is None:
        lines.append("  answer:      none yet (open)")
    else:
        lines.append(f"  answer:      {ANSWER_WORDS[a.answer]}, {clock.short(a.answered_at)} "
                     f"by {a.answered_by}")
        lines.append("  advice:")
        lines.extend(f"    {line}" for line in a.advice.split("\n"))
        if a.redactions:
            lines.append("  also withhold:")
            lines.extend(f"    - {p}" for p in a.redactions)
    # Text written on a laptop must not drive, reorder or hide what the reader sees.
    return termsafe.safe_lines("\n".join(lines))
