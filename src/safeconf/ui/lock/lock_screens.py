"""The two screens shown while no vault is open: create one (first run) and unlock."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.passphrase_strength import (
    MIN_PASSPHRASE_CHARS,
    Strength,
    is_acceptable,
    strength,
)
from safeconf.app.session import UnlockThrottled, VaultSession
from safeconf.ui.announce import spoken, tell
from safeconf.ui.messages import user_message
from safeconf.ui.secret_field import SecretLineEdit
from safeconf.ui.widgets import busy_bar, show_status, status_label
from safeconf.ui.workers import run_in_background


def _centered(inner: QWidget) -> QVBoxLayout:
    # Stretches, not alignment flags: an aligned widget gets its size hint and word-wrapped
    # labels in it are clipped; between stretches it gets a height for its width.
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(inner, 4)
    row.addStretch(1)
    outer = QVBoxLayout()
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return outer


class _Screen(QWidget):
    opened = Signal()  # the vault is open

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._panel = QWidget(self)
        self._panel.setMaximumWidth(560)
        self._panel.setMinimumWidth(360)
        self.setLayout(_centered(self._panel))
        self.layout_ = QVBoxLayout(self._panel)
        # Why the app locked itself, when it did (fail_closed.py); hidden otherwise.
        self.problem = status_label(self._panel)  # changing text: no accessible name
        self.problem.setObjectName("failureMessage")
        self.problem.setAutoFillBackground(True)
        self.problem.setMargin(8)

    def show_problem(self, text: str) -> None:
        palette = self.problem.palette()
        dark = self.palette().color(self.backgroundRole()).lightness() < 128
        # Amber that keeps contrast in light and dark palettes (as the notes banner).
        palette.setColor(self.problem.backgroundRole(),
                         QColor("#6b4e00") if dark else QColor("#ffe08a"))
        palette.setColor(self.problem.foregroundRole(),
                         QColor("#ffffff") if dark else QColor("#1a1a1a"))
        self.problem.setPalette(palette)
        tell(self.problem, text, urgent=True)

    def _keyring_warning(self) -> QLabel | None:
        if self._session.keyring_available:
            return None
        warning = QLabel(
            QCoreApplication.translate(
                "LockScreens",
                "<b>Warning: no system keyring.</b> This vault will be protected by the "
                "passphrase alone. On a laptop, log in to a desktop session with a keyring "
                "(GNOME Keyring, KWallet, Windows Credential Locker or macOS Keychain) "
                "before you create or open the vault."
            ),
            self._panel,
        )
        warning.setObjectName("keyringWarning")
        warning.setWordWrap(True)
        # Named by its own words, so a screen reader reads the warning, not only its title.
        warning.setAccessibleName(spoken(warning.text()))
        return warning


class FirstRunScreen(_Screen):
    """Create the vault: passphrase twice, its strength, and what happens if forgotten."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        title = QLabel(self.tr("<h2>Welcome to safeconf</h2>"), self._panel)
        intro = QLabel(
            self.tr(
                "Your conference records are kept in an encrypted vault on this laptop. "
                "Choose a passphrase to lock it: at least %n characters, rated Fair or "
                "Strong below. A few unrelated words are easy to remember and hard to "
                "guess.", "", MIN_PASSPHRASE_CHARS
            ),
            self._panel,
        )
        intro.setWordWrap(True)
        forgotten = QLabel(
            self.tr(
                "<b>If you forget the passphrase</b>, nobody else can open the vault on "
                "this laptop. Once the laptop is enrolled with HQ, IT can give you a "
                "recovery code to set a new one; until then, a forgotten passphrase "
                "loses the records."
            ),
            self._panel,
        )
        forgotten.setWordWrap(True)
        self.passphrase = SecretLineEdit(self._panel)
        self.passphrase.setAccessibleName(self.tr("New passphrase"))
        self.repeat = SecretLineEdit(self._panel)
        self.repeat.setAccessibleName(self.tr("Repeat passphrase"))
        self.meter = QProgressBar(self._panel)
        self.meter.setRange(0, int(Strength.STRONG))
        self.meter.setTextVisible(False)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.strength_text = QLabel(self._panel)  # changing text: no accessible name
        self.create_button = QPushButton(self.tr("&Create vault"), self._panel)
        self.create_button.setAccessibleName(self.tr("Create vault"))
        self.create_button.setDefault(True)
        self.create_button.setEnabled(False)
        self.message = status_label(self._panel)
        self.busy = busy_bar(self.tr("Creating the vault"), self._panel)

        form = QFormLayout()
        pass_label = QLabel(self.tr("&Passphrase:"), self._panel)
        pass_label.setBuddy(self.passphrase)
        repeat_label = QLabel(self.tr("&Repeat:"), self._panel)
        repeat_label.setBuddy(self.repeat)
        form.addRow(pass_label, self.passphrase)
        form.addRow(repeat_label, self.repeat)
        form.addRow(self.tr("Strength:"), self.meter)
        form.addRow("", self.strength_text)

        lay = self.layout_
        lay.addWidget(title)
        lay.addWidget(self.problem)
        lay.addWidget(intro)
        warning = self._keyring_warning()
        if warning is not None:
            lay.addWidget(warning)
        lay.addLayout(form)
        lay.addWidget(forgotten)
        lay.addWidget(self.message)
        lay.addWidget(self.busy)
        lay.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)

        self.passphrase.textChanged.connect(self._update)
        self.repeat.textChanged.connect(self._update)
        self.create_button.clicked.connect(self._create)
        self.repeat.returnPressed.connect(self._create)
        self._update()
        self.setFocusProxy(self.passphrase)

    def _update(self) -> None:
        first, second = self.passphrase.text(), self.repeat.text()
        level = strength(first)
        self.meter.setValue(int(level))
        words = {
            Strength.TOO_SHORT: self.tr("Too short"),
            Strength.WEAK: self.tr("Weak: add another word"),
            Strength.FAIR: self.tr("Fair"),
            Strength.STRONG: self.tr("Strong"),
        }
        hint = words[level]
        if second and first != second:
            hint += " — " + self.tr("the two passphrases differ")
        self.strength_text.setText(hint)
        # The vault refuses what the meter rates below Fair; the button says so first.
        self.create_button.setEnabled(is_acceptable(first) and first == second)

    def _create(self) -> None:
        if not self.create_button.isEnabled():
            return
        passphrase = self.passphrase.text()
        self._set_busy(True)
        run_in_background(
            lambda: self._session.create(passphrase), self._done, self._failed, self
        )

    def _done(self, _result: object) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self._set_busy(False)
        self.opened.emit()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        tell(self.message, user_message(exc), urgent=True)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for w in (self.passphrase, self.repeat, self.create_button):
            w.setEnabled(not busy)
        if not busy:
            self._update()


class UnlockScreen(_Screen):
    """Unlock with the passphrase; wrong ones back off exponentially (across restarts)."""

    report_loss_requested = Signal()

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        title = QLabel(self.tr("<h2>safeconf is locked</h2>"), self._panel)
        self.passphrase = SecretLineEdit(self._panel)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        label = QLabel(self.tr("&Passphrase:"), self._panel)
        label.setBuddy(self.passphrase)
        self.unlock_button = QPushButton(self.tr("&Unlock"), self._panel)
        self.unlock_button.setAccessibleName(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.message = status_label(self._panel)
        self.message.setObjectName("unlockMessage")
        self.busy = busy_bar(self.tr("Unlocking"), self._panel)
        forgotten = QLabel(
            self.tr(
                "Forgot the passphrase? If this laptop is enrolled with HQ, IT can give "
                "you a recovery code to set a new one. Nobody else can open this vault."
            ),
            self._panel,
        )
        forgotten.setWordWrap(True)
        # Losses are reported at once (issue #10), so this is reachable while locked.
        self.report_loss_button = QPushButton(self.tr("Report a l&oss…"), self._panel)
        self.report_loss_button.setAccessibleName(self.tr("Report a loss"))
        self.report_loss_button.clicked.connect(self.report_loss_requested)

        form = QFormLayout()
        form.addRow(label, self.passphrase)
        lay = self.layout_
        lay.addWidget(title)
        lay.addWidget(self.problem)
        warning = self._keyring_warning()
        if warning is not None:
            lay.addWidget(warning)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.busy)
        lay.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignRight)
        lay.addWidget(forgotten)
        lay.addWidget(self.report_loss_button, 0, Qt.AlignmentFlag.AlignLeft)

        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.unlock_button.clicked.connect(self._unlock)
        self.passphrase.returnPressed.connect(self._unlock)
        self.setFocusProxy(self.passphrase)
        self._tick()

    def _tick(self) -> None:
        wait = self._session.throttle.seconds_to_wait()
        if wait > 0:
            self.unlock_button.setEnabled(False)
            text = self.tr("Too many wrong passphrases. Try again in %n second(s).", "",
                           int(wait + 0.999))
            # Said once when the wait starts; the label counts down without interrupting.
            (show_status if self._countdown.isActive() else tell)(self.message, text)
            self._countdown.start()
        elif self._countdown.isActive():
            self._countdown.stop()
            self.unlock_button.setEnabled(not self.busy.isVisible())
            tell(self.message, self.tr("You can try again now."))

    def _unlock(self) -> None:
        if not self.unlock_button.isEnabled() or not self.passphrase.text():
            return
        passphrase = self.passphrase.text()
        self._set_busy(True)
        show_status(self.message, "")
        run_in_background(
            lambda: self._session.unlock(passphrase), self._done, self._failed, self
        )

    def _done(self, _result: object) -> None:
        self.passphrase.clear()
        self._set_busy(False)
        show_status(self.message, "")
        self.opened.emit()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
        if isinstance(exc, UnlockThrottled):
            self._tick()
            return
        message = user_message(exc)
        wait = self._session.throttle.seconds_to_wait()
        if wait > 0:  # that failure started (or lengthened) the back-off
            message += " " + self.tr("Try again in %n second(s).", "", int(wait + 0.999))
            self.unlock_button.setEnabled(False)
            self._countdown.start()
        tell(self.message, message, urgent=True)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.passphrase.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
