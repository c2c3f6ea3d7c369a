"""The BatchNorm panel's controls: the network, what to show, and the training run.

Each group reads its state into plain values for the panel and says when it changed; the
secondary rows (width, batch size, learning rate) fold away in presentation mode.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from optlab_gui.core.activations import ACTIVATIONS
from optlab_gui.core.initialisers import INITIALISERS, weight_std
from optlab_gui.training.deep_bn_names import EVAL_MODE, TRAIN_MODE
from optlab_gui.ui.panels.batchnorm.texts import activation_title, initialiser_title
from optlab_gui.ui.widgets.parameter_control import ParameterControl

#: Views of the comparison: one network alone, or both side by side.
SHOW_PLAIN, SHOW_BATCHNORM, SHOW_BOTH = "plain", "batchnorm", "both"
#: BatchNorm's modes in the training run (the session's names).
BATCH_STATISTICS, RUNNING_STATISTICS = TRAIN_MODE, EVAL_MODE

MAX_SEED = 2**31 - 1


@dataclass(frozen=True)
class NetworkSettings:
    """The deep network both columns share (``weight_std`` only for the custom init)."""

    depth: int
    width: int
    batch: int
    activation: str
    init: str
    weight_std: float | None
    seed: int


# The network the panel opens on (its controls are not saved between sessions): 20 sigmoid
# layers with σ = 1 saturate without BatchNorm, the notes' example. (A plain comment: the
# translation tool would take a "#:" one for a note on the panel's next string.)
DEFAULT_NETWORK = NetworkSettings(
    depth=20, width=128, batch=128, activation="sigmoid", init="custom", weight_std=1.0, seed=0
)


class NetworkControls(QGroupBox):
    """Depth, width, batch size, activation, initialisation (with its σ) and the seed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkControls")
        default = DEFAULT_NETWORK
        self.depth = ParameterControl(1, 50, default.depth, integer=True)
        self.width = ParameterControl(4, 512, default.width, log_scale=True, integer=True)
        self.batch = ParameterControl(8, 1024, default.batch, log_scale=True, integer=True)
        self.activation = QComboBox()
        self.activation.setObjectName("activationChoice")
        for name in ACTIVATIONS:
            self.activation.addItem("", name)
        self.activation.setCurrentIndex(self.activation.findData(default.activation))
        self.init = QComboBox()
        self.init.setObjectName("initChoice")
        for name in INITIALISERS:
            self.init.addItem("", name)
        self.init.setCurrentIndex(self.init.findData(default.init))
        self.weight_std = ParameterControl(0.001, 10.0, default.weight_std, log_scale=True)
        self.new_seed = QPushButton()
        self.new_seed.setObjectName("newSeedButton")
        self.seed_label = QLabel()
        self._seed = default.seed
        self._activation_label = QLabel()
        self._init_label = QLabel()

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self._activation_label, self.activation)
        form.addRow(self._init_label, self.init)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.new_seed)
        seed_row.addWidget(self.seed_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.depth)
        layout.addLayout(form)
        layout.addWidget(self.weight_std)
        layout.addWidget(self.width)
        layout.addWidget(self.batch)
        layout.addLayout(seed_row)

        for control in (self.depth, self.width, self.batch):
            control.value_changed.connect(self._network_changed)
        self.weight_std.value_changed.connect(self._std_changed)
        self.activation.currentIndexChanged.connect(self._network_changed)
        self.init.currentIndexChanged.connect(self._init_changed)
        self.new_seed.clicked.connect(self._draw_new_seed)
        self._show_scheme_std()

    def settings(self) -> NetworkSettings:
        """The network as the controls describe it now."""
        init = self.init.currentData()
        return NetworkSettings(
            depth=round(self.depth.value()),
            width=round(self.width.value()),
            batch=round(self.batch.value()),
            activation=self.activation.currentData(),
            init=init,
            weight_std=self.weight_std.value() if init == "custom" else None,
            seed=self._seed,
        )

    def set_seed(self, seed: int) -> None:
        """Use another random draw of weights and inputs."""
        self._seed = int(seed)
        self.seed_label.setText(self.tr("seed {seed}").format(seed=self._seed))
        self.changed.emit()

    def set_folded(self, folded: bool) -> None:
        """Hide the secondary rows (width, batch size) for presentation mode."""
        self.width.setVisible(not folded)
        self.batch.setVisible(not folded)

    def retranslate_ui(self) -> None:
        """Set every label in the current language."""
        self.setTitle(self.tr("Deep network"))
        self.depth.set_label(self.tr("Depth"), self.tr("Number of layers (1–50)"))
        self.width.set_label(self.tr("Width"), self.tr("Units per layer"))
        self.batch.set_label(
            self.tr("Batch"), self.tr("Examples in the batch that BatchNorm normalises over")
        )
        self.weight_std.set_label(
            self.tr("Weight σ"),
            self.tr("Standard deviation of the initial weights (set it freely with Custom)"),
        )
        self._activation_label.setText(self.tr("Activation"))
        self._init_label.setText(self.tr("Initialisation"))
        for index in range(self.activation.count()):
            name = self.activation.itemData(index)
            self.activation.setItemText(index, activation_title(ACTIVATIONS[name].title))
        for index in range(self.init.count()):
            name = self.init.itemData(index)
            self.init.setItemText(index, initialiser_title(INITIALISERS[name].title))
        self.new_seed.setText(self.tr("New random network"))
        self.new_seed.setToolTip(
            self.tr("Draw new weights and a new input batch (the same for both columns)")
        )
        self.seed_label.setText(self.tr("seed {seed}").format(seed=self._seed))

    def _show_scheme_std(self) -> None:
        """Outside Custom the σ slider shows the scheme's σ for this width, read-only."""
        init = self.init.currentData()
        custom = init == "custom"
        self.weight_std.setEnabled(custom)
        if not custom:
            width = round(self.width.value())
            self.weight_std.blockSignals(True)
            self.weight_std.set_value(weight_std(init, width, width))
            self.weight_std.blockSignals(False)

    @Slot()
    def _network_changed(self) -> None:
        self._show_scheme_std()
        self.changed.emit()

    @Slot()
    def _init_changed(self) -> None:
        self._show_scheme_std()
        self.changed.emit()

    @Slot()
    def _std_changed(self) -> None:
        if self.init.currentData() == "custom":
            self.changed.emit()

    @Slot()
    def _draw_new_seed(self) -> None:
        self.set_seed(random.randint(0, MAX_SEED))


class ViewControls(QGroupBox):
    """Which network to show (without BN, with BN, or both side by side) and which layer."""

    show_changed = Signal(str)
    layer_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewControls")
        self._buttons: dict[str, QToolButton] = {}
        self._group = QButtonGroup(self)
        row = QHBoxLayout()
        row.setSpacing(0)
        for key in (SHOW_PLAIN, SHOW_BATCHNORM, SHOW_BOTH):
            button = QToolButton()
            button.setObjectName(f"show_{key}")
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self._group.addButton(button)
            self._buttons[key] = button
            row.addWidget(button, 1)
        self._buttons[SHOW_BOTH].setChecked(True)
        self.layer = QSpinBox()
        self.layer.setObjectName("layerChoice")
        self.layer.setRange(1, 20)
        self.layer.setValue(20)
        self._layer_label = QLabel()
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self._layer_label, self.layer)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(form)
        self._group.buttonToggled.connect(self._button_toggled)
        self.layer.valueChanged.connect(self.layer_changed)

    def shown(self) -> str:
        """SHOW_PLAIN, SHOW_BATCHNORM or SHOW_BOTH."""
        return next(key for key, button in self._buttons.items() if button.isChecked())

    def set_shown(self, key: str) -> None:
        """Show one network (SHOW_PLAIN / SHOW_BATCHNORM) or both (SHOW_BOTH)."""
        self._buttons[key].setChecked(True)

    def set_depth(self, depth: int) -> None:
        """Let the layer choice run from 1 to ``depth`` (keeps the choice when it still fits,
        else the deepest layer)."""
        keep = self.layer.value() <= depth
        self.layer.setRange(1, depth)
        if not keep:
            self.layer.setValue(depth)

    def retranslate_ui(self) -> None:
        """Set every label in the current language."""
        self.setTitle(self.tr("BatchNorm"))
        texts = {
            SHOW_PLAIN: (self.tr("Off"), self.tr("Show the network without BatchNorm")),
            SHOW_BATCHNORM: (self.tr("On"), self.tr("Show the network with BatchNorm")),
            SHOW_BOTH: (
                self.tr("Side by side"),
                self.tr("Show both networks: same weights, same inputs, only BatchNorm differs"),
            ),
        }
        for key, (text, tip) in texts.items():
            self._buttons[key].setText(text)
            self._buttons[key].setToolTip(tip)
        self._layer_label.setText(self.tr("Layer in detail"))
        self.layer.setToolTip(self.tr("Or click a row of the heat map"))

    @Slot(object, bool)
    def _button_toggled(self, _button: QToolButton, checked: bool) -> None:
        if checked:
            self.show_changed.emit(self.shown())


class TrainingControls(QGroupBox):
    """Train/pause, step and reset the two networks; learning rate; BatchNorm's mode."""

    train_clicked = Signal()
    step_clicked = Signal()
    reset_clicked = Signal()
    learning_rate_changed = Signal(float)
    bn_mode_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingControls")
        self.train = QPushButton()
        self.train.setObjectName("trainButton")
        self.step = QPushButton()
        self.step.setObjectName("trainStepButton")
        self.reset = QPushButton()
        self.reset.setObjectName("trainResetButton")
        self.learning_rate = ParameterControl(1e-4, 1.0, 0.05, log_scale=True)
        self._modes: dict[str, QToolButton] = {}
        self._mode_group = QButtonGroup(self)
        mode_row = QHBoxLayout()
        mode_row.setSpacing(0)
        for mode in (BATCH_STATISTICS, RUNNING_STATISTICS):
            button = QToolButton()
            button.setObjectName(f"bnMode_{mode}")
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self._mode_group.addButton(button)
            self._modes[mode] = button
            mode_row.addWidget(button, 1)
        self._modes[BATCH_STATISTICS].setChecked(True)
        self._mode_label = QLabel()
        self._mode_label.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("trainingStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.train, self.step, self.reset):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.learning_rate)
        layout.addWidget(self._mode_label)
        layout.addLayout(mode_row)
        layout.addWidget(self.status)
        self.train.clicked.connect(self.train_clicked)
        self.step.clicked.connect(self.step_clicked)
        self.reset.clicked.connect(self.reset_clicked)
        self.learning_rate.value_changed.connect(self.learning_rate_changed)
        self._mode_group.buttonToggled.connect(self._mode_toggled)
        self._running = False

    def bn_mode(self) -> str:
        """BATCH_STATISTICS or RUNNING_STATISTICS."""
        return next(mode for mode, button in self._modes.items() if button.isChecked())

    def set_bn_mode(self, mode: str) -> None:
        """Select BatchNorm's mode (emits bn_mode_changed if it changes)."""
        self._modes[mode].setChecked(True)

    def set_running(self, running: bool) -> None:
        """Label the train button Pause while the networks train."""
        self._running = running
        self._label_train_button()

    def set_folded(self, folded: bool) -> None:
        """Hide the learning rate in presentation mode."""
        self.learning_rate.setVisible(not folded)

    def retranslate_ui(self) -> None:
        """Set every label in the current language."""
        self.setTitle(self.tr("Training"))
        self._label_train_button()
        self.step.setText(self.tr("Step"))
        self.step.setToolTip(self.tr("Train both networks on one more mini-batch (Right arrow)"))
        self.reset.setText(self.tr("Reset"))
        self.reset.setToolTip(
            self.tr("Forget the training and show the freshly initialised networks (R)")
        )
        self.learning_rate.set_label(
            self.tr("η"), self.tr("Learning rate of SGD with momentum, the same for both")
        )
        self._mode_label.setText(self.tr("BatchNorm normalises with"))
        self._modes[BATCH_STATISTICS].setText(self.tr("Batch statistics"))
        self._modes[BATCH_STATISTICS].setToolTip(
            self.tr("Training mode: the mean and variance of the batch at hand")
        )
        self._modes[RUNNING_STATISTICS].setText(self.tr("Running statistics"))
        self._modes[RUNNING_STATISTICS].setToolTip(
            self.tr("Evaluation mode: the running averages collected while training")
        )

    def _label_train_button(self) -> None:
        if self._running:
            self.train.setText(self.tr("Pause"))
            self.train.setToolTip(self.tr("Pause the training (Space)"))
        else:
            self.train.setText(self.tr("Train"))
            self.train.setToolTip(
                self.tr("Train both networks on the same mini-batches of a toy data set (Space)")
            )

    @Slot(object, bool)
    def _mode_toggled(self, _button: QToolButton, checked: bool) -> None:
        if checked:
            self.bn_mode_changed.emit(self.bn_mode())
