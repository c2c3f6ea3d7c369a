"""Qt widgets of OptLab: the main window, one module per panel, shared widgets and the theme."""
