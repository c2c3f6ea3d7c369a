"""What the memory benchmarks share: OptLab's window opened as in a lecture, offscreen, with
the user's settings untouched, and the resident memory of a process."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def resident_mb(pid: int | str = "self") -> float:
    """Resident set size of a process in MB (from /proc; 0 where it is not available)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def open_lecture_window(panel: str):
    """The application and its main window on ``panel`` at 1600x900, shown offscreen, in
    English, with temporary settings folders; returns (app, window)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = tempfile.mkdtemp(prefix="optlab-benchmark-")
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = os.path.join(folder, variable.lower())
    sys.path.insert(0, str(ROOT))
    from optlab_gui.app import create_application, create_main_window

    app = create_application(sys.argv[:1], language="en")
    window = create_main_window(panel)
    window.persist_settings = False
    window.resize(1600, 900)
    window.show()
    app.processEvents()
    return app, window
