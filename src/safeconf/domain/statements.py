"""The statements attendees acknowledge (DESIGN §5): shipped texts, their versions and hashes.

Texts are files `{id}.v{N}.{lang}.txt` in the `statements` resource folder; a published
version is never edited, because acknowledgments record the SHA-256 of the exact text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from importlib.resources.abc import Traversable

from safeconf.domain.errors import DomainError
from safeconf.domain.records import Language
from safeconf.resource_files import resource

CONFIDENTIALITY = "confidentiality"
PRIVACY_NOTICE = "privacy_notice"  # the HIPAA Notice of Privacy Practices, for adult clients
STAFF_TERMS = "staff_confidentiality"  # what every worker acknowledges yearly
CONSENT_RELEASE = "consent_release"  # the form to release the agency's records
CONSENT_OBTAIN = "consent_obtain"  # the form to obtain another party's records

_STATEMENT_ID = re.compile(r"[a-z][a-z0-9_-]*")
_LANGUAGE_NAMES = {Language.ENGLISH: "English", Language.SPANISH: "Spanish"}


class StatementMissing(DomainError):
    """A statement text the app needs is not installed (or cannot be read)."""


@dataclass(frozen=True)
class Statement:
    id: str
    version: int
    language: Language
    text: str

    @cached_property
    def sha256(self) -> str:
        """Hex SHA-256 of the exact UTF-8 bytes of the text, as recorded by acknowledgments."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def load_statement(statement_id: str, version: int, language: Language) -> Statement:
    """One version of a statement in one language, exactly as shipped."""
    _check_id(statement_id)
    try:
        language = Language(language)
    except ValueError as exc:
        raise StatementMissing(f"{language!r} is not a language this app supports.") from exc
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise StatementMissing(
            f"There is no version {version!r} of the {_title(statement_id)}; "
            "versions are numbered from 1."
        )
    file = _folder().joinpath(f"{statement_id}.v{version}.{language.value}.txt")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise StatementMissing(
            f"The {_title(statement_id)} (version {version}, {_language_name(language)}) "
            "is not installed. Reinstall safeconf or ask your administrator."
        ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StatementMissing(
            f"The {_title(statement_id)} (version {version}, {_language_name(language)}) "
            "is damaged and cannot be shown. Reinstall safeconf or ask your administrator."
        ) from exc
    return Statement(id=statement_id, version=version, language=language, text=text)


def available_versions(statement_id: str = CONFIDENTIALITY) -> dict[Language, list[int]]:
    """Every shipped version of a statement, by language, lowest first."""
    _check_id(statement_id)
    pattern = re.compile(
        rf"{re.escape(statement_id)}\.v([1-9][0-9]*)\.([a-z]{{2,3}}(?:-[A-Za-z0-9]+)?)\.txt"
    )
    codes = {language.value: language for language in Language}
    found: dict[Language, list[int]] = {}
    folder = _folder()
    entries = folder.iterdir() if folder.is_dir() else ()
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match and match.group(2) in codes and entry.is_file():
            found.setdefault(codes[match.group(2)], []).append(int(match.group(1)))
    return {language: sorted(versions) for language, versions in found.items()}


def current_statements(statement_id: str = CONFIDENTIALITY) -> dict[Language, Statement]:
    """The highest version present for each language; every language must have one."""
    versions = available_versions(statement_id)
    missing = [language for language in Language if language not in versions]
    if missing:
        names = ", ".join(_language_name(language) for language in missing)
        raise StatementMissing(
            f"The {_title(statement_id)} is not installed in {names}, so no conference can "
            "start. Reinstall safeconf or ask your administrator."
        )
    return {
        language: load_statement(statement_id, versions[language][-1], language)
        for language in Language
    }


def _folder() -> Traversable:
    return resource("statements")


def _check_id(statement_id: str) -> None:
    # The id becomes part of a file name: refuse anything that could leave the folder.
    if not isinstance(statement_id, str) or not _STATEMENT_ID.fullmatch(statement_id):
        raise StatementMissing(f"{statement_id!r} is not a statement this app knows.")


def _title(statement_id: str) -> str:
    return f"{statement_id.replace('_', ' ').replace('-', ' ')} statement"


def _language_name(language: Language) -> str:
    return _LANGUAGE_NAMES.get(language, language.value)
