"""The surface race: the notes' optimizers racing from one start point on a 2-D loss surface,
with the loss curves, the optimizer list, the inspected optimizer's inside, live formula,
explanation, speed, gradient noise and time travel."""

from __future__ import annotations

import math
import time

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from optlab_gui.core.optimizers import OPTIMIZERS
from optlab_gui.core.surfaces import SURFACES
from optlab_gui.training.decimation import peak_decimate, thin_paths
from optlab_gui.training.runner import STEP
from optlab_gui.training.session import (
    DEFAULT_NOISE,
    LOSS,
    POSITION,
    Command,
    RaceSession,
    SurfaceRace,
)
from optlab_gui.ui.export import export_interactively
from optlab_gui.ui.frame_clock import FrameClock
from optlab_gui.ui.panels.training.inspector import InspectorPlots
from optlab_gui.ui.panels.training.lane_controls import HyperEditor, LaneList, key_hyperparameters
from optlab_gui.ui.panels.training.live_formula import LiveFormula
from optlab_gui.ui.panels.training.loss_view import LossView
from optlab_gui.ui.panels.training.race_mode import RaceMode
from optlab_gui.ui.panels.training.run_controls import SpeedControl, TimelineBar
from optlab_gui.ui.panels.training.surface_view import Arrow, SurfaceView
from optlab_gui.ui.panels.training.texts import (
    TERM_SYMBOLS,
    explanation_html,
    number_text,
    optimizer_title,
    surface_description,
    surface_title,
    term_meaning,
    vector_text,
)
from optlab_gui.ui.scenes import Choice, Flag, Items, Number, Record
from optlab_gui.ui.theme import Theme
from optlab_gui.ui.widgets.explanation import ExplanationPane
from optlab_gui.ui.widgets.plots import set_axis_label, set_quantity_label

DEFAULT_SURFACE = "rosenbrock"
#: The snapshot channel holding every lane's optimizer state.
STATE = "state"
#: While running, the formula's values and the inspector plots change at most this often
#: (faster is unreadable and costs frame time).
TEXT_INTERVAL_SECONDS = 0.1
#: Points per drawn trajectory and per loss curve at most: painting must fit a frame. While
#: the race runs every frame rebuilds every curve, so it draws fewer points, without
#: antialiasing (measured here: ~14 ms of CPU per frame at 250 points, ~9 at 160); paused,
#: the same curves are drawn finer and smooth.
MAX_PATH_POINTS = {True: 160, False: 400}
MAX_LOSS_POINTS = {True: 160, False: 300}
#: Trajectory points closer than this many pixels along the path are merged.
PATH_SPACING_PIXELS = 1.5
#: Inspector arrows shorter than this on screen are magnified by a power of 10.
MIN_ARROW_PIXELS = 40.0
#: Colours of the notes' Momentum/NAG figure: the carried-over jump and the gradient step.
JUMP_COLOR = "#a0522d"
#: Most steps a scene may ask for, and the largest start coordinate it may hold.
MAX_SCENE_STEPS, SCENE_COORDINATE_LIMIT = 100_000, 1e6


class SurfaceRaceMode(RaceMode):
    """Optimizers racing on a loss surface."""

    mode_name = "surface"

    def make_session(self) -> RaceSession:
        """All the notes' optimizers on the default surface, from its default start."""
        return SurfaceRace(DEFAULT_SURFACE)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("surfaceRaceMode")
        self.race: SurfaceRace = self.session  # the GUI's mirror of the race's settings
        lanes = [(lane.key, lane.optimizer_name) for lane in self.race.lanes]
        self._lane_optimizers = dict(lanes)
        self._custom_colors: dict[str, str] = {}
        self._theme: Theme | None = None
        self._pending_start: tuple[float, float] | None = None
        # Every optimizer's state terms, in one order: a snapshot is one (lanes, terms, 2) array.
        terms = dict.fromkeys(term for _lane, name in lanes for term in OPTIMIZERS[name].state_keys)
        self._term_slots = {term: slot for slot, term in enumerate(terms)}
        self._texts_drawn_at = -math.inf
        self._start_clock = FrameClock(self._send_pending_start, self)
        self._explanation = ""
        self._build(lanes)
        self._speed = self.speed.speed()
        self._connect()
        self._on_log_scale(self.log_check.isChecked())
        self.lane_list.set_inspected(
            "momentum" if "momentum" in self._lane_optimizers else lanes[0][0]
        )

    # Construction -----------------------------------------------------------------------

    def _build(self, lanes: list[tuple[str, str]]) -> None:
        self.surface_label = QLabel()
        self.surface_combo = QComboBox()
        self.surface_combo.setObjectName("surfaceCombo")
        for name in SURFACES:
            self.surface_combo.addItem("", name)
        self.surface_combo.setCurrentIndex(list(SURFACES).index(self.race.surface.name))
        self.noise_check = QCheckBox()
        self.noise_check.setObjectName("noiseCheck")
        self.speed = SpeedControl()
        self.log_check = QCheckBox()
        self.log_check.setObjectName("logLossCheck")
        self.log_check.setChecked(True)
        top = QHBoxLayout()
        top.addWidget(self.surface_label)
        top.addWidget(self.surface_combo)
        top.addSpacing(12)
        top.addWidget(self.noise_check)
        top.addSpacing(12)
        top.addWidget(self.speed, 1)
        top.addSpacing(12)
        top.addWidget(self.log_check)

        count = len(lanes)
        self.surface_view = SurfaceView(count)
        self.loss_view = LossView(count)
        self.surface_note = QLabel()
        self.surface_note.setObjectName("surfaceNote")
        self.surface_note.setWordWrap(True)
        self.timeline = TimelineBar()
        plots = QSplitter(Qt.Orientation.Vertical)
        plots.setObjectName("plotSplitter")
        plots.addWidget(self.surface_view)
        plots.addWidget(self.loss_view)
        plots.setStretchFactor(0, 5)
        plots.setStretchFactor(1, 4)
        plots.setChildrenCollapsible(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(plots, 1)
        left_layout.addWidget(self.surface_note)
        left_layout.addWidget(self.timeline)

        # In presentation the lanes not racing fold away: the formula needs the height.
        self.lane_list = LaneList(lanes, idle_lanes_fold=True)
        self.hyper_toggle = QToolButton()
        self.hyper_toggle.setObjectName("hyperToggle")
        self.hyper_toggle.setCheckable(True)
        self.hyper_toggle.setChecked(True)
        self.hyper_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.hyper_toggle.setAutoRaise(True)
        self.hyper_editor = HyperEditor()
        self.formula = LiveFormula()
        self.inspector = InspectorPlots()
        self.explanation = ExplanationPane()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("inspectorTabs")
        self.formula_page = QScrollArea()
        self.formula_page.setObjectName("formulaPage")
        self.formula_page.setWidgetResizable(True)
        self.formula_page.setFrameShape(QFrame.Shape.NoFrame)
        self.formula_page.setWidget(self.formula)
        self._formula_viewport = self.formula_page.viewport()
        self._formula_viewport.installEventFilter(self)  # the formula fits its height
        self.tabs.addTab(self.formula_page, "")
        # Scrolls rather than growing the window: Adam's two plots must fit 1280x720 at scale 2.
        self.inspector_page = QScrollArea()
        self.inspector_page.setObjectName("inspectorPage")
        self.inspector_page.setWidgetResizable(True)
        self.inspector_page.setFrameShape(QFrame.Shape.NoFrame)
        self.inspector_page.setWidget(self.inspector)
        self.tabs.addTab(self.inspector_page, "")
        self.tabs.addTab(self.explanation, "")
        right = QWidget()
        right.setObjectName("raceSidebar")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.lane_list)
        folds = QHBoxLayout()
        folds.addWidget(self.hyper_toggle)
        folds.addStretch(1)
        folds.addWidget(self.lane_list.race_menu_button)
        right_layout.addLayout(folds)
        right_layout.addWidget(self.hyper_editor)
        right_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("raceSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.surface_combo.currentIndexChanged.connect(self._on_surface_chosen)
        self.noise_check.toggled.connect(self._on_noise)
        self.speed.speed_changed.connect(self._on_speed)
        self.log_check.toggled.connect(self._on_log_scale)
        self.surface_view.start_dragged.connect(self._on_start_dragged)
        self.surface_view.start_dropped.connect(self._start_clock.flush)
        self.surface_view.resized.connect(self.frame_clock.request_redraw)
        self.timeline.step_requested.connect(self.show_step)
        self.timeline.live_requested.connect(self.show_live)
        self.timeline_changed.connect(self._on_timeline)
        self.lane_list.enabled_changed.connect(self._on_lane_enabled)
        self.lane_list.color_changed.connect(self._on_lane_color)
        self.lane_list.inspected_changed.connect(self._on_inspected)
        self.hyper_toggle.toggled.connect(self._on_hyper_toggle)
        self.hyper_editor.value_changed.connect(self._on_hyper_edited)
        self.tabs.currentChanged.connect(self._on_tab_changed)

    # RaceMode hooks ---------------------------------------------------------------------

    def lane_title(self, lane: str) -> str:
        """The optimizer's translated title."""
        return optimizer_title(self._lane_optimizers[lane])

    def retranslate_ui(self) -> None:
        """Every label, tooltip, legend, axis title and explanation."""
        self.surface_label.setText(self.tr("Surface"))
        for index, name in enumerate(SURFACES):
            self.surface_combo.setItemText(index, surface_title(name))
        self.surface_combo.setToolTip(self.tr("The loss surface the optimizers race on"))
        self.noise_check.setText(self.tr("Noisy gradient (SGD)"))
        self.noise_check.setToolTip(
            self.tr(
                "Add Gaussian noise to every gradient, as a mini-batch or a single example "
                "(SGD) gives instead of the full-batch gradient"
            )
        )
        self.log_check.setText(self.tr("Log scale"))
        self.log_check.setToolTip(self.tr("Loss axis on a logarithmic scale"))
        self.speed.retranslate_ui()
        self.timeline.retranslate_ui()
        self.lane_list.retranslate_ui()
        self.hyper_editor.retranslate_ui()
        self.inspector.retranslate_ui()
        self.tabs.setTabText(0, self.tr("Formula"))
        self.tabs.setTabToolTip(0, self.tr("The update rule with the current values"))
        self.tabs.setTabText(1, self.tr("Inside"))
        self.tabs.setTabToolTip(
            1, self.tr("Inside the optimizer: effective learning rate, Adam's bias correction")
        )
        self.tabs.setTabText(2, self.tr("Explanation"))
        self.tabs.setTabToolTip(2, self.tr("What the course notes say about this optimizer"))
        self.surface_view.set_start_tooltip(
            self.tr("Drag the start point: every optimizer restarts from it")
        )
        self._refresh_texts()
        self.frame_clock.request_redraw()

    def apply_theme(self, theme: Theme) -> None:
        """Scale and recolour every view; fold the hyper-parameters away in presentation."""
        self._theme = theme
        self.surface_view.apply_theme(theme)
        self.surface_view.set_surface(self.race.surface, theme)
        self.surface_view.set_start(*self.race.start)
        self.loss_view.apply_theme(theme)
        self.lane_list.apply_theme(theme)
        self.formula.apply_theme(theme)
        self.inspector.apply_theme(theme)
        self.explanation.apply_theme(theme)
        self.hyper_toggle.setChecked(theme.name != "presentation")
        self.surface_note.setVisible(theme.name != "presentation")
        self._fit_formula_height()
        self._refresh_texts()
        self.frame_clock.request_redraw()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Fit the formula to its page's height again when the page is resized."""
        if watched is self._formula_viewport and event.type() == QEvent.Type.Resize:
            self._fit_formula_height()
        return super().eventFilter(watched, event)

    def _fit_formula_height(self) -> None:
        """In presentation the whole update rule shows without scrolling (shrunk if need
        be); elsewhere it keeps its size and the page scrolls."""
        room = self._formula_viewport.height() if self._presenting() else None
        self.formula.set_height_room(room)

    def _presenting(self) -> bool:
        return self._theme is not None and self._theme.name == "presentation"

    def snapshot_rows(self, states):
        """All lanes' state terms in one array per snapshot (snapshots, lanes, terms, 2); NaN
        where a lane's optimizer has no such term. One array keeps storing them cheap."""
        packed = np.full((len(states), len(self.race.lanes), len(self._term_slots), 2), np.nan)
        missing = np.full(2, np.nan)
        for lane_index, lane in enumerate(self.race.lane_keys):
            lane_rows = [row.get(lane, {}) for row in states]
            for term in dict.fromkeys(term for terms in lane_rows for term in terms):
                column = [terms.get(term, missing) for terms in lane_rows]
                packed[:, lane_index, self._term_slots[term]] = column
        return {STATE: packed}

    def lane_terms(self, values: dict[str, np.ndarray], lane: str) -> dict[str, np.ndarray]:
        """The state terms of ``lane`` in a snapshot's ``values``."""
        index = self.race.lane_index(lane)
        keys = OPTIMIZERS[self._lane_optimizers[lane]].state_keys
        return {term: values[STATE][index, self._term_slots[term]] for term in keys}

    def export(self) -> None:
        """PNG/SVG of the surface and loss plots, or the recorded trajectories as CSV."""
        export_interactively(
            self,
            "optimizer_race",
            {"surface": self.surface_view.plot_widget, "loss": self.loss_view.plot_widget},
            self.trajectory_table,
        )

    def trajectory_table(self) -> tuple[list[str], list[list[object]]]:
        """The recorded run as a table: step, then x, y, loss of every optimizer."""
        header = ["step"]
        for lane in self.race.lane_keys:
            header += [f"{lane}_x", f"{lane}_y", f"{lane}_loss"]
        if not len(self.trace):
            return header, []
        positions = self.trace.channel(POSITION)
        losses = self.trace.channel(LOSS)
        columns = [self.trace.steps[:, None]]
        for index in range(len(self.race.lanes)):
            columns += [positions[:, index, :], losses[:, index, None]]
        table = np.concatenate(columns, axis=1)
        rows = [[int(row[0]), *(float(v) for v in row[1:])] for row in table]
        return header, rows

    def shutdown(self) -> None:
        """Also drop a start point still waiting to be sent."""
        self._start_clock.stop()
        super().shutdown()

    # Scenes -----------------------------------------------------------------------------

    @classmethod
    def scene_schema(cls) -> Record:
        """Surface, start, noise, lanes on show, inspected lane, hyper-parameters, steps."""
        lanes = tuple(OPTIMIZERS)
        return Record(
            {
                "surface": Choice(tuple(SURFACES)),
                "start": Items(Number(-SCENE_COORDINATE_LIMIT, SCENE_COORDINATE_LIMIT), 2, 2),
                "noise": Flag(),
                "enabled": Record({lane: Flag() for lane in lanes}),
                "inspected": Choice(lanes),
                "hyperparameters": Record(
                    {
                        lane: Record(
                            {
                                key: Number(spec.minimum, spec.maximum)
                                for key, spec in OPTIMIZERS[lane].hyperparameters.items()
                            }
                        )
                        for lane in lanes
                    }
                ),
                "log_loss": Flag(),
                "steps": Number(0, MAX_SCENE_STEPS, integer=True),
            },
            problem=cls.scene_problem,
        )

    @classmethod
    def scene_problem(cls, state: dict) -> str | None:
        """The start point must lie on the chosen surface's view."""
        xmin, xmax, ymin, ymax = SURFACES[state["surface"]].view
        x, y = state["start"]
        if not (xmin <= x <= xmax and ymin <= y <= ymax):
            return QCoreApplication.translate(
                "SurfaceRaceMode", "the start point lies outside the surface's view"
            )
        return None

    def scene_state(self) -> dict:
        """The race's settings and the number of steps computed."""
        lanes = self.race.lane_keys
        return {
            "surface": self.race.surface.name,
            "start": [float(x) for x in self.race.start],
            "noise": bool(self.race.noise),
            "enabled": {lane: self.lane_list.is_enabled(lane) for lane in lanes},
            "inspected": self.lane_list.inspected(),
            "hyperparameters": {lane: dict(self.race.hyperparameters(lane)) for lane in lanes},
            "log_loss": self.log_check.isChecked(),
            "steps": int(self.trace.last_step or 0),
        }

    def restore_scene_state(self, state: dict) -> None:
        """Set every setting, restart from step 0 and compute the scene's steps."""
        self.pause()
        self.surface_combo.setCurrentIndex(list(SURFACES).index(state["surface"]))
        for lane, values in state["hyperparameters"].items():
            self.send_session_command(Command("set_hyperparameters", {"lane": lane, **values}))
        self.send_session_command(Command("set_start", {"start": tuple(state["start"])}))
        self.surface_view.set_start(*self.race.start)
        self.noise_check.setChecked(state["noise"])
        for lane, enabled in state["enabled"].items():
            self.lane_list.set_enabled(lane, enabled)
        self.lane_list.set_inspected(state["inspected"])
        self.log_check.setChecked(state["log_loss"])
        self.reset()
        self._refresh_texts()
        self.scene_steps = state["steps"]
        if state["steps"]:
            self.advance(state["steps"])
        self.frame_clock.request_redraw()

    def main_plot(self) -> QWidget:
        """The loss surface with the paths (Ctrl+Shift+C copies it)."""
        return self.surface_view.plot_widget

    # Actions ----------------------------------------------------------------------------

    def advance(self, count: int) -> None:
        """Compute ``count`` steps at once (paused), e.g. the steps a scene asks for."""
        self.show_live()
        self._send(Command(STEP, {"count": count}))
        self._set_running(False)

    # Drawing ----------------------------------------------------------------------------

    def lane_colors(self) -> list[str]:
        """Each lane's colour: the user's choice or the theme's series colour."""
        theme = self._theme
        return [
            self._custom_colors.get(lane) or (theme.series_color(index) if theme else "#808080")
            for index, lane in enumerate(self.race.lane_keys)
        ]

    def redraw(self) -> None:
        """Draw trajectories, points, loss curves, arrows, formula values and inspector plots
        from the recorded run up to the step on show (bounded points per curve)."""
        if self._theme is None:
            return
        colors = self.lane_colors()
        shown = [self.lane_list.is_enabled(lane) for lane in self.race.lane_keys]
        if not len(self.trace):
            count = len(shown)
            self.surface_view.draw_paths([None] * count, colors)
            self.surface_view.draw_points([None] * count, [])
            self.surface_view.draw_arrows([], None)
            self.loss_view.draw([None] * count, 0)
            self.inspector.clear()
            return
        end = self.shown_index() + 1
        steps = self.trace.steps[:end]
        positions = self.trace.channel(POSITION)[:end]
        x, y = positions[..., 0], positions[..., 1]
        spacing = PATH_SPACING_PIXELS * self.surface_view.pixel_size()
        running = self.is_running()
        kept_points = thin_paths(x, y, MAX_PATH_POINTS[running], spacing)
        paths, points, crosses = [], [], []
        for index, lane in enumerate(self.race.lane_keys):
            kept = kept_points[index]
            if not shown[index] or not len(kept):
                paths.append(None)
                points.append(None)
                continue
            paths.append((x[kept, index], y[kept, index]))
            if np.isfinite(x[-1, index]):
                points.append((float(x[-1, index]), float(y[-1, index]), colors[index]))
            else:
                points.append(None)
                if lane in self.diverged_at:
                    crosses.append((float(x[kept[-1], index]), float(y[kept[-1], index])))
        self.surface_view.draw_paths(paths, colors, smooth=not running)
        self.surface_view.draw_points(points, crosses)
        if self.curve_view_due(0):
            losses = self.trace.channel(LOSS)[:end]
            loss_x, loss_y = peak_decimate(steps, losses, MAX_LOSS_POINTS[running])
            curves = [
                (loss_x, loss_y[:, index]) if shown[index] else None
                for index in range(len(self.race.lanes))
            ]
            self.loss_view.draw(curves, int(self.trace.last_step), growing=running)
            self.loss_view.show_cursor(None if self.is_live() else int(steps[-1]))
        self._draw_inspected(colors)

    def _draw_inspected(self, colors: list[str]) -> None:
        lane = self.lane_list.inspected()
        index = self.race.lane_index(lane)
        optimizer = self._lane_optimizers[lane]
        snapshot = self.shown_states()
        shown_step = self.shown_step()
        position = self.trace.channel(POSITION)[self.shown_index(), index]
        terms = {}
        if snapshot is not None:
            step, values = snapshot
            terms = self.lane_terms(values, lane)
            if step == shown_step and terms:
                arrows, lookahead, factor = self._arrows(lane, position, terms, colors[index])
            else:
                arrows, lookahead, factor = [], None, 1.0
        else:
            step, arrows, lookahead, factor = shown_step, [], None, 1.0
        if not self.lane_list.is_enabled(lane):
            arrows, lookahead = [], None
        self.surface_view.draw_arrows(arrows, lookahead)
        # The tabs not on show are filled when they are shown (see _on_tab_changed).
        now = time.monotonic()
        if self.is_running() and now - self._texts_drawn_at < TEXT_INTERVAL_SECONDS:
            return
        self._texts_drawn_at = now
        if self.tabs.currentWidget() is self.formula_page:
            self._fill_formula(lane, optimizer, shown_step, step, position, terms, factor)
        elif self.tabs.currentWidget() is self.inspector_page:
            self._draw_inspector_plots(lane)

    def _arrows(self, lane, position, terms, color):
        """The inspector's arrows for the step that led to ``position``, magnified by a power
        of 10 when too short to see; returns (arrows, look-ahead marker, factor)."""
        update = terms.get("update")
        gradient = terms.get("gradient")
        if update is None or not np.all(np.isfinite(position)):
            return [], None, 1.0
        previous = position - update
        optimizer = self._lane_optimizers[lane]
        lr = self.race.hyperparameters(lane).get("lr")
        pieces: list[tuple[np.ndarray, np.ndarray, str, bool]] = []
        lookahead = None
        if optimizer == "momentum" and lr is not None:
            gradient_step = -lr * gradient
            pieces = [
                (previous, gradient_step, self._theme.danger, False),
                (previous + gradient_step, update - gradient_step, JUMP_COLOR, True),
            ]
        elif optimizer == "nesterov" and "lookahead" in terms:
            jump = terms["lookahead"] - previous
            pieces = [
                (previous, jump, JUMP_COLOR, True),
                (previous + jump, update - jump, self._theme.danger, False),
            ]
            lookahead = previous + jump
        elif optimizer != "gd" and lr is not None and gradient is not None:
            pieces = [(previous, -lr * gradient, self._theme.muted, True)]
        pieces.append((previous, update, color, False))
        pixel = self.surface_view.pixel_size()
        longest = max(float(np.hypot(*vector)) for _, vector, _, _ in pieces) / pixel
        factor = 1.0
        if 0.0 < longest < MIN_ARROW_PIXELS:
            factor = min(1e6, 10.0 ** math.ceil(math.log10(MIN_ARROW_PIXELS / longest)))
        arrows = []
        for start, vector, arrow_color, dashed in pieces:
            origin = previous + (start - previous) * factor
            end = origin + vector * factor
            if np.all(np.isfinite(origin)) and np.all(np.isfinite(end)):
                arrows.append(Arrow(tuple(origin), tuple(end), arrow_color, dashed))
        if lookahead is not None:
            marker = previous + (lookahead - previous) * factor
            lookahead = (float(marker[0]), float(marker[1]), JUMP_COLOR)
        return arrows, lookahead, factor

    def _fill_formula(self, lane, optimizer, shown_step, state_step, position, terms, factor):
        hyper = self.race.hyperparameters(lane)
        specs = OPTIMIZERS[optimizer].hyperparameters
        rows = [
            ("t", str(shown_step), self.tr("step")),
            ("θ", vector_text(position), self.tr("position")),
        ]
        rows += [(specs[key].symbol, number_text(value), "") for key, value in hyper.items()]
        for key in OPTIMIZERS[optimizer].state_keys:
            if key in terms:
                rows.append(
                    (TERM_SYMBOLS.get(key, key), vector_text(terms[key]), term_meaning(key))
                )
        title = optimizer_title(optimizer)
        if not terms:
            caption = self.tr("{optimizer}: update rule (values appear after the first step)")
            caption = caption.format(optimizer=title)
        elif state_step == shown_step:
            # The step is the t row: a caption that changed every update relaid the sidebar.
            caption = self.tr("{optimizer}: its values at step t").format(optimizer=title)
        else:  # long runs keep the state of ever fewer steps: the newest one before
            caption = self.tr("{optimizer} at step t; its state as recorded at step {state}")
            caption = caption.format(optimizer=title, state=state_step)
        if self._theme is not None and not self._presenting():
            caption += "<br>" + self._arrow_legend(optimizer, factor)
        self.formula.set_values(caption, rows)

    def _arrow_legend(self, optimizer: str, factor: float) -> str:
        theme = self._theme
        step = self.tr("solid: the step taken")
        if optimizer == "momentum":
            parts = [self.tr("red: gradient step ηg"), self.tr("brown: momentum jump γv")]
        elif optimizer == "nesterov":
            parts = [
                self.tr("brown: jump γv to the look-ahead point"),
                self.tr("red: gradient step measured there"),
            ]
        elif optimizer == "gd":
            parts = []
        else:
            parts = [self.tr("grey dashed: plain gradient step ηg")]
        text = "; ".join([step, *parts])
        if factor > 1.0:
            text += " " + self.tr("(arrows ×{factor} to be visible)").format(factor=f"{factor:.0f}")
        color = theme.muted if theme else "#808080"
        return f"<span style='font-weight:normal; color:{color}'>{text}</span>"

    def _draw_inspector_plots(self, lane: str) -> None:
        if not len(self.snapshots):
            self.inspector.clear()
            return
        end = self.snapshots.index_at(self.shown_step()) + 1
        steps = self.snapshots.steps[:end]
        index = self.race.lane_index(lane)
        keys = OPTIMIZERS[self._lane_optimizers[lane]].state_keys

        def channel(term):
            """The inspected lane's recorded ``term``, or None if its optimizer has none."""
            if term not in keys:
                return None
            return self.snapshots.channel(STATE)[:end, index, self._term_slots[term]]

        self.inspector.draw(steps, channel("effective_lr"), channel("m"), channel("m_hat"))

    # Reactions --------------------------------------------------------------------------

    def _refresh_texts(self) -> None:
        """Texts that depend on settings: hyper-parameters in the list and legend, the
        inspected optimizer's explanation and editor, the surface note."""
        colors = self.lane_colors()
        self.lane_list.set_colors(dict(zip(self.race.lane_keys, colors, strict=True)))
        names = []
        for lane in self.race.lane_keys:
            optimizer = self._lane_optimizers[lane]
            summary = key_hyperparameters(optimizer, self.race.hyperparameters(lane))
            self.lane_list.set_hyperparameters(lane, summary)
            name = f"{optimizer_title(optimizer)}  {summary}"
            if lane in self.diverged_at:
                name += "  " + self.tr("diverged at step {step}").format(
                    step=self.diverged_at[lane]
                )
            names.append(name)
        shown = [self.lane_list.is_enabled(lane) for lane in self.race.lane_keys]
        self.loss_view.set_lanes(names, colors, shown)
        self.lane_list.set_diverged(self.diverged_at)
        lane = self.lane_list.inspected()
        optimizer = self._lane_optimizers[lane]
        self.hyper_editor.show_lane(lane, optimizer, self.race.hyperparameters(lane))
        self._relabel_hyper_toggle()
        explanation = explanation_html(optimizer)
        if explanation != self._explanation:  # setting it again would scroll back to the top
            self._explanation = explanation
            self.explanation.set_html(explanation)
        self.surface_note.setText(surface_description(self.race.surface.name))
        self._set_loss_axis_label()

    def _set_loss_axis_label(self) -> None:
        theme = self._theme
        if theme is None:
            return
        label = self.tr("loss − min") if self.loss_view.log_scale else self.tr("loss")
        # Presentation's short loss plot has no height for a turned axis title: named above.
        presenting = theme.name == "presentation"
        set_quantity_label(self.loss_view.plot_widget, label, theme, above=presenting)
        set_axis_label(self.loss_view.plot_widget, "bottom", self.tr("step"), theme)
        set_axis_label(self.surface_view.plot_widget, "bottom", "x", theme)
        set_axis_label(self.surface_view.plot_widget, "left", "y", theme)

    def _relabel_hyper_toggle(self) -> None:
        if self._presenting():
            # Beside the optimizers' menu; the inspected optimizer is marked in the list.
            self.hyper_toggle.setText(self.tr("Hyper-parameters"))
        else:
            title = self.lane_title(self.lane_list.inspected())
            self.hyper_toggle.setText(
                self.tr("Hyper-parameters of {optimizer}").format(optimizer=title)
            )
        self.hyper_toggle.setArrowType(
            Qt.ArrowType.DownArrow if self.hyper_toggle.isChecked() else Qt.ArrowType.RightArrow
        )

    def _store(self, batch) -> None:
        known = dict(self.diverged_at)
        super()._store(batch)
        if self.diverged_at != known:
            self._refresh_texts()

    def _clear_run(self) -> None:
        had_divergence = bool(self.diverged_at)
        super()._clear_run()
        self.loss_view.reset_ranges()
        if had_divergence:
            self._refresh_texts()

    @Slot(int)
    def _on_surface_chosen(self, index: int) -> None:
        name = self.surface_combo.itemData(index)
        if name == self.race.surface.name:
            return
        self.send_session_command(Command("set_surface", {"surface": name}))
        if self._theme is not None:
            self.surface_view.set_surface(self.race.surface, self._theme)
        self.surface_view.set_start(*self.race.start)
        self._on_log_scale(self.log_check.isChecked())
        self._refresh_texts()

    @Slot(bool)
    def _on_noise(self, enabled: bool) -> None:
        self.send_session_command(Command("set_noise", {"noise": DEFAULT_NOISE if enabled else 0}))
        self.status_message.emit(
            self.tr("Noisy gradients: the paths now wander like SGD's.")
            if enabled
            else self.tr("Exact gradients again.")
        )

    @Slot(object)
    def _on_speed(self, speed: float | None) -> None:
        self.set_speed(speed)

    @Slot(bool)
    def _on_log_scale(self, enabled: bool) -> None:
        minima = self.race.surface.minima
        lowest = min((float(self.race.surface.value(x, y)) for x, y in minima), default=0.0)
        self.loss_view.set_log_scale(enabled, lowest)
        self._set_loss_axis_label()
        self.frame_clock.request_redraw()

    @Slot(float, float)
    def _on_start_dragged(self, x: float, y: float) -> None:
        self._pending_start = (x, y)
        self._start_clock.request_redraw()

    def _send_pending_start(self) -> None:
        if self._pending_start is not None:
            start, self._pending_start = self._pending_start, None
            self.send_session_command(Command("set_start", {"start": start}))

    @Slot(int, int, int)
    def _on_timeline(self, first: int, last: int, shown: int) -> None:
        self.timeline.set_timeline(first, last, shown, self.is_live())

    @Slot(str, bool)
    def _on_lane_enabled(self, _lane: str, _enabled: bool) -> None:
        self._refresh_texts()
        self.frame_clock.request_redraw()

    @Slot(str, str)
    def _on_lane_color(self, lane: str, color: str) -> None:
        self._custom_colors[lane] = color
        self._refresh_texts()
        self.inspector.show_lane(*self._inspector_setup(self.lane_list.inspected()))
        self.frame_clock.request_redraw()

    @Slot(str)
    def _on_inspected(self, lane: str) -> None:
        self.formula.show_optimizer(self._lane_optimizers[lane])
        self.inspector.show_lane(*self._inspector_setup(lane))
        self._refresh_texts()
        self.frame_clock.request_redraw()

    def _inspector_setup(self, lane: str) -> tuple[str, bool, bool]:
        optimizer = self._lane_optimizers[lane]
        keys = OPTIMIZERS[optimizer].state_keys
        color = self.lane_colors()[self.race.lane_index(lane)]
        return color, "effective_lr" in keys, "m_hat" in keys

    @Slot(int)
    def _on_tab_changed(self, _index: int) -> None:
        self.frame_clock.request_redraw()

    @Slot(bool)
    def _on_hyper_toggle(self, expanded: bool) -> None:
        self.hyper_editor.setVisible(expanded)
        self._relabel_hyper_toggle()

    @Slot(str, str, float)
    def _on_hyper_edited(self, lane: str, key: str, value: float) -> None:
        try:
            self.send_session_command(Command("set_hyperparameters", {"lane": lane, key: value}))
        except ValueError as error:
            self.status_message.emit(str(error))
            return
        self._refresh_texts()
