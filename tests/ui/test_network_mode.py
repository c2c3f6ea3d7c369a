"""The training panel's network race: switching modes, the controlled race in the UI,
loading a data set (and refusing a broken one), the batch-size lesson, set-up storms, time
travel, export, scenes and closing mid-run. Every wait is on an observable state."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from optlab_gui.training.network_race import BOUNDARY, GRID_SIZE, TEST_ACCURACY
from optlab_gui.training.session import Command
from optlab_gui.ui.panels.training import network_mode
from optlab_gui.ui.panels.training.lane_controls import ElidedLabel, ElidedRadioButton

TIMEOUT_MS = 20_000  # the first update includes starting the compute process


@pytest.fixture
def mode(main_window, qtbot):
    panel = main_window.show_panel("training")
    mode = panel.set_mode("network")
    qtbot.waitUntil(mode.has_data, timeout=TIMEOUT_MS)
    return mode


def settled(mode) -> bool:
    return not mode.is_running() and mode.caught_up()


def test_switching_modes_pauses_the_other_and_routes_the_actions(main_window, qtbot):
    panel = main_window.show_panel("training")
    assert panel._switch.isVisibleTo(panel)
    surface = panel.current_mode()
    main_window.action_start_pause.trigger()
    assert surface.is_running()
    panel.mode_combo.setCurrentIndex(panel.mode_combo.findData("network"))
    network = panel.current_mode()
    assert network.mode_name == "network" and not surface.is_running()
    qtbot.waitUntil(network.has_data, timeout=TIMEOUT_MS)
    main_window.action_step.trigger()
    qtbot.waitUntil(lambda: network.trace.last_step == 1, timeout=TIMEOUT_MS)
    assert "same initial weights" in network.controlled_note.text()
    panel.mode_combo.setCurrentIndex(panel.mode_combo.findData("surface"))
    assert panel.current_mode() is surface


def test_run_draws_loss_accuracy_and_the_boundary(mode, qtbot):
    mode.start_pause()
    qtbot.waitUntil(lambda: (mode.trace.last_step or 0) >= 40, timeout=TIMEOUT_MS)
    mode.start_pause()
    qtbot.waitUntil(lambda: settled(mode), timeout=TIMEOUT_MS)
    mode.frame_clock.flush()
    assert mode.trace.channel(TEST_ACCURACY).shape[1] == 7
    assert mode.latest_states[BOUNDARY]["classes"].shape == (GRID_SIZE, GRID_SIZE)
    assert mode.boundary_view.image.image is not None
    # Time travel: back to step 10 and live again.
    mode.show_step(10)
    mode.frame_clock.flush()
    assert mode.shown_step() == 10 and mode.loss_view.cursor.isVisible()
    mode.show_live()
    assert mode.is_live()


def test_batch_size_lesson_races_one_optimizer_under_three_regimes(mode, qtbot):
    mode.lane_list.set_inspected("momentum")
    mode.lesson_button.click()
    assert mode.is_batch_lesson()
    assert mode.race.lane_keys == ("momentum@full", "momentum@sgd", "momentum@mini_32")
    assert mode.x_axis_combo.currentData() == "epoch"
    colors = [QColorName(c) for c in mode.lane_colors()]
    assert len(set(colors)) == 3  # three shades of one colour
    mode.advance(30)
    qtbot.waitUntil(lambda: mode.trace.last_step == 30, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: settled(mode), timeout=TIMEOUT_MS)
    mode.frame_clock.flush()
    epochs = mode.trace.channel("epoch")[-1]
    assert epochs[0] == 30 and epochs[1] < 1 < epochs[2]  # BGD, SGD, mini-batch 32
    mode.lesson_button.click()
    assert len(mode.race.lanes) == 7 and not mode.is_batch_lesson()


def test_batch_size_lesson_after_a_divergence(mode, qtbot):
    """The lesson replaces the lanes while one is marked diverged (the monkey found the
    list of the old lanes refreshed with the new lanes' colours)."""
    mode.send_session_command(Command("set_hyperparameters", {"lane": "adadelta", "eps": 1e6}))
    mode.send_session_command(Command("set_hyperparameters", {"lane": "gd", "lr": 1e6}))
    mode.advance(5)
    qtbot.waitUntil(lambda: "gd" in mode.diverged_at, timeout=TIMEOUT_MS)
    mode.lane_list.set_inspected("adadelta")
    mode.lesson_button.click()
    assert mode.lane_list.lane_keys() == ("adadelta@full", "adadelta@sgd", "adadelta@mini_32")
    assert mode.diverged_at == {}
    mode.advance(3)
    qtbot.waitUntil(lambda: mode.trace.last_step == 3, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: settled(mode), timeout=TIMEOUT_MS)
    mode.frame_clock.flush()
    assert mode.trace.channel(TEST_ACCURACY).shape[1] == 3


def QColorName(color: str) -> str:
    return color.lower()


def test_loading_a_dataset_through_the_file_menu(main_window, mode, qtbot, tmp_path, monkeypatch):
    good = tmp_path / "points.csv"
    rows = [f"{x:.3f},{y:.3f},{'a' if x * y > 0 else 'b'}" for x, y in
            np.random.default_rng(0).uniform(-1, 1, (80, 2))]  # fmt: skip
    good.write_text("x1,x2,label\n" + "\n".join(rows), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(good), ""))
    main_window.show_panel("activations")
    main_window.findChild(type(main_window.action_export), "actionOpenDataset").trigger()
    assert main_window.current_panel_name == "training"
    assert main_window.current_panel().current_mode() is mode
    assert mode.dataset_combo.currentData() == "csv"
    assert mode.race.data.name == "points" and len(mode.race.data.x_all) == 80
    qtbot.waitUntil(lambda: mode.has_data() and settled(mode), timeout=TIMEOUT_MS)

    # A broken file: a clear message in a dialog, nothing changed.
    bad = tmp_path / "broken.csv"
    bad.write_text("1,2,a\n3,oops,b\n", encoding="utf-8")
    warnings = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(bad), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    data_before = mode.race.data
    assert not mode.open_dataset()
    assert warnings == ['Line 2: x2 "oops" is not a number.']
    assert mode.race.data is data_before
    # A generated set again.
    mode.dataset_combo.setCurrentIndex(mode.dataset_combo.findData("circles"))
    mode._setup_clock.flush()
    assert mode.race.setup.dataset == "circles" and mode.race.data.name == "circles"


def test_setup_storms_and_junk_are_coalesced_and_harmless(mode, qtbot):
    mode.start_pause()
    for width in range(1, 65):
        mode.width_spin.setValue(width)
    mode.noise_spin.setValue(float("nan"))
    mode.noise_spin.lineEdit().setText("junk")
    for index in range(mode.activation_combo.count()):
        mode.activation_combo.setCurrentIndex(index)
    mode.batch_norm_check.setChecked(True)
    mode.dropout_spin.setValue(0.5)
    mode.loss_combo.setCurrentIndex(1)
    mode._setup_clock.flush()
    assert mode.race.setup.hidden == (64, 64) and mode.race.setup.loss == "mse"
    mode.advance(5)
    qtbot.waitUntil(lambda: (mode.trace.last_step or 0) >= 5 and settled(mode), timeout=TIMEOUT_MS)


def test_export_csv_and_png(mode, qtbot, tmp_path, monkeypatch):
    from optlab_gui.ui import export

    mode.advance(10)
    qtbot.waitUntil(lambda: mode.trace.last_step == 10 and settled(mode), timeout=TIMEOUT_MS)
    mode.frame_clock.flush()
    for suffix in ("csv", "png"):
        target = tmp_path / f"race.{suffix}"
        monkeypatch.setattr(
            network_mode,
            "export_interactively",
            partial(export.export_interactively, ask=lambda *_a, t=target: t),
        )
        mode.export()
        assert target.exists() or list(tmp_path.glob(f"race*.{suffix}"))
    lines = (tmp_path / "race.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("step,gd_epoch,gd_loss") and len(lines) == 12


def test_scene_round_trip(mode, qtbot, main_window):
    from optlab_gui.ui.scenes import check

    panel = main_window.current_panel()
    mode.lesson_button.click()
    mode.advance(12)
    qtbot.waitUntil(lambda: mode.trace.last_step == 12 and settled(mode), timeout=TIMEOUT_MS)
    state = panel.scene_state()
    check(state, panel.scene_schema())
    mode.lesson_button.click()
    panel.apply_scene_state(state)
    assert mode.is_batch_lesson() and len(mode.race.lanes) == 3
    qtbot.waitUntil(lambda: mode.trace.last_step == 12 and settled(mode), timeout=TIMEOUT_MS)


def test_close_during_a_run_stops_thread_and_process(mode, qtbot, main_window):
    mode.start_pause()
    qtbot.waitUntil(lambda: (mode.trace.last_step or 0) >= 5, timeout=TIMEOUT_MS)
    process = mode._process
    main_window.close()
    assert mode._process is None
    assert not process.is_alive()
    assert not process._thread.isRunning()


def test_batch_lesson_fits_1280x720_at_presentation_scale_2(main_window, mode, qtbot):
    main_window.resize(1280, 720)
    main_window.set_presentation_scale(2.0)
    mode.start_batch_lesson()
    boundary = mode.boundary_view.plot_widget
    qtbot.waitUntil(
        lambda: boundary.getPlotItem().size().width() <= boundary.width(), timeout=TIMEOUT_MS
    )
    # Folded away: what the lecture does not change, and the batch (the lanes name it).
    assert not mode.noise_spin.isVisible() and not mode.regime_combo.isVisible()
    assert mode.dataset_combo.isVisible() and mode.lesson_button.isVisible()
    for label in mode.findChildren(QLabel):
        shown = label.isVisible() and label.text() and not label.wordWrap()
        if shown and not isinstance(label, ElidedLabel):
            assert label.sizeHint().width() <= label.width(), label.text()
    # The formula and its values fit the sidebar: no sideways scrolling.
    assert mode.formula.minimumSizeHint().width() <= mode.formula_page.viewport().width()
    for view in (mode.boundary_view, mode.loss_view, mode.accuracy_view):
        plot = view.plot_widget.getPlotItem()
        assert plot.size().width() <= view.plot_widget.width() + 1
        assert plot.titleLabel.isVisible()
        assert plot.titleLabel.item.boundingRect().width() <= plot.size().width()
    # Short presentation plots name the curves above them, not along a turned axis.
    assert not mode.accuracy_view.plot_widget.getAxis("left").label.isVisible()
    assert "accuracy" in mode.accuracy_view.plot_widget.getPlotItem().titleLabel.text
    # Long lane titles elide, keeping their batch regime; the tooltip names them in full.
    (radio,) = (
        button
        for button in mode.lane_list.findChildren(ElidedRadioButton)
        if button.objectName().endswith("@sgd")
    )
    assert radio.text() != radio.full_text() and radio.text().startswith("Stochastic GD (SGD)")
    assert radio.full_text() in radio.toolTip()
    main_window.set_presentation(False)
    assert mode.noise_spin.isVisible() and mode.regime_combo.isVisible()
