"""The answers and colleagues from the municipality's Objects API, against a
local server that checks every request and answer against the API's
OpenAPI document: every page read, each object mapped as KISS's objecttypes
hold it, withdrawn and malformed objects left out, what the API no longer
has removed after a complete sync only; a server that is down, refuses,
fails or answers garbage changes nothing and says why in one line; the
background sync, seen by the search; the command."""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kccdesk.config.paths import default_profile
from kccdesk.config.provision import apply, plan
from kccdesk.config.secrets import get_secret
from kccdesk.config.settings import KnowledgeSettings, Settings, save_settings
from kccdesk.core.clock import ManualClock
from kccdesk.core.knowledge import Source
from kccdesk.knowledge.files import import_file
from kccdesk.knowledge.objects_api import ObjectsApi, ObjectsApiError, synchronise
from kccdesk.services.knowledge import Knowledge
from kccdesk.services.knowledge_sync import KnowledgeSync, SyncState
from kccdesk.ui.style import set_text_size
from tests.support.manual_time import ManualScheduler
from tests.support.objects_server import TOKEN, ObjectsServer

TODAY = date(2026, 11, 23)


@pytest.fixture
def server() -> Iterator[ObjectsServer]:
    with ObjectsServer() as running:
        yield running
        assert running.contract_errors == []


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 23, 9, 0))


def vac(vraag: str, antwoord: str, *trefwoorden: str, afdeling: str = "Burgerzaken", **more: object) -> dict:
    """A VAC's data as KISS writes it."""
    return {
        "vraag": vraag,
        "antwoord": antwoord,
        "trefwoorden": [{"trefwoord": word} for word in trefwoorden],
        "afdelingen": [{"afdelingNaam": afdeling}],
        "toelichting": "",
        "status": "actief",
        "doelgroep": "eu-burger",
        **more,
    }


def colleague(voornaam: str, achternaam: str, **more: object) -> dict:
    """A Medewerker's data as KISS reads it (smoelenboek)."""
    return {
        "identificatie": f"{voornaam.lower()}@voorbeeldstad.nl",
        "voornaam": voornaam,
        "achternaam": achternaam,
        **more,
    }


def api(server: ObjectsServer, page_size: int = 2, token: str | None = TOKEN) -> ObjectsApi:
    return ObjectsApi(server.base_url, lambda: token, timeout_seconds=5, page_size=page_size)


def both(server: ObjectsServer) -> dict[Source, str]:
    return {Source.VAC: server.vac_type, Source.COLLEAGUE: server.colleague_type}


def titles(knowledge: Knowledge, text: str) -> list[str]:
    return [hit.item.title for hit in knowledge.search(text)]


def test_every_page_is_read_and_each_object_mapped(db, server, clock):
    passport = server.add(
        server.vac_type,
        vac("Hoe vraag ik een paspoort aan?", "<p>Maak een <b>afspraak</b>.</p>", "paspoort", "reisdocument",
            link="https://www.voorbeeldstad.nl/paspoort"),
    )  # fmt: skip
    for number in range(4):
        server.add(server.vac_type, vac(f"Vraag over afval nummer {number}?", "Kijk in de afvalkalender.", "afval"))
    server.add(
        server.colleague_type,
        colleague(
            "Fatima", "Bakker", voorvoegselAchternaam="de", functie="Consulent Wmo",
            afdelingen=[{"afdelingnaam": "Zorg"}], groepen=[{"groepsnaam": "Team Wmo"}],
            telefoonnummers=[{"telefoonnummer": "14 020"}, {"telefoonnummer": "06 12345678"}],
            skills="hulpmiddelen, huishoudelijke hulp, scootmobiel",
        ),
    )  # fmt: skip
    report = synchronise(db, api(server), both(server), TODAY)
    assert (report.added, report.changed, report.removed, report.skipped) == (6, 0, 0, [])
    asked = server.pages_asked()
    assert len(asked) == 4  # three pages of two answers, one page of colleagues
    assert all(request.headers["Authorization"] == f"Token {TOKEN}" for request in server.requests)
    assert all(request.headers["Accept-Crs"] == "EPSG:4326" for request in server.requests)
    knowledge = Knowledge(db, clock)
    assert len(knowledge.search("afval ")) == 4
    [hit] = knowledge.search("reisdocument ")
    assert hit.item.key == f"objects:{passport}"
    assert (hit.item.title, hit.item.body) == ("Hoe vraag ik een paspoort aan?", "<p>Maak een <b>afspraak</b>.</p>")
    assert hit.item.keywords == ("paspoort", "reisdocument")
    assert (hit.item.department, hit.item.link) == ("Burgerzaken", "https://www.voorbeeldstad.nl/paspoort")
    [found] = knowledge.search("scootmobiel ")
    person = found.item
    assert (person.source, person.title, person.role) == (Source.COLLEAGUE, "Fatima de Bakker", "Consulent Wmo")
    assert (person.department, person.phone) == ("Zorg, Team Wmo", "14 020, 06 12345678")
    assert titles(knowledge, "team wmo ") == ["Fatima de Bakker"]


def test_withdrawn_objects_are_not_shown_and_an_end_date_ahead_is_kept(db, server, clock):
    server.add(server.vac_type, vac("Wat kost een parkeervergunning?", "Zie de tarieven.", "parkeren",
                                    status="niet-actief"))  # fmt: skip
    server.add(server.vac_type, vac("Mag ik parkeren op de stoep?", "Nee.", "parkeren"), end_at="2026-11-25")
    server.add(server.vac_type, vac("Waar parkeer ik bij het stadhuis?", "In de garage.", "parkeren"),
               end_at="2026-12-31")  # fmt: skip
    clock.advance(3 * 86400)  # the 26th: by the desk's clock the second has ended, by the server's not yet
    report = synchronise(db, api(server), both(server), clock.now().date())
    assert (report.added, report.withdrawn) == (1, 2)
    knowledge = Knowledge(db, clock)
    [hit] = knowledge.search("parkeren ")
    assert (hit.item.title, hit.item.valid_until) == ("Waar parkeer ik bij het stadhuis?", date(2026, 12, 30))


def test_a_malformed_object_is_skipped_and_reported_the_rest_stored(db, server, clock):
    server.add(server.vac_type, vac("Hoe meld ik een verhuizing?", "Via de website.", "verhuizen"))
    no_question = server.add(server.vac_type, {"antwoord": "Een antwoord zonder vraag.", "status": "actief"})
    words_as_text = server.add(
        server.vac_type, vac("Wanneer komt de vuilniswagen?", "Op dinsdag.", trefwoorden="afval")
    )
    bad_link = server.add(server.vac_type, vac("Waar vind ik de afvalkalender?", "Op de website.", link="www.afval.nl"))
    nameless = server.add(server.colleague_type, {"identificatie": "x@voorbeeldstad.nl", "functie": "Consulent"})
    report = synchronise(db, api(server), both(server), TODAY)
    assert report.added == 1
    assert sorted((one.object_id, one.reason) for one in report.skipped) == sorted([
        (no_question, "the question (vraag) is missing"),
        (words_as_text, "trefwoorden is not a list"),
        (bad_link, "the link www.afval.nl is not an http or https address"),
        (nameless, "the name (voornaam, achternaam) is missing"),
    ])  # fmt: skip
    assert titles(Knowledge(db, clock), "verhuizing ") == ["Hoe meld ik een verhuizing?"]


def test_a_complete_sync_removes_what_the_api_no_longer_has_and_keeps_the_files_items(db, server, clock, tmp_path):
    path = tmp_path / "vac.csv"
    path.write_text("vraag,antwoord,trefwoorden\nHoe vraag ik een paspoort aan?,Uit het bestand.,paspoort\n")
    import_file(db, path)
    gone = server.add(server.vac_type, vac("Wat kost een paspoort?", "€ 84,60.", "paspoort"))
    withdrawn = server.add(server.vac_type, vac("Hoe lang is een paspoort geldig?", "Tien jaar.", "paspoort"))
    changed = server.add(server.vac_type, vac("Kan ik mijn paspoort thuis laten bezorgen?", "Nee.", "paspoort"))
    assert synchronise(db, api(server), both(server), TODAY).added == 3
    server.delete(gone)
    server.change(withdrawn, status="niet-actief")
    server.change(changed, antwoord="Ja, tegen betaling.")
    report = synchronise(db, api(server), both(server), TODAY)
    assert (report.added, report.changed, report.removed, report.withdrawn) == (0, 1, 2, 1)
    knowledge = Knowledge(db, clock)
    assert sorted(titles(knowledge, "paspoort ")) == [
        "Hoe vraag ik een paspoort aan?", "Kan ik mijn paspoort thuis laten bezorgen?",
    ]  # fmt: skip
    assert titles(knowledge, "84 ") == [] and titles(knowledge, "betaling ") == [
        "Kan ik mijn paspoort thuis laten bezorgen?"
    ]


def test_an_interrupted_sync_stores_and_removes_nothing(db, server, clock):
    first = [server.add(server.vac_type, vac(f"Vraag over de Wmo nummer {n}?", "Bel het Wmo-loket.", "wmo"))
             for n in range(5)]  # fmt: skip
    synchronise(db, api(server), both(server), TODAY)
    server.delete(first[0])
    server.change(first[4], antwoord="Een nieuw antwoord over de scootmobiel.")
    server.fail_on_page = 2
    with pytest.raises(ObjectsApiError, match=r"a fault of its own \(HTTP 500\)"):
        synchronise(db, api(server), both(server), TODAY)
    knowledge = Knowledge(db, clock)
    assert len(knowledge.search("wmo ")) == 5
    assert knowledge.search("scootmobiel ") == []


@pytest.mark.parametrize(
    ("mode", "token", "reason"),
    [
        ("down", TOKEN, r"^the Objects API at 127\.0\.0\.1:\d+ cannot be reached \(\w+\)$"),
        ("refuse", TOKEN, r"^the Objects API refuses the token \(HTTP 401\): set it with kccdesk secret set"),
        ("up", "a-wrong-token", r"refuses the token \(HTTP 401\)"),
        ("up", None, r"^there is no token for the Objects API: set it with kccdesk secret set objects-token$"),
        ("error500", TOKEN, r"^the Objects API has a fault of its own \(HTTP 500\)$"),
        ("garbage", TOKEN, r"^the Objects API's answer is not a page of objects$"),
    ],
)  # fmt: skip
def test_a_server_that_fails_changes_nothing_and_says_why_in_one_line(db, server, clock, mode, token, reason):
    server.add(server.vac_type, vac("Hoe vraag ik een rijbewijs aan?", "Maak een afspraak.", "rijbewijs"))
    synchronise(db, api(server), both(server), TODAY)
    server.mode = mode
    with pytest.raises(ObjectsApiError, match=reason):
        synchronise(db, api(server, token=token), both(server), TODAY)
    assert titles(Knowledge(db, clock), "rijbewijs ") == ["Hoe vraag ik een rijbewijs aan?"]


def test_the_background_sync_is_seen_by_the_search_and_a_failure_logged_once(db, server, clock, caplog):
    """The sync runs on a thread of its own; what it tells the window comes
    through ``post`` (here: a queue the test empties, as the window's event
    loop would), and the next sync is set with the window's timers."""
    server.add(server.vac_type, vac("Hoe vraag ik een paspoort aan?", "Maak een afspraak.", "paspoort"))
    posted: queue.Queue[Callable[[], None]] = queue.Queue()
    scheduler = ManualScheduler(clock)
    sync = KnowledgeSync(db, api(server), both(server), clock, 15, posted.put, scheduler)
    told: list[str] = []
    sync.on_change(lambda: told.append(sync.state.problem))
    knowledge = Knowledge(db, clock)

    def next_sync_done() -> None:
        posted.get(timeout=20)()  # the sync's thread is done, and the window told

    caplog.set_level(logging.INFO, logger="kccdesk.services.knowledge_sync")
    sync.start()
    try:
        next_sync_done()
        assert titles(knowledge, "paspoort ") == ["Hoe vraag ik een paspoort aan?"]
        assert (sync.state.synced_at, sync.state.problem, told) == (clock.now(), "", [""])
        server.add(server.vac_type, vac("Wat kost een paspoort?", "€ 84,60.", "paspoort"))
        scheduler.advance(14 * 60)
        assert posted.empty() and len(titles(knowledge, "paspoort ")) == 1  # not yet: every 15 minutes
        scheduler.advance(60)
        next_sync_done()
        assert len(titles(knowledge, "paspoort ")) == 2
        server.mode = "down"
        for _ in range(2):
            scheduler.advance(15 * 60)
            next_sync_done()
        assert sync.state.problem.startswith("the Objects API at 127.0.0.1:")
        assert sync.state.synced_at == clock.now().replace(minute=15)  # the last sync that worked
        assert len(titles(knowledge, "paspoort ")) == 2  # nothing lost
        failures = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
        assert len(failures) == 1 and "cannot be synced" in failures[0]  # once, not at every sync
        server.mode = "up"
        sync.request()  # on demand, at once
        next_sync_done()
        assert (sync.state.problem, sync.state.synced_at) == ("", clock.now())
        assert "the knowledge sync works again" in caplog.text
        assert "paspoort" not in caplog.text.lower()  # counts and reasons only
        scheduler.advance(15 * 60)
        next_sync_done()
        assert len(scheduler.pending) == 1  # the timer set before the sync on demand came to nothing
    finally:
        sync.stop()


def kccdesk(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = "tests.support.keyring_env.EnvKeyring"
    env["KCCDESK_TEST_SECRETS"] = json.dumps({"objects-token": TOKEN})
    return subprocess.run(
        [sys.executable, "-m", "kccdesk", "knowledge", *args], capture_output=True, text=True, timeout=60, env=env
    )


def test_the_command_syncs_reports_and_fails_with_a_reason(server):
    server.add(server.vac_type, vac("Hoe vraag ik een parkeervergunning aan?", "Via de website.", "parkeren"))
    server.add(server.vac_type, {"vraag": "Zonder antwoord?", "status": "actief"})
    not_set = kccdesk("sync")
    assert not_set.returncode == 1 and "[knowledge]" in not_set.stderr
    settings = KnowledgeSettings(objects_url=server.base_url, vac_objecttype=server.vac_type)
    save_settings(default_profile().settings_file, Settings(knowledge=settings))
    synced = kccdesk("sync")
    assert synced.returncode == 3, synced.stderr  # one object was skipped
    assert "1 toegevoegd, 0 gewijzigd, 0 verwijderd, 0 ingetrokken, 1 overgeslagen" in synced.stdout
    assert "het antwoord (antwoord) ontbreekt" in synced.stderr  # the command speaks Dutch
    found = kccdesk("search", "parkeervergunning", "--json")
    answers = [hit["vraag"] for hit in json.loads(found.stdout) if hit["source"] == "vac"]
    assert answers == ["Hoe vraag ik een parkeervergunning aan?"]  # (and the subject list's products)
    server.mode = "error500"
    failed = kccdesk("sync")
    assert failed.returncode == 1
    assert failed.stderr.strip().count("\n") == 0 and "HTTP 500" in failed.stderr
    assert json.loads(kccdesk("search", "parkeervergunning", "--json").stdout) == json.loads(found.stdout)


def test_provisioning_takes_the_token_from_the_environment_into_the_keyring(tmp_path):
    profile = tmp_path / "profiel.toml"
    profile.write_text('[knowledge]\nobjects_url = "https://objecten.voorbeeldstad.nl/api/v2"\n', encoding="utf-8")
    planned = plan(profile, Settings(), {"KCCDESK_OBJECTS_TOKEN": TOKEN})
    assert planned.secrets == {"objects-token": TOKEN}
    apply(planned, default_profile().settings_file)
    assert get_secret("objects-token") == TOKEN


def test_the_search_panel_says_how_fresh_the_knowledge_is(qtbot, demo, tmp_path):
    """Ctrl+E opens the search; below it, when the knowledge from the
    Objects API was last brought up to date, or why it is not (Dutch: the
    demo workstation's language)."""
    window, _clock, _db = demo
    panel = window.knowledge
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(panel.field.hasFocus)
    assert not panel.synced.isVisible()  # no Objects API set: nothing said
    panel.show_sync(SyncState(synced_at=datetime(2026, 11, 23, 9, 45)))
    assert panel.synced.isVisible() and panel.synced.text() == "De kennis is bijgewerkt om 09:45."
    problem = "de Objecten API op objecten.voorbeeldstad.nl is niet bereikbaar (ConnectError)"
    panel.show_sync(SyncState(datetime(2026, 11, 23, 9, 45), problem=problem))
    assert panel.synced.text() == f"De kennis is niet bijgewerkt (laatst om 09:45): {problem}"
    qtbot.keyClicks(panel.field, "paspoort")
    window.grab().save(str(tmp_path / "knowledge-synced.png"))
    set_text_size(QApplication.instance(), 200)
    qtbot.waitUntil(lambda: panel.synced.height() > panel.synced.fontMetrics().height())
    window.grab().save(str(tmp_path / "knowledge-synced-200.png"))
