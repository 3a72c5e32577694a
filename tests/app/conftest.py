"""A conference service on a fresh vault (file key store, cheap key derivation), for the
tests of the app's services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from safeconf.app.conferences import ConferenceService
from safeconf.app.session import VaultSession
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from tests.conftest import PASSPHRASE


@pytest.fixture
def service(
    data_dir: Path, no_keyring: SystemKeyring, fast_kdf: KdfParams
) -> Iterator[ConferenceService]:
    session = VaultSession(data_dir, no_keyring, fast_kdf)
    session.create(PASSPHRASE, user="f.tester")
    yield ConferenceService(session)
    session.lock()
