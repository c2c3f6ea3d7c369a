"""``optlab --self-test``: checks that an install or a bundle has everything the app needs.

Opens every panel offscreen in every language, runs a few training steps through the
panels' public hooks, loads the translations (OptLab's and Qt's qtbase), the formula images,
the icon and the JSON resources, then prints one summary line. Exit status 0 means every
check passed; otherwise the line names each check that failed. It uses only the main
window's API and the ``Panel`` hooks, so panels can grow without breaking it.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEventLoop, QLibraryInfo, QObject, QTimer, QTranslator, Slot
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

from optlab_gui.ui.context import app_context
from optlab_gui.ui.i18n import LANGUAGES
from optlab_gui.ui.main_window import PANEL_NAMES
from optlab_gui.ui.panels.base import RESET, START_PAUSE, STEP
from optlab_gui.ui.resource_paths import resource_path, resource_root

log = logging.getLogger(__name__)

CHECK_WINDOW_SIZE = (1280, 800)
PANEL_DEADLINE_S = 10.0
TRAINING_DEADLINE_S = 10.0
TRAINING_STEPS = 3
POLL_INTERVAL_MS = 20
# A painted panel has text, plots and frames: far more than a handful of colours.
MIN_DISTINCT_COLOURS = 8
# The platform plugins a desktop session needs, per operating system.
DESKTOP_PLATFORM_PLUGINS = {
    "linux": ("qxcb", "qwayland"),
    "win32": ("qwindows",),
    "darwin": ("qcocoa",),
}


class SelfTestError(Exception):
    """A self-test check found something missing or broken; the message says what."""


def distinct_colours(image: QImage) -> int:
    """How many different colours the pixels of ``image`` hold.

    An unpainted or blank widget gives 1 or 2; a panel with text or a plot gives dozens
    (antialiasing alone makes many shades).
    """
    if image.isNull():
        return 0
    pixels = image.convertToFormat(QImage.Format.Format_ARGB32)
    values = np.frombuffer(
        pixels.constBits(), dtype=np.uint32, count=pixels.width() * pixels.height()
    )
    return len(np.unique(values))


class SelfTest(QObject):
    """Runs the checks against one main window and collects what passed and what failed."""

    def __init__(self, app, window) -> None:
        super().__init__()
        self.app = app
        self.window = window
        self.passed: list[str] = []
        self.failed: list[str] = []
        self.notes: list[str] = []
        self.reported_errors: list[str] = []
        self._context = app_context()
        self._context.errors.error_reported.connect(self._on_error_reported)
        self._loop = QEventLoop()
        self._poll = QTimer()
        self._poll.setSingleShot(True)
        self._poll.setInterval(POLL_INTERVAL_MS)
        self._poll.timeout.connect(self._loop.quit)

    @Slot(str, str)
    def _on_error_reported(self, summary: str, _details: str) -> None:
        self.reported_errors.append(summary)

    # Running checks -----------------------------------------------------------------

    def check(self, name: str, run: Callable[[], str]) -> None:
        """Run one check; ``run`` returns what it verified or raises SelfTestError."""
        try:
            self.passed.append(f"{name} ({run()})")
        except SelfTestError as failure:
            self.failed.append(f"{name}: {failure}")
        except Exception as error:  # any crash inside a check is that check's failure
            self.failed.append(f"{name}: {type(error).__name__}: {error}")

    def wait_until(self, condition: Callable[[], bool], deadline_s: float) -> bool:
        """Run the event loop until ``condition()`` holds; False if ``deadline_s`` passes first."""
        deadline = time.monotonic() + deadline_s
        while not condition():
            if time.monotonic() > deadline:
                return False
            self._poll.start()
            self._loop.exec()
        return True

    def summary(self, seconds: float) -> str:
        """The one line printed at the end."""
        notes = f" [{'; '.join(self.notes)}]" if self.notes else ""
        if self.failed:
            return (
                f"OptLab self-test FAILED: {'; '.join(self.failed)}"
                f" (passed: {', '.join(self.passed) or 'nothing'}){notes}"
            )
        return f"OptLab self-test passed in {seconds:.1f} s: {', '.join(self.passed)}{notes}"

    # The checks ---------------------------------------------------------------------

    def check_icon(self) -> str:
        """The window icon loads as an image."""
        path = resource_path("icons", "optlab.png")
        if QImage(str(path)).isNull():
            raise SelfTestError(f"{path} does not load")
        return "optlab.png"

    def check_platform_plugins(self) -> str:
        """The platform plugins a desktop session needs are installed beside Qt."""
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
        wanted = DESKTOP_PLATFORM_PLUGINS.get(sys.platform, ())
        present = {
            entry.split(".")[0].removeprefix("lib") for entry in _list_dir(folder, "platforms")
        }
        missing = [name for name in wanted if name not in present]
        if missing:
            raise SelfTestError(f"{', '.join(missing)} missing from {folder}/platforms")
        return ", ".join(wanted) or "none needed"

    def check_translations(self) -> str:
        """Each language loads OptLab's catalog, changes the window's strings, and has qtbase."""
        languages = self._context.languages
        self.window.set_language("en")
        english_title = self.window.windowTitle()
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        verified = []
        for language in LANGUAGES:
            if language == "en":
                continue
            self.window.set_language(language)
            if languages.language != language or languages.problem:
                raise SelfTestError(languages.problem or f"{language} was not applied")
            if self.window.windowTitle() == english_title:
                raise SelfTestError(f"the window title is not translated to {language}")
            if not QTranslator().load(f"qtbase_{language}", qt_folder):
                raise SelfTestError(f"Qt's qtbase_{language}.qm is missing from {qt_folder}")
            verified.append(f"{language} + qtbase_{language}")
        self.window.set_language("en")
        return ", ".join(verified)

    def check_panels(self) -> str:
        """Every panel opens and paints its content in every language."""
        for language in LANGUAGES:
            self.window.set_language(language)
            for name in PANEL_NAMES:
                panel = self.window.show_panel(name)
                if not self.wait_until(panel.ready_for_screenshot, PANEL_DEADLINE_S):
                    raise SelfTestError(f"{name} ({language}) not ready after {PANEL_DEADLINE_S} s")
                colours = distinct_colours(panel.grab().toImage())
                if colours < MIN_DISTINCT_COLOURS:
                    raise SelfTestError(f"{name} ({language}) paints blank ({colours} colours)")
        self.window.set_language("en")
        return f"{len(PANEL_NAMES)} panels x {len(LANGUAGES)} languages"

    def check_training(self) -> str:
        """Step() and Start/Pause make every panel that trains redraw, within a deadline."""
        trained = []
        for name in PANEL_NAMES:
            panel = self.window.show_panel(name)
            if STEP in panel.supported_actions:
                trained.append(f"{name}: {self._train(name, panel)}")
            elif name == "training":
                self.notes.append("training: not yet available (the panel has no Step)")
        return "; ".join(trained) or "skipped"

    def _train(self, name: str, panel) -> str:
        if not self.wait_until(panel.ready_for_screenshot, PANEL_DEADLINE_S):
            raise SelfTestError(f"{name} not ready after {PANEL_DEADLINE_S} s")
        redrawn_steps = sum(self.redraws_after(panel, panel.step) for _ in range(TRAINING_STEPS))
        if redrawn_steps == 0:
            raise SelfTestError(f"{name}: no redraw within {TRAINING_DEADLINE_S} s of any Step")
        verified = f"{redrawn_steps}/{TRAINING_STEPS} steps redrew"
        if START_PAUSE in panel.supported_actions:
            verified += ", " + self._start_and_pause(name, panel)
        if RESET in panel.supported_actions:
            panel.reset()
            self.app.processEvents()
        return verified

    def redraws_after(self, panel, action: Callable[[], None]) -> bool:
        """True if ``panel`` looks different within the deadline after ``action()``."""
        before = panel.grab().toImage()
        action()
        return self.wait_until(lambda: panel.grab().toImage() != before, TRAINING_DEADLINE_S)

    def _start_and_pause(self, name: str, panel) -> str:
        if not self.redraws_after(panel, panel.start_pause):
            raise SelfTestError(f"{name}: no redraw within {TRAINING_DEADLINE_S} s of Start")
        if panel.is_running():  # a short run may already have finished by itself
            panel.start_pause()
            if not self.wait_until(lambda: not panel.is_running(), TRAINING_DEADLINE_S):
                raise SelfTestError(f"{name}: Pause did not stop the training")
        return "start/pause"

    def check_formulas(self) -> str:
        """Every pre-rendered formula image is a valid SVG."""
        images = sorted(resource_path("formulas").glob("*.svg"))
        broken = [path.name for path in images if not QSvgRenderer(str(path)).isValid()]
        if broken:
            raise SelfTestError(f"invalid SVG: {', '.join(broken)}")
        if not images:
            self.notes.append("formulas: none yet")
        return f"{len(images)} images"

    def check_json_resources(self) -> str:
        """Every JSON resource (lessons and the like) parses."""
        files = sorted(resource_root().rglob("*.json"))
        broken = []
        for path in files:
            try:
                json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
                broken.append(f"{path.name} ({error})")
        if broken:
            raise SelfTestError(", ".join(broken))
        return f"{len(files)} files"

    def check_no_reported_errors(self) -> str:
        """Nothing reached the error dialog while the checks ran (including closing)."""
        if self.reported_errors:
            raise SelfTestError(" | ".join(self.reported_errors))
        return "none"


def _list_dir(folder: str, name: str) -> list[str]:
    try:
        return os.listdir(os.path.join(folder, name))
    except OSError:
        return []


def run_self_test() -> int:
    """Run every check offscreen, print (and log) the summary line; 0 if all passed, else 1."""
    started = time.monotonic()
    # Offscreen unless the caller asked for a platform (e.g. to watch it on a desktop).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from optlab_gui.app import create_application, create_main_window

    app = create_application(sys.argv[:1], language="en")
    window = create_main_window()
    window.persist_settings = False
    window.resize(*CHECK_WINDOW_SIZE)
    window.show()
    test = SelfTest(app, window)
    test.check("icon", test.check_icon)
    test.check("platform plugins", test.check_platform_plugins)
    test.check("translations", test.check_translations)
    test.check("formulas", test.check_formulas)
    test.check("json resources", test.check_json_resources)
    test.check("panels", test.check_panels)
    test.check("training", test.check_training)
    window.close()
    app.processEvents()
    test.check("errors", test.check_no_reported_errors)
    summary = test.summary(time.monotonic() - started)
    # A windowed build on Windows has no console: the log file keeps the line too.
    log.log(logging.ERROR if test.failed else logging.INFO, "%s", summary)
    print(summary, flush=True)
    return 1 if test.failed else 0
