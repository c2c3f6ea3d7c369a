"""Write the BatchNorm panel's first probe pair into the resources (run after changing the
probe or the panel's default network; a test fails until it is run).

    python tools/make_first_probe.py
"""

from __future__ import annotations

import sys

from optlab_gui.ui.panels.batchnorm.controls import DEFAULT_NETWORK
from optlab_gui.ui.panels.batchnorm.first_probe import FIRST_PROBE_FILE, write_pair
from optlab_gui.ui.panels.batchnorm.probe_job import ProbeRequest, probe_pair
from optlab_gui.ui.panels.batchnorm_panel import bin_edges
from optlab_gui.ui.resource_paths import resource_path


def main() -> int:
    """Probe the default network and store the pair."""
    request = ProbeRequest(DEFAULT_NETWORK, bin_edges(DEFAULT_NETWORK.activation))
    path = resource_path(*FIRST_PROBE_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_pair(path, request, probe_pair(request))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
