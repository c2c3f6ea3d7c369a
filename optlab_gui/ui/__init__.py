"""Qt widgets of OptLab: the main window, one module per panel, shared widgets and the theme."""

import os

# One door to Qt: every ui module is imported through this package, so pyqtgraph is told
# here, before it is first imported, never to pick another binding (e.g. an installed PyQt6).
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
