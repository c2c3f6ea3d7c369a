"""Plots styled by the theme: one place decides axis fonts, pens and backgrounds.

Every panel makes its plots here and restyles them in ``apply_theme`` so that presentation
mode scales axes, tick labels and legends together with the curves.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem

from optlab_gui.ui.theme import Theme, qcolor


def mix(front: QColor, back: QColor, share: float) -> QColor:
    """The opaque colour of ``front`` at opacity ``share`` over ``back``."""
    channels = zip(front.getRgbF()[:3], back.getRgbF()[:3], strict=True)
    return QColor.fromRgbF(*(share * a + (1.0 - share) * b for a, b in channels))


AXIS_NAMES = ("left", "bottom", "right", "top")
#: Axes with an opaque grid stack under the plot's data: z below the view box's 0.
AXIS_UNDER_DATA_Z = -1


class ThemedAxis(pg.AxisItem):
    """pyqtgraph's axis, drawn for less: an opaque grid, and titles laid out only when shown.

    With ``opaque_grid`` the tick and grid lines are opaque, in their translucent colour
    mixed with the plot's background beforehand. Qt's raster engine draws translucent lines
    ~15x slower than opaque ones (24 grid lines: 2-3 ms against 0.15 ms, measured here),
    which made the grid a third of a panel's first paint and of every repaint after a range
    change. Such an axis must lie under the data (:data:`AXIS_UNDER_DATA_Z`): there the
    mixed colour looks as the translucent line did on the background. A plot whose data
    covers its background (an image) keeps the translucent grid over it instead."""

    #: The label's HTML as last set (class default: pyqtgraph's constructor sets it first).
    _label_html: str | None = None

    def __init__(self, orientation: str, opaque_grid: bool = True) -> None:
        super().__init__(orientation)
        self._opaque_grid = opaque_grid
        # Before the plot links the axis to its view: with the prefix on, every range change
        # re-lays out the label (~160 layouts while the BatchNorm panel was built).
        self.enableAutoSIPrefix(False)
        self._background: QColor | None = None
        self._opaque_pens: dict[tuple[int, float, Qt.PenStyle], QPen] = {}

    def set_background(self, color: QColor) -> None:
        """The plot's background colour, which an opaque grid's colours are mixed with."""
        self._background = QColor(color)
        self._opaque_pens.clear()
        self.picture = None
        self.update()

    def _opaque(self, pen: QPen) -> QPen:
        color = pen.color()
        # the width too: a presentation theme widens the axis pen, not only its colour
        key = (color.rgba(), pen.widthF(), pen.style())
        opaque = self._opaque_pens.get(key)
        if opaque is None:
            opaque = QPen(pen)
            opaque.setColor(mix(color, self._background, color.alphaF()))
            self._opaque_pens[key] = opaque
        return opaque

    def _updateLabel(self) -> None:
        """pyqtgraph's label update, without laying out text nobody sees: a hidden label
        (most axes have none) gets its HTML when shown, a shown one only when it changed.
        pyqtgraph asks at every pen, colour and range change, ~400 times while the BatchNorm
        panel opened, 40 µs each (measured), almost always for the same or a hidden text."""
        self._sync_label()
        self._adjustSize()
        self.picture = None
        self.update()

    def showLabel(self, show: bool = True) -> None:
        """Show or hide the axis title, its text brought up to date first."""
        self.label.setVisible(show)
        self._sync_label()
        super().showLabel(show)

    def _sync_label(self) -> None:
        if not self.label.isVisibleTo(self):  # its own flag: a hidden axis hides it too
            return
        html = self.labelString()
        if html != self._label_html:
            self._label_html = html
            self.label.setHtml(html)

    def generateDrawSpecs(self, p):
        """pyqtgraph's drawing specification, with the tick and grid pens made opaque."""
        specs = super().generateDrawSpecs(p)
        if specs is None or not self._opaque_grid or self._background is None:
            return specs
        axis, ticks, texts = specs
        return axis, [(self._opaque(pen), start, end) for pen, start, end in ticks], texts


def make_plot_widget(object_name: str = "", grid_over_data: bool = False) -> pg.PlotWidget:
    """A PlotWidget with OptLab's defaults: grid, no context menu clutter, no auto SI prefix.

    The grid lies under the data, opaque (see :class:`ThemedAxis`); ``grid_over_data`` keeps
    pyqtgraph's translucent grid over it, for a plot whose image covers the background.
    Axes (their tick labels and grid) are cached as pixmaps: replaying their text was half
    the cost of painting a panel of many plots, and most frames change only the data."""
    axes = {name: ThemedAxis(name, opaque_grid=not grid_over_data) for name in AXIS_NAMES}
    # enableMenu=False: no view-box menu is built (~8 ms a plot)
    widget = pg.PlotWidget(enableMenu=False, axisItems=axes)
    if object_name:
        widget.setObjectName(object_name)
    plot = widget.getPlotItem()
    plot.setMenuEnabled(False)
    plot.hideButtons()
    for name in ("right", "top"):  # shown when axes are passed in; hidden by default
        plot.hideAxis(name)
    for axis in axes.values():
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        if not grid_over_data:  # else pyqtgraph's place: over the data
            axis.setZValue(AXIS_UNDER_DATA_Z)
    return widget


def series_pen(
    theme: Theme,
    index: int | None = None,
    color: str | None = None,
    width_factor: float = 1.0,
    style: Qt.PenStyle = Qt.PenStyle.SolidLine,
    alpha: int | None = None,
) -> QPen:
    """A cosmetic pen in a series colour (by index) or an explicit colour, scaled by the theme."""
    pen = QPen(qcolor(color or theme.series_color(index or 0), alpha))
    pen.setWidthF(theme.pen_width * width_factor)
    pen.setStyle(style)
    pen.setCosmetic(True)
    return pen


def style_plot(plot: pg.PlotWidget | pg.PlotItem, theme: Theme) -> None:
    """Apply the theme's background, axis pens, tick and label fonts, title and legend size."""
    item = plot.getPlotItem() if isinstance(plot, pg.PlotWidget) else plot
    if isinstance(plot, pg.PlotWidget):
        plot.setBackground(theme.plot_background)
    tick_font = theme.font(0.9)
    label_size = f"{theme.point_size:.1f}pt"
    for name in AXIS_NAMES:
        axis = item.getAxis(name)
        if isinstance(axis, ThemedAxis):
            axis.set_background(qcolor(theme.plot_background))
        axis.setPen(qcolor(theme.muted))
        axis.setTextPen(qcolor(theme.foreground))
        axis.setTickFont(tick_font)
        axis.label.setFont(theme.font())
        if axis.labelText:
            axis.setLabel(axis.labelText, units=axis.labelUnits, size=label_size,
                          color=theme.foreground)  # fmt: skip
    item.showGrid(x=True, y=True, alpha=0.25 if theme.dark else 0.35)
    title = item.titleLabel
    if title.text:
        title.setText(title.text, size=f"{theme.point_size * 1.1:.1f}pt", color=theme.foreground)
    legend = item.legend
    if legend is not None:
        style_legend(legend, theme)


def set_axis_label(plot: pg.PlotWidget | pg.PlotItem, axis: str, text: str, theme: Theme) -> None:
    """Set an axis title in the theme's font size and colour (call again on retranslate)."""
    item = plot.getPlotItem() if isinstance(plot, pg.PlotWidget) else plot
    item.setLabel(axis, text, size=f"{theme.point_size:.1f}pt", color=theme.foreground)


def set_plot_title(plot: pg.PlotWidget | pg.PlotItem, text: str, theme: Theme) -> None:
    """Set the plot's title in the theme's font size and colour (call again on retranslate)."""
    item = plot.getPlotItem() if isinstance(plot, pg.PlotWidget) else plot
    item.setTitle(text, size=f"{theme.point_size * 1.1:.1f}pt", color=theme.foreground)


def set_quantity_label(
    plot: pg.PlotWidget | pg.PlotItem, text: str, theme: Theme, above: bool = False
) -> None:
    """Name what the plot's y axis shows: a turned title beside the left axis, or (``above``,
    for a plot too short to fit it, as in presentation mode) the plot's title."""
    item = plot.getPlotItem() if isinstance(plot, pg.PlotWidget) else plot
    if above:
        item.setLabel("left", None)
        set_plot_title(item, text, theme)
    else:
        item.setTitle(None)
        set_axis_label(item, "left", text, theme)


def style_legend(legend: pg.LegendItem, theme: Theme) -> None:
    """Legend text in the theme's size and colour, on a translucent plot-coloured box."""
    legend.setLabelTextColor(qcolor(theme.foreground))
    legend.setLabelTextSize(f"{theme.point_size:.1f}pt")
    legend.setBrush(qcolor(theme.plot_background, 210))
    legend.setPen(qcolor(theme.grid))
    # Existing labels keep their old size unless re-set.
    for _sample, label in legend.items:
        label.setText(label.text, size=f"{theme.point_size:.1f}pt", color=theme.foreground)
