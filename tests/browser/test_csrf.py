"""A form whose CSRF token is not the session's is refused by the console and changes
nothing: the token is changed in the page (as a forged form would carry another), then the
person presses the button."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from selenium.webdriver.remote.webelement import WebElement

from safeconf.hq import staff
from tests.browser.navigators import Navigator
from tests.browser.seed import Seeded, device_status

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REFUSAL = "did not come from this console"


def _forge(person: Navigator, form: WebElement) -> None:
    person.driver.execute_script(
        "arguments[0].querySelector('input[name=csrf]').value = 'forged-token'", form)


def test_signing_out_with_a_forged_token_is_refused_and_the_person_stays_signed_in(
        as_role: Callable[[str], Navigator]) -> None:
    person = as_role(staff.LEGAL)
    form = person.form_for("/signout")
    _forge(person, form)
    person.submit(form)
    assert person.heading() == "Refused" and REFUSAL in person.alert()
    assert person.open("/").signed_in_name() == person.account.name


def test_revoking_a_device_with_a_forged_token_is_refused_and_the_device_stays_active(
        as_role: Callable[[str], Navigator], seeded: Seeded) -> None:
    admin = as_role(staff.ADMINISTRATOR)
    admin.open(f"/devices/{seeded.device_id}")
    form = admin.action_form("Revoke")
    _forge(admin, form)
    admin.submit(form)
    assert admin.heading() == "Refused" and REFUSAL in admin.alert()
    assert device_status(admin.console.hq, seeded.device_id) == "active"
