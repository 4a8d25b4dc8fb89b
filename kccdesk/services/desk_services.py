"""The application services of one running desk, as the wiring builds them
(kccdesk.app.window) and the window uses them."""

from __future__ import annotations

from dataclasses import dataclass

from kccdesk.core.desk import Desk
from kccdesk.services.call_script import CallScriptGuide
from kccdesk.services.cases import Cases
from kccdesk.services.deliveries import Deliveries
from kccdesk.services.demo_calls import DemoCalls
from kccdesk.services.figures import TeamStats
from kccdesk.services.knowledge import Knowledge, Offers
from kccdesk.services.knowledge_sync import KnowledgeSync
from kccdesk.services.news import NewsBoard
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
    knowledge: Knowledge
    offers: Offers  # answers offered by the registration's subject
    news: NewsBoard  # news and work instructions for this agent
    demo: DemoCalls | None = None  # the demo menu, on the simulated line of the demo profile
    knowledge_sync: KnowledgeSync | None = None  # the Objects API's answers and colleagues, where set
    cases: Cases | None = None  # the caller's cases from the case system

    def stop(self) -> None:
        """Stop everything that runs beside the window, in order, and wait for
        it: the line (a live call ends and is stored, its registration kept),
        what was typed in the last half second, the remote lookups, the outbox."""
        self.desk.line.stop()
        if self.registrations.unsaved:
            self.registrations.keep()
        self.screen_pop.shutdown()
        if self.cases is not None:
            self.cases.shutdown()
        self.deliveries.stop()
        if self.knowledge_sync is not None:
            self.knowledge_sync.stop()
