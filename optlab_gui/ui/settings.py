"""Persistent user settings (window geometry, panel, language, theme) that never crash the app.

A corrupt, unreadable or read-only settings file falls back to the defaults with a logged
warning: a lecturer's broken config must not stop the lecture.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

log = logging.getLogger(__name__)

PANEL_NAMES = ("activations", "batchnorm", "training")
LANGUAGES = ("en", "zh_CN")
THEME_NAMES = ("dark", "light")


def settings_path() -> Path:
    """Where the settings file lives (the platform's per-user config folder)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(folder or ".") / "optlab.ini"


class AppSettings:
    """Typed access to the settings file; every read is validated and defaults on junk."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self.problem: str | None = None
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)
        status = self._settings.status()
        if self.path.exists() and not self.path.is_file():
            self.problem = f"settings path {self.path} is not a file"
        elif status == QSettings.Status.AccessError:
            self.problem = f"settings file {self.path} cannot be read"
        elif status == QSettings.Status.FormatError:
            self.problem = f"settings file {self.path} is corrupt"
        if self.problem:
            log.warning("%s; using defaults", self.problem)

    @property
    def usable(self) -> bool:
        """False when the file was broken on start: then nothing is read from or written to it."""
        return self.problem is None

    def _read(self, key: str, default: object) -> object:
        if not self.usable:
            return default
        try:
            return self._settings.value(key, default)
        except Exception as error:  # a value Qt cannot decode must not stop the app
            log.warning("settings value %r unreadable (%s); using the default", key, error)
            return default

    def _choice(self, key: str, allowed: tuple[str, ...], default: str | None) -> str | None:
        value = self._read(key, default)
        if value is None or value in allowed:
            return value
        log.warning("settings value %s=%r is not one of %s; using the default", key, value, allowed)
        return default

    def panel(self) -> str:
        """The panel shown when the app last closed."""
        return self._choice("window/panel", PANEL_NAMES, PANEL_NAMES[0])

    def language(self) -> str | None:
        """The language chosen last time, or None to follow the system locale."""
        return self._choice("ui/language", LANGUAGES, None)

    def theme_name(self) -> str:
        """The theme (dark or light) chosen last time."""
        return self._choice("ui/theme", THEME_NAMES, "dark")

    def presentation_scale(self) -> float:
        """The presentation scale factor the lecturer set last time."""
        value = self._read("ui/presentation_scale", 1.5)
        try:
            scale = float(value)
        except (TypeError, ValueError):
            return 1.5
        return scale if 1.0 <= scale <= 2.5 else 1.5

    def geometry(self) -> QByteArray | None:
        """The saved window geometry, or None."""
        value = self._read("window/geometry", None)
        return value if isinstance(value, QByteArray) else None

    def save(self, **values: object) -> None:
        """Store values by short name (panel, language, theme, geometry, presentation_scale)."""
        if not self.usable:
            return
        keys = {
            "panel": "window/panel",
            "geometry": "window/geometry",
            "language": "ui/language",
            "theme": "ui/theme",
            "presentation_scale": "ui/presentation_scale",
        }
        for name, value in values.items():
            self._settings.setValue(keys[name], value)
        self._settings.sync()
        if self._settings.status() != QSettings.Status.NoError:
            log.warning("settings file %s could not be written", self.path)
