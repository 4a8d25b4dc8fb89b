"""Caller records: where they come from (the local store, Open Klant), the
screen pop that shows them before the agent answers, search, import and the
access log. Plain Python, no Qt."""
