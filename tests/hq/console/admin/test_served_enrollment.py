"""A code issued in the console of a running `safeconf-hq serve` names the listeners that
process serves, and a laptop enrolls with it."""

from __future__ import annotations

import html
import re
import ssl
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest

from safeconf.hq import clock, staff
from safeconf.hq.console import sessions
from safeconf.sync import enroll
from tests.hq.hq_harness import HQ

pytestmark = pytest.mark.slow  # starts an HQ server process


def test_a_code_issued_in_the_served_console_enrolls_a_laptop(tmp_path: Path) -> None:
    hq = HQ.create(tmp_path / "hq", None)
    try:
        server = hq.serve("--console-port", "0")
        name = hq.staff_member(staff.ADMINISTRATOR)
        session = sessions.new_session(hq.db, clock.now(), name)
        trust = ssl.create_default_context(cafile=str(hq.data.ca_cert))
        with httpx.Client(base_url=server.console_url, verify=trust, timeout=30) as http:
            http.cookies.set(sessions.COOKIE, session.token, domain="localhost.local")
            answer = http.post("/enrollment", data={"csrf": session.csrf,
                                                    "worker": "w-served", "hours": "2"})
        assert answer.status_code == 200, answer.text
        found = re.search(r'<textarea id="uri" readonly rows="4">([^<]+)</textarea>',
                          answer.text)
        assert found is not None
        uri = html.unescape(found.group(1))
        query = parse_qs(uri.split("?", 1)[1])
        assert query["sync"] == [server.sync_url] and query["enroll"] == [server.enroll_url]
        assert enroll(uri).worker_id == "w-served"
    finally:
        hq.close()
