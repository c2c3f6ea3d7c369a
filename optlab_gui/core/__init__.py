"""Pure NumPy maths behind every OptLab view; never imports Qt."""
