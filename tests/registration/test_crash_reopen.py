"""After a kill (SIGKILL) the next start reopens the unfinished registration:
the app runs as a real child process, the agent's text goes in by key
presses, the child is killed, and a new start shows the registration again."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from kccdesk.app.window import create_window
from kccdesk.app.workstation import prepare
from kccdesk.config.paths import default_profile
from kccdesk.core.clock import ManualClock
from kccdesk.core.line import EndReason
from kccdesk.core.registration import Outcome
from kccdesk.store.calls import recent_calls
from kccdesk.store.drafts import open_drafts
from kccdesk.store.registrations import get_registration
from tests.registration.crash_driver import QUESTION

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def run_and_kill(*args: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.registration.crash_driver", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "READY"
        child.send_signal(signal.SIGKILL)
        assert child.wait(30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


@pytest.fixture
def restart(qtbot):
    """Start the app again on the same demo profile."""
    started = []

    def start():
        workstation = prepare(default_profile().demo(), demo=True)
        window = create_window(workstation, ManualClock(datetime(2026, 11, 23, 11, 0)), demo=True)
        qtbot.addWidget(window)
        started.append(workstation)
        return window, workstation.db

    yield start
    for workstation in started:
        workstation.db.close()


def test_killed_during_the_call_the_typed_text_and_the_call_come_back(restart) -> None:
    run_and_kill()
    window, db = restart()
    form = window.form
    assert form.isEnabled()
    assert form.question.toPlainText() == QUESTION
    assert form.subject.text() == "grofvuil"
    assert form.fact_caller.text() == "Anna de Vries"  # the call's facts, kept in the draft
    assert form.fact_agent.text() == "Sanne"
    assert recent_calls(db) == []  # the call itself never got stored
    # completing and closing stores the call from the draft, and the registration
    form.set_subject("grofvuil")
    form.answer.setPlainText("Op afspraak.")
    form.set_outcome(Outcome.RESOLVED)
    window.save_registration()
    assert not form.isEnabled()
    [call] = recent_calls(db)
    assert (call.number, call.agent, call.answered) == ("06 12345678", "Sanne", True)
    assert call.end_reason is EndReason.LINE_LOST  # the line never said how it ended
    registration = get_registration(db, call.call_id)
    assert registration.question == QUESTION and registration.outcome is Outcome.RESOLVED
    assert open_drafts(db) == []


def test_killed_during_after_call_work_the_registration_comes_back(restart) -> None:
    run_and_kill("after")
    window, db = restart()
    assert window.form.question.toPlainText() == QUESTION
    [call] = recent_calls(db)  # stored when the call ended
    assert window.form.call_id == call.call_id
    assert window.form.after_call.text().startswith("Nawerk")  # its timer goes on
