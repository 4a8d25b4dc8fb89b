"""Building the application services of one desk from the workstation: the
store, the outbox, the record sources and the scripts, each service handed
what it needs. No Qt here: the window's wiring passes in how to run an action
on its thread (``post``) and after a delay (``schedule``)."""

from __future__ import annotations

import logging

from kccdesk import resource_path
from kccdesk.app.case_source import case_source
from kccdesk.app.record_sources import remote_sources
from kccdesk.app.workstation import Workstation
from kccdesk.content.organisations import DirectoryError, load_directory
from kccdesk.core.desk import Desk
from kccdesk.core.organisations import Directory
from kccdesk.demo.line import SimulatedLine
from kccdesk.knowledge.objects_api import configured
from kccdesk.outbox.service import Outbox
from kccdesk.services.call_script import CallScriptGuide
from kccdesk.services.callers import Callers
from kccdesk.services.cases import Cases
from kccdesk.services.deliveries import Deliveries
from kccdesk.services.demo_calls import DemoCalls
from kccdesk.services.desk_services import DeskServices
from kccdesk.services.figures import TeamStats
from kccdesk.services.filing import Filing
from kccdesk.services.knowledge import Knowledge, Offers
from kccdesk.services.knowledge_sync import KnowledgeSync
from kccdesk.services.news import NewsBoard, load_demo_news
from kccdesk.services.registrations import Registrations, Scheduler
from kccdesk.services.screen_pop import Post, ScreenPop

log = logging.getLogger(__name__)

PRODUCTS_AFTER = 2.0  # seconds after the start: the subject list's products into the search, once the window is there


def organisations() -> Directory:
    """The directory of organisations for referrals; without it a referral
    still works, the agent types the organisation's full name."""
    try:
        return load_directory(resource_path("organisations", "organisaties.toml"))
    except DirectoryError as error:
        log.warning("the directory of organisations cannot be read: %s", error)
        return Directory([])


def build_services(
    workstation: Workstation, desk: Desk, post: Post, schedule: Scheduler, demo: bool = False
) -> DeskServices:
    """The services in the order they hear the desk: the screen pop first
    (the registration takes the caller from it), then the registration, then
    the script (whose rules set the registration's outcome)."""
    settings, db = workstation.settings, workstation.db
    agent, records = settings.workstation.agent_name, settings.records
    outbox = Outbox(db, settings.sinks)
    callers = Callers(db, agent, records.pbx_prefix, remote_sources(records), local="local" in records.sources)
    screen_pop = ScreenPop(desk, callers, post, records.open_url)
    parties_in_outbox = bool(records.openklant_url) and (
        records.openklant_url.rstrip("/") == settings.sinks.klantinteracties_url.rstrip("/")
    )
    filing = Filing(db, desk.clock, agent, records.pbx_prefix, outbox, parties_in_outbox)
    registrations = Registrations(
        desk, screen_pop, filing, workstation.subjects, schedule, workstation.callback_questions
    )
    source = case_source(settings, demo, lambda: desk.clock.now().date())
    cases = Cases(desk, screen_pop, source, db, agent, post, registrations, schedule)
    script = CallScriptGuide(
        desk, screen_pop, registrations, workstation.script, organisations(), workstation.subject_scripts,
        municipality=settings.workstation.municipality, agent=agent, trainee=settings.workstation.mode == "trainee",
    )  # fmt: skip
    figures = TeamStats(db, workstation.subjects, settings.rings.max_rings)
    line = desk.line
    demo_calls = DemoCalls(line, desk) if demo and isinstance(line, SimulatedLine) else None
    knowledge = Knowledge(db, desk.clock)
    schedule(PRODUCTS_AFTER, lambda: knowledge.add_products(workstation.subjects))
    offers = Offers(knowledge, registrations)
    if demo:
        load_demo_news(db, desk.clock)
    news = NewsBoard(db, desk.clock, agent, settings.workstation.teams, schedule, desk)
    return DeskServices(
        desk, screen_pop, registrations, script, Deliveries(outbox), figures, knowledge, offers, news, demo_calls,
        knowledge_sync=knowledge_sync(workstation, desk, post, schedule),
        cases=cases,
    )  # fmt: skip


def knowledge_sync(workstation: Workstation, desk: Desk, post: Post, schedule: Scheduler) -> KnowledgeSync | None:
    """The answers and colleagues from the municipality's Objects API, kept
    up to date in the background from now on; None when none is set."""
    settings = workstation.settings.knowledge
    api = configured(settings)
    if api is None:
        return None
    sync = KnowledgeSync(workstation.db, *api, desk.clock, settings.sync_minutes, post, schedule)
    sync.start()
    return sync
