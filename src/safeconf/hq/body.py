"""Request bodies in and JSON answers out on HQ's listeners, zstd-compressed where the
laptop sends or accepts it (docs/sync-protocol.md §1, "Compression").

aiohttp's own request decompression is off (`ConnectionLimits.runner_options` in
hq/connection_limits.py): every body is read here, raw, and a compressed one is
decompressed with a bound on what it becomes, so a small body cannot grow past the route's
limit in HQ's memory.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from safeconf.hq.errors import HQError
from safeconf.sync import compression
from safeconf.sync.compression import IDENTITY, ZSTD

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Runner = Callable[[Callable[[bytes], bytes | None], bytes], Awaitable[bytes | None]]


def _too_large(limit: int) -> HQError:
    return HQError(413, "too_large", f"The request is larger than HQ accepts here "
                   f"({limit:,} bytes once decompressed); send smaller batches.")


async def read_body(request: web.Request, limit: int, zstd: bool = True) -> bytes:
    """The request's body as the client meant it (decompressed), at most `limit` bytes.

    Compressed bytes count against `limit` too. 415 for a coding other than identity (or
    zstd where `zstd`), 413 past the limit, 400 for a damaged zstd body."""
    try:
        coding = compression.content_coding(request.headers.getall("Content-Encoding", []))
    except compression.UnsupportedEncoding as exc:
        raise _unsupported(str(exc), zstd) from exc
    if coding == ZSTD and not zstd:
        raise _unsupported("Requests here are not compressed.", zstd)
    declared = request.content_length
    if declared is not None and declared > limit:
        raise _too_large(limit)
    if coding == IDENTITY:
        body = bytearray()
        async for chunk in request.content.iter_any():
            body += chunk
            if len(body) > limit:
                raise _too_large(limit)
        return bytes(body)
    decoder = compression.BoundedDecompressor(limit)
    try:
        async for chunk in request.content.iter_any():
            if decoder.compressed + len(chunk) > limit:
                raise _too_large(limit)
            decoder.feed(chunk)
        return decoder.finish()
    except compression.TooLarge as exc:
        raise _too_large(limit) from exc
    except compression.CorruptBody as exc:
        raise HQError(400, "bad_encoding", str(exc)) from exc


def _unsupported(message: str, zstd: bool) -> HQError:
    return HQError(415, "unsupported_encoding", message,
                   accepted=[ZSTD, IDENTITY] if zstd else [IDENTITY])


def compressing_middleware(run: Runner) -> Callable[..., Awaitable[web.StreamResponse]]:
    """Compress JSON answers for a client that accepts zstd, and say on every answer that
    requests may be compressed (`Accept-Encoding: zstd`, RFC 9110 §12.5.3): a laptop then
    compresses only towards an HQ that reads it. `run` does the compression off the event
    loop (a 4 MiB pull page takes a few milliseconds)."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        response = await handler(request)
        response.headers["Accept-Encoding"] = ZSTD
        if not isinstance(response, web.Response) or "Content-Encoding" in response.headers:
            return response
        body = response.body
        if not isinstance(body, bytes) or len(body) < compression.MIN_COMPRESS:
            return response
        response.headers["Vary"] = "Accept-Encoding"
        if not compression.accepts_zstd(request.headers.getall("Accept-Encoding", [])):
            return response
        packed = await run(compression.worth_compressing, body)
        if packed is not None:
            response.body = packed
            response.headers["Content-Encoding"] = ZSTD
        return response

    return middleware
