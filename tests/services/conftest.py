"""The application services as the app wires them, without Qt: the desk on
the simulated line, a real SQLite store, the shipped script, subject list
and directory, a manual clock and scheduler, and the screen pop's worker
results collected to be run when the test says so (as Qt's event loop would)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

import pytest

from kccdesk import resource_path
from kccdesk.config.settings import SinkSettings
from kccdesk.content.organisations import load_directory
from kccdesk.content.script_library import ScriptLibrary
from kccdesk.content.subjects import configured_subjects
from kccdesk.core.caller import Caller, CallerKind
from kccdesk.core.clock import ManualClock
from kccdesk.core.desk import Desk
from kccdesk.core.greeting import Salutation
from kccdesk.core.line import CallerId
from kccdesk.core.lookup import RemoteSource
from kccdesk.demo.line import SimulatedLine
from kccdesk.outbox.service import Outbox
from kccdesk.services.call_script import CallScriptGuide
from kccdesk.services.callers import Callers
from kccdesk.services.filing import Filing
from kccdesk.services.registrations import Registrations
from kccdesk.services.screen_pop import ScreenPop
from kccdesk.store import Database
from kccdesk.store.callers import add_caller
from tests.support.manual_time import ManualScheduler

MONDAY = datetime(2026, 11, 23, 10, 15)
ANNA = Caller(
    None, CallerKind.RESIDENT, "Vries", "de", "Anna", Salutation.MEVROUW, street="Dorpsstraat", house_number="12"
)
ANNA_NUMBER = "06 12345678"
WEBHOOK = "http://127.0.0.1:9/registraties"  # never asked: the outbox's worker does not run in these tests


@dataclass
class Stack:
    db: Database
    clock: ManualClock
    scheduler: ManualScheduler
    line: SimulatedLine
    desk: Desk
    outbox: Outbox
    callers: Callers
    screen_pop: ScreenPop
    registrations: Registrations
    script: CallScriptGuide
    anna: int
    posted: list[Callable[[], None]] = field(default_factory=list)

    def ring(self, number: str = ANNA_NUMBER, withheld: bool = False) -> str:
        return self.line.ring_in(CallerId(number, "", withheld))

    def answer(self, number: str = ANNA_NUMBER, after: float = 3.0) -> str:
        call_id = self.ring(number)
        self.clock.advance(after)
        self.desk.answer()
        return call_id

    def run_posted(self) -> None:
        """What the worker threads handed over, run on "the owner's thread"."""
        posted, self.posted[:] = list(self.posted), []
        for action in posted:
            action()


def build_stack(db: Database, remotes: tuple[RemoteSource, ...] = ()) -> Stack:
    clock = ManualClock(MONDAY)
    scheduler = ManualScheduler(clock)
    line = SimulatedLine(clock, scheduler)
    desk = Desk(line, clock)
    posted: list[Callable[[], None]] = []
    outbox = Outbox(db, SinkSettings(webhook_url=WEBHOOK))
    callers = Callers(db, "Sanne", remotes=remotes)
    screen_pop = ScreenPop(desk, callers, posted.append, "https://zaak.example.org/?telefoon={e164}")
    filing = Filing(db, clock, "Sanne", outbox=outbox)
    subjects = configured_subjects("")
    registrations = Registrations(desk, screen_pop, filing, subjects, scheduler)
    library = ScriptLibrary([resource_path("scripts")])
    script = CallScriptGuide(
        desk,
        screen_pop,
        registrations,
        library.main_script("standaard"),
        load_directory(resource_path("organisations", "organisaties.toml")),
        library.subjects(),
        municipality="Voorbeeldstad",
        agent="Sanne",
    )
    anna = add_caller(db, ANNA, [ANNA_NUMBER])
    line.start()
    stack = Stack(db, clock, scheduler, line, desk, outbox, callers, screen_pop, registrations, script, anna)
    stack.posted = posted
    return stack


@pytest.fixture
def stack(db: Database) -> Iterator[Stack]:
    built = build_stack(db)
    yield built
    built.screen_pop.shutdown()
