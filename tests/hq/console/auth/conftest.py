"""Every sign-in test comes from 127.0.0.1, so throttling by address would carry failures
from one test into the next: they are cleared after each, with the console's clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import delete

from safeconf.hq import schema
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleServer


@pytest.fixture(autouse=True)
def _fresh_throttle(console: ConsoleServer, console_hq: HQ) -> Iterator[None]:
    yield
    with console_hq.db.write() as conn:
        conn.execute(delete(schema.console_signin_failures))
    console.offset = timedelta()
