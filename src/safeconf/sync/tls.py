"""TLS contexts that trust HQ's CA and nothing else (never the system store), TLS 1.3 only.

Python's `ssl` loads a client certificate only from a file path. The device key therefore
never goes to disk in the clear: it is re-encrypted under a one-time random password that
stays in memory, and written to an anonymous in-memory file (Linux `memfd_create`) or, where
that does not exist, to a private temporary directory that is deleted right after loading.
"""

from __future__ import annotations

import os
import secrets
import ssl
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization


def pinned_context(ca_pem: str) -> ssl.SSLContext:
    """Verify the server against `ca_pem` only, with host name checking."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED + check_hostname; no CAs
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.load_verify_locations(cadata=ca_pem)
    return ctx


def client_context(ca_pem: str, cert_pem: str, key_pem: str) -> ssl.SSLContext:
    ctx = pinned_context(ca_pem)
    load_identity(ctx, cert_pem, key_pem)
    return ctx


def unverified_context() -> ssl.SSLContext:
    """For `GET /v1/ca` only: its answer is trusted solely if it matches the pinned
    fingerprint, and nothing secret is sent on this connection."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def load_identity(ctx: ssl.SSLContext, cert_pem: str, key_pem: str) -> None:
    key = serialization.load_pem_private_key(key_pem.encode("ascii"), password=None)
    password = secrets.token_urlsafe(32).encode("ascii")
    sealed = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(password),
    )
    blob = cert_pem.encode("ascii") + b"\n" + sealed
    if hasattr(os, "memfd_create") and Path("/proc/self/fd").is_dir():
        fd = os.memfd_create("safeconf-identity", os.MFD_CLOEXEC)
        try:
            _write_all(fd, blob)
            ctx.load_cert_chain(f"/proc/self/fd/{fd}", password=password)
        finally:
            os.close(fd)
        return
    with tempfile.TemporaryDirectory(prefix="safeconf-tls-") as private_dir:  # mode 0o700
        path = Path(private_dir) / "identity.pem"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            _write_all(fd, blob)
        finally:
            os.close(fd)
        try:
            ctx.load_cert_chain(path, password=password)
        finally:
            path.unlink()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
