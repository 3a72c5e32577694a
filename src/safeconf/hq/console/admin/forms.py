"""What the administrator's pages share: reading a page offset, the paging links, and
turning a service's refusal into the message shown on the page."""

from __future__ import annotations

from urllib.parse import urlencode

from aiohttp import web

from safeconf.hq.errors import AdminError

REFUSALS = (AdminError, ValueError)  # a service's sentence for the person, shown as is


def offset(request: web.Request) -> int:
    raw = request.query.get("offset", "0")
    return int(raw) if raw.isdigit() and len(raw) < 10 else 0


def page_link(path: str, start: int, **query: str) -> str:
    """`path` at row `start`, keeping the filters in `query` that are set."""
    kept = {k: v for k, v in query.items() if v}
    if start:
        kept["offset"] = str(start)
    return f"{path}?{urlencode(kept)}" if kept else path


def paging(path: str, start: int, size: int, total: int, **query: str) -> dict[str, str | None]:
    """The previous and next page links (None at either end) and what is shown."""
    return {
        "prev": page_link(path, max(0, start - size), **query) if start > 0 else None,
        "next": page_link(path, start + size, **query) if start + size < total else None,
        "shown": f"{start + 1}–{min(start + size, total)} of {total}" if total else "none",
    }
