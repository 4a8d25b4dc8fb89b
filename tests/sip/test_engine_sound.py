"""Call audio through the engine's own sound devices: the agent's line opens
"kcc_speaker" and "kcc_mic" (ALSA, to a PulseAudio of the test's own; see
pulse.py), a second pjsua2 process calls, and an FFT finds each side's tone
in what the other heard. The ring sounds on the speaker before the answer.
No numpy is loaded in the SIP process on this path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from kccdesk.core.line import IncomingCall
from kccdesk.sip.audio.config import RATE, AudioConfig
from tests.sip.conftest import make_account, wait_until
from tests.sip.pulse import MIC_TONE, pulse  # noqa: F401 - the fixture
from tests.sip.test_audio import (
    CALLER_TONE,
    AudioParty,
    amplitude_at,
    connect,
    dominant,
    read_samples,
    registered_agent,
    write_tone,
)

pytestmark = pytest.mark.timeout(90)


def recorded(path: Path, seconds: float) -> np.ndarray:
    wait_until(lambda: path.exists() and path.stat().st_size >= seconds * RATE * 2, 10, f"{seconds} s in {path.name}")
    return np.frombuffer(path.read_bytes(), dtype="<i2").astype(np.float64)


@pytest.fixture
def agent(kamailio, tmp_path, pulse):  # noqa: F811 - the fixture
    recorder = registered_agent(kamailio, tmp_path, AudioConfig(input_device="kcc_mic", output_device="kcc_speaker"))
    yield recorder
    recorder.line.close()


@pytest.fixture
def caller(tmp_path):
    tone = tmp_path / "caller-tone.wav"
    write_tone(tone, CALLER_TONE, seconds=4.0)
    party = AudioParty(tone)
    yield party
    party.close()


def test_a_call_sounds_on_the_engines_devices_both_ways(agent, caller, kamailio, pulse, tmp_path):  # noqa: F811
    speaker = pulse.record("speaker.monitor", tmp_path / "speaker.raw")
    try:
        connect(agent, caller, kamailio)
        # a second at a time, until the caller hears the agent (or 10 s have passed): the
        # microphone's first samples come when ALSA's pulse plugin has filled its buffer
        for second in range(10):
            heard_by_caller, rate = read_samples(caller.record(tmp_path / f"caller-heard-{second}.wav", 1.0))
            if dominant(heard_by_caller[-RATE // 2 :], rate) == pytest.approx(MIC_TONE, abs=5):
                break
        assert dominant(heard_by_caller[-RATE // 2 :], rate) == pytest.approx(MIC_TONE, abs=5)
        so_far = (tmp_path / "speaker.raw").stat().st_size / 2 / RATE  # the ring, and the call's start
        heard_by_agent = recorded(tmp_path / "speaker.raw", so_far + 1.0)  # a second of the call since
        assert amplitude_at(heard_by_agent[-RATE:], RATE, CALLER_TONE) > 1000
    finally:
        speaker.terminate()
        speaker.wait(5)
    maps = Path(f"/proc/{agent.line.child_pid}/maps").read_text()
    assert "numpy" not in maps  # the engine's path: no audio bridge in the SIP process (the ring is PortAudio's)


def test_the_ring_sounds_on_the_engines_speaker_before_the_answer(agent, caller, kamailio, pulse, tmp_path):  # noqa: F811
    speaker = pulse.record("speaker.monitor", tmp_path / "ring.raw")
    try:
        caller.send(kind="call", uri=f"sip:{make_account(kamailio).user}@127.0.0.1:{kamailio.port}")
        agent.wait_for(lambda e: isinstance(e, IncomingCall), 10, "the incoming call")
        ring = recorded(tmp_path / "ring.raw", 2.5)  # the first second of ring is in it
    finally:
        speaker.terminate()
        speaker.wait(5)
    assert max(amplitude_at(ring, RATE, 800.0), amplitude_at(ring, RATE, 1000.0)) > 500


def test_line_devices_lists_the_engines_devices(pulse):  # noqa: F811
    """The devices the headset settings name are the engine's own, as the calls use them."""
    run = subprocess.run(
        [sys.executable, "-m", "kccdesk", "line", "devices"], capture_output=True, text=True, timeout=30
    )
    assert run.returncode == 0, run.stderr
    listed = {line.split()[1]: line for line in run.stdout.splitlines()}
    assert "[SIP-module]" in listed["kcc_speaker"] and "luidspreker: 1 kanalen" in listed["kcc_speaker"]
    assert "microfoon: 1 kanalen" in listed["kcc_mic"]
