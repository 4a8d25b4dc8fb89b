"""Encrypted call audio (SRTP with SDES keys): a second pjsua2 process calls
the agent through Kamailio, each side plays a tone, and an FFT of what the
other side heard finds it; the SDP offers RTP/SAVP with the keys. With SRTP
mandatory, a caller that cannot encrypt is refused, and the agent is told
why."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kccdesk.core.line import CallEnded, CallRefused, IncomingCall
from kccdesk.sip.audio.config import RATE
from tests.sip.conftest import Kamailio, Recorder, make_account, wait_until
from tests.sip.test_audio import (
    AGENT_TONE,
    CALLER_TONE,
    AudioParty,
    agent_saying_a_tone,
    connect,
    dominant,
    read_samples,
    write_tone,
)

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def agent(kamailio: Kamailio, tmp_path: Path) -> Iterator[Recorder]:
    """The agent's line with encryption mandatory."""
    recorder = agent_saying_a_tone(kamailio, tmp_path, srtp="mandatory")
    yield recorder
    recorder.line.close()


def caller_with(srtp: str, tmp_path: Path) -> AudioParty:
    tone = tmp_path / "caller-tone.wav"
    write_tone(tone, CALLER_TONE)
    return AudioParty(tone, srtp=srtp)


def test_an_encrypted_call_carries_its_keys_and_each_side_hears_the_other(agent, kamailio, tmp_path):
    caller = caller_with("mandatory", tmp_path)
    try:
        call_id = connect(agent, caller, kamailio)
        heard_by_caller, rate = read_samples(caller.record(tmp_path / "caller-heard.wav", 1.0))
        assert dominant(heard_by_caller[-RATE // 2 :], rate) == pytest.approx(AGENT_TONE, abs=5)
        agent.line.hang_up(call_id)
        agent.wait_for(lambda e: isinstance(e, CallEnded), 10, "the end of the call")
        heard_file = tmp_path / "agent-audio" / f"heard-{call_id}.wav"
        wait_until(heard_file.exists, 5, "the agent's side to write what it heard")
        heard_by_agent, rate = read_samples(heard_file)
        assert len(heard_by_agent) >= RATE // 2
        assert dominant(heard_by_agent[-RATE // 2 :], rate) == pytest.approx(CALLER_TONE, abs=5)
    finally:
        caller.close()
    sip = (tmp_path / "pjsip.log").read_text(errors="replace")
    answer = sip[sip.index("SIP/2.0 200 OK") :]
    assert "m=audio" in answer and "RTP/SAVP" in answer  # the agent's answer: encrypted audio
    assert "a=crypto:" in answer  # with its keys (SDES)


def test_with_encryption_mandatory_a_caller_who_cannot_encrypt_is_refused_and_the_agent_told(agent, kamailio, tmp_path):
    caller = caller_with("off", tmp_path)
    try:
        caller.send(kind="call", uri=f"sip:{make_account(kamailio).user}@127.0.0.1:{kamailio.port}")
        refused = agent.wait_for(lambda e: isinstance(e, CallRefused), 10, "the refusal")
        assert refused.unencrypted
        assert refused.code == 488
        assert refused.caller.number == "0612345678"
        assert caller.wait_for("disconnected", 10)["code"] == 488
    finally:
        caller.close()
    assert not any(isinstance(e, IncomingCall) for e in agent.events)  # it never rang
