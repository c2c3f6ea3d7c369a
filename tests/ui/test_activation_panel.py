"""The activations panel, driven as a lecturer would: tick, select, drag, read, export."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QPushButton

from optlab_gui.core.activations import ACTIVATIONS
from optlab_gui.core.function_stack import MAX_DEPTH
from optlab_gui.ui import export
from optlab_gui.ui.panels.activation_panel import DEFAULT_SHOWN, MAXOUT_AS_RELU
from optlab_gui.ui.panels.activations.activation_table import (
    DEPTH_COLUMN,
    DERIVATIVE_COLUMN,
    NAME_COLUMN,
    VALUE_COLUMN,
)
from optlab_gui.ui.panels.activations.texts import missing_texts, number_text
from optlab_gui.ui.panels.base import EXPORT, RESET


@pytest.fixture
def panel(main_window, qtbot):
    """The activations panel on screen, with its redraws done."""
    panel = main_window.show_panel("activations")
    qtbot.waitUntil(panel.first_frame_shown)
    panel.frame_clock().flush()
    return panel


def redrawn(panel, qtbot) -> None:
    """Wait for the frame clock's next redraw (the path a slider storm takes)."""
    before = panel.frame_clock().redraw_count
    qtbot.waitUntil(lambda: panel.frame_clock().redraw_count > before, timeout=2000)


def plotted(curve) -> tuple[np.ndarray, np.ndarray]:
    x, y = curve.getData()
    return np.asarray(x), np.asarray(y)


def legend_labels(legend) -> list[str]:
    return [label.text for _sample, label in legend.items]


def test_contract(panel):
    assert panel.objectName() == "activationPanel"
    assert panel.panel_name == "activations"
    assert panel.supported_actions == {EXPORT, RESET}
    assert panel.shown() == list(DEFAULT_SHOWN)
    assert missing_texts() == []


def test_ticking_functions_changes_the_plotted_items(panel, qtbot):
    curves = panel.curves_view()
    visible = [name for name, curve in curves.function_curves.items() if curve.isVisible()]
    assert visible == list(DEFAULT_SHOWN)
    assert legend_labels(curves.legend) == ["Sigmoid", "Tanh", "ReLU"]

    table = panel.activation_table()
    table.item("elu").setCheckState(NAME_COLUMN, Qt.CheckState.Checked)
    table.item("tanh").setCheckState(NAME_COLUMN, Qt.CheckState.Unchecked)
    redrawn(panel, qtbot)

    assert panel.shown() == ["sigmoid", "relu", "elu"]
    for name in ACTIVATIONS:
        expected = name in panel.shown()
        assert curves.function_curves[name].isVisible() == expected, name
        assert curves.derivative_curves[name].isVisible() == expected, name
        assert panel.depth_view().curves[name].isVisible() == expected, name
    assert legend_labels(curves.legend) == ["Sigmoid", "ReLU", "ELU"]
    x, y = plotted(curves.function_curves["elu"])
    np.testing.assert_allclose(y, ACTIVATIONS["elu"].value(x))
    assert table.readout("elu", VALUE_COLUMN) is not None
    assert table.readout("tanh", VALUE_COLUMN) is None


def test_dragging_a_parameter_redraws_the_curve_with_the_new_values(panel, qtbot):
    panel.set_shown(["relu", "leaky_relu"])
    panel.select("leaky_relu")
    slider = panel.parameter_control("alpha").slider()
    redraws_before = panel.frame_clock().redraw_count
    for position in range(100, 400, 10):  # a slider storm of 30 steps
        slider.setValue(position)
    redrawn(panel, qtbot)
    # The storm was coalesced into (at most) a couple of frames, not 30 redraws.
    assert panel.frame_clock().redraw_count - redraws_before <= 3

    alpha = panel.parameters("leaky_relu")["alpha"]
    assert alpha == pytest.approx(0.39 * 0.5)
    leaky = ACTIVATIONS["leaky_relu"]
    curves = panel.curves_view()
    x, y = plotted(curves.function_curves["leaky_relu"])
    np.testing.assert_allclose(y, leaky.value(x, alpha=alpha))
    assert not np.allclose(y, leaky.value(x))  # not the default α = 0.01 any more
    x, slope = plotted(curves.derivative_curves["leaky_relu"])
    np.testing.assert_allclose(slope, leaky.derivative(x, alpha=alpha))
    readout_x = panel.activation_table().x
    assert panel.activation_table().readout("leaky_relu", VALUE_COLUMN) == pytest.approx(
        float(leaky.value(readout_x, alpha=alpha))
    )


def test_curves_are_drafted_while_dragging_and_smooth_once_settled(panel, qtbot):
    panel.select("elu")
    curves = panel.curves_view()
    qtbot.waitUntil(lambda: not curves.draft, timeout=2000)
    panel.parameter_control("alpha").slider().setValue(700)
    assert curves.draft
    assert not curves.function_curves["elu"].opts["antialias"]
    assert not panel.network_view().activated_curve.opts["antialias"]
    qtbot.waitUntil(lambda: not curves.draft, timeout=2000)
    assert curves.function_curves["elu"].opts["antialias"]
    assert panel.network_view().activated_curve.opts["antialias"]


def test_depth_readout_for_sigmoid_at_ten_layers_is_a_quarter_to_the_tenth(panel, qtbot):
    panel.set_depth(10)
    panel.frame_clock().flush()
    table = panel.activation_table()
    assert table.readout("sigmoid", DEPTH_COLUMN) == 0.25**10
    assert table.item("sigmoid").text(DEPTH_COLUMN) == number_text(0.25**10) == "9.54e−7"
    assert table.readout("relu", DEPTH_COLUMN) == 1.0
    assert "¹⁰" in table.headerItem().text(DEPTH_COLUMN)

    panel.set_depth(MAX_DEPTH)
    panel.frame_clock().flush()
    assert table.readout("sigmoid", DEPTH_COLUMN) == pytest.approx(0.25**MAX_DEPTH)
    depth_x, depth_y = panel.depth_view().curves["sigmoid"].getOriginalDataset()
    np.testing.assert_array_equal(depth_x, np.arange(1, MAX_DEPTH + 1))
    np.testing.assert_allclose(depth_y, 0.25**depth_x)


@pytest.mark.parametrize("depth", [1, 10, MAX_DEPTH])
def test_the_linear_stack_is_a_straight_line_and_relu_bends(panel, depth):
    panel.select("relu")
    panel.set_depth(depth)
    panel.frame_clock().flush()
    view = panel.network_view()
    x, activated, linear = view.outputs
    slope, intercept = np.polyfit(x, linear, 1)
    assert np.max(np.abs(linear - (slope * x + intercept))) <= 1e-9 * max(1.0, np.ptp(linear))
    # What is drawn is an affine rescaling of it: still a line.
    drawn_x, drawn_y = plotted(view.linear_curve)
    drawn_fit = np.polyval(np.polyfit(drawn_x, drawn_y, 1), drawn_x)
    assert np.max(np.abs(drawn_y - drawn_fit)) <= 1e-9
    relu_fit = np.polyval(np.polyfit(x, activated, 1), x)
    assert np.max(np.abs(activated - relu_fit)) > 0.02 * np.ptp(activated)


def test_new_random_weights_draw_a_new_network(panel):
    before = panel.network_view().outputs[1].copy()
    panel.findChild(QPushButton, "newWeightsButton").click()
    panel.frame_clock().flush()
    assert not np.allclose(panel.network_view().outputs[1], before)


def test_maxout_contains_relu_and_shows_its_pieces(panel):
    panel.set_shown(["relu", "maxout"])
    panel.select("maxout")
    panel.parameter_control("w1").set_value(0.5)
    panel.parameter_control("b2").set_value(1.0)
    panel.frame_clock().flush()
    assert panel.parameters("maxout") != MAXOUT_AS_RELU

    button = panel.findChild(QPushButton, "maxoutAsReluButton")
    assert button.isVisible()
    button.click()
    panel.frame_clock().flush()
    assert panel.parameters("maxout") == MAXOUT_AS_RELU
    curves = panel.curves_view()
    x, maxout_y = plotted(curves.function_curves["maxout"])
    np.testing.assert_array_equal(maxout_y, ACTIVATIONS["relu"].value(x))
    pieces = [plotted(curve) for curve in curves.piece_curves]
    assert all(curve.isVisible() for curve in curves.piece_curves)
    np.testing.assert_allclose(pieces[0][1], 0.0)
    np.testing.assert_allclose(pieces[1][1], pieces[1][0])


def test_a_slider_step_leaves_the_other_curves_and_maxout_pieces_cached(panel):
    panel.set_shown(list(ACTIVATIONS))
    panel.select("leaky_relu")
    panel.frame_clock().flush()
    curves = panel.curves_view()
    static = [curves.function_curves["sigmoid"], *curves.piece_curves]
    assert all(curve.in_layer for curve in static)
    assert not curves.function_curves["leaky_relu"].in_layer
    piece_data = [curve.yData for curve in curves.piece_curves]
    panel.parameter_control("alpha").set_value(0.3)
    panel.frame_clock().flush()
    assert all(
        curve.yData is before for curve, before in zip(curves.piece_curves, piece_data, strict=True)
    )  # not even set again: Maxout's parameters did not change
    # Maxout live: its pieces follow its sliders, painted live on top.
    panel.select("maxout")
    panel.parameter_control("b2").set_value(1.0)
    panel.frame_clock().flush()
    assert not any(curve.in_layer for curve in curves.piece_curves)
    x, second_piece = plotted(curves.piece_curves[1])
    np.testing.assert_allclose(second_piece, x + 1.0)


def test_the_notes_marks_saturation_peak_and_dead_relu(panel):
    curves = panel.curves_view()
    panel.select("sigmoid")
    panel.frame_clock().flush()
    regions = [r for r in curves._regions[curves.derivative_plot] if r.isVisible()]
    bounds = sorted(region.getRegion() for region in regions)
    assert len(bounds) == 2
    # |σ′| < 0.05 · 0.25 beyond |x| ≈ 4.36, sampled on the plotted grid.
    assert bounds[0][1] == pytest.approx(-4.36, abs=0.02)
    assert bounds[1][0] == pytest.approx(4.36, abs=0.02)
    assert curves.peak_line.isVisible()
    assert curves.peak_line.value() == 0.25
    assert "0.25" in curves.peak_line.label.format

    panel.select("relu")
    panel.frame_clock().flush()
    regions = [r for r in curves._regions[curves.derivative_plot] if r.isVisible()]
    assert len(regions) == 1
    low, high = regions[0].getRegion()
    assert low <= -4.9 and high == pytest.approx(0.0, abs=0.02)
    assert curves.region_label.isVisible()
    assert "dead ReLU" in curves.region_label.textItem.toPlainText()


def test_moving_the_mouse_over_a_plot_moves_the_crosshair(panel, qtbot):
    widget = panel.curves_view().derivative_widget
    view = panel.curves_view().derivative_plot.getViewBox()
    scene_point = view.mapViewToScene(QPointF(2.0, 0.5))
    QTest.mouseMove(widget.viewport(), widget.mapFromScene(scene_point))
    qtbot.waitUntil(lambda: panel.activation_table().x != 1.0, timeout=2000)
    panel.frame_clock().flush()
    assert panel.activation_table().x == pytest.approx(2.0, abs=0.05)
    assert panel.curves_view()._crosshairs[1].value() == pytest.approx(2.0, abs=0.05)


def test_crosshair_readout_follows_the_mouse(panel):
    panel.set_shown(["sigmoid", "tanh", "gelu"])
    panel.curves_view().crosshair_moved.emit(-0.75)
    panel.frame_clock().flush()
    table = panel.activation_table()
    assert table.x == -0.75
    for name in ("sigmoid", "tanh", "gelu"):
        activation = ACTIVATIONS[name]
        assert table.readout(name, VALUE_COLUMN) == pytest.approx(activation.value(-0.75))
        assert table.readout(name, DERIVATIVE_COLUMN) == pytest.approx(activation.derivative(-0.75))
    assert table.readout("relu", VALUE_COLUMN) is None


def test_overlay_puts_f_and_its_derivative_on_one_plot(panel):
    curves = panel.curves_view()
    panel.findChild(QCheckBox, "overlayCheck").setChecked(True)
    panel.frame_clock().flush()
    assert curves.overlaid
    assert not curves.derivative_widget.isVisible()
    assert curves.derivative_curves["sigmoid"].getViewBox() is curves.function_plot.getViewBox()
    assert list(curves.plots()) == ["functions"]
    panel.findChild(QCheckBox, "overlayCheck").setChecked(False)
    assert curves.derivative_widget.isVisible()
    assert curves.derivative_curves["sigmoid"].getViewBox() is curves.derivative_plot.getViewBox()


def test_zoom_resamples_and_reset_view_restores(panel):
    curves = panel.curves_view()
    curves.function_plot.setXRange(-50.0, 50.0, padding=0.0)
    panel.frame_clock().flush()
    x, y = plotted(curves.function_curves["relu"])
    assert x.size == curves.sample_count() <= 800
    np.testing.assert_array_equal(y, np.maximum(x, 0.0))
    assert x[0] == pytest.approx(-50.0) and x[-1] == pytest.approx(50.0)
    panel.findChild(QPushButton, "resetViewButton").click()
    panel.frame_clock().flush()
    assert curves.visible_x_range() == pytest.approx((-5.0, 5.0))


def test_reset_returns_parameters_depth_and_view_to_defaults(panel):
    panel.select("elu")
    panel.parameter_control("alpha").set_value(2.5)
    panel.set_depth(33)
    panel.reset()
    panel.frame_clock().flush()
    assert panel.parameters("elu") == ACTIVATIONS["elu"].defaults
    assert panel.parameter_control("alpha").value() == 1.0
    assert panel.activation_table().readout("sigmoid", DEPTH_COLUMN) == 0.25**10


def test_export_writes_images_svg_and_csv_that_open(panel, tmp_path, monkeypatch):
    panel.set_shown(["sigmoid", "relu"])
    panel.frame_clock().flush()
    chosen = []
    monkeypatch.setattr(export, "ask_export_path", lambda parent, name, kinds: chosen.pop())

    chosen.append(tmp_path / "activations.png")
    panel.export()
    names = ("functions", "derivatives", "depth", "network")
    for name in names:
        image = QImage(str(tmp_path / f"activations_{name}.png"))
        assert not image.isNull() and image.width() > 100, name

    chosen.append(tmp_path / "activations.svg")
    panel.export()
    for name in names:
        root = ElementTree.parse(tmp_path / f"activations_{name}.svg").getroot()
        assert root.tag.endswith("svg"), name

    chosen.append(tmp_path / "curves.csv")
    panel.export()
    with open(tmp_path / "curves.csv", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["x", "sigmoid", "sigmoid_derivative", "relu", "relu_derivative"]
    data = np.array(rows[1:], dtype=float)
    assert data.shape == (panel.curves_view().sample_count(), 5)
    np.testing.assert_allclose(data[:, 1], ACTIVATIONS["sigmoid"].value(data[:, 0]))
    np.testing.assert_allclose(data[:, 4], ACTIVATIONS["relu"].derivative(data[:, 0]))


def test_costs_are_measured_off_the_gui_thread(panel, qtbot):
    qtbot.waitUntil(panel.costs_measured, timeout=30_000)
    panel.select("sigmoid")
    panel.frame_clock().flush()
    cost = panel.facts_view().values["cost"].text()
    assert "ns" in cost and "ReLU" in cost


def test_language_switch_retranslates_titles_facts_and_explanation(main_window, panel):
    table = panel.activation_table()
    assert table.item("linear").text(NAME_COLUMN) == "Linear"
    main_window.set_language("zh_CN")
    panel.frame_clock().flush()
    try:
        assert table.item("linear").text(NAME_COLUMN) == "线性"
        assert table.headerItem().text(NAME_COLUMN) == "激活函数"
        assert panel.facts_view().labels["range"].text() == "值域"
        assert "梯度消失" in panel.explanation().toPlainText()
        assert "线性" in panel.network_view().plot.titleLabel.text
    finally:
        main_window.set_language("en")
    assert table.item("linear").text(NAME_COLUMN) == "Linear"
    assert "Vanishing gradient" in panel.explanation().toPlainText()


def test_presentation_mode_folds_into_tabs_and_scales_the_legend(main_window, panel):
    normal_size = panel.curves_view().legend.items[0][1].opts.get("size")
    main_window.set_presentation(True)
    try:
        tabs = panel.findChild(type(panel._view_tabs), "activationViewTabs")
        assert tabs.isVisible() and tabs.count() == 3
        assert tabs.tabText(0) == "f and f′"
        presentation_size = panel.curves_view().legend.items[0][1].opts.get("size")
        assert float(presentation_size.removesuffix("pt")) > float(normal_size.removesuffix("pt"))
    finally:
        main_window.set_presentation(False)
    assert panel._view_tabs.count() == 0
    assert panel.curves_view().isVisible() and panel.network_view().isVisible()


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.25, "0.25"), (-0.000999, "−0.001"), (1.9e12, "1.9e12"), (float("inf"), "∞")],
)
def test_readout_numbers_fit_their_column(value, text):
    assert number_text(value) == text
    assert len(number_text(value)) <= 8
