"""`safeconf-hq users add|reset|list`: setup links printed with how to hand them over."""

from __future__ import annotations

import pytest

from safeconf.hq import cli
from tests.hq.console.auth import flows
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient, ConsoleServer


def run(hq: HQ, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main([*args, "--data-dir", str(hq.data.path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_users_add_prints_a_link_that_sets_up_sign_in(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ,
        capsys: pytest.CaptureFixture[str]) -> None:
    console_hq.staff_member("administrator")
    code, out, _ = run(console_hq, capsys, "users", "add", "c.lee", "--email",
                       "c.lee@agency.example", "--role", "supervisor", "--as", HQ.ADMIN,
                       "--console-url", console.origin)
    assert code == 0
    url = out.splitlines()[0]
    assert url.startswith(f"{console.origin}/setup/")
    assert "works once" in out and "not by email" in out and "until" in out
    assert client.get(url.removeprefix(console.origin)).status_code == 303
    code, out, _ = run(console_hq, capsys, "users", "list")
    assert code == 0 and "c.lee" in out and "supervisor" in out


def test_users_add_defaults_to_the_console_port_and_refuses_without_an_admin(
        console_hq: HQ, capsys: pytest.CaptureFixture[str]) -> None:
    console_hq.staff_member("administrator")
    code, out, _ = run(console_hq, capsys, "users", "add", "c.port", "--email",
                       "c.port@agency.example", "--role", "legal", "--as", HQ.ADMIN)
    assert code == 0 and out.startswith("https://localhost:8445/setup/")
    code, out, err = run(console_hq, capsys, "users", "add", "c.port", "--email",
                         "c.port@agency.example", "--role", "legal")
    assert code == 1 and "--as" in err and not out


def test_users_reset_removes_methods_and_prints_a_new_link(
        console: ConsoleServer, console_hq: HQ, capsys: pytest.CaptureFixture[str]) -> None:
    secret, _ = flows.totp_person(console_hq, console, "c.reset")
    code, out, _ = run(console_hq, capsys, "users", "reset", "c.reset", "--as", HQ.ADMIN,
                       "--console-url", console.origin)
    assert code == 0 and "removed" in out and f"{console.origin}/setup/" in out
    browser = console.client()
    try:
        flows.next_step(console)
        assert flows.sign_in_totp(browser, "c.reset",
                                  flows.code(secret, console)).status_code == 400
    finally:
        browser.close()
    code, _, err = run(console_hq, capsys, "users", "reset", "c.reset", "--as", "c.reset")
    assert code == 1 and "may not do this" in err
