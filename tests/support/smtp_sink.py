"""A real SMTP server for tests: `python -m aiosmtpd` in its own process, with a handler that
writes every accepted message to a directory, one file per message, for the test to read.

`SmtpSink(tmp).start()` picks a free port; `stop()` and `start()` again keep the port, so a
test can take the server down and bring it back where HQ expects it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


class DirectoryHandler:
    """aiosmtpd handler (`-c tests.support.smtp_sink.DirectoryHandler DIR`)."""

    def __init__(self, directory: str) -> None:
        self.directory = Path(directory)

    @classmethod
    def from_cli(cls, _parser: Any, *args: str) -> DirectoryHandler:
        return cls(args[0])

    # aiosmtpd calls it by this name.
    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        name = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}"
        rcpts = "\n".join(envelope.rcpt_tos)
        tmp = self.directory / f".{name}.tmp"
        tmp.write_bytes(f"X-Envelope-To: {rcpts}\r\n".encode() + envelope.original_content)
        tmp.rename(self.directory / f"{name}.eml")  # a reader never sees half a message
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SmtpSink:
    def __init__(self, directory: Path, port: int | None = None) -> None:
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> SmtpSink:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(ROOT), os.environ.get("PYTHONPATH", "")])}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}",
             "-c", "tests.support.smtp_sink.DirectoryHandler", str(self.directory)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"aiosmtpd did not start: {self.proc.stderr!r}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise AssertionError("aiosmtpd did not listen within 20 s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None

    def messages(self) -> list[EmailMessage]:
        found = []
        for path in sorted(self.directory.glob("*.eml")):
            msg = message_from_bytes(path.read_bytes(), policy=policy.default)
            assert isinstance(msg, EmailMessage)
            found.append(msg)
        return found

    def raw(self) -> list[bytes]:
        return [p.read_bytes() for p in sorted(self.directory.glob("*.eml"))]

    def wait_for(self, count: int, timeout: float = 60.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.messages()
            if len(got) >= count:
                return got
            time.sleep(0.1)
        raise AssertionError(f"{len(self.messages())} messages arrived, expected {count}")
