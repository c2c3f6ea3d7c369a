"""Start-up cost of OptLab against the bare imports of its stack, measured in one run.

    python benchmarks/startup.py [--repeat 5]

Times ``python -m optlab_gui --screenshot`` (full start, first paint, PNG written) for each
panel against ``python -c "import PySide6.QtWidgets, pyqtgraph, numpy"`` and prints the
median times and their ratio as JSON. Goal: ratio ≤ 1.3 (nothing heavy at import time).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = "import PySide6.QtWidgets, pyqtgraph, numpy"


def time_command(command: list[str], repeat: int) -> float:
    """Median wall time of ``command`` over ``repeat`` runs (one warm-up run first)."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(command, env=environment, check=True, capture_output=True)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, env=environment, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    """Measure and print the start-up ratio of each panel."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bare = time_command([sys.executable, "-c", BARE], args.repeat)
    results = {"bare_import_s": round(bare, 3)}
    with tempfile.TemporaryDirectory() as folder:
        for panel in ("activations", "batchnorm", "training"):
            shot = os.path.join(folder, f"{panel}.png")
            command = [sys.executable, "-m", "optlab_gui", "--panel", panel, "--screenshot", shot]
            seconds = time_command(command, args.repeat)
            results[f"{panel}_screenshot_s"] = round(seconds, 3)
            results[f"{panel}_ratio"] = round(seconds / bare, 2)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
