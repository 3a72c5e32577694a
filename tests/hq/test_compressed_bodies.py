"""zstd-compressed sync bodies at a real HQ (SQLite and PostgreSQL): a sound one is read, an
answer is compressed for a client that asks, and every bad or oversized compressed request
from an enrolled device gets a clear refusal, changes nothing and leaves HQ serving."""

from __future__ import annotations

import gzip
import json
import os
import struct
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import rawhttp
import zstandard
from hq_harness import HQ, device_http, new_worker
from test_hostile_input import good_item, push_body, recording, snapshot

from safeconf.domain.records import Conference
from safeconf.hq.server import MAX_BODY
from safeconf.sync import Enrollment, OutboxItem
from safeconf.sync.compression import compress

# A sound zstd push being stored (each test ends with one) also shows that aiohttp hands the
# body over raw: its own decompression would turn it into JSON (or fail) before HQ's reader.


@pytest.fixture
def device(shared_hq: HQ) -> Iterator[tuple[HQ, Enrollment, str]]:
    worker = new_worker()
    yield shared_hq, shared_hq.enroll(worker), shared_hq.add_case(worker)


def raw_push(enrolled: Enrollment, body: bytes,
             headers: list[tuple[str, str]]) -> tuple[int, Any]:
    ctx = rawhttp.device_context(enrolled.ca_pem, enrolled.cert_pem, enrolled.key_pem)
    with rawhttp.connect(enrolled.sync_url, ctx) as sock:
        return rawhttp.request(sock, "POST", "/v1/push", body, headers=headers)


def good_push(case_id: str, enrolled: Enrollment) -> bytes:
    item = good_item(case_id)
    return json.dumps(push_body([item], audit=recording(item, enrolled))).encode()


def streamed_zeros(megabytes: int) -> bytes:
    """A frame without a declared size (as a streaming compressor writes) of many zeros:
    a few kilobytes that decompress to `megabytes` MiB."""
    writer = zstandard.ZstdCompressor(level=3, write_content_size=False).compressobj()
    block = b"\0" * (1024 * 1024)
    return b"".join(writer.compress(block) for _ in range(megabytes)) + writer.flush()


def lying_size(body: bytes, claimed: int) -> bytes:
    """`body` compressed, its frame header then altered to claim `claimed` bytes."""
    frame = bytearray(zstandard.ZstdCompressor(level=3, write_content_size=True,
                                               write_checksum=True).compress(body))
    header = zstandard.frame_header_size(bytes(frame))
    assert len(body) > 65_791  # a 4-byte size field ends the header
    frame[header - 4:header] = struct.pack("<I", claimed)
    return bytes(frame)


def huge_window(body: bytes) -> bytes:
    """A sound frame whose header asks its reader to keep a 128 MiB window."""
    params = zstandard.ZstdCompressionParameters(window_log=27, compression_level=3)
    writer = zstandard.ZstdCompressor(compression_params=params).compressobj()
    frame = writer.compress(body) + writer.flush()
    assert zstandard.get_frame_parameters(frame).window_size == 1 << 27
    return frame


ZSTD = [("Content-Encoding", "zstd")]


def bad_requests(case_id: str, enrolled: Enrollment) -> list[tuple[str, bytes, list[Any], int]]:
    """(name, body, headers, expected status) of requests HQ must refuse."""
    body = good_push(case_id, enrolled)
    packed = compress(body)
    big = json.dumps(push_body([good_item(case_id)], padding="p" * 200_000)).encode()
    return [
        ("brotli", body, [("Content-Encoding", "br")], 415),
        ("gzip, really gzip", gzip.compress(body), [("Content-Encoding", "gzip")], 415),
        ("stacked in one line", packed, [("Content-Encoding", "gzip, zstd")], 415),
        ("stacked on two lines", packed, ZSTD + ZSTD, 415),
        ("zstd twice over", compress(packed), [("Content-Encoding", "zstd, zstd")], 415),
        ("says zstd, is json", body, ZSTD, 400),
        ("says zstd, is gzip", gzip.compress(body), ZSTD, 400),
        ("empty zstd body", b"", ZSTD, 400),
        ("truncated frame", packed[:-7], ZSTD, 400),
        ("only the frame header", packed[:12], ZSTD, 400),
        ("trailing garbage", packed + b"\x00garbage", ZSTD, 400),
        ("a second frame after the first", packed + compress(b"{}"), ZSTD, 400),
        ("damaged checksum", packed[:-1] + bytes([packed[-1] ^ 0xFF]), ZSTD, 400),
        ("content size smaller than the content", lying_size(big, 1000), ZSTD, 400),
        ("content size larger than the content", lying_size(big, len(big) + 5), ZSTD, 400),
        ("declares a 128 MiB window", huge_window(body), ZSTD, 400),
        ("declares 1 GiB", lying_size(big, 1 << 30), ZSTD, 413),
        ("a bomb without a declared size", streamed_zeros(64), ZSTD, 413),
        ("just over the limit once decompressed", compress(json.dumps(push_body(
            [good_item(case_id)], padding="x" * MAX_BODY)).encode()), ZSTD, 413),
    ]


def test_bad_compressed_pushes_are_refused_and_change_nothing(device: Any) -> None:
    hq, enrolled, case_id = device
    before = snapshot(hq)
    for name, body, headers, status in bad_requests(case_id, enrolled):
        answer_status, answer = raw_push(enrolled, body, headers)
        assert answer_status == status, (name, answer_status, answer)
        assert isinstance(answer["error"], str) and isinstance(answer["message"], str), name
        expected = {400: "bad_encoding", 413: "too_large", 415: "unsupported_encoding"}
        assert answer["error"] == expected[status], (name, answer)
        assert snapshot(hq) == before, name
    # HQ still serves this device, and a sound compressed push is stored.
    status, answer = raw_push(enrolled, compress(good_push(case_id, enrolled)), ZSTD)
    assert status == 200 and answer["acked_seq"] == 1


def test_a_refusal_names_the_codings_hq_reads(device: Any) -> None:
    _hq, enrolled, case_id = device
    status, answer = raw_push(enrolled, good_push(case_id, enrolled),
                              [("Content-Encoding", "br")])
    assert status == 415 and answer["accepted"] == ["zstd", "identity"]
    assert "zstd" in answer["message"]


def test_a_zstd_bomb_is_refused_with_413_and_hq_keeps_serving(device: Any) -> None:
    hq, enrolled, _case_id = device
    bomb = streamed_zeros(1024)  # 1 GiB of zeros in ~40 KB
    assert len(bomb) < 64 * 1024
    before = snapshot(hq)
    status, answer = raw_push(enrolled, bomb, ZSTD)
    assert status == 413 and answer["error"] == "too_large"
    assert "decompressed" in answer["message"]
    assert snapshot(hq) == before
    assert hq.server is not None and hq.server.running
    client = hq.client(enrolled)
    assert client.status().device_id == enrolled.device_id


def test_a_compressed_body_larger_than_the_limit_is_refused_before_it_is_read(
        device: Any) -> None:
    hq, enrolled, _case_id = device
    before = snapshot(hq)
    noise = compress(os.urandom(MAX_BODY + 1024))  # random bytes do not shrink
    status, answer = raw_push(enrolled, noise, ZSTD)
    assert status == 413 and answer["error"] == "too_large"
    assert snapshot(hq) == before


def test_the_enrollment_listener_takes_only_plain_bodies(shared_hq: HQ) -> None:
    code = shared_hq.code(new_worker())
    body = compress(json.dumps({"code": code.uri, "padding": "x" * 4000}).encode())
    ctx = rawhttp.device_context(shared_hq.data.ca_cert.read_text())
    with rawhttp.connect(shared_hq.enroll_url, ctx) as sock:
        status, answer = rawhttp.request(sock, "POST", "/v1/enroll", body, headers=ZSTD)
    assert status == 415 and answer["error"] == "unsupported_encoding"
    assert answer["accepted"] == ["identity"]


def http_client(enrolled: Enrollment) -> httpx.Client:
    return device_http(enrolled)


def conferences(case_id: str, count: int) -> list[OutboxItem]:
    return [OutboxItem.of(seq, Conference(case_id=case_id, location=f"Room {seq}",
                                          scheduled_start="2026-03-01T10:00:00+00:00"))
            for seq in range(1, count + 1)]


def test_a_pull_page_is_compressed_only_for_a_client_that_asks(device: Any) -> None:
    hq, enrolled, case_id = device
    hq.client(enrolled).push(str(uuid.uuid4()), conferences(case_id, 10))
    with http_client(enrolled) as http:
        asked = http.get("/v1/pull?cursor=0", headers={"Accept-Encoding": "zstd"})
        plain = http.get("/v1/pull?cursor=0", headers={"Accept-Encoding": "identity"})
        other = http.get("/v1/pull?cursor=0", headers={"Accept-Encoding": "gzip, br"})
        refused = http.get("/v1/pull?cursor=0", headers={"Accept-Encoding": "zstd;q=0, *"})
    assert asked.headers["content-encoding"] == "zstd"
    for answer in (plain, other, refused):
        assert "content-encoding" not in answer.headers
    assert asked.json() == plain.json() == other.json() == refused.json()
    assert len(asked.json()["items"]) == 11  # the case and its conferences
    assert int(asked.headers["content-length"]) < int(plain.headers["content-length"]) / 2
    for answer in (asked, plain, other):
        assert answer.headers["accept-encoding"] == "zstd"  # requests may be compressed
        assert answer.headers["vary"] == "Accept-Encoding"


def test_a_laptop_client_compresses_both_ways_and_a_plain_one_still_syncs(
        shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    for compressing in (True, False):
        client = shared_hq.client(shared_hq.enroll(worker), compress=compressing)
        start = client.pull(0).cursor
        result = client.push(str(uuid.uuid4()), conferences(case_id, 20))
        assert result.acked_seq == 20 and not result.conflicts
        page = client.pull(start)
        assert len(page.items) == 20
        wire = client.wire
        if compressing:
            assert wire.compressed_requests == 1 and wire.compressed_answers >= 1
            assert wire.sent < wire.sent_plain / 3
            assert wire.received < wire.received_plain
        else:
            assert wire.compressed_requests == wire.compressed_answers == 0
            assert wire.sent == wire.sent_plain and wire.received == wire.received_plain
