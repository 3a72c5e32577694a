"""Errors of the vault, each with a message a caseworker can read and act on."""


class VaultError(Exception):
    """Base of every vault error; `str(error)` is fit to show the user."""


class NoVault(VaultError):
    def __init__(self, where: str) -> None:
        super().__init__(f"There is no vault in {where} yet. Create one first.")


class VaultExists(VaultError):
    def __init__(self, where: str) -> None:
        super().__init__(
            f"A vault already exists in {where}. It was left untouched; "
            "choose another folder or remove the old vault deliberately."
        )


class WrongPassphrase(VaultError):
    def __init__(self) -> None:
        super().__init__("That passphrase is not right for this vault. Nothing was changed.")


class DeviceSecretMissing(VaultError):
    """The keyring entry that, with the passphrase, unlocks this vault is gone or unreachable."""


class VaultCorrupt(VaultError):
    """The vault's files are damaged, truncated or not a safeconf vault."""


class SchemaTooNew(VaultError):
    def __init__(self, found: int, known: int) -> None:
        super().__init__(
            f"This vault was written by a newer version of safeconf (format {found}; "
            f"this version knows up to {known}). Update safeconf; the vault was not changed."
        )


class VaultLocked(VaultError):
    def __init__(self) -> None:
        super().__init__("The vault is locked. Unlock it to continue.")


class RecordNotFound(VaultError):
    pass


class WriteConflict(VaultError):
    """A record changed since it was read (its version moved on)."""


class AppendOnly(VaultError):
    """Someone tried to change or remove a record that may only be added to."""


class VaultBusy(VaultError):
    """Another safeconf window or command is using the vault in a way that excludes this."""


class WeakPassphrase(VaultError):
    """A new passphrase is too short to protect a lost laptop."""


class WrongRecoveryCode(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "That recovery code does not open this vault. Check that IT made it for this "
            "laptop (the device id in `safeconf-hq devices`). Nothing was changed."
        )
