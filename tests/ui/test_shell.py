"""The application shell: panels, actions, language and presentation switching, settings."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabBar

from optlab_gui.ui.main_window import PANEL_NAMES

ACTION_SHORTCUTS = {
    "actionStartPause": "Space",
    "actionStep": "Right",
    "actionReset": "R",
    "actionPresentation": "F5",
    "actionFullScreen": "F11",
    "actionExport": "Ctrl+E",
    "actionQuit": "Ctrl+Q",
}
PANEL_OBJECT_NAMES = {
    "activations": "activationPanel",
    "batchnorm": "batchNormPanel",
    "training": "trainingPanel",
}


def test_window_owns_the_actions_with_their_shortcuts(main_window):
    for name, shortcut in ACTION_SHORTCUTS.items():
        action = main_window.findChild(QAction, name)
        assert action is not None, name
        assert action.shortcut().toString() == shortcut


def test_every_panel_shows_with_its_object_name_and_action_states(main_window):
    for name in PANEL_NAMES:
        panel = main_window.show_panel(name)
        assert panel.objectName() == PANEL_OBJECT_NAMES[name]
        assert main_window.current_panel() is panel
        assert panel.isVisible()
        from optlab_gui.ui.panels.base import EXPORT, RESET, START_PAUSE, STEP

        expected = {
            "actionStartPause": START_PAUSE,
            "actionStep": STEP,
            "actionReset": RESET,
            "actionExport": EXPORT,
        }
        for action_name, capability in expected.items():
            action = main_window.findChild(QAction, action_name)
            assert action.isEnabled() == (capability in panel.supported_actions)


def test_ctrl_number_switches_panels(main_window, qtbot):
    from PySide6.QtCore import Qt

    tabs = main_window.findChild(QTabBar, "panelTabs")
    for index, name in enumerate(PANEL_NAMES, start=1):
        qtbot.keyClick(
            main_window, Qt.Key(Qt.Key.Key_0.value + index), Qt.KeyboardModifier.ControlModifier
        )
        assert main_window.current_panel_name == name
        assert tabs.currentIndex() == index - 1


def test_language_switches_both_ways_and_retranslates(main_window):
    main_window.set_language("zh_CN")
    assert main_window.file_menu.title() == "文件(&F)"
    assert main_window.windowTitle().startswith("OptLab：")
    main_window.set_language("en")
    assert main_window.file_menu.title() == "&File"


def test_presentation_mode_scales_and_restores_the_theme(main_window, app_context):
    before = app_context.themes.theme
    main_window.findChild(QAction, "actionPresentation").trigger()
    assert app_context.themes.theme.name == "presentation"
    assert app_context.themes.theme.scale > 1.0
    main_window.findChild(QAction, "actionPresentation").trigger()
    assert app_context.themes.theme == before


def test_unknown_panel_is_refused(main_window):
    with pytest.raises(ValueError, match="unknown panel"):
        main_window.show_panel("nonsense")


def test_settings_persist_panel_language_and_theme(app_context, qtbot):
    from optlab_gui.app import create_main_window
    from optlab_gui.ui.settings import AppSettings

    window = create_main_window()
    qtbot.addWidget(window)
    window.show_panel("training")
    window.set_user_theme("light")
    window.set_language("zh_CN")
    window.close()
    stored = AppSettings(app_context.settings.path)
    assert stored.panel() == "training"
    assert stored.theme_name() == "light"
    assert stored.language() == "zh_CN"


def test_all_panels_survive_language_and_presentation_switches(main_window, app_context):
    for name in PANEL_NAMES:
        main_window.show_panel(name)
    for language in ("zh_CN", "en", "zh_CN"):
        main_window.set_language(language)
        main_window.set_presentation(True)
        main_window.set_presentation(False)
    assert app_context.languages.language == "zh_CN"
    assert main_window.panel_title("training") == "优化器"
    main_window.set_language("en")
