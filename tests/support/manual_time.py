"""Time that moves only when a test says so: the core's ManualClock, and a
scheduler whose timers run when the test has moved that clock past them."""

from __future__ import annotations

from collections.abc import Callable

from kccdesk.core.clock import ManualClock


class ManualScheduler:
    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.pending: list[tuple[float, Callable[[], None]]] = []

    def __call__(self, delay: float, action: Callable[[], None]) -> None:
        self.pending.append((self.clock.monotonic() + delay, action))

    def run_due(self) -> None:
        due = [item for item in self.pending if item[0] <= self.clock.monotonic()]
        self.pending = [item for item in self.pending if item not in due]
        for _at, action in due:
            action()

    def advance(self, seconds: float) -> None:
        """Move the clock on and run what came due, in steps, as an event loop would."""
        self.clock.advance(seconds)
        self.run_due()
