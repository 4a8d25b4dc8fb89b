"""The Qt views. Thin: each widget shows what the services hold and turns the
agent's keys into calls on them; no view holds a rule a user could notice
without the screen."""
