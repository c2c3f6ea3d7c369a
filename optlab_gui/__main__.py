"""Command line of OptLab: ``optlab`` / ``python -m optlab_gui``."""

from __future__ import annotations

import argparse
import gc
import logging
import multiprocessing
import os
import sys
import time

from optlab_gui import __version__

PANELS = ("activations", "batchnorm", "training")
LANGUAGES = ("en", "zh_CN")
SCREENSHOT_DEADLINE_S = 10.0
#: Rounds of posted events that settle the first frame's layout before a screenshot.
SCREENSHOT_SETTLE_ROUNDS = 3
# The collector runs again this long after the event loop starts: the first frame is on
# screen by then, and the one full collection of the start-up's objects does not delay it.
COLLECTOR_RESUME_DELAY_MS = 1000


def _window_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        message = f"expected WIDTHxHEIGHT such as 1600x900, got {text!r}"
        raise argparse.ArgumentTypeError(message) from None
    if not (320 <= width <= 8192 and 240 <= height <= 8192):
        raise argparse.ArgumentTypeError(f"window size {text} is outside 320x240 .. 8192x8192")
    return width, height


def _scene_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a scene number, got {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("scenes are numbered from 1")
    return number


def _presentation_scale(text: str) -> float:
    try:
        scale = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 1.0 <= scale <= 2.5:
        raise argparse.ArgumentTypeError(f"presentation scale {text} is outside 1.0 .. 2.5")
    return scale


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (kept separate so tests can read its choices)."""
    parser = argparse.ArgumentParser(
        prog="optlab",
        description="OptLab: a desktop lab for teaching activation functions, BatchNorm "
        "and optimizers, live.",
    )
    parser.add_argument("--panel", choices=PANELS, help="panel to open first")
    parser.add_argument("--lang", choices=LANGUAGES, help="language (default: system locale)")
    parser.add_argument(
        "--presentation", action="store_true", help="start in presentation mode (projector)"
    )
    parser.add_argument(
        "--lesson", metavar="FILE", help="open a lesson (or a scene) file and show its first scene"
    )
    parser.add_argument(
        "--scene",
        type=_scene_number,
        default=1,
        metavar="N",
        help="with --lesson: show scene N (1 = the first)",
    )
    parser.add_argument(
        "--scale",
        type=_presentation_scale,
        metavar="X",
        help="presentation scale 1.0-2.5 (implies --presentation)",
    )
    parser.add_argument(
        "--screenshot", metavar="PATH", help="render the window to a PNG file and exit"
    )
    parser.add_argument(
        "--size",
        type=_window_size,
        default=(1600, 900),
        metavar="WxH",
        help="window size for --screenshot (default 1600x900)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open every panel offscreen, run a few training steps, check translations and "
        "images, print a one-line summary; exit status 0 if all passed",
    )
    parser.add_argument("--version", action="version", version=f"OptLab {__version__}")
    return parser


def _save_screenshot(app, window, path: str) -> int:
    """Grab the window once the panel's first frame is painted with its finished content:
    what a user sees right after start (a restored scene first computes its steps)."""
    from PySide6.QtCore import QEvent

    deadline = time.monotonic() + SCREENSHOT_DEADLINE_S
    panel = window.current_panel()
    app.processEvents()
    while (
        time.monotonic() < deadline
        and panel is not None
        and not (panel.first_frame_painted() and panel.ready_for_screenshot())
    ):
        time.sleep(0.005)
        app.processEvents()
    # Plot axes fit their tick labels once painted, so the first frame's layout still moves
    # a little: settle it with the posted layout requests only, so that the panel's
    # background work, queued to start after the first frame, is not started for a picture.
    for _ in range(SCREENSHOT_SETTLE_ROUNDS):
        app.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    # ... and paint what the settling moved (only that: the rest is painted already).
    app.sendPostedEvents(None, QEvent.Type.UpdateRequest)
    # A panel that had to work after its first frame (a scene computing its steps) changed
    # its plots since; their repaint waits in queues the settling does not serve: render it.
    painted = panel is None or not panel.first_frame_shown()
    from optlab_gui.ui.png import save_png

    try:
        save_png(_window_picture(window, painted).toImage(), path)
    except OSError as error:
        print(f"optlab: cannot write the screenshot to {path}: {error}", file=sys.stderr)
        return 1
    return 0


def _window_picture(window, painted: bool):
    """The window as a pixmap. When everything it shows is ``painted`` already and it is
    offscreen (headless runs, CI), the backing store holds the frame: reading it takes ~4 ms
    where ``QWidget.grab()`` paints every plot again (20-70 ms measured, a tenth of the whole
    screenshot run). On a real screen ``grab()`` is kept: another window may cover this one."""
    from PySide6.QtGui import QGuiApplication

    if painted and QGuiApplication.platformName() == "offscreen":
        return window.screen().grabWindow(window.winId())
    return window.grab()


def _warn_lesson_refused(window, path: str, message: str) -> None:
    """Tell the lecturer why the lesson given on the command line did not open."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(
        window,
        QCoreApplication.translate("MainWindow", "Cannot open the lesson"),
        QCoreApplication.translate("MainWindow", "{file}: {problem}").format(
            file=path, problem=message
        ),
    )


def _pause_garbage_collection() -> bool:
    """Pause the cyclic garbage collector for the start-up; True if it was running.

    Start-up allocates a few hundred thousand long-lived objects (modules, Qt wrappers,
    plot items) and frees almost none, so the collector's passes over them find nothing:
    measured here, they were ~55 ms of a ~780 ms start."""
    running = gc.isenabled()
    gc.disable()
    return running


def _resume_garbage_collection(was_running: bool, freeze_survivors: bool = False) -> None:
    """Restart the collector paused by :func:`_pause_garbage_collection` (once).

    With ``freeze_survivors`` (the window is up) the start-up's garbage is collected once and
    what survives is frozen: it lives as long as the window, so the collector's full passes,
    which would walk all of it again during a lecture, skip it from now on."""
    if was_running and not gc.isenabled():
        if freeze_survivors:
            gc.collect()
            gc.freeze()
        gc.enable()


def main(argv: list[str] | None = None, end_process_after_screenshot: bool = False) -> int:
    """Parse the command line, open the window and run the event loop; the exit status.

    With ``end_process_after_screenshot`` (the ``optlab`` command) a ``--screenshot`` run
    ends the process as soon as the picture is written and the window closed: tearing down
    the interpreter, Qt and every widget one by one took ~150 ms more, a sixth of the run
    (measured), for a process that is ending anyway (nothing is persisted for a picture)."""
    # The training panel's race runs in a spawned process; in the PyInstaller bundle that
    # process is this executable again, and freeze_support() runs it instead of the GUI.
    multiprocessing.freeze_support()
    args = build_parser().parse_args(argv)
    if args.self_test:
        from optlab_gui.self_test import run_self_test

        return run_self_test()
    collecting = _pause_garbage_collection()
    try:
        return _open_window(args, end_process_after_screenshot, collecting)
    finally:
        _resume_garbage_collection(collecting)


def _import_numpy_before_qt() -> None:
    """Import NumPy before the first PySide6 import.

    PySide6 hooks every later import and reads each new module's source looking for
    "PySide6" (its ``__feature__`` switch); NumPy's ~150 modules, imported after PySide6, cost
    ~12 ms of that reading (measured here), and none of them uses Qt."""
    import numpy  # noqa: F401


def _open_window(args: argparse.Namespace, end_process_after_screenshot: bool,
                 collecting: bool) -> int:  # fmt: skip
    """Create the application and the window from the parsed ``args``; the exit status."""
    _import_numpy_before_qt()
    from PySide6.QtCore import QTimer

    from optlab_gui.app import create_application, create_main_window

    app = create_application(sys.argv[:1], language=args.lang)
    window = create_main_window(args.panel)
    if args.screenshot:
        window.persist_settings = False
        window.resize(*args.size)
    if args.scale is not None:
        window.set_presentation_scale(args.scale)
    elif args.presentation:
        window.set_presentation(True)
    if args.lesson:
        from optlab_gui.ui.scenes import SceneError

        try:
            window.open_lesson(args.lesson, args.scene - 1)
        except SceneError as error:
            message = " ".join(str(error).split())
            if args.screenshot:
                print(f"optlab: {args.lesson}: {message}", file=sys.stderr)
                window.shutdown_panels()
                return 2
            _warn_lesson_refused(window, args.lesson, message)
    window.show()
    if args.screenshot:
        status = _save_screenshot(app, window, args.screenshot)
        window.close()
        if end_process_after_screenshot:
            _end_process(status)
        return status
    QTimer.singleShot(
        COLLECTOR_RESUME_DELAY_MS,
        lambda: _resume_garbage_collection(collecting, freeze_survivors=True),
    )
    return app.exec()


def _end_process(status: int) -> None:
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def run() -> None:
    """Entry point of the ``optlab`` command, ``python -m optlab_gui`` and the bundle."""
    sys.exit(main(end_process_after_screenshot=True))


if __name__ == "__main__":
    run()
