from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from safeconf.vault.vault import Vault

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def vault(data_dir: Path, keyring_store: SystemKeyring, fast_kdf: KdfParams) -> Iterator[Vault]:
    v = Vault.create(data_dir, PASSPHRASE, keyring_store, kdf=fast_kdf, user="w.tester")
    yield v
    v.close()
