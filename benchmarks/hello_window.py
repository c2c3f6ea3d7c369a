"""The minimal PySide6 + pyqtgraph + NumPy "hello window" that benchmarks/bundle.py bundles.

    python benchmarks/hello_window.py [--screenshot out.png] [--size 1280x720]

Shows one plot of a NumPy curve; with ``--screenshot``, like ``optlab --screenshot``, it saves
the painted window as a PNG and exits. The yardstick for OptLab's bundle size and start-up.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    """Open the window; with --screenshot, paint it, save the PNG and exit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", metavar="PATH", help="save the window and exit")
    parser.add_argument("--size", default="1280x720", metavar="WxH")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    plot = pg.PlotWidget(title="hello")
    x = np.linspace(-5.0, 5.0, 400)
    plot.plot(x, np.tanh(x))
    window.setCentralWidget(plot)
    window.resize(width, height)
    window.show()
    if not args.screenshot:
        return app.exec()
    for _ in range(3):
        app.processEvents()
    return 0 if window.grab().save(args.screenshot, "PNG") else 1


if __name__ == "__main__":
    sys.exit(main())
