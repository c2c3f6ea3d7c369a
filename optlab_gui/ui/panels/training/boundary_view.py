"""The decision boundary of one racing network as an image under the data points.

The compute process sends the network's predicted class and its confidence on a grid; this
view only colours them (each class its colour, faded where the network is unsure) and draws
the training points filled and the test points hollow on top.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from optlab_gui.ui.theme import Theme
from optlab_gui.ui.widgets.plots import make_plot_widget, style_plot

#: Class colours (colour-blind safe pairs first); more classes cycle.
CLASS_COLORS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)  # fmt: skip
#: Strongest tint of the boundary image (at full confidence), so the points stay readable.
MAX_TINT = 0.55


def class_color(index: int) -> str:
    """The colour of class ``index`` in points and boundary."""
    return CLASS_COLORS[index % len(CLASS_COLORS)]


def boundary_image(
    classes: np.ndarray, confidence: np.ndarray, n_classes: int, background: str
) -> np.ndarray:
    """RGBA image (rows = y) of a predicted-class grid: each class's colour mixed into the
    background in proportion to how sure the network is above chance."""
    palette = np.array([QColor(class_color(k)).getRgb()[:3] for k in range(n_classes)], float)
    base = np.array(QColor(background).getRgb()[:3], float)
    chance = 1.0 / max(n_classes, 2)
    sure = np.clip((confidence / 255.0 - chance) / (1.0 - chance), 0.0, 1.0)
    tint = (MAX_TINT * sure)[..., None]
    colours = palette[np.clip(classes, 0, n_classes - 1)]
    rgb = base * (1.0 - tint) + colours * tint
    alpha = np.full((*classes.shape, 1), 255.0)
    return np.concatenate([rgb, alpha], axis=-1).astype(np.uint8)


class BoundaryView(QWidget):
    """Data points over the boundary image of the inspected network."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # the boundary image covers the whole plot: its grid stays over it
        self.plot_widget = make_plot_widget("boundaryPlot", grid_over_data=True)
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setAspectLocked(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        # One scatter item per class and split: one brush and pen each paints far faster
        # than per-point styles (the points are repainted whenever the image changes).
        self._point_items: list[pg.ScatterPlotItem] = []
        self._shown_grid: tuple[int, int] | None = None
        self._theme: Theme | None = None
        self._data = None
        self._extent = (0.0, 1.0, 0.0, 1.0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)

    def apply_theme(self, theme: Theme) -> None:
        """Restyle the axes and the points."""
        self._theme = theme
        self._shown_grid = None
        style_plot(self.plot_widget, theme)
        self._draw_points()

    def set_data(self, data, extent: tuple[float, float, float, float]) -> None:
        """The data set (train filled, test hollow) and the grid's (xmin, xmax, ymin, ymax)."""
        self._data = data
        self._extent = extent
        xmin, xmax, ymin, ymax = extent
        self.image.setRect(QRectF(xmin, ymin, xmax - xmin, ymax - ymin))
        self.plot.setXRange(xmin, xmax, padding=0.0)
        self.plot.setYRange(ymin, ymax, padding=0.0)
        self.image.clear()
        self._shown_grid = None
        self._draw_points()

    def _draw_points(self) -> None:
        data, theme = self._data, self._theme
        if data is None or theme is None:
            return
        for item in self._point_items:
            self.plot.removeItem(item)
        self._point_items = []
        size = max(4.0, 0.6 * theme.point_size)
        outline = pg.mkPen(theme.foreground, width=0.5 * theme.scale)
        for label in range(data.n_classes):
            color = class_color(label)
            train = data.x_train[data.y_train == label]
            test = data.x_test[data.y_test == label]
            filled = pg.ScatterPlotItem(
                train[:, 0], train[:, 1], size=size, brush=pg.mkBrush(color), pen=outline
            )
            hollow = pg.ScatterPlotItem(
                test[:, 0], test[:, 1], size=size, brush=None,
                pen=pg.mkPen(color, width=1.5 * theme.scale),
            )  # fmt: skip
            for item in (filled, hollow):
                # Painted once into a cache, then copied over each new boundary image.
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
                self.plot.addItem(item)
                self._point_items.append(item)

    def draw_boundary(
        self,
        classes: np.ndarray | None,
        confidence: np.ndarray | None,
        key: tuple[int, int] | None = None,
    ) -> None:
        """Show a predicted-class grid (None: no boundary yet); ``key`` (e.g. step and lane)
        names it, so the same grid is not coloured and uploaded again every frame."""
        if classes is None or self._data is None or self._theme is None:
            if self._shown_grid is not None or key is None:
                self.image.clear()
            self._shown_grid = None
            return
        if key is not None and key == self._shown_grid:
            return
        self._shown_grid = key
        image = boundary_image(
            classes, confidence, self._data.n_classes, self._theme.plot_background
        )
        self.image.setImage(image, autoLevels=False, levels=(0, 255))
        xmin, xmax, ymin, ymax = self._extent
        self.image.setRect(QRectF(xmin, ymin, xmax - xmin, ymax - ymin))
