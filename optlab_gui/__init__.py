"""OptLab: a desktop lab for teaching how deep networks learn."""

__version__ = "0.1.0"
