"""``kccdesk line test`` and ``kccdesk line monitor --json`` against Kamailio and SIPp."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from tests.sip.conftest import PASSWORD, USER, wait_until

pytestmark = pytest.mark.timeout(90)


def kccdesk(*args: str, password: str = PASSWORD, **popen: object) -> subprocess.Popen[str]:
    env = dict(os.environ, TEST_SIP_PASSWORD=password)
    return subprocess.Popen(
        [sys.executable, "-m", "kccdesk", "line", *args],
        env=env,
        text=True,
        **popen,  # type: ignore[call-overload]
    )


def account_args(kamailio) -> list[str]:
    return ["--registrar", kamailio.registrar, "--user", USER, "--password-env", "TEST_SIP_PASSWORD"]


def test_line_test_registers_and_says_so(kamailio):
    run = kccdesk("test", *account_args(kamailio), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = run.communicate(timeout=30)
    assert run.returncode == 0, err
    assert f"sip:{USER}@127.0.0.1" in out


def test_line_test_with_a_wrong_password_fails_in_plain_words(kamailio):
    run = kccdesk("test", *account_args(kamailio), password="wrong", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _out, err = run.communicate(timeout=30)
    assert run.returncode == 1
    assert "gebruikersnaam of het wachtwoord" in err  # the command speaks Dutch by default


def test_line_test_without_a_password_variable_says_which_is_missing(kamailio):
    run = kccdesk(
        "test", "--registrar", kamailio.registrar, "--user", USER, "--password-env", "NOT_SET_ANYWHERE",
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    _out, err = run.communicate(timeout=30)
    assert run.returncode == 2
    assert "NOT_SET_ANYWHERE" in err


def test_monitor_prints_a_call_as_json_and_answers_it(kamailio, sipp, tmp_path):
    output = tmp_path / "monitor.jsonl"
    with output.open("w") as sink:
        monitor = kccdesk("monitor", "--json", "--answer-after", "0.5", *account_args(kamailio), stdout=sink)
    try:

        def events() -> list[dict]:
            return [json.loads(line) for line in output.read_text().splitlines() if line.strip()]

        wait_until(lambda: any(e.get("state") == "ready" for e in events()), 15, "the monitor to register")
        sent = time.monotonic()
        caller = sipp("caller_hangs_up.xml", display="Jan <b>", number="0612345678", pause_ms=200)
        wait_until(lambda: any(e["event"] == "ended" for e in events()), 30, "the call to end")
        caller.wait()
        kinds = [e["event"] for e in events() if e["event"] not in ("status", "sound")]
        assert kinds == ["incoming", "ringing", "answered", "ended"]
        for problem in (e for e in events() if e["event"] == "sound"):  # no sound card on a test machine
            assert problem["part"] in ("headset", "ringtone") and isinstance(problem["detail"], str)
        incoming = next(e for e in events() if e["event"] == "incoming")
        assert incoming["number"] == "0612345678"
        assert incoming["display_name"] == "Jan <b>"
        assert incoming["at"] >= sent
        answered = next(e for e in events() if e["event"] == "answered")
        assert answered["at"] - incoming["at"] >= 0.5
        assert next(e for e in events() if e["event"] == "ended")["reason"] == "caller_hung_up"
    finally:
        monitor.terminate()
        monitor.wait(10)
