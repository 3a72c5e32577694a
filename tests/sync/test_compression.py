"""The zstd helpers both ends of sync use: negotiation, and decompression that stays within
its bound however the frame was made."""

from __future__ import annotations

import json
import struct

import pytest
import zstandard

from safeconf.sync import compression
from safeconf.sync.compression import (
    IDENTITY,
    ZSTD,
    BoundedDecompressor,
    CorruptBody,
    TooLarge,
    UnsupportedEncoding,
)

BODY = json.dumps([{"id": i, "body": "The grandmother supervises every visit. " * 4}
                   for i in range(600)]).encode()
LIMIT = 1024 * 1024


def test_a_body_survives_the_round_trip_and_shrinks() -> None:
    packed = compression.compress(BODY)
    assert len(packed) < len(BODY) / 10
    params = zstandard.get_frame_parameters(packed)
    assert params.content_size == len(BODY) and params.has_checksum
    assert compression.decompress(packed, LIMIT) == BODY


def test_small_or_incompressible_bodies_go_plain() -> None:
    import os

    assert compression.worth_compressing(b'{"protocol": 1}') is None
    assert compression.worth_compressing(os.urandom(100_000)) is None
    assert compression.worth_compressing(BODY) == compression.compress(BODY)


def test_fed_one_byte_at_a_time_it_decompresses_the_same() -> None:
    decoder = BoundedDecompressor(LIMIT)
    for byte in compression.compress(BODY):
        decoder.feed(bytes([byte]))
    assert decoder.finish() == BODY


@pytest.mark.parametrize("lines,coding", [
    ([], IDENTITY), (["identity"], IDENTITY), (["zstd"], ZSTD), ([" ZSTD "], ZSTD),
])
def test_the_content_codings_read(lines: list[str], coding: str) -> None:
    assert compression.content_coding(lines) == coding


@pytest.mark.parametrize("lines", [["br"], ["gzip"], ["deflate"], ["gzip, zstd"],
                                   ["zstd", "zstd"], ["zstd, identity"], ["x-zstd"]])
def test_other_or_stacked_codings_are_refused(lines: list[str]) -> None:
    with pytest.raises(UnsupportedEncoding):
        compression.content_coding(lines)


@pytest.mark.parametrize("lines,accepted", [
    (["zstd"], True), (["gzip, deflate, zstd"], True), (["br;q=1.0, zstd;q=0.5"], True),
    (["*"], True), (["gzip", "zstd"], True),
    ([], False), (["identity"], False), (["gzip, br"], False), (["zstd;q=0"], False),
    (["*, zstd;q=0"], False), (["zstd;q=nonsense"], False),
])
def test_accept_encoding_is_read_with_its_weights(lines: list[str], accepted: bool) -> None:
    assert compression.accepts_zstd(lines) is accepted


def zeros_without_a_size(megabytes: int) -> bytes:
    writer = zstandard.ZstdCompressor(level=3, write_content_size=False).compressobj()
    block = b"\0" * (1024 * 1024)
    return b"".join(writer.compress(block) for _ in range(megabytes)) + writer.flush()


def test_a_bomb_is_refused_before_it_outgrows_its_bound() -> None:
    bomb = zeros_without_a_size(256)
    decoder = BoundedDecompressor(LIMIT)
    with pytest.raises(TooLarge):
        decoder.feed(bomb)
    assert decoder.held <= LIMIT + 1024 * 1024 + 128 * 1024


def test_a_frame_declaring_too_much_is_refused_before_any_decompression() -> None:
    frame = compression.compress(b"x" * (LIMIT + 1))
    decoder = BoundedDecompressor(LIMIT)
    with pytest.raises(TooLarge):
        decoder.feed(frame[:32])
    assert decoder.held == 0


def claiming(body: bytes, claimed: int) -> bytes:
    frame = bytearray(compression.compress(body))
    header = zstandard.frame_header_size(bytes(frame))
    frame[header - 4:header] = struct.pack("<I", claimed)
    return bytes(frame)


def huge_window() -> bytes:
    params = zstandard.ZstdCompressionParameters(window_log=27, compression_level=3)
    writer = zstandard.ZstdCompressor(compression_params=params).compressobj()
    return writer.compress(BODY) + writer.flush()


PACKED = compression.compress(BODY)


@pytest.mark.parametrize("name,data", [
    ("not zstd", BODY),
    ("empty", b""),
    ("truncated", PACKED[:-4]),
    ("header only", PACKED[:10]),
    ("trailing garbage", PACKED + b"\x01"),
    ("two frames", PACKED + PACKED),
    ("damaged checksum", PACKED[:-1] + bytes([PACKED[-1] ^ 1])),
    ("damaged block", PACKED[:40] + bytes([PACKED[40] ^ 0xFF]) + PACKED[41:]),
    ("claims less than it holds", claiming(BODY, 1000)),
    ("claims more than it holds", claiming(BODY, len(BODY) + 1)),
    ("a 128 MiB window", huge_window()),
    ("a skippable frame", b"\x50\x2a\x4d\x18" + struct.pack("<I", 4) + b"abcd"),
])
def test_what_is_not_one_sound_frame_is_corrupt(name: str, data: bytes) -> None:
    with pytest.raises(CorruptBody):
        compression.decompress(data, LIMIT)


def test_two_bodies_read_at_once_do_not_mix() -> None:
    """As HQ's event loop reads two compressed pushes arriving together."""
    first, second = compression.compress(BODY), compression.compress(BODY[::-1])
    one, other = BoundedDecompressor(LIMIT), BoundedDecompressor(LIMIT)
    for start in range(0, max(len(first), len(second)), 500):
        one.feed(first[start:start + 500])
        other.feed(second[start:start + 500])
    assert one.finish() == BODY and other.finish() == BODY[::-1]


def test_threads_compress_and_decompress_side_by_side() -> None:
    """As HQ's thread pool compresses answers and laptops' clients run in threads."""
    from concurrent.futures import ThreadPoolExecutor

    def round_trip(seed: int) -> bool:
        body = BODY + str(seed).encode()
        results = []
        for _ in range(10):
            decoder = BoundedDecompressor(LIMIT)
            packed = compression.compress(body)
            for start in range(0, len(packed), 997):
                decoder.feed(packed[start:start + 997])
            results.append(decoder.finish() == body)
        return all(results)

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(round_trip, range(16)))
