"""Check-in benchmark: how many interactions it takes to check a room of six in and take
their acknowledgments, driving the real window with QTest. Every key press, click, text
entry (a whole typed name is one) and drawn stroke is counted; nothing but the signature
needs the mouse. Prints the count per attendee and in total, and whether the goals are met.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/checkin.py

The room (the Okafor family's second conference; the first seeds who is expected): mother
(typed name), father (drawn signature), Spanish-speaking grandmother with an interpreter
(hand-over mode, types her name in Spanish), a 15-year-old (verbal, with a witness), the
interpreter (typed name), and an attorney who arrives late, after notes have begun.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GOAL_TOTAL = 40
GOAL_HANDOVER = 3
PASSPHRASE = "benchmark passphrase, fictional data"
ROOM = "room"  # interactions that belong to no one person (moving between steps)


class Counter:
    """Sends interactions to the focused widget, each one counted against a person."""

    def __init__(self, app: object) -> None:
        self.app = app
        self.counts: dict[tuple[str, str], int] = defaultdict(int)
        self.who = ROOM
        self.phase = "check-in"

    def _target(self):  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QApplication

        widget = QApplication.focusWidget()
        if widget is None:
            raise SystemExit(f"nothing has the keyboard focus ({self.who}, {self.phase})")
        return widget

    def _count(self) -> None:
        self.counts[(self.who, self.phase)] += 1

    def key(self, key: object, modifier: object = None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.keyClick(self._target(), key, modifier or Qt.KeyboardModifier.NoModifier)
        self._count()
        settle()

    def mnemonic(self, text: str) -> None:
        """Alt + the underlined letter of a label, read from the label itself (so a
        translation's own letter is used)."""
        from PySide6.QtCore import Qt

        found = re.search(r"&([^&])", text)
        if found is None:
            raise SystemExit(f"no mnemonic in {text!r}")
        letter = found.group(1).upper()
        key = getattr(Qt.Key, f"Key_{letter}", None)
        if key is None:  # an accented letter: its Unicode value is its key code
            key = Qt.Key(ord(letter))
        self.key(key, Qt.KeyboardModifier.AltModifier)
        from PySide6.QtTest import QTest

        QTest.qWait(150)  # a button's mnemonic clicks it after a short animation

    def alt(self, digit: int) -> None:
        from PySide6.QtCore import Qt

        self.key(getattr(Qt.Key, f"Key_{digit}"), Qt.KeyboardModifier.AltModifier)

    def type(self, text: str) -> None:
        from PySide6.QtTest import QTest

        QTest.keyClicks(self._target(), text)
        self._count()
        settle()

    def draw(self, pad) -> None:  # type: ignore[no-untyped-def]
        """One stroke of a signature: press, move, release (the only mouse use)."""
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        left = Qt.MouseButton.LeftButton
        QTest.mousePress(pad, left, Qt.KeyboardModifier.NoModifier, QPoint(20, 60))
        for i in range(1, 24):
            QTest.mouseMove(pad, QPoint(20 + i * 10, 60 + (i % 5) * 8))
        QTest.mouseRelease(pad, left, Qt.KeyboardModifier.NoModifier, QPoint(260, 70))
        self._count()
        settle()

    def total(self, who: str | None = None, phase: str | None = None) -> int:
        return sum(n for (w, p), n in self.counts.items()
                   if (who is None or w == who) and (phase is None or p == phase))


def settle() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()


def wait_until(condition, what: str, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def expect(condition: bool, what: str) -> None:
    """The run checks itself: a count is only worth printing if each step did its job."""
    if not condition:
        raise SystemExit(f"check failed: {what}")


def main() -> int:
    from PySide6.QtCore import Qt

    from safeconf.app.session import VaultSession
    from safeconf.app.staff_terms import StaffTermsService
    from safeconf.domain.records import AckMethod, AgeBand, Language, Presence, Role
    from safeconf.ui.app_window import AppWindow
    from safeconf.ui.main import make_application
    from safeconf.ui.workspace.conference_workspace import CONFIDENTIALITY, NOTES
    from safeconf.vault.device_secret import EphemeralSecrets
    from safeconf.vault.keys import KdfParams

    app = make_application()
    with tempfile.TemporaryDirectory(prefix="safeconf-bench-") as tmp:
        session = VaultSession(Path(tmp) / "data", EphemeralSecrets(), KdfParams(1, 8192, 1))
        session.create(PASSPHRASE, user="m.lopez")
        terms = StaffTermsService(session)  # a worker who acknowledged this year
        terms.acknowledge(terms.terms(Language.ENGLISH))
        window = AppWindow(session)
        window.resize(1280, 800)
        window.show()
        window.activateWindow()
        window.show_vault()
        settle()
        service = window.service
        assert window.main_view is not None

        # The family's previous conference, which seeds who is expected today.
        case = service.create_case("2026-0417", "Okafor")
        now = datetime.now().astimezone()
        before = service.create_conference(case.id, now - timedelta(days=42))
        for name, role, extra in (
            ("Grace Okafor", Role.PARENT, {}),
            ("James Okafor", Role.PARENT, {}),
            ("Lucía Ramos", Role.RELATIVE,
             {"language": Language.SPANISH, "interpreter": "Ana Torres"}),
            ("Tunde Okafor", Role.YOUTH, {"age_band": AgeBand.AGE_15_TO_17}),
            ("Ana Torres", Role.INTERPRETER, {}),
        ):
            service.add_attendee(before.id, name, role, **extra)  # type: ignore[arg-type]
        today = service.create_conference(case.id, now)
        expect(len(service.attendees(today.id)) == 5, "the previous conference seeds five")

        window.main_view.open_conference(today.id)
        workspace = window.main_view.workspace
        assert workspace is not None
        settle()
        count = Counter(app)
        attendees, conf_page = workspace.attendees, workspace.confidentiality

        # 1. Check-in: the list has focus on the first person expected; Space each.
        for name in ("Grace Okafor", "James Okafor", "Lucía Ramos", "Tunde Okafor",
                     "Ana Torres"):
            selected = attendees.selected()
            expect(selected is not None and selected.name == name, f"{name} is selected")
            count.who = name
            count.key(Qt.Key.Key_Space)
        expect(all(a.presence is Presence.PRESENT for a in service.attendees(today.id)),
               "all five are present")

        # 2. Acknowledgments: after each one the next person waiting is selected, with the
        #    method used last and the cursor in its field.
        count.who, count.phase = ROOM, "acknowledgment"
        count.alt(3)
        form = conf_page.form

        def now_selected(name: str) -> None:
            chosen = conf_page.selected()
            expect(chosen is not None and chosen.name == name, f"{name} is selected")
            count.who = name

        now_selected("Grace Okafor")
        count.mnemonic(form.tabs.tabText(1))  # typed name
        count.type("Grace Okafor")
        count.key(Qt.Key.Key_Return)

        now_selected("James Okafor")
        count.mnemonic(form.tabs.tabText(0))  # draw
        count.draw(form.pad)
        count.mnemonic(form.sign_button.text())

        now_selected("Lucía Ramos")
        count.mnemonic(conf_page.handover_button.text())
        wait_until(lambda: window.handover is not None, "hand-over mode")
        handover = window.handover
        assert handover is not None
        count.phase = "hand-over"
        count.mnemonic(handover.form.tabs.tabText(1))  # "Type your name", in Spanish
        count.type("Lucia Ramos")  # no accent on this keyboard; the name still matches
        count.key(Qt.Key.Key_Return)
        expect(not handover.form.isEnabled(), "the hand-over took her acknowledgment")
        count.phase = "acknowledgment"  # the facilitator takes the laptop back
        count.type(PASSPHRASE)
        count.key(Qt.Key.Key_Return)
        wait_until(lambda: window.handover is None, "the facilitator's return")
        settle()

        now_selected("Tunde Okafor")
        count.mnemonic(form.tabs.tabText(2))  # verbal
        count.type("Grace Okafor")  # the witness
        count.key(Qt.Key.Key_Return)

        now_selected("Ana Torres")
        count.mnemonic(form.tabs.tabText(1))
        count.type("Ana Torres")
        count.key(Qt.Key.Key_Return)
        expect(service.gate(today.id).open, "the gate is open")

        # 3. Notes begin; the attorney arrives late: name, role, Enter; acknowledges.
        count.who = ROOM
        count.alt(4)
        expect(workspace.pages.currentIndex() == NOTES and workspace.notes.editor.isEnabled(),
               "notes are open")
        workspace.notes.editor.setFocus()
        from PySide6.QtTest import QTest

        QTest.keyClicks(workspace.notes.editor, "Everyone introduced themselves.")  # notes
        count.who, count.phase = "Pat Quinn", "check-in"
        count.alt(2)
        count.type("Pat Quinn")
        count.key(Qt.Key.Key_Tab)
        count.type("Attorney")
        count.key(Qt.Key.Key_Return)
        pat = next(a for a in service.attendees(today.id) if a.name == "Pat Quinn")
        expect(pat.role is Role.ATTORNEY and pat.presence is Presence.PRESENT,
               "the attorney is checked in present")
        expect(not service.gate(today.id).open, "the late arrival pauses notes")
        count.phase = "acknowledgment"
        count.alt(3)
        expect(workspace.pages.currentIndex() == CONFIDENTIALITY, "at confidentiality")
        now_selected("Pat Quinn")
        count.type("Pat Quinn")  # the typed-name method, kept from Ana Torres
        count.key(Qt.Key.Key_Return)
        count.who = ROOM
        count.alt(4)
        expect(service.gate(today.id).open and workspace.notes.editor.isEnabled(),
               "notes are open again")

        acks = service.acknowledgments(today.id)
        methods = {a.name: acks[a.id].method for a in service.attendees(today.id)}
        expect(methods == {
            "Grace Okafor": AckMethod.TYPED_NAME, "James Okafor": AckMethod.DRAWN_SIGNATURE,
            "Lucía Ramos": AckMethod.TYPED_NAME, "Tunde Okafor": AckMethod.VERBAL,
            "Ana Torres": AckMethod.TYPED_NAME, "Pat Quinn": AckMethod.TYPED_NAME,
        }, f"every acknowledgment recorded as planned: {methods}")
        window.session.lock()

    how = {"Grace Okafor": "mother, typed name", "James Okafor": "father, drawn signature",
           "Lucía Ramos": "grandmother (es), hand-over", "Tunde Okafor": "youth 15, verbal",
           "Ana Torres": "interpreter, typed name", "Pat Quinn": "attorney, late, typed",
           ROOM: "moving between steps"}
    print(f"{'attendee':<15} {'how':<30} {'check-in':>8} {'ack':>5} {'hand-over':>9} "
          f"{'total':>6}")
    for who, text in how.items():
        print(f"{who:<15} {text:<30} {count.total(who, 'check-in'):>8} "
              f"{count.total(who, 'acknowledgment'):>5} {count.total(who, 'hand-over'):>9} "
              f"{count.total(who):>6}")
    total, handover_max = count.total(), count.total(phase="hand-over")
    print(f"{'total':<46} {count.total(phase='check-in'):>8} "
          f"{count.total(phase='acknowledgment'):>5} {handover_max:>9} {total:>6}")
    print()
    print(f"six attendees checked in and acknowledged: {total} interactions "
          f"(goal ≤ {GOAL_TOTAL}): {'met' if total <= GOAL_TOTAL else 'NOT met'}")
    print(f"while the attendee holds the laptop: {handover_max} interactions "
          f"(goal ≤ {GOAL_HANDOVER}): {'met' if handover_max <= GOAL_HANDOVER else 'NOT met'}")
    return 0 if total <= GOAL_TOTAL and handover_max <= GOAL_HANDOVER else 1


if __name__ == "__main__":
    sys.exit(main())
