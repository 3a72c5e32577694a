"""HQ's data directory: the CA, the server certificate, and `hq.json` (hosts and database URL).

Everything here is written owner-only (umask 0o077, files 0o600): the directory holds the CA key.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from safeconf.hq.errors import AdminError
from safeconf.hq.pki import recovery_key
from safeconf.hq.pki.ca import CertificateAuthority, cert_pem, key_pem

DEFAULT_HOSTS = ("127.0.0.1", "localhost")
DEFAULT_PORT = 8443
CONFIG_VERSION = 1


@dataclass(frozen=True)
class DataDir:
    path: Path

    @property
    def ca_cert(self) -> Path:
        return self.path / "ca.pem"

    @property
    def ca_key(self) -> Path:
        return self.path / "ca-key.pem"

    @property
    def server_cert(self) -> Path:
        return self.path / "server.pem"

    @property
    def server_key(self) -> Path:
        return self.path / "server-key.pem"

    @property
    def config_file(self) -> Path:
        return self.path / "hq.json"

    @property
    def recovery_key(self) -> Path:
        """Where `recover` looks for the private key unless given --recovery-key."""
        return self.path / recovery_key.PRIVATE_NAME

    def recovery_public_pem(self) -> str | None:
        return recovery_key.load_public(self.path)

    def init_recovery(self) -> str:
        """Create the recovery key pair (for a data directory made before they existed)."""
        with private_umask():
            return recovery_key.create(self.path)

    def load_ca(self) -> CertificateAuthority:
        try:
            cert, key = self.ca_cert.read_bytes(), self.ca_key.read_bytes()
        except FileNotFoundError as exc:
            raise AdminError(
                f"No HQ certificate authority in {self.path}; run `safeconf-hq init` first."
            ) from exc
        return CertificateAuthority.from_pem(cert, key)

    def config(self) -> dict[str, object]:
        try:
            data = json.loads(self.config_file.read_text("utf-8"))
        except FileNotFoundError as exc:
            raise AdminError(f"{self.path} is not an HQ data directory (no hq.json); "
                             "run `safeconf-hq init` first.") from exc
        if not isinstance(data, dict):
            raise AdminError(f"{self.config_file} is damaged.")
        return data

    def hosts(self) -> list[str]:
        hosts = self.config().get("hosts")
        if isinstance(hosts, list) and all(isinstance(h, str) for h in hosts) and hosts:
            return hosts
        return list(DEFAULT_HOSTS)

    def database_url(self, override: str | None = None) -> str:
        """--database, then $SAFECONF_HQ_DATABASE, then hq.json, then SQLite in the data dir."""
        url = override or os.environ.get("SAFECONF_HQ_DATABASE")
        if not url and self.config_file.exists():
            stored = self.config().get("database")
            url = stored if isinstance(stored, str) else None
        return normalise_database_url(url or default_sqlite_url(self.path))


def default_sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve() / 'hq.sqlite3'}"


def normalise_database_url(url: str) -> str:
    """PostgreSQL always goes through psycopg 3, whatever driver the URL named."""
    for prefix in ("postgresql://", "postgres://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    if url.startswith(("sqlite://", "postgresql+psycopg://")):
        return url
    raise AdminError("The database URL must start with sqlite:/// or postgresql://.")


@contextmanager
def private_umask() -> Iterator[None]:
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def initialise(path: Path, hosts: list[str], database: str | None) -> DataDir:
    """Create the CA, the server certificate and hq.json; never overwrite an existing CA."""
    data_dir = DataDir(path)
    with private_umask():
        path.mkdir(parents=True, exist_ok=True)
        os.chmod(path, 0o700)
        if data_dir.ca_key.exists() or data_dir.ca_cert.exists():
            raise AdminError(
                f"{path} already has an HQ certificate authority; refusing to replace it "
                "(every enrolled device trusts that CA)."
            )
        ca = CertificateAuthority.create()
        server, server_key = ca.issue_server_cert(hosts)
        write_private(data_dir.ca_key, key_pem(ca.key))
        write_private(data_dir.ca_cert, cert_pem(ca.cert))
        write_private(data_dir.server_key, key_pem(server_key))
        write_private(data_dir.server_cert, cert_pem(server) + cert_pem(ca.cert))
        recovery_key.create(path)
        config = {"version": CONFIG_VERSION, "hosts": hosts, "database": database}
        if data_dir.config_file.exists():
            data_dir.config_file.unlink()
        write_private(data_dir.config_file, json.dumps(config, indent=2) + "\n")
    return data_dir
