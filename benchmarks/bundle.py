"""Bundle size and start-up of OptLab against a minimal PySide6 + pyqtgraph + NumPy bundle.

    python benchmarks/bundle.py [--runs 7] [--keep DIR] [--first-window]

Builds both one-folder bundles in the same run with resources/optlab.spec (the hello window,
benchmarks/hello_window.py, through the spec's ``--hello`` option, so both get the same
exclusions and stripping), then prints their sizes, their start-up times (median of
``--runs`` offscreen ``--screenshot`` runs: the hello window and OptLab opening each panel,
taken in turn) and the ratios as JSON. A panel's screenshot is its first frame as a user
sees it (a lesson scene would first compute its steps). ``--first-window`` also times
what a double-click feels like: launch until the window is on screen, on a private Xvfb
server (needs Xvfb, xwininfo and the xcb libraries listed in the README).
Goals (issue 9): size ratio <= 1.15, start-up ratio <= 1.3.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
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
WINDOW_POLL_S = 0.01
WINDOW_DEADLINE_S = 60.0


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


@contextlib.contextmanager
def xvfb_display():
    """A private Xvfb server for the duration of the block; yields its DISPLAY value."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as display_number:
        display = f":{display_number.readline().strip()}"
    try:
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)


def window_viewable(instance_name: str, environment: dict[str, str]) -> bool:
    """True once a window of the X class instance ``instance_name`` is mapped and viewable."""
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree"], env=environment, capture_output=True, text=True
    ).stdout
    for line in tree.splitlines():
        if f'("{instance_name}" ' in line:
            window = line.split()[0]
            info = subprocess.run(
                ["xwininfo", "-id", window], env=environment, capture_output=True, text=True
            ).stdout
            if "IsViewable" in info:
                return True
    return False


def first_window_seconds(command: list[str], environment: dict[str, str]) -> float:
    """Wall time from launch until the app's window is on screen; the app is then stopped."""
    instance_name = Path(command[0]).stem
    start = time.perf_counter()
    # Its own process group, so stopping it also stops the training processes it spawned
    # (left running, they would slow down the next measurement).
    app = subprocess.Popen(
        command,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while not window_viewable(instance_name, environment):
            if app.poll() is not None:
                raise RuntimeError(f"{command[0]} exited ({app.returncode}) before its window")
            if time.perf_counter() - start > WINDOW_DEADLINE_S:
                raise TimeoutError(f"{command[0]} showed no window in {WINDOW_DEADLINE_S} s")
            time.sleep(WINDOW_POLL_S)
        return time.perf_counter() - start
    finally:
        # An app that died on its own (a missing xcb library) has no group left to stop.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(app.pid, signal.SIGTERM)
        app.wait(timeout=30)


def median_times(
    commands: dict[str, list[str]], runs: int, measure, environment: dict[str, str]
) -> dict[str, float]:
    """Median of ``runs`` measurements of each command, taken in turn after one warm-up each."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # warm the file cache once
        measure(command, environment)
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(measure(command, environment))
    return {name: statistics.median(seconds) for name, seconds in times.items()}


def ratios(label: str, median: dict[str, float]) -> dict[str, float]:
    """The hello time, each panel's time and its ratio to hello, as JSON fields."""
    fields = {f"hello_{label}_s": round(median["hello"], 3)}
    for panel in PANELS:
        fields[f"optlab_{panel}_{label}_s"] = round(median[panel], 3)
        fields[f"{panel}_{label}_ratio"] = round(median[panel] / median["hello"], 2)
    return fields


def main() -> int:
    """Build both bundles, measure them in one run and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per bundle")
    parser.add_argument("--keep", type=Path, help="build here and keep the bundles")
    parser.add_argument(
        "--first-window", action="store_true", help="also time until the window is on screen"
    )
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
        results = {
            "hello_size_mib": round(folder_size(hello) / MIB, 1),
            "optlab_size_mib": round(folder_size(optlab) / MIB, 1),
            "size_ratio": round(folder_size(optlab) / folder_size(hello), 3),
        }
        screenshot_times = median_times(commands, args.runs, start_up_seconds, environment)
        results |= ratios("screenshot", screenshot_times)
        if args.first_window:
            with xvfb_display() as display:
                on_screen = dict(environment, DISPLAY=display, QT_QPA_PLATFORM="xcb")
                shown = {
                    name: command[: command.index("--size")] for name, command in commands.items()
                }
                window_times = median_times(shown, args.runs, first_window_seconds, on_screen)
            results |= ratios("first_window", window_times)
    results |= {
        "hello_build_s": round(hello_build_s, 1),
        "optlab_build_s": round(optlab_build_s, 1),
        "runs": args.runs,
    }
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
