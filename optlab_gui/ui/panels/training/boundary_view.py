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
from PySide6.QtWidgets import QVBoxLayout, QWidget

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
        self.plot_widget = make_plot_widget("boundaryPlot")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setAspectLocked(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        self.train_points = pg.ScatterPlotItem(pxMode=True)
        self.test_points = pg.ScatterPlotItem(pxMode=True)
        self.plot.addItem(self.train_points)
        self.plot.addItem(self.test_points)
        self._theme: Theme | None = None
        self._data = None
        self._extent = (0.0, 1.0, 0.0, 1.0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)

    def apply_theme(self, theme: Theme) -> None:
        """Restyle the axes and the points."""
        self._theme = theme
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
        self._draw_points()

    def _draw_points(self) -> None:
        data, theme = self._data, self._theme
        if data is None or theme is None:
            return
        size = max(4.0, 0.6 * theme.point_size)
        brushes = [pg.mkBrush(class_color(int(k))) for k in data.y_train]
        self.train_points.setData(
            data.x_train[:, 0], data.x_train[:, 1], size=size, brush=brushes,
            pen=pg.mkPen(theme.foreground, width=0.5 * theme.scale),
        )  # fmt: skip
        pens = [pg.mkPen(class_color(int(k)), width=1.5 * theme.scale) for k in data.y_test]
        self.test_points.setData(
            data.x_test[:, 0], data.x_test[:, 1], size=size, brush=None, pen=pens
        )

    def draw_boundary(self, classes: np.ndarray | None, confidence: np.ndarray | None) -> None:
        """Show a predicted-class grid (None: no boundary yet)."""
        if classes is None or self._data is None or self._theme is None:
            self.image.clear()
            return
        image = boundary_image(
            classes, confidence, self._data.n_classes, self._theme.plot_background
        )
        self.image.setImage(image, autoLevels=False, levels=(0, 255))
        xmin, xmax, ymin, ymax = self._extent
        self.image.setRect(QRectF(xmin, ymin, xmax - xmin, ymax - ymin))
