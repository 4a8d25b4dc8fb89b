"""``kccdesk line engine``: which SIP engine is in use and what it can do.

The test command builds the engine from source (packaging/pjsua2/build), so
the engine these tests see is kccdesk's own build: maintained OpenSSL with
TLS 1.3, SRTP, Opus, and no automatic 100 Trying."""

from __future__ import annotations

import json
import select
import subprocess
import sys
import time

import pytest

from kccdesk.core.line import IncomingCall, LineState
from kccdesk.sip.engine import Engine
from tests.sip.raw_caller import Caller, header

pytestmark = pytest.mark.timeout(60)


def line_engine(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kccdesk", "line", "engine", *args], capture_output=True, text=True, timeout=30
    )


def test_the_engine_is_the_own_build_on_maintained_crypto():
    run = line_engine("--json")
    assert run.returncode == 0, run.stderr
    engine = json.loads(run.stdout)
    assert engine["build"].startswith("kccdesk "), engine  # not the PyPI wheel
    assert engine["pjproject"].startswith("2.17")
    assert engine["ssl"].startswith("OpenSSL 3."), engine["ssl"]
    assert engine["tls"] == ["1.2", "1.3"]
    assert engine["srtp"] is True
    assert engine["auto_100"] is False  # the first answer to an INVITE is a 180 ...
    assert engine["rings_at_once"] is True  # ... sent by the engine itself, before the app's callback
    codecs = {codec.split("/")[0] for codec in engine["codecs"]}
    assert codecs == {"opus", "G722", "PCMA", "PCMU"}  # and no other
    assert engine["missing"] == []


def test_the_engine_line_is_plain_words_in_dutch():
    run = line_engine()
    assert run.returncode == 0, run.stderr
    [line] = run.stdout.splitlines()  # nothing missing: one line, and no greeting of pjlib's
    assert line.startswith("pjproject 2.17 (kccdesk ")
    assert "TLS 1.2, 1.3" in line and "SRTP ja" in line and "automatische 100 Trying uit" in line
    assert "180 Ringing meteen aan" in line


def test_what_an_engine_lacks_is_said_plainly():
    old = Engine(
        pjproject="2.15.1",
        build="pjsua2-python 2.15.1.post1",
        ssl="OpenSSL 1.0.2k-fips  26 Jan 2017",
        tls=("1.2",),
        srtp=None,
        codecs=("PCMA/8000/1", "PCMU/8000/1", "GSM/8000/1"),
        sound_devices=0,
        auto_100=None,
        rings_at_once=None,
    )
    assert old.missing() == [
        "This SIP module's SSL library is too old for TLS 1.3 (OpenSSL 1.0.2k-fips  26 Jan 2017).",
        "This SIP module lacks the codecs opus, G722.",
    ]
    without_tls = Engine("2.15.1", "pjsua2-python 2.15.1.post1", "", (), False, ("PCMA/8000/1",), 0, None, None)
    assert without_tls.missing()[0] == "TLS is not available in this SIP module: the line can use UDP and TCP only."
    assert "SRTP is not available in this SIP module: calls are not encrypted." in without_tls.missing()


def test_the_caller_hears_one_180_ringing_first(sip_line, kamailio):
    """The first answer from kccdesk to an INVITE is 180 Ringing, sent by the
    engine itself (no 100 Trying before it), and the app sends no second one.
    (Kamailio's own 100 Trying, as a proxy, says "Server: kamailio".)"""
    sip_line.wait_for_state(LineState.READY, 10)
    caller = Caller(kamailio.port)
    caller.invite()
    call = sip_line.wait_for(lambda event: isinstance(event, IncomingCall), 5, "the call")
    assert isinstance(call, IncomingCall)
    sip_line.line.hang_up(call.call_id)  # 486 Busy Here
    answers: list[str] = []
    deadline = time.monotonic() + 5
    while "486" not in answers and time.monotonic() < deadline:
        if select.select([caller.sock], [], [], 0.2)[0]:
            data, _arrived = caller.receive()
            if caller.mine(data) and "kamailio" not in header(data, "Server").lower():
                answers.append(data.split()[1])
        sip_line.line.pump()
    caller.ack(header(data, "To"))
    assert answers == ["180", "486"]
