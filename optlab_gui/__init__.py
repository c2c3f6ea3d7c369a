"""OptLab: a desktop lab for teaching how deep networks learn."""

import os

# On the small machines OptLab runs on (lecture laptops, 2-core CI), a multi-threaded BLAS
# fights the GUI thread and the training process for the cores: measured here, the
# BatchNorm panel's first probe took 2.8 s with two BLAS threads and 0.35 s with one.
# Set before NumPy is first imported; a user's own setting wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

__version__ = "0.1.0"
