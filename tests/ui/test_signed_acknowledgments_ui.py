"""What the laptop shows of an acknowledgment's proof: the Conclude step says "verified" or
exactly what does not match, and the acknowledgment roster (screen and paper) shows each
signature's key fingerprint. A real vault, a real HQ for the enrollment."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from safeconf.domain.ack_signature import short_fingerprint
from safeconf.domain.records import AckMethod, Presence, Role
from safeconf.sync.engine import enroll_vault
from safeconf.ui.app_window import AppWindow
from safeconf.ui.workspace.conclude_page import ConcludePage
from safeconf.ui.workspace.confidentiality_page import AckStatusModel
from safeconf.ui.workspace.printing import Roster
from tests.support.hq_process import HQProcess
from tests.ui.conftest import ScriptedPrompter

pytestmark = pytest.mark.keyring


def _room(window: AppWindow) -> tuple[str, str]:
    service = window.service
    case = service.create_case("2026-0501", "Okafor")
    conf = service.create_conference(case.id, datetime.now(UTC))
    father = service.add_attendee(conf.id, "James Okafor", Role.PARENT)
    service.set_presence(father.id, Presence.PRESENT)
    ack = service.acknowledge(father.id, AckMethod.TYPED_NAME, service.statement_for(father),
                              typed_name="James Okafor")
    return conf.id, ack.id


def _conclude_text(window: AppWindow, prompter: ScriptedPrompter, conf_id: str) -> str:
    page = ConcludePage(window.service, prompter, conf_id, window)
    page.refresh()
    assert page.summary.accessibleName() == "Conference summary"
    return page.summary.toPlainText()


def test_conclude_shows_the_own_signature_before_enrolling_and_a_tampered_row_after(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter,
) -> None:
    window = unlocked
    conf_id, ack_id = _room(window)
    key = short_fingerprint(window.session.vault.signing_key.fingerprint)
    text = _conclude_text(window, prompter, conf_id)
    assert ("James Okafor: Typed name — signed on this laptop; verified once HQ certifies "
            f"its key at enrollment (key {key})") in text

    db = window.session.vault._db  # someone with the data key edits the stored row
    data = json.loads(db.scalar("SELECT data FROM records WHERE id = ?", (ack_id,)))
    with db.transaction():
        db.execute("DROP TRIGGER records_append_only_update")
        db.execute("UPDATE records SET stored = ? WHERE id = ?",
                   (json.dumps({**data, "witness": "Someone Else"}), ack_id))
    text = _conclude_text(window, prompter, conf_id)
    assert "NOT verified: the signature does not match the signed fields" in text


def test_conclude_says_verified_once_hq_certified_the_key(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter, tmp_path: Path,
) -> None:
    window = unlocked
    conf_id, _ack_id = _room(window)  # taken before enrolling: HQ counter-signs it
    hq = HQProcess(tmp_path / "hq").init().start()
    try:
        enroll_vault(window.session.vault, hq.enrollment_code(window.session.vault.user))
    finally:
        hq.stop()
    key = short_fingerprint(window.session.vault.signing_key.fingerprint)
    text = _conclude_text(window, prompter, conf_id)
    assert f"James Okafor: Typed name — verified (key {key})" in text


def test_the_roster_on_screen_and_on_paper_shows_the_signing_key(
    qtbot: Any, unlocked: AppWindow,
) -> None:
    window = unlocked
    conf_id, _ack_id = _room(window)
    key = short_fingerprint(window.session.vault.signing_key.fingerprint)
    model = AckStatusModel()
    service = window.service
    acks = service.acknowledgments(conf_id)
    model.set_rows([(a, acks.get(a.id), True) for a in service.attendees(conf_id)])
    assert model.headers()[3] == "Signing key"
    assert model.data(model.index(0, 3)) == key
    assert f"Signed with key {key}" in Roster().build(service, conf_id).toPlainText()


def test_the_signing_key_column_fits_beside_the_statement_on_a_laptop_screen(
    qtbot: Any, unlocked: AppWindow,
) -> None:
    """Every column of the confidentiality roster shows at 1280 x 800 without scrolling
    sideways, the signed row's key and a long name included, and the statement beside it
    still holds a readable line (45 characters or more)."""
    from safeconf.ui.workspace.conference_workspace import CONFIDENTIALITY

    window = unlocked
    conf_id, _ack_id = _room(window)
    waiting = window.service.add_attendee(conf_id, "Adaeze Okafor-Whitfield", Role.RELATIVE)
    window.service.set_presence(waiting.id, Presence.PRESENT)
    window.resize(1280, 800)
    window.show()
    window.main_view.open_conference(conf_id)
    workspace = window.main_view.workspace
    assert workspace is not None
    workspace.go_to(CONFIDENTIALITY)
    page = workspace.confidentiality
    qtbot.waitExposed(page.table)
    qtbot.wait(50)
    table = page.table
    assert table.horizontalScrollBar().maximum() == 0
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    statement = page.statement
    assert statement.viewport().width() >= 45 * statement.fontMetrics().averageCharWidth()
