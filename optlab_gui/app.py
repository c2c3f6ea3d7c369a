"""QApplication set-up: names, icon, theme, translators, settings and the global error handler."""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from optlab_gui import __version__
from optlab_gui.ui.app_logging import configure_logging
from optlab_gui.ui.context import AppContext, set_app_context
from optlab_gui.ui.error_dialog import ErrorReporter
from optlab_gui.ui.i18n import LanguageManager, system_language
from optlab_gui.ui.main_window import MainWindow
from optlab_gui.ui.resource_paths import resource_path
from optlab_gui.ui.settings import AppSettings
from optlab_gui.ui.theme import THEMES, ThemeManager


def create_application(argv: list[str] | None = None, language: str | None = None) -> QApplication:
    """Create (or adopt) the QApplication and give it OptLab's services.

    Safe to call when a QApplication already exists (tests): the existing one is set up.
    ``language`` overrides the saved one; without either, the system locale decides.
    """
    app = QApplication.instance() or QApplication(list(argv) if argv is not None else sys.argv)
    app.setOrganizationName("OptLab")
    app.setApplicationName("OptLab")
    app.setApplicationDisplayName("OptLab")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("optlab")
    app.setWindowIcon(QIcon(str(resource_path("icons", "optlab.png"))))
    configure_logging()

    settings = AppSettings()
    errors = ErrorReporter(app)
    errors.install()
    themes = ThemeManager(THEMES[settings.theme_name()], app)
    themes.apply_to_application()
    languages = LanguageManager(app)
    set_app_context(
        AppContext(themes=themes, languages=languages, settings=settings, errors=errors)
    )
    languages.set_language(language or settings.language() or system_language())
    return app


def create_main_window(panel: str | None = None) -> MainWindow:
    """Build the main window with the saved geometry and theme, showing ``panel``.

    Without ``panel`` the one shown last time opens; only that panel is built at start-up.
    """
    window = MainWindow()
    window.restore_settings(panel)
    return window
