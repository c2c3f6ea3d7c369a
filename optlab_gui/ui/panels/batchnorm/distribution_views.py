"""One network's distributions: every layer at once as a heat map, one layer on the curve.

The heat map has a row per layer (layer 1 at the top) and a column per bin of activation
input; brightness is the share of the layer's inputs in the bin (square-root scale, so thin
tails stay visible), with the activation's sensitive region outlined. Below, the chosen
layer's histogram sits on the activation f and its derivative f′ (scaled to the plot's
height, right axis in f's units), so the student sees where on the curve the inputs fall.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal, Slot

from optlab_gui.core.activations import ACTIVATIONS
from optlab_gui.ui.panels.batchnorm.measurements import LayerMeasurements
from optlab_gui.ui.panels.batchnorm.plot_titles import span_title_over_axes
from optlab_gui.ui.theme import Theme, qcolor
from optlab_gui.ui.widgets.plots import (
    make_plot_widget,
    series_pen,
    set_axis_label,
    set_plot_title,
    style_legend,
    style_plot,
)

#: Points of the activation curve drawn across the window.
CURVE_POINTS = 400
#: Alpha of the sensitive-region fill behind the chosen layer's histogram.
REGION_ALPHA = 140
#: Heat-map brightness is share ** HEAT_GAMMA (relative to the largest share shown).
HEAT_GAMMA = 0.5


def layer_ticks(depth: int) -> list[tuple[float, str]]:
    """About six integer ticks from layer 1 to ``depth``."""
    step = max(1, int(np.ceil(depth / 6)))
    chosen = list(range(1, depth + 1, step))
    if chosen[-1] != depth and depth - chosen[-1] >= step / 2:
        chosen.append(depth)
    return [(float(layer), str(layer)) for layer in chosen]


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """About ``count`` round tick values (steps of 1, 2, 2.5 or 5 × 10^k) within [low, high]."""
    span = max(high - low, 1e-12)
    magnitude = 10.0 ** np.floor(np.log10(span / count))
    step = next(factor * magnitude for factor in (1.0, 2.0, 2.5, 5.0, 10.0)
                if span / (factor * magnitude) <= count + 1)  # fmt: skip
    first = np.ceil(low / step - 1e-9) * step
    # + 0.0 turns -0.0 into 0.0, so no tick reads "-0"
    return [round(float(tick), 12) + 0.0 for tick in np.arange(first, high + step * 1e-9, step)]


def rectangle(x0: float, x1: float, y0: float, y1: float) -> tuple[np.ndarray, np.ndarray]:
    """The closed outline of a rectangle as x and y arrays."""
    return np.array([x0, x1, x1, x0, x0]), np.array([y0, y0, y1, y1, y0])


#: Viridis at 17 evenly spaced stops (within 5/255 of its 256-entry table everywhere):
#: pyqtgraph reads the full table from a CSV file, ~3 ms of the panel's start-up.
VIRIDIS_STOPS = (
    "#440154", "#481769", "#472c7a", "#423f85", "#3b518b", "#33628d", "#2c718e", "#26818e",
    "#21908c", "#1f9f88", "#27ad80", "#3dbc73", "#5cc862", "#81d34c", "#aadc31", "#d5e219",
    "#fde725",
)  # fmt: skip


def viridis() -> pg.ColorMap:
    """The heat maps' colour map: perceptually uniform, readable in grey and by most
    colour-blind viewers."""
    return pg.ColorMap(np.linspace(0.0, 1.0, len(VIRIDIS_STOPS)), list(VIRIDIS_STOPS))


class DistributionColumn(QObject):
    """The heat map and the chosen layer's detail of one network (``key``): two plots the
    panel places (one above the other, or on separate tabs in presentation mode)."""

    layer_clicked = Signal(int)

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self._theme: Theme | None = None
        self._color = "#888888"
        self._title = ""
        self._detail_title = ""
        self._depth = 0
        self._edges = np.array([-1.0, 1.0])
        self._selected = 1

        self.heat_map = make_plot_widget(f"{key}HeatMap")
        heat = self.heat_map.getPlotItem()
        heat.setMouseEnabled(False, False)
        heat.invertY(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(viridis())
        heat.addItem(self.image)
        self._outlines: list[pg.PlotCurveItem] = []
        self.selection = pg.PlotCurveItem()
        self.selection.setZValue(20)
        heat.addItem(self.selection)
        self.heat_map.scene().sigMouseClicked.connect(self._clicked)

        self.detail = make_plot_widget(f"{key}LayerDetail")
        detail = self.detail.getPlotItem()
        detail.setMouseEnabled(False, False)
        self.histogram = pg.PlotDataItem(stepMode="center", fillLevel=0.0)
        detail.addItem(self.histogram)
        self._regions: list[pg.LinearRegionItem] = []
        # f and f' share the histogram's view box, mapped onto its height; the right axis is
        # labelled in f's units (one view box: exports and hidden tabs cannot misalign them).
        detail.showAxis("right")
        self.value_curve = pg.PlotCurveItem()
        self.slope_curve = pg.PlotCurveItem()
        detail.addItem(self.value_curve)
        detail.addItem(self.slope_curve)
        self._curves: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._detail_top = 1.0
        self.legend = detail.addLegend(offset=(4, 4))
        self.legend.addItem(self.value_curve, "f(x)")
        self.legend.addItem(self.slope_curve, "f′(x)")
        for plot in (self.heat_map, self.detail):
            span_title_over_axes(plot)

    def set_visible(self, visible: bool) -> None:
        """Show or hide both plots (the single-network view hides the other column)."""
        self.heat_map.setVisible(visible)
        self.detail.setVisible(visible)

    def is_visible(self) -> bool:
        """True unless the view hides this network."""
        return not self.heat_map.isHidden()

    # Drawing ----------------------------------------------------------------------------

    def show_measurements(
        self,
        measurements: LayerMeasurements,
        edges: np.ndarray,
        brightest_share: float,
        detail_top: float,
    ) -> None:
        """Draw ``measurements`` on ``edges``; ``brightest_share`` and ``detail_top`` are
        shared with the other column so that both use the same scales."""
        depth = measurements.depth
        share = measurements.input_share()
        brightness = (share / max(brightest_share, 1e-12)) ** HEAT_GAMMA
        self.image.setImage(brightness, levels=(0.0, 1.0), autoLevels=False)
        self.image.setRect(QRectF(edges[0], 0.5, edges[-1] - edges[0], depth))
        heat = self.heat_map.getPlotItem()
        if depth != self._depth or not np.array_equal(edges, self._edges):
            heat.setRange(xRange=(edges[0], edges[-1]), yRange=(0.5, depth + 0.5), padding=0)
            heat.getAxis("left").setTicks([layer_ticks(depth)])
            self.detail.getPlotItem().setXRange(edges[0], edges[-1], padding=0)
        self._depth, self._edges = depth, edges
        self._selected = min(self._selected, depth)
        self._draw_selection()
        row = share[self._selected - 1]
        self.histogram.setData(edges, row)
        self._detail_top = max(float(detail_top), 1e-12)
        self.detail.getPlotItem().setYRange(0.0, self._detail_top, padding=0.05)
        self._draw_curves()

    def show_activation(self, activation: str, intervals: Sequence[tuple[float, float]]) -> None:
        """Draw f and f′ across the window and outline the sensitive ``intervals``."""
        low, high = float(self._edges[0]), float(self._edges[-1])
        grid = np.linspace(low, high, CURVE_POINTS)
        function = ACTIVATIONS[activation]
        self._curves = (grid, function.value(grid), function.derivative(grid))
        self._draw_curves()
        self._set_regions(intervals)

    def curve_values(self) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """(z, f(z), f′(z)) drawn on the detail plot, in f's own units."""
        return self._curves

    def select_layer(self, layer: int) -> None:
        """Show layer ``layer`` (1-based) in detail; takes effect with the next data."""
        self._selected = max(1, int(layer))
        self._draw_selection()

    def set_title(self, title: str) -> None:
        """Set the heat map's title: the network's name."""
        self._title = title
        if self._theme is not None:
            self._draw_titles()

    def set_detail_title(self, title: str) -> None:
        """Set the title of the chosen layer's plot."""
        self._detail_title = title
        if self._theme is not None:
            self._draw_titles()

    def set_axis_titles(self, layer: str, activation_input: str, share: str, curve: str) -> None:
        """Set the axis titles (translated by the panel)."""
        self._axis_titles = (layer, activation_input, share, curve)
        if self._theme is not None:
            self._draw_axis_titles()

    def apply_theme(self, theme: Theme, color: str) -> None:
        """Restyle for ``theme``; ``color`` marks this network in every plot."""
        self._theme, self._color = theme, color
        for widget in (self.heat_map, self.detail):
            style_plot(widget, theme)
        self.heat_map.getPlotItem().showGrid(x=False, y=False)
        self.histogram.setPen(series_pen(theme, color=color))
        self.histogram.setBrush(qcolor(color, 90))
        self.value_curve.setPen(series_pen(theme, color=theme.foreground))
        self.slope_curve.setPen(series_pen(theme, color=theme.danger, style=Qt.PenStyle.DashLine))
        self.selection.setPen(series_pen(theme, color=theme.danger, width_factor=0.9))
        for outline in self._outlines:
            outline.setPen(self._outline_pen())
        for region in self._regions:
            self._style_region(region)
        self._draw_titles()
        if hasattr(self, "_axis_titles"):
            self._draw_axis_titles()
        style_legend(self.legend, theme)

    # Helpers ----------------------------------------------------------------------------

    def _outline_pen(self):
        theme = self._theme
        color = theme.series_color(2) if theme is not None else "#009E73"
        return series_pen(theme, color=color, style=Qt.PenStyle.DashLine) if theme else None

    def _style_region(self, region: pg.LinearRegionItem) -> None:
        theme = self._theme
        if theme is None:
            return
        region.setBrush(qcolor(theme.sensitive_region, REGION_ALPHA))
        for line in region.lines:
            line.setPen(self._outline_pen())

    def _set_regions(self, intervals: Sequence[tuple[float, float]]) -> None:
        heat = self.heat_map.getPlotItem()
        detail = self.detail.getPlotItem()
        while len(self._outlines) < len(intervals):
            outline = pg.PlotCurveItem()
            outline.setZValue(10)
            if self._theme is not None:
                outline.setPen(self._outline_pen())
            heat.addItem(outline)
            self._outlines.append(outline)
            region = pg.LinearRegionItem(movable=False)
            region.setZValue(-10)
            self._style_region(region)
            detail.addItem(region)
            self._regions.append(region)
        top = self._depth + 0.5
        for index, (outline, region) in enumerate(zip(self._outlines, self._regions,
                                                      strict=True)):  # fmt: skip
            visible = index < len(intervals)
            outline.setVisible(visible)
            region.setVisible(visible)
            if visible:
                low, high = intervals[index]
                outline.setData(*rectangle(low, high, 0.5, top))
                region.setRegion((low, high))

    def _draw_selection(self) -> None:
        if self._depth == 0:
            return
        low, high = float(self._edges[0]), float(self._edges[-1])
        layer = self._selected
        self.selection.setData(*rectangle(low, high, layer - 0.5, layer + 0.5))

    def _draw_titles(self) -> None:
        theme = self._theme
        marker = f"<span style='color:{self._color}'>■</span> "
        set_plot_title(self.heat_map, marker + self._title, theme)
        set_plot_title(self.detail, self._detail_title, theme)

    def _draw_axis_titles(self) -> None:
        layer, activation_input, share, curve = self._axis_titles
        set_axis_label(self.heat_map, "left", layer, self._theme)
        set_axis_label(self.heat_map, "bottom", activation_input, self._theme)
        set_axis_label(self.detail, "left", share, self._theme)
        set_axis_label(self.detail, "right", curve, self._theme)
        set_axis_label(self.detail, "bottom", activation_input, self._theme)

    def _draw_curves(self) -> None:
        """Map f and f′ onto [0, detail top] and label the right axis in f's units."""
        if self._curves is None:
            return
        grid, values, slopes = self._curves
        bottom = float(min(values.min(), slopes.min(), 0.0))
        top = float(max(values.max(), slopes.max()))
        scale = self._detail_top / max(top - bottom, 1e-12)
        self.value_curve.setData(grid, (values - bottom) * scale)
        self.slope_curve.setData(grid, (slopes - bottom) * scale)
        ticks = [((tick - bottom) * scale, f"{tick:g}") for tick in nice_ticks(bottom, top)]
        self.detail.getPlotItem().getAxis("right").setTicks([ticks, []])

    @Slot(object)
    def _clicked(self, event) -> None:
        view = self.heat_map.getPlotItem().vb
        position: QPointF = event.scenePos()
        if self._depth == 0 or not view.sceneBoundingRect().contains(position):
            return
        layer = round(view.mapSceneToView(position).y())
        if 1 <= layer <= self._depth:
            self.layer_clicked.emit(layer)
