"""The training panel: the optimizer race driven like a lecturer drives it.

Start, pause, step, reset, live hyper-parameter edits, dragging the start point, scrubbing
the recorded run, divergence, language, export and closing mid-run. The race runs in a
compute process; every wait below is on an observable state, never a sleep.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from optlab_gui.training.session import POSITION, Command
from optlab_gui.ui.panels.base import EXPORT, RESET, START_PAUSE, STEP
from optlab_gui.ui.panels.training.inspector import PRESENTATION_PLOT_HEIGHT
from optlab_gui.ui.panels.training.lane_controls import ElidedLabel

TIMEOUT_MS = 20_000  # the first update includes starting the compute process


@pytest.fixture
def panel(main_window, qtbot):
    panel = main_window.show_panel("training")
    mode = panel.current_mode()
    qtbot.waitUntil(mode.has_data, timeout=TIMEOUT_MS)
    return panel


def last_step(panel) -> int:
    step = panel.current_mode().trace.last_step
    return -1 if step is None else step


def settled(panel):
    """True once the process has reported every command sent and the race is paused."""
    mode = panel.current_mode()
    return not mode.is_running() and mode.caught_up()


def test_panel_contract(main_window):
    panel = main_window.show_panel("training")
    assert panel.objectName() == "trainingPanel"
    assert panel.panel_name == "training"
    assert panel.supported_actions == {START_PAUSE, STEP, RESET, EXPORT}
    # Two modes: the surface race (shown first) and the network race.
    assert panel.mode_combo.count() == 2
    assert panel.current_mode().mode_name == "surface"


def test_start_pause_and_step(panel, qtbot, main_window):
    mode = panel.current_mode()
    with qtbot.waitSignal(panel.running_changed, timeout=TIMEOUT_MS):
        main_window.action_start_pause.trigger()
    assert panel.is_running()
    assert main_window.action_start_pause.text() == "Pause"
    qtbot.waitUntil(lambda: last_step(panel) >= 50, timeout=TIMEOUT_MS)
    main_window.action_start_pause.trigger()
    assert not panel.is_running()
    qtbot.waitUntil(lambda: settled(panel), timeout=TIMEOUT_MS)
    paused_at = last_step(panel)
    assert mode.frame_clock.redraw_count > 0
    main_window.action_step.trigger()
    qtbot.waitUntil(lambda: last_step(panel) == paused_at + 1, timeout=TIMEOUT_MS)
    main_window.action_step.trigger()
    qtbot.waitUntil(lambda: last_step(panel) == paused_at + 2, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: settled(panel), timeout=TIMEOUT_MS)
    assert last_step(panel) == paused_at + 2
    steps = mode.trace.steps
    assert np.all(np.diff(steps) == 1)


def test_reset_mid_run_goes_back_to_step_zero(panel, qtbot, main_window):
    mode = panel.current_mode()
    panel.start_pause()
    qtbot.waitUntil(lambda: last_step(panel) >= 30, timeout=TIMEOUT_MS)
    main_window.action_reset.trigger()
    assert not panel.is_running()
    qtbot.waitUntil(lambda: settled(panel) and mode.has_data(), timeout=TIMEOUT_MS)
    assert mode.trace.steps.tolist() == [0]
    positions = mode.trace.channel(POSITION)[0]
    np.testing.assert_allclose(positions, np.tile(mode.race.start, (len(positions), 1)))


def test_hyperparameter_edit_while_running(panel, qtbot):
    mode = panel.current_mode()
    mode.lane_list.set_inspected("gd")
    control = mode.hyper_editor.controls["lr"]
    panel.start_pause()
    qtbot.waitUntil(lambda: last_step(panel) >= 20, timeout=TIMEOUT_MS)
    control.set_value(0.0005)
    assert mode.race.hyperparameters("gd")["lr"] == pytest.approx(0.0005)
    assert "η=0.0005" in mode.lane_list.findChild(ElidedLabel, "laneHyper_gd").full_text()
    panel.start_pause()
    qtbot.waitUntil(lambda: settled(panel), timeout=TIMEOUT_MS)
    panel.step()
    target = last_step(panel) + 1
    qtbot.waitUntil(lambda: mode.snapshots.last_step == target, timeout=TIMEOUT_MS)
    _, values = mode.snapshots.entry(-1)
    terms = mode.lane_terms(values, "gd")
    np.testing.assert_allclose(terms["update"], -0.0005 * terms["gradient"])


def test_drag_the_start_point(panel, qtbot):
    mode = panel.current_mode()
    view = mode.surface_view
    widget = view.plot_widget
    handle = view.start_handle
    generation = mode._generation

    def to_viewport(x, y):
        scene = view.plot.vb.mapViewToScene(QPointF(x, y))
        return widget.mapFromScene(scene)

    start = to_viewport(*mode.race.start)
    target = to_viewport(0.0, 0.5)
    viewport = widget.viewport()
    qtbot.mouseMove(viewport, start)
    send_mouse(viewport, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for fraction in np.linspace(0.1, 1.0, 8):
        qtbot.wait(20)  # pyqtgraph drops mouse moves closer than 10 ms (its rate limit)
        point = QPoint(
            round(start.x() + fraction * (target.x() - start.x())),
            round(start.y() + fraction * (target.y() - start.y())),
        )
        send_mouse(viewport, QEvent.Type.MouseMove, point, Qt.MouseButton.LeftButton)
    send_mouse(viewport, QEvent.Type.MouseButtonRelease, target, Qt.MouseButton.NoButton)
    assert handle.pos().x() == pytest.approx(0.0, abs=0.05)
    assert mode._generation > generation  # dropping it sends the last position at once
    np.testing.assert_allclose(mode.race.start, [0.0, 0.5], atol=0.05)
    qtbot.waitUntil(lambda: settled(panel) and mode.has_data(), timeout=TIMEOUT_MS)
    first = mode.trace.channel(POSITION)[0]
    np.testing.assert_allclose(first, np.tile(mode.race.start, (len(first), 1)))


def send_mouse(widget, kind, point, button):
    """A mouse event with the button state pyqtgraph's drag handling needs."""
    buttons = (
        Qt.MouseButton.LeftButton
        if kind != QEvent.Type.MouseButtonRelease
        else (Qt.MouseButton.NoButton)
    )
    event = QMouseEvent(
        kind,
        QPointF(point),
        QPointF(widget.mapToGlobal(point)),
        Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    del button


def test_scrub_back_and_forth(panel, qtbot):
    mode = panel.current_mode()
    mode.lane_list.set_inspected("adam")
    mode.advance(300)
    qtbot.waitUntil(lambda: last_step(panel) == 300, timeout=TIMEOUT_MS)
    mode.frame_clock.flush()  # the views, the slider too, follow the data at the next frame
    slider = mode.timeline.slider
    assert slider.maximum() == 300
    slider.setValue(50)
    assert mode.shown_step() == 50 and not mode.is_live()
    mode.frame_clock.flush()
    assert mode.loss_view.cursor.isVisible()
    assert mode.loss_view.cursor.value() == 50
    assert ("t", "50", "step") in mode.formula.values.rows()
    shown = [x for x, _y in mode.surface_view.point_positions()]
    expected = mode.trace.channel(POSITION)[mode.trace.index_at(50), :, 0]
    np.testing.assert_allclose(sorted(shown), sorted(expected))
    slider.setValue(200)
    assert mode.shown_step() == 200
    mode.frame_clock.flush()
    assert mode.loss_view.cursor.value() == 200
    mode.timeline.live_button.click()
    assert mode.is_live() and mode.shown_step() == 300
    mode.frame_clock.flush()
    assert not mode.loss_view.cursor.isVisible()


def test_divergence_marks_one_optimizer_and_the_others_go_on(panel, qtbot):
    mode = panel.current_mode()
    messages = []
    panel.status_message.connect(messages.append)
    mode.send_session_command(Command("set_hyperparameters", {"lane": "gd", "lr": 1e6}))
    mode.advance(50)
    qtbot.waitUntil(lambda: last_step(panel) == 50, timeout=TIMEOUT_MS)
    assert mode.diverged_at == {"gd": 1}
    assert any("Gradient descent diverged at step 1" in m for m in messages)
    assert mode.lane_list.findChild(QLabel, "laneStatus_gd").text() == "diverged"
    last = mode.trace.channel(POSITION)[-1]
    assert np.isnan(last[0]).all() and np.isfinite(last[1:]).all()
    mode.frame_clock.flush()
    assert mode.surface_view.cross_count() == 1
    assert len(mode.surface_view.point_positions()) == len(mode.race.lanes) - 1


def test_language_switch_retranslates(panel, main_window):
    mode = panel.current_mode()
    main_window.set_language("zh_CN")
    assert mode.tabs.tabText(0) == "公式"
    assert mode.noise_check.text() == "带噪声的梯度（SGD）"
    main_window.set_language("en")
    assert mode.tabs.tabText(0) == "Formula"


def test_csv_table_holds_every_recorded_step(panel, qtbot):
    mode = panel.current_mode()
    mode.advance(10)
    qtbot.waitUntil(lambda: last_step(panel) == 10, timeout=TIMEOUT_MS)
    header, rows = mode.trajectory_table()
    assert header[:4] == ["step", "gd_x", "gd_y", "gd_loss"]
    assert [row[0] for row in rows] == list(range(11))
    assert len(rows[0]) == 1 + 3 * len(mode.race.lanes)


def test_leaving_the_panel_pauses(panel, qtbot, main_window):
    panel.start_pause()
    qtbot.waitUntil(lambda: last_step(panel) >= 10, timeout=TIMEOUT_MS)
    main_window.show_panel("activations")
    assert not panel.is_running()
    qtbot.waitUntil(lambda: settled(panel), timeout=TIMEOUT_MS)


def test_close_during_a_run_stops_thread_and_process(panel, qtbot, main_window):
    mode = panel.current_mode()
    panel.start_pause()
    qtbot.waitUntil(lambda: last_step(panel) >= 10, timeout=TIMEOUT_MS)
    process = mode._process
    main_window.close()
    assert mode._process is None
    assert not process.is_alive()
    assert not process._thread.isRunning()


@pytest.mark.parametrize("suffix", ["png", "svg", "csv"])
def test_export_plots_and_trajectories(panel, qtbot, tmp_path, monkeypatch, suffix):
    from functools import partial

    from optlab_gui.ui import export
    from optlab_gui.ui.panels.training import surface_mode

    mode = panel.current_mode()
    mode.advance(20)
    qtbot.waitUntil(lambda: last_step(panel) == 20, timeout=TIMEOUT_MS)
    mode.frame_clock.flush()
    target = tmp_path / f"race.{suffix}"
    monkeypatch.setattr(
        surface_mode,
        "export_interactively",
        partial(export.export_interactively, ask=lambda *_args: target),
    )
    panel.export()
    if suffix == "csv":
        lines = target.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("step,gd_x,gd_y,gd_loss")
        assert len(lines) == 22
    else:
        for plot in ("surface", "loss"):
            written = tmp_path / f"race_{plot}.{suffix}"
            assert written.stat().st_size > 1000


@pytest.mark.parametrize("low, high", [(-0.3, 1.1), (-10.7, 2.5), (-3.2, 0.4), (-20.0, 3.0)])
def test_log_tick_labels_never_touch_on_a_short_axis(low, high):
    from optlab_gui.ui.panels.training.loss_view import decade_ticks

    axis_pixels, label_pixels = 90.0, 27.0
    major, minor = decade_ticks(low, high, axis_pixels, label_pixels)
    labelled = sorted(v for v, label in (*major, *minor) if label and low <= v <= high)
    assert labelled, "at least one decade keeps its label"
    gaps = np.diff(labelled) * axis_pixels / (high - low)
    assert (gaps >= label_pixels).all()
    # Unlabelled decades keep their ticks.
    assert len(major) == int(np.ceil(high) - np.floor(low)) + 1


def test_adam_scene_fits_1280x720_at_presentation_scale_2(main_window, qtbot):
    from PySide6.QtGui import QFontMetricsF

    from optlab_gui.ui.scenes import built_in_lesson_path

    main_window.resize(1280, 720)
    main_window.set_presentation_scale(2.0)
    main_window.open_lesson(built_in_lesson_path())
    main_window.show_scene(len(main_window.lesson_sidebar.lesson.scenes) - 1)  # Adam
    panel = main_window.current_panel()
    mode = panel.current_mode()
    steps = main_window.lesson_sidebar.lesson.scenes[-1].scene["state"]["surface"]["steps"]
    assert steps > 0
    qtbot.waitUntil(lambda: last_step(panel) >= steps, timeout=TIMEOUT_MS)
    qtbot.waitUntil(  # the last step's values, Adam's moments among them
        lambda: (
            ("t", str(steps)) in [row[:2] for row in mode.formula.values.rows()]
            and "its values at step t" in mode.formula.caption.text()
        ),
        timeout=TIMEOUT_MS,
    )
    # The sidebar's formula and values fit its width: no sideways scrolling.
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    assert mode.formula.minimumSizeHint().width() <= mode.formula_page.viewport().width()
    assert not mode.formula_page.horizontalScrollBar().isVisible()
    assert mode.formula.formula.width() <= mode.formula_page.viewport().width()
    # The short log loss plot keeps its labels apart.
    axis = mode.loss_view.plot.getAxis("left")
    label_height = QFontMetricsF(axis.style["tickFont"]).height()
    low, high = mode.loss_view.plot.vb.viewRange()[1]
    labelled = sorted(
        v for level in axis._tickLevels for v, text in level if text and low <= v <= high
    )
    assert labelled
    assert (np.diff(labelled) * axis.height() / (high - low) >= label_height).all()
    # The surface's top y label has room above the plot.
    surface_plot = mode.surface_view.plot
    top_margin = surface_plot.layout.getContentsMargins()[1]
    assert top_margin >= QFontMetricsF(surface_plot.getAxis("left").style["tickFont"]).height() / 2
    # The loss legend covers at most a third of the short plot, or it is hidden.
    legend = mode.loss_view.legend
    assert (
        not legend.isVisible()
        or legend.boundingRect().height() <= mode.loss_view.plot.vb.height() / 3
    )
    # Only the racing optimizers (and the inspected one) are listed; the menu switches the others.
    lanes = mode.lane_list
    racing = [lane for lane in lanes.lane_keys() if lanes.is_enabled(lane)]
    for lane in lanes.lane_keys():
        row = lanes.findChild(QWidget, f"laneInspect_{lane}")
        assert row.isVisible() == (lane in racing or lane == lanes.inspected())
    assert lanes.race_menu_button.isVisible()
    idle = next(lane for lane in lanes.lane_keys() if lane not in racing)
    action = next(a for a in lanes.race_menu_button.menu().actions() if a.data() == idle)
    action.trigger()
    assert lanes.is_enabled(idle) and lanes.findChild(QWidget, f"laneInspect_{idle}").isVisible()
    action.trigger()
    assert not lanes.is_enabled(idle)
    assert not lanes.findChild(QWidget, f"laneInspect_{idle}").isVisible()
    # The formula tab shows Adam's whole update rule without vertical scrolling.
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    viewport = mode.formula_page.viewport()
    formula = mode.formula.formula
    assert formula.height() >= formula.heightForWidth(formula.width())
    assert formula.mapTo(viewport, QPoint(0, formula.height())).y() <= viewport.height()
    assert mode.formula_page.verticalScrollBar().value() == 0
    # Shrunk to fit, but never below its size in normal mode (scale 1).
    assert formula.heightForWidth(formula.width()) >= formula.sizeHint().height() / 2
    # The Inside tab: both plots keep a usable height, their titles wrap whole above them,
    # and the first plot is in view without scrolling.
    mode.tabs.setCurrentWidget(mode.inspector_page)
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    inspector, page = mode.inspector, mode.inspector_page.viewport()
    rate_plot = inspector.rate_plot
    qtbot.waitUntil(
        lambda: rate_plot.mapTo(page, QPoint(0, rate_plot.height())).y() <= page.height()
    )
    for plot, title in (
        (inspector.rate_plot, inspector.rate_title),
        (inspector.moment_plot, inspector.moment_title),
    ):
        assert plot.isVisible() and plot.height() >= 2 * PRESENTATION_PLOT_HEIGHT
        assert title.isVisible() and title.height() >= title.heightForWidth(title.width())
        assert title.width() <= page.width()
