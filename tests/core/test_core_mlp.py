"""The MLP crosses process boundaries intact (the training races run it in a child process)."""

import pickle

import numpy as np
import pytest

from optlab_gui.core.activations import ACTIVATIONS
from optlab_gui.core.mlp import MLP


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_network_survives_pickling_for_every_activation(activation):
    """Networks cross to the training process by pickle; parameterised activations too."""

    net = MLP([2, 6, 6, 2], activation, batch_norm=True, seed=3)
    params = net.initial_parameters()
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(8, 2)), rng.integers(0, 2, 8)
    copy = pickle.loads(pickle.dumps(net))
    expected = net.loss_and_gradient(params, x, y, update_state=False)
    got = copy.loss_and_gradient(params, x, y, update_state=False)
    assert got[0] == expected[0]
    np.testing.assert_array_equal(got[1], expected[1])
