"""Start-up cost of OptLab against the bare imports of its stack, measured in one run.

    python benchmarks/startup.py [--repeat 5]

Times ``python -m optlab_gui --screenshot`` (full start, first frame settled, PNG written) for
each panel against ``python -c "import PySide6.QtWidgets, pyqtgraph, numpy"`` and prints the
median times and their ratio as JSON. Goal: ratio ≤ 1.3 (nothing heavy at import time).

Fair to both sides: the commands take turns (round after round), so a machine that gets
busier during the run slows all of them alike; and every command runs from compiled
bytecode, as an installed package does (pip compiles it on install), kept in a temporary
folder rather than the checkout. One untimed round first writes that bytecode.
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
PANELS = ("activations", "batchnorm", "training")


def commands(folder: str) -> dict[str, list[str]]:
    """The bare imports and one screenshot command per panel, by name."""
    named = {"bare_import": [sys.executable, "-c", BARE]}
    for panel in PANELS:
        shot = os.path.join(folder, f"{panel}.png")
        named[panel] = [sys.executable, "-m", "optlab_gui", "--panel", panel, "--screenshot", shot]
    return named


def median_times(named: dict[str, list[str]], repeat: int, folder: str) -> dict[str, float]:
    """Median wall time of each command over ``repeat`` rounds (after one untimed round)."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = os.path.join(folder, "bytecode")
    times: dict[str, list[float]] = {name: [] for name in named}
    for round_number in range(repeat + 1):
        for name, command in named.items():
            start = time.perf_counter()
            subprocess.run(command, env=environment, check=True, capture_output=True)
            if round_number:
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(seconds) for name, seconds in times.items()}


def main() -> int:
    """Measure and print the start-up ratio of each panel."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        medians = median_times(commands(folder), args.repeat, folder)
    bare = medians["bare_import"]
    results = {"bare_import_s": round(bare, 3)}
    for panel in PANELS:
        results[f"{panel}_screenshot_s"] = round(medians[panel], 3)
        results[f"{panel}_ratio"] = round(medians[panel] / bare, 2)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
