"""Faults a lecture can throw at OptLab, each reproduced: the window closed mid-work, a
worker that fails, a broken settings file, a missing translation or formula image, junk
typed into every number field, and extreme hyper-parameters.

Closing is tested on the real entry point in a subprocess (tests/robustness/
close_scenarios.py): the honest check of "exits 0 within a second with no Qt warning" is the
exit status, the clock and standard error. Everything else runs in-process with pytest-qt,
which fails a test on any uncaught exception or Qt warning; every wait is on an observable
state, never a sleep.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from monkey import IGNORED_QT_MESSAGES, JUNK_TEXTS, press_key, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QWidget

from optlab_gui.training.session import POSITION, Command
from optlab_gui.ui.main_window import PANEL_NAMES
from optlab_gui.ui.widgets.formula_view import FormulaView
from optlab_gui.ui.widgets.parameter_control import ParameterControl

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_SCRIPT = Path(__file__).with_name("close_scenarios.py")
#: The issue's bound from closing the window to the process (and its children) gone.
CLOSE_DEADLINE_SECONDS = 1.0
#: Waits for a compute process: starting one takes ~1 s, more on a busy machine.
TIMEOUT_MS = 30_000


# Closing the window mid-work (subprocess) ----------------------------------------------


@dataclass
class ScenarioRun:
    """What a close scenario did: exit status, seconds from closing to exit, stderr."""

    returncode: int
    seconds_to_exit: float | None
    stderr_lines: list[str]
    stdout: str

    def unexpected_stderr(self) -> list[str]:
        """Standard error without the offscreen platform's notes (pyproject's list)."""
        return [
            line
            for line in self.stderr_lines
            if line.strip() and not any(pattern.search(line) for pattern in IGNORED_QT_MESSAGES)
        ]


def user_folders(home: Path) -> dict[str, str]:
    """XDG variables that put OptLab's settings and log under ``home``."""
    return {
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }


def settings_file(home: Path) -> Path:
    """Where OptLab keeps its settings under ``home``."""
    return home / "config" / "OptLab" / "OptLab" / "optlab.ini"


def log_text(home: Path) -> str:
    """OptLab's log file under ``home`` ("" if none was written)."""
    path = home / "data" / "OptLab" / "OptLab" / "optlab.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def run_scenario(name: str, home: Path, without_root_override: bool = False) -> ScenarioRun:
    """Run ``python close_scenarios.py name`` and time closing -> exit from outside.

    ``without_root_override`` runs it without root's permission to ignore file modes (so a
    chmod 000 file is unreadable even when the tests run as root, as in CI).
    """
    command = [sys.executable, str(SCENARIO_SCRIPT), name]
    if without_root_override and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: file modes cannot be enforced")
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **user_folders(home)}
    completed = subprocess.run(
        command, capture_output=True, text=True, env=environment, cwd=ROOT, timeout=240
    )
    # The pipes close when the last process holding them (a compute process too) is gone.
    gone = time.monotonic()
    closing = [
        line.split()[1] for line in completed.stdout.splitlines() if line.startswith("CLOSING")
    ]
    return ScenarioRun(
        completed.returncode,
        gone - float(closing[0]) if closing else None,
        completed.stderr.splitlines(),
        completed.stdout,
    )


def assert_clean_exit(run: ScenarioRun) -> None:
    """Exit status 0, nothing on standard error, closed within the deadline."""
    assert run.returncode == 0, "\n".join(run.stderr_lines)
    assert run.unexpected_stderr() == []
    assert run.seconds_to_exit is not None, run.stdout
    assert run.seconds_to_exit <= CLOSE_DEADLINE_SECONDS, (
        f"{run.seconds_to_exit:.2f} s from closing the window to the end of the process"
    )


@pytest.mark.parametrize(
    "scenario",
    [
        "training",
        "batchnorm-training",
        "batchnorm-recompute",
        "export-dialog",
        "export-writing",
        "error-dialog",
        "about-dialog",
        "activations-measuring",
    ],
)
def test_closing_the_window_mid_work_exits_0_within_a_second_silently(scenario, tmp_path):
    assert_clean_exit(run_scenario(scenario, tmp_path))


def test_closing_during_the_largest_batchnorm_recompute_exits_within_a_second(tmp_path):
    assert_clean_exit(run_scenario("batchnorm-recompute-largest", tmp_path))


# Settings files (subprocess: the real start-up and the save on close) -------------------


def test_corrupt_settings_file_gives_defaults_and_a_clean_exit(tmp_path):
    path = settings_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00\xff[window\npanel=@ByteArray(\xfe\n[ui]\ntheme=[[\x00" * 50)
    run = run_scenario("idle", tmp_path)
    assert_clean_exit(run)
    assert "using the default" in log_text(tmp_path)


def test_unreadable_settings_file_is_reported_left_alone_and_the_app_runs(tmp_path):
    path = settings_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("[window]\npanel=training\n", encoding="utf-8")
    path.chmod(0)
    try:
        run = run_scenario("idle", tmp_path, without_root_override=True)
        assert_clean_exit(run)
        assert "cannot be read; using defaults" in log_text(tmp_path)
        assert path.stat().st_mode & 0o777 == 0
    finally:
        path.chmod(0o600)
    assert path.read_text(encoding="utf-8") == "[window]\npanel=training\n"


def test_read_only_settings_file_is_read_and_a_failed_save_only_logged(tmp_path):
    path = settings_file(tmp_path)
    path.parent.mkdir(parents=True)
    contents = "[ui]\ntheme=light\n[window]\npanel=activations\n"
    path.write_text(contents, encoding="utf-8")
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        run = run_scenario("idle", tmp_path, without_root_override=True)
        assert_clean_exit(run)
        assert "could not be written" in log_text(tmp_path)
    finally:
        path.parent.chmod(0o755)
        path.chmod(0o644)
    assert path.read_text(encoding="utf-8") == contents


# A worker that fails ---------------------------------------------------------------------


def error_dialog_shows(errors, text: str) -> bool:
    """True when the error dialog is open and its details contain ``text``."""
    return (
        errors.dialog is not None and errors.dialog.isVisible() and text in errors.dialog.details()
    )


def race_settled(panel) -> bool:
    """True when the race is paused and the compute process has caught up with it."""
    mode = panel.current_mode()
    return not mode.is_running() and mode.caught_up()


def last_step(mode) -> int:
    """The newest recorded step of the race (-1 before the first)."""
    step = mode.trace.last_step
    return -1 if step is None else int(step)


def test_race_session_exception_opens_the_error_dialog_stops_the_run_and_the_app_recovers(
    main_window, app_context, qtbot, monkeypatch
):
    from fault_sessions import FAIL_AT_STEP, FAULT_MESSAGE, SurfaceRaceFailingOnce

    from optlab_gui.ui.panels.training.surface_mode import DEFAULT_SURFACE, SurfaceRaceMode

    monkeypatch.setattr(
        SurfaceRaceMode, "make_session", lambda _mode: SurfaceRaceFailingOnce(DEFAULT_SURFACE)
    )
    panel = main_window.show_panel("training")
    mode = panel.current_mode()
    qtbot.waitUntil(mode.has_data, timeout=TIMEOUT_MS)
    main_window.action_start_pause.trigger()
    errors = app_context.errors
    qtbot.waitUntil(lambda: error_dialog_shows(errors, FAULT_MESSAGE), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: race_settled(panel), timeout=TIMEOUT_MS)
    assert last_step(mode) == FAIL_AT_STEP - 1
    assert main_window.action_start_pause.text() == "Start"
    errors.dialog.close()

    main_window.action_reset.trigger()
    qtbot.waitUntil(lambda: race_settled(panel) and last_step(mode) == 0, timeout=TIMEOUT_MS)
    main_window.action_start_pause.trigger()
    qtbot.waitUntil(lambda: last_step(mode) > FAIL_AT_STEP + 10, timeout=TIMEOUT_MS)
    main_window.action_start_pause.trigger()
    qtbot.waitUntil(lambda: race_settled(panel), timeout=TIMEOUT_MS)
    assert np.all(np.diff(mode.trace.steps) == 1)
    assert errors.dialog is None or not errors.dialog.isVisible()


def test_killed_compute_process_is_reported_and_a_new_one_takes_over(
    main_window, app_context, qtbot
):
    import multiprocessing

    panel = main_window.show_panel("training")
    mode = panel.current_mode()
    qtbot.waitUntil(mode.has_data, timeout=TIMEOUT_MS)
    panel.start_pause()
    qtbot.waitUntil(lambda: last_step(mode) >= 10, timeout=TIMEOUT_MS)
    (race,) = [p for p in multiprocessing.active_children() if p.name.startswith("optlab-race-")]
    killed = race.pid
    os.kill(killed, signal.SIGKILL)
    errors = app_context.errors
    qtbot.waitUntil(lambda: error_dialog_shows(errors, "stopped unexpectedly"), timeout=TIMEOUT_MS)
    assert not panel.is_running()
    errors.dialog.close()

    main_window.action_step.trigger()
    qtbot.waitUntil(lambda: race_settled(panel) and last_step(mode) == 1, timeout=TIMEOUT_MS)
    assert killed not in [p.pid for p in multiprocessing.active_children()]


def test_batchnorm_probe_exception_opens_the_error_dialog_and_the_panel_recovers(
    main_window, app_context, qtbot, monkeypatch
):
    from optlab_gui.ui.panels.batchnorm import probe_job

    panel = main_window.show_panel("batchnorm")
    qtbot.waitUntil(panel.is_up_to_date, timeout=TIMEOUT_MS)
    working_probe = probe_job.probe_pair

    def failing_probe(*_args, **_kwargs):
        raise RuntimeError("injected fault in the probe")

    monkeypatch.setattr(probe_job, "probe_pair", failing_probe)
    panel.network_controls.new_seed.click()
    errors = app_context.errors
    qtbot.waitUntil(lambda: error_dialog_shows(errors, "injected fault"), timeout=TIMEOUT_MS)
    errors.dialog.close()

    monkeypatch.setattr(probe_job, "probe_pair", working_probe)
    panel.network_controls.new_seed.click()
    qtbot.waitUntil(panel.is_up_to_date, timeout=TIMEOUT_MS)


def test_batchnorm_training_exception_opens_the_error_dialog_and_stops_the_run(
    main_window, app_context, qtbot, monkeypatch
):
    from fault_sessions import FAIL_AT_STEP, FAULT_MESSAGE, DeepBatchNormRaceFailingOnce

    from optlab_gui.training import deep_bn_session

    # the training run imports the session class at its first Train
    monkeypatch.setattr(deep_bn_session, "DeepBatchNormRace", DeepBatchNormRaceFailingOnce)
    panel = main_window.show_panel("batchnorm")
    qtbot.waitUntil(panel.is_up_to_date, timeout=TIMEOUT_MS)
    main_window.action_start_pause.trigger()
    errors = app_context.errors
    qtbot.waitUntil(lambda: error_dialog_shows(errors, FAULT_MESSAGE), timeout=TIMEOUT_MS)
    run = panel.training_run()
    qtbot.waitUntil(run.is_confirmed_stopped, timeout=TIMEOUT_MS)
    assert not panel.is_running()
    assert run.step == FAIL_AT_STEP - 1
    errors.dialog.close()

    main_window.action_reset.trigger()
    main_window.action_start_pause.trigger()
    qtbot.waitUntil(lambda: run.step > FAIL_AT_STEP + 5, timeout=TIMEOUT_MS)
    main_window.action_start_pause.trigger()
    qtbot.waitUntil(run.is_confirmed_stopped, timeout=TIMEOUT_MS)


# Missing resources ---------------------------------------------------------------------


def test_missing_translation_falls_back_to_english_logs_and_goes_on(
    main_window, app_context, qtbot, monkeypatch, tmp_path, caplog
):
    from optlab_gui.ui import i18n

    monkeypatch.setattr(i18n, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    messages = []
    main_window.statusBar().messageChanged.connect(messages.append)
    with caplog.at_level(logging.WARNING, logger="optlab_gui"):
        main_window.set_language("zh_CN")
    assert app_context.languages.language == "en"
    assert main_window.language_actions["en"].isChecked()
    assert any("staying in English" in message for message in messages)
    assert "is missing or unreadable" in caplog.text
    for name in PANEL_NAMES:
        main_window.show_panel(name)
    assert main_window.action_step.text() == "Step"


def test_missing_formula_images_fall_back_to_text_log_and_go_on(
    main_window, qtbot, monkeypatch, tmp_path, caplog
):
    from optlab_gui.ui.widgets import formula_view

    monkeypatch.setattr(formula_view, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    formula_view.formula_svg.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="optlab_gui"):
            for name in PANEL_NAMES:
                main_window.show_panel(name)
            main_window.set_presentation(True)  # every formula reloads, scaled
            main_window.set_presentation(False)
        views = main_window.findChildren(FormulaView)
        assert views
        assert not any(view.has_image() for view in views)
        assert all(view.sizeHint().height() > 0 for view in views)
        assert not main_window.grab().isNull()
        assert "is missing; showing the formula as text" in caplog.text
    finally:
        formula_view.formula_svg.cache_clear()


# Junk typed where numbers go -----------------------------------------------------------


def number_fields(panel: QWidget) -> list[QWidget]:
    """Every spin box and free line edit of ``panel`` (not the editors inside combo boxes)."""
    fields: list[QWidget] = list(panel.findChildren(QAbstractSpinBox))
    for editor in panel.findChildren(QLineEdit):
        parent = editor.parentWidget()
        if not isinstance(parent, QAbstractSpinBox | QComboBox):
            fields.append(editor)
    return fields


def type_junk(field: QWidget, text: str) -> None:
    """Select everything in ``field``, type ``text``, press Return, then leave the field."""
    editor = field.lineEdit() if isinstance(field, QAbstractSpinBox) else field
    field.setFocus()
    editor.selectAll()
    type_text(editor, text)
    press_key(editor, Qt.Key.Key_Return)
    field.clearFocus()


def assert_sane(field: QWidget) -> None:
    """A spin box still holds a finite value inside its range."""
    if isinstance(field, QAbstractSpinBox) and hasattr(field, "value"):
        value = field.value()
        assert math.isfinite(value), field.objectName()
        assert field.minimum() <= value <= field.maximum()


def test_junk_typed_into_every_number_field_is_refused(main_window, qtbot):
    typed = {}
    for name in PANEL_NAMES:
        panel = main_window.show_panel(name)
        groups = [panel]
        if name == "training":  # the hyper-parameter editor shows one optimizer at a time
            mode = panel.current_mode()
            groups = []
            for lane in mode.race.lane_keys:
                mode.lane_list.set_inspected(lane)
                groups.append(mode)
        count = 0
        for group in groups:
            for field in number_fields(group):
                for text in JUNK_TEXTS:
                    type_junk(field, text)
                    assert_sane(field)
                count += 1
            for control in group.findChildren(ParameterControl):
                assert math.isfinite(control.value())
        typed[name] = count
    assert all(typed.values()), typed


# Extreme hyper-parameters ----------------------------------------------------------------


@pytest.fixture
def race(main_window, qtbot):
    """The training panel with its race ready (first record drawn)."""
    panel = main_window.show_panel("training")
    qtbot.waitUntil(panel.current_mode().has_data, timeout=TIMEOUT_MS)
    return panel


def test_huge_learning_rates_mark_every_optimizer_diverged_without_hanging(race, qtbot):
    mode = race.current_mode()
    messages = []
    race.status_message.connect(messages.append)
    with_lr = [lane for lane in mode.race.lane_keys if "lr" in mode.race.hyperparameters(lane)]
    for lane in with_lr:
        mode.send_session_command(Command("set_hyperparameters", {"lane": lane, "lr": 1e6}))
    mode.advance(200)
    qtbot.waitUntil(lambda: last_step(mode) == 200 and race_settled(race), timeout=TIMEOUT_MS)
    assert set(with_lr) <= set(mode.diverged_at)
    mode.frame_clock.flush()
    for lane in with_lr:
        assert any(f"{mode.lane_title(lane)} diverged at step" in m for m in messages), lane
    positions = mode.trace.channel(POSITION)[-1]
    for index, lane in enumerate(mode.race.lane_keys):
        finite = bool(np.isfinite(positions[index]).all())
        assert finite != (lane in mode.diverged_at), lane  # NaN only where marked diverged


def test_zero_epsilon_gives_numbers_or_diverged_never_a_silent_nan(race, qtbot):
    mode = race.current_mode()
    with_eps = [lane for lane in mode.race.lane_keys if "eps" in mode.race.hyperparameters(lane)]
    assert with_eps
    for lane in with_eps:
        mode.send_session_command(Command("set_hyperparameters", {"lane": lane, "eps": 0.0}))
    mode.advance(3000)
    qtbot.waitUntil(lambda: last_step(mode) == 3000 and race_settled(race), timeout=TIMEOUT_MS)
    mode.frame_clock.flush()
    positions = mode.trace.channel(POSITION)
    for index, lane in enumerate(mode.race.lane_keys):
        if lane not in mode.diverged_at:
            assert np.isfinite(positions[:, index]).all(), lane


@pytest.mark.parametrize("key", ["momentum", "beta1", "beta2", "rho"])
def test_a_decay_of_one_is_refused_with_a_clear_message(race, key):
    mode = race.current_mode()
    lanes = [lane for lane in mode.race.lane_keys if key in mode.race.hyperparameters(lane)]
    assert lanes
    messages = []
    race.status_message.connect(messages.append)
    for lane in lanes:
        before = dict(mode.race.hyperparameters(lane))
        mode.lane_list.set_inspected(lane)
        mode.hyper_editor.value_changed.emit(lane, key, 1.0)  # as if the slider sent 1
        assert mode.race.hyperparameters(lane) == before
        assert messages and "must lie in [0, 1)" in messages[-1]


def test_largest_batchnorm_learning_rate_and_weights_train_to_numbers_or_diverged(
    main_window, qtbot
):
    panel = main_window.show_panel("batchnorm")
    qtbot.waitUntil(panel.is_up_to_date, timeout=TIMEOUT_MS)
    controls = panel.network_controls
    controls.init.setCurrentIndex(controls.init.findData("custom"))
    controls.weight_std.set_value(controls.weight_std.number_box().maximum())
    rate = panel.training_controls.learning_rate
    rate.set_value(rate.number_box().maximum())
    qtbot.waitUntil(panel.is_up_to_date, timeout=TIMEOUT_MS)
    main_window.action_start_pause.trigger()
    run = panel.training_run()
    qtbot.waitUntil(lambda: run.step >= 20, timeout=TIMEOUT_MS)
    run.set_learning_rate(1e6)  # beyond the slider: what a scene file could ask for
    qtbot.waitUntil(lambda: run.step >= 40, timeout=TIMEOUT_MS)
    main_window.action_start_pause.trigger()
    qtbot.waitUntil(run.is_confirmed_stopped, timeout=TIMEOUT_MS)
    _steps, losses = run.losses()
    status = panel.training_controls.status.text()
    assert np.isfinite(losses[-1]).all() or "diverged" in status
    assert not main_window.grab().isNull()


def test_activation_parameters_at_both_ends_of_their_range_draw(main_window, qtbot):
    from optlab_gui.core.activations import ACTIVATIONS

    panel = main_window.show_panel("activations")
    panel.set_shown(list(ACTIVATIONS))
    tried = 0
    for name in ACTIVATIONS:
        panel.select(name)
        for control in panel.findChildren(ParameterControl):
            box = control.number_box()
            for value in (box.minimum(), box.maximum(), box.minimum()):
                control.set_value(value)
                panel.frame_clock().flush()
            tried += 1
    assert tried
    assert not main_window.grab().isNull()


def test_training_a_wide_batchnorm_network_never_blocks_the_window_for_a_second(main_window, qtbot):
    panel = main_window.show_panel("batchnorm")
    panel.network_controls.width.set_value(512)
    started = time.monotonic()
    main_window.action_start_pause.trigger()
    froze = time.monotonic() - started
    main_window.action_reset.trigger()
    assert froze < 1.0, f"the window froze for {froze:.1f} s"
