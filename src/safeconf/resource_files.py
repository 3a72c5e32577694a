"""The one way to find shipped files (statements, demo data, translations, icons).

`resources/` at the top of the checkout is linked as the package's `resources` folder, so
`importlib.resources` finds it in a checkout, an installed wheel and a frozen bundle alike.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    return files("safeconf").joinpath("resources", *parts)
