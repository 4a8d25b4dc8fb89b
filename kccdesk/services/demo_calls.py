"""The demo menu on the simulated line: a made-up resident, business, unknown
or withheld number calls (each in turn, so every demo caller shows up),
colleagues answer a warm transfer or are absent, and the caller hangs up."""

from __future__ import annotations

from kccdesk.core.desk import Desk
from kccdesk.demo.line import SimulatedLine
from kccdesk.demo.people import DemoCallers


class DemoCalls:
    def __init__(self, line: SimulatedLine, desk: Desk) -> None:
        self.line = line
        self.desk = desk
        self.callers = DemoCallers()

    def resident_calls(self) -> None:
        self.line.ring_in(self.callers.resident())

    def business_calls(self) -> None:
        self.line.ring_in(self.callers.business())

    def unknown_number_calls(self) -> None:
        self.line.ring_in(self.callers.unknown())

    def withheld_number_calls(self) -> None:
        self.line.ring_in(self.callers.withheld())

    def toggle_colleagues(self) -> bool:
        """Colleagues answer a warm transfer, or are all absent (to practise
        the callback request); True when they now answer."""
        self.line.colleague_answers = not self.line.colleague_answers
        return self.line.colleague_answers

    def caller_hangs_up(self) -> None:
        session = self.desk.current
        if session is not None and not session.state.finished:
            self.line.caller_hangs_up(session.call_id)
