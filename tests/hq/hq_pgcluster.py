"""A throwaway PostgreSQL cluster for tests and the benchmark: initdb + pg_ctl in a temp dir.

As root, the server runs as the `postgres` user (or `nobody`), since PostgreSQL refuses root.
Connections go through a unix socket inside the temp dir.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class ClusterUnavailable(RuntimeError):
    pass


@dataclass
class Cluster:
    base: Path
    port: int
    bin_dir: Path
    run_as: list[str]

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@/postgres?host={self.base / 'sock'}&port={self.port}"

    def stop(self) -> None:
        subprocess.run(
            [*self.run_as, str(self.bin_dir / "pg_ctl"), "-D", str(self.base / "data"),
             "-m", "immediate", "-w", "-t", "30", "stop"],
            capture_output=True, timeout=60, check=False,
        )
        shutil.rmtree(self.base, ignore_errors=True)


def _bin_dir() -> Path:
    def version(path: str) -> float:
        try:
            return float(Path(path).parent.name)
        except ValueError:
            return 0.0

    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    raise ClusterUnavailable("PostgreSQL's initdb/pg_ctl are not installed")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _unprivileged() -> tuple[list[str], int, int]:
    """The command prefix to drop root, and the uid/gid the data dir must belong to."""
    if os.geteuid() != 0:
        return [], os.getuid(), os.getgid()
    for name in ("postgres", "nobody"):
        try:
            user = pwd.getpwnam(name)
        except KeyError:
            continue
        if shutil.which("setpriv"):
            return (["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}",
                     "--clear-groups", "--"], user.pw_uid, user.pw_gid)
        if shutil.which("runuser"):
            return ["runuser", "-u", name, "--"], user.pw_uid, user.pw_gid
    raise ClusterUnavailable("running as root and no unprivileged user to run PostgreSQL as")


def start_cluster(fast: bool = True) -> Cluster:
    """Start a cluster; `fast` turns off fsync (fine for tests, not for measurements)."""
    bin_dir = _bin_dir()
    run_as, uid, gid = _unprivileged()
    base = Path(tempfile.mkdtemp(prefix="safeconf-pg-"))
    try:
        (base / "sock").mkdir()
        for path in (base, base / "sock"):
            os.chown(path, uid, gid)
        env = {**os.environ, "LC_ALL": "C"}
        subprocess.run(
            [*run_as, str(bin_dir / "initdb"), "-D", str(base / "data"), "-U", "postgres",
             "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
            capture_output=True, timeout=120, check=True, env=env, cwd=base,
        )
        port = _free_port()
        options = f"-k {base / 'sock'} -p {port} -c listen_addresses='' -c max_connections=200"
        if fast:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        subprocess.run(
            [*run_as, str(bin_dir / "pg_ctl"), "-D", str(base / "data"), "-l",
             str(base / "server.log"), "-o", options, "-w", "-t", "60", "start"],
            capture_output=True, timeout=90, check=True, env=env, cwd=base,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(base, ignore_errors=True)
        raise ClusterUnavailable(f"could not start PostgreSQL: {exc} {detail[-500:]!r}") from exc
    return Cluster(base, port, bin_dir, run_as)


def create_database(admin_url: str, name: str) -> str:
    """CREATE DATABASE `name`; returns its SQLAlchemy URL."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)
