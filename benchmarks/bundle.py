"""Bundle size and start-up of OptLab against a minimal PySide6 + pyqtgraph + NumPy bundle.

    python benchmarks/bundle.py [--runs 7] [--keep DIR]

Builds both one-folder bundles in the same run with resources/optlab.spec (the hello window,
benchmarks/hello_window.py, through the spec's ``--hello`` option, so both get the same
exclusions and stripping), then prints their sizes, their start-up times (median of
``--runs`` offscreen ``--screenshot`` runs: the hello window and OptLab opening each panel,
taken in turn) and the ratios as JSON. A panel's screenshot waits until the panel reports
``ready_for_screenshot()``, so its time includes any start-up work the panel finishes first.
Goals (issue 9): size ratio <= 1.15, start-up ratio <= 1.3.
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
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
SPEC = CHECKOUT / "resources" / "optlab.spec"
HELLO_SCRIPT = CHECKOUT / "benchmarks" / "hello_window.py"
WINDOW_SIZE = "1280x720"
PANELS = ("activations", "batchnorm", "training")
MIB = 1024 * 1024


def build(name: str, spec_options: list[str], folder: Path) -> tuple[Path, float]:
    """Build one bundle into ``folder``/dist/``name``; return its folder and the build time."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level=WARN",
        "--distpath",
        str(folder / "dist"),
        "--workpath",
        str(folder / "build" / name),
        str(SPEC),
    ]
    if spec_options:
        command += ["--", *spec_options]
    start = time.perf_counter()
    subprocess.run(command, cwd=CHECKOUT, check=True)
    return folder / "dist" / name, time.perf_counter() - start


def folder_size(folder: Path) -> int:
    """Bytes of every file below ``folder`` (symbolic links counted as links)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_dir())


def executable(bundle: Path) -> Path:
    """The launcher inside a one-folder bundle."""
    suffix = ".exe" if sys.platform == "win32" else ""
    return bundle / f"{bundle.name}{suffix}"


def start_up_seconds(command: list[str], environment: dict[str, str]) -> float:
    """Wall time from launch until the screenshot is written and the process has exited."""
    start = time.perf_counter()
    subprocess.run(command, env=environment, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    """Build both bundles, measure them in one run and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per bundle")
    parser.add_argument("--keep", type=Path, help="build here and keep the bundles")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="optlab-bundle-bench-") as scratch:
        folder = args.keep or Path(scratch)
        hello, hello_build_s = build("hello", ["--hello", str(HELLO_SCRIPT)], folder)
        optlab, optlab_build_s = build("optlab", [], folder)
        environment = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            XDG_CONFIG_HOME=str(Path(scratch) / "config"),
            XDG_DATA_HOME=str(Path(scratch) / "data"),
        )
        shot = str(Path(scratch) / "shot.png")
        screenshot = ["--size", WINDOW_SIZE, "--screenshot", shot]
        commands = {"hello": [str(executable(hello)), *screenshot]}
        for panel in PANELS:
            commands[panel] = [str(executable(optlab)), "--panel", panel, *screenshot]
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # warm the file cache once
            start_up_seconds(command, environment)
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(start_up_seconds(command, environment))
        hello_size, optlab_size = folder_size(hello), folder_size(optlab)
    median = {name: statistics.median(seconds) for name, seconds in times.items()}
    results = {
        "hello_size_mib": round(hello_size / MIB, 1),
        "optlab_size_mib": round(optlab_size / MIB, 1),
        "size_ratio": round(optlab_size / hello_size, 3),
        "hello_start_s": round(median["hello"], 3),
    }
    for panel in PANELS:
        results[f"optlab_{panel}_start_s"] = round(median[panel], 3)
        results[f"{panel}_start_ratio"] = round(median[panel] / median["hello"], 2)
    results |= {
        "hello_build_s": round(hello_build_s, 1),
        "optlab_build_s": round(optlab_build_s, 1),
        "runs": args.runs,
    }
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
