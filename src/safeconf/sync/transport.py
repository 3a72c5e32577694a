"""One JSON exchange with HQ over httpx, with every failure mapped to a `SyncError`.

Answers are read with a size cap (on what they decompress to, when HQ compressed them) and
parsed defensively: a hostile or broken server gets a `ProtocolError`, never a crash. Request
bodies go zstd-compressed to an HQ that reads zstd (`Wire`; docs/sync-protocol.md §1).
"""

from __future__ import annotations

import json
import re
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from safeconf.sync import compression
from safeconf.sync.compression import IDENTITY, ZSTD
from safeconf.sync.errors import (
    CertificateExpired,
    DeviceNotAuthorised,
    DeviceRevoked,
    HQUnreachable,
    ProtocolError,
    RebaseRequired,
    RequestRejected,
    ServerNotTrusted,
    SyncConflict,
    SyncError,
)

# Far above the largest answer HQ sends: a pull page is PULL_PAGE_BYTES (4 MiB) of records,
# or one record of at most MAX_RECORD_BYTES (1 MiB) alone.
MAX_ANSWER_BYTES = 64 * 1024 * 1024
_HEX64 = re.compile(r"[0-9a-f]{64}")
_EXPIRED = ("CERTIFICATE_EXPIRED", "certificate expired")
_REFUSED_CERT = ("CERTIFICATE_REQUIRED", "BAD_CERTIFICATE", "UNKNOWN_CA", "CERTIFICATE_UNKNOWN",
                 "CERTIFICATE_REVOKED", "ACCESS_DENIED", "DECRYPT_ERROR",
                 "UNSUPPORTED_CERTIFICATE", "HANDSHAKE_FAILURE")

NOT_AUTHORISED = ("HQ does not accept this laptop's certificate. If this laptop was never "
                  "enrolled, or was enrolled with another HQ, enroll it again.")
EXPIRED = ("This laptop's certificate has expired. Ask HQ for a new enrollment code and "
           "enroll again; changes not sent yet are kept and sent afterwards.")
UNREACHABLE = "HQ could not be reached. Check the network connection and try again later."


def make_client(base_url: str, ctx: ssl.SSLContext, timeout: float) -> httpx.Client:
    # trust_env=False: no proxy or CA bundle from the environment may sit in the middle.
    return httpx.Client(base_url=base_url, verify=ctx, timeout=timeout, trust_env=False,
                        follow_redirects=False)


@dataclass
class Wire:
    """One client's use of compression, and a count of the bytes that crossed the wire.

    `compress` starts on and follows what HQ says on each answer (`Accept-Encoding: zstd`):
    an HQ that does not read zstd gets plain requests after its first answer. `accept` asks
    for compressed answers."""

    compress: bool = True
    accept: bool = True
    requests: int = 0
    compressed_requests: int = 0
    compressed_answers: int = 0
    sent: int = 0  # request bodies as sent
    sent_plain: int = 0  # the same bodies before compression
    received: int = 0  # answer bodies as received
    received_plain: int = 0  # the same after decompression


TOO_LARGE = "HQ sent an answer far larger than expected; sync stopped to protect this laptop."


def exchange(http: httpx.Client, method: str, url: str, body: Any | None = None,
             diagnose: Callable[[], SyncError] | None = None,
             wire: Wire | None = None) -> tuple[int, Any]:
    """Send `body` as JSON; return (status, parsed JSON answer). Transport failures raise.

    `diagnose` explains a connection HQ dropped without a word (see `diagnose_disconnect`).
    `wire`: compress the request and ask for a compressed answer as it says (None: plain
    both ways, as at enrollment); a compressed answer is read in any case.
    """
    wire = wire if wire is not None else Wire(compress=False, accept=False)
    plain = None
    if body is not None:
        plain = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packed = (compression.worth_compressing(plain, compression.REQUEST_LEVEL)
              if plain is not None and wire.compress else None)
    status, raw, hq_reads_zstd = _send(http, method, url, plain, packed, wire, diagnose)
    if packed is not None and status in (400, 415) and not hq_reads_zstd:
        # An HQ (or a server in front of it) that cannot read zstd refused it: nothing was
        # stored on a 4xx, so the same request goes again, plain.
        wire.compress = False
        status, raw, hq_reads_zstd = _send(http, method, url, plain, None, wire, diagnose)
    wire.compress = wire.compress and hq_reads_zstd
    try:
        parsed = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        if status >= 500:
            raise HQUnreachable("HQ is having problems. Try again later.") from exc
        raise ProtocolError("HQ's answer was not in the expected form.") from exc
    return status, parsed


def _send(http: httpx.Client, method: str, url: str, plain: bytes | None,
          packed: bytes | None, wire: Wire,
          diagnose: Callable[[], SyncError] | None) -> tuple[int, bytes, bool]:
    """One request; (status, answer body decompressed, whether HQ says it reads zstd)."""
    # Explicit: httpx would otherwise offer gzip and deflate, and inflate them unbounded.
    headers = {"Accept": "application/json", "Accept-Encoding": ZSTD if wire.accept
               else IDENTITY}
    content = packed if packed is not None else plain
    if plain is not None:
        headers["Content-Type"] = "application/json"
    if packed is not None:
        headers["Content-Encoding"] = ZSTD
    try:
        with http.stream(method, url, content=content, headers=headers) as response:
            status = response.status_code
            raw, received, was_packed = _read_answer(response, status)
            hq_reads_zstd = compression.accepts_zstd(
                response.headers.get_list("accept-encoding"))
    except httpx.TimeoutException as exc:
        raise HQUnreachable("HQ did not answer in time. Try again later.") from exc
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
        failure = transport_failure(exc)
        if diagnose is not None and isinstance(failure, HQUnreachable):
            failure = diagnose()
        raise failure from exc
    except httpx.TransportError as exc:
        raise transport_failure(exc) from exc
    except httpx.InvalidURL as exc:
        raise HQUnreachable("HQ's address is not valid; enroll this laptop again.") from exc
    except httpx.HTTPError as exc:
        raise ProtocolError("HQ's answer could not be understood.") from exc
    wire.requests += 1
    wire.sent += len(content or b"")
    wire.sent_plain += len(plain or b"")
    wire.compressed_requests += packed is not None
    wire.received += received
    wire.received_plain += len(raw)
    wire.compressed_answers += was_packed
    return status, raw, hq_reads_zstd


def _read_answer(response: httpx.Response, status: int) -> tuple[bytes, int, bool]:
    """(the answer's body as HQ meant it, bytes received, whether it came compressed);
    refused beyond MAX_ANSWER_BYTES before or after decompression. httpx's own decoding is
    bypassed (`iter_raw`): it has no bound."""
    try:
        coding = compression.content_coding(response.headers.get_list("content-encoding"))
    except compression.UnsupportedEncoding as exc:
        raise _undecodable(status) from exc
    decoder = compression.BoundedDecompressor(MAX_ANSWER_BYTES) if coding == ZSTD else None
    raw = bytearray()
    received = 0
    try:
        for chunk in response.iter_raw():
            received += len(chunk)
            if received > MAX_ANSWER_BYTES:
                raise ProtocolError(TOO_LARGE)
            if decoder is None:
                raw += chunk
            else:
                decoder.feed(chunk)
        body = bytes(raw) if decoder is None else decoder.finish()
    except compression.TooLarge as exc:
        raise ProtocolError(TOO_LARGE) from exc
    except compression.CorruptBody as exc:
        raise _undecodable(status) from exc
    return body, received, decoder is not None


def _undecodable(status: int) -> SyncError:
    if status >= 500:
        return HQUnreachable("HQ is having problems. Try again later.")
    return ProtocolError("HQ's answer could not be decoded; sync stopped to protect this "
                         "laptop.")


def transport_failure(exc: BaseException) -> SyncError:
    """Name the failure from the TLS alert or socket error underneath httpx's exception."""
    texts: list[str] = []
    cause: BaseException | None = exc
    seen = 0
    while cause is not None and seen < 10:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return ServerNotTrusted("The server did not prove it is your agency's HQ, so "
                                    "nothing was sent. Tell your IT support.")
        texts.append(f"{type(cause).__name__}: {cause}")
        if isinstance(cause, ssl.SSLError):
            texts.append(str(getattr(cause, "reason", "")))
        cause = cause.__cause__ or cause.__context__
        seen += 1
    joined = " ".join(texts)
    if any(marker in joined for marker in _EXPIRED):
        return CertificateExpired(EXPIRED)
    if any(marker in joined for marker in _REFUSED_CERT):
        return DeviceNotAuthorised(NOT_AUTHORISED)
    return HQUnreachable(UNREACHABLE)


def diagnose_disconnect(ctx: ssl.SSLContext, base_url: str, timeout: float) -> SyncError:
    """Why did HQ hang up? With TLS 1.3 the server checks the client certificate after the
    client considers the handshake done, and the server closes without an alert we can read.
    So ask again on a bare connection: an immediate close means our certificate was refused;
    an HTTP answer means the earlier connection was merely interrupted."""
    url = httpx.URL(base_url)
    host, port = url.host, url.port or 443
    request = (f"GET /v1/status HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
               .encode("ascii"))
    try:
        with socket.create_connection((host, port), timeout=timeout) as raw, \
                ctx.wrap_socket(raw, server_hostname=host) as conn:
            conn.sendall(request)
            first = conn.recv(16)
    except ssl.SSLCertVerificationError:
        return ServerNotTrusted("The server did not prove it is your agency's HQ, so "
                                "nothing was sent. Tell your IT support.")
    except ssl.SSLError as exc:
        failure = transport_failure(exc)
        return failure if not isinstance(failure, HQUnreachable) else DeviceNotAuthorised(
            NOT_AUTHORISED)
    except (ConnectionResetError, BrokenPipeError):
        return DeviceNotAuthorised(NOT_AUTHORISED)
    except OSError:
        return HQUnreachable(UNREACHABLE)
    if not first:
        return DeviceNotAuthorised(NOT_AUTHORISED)
    return HQUnreachable("The connection to HQ was interrupted. Try again.")


def server_message(answer: Any, fallback: str) -> str:
    """HQ's own sentence when it is a plausible one; a hostile server cannot flood the UI."""
    if isinstance(answer, dict):
        message = answer.get("message")
        if isinstance(message, str) and 0 < len(message) <= 500 and message.isprintable():
            return message
    return fallback


def raise_for_status(status: int, answer: Any) -> None:
    """Turn a refusal from the sync listener into the matching `SyncError`."""
    if 200 <= status < 300:
        return
    code = answer.get("error") if isinstance(answer, dict) else None
    code = code if isinstance(code, str) and len(code) <= 64 else "unknown"
    if status == 401 and code == "certificate_expired":
        raise CertificateExpired(server_message(answer, EXPIRED))
    if status == 401:
        raise DeviceNotAuthorised(server_message(answer, NOT_AUTHORISED))
    if status == 403 and code == "revoked":
        wipe = isinstance(answer, dict) and answer.get("wipe") is True
        raise DeviceRevoked(
            "HQ has withdrawn this laptop's access"
            + (" and asks for its case data to be erased." if wipe else "."), wipe)
    if status == 409 and code in ("gap", "audit_gap", "rebase"):
        acked = answer.get("acked_seq") if isinstance(answer, dict) else None
        audit = answer.get("audit_acked_seq") if isinstance(answer, dict) else None
        if not isinstance(acked, int) or not isinstance(audit, int) or not (
            _is_count(acked) and _is_count(audit)
        ):
            raise ProtocolError("HQ's answer was not in the expected form.")
        if code == "rebase":
            audit_hash = answer.get("audit_hash")
            if not isinstance(audit_hash, str) or not _HEX64.fullmatch(audit_hash):
                raise ProtocolError("HQ's answer was not in the expected form.")
            raise RebaseRequired(server_message(answer, "HQ holds other changes under "
                                                        "this laptop's numbers."),
                                 acked, audit, audit_hash)
        raise SyncConflict(server_message(answer, "HQ is missing earlier changes; "
                                                  "they will be sent again."),
                           code, acked, audit)
    if 400 <= status < 500:
        raise RequestRejected(server_message(answer, f"HQ refused the request ({status})."),
                              code, status)
    if status >= 500:
        raise HQUnreachable("HQ is having problems. Try again later.")
    raise ProtocolError(f"HQ answered with an unexpected status ({status}).")


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
