"""The monkey: a seeded random driver that uses OptLab like a restless audience would.

It knows no panel by name. Before every action it looks at what the window shows — every
visible, enabled control (buttons, check boxes, sliders, spin boxes, combo boxes, tab bars,
list and tree items, line edits), the window's actions and shortcuts, the pyqtgraph plots —
and picks one at random: clicks, drags, types junk ("nan", "1e999", "∞", ...), switches
panels, languages and presentation mode, fires start/pause/step/reset storms, drags on the
plots. File, colour and message dialogs are answered by stand-ins (a temporary path, junk,
cancel); any other modal dialog or popup is closed. The error dialog appearing means an
uncaught exception: it is recorded and closed.

Everything that goes wrong is recorded with the action that preceded it: uncaught exceptions
(GUI thread and worker threads), errors reported to the app's ErrorReporter, Qt warnings,
and actions that took longer than their budget (a frozen window). The run is seeded; the
seed and the last actions are in the report, so a failure can be replayed with
``OPTLAB_MONKEY_SEED``. Used by tests/robustness/test_monkey.py (60 s in CI) and
benchmarks/monkey_long.py (10 minutes).

Independent of pytest: it drives Qt through QTest and hand-made events, so the benchmark
script can run it too.
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import os
import random
import re
import sys
import tempfile
import threading
import time
import tomllib
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QPointF,
    QRect,
    Qt,
    QTimer,
    QtMsgType,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QAction, QColor, QFont, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QColorDialog,
    QComboBox,
    QDialog,
    QFileDialog,
    QFontDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QStatusBar,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

#: What a lecturer or a student might type where a number is expected (the issue's list
#: and a few more that parsers trip over).
JUNK_TEXTS = (
    "nan", "1e999", "", "-0", "∞", "1e-320", "abc", "-inf", "inf", "NaN", "1e308", "-1e308",
    "0", "-1", "1e6", " 3 ", "0x10", "１２", "1,5", "--2", "1e", ".", "9" * 41,
)  # fmt: skip
#: Actions never taken: quitting ends the run rather than testing anything.
EXCLUDED_ACTIONS = frozenset({"actionQuit"})


def _ignored_qt_messages() -> tuple[re.Pattern, ...]:
    """The Qt messages that are not problems: pyproject's ``qt_log_ignore`` (the offscreen
    platform saying what it cannot do), so the monkey and pytest-qt agree."""
    with open(ROOT / "pyproject.toml", "rb") as config:
        patterns = tomllib.load(config)["tool"]["pytest"]["ini_options"]["qt_log_ignore"]
    return tuple(re.compile(pattern) for pattern in patterns)


ROOT = Path(__file__).resolve().parents[2]
IGNORED_QT_MESSAGES = _ignored_qt_messages()
#: An action (with the events it triggers) taking longer than this is a frozen window.
ACTION_BUDGET_SECONDS = 10.0
#: pyqtgraph drops mouse moves that come faster than its rate limit (~60 Hz).
MOUSE_MOVE_INTERVAL_MS = 18
#: Relative frequency of each kind of action.
ACTION_WEIGHTS = {
    "control": 40,
    "plot": 12,
    "window_action": 9,
    "shortcut": 6,
    "key": 3,
    "storm": 5,
    "panel": 6,
    "language": 3,
    "presentation": 3,
    "resize": 2,
    "idle": 6,
}
#: Keys pressed on whatever has the focus, besides the actions' shortcuts.
RANDOM_KEYS = (
    Qt.Key.Key_Space,
    Qt.Key.Key_Return,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_R,
    Qt.Key.Key_Plus,
    Qt.Key.Key_Minus,
    Qt.Key.Key_0,
    Qt.Key.Key_Equal,
)
RANDOM_MODIFIERS = (
    Qt.KeyboardModifier.NoModifier,
    Qt.KeyboardModifier.NoModifier,
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
)


# Reporting -----------------------------------------------------------------------------


@dataclass
class Problem:
    """One thing that went wrong, with the action that preceded it."""

    kind: str  # "exception", "error reported", "error dialog", "Qt warning", "slow action"
    action_index: int
    action: str
    message: str
    details: str = ""

    def text(self) -> str:
        """The problem as a paragraph of the report."""
        head = f"[{self.kind}] after action #{self.action_index} ({self.action}): {self.message}"
        return f"{head}\n{self.details}".rstrip()


def resident_memory_bytes(pid: int | str = "self") -> int:
    """Resident set size of a process from /proc (0 where /proc is not available)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def children_memory_bytes() -> int:
    """Resident memory of this process's live multiprocessing children (compute processes)."""
    return sum(resident_memory_bytes(child.pid) for child in multiprocessing.active_children())


@dataclass
class MonkeyReport:
    """What a run did and what went wrong; ``summary`` is what the test and benchmark print."""

    seed: int
    seconds: float = 0.0
    actions: int = 0
    kinds: collections.Counter = field(default_factory=collections.Counter)
    problems: list[Problem] = field(default_factory=list)
    messages_shown: collections.Counter = field(default_factory=collections.Counter)
    dialogs_closed: collections.Counter = field(default_factory=collections.Counter)
    files_offered: int = 0
    slowest_seconds: float = 0.0
    slowest_action: str = ""
    memory_samples: list[tuple[float, int, int]] = field(default_factory=list)
    recent: collections.deque = field(default_factory=lambda: collections.deque(maxlen=40))

    @property
    def ok(self) -> bool:
        """True when nothing went wrong."""
        return not self.problems

    def memory_growth_mb(self, warm_up_fraction: float = 0.1) -> tuple[float, float]:
        """Growth of resident memory (GUI process, compute processes) in MB from the end of
        the warm-up (panels built lazily, caches filled) to the end of the run."""
        if len(self.memory_samples) < 2:
            return 0.0, 0.0
        start_time = self.memory_samples[0][0] + warm_up_fraction * self.seconds
        base = next((s for s in self.memory_samples if s[0] >= start_time), self.memory_samples[0])
        last = self.memory_samples[-1]
        return (last[1] - base[1]) / 2**20, (last[2] - base[2]) / 2**20

    def summary(self) -> str:
        """A few lines: seed, actions, problems, memory, slowest action."""
        gui, children = self.memory_growth_mb()
        first, last = (
            (self.memory_samples[0], self.memory_samples[-1])
            if self.memory_samples
            else ((0, 0, 0), (0, 0, 0))
        )
        kinds = ", ".join(f"{kind} {count}" for kind, count in self.kinds.most_common())
        lines = [
            f"monkey seed {self.seed}: {self.actions} actions in {self.seconds:.1f} s ({kinds})",
            f"problems: {len(self.problems)}"
            + "".join(f" | {kind} {n}" for kind, n in self._problem_kinds().items()),
            f"resident memory: GUI {first[1] / 2**20:.1f} -> {last[1] / 2**20:.1f} MB "
            f"(growth after warm-up {gui:+.1f} MB); compute processes "
            f"{first[2] / 2**20:.1f} -> {last[2] / 2**20:.1f} MB ({children:+.1f} MB)",
            f"slowest action {self.slowest_seconds:.2f} s: {self.slowest_action}",
            f"messages shown {sum(self.messages_shown.values())}, dialogs closed "
            f"{dict(self.dialogs_closed)}, file names offered {self.files_offered}",
        ]
        return "\n".join(lines)

    def _problem_kinds(self) -> collections.Counter:
        return collections.Counter(problem.kind for problem in self.problems)

    def failure_text(self, limit: int = 10) -> str:
        """The summary, the first problems in full, the last actions and how to replay."""
        parts = [self.summary(), ""]
        parts += [problem.text() for problem in self.problems[:limit]]
        if len(self.problems) > limit:
            parts.append(f"... and {len(self.problems) - limit} more problems")
        parts += ["", "last actions:", *self.recent]
        parts.append(f"replay: OPTLAB_MONKEY_SEED={self.seed}")
        return "\n".join(parts)


# Events --------------------------------------------------------------------------------


def wait(milliseconds: int) -> None:
    """Let the application run for ``milliseconds`` (0: handle what is pending)."""
    if milliseconds <= 0:
        QCoreApplication.processEvents()
    else:
        QTest.qWait(milliseconds)


def send_mouse(
    widget: QWidget,
    kind: QEvent.Type,
    position: QPoint,
    button: Qt.MouseButton,
    buttons: Qt.MouseButton,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Send a mouse event that carries the held buttons (pyqtgraph's drags need them, which
    QTest.mouseMove does not give)."""
    local = QPointF(position)
    event = QMouseEvent(
        kind, local, QPointF(widget.mapToGlobal(position)), button, buttons, modifiers
    )
    QApplication.sendEvent(widget, event)


def send_wheel(widget: QWidget, position: QPoint, steps: int) -> None:
    """Turn the mouse wheel ``steps`` notches (negative: towards the user) at ``position``."""
    event = QWheelEvent(
        QPointF(position),
        QPointF(widget.mapToGlobal(position)),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key, as a keyboard or an input method delivers it (QTest's
    keyClicks cannot send non-ASCII characters such as "∞")."""
    for character in text:
        key = Qt.Key(ord(character.upper())) if character.isascii() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(widget, event)


def press_key(
    widget: QWidget,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press and release one key (with modifiers) on ``widget``; shortcuts fire as usual."""
    QTest.keyClick(widget, key, modifiers)


def alive(widget: QWidget | None) -> bool:
    """True while the C++ widget behind ``widget`` exists and is on screen."""
    return widget is not None and shiboken6.isValid(widget) and widget.isVisible()


def describe(widget: QWidget) -> str:
    """``Class#objectName 'text' in parent/names``: enough to find the control again."""
    names = []
    parent = widget.parentWidget()
    while parent is not None and len(names) < 3:
        if parent.objectName():
            names.append(parent.objectName())
        parent = parent.parentWidget()
    text = ""
    if isinstance(widget, QAbstractButton | QLineEdit):
        text = widget.text()
    elif isinstance(widget, QComboBox):
        text = widget.currentText()
    label = f"{type(widget).__name__}#{widget.objectName() or '-'}"
    if text:
        label += f" {text[:30]!r}"
    return f"{label} in {'/'.join(reversed(names)) or 'window'}"


# Listening -----------------------------------------------------------------------------


class ProblemRecorder(QObject):
    """Records uncaught exceptions, reported errors and Qt warnings, naming the action in
    progress. Chains to the hooks already installed (pytest-qt's, the ErrorReporter's), so
    they keep working; ``install``/``uninstall`` put everything back."""

    def __init__(self, report: MonkeyReport, error_signal=None) -> None:
        super().__init__()
        self.report = report
        self.action_index = 0
        self.action = "start-up"
        self._error_signal = error_signal
        self._previous_excepthook = None
        self._previous_threading_hook = None
        self._previous_message_handler = None
        self._lock = threading.Lock()

    def record(self, kind: str, message: str, details: str = "") -> None:
        """Add a problem at the current action (thread-safe)."""
        with self._lock:
            self.report.problems.append(
                Problem(kind, self.action_index, self.action, message, details)
            )

    def install(self) -> None:
        """Start listening."""
        self._previous_excepthook = sys.excepthook
        self._previous_threading_hook = threading.excepthook
        sys.excepthook = self._excepthook
        threading.excepthook = self._threading_hook
        self._previous_message_handler = qInstallMessageHandler(self._qt_message)
        if self._error_signal is not None:
            self._error_signal.connect(self._on_error_reported)

    def uninstall(self) -> None:
        """Stop listening; the previous hooks are back."""
        if self._error_signal is not None:
            with contextlib.suppress(RuntimeError):
                self._error_signal.disconnect(self._on_error_reported)
        qInstallMessageHandler(self._previous_message_handler)
        sys.excepthook = self._previous_excepthook
        threading.excepthook = self._previous_threading_hook

    def _excepthook(self, kind, error, tb) -> None:
        details = "".join(traceback.format_exception(kind, error, tb))
        where = threading.current_thread().name
        self.record("exception", f"{kind.__name__}: {error} (thread {where})", details)
        if self._previous_excepthook is not None:
            self._previous_excepthook(kind, error, tb)

    def _threading_hook(self, hook_args) -> None:
        details = "".join(
            traceback.format_exception(
                hook_args.exc_type, hook_args.exc_value, hook_args.exc_traceback
            )
        )
        name = hook_args.thread.name if hook_args.thread is not None else "?"
        self.record("exception", f"{hook_args.exc_type.__name__} in thread {name}", details)
        if self._previous_threading_hook is not None:
            self._previous_threading_hook(hook_args)

    def _qt_message(self, mode, context, message) -> None:
        serious = mode in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        if serious and not any(ignored.search(message) for ignored in IGNORED_QT_MESSAGES):
            where = f"{context.file}:{context.line}" if context and context.file else ""
            self.record("Qt warning", message, where)
        if self._previous_message_handler is not None:
            self._previous_message_handler(mode, context, message)
        elif serious:
            print(message, file=sys.stderr)

    @Slot(str, str)
    def _on_error_reported(self, summary: str, details: str) -> None:
        self.record("error reported", summary, details)


class DialogStandIns:
    """Replaces the blocking static dialogs (file, colour, font, input, message boxes) with
    answers chosen by the monkey's generator, and closes any other modal dialog or popup
    that opens (a QTimer also reaches nested event loops). Restores everything on exit."""

    CLOSE_INTERVAL_MS = 40

    def __init__(self, rng: random.Random, folder: Path, report: MonkeyReport, recorder):
        self._rng = rng
        self._folder = folder
        self._report = report
        self._recorder = recorder
        self._saved: list[tuple[type, str, object]] = []
        self._closer = QTimer()
        self._closer.setInterval(self.CLOSE_INTERVAL_MS)
        self._closer.timeout.connect(self.close_dialogs)
        self._file_number = 0

    def __enter__(self) -> DialogStandIns:
        answers = {
            QFileDialog: {
                "getSaveFileName": self._save_file_name,
                "getOpenFileName": self._open_file_name,
                "getOpenFileNames": self._open_file_names,
                "getExistingDirectory": self._directory,
            },
            QColorDialog: {"getColor": self._color},
            QFontDialog: {"getFont": lambda *_a, **_k: (True, QFont())},
            QInputDialog: {
                "getText": self._input_text,
                "getMultiLineText": self._input_text,
                "getItem": lambda *_a, **_k: ("", False),
                "getInt": lambda *_a, **_k: (0, False),
                "getDouble": lambda *_a, **_k: (0.0, False),
            },
            QMessageBox: {
                "information": self._message("information"),
                "warning": self._message("warning"),
                "critical": self._message("critical"),
                "question": self._message("question"),
                "about": self._message("about"),
                "aboutQt": lambda *_a, **_k: None,
            },
        }
        for cls, replacements in answers.items():
            for name, replacement in replacements.items():
                self._saved.append((cls, name, cls.__dict__.get(name)))
                setattr(cls, name, staticmethod(replacement))
        self._closer.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._closer.stop()
        for cls, name, original in reversed(self._saved):
            if original is None:
                delattr(cls, name)
            else:
                setattr(cls, name, original)
        self._saved.clear()

    # Answers ---------------------------------------------------------------------------

    def _new_path(self, suffix: str) -> Path:
        self._file_number += 1
        self._report.files_offered += 1
        return self._folder / f"monkey_{self._file_number}{suffix}"

    def _save_file_name(self, *args, **kwargs):
        filters = kwargs.get("filter") or (args[3] if len(args) > 3 else "")
        labels = [label for label in str(filters).split(";;") if label] or ["All files (*)"]
        label = self._rng.choice(labels)
        suffixes = [part.strip("*()") for part in label.split() if part.startswith("(*.")]
        suffixes += [part.strip("*()") for part in label.split() if part.startswith("*.")]
        roll = self._rng.random()
        if roll < 0.25:
            return "", ""
        if roll < 0.35:  # a folder that does not exist and cannot be made
            return "/proc/optlab-monkey/out" + (suffixes[0] if suffixes else ""), label
        if roll < 0.45:  # no suffix: the chosen filter decides
            return str(self._new_path("")), label
        suffix = suffixes[0] if suffixes else self._rng.choice([".png", ".csv", ".json", ".x"])
        return str(self._new_path(suffix)), label

    def _file_to_open(self) -> str:
        """A file to open: one the app saved earlier in this run (a scene, a CSV, a PNG), a
        shipped lesson, a missing file, or a fresh file of junk."""
        roll = self._rng.random()
        saved = sorted(self._folder.glob("monkey_*"))
        if roll < 0.3 and saved:
            return str(self._rng.choice(saved))
        if roll < 0.45:
            lessons = sorted((ROOT / "resources" / "lessons").glob("*.json"))
            if lessons:
                return str(self._rng.choice(lessons))
        if roll < 0.55:
            return str(self._folder / "does-not-exist.json")
        path = self._new_path(self._rng.choice([".json", ".csv", ".png", ""]))
        contents = self._rng.choice(
            [b"", b"\x00\xff\xfe garbage", b"{", b'{"version": 999}', b"[]", "∞".encode(),
             b"x,y,label\n1,2,0\nnan,inf,1\n"]
        )  # fmt: skip
        path.write_bytes(contents)
        return str(path)

    def _open_file_name(self, *_args, **_kwargs):
        return ("", "") if self._rng.random() < 0.2 else (self._file_to_open(), "")

    def _open_file_names(self, *_args, **_kwargs):
        return ([], "") if self._rng.random() < 0.2 else ([self._file_to_open()], "")

    def _directory(self, *_args, **_kwargs):
        return "" if self._rng.random() < 0.3 else str(self._folder)

    def _color(self, *_args, **_kwargs):
        if self._rng.random() < 0.3:
            return QColor()  # cancelled: invalid colour
        return QColor(*(self._rng.randrange(256) for _ in range(3)))

    def _input_text(self, *_args, **_kwargs):
        return self._rng.choice(JUNK_TEXTS), self._rng.random() < 0.7

    def _message(self, kind: str) -> Callable:
        def answer(*args, **_kwargs):
            texts = [str(arg) for arg in args[1:3] if isinstance(arg, str)]
            self._report.messages_shown[f"{kind}: {' / '.join(texts)[:160]}"] += 1
            if kind == "question":
                return self._rng.choice(
                    [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No]
                )
            return QMessageBox.StandardButton.Ok

        return answer

    # Closing ---------------------------------------------------------------------------

    def close_dialogs(self) -> None:
        """Close popups, modal dialogs and any other visible dialog; an error dialog is
        recorded as a problem first (it means an exception nobody handled)."""
        for _ in range(10):
            widget = QApplication.activePopupWidget() or QApplication.activeModalWidget()
            if widget is None:
                break
            self._close(widget)
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and isinstance(widget, QDialog | QMenu):
                self._close(widget)

    def _close(self, widget: QWidget) -> None:
        if widget.objectName() == "errorDialog":
            details = widget.details() if hasattr(widget, "details") else ""
            self._recorder.record("error dialog", "the error dialog appeared", details)
        self._report.dialogs_closed[type(widget).__name__] += 1
        if isinstance(widget, QDialog):
            widget.reject()
        widget.close()


class FreezeWatch:
    """A watchdog thread: when the action in progress overruns its budget, it captures the
    GUI thread's Python stack, so a frozen window's report says where it was stuck."""

    POLL_SECONDS = 0.25

    def __init__(self, budget_seconds: float) -> None:
        self._budget = budget_seconds
        self._gui_thread = threading.get_ident()
        self._action_started: float | None = None
        self._stack = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="monkey-freeze-watch")

    def __enter__(self) -> FreezeWatch:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()

    def action_started(self) -> None:
        """An action begins (called in the GUI thread)."""
        self._stack = ""
        self._action_started = time.monotonic()

    def action_finished(self) -> str:
        """The action ended; returns the GUI thread's stack if it overran, else ""."""
        self._action_started = None
        return self._stack

    def _watch(self) -> None:
        while not self._stop.wait(self.POLL_SECONDS):
            started = self._action_started
            if started is None or self._stack or time.monotonic() - started < self._budget:
                continue
            frame = sys._current_frames().get(self._gui_thread)
            if frame is not None:
                stack = "".join(traceback.format_stack(frame))
                self._stack = f"GUI thread after {self._budget:.0f} s:\n{stack}"


# The monkey ----------------------------------------------------------------------------


class Monkey:
    """Drives ``window`` at random for a while; see the module docstring."""

    def __init__(
        self,
        window: QMainWindow,
        seed: int,
        folder: Path | None = None,
        error_signal=None,
        action_budget_seconds: float = ACTION_BUDGET_SECONDS,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.window = window
        self.rng = random.Random(seed)
        self.report = MonkeyReport(seed)
        self.folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="optlab-monkey-"))
        self.recorder = ProblemRecorder(self.report, error_signal)
        self.action_budget_seconds = action_budget_seconds
        self._log = log
        self._kinds = list(ACTION_WEIGHTS)
        self._weights = [ACTION_WEIGHTS[kind] for kind in self._kinds]

    # Running ---------------------------------------------------------------------------

    def run(self, seconds: float, memory_interval_seconds: float = 1.0) -> MonkeyReport:
        """Act for ``seconds``, then leave the window paused with no dialog open."""
        report = self.report
        started = time.monotonic()
        next_sample = started
        self.recorder.install()
        try:
            with (
                DialogStandIns(self.rng, self.folder, report, self.recorder) as dialogs,
                FreezeWatch(self.action_budget_seconds) as freeze_watch,
            ):
                while (now := time.monotonic()) - started < seconds:
                    if now >= next_sample:
                        self._sample_memory(now - started)
                        next_sample = now + memory_interval_seconds
                    self.act(dialogs, freeze_watch)
                self._pause_everything()
                dialogs.close_dialogs()
                report.seconds = time.monotonic() - started
                self._sample_memory(report.seconds)
        finally:
            self.recorder.uninstall()
        return report

    def act(self, dialogs: DialogStandIns, freeze_watch: FreezeWatch) -> None:
        """Choose one action, take it, let the application react, close what popped up."""
        kind = self.rng.choices(self._kinds, self._weights)[0]
        report = self.report
        report.actions += 1
        self.recorder.action_index = report.actions
        self.recorder.action = kind
        started = time.monotonic()
        freeze_watch.action_started()
        try:
            description = getattr(self, f"_do_{kind}")()
        except Exception as error:  # raised straight into the monkey by the app's code
            description = self.recorder.action
            self.recorder.record(
                "exception", f"{type(error).__name__}: {error}", traceback.format_exc()
            )
        wait(self.rng.choice((0, 0, 1, 10, 30, 80)))
        dialogs.close_dialogs()
        elapsed = time.monotonic() - started
        stuck_at = freeze_watch.action_finished()
        report.kinds[kind] += 1
        report.recent.append(f"#{report.actions} {elapsed * 1000:.0f} ms {description}")
        if elapsed > report.slowest_seconds:
            report.slowest_seconds, report.slowest_action = elapsed, description
        if elapsed > self.action_budget_seconds:
            self.recorder.record(
                "slow action",
                f"took {elapsed:.1f} s (budget {self.action_budget_seconds} s)",
                stuck_at,
            )
        if self._log is not None and report.actions % 500 == 0:
            self._log(f"{report.actions} actions, {len(report.problems)} problems")

    def _describe(self, text: str) -> str:
        self.recorder.action = text
        return text

    def _sample_memory(self, at: float) -> None:
        self.report.memory_samples.append((at, resident_memory_bytes(), children_memory_bytes()))

    def _pause_everything(self) -> None:
        panel = self.window.current_panel()
        if panel is not None and panel.is_running():
            panel.start_pause()
        wait(50)

    # What is on screen -----------------------------------------------------------------

    def controls(self) -> list[QWidget]:
        """Every visible, enabled control of the window (menus, status bar and the
        internals of spin and combo boxes excluded)."""
        found = []
        for widget in self.window.findChildren(QWidget):
            if (
                not widget.isVisible()
                or not widget.isEnabled()
                or widget.window() is not self.window
            ):
                continue
            if not self._is_control(widget) or self._inside_excluded(widget):
                continue
            found.append(widget)
        return found

    @staticmethod
    def _is_control(widget: QWidget) -> bool:
        if isinstance(widget, QTextEdit):
            return False  # explanations: read-only rich text (links would open a browser)
        if isinstance(widget, QToolButton) and widget.defaultAction() is not None:
            return widget.defaultAction().objectName() not in EXCLUDED_ACTIONS
        return isinstance(
            widget,
            QAbstractButton
            | QAbstractSlider
            | QAbstractSpinBox
            | QComboBox
            | QTabBar
            | QAbstractItemView
            | QLineEdit
            | pg.GraphicsView,
        )

    @staticmethod
    def _inside_excluded(widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QMenuBar | QMenu | QStatusBar | QAbstractSpinBox | QComboBox):
                return True
            parent = parent.parentWidget()
        return False

    def window_actions(self) -> list[QAction]:
        """The window's named, enabled actions except Quit."""
        return [
            action
            for action in self.window.findChildren(QAction)
            if action.objectName()
            and action.objectName() not in EXCLUDED_ACTIONS
            and action.isEnabled()
            and action.isVisible()
        ]

    def _focus_target(self) -> QWidget:
        focused = QApplication.focusWidget()
        if focused is not None and focused.window() is self.window:
            return focused
        return self.window

    # Actions ---------------------------------------------------------------------------

    def _do_control(self) -> str:
        controls = self.controls()
        if not controls:
            return self._describe("control: none visible")
        widget = self.rng.choice(controls)
        for kind, handler in (
            (QAbstractSpinBox, self._use_spin_box),
            (QComboBox, self._use_combo_box),
            (QAbstractSlider, self._use_slider),
            (QTabBar, self._use_tab_bar),
            (QAbstractButton, self._use_button),
            (QAbstractItemView, self._use_item_view),
            (QLineEdit, self._use_line_edit),
            (pg.GraphicsView, self._use_plot),
        ):
            if isinstance(widget, kind):
                return handler(widget)
        return self._describe(f"control: skipped {describe(widget)}")

    def _use_button(self, button: QAbstractButton) -> str:
        roll = self.rng.random()
        if roll < 0.65:
            self._describe(f"click {describe(button)}")
            QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
        elif roll < 0.85:
            self._describe(f"click() {describe(button)}")
            button.click()
        else:
            self._describe(f"double-click {describe(button)}")
            QTest.mouseDClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
        return self.recorder.action

    def _use_slider(self, slider: QAbstractSlider) -> str:
        low, high = slider.minimum(), slider.maximum()
        roll = self.rng.random()
        if roll < 0.35:
            value = self.rng.choice([low, high, self.rng.randint(low, high)])
            self._describe(f"set {describe(slider)} to {value}")
            slider.setValue(value)
        elif roll < 0.6:
            key = self.rng.choice(
                [
                    Qt.Key.Key_Left,
                    Qt.Key.Key_Right,
                    Qt.Key.Key_PageUp,
                    Qt.Key.Key_PageDown,
                    Qt.Key.Key_Home,
                    Qt.Key.Key_End,
                ]
            )
            count = self.rng.randint(1, 8)
            self._describe(f"press {key.name} ×{count} on {describe(slider)}")
            slider.setFocus()
            for _ in range(count):
                if alive(slider):
                    press_key(slider, key)
        else:
            self._describe(f"drag the handle of {describe(slider)}")
            self._drag(
                slider,
                self._slider_handle(slider),
                self.rng.randint(2, 6),
                Qt.MouseButton.LeftButton,
            )
        return self.recorder.action

    @staticmethod
    def _slider_handle(slider: QAbstractSlider) -> QPoint:
        span = max(1, slider.maximum() - slider.minimum())
        fraction = (slider.value() - slider.minimum()) / span
        rect = slider.rect()
        if slider.orientation() == Qt.Orientation.Horizontal:
            return QPoint(round(6 + fraction * max(1, rect.width() - 12)), rect.center().y())
        return QPoint(rect.center().x(), round(rect.height() - 6 - fraction * (rect.height() - 12)))

    def _use_spin_box(self, box: QAbstractSpinBox) -> str:
        roll = self.rng.random()
        editor = box.lineEdit() if hasattr(box, "lineEdit") else None
        if roll < 0.5 and editor is not None:
            text = self.rng.choice(JUNK_TEXTS) if self.rng.random() < 0.7 else self._number_text()
            finish = self.rng.choice(["Return", "Tab", "focus out"])
            self._describe(f"type {text!r} + {finish} into {describe(box)}")
            box.setFocus()
            editor.selectAll()
            type_text(editor, text)
            if not alive(box):
                return self.recorder.action
            if finish == "Return":
                press_key(editor, Qt.Key.Key_Return)
            elif finish == "Tab":
                press_key(editor, Qt.Key.Key_Tab)
            else:
                box.clearFocus()
        elif roll < 0.65 and editor is not None:
            text = self.rng.choice(JUNK_TEXTS)
            self._describe(f"paste {text!r} into {describe(box)}")
            box.setFocus()
            QApplication.clipboard().setText(text)
            editor.selectAll()
            press_key(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
            if alive(box):
                press_key(editor, Qt.Key.Key_Return)
        elif roll < 0.85:
            key = self.rng.choice(
                [Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown]
            )
            count = self.rng.randint(1, 6)
            self._describe(f"press {key.name} ×{count} on {describe(box)}")
            box.setFocus()
            for _ in range(count):
                if alive(box):
                    press_key(box, key)
        else:
            steps = self.rng.choice([-3, -1, 1, 3])
            self._describe(f"wheel {steps} on {describe(box)}")
            send_wheel(box, box.rect().center(), steps)
        return self.recorder.action

    def _number_text(self) -> str:
        magnitude = 10.0 ** self.rng.uniform(-12, 12)
        return self.rng.choice(
            [f"{magnitude:g}", f"{-magnitude:g}", str(self.rng.randint(-5, 500))]
        )

    def _use_combo_box(self, combo: QComboBox) -> str:
        count = combo.count()
        roll = self.rng.random()
        if roll < 0.4 and count:
            index = self.rng.randrange(count)
            self._describe(f"choose item {index} of {describe(combo)} from its list")
            combo.showPopup()
            view = combo.view()
            model_index = view.model().index(index, combo.modelColumn(), view.rootIndex())
            view.scrollTo(model_index, QAbstractItemView.ScrollHint.EnsureVisible)
            rect = view.visualRect(model_index)
            if alive(view) and rect.isValid():
                QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            if alive(combo):
                combo.hidePopup()
        elif roll < 0.75:
            key = self.rng.choice([Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End])
            self._describe(f"press {key.name} on {describe(combo)}")
            combo.setFocus()
            press_key(combo, key)
        elif roll < 0.9 and count:
            index = self.rng.randrange(count)
            self._describe(f"setCurrentIndex({index}) on {describe(combo)}")
            combo.setCurrentIndex(index)
        else:
            steps = self.rng.choice([-1, 1])
            self._describe(f"wheel {steps} on {describe(combo)}")
            send_wheel(combo, combo.rect().center(), steps)
        return self.recorder.action

    def _use_tab_bar(self, tabs: QTabBar) -> str:
        if not tabs.count():
            return self._describe(f"empty {describe(tabs)}")
        index = self.rng.randrange(tabs.count())
        self._describe(f"click tab {index} of {describe(tabs)}")
        rect = tabs.tabRect(index)
        if rect.isValid() and tabs.rect().contains(rect.center()):
            QTest.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=rect.center())
        else:
            tabs.setCurrentIndex(index)
        return self.recorder.action

    @staticmethod
    def _item_indexes(view: QAbstractItemView) -> list[QModelIndex]:
        """The view's items: top-level rows and their children, up to a sane number."""
        model = view.model()
        if model is None:
            return []
        root = view.rootIndex()
        try:
            columns = model.columnCount(root)
        except TypeError:  # a list model: columnCount is private in Qt, and there is one
            columns = 1
        indexes = []
        for row in range(min(model.rowCount(root), 200)):
            for column in range(min(columns, 8)):
                index = model.index(row, column, root)
                indexes.append(index)
                for child_row in range(min(model.rowCount(index), 20)):
                    indexes.append(model.index(child_row, column, index))
        return indexes

    def _use_item_view(self, view: QAbstractItemView) -> str:
        indexes = self._item_indexes(view)
        if not indexes:
            return self._describe(f"empty {describe(view)}")
        index = self.rng.choice(indexes)
        where = f"item ({index.row()}, {index.column()}) of {describe(view)}"
        view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        rect: QRect = view.visualRect(index)
        roll = self.rng.random()
        flags = index.flags()
        if roll < 0.3 and flags & Qt.ItemFlag.ItemIsUserCheckable:
            state = index.data(Qt.ItemDataRole.CheckStateRole)
            checked = state in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
            new_state = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
            self._describe(f"tick {where} -> {new_state.name}")
            view.model().setData(index, new_state, Qt.ItemDataRole.CheckStateRole)
        elif roll < 0.8 and rect.isValid():
            self._describe(f"click {where}")
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        elif rect.isValid():
            self._describe(f"double-click {where}")
            QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        else:
            key = self.rng.choice([Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Space])
            self._describe(f"press {key.name} on {describe(view)}")
            view.setFocus()
            press_key(view, key)
        return self.recorder.action

    def _use_line_edit(self, editor: QLineEdit) -> str:
        text = self.rng.choice(JUNK_TEXTS) if self.rng.random() < 0.7 else self._number_text()
        self._describe(f"type {text!r} + Return into {describe(editor)}")
        editor.setFocus()
        editor.selectAll()
        type_text(editor, text)
        if alive(editor):
            press_key(editor, Qt.Key.Key_Return)
        return self.recorder.action

    def _use_plot(self, view: pg.GraphicsView) -> str:
        viewport = view.viewport()
        roll = self.rng.random()
        start = self._plot_point(view)
        if roll < 0.45:
            start = self._draggable_point(view) or start
            self._describe(f"left-drag on {describe(view)} from ({start.x()}, {start.y()})")
            self._drag(viewport, start, self.rng.randint(2, 7), Qt.MouseButton.LeftButton)
        elif roll < 0.6:
            self._describe(f"right-drag (zoom) on {describe(view)}")
            self._drag(viewport, start, self.rng.randint(2, 5), Qt.MouseButton.RightButton)
        elif roll < 0.75:
            steps = self.rng.choice([-3, -1, 1, 2, 5])
            self._describe(f"wheel {steps} on {describe(view)}")
            send_wheel(viewport, start, steps)
        elif roll < 0.85:
            self._describe(f"right-click (context menu) on {describe(view)}")
            self._drag(viewport, start, 0, Qt.MouseButton.RightButton)
        elif roll < 0.95:
            self._describe(f"click on {describe(view)}")
            self._drag(viewport, self._draggable_point(view) or start, 0, Qt.MouseButton.LeftButton)
        else:
            self._describe(f"double-click on {describe(view)}")
            QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=start)
        return self.recorder.action

    def _plot_point(self, view: pg.GraphicsView) -> QPoint:
        rect = view.viewport().rect()
        return QPoint(
            self.rng.randint(0, max(0, rect.width() - 1)),
            self.rng.randint(0, max(0, rect.height() - 1)),
        )

    def _draggable_point(self, view: pg.GraphicsView) -> QPoint | None:
        """The centre of a random visible item other than the plot's frame (a start
        handle, a legend, a cursor line, a curve), or None."""
        if self.rng.random() < 0.4:
            return None
        frame = (pg.ViewBox, pg.PlotItem, pg.AxisItem, pg.GraphicsLayout)
        items = [
            item
            for item in view.scene().items()
            if item.isVisible() and not isinstance(item, frame)
        ]
        if not items:
            return None
        centre = self.rng.choice(items).sceneBoundingRect().center()
        point = view.mapFromScene(centre)
        return point if view.viewport().rect().contains(point) else None

    def _drag(self, widget: QWidget, start: QPoint, moves: int, button: Qt.MouseButton) -> None:
        """Press at ``start``, move ``moves`` times (paced for pyqtgraph), release."""
        no_button = Qt.MouseButton.NoButton
        send_mouse(widget, QEvent.Type.MouseMove, start, no_button, no_button)
        send_mouse(widget, QEvent.Type.MouseButtonPress, start, button, button)
        position = start
        rect = widget.rect()
        for _ in range(moves):
            wait(MOUSE_MOVE_INTERVAL_MS)
            if not alive(widget):
                return
            position = QPoint(
                min(max(0, position.x() + self.rng.randint(-120, 120)), rect.width() - 1),
                min(max(0, position.y() + self.rng.randint(-90, 90)), rect.height() - 1),
            )
            send_mouse(widget, QEvent.Type.MouseMove, position, no_button, button)
        if alive(widget):
            send_mouse(widget, QEvent.Type.MouseButtonRelease, position, button, no_button)

    def _do_plot(self) -> str:
        plots = [w for w in self.controls() if isinstance(w, pg.GraphicsView)]
        if not plots:
            return self._describe("plot: none visible")
        return self._use_plot(self.rng.choice(plots))

    def _do_window_action(self) -> str:
        actions = self.window_actions()
        if not actions:
            return self._describe("window action: none enabled")
        action = self.rng.choice(actions)
        self._describe(f"trigger {action.objectName()}")
        action.trigger()
        return self.recorder.action

    def _do_shortcut(self) -> str:
        actions = [action for action in self.window_actions() if not action.shortcut().isEmpty()]
        if not actions:
            return self._describe("shortcut: none")
        action = self.rng.choice(actions)
        combination = action.shortcut()[0]
        target = self._focus_target()
        self._describe(
            f"press {action.shortcut().toString()} ({action.objectName()}) on {describe(target)}"
        )
        press_key(target, combination.key(), combination.keyboardModifiers())
        return self.recorder.action

    def _do_key(self) -> str:
        key = self.rng.choice(RANDOM_KEYS)
        modifiers = self.rng.choice(RANDOM_MODIFIERS)
        target = self._focus_target()
        self._describe(f"press {modifiers.name}+{key.name} on {describe(target)}")
        press_key(target, key, modifiers)
        return self.recorder.action

    def _do_storm(self) -> str:
        names = ("actionStartPause", "actionStep", "actionReset")
        actions = [a for a in self.window_actions() if a.objectName() in names]
        if not actions:
            return self._describe("storm: no start/step/reset here")
        count = self.rng.randint(5, 40)
        breathe = self.rng.random() < 0.5
        self._describe(
            f"storm of {count} start/pause/step/reset" + (" with events" if breathe else "")
        )
        for _ in range(count):
            action = self.rng.choice(actions)
            if action.isEnabled():
                action.trigger()
            if breathe:
                wait(0)
        return self.recorder.action

    def _do_panel(self) -> str:
        from optlab_gui.ui.main_window import PANEL_NAMES

        name = self.rng.choice(PANEL_NAMES)
        self._describe(f"show panel {name}")
        self.window.show_panel(name)
        return self.recorder.action

    def _do_language(self) -> str:
        from optlab_gui.ui.i18n import LANGUAGES

        language = self.rng.choice(LANGUAGES)
        self._describe(f"language {language}")
        self.window.set_language(language)
        return self.recorder.action

    def _do_presentation(self) -> str:
        enabled = not self.window.presentation
        self._describe(f"presentation {'on' if enabled else 'off'}")
        self.window.set_presentation(enabled)
        return self.recorder.action

    def _do_resize(self) -> str:
        width, height = self.rng.randint(800, 2000), self.rng.randint(560, 1200)
        self._describe(f"resize the window to {width}x{height}")
        self.window.resize(width, height)
        return self.recorder.action

    def _do_idle(self) -> str:
        milliseconds = self.rng.choice((50, 150, 400, 800))
        self._describe(f"idle {milliseconds} ms")
        wait(milliseconds)
        return self.recorder.action


def seed_from_environment() -> int:
    """``OPTLAB_MONKEY_SEED`` if set (to replay a run), else a fresh random seed."""
    text = os.environ.get("OPTLAB_MONKEY_SEED", "").strip()
    return int(text) if text else random.SystemRandom().randrange(2**32)


def seconds_from_environment(default: float) -> float:
    """``OPTLAB_MONKEY_SECONDS`` if set (a longer or shorter run), else ``default``."""
    text = os.environ.get("OPTLAB_MONKEY_SECONDS", "").strip()
    return float(text) if text else default


@contextlib.contextmanager
def python_warnings_as_errors() -> Iterator[None]:
    """Outside pytest (the benchmark), make Python warnings errors as pyproject does."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield
