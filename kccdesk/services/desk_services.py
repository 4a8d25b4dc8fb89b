"""The application services of one running desk, as the wiring builds them
(kccdesk.app.window) and the window uses them."""

from __future__ import annotations

from dataclasses import dataclass

from kccdesk.core.desk import Desk
from kccdesk.services.call_script import CallScriptGuide
from kccdesk.services.deliveries import Deliveries
from kccdesk.services.demo_calls import DemoCalls
from kccdesk.services.figures import TeamStats
from kccdesk.services.registrations import Registrations
from kccdesk.services.screen_pop import ScreenPop


@dataclass
class DeskServices:
    desk: Desk
    screen_pop: ScreenPop
    registrations: Registrations
    script: CallScriptGuide
    deliveries: Deliveries
    figures: TeamStats
    demo: DemoCalls | None = None  # the demo menu, on the simulated line of the demo profile

    def stop(self) -> None:
        """Stop what runs beside the window: the remote lookups, the line, the outbox."""
        self.screen_pop.shutdown()
        self.desk.line.stop()
        self.deliveries.stop()
