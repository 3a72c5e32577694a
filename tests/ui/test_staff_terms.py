"""The staff confidentiality acknowledgment: asked after the vault is first created, and
again when 12 months have passed (an injected clock); conference work waits until then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from safeconf.app.staff_terms import StaffTermsService
from safeconf.domain.records import Language
from tests.ui.conftest import PASSPHRASE

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def create_vault(qtbot, window) -> None:
    screen = window.lock_screen
    screen.passphrase.setText(PASSPHRASE)
    screen.repeat.setText(PASSPHRASE)
    with qtbot.waitSignal(window.lock_screen.opened, timeout=10_000):
        screen.create_button.click()


def unlock(qtbot, window) -> None:
    screen = window.lock_screen
    screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(window.lock_screen.opened, timeout=10_000):
        screen.unlock_button.click()


def acknowledge_by_keyboard(qtbot, window) -> None:
    terms = window.staff_terms_screen
    terms.understood.setFocus()
    qtbot.keyClick(terms.understood, Qt.Key.Key_Space)
    with qtbot.waitSignal(window.unlocked, timeout=5_000):
        qtbot.keyClick(terms.acknowledge_button, Qt.Key.Key_Space)


def test_first_run_asks_for_the_staff_acknowledgment_before_any_conference_work(
    qtbot, make_window
):
    clock = Clock()
    window = make_window(staff_terms_acknowledged=False)
    window.staff_terms = StaffTermsService(window.session, now=clock)
    create_vault(qtbot, window)
    terms = window.staff_terms_screen
    assert terms is not None and window.stack.currentWidget() is terms
    assert window.main_view is None  # no conference list behind it
    assert "termination" in terms.text.toPlainText() and "$1,000" in terms.text.toPlainText()
    assert not terms.acknowledge_button.isEnabled()  # not before "read and understood"
    for widget in (terms.language, terms.text, terms.understood, terms.acknowledge_button):
        assert widget.accessibleName()

    acknowledge_by_keyboard(qtbot, window)
    assert window.main_view is not None and window.staff_terms_screen is None
    [ack] = window.session.vault.staff_acknowledgments.all()
    assert ack.statement_id == "staff_confidentiality" and ack.language is Language.ENGLISH
    assert ack.acknowledged_at.startswith("2026-03-02T09:00")


def test_the_terms_are_shown_and_recorded_in_spanish_when_chosen(qtbot, make_window):
    window = make_window(staff_terms_acknowledged=False)
    create_vault(qtbot, window)
    terms = window.staff_terms_screen
    terms.language.setCurrentIndex(terms.language.findData(Language.SPANISH))
    assert "despido" in terms.text.toPlainText()
    acknowledge_by_keyboard(qtbot, window)
    [ack] = window.session.vault.staff_acknowledgments.all()
    assert ack.language is Language.SPANISH
    assert ack.statement_sha256 == StaffTermsService(window.session).terms(
        Language.SPANISH).sha256


def test_a_year_later_the_acknowledgment_is_asked_again_at_unlock(qtbot, make_window):
    clock = Clock()
    window = make_window(staff_terms_acknowledged=False)
    window.staff_terms = StaffTermsService(window.session, now=clock)
    create_vault(qtbot, window)
    acknowledge_by_keyboard(qtbot, window)

    clock.now = START + timedelta(days=364)
    window.lock()
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        unlock_click(qtbot, window)
    assert window.staff_terms_screen is None and window.main_view is not None

    clock.now = START.replace(year=2027)
    window.lock()
    unlock(qtbot, window)
    assert window.staff_terms_screen is not None and window.main_view is None
    acknowledge_by_keyboard(qtbot, window)
    assert len(window.session.vault.staff_acknowledgments.all()) == 2


def unlock_click(qtbot, window) -> None:
    screen = window.lock_screen
    screen.passphrase.setText(PASSPHRASE)
    screen.unlock_button.click()
