"""Saving plots (PNG, SVG) and their data (CSV) safely, for slides and for students.

Every file is written to a temporary sibling first and renamed into place, so an
unwritable folder or a full disk leaves no half-written file, only a clear message.
"""

from __future__ import annotations

import contextlib
import csv
import importlib
import io
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

log = logging.getLogger(__name__)

PNG, SVG, CSV = "png", "svg", "csv"
#: PNGs are exported at this multiple of their on-screen width (crisp on a slide).
DEFAULT_PNG_SCALE = 2.0


_png_scale = DEFAULT_PNG_SCALE


def png_scale() -> float:
    """The PNG resolution the lecturer chose, as a multiple of the on-screen size."""
    return _png_scale


def set_png_scale(scale: float) -> None:
    """Choose the PNG resolution for export and for copying a plot (1× to 8×)."""
    global _png_scale
    _png_scale = min(8.0, max(1.0, float(scale)))


def widget_image(widget: QWidget, scale: float) -> QImage:
    """``widget`` rendered at ``scale`` × its on-screen size (crisp when pasted in a slide)."""
    image = QImage(widget.size() * scale, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(0)
    # QGraphicsView (every pyqtgraph plot) overrides render() with another signature.
    QWidget.render(widget, image)
    return image


class ExportError(Exception):
    """An export failed; the message is translated and ready to show."""


def _close_paths_with_lines(node) -> None:
    """Rewrite each SVG "Z" (close path) in ``node`` as a line back to its subpath's start.

    pyqtgraph 0.14.0's SVG exporter reads path data as "x,y" pairs and fails on the "Z" that
    Qt 6.11 writes for closed shapes (pyqtgraph issue #3495, fixed after 0.14.0). A line to
    the start draws the same shape. Remove once a fixed pyqtgraph is required.
    """
    for path in node.getElementsByTagName("path"):
        tokens, start = [], ""
        for token in path.getAttribute("d").split():
            if token[0] in "Mm":
                start = token[1:]
            tokens.append(f"L{start}" if token in ("Z", "z") and start else token)
        path.setAttribute("d", " ".join(token for token in tokens if token not in ("Z", "z")))


def _tolerate_closed_svg_paths() -> None:
    """Make pyqtgraph's SVG coordinate correction accept closed paths (done once)."""
    module = importlib.import_module("pyqtgraph.exporters.SVGExporter")
    correct = module.correctCoordinates
    if getattr(correct, "accepts_closed_paths", False):
        return

    def correct_closed_paths_too(node, defs, item, options):
        _close_paths_with_lines(node)
        return correct(node, defs, item, options)

    correct_closed_paths_too.accepts_closed_paths = True
    module.correctCoordinates = correct_closed_paths_too


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temporary_path)``, then move the result onto ``path`` in one step."""
    path = Path(path)
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=path.parent
        )
        os.close(descriptor)
    except OSError as error:
        raise ExportError(
            QCoreApplication.translate(
                "Export", "Cannot write to the folder {folder}: {reason}"
            ).format(folder=path.parent, reason=error.strerror or error)
        ) from error
    temporary_path = Path(temporary)
    try:
        write(temporary_path)
        if not temporary_path.exists() or temporary_path.stat().st_size == 0:
            raise OSError("nothing was written")
        os.replace(temporary_path, path)
    except (OSError, RuntimeError) as error:
        with contextlib.suppress(OSError):
            temporary_path.unlink()
        reason = getattr(error, "strerror", None) or str(error)
        raise ExportError(
            QCoreApplication.translate("Export", "Cannot save {path}: {reason}").format(
                path=path, reason=reason
            )
        ) from error


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Write a table as CSV (UTF-8, full float precision), atomically."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    write_atomically(Path(path), lambda temporary: temporary.write_bytes(data))


def export_plot(
    plot: pg.PlotItem | pg.PlotWidget, path: Path, png_scale: float = DEFAULT_PNG_SCALE
) -> None:
    """Export one plot as PNG (at ``png_scale`` × its on-screen width) or SVG, by suffix."""
    item = plot.getPlotItem() if isinstance(plot, pg.PlotWidget) else plot
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    # Imported on the first export: with the SVG writer's XML library, ~5 ms of start-up.
    from pyqtgraph.exporters import ImageExporter, SVGExporter

    if suffix == PNG:
        exporter = ImageExporter(item)
        width = max(1, round(item.sceneBoundingRect().width() * png_scale))
        exporter.parameters()["width"] = width
    elif suffix == SVG:
        _tolerate_closed_svg_paths()
        exporter = SVGExporter(item)
    else:
        message = QCoreApplication.translate(
            "Export", "Plots can be saved as PNG or SVG, not {suffix}"
        )
        raise ExportError(message.format(suffix=suffix or "?"))

    def write(temporary: Path) -> None:
        # The exporters choose the format by file name: give them the real suffix.
        named = temporary.with_name(temporary.name.removesuffix(".part") + f".{suffix}")
        try:
            exporter.export(str(named))
            os.replace(named, temporary)
        finally:
            with contextlib.suppress(OSError):
                named.unlink()

    write_atomically(path, write)


def export_plots(
    plots: dict[str, pg.PlotItem | pg.PlotWidget], path: Path, png_scale: float = DEFAULT_PNG_SCALE
) -> list[Path]:
    """Export several plots: one file per plot, named ``<stem>_<key><suffix>``; returns them."""
    path = Path(path)
    if len(plots) == 1:
        export_plot(next(iter(plots.values())), path, png_scale)
        return [path]
    written = []
    for key, plot in plots.items():
        target = path.with_name(f"{path.stem}_{key}{path.suffix}")
        export_plot(plot, target, png_scale)
        written.append(target)
    return written


def ask_export_path(parent: QWidget, suggested_name: str, kinds: Sequence[str]) -> Path | None:
    """Ask where to save; the chosen filter decides the format when the name has no suffix."""
    labels = {
        PNG: QCoreApplication.translate("Export", "PNG image (*.png)"),
        SVG: QCoreApplication.translate("Export", "SVG vector image (*.svg)"),
        CSV: QCoreApplication.translate("Export", "CSV data (*.csv)"),
    }
    filters = ";;".join(labels[kind] for kind in kinds)
    chosen, selected_filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("Export", "Export"), suggested_name, filters
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower().lstrip(".") not in kinds:
        kind = next((k for k in kinds if labels[k] == selected_filter), kinds[0])
        path = path.with_name(f"{path.name}.{kind}")
    return path


def export_interactively(
    parent: QWidget,
    suggested_name: str,
    plots: dict[str, pg.PlotItem | pg.PlotWidget],
    table: Callable[[], tuple[Sequence[str], Sequence[Sequence[object]]]] | None,
    ask: Callable[[QWidget, str, Sequence[str]], Path | None] = ask_export_path,
) -> list[Path]:
    """The panels' Export action: ask for a file, write plots or the data, report failures.

    Returns the files written (empty when cancelled or failed; failures show a message).
    """
    kinds = [PNG, SVG] + ([CSV] if table is not None else [])
    path = ask(parent, suggested_name, kinds)
    if path is None:
        return []
    try:
        if path.suffix.lower() == f".{CSV}" and table is not None:
            header, rows = table()
            write_csv(path, header, rows)
            return [path]
        return export_plots(plots, path, png_scale())
    except ExportError as error:
        log.warning("export failed: %s", error)
        QMessageBox.warning(
            parent, QCoreApplication.translate("Export", "Export failed"), str(error)
        )
        return []
