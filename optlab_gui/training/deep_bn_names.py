"""Names shared by the two-network BatchNorm session and the panel that drives it.

Lanes, BatchNorm's modes, the measured channels and the size of the measuring set, apart
from :mod:`optlab_gui.training.deep_bn_session` so the panel can name them without importing
the session's networks and data sets (a tenth of the panel's start-up) before it trains.
"""

from __future__ import annotations

__all__ = [
    "BATCHNORM",
    "BATCH_LOSS",
    "BN_MODES",
    "DEFAULT_MEASURE_SIZE",
    "EVAL_MODE",
    "HISTOGRAM",
    "PLAIN",
    "PRE_ACTIVATION_MEAN",
    "PRE_ACTIVATION_STD",
    "SATURATED_FRACTION",
    "TRAIN_MODE",
    "WEIGHT_GRADIENT_NORM",
]

#: Lane keys: the network without BatchNorm and the one with it.
PLAIN = "plain"
BATCHNORM = "batchnorm"

#: BatchNorm's two modes: batch statistics (training) or running statistics (evaluation).
TRAIN_MODE = "train"
EVAL_MODE = "eval"
BN_MODES = (TRAIN_MODE, EVAL_MODE)

#: Channels besides ``loss`` and ``diverged``: per lane, one value per hidden layer
#: (the histogram one row of counts per hidden layer).
HISTOGRAM = "histogram"
SATURATED_FRACTION = "saturated_fraction"
PRE_ACTIVATION_MEAN = "pre_activation_mean"
PRE_ACTIVATION_STD = "pre_activation_std"
WEIGHT_GRADIENT_NORM = "weight_gradient_norm"
#: The loss of the mini-batch the step was taken on (``loss`` is on the fixed measuring set).
BATCH_LOSS = "batch_loss"
#: How many training points the measurements (distributions, loss) are taken on.
DEFAULT_MEASURE_SIZE = 256
