"""One HQ (SQLite) and its console per test module; tests keep apart by their own people and
cases. The console's services are the CLI's, tested on PostgreSQL too in tests/hq."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient, ConsoleServer


@pytest.fixture(scope="module")
def console_hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQ]:
    hq = HQ.create(Path(tmp_path_factory.mktemp("console-hq")) / "data", None)
    try:
        yield hq
    finally:
        hq.close()


@pytest.fixture(scope="module")
def console(console_hq: HQ) -> Iterator[ConsoleServer]:
    server = ConsoleServer(console_hq).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def client(console: ConsoleServer) -> Iterator[ConsoleClient]:
    made = console.client()
    try:
        yield made
    finally:
        made.close()
