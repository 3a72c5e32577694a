"""Enrollment codes in the console: issued with the QR on screen (the same code
`safeconf-hq enroll` issues), listed without their secrets, and cancelled."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from safeconf.hq import schema
from safeconf.hq.pki import enrollment
from tests.hq.console.admin.support import admin, new_worker, problem
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient


def _issue(client: ConsoleClient, worker: str, hours: str = "48") -> str:
    """The enrollment URI shown on the page after issuing a code for `worker`."""
    answer = client.submit("/enrollment", "/enrollment", {"worker": worker, "hours": hours})
    assert answer.status_code == 200, answer.text
    found = re.search(r'<textarea id="uri" readonly rows="4">([^<]+)</textarea>', answer.text)
    assert found, "no enrollment link on the page"
    return html.unescape(found.group(1))


def test_issuing_a_code_shows_its_qr_and_link_once_and_lists_it_without_the_secret(
        client: ConsoleClient, console_hq: HQ) -> None:
    worker = new_worker()
    admin(client, console_hq)
    answer = client.submit("/enrollment", "/enrollment", {"worker": worker, "hours": "48"})
    assert answer.status_code == 200
    assert "<svg" in answer.text and 'class="segno"' in answer.text
    assert "single use" in answer.text
    assert answer.headers["cache-control"] == "no-store"
    uri = _issue(client, worker)
    query = parse_qs(urlsplit(uri.replace("safeconf:enroll?", "x:?")).query)
    code_id, secret = query["code"][0].split(".")
    # The URLs name HQ's first host on the default ports (this console serves no listeners).
    assert query["sync"] == [f"https://{console_hq.data.hosts()[0]}:8443"]
    assert query["ca"] == [console_hq.data.load_ca().fingerprint]
    listed = client.get("/enrollment")
    assert code_id in listed.text and worker in listed.text
    assert secret not in listed.text
    with console_hq.db.read() as conn:
        stored = conn.execute(select(schema.enrollment_codes.c.worker_id)
                              .where(schema.enrollment_codes.c.code_id == code_id)).scalar_one()
    assert stored == worker


def test_cancelling_a_code_makes_it_stop_working(client: ConsoleClient,
                                                console_hq: HQ) -> None:
    admin(client, console_hq)
    uri = _issue(client, new_worker())
    code_id = parse_qs(uri.split("?", 1)[1])["code"][0].split(".")[0]
    page = client.get("/enrollment")
    assert f'action="/enrollment/{code_id}/cancel"' in page.text
    assert "data-confirm=\"Cancel code" in page.text
    done = client.submit("/enrollment", f"/enrollment/{code_id}/cancel")
    assert done.status_code == 303
    assert [c.state for c in enrollment.list_codes(console_hq.db)
            if c.code_id == code_id] == ["cancelled"]
    again = client.submit("/enrollment", f"/enrollment/{code_id}/cancel")
    assert again.status_code == 409 and "already cancelled" in problem(again.text)


def test_a_bad_worker_or_lifetime_is_explained_and_issues_nothing(
        client: ConsoleClient, console_hq: HQ) -> None:
    admin(client, console_hq)
    before = len(enrollment.list_codes(console_hq.db))
    for data, said in (({"worker": "no spaces allowed", "hours": "72"}, "is not a worker id"),
                       ({"worker": "", "hours": "72"}, "Type the worker's id"),
                       ({"worker": new_worker(), "hours": "0"}, "a number from 1 to"),
                       ({"worker": new_worker(), "hours": "soon"}, "a number from 1 to")):
        answer = client.submit("/enrollment", "/enrollment", data)
        assert answer.status_code == 400
        assert said in problem(answer.text)
        assert f'value="{html.escape(data["worker"])}"' in answer.text  # kept to correct
    assert len(enrollment.list_codes(console_hq.db)) == before


def test_an_unknown_code_cannot_be_cancelled(client: ConsoleClient, console_hq: HQ) -> None:
    admin(client, console_hq)
    answer = client.submit("/enrollment", "/enrollment/AAAAAAAAAAAAAAAA/cancel")
    assert answer.status_code == 409 and "HQ has no enrollment code" in problem(answer.text)
