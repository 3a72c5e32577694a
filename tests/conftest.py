"""Shared test set-up: offscreen Qt, a private data directory per test, fast key derivation,
and a real Secret Service (gnome-keyring on a private D-Bus session) started for the run."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from safeconf.vault.vault import Vault

IN_CI = bool(os.environ.get("CI"))

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={socket_dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
PASSPHRASE = "correct horse battery staple"

# Cheap Argon2id for tests; one test checks that the production default is what vaults get.
FAST_KDF = KdfParams(iterations=1, memory_kib=8 * 1024, lanes=1)


def service_missing(what: str) -> None:
    """A missing service skips a test on a developer's machine and fails it in CI."""
    if IN_CI:
        pytest.fail(f"{what} is required in CI but is not available")
    pytest.skip(f"{what} is not available here")


@pytest.fixture(scope="session")
def _secret_service() -> Iterator[str]:
    """A private D-Bus session with gnome-keyring's Secret Service, unlocked."""
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            service_missing(f"{tool} (Secret Service for the keyring tests)")
    home = tempfile.mkdtemp(prefix="safeconf-keyring-")
    # A bus of our own with no service activation: with the system's session config, the
    # first Secret Service call could activate a second gnome-keyring (which then asks for
    # a password through a prompt nobody can answer) before ours has claimed the name.
    bus_config = Path(home) / "bus.conf"
    bus_config.write_text(BUS_CONFIG.format(socket_dir=home), encoding="utf-8")
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={bus_config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    env = dict(
        os.environ,
        DBUS_SESSION_BUS_ADDRESS=address,
        HOME=home,
        XDG_DATA_HOME=f"{home}/data",
        XDG_RUNTIME_DIR=home,
    )
    daemon_log = Path(home) / "daemon.log"
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=daemon_log.open("w"),
        env=env,
        text=True,
    )
    assert daemon.stdin is not None
    daemon.stdin.write("test-login-password")
    daemon.stdin.close()
    previous = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    try:
        _wait_for_secret_service(daemon, daemon_log, Path(home) / "data" / "keyrings")
        yield address
    finally:
        daemon.terminate()
        bus.terminate()
        daemon.wait(10)
        bus.wait(10)
        if previous is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = previous
        shutil.rmtree(home, ignore_errors=True)


def _wait_for_secret_service(
    daemon: subprocess.Popen[str], log: Path, keyrings: Path, limit: float = 30.0
) -> None:
    import secretstorage

    deadline = time.monotonic() + limit
    last_error: Exception | None = None
    # Asking for the default collection before the daemon has written the login keyring
    # from stdin makes it try a prompt, which (with no display) is dismissed for good.
    while time.monotonic() < deadline and not (keyrings / "login.keyring").exists():
        time.sleep(0.02)
    while time.monotonic() < deadline and daemon.poll() is None:
        try:
            connection = secretstorage.dbus_init()
            if _name_has_owner(connection, "org.freedesktop.secrets"):
                secretstorage.get_default_collection(connection)
                return
        except Exception as exc:  # the daemon is still starting
            last_error = exc
        time.sleep(0.05)
    service_missing(
        f"the Secret Service did not start (exit {daemon.poll()}, last error {last_error!r}, "
        f"daemon said: {log.read_text(errors='replace')[-500:]!r})"
    )


def _name_has_owner(connection: object, name: str) -> bool:
    # Not secretstorage.check_service_availability: it also says yes when the name could
    # merely be activated, and using it then would start a second daemon.
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import Proxy

    return bool(Proxy(message_bus, connection).NameHasOwner(name)[0])


@pytest.fixture
def keyring_store(_secret_service: str) -> SystemKeyring:
    from keyring.backends import SecretService

    store = SystemKeyring(SecretService.Keyring())
    assert store.is_available
    return store


@pytest.fixture
def no_keyring() -> SystemKeyring:
    """The backend `keyring` picks on a machine with none: the vault must still work."""
    from keyring.backends import fail

    return SystemKeyring(fail.Keyring())


@pytest.fixture
def vault(data_dir: Path, keyring_store: SystemKeyring, fast_kdf: KdfParams) -> Iterator[Vault]:
    """A new, open vault (fast key derivation) on the real keyring."""
    v = Vault.create(data_dir, PASSPHRASE, keyring_store, kdf=fast_kdf, user="w.tester")
    yield v
    if v.is_open:
        v.close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def fast_kdf() -> KdfParams:
    return FAST_KDF


# PostgreSQL for the HQ stores of tests/hq and tests/sync: one cluster per test process.
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "postgres: needs PostgreSQL ($SAFECONF_TEST_POSTGRES_URL, or initdb/pg_ctl installed)",
    )


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    from safeconf.hq.datadir import normalise_database_url
    from tests.hq.hq_pgcluster import ClusterUnavailable, start_cluster

    url = os.environ.get("SAFECONF_TEST_POSTGRES_URL")
    if url:
        yield normalise_database_url(url)  # postgresql:// would mean psycopg2 to SQLAlchemy
        return
    try:
        cluster = start_cluster()
    except ClusterUnavailable as exc:
        _unavailable(str(exc))
        raise  # not reached: skip/fail raise
    try:
        yield cluster.url
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def new_database_url(request: pytest.FixtureRequest) -> Callable[[str], str | None]:
    """backend name -> a fresh, empty database URL (None: SQLite in the data dir)."""
    from tests.hq.hq_pgcluster import create_database

    def make(backend: str) -> str | None:
        if backend == "sqlite":
            return None
        admin = request.getfixturevalue("postgres_admin_url")
        return create_database(admin, f"hq_{uuid.uuid4().hex[:12]}")

    return make
