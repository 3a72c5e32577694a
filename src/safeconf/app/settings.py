"""User preferences that are not secret (language, idle lock), kept as a small JSON file in
the data directory so they can be read before the vault is unlocked."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from safeconf.domain.records import Language

SETTINGS_NAME = "settings.json"
DEFAULT_IDLE_MINUTES = 5
MAX_IDLE_MINUTES = 60


@dataclass(frozen=True)
class Settings:
    language: str = ""  # "" = follow the system; otherwise a Language value
    idle_minutes: int = DEFAULT_IDLE_MINUTES
    lock_on_minimise: bool = False

    def normalised(self) -> Settings:
        language = self.language if self.language in {lang.value for lang in Language} else ""
        minutes = self.idle_minutes if isinstance(self.idle_minutes, int) else 5
        return Settings(
            language=language,
            # Idle lock cannot be switched off: a forgotten laptop must lock itself.
            idle_minutes=max(1, min(MAX_IDLE_MINUTES, minutes)),
            lock_on_minimise=bool(self.lock_on_minimise),
        )


def load_settings(data_dir: Path) -> Settings:
    try:
        raw = json.loads((data_dir / SETTINGS_NAME).read_text(encoding="utf-8"))
        known = {k: raw[k] for k in ("language", "idle_minutes", "lock_on_minimise") if k in raw}
        return Settings(**known).normalised()
    except (OSError, ValueError, TypeError):
        return Settings()


def save_settings(data_dir: Path, settings: Settings) -> None:
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    _write_atomically(data_dir / SETTINGS_NAME, json.dumps(asdict(settings.normalised())))


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
