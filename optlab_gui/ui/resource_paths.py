"""The one way OptLab finds its resources: icons, translations, formula images, lessons and
data (the BatchNorm panel's first probe).

The same lookup serves a source checkout, an editable install, an installed wheel and a
PyInstaller bundle, so no caller ever needs to know how the app was started.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@cache
def resource_root() -> Path:
    """Return the folder that holds OptLab's resources.

    An installed wheel (and the bundle) keeps them inside the package as
    ``optlab_gui/resources``; a source checkout keeps them beside the package.
    """
    candidates = [_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"]
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if bundle_dir:
        candidates.insert(0, Path(bundle_dir) / "optlab_gui" / "resources")
    for candidate in candidates:
        if (candidate / "icons").is_dir():
            return candidate
    raise FileNotFoundError(
        "OptLab's resources folder was not found; looked in: "
        + ", ".join(str(c) for c in candidates)
    )


def resource_path(*parts: str) -> Path:
    """Return the path of a resource file, e.g. ``resource_path("icons", "optlab.png")``.

    The file may not exist (a missing formula image is reported by its caller, which
    falls back to text): this only builds the path.
    """
    return resource_root().joinpath(*parts)
