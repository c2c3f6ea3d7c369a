"""The screenshot's PNG writer: what it writes reads back as the same pixels."""

from __future__ import annotations

import zlib

import numpy as np
import pytest
from PySide6.QtGui import QImage

from optlab_gui.ui.png import save_png, zlib_stream_in_two


@pytest.mark.parametrize("width", [1, 7, 64])  # 7 * 3 bytes: Qt pads each line
def test_png_reads_back_as_the_same_pixels(qapp, tmp_path, width):
    rng = np.random.default_rng(width)
    height = 5
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    for y in range(height):
        for x in range(width):
            image.setPixel(x, y, int(rng.integers(0, 2**32, dtype=np.uint64)))
    path = tmp_path / "picture.png"
    save_png(image, str(path))
    read = QImage(str(path))
    assert not read.isNull()
    expected = image.convertToFormat(QImage.Format.Format_RGB888)
    assert read.convertToFormat(QImage.Format.Format_RGB888) == expected


def test_an_unwritable_path_raises_oserror(qapp, tmp_path):
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(0)
    with pytest.raises(OSError):
        save_png(image, str(tmp_path / "missing" / "picture.png"))


@pytest.mark.parametrize("size", [0, 1, 2, 1000, 300_001])
def test_the_stream_deflated_in_two_halves_decompresses_to_the_data(size):
    data = np.random.default_rng(size).integers(0, 4, size, dtype=np.uint8).tobytes()
    assert zlib.decompress(zlib_stream_in_two(memoryview(data))) == data


def test_an_error_deflating_the_first_half_reaches_the_caller(monkeypatch):
    import optlab_gui.ui.png as png

    original = png._deflate

    def failing(data, last):
        if not last:
            raise MemoryError("no room")
        return original(data, last)

    monkeypatch.setattr(png, "_deflate", failing)
    with pytest.raises(MemoryError, match="no room"):
        zlib_stream_in_two(memoryview(bytes(1000)))
