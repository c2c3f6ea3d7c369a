"""Run-time language switching: OptLab's own translation plus Qt's qtbase strings.

Installing or removing a QTranslator makes Qt send ``QEvent.LanguageChange`` to every
widget, and each widget's ``retranslate_ui`` sets its strings again.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from optlab_gui.ui.resource_paths import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("en", "zh_CN")
# Each language is listed under its own name, the convention users look for.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}
CJK_FONT_HINT = "fonts-wqy-microhei (Debian/Ubuntu) or fonts-noto-cjk"


def system_language() -> str:
    """The supported language closest to the system locale."""
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def has_cjk_font() -> bool:
    """True when some installed font can draw Simplified Chinese."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


class LanguageManager(QObject):
    """Owns the installed translators and the current language."""

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._translators: list[QTranslator] = []
        self._language = "en"
        self.problem: str | None = None

    @property
    def language(self) -> str:
        """The language in force ("en" or "zh_CN")."""
        return self._language

    def set_language(self, language: str) -> bool:
        """Switch every widget to ``language``; False (and English) if its file is missing."""
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}; choose one of {LANGUAGES}")
        app = QApplication.instance()
        for translator in self._translators:
            app.removeTranslator(translator)
            translator.deleteLater()  # a child of this manager: it would live (and leak) on
        self._translators.clear()
        self.problem = None
        if language != "en":
            own = QTranslator(self)
            path = resource_path("translations", f"optlab_{language}.qm")
            if not own.load(str(path)):
                self.problem = f"translation file {path} is missing or unreadable"
                log.warning("%s; staying in English", self.problem)
                language = "en"
            else:
                self._translators.append(own)
                qt_own = QTranslator(self)
                qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
                if qt_own.load(f"qtbase_{language}", qt_folder):
                    self._translators.append(qt_own)
                else:
                    log.info("Qt's own %s translation not found in %s", language, qt_folder)
        for translator in self._translators:
            app.installTranslator(translator)
        # Qt posts LanguageChange; deliver it now so every widget is retranslated on return.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese if language == "zh_CN" else
                                   QLocale.Language.English))  # fmt: skip
        changed = language != self._language
        self._language = language
        if changed:
            self.language_changed.emit(language)
        return self.problem is None
