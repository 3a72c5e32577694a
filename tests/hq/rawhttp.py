"""Bare HTTP/1.1 over a TLS socket, for tests that need to control the connection itself
(keep-alive, TLS session resumption, half-sent requests)."""

from __future__ import annotations

import json
import socket
import ssl
from typing import Any
from urllib.parse import urlsplit

from safeconf.sync import tls


def address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None
    return parts.hostname, parts.port


def device_context(ca_pem: str, cert_pem: str | None = None,
                   key_pem: str | None = None) -> ssl.SSLContext:
    if cert_pem is None or key_pem is None:
        return tls.pinned_context(ca_pem)
    return tls.client_context(ca_pem, cert_pem, key_pem)


def connect(url: str, ctx: ssl.SSLContext, session: ssl.SSLSession | None = None,
            timeout: float = 10.0, source: str | None = None) -> ssl.SSLSocket:
    """`source`: a loopback address to connect from (127.0.0.2 …), to be another host."""
    host, port = address(url)
    raw = socket.create_connection((host, port), timeout=timeout,
                                   source_address=(source, 0) if source else None)
    try:
        return ctx.wrap_socket(raw, server_hostname=host, session=session)
    except BaseException:
        raw.close()
        raise


def request(sock: ssl.SSLSocket, method: str, path: str, body: bytes = b"",
            host: str = "127.0.0.1",
            headers: list[tuple[str, str]] | None = None) -> tuple[int, Any]:
    """One request on a kept-alive connection; (status, decoded JSON body or None).
    `headers`: more header lines, sent as given (repeated names too)."""
    extra = "".join(f"{name}: {value}\r\n" for name, value in headers or [])
    head = (f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {len(body)}\r\n"
            f"Content-Type: application/json\r\n{extra}\r\n").encode()
    sock.sendall(head + body)
    reader = sock.makefile("rb")
    try:
        status_line = reader.readline(65536)
        if not status_line:
            raise ConnectionError("HQ closed the connection without an answer")
        status = int(status_line.split()[1])
        length = 0
        while True:
            line = reader.readline(65536)
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        data = reader.read(length) if length else b""
    finally:
        reader.close()
    return status, json.loads(data) if data else None


def closed_by_peer(sock: socket.socket, timeout: float) -> bool:
    """True once the other side closes (EOF or reset) within `timeout` seconds."""
    sock.settimeout(timeout)
    try:
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                return True
    except (ConnectionError, ssl.SSLError):
        return True
    except TimeoutError:
        return False
