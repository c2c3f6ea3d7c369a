"""The vanishing gradient through depth: (max |f′|)^L against L on a log scale.

Sigmoid's 0.25^L falls by six orders of magnitude in 10 layers while ReLU's stays at 1;
a dashed line marks 1 (the gradient kept) and a vertical line the chosen depth L.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from optlab_gui.ui.theme import Theme, qcolor
from optlab_gui.ui.widgets.plots import (
    make_plot_widget,
    series_pen,
    set_axis_label,
    set_plot_title,
    style_plot,
)


class DepthView(QWidget):
    """One log-scale plot: a curve per shown activation, the chosen depth, the level 1."""

    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("depthView")
        self.plot_widget = make_plot_widget("depthPlot")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setLogMode(x=False, y=True)
        self.plot.getViewBox().setMouseEnabled(x=False, y=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self._names = list(names)
        self.curves = {name: pg.PlotDataItem() for name in names}
        self.markers = {name: pg.ScatterPlotItem() for name in names}
        for name in names:
            self.plot.addItem(self.curves[name])
            self.plot.addItem(self.markers[name])
        # In log mode item positions are log10 of the value: 0 is the level 1.
        self.unity_line = pg.InfiniteLine(pos=0.0, angle=0)
        self.depth_line = pg.InfiniteLine(pos=1.0, angle=90)
        for line in (self.unity_line, self.depth_line):
            self.plot.addItem(line, ignoreBounds=True)
        self._colours: dict[str, str] = {}
        self._theme: Theme | None = None

    def set_factors(
        self, depths: np.ndarray, factors: Mapping[str, np.ndarray], depth: int
    ) -> None:
        """Draw (max |f′|)^L over ``depths`` for each activation in ``factors``; mark ``depth``.

        Zero factors (a Maxout with both slopes 0) have no logarithm and are left out.
        """
        for name in self._names:
            values = factors.get(name)
            curve, marker = self.curves[name], self.markers[name]
            if values is None:
                curve.setVisible(False)
                marker.setVisible(False)
                continue
            positive = values > 0
            curve.setData(depths[positive], values[positive])
            curve.setVisible(True)
            at_depth = values[depths == depth]
            has_point = bool(at_depth.size == 1 and at_depth[0] > 0)
            if has_point:
                marker.setData([depth], [np.log10(at_depth[0])])
            marker.setVisible(has_point)
        self.depth_line.setValue(depth)
        self.plot.enableAutoRange(axis="y")
        self.plot.setXRange(float(depths[0]), float(depths[-1]), padding=0.02)

    def retranslate(self, title: str, x_label: str, y_label: str) -> None:
        """Title and axis titles in the current language."""
        if self._theme is None:
            return
        set_plot_title(self.plot, title, self._theme)
        set_axis_label(self.plot, "bottom", x_label, self._theme)
        set_axis_label(self.plot, "left", y_label, self._theme)

    def apply_theme(self, theme: Theme, colours: Mapping[str, str]) -> None:
        """Pens and fonts in the theme's colours and presentation scale."""
        self._theme = theme
        self._colours = dict(colours)
        style_plot(self.plot_widget, theme)
        for name in self._names:
            self.curves[name].setPen(series_pen(theme, color=colours[name]))
            marker = self.markers[name]
            marker.setSymbol("o")
            marker.setSize(theme.point_size * 0.9)
            marker.setBrush(pg.mkBrush(qcolor(colours[name])))
            marker.setPen(pg.mkPen(qcolor(theme.plot_background), width=theme.scale))
        self.unity_line.setPen(
            series_pen(theme, color=theme.muted, width_factor=0.6, style=Qt.PenStyle.DashLine)
        )
        self.depth_line.setPen(
            series_pen(theme, color=theme.foreground, width_factor=0.5, style=Qt.PenStyle.DotLine)
        )
