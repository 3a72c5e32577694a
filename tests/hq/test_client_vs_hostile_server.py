"""The client library against a server that lies: every malformed answer is a ProtocolError
(or another SyncError), never a crash or a silently wrong result."""

from __future__ import annotations

import asyncio
import gzip
import json
import ssl
import struct
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import zstandard
from aiohttp import web
from cryptography import x509

from safeconf.domain import codec
from safeconf.domain.records import Case, Conference
from safeconf.hq.pki.ca import CertificateAuthority, cert_pem, key_pem
from safeconf.sync import (
    DeviceRevoked,
    HQClient,
    HQUnreachable,
    OutboxItem,
    ProtocolError,
    RequestRejected,
    ServerNotTrusted,
    SyncConflict,
    SyncError,
    new_key_and_csr,
)


@dataclass
class Script:
    """What the fake HQ answers next: (status, body bytes)."""

    answer: tuple[int, bytes] = (200, b"{}")
    hits: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # extra answer headers
    # Request headers as received, one dict per request.
    requests: list[dict[str, str]] = field(default_factory=list)
    # As an HQ (or a proxy) that cannot read zstd: a compressed request gets a plain 415.
    refuse_compressed: bool = False


@dataclass
class FakeHQ:
    url: str
    ca: CertificateAuthority
    script: Script

    def client(self, ca: CertificateAuthority | None = None) -> HQClient:
        key, csr = new_key_and_csr()
        cert = self.ca.issue_device_cert(x509.load_pem_x509_csr(csr.encode()), "d", "w")
        return HQClient(self.url, cert_pem((ca or self.ca).cert), cert_pem(cert), key, timeout=5)


@pytest.fixture(scope="module")
def fake_hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FakeHQ]:
    ca = CertificateAuthority.create()
    server_cert, server_key = ca.issue_server_cert(["127.0.0.1"])
    folder: Path = tmp_path_factory.mktemp("fake")
    (folder / "cert.pem").write_text(cert_pem(server_cert))
    (folder / "key.pem").write_text(key_pem(server_key))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    script = Script()

    async def answer(request: web.Request) -> web.Response:
        script.hits.append(request.path)
        script.requests.append({k.lower(): v for k, v in request.headers.items()})
        await request.read()
        if script.refuse_compressed and "Content-Encoding" in request.headers:
            return web.Response(status=415, text="unsupported")
        status, body = script.answer
        return web.Response(status=status, body=body, content_type="application/json",
                            headers=script.headers)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", answer)
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app, access_log=None, auto_decompress=False)
    ready = threading.Event()
    url: list[str] = []

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=ctx)
        loop.run_until_complete(site.start())
        url.append(f"https://127.0.0.1:{runner.addresses[0][1]}")
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield FakeHQ(url[0], ca, script)
    asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


@pytest.fixture(autouse=True)
def _plain_script(fake_hq: FakeHQ) -> Iterator[None]:
    yield
    fake_hq.script.headers = {}
    fake_hq.script.requests = []
    fake_hq.script.refuse_compressed = False


def _conference_data() -> dict[str, Any]:
    return codec.to_dict(Conference(case_id=str(uuid.uuid4()),
                                    scheduled_start="2026-03-01T10:00:00+00:00"))


NOW = datetime.now(UTC).isoformat()
PULL_ANSWERS = [
    b"not json",
    b"[]",
    b'{"items": {}, "cursor": 1, "more": false, "purge": [], "resync": false}',
    b'{"items": [], "cursor": -1, "more": false, "purge": [], "resync": false}',
    b'{"items": [], "cursor": 1, "more": "no", "purge": [], "resync": false}',
    b'{"items": [], "cursor": 1, "more": false, "purge": ["../../x"], "resync": false}',
    b'{"items": [{"cursor": 5, "type": ["virus"], "data": {}}], "cursor": 5, "more": false,'
    b' "purge": [], "resync": false}',
    # The page's cursor must not be behind its last item.
    json.dumps({"items": [{"cursor": 5, "type": "conference", "data": _conference_data()}],
                "cursor": 2, "more": False, "purge": [], "resync": False}).encode(),
    # A resync page carries no items.
    json.dumps({"items": [{"cursor": 5, "type": "conference", "data": _conference_data()}],
                "cursor": 0, "more": False, "purge": [], "resync": True}).encode(),
    b'{"items": [], "cursor": 1e400, "more": false, "purge": [], "resync": false}',
    b"[" * 50_000 + b"]" * 50_000,
]


@pytest.mark.parametrize("body", PULL_ANSWERS)
def test_a_malformed_pull_answer_is_a_protocol_error(fake_hq: FakeHQ, body: bytes) -> None:
    fake_hq.script.answer = (200, body)
    with fake_hq.client() as client, pytest.raises(ProtocolError):
        client.pull(3)


@pytest.mark.parametrize("item", [
    {"cursor": 5, "type": "virus", "data": {}},
    {"cursor": 5, "type": "case", "data": {"id": 1}},
    {"cursor": 5, "type": "conference", "data": {**_conference_data(),
                                                  "scheduled_start": "soon"}},
])
def test_a_record_the_laptop_cannot_use_comes_back_marked_for_quarantine(
        fake_hq: FakeHQ, item: dict[str, Any]) -> None:
    good = {"cursor": 6, "type": "conference", "data": _conference_data()}
    fake_hq.script.answer = (200, json.dumps({"items": [item, good], "cursor": 6,
                                              "more": False, "purge": [],
                                              "resync": False}).encode())
    with fake_hq.client() as client:
        page = client.pull(3)
    unusable, usable = page.items
    assert unusable.record is None and unusable.problem and unusable.data == item["data"]
    assert usable.record is not None and page.cursor == 6


def test_a_pull_answer_going_backwards_is_refused(fake_hq: FakeHQ) -> None:
    item = {"cursor": 2, "type": "conference", "data": _conference_data()}
    fake_hq.script.answer = (200, json.dumps({"items": [item], "cursor": 2, "more": False,
                                              "purge": [], "resync": False}).encode())
    with fake_hq.client() as client, pytest.raises(ProtocolError):
        client.pull(10)  # items must be after the cursor asked for
    with fake_hq.client() as client:
        page = client.pull(1)
    assert page.items[0].record == codec.from_dict(Conference, item["data"])


@pytest.mark.parametrize("body", [
    b'{"acked_seq": 9, "audit_acked_seq": 0, "conflicts": [], "server_time": "%s"}',
    b'{"acked_seq": 1, "audit_acked_seq": 0, "conflicts": [{"seq": 1}], "server_time": "%s"}',
    b'{"acked_seq": 1, "audit_acked_seq": 0, "conflicts": [], "server_time": "yesterday"}',
    b'{"acked_seq": true, "audit_acked_seq": 0, "conflicts": [], "server_time": "%s"}',
])
def test_a_malformed_push_answer_is_a_protocol_error(fake_hq: FakeHQ, body: bytes) -> None:
    fake_hq.script.answer = (200, body.replace(b"%s", NOW.encode()))
    case = Case(case_number="1", family_name="F")
    with fake_hq.client() as client, pytest.raises(ProtocolError):
        client.push(str(uuid.uuid4()), [OutboxItem.of(1, case)])


@pytest.mark.parametrize("status,body,error", [
    (500, b"<html>oops</html>", HQUnreachable),
    (503, b'{"error": "internal"}', HQUnreachable),
    (403, b'{"error": "revoked", "wipe": "yes please"}', DeviceRevoked),
    (409, b'{"error": "gap", "acked_seq": "lots"}', ProtocolError),
    (409, b'{"error": "gap", "acked_seq": 4, "audit_acked_seq": 0}', SyncConflict),
    (400, b'{"error": "bad_request", "message": "' + b"x" * 5000 + b'"}', RequestRejected),
    (302, b"{}", ProtocolError),
])
def test_error_answers_map_to_sync_errors(fake_hq: FakeHQ, status: int, body: bytes,
                                          error: type[SyncError]) -> None:
    fake_hq.script.answer = (status, body)
    with fake_hq.client() as client, pytest.raises(error) as raised:
        client.status()
    assert len(str(raised.value)) < 600
    if isinstance(raised.value, DeviceRevoked):
        assert raised.value.wipe is False  # only a real `true` asks for a wipe


def test_a_server_signed_by_another_ca_is_not_trusted(fake_hq: FakeHQ) -> None:
    with fake_hq.client(ca=CertificateAuthority.create()) as client, \
            pytest.raises(ServerNotTrusted):
        client.status()


def test_nothing_listening_is_reported_as_unreachable() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    ca = CertificateAuthority.create()
    key, csr = new_key_and_csr()
    cert = ca.issue_device_cert(x509.load_pem_x509_csr(csr.encode()), "d", "w")
    with HQClient(f"https://127.0.0.1:{port}", cert_pem(ca.cert), cert_pem(cert), key,
                  timeout=5) as client, pytest.raises(HQUnreachable, match="could not be reached"):
        client.pull(0)


class _Spy(ssl.SSLContext):
    """Records what OpenSSL was handed when the client identity was loaded."""

    seen: list[tuple[str, bytes]]

    def load_cert_chain(self, certfile: Any, keyfile: Any = None, password: Any = None) -> None:
        self.seen.append((str(certfile), Path(certfile).read_bytes()))
        super().load_cert_chain(certfile, keyfile, password)


@pytest.mark.parametrize("memfd", [True, False])
def test_the_client_key_never_reaches_the_disk_in_the_clear(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, memfd: bool) -> None:
    import os
    import tempfile

    from safeconf.sync import tls

    if not memfd:
        monkeypatch.delattr(os, "memfd_create", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ca = CertificateAuthority.create()
    key, csr = new_key_and_csr()
    cert = ca.issue_device_cert(x509.load_pem_x509_csr(csr.encode()), "d", "w")
    ctx = _Spy(ssl.PROTOCOL_TLS_CLIENT)
    ctx.seen = []
    tls.load_identity(ctx, cert_pem(cert), key)
    ((path, content),) = ctx.seen
    assert b"BEGIN ENCRYPTED PRIVATE KEY" in content
    assert b"BEGIN PRIVATE KEY" not in content and key.encode() not in content
    if memfd:
        assert path.startswith("/proc/self/fd/")
    assert list(tmp_path.iterdir()) == []  # nothing left behind


def _frame(body: bytes, **options: Any) -> bytes:
    return zstandard.ZstdCompressor(level=3, **options).compress(body)


def _streamed_zeros(megabytes: int) -> bytes:
    writer = zstandard.ZstdCompressor(level=3, write_content_size=False).compressobj()
    block = b"\0" * (1024 * 1024)
    return b"".join(writer.compress(block) for _ in range(megabytes)) + writer.flush()


def _claiming(body: bytes, claimed: int) -> bytes:
    frame = bytearray(_frame(body, write_content_size=True))
    header = zstandard.frame_header_size(bytes(frame))
    frame[header - 4:header] = struct.pack("<I", claimed)
    return bytes(frame)


EMPTY_PAGE = b'{"items": [], "cursor": 3, "more": false, "purge": [], "resync": false}'
PADDED_PAGE = json.dumps({"items": [], "cursor": 3, "more": False, "purge": [],
                          "resync": False, "note": "x" * 100_000}).encode()


def test_a_compressed_pull_page_is_read(fake_hq: FakeHQ) -> None:
    fake_hq.script.answer = (200, _frame(EMPTY_PAGE))
    fake_hq.script.headers = {"Content-Encoding": "zstd"}
    with fake_hq.client() as client:
        page = client.pull(3)
    assert page.cursor == 3 and client.wire.compressed_answers == 1
    assert fake_hq.script.requests[-1]["accept-encoding"] == "zstd"


@pytest.mark.parametrize("name,body,encoding", [
    # 80 MiB of zeros in a few kilobytes, past the 64 MiB answer cap.
    ("bomb", _streamed_zeros(80), "zstd"),
    ("declares 1 GiB", _claiming(PADDED_PAGE, 1 << 30), "zstd"),
    ("lying size", _claiming(PADDED_PAGE, 1000), "zstd"),
    ("not zstd", EMPTY_PAGE, "zstd"),
    ("truncated", _frame(EMPTY_PAGE)[:-5], "zstd"),
    ("trailing garbage", _frame(EMPTY_PAGE) + b"junk", "zstd"),
    ("damaged", _frame(EMPTY_PAGE, write_checksum=True)[:-1] + b"\0", "zstd"),
    # httpx would inflate these itself, without a bound: the client reads only zstd.
    ("a gzip bomb", gzip.compress(b"\0" * (80 * 1024 * 1024)), "gzip"),
    ("brotli", EMPTY_PAGE, "br"),
    ("stacked", _frame(_frame(EMPTY_PAGE)), "zstd, zstd"),
])
def test_a_bad_compressed_answer_is_a_protocol_error(fake_hq: FakeHQ, name: str, body: bytes,
                                                     encoding: str) -> None:
    fake_hq.script.answer = (200, body)
    fake_hq.script.headers = {"Content-Encoding": encoding}
    with fake_hq.client() as client, pytest.raises(ProtocolError) as raised:
        client.pull(3)
    assert "HQ" in str(raised.value), name


def test_an_undecodable_error_page_means_hq_is_in_trouble(fake_hq: FakeHQ) -> None:
    fake_hq.script.answer = (502, b"<html>proxy</html>")
    fake_hq.script.headers = {"Content-Encoding": "zstd"}
    with fake_hq.client() as client, pytest.raises(HQUnreachable):
        client.status()


def test_requests_are_compressed_only_towards_an_hq_that_says_it_reads_zstd(
        fake_hq: FakeHQ) -> None:
    answer = (b'{"acked_seq": 40, "audit_acked_seq": 0, "conflicts": [], '
              b'"server_time": "%s"}' % NOW.encode())
    fake_hq.script.answer = (200, answer)
    items = [OutboxItem.of(seq, Conference(case_id=str(uuid.uuid4()), location="Room",
                                           scheduled_start="2026-03-01T10:00:00+00:00"))
             for seq in range(1, 41)]
    fake_hq.script.headers = {"Accept-Encoding": "zstd"}
    with fake_hq.client() as client:
        client.push(str(uuid.uuid4()), items)
        client.push(str(uuid.uuid4()), items)
        fake_hq.script.headers = {}  # an HQ that does not read zstd (an older one)
        client.push(str(uuid.uuid4()), items)
        client.push(str(uuid.uuid4()), items)
    encodings = [r.get("content-encoding") for r in fake_hq.script.requests]
    assert encodings == ["zstd", "zstd", "zstd", None]


def test_a_compressed_request_refused_by_a_server_that_cannot_read_it_goes_again_plain(
        fake_hq: FakeHQ) -> None:
    fake_hq.script.answer = (200, b'{"acked_seq": 40, "audit_acked_seq": 0, "conflicts": [],'
                                  b' "server_time": "%s"}' % NOW.encode())
    fake_hq.script.refuse_compressed = True
    items = [OutboxItem.of(seq, Conference(case_id=str(uuid.uuid4()), location="Room",
                                           scheduled_start="2026-03-01T10:00:00+00:00"))
             for seq in range(1, 41)]
    batch = str(uuid.uuid4())
    with fake_hq.client() as client:
        result = client.push(batch, items)
    assert result.acked_seq == 40
    encodings = [r.get("content-encoding") for r in fake_hq.script.requests]
    assert encodings == ["zstd", None]
    assert client.wire.compressed_requests == 1 and client.wire.requests == 2
