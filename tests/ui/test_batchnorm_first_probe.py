"""The BatchNorm panel's first frame, stored with the app: it is what a fresh probe of the
default network gives, it is used only for that network, and a bad file is probed around."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from optlab_gui.ui.panels.batchnorm.controls import DEFAULT_NETWORK
from optlab_gui.ui.panels.batchnorm.first_probe import FIRST_PROBE_FILE, stored_pair, write_pair
from optlab_gui.ui.panels.batchnorm.probe_job import ProbeRequest, probe_pair
from optlab_gui.ui.panels.batchnorm_panel import bin_edges
from optlab_gui.ui.resource_paths import resource_path

MEASURES = ("pre_activation_mean", "pre_activation_std", "saturated_fraction",
            "weight_gradient_norm")  # fmt: skip


def default_request(**changes) -> ProbeRequest:
    network = dataclasses.replace(DEFAULT_NETWORK, **changes)
    return ProbeRequest(network, bin_edges(network.activation))


def test_stored_first_probe_is_a_fresh_probe_of_the_default_network():
    request = default_request()
    stored = stored_pair(request)
    assert stored is not None, "run tools/make_first_probe.py"
    fresh = probe_pair(request)
    assert stored.gradients_known and stored.activation == DEFAULT_NETWORK.activation
    for column in ("plain", "batchnorm"):
        kept, computed = getattr(stored, column), getattr(fresh, column)
        # float32 products: a value on a bin edge may land in the neighbouring bin elsewhere
        moved = np.abs(kept.histogram_counts - computed.histogram_counts).sum(axis=1)
        assert moved.max() <= 2
        assert kept.histogram_counts.sum() == computed.histogram_counts.sum()
        for name in MEASURES:  # atol: BatchNorm's means are float32 round-off around 0
            np.testing.assert_allclose(
                getattr(kept, name), getattr(computed, name), rtol=1e-5, atol=1e-6
            )


@pytest.mark.parametrize(
    "changes", [{"seed": 1}, {"depth": 19}, {"width": 127}, {"activation": "tanh"}]
)
def test_another_network_is_not_answered_from_the_file(changes):
    assert stored_pair(default_request(**changes)) is None


def test_other_bin_edges_are_not_answered_from_the_file():
    request = default_request()
    assert stored_pair(ProbeRequest(request.network, request.bin_edges * 2)) is None


@pytest.mark.parametrize("damage", ["missing", "text", "empty", "cut", "flipped byte"])
def test_a_missing_or_damaged_file_means_probing(tmp_path, caplog, damage):
    request = default_request()
    good = resource_path(*FIRST_PROBE_FILE).read_bytes()
    damaged = {"text": b"not an npz file", "empty": b"", "cut": good[: len(good) // 2],
               "flipped byte": good[:4000] + bytes([good[4000] ^ 0xFF]) + good[4001:]}  # fmt: skip
    path = tmp_path / "first.npz"
    if damage in damaged:
        path.write_bytes(damaged[damage])
    assert stored_pair(request, path) is None
    assert "cannot be read" in caplog.text


def test_a_written_pair_reads_back_for_its_network_only(tmp_path):
    request = default_request(depth=3, width=8, batch=16)
    pair = probe_pair(request)
    path = tmp_path / "first.npz"
    write_pair(path, request, pair)
    read = stored_pair(request, path)
    np.testing.assert_array_equal(read.plain.histogram_counts, pair.plain.histogram_counts)
    np.testing.assert_array_equal(
        read.batchnorm.weight_gradient_norm, pair.batchnorm.weight_gradient_norm
    )
    assert stored_pair(default_request(depth=3, width=8, batch=16, seed=5), path) is None
    preview = probe_pair(request, gradients=False)
    with pytest.raises(ValueError):
        write_pair(path, request, preview)
