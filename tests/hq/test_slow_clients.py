"""Slow and idle clients cannot take HQ down, on either listener: sockets that never finish
the TLS handshake, that finish it and send nothing, that send half a request head or drip it
byte by byte are closed after their deadline, while an honest laptop syncs and enrolls."""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import rawhttp
from hq_harness import HQ, new_worker

from safeconf.sync import enroll

HANDSHAKE_S, HEADER_S, IDLE_S = 2.0, 2.0, 3.0
LIMITS = ("--handshake-timeout", str(HANDSHAKE_S), "--header-timeout", str(HEADER_S),
          "--idle-timeout", str(IDLE_S), "--request-timeout", "10")
SLACK_S = 8.0  # generous: other test suites share this machine
HALF_CLIENT_HELLO = bytes.fromhex("160301020001") + b"\x00" * 40  # a TLS record cut short
HALF_HEAD = b"GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[HQ]:
    # Connection handling does not depend on the store: SQLite only.
    made = HQ.create(tmp_path / "hq", None)
    try:
        yield made
    finally:
        made.close()


def _tcp(url: str) -> socket.socket:
    return socket.create_connection(rawhttp.address(url), timeout=10)


def _slow_sockets(hq: HQ, per_kind: int) -> dict[str, list[socket.socket]]:
    """Hostile connections of every kind, on both listeners."""
    hostile = hq.enroll(new_worker())  # an enrolled device can complete mutual TLS
    sync_ctx = rawhttp.device_context(hostile.ca_pem, hostile.cert_pem, hostile.key_pem)
    enroll_ctx = rawhttp.device_context(hostile.ca_pem)
    kinds: dict[str, list[socket.socket]] = {}
    for listener, url, ctx in (("sync", hq.sync_url, sync_ctx),
                               ("enroll", hq.enroll_url, enroll_ctx)):
        kinds[f"{listener}: no handshake"] = [_tcp(url) for _ in range(per_kind)]
        half = [_tcp(url) for _ in range(per_kind)]
        for sock in half:
            sock.sendall(HALF_CLIENT_HELLO)
        kinds[f"{listener}: half a ClientHello"] = half
        kinds[f"{listener}: TLS, then nothing"] = [rawhttp.connect(url, ctx)
                                                   for _ in range(per_kind)]
        heads = [rawhttp.connect(url, ctx) for _ in range(per_kind)]
        for sock in heads:
            sock.sendall(HALF_HEAD)
        kinds[f"{listener}: half a request head"] = heads
    return kinds


def test_slow_sockets_are_closed_while_an_honest_laptop_syncs_and_enrolls(hq: HQ) -> None:
    # All from 127.0.0.1: the per-address cap would close most of them at once.
    server = hq.serve(*LIMITS, "--enroll-max-connections-per-address", "0")
    _, honest = hq.device(new_worker())
    honest.status()
    opened = time.monotonic()
    kinds = _slow_sockets(hq, per_kind=12)
    assert sum(len(s) for s in kinds.values()) == 96

    started = time.monotonic()
    honest.status()
    honest.pull()
    newcomer = enroll(hq.code(new_worker()).uri)
    honest_s = time.monotonic() - started
    assert honest_s < 10, f"the honest laptop took {honest_s:.1f} s"
    assert newcomer.device_id

    deadline = opened + max(HANDSHAKE_S, HEADER_S) + SLACK_S
    still_open = {}
    for kind, sockets in kinds.items():
        left = [s for s in sockets if not rawhttp.closed_by_peer(
            s, max(0.1, deadline - time.monotonic()))]
        if left:
            still_open[kind] = len(left)
        for sock in sockets:
            sock.close()
    closed_s = time.monotonic() - opened
    assert not still_open, still_open
    # The honest laptop's kept-alive connection is still served afterwards.
    honest.status()
    # And the log tells of it in a few lines, not one per socket.
    server.stop()
    lines = server.log.read_text().splitlines()
    assert any("no complete request head within 2 s" in line for line in lines), lines
    assert len(lines) < 30, lines
    print(f"honest sync+enroll with 96 slow sockets open: {honest_s:.2f} s; "
          f"all slow sockets closed after {closed_s:.1f} s; {len(lines)} log lines")


def test_a_head_dribbled_byte_by_byte_is_cut_off_at_the_header_deadline(hq: HQ) -> None:
    hq.serve(*LIMITS)
    device = hq.enroll(new_worker())
    ctx = rawhttp.device_context(device.ca_pem, device.cert_pem, device.key_pem)
    with rawhttp.connect(hq.sync_url, ctx) as sock:
        status, _ = rawhttp.request(sock, "GET", "/v1/status")
        assert status == 200
        started = time.monotonic()
        cut_off = False
        for byte in (b"GET /v1/status HTTP/1.1\r\nX: " + b"a" * 200)[:200]:
            try:
                sock.sendall(bytes([byte]))
            except (OSError, ssl.SSLError):
                cut_off = True
                break
            if rawhttp.closed_by_peer(sock, 0.25):
                cut_off = True
                break
            if time.monotonic() - started > HEADER_S + SLACK_S:
                break
    elapsed = time.monotonic() - started
    assert cut_off, "HQ kept a dribbling connection open"
    assert elapsed < HEADER_S + SLACK_S


def test_an_idle_kept_alive_connection_is_closed_after_the_idle_timeout(hq: HQ) -> None:
    hq.serve(*LIMITS)
    device = hq.enroll(new_worker())
    ctx = rawhttp.device_context(device.ca_pem, device.cert_pem, device.key_pem)
    with rawhttp.connect(hq.sync_url, ctx) as sock:
        assert rawhttp.request(sock, "GET", "/v1/status")[0] == 200
        started = time.monotonic()
        assert rawhttp.closed_by_peer(sock, IDLE_S + SLACK_S)
        assert time.monotonic() - started >= IDLE_S - 0.5


def test_connections_beyond_the_cap_are_closed_at_once_and_service_resumes(hq: HQ) -> None:
    server = hq.serve(*LIMITS, "--max-connections", "8", "--enroll-max-connections", "4")
    _, honest = hq.device(new_worker())
    honest.close()  # its kept-alive connection would take a place
    for url, cap in ((hq.sync_url, 8), (hq.enroll_url, 4)):
        holders = [_tcp(url) for _ in range(cap)]  # never handshake
        time.sleep(0.3)  # let HQ accept them all (loopback: immediate)
        extra = _tcp(url)
        started = time.monotonic()
        assert rawhttp.closed_by_peer(extra, 3.0), "a connection beyond the cap was kept"
        assert time.monotonic() - started < 3.0
        extra.close()
        # Once the holders time out, an honest client gets in again.
        for sock in holders:
            assert rawhttp.closed_by_peer(sock, HANDSHAKE_S + SLACK_S)
            sock.close()
    _, honest = hq.device(new_worker())  # enrolls (enroll listener) and syncs (sync listener)
    honest.status()
    server.stop()
    lines = server.log.read_text().splitlines()
    assert sum("connection closed at once" in line for line in lines) <= 2, lines


def test_a_body_sent_too_slowly_is_cut_off_at_the_request_deadline(hq: HQ) -> None:
    server = hq.serve(*LIMITS[:-2], "--request-timeout", "3")
    device = hq.enroll(new_worker())
    ctx = rawhttp.device_context(device.ca_pem, device.cert_pem, device.key_pem)
    with rawhttp.connect(hq.sync_url, ctx) as sock:
        sock.sendall(b"POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n"
                     b"Content-Type: application/json\r\n\r\n{\"protocol\": 1")
        started = time.monotonic()
        assert rawhttp.closed_by_peer(sock, 3 + SLACK_S)
        assert time.monotonic() - started >= 2.5
    server.stop()
    text = server.log.read_text()
    assert "request not finished within 3 s" in text
    assert "Traceback" not in text, text


def test_one_address_cannot_take_every_place(hq: HQ) -> None:
    hq.serve(*LIMITS, "--max-connections", "20", "--max-connections-per-address", "5")
    device = hq.enroll(new_worker())
    ctx = rawhttp.device_context(device.ca_pem, device.cert_pem, device.key_pem)
    holders = [_tcp(hq.sync_url) for _ in range(5)]  # 127.0.0.1, never handshake
    try:
        time.sleep(0.3)
        extra = _tcp(hq.sync_url)
        assert rawhttp.closed_by_peer(extra, 3.0), "a sixth connection from one address was kept"
        extra.close()
        # Another host (here another loopback address) still gets in and is served.
        with rawhttp.connect(hq.sync_url, ctx, source="127.0.0.2") as other:
            assert rawhttp.request(other, "GET", "/v1/status")[0] == 200
    finally:
        for sock in holders:
            sock.close()
