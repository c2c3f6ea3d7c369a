"""Render the app icon's PNG sizes from resources/icons/optlab.svg (the one source image).

Run after changing the SVG: ``python tools/make_icons.py``. The bundle's .ico/.icns are made
from the same PNGs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def render_png(renderer: QSvgRenderer, size: int, path: Path) -> None:
    """Render the SVG at ``size`` pixels square into ``path``."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(path)):
        raise OSError(f"cannot write {path}")


def main() -> int:
    """Write optlab.png (256 px) and optlab_<size>.png for each bundle size."""
    QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "optlab.svg"))
    render_png(renderer, 256, ICONS / "optlab.png")
    for size in SIZES:
        render_png(renderer, size, ICONS / f"optlab_{size}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
