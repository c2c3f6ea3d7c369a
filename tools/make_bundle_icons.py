"""Pack the app icon's PNG sizes into the bundle icons: optlab.ico (Windows), optlab.icns (macOS).

Run after ``python tools/make_icons.py`` (which renders the PNGs from the one source image,
resources/icons/optlab.svg): ``python tools/make_bundle_icons.py``. Both formats are plain
containers of PNG images, so they are written with ``struct`` and need no imaging library.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Windows picks the entry nearest to what it draws (16 px lists, 32/48 px desktop, 256 px tiles).
ICO_SIZES = (16, 32, 48, 64, 128, 256)
# Apple's PNG-based icon types: each code names the pixel size it holds (retina codes hold 2x).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),  # 16 pt @2x
    (b"icp6", 64),
    (b"ic12", 64),  # 32 pt @2x
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),  # 128 pt @2x
    (b"ic09", 512),
    (b"ic14", 512),  # 256 pt @2x
)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk; ValueError if ``data`` is not a PNG."""
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def read_icon_png(size: int) -> bytes:
    """The square PNG rendered for ``size`` pixels, checked to really be that size."""
    path = ICONS / f"optlab_{size}.png"
    data = path.read_bytes()
    if png_size(data) != (size, size):
        raise ValueError(f"{path} is {png_size(data)}, expected {size}x{size}")
    return data


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file holding one PNG entry per size (PNG entries are valid since Windows Vista)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    directory = b""
    payload = b""
    offset = len(header) + 16 * len(images)
    for size, data in sorted(images.items()):
        # Width and height are one byte each; 0 means 256.
        side = 0 if size >= 256 else size
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        payload += data
        offset += len(data)
    return header + directory + payload


def icns_bytes(images: dict[int, bytes]) -> bytes:
    """An ICNS file: a big-endian length-prefixed list of (type code, PNG) elements."""
    elements = b"".join(
        code + struct.pack(">I", 8 + len(images[size])) + images[size] for code, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(elements)) + elements


def main() -> int:
    """Write resources/icons/optlab.ico and optlab.icns from the rendered PNGs."""
    sizes = sorted(set(ICO_SIZES) | {size for _code, size in ICNS_TYPES})
    images = {size: read_icon_png(size) for size in sizes}
    (ICONS / "optlab.ico").write_bytes(ico_bytes({s: images[s] for s in ICO_SIZES}))
    (ICONS / "optlab.icns").write_bytes(icns_bytes(images))
    return 0


if __name__ == "__main__":
    sys.exit(main())
