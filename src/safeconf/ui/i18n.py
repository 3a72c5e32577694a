"""Load the interface language (English built in, Spanish from a compiled .qm) and pick the
locale used for dates and times."""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib.resources import as_file

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QApplication

from safeconf.resource_files import resource

log = logging.getLogger(__name__)
SUPPORTED = ("en", "es")


def choose_language(setting: str) -> str:
    """The setting if it names a supported language, else the system's, else English."""
    if setting in SUPPORTED:
        return setting
    system = QLocale.system().name().split("_")[0]
    return system if system in SUPPORTED else "en"


def _load(translator: QTranslator, language: str) -> bool:
    with as_file(resource("i18n", f"safeconf_{language}.qm")) as qm:
        return qm.is_file() and translator.load(str(qm))


def translator_for(language: str, parent: QObject) -> Callable[[str, str], str]:
    """Translate into one given language, independent of the interface language (for
    texts an attendee reads in hand-over mode). English is the source language."""
    if language == "en":
        return lambda _context, text: text
    translator = QTranslator(parent)
    if not _load(translator, language):
        log.warning("translation %s missing; run `make translations`", language)
    return lambda context, text: translator.translate(context, text) or text


class Translations:
    """Installs and swaps the translators of one QApplication."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> None:
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.language = language
        # Keep the user's country conventions (date order, 24 h clock) in the chosen language.
        system = QLocale.system()
        lang = QLocale.Language.Spanish if language == "es" else QLocale.Language.English
        QLocale.setDefault(QLocale(lang, system.territory()))
        if language == "en":
            return
        ours = QTranslator(self._app)
        if _load(ours, language):
            self._app.installTranslator(ours)
            self._installed.append(ours)
        else:
            log.warning("translation %s missing; run `make translations`", language)
        qt = QTranslator(self._app)
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(QLocale(lang), "qtbase", "_", path):
            self._app.installTranslator(qt)
            self._installed.append(qt)
