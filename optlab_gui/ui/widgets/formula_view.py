"""Mathematics as real typeset formulas: pre-rendered SVGs recoloured to the theme and scaled.

The SVGs in resources/formulas/ are made by tools/render_formulas.py from the LaTeX strings
of the core registries, drawn in a sentinel colour that is swapped for the theme's text
colour at load time. A missing image falls back to the LaTeX source as text, with a warning
in the log, so a damaged install still teaches.
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from optlab_gui.ui.resource_paths import resource_path
from optlab_gui.ui.theme import Theme

log = logging.getLogger(__name__)

#: The colour tools/render_formulas.py draws with; replaced by the theme's text colour.
SENTINEL_COLOR = "#010203"
#: Pixels per SVG point at scale 1.0.
BASE_ZOOM = 1.25
#: The narrowest a formula is shrunk to.
MIN_WIDTH = 120


@cache
def formula_svg(key: str) -> bytes | None:
    """The SVG source of formula ``key``, or None (logged once) when the file is missing."""
    path = resource_path("formulas", f"{key}.svg")
    try:
        return path.read_bytes()
    except OSError:
        log.warning("formula image %s is missing; showing the formula as text", path)
        return None


class FormulaView(QWidget):
    """Shows one formula; falls back to its LaTeX source when the image is missing."""

    def __init__(self, key: str = "", fallback_text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._renderer = QSvgRenderer(self)
        self._key = ""
        self._fallback_text = ""
        self._color = "#000000"
        self._zoom = BASE_ZOOM
        self.set_formula(key, fallback_text)

    @property
    def key(self) -> str:
        """The key of the formula on show."""
        return self._key

    def has_image(self) -> bool:
        """True when the typeset image loaded (False means the text fallback is shown)."""
        return self._renderer.isValid()

    def set_formula(self, key: str, fallback_text: str = "") -> None:
        """Show formula ``key`` (resources/formulas/<key>.svg); ``fallback_text`` if missing."""
        self._key = key
        self._fallback_text = fallback_text or key
        self._reload()

    def apply_theme(self, theme: Theme) -> None:
        """Recolour to the theme's text colour and scale with the presentation factor."""
        self._color = theme.foreground
        self._zoom = BASE_ZOOM * theme.scale
        self._reload()

    def _reload(self) -> None:
        source = formula_svg(self._key) if self._key else None
        if source is None:
            self._renderer.load(QByteArray())
        else:
            colored = source.replace(SENTINEL_COLOR.encode(), self._color.encode())
            self._renderer.load(QByteArray(colored))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        """The image's natural size times the zoom, or the fallback text's size."""
        if self._renderer.isValid():
            size = self._renderer.defaultSize()
            return QSize(round(size.width() * self._zoom), round(size.height() * self._zoom))
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self._fallback_text) + 8, metrics.height() + 8)

    def hasHeightForWidth(self) -> bool:
        """The image keeps its aspect: a narrower view is a shorter one."""
        return self._renderer.isValid()

    def heightForWidth(self, width: int) -> int:
        """The height of the image shrunk (never stretched) to ``width``, or to the widget's
        maximum width if less (layouts ask with the width of their cell)."""
        hint = self.sizeHint()
        width = min(width, self.maximumWidth())
        return round(hint.height() * min(1.0, width / max(1, hint.width())))

    def minimumSizeHint(self) -> QSize:
        """Shrinks with the width it is given (a narrow sidebar scales the image down rather
        than scrolling sideways), but not below a width that keeps it legible."""
        width = min(self.sizeHint().width(), MIN_WIDTH)
        return QSize(
            width, self.heightForWidth(width) if self.has_image() else self.sizeHint().height()
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the SVG, shrunk to the width available but never stretched."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._renderer.isValid():
            painter.setPen(self.palette().windowText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignVCenter, self._fallback_text)
            return
        hint = self.sizeHint()
        factor = min(1.0, self.width() / max(1, hint.width()))
        width, height = hint.width() * factor, hint.height() * factor
        self._renderer.render(painter, QRectF(0, (self.height() - height) / 2, width, height))
