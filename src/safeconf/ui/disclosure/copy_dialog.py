"""Make a redacted copy: review the preview, tick or untick the automatic redactions (the
locked ones stay), withhold more, then print or save an encrypted PDF. Before anything leaves,
the PDF is rendered in memory and `before_release(sha256, redactions)` logs the disclosure;
a False answer stops it. Nothing is written to disk except the encrypted file chosen."""

from __future__ import annotations

import html
import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.copies import (
    MIN_PASSWORD_CHARS,
    CopyError,
    CopyRequest,
    Words,
    build_document,
    candidates,
    check_password,
    render_pdf,
    sha256_hex,
)
from safeconf.app.session import VaultSession
from safeconf.domain.redaction import (
    MARKER,
    MIN_PASSAGE_CHARS,
    Candidate,
    Reason,
    RedactedDocument,
    RedactionError,
    Style,
    check_passage,
    redact,
)
from safeconf.ui import labels
from safeconf.ui.prompts import Prompter
from safeconf.ui.secret_field import SecretLineEdit
from safeconf.ui.workspace.printing import make_printer

BeforeRelease = Callable[[str, int], bool]
SUGGESTED_FILE = "safeconf-copy.pdf"  # no case number or name in a file name
_TAGS = {Style.TITLE: "h2", Style.HEADING: "h3", Style.SUBHEADING: "h4", Style.LINE: "div",
         Style.BODY: "p"}


def document_html(redacted: RedactedDocument, highlight: bool) -> str:
    """The redacted document as HTML: for the preview (withheld marks highlighted) and for
    the printer (the same text as the PDF)."""
    mark = (f'<span style="background-color:#ffd24d; color:#000; font-weight:bold">'
            f"{MARKER}</span>") if highlight else f"<b>{MARKER}</b>"
    parts = []
    for block in redacted.blocks:
        tag = _TAGS[block.style]
        text = html.escape(block.text).replace(html.escape(MARKER), mark).replace("\n", "<br/>")
        parts.append(f"<{tag}>{text}</{tag}>")
    return "".join(parts)


class PasswordDialog(QDialog):
    """A password typed twice, at least `MIN_PASSWORD_CHARS` long; refused with a message in
    the dialog until both agree."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Password for the copy"))
        intro = QLabel(self.tr("The PDF is encrypted (AES-256). Give the recipient the "
                               "password another way, never with the file. At least "
                               "%1 characters.").replace("%1", str(MIN_PASSWORD_CHARS)), self)
        intro.setWordWrap(True)
        # The app's secret field: what is typed never sits in a QLineEdit's own buffer, and it
        # cannot be copied, dragged or undone into view (see ui/secret_field.py).
        self.password = SecretLineEdit(self)
        self.repeat = SecretLineEdit(self)
        for field, name in ((self.password, self.tr("Password")),
                            (self.repeat, self.tr("Password again"))):
            field.setAccessibleName(name)
        first = QLabel(self.tr("&Password:"), self)
        first.setBuddy(self.password)
        second = QLabel(self.tr("Password &again:"), self)
        second.setBuddy(self.repeat)
        self.problem = QLabel("", self)  # no fixed accessible name: its text is read out
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        grid = QGridLayout(self)
        grid.addWidget(intro, 0, 0, 1, 2)
        grid.addWidget(first, 1, 0)
        grid.addWidget(self.password, 1, 1)
        grid.addWidget(second, 2, 0)
        grid.addWidget(self.repeat, 2, 1)
        grid.addWidget(self.problem, 3, 0, 1, 2)
        grid.addWidget(self.buttons, 4, 0, 1, 2)
        self.password.setFocus()

    def accept(self) -> None:
        password, repeat = self.password.text(), self.repeat.text()
        try:
            check_password(password, repeat)
        except CopyError:
            # The rule is the app's; the words are translated here.
            if password != repeat:
                text = self.tr("The two passwords are not the same.")
            elif len(password) < MIN_PASSWORD_CHARS:
                text = self.tr("Use a password of at least %1 characters.").replace(
                    "%1", str(MIN_PASSWORD_CHARS))
            else:
                text = self.tr("A password of spaces only protects nothing.")
            self.problem.setText(text)
            self.repeat.clear()
            self.repeat.setFocus()
            return
        super().accept()


class CopyDialog(QDialog):
    """The copy of `request`, redacted; raises `CopyError` when it cannot be made."""

    def __init__(self, session: VaultSession, request: CopyRequest,
                 before_release: BeforeRelease, parent: QWidget | None = None, *,
                 prompter: Prompter | None = None, required: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Copy with redactions"))
        self._prompter = prompter or Prompter()
        self._before_release = before_release
        vault = session.vault
        self.document = build_document(vault, request, self._words())
        self.candidates: list[Candidate] = candidates(vault, request, self.document)
        # Legal's redactions for a copy it released: withheld, and nobody can untick them.
        self.candidates += [Candidate(Reason.LEGAL, passage) for passage in required
                            if redact(self.document, [Candidate(Reason.LEGAL, passage)]).count]
        self.redacted = redact(self.document, [])
        self._data: list[Candidate] = []  # the candidate each list row stands for

        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Passages to withhold"))
        list_label = QLabel(self.tr("&Redactions (untick to keep a passage):"), self)
        list_label.setBuddy(self.list)
        self.passage = QLineEdit(self)
        self.passage.setAccessibleName(self.tr("Passage to withhold"))
        passage_label = QLabel(self.tr("&More to withhold:"), self)
        passage_label.setBuddy(self.passage)
        self.add_button = QPushButton(self.tr("A&dd"), self)
        self.add_button.setAccessibleName(self.tr("Add passage"))
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName(self.tr("Preview of the copy"))
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        preview_label = QLabel(self.tr("Pre&view (withheld text is marked):"), self)
        preview_label.setBuddy(self.preview)
        self.withhold_button = QPushButton(self.tr("&Withhold selected text"), self)
        self.withhold_button.setAccessibleName(self.tr("Withhold selected text"))
        self.status = QLabel("", self)  # no fixed accessible name: its text is read out
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setAccessibleName(self.tr("Print"))
        self.save_button = QPushButton(self.tr("&Save encrypted PDF…"), self)
        self.save_button.setAccessibleName(self.tr("Save encrypted PDF"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName(self.tr("Close"))
        for button in (self.print_button, self.save_button, self.close_button,
                       self.withhold_button):
            button.setAutoDefault(False)  # Enter adds a passage; it never prints or saves

        self.buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_copy)
        self.save_button.clicked.connect(self.save_copy)
        self.add_button.clicked.connect(self.add_typed_passage)
        self.passage.returnPressed.connect(self.add_typed_passage)
        self.withhold_button.clicked.connect(self.withhold_selection)
        self.list.itemChanged.connect(lambda _item: self.refresh())

        side = QVBoxLayout()
        side.addWidget(list_label)
        side.addWidget(self.list, 1)
        side.addWidget(passage_label)
        row = QHBoxLayout()
        row.addWidget(self.passage, 1)
        row.addWidget(self.add_button)
        side.addLayout(row)
        main = QVBoxLayout()
        main.addWidget(preview_label)
        main.addWidget(self.preview, 1)
        main.addWidget(self.withhold_button, 0, Qt.AlignmentFlag.AlignLeft)
        body = QHBoxLayout()
        body.addLayout(side, 2)
        body.addLayout(main, 3)
        lay = QVBoxLayout(self)
        lay.addLayout(body, 1)
        lay.addWidget(self.status)
        lay.addWidget(self.buttons)
        order = [self.list, self.passage, self.add_button, self.preview, self.withhold_button,
                 self.print_button, self.save_button, self.close_button]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

        for candidate in self.candidates:
            self._add_item(candidate)
        self.refresh()
        self.resize(1000, 720)
        self.list.setFocus()

    # -- what the copy withholds ----------------------------------------------------------

    def _words(self) -> Words:
        return Words(case=self.tr("Case"), conference=self.tr("Conference"),
                     kind=self.tr("Type"), date=self.tr("Date"),
                     location=self.tr("Location"), facilitator=self.tr("Facilitator"),
                     attendees=self.tr("Attendees"), addendum=self.tr("Addendum"),
                     health=self.tr("Contains protected health information"),
                     name=labels.name, when=labels.local_datetime)

    def _reason(self, reason: Reason) -> str:
        return {
            Reason.OTHER_CHILD: self.tr("another child's name"),
            Reason.OTHER_FAMILY: self.tr("another family's information"),
            Reason.REPORTER: self.tr("the reporter's identity"),
            Reason.PRIVILEGED: self.tr("privileged note, always withheld"),
            Reason.HEALTH_NOT_COVERED: self.tr(
                "health information the basis does not cover, always withheld"),
            Reason.WORKER: self.tr("marked by you"),
            Reason.LEGAL: self.tr("withheld by legal, always withheld"),
        }[reason]

    def _add_item(self, candidate: Candidate) -> None:
        shown = " ".join(candidate.passage.split())
        if candidate.whole_record:
            shown = self.tr("Whole note: %1").replace(
                "%1", shown[:60] + ("…" if len(shown) > 60 else ""))
        item = QListWidgetItem(f"{shown} — {self._reason(candidate.reason)}")
        if candidate.locked:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        else:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsUserCheckable)
        self.list.blockSignals(True)
        item.setCheckState(Qt.CheckState.Checked)
        self.list.addItem(item)
        self.list.blockSignals(False)
        self._data.append(candidate)

    def chosen(self) -> list[Candidate]:
        """The ticked candidates; locked ones always (`redact` withholds them anyway)."""
        data = self._data
        return [data[i] for i in range(self.list.count())
                if data[i].locked
                or self.list.item(i).checkState() == Qt.CheckState.Checked]

    def refresh(self) -> None:
        self.redacted = redact(self.document, self.chosen())
        bar = self.preview.verticalScrollBar()
        keep = bar.value()
        self.preview.setHtml(document_html(self.redacted, highlight=True))
        bar.setValue(keep)
        self.status.setText(self.tr("%n passage(s) withheld.", "", self.redacted.count))

    def add_passage(self, text: str) -> bool:
        """Withhold `text` wherever it occurs; False (after saying why) when it cannot be."""
        try:
            passage = check_passage(text)
        except RedactionError:
            why = (self.tr("The selection includes text already withheld (%1). Select only "
                           "text that is still shown.").replace("%1", MARKER)
                   if MARKER.casefold() in text.casefold() else
                   self.tr("Choose at least %1 letters or digits to withhold.").replace(
                       "%1", str(MIN_PASSAGE_CHARS)))
            self._prompter.error(self, self.tr("Cannot withhold this"), why)
            return False
        extra = Candidate(Reason.WORKER, passage)
        if redact(self.document, [extra]).count == redact(self.document, []).count:
            self._prompter.error(self, self.tr("Cannot withhold this"),
                                 self.tr("That text does not occur in the copy."))
            return False
        self._add_item(extra)
        self.refresh()
        return True

    def add_typed_passage(self) -> None:
        if self.add_passage(self.passage.text()):
            self.passage.clear()

    def withhold_selection(self) -> None:
        # Qt separates paragraphs of a selection with U+2029.
        selected = self.preview.textCursor().selectedText().replace("\u2029", " ")
        if not selected.strip():
            self._prompter.error(self, self.tr("Cannot withhold this"),
                                 self.tr("Select the text to withhold in the preview first."))
            return
        self.add_passage(selected)

    # -- releasing the copy ---------------------------------------------------------------

    @contextmanager
    def _busy(self) -> Iterator[None]:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.status.setText(self.tr("Preparing the copy…"))
        QGuiApplication.processEvents()
        try:
            yield
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _released(self, data: bytes) -> bool:
        """Ask the caller to log the disclosure of exactly these bytes."""
        if self._before_release(sha256_hex(data), self.redacted.count):
            return True
        self._prompter.inform(self, self.tr("Copy not released"),
                              self.tr("The disclosure was not logged, so the copy did not "
                                      "leave."))
        return False

    def print_copy(self) -> bool:
        """The system print dialog, then the log, then the printer. What is hashed is the
        unencrypted PDF of the same redacted text the printer receives."""
        printer = make_printer()
        printer.setDocName("safeconf copy")
        if not self._prompter.run(QPrintDialog(printer, self)):
            return False
        with self._busy():
            data = render_pdf(self.redacted)
        if not self._released(data):
            self.refresh()
            return False
        paper = QTextDocument(self)
        paper.setHtml(document_html(self.redacted, highlight=False))
        paper.print_(printer)
        self.refresh()
        return True

    def save_copy(self) -> Path | None:
        """Password, then file, then the log, then the file. What is hashed is the encrypted
        file's bytes, exactly as written."""
        ask = PasswordDialog(self)
        if not self._prompter.run(ask):
            return None
        path = self._prompter.save_file(self, self.tr("Save encrypted copy"), SUGGESTED_FILE,
                                        self.tr("PDF files (*.pdf)"))
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        with self._busy():
            data = render_pdf(self.redacted, password=ask.password.text())
        ask.password.clear()
        ask.repeat.clear()
        if not self._released(data):
            self.refresh()
            return None
        try:
            _write_private(path, data)
        except OSError as exc:
            self._prompter.error(self, self.tr("Copy not saved"),
                                 self.tr("The file could not be written: %1").replace(
                                     "%1", exc.strerror or str(exc)))
            self.refresh()
            return None
        self.refresh()
        self._prompter.inform(self, self.tr("Copy saved"),
                              self.tr("The encrypted copy was saved."))
        return path


def _write_private(path: Path, data: bytes) -> None:
    # Only the worker's account may read the file until they hand it on.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
