"""Call audio for real: a second pjsua2 process calls the agent through
Kamailio, each side plays a tone, and an FFT of what the other side heard
finds it. The agent's SIP process uses the test audio backend (WAV files in
a folder) instead of a sound card, which a test machine does not have; the
rest of the path (the headset port, its ring buffers, pjsua2, RTP) is the
one a headset uses."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kccdesk.core.line import (
    AudioLevels,
    CallAnswered,
    CallEnded,
    CallHeld,
    CallMuted,
    CallResumed,
    IncomingCall,
    LineState,
)
from kccdesk.sip.audio.config import RATE, AudioConfig
from kccdesk.sip.line import SipLine
from tests.sip.conftest import (
    USER,
    Kamailio,
    Recorder,
    make_account,
    port_in_range,
    wait_until,
)

pytestmark = pytest.mark.timeout(60)

HERE = Path(__file__).parent
CALLER_TONE = 1000.0  # Hz, what the caller says
AGENT_TONE = 700.0  # Hz, what the agent says


def write_tone(path: Path, frequency: float, seconds: float = 2.0) -> None:
    t = np.arange(int(RATE * seconds)) / RATE
    samples = (8000 * np.sin(2 * np.pi * frequency * t)).astype("<i2")
    with wave.open(str(path), "wb") as sink:
        sink.setnchannels(1)
        sink.setsampwidth(2)
        sink.setframerate(RATE)
        sink.writeframes(samples.tobytes())


def read_samples(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as source:
        data = np.frombuffer(source.readframes(source.getnframes()), dtype="<i2").astype(np.float64)
        return data, source.getframerate()


def wav_finished(path: Path) -> bool:
    try:
        with wave.open(str(path), "rb") as source:
            return source.getnframes() > 0
    except (wave.Error, EOFError):
        return False


def amplitude_at(samples: np.ndarray, rate: int, frequency: float) -> float:
    """The amplitude of ``frequency`` in ``samples`` (a Hann-windowed FFT, +-20 Hz)."""
    window = np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft(samples * window)) * 2 / window.sum()
    freqs = np.fft.rfftfreq(len(samples), 1 / rate)
    return float(spectrum[np.abs(freqs - frequency) <= 20].max())


def dominant(samples: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[spectrum.argmax()])


class AudioParty:
    """The caller: ``audio_party.py`` in a process of its own."""

    def __init__(self, tone: Path, srtp: str = "off", codecs: str = "") -> None:
        """``srtp``: whether the caller encrypts its audio (off, optional, mandatory);
        ``codecs``: what it offers, best first ("": G.722 and PCMA)."""
        self.sip_port = port_in_range()
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "audio_party.py"), str(self.sip_port), str(port_in_range(span=10)), str(tone),
             srtp, codecs],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.events: list[dict[str, Any]] = []
        self._queue: queue.SimpleQueue[dict[str, Any]] = queue.SimpleQueue()
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for("ready", timeout=10)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue  # pjsip's own console output
            self._queue.put(event)

    def send(self, **command: Any) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()

    def wait_for(
        self, kind: str, timeout: float, where: Callable[[dict[str, Any]], bool] = lambda e: True
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events:
                if event["kind"] == kind and where(event):
                    return event
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"the caller reported no {kind} within {timeout} s; events: {self.events}")
            try:
                self.events.append(self._queue.get(timeout=min(left, 0.1)))
            except queue.Empty:
                if self.process.poll() is not None:
                    raise AssertionError(
                        f"the caller exited ({self.process.returncode}); events: {self.events}"
                    ) from None

    def record(self, path: Path, seconds: float) -> Path:
        """Record what the caller hears into ``path`` for at least ``seconds``."""
        self.send(kind="record", path=str(path))
        self.wait_for("recording", 5, lambda e: e["path"] == str(path))
        wait_until(
            lambda: path.exists() and path.stat().st_size >= 44 + seconds * RATE * 2, 10, f"{seconds} s in {path.name}"
        )
        self.send(kind="record", path=str(path.with_suffix(".next.wav")))
        self.wait_for("recorded", 5, lambda e: e["path"] == str(path))
        wait_until(lambda: wav_finished(path), 5, f"{path.name} to be closed")  # pjmedia closes it on its clock
        return path

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def registered_agent(kamailio: Kamailio, tmp_path: Path, audio: AudioConfig, **account: Any) -> Recorder:
    """The agent's line with ``audio``, registered; its SIP log in pjsip.log."""
    line = SipLine(
        make_account(kamailio, rtp_port_start=port_in_range(span=200), **account),
        log_file=tmp_path / "pjsip.log",
        audio=audio,
    )
    recorder = Recorder(line)
    line.start()
    recorder.wait_for_state(LineState.READY, 10)
    return recorder


def agent_saying_a_tone(kamailio: Kamailio, tmp_path: Path, **account: Any) -> Recorder:
    """The agent on the tests' WAV files: says AGENT_TONE, writes what it hears to heard-<call>.wav."""
    folder = tmp_path / "agent-audio"
    folder.mkdir()
    write_tone(folder / "say.wav", AGENT_TONE)
    return registered_agent(kamailio, tmp_path, AudioConfig(test_dir=str(folder)), **account)


@pytest.fixture
def agent(kamailio: Kamailio, tmp_path: Path) -> Iterator[Recorder]:
    recorder = agent_saying_a_tone(kamailio, tmp_path)
    yield recorder
    recorder.line.close()


@pytest.fixture
def caller(tmp_path: Path) -> Iterator[AudioParty]:
    tone = tmp_path / "caller-tone.wav"
    write_tone(tone, CALLER_TONE)
    party = AudioParty(tone)
    yield party
    party.close()


def connect(agent: Recorder, caller: AudioParty, kamailio: Kamailio) -> str:
    """The caller calls, the agent answers; returns the call's id once audio flows."""
    caller.send(kind="call", uri=f"sip:{USER}@127.0.0.1:{kamailio.port}")
    call = agent.wait_for(lambda e: isinstance(e, IncomingCall), 10, "the incoming call")
    agent.line.answer(call.call_id)
    agent.wait_for(lambda e: isinstance(e, CallAnswered), 10, "the answer")
    caller.wait_for("media", 10)
    return call.call_id


def test_each_side_hears_the_others_tone(agent, caller, kamailio, tmp_path):
    levels: list[AudioLevels] = []
    agent.line.set_level_listener(levels.append)
    call_id = connect(agent, caller, kamailio)
    heard_by_caller, rate = read_samples(caller.record(tmp_path / "caller-heard.wav", 1.0))
    assert dominant(heard_by_caller[-RATE // 2 :], rate) == pytest.approx(AGENT_TONE, abs=5)

    def sound_both_ways() -> bool:
        return agent.line.pump() >= 0 and any(level.input > 0.05 and level.output > 0.05 for level in levels)

    wait_until(sound_both_ways, 5, "the level meter to show sound both ways")
    agent.line.hang_up(call_id)
    agent.wait_for(lambda e: isinstance(e, CallEnded), 10, "the end of the call")
    heard_file = Path(agent.line.audio.test_dir) / f"heard-{call_id}.wav"
    wait_until(heard_file.exists, 5, "the agent's side to write what it heard")
    heard_by_agent, rate = read_samples(heard_file)
    assert len(heard_by_agent) >= RATE // 2
    assert dominant(heard_by_agent[-RATE // 2 :], rate) == pytest.approx(CALLER_TONE, abs=5)
    assert amplitude_at(heard_by_agent[-RATE // 2 :], rate, CALLER_TONE) > 1000  # sent at 8000; codecs may soften it


def test_mute_stops_the_agents_voice_reaching_the_caller(agent, caller, kamailio, tmp_path):
    call_id = connect(agent, caller, kamailio)
    before, rate = read_samples(caller.record(tmp_path / "before.wav", 1.0))
    agent.line.mute(call_id, True)
    muted_event = agent.wait_for(lambda e: isinstance(e, CallMuted), 5, "the mute")
    assert muted_event == CallMuted(call_id, muted_event.at, True)
    muted, _rate = read_samples(caller.record(tmp_path / "muted.wav", 1.0))
    agent.line.mute(call_id, False)
    agent.wait_for(lambda e: isinstance(e, CallMuted) and not e.on, 5, "the unmute")
    after, _rate = read_samples(caller.record(tmp_path / "after.wav", 1.0))
    half = RATE // 2
    loud = amplitude_at(before[-half:], rate, AGENT_TONE)
    assert loud > 1000
    assert amplitude_at(muted[-half:], rate, AGENT_TONE) < loud / 50
    assert amplitude_at(after[-half:], rate, AGENT_TONE) > loud / 2
    agent.line.hang_up(call_id)


def test_dtmf_digits_reach_the_other_side(agent, caller, kamailio):
    call_id = connect(agent, caller, kamailio)
    agent.line.send_dtmf(call_id, "12#9")
    wait_until(lambda: len([e for e in caller_events(caller) if e["kind"] == "dtmf"]) >= 4, 10, "four DTMF digits")
    assert "".join(e["digit"] for e in caller.events if e["kind"] == "dtmf") == "12#9"
    with pytest.raises(ValueError, match="keypad"):
        agent.line.send_dtmf(call_id, "12x")
    agent.line.hang_up(call_id)


def caller_events(caller: AudioParty) -> list[dict[str, Any]]:
    try:
        caller.wait_for("never", 0.05)
    except AssertionError:
        pass
    return caller.events


def test_a_held_caller_hears_nothing_from_the_agent_and_the_tone_returns_on_resume(agent, caller, kamailio, tmp_path):
    call_id = connect(agent, caller, kamailio)
    agent.line.hold(call_id)
    agent.wait_for(lambda e: isinstance(e, CallHeld), 10, "the hold")
    caller.wait_for("media", 10, lambda e: e["held"])
    held, rate = read_samples(caller.record(tmp_path / "held.wav", 1.0))
    agent.line.resume(call_id)
    agent.wait_for(lambda e: isinstance(e, CallResumed), 10, "the resume")
    resumed, _rate = read_samples(caller.record(tmp_path / "resumed.wav", 1.0))
    half = RATE // 2
    assert amplitude_at(held[-half:], rate, AGENT_TONE) < 100
    assert amplitude_at(resumed[-half:], rate, AGENT_TONE) > 1000
    agent.line.hang_up(call_id)


def test_the_sip_process_plays_a_call_through_portaudio(kamailio, caller, tmp_path, monkeypatch):
    """The sound-card backend in the SIP process, next to pjsua2, on ALSA's
    null device (a test machine has no sound card; see test_audio_devices).
    This is the path of an engine without sound devices of its own (the PyPI
    wheel): ALSA is given a configuration of only that null device, which it
    does not list, so the engine finds none and leaves the sound to the bridge."""
    alsa = tmp_path / "alsa.conf"
    alsa.write_text("pcm.!default {\n    type null\n}\n", encoding="utf-8")
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(alsa))  # the SIP process inherits it
    line = SipLine(make_account(kamailio, rtp_port_start=port_in_range(span=200)), log_file=tmp_path / "pjsip.log")
    agent = Recorder(line)
    levels: list[AudioLevels] = []
    line.set_level_listener(levels.append)
    line.start()
    try:
        agent.wait_for_state(LineState.READY, 10)
        call_id = connect(agent, caller, kamailio)
        wait_until(lambda: line.pump() >= 0 and any(level.output > 0.05 for level in levels), 5,
                   "the caller's tone at the headset, with the sound card open")  # fmt: skip
        maps = Path(f"/proc/{line.child_pid}/maps").read_text()
        assert "numpy" in maps and "portaudio" in maps  # the bridge's path
        line.hang_up(call_id)
        agent.wait_for(lambda e: isinstance(e, CallEnded), 10, "the end of the call")
    finally:
        line.close()


def test_opus_is_chosen_when_the_caller_offers_it(agent, kamailio, tmp_path):
    """Opus (wideband) before G.722 and G.711, where the other side has it."""
    tone = tmp_path / "caller-tone.wav"
    write_tone(tone, CALLER_TONE)
    caller = AudioParty(tone, codecs="PCMA/8000/1,opus/48000/2")  # the caller would rather have PCMA
    try:
        connect(agent, caller, kamailio)
        heard_by_caller, rate = read_samples(caller.record(tmp_path / "caller-heard.wav", 1.0))
        assert dominant(heard_by_caller[-RATE // 2 :], rate) == pytest.approx(AGENT_TONE, abs=5)
    finally:
        caller.close()
    log = (tmp_path / "pjsip.log").read_text(errors="replace")
    assert "audio updated, stream #0: opus" in log  # the agent's answer chose Opus
