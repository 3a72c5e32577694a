"""The console as an aiohttp application: its middlewares, templates, static files and the
pages of each group (a group's package lists its page modules in `MODULES`)."""

from __future__ import annotations

import importlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

from aiohttp import web

from safeconf.hq.console import approvals_page, home, middleware
from safeconf.hq.console import web as cweb
from safeconf.hq.db import Database

STATIC = Path(__file__).parent / "static"
GROUPS = ("auth", "admin", "legal", "supervise")
MAX_UPLOAD = 2 * 1024 * 1024  # a case CSV or a court order scan; more is refused (413)


def page_modules() -> list[ModuleType]:
    modules: list[ModuleType] = [home, approvals_page]
    for group in GROUPS:
        try:
            package = importlib.import_module(f"safeconf.hq.console.{group}")
        except ModuleNotFoundError as exc:
            if exc.name != f"safeconf.hq.console.{group}":
                raise
            continue
        modules += [importlib.import_module(f"{package.__name__}.{name}")
                    for name in getattr(package, "MODULES", ())]
    return modules


def make_app(db: Database, settings: cweb.Settings, *, data_dir: Any = None,
             executor: ThreadPoolExecutor | None = None) -> web.Application:
    app = web.Application(client_max_size=MAX_UPLOAD, middlewares=[
        middleware.security_headers, middleware.error_pages, middleware.session,
        middleware.csrf])
    modules = page_modules()
    console = cweb.Console(db, settings,
                           executor or ThreadPoolExecutor(max_workers=8,
                                                          thread_name_prefix="hq-console"),
                           cweb.template_env(), cweb.gather_nav(modules), data_dir)
    app[cweb.CONSOLE] = console
    for module in modules:
        app.router.add_routes(module.routes)
    static = app.router.add_static("/static/", STATIC, name="static", append_version=True)
    console.templates.globals["static"] = lambda name: str(static.url_for(filename=name))
    if executor is None:
        async def _stop_pool(_app: web.Application) -> None:
            console.executor.shutdown(wait=False, cancel_futures=True)

        app.on_cleanup.append(_stop_pool)
    return app
