"""Fixtures for the HQ tests: real `safeconf-hq serve` processes over mutual TLS, on SQLite
and on PostgreSQL (from $SAFECONF_TEST_POSTGRES_URL, or a throwaway cluster: tests/conftest.py
`new_database_url`)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from hq_harness import HQ

from safeconf.app.session import VaultSession
from safeconf.sync.engine import enroll_vault
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from tests.conftest import PASSPHRASE
from tests.support.laptops import Laptop, laptop_factory


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every store-dependent test on SQLite and on PostgreSQL (marked `postgres`).

    Done here rather than in fixture params so the marker is registered before it is used.
    """
    backends = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
    if "shared_hq" in metafunc.fixturenames:
        metafunc.parametrize("shared_hq", backends, indirect=True, scope="module")
    elif "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", backends, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def shared_hq(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
              new_database_url: Callable[[str], str | None]) -> Iterator[HQ]:
    """One serving HQ per backend per test module; tests keep apart by using their own
    workers and cases."""
    hq = HQ.create(tmp_path_factory.mktemp("hq") / "data", new_database_url(request.param))
    hq.serve()
    try:
        yield hq
    finally:
        hq.close()


@pytest.fixture
def make_hq(tmp_path: Path, backend: str,
            new_database_url: Callable[[str], str | None]) -> Iterator[Callable[[], HQ]]:
    """Fresh HQs (not yet serving) on the test's backend, closed at teardown."""
    made: list[HQ] = []

    def make() -> HQ:
        hq = HQ.create(tmp_path / f"hq{len(made)}", new_database_url(backend))
        made.append(hq)
        return hq

    yield make
    for hq in made:
        hq.close()


@pytest.fixture
def sessions(shared_hq: HQ, tmp_path: Path, keyring_store: SystemKeyring,
             fast_kdf: KdfParams) -> Iterator[Callable[[str], VaultSession]]:
    """Laptops enrolled with the module's shared HQ: `sessions(worker)` makes one, with a
    real vault, locked again at the end of the test."""
    made: list[VaultSession] = []

    def make(worker: str) -> VaultSession:
        session = VaultSession(tmp_path / f"laptop-{len(made)}", keyring_store, fast_kdf)
        session.create(PASSPHRASE, user=worker)
        enroll_vault(session.vault, shared_hq.code(worker).uri)
        made.append(session)
        return session

    yield make
    for session in made:
        session.lock()


@pytest.fixture
def laptops(shared_hq: HQ, tmp_path: Path, keyring_store: SystemKeyring,
            fast_kdf: KdfParams) -> Iterator[Callable[..., Laptop]]:
    """make(worker, enrolled=True): a real vault session enrolled with `shared_hq`."""
    yield from laptop_factory(shared_hq, tmp_path, keyring_store, fast_kdf)
