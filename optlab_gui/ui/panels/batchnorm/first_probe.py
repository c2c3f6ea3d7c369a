"""The BatchNorm panel's first frame, computed ahead of time.

The panel opens on the same network every time (its controls are not saved between
sessions), and probing it was the largest single part of the panel's start-up: ~30 ms of
~680 (measured), most of it loading NumPy's random module and drawing the weights. So the
probe pair of the default controls ships with the resources
(``resources/data/batchnorm_first_probe.npz``, written by ``tools/make_first_probe.py``), and
a test compares it with a fresh probe: a change to the probe or to the defaults that was
not written there fails. Any other network is probed as before.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from optlab_gui.ui.panels.batchnorm.controls import NetworkSettings
from optlab_gui.ui.panels.batchnorm.measurements import LayerMeasurements, NetworkPair
from optlab_gui.ui.panels.batchnorm.probe_job import ProbeRequest
from optlab_gui.ui.resource_paths import resource_path

log = logging.getLogger(__name__)

FIRST_PROBE_FILE = ("data", "batchnorm_first_probe.npz")
#: Raised when what the file holds changes meaning, so an older file is not misread.
FORMAT_VERSION = 1
_COLUMNS = ("plain", "batchnorm")
_MEASURES = tuple(field.name for field in dataclasses.fields(LayerMeasurements))


def stored_pair(request: ProbeRequest, path: Path | None = None) -> NetworkPair | None:
    """The stored probe pair when ``request`` is the network it was computed for, else None
    (also when the file is missing or unreadable, which is logged: the caller probes)."""
    path = resource_path(*FIRST_PROBE_FILE) if path is None else path
    try:
        # opened here: np.load leaves its own file open when the archive is damaged
        with open(path, "rb") as file, np.load(file) as stored:
            if not _computed_for(stored, request):
                return None
            plain, batchnorm = (
                LayerMeasurements(**{name: stored[f"{column}_{name}"] for name in _MEASURES})
                for column in _COLUMNS
            )
    except (OSError, EOFError, KeyError, ValueError, zipfile.BadZipFile) as error:
        log.warning("the stored first probe %s cannot be read (%s); probing", path, error)
        return None
    return NetworkPair(plain, batchnorm, request.bin_edges, request.network.activation)


def write_pair(path: Path, request: ProbeRequest, pair: NetworkPair) -> None:
    """Store ``pair``, the full probe of ``request``, for :func:`stored_pair` (in one step:
    an interrupted write leaves the previous file)."""
    if not pair.gradients_known:
        raise ValueError("only a full probe pair (with gradients) can be stored")
    measures = {
        f"{column}_{name}": getattr(getattr(pair, column), name)
        for column in _COLUMNS
        for name in _MEASURES
    }
    path = Path(path)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as file:
            np.savez(file, format_version=FORMAT_VERSION, network=_describe(request.network),
                     bin_edges=request.bin_edges, **measures)  # fmt: skip
        os.chmod(temporary, 0o644)  # a resource, readable by all like the others
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _computed_for(stored, request: ProbeRequest) -> bool:
    return (
        int(stored["format_version"]) == FORMAT_VERSION
        and str(stored["network"]) == _describe(request.network)
        and np.array_equal(stored["bin_edges"], request.bin_edges)
    )


def _describe(network: NetworkSettings) -> str:
    return repr(dataclasses.astuple(network))
