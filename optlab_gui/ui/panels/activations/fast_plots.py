"""Paint speed for plots redrawn on every slider step: cached axes and a cached curve layer.

A slider step changes one activation's curves, yet Qt repaints the whole plot: the grid
(which pyqtgraph draws line by line as part of the axes) and every thick antialiased curve,
about 2 ms each here. Two caches keep a step cheap:

* the axes and grid, and the legend, are painted from pixmaps until they change;
* the curves that do not change (every shown activation but the selected one) are painted
  by one ``StaticCurveLayer`` from a pixmap until one of them changes, while the selected
  activation's curves are painted live on top.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

AXES = ("left", "bottom", "right", "top")
_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache


def cache_axes(plot: pg.PlotItem) -> None:
    """Paint ``plot``'s axes and grid from a pixmap cache until they change."""
    for name in AXES:
        plot.getAxis(name).setCacheMode(_CACHE)


def cache_subtree(item: QGraphicsItem) -> None:
    """Paint ``item`` and all its descendants (e.g. a legend's samples and labels) from
    pixmap caches: Qt caches each item's own painting, never its children's."""
    item.setCacheMode(_CACHE)
    for child in item.childItems():
        cache_subtree(child)


class LayerableCurve(pg.PlotCurveItem):
    """A curve that a StaticCurveLayer can paint instead of itself (it then paints nothing).

    It stays in its plot as an ordinary item, so legends, exports and tests see a normal
    PlotCurveItem with its data and pen.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.in_layer = False

    def paint(self, painter, option, widget) -> None:
        """Paint, unless a layer paints this curve."""
        if not self.in_layer:
            super().paint(painter, option, widget)

    def paint_for_layer(self, painter, option, widget) -> None:
        """Paint on behalf of the layer (same coordinates: both live in the plot's view)."""
        super().paint(painter, option, widget)


class StaticCurveLayer(pg.GraphicsObject):
    """Paints a set of LayerableCurves from one pixmap cache, redrawn only when told."""

    def __init__(self, plot: pg.PlotItem) -> None:
        super().__init__()
        self._view = plot.getViewBox()
        self._curves: list[LayerableCurve] = []
        self.setCacheMode(_CACHE)
        self.setZValue(-1)  # below the live curves, above the shaded regions
        plot.addItem(self, ignoreBounds=True)
        self._view.sigRangeChanged.connect(self._view_changed)

    def set_curves(self, curves: Sequence[LayerableCurve]) -> None:
        """Paint exactly ``curves`` (they stop painting themselves; others paint again)."""
        for curve in self._curves:
            if curve not in curves:
                curve.in_layer = False
                curve.update()
        self._curves = list(curves)
        for curve in self._curves:
            curve.in_layer = True
        self.update()

    def boundingRect(self) -> QRectF:
        """The visible part of the plot (in data coordinates)."""
        return self._view.viewRect()

    def paint(self, painter, option, widget) -> None:
        """Paint every curve of the layer that is visible."""
        for curve in self._curves:
            if curve.isVisible():
                painter.save()
                curve.paint_for_layer(painter, option, widget)
                painter.restore()

    def _view_changed(self, *_args) -> None:
        self.prepareGeometryChange()
        self.update()
