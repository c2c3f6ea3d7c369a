"""What the BatchNorm panel draws about one network, layer by layer, and the pair it compares.

The same plots show a probe of freshly initialised networks (:mod:`optlab_gui.core.deepnet`)
and the measurements of the training session (:mod:`optlab_gui.training.deep_bn_session`);
both arrive here as :class:`LayerMeasurements` with the core's names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from optlab_gui.core.deepnet import ProbeResult
from optlab_gui.training.deep_bn_names import (
    HISTOGRAM,
    PRE_ACTIVATION_MEAN,
    PRE_ACTIVATION_STD,
    SATURATED_FRACTION,
    WEIGHT_GRADIENT_NORM,
)


@dataclass(frozen=True, eq=False)
class LayerMeasurements:
    """Per-layer arrays of one network (index 0 = first layer): the counts of its activation
    inputs per bin, their mean and spread, the saturated share and the weight-gradient norm
    (NaN where not computed, e.g. in a preview while a slider moves)."""

    histogram_counts: np.ndarray
    pre_activation_mean: np.ndarray
    pre_activation_std: np.ndarray
    saturated_fraction: np.ndarray
    weight_gradient_norm: np.ndarray

    @property
    def depth(self) -> int:
        """Number of layers measured."""
        return len(self.pre_activation_mean)

    def input_share(self) -> np.ndarray:
        """The histogram as the share of each layer's inputs per bin (rows sum to 1)."""
        totals = self.histogram_counts.sum(axis=1, keepdims=True)
        return self.histogram_counts / np.maximum(totals, 1)

    @classmethod
    def from_probe(cls, result: ProbeResult) -> LayerMeasurements:
        """The measurements of a deep-network probe."""
        return cls(
            histogram_counts=result.histogram_counts,
            pre_activation_mean=result.pre_activation_mean,
            pre_activation_std=result.pre_activation_std,
            saturated_fraction=result.saturated_fraction,
            weight_gradient_norm=result.weight_gradient_norm,
        )

    @classmethod
    def from_record(cls, values: Mapping[str, np.ndarray], lane: int) -> LayerMeasurements:
        """The measurements of lane ``lane`` in a training record's channels."""
        return cls(
            histogram_counts=values[HISTOGRAM][lane],
            pre_activation_mean=values[PRE_ACTIVATION_MEAN][lane],
            pre_activation_std=values[PRE_ACTIVATION_STD][lane],
            saturated_fraction=values[SATURATED_FRACTION][lane],
            weight_gradient_norm=values[WEIGHT_GRADIENT_NORM][lane],
        )


@dataclass(frozen=True, eq=False)
class NetworkPair:
    """The two networks the panel compares: the same weights and inputs without and with
    BatchNorm, measured on the same ``bin_edges`` with the same ``activation``."""

    plain: LayerMeasurements
    batchnorm: LayerMeasurements
    bin_edges: np.ndarray
    activation: str
    #: False for a preview computed without the backward pass (gradient norms are NaN).
    gradients_known: bool = True

    @property
    def depth(self) -> int:
        """Number of layers of both networks."""
        return self.plain.depth
