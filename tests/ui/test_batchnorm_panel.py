"""The BatchNorm panel: what it shows is what the core computes, and it stays responsive."""

from __future__ import annotations

import csv

import numpy as np
import pytest

import optlab_gui.ui.export as export_ui
from optlab_gui.core.deepnet import probe
from optlab_gui.ui.panels.base import EXPORT, RESET, START_PAUSE, STEP
from optlab_gui.ui.panels.batchnorm.controls import SHOW_BATCHNORM, SHOW_BOTH, SHOW_PLAIN
from optlab_gui.ui.panels.batchnorm.probe_job import probe_pair
from optlab_gui.ui.panels.batchnorm_panel import bin_edges

WAIT_MS = 20_000


@pytest.fixture
def panel(main_window, qtbot):
    """The BatchNorm panel on screen, with its first probe drawn."""
    shown = main_window.show_panel("batchnorm")
    qtbot.waitUntil(shown.is_up_to_date, timeout=WAIT_MS)
    return shown


def set_network(panel, qtbot, **values):
    """Set controls (depth, width, batch, activation, init, weight_std) and wait for the
    full probe of exactly these settings to be drawn."""
    controls = panel.network_controls
    for name in ("activation", "init"):
        if name in values:
            box = getattr(controls, name)
            box.setCurrentIndex(box.findData(values[name]))
    for name in ("depth", "width", "batch", "weight_std"):
        if name in values:
            getattr(controls, name).set_value(values[name])
    qtbot.waitUntil(panel.is_up_to_date, timeout=WAIT_MS)


def core_probe(panel, batch_norm):
    settings = panel.network_controls.settings()
    return probe(settings.depth, settings.width, settings.batch, settings.activation,
                 settings.init, settings.weight_std, batch_norm, settings.seed,
                 bin_edges(settings.activation))  # fmt: skip


def test_the_panel_declares_its_name_and_actions(panel):
    assert panel.objectName() == "batchNormPanel"
    assert panel.panel_name == "batchnorm"
    assert panel.supported_actions == {START_PAUSE, STEP, RESET, EXPORT}
    assert panel.formula.has_image()


def test_toggling_batchnorm_changes_the_saturated_share_as_the_core_predicts(panel, qtbot):
    """Sigmoid, weight σ = 1, depth 20: without BatchNorm most deep units are saturated,
    with it almost none; the bars shown are the core's numbers."""
    set_network(panel, qtbot, depth=20, width=128, batch=64, activation="sigmoid",
                init="custom", weight_std=1.0)  # fmt: skip
    expected = {False: core_probe(panel, False), True: core_probe(panel, True)}
    deep = slice(10, 20)
    assert np.mean(expected[False].saturated_fraction[deep]) > 0.5
    assert np.max(expected[True].saturated_fraction[deep]) < 0.02

    panel.view_controls.set_shown(SHOW_PLAIN)
    qtbot.waitUntil(lambda: panel.summaries.bars[0].isVisible(), timeout=WAIT_MS)
    panel._frame_clock.flush()
    layers, heights = panel.summaries.series("saturation", 0)
    np.testing.assert_allclose(heights, expected[False].saturated_fraction)
    np.testing.assert_array_equal(layers, np.arange(1, 21))
    assert not panel.summaries.bars[1].isVisible()
    assert panel.columns[0].is_visible() and not panel.columns[1].is_visible()

    panel.view_controls.set_shown(SHOW_BATCHNORM)
    panel._frame_clock.flush()
    _, heights = panel.summaries.series("saturation", 1)
    np.testing.assert_allclose(heights, expected[True].saturated_fraction)
    assert panel.summaries.bars[1].isVisible() and not panel.summaries.bars[0].isVisible()
    assert panel.columns[1].is_visible() and not panel.columns[0].is_visible()

    panel.view_controls.set_shown(SHOW_BOTH)
    panel._frame_clock.flush()
    assert all(column.is_visible() for column in panel.columns)


def test_the_gradient_norms_shown_are_the_cores(panel, qtbot):
    set_network(panel, qtbot, depth=12, width=32, batch=64, activation="sigmoid", init="xavier")
    for index, batch_norm in enumerate((False, True)):
        layers, norms = panel.summaries.series("gradient", index)
        np.testing.assert_array_equal(layers, np.arange(1, 13))
        np.testing.assert_allclose(norms, core_probe(panel, batch_norm).weight_gradient_norm)
    _, plain = panel.summaries.series("gradient", 0)
    # Xavier + sigmoid without BatchNorm: the gradient vanishes toward the first layers.
    assert plain[0] < 1e-3 * plain[-1]


def test_the_heat_map_and_the_chosen_layer_show_the_core_histograms(panel, qtbot):
    set_network(panel, qtbot, depth=8, width=32, batch=64, activation="tanh", init="he")
    panel.columns[1].layer_clicked.emit(3)
    assert panel.view_controls.layer.value() == 3
    panel._frame_clock.flush()
    result = core_probe(panel, True)
    share = result.histogram_counts / result.histogram_counts.sum(axis=1, keepdims=True)
    x, y = panel.columns[1].histogram.getData()
    np.testing.assert_array_equal(x, bin_edges("tanh"))
    np.testing.assert_allclose(y, share[2])
    image = panel.columns[1].image.image
    assert image.shape == share.shape
    assert "3" in panel.columns[1]._detail_title


def test_clicking_a_row_of_the_heat_map_shows_that_layer(panel, qtbot):
    from PySide6.QtCore import QPointF, Qt

    set_network(panel, qtbot, depth=10, width=16, batch=32)
    heat_map = panel.columns[0].heat_map
    scene_point = heat_map.getPlotItem().vb.mapViewToScene(QPointF(0.0, 4.0))
    qtbot.mouseClick(
        heat_map.viewport(), Qt.MouseButton.LeftButton, pos=heat_map.mapFromScene(scene_point)
    )
    assert panel.view_controls.layer.value() == 4


def test_a_slider_storm_is_coalesced_and_ends_on_the_last_value(panel, qtbot):
    computed = []
    panel._probe_job.pair_ready.connect(lambda request, pair: computed.append(request))
    for depth in range(2, 42):
        panel.network_controls.depth.set_value(depth)
    qtbot.waitUntil(panel.is_up_to_date, timeout=WAIT_MS)
    assert panel.probe_pair().depth == 41
    assert len({id(request) for request in computed}) < 40
    assert panel.view_controls.layer.maximum() == 41


def test_evaluation_mode_before_training_shows_batchnorm_doing_nothing(panel, qtbot):
    set_network(panel, qtbot, depth=10, width=32, batch=64)
    panel.training_controls.set_bn_mode("eval")
    panel._frame_clock.flush()
    plain = panel.summaries.series("saturation", 0)[1]
    normed = panel.summaries.series("saturation", 1)[1]
    np.testing.assert_array_equal(plain, normed)
    panel.training_controls.set_bn_mode("train")
    panel._frame_clock.flush()
    assert np.max(panel.summaries.series("saturation", 1)[1]) < 0.02


def test_training_runs_shows_two_loss_curves_and_stops_when_the_panel_is_left(
    main_window, panel, qtbot
):
    set_network(panel, qtbot, depth=4, width=16, batch=32)
    with qtbot.waitSignal(panel.running_changed, timeout=WAIT_MS):
        panel.start_pause()
    assert panel.is_running()
    assert not panel.network_controls.isEnabled()
    run = panel.training_run()
    qtbot.waitUntil(lambda: run.step >= 5, timeout=WAIT_MS)
    panel._frame_clock.flush()
    assert panel.summaries.loss.isVisible()
    for index in range(2):
        steps, losses = panel.summaries.series("loss", index)
        assert len(steps) >= 3 and np.all(np.isfinite(losses))
    assert "loss" in panel.export_plots()

    main_window.show_panel("activations")
    assert not panel.is_running()
    qtbot.waitUntil(run.is_confirmed_stopped, timeout=WAIT_MS)
    stopped_at = run.step
    with qtbot.assertNotEmitted(run.updated, wait=300):
        pass
    assert run.step == stopped_at

    main_window.show_panel("batchnorm")
    panel.reset()
    assert not run.is_active() and panel.network_controls.isEnabled()
    panel._frame_clock.flush()
    assert not panel.summaries.loss.isVisible()


def test_closing_the_window_while_training_stops_the_compute_process(main_window, panel, qtbot):
    set_network(panel, qtbot, depth=4, width=16, batch=32)
    panel.start_pause()
    run = panel.training_run()
    qtbot.waitUntil(lambda: run.step >= 2, timeout=WAIT_MS)
    assert panel.is_running()
    process = run._process
    main_window.close()
    assert not process.is_alive()
    assert not panel.is_running()


def test_closing_the_window_during_a_recompute_exits_cleanly(main_window, panel, qtbot):
    """No "QThread destroyed while running" (Qt warnings fail tests): shutdown waits."""
    panel.network_controls.width.set_value(512)
    panel.network_controls.batch.set_value(1024)  # a probe of several hundred ms in flight
    main_window.close()
    assert panel._probe_job.is_stopped()
    assert not panel._probe_job._thread.isRunning()


def test_an_exploding_network_is_drawn_without_errors(panel, qtbot):
    set_network(panel, qtbot, depth=50, width=64, batch=64, activation="relu", init="custom",
                weight_std=10.0)  # fmt: skip
    result = core_probe(panel, False)
    assert not np.all(np.isfinite(result.weight_gradient_norm)) or result.dtype == "float64"
    layers, norms = panel.summaries.series("gradient", 0)
    assert len(layers) <= 50 and np.all(np.isfinite(norms))


def test_export_writes_the_statistics_and_the_plots(panel, qtbot, tmp_path, monkeypatch):
    set_network(panel, qtbot, depth=6, width=16, batch=32)
    monkeypatch.setattr(export_ui, "ask_export_path", lambda *_: tmp_path / "bn.csv")
    panel.export()
    with (tmp_path / "bn.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 12
    expected = core_probe(panel, True)
    normed = [row for row in rows if row["network"] == "with_batchnorm"]
    np.testing.assert_allclose(
        [float(row["weight_gradient_norm"]) for row in normed], expected.weight_gradient_norm
    )
    monkeypatch.setattr(export_ui, "ask_export_path", lambda *_: tmp_path / "bn.png")
    panel.export()
    written = sorted(path.name for path in tmp_path.glob("bn_*.png"))
    assert "bn_gradient.png" in written and "bn_plain_layers.png" in written
    assert "bn_loss.png" not in written


def test_export_writes_svg_plots_with_the_curves(panel, qtbot, tmp_path, monkeypatch):
    set_network(panel, qtbot, depth=6, width=16, batch=32)
    monkeypatch.setattr(export_ui, "ask_export_path", lambda *_: tmp_path / "bn.svg")
    panel.export()
    detail = (tmp_path / "bn_batchnorm_layer_detail.svg").read_text(encoding="utf-8")
    assert detail.count("<path") > 3


def test_language_change_retranslates_the_panel(main_window, panel):
    before = panel.training_controls.train.text()
    title = panel.columns[0]._title
    main_window.set_language("zh_CN")
    assert panel.training_controls.train.text() != before
    assert panel.columns[0]._title != title
    assert panel.explanation.toPlainText().startswith("批归一化")
    main_window.set_language("en")
    assert panel.training_controls.train.text() == before


def test_presentation_mode_folds_secondary_controls_into_tabs(main_window, panel, qtbot):
    main_window.set_presentation(True)
    assert panel._view_tabs.count() == 4
    assert not panel.network_controls.width.isVisibleTo(panel)
    assert not panel.training_controls.learning_rate.isVisibleTo(panel)
    main_window.set_presentation(False)
    assert panel._view_tabs.count() == 0
    assert panel.network_controls.width.isVisibleTo(panel)


def test_a_lone_change_goes_straight_to_the_full_pair_and_a_drag_gets_previews(qapp):
    from optlab_gui.ui.panels.batchnorm.controls import NetworkSettings
    from optlab_gui.ui.panels.batchnorm.probe_job import ProbeRequest, ProbeWorker

    settings = NetworkSettings(
        depth=3, width=8, batch=16, activation="tanh", init="xavier", weight_std=None, seed=0
    )
    request = ProbeRequest(settings, bin_edges("tanh"))
    now = [0.0]
    worker = ProbeWorker(clock=lambda: now[0])
    answers = []
    worker.pair_ready.connect(lambda _request, pair: answers.append(pair.gradients_known))
    worker.compute_pending()  # nothing offered: nothing computed
    assert answers == []
    worker.offer(request)
    worker.compute_pending()
    assert answers == [True]
    worker._seconds_per_work = 1.0  # as if the pair took far longer than a frame
    now[0] += 10.0
    worker.offer(request)
    worker.compute_pending()
    assert answers == [True, True], "a lone click needs no preview"
    worker._seconds_per_work = 1.0  # (the last pair measured it again)
    now[0] += 10.0
    worker.offer(request)
    now[0] += 0.05
    worker.offer(request)  # a second request right after the first: a drag
    worker.compute_pending()
    assert answers == [True, True, False, True]


def test_a_preview_says_its_gradients_are_being_computed(panel):
    request = panel.probe_request()
    panel._on_probe_pair(request, probe_pair(request, gradients=False))
    panel.ready_for_screenshot()  # draws what arrived
    note = panel.summaries.pending_gradients
    assert note is not None and note.isVisible()
    assert note.toPlainText() == "computing gradients…"
    panel._on_probe_pair(request, probe_pair(request))
    panel.ready_for_screenshot()
    assert not note.isVisible()
