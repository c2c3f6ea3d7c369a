"""The log file in the user's data folder, where errors and warnings are kept for bug reports."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QStandardPaths

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_file_path() -> Path:
    """The path of OptLab's log file (the platform's per-user data folder)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or ".") / "optlab.log"


def configure_logging() -> Path | None:
    """Send OptLab's log records to a rotating file; returns its path, or None if unwritable."""
    logger = logging.getLogger("optlab_gui")
    logger.setLevel(logging.INFO)
    path = log_file_path()
    for handler in [h for h in logger.handlers if isinstance(h, RotatingFileHandler)]:
        if Path(handler.baseFilename) == path:
            return path
        logger.removeHandler(handler)  # the user folder moved (tests): follow it
        handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=2, encoding="utf-8")
    except OSError:
        logger.addHandler(logging.StreamHandler())
        logger.warning("cannot write the log file %s; logging to the console", path)
        return None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logger.addHandler(handler)
    return path
