"""The command line: help, version, bad arguments, and screenshots in every combination."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from optlab_gui import __version__


def run_optlab(*arguments: str, timeout: float = 60) -> subprocess.CompletedProcess:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "optlab_gui", *arguments],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
    )


def test_version_and_help():
    assert __version__ in run_optlab("--version").stdout
    help_text = run_optlab("--help").stdout
    for option in ("--panel", "--lang", "--presentation", "--screenshot", "--size"):
        assert option in help_text


@pytest.mark.parametrize(
    "arguments",
    [
        ("--panel", "nowhere"),
        ("--lang", "fr"),
        ("--size", "big"),
        ("--size", "10x10"),
        ("--bogus",),
    ],
)
def test_bad_arguments_exit_2_with_a_message(arguments):
    result = run_optlab(*arguments)
    assert result.returncode == 2
    assert "error:" in result.stderr


@pytest.mark.parametrize(
    ("panel", "language", "presentation"),
    [
        ("activations", "en", False),
        ("batchnorm", "zh_CN", False),
        ("training", "en", True),
    ],
)
def test_screenshot_writes_the_window(tmp_path, panel, language, presentation):
    target = tmp_path / "shot.png"
    arguments = [
        "--panel",
        panel,
        "--lang",
        language,
        "--screenshot",
        str(target),
        "--size",
        "1280x720",
    ]
    if presentation:
        arguments.append("--presentation")
    result = run_optlab(*arguments)
    assert result.returncode == 0, result.stderr
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1280, 720)
    colours = {image.pixel(x, y) for x in range(0, 1280, 37) for y in range(0, 720, 23)}
    assert len(colours) > 5  # not a blank image
