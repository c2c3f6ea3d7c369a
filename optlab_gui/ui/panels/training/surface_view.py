"""The loss surface seen from above: banded heat map with contours, minima, trajectories,
current points, the draggable start point and the arrows of the optimizer being inspected.

Painting must fit in a frame while the race runs, so everything static is one image (the
bands and their contour lines are baked into it once per surface and theme), the axes are
cached, the ranges are fixed, and the trajectories arrive already thinned.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from optlab_gui.core.surfaces import Surface
from optlab_gui.ui.panels.training.contours import contour_segments
from optlab_gui.ui.panels.training.view_bounded import ViewBoundedCurve, ViewBoundedScatter
from optlab_gui.ui.theme import Theme, qcolor
from optlab_gui.ui.widgets.plots import make_plot_widget, series_pen, style_plot

#: Grid points per axis of the heat map and of the contour lines.
HEAT_MAP_RESOLUTION = 240
#: Number of colour bands; their borders are the contour lines.
BAND_COUNT = 14
#: Half the opening of an arrow head, in radians.
HEAD_ANGLE = math.radians(26)


@dataclass(frozen=True)
class Arrow:
    """One arrow of the inspector: from ``start`` to ``end`` (data coordinates)."""

    start: tuple[float, float]
    end: tuple[float, float]
    color: str
    dashed: bool = False


def quantile(values: np.ndarray, q: float) -> float:
    """np.quantile's default (linear) ``q``-quantile of ``values``, by partial sorting: the
    same number without importing numpy.ma (~20 ms of start-up) as np.quantile does."""
    flat = np.ravel(values)
    position = q * (flat.size - 1)
    below = math.floor(position)
    above = min(below + 1, flat.size - 1)
    ordered = np.partition(flat, (below, above))
    low, high = float(ordered[below]), float(ordered[above])
    return low + (high - low) * (position - below)


def band_levels(values: np.ndarray, log_scale: bool) -> np.ndarray:
    """BAND_COUNT − 1 contour levels spreading the bands evenly over the surface's values as
    seen in the view (logarithmically for surfaces with a huge range)."""
    lowest = float(np.min(values))
    shifted = values - lowest
    if log_scale:
        positive = shifted[shifted > 0]
        floor = quantile(positive, 0.01) if positive.size else 1.0
        transformed = np.log10(shifted + floor)
        edges = np.linspace(transformed.min(), quantile(transformed, 0.98), BAND_COUNT + 1)
        return 10 ** edges[1:-1] - floor + lowest
    edges = np.linspace(0.0, quantile(shifted, 0.9), BAND_COUNT + 1)
    return edges[1:-1] + lowest


def surface_grid(surface: Surface, resolution: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x (n,), y (n,) and the surface's values (n, n) over its view box."""
    xmin, xmax, ymin, ymax = surface.view
    x = np.linspace(xmin, xmax, resolution)
    y = np.linspace(ymin, ymax, resolution)
    grid_x, grid_y = np.meshgrid(x, y, indexing="ij")
    with np.errstate(all="ignore"):
        values = surface.value(grid_x, grid_y)
    return x, y, values


def heat_map_image(values: np.ndarray, levels: np.ndarray, theme: Theme) -> np.ndarray:
    """RGBA image (x, y, 4) of banded colours from deep (low loss) to the plot background
    (high loss), one band between each pair of contour ``levels``."""
    bands = np.digitize(values, levels)
    low, high = _rgb(_deep_color(theme)), _rgb(theme.plot_background)
    fraction = (bands / len(levels))[..., None]
    rgb = low * (1.0 - fraction) + high * fraction
    image = np.empty((*bands.shape, 4), dtype=np.uint8)
    image[..., :3] = np.clip(np.round(rgb), 0, 255)
    image[..., 3] = 255
    return image


def _deep_color(theme: Theme) -> str:
    # Low loss is a muted blue: visible under every series colour without competing.
    return "#2a4d73" if theme.dark else "#bcd0e8"


def _rgb(color: str) -> np.ndarray:
    value = QColor(color)
    return np.array([value.red(), value.green(), value.blue()], dtype=float)


def arrow_segments(
    arrow: Arrow, pixel_width: float, pixel_height: float, head_pixels: float
) -> tuple[list[float], list[float]]:
    """Shaft and the two strokes of the head of ``arrow`` as point pairs (for
    ``connect="pairs"``), the head ``head_pixels`` long on screen whatever the axes' scales."""
    (x0, y0), (x1, y1) = arrow.start, arrow.end
    dx, dy = (x1 - x0) / pixel_width, (y1 - y0) / pixel_height
    length = math.hypot(dx, dy)
    xs, ys = [x0, x1], [y0, y1]
    if length > 0:
        ux, uy = dx / length, dy / length
        size = min(head_pixels, 0.6 * length)
        for turn in (HEAD_ANGLE, -HEAD_ANGLE):
            cos, sin = math.cos(turn), math.sin(turn)
            bx, by = -(ux * cos - uy * sin) * size, -(ux * sin + uy * cos) * size
            xs += [x1, x1 + bx * pixel_width]
            ys += [y1, y1 + by * pixel_height]
    return xs, ys


class SurfaceView(QWidget):
    """The race on the surface. Emits ``start_dragged(x, y)`` while the start point moves."""

    start_dragged = Signal(float, float)
    #: The mouse let go of the start point.
    start_dropped = Signal()
    #: The plot changed size: arrows (whose heads are in pixels) need a redraw.
    resized = Signal()

    def __init__(self, lane_count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot_widget = make_plot_widget("surfacePlot")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.vb.setDefaultPadding(0.0)
        self._surface: Surface | None = None
        self._theme: Theme | None = None
        self._styles: dict[tuple[str, str], object] = {}
        self._image = pg.ImageItem()
        self._image.setZValue(-10)
        # Scaling the heat map to the plot's size costs ~2 ms a frame: scale once, then copy.
        self._image.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.plot.addItem(self._image)
        # All contour lines are one item, painted once into a cache and then only copied.
        self._contours = pg.PlotCurveItem(connect="pairs", antialias=True)
        self._contours.setZValue(-5)
        self._contours.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.plot.addItem(self._contours)
        self._minima = pg.ScatterPlotItem(symbol="star")
        self._minima.setZValue(5)
        self.plot.addItem(self._minima)
        self._paths = [ViewBoundedCurve(skipFiniteCheck=True) for _ in range(lane_count)]
        for path in self._paths:
            path.setZValue(10)
            self.plot.addItem(path)
        self._points = ViewBoundedScatter(symbol="o")
        self._points.setZValue(20)
        self.plot.addItem(self._points)
        self._crosses = ViewBoundedScatter(symbol="x")
        self._crosses.setZValue(20)
        self.plot.addItem(self._crosses)
        # The look-ahead ring is one fixed point moved with setPos: nothing rebuilt per frame.
        self._lookahead = pg.ScatterPlotItem(x=[0.0], y=[0.0], symbol="o")
        self._lookahead.setZValue(31)
        self._lookahead.setVisible(False)
        self.plot.addItem(self._lookahead)
        # Arrows are plain line pairs (shaft and head): cheap to move every frame.
        self._arrows = [ViewBoundedCurve(connect="pairs") for _ in range(3)]
        for arrow in self._arrows:
            arrow.setZValue(30)
            self.plot.addItem(arrow)
        self.start_handle: pg.TargetItem | None = None
        self._start_tooltip = ""
        self._placing_start = False
        self.plot.vb.sigResized.connect(self._on_resized)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)

    @property
    def surface(self) -> Surface | None:
        """The surface on show."""
        return self._surface

    def set_surface(self, surface: Surface, theme: Theme) -> None:
        """Show ``surface``: its heat map over its view box and its minima."""
        self._surface = surface
        self._theme = theme
        self._styles.clear()
        xmin, xmax, ymin, ymax = surface.view
        x, y, values = surface_grid(surface, HEAT_MAP_RESOLUTION)
        levels = band_levels(values, surface.log_contours)
        self._image.setImage(heat_map_image(values, levels, theme), autoLevels=False)
        self._contours.setData(*contour_segments(x, y, values, levels))
        self._contours.setPen(pg.mkPen(qcolor(theme.muted, 150), width=1))
        self._image.setRect(xmin, ymin, xmax - xmin, ymax - ymin)
        self.plot.setXRange(xmin, xmax, padding=0.0)
        self.plot.setYRange(ymin, ymax, padding=0.0)
        minima = np.array(surface.minima, dtype=float).reshape(-1, 2)
        self._minima.setData(minima[:, 0], minima[:, 1])
        self._style_markers(theme)

    def set_start(self, x: float, y: float) -> None:
        """Put the start handle at (x, y) without emitting ``start_dragged``."""
        if self.start_handle is None:
            return
        self._placing_start = True
        try:
            self.start_handle.setPos(x, y)
        finally:
            self._placing_start = False

    def set_start_tooltip(self, text: str) -> None:
        """The start handle's tooltip (kept when the handle is remade)."""
        self._start_tooltip = text
        if self.start_handle is not None:
            self.start_handle.setToolTip(text)

    def apply_theme(self, theme: Theme) -> None:
        """Restyle axes and markers; re-bake the heat map in the theme's colours."""
        self._theme = theme
        style_plot(self.plot_widget, theme)
        self.plot.showGrid(x=False, y=False)
        # The top y label is centred on the plot's top edge (there is no title above it):
        # leave room for its upper half, else the widget's edge cuts it.
        tick_font = self.plot.getAxis("left").style["tickFont"]
        self.plot.layout.setContentsMargins(1, QFontMetricsF(tick_font).height() / 2, 1, 1)
        if self._surface is not None:
            self.set_surface(self._surface, theme)

    def pixel_size(self) -> float:
        """The size of a screen pixel in data units (the larger of x and y)."""
        width, height = self.plot.vb.viewPixelSize()
        return max(width, height) if width > 0 and height > 0 else 0.01

    def draw_paths(
        self,
        paths: list[tuple[np.ndarray, np.ndarray] | None],
        colors: list[str],
        smooth: bool = True,
    ) -> None:
        """One thinned trajectory per lane (None hides the lane's line). ``smooth`` draws them
        antialiased: painting them so costs about twice as much, so a running race (which
        redraws every frame) draws them plain and a paused one smooth."""
        theme = self._theme
        for item, path, color in zip(self._paths, paths, colors, strict=True):
            if path is None or theme is None:
                item.setVisible(False)
                continue
            item.setData(path[0], path[1], pen=self._pen(color), antialias=smooth)
            item.setVisible(True)

    def draw_points(self, points: list[tuple[float, float, str] | None], crosses: list[tuple]):
        """Each lane's current point (x, y, colour), None to hide it; and the last points of
        the diverged lanes (x, y), drawn as crosses."""
        if self._theme is None:
            return
        shown = [point for point in points if point is not None]
        self._points.setData(
            x=np.array([point[0] for point in shown]),
            y=np.array([point[1] for point in shown]),
            brush=[self._brush(point[2]) for point in shown],
        )
        self._crosses.setData(
            x=np.array([cross[0] for cross in crosses]), y=np.array([cross[1] for cross in crosses])
        )

    def point_positions(self) -> list[tuple[float, float]]:
        """Where the current points are drawn (for tests)."""
        x, y = self._points.getData()
        return list(zip(x.tolist(), y.tolist(), strict=True))

    def cross_count(self) -> int:
        """How many diverged lanes are marked."""
        return len(self._crosses.getData()[0])

    def _pen(self, color: str):
        # Pens and brushes are made once per colour and theme: drawing runs every frame.
        key = ("pen", color)
        if key not in self._styles:
            self._styles[key] = series_pen(self._theme, color=color)
        return self._styles[key]

    def _brush(self, color: str):
        key = ("brush", color)
        if key not in self._styles:
            self._styles[key] = pg.mkBrush(color)
        return self._styles[key]

    def draw_arrows(self, arrows: list[Arrow], lookahead: tuple[float, float, str] | None):
        """The inspector's arrows (at most three) and Nesterov's look-ahead point."""
        theme = self._theme
        width, height = self.plot.vb.viewPixelSize()
        for item, arrow in zip(self._arrows, [*arrows, None, None, None], strict=False):
            if arrow is None or theme is None or width <= 0 or height <= 0:
                item.setVisible(False)
                continue
            xs, ys = arrow_segments(arrow, width, height, 12 * theme.scale)
            key = ("arrow", f"{arrow.color}{'-' if arrow.dashed else ''}")
            if key not in self._styles:
                style = Qt.PenStyle.DashLine if arrow.dashed else Qt.PenStyle.SolidLine
                self._styles[key] = series_pen(
                    theme, color=arrow.color, width_factor=1.2, style=style
                )
            item.setData(xs, ys, pen=self._styles[key])
            item.setVisible(True)
        if lookahead is None or theme is None:
            self._lookahead.setVisible(False)
        else:
            x, y, color = lookahead
            self._lookahead.setPen(
                self._styles.setdefault(("ring", color), pg.mkPen(color, width=2))
            )
            self._lookahead.setPos(x, y)
            self._lookahead.setVisible(True)

    def _style_markers(self, theme: Theme) -> None:
        size = 11 * theme.scale
        self._points.setSize(size)
        self._points.setPen(pg.mkPen(theme.plot_background, width=1.5))
        self._crosses.setSize(size * 1.4)
        self._crosses.setBrush(pg.mkBrush(theme.danger))
        self._crosses.setPen(pg.mkPen(theme.danger, width=2.5 * theme.scale))
        self._lookahead.setSize(9 * theme.scale)
        self._lookahead.setBrush(pg.mkBrush(theme.plot_background))
        self._minima.setPen(pg.mkPen(theme.foreground, width=1))
        self._minima.setBrush(pg.mkBrush(theme.highlight if theme.dark else "#ffd54f"))
        self._minima.setSize(16 * theme.scale)
        self._make_start_handle(theme)

    def _make_start_handle(self, theme: Theme) -> None:
        # A TargetItem fixes its size and pens when made: remake it for a new theme.
        position = (0.0, 0.0)
        if self.start_handle is not None:
            position = (self.start_handle.pos().x(), self.start_handle.pos().y())
            self.plot.removeItem(self.start_handle)
        self.start_handle = pg.TargetItem(
            pos=position,
            size=18 * theme.scale,
            symbol="crosshair",
            movable=True,
            pen=pg.mkPen(theme.foreground, width=2),
            brush=pg.mkBrush(qcolor(theme.foreground, 60)),
            hoverPen=pg.mkPen(theme.accent, width=3),
            hoverBrush=pg.mkBrush(qcolor(theme.accent, 80)),
        )
        self.start_handle.setObjectName("startHandle")
        self.start_handle.setToolTip(self._start_tooltip)
        self.start_handle.setZValue(40)
        self.plot.addItem(self.start_handle)
        self.start_handle.sigPositionChanged.connect(self._handle_moved)
        self.start_handle.sigPositionChangeFinished.connect(self._handle_dropped)

    @Slot()
    def _handle_moved(self) -> None:
        if self._placing_start or self._surface is None:
            return
        xmin, xmax, ymin, ymax = self._surface.view
        position = self.start_handle.pos()
        x = min(xmax, max(xmin, position.x()))
        y = min(ymax, max(ymin, position.y()))
        if (x, y) != (position.x(), position.y()):
            self.set_start(x, y)
        self.start_dragged.emit(x, y)

    @Slot()
    def _handle_dropped(self) -> None:
        self.start_dropped.emit()

    @Slot()
    def _on_resized(self) -> None:
        self.resized.emit()
