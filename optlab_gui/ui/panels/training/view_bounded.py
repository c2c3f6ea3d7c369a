"""Plot items bounded by the plot's visible range, so that moving them every frame is cheap.

pyqtgraph works out a curve's or a scatter's bounding rectangle from its data (NaN-aware
minima and maxima, pen and symbol padding measured in pixels) after every ``setData``, and
Qt asks for it several times a frame. On the surface race (seventeen items updated each
frame) that was about a third of the GUI thread's time per frame. The race's views set their
ranges themselves (no autorange), so the visible range is a correct bounding rectangle:
whatever an item paints outside it is clipped by the view box anyway.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF

__all__ = ["ViewBoundedCurve", "ViewBoundedScatter"]


class _ViewBounds:
    """Mixin for items placed directly in a ViewBox (no own position or transform): their
    bounding rectangle is the view's visible range. pyqtgraph already calls
    ``prepareGeometryChange`` when that range changes (``viewTransformChanged``)."""

    def boundingRect(self) -> QRectF:
        """The visible range of the item's view (the data's bounds outside a view)."""
        view = self.getViewBox()
        if not isinstance(view, pg.ViewBox):
            return super().boundingRect()
        return view.viewRect()


class ViewBoundedCurve(_ViewBounds, pg.PlotCurveItem):
    """A :class:`pyqtgraph.PlotCurveItem` bounded by its view's visible range."""


class ViewBoundedScatter(_ViewBounds, pg.ScatterPlotItem):
    """A :class:`pyqtgraph.ScatterPlotItem` bounded by its view's visible range."""
