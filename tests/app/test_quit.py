"""Quitting is clean every time, as a real process: after calls, with
registrations closed while the registration system hangs, in after-call
work, and during a call on the real SIP line. Exit code 0, nothing on stderr
from a dying interpreter, no thread left behind to be torn down under it,
what was typed kept, the SIP process gone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kccdesk.config.paths import default_profile
from kccdesk.config.settings import SinkSettings, load_settings, save_settings
from kccdesk.core.line import EndReason
from kccdesk.demo.people import demo_settings
from kccdesk.outbox import store as outbox
from kccdesk.store import open_database
from kccdesk.store.calls import recent_calls
from kccdesk.store.drafts import open_drafts
from kccdesk.store.registrations import get_registration
from tests.app.quit_driver import LAST_QUESTION
from tests.sip.conftest import PASSWORD, USER, Kamailio
from tests.support.klantinteracties_server import TOKEN, KlantinteractiesServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def slow_api() -> Iterator[KlantinteractiesServer]:
    """The registration system answers nothing until the test is over."""
    with KlantinteractiesServer() as server:
        server.hold = threading.Event()
        yield server
        server.hold.set()


def start(scenario: str, secrets: dict[str, str]) -> subprocess.Popen[str]:
    env = dict(os.environ, KCCDESK_TEST_SECRETS=json.dumps(secrets), PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "tests.app.quit_driver", scenario],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(child: subprocess.Popen[str]) -> dict[str, object]:
    try:
        out, err = child.communicate(timeout=90)
    finally:
        if child.poll() is None:
            child.kill()
    assert "Fatal Python error" not in err and "Traceback" not in err, err
    assert child.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def test_quit_in_after_call_work_with_the_registration_system_hanging(slow_api) -> None:
    profile = default_profile().demo()
    # A request that hangs longer than a quit used to wait for the outbox (5 s).
    sinks = SinkSettings(klantinteracties_url=slow_api.base_url, timeout_seconds=6.0)
    save_settings(profile.settings_file, demo_settings().model_copy(update={"sinks": sinks}))

    facts = finished(start("demo", {"api-token": TOKEN}))

    assert facts["threads"] == []  # the outbox worker and the remote lookups ended, waited for
    db = open_database(None, profile.database_file)
    try:
        calls = recent_calls(db)
        assert len(calls) == 4
        closed = [get_registration(db, call.call_id) for call in calls[1:]]
        assert sorted(r.question for r in closed if r is not None) == ["Vraag 1", "Vraag 2", "Vraag 3"]
        assert calls[0].end_reason is EndReason.AGENT_HUNG_UP
        [draft] = open_drafts(db)
        assert draft.registration.question == LAST_QUESTION  # typed a moment before Ctrl+Q, kept
        counts = outbox.counts(db)
        assert counts["pending"] + counts["delivered"] == 3  # nothing lost while the server hung
    finally:
        db.close()


def test_quit_during_a_call_on_the_sip_line_ends_the_sip_process(tmp_path: Path) -> None:
    from tests.sip.conftest import Sipp  # the SIP tests' caller, started here by hand

    with Kamailio(tmp_path / "kamailio") as kamailio:
        profile = default_profile()
        settings = load_settings(profile.settings_file).model_copy(deep=True)
        data = settings.model_dump()
        data["line"]["kind"] = "sip"
        data["sip"].update(registrar=kamailio.registrar, user=USER)
        save_settings(profile.settings_file, type(settings).model_validate(data))
        child = start("sip", {"sip-password": PASSWORD})
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "READY"
            workdir = tmp_path / "sipp"
            workdir.mkdir()
            caller = Sipp(kamailio, workdir, "caller_waits_for_agent.xml", 300, {})
        except BaseException:
            child.kill()
            raise
        facts = finished(child)
        caller.kill()

    assert facts["threads"] == []
    pid = facts["sip_process"]
    assert isinstance(pid, int)
    assert not Path(f"/proc/{pid}").exists()  # the SIP process is gone, not left behind
    db = open_database(None, profile.database_file)
    try:
        [call] = recent_calls(db)  # the call on the line when the agent quit: stored
        [draft] = open_drafts(db)
        assert (draft.call_id, draft.registration.question) == (call.call_id, LAST_QUESTION)
    finally:
        db.close()
