"""The services every window and panel shares: theme, language, settings, errors."""

from __future__ import annotations

from dataclasses import dataclass

from optlab_gui.ui.error_dialog import ErrorReporter
from optlab_gui.ui.i18n import LanguageManager
from optlab_gui.ui.settings import AppSettings
from optlab_gui.ui.theme import ThemeManager


@dataclass
class AppContext:
    """One per QApplication; created by ``optlab_gui.app.create_application``."""

    themes: ThemeManager
    languages: LanguageManager
    settings: AppSettings
    errors: ErrorReporter


_current: AppContext | None = None


def set_app_context(context: AppContext) -> None:
    """Make ``context`` the one ``app_context()`` returns."""
    global _current
    _current = context


def app_context() -> AppContext:
    """The shared services of the running application."""
    if _current is None:
        raise RuntimeError("optlab_gui.app.create_application() has not been called")
    return _current
