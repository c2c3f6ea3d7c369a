"""The contract between the main window and a teaching panel.

The window owns the actions (Start/Pause, Step, Reset, Export) and routes them to the panel
on show; the panel says which it supports, reports its state through signals, restyles on
theme changes and retranslates on language changes.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import QWidget

from optlab_gui.ui.context import app_context
from optlab_gui.ui.scenes import Record, check
from optlab_gui.ui.theme import Theme

START_PAUSE = "start_pause"
STEP = "step"
RESET = "reset"
EXPORT = "export"


class Panel(QWidget):
    """Base class of the three panels; subclasses fill in the hooks they support."""

    #: Registry key, also used by ``--panel`` and the settings file.
    panel_name: ClassVar[str] = ""
    #: Which of START_PAUSE, STEP, RESET, EXPORT this panel handles.
    supported_actions: ClassVar[frozenset[str]] = frozenset()

    #: A short message for the window's status bar.
    status_message = Signal(str)
    #: True while something runs, so the window can label Start/Pause.
    running_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._themes = app_context().themes
        self._themes.theme_changed.connect(self._on_theme_changed)
        self._first_frame_painted = False
        self._first_frame_shown = False

    @property
    def theme(self) -> Theme:
        """The theme in force."""
        return self._themes.theme

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """A panel closed on its own (not inside the window) still stops its work."""
        self.shutdown()
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint; once the first frame is on screen, run :meth:`after_first_paint`."""
        super().paintEvent(event)
        if not self._first_frame_painted:
            self._first_frame_painted = True
            # A zero timer fires once the whole frame has been painted and shown.
            QTimer.singleShot(0, self, self._on_first_frame_shown)

    def _on_first_frame_shown(self) -> None:
        self._first_frame_shown = True
        self.after_first_paint()

    def first_frame_painted(self) -> bool:
        """True once the panel has been painted (its layout may still settle a little)."""
        return self._first_frame_painted

    def first_frame_shown(self) -> bool:
        """True once the first frame is on screen and :meth:`after_first_paint` has run."""
        return self._first_frame_shown

    def _on_theme_changed(self, theme: Theme) -> None:
        self.apply_theme(theme)

    # Hooks the subclasses implement -------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every visible string in the current language."""
        raise NotImplementedError

    def apply_theme(self, theme: Theme) -> None:
        """Restyle plots, fonts and pens for ``theme`` (colours and presentation scale)."""
        raise NotImplementedError

    def is_running(self) -> bool:
        """True while the panel runs something that Start/Pause would pause."""
        return False

    def start_pause(self) -> None:
        """Start, or pause, what the panel runs (Space)."""

    def step(self) -> None:
        """Advance by one step (Right arrow)."""

    def reset(self) -> None:
        """Return to the start of the current experiment (R)."""

    def export(self) -> None:
        """Save the panel's plots and data (Ctrl+E)."""

    def activate(self) -> None:
        """Called when the panel is shown."""

    def after_first_paint(self) -> None:
        """Called once, right after the panel's first frame is on screen: start background
        work (worker threads, compute processes, measurements) here, so that start-up pays
        only for what the first frame shows."""

    def deactivate(self) -> None:
        """Called when another panel is shown: stop anything running."""

    def shutdown(self) -> None:
        """Called when the window (or the panel itself) closes: stop workers and timers.

        May be called more than once; later calls must do nothing harmful.
        """

    def ready_for_screenshot(self) -> bool:
        """True when a ``--screenshot`` of the panel would show its finished content."""
        return True

    # Scenes (see optlab_gui/ui/scenes.py) ----------------------------------------------

    def scene_schema(self) -> Record:
        """The keys, types and ranges of :meth:`scene_state` (declarative, checked first);
        its ``problem`` is :meth:`scene_problem`."""
        raise NotImplementedError

    def scene_state(self) -> dict:
        """Every control, seed and view range of the panel as plain JSON values."""
        raise NotImplementedError

    def scene_problem(self, state: dict) -> str | None:
        """A translated message if ``state`` (already schema-checked) is inconsistent across
        its keys (e.g. a layer deeper than the network), else None."""
        return None

    def apply_scene_state(self, state: dict) -> None:
        """Set the panel to a checked ``state`` (called only by :meth:`restore_scene_state`)."""
        raise NotImplementedError

    def restore_scene_state(self, state: dict) -> None:
        """Check ``state`` completely, then apply it; raises SceneError and changes nothing
        if any key is unknown, missing, of the wrong type or out of range."""
        check(state, self.scene_schema(), "state")
        self.apply_scene_state(state)

    def main_plot(self) -> QWidget | None:
        """The plot a lecturer copies to a slide (Ctrl+Shift+C), or None."""
        return None
