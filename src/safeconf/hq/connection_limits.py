"""The limits each HQ listener holds its connections to (hq/guard.py enforces them), apart
from the server so that the admin commands, which only parse them, start without aiohttp."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Enrollment is rare: a smaller share of file handles.
DEFAULT_ENROLL_MAX_CONNECTIONS = 100
DEFAULT_ENROLL_MAX_PER_ADDRESS = 25


@dataclass(frozen=True)
class ConnectionLimits:
    handshake_timeout: float = 10.0
    header_timeout: float = 10.0
    idle_timeout: float = 30.0
    request_timeout: float = 300.0
    max_connections: int = 500
    max_per_address: int = 125  # a quarter: one host cannot shut the others out

    def __post_init__(self) -> None:
        for name in ("handshake_timeout", "header_timeout", "idle_timeout", "request_timeout"):
            if not 0 < getattr(self, name) <= 86_400:
                raise ValueError(f"{name.replace('_', '-')} must be between 0 and 86400 s.")
        if self.max_connections < 1:
            raise ValueError("max-connections must be at least 1.")
        if self.max_per_address < 0:
            raise ValueError("max-connections-per-address must be 0 (no limit) or more.")

    def runner_options(self) -> dict[str, Any]:
        """aiohttp's own limits, for `web.AppRunner`. Its request decompression is off: it
        would inflate gzip, deflate or br bodies before any handler could bound them, and
        HQ decompresses zstd itself with a bound (hq/body.py)."""
        return {"keepalive_timeout": self.idle_timeout, "max_line_size": 8190,
                "max_field_size": 8190, "max_headers": 64, "auto_decompress": False}
