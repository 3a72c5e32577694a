"""Error messages in the interface language. The services word their messages in English
(for logs and scripts); the ones a caseworker commonly meets are worded again here through
`tr()`, and anything else falls back to the service's own message."""

from __future__ import annotations

from PySide6.QtCore import QObject

from safeconf.app.passphrase_strength import MIN_PASSPHRASE_CHARS
from safeconf.app.session import UnlockThrottled
from safeconf.domain.errors import GateClosed, ReadOnlyRecord
from safeconf.vault.errors import SchemaTooNew, VaultLocked, WeakPassphrase, WrongPassphrase


class Messages(QObject):
    """A QObject only so the texts have a translation context."""

    def for_error(self, exc: BaseException) -> str:
        if isinstance(exc, WrongPassphrase):
            return self.tr("That passphrase is not right for this vault. Nothing was changed.")
        if isinstance(exc, UnlockThrottled):
            return self.tr("Too many wrong passphrases. Try again in %n second(s).", "",
                           int(exc.seconds + 0.999))
        if isinstance(exc, WeakPassphrase):
            return self.tr("That passphrase is too weak. Choose one of at least %n "
                           "characters that the meter rates Fair or Strong: three or four "
                           "unrelated words are easy to remember and hard to guess. Nothing "
                           "was changed.", "", MIN_PASSPHRASE_CHARS)
        if isinstance(exc, VaultLocked):
            return self.tr("The vault is locked. Unlock it to continue.")
        if isinstance(exc, SchemaTooNew):
            return self.tr("This vault was written by a newer version of safeconf. Update "
                           "safeconf; the vault was not changed.")
        if isinstance(exc, GateClosed):
            return self.tr("Not saved: notes are paused until everyone present has "
                           "acknowledged confidentiality.")
        if isinstance(exc, ReadOnlyRecord):
            return self.tr("This conference is finalized and can no longer change. Add a "
                           "dated addendum instead.")
        return str(exc)


def user_message(exc: BaseException) -> str:
    return Messages().for_error(exc)
