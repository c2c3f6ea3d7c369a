"""The PyInstaller bundle: built from resources/optlab.spec, it must start, pass its self-test and
show the window in both languages; the icons and the .desktop file it ships with must be sound.

Building takes about a minute on two cores, so those tests are marked ``bundle`` (skip them
locally with ``pytest -m "not bundle"``). Without PyInstaller they are skipped, unless
OPTLAB_REQUIRE_BUNDLE=1 (set by .ci/run) makes that a failure. The checks of the files the
build uses, and the self-test from the checkout, are fast and always run.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QImageReader

from optlab_gui.self_test import MIN_DISTINCT_COLOURS, distinct_colours

CHECKOUT = Path(__file__).resolve().parent.parent
RESOURCES = CHECKOUT / "resources"
SPEC = RESOURCES / "optlab.spec"
BUILD_TIMEOUT_S = 1200
RUN_TIMEOUT_S = 120
SCREENSHOT_SIZE = (1280, 720)
LANGUAGES = ("en", "zh_CN")
# Resource files the build uses but the running app never loads (the spec leaves them out).
BUILD_ONLY_SUFFIXES = {".spec", ".ts", ".ico", ".icns", ".desktop", ".py", ".pyc"}


def load_icon_tool():
    """tools/make_bundle_icons.py as a module (tools/ is not a package)."""
    path = CHECKOUT / "tools" / "make_bundle_icons.py"
    spec = importlib.util.spec_from_file_location("make_bundle_icons", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(command: list[str], timeout: float = RUN_TIMEOUT_S) -> subprocess.CompletedProcess:
    """Run ``command`` offscreen (tests/conftest.py already isolates the user folders)."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=environment)


def image_sizes(path: Path) -> list[int]:
    """Widths of every image inside an icon container, read with Qt's image plugins."""
    reader = QImageReader(str(path))
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), f"{path.name} image {index}: {reader.errorString()}"
        assert image.width() == image.height()
        sizes.append(image.width())
    return sizes


# Fast checks of what the build uses ---------------------------------------------------


def test_self_test_passes_from_the_checkout():
    result = run([sys.executable, "-m", "optlab_gui", "--self-test"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OptLab self-test passed"), result.stdout
    assert len(result.stdout.strip().splitlines()) == 1


def test_bundle_icons_hold_every_size_and_match_the_pngs(qapp):
    tool = load_icon_tool()
    ico = RESOURCES / "icons" / "optlab.ico"
    icns = RESOURCES / "icons" / "optlab.icns"
    assert sorted(image_sizes(ico)) == sorted(tool.ICO_SIZES)
    assert sorted(image_sizes(icns)) == sorted(size for _code, size in tool.ICNS_TYPES)
    # Re-packing the current PNGs gives the committed files: nobody forgot to run the tool.
    images = {size: tool.read_icon_png(size) for size in {*tool.ICO_SIZES, 512}}
    assert ico.read_bytes() == tool.ico_bytes({size: images[size] for size in tool.ICO_SIZES})
    assert icns.read_bytes() == tool.icns_bytes(images)


def test_desktop_file_launches_the_installed_gui_script():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(RESOURCES / "optlab.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    project = tomllib.loads((CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))
    assert desktop["Type"] == "Application"
    assert desktop["Exec"].split()[0] in project["project"]["gui-scripts"]
    assert (RESOURCES / "icons" / f"{desktop['Icon']}.png").is_file()
    assert desktop["Terminal"] == "false"
    assert "Name[zh_CN]" in desktop or "GenericName[zh_CN]" in desktop
    # Qt on X11 names the window class after the application name create_application sets.
    assert desktop["StartupWMClass"] == "OptLab"


# The bundle itself -------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """Build the one-folder bundle in a temporary folder; the path of its launcher."""
    if importlib.util.find_spec("PyInstaller") is None:
        message = "PyInstaller is not installed: pip install '.[bundle]'"
        if os.environ.get("OPTLAB_REQUIRE_BUNDLE") == "1":
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("bundle")
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level=WARN",
        "--distpath",
        str(folder / "dist"),
        "--workpath",
        str(folder / "build"),
        str(SPEC),
    ]
    result = subprocess.run(
        command, cwd=CHECKOUT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    launcher = folder / "dist" / "optlab" / ("optlab.exe" if sys.platform == "win32" else "optlab")
    assert launcher.is_file()
    return launcher


@pytest.fixture(scope="module")
def screenshots(bundle, tmp_path_factory) -> dict[str, Path]:
    """A screenshot taken by the bundle in each language."""
    folder = tmp_path_factory.mktemp("screenshots")
    width, height = SCREENSHOT_SIZE
    shots = {}
    for language in LANGUAGES:
        shots[language] = folder / f"{language}.png"
        size = f"{width}x{height}"
        result = run(
            [str(bundle), "--lang", language, "--size", size, "--screenshot", str(shots[language])]
        )
        assert result.returncode == 0, result.stdout + result.stderr
    return shots


@pytest.mark.bundle
def test_self_test_passes_in_the_bundle(bundle):
    result = run([str(bundle), "--self-test"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OptLab self-test passed"), result.stdout


@pytest.mark.bundle
@pytest.mark.parametrize("language", LANGUAGES)
def test_bundle_screenshot_shows_the_window(screenshots, language, qapp):
    image = QImage(str(screenshots[language]))
    assert not image.isNull()
    assert (image.width(), image.height()) == SCREENSHOT_SIZE
    assert distinct_colours(image) >= MIN_DISTINCT_COLOURS


@pytest.mark.bundle
def test_bundle_screenshot_changes_with_the_language(screenshots, qapp):
    english, chinese = (QImage(str(screenshots[language])) for language in LANGUAGES)
    assert english != chinese


@pytest.mark.bundle
def test_bundle_ships_every_resource_the_app_loads(bundle):
    shipped = bundle.parent / "_internal" / "optlab_gui" / "resources"
    for source in RESOURCES.rglob("*"):
        if source.is_file() and source.suffix not in BUILD_ONLY_SUFFIXES:
            copy = shipped / source.relative_to(RESOURCES)
            assert copy.is_file(), f"{source.relative_to(CHECKOUT)} is missing from the bundle"
            assert copy.stat().st_size == source.stat().st_size


@pytest.mark.bundle
def test_bundle_leaves_out_what_the_app_does_not_use(bundle):
    internal = bundle.parent / "_internal"
    stems = {path.name.lower().split(".")[0] for path in internal.rglob("*")}
    unused = {"matplotlib", "pil", "tkinter", "_tkinter", "pyqt5", "pyqt6", "qtnetwork", "qtqml",
              "qtquick", "qtpdf", "qtwebenginecore", "libqgtk3"}  # fmt: skip
    assert not unused & stems, f"bundled although unused: {sorted(unused & stems)}"
    # pyqtgraph 0.14 imports QtOpenGL and QtOpenGLWidgets; the formula images need QtSvg.
    needed = {"qtopengl", "qtopenglwidgets", "qtsvg"}
    assert needed <= stems, f"missing: {sorted(needed - stems)}"
    if sys.platform.startswith("linux"):
        qt_translations = internal / "PySide6" / "Qt" / "translations"
        assert {path.name for path in qt_translations.iterdir()} == {"qtbase_zh_CN.qm"}
