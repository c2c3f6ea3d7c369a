"""The main window: panel navigation, the shared actions, menus, status bar and persistence."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QTabBar,
    QToolBar,
    QWidget,
)

from optlab_gui import __version__
from optlab_gui.ui import export as export_ui
from optlab_gui.ui.context import app_context
from optlab_gui.ui.i18n import LANGUAGE_NAMES, has_cjk_font
from optlab_gui.ui.lesson_sidebar import LessonSidebar
from optlab_gui.ui.panels.base import EXPORT, RESET, START_PAUSE, STEP, Panel
from optlab_gui.ui.scenes import (
    Record,
    SceneError,
    built_in_lesson_path,
    load_document,
    localized,
    scene_json,
)
from optlab_gui.ui.theme import DARK, LIGHT, PRESENTATION, Theme

# Panels are imported when first shown, so start-up pays only for the visible one.
PANEL_CLASSES = {
    "activations": ("optlab_gui.ui.panels.activation_panel", "ActivationPanel"),
    "batchnorm": ("optlab_gui.ui.panels.batchnorm_panel", "BatchNormPanel"),
    "training": ("optlab_gui.ui.panels.training_panel", "TrainingPanel"),
}
PANEL_NAMES = tuple(PANEL_CLASSES)
#: Above this presentation scale the toolbar shows icons only.
COMPACT_TOOLBAR_SCALE = 1.25
#: Presentation scale: the step of Ctrl+= / Ctrl+-, the value of Ctrl+0, and its bounds.
SCALE_STEP, DEFAULT_SCALE, MIN_SCALE, MAX_SCALE = 0.25, 1.5, 1.0, 2.5
#: PNG resolutions offered for export and copy, as multiples of the on-screen size.
PNG_SCALES = (1.0, 2.0, 4.0)


class PanelSchemas(Mapping):
    """The scene schema of each panel, building a panel only when a scene names it."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def __getitem__(self, name: str) -> Record:
        if name not in PANEL_CLASSES:
            raise KeyError(name)
        return self._window.panel(name).scene_schema()

    def __iter__(self) -> Iterator[str]:
        return iter(PANEL_NAMES)

    def __len__(self) -> int:
        return len(PANEL_NAMES)


class MainWindow(QMainWindow):
    """Hosts the panels and the actions a lecturer drives them with."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._context = app_context()
        self._panels: dict[str, Panel] = {}
        self._current: str | None = None
        self._user_theme: Theme = DARK
        self.persist_settings = True
        self.cjk_warning_shown = False
        self._presentation_scale = self._context.settings.presentation_scale()

        self._stack = QStackedWidget()
        self._stack.setObjectName("panelStack")
        self.setCentralWidget(self._stack)
        self._slots: dict[str, QWidget] = {}
        for name in PANEL_NAMES:
            slot = QWidget()
            slot.setObjectName(f"{name}Slot")
            self._slots[name] = slot
            self._stack.addWidget(slot)

        self._create_actions()
        self._create_toolbar()
        self._create_menus()
        self.lesson_sidebar = LessonSidebar(self)
        self.lesson_sidebar.scene_chosen.connect(self._on_scene_chosen)
        self.lesson_sidebar.hide()
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.lesson_sidebar)
        self.action_lesson_sidebar = self.lesson_sidebar.toggleViewAction()
        self.action_lesson_sidebar.setObjectName("actionLessonSidebar")
        self.action_lesson_sidebar.setShortcut(QKeySequence("F9"))
        self.addAction(self.action_lesson_sidebar)
        self.view_menu.addAction(self.action_lesson_sidebar)
        self._scene_label = QLabel()
        self._scene_label.setObjectName("sceneLabel")
        self.statusBar().addPermanentWidget(self._scene_label)
        self._status_label = QLabel()
        self.statusBar().addPermanentWidget(self._status_label)
        self._context.languages.language_changed.connect(self._on_language_changed)
        self._context.themes.theme_changed.connect(self._on_theme_changed)
        self.retranslate_ui()
        self.resize(1600, 900)
        self._warn_if_no_cjk_font()

    # Construction ---------------------------------------------------------------------

    def _action(self, name: str, shortcut: QKeySequence | str | None, slot) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        style = self.style()
        self.action_start_pause = self._action("actionStartPause", "Space", self._start_pause)
        self.action_start_pause.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.action_step = self._action("actionStep", "Right", self._step)
        self.action_step.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward))
        self.action_reset = self._action("actionReset", "R", self._reset)
        self.action_reset.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.action_export = self._action("actionExport", "Ctrl+E", self._export)
        self.action_export.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.action_presentation = self._action("actionPresentation", "F5", self._presentation)
        self.action_presentation.setCheckable(True)
        self.action_presentation.setIcon(
            style.standardIcon(QStyle.StandardPixmap.SP_TitleBarMaxButton)
        )
        self.action_full_screen = self._action("actionFullScreen", "F11", self._full_screen)
        self.action_full_screen.setCheckable(True)
        self.action_quit = self._action("actionQuit", QKeySequence.StandardKey.Quit, self.close)
        self.action_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.action_about = self._action("actionAbout", None, self._about)
        self.action_open_dataset = self._action("actionOpenDataset", None, self._open_dataset)
        self.action_save_scene = self._action("actionSaveScene", "Ctrl+S", self._save_scene)
        self.action_open_lesson = self._action("actionOpenLesson", "Ctrl+O", self._open_lesson)
        self.action_lessons = self._action("actionLessons", None, self.open_built_in_lesson)
        self.action_next_scene = self._action("actionNextScene", "PgDown", self._next_scene)
        self.action_previous_scene = self._action(
            "actionPreviousScene", "PgUp", self._previous_scene
        )
        self.action_scale_up = self._action("actionScaleUp", "Ctrl+=", self._scale_up)
        self.action_scale_up.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.action_scale_down = self._action("actionScaleDown", "Ctrl+-", self._scale_down)
        self.action_scale_reset = self._action("actionScaleReset", "Ctrl+0", self._scale_reset)
        self.action_copy_plot = self._action("actionCopyPlot", "Ctrl+Shift+C", self.copy_main_plot)
        self.png_scale_actions: dict[float, QAction] = {}
        png_group = QActionGroup(self)
        for scale in PNG_SCALES:
            action = self._action(f"actionPngScale_{scale:g}", None, self._png_scale_action)
            action.setCheckable(True)
            action.setChecked(scale == export_ui.png_scale())
            action.setData(scale)
            png_group.addAction(action)
            self.png_scale_actions[scale] = action

        self.panel_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for index, name in enumerate(PANEL_NAMES, start=1):
            action = self._action(f"actionPanel_{name}", f"Ctrl+{index}", self._panel_action)
            action.setCheckable(True)
            action.setData(name)
            group.addAction(action)
            self.panel_actions[name] = action

        self.theme_actions: dict[str, QAction] = {}
        theme_group = QActionGroup(self)
        for theme in (DARK, LIGHT):
            action = self._action(f"actionTheme_{theme.name}", None, self._theme_action)
            action.setCheckable(True)
            action.setData(theme.name)
            theme_group.addAction(action)
            self.theme_actions[theme.name] = action

        self.language_actions: dict[str, QAction] = {}
        language_group = QActionGroup(self)
        for code, native_name in LANGUAGE_NAMES.items():
            action = self._action(f"actionLanguage_{code}", None, self._language_action)
            action.setCheckable(True)
            action.setData(code)
            action.setText(native_name)
            language_group.addAction(action)
            self.language_actions[code] = action

    def _create_toolbar(self) -> None:
        self._toolbar = QToolBar()
        self._toolbar.setObjectName("mainToolBar")
        self._toolbar.setMovable(False)
        self._toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._tabs = QTabBar()
        self._tabs.setObjectName("panelTabs")
        self._tabs.setExpanding(False)
        self._tabs.setDrawBase(False)
        for _name in PANEL_NAMES:
            self._tabs.addTab("")
        self._tabs.currentChanged.connect(self._tab_changed)
        self._toolbar.addWidget(self._tabs)
        self._toolbar.addSeparator()
        for action in (self.action_start_pause, self.action_step, self.action_reset,
                       self.action_export, self.action_presentation):  # fmt: skip
            self._toolbar.addAction(action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self._toolbar)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("fileMenu")
        self.file_menu.addAction(self.action_open_lesson)
        self.file_menu.addAction(self.action_save_scene)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.action_open_dataset)
        self.file_menu.addAction(self.action_export)
        self.file_menu.addAction(self.action_copy_plot)
        self.png_menu = self.file_menu.addMenu("")
        for action in self.png_scale_actions.values():
            self.png_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.action_quit)
        self.view_menu = bar.addMenu("")
        self.view_menu.setObjectName("viewMenu")
        for action in self.panel_actions.values():
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        for action in (self.action_start_pause, self.action_step, self.action_reset):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.theme_menu = self.view_menu.addMenu("")
        for action in self.theme_actions.values():
            self.theme_menu.addAction(action)
        self.language_menu = self.view_menu.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.action_presentation)
        self.view_menu.addAction(self.action_full_screen)
        for action in (self.action_scale_up, self.action_scale_down, self.action_scale_reset):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.action_previous_scene)
        self.view_menu.addAction(self.action_next_scene)
        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.action_lessons)
        self.help_menu.addAction(self.action_about)

    # Translation ----------------------------------------------------------------------

    def panel_title(self, name: str) -> str:
        """The translated title of a panel, as shown on its tab."""
        titles = {
            "activations": self.tr("Activation functions"),
            "batchnorm": self.tr("BatchNorm"),
            "training": self.tr("Optimizers"),
        }
        return titles[name]

    def retranslate_ui(self) -> None:
        """Set every visible string of the window in the current language."""
        self.setWindowTitle(self.tr("OptLab: how deep networks learn"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.theme_menu.setTitle(self.tr("Theme"))
        self.language_menu.setTitle(self.tr("Language"))
        self._update_start_pause_text()
        self.action_step.setText(self.tr("Step"))
        self.action_step.setToolTip(self.tr("Advance one step (Right arrow)"))
        self.action_reset.setText(self.tr("Reset"))
        self.action_reset.setToolTip(self.tr("Start the experiment again (R)"))
        self.action_export.setText(self.tr("Export…"))
        self.action_export.setToolTip(self.tr("Save the plots and their data (Ctrl+E)"))
        self.action_open_dataset.setText(self.tr("Open dataset…"))
        self.action_open_dataset.setToolTip(
            self.tr("Load a CSV file of x1, x2, label rows for the network race")
        )
        self.action_presentation.setText(self.tr("Presentation mode"))
        self.action_presentation.setToolTip(
            self.tr("Large fonts and a high-contrast theme for the projector (F5)")
        )
        self.action_full_screen.setText(self.tr("Full screen"))
        self.action_quit.setText(self.tr("Quit"))
        self.action_about.setText(self.tr("About OptLab"))
        self.action_save_scene.setText(self.tr("Save scene…"))
        self.action_save_scene.setToolTip(
            self.tr("Save the panel's complete state as a scene file (Ctrl+S)")
        )
        self.action_open_lesson.setText(self.tr("Open lesson…"))
        self.action_open_lesson.setToolTip(self.tr("Open a lesson or a scene file (Ctrl+O)"))
        self.action_lesson_sidebar.setText(self.tr("Lesson sidebar"))
        self._show_scene_title()
        self.action_lessons.setText(self.tr("Lessons"))
        self.action_lessons.setToolTip(self.tr("Open the lesson that comes with OptLab"))
        self.action_next_scene.setText(self.tr("Next scene"))
        self.action_previous_scene.setText(self.tr("Previous scene"))
        self.action_scale_up.setText(self.tr("Larger (presentation)"))
        self.action_scale_down.setText(self.tr("Smaller (presentation)"))
        self.action_scale_reset.setText(self.tr("Default size (presentation)"))
        self.action_copy_plot.setText(self.tr("Copy plot"))
        self.action_copy_plot.setToolTip(
            self.tr("Copy the main plot to the clipboard as an image (Ctrl+Shift+C)")
        )
        self.png_menu.setTitle(self.tr("PNG resolution"))
        for scale, action in self.png_scale_actions.items():
            action.setText(self.tr("{factor}× the screen size").format(factor=f"{scale:g}"))
        self.theme_actions["dark"].setText(self.tr("Dark"))
        self.theme_actions["light"].setText(self.tr("Light"))
        for index, name in enumerate(PANEL_NAMES):
            self._tabs.setTabText(index, self.panel_title(name))
            self.panel_actions[name].setText(self.panel_title(name))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # Panels ---------------------------------------------------------------------------

    @property
    def current_panel_name(self) -> str | None:
        """The name of the panel on screen."""
        return self._current

    def panel(self, name: str) -> Panel:
        """The panel called ``name``, built on first use."""
        if name not in PANEL_CLASSES:
            raise ValueError(f"unknown panel {name!r}; choose one of {PANEL_NAMES}")
        if name not in self._panels:
            module_name, class_name = PANEL_CLASSES[name]
            panel_class = getattr(importlib.import_module(module_name), class_name)
            panel = panel_class()
            panel.status_message.connect(self._show_status)
            panel.running_changed.connect(self._on_running_changed)
            index = self._stack.indexOf(self._slots[name])
            self._stack.removeWidget(self._slots[name])
            self._slots[name].deleteLater()
            self._stack.insertWidget(index, panel)
            self._panels[name] = panel
        return self._panels[name]

    def current_panel(self) -> Panel | None:
        """The panel on screen, if any."""
        return self._panels.get(self._current) if self._current else None

    def show_panel(self, name: str) -> Panel:
        """Bring panel ``name`` to the front, stopping whatever the previous one ran."""
        panel = self.panel(name)
        if name == self._current:
            return panel
        previous = self.current_panel()
        if previous is not None:
            previous.deactivate()
        self._current = name
        self._stack.setCurrentWidget(panel)
        index = PANEL_NAMES.index(name)
        if self._tabs.currentIndex() != index:
            self._tabs.blockSignals(True)
            self._tabs.setCurrentIndex(index)
            self._tabs.blockSignals(False)
        self.panel_actions[name].setChecked(True)
        supported = panel.supported_actions
        self.action_start_pause.setEnabled(START_PAUSE in supported)
        self.action_step.setEnabled(STEP in supported)
        self.action_reset.setEnabled(RESET in supported)
        self.action_export.setEnabled(EXPORT in supported)
        panel.activate()
        self._on_running_changed(panel.is_running())
        return panel

    @Slot(int)
    def _tab_changed(self, index: int) -> None:
        self.show_panel(PANEL_NAMES[index])

    @Slot()
    def _panel_action(self) -> None:
        self.show_panel(self.sender().data())

    # Actions --------------------------------------------------------------------------

    def _update_start_pause_text(self) -> None:
        panel = self.current_panel()
        running = panel is not None and panel.is_running()
        style = self.style()
        if running:
            self.action_start_pause.setText(self.tr("Pause"))
            icon = QStyle.StandardPixmap.SP_MediaPause
        else:
            self.action_start_pause.setText(self.tr("Start"))
            icon = QStyle.StandardPixmap.SP_MediaPlay
        self.action_start_pause.setIcon(style.standardIcon(icon))
        self.action_start_pause.setToolTip(self.tr("Start or pause (Space)"))

    @Slot(bool)
    def _on_running_changed(self, _running: bool) -> None:
        self._update_start_pause_text()

    @Slot(str)
    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    @Slot()
    def _start_pause(self) -> None:
        if (panel := self.current_panel()) is not None:
            panel.start_pause()

    @Slot()
    def _step(self) -> None:
        if (panel := self.current_panel()) is not None:
            panel.step()

    @Slot()
    def _reset(self) -> None:
        if (panel := self.current_panel()) is not None:
            panel.reset()

    @Slot()
    def _open_dataset(self) -> None:
        # The panel on show loads it if it can; otherwise the training panel's network race.
        panel = self.current_panel()
        if not hasattr(panel, "open_dataset"):
            panel = self.show_panel("training")
        panel.open_dataset()

    @Slot()
    def _export(self) -> None:
        if (panel := self.current_panel()) is not None:
            panel.export()

    @Slot()
    def _presentation(self) -> None:
        self.set_presentation(self.action_presentation.isChecked())

    def set_presentation(self, enabled: bool) -> None:
        """Switch the projector theme and scale on or off."""
        themes = self._context.themes
        if enabled:
            if themes.theme.name != PRESENTATION.name:
                self._user_theme = themes.theme
            themes.set_theme(PRESENTATION.with_scale(self._presentation_scale))
            # The panels fill 1280x720 at scale 2: the lesson sidebar folds away (F9 shows
            # it) and the status bar names the scene instead.
            self.lesson_sidebar.hide()
        else:
            themes.set_theme(self._user_theme)
        self.action_presentation.setChecked(enabled)

    @property
    def presentation_scale(self) -> float:
        """The scale presentation mode uses (1.0–2.5), kept between sessions."""
        return self._presentation_scale

    def set_presentation_scale(self, scale: float) -> None:
        """Set the presentation scale (clamped) and switch presentation mode on to show it."""
        self._presentation_scale = min(MAX_SCALE, max(MIN_SCALE, round(float(scale), 2)))
        self.set_presentation(True)
        self._show_status(
            self.tr("Presentation scale {scale}").format(scale=f"{self._presentation_scale:g}")
        )

    @Slot()
    def _scale_up(self) -> None:
        self.set_presentation_scale(self._presentation_scale + SCALE_STEP)

    @Slot()
    def _scale_down(self) -> None:
        self.set_presentation_scale(self._presentation_scale - SCALE_STEP)

    @Slot()
    def _scale_reset(self) -> None:
        self.set_presentation_scale(DEFAULT_SCALE)

    @property
    def presentation(self) -> bool:
        """True while presentation mode is on."""
        return self.action_presentation.isChecked()

    @Slot()
    def _full_screen(self) -> None:
        if self.action_full_screen.isChecked():
            self.showFullScreen()
        else:
            self.showNormal()

    @Slot()
    def _theme_action(self) -> None:
        self.set_user_theme(self.sender().data())

    def set_user_theme(self, name: str) -> None:
        """Choose the everyday theme (dark or light); leaves presentation mode."""
        theme = {DARK.name: DARK, LIGHT.name: LIGHT}[name]
        self._user_theme = theme
        self.theme_actions[name].setChecked(True)
        self.action_presentation.setChecked(False)
        self._context.themes.set_theme(theme)

    @Slot()
    def _language_action(self) -> None:
        self.set_language(self.sender().data())

    def set_language(self, language: str) -> None:
        """Switch the whole application to ``language`` at run time."""
        languages = self._context.languages
        if not languages.set_language(language):
            self._show_status(self.tr("The translation could not be loaded; staying in English."))
        self.language_actions[languages.language].setChecked(True)
        self._warn_if_no_cjk_font()

    @Slot(object)
    def _on_theme_changed(self, theme: Theme) -> None:
        # Large presentation fonts: the toolbar keeps its icons (names in tooltips) so the
        # panel tabs, which the audience reads, are never squeezed.
        style = (
            Qt.ToolButtonStyle.ToolButtonIconOnly
            if theme.scale > COMPACT_TOOLBAR_SCALE
            else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        )
        self._toolbar.setToolButtonStyle(style)
        size = round(self.style().pixelMetric(QStyle.PixelMetric.PM_ToolBarIconSize) * theme.scale)
        self._toolbar.setIconSize(QSize(size, size))

    @Slot(str)
    def _on_language_changed(self, language: str) -> None:
        self.language_actions[language].setChecked(True)

    def _warn_if_no_cjk_font(self) -> None:
        if self._context.languages.language != "zh_CN" or has_cjk_font():
            return
        if not self.cjk_warning_shown:
            self.cjk_warning_shown = True
            message = self.tr(
                "No Chinese font is installed, so Chinese text would show as boxes. "
                "Install one, for example fonts-wqy-microhei (Debian/Ubuntu) or fonts-noto-cjk."
            )
            self._status_label.setText(message)

    @Slot()
    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About OptLab"),
            self.tr(
                "<h3>OptLab {version}</h3><p>A lab for teaching how deep networks learn: "
                "activation functions, BatchNorm and optimizers, live.</p>"
            ).format(version=__version__),
        )

    # Scenes and lessons ---------------------------------------------------------------

    def scene_schemas(self) -> Mapping[str, Record]:
        """Each panel's scene schema, by panel name."""
        return PanelSchemas(self)

    def current_scene_json(self) -> str:
        """The panel on show as scene JSON."""
        panel = self.current_panel()
        return scene_json(panel.panel_name, panel.scene_state())

    def open_lesson(self, path: Path | str, scene: int = 0) -> None:
        """Open a lesson (or a single scene) and show scene ``scene``; raises SceneError and
        changes nothing if the file or any of its scenes is refused."""
        lesson = load_document(Path(path), self.scene_schemas())
        if not 0 <= scene < len(lesson.scenes):
            raise SceneError(self.tr("the lesson has no scene {number}").format(number=scene + 1))
        self.lesson_sidebar.set_lesson(lesson)
        self.lesson_sidebar.setVisible(not self.presentation)
        self.show_scene(scene)

    def show_scene(self, index: int) -> None:
        """Show scene ``index`` of the open lesson exactly as saved."""
        entry = self.lesson_sidebar.lesson.scenes[index]
        panel = self.show_panel(entry.scene["panel"])
        panel.restore_scene_state(entry.scene["state"])
        self.lesson_sidebar.choose(index)
        self._show_scene_title()

    def _show_scene_title(self) -> None:
        lesson, index = self.lesson_sidebar.lesson, self.lesson_sidebar.current_index
        if lesson is None or index < 0:
            return
        title = localized(lesson.scenes[index].title, self._context.languages.language)
        self._scene_label.setText(
            self.tr("Scene {number}/{count}: {title}").format(
                number=index + 1, count=len(lesson.scenes), title=title
            )
        )

    @Slot()
    def open_built_in_lesson(self) -> None:
        """Help → Lessons: the lesson that comes with OptLab."""
        self._open_lesson_reporting(built_in_lesson_path())

    def _open_lesson_reporting(self, path: Path) -> None:
        try:
            self.open_lesson(path)
        except SceneError as error:
            QMessageBox.warning(
                self,
                self.tr("Cannot open the lesson"),
                self.tr("{file}: {problem}").format(file=Path(path).name, problem=error),
            )

    @Slot()
    def _open_lesson(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Open lesson"), "", self.tr("OptLab lessons and scenes (*.json)")
        )
        if chosen:
            self._open_lesson_reporting(Path(chosen))

    @Slot()
    def _save_scene(self) -> None:
        if self.current_panel() is None:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save scene"), f"{self._current}_scene.json",
            self.tr("OptLab scene (*.json)"),
        )  # fmt: skip
        if chosen:
            self.save_scene(Path(chosen))

    def save_scene(self, path: Path) -> bool:
        """Write the panel on show as a scene file (atomically); False with a message if not."""
        text = self.current_scene_json()
        try:
            export_ui.write_atomically(path, lambda temporary: temporary.write_text(
                text, encoding="utf-8"))  # fmt: skip
        except export_ui.ExportError as error:
            QMessageBox.warning(self, self.tr("Cannot save the scene"), str(error))
            return False
        self._show_status(self.tr("Scene saved to {path}").format(path=path))
        return True

    @Slot(int)
    def _on_scene_chosen(self, index: int) -> None:
        try:
            self.show_scene(index)
        except SceneError as error:  # checked on opening; a panel may still refuse
            self._show_status(str(error))

    @Slot()
    def _next_scene(self) -> None:
        self.lesson_sidebar.next_scene()

    @Slot()
    def _previous_scene(self) -> None:
        self.lesson_sidebar.previous_scene()

    # Slides -----------------------------------------------------------------------------

    @Slot()
    def copy_main_plot(self) -> bool:
        """Ctrl+Shift+C: the panel's main plot to the clipboard at the chosen PNG resolution."""
        panel = self.current_panel()
        widget = panel.main_plot() if panel is not None else None
        if widget is None:
            self._show_status(self.tr("This panel has no plot to copy."))
            return False
        image = export_ui.widget_image(widget, export_ui.png_scale())
        QGuiApplication.clipboard().setImage(image)
        self._show_status(
            self.tr("Plot copied to the clipboard ({width}×{height} pixels)").format(
                width=image.width(), height=image.height()
            )
        )
        return True

    @Slot()
    def _png_scale_action(self) -> None:
        export_ui.set_png_scale(self.sender().data())

    # Persistence ----------------------------------------------------------------------

    def restore_settings(self, panel: str | None = None) -> None:
        """Restore geometry, theme and panel (unless ``panel`` is given) from the settings."""
        settings = self._context.settings
        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.set_user_theme(settings.theme_name())
        self.show_panel(panel or settings.panel())

    def save_settings(self) -> None:
        """Write geometry, panel, language and theme to the settings file."""
        if not self.persist_settings:
            return
        self._context.settings.save(
            geometry=self.saveGeometry(),
            panel=self._current or PANEL_NAMES[0],
            language=self._context.languages.language,
            theme=self._user_theme.name,
            presentation_scale=self._presentation_scale,
        )

    def shutdown_panels(self) -> None:
        """Stop every built panel's work (also when the window was never shown)."""
        for panel in self._panels.values():
            panel.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop every panel's work, save settings, then close."""
        self.shutdown_panels()
        self.save_settings()
        super().closeEvent(event)
