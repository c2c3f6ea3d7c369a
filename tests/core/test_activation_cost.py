"""Measured evaluation cost of activations (ns per element)."""

import math

import numpy as np
import pytest

from optlab_gui.core.activation_cost import evaluation_cost_ns, measure_costs, sample_inputs
from optlab_gui.core.activations import ACTIVATIONS


def test_cost_is_a_positive_finite_number_of_nanoseconds():
    cost = evaluation_cost_ns(ACTIVATIONS["sigmoid"], sample_inputs(10_000), repeats=2)
    assert math.isfinite(cost)
    assert cost > 0


def test_measure_costs_yields_every_activation_in_order():
    results = list(measure_costs(ACTIVATIONS.values(), size=2_000, repeats=1))
    assert [name for name, _ in results] == list(ACTIVATIONS)
    assert all(cost > 0 for _, cost in results)


def test_measure_costs_stops_when_asked():
    asked = []

    def stop_after_two() -> bool:
        asked.append(True)
        return len(asked) > 2

    results = list(measure_costs(ACTIVATIONS.values(), size=1_000, repeats=1,
                                 should_stop=stop_after_two))  # fmt: skip
    assert len(results) == 2


def test_inputs_cover_both_sides_and_the_tails():
    inputs = sample_inputs(100_000)
    assert inputs.size == 100_000
    assert np.mean(inputs < 0) == pytest.approx(0.5, abs=0.01)
    assert np.max(np.abs(inputs)) > 9.0


def test_bad_sizes_are_rejected():
    with pytest.raises(ValueError):
        sample_inputs(0)
    with pytest.raises(ValueError):
        evaluation_cost_ns(ACTIVATIONS["relu"], sample_inputs(10), repeats=0)
