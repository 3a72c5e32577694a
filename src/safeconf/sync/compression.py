"""zstd for sync bodies, shared by the laptop and HQ: compress, negotiate, and decompress
with a bound on the decompressed size that holds however the input was made.

Pure (no I/O). A body is one zstd frame (RFC 8878) with its checksum; anything else — another
or a stacked coding, a damaged, truncated or lying frame, bytes after the frame — is refused
with a `CompressionError` that each side turns into its own answer.
"""

from __future__ import annotations

import zstandard

ZSTD = "zstd"
IDENTITY = "identity"
# Level 3 (zstd's default) compresses note-like JSON 5-15x at several hundred MB/s: HQ's
# answers, which it makes for every laptop. A laptop's own requests use level 9, about 6%
# smaller for ~10 ms a MiB (bench/revisions.py): its link (a phone hotspot) is the
# scarce thing, not its CPU; higher levels cost many times more for a point or two.
LEVEL = 3
REQUEST_LEVEL = 9
# Below this a body goes as it is: the frame's header would eat most of the gain.
MIN_COMPRESS = 1024
# The decoder's window (memory it keeps) is capped, so a frame cannot make its reader set
# aside zstd's default of up to 128 MiB: level 3 picks at most 2 MiB (less for smaller
# content), and a frame asking for more than this is refused before anything is allocated.
MAX_WINDOW = 8 * 1024 * 1024
# A zstd block yields at most 128 KiB and takes at least 4 bytes (an RLE block), so one
# input byte never yields more than this many output bytes; input is fed in slices sized
# from it, so the output never runs more than ~1 MiB past the limit before it is refused.
_MAX_EXPANSION = 32 * 1024
_MIN_SLICE, _MAX_SLICE = 32, 16 * 1024
_MAX_HEADER = 18  # the longest frame header
_MAGIC = b"\x28\xb5\x2f\xfd"  # a zstd frame's first four bytes (RFC 8878 §3.1.1)



class CompressionError(Exception):
    """A compressed body that cannot be used; `str()` is a sentence for the other side."""


class UnsupportedEncoding(CompressionError):
    """A content coding other than identity or a single zstd (HTTP 415)."""


class CorruptBody(CompressionError):
    """Says zstd but is not a whole, sound zstd frame (HTTP 400)."""


class TooLarge(CompressionError):
    """Decompresses (or would) beyond the limit (HTTP 413)."""


def compress(data: bytes, level: int = LEVEL) -> bytes:
    """One zstd frame with its content size and checksum."""
    # A compressor (and a decompressor) per use: one zstd context is not safe to share
    # between threads, nor between two bodies read at once on HQ's event loop.
    compressor = zstandard.ZstdCompressor(level=level, write_checksum=True,
                                          write_content_size=True)
    return compressor.compress(data)


def worth_compressing(data: bytes, level: int = LEVEL) -> bytes | None:
    """The compressed body when it is smaller than `data` by enough to matter, else None."""
    if len(data) < MIN_COMPRESS:
        return None
    packed = compress(data, level)
    return packed if len(packed) < len(data) - 64 else None


def content_coding(values: list[str]) -> str:
    """IDENTITY or ZSTD from a request's (or answer's) Content-Encoding header lines.

    Stacked codings (`gzip, zstd`, or two header lines) are refused: one layer is all either
    side ever sends, and each extra layer is one more decoder to bound."""
    codings = [part.strip().lower() for value in values for part in value.split(",")]
    codings = [c for c in codings if c]
    if not codings or codings == [IDENTITY]:
        return IDENTITY
    if codings == [ZSTD]:
        return ZSTD
    if len(codings) > 1:
        raise UnsupportedEncoding("Only one content coding (zstd) is accepted, not "
                                  "several stacked.")
    raise UnsupportedEncoding("The only content coding accepted is zstd.")


def accepts_zstd(values: list[str]) -> bool:
    """Whether an Accept-Encoding header (its lines) allows zstd (RFC 9110 §12.5.3)."""
    weights: dict[str, float] = {}
    for value in values:
        for part in value.split(","):
            name, _, params = part.strip().partition(";")
            name = name.strip().lower()
            if not name:
                continue
            weight = 1.0
            for param in params.split(";"):
                key, _, number = param.strip().partition("=")
                if key.strip().lower() == "q":
                    try:
                        weight = float(number.strip())
                    except ValueError:
                        weight = 0.0
            weights[name] = weight
    weight = weights.get(ZSTD, weights.get("*", 0.0))
    return weight > 0.0


class BoundedDecompressor:
    """Streaming decompression of one zstd frame, refused as soon as it passes `limit`.

    Feed the compressed bytes as they arrive (`feed`), then `finish()` for the whole body.
    At no point is more than `limit` (+ ~1 MiB) of output held."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.compressed = 0
        decompressor = zstandard.ZstdDecompressor(max_window_size=MAX_WINDOW)
        self._obj = decompressor.decompressobj(read_across_frames=False)
        self._out = bytearray()
        self._header = bytearray()  # the first bytes, until the frame header is read
        self._checked_header = False

    @property
    def held(self) -> int:
        """Decompressed bytes held so far."""
        return len(self._out)

    def feed(self, data: bytes) -> None:
        if not data:
            return
        self.compressed += len(data)
        if not self._checked_header:
            self._header += data[:_MAX_HEADER - len(self._header)]
            self._check_header()
        view = memoryview(data)
        start = 0
        while start < len(view):
            if self._obj.eof:
                raise CorruptBody("The compressed body has bytes after its zstd frame.")
            room = max(self.limit - len(self._out), 0)
            step = min(max(room // _MAX_EXPANSION, _MIN_SLICE), _MAX_SLICE)
            try:
                self._out += self._obj.decompress(view[start:start + step])
            except zstandard.ZstdError as exc:
                raise CorruptBody(f"The body is not sound zstd ({_reason(exc)}).") from exc
            if len(self._out) > self.limit:
                raise TooLarge(f"The body decompresses to more than {self.limit:,} bytes.")
            start += step
        if self._obj.eof and self._obj.unused_data:
            raise CorruptBody("The compressed body has bytes after its zstd frame.")

    def _check_header(self) -> None:
        """A frame that declares its size is refused at once when that size is over the
        limit (a lie the other way is caught when the frame ends)."""
        header = bytes(self._header)
        if len(header) < len(_MAGIC):
            return  # not enough bytes yet
        if not header.startswith(_MAGIC):  # also a skippable frame: it holds no content
            raise CorruptBody("The body says zstd but is not a zstd frame.")
        try:
            size = zstandard.frame_header_size(header)
        except zstandard.ZstdError:
            # Not enough bytes yet; with all of them, a header the decoder itself refuses.
            self._checked_header = len(header) >= _MAX_HEADER
            return
        if len(header) < size:
            return
        self._checked_header = True
        try:
            params = zstandard.get_frame_parameters(header)
        except zstandard.ZstdError as exc:
            raise CorruptBody(f"The zstd frame header is not valid ({_reason(exc)}).") from exc
        if params.content_size != zstandard.CONTENTSIZE_UNKNOWN and (
                params.content_size > self.limit):
            raise TooLarge(f"The body would decompress to {params.content_size:,} bytes, "
                           f"more than {self.limit:,}.")

    def finish(self) -> bytes:
        if not self._obj.eof:
            raise CorruptBody("The compressed body ends before its zstd frame does.")
        return bytes(self._out)


def decompress(data: bytes, limit: int) -> bytes:
    """The content of one zstd frame held in memory, refused beyond `limit` bytes."""
    decoder = BoundedDecompressor(limit)
    decoder.feed(data)
    return decoder.finish()


def _reason(exc: zstandard.ZstdError) -> str:
    text = str(exc).removeprefix("zstd decompressor error: ")
    return text[:120]
