"""The theme's plots: opaque grid lines that look like the translucent ones, under the data,
and axis titles that show their text however the axis was set up."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from optlab_gui.ui.theme import THEMES
from optlab_gui.ui.widgets.plots import (
    AXIS_UNDER_DATA_Z,
    ThemedAxis,
    make_plot_widget,
    mix,
    style_plot,
)


@pytest.mark.parametrize("alpha", [0, 40, 89, 200, 255])
def test_mixed_colour_is_the_translucent_colour_painted_on_the_background(qapp, alpha):
    front, back = QColor(230, 120, 30, alpha), QColor(20, 24, 31)
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    image.fill(back)
    painter = QPainter(image)
    painter.fillRect(0, 0, 1, 1, front)
    painter.end()
    painted = QColor(image.pixel(0, 0))
    mixed = mix(front, back, front.alphaF())
    assert mixed.alpha() == 255
    for channel in ("red", "green", "blue"):
        assert abs(getattr(mixed, channel)() - getattr(painted, channel)()) <= 1


def test_grid_pens_are_opaque_and_the_axes_lie_under_the_data(qtbot):
    widget = make_plot_widget()
    qtbot.addWidget(widget)
    style_plot(widget, THEMES["dark"])
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    plot = widget.getPlotItem()
    curve = plot.plot([0, 1, 2], [0, 1, 0])
    axis = plot.getAxis("left")
    assert isinstance(axis, ThemedAxis)
    assert axis.zValue() == AXIS_UNDER_DATA_Z < curve.zValue()
    assert axis.grid is not False  # the theme shows a grid
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    _, ticks, _ = axis.generateDrawSpecs(painter)
    painter.end()
    assert ticks
    assert all(pen.color().alpha() == 255 for pen, _, _ in ticks)
    # hidden by default, as pyqtgraph's own axes are
    assert not plot.getAxis("right").isVisible() and not plot.getAxis("top").isVisible()


def test_axis_title_shows_its_text_whether_set_before_or_after_showing(qtbot):
    widget = make_plot_widget()
    qtbot.addWidget(widget)
    plot = widget.getPlotItem()
    plot.setLabel("left", "first title")
    assert "first title" in plot.getAxis("left").label.toHtml()
    right = plot.getAxis("right")
    right.setLabel("hidden axis title")  # shows the label, as pyqtgraph does
    plot.showAxis("right")
    assert "hidden axis title" in right.label.toHtml()
    right.showLabel(False)
    right.setTextPen("#ff0000")  # restyled while hidden (a theme change)
    right.showLabel(True)
    assert "#ff0000" in right.label.toHtml()


def test_a_grid_over_an_image_stays_translucent_and_over_the_data(qtbot):
    widget = make_plot_widget(grid_over_data=True)
    qtbot.addWidget(widget)
    style_plot(widget, THEMES["dark"])
    widget.resize(400, 300)
    plot = widget.getPlotItem()
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    _, ticks, _ = plot.getAxis("left").generateDrawSpecs(painter)
    painter.end()
    assert plot.getAxis("left").zValue() > 0  # pyqtgraph's place, over the view box
    assert any(pen.color().alpha() < 255 for pen, _, _ in ticks)


def test_a_wider_axis_pen_of_the_same_colour_widens_the_grid(qtbot):
    widget = make_plot_widget()
    qtbot.addWidget(widget)
    style_plot(widget, THEMES["dark"])
    widget.resize(400, 300)
    axis = widget.getPlotItem().getAxis("left")
    image = QImage(400, 300, QImage.Format.Format_ARGB32)

    def tick_widths():
        painter = QPainter(image)
        _, ticks, _ = axis.generateDrawSpecs(painter)
        painter.end()
        return {pen.widthF() for pen, _, _ in ticks}

    before = tick_widths()
    pen = axis.pen()
    pen.setWidthF(4.0)
    axis.setPen(pen)  # as a presentation theme does, without a new background
    assert tick_widths() == {4.0} != before
