"""The BatchNorm panel's parts: controls, the off-thread probe, the training run, the
distribution and summary plots, and the panel's words in both languages."""
