"""The main window: panel navigation, the shared actions, menus, status bar and persistence."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
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
from optlab_gui.ui.context import app_context
from optlab_gui.ui.i18n import LANGUAGE_NAMES, has_cjk_font
from optlab_gui.ui.panels.base import EXPORT, RESET, START_PAUSE, STEP, Panel
from optlab_gui.ui.theme import DARK, LIGHT, PRESENTATION, Theme

# Panels are imported when first shown, so start-up pays only for the visible one.
PANEL_CLASSES = {
    "activations": ("optlab_gui.ui.panels.activation_panel", "ActivationPanel"),
    "batchnorm": ("optlab_gui.ui.panels.batchnorm_panel", "BatchNormPanel"),
    "training": ("optlab_gui.ui.panels.training_panel", "TrainingPanel"),
}
PANEL_NAMES = tuple(PANEL_CLASSES)


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
        self._status_label = QLabel()
        self.statusBar().addPermanentWidget(self._status_label)
        self._context.languages.language_changed.connect(self._on_language_changed)
        self.retranslate_ui()
        self.resize(1600, 900)

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
        self.action_full_screen = self._action("actionFullScreen", "F11", self._full_screen)
        self.action_full_screen.setCheckable(True)
        self.action_quit = self._action("actionQuit", QKeySequence.StandardKey.Quit, self.close)
        self.action_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.action_about = self._action("actionAbout", None, self._about)

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
        self.file_menu.addAction(self.action_export)
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
        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("helpMenu")
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
        self.action_presentation.setText(self.tr("Presentation mode"))
        self.action_presentation.setToolTip(
            self.tr("Large fonts and a high-contrast theme for the projector (F5)")
        )
        self.action_full_screen.setText(self.tr("Full screen"))
        self.action_quit.setText(self.tr("Quit"))
        self.action_about.setText(self.tr("About OptLab"))
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
            scale = self._context.settings.presentation_scale()
            themes.set_theme(PRESENTATION.with_scale(scale))
        else:
            themes.set_theme(self._user_theme)
        self.action_presentation.setChecked(enabled)

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
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop every panel's work, save settings, then close."""
        for panel in self._panels.values():
            panel.shutdown()
        self.save_settings()
        super().closeEvent(event)
