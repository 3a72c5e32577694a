"""Legal's pages need records that laptops push (reviews, notes, consents, conflicts): this
module-scoped HQ also runs `safeconf-hq serve`, so tests push through real enrolled devices."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hq.hq_harness import HQ


@pytest.fixture(scope="module")
def console_hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQ]:
    hq = HQ.create(Path(tmp_path_factory.mktemp("console-legal-hq")) / "data", None)
    try:
        hq.serve()
        yield hq
    finally:
        hq.close()
