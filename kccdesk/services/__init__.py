"""The application layer: every rule a user could notice without a screen,
in plain Python (no Qt, no pjsua2), driven by the desk's events and a Clock."""
