"""Screenshots of HQ's web console for the README and docs/screenshots/: a throw-away HQ
(fictional data, in a temporary folder) served by a real `safeconf-hq serve`, Debian's
Chromium headless at 1280x900, and the browser tests' navigators walking each role's pages.

    python tools/console_screenshots.py [DIR]     # default docs/screenshots

Each page is saved as DIR/console-<page>.png (the first role to see a page names it).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' navigators and seed data

from tests.browser import chromium  # noqa: E402
from tests.browser.navigators import NAVIGATORS, Console, Navigator  # noqa: E402
from tests.browser.pages import paths_not_for, walk  # noqa: E402
from tests.browser.seed import seed  # noqa: E402
from tests.hq.hq_harness import HQ  # noqa: E402

from safeconf.hq import staff  # noqa: E402


def main(folder: Path) -> int:
    why = chromium.missing()
    if why:
        print(f"console screenshots: {why}", file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="safeconf-console-shots-") as scratch:
        hq = HQ.create(Path(scratch) / "data", None)
        driver = chromium.start(Path(scratch) / "chromium")
        try:
            server = hq.serve("--console-port", "0")
            console = Console(hq, server.console_url)
            saved = shoot(driver, console, folder)
        finally:
            driver.quit()
            hq.close()
    for path in saved:
        print(path)
    return 0


def shoot(driver: chromium.webdriver.Chrome, console: Console, folder: Path) -> list[Path]:
    saved: list[Path] = []

    def save(person: Navigator, name: str) -> None:
        target = folder / f"console-{name}.png"
        if target not in saved:
            driver.save_screenshot(str(target))
            saved.append(target)

    people = {}
    # Named like people, so the pages look as they will at an agency.
    names = {staff.ADMINISTRATOR: "a.moreno", staff.LEGAL: "l.ortiz",
             staff.SUPERVISOR: "s.okafor", staff.LEGAL_DIRECTOR: "d.lindqvist"}
    for role in staff.SIGN_IN_ROLES:
        chromium.fresh_context(driver)
        person = NAVIGATORS[role](driver, console, console.new_account(role, names[role]))
        if role == staff.ADMINISTRATOR:
            person.open("/signin")
            save(person, "signin")
            person.open_setup_link()
            save(person, "setup")
            person.register_passkey()
            person.show_recovery_codes()
            save(person, "recovery-codes")
            person.go_on()
        else:
            person.set_up_with_passkey()
        people[role] = person.account
    seed(console.hq, supervisor=names[staff.SUPERVISOR], legal=names[staff.LEGAL])
    for role, account in people.items():
        chromium.fresh_context(driver)
        person = NAVIGATORS[role](driver, console, account).sign_in_with_passkey()
        for name in walk(person, role):
            save(person, name)
        others = paths_not_for(role)
        if role == staff.SUPERVISOR and others:
            person.open(others[0])
            save(person, "refused")
    return saved


if __name__ == "__main__":
    os.environ.setdefault("PYTHONPATH", str(ROOT / "src"))
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"))
