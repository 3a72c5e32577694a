"""Icons shipped in resources/icons, loaded the one way resources are found."""

from __future__ import annotations

from importlib.resources import as_file

from PySide6.QtGui import QIcon

from safeconf.resource_files import resource


def icon(name: str) -> QIcon:
    with as_file(resource("icons", f"{name}.svg")) as path:
        return QIcon(str(path)) if path.is_file() else QIcon()
