"""The training panel: optimizers racing live, one mode per kind of race.

The panel hosts its modes in a stack and routes the window's actions (Start/Pause, Step,
Reset, Export) to the mode on show; the mode switch appears once there is more than one
mode. Each mode (see optlab_gui/ui/panels/training/race_mode.py) owns its compute process.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from optlab_gui.ui.panels.base import EXPORT, RESET, START_PAUSE, STEP, Panel
from optlab_gui.ui.panels.training.network_mode import NetworkRaceMode
from optlab_gui.ui.panels.training.race_mode import RaceMode
from optlab_gui.ui.panels.training.surface_mode import SurfaceRaceMode
from optlab_gui.ui.scenes import Choice, Record
from optlab_gui.ui.theme import Theme

#: The modes, in the order of the switch: (class, title). Add a mode by adding it here.
MODES: list[tuple[type[RaceMode], str]] = [
    (SurfaceRaceMode, QT_TRANSLATE_NOOP("TrainingModes", "Optimizers on a loss surface")),
    (NetworkRaceMode, QT_TRANSLATE_NOOP("TrainingModes", "Networks on a data set")),
]


class TrainingPanel(Panel):
    """Teaching panel "training": the optimizer race."""

    panel_name = "training"
    supported_actions = frozenset({START_PAUSE, STEP, RESET, EXPORT})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPanel")
        self.mode_label = QLabel()
        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("trainingModeCombo")
        self.modes = QStackedWidget()
        self.modes.setObjectName("trainingModes")
        self._modes: list[RaceMode | None] = [None] * len(MODES)
        for mode_class, _title in MODES:
            self.mode_combo.addItem("", mode_class.mode_name)
            self.modes.addWidget(QWidget())
        switch = QHBoxLayout()
        switch.addWidget(self.mode_label)
        switch.addWidget(self.mode_combo)
        switch.addStretch(1)
        self._switch = QWidget()
        self._switch.setLayout(switch)
        self._switch.setVisible(len(MODES) > 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._switch)
        layout.addWidget(self.modes, 1)
        self._active = False
        self.mode_combo.currentIndexChanged.connect(self._on_mode_chosen)
        self.retranslate_ui()
        self.apply_theme(self.theme)
        # Built last: _show_mode translates and styles the mode once (styling the loss
        # surface is the costliest part of building the panel).
        self._show_mode(0)

    # Modes ------------------------------------------------------------------------------

    def current_mode(self) -> RaceMode:
        """The mode on show."""
        mode = self._modes[self.modes.currentIndex()]
        assert mode is not None
        return mode

    def set_mode(self, name: str) -> RaceMode:
        """Show mode ``name`` (pausing the previous one)."""
        names = [mode_class.mode_name for mode_class, _ in MODES]
        self.mode_combo.setCurrentIndex(names.index(name))
        return self.current_mode()

    def _show_mode(self, index: int) -> None:
        if self._modes[index] is None:
            mode = MODES[index][0]()
            mode.status_message.connect(self.status_message)
            mode.running_changed.connect(self._on_running_changed)
            placeholder = self.modes.widget(index)
            self.modes.removeWidget(placeholder)
            placeholder.deleteLater()
            self.modes.insertWidget(index, mode)
            self._modes[index] = mode
            mode.retranslate_ui()
            mode.apply_theme(self.theme)
        previous = self._modes[self.modes.currentIndex()]
        if previous is not None and previous is not self._modes[index]:
            previous.deactivate()
        self.modes.setCurrentIndex(index)
        if self._active and self.first_frame_shown():
            self.current_mode().activate()
        self.running_changed.emit(self.is_running())

    @Slot(int)
    def _on_mode_chosen(self, index: int) -> None:
        self._show_mode(index)

    @Slot(bool)
    def _on_running_changed(self, _running: bool) -> None:
        self.running_changed.emit(self.is_running())

    # Scenes -----------------------------------------------------------------------------

    def scene_schema(self) -> Record:
        """The mode on show and that mode's state (each mode declares its own schema)."""
        names = tuple(mode_class.mode_name for mode_class, _ in MODES)
        fields = {"mode": Choice(names)}
        fields.update({mode_class.mode_name: mode_class.scene_schema() for mode_class, _ in MODES})
        return Record(fields, optional=frozenset(names), problem=self.scene_problem)

    def scene_state(self) -> dict:
        """The mode on show and its state."""
        mode = self.current_mode()
        return {"mode": mode.mode_name, mode.mode_name: mode.scene_state()}

    def scene_problem(self, state: dict) -> str | None:
        """The chosen mode's state must be there (its schema checks the rest)."""
        name = state["mode"]
        if name not in state:
            return self.tr("missing key “{key}” in state").format(key=name)
        return None

    def apply_scene_state(self, state: dict) -> None:
        """Show the scene's mode and restore it."""
        self.set_mode(state["mode"]).restore_scene_state(state[state["mode"]])

    def main_plot(self) -> QWidget | None:
        """The mode's main plot (the loss surface in the surface race)."""
        return getattr(self.current_mode(), "main_plot", lambda: None)()

    # Panel hooks ------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Every visible string, in the panel and its modes."""
        self.mode_label.setText(self.tr("Race"))
        for index, (_mode_class, title) in enumerate(MODES):
            self.mode_combo.setItemText(index, QCoreApplication.translate("TrainingModes", title))
        for mode in self._modes:
            if mode is not None:
                mode.retranslate_ui()

    def apply_theme(self, theme: Theme) -> None:
        """Restyle every built mode."""
        for mode in self._modes:
            if mode is not None:
                mode.apply_theme(theme)

    def is_running(self) -> bool:
        """True while the race on show runs."""
        return self.current_mode().is_running()

    def start_pause(self) -> None:
        """Start or pause the race (Space)."""
        self.current_mode().start_pause()

    def step(self) -> None:
        """One step of every optimizer (Right arrow)."""
        self.current_mode().step()

    def reset(self) -> None:
        """Back to step 0, paused (R)."""
        self.current_mode().reset()

    def export(self) -> None:
        """Save the plots (PNG/SVG) or the trajectories (CSV) (Ctrl+E)."""
        self.current_mode().export()

    def activate(self) -> None:
        """Shown: start the compute process in the background (once the first frame is on
        screen; Space or Step before then starts it at once, their command waiting for it)."""
        self._active = True
        if self.first_frame_shown():
            self.current_mode().activate()

    def after_first_paint(self) -> None:
        """The first frame is on screen: start the compute process (ready ~1 s later)."""
        if self._active:
            self.current_mode().activate()

    def deactivate(self) -> None:
        """Another panel is shown: pause."""
        self._active = False
        for mode in self._modes:
            if mode is not None:
                mode.deactivate()

    def shutdown(self) -> None:
        """The window closes: stop every compute process and relay thread."""
        self._active = False
        for mode in self._modes:
            if mode is not None:
                mode.shutdown()

    def open_dataset(self) -> bool:
        """File → Open dataset…: show the network race and load a CSV file into it."""
        mode = self.set_mode(NetworkRaceMode.mode_name)
        return mode.open_dataset()

    def ready_for_screenshot(self) -> bool:
        """True once the race's start (or a restored scene's steps) is drawn."""
        return self.current_mode().ready_for_screenshot()
