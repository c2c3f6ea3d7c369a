"""OptLab: a desktop lab for teaching how deep networks learn."""

import ctypes
import os
import sys

# On the small machines OptLab runs on (lecture laptops, 2-core CI), a multi-threaded BLAS
# fights the GUI thread and the training process for the cores: measured here, the
# BatchNorm panel's first probe took 2.8 s with two BLAS threads and 0.35 s with one.
# Set before NumPy is first imported; a user's own setting wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

#: glibc's mallopt parameters (malloc.h) and the values OptLab sets.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_TRIM_THRESHOLD_BYTES = 256 * 2**20
_MMAP_THRESHOLD_BYTES = 64 * 2**20


def _reuse_freed_memory() -> None:
    """Let glibc keep freed memory for the next NumPy array instead of returning it to the
    system at once. Every large temporary (half a megabyte per layer and array in the
    BatchNorm probe) otherwise arrives as fresh pages that must be faulted in: measured here,
    9,300 page faults and about 30 ms of a 120 ms probe. At most 256 MB is kept free; the
    resident memory stays flat at the working set's high-water mark. Other C libraries
    (macOS, Windows, musl) are left as they are."""
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD_BYTES)
    mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD_BYTES)


_reuse_freed_memory()

__version__ = "0.1.0"
