"""The lesson sidebar: the open lesson's scenes in order, the current scene's note, and
previous/next buttons (a presentation clicker's PageUp/PageDown do the same)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from optlab_gui.ui.context import app_context
from optlab_gui.ui.scenes import Lesson, localized
from optlab_gui.ui.theme import Theme

#: Width of the sidebar in text heights (it grows with the presentation scale), but never
#: more than MAX_MINIMUM_WIDTH pixels so the panel keeps the room at 1280x720.
SIDEBAR_WIDTH_EMS, MAX_MINIMUM_WIDTH = 12, 300


class LessonSidebar(QDockWidget):
    """Shows a lesson and says which scene the lecturer chose (``scene_chosen(index)``)."""

    scene_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonSidebar")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self._lesson: Lesson | None = None
        self._current = -1
        self.title_label = QLabel()
        self.title_label.setObjectName("lessonTitle")
        self.title_label.setWordWrap(True)
        self.scene_list = QListWidget()
        self.scene_list.setObjectName("lessonScenes")
        self.scene_list.setWordWrap(True)
        self.note = QTextBrowser()
        self.note.setObjectName("lessonNote")
        self.note.setOpenExternalLinks(False)
        self.previous_button = QPushButton()
        self.previous_button.setObjectName("previousSceneButton")
        self.next_button = QPushButton()
        self.next_button.setObjectName("nextSceneButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.scene_list, 2)
        layout.addWidget(self.note, 3)
        layout.addLayout(buttons)
        self.setWidget(body)
        self.scene_list.currentRowChanged.connect(self._on_row)
        self.previous_button.clicked.connect(self.previous_scene)
        self.next_button.clicked.connect(self.next_scene)
        # The lesson's own texts follow the language at once (not through Qt's translator).
        app_context().languages.language_changed.connect(self._on_language_changed)
        themes = app_context().themes
        themes.theme_changed.connect(self.apply_theme)
        self.apply_theme(themes.theme)
        self.retranslate_ui()

    @property
    def lesson(self) -> Lesson | None:
        """The lesson on show, if any."""
        return self._lesson

    @property
    def current_index(self) -> int:
        """The index of the scene on show (−1 before the first)."""
        return self._current

    def set_lesson(self, lesson: Lesson) -> None:
        """Show ``lesson`` (its first scene is chosen by the caller with :meth:`choose`)."""
        self._lesson = lesson
        self._current = -1
        self.scene_list.blockSignals(True)
        self.scene_list.clear()
        self.scene_list.addItems(["" for _ in lesson.scenes])
        self.scene_list.blockSignals(False)
        self.retranslate_ui()

    def choose(self, index: int) -> None:
        """Mark scene ``index`` as the current one and show its note (no signal)."""
        self._current = index
        self.scene_list.blockSignals(True)
        self.scene_list.setCurrentRow(index)
        self.scene_list.blockSignals(False)
        self._show_note()

    @Slot()
    def next_scene(self) -> None:
        """Ask for the next scene (PageDown)."""
        if self._lesson is not None and self._current + 1 < len(self._lesson.scenes):
            self.scene_chosen.emit(self._current + 1)

    @Slot()
    def previous_scene(self) -> None:
        """Ask for the previous scene (PageUp)."""
        if self._lesson is not None and self._current > 0:
            self.scene_chosen.emit(self._current - 1)

    @Slot(int)
    def _on_row(self, row: int) -> None:
        if row >= 0:
            self.scene_chosen.emit(row)

    def _language(self) -> str:
        return app_context().languages.language

    def _show_note(self) -> None:
        lesson = self._lesson
        if lesson is None or not 0 <= self._current < len(lesson.scenes):
            self.note.clear()
        else:
            scene = lesson.scenes[self._current]
            language = self._language()
            self.note.setMarkdown(
                f"### {localized(scene.title, language)}\n\n{localized(scene.note, language)}"
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        count = len(self._lesson.scenes) if self._lesson else 0
        self.previous_button.setEnabled(self._current > 0)
        self.next_button.setEnabled(0 <= self._current + 1 < count)

    def retranslate_ui(self) -> None:
        """Labels in the current language, and the lesson's texts in it too."""
        self.setWindowTitle(self.tr("Lesson"))
        self.previous_button.setText(self.tr("◀ Previous"))
        self.previous_button.setToolTip(self.tr("The previous scene (Page Up)"))
        self.next_button.setText(self.tr("Next ▶"))
        self.next_button.setToolTip(self.tr("The next scene (Page Down)"))
        lesson, language = self._lesson, self._language()
        if lesson is None:
            self.title_label.setText(self.tr("No lesson open"))
        else:
            self.title_label.setText(f"<b>{localized(lesson.title, language)}</b>")
            for index, scene in enumerate(lesson.scenes):
                text = f"{index + 1}. {localized(scene.title, language)}"
                self.scene_list.item(index).setText(text)
        self._show_note()

    @Slot(str)
    def _on_language_changed(self, _language: str) -> None:
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @Slot(object)
    def apply_theme(self, theme: Theme) -> None:
        """Scale fonts and width with the presentation scale."""
        font = theme.font(0.85 if theme.name == "presentation" else 1.0)
        self.widget().setFont(font)
        self.note.setFont(font)
        self.title_label.setFont(theme.font(1.0, bold=True))
        em = QFontMetrics(font).height()
        self.setMinimumWidth(min(MAX_MINIMUM_WIDTH, round(SIDEBAR_WIDTH_EMS * em)))
