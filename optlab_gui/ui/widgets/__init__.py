"""Widgets shared by the panels: themed plots, sliders, formula images, explanation panes."""
