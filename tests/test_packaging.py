"""The wheel ships every package and every resource folder (a forgotten one breaks pip installs)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configured_packages() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def test_every_python_package_is_listed():
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "optlab_gui").rglob("__init__.py")
    }
    assert found - configured_packages() == set()


def test_every_resource_folder_is_listed():
    folders = {
        "optlab_gui.resources." + ".".join(folder.relative_to(ROOT / "resources").parts)
        for folder in (ROOT / "resources").rglob("*")
        if folder.is_dir() and any(child.is_file() for child in folder.iterdir())
    }
    assert folders - configured_packages() == set()
