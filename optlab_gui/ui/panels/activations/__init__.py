"""Views of the activations panel: the list with readouts, f/f′ curves, depth, network, facts."""
