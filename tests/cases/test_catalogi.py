"""The names of case types and status types from the Catalogi API, against
a local Zaken API and a local Catalogi API that check every request and
answer against their OpenAPI documents and every token as Open Zaak does:
the names shown when it is configured, the cases as before without it, a
Catalogi API that is down, failing, slow or talking nonsense costing the
cases nothing (one log line), the names kept for the session, and an
address outside the configured Catalogi server never followed."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kccdesk.app.window import create_window
from kccdesk.app.workstation import prepare
from kccdesk.cases import catalogi as catalogi_module
from kccdesk.cases.catalogi import PAUSE, CatalogiNames
from kccdesk.cases.zaken import ZakenSource
from kccdesk.config.paths import default_profile
from kccdesk.config.secrets import set_secret
from kccdesk.config.settings import CaseSettings
from kccdesk.core.cases import Case, CaseStatus
from kccdesk.core.clock import ManualClock
from kccdesk.i18n import set_language
from kccdesk.ui.cases_panel import case_text
from tests.cases.test_cases_gui import seen
from tests.support.catalogi_server import PREFIX, CatalogiServer, running_catalogi
from tests.support.demo_window import headline, press
from tests.support.zaken_server import CLIENT_ID, SECRET, ZakenServer, running_server

BSN = "999993653"  # also the first demo resident, Anna de Vries
OTHER_BSN = "111222333"
TODAY = date(2026, 11, 23)
LOGGER = "kccdesk.cases.catalogi"


def shown_text(case, today) -> tuple[str, bool]:
    """What a case's label says, as it reads (without where a long word may break)."""
    text, overdue = case_text(case, today)
    return seen(text), overdue


@dataclasses.dataclass
class Types:
    permit: str
    permit_granted: str
    street_light: str
    forwarded: str


@pytest.fixture
def catalogi() -> Iterator[CatalogiServer]:
    with running_catalogi() as server:
        yield server
    assert server.contract_errors == []
    assert server.refused_tokens == []


@pytest.fixture
def types(catalogi: CatalogiServer) -> Types:
    permit = catalogi.add_case_type("Parkeervergunning aanvragen")
    street_light = catalogi.add_case_type("Melding openbare ruimte")
    return Types(
        permit,
        catalogi.add_status_type(permit, "Besluit genomen", 3, last=True),
        street_light,
        catalogi.add_status_type(street_light, "In behandeling", 2),
    )


@pytest.fixture
def api(types: Types) -> Iterator[ZakenServer]:
    with running_server() as server:
        server.add_case(
            "ZAAK-2026-0001",
            "Aanvraag parkeervergunning",
            date(2026, 9, 1),
            bsn=BSN,
            einddatum=date(2026, 9, 20),
            status=("Vergunning verleend", datetime(2026, 9, 20, 14, 0).astimezone()),
            zaaktype=types.permit,
            statustype=types.permit_granted,
        )
        server.add_case(
            "ZAAK-2026-0107",
            "Melding kapotte lantaarnpaal",
            date(2026, 11, 2),
            bsn=BSN,
            status=("Doorgestuurd naar de aannemer", datetime(2026, 11, 4, 9, 30).astimezone()),
            zaaktype=types.street_light,
            statustype=types.forwarded,
        )
        server.add_case(
            "ZAAK-2026-0108",
            "Melding losliggende stoeptegel",
            date(2026, 11, 3),
            bsn=OTHER_BSN,
            zaaktype=types.street_light,
        )
        yield server
    assert server.contract_errors == []


def source(api: ZakenServer, names: CatalogiNames | None, timeout: float = 5.0) -> ZakenSource:
    return ZakenSource(api.base_url, CLIENT_ID, SECRET, "Sanne", timeout, catalogi=names)


def catalogi_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno >= logging.WARNING]


def own_descriptions(found: list[Case]) -> None:
    """The cases as without a Catalogi API: their own description and status explanation, no names."""
    assert [(c.identification, c.description, c.case_type) for c in found] == [
        ("ZAAK-2026-0107", "Melding kapotte lantaarnpaal", ""),
        ("ZAAK-2026-0001", "Aanvraag parkeervergunning", ""),
    ]
    assert [c.status for c in found] == [
        CaseStatus("Doorgestuurd naar de aannemer", date(2026, 11, 4)),
        CaseStatus("Vergunning verleend", date(2026, 9, 20)),
    ]


def test_the_types_names_are_shown_when_the_catalogi_api_is_configured(api, catalogi, types):
    found = source(api, CatalogiNames(catalogi.base_url)).cases(bsn=BSN)
    street_light, permit = found
    assert (street_light.description, street_light.case_type) == (
        "Melding kapotte lantaarnpaal",
        "Melding openbare ruimte",
    )
    assert street_light.status == CaseStatus("Doorgestuurd naar de aannemer", date(2026, 11, 4), "In behandeling")
    assert permit.case_type == "Parkeervergunning aanvragen"
    assert permit.status == CaseStatus("Vergunning verleend", date(2026, 9, 20), "Besluit genomen")
    assert sorted(catalogi.requests) == sorted(
        f"GET {PREFIX}{url.removeprefix(catalogi.base_url)}?"
        for url in (types.permit, types.permit_granted, types.street_light, types.forwarded)
    )
    set_language("nl")
    assert shown_text(permit, TODAY)[0].splitlines() == [
        "ZAAK-2026-0001 · Aanvraag parkeervergunning (soort zaak: Parkeervergunning aanvragen)",
        "Afgesloten: gestart op 01-09-2026, afgesloten op 20-09-2026",
        "Stand: Besluit genomen – Vergunning verleend (sinds 20-09-2026)",
    ]


def test_a_name_that_says_nothing_more_is_not_repeated():
    case = Case(
        "u",
        "ZAAK-1",
        "Parkeervergunning aanvragen",
        status=CaseStatus("", date(2026, 11, 4), "In behandeling"),
        case_type="parkeervergunning aanvragen",
    )
    assert shown_text(case, TODAY)[0].splitlines()[0::2] == [
        "ZAAK-1 · Parkeervergunning aanvragen",
        "Status: In behandeling (since 04-11-2026)",
    ]
    untyped = dataclasses.replace(case, description="")
    assert shown_text(untyped, TODAY)[0].splitlines()[0] == "ZAAK-1 · parkeervergunning aanvragen"


def test_without_a_catalogi_api_the_cases_show_as_before(api, catalogi):
    found = source(api, None).cases(bsn=BSN)
    own_descriptions(found)
    assert catalogi.requests == []
    set_language("nl")
    assert shown_text(found[1], TODAY)[0].splitlines() == [
        "ZAAK-2026-0001 · Aanvraag parkeervergunning",
        "Afgesloten: gestart op 01-09-2026, afgesloten op 20-09-2026",
        "Stand: Vergunning verleend (sinds 20-09-2026)",
    ]


def test_the_names_are_kept_for_the_session_a_second_lookup_asks_nothing(api, catalogi):
    cases = source(api, CatalogiNames(catalogi.base_url))
    first = cases.cases(bsn=BSN)
    asked = len(catalogi.requests)
    assert asked == 4
    assert cases.cases(bsn=BSN) == first  # the same caller again
    other = cases.cases(bsn=OTHER_BSN)  # another caller with a case of a type already read
    assert other[0].case_type == "Melding openbare ruimte"
    assert len(catalogi.requests) == asked


def test_the_names_kept_are_bounded_the_oldest_going_first(api, catalogi, types, monkeypatch):
    monkeypatch.setattr(catalogi_module, "KEPT", 3)
    cases = source(api, CatalogiNames(catalogi.base_url))
    cases.cases(bsn=BSN)  # four names read, three kept
    asked = len(catalogi.requests)
    cases.cases(bsn=OTHER_BSN)  # its one case type: read again when it was the one dropped, or kept
    cases.cases(bsn=BSN)
    again = catalogi.requests[asked:]
    assert 1 <= len(again) <= 2  # not all four: most were kept; not none: one had to go


@pytest.mark.parametrize(
    ("mode", "garbage"),
    [
        ("down", b""),
        ("error500", b""),
        ("garbage", b"<html>Onderhoud</html>"),
        ("garbage", b"[1, 2, 3]"),
        ("garbage", b'{"omschrijving": 42}'),
    ],
)
def test_a_catalogi_api_that_fails_costs_the_cases_nothing_and_logs_one_line(api, catalogi, caplog, mode, garbage):
    catalogi.mode, catalogi.garbage = mode, garbage
    clock = ManualClock(datetime(2026, 11, 23, 10, 15))
    cases = source(api, CatalogiNames(catalogi.base_url, now=clock.monotonic))
    with caplog.at_level(logging.INFO, logger=LOGGER):
        own_descriptions(cases.cases(bsn=BSN))
        asked = len(catalogi.requests)
        assert asked >= 1
        own_descriptions(cases.cases(bsn=BSN))  # within the pause: not asked again
        assert len(catalogi.requests) == asked
        clock.advance(PAUSE)
        own_descriptions(cases.cases(bsn=BSN))  # asked again, still failing: no new line
        assert len(catalogi.requests) > asked
        assert len(catalogi_warnings(caplog)) == 1
        catalogi.mode = "up"
        clock.advance(PAUSE)
        assert cases.cases(bsn=BSN)[0].case_type == "Melding openbare ruimte"
    assert "answers again" in caplog.records[-1].getMessage()
    assert len(catalogi_warnings(caplog)) == 1


def test_a_catalogi_api_that_hangs_costs_the_cases_nothing_within_the_time_budget(api, catalogi, caplog):
    catalogi.mode = "hang"
    cases = source(api, CatalogiNames(catalogi.base_url), timeout=1.0)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        found = cases.cases(bsn=BSN)
    assert time.monotonic() - started < 1.5  # the lookup's budget, and no more
    own_descriptions(found)
    assert len(catalogi_warnings(caplog)) == 1
    catalogi.release.set()


def test_an_address_outside_the_catalogi_server_is_not_followed(catalogi, caplog):
    with running_catalogi() as elsewhere, running_server() as api:
        foreign = elsewhere.add_case_type("Bouwvergunning")
        api.add_case("ZAAK-2026-0500", "Aanbouw achter het huis", date(2026, 10, 1), bsn=BSN, zaaktype=foreign)
        with caplog.at_level(logging.WARNING, logger=LOGGER):
            found = source(api, CatalogiNames(catalogi.base_url)).cases(bsn=BSN)
        assert [(c.description, c.case_type) for c in found] == [("Aanbouw achter het huis", "")]
        assert elsewhere.requests == [] and catalogi.requests == []  # the token went nowhere
        assert catalogi_warnings(caplog) == [
            "a case or status type outside the configured Catalogi API is not followed: 127.0.0.1"
        ]
    assert api.contract_errors == []


@pytest.mark.gui
def test_the_window_shows_the_names_when_the_setting_has_a_catalogi_api(qtbot, api, catalogi):
    """The setting ``[cases] catalogi_url`` read at start, by the window on the demo line."""
    set_secret("zaken-secret", SECRET)
    workstation = prepare(default_profile().demo(), demo=True)
    settings = CaseSettings(zaken_url=api.base_url, client_id=CLIENT_ID, catalogi_url=catalogi.base_url)
    workstation = dataclasses.replace(workstation, settings=workstation.settings.model_copy(update={"cases": settings}))
    window = create_window(workstation, ManualClock(datetime(2026, 11, 23, 10, 15)), demo=True)
    qtbot.addWidget(window, before_close_func=lambda shown: shown.services.stop())
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    press(qtbot, window, Qt.Key.Key_F6)  # demo: a resident calls (Anna de Vries)
    qtbot.waitUntil(lambda: headline(window) == "Gaat over: 1 van 3")
    qtbot.waitUntil(lambda: len([line for line in window.cases.lines if line.isVisible()]) == 2, timeout=5000)
    street_light, permit = (seen(line.text()).splitlines() for line in window.cases.lines)
    assert street_light[0] == "ZAAK-2026-0107 · Melding kapotte lantaarnpaal (soort zaak: Melding openbare ruimte)"
    assert street_light[-1] == "Stand: In behandeling – Doorgestuurd naar de aannemer (sinds 04-11-2026)"
    assert permit[0] == "ZAAK-2026-0001 · Aanvraag parkeervergunning (soort zaak: Parkeervergunning aanvragen)"
    workstation.db.close()


def test_type_addresses_that_are_no_addresses_cost_the_cases_nothing(catalogi, caplog):
    with running_server(check_answers=False) as api:  # the Zaken API itself answers nonsense here
        api.add_case(
            "ZAAK-2026-0600",
            "Aanvraag kapvergunning",
            date(2026, 10, 1),
            bsn=BSN,
            status=("Ontvangen", datetime(2026, 10, 1, 9, 0).astimezone()),
            zaaktype="http://[::1/zaaktypen/1",
            statustype=f"{catalogi.base_url}/statustypen/\x00",
        )
        with caplog.at_level(logging.WARNING, logger=LOGGER):
            found = source(api, CatalogiNames(catalogi.base_url)).cases(bsn=BSN)
    assert [(c.description, c.case_type, c.status) for c in found] == [
        ("Aanvraag kapvergunning", "", CaseStatus("Ontvangen", date(2026, 10, 1)))
    ]
    assert catalogi.requests == []
    assert len(catalogi_warnings(caplog)) == 2  # the address elsewhere, the broken one
