"""Lecture mode: clicking through a lesson, the presentation scale, copying a plot for a slide,
saving scenes safely, the command line's --lesson, and the missing-CJK-font notice."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from optlab_gui.ui import export as export_ui
from optlab_gui.ui.scenes import built_in_lesson_path


def press(window, qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window, key, modifier)


def test_help_lessons_and_the_clicker_keys(main_window, qtbot):
    main_window.action_lessons.trigger()
    sidebar = main_window.lesson_sidebar
    assert sidebar.lesson is not None and sidebar.current_index == 0
    assert sidebar.isVisible()
    count = len(sidebar.lesson.scenes)
    press(main_window, qtbot, Qt.Key.Key_PageDown)
    assert sidebar.current_index == 1
    press(main_window, qtbot, Qt.Key.Key_PageUp)
    press(main_window, qtbot, Qt.Key.Key_PageUp)  # stays on the first scene
    assert sidebar.current_index == 0
    main_window.show_scene(count - 1)
    press(main_window, qtbot, Qt.Key.Key_PageDown)  # stays on the last scene
    assert sidebar.current_index == count - 1
    assert main_window.current_panel_name == sidebar.lesson.scenes[-1].scene["panel"]


def test_language_switch_retranslates_the_lesson(main_window):
    main_window.open_built_in_lesson()
    sidebar = main_window.lesson_sidebar
    main_window.set_language("zh_CN")
    title = sidebar.lesson.scenes[0].title["zh_CN"]
    assert title in sidebar.scene_list.item(0).text()
    assert title in sidebar.note.toPlainText()
    assert sidebar.next_button.text() == "下一个 ▶"
    main_window.set_language("en")
    assert sidebar.lesson.scenes[0].title["en"] in sidebar.scene_list.item(0).text()


def test_presentation_scale_keys_and_saving(main_window, qtbot, app_context):
    themes = app_context.themes
    press(main_window, qtbot, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert main_window.presentation and themes.theme.scale == pytest.approx(1.5)
    press(main_window, qtbot, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert themes.theme.scale == pytest.approx(1.75)
    press(main_window, qtbot, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    press(main_window, qtbot, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert themes.theme.scale == pytest.approx(1.25)
    for _ in range(10):
        main_window.action_scale_up.trigger()
    assert themes.theme.scale == pytest.approx(2.5)
    main_window.save_settings()
    assert app_context.settings.presentation_scale() == pytest.approx(2.5)


@pytest.mark.parametrize("name", ["activations", "batchnorm", "training"])
def test_copy_main_plot_at_the_chosen_resolution(main_window, name):
    main_window.show_panel(name)
    main_window.png_scale_actions[4.0].trigger()
    try:
        assert main_window.copy_main_plot()
        image = QGuiApplication.clipboard().image()
        plot = main_window.current_panel().main_plot()
        assert (image.width(), image.height()) == (plot.width() * 4, plot.height() * 4)
    finally:
        main_window.png_scale_actions[2.0].trigger()
    assert export_ui.png_scale() == 2.0


def test_saving_a_scene_to_an_unwritable_place_says_so(main_window, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    # A file where a folder should be: unwritable even for root (tests may run as root).
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("lecture notes")
    assert not main_window.save_scene(not_a_folder / "scene.json")
    assert warnings and "notes.txt" in warnings[0]
    assert not_a_folder.read_text() == "lecture notes"
    assert list(tmp_path.glob("**/*.part")) == []
    assert main_window.save_scene(tmp_path / "scene.json")
    assert json.loads((tmp_path / "scene.json").read_text())["panel"] == "activations"


def test_missing_cjk_font_is_reported_once(main_window, monkeypatch):
    import optlab_gui.ui.main_window as window_module

    monkeypatch.setattr(window_module, "has_cjk_font", lambda: False)
    main_window.cjk_warning_shown = False
    shown = []
    monkeypatch.setattr(main_window._status_label, "setText", shown.append)
    main_window.set_language("zh_CN")
    main_window.set_language("en")
    main_window.set_language("zh_CN")
    assert len(shown) == 1 and "fonts-wqy-microhei" in shown[0]


def run_optlab(*arguments: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "optlab_gui", *arguments],
                          capture_output=True, text=True, timeout=120, env=environment)  # fmt: skip


def test_command_line_lesson(tmp_path):
    shot = tmp_path / "scene.png"
    good = run_optlab("--lesson", str(built_in_lesson_path()), "--scene", "2", "--scale", "2",
                      "--size", "1280x720", "--screenshot", str(shot))  # fmt: skip
    assert good.returncode == 0, good.stderr
    assert shot.exists()
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "optlab-scene", "version": 1, "panel": "batchnorm", "state": {}}')
    refused = run_optlab("--lesson", str(bad), "--screenshot", str(tmp_path / "no.png"))
    assert refused.returncode == 2
    errors = [line for line in refused.stderr.splitlines() if line.startswith("optlab:")]
    assert len(errors) == 1 and "missing key" in errors[0]
    assert not (tmp_path / "no.png").exists()


def test_a_full_disk_leaves_no_half_written_scene(main_window, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    original = export_ui.write_atomically

    def disk_full(path, write):
        def half_then_full(temporary):
            temporary.write_text('{"format": ')
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        original(path, half_then_full)

    monkeypatch.setattr(export_ui, "write_atomically", disk_full)
    target = tmp_path / "scene.json"
    assert not main_window.save_scene(target)
    assert warnings and os.strerror(errno.ENOSPC) in warnings[0]
    assert not target.exists() and list(tmp_path.glob("*.part")) == []
