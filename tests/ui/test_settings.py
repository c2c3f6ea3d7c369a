"""A broken settings file falls back to defaults with a warning, never a crash."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings

from optlab_gui.ui.settings import AppSettings


def test_missing_file_gives_defaults(qapp, tmp_path):
    settings = AppSettings(tmp_path / "none.ini")
    assert settings.usable
    assert settings.panel() == "activations"
    assert settings.language() is None
    assert settings.theme_name() == "dark"
    assert settings.geometry() is None


def test_junk_values_fall_back_to_defaults(qapp, tmp_path, caplog):
    path = tmp_path / "optlab.ini"
    raw = QSettings(str(path), QSettings.Format.IniFormat)
    raw.setValue("window/panel", "no-such-panel")
    raw.setValue("ui/language", "klingon")
    raw.setValue("ui/presentation_scale", "huge")
    raw.setValue("window/geometry", "not bytes")
    raw.sync()
    with caplog.at_level(logging.WARNING):
        settings = AppSettings(path)
        assert settings.panel() == "activations"
        assert settings.language() is None
        assert settings.presentation_scale() == 1.5
        assert settings.geometry() is None
    assert "no-such-panel" in caplog.text


def test_binary_garbage_file_does_not_crash(qapp, tmp_path):
    path = tmp_path / "optlab.ini"
    path.write_bytes(bytes(range(256)) * 40 + b"\n[window]\npanel=@ByteArray(\xff\xfe\n")
    settings = AppSettings(path)
    assert settings.panel() in ("activations", "batchnorm", "training")
    settings.save(panel="training")


def test_unreadable_settings_path_is_reported_and_left_alone(qapp, tmp_path, caplog):
    path = tmp_path / "optlab.ini"
    path.mkdir()  # a folder where the file should be: unreadable even for root
    with caplog.at_level(logging.WARNING):
        settings = AppSettings(path)
    assert not settings.usable
    assert "not a file" in caplog.text
    assert settings.panel() == "activations"
    settings.save(panel="training")
    assert path.is_dir()


def test_app_starts_with_a_corrupt_settings_file(app_context, qtbot):
    from optlab_gui.app import create_application, create_main_window
    from optlab_gui.ui.context import app_context as current_context
    from optlab_gui.ui.settings import settings_path

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\x01garbage\n[window]\npanel=42\ngeometry=@ByteArray(zz\n[ui]\ntheme=[[")
    create_application([], language="en")
    try:
        window = create_main_window()
        qtbot.addWidget(window)
        assert window.current_panel_name == "activations"
        assert current_context().themes.theme.name == "dark"
    finally:
        current_context().errors.uninstall()
