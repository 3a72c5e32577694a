"""Errors the HQ raises: each carries an HTTP status, a machine code and a readable sentence."""

from __future__ import annotations

from typing import Any


class HQError(Exception):
    """A refusal the server turns into `{"error": code, "message": ...}` with `status`."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, **self.extra}


def bad_request(message: str, code: str = "bad_request") -> HQError:
    return HQError(400, code, message)


class AdminError(Exception):
    """A `safeconf-hq` command cannot do what it was asked; the message says why."""
