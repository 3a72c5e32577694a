"""A caseworker's laptop in tests: a real vault session, the conference service and the
keyring, and a fixture factory that makes them enrolled with a test HQ (or not)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safeconf.app.conferences import ConferenceService
from safeconf.app.session import VaultSession
from safeconf.sync.engine import SyncEngine, SyncReport, enroll_vault
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE


@dataclass
class Laptop:
    session: VaultSession
    service: ConferenceService
    secrets: SystemKeyring

    @property
    def vault(self) -> Vault:
        return self.session.vault

    def sync(self) -> SyncReport:
        return SyncEngine(self.vault, self.secrets).run()


def laptop_factory(hq: Any, tmp_path: Path, keyring_store: SystemKeyring,
                   fast_kdf: KdfParams) -> Iterator[Callable[..., Laptop]]:
    """Yields make(worker, enrolled=True) -> Laptop; locks every one made afterwards."""
    made: list[Laptop] = []

    def make(worker: str, enrolled: bool = True) -> Laptop:
        session = VaultSession(tmp_path / f"laptop-{len(made)}", keyring_store, fast_kdf)
        session.create(PASSPHRASE, user=worker)
        if enrolled:
            enroll_vault(session.vault, hq.code(worker).uri)
        laptop = Laptop(session, ConferenceService(session), keyring_store)
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.session.lock()
