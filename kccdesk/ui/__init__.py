"""The Qt views. Thin: each widget shows core objects and turns keys and
clicks into calls on the core; none holds state the core does not have."""
