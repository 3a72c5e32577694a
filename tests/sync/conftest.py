from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.support.hq_process import HQProcess


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every laptop-to-HQ test runs against HQ on SQLite and on PostgreSQL (marked
    `postgres`), as the HQ tests do."""
    if "hq" in metafunc.fixturenames:
        metafunc.parametrize(
            "hq", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
            indirect=True)


@pytest.fixture
def hq(request: pytest.FixtureRequest, tmp_path: Path,
       new_database_url: Callable[[str], str | None]) -> Iterator[HQProcess]:
    server = HQProcess(tmp_path / "hq", new_database_url(request.param)).init().start()
    server.import_cases([
        ("HQ-100", "Alder", "w.alvarez"),
        ("HQ-200", "Birch", "w.alvarez;w.chen"),
        ("HQ-300", "Cedar", "w.chen"),
    ])
    yield server
    server.stop()


@pytest.fixture
def laptop(tmp_path: Path, keyring_store: SystemKeyring, fast_kdf: KdfParams):
    """Make enrolled laptops: laptop("w.alvarez") -> an open vault enrolled with HQ."""
    from safeconf.sync.engine import enroll_vault

    opened: list[Vault] = []

    def make(hq: HQProcess, worker: str, name: str | None = None) -> Vault:
        folder = tmp_path / (name or f"laptop-{len(opened)}")
        vault = Vault.create(folder, PASSPHRASE, keyring_store, kdf=fast_kdf, user=worker)
        enroll_vault(vault, hq.enrollment_code(worker))
        opened.append(vault)
        return vault

    yield make
    for vault in opened:
        if vault.is_open:
            vault.close()
