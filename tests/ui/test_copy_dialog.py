"""The copy dialog on a real vault: the candidates with their reasons, the locked PHI note,
more passages withheld from the keyboard or the preview's selection, and release only after
`before_release` has the SHA-256 of exactly the bytes that leave."""

from __future__ import annotations

import hashlib
import io
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from safeconf.app.copies import CopyRequest
from safeconf.app.session import VaultSession
from safeconf.domain.disclosure_terms import Information
from safeconf.domain.redaction import MARKER
from safeconf.ui.disclosure import copy_dialog
from safeconf.ui.disclosure.copy_dialog import CopyDialog, PasswordDialog
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from tests.support import copies as sample
from tests.ui.conftest import PASSPHRASE, ScriptedPrompter
from tests.ui.keys import alt_key_of, press, press_alt_key_of, type_text
from tests.ui.screens import activate

pytestmark = pytest.mark.keyring
PASSWORD = "a long copy password"


class Releases:
    """The disclosure log's stand-in: records what it was asked to log, answers as told."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []
        self.answer = True

    def __call__(self, sha256: str, count: int) -> bool:
        self.calls.append((sha256, count))
        return self.answer


@pytest.fixture
def session(data_dir: Path, keyring_store: SystemKeyring,
            fast_kdf: KdfParams) -> Iterator[VaultSession]:
    made = VaultSession(data_dir, keyring_store, fast_kdf)
    made.create(PASSPHRASE)
    yield made
    made.lock()


@pytest.fixture
def seeded(session: VaultSession) -> sample.Seeded:
    return sample.seed_copy_case(session.vault)


@pytest.fixture
def releases() -> Releases:
    return Releases()


@pytest.fixture
def dialog(qtbot: Any, session: VaultSession, seeded: sample.Seeded, releases: Releases,
           prompter: ScriptedPrompter) -> CopyDialog:
    request = CopyRequest(case_id=seeded.case_id, information=Information.WHOLE_RECORD,
                          title="Copy for the court")
    made = CopyDialog(session, request, releases, None, prompter=prompter)
    qtbot.addWidget(made)
    made.show()
    return made


def rows(dialog: CopyDialog) -> list[str]:
    return [dialog.list.item(i).text() for i in range(dialog.list.count())]


def row_of(dialog: CopyDialog, starts: str) -> int:
    return next(i for i, text in enumerate(rows(dialog)) if text.startswith(starts))


def preview(dialog: CopyDialog) -> str:
    return " ".join(dialog.preview.toPlainText().split())


def test_candidates_are_listed_with_their_reasons_and_withheld_in_the_preview(
    dialog: CopyDialog,
) -> None:
    shown = rows(dialog)
    assert any(r.startswith("Whole note: Diagnóstico") and "always withheld" in r
               for r in shown)
    assert f"{sample.SIBLING} — another child's name" in shown
    assert f"{sample.REPORTER} — the reporter's identity" in shown
    assert f"{sample.OTHER_FAMILY} — another family's information" in shown
    text = preview(dialog)
    assert all(s not in text for s in sample.SECRETS)
    assert MARKER in text and "Mateo" in text


def test_the_phi_note_cannot_be_unticked_and_stays_withheld_even_if_forced(
    qtbot: Any, dialog: CopyDialog,
) -> None:
    row = row_of(dialog, "Whole note:")
    item = dialog.list.item(row)
    assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    activate(qtbot, dialog)
    dialog.list.setCurrentRow(row)
    dialog.list.setFocus()
    press(qtbot, "Space")
    assert item.checkState() == Qt.CheckState.Checked
    item.setCheckState(Qt.CheckState.Unchecked)  # what no key or click can do
    assert "Diagnóstico" not in preview(dialog)


def test_unticking_a_name_shows_it_and_ticking_withholds_it_again(
    qtbot: Any, dialog: CopyDialog,
) -> None:
    item = dialog.list.item(row_of(dialog, f"{sample.REPORTER} —"))
    activate(qtbot, dialog)
    dialog.list.setCurrentItem(item)
    dialog.list.setFocus()
    press(qtbot, "Space")
    assert item.checkState() == Qt.CheckState.Unchecked
    assert sample.REPORTER in preview(dialog)
    press(qtbot, "Space")
    assert sample.REPORTER not in preview(dialog)


def test_a_typed_passage_is_added_with_enter_and_the_preview_updates(
    qtbot: Any, dialog: CopyDialog,
) -> None:
    before = dialog.redacted.count
    activate(qtbot, dialog)
    press(qtbot, "Alt+M")  # "More to withhold:" takes the focus to its field
    assert dialog.passage.hasFocus()
    type_text(qtbot, "la abuela")
    press(qtbot, "Return")
    assert "la abuela" not in preview(dialog).lower()
    assert dialog.redacted.count == before + 1
    assert rows(dialog)[-1] == "la abuela — marked by you"
    assert dialog.passage.text() == ""


def test_a_selection_in_the_preview_is_withheld_by_its_button(
    qtbot: Any, dialog: CopyDialog,
) -> None:
    found = dialog.preview.document().find("Community Center")
    assert not found.isNull()
    dialog.preview.setTextCursor(found)
    activate(qtbot, dialog)
    press_alt_key_of(qtbot, dialog.withhold_button)
    assert "Community Center" not in preview(dialog)


def test_a_selection_holding_a_withheld_mark_or_absent_text_is_refused_and_changes_nothing(
    dialog: CopyDialog, prompter: ScriptedPrompter,
) -> None:
    cursor = dialog.preview.textCursor()
    start = dialog.preview.toPlainText().index(MARKER)
    cursor.setPosition(max(0, start - 3))
    cursor.setPosition(start + len(MARKER) + 3, QTextCursor.MoveMode.KeepAnchor)
    dialog.preview.setTextCursor(cursor)
    before = (rows(dialog), preview(dialog))
    dialog.withhold_selection()
    assert not dialog.add_passage("not in this copy at all")
    assert [m[0] for m in prompter.messages] == ["error", "error"]
    assert "already withheld" in prompter.messages[0][2]
    assert (rows(dialog), preview(dialog)) == before


def written_since(start: float) -> list[Path]:
    """Files of the temp folder changed since `start` (the vault's, the test's own...)."""
    found = []
    for path in Path(tempfile.gettempdir()).rglob("*"):
        try:
            if path.is_file() and path.stat().st_mtime >= start:
                found.append(path)
        except OSError:  # another process's file, gone meanwhile
            continue
    return found


def assert_no_plaintext_written(start: float) -> None:
    for path in written_since(start):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        for secret in (sample.SIBLING, sample.REPORTER, sample.CONCERNS[:40]):
            for encoded in (secret.encode(), secret.encode("utf-16-le")):
                assert encoded not in data, f"{secret!r} is in {path}"


def fill_password(password: str, repeat: str | None = None) -> Any:
    def fill(ask: PasswordDialog) -> bool:
        ask.password.setText(password)
        ask.repeat.setText(password if repeat is None else repeat)
        ask.accept()  # the dialog's own check decides
        return ask.result() == PasswordDialog.DialogCode.Accepted
    return fill


def test_save_logs_the_sha256_of_the_encrypted_file_written_and_nothing_withheld_is_in_it(
    dialog: CopyDialog, prompter: ScriptedPrompter, releases: Releases, tmp_path: Path,
) -> None:
    start = time.time() - 1
    target = tmp_path / "out" / "copy"
    target.parent.mkdir()
    prompter.on(PasswordDialog, fill_password(PASSWORD))
    prompter.save_paths.append(target)
    saved = dialog.save_copy()
    assert saved == target.with_name("copy.pdf")
    data = saved.read_bytes()
    assert releases.calls == [(hashlib.sha256(data).hexdigest(), dialog.redacted.count)]
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert list(target.parent.iterdir()) == [saved]  # nothing else written
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted and reader.decrypt(PASSWORD)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert all(s not in text for s in sample.SECRETS) and "Mateo" in text
    assert saved in written_since(start)  # the scan sees what the test wrote
    assert_no_plaintext_written(start)  # the encrypted copy, the vault: nothing readable


def test_when_before_release_says_no_nothing_is_saved(
    dialog: CopyDialog, prompter: ScriptedPrompter, releases: Releases, tmp_path: Path,
) -> None:
    releases.answer = False
    prompter.on(PasswordDialog, fill_password(PASSWORD))
    prompter.save_paths.append(tmp_path / "copy.pdf")
    assert dialog.save_copy() is None
    assert len(releases.calls) == 1
    assert not (tmp_path / "copy.pdf").exists()
    assert prompter.messages[-1][:2] == ("inform", "Copy not released")


@pytest.mark.parametrize("password, repeat", [("too short", None), (PASSWORD, PASSWORD + "x")])
def test_a_short_or_mistyped_password_is_refused_in_the_dialog_and_nothing_leaves(
    dialog: CopyDialog, prompter: ScriptedPrompter, releases: Releases, tmp_path: Path,
    password: str, repeat: str | None,
) -> None:
    asked: list[PasswordDialog] = []

    def fill(ask: PasswordDialog) -> bool:
        asked.append(ask)
        return bool(fill_password(password, repeat)(ask))

    prompter.on(PasswordDialog, fill)
    prompter.save_paths.append(tmp_path / "copy.pdf")
    assert dialog.save_copy() is None
    assert asked[0].problem.text()  # it says why
    assert releases.calls == [] and not (tmp_path / "copy.pdf").exists()


def test_print_logs_the_sha256_of_the_unencrypted_pdf_then_prints_the_same_redacted_text(
    dialog: CopyDialog, prompter: ScriptedPrompter, releases: Releases, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rendered: list[bytes] = []
    real = copy_dialog.render_pdf

    def recording(redacted: Any, password: str | None = None) -> bytes:
        rendered.append(real(redacted, password))
        return rendered[-1]

    monkeypatch.setattr(copy_dialog, "render_pdf", recording)
    paper = tmp_path / "printed.pdf"

    def to_file(print_dialog: QPrintDialog) -> bool:
        # Where a real printer would be: the test's own file.
        print_dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        print_dialog.printer().setOutputFileName(str(paper))
        return True

    prompter.on(QPrintDialog, to_file)
    assert dialog.print_copy()
    assert len(rendered) == 1 and not PdfReader(io.BytesIO(rendered[0])).is_encrypted
    assert releases.calls == [(hashlib.sha256(rendered[0]).hexdigest(), dialog.redacted.count)]
    printed = PdfReader(paper)
    text = " ".join(" ".join(p.extract_text() for p in printed.pages).split())
    assert all(s not in text for s in sample.SECRETS)
    assert "Mateo" in text and MARKER in text


def test_print_stops_when_before_release_says_no(
    dialog: CopyDialog, prompter: ScriptedPrompter, releases: Releases, tmp_path: Path,
) -> None:
    releases.answer = False
    paper = tmp_path / "printed.pdf"

    def to_file(print_dialog: QPrintDialog) -> bool:
        print_dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        print_dialog.printer().setOutputFileName(str(paper))
        return True

    prompter.on(QPrintDialog, to_file)
    assert not dialog.print_copy()
    assert len(releases.calls) == 1 and not paper.exists()


def test_cancelling_the_print_dialog_logs_nothing(
    dialog: CopyDialog, releases: Releases,
) -> None:
    assert not dialog.print_copy()  # the scripted prompter cancels by default
    assert releases.calls == []


def test_every_control_has_a_name_and_the_buttons_their_alt_keys(dialog: CopyDialog) -> None:
    for widget in (dialog.list, dialog.passage, dialog.add_button, dialog.preview,
                   dialog.withhold_button, dialog.print_button, dialog.save_button):
        assert widget.accessibleName()
    keys = [alt_key_of(b) for b in (dialog.add_button, dialog.withhold_button,
                                    dialog.print_button, dialog.save_button)]
    assert keys == ["Alt+D", "Alt+W", "Alt+P", "Alt+S"]


def test_a_too_short_passage_is_refused_with_the_reason(
    dialog: CopyDialog, prompter: ScriptedPrompter,
) -> None:
    before = rows(dialog)
    assert not dialog.add_passage(" x ")
    assert "at least 2" in prompter.messages[-1][2]
    assert rows(dialog) == before
