"""The steps HQ's people take in the console, one class per role (SecureDrop's app
navigators): tests read as the person's task, and the screenshot tool walks the same steps.

An account is made the way an administrator makes one (`safeconf-hq users add`, which prints
a one-time setup link); the person opens the link and registers a passkey (Chromium's
virtual authenticator: CTAP2, internal, resident key, user verified) or TOTP (pyotp computes
the codes a phone app would show).
"""

from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import pyotp
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.virtual_authenticator import (
    Credential,
    Protocol,
    Transport,
    VirtualAuthenticatorOptions,
)
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from safeconf.hq import staff
from tests.hq.hq_harness import HQ

WAIT = 15.0
SETUP_LINK = re.compile(r"https://\S+/setup/[A-Za-z0-9_\-]+")
BASE32 = re.compile(r"\b([A-Z2-7]{4}(?: ?[A-Z2-7]{4}){3,})\b")
REFUSED = "Not for your role"


@dataclass
class Account:
    """A console account the tests made, with what its owner keeps: a passkey (exported
    from the virtual authenticator to bring it back in a later test) or a TOTP secret."""
    name: str
    role: str
    setup_link: str
    passkeys: list[Credential] = field(default_factory=list)
    totp_secret: str | None = None
    last_totp_step: int = -1
    recovery_codes: list[str] = field(default_factory=list)

    def totp_code(self) -> str:
        """A code valid now that was not used before (the console takes each step once and
        accepts the next one early: no waiting for the 30 s to pass)."""
        assert self.totp_secret, f"{self.name} has no TOTP"
        totp = pyotp.TOTP(self.totp_secret)
        step = max(int(time.time()) // totp.interval, self.last_totp_step + 1)
        self.last_totp_step = step
        return totp.at(step * totp.interval)


class Console:
    """A served HQ's console: its address and the accounts made on it."""

    def __init__(self, hq: HQ, origin: str) -> None:
        self.hq = hq
        self.origin = origin.rstrip("/")
        self.accounts: dict[str, Account] = {}

    def url(self, path: str) -> str:
        return self.origin + path

    def new_account(self, role: str, name: str | None = None, *, cli: bool = False,
                    ) -> Account:
        """An account and its one-time setup link, as HQ's first administrator makes it:
        with `cli`, by running `safeconf-hq users add` (as a person would); else through
        the same service, in this process (quicker, for the people a test only needs)."""
        name = name or f"{role.replace('_', '-')}-{uuid.uuid4().hex[:6]}"
        admin = self.hq.staff_member(staff.ADMINISTRATOR, HQ.ADMIN)
        by = None if name == admin else admin
        if cli:
            args = ["users", "add", name, "--email", f"{name}@agency.example", "--role", role,
                    "--console-url", self.origin, *(["--as", by] if by else [])]
            printed = self.hq.cli(*args).stdout
            found = SETUP_LINK.search(printed)
            assert found, f"users add printed no setup link: {printed!r}"
            link = found.group(0)
        else:
            from safeconf.hq.console.auth import accounts

            link = accounts.create(self.hq.db, name, f"{name}@agency.example", role, by,
                                   origin=self.origin).url
        account = Account(name, role, link)
        self.accounts[name] = account
        return account


class Navigator:
    """What anyone does in the console."""

    def __init__(self, driver: WebDriver, console: Console, account: Account | None = None):
        self.driver = driver
        self.console = console
        self.account = account

    # --- looking ------------------------------------------------------------------------
    def open(self, path: str) -> Navigator:
        self.driver.get(self.console.url(path))
        self.wait_loaded()
        return self

    def wait_loaded(self) -> None:
        WebDriverWait(self.driver, WAIT, poll_frequency=0.05).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    def wait_for(self, condition: Any, what: str) -> Any:
        try:
            return WebDriverWait(self.driver, WAIT, poll_frequency=0.05).until(condition)
        except TimeoutException:
            raise AssertionError(f"waited {WAIT:.0f} s for {what}; the page says: "
                                 f"{self.heading()!r} {self.alert()!r} at {self.path}") from None

    @property
    def path(self) -> str:
        url = self.driver.current_url
        return url[len(self.console.origin):] if url.startswith(self.console.origin) else url

    def heading(self) -> str:
        found = self.driver.find_elements(By.CSS_SELECTOR, "main h1")
        return found[0].text.strip() if found else ""

    def alert(self) -> str:
        return " ".join(e.text.strip() for e in self.driver.find_elements(
            By.CSS_SELECTOR, "main [role=alert], main .problem") if e.text.strip())

    def flash(self) -> str:
        return " ".join(e.text for e in self.driver.find_elements(By.CSS_SELECTOR, ".flash"))

    def text(self) -> str:
        return str(self.driver.find_element(By.TAG_NAME, "main").text)

    def nav_paths(self) -> list[str]:
        links = self.driver.find_elements(By.CSS_SELECTOR, "nav[aria-label] a")
        return [self.console_path(str(a.get_attribute("href"))) for a in links]

    def console_path(self, url: str) -> str:
        return url[len(self.console.origin):] if url.startswith(self.console.origin) else url

    @property
    def sees_sealed(self) -> bool:
        """Only legal is shown anything of a sealed case."""
        return self.account is not None and self.account.role == staff.LEGAL

    def signed_in_name(self) -> str:
        """Who the page header says is signed in ("" for nobody)."""
        who = self.driver.find_elements(By.CSS_SELECTOR, "header .who")
        return who[0].text.split("·")[0].strip() if who else ""

    def is_signed_out(self) -> bool:
        """Whether this browser's console pages send it to sign in."""
        return self.open("/").path.startswith("/signin")

    def open_item(self, text: str) -> None:
        """Follow the link in the page's list that names `text` (a receipt, an id)."""
        links = [a for a in self.driver.find_elements(By.CSS_SELECTOR, "main a[href]")
                 if text in a.text]
        assert links, f"{text!r} is not listed on {self.path}"
        links[0].click()
        self.wait_loaded()

    def is_refused(self, path: str) -> bool:
        return self.open(path).heading() == REFUSED

    # --- doing --------------------------------------------------------------------------
    def field(self, name: str, form: WebElement | None = None) -> WebElement:
        scope: Any = form or self.driver
        return scope.find_element(By.NAME, name)

    def fill(self, form: WebElement, **values: str) -> None:
        for name, value in values.items():
            box = self.field(name, form)
            if box.tag_name == "select":
                box.find_element(By.CSS_SELECTOR, f"option[value='{value}']").click()
            elif box.get_attribute("type") in ("radio", "checkbox"):
                form.find_element(By.CSS_SELECTOR,
                                  f"[name='{name}'][value='{value}']").click()
            else:
                box.clear()
                box.send_keys(value)

    def form_for(self, action: str) -> WebElement:
        """The form that posts to `action` (a path, matched at the end of its action)."""
        for form in self.driver.find_elements(By.TAG_NAME, "form"):
            if str(form.get_attribute("action") or "").endswith(action):
                return form
        raise AssertionError(f"no form posting to {action} on {self.path}")

    def button(self, label: str) -> WebElement:
        """The button in <main> that says `label` (exactly, else the first that begins so)."""
        found = [(str(b.text).strip().lower(), b) for b in self.driver.find_elements(
            By.CSS_SELECTOR, "main form button")]
        wanted = label.lower()
        chosen = ([b for text, b in found if text == wanted]
                  or [b for text, b in found if text.startswith(wanted)])
        assert chosen, f"no button {label!r} on {self.path}: {[t for t, _ in found]}"
        return chosen[0]

    def action_form(self, label: str) -> WebElement:
        """The form of the button that says `label`."""
        return self.button(label).find_element(By.XPATH, "./ancestor::form")

    def press(self, label: str, **values: str) -> None:
        """Fill the form of the button that says `label`, and press that button."""
        button = self.button(label)
        form = button.find_element(By.XPATH, "./ancestor::form")
        self.fill(form, **values)
        self.submit(form, button)

    def submit(self, form: WebElement, button: WebElement | None = None) -> None:
        """Press the form's button (its first, or `button`), as a person does, saying yes
        to its "are you sure?"."""
        before = self.driver.current_url
        pressed = button or form.find_element(By.CSS_SELECTOR,
                                              "button[type=submit], button:not([type])")
        self.driver.execute_script(
            "arguments[0].removeAttribute('data-confirm')", form)  # a confirm() dialog: yes
        pressed.click()
        self.wait_for(lambda d: _gone(pressed) or d.current_url != before,
                      "the form's answer")
        self.wait_loaded()

    def sign_out(self) -> None:
        self.submit(self.form_for("/signout"))

    # --- signing in ---------------------------------------------------------------------
    def authenticator(self) -> None:
        """A platform authenticator with user verification, as a laptop's fingerprint
        reader: what the virtual one answers, a real one would."""
        if self.driver.virtual_authenticator_id:
            self.driver.remove_virtual_authenticator()
        self.driver.add_virtual_authenticator(VirtualAuthenticatorOptions(
            protocol=Protocol.CTAP2, transport=Transport.INTERNAL, has_resident_key=True,
            has_user_verification=True, is_user_verified=True))

    def open_setup_link(self) -> None:
        self.driver.get(self._account().setup_link)
        self.wait_loaded()

    def set_up_with_passkey(self) -> Account:
        """Open the setup link, register a passkey, keep the recovery codes."""
        self.open_setup_link()
        self.register_passkey()
        self.finish_setup()
        return self._account()

    def register_passkey(self) -> None:
        """On the setup page: create a passkey with this laptop's authenticator."""
        account = self._account()
        self.authenticator()
        self.click("passkey-register")
        self.wait_for(lambda d: "passkey was saved" in self.flash(),
                      "the passkey to be registered")
        account.passkeys = list(self.driver.get_credentials())
        assert account.passkeys, "the authenticator holds no passkey after setup"

    def set_up_with_totp(self) -> Account:
        """Open the setup link, add the secret to a code app (pyotp), type its code."""
        account = self._account()
        self.open_setup_link()
        account.totp_secret = self.totp_secret_shown()
        form = self.form_for("/setup/totp")
        self.fill(form, code=account.totp_code())
        self.submit(form)
        assert "TOTP is set up" in self.flash(), self.alert()
        self.finish_setup()
        return account

    def totp_secret_shown(self) -> str:
        """The secret as the page shows it for typing (or in its otpauth:// address)."""
        shown = self.driver.find_elements(By.ID, "totp-secret")
        if shown:
            return re.sub(r"\s", "", shown[0].text)
        uri = re.search(r"secret=([A-Z2-7]+)", self.driver.page_source)
        if uri:
            return uri.group(1)
        typed = BASE32.search(self.text())
        assert typed, "the setup page shows no TOTP secret"
        return re.sub(r"\s", "", typed.group(1))

    def finish_setup(self) -> None:
        """Finish, note the recovery codes shown once, then go on to the console."""
        self.show_recovery_codes()
        self.go_on()

    def show_recovery_codes(self) -> list[str]:
        self.submit(self.form_for("/setup/finish"))
        assert self.heading() == "Your recovery codes", (self.heading(), self.alert())
        codes = self._recovery_codes()
        assert len(codes) >= 10, f"expected 10 recovery codes, saw {codes}"
        self._account().recovery_codes = codes
        return codes

    def go_on(self) -> None:
        """"I have kept them: continue" (the page's link onward)."""
        onward = self.driver.find_elements(By.CSS_SELECTOR, "main a[href='/']")
        if onward:
            onward[0].click()
            self.wait_loaded()
        else:
            self.open("/")

    def _recovery_codes(self) -> list[str]:
        return [e.text.strip() for e in self.driver.find_elements(
            By.CSS_SELECTOR, "main code") if e.text.strip()]

    def sign_in_with_passkey(self) -> Navigator:
        account = self._account()
        assert account.passkeys, f"{account.name} has no passkey"
        self.authenticator()
        for credential in account.passkeys:
            self.driver.add_credential(credential)
        self.open("/signin")
        self.click("passkey-signin")
        self.wait_for(lambda d: not self.path.startswith("/signin"), "passkey sign-in")
        self.wait_loaded()
        account.passkeys = list(self.driver.get_credentials())  # their sign counts went up
        return self

    def sign_in_with_totp(self, code: str | None = None) -> Navigator:
        account = self._account()
        self.open("/signin")
        form = self.form_for("/signin/totp")
        self.fill(form, name=account.name, code=code or account.totp_code())
        self.submit(form)
        return self

    def sign_in(self) -> Navigator:
        return self.sign_in_with_passkey() if self._account().passkeys else (
            self.sign_in_with_totp())

    def click(self, element_id: str) -> None:
        button = self.wait_for(lambda d: _shown(d, element_id), f"#{element_id}")
        button.click()

    def _account(self) -> Account:
        assert self.account is not None, "this navigator has no account"
        return self.account


def _shown(driver: WebDriver, element_id: str) -> WebElement | bool:
    found = driver.find_elements(By.ID, element_id)
    return found[0] if found and found[0].is_displayed() and found[0].is_enabled() else False


def _gone(element: WebElement) -> bool:
    try:
        element.is_enabled()
    except Exception:  # stale: the page was replaced
        return True
    return False


class Administrator(Navigator):
    """Enrolls laptops and revokes lost ones."""

    def revoke_device(self, device_id: str, *, wipe: bool = False) -> None:
        self.open("/devices")
        self.open_item(device_id)
        self.press("Revoke and wipe" if wipe else "Revoke")


class LegalOfficer(Navigator):
    """Answers legal review requests."""

    def answer_review(self, case_number: str, answer: str, advice: str) -> None:
        self.open("/legal/reviews")
        self.open_item(case_number)
        self.press("Send the answer", answer=answer, advice=advice)


class Supervisor(Navigator):
    """Acknowledges the loss reports of their team."""

    def acknowledge_loss(self, receipt: str) -> None:
        self.open("/team/losses")
        self.open_item(receipt)
        self.press("Acknowledge report")


class LegalDirector(Navigator):
    """Handles breaches and records who was told."""

    def record_notified(self, receipt: str, whom: str) -> None:
        """`whom`: "commissioner" or "hr" (the HR director)."""
        self.open("/director/breaches")
        self.open_item(receipt)
        self.press("Record notification", whom=whom)


NAVIGATORS: dict[str, type[Navigator]] = {
    staff.ADMINISTRATOR: Administrator, staff.LEGAL: LegalOfficer,
    staff.SUPERVISOR: Supervisor, staff.LEGAL_DIRECTOR: LegalDirector}
