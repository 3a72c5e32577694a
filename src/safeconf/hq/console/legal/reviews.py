"""Legal review requests: the queue (open first), one request in full with the redacted-copy
preview (an audited read, as `safeconf-hq legal-reviews show --as`), and legal's answer (the
same `legal_reviews.answer` the command line uses; answered once)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiohttp import web

from safeconf.domain.records import LegalAnswer
from safeconf.domain.redaction import RedactionError, check_passage
from safeconf.hq import admin_audit, legal_reviews
from safeconf.hq.console import web as cweb
from safeconf.hq.console.legal import common, preview
from safeconf.hq.console.legal.common import LEGAL_WORK, Hidden
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError

routes = web.RouteTableDef()
NAV = [cweb.NavItem("Legal reviews", "/legal/reviews", LEGAL_WORK)]

ANSWERS = (LegalAnswer.RELEASE_WITH_REDACTIONS, LegalAnswer.REFUSE, LegalAnswer.ADVICE)
CHOICE_WORDS = {LegalAnswer.RELEASE_WITH_REDACTIONS: "Release with redactions",
                LegalAnswer.REFUSE: "Refuse", LegalAnswer.ADVICE: "Advice only"}
DETAIL = "legal/review.html"


@dataclass(frozen=True)
class ReviewPage:
    detail: legal_reviews.ReviewDetail
    preview: preview.Preview | None
    preview_problem: str | None


@routes.get("/legal/reviews")
@cweb.page(*LEGAL_WORK)
async def review_list(request: web.Request) -> web.Response:
    open_only = request.query.get("open") == "1"
    db, who = cweb.db(request), cweb.viewer(request)
    # The list names cases (their numbers): its reading is recorded too.
    rows = await cweb.call(request, admin_audit.read_as, db, who.name, LEGAL_WORK,
                           "legal_review_list", "open" if open_only else "all",
                           lambda: legal_reviews.list_reviews(db, open_only))
    hidden = await common.hidden_cases(request)
    rows = [r for r in rows if r.case_id not in hidden]
    rows.sort(key=lambda r: (not r.is_open, r.requested_at, r.review_id))  # open first
    return cweb.render(request, "legal/reviews.html", title="Legal review requests",
                       rows=rows, open_only=open_only, words=legal_reviews.ANSWER_WORDS)


def _load(db: Database, review_id: str, extra: tuple[str, ...],
          hide_sealed: bool) -> ReviewPage:
    detail = legal_reviews.show(db, review_id)
    if hide_sealed and detail.sealed:
        raise Hidden()
    given = detail.answer.redactions if detail.answer is not None else ()
    try:
        shown = preview.build(db, detail.review, (*given, *extra))
        trouble = None
    except RedactionError as exc:
        shown, trouble = None, str(exc)
    return ReviewPage(detail, shown, trouble)


async def _read(request: web.Request, review_id: str,
                extra: tuple[str, ...] = ()) -> ReviewPage:
    """The request in full, with the read recorded in HQ's chain (roles as the CLI's)."""
    db, who = cweb.db(request), cweb.viewer(request)
    wanted = review_id.strip().lower()
    try:
        return await cweb.call(request, admin_audit.read_as, db, who.name, LEGAL_WORK,
                               "legal_review", wanted,
                               lambda: _load(db, wanted, extra, not who.sees_sealed))
    except (AdminError, Hidden):
        raise common.not_found() from None


def _render(request: web.Request, page: ReviewPage, *, status: int = 200,
            problem: str | None = None, values: dict[str, str] | None = None) -> web.Response:
    values = values or {}
    return cweb.render(
        request, DETAIL, status=status, title="Legal review request",
        detail=page.detail, review=page.detail.review, preview=page.preview,
        preview_problem=page.preview_problem, marker=preview.MARKER, problem=problem,
        answers=[(a.value, CHOICE_WORDS[a]) for a in ANSWERS],
        words=legal_reviews.ANSWER_WORDS,
        chosen=values.get("answer", ""), advice=values.get("advice", ""),
        withhold=values.get("withhold", ""))


@routes.get("/legal/reviews/{review_id}")
@cweb.page(*LEGAL_WORK)
async def review_detail(request: web.Request) -> web.Response:
    return _render(request, await _read(request, request.match_info["review_id"]))


def _values(form: Any) -> dict[str, str]:
    return {k: str(form.get(k, "")) for k in ("answer", "advice", "withhold")}


@routes.post("/legal/reviews/{review_id}/preview")
@cweb.page(*LEGAL_WORK)
async def review_preview(request: web.Request) -> web.Response:
    """The preview again with the passages legal is about to add: nothing is stored."""
    values = _values(await cweb.form(request))
    page = await _read(request, request.match_info["review_id"],
                       preview.passages(values["withhold"]))
    return _render(request, page, values=values,
                   status=400 if page.preview_problem else 200)


@routes.post("/legal/reviews/{review_id}/answer")
@cweb.page(*LEGAL_WORK, sensitive=True)
async def review_answer(request: web.Request) -> web.Response:
    review_id = request.match_info["review_id"]
    values = _values(await cweb.form(request))
    page = await _read(request, review_id)
    problem = _problem(values)
    if problem is None:
        try:
            done = await cweb.call(
                request, legal_reviews.answer, cweb.db(request), page.detail.review.id,
                LegalAnswer(values["answer"]), values["advice"],
                preview.passages(values["withhold"]), cweb.viewer(request).name)
        except (AdminError, ValueError) as exc:
            problem = str(exc)
        else:
            await cweb.flash(request, "The answer was stored "
                             f"({legal_reviews.ANSWER_WORDS[done.answer]}); the laptops of "
                             "the case receive it at their next sync.")
            raise cweb.see_other(f"/legal/reviews/{page.detail.review.id}")
    status = 409 if page.detail.answer is not None else 400
    return _render(request, page, status=status, problem=problem, values=values)


def _problem(values: dict[str, str]) -> str | None:
    """What the form lacks, said as what to do (the service checks the rest)."""
    if values["answer"] not in {a.value for a in ANSWERS}:
        return "Choose an answer: release with redactions, refuse, or advice only."
    if not values["advice"].strip():
        return "Write the advice the worker will read; an answer needs it."
    if (preview.passages(values["withhold"])
            and values["answer"] != LegalAnswer.RELEASE_WITH_REDACTIONS.value):
        return ("Passages to withhold go with a release; choose release with redactions, "
                "or clear the passages.")
    try:
        for passage in preview.passages(values["withhold"]):
            check_passage(passage)
    except RedactionError as exc:
        return str(exc)
    return None
