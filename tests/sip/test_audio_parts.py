"""The parts of call audio that need no SIP call: the ring buffer, the
mute on the simulated line, the audio messages, the device settings,
``kccdesk line devices`` and the ringer."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from kccdesk.config.settings import SettingsError, load_settings
from kccdesk.core.clock import ManualClock
from kccdesk.core.line import CallerId, CallMuted, SoundPart
from kccdesk.demo.line import SimulatedLine
from kccdesk.sip.audio.config import BLOCK_SAMPLES, RATE, AudioConfig
from kccdesk.sip.audio.ring import SampleRing
from kccdesk.sip.audio.ringer import Ringer, ring_cycle
from kccdesk.sip.protocol import decode, encode
from kccdesk.sip.setup import audio_from_settings

ROOT = Path(__file__).resolve().parents[2]


def counting(start: int, count: int) -> np.ndarray:
    return (np.arange(start, start + count) % 30000).astype(np.int16)


def test_ring_passes_samples_in_order_across_its_end():
    ring = SampleRing(capacity=7, limit=7)
    out = np.zeros(3, dtype=np.int16)
    written = 0
    for _round in range(10):
        ring.write(counting(written, 3))
        written += 3
        assert ring.read_into(out)
        assert out.tolist() == counting(written - 3, 3).tolist()
    assert ring.underruns == ring.overruns == 0


def test_ring_gives_a_block_of_silence_rather_than_a_gap_inside_a_block():
    ring = SampleRing(capacity=8)
    ring.write(np.array([5, 6], dtype=np.int16))
    out = np.full(4, 99, dtype=np.int16)
    assert not ring.read_into(out)
    assert out.tolist() == [0, 0, 0, 0]
    assert ring.underruns == 1
    ring.write(np.array([7, 8], dtype=np.int16))
    assert ring.read_into(out)  # nothing was lost: the next block is whole
    assert out.tolist() == [5, 6, 7, 8]


def test_ring_drops_the_oldest_audio_instead_of_growing_the_delay():
    ring = SampleRing(capacity=10, limit=6)
    for start in range(0, 40, 4):  # the reader stalls (a muted call) while the writer goes on
        ring.write(counting(start, 4))
    assert ring.available == 6
    out = np.zeros(6, dtype=np.int16)
    assert ring.read_into(out)
    assert out.tolist() == counting(34, 6).tolist()  # the newest 6, in order
    assert ring.overruns > 0


def test_simulated_line_mutes_an_answered_call_only():
    clock = ManualClock(datetime(2026, 11, 23, 9, 30))
    line = SimulatedLine(clock)
    events: list[object] = []
    line.set_listener(events.append)
    call_id = line.ring_in(CallerId("0612345678"))
    line.mute(call_id, True)
    assert not any(isinstance(e, CallMuted) for e in events)  # still ringing: nothing to mute
    line.answer(call_id)
    line.mute(call_id, True)
    line.mute(call_id, False)
    assert [e for e in events if isinstance(e, CallMuted)] == [
        CallMuted(call_id, clock.monotonic(), True),
        CallMuted(call_id, clock.monotonic(), False),
    ]


def test_audio_settings_cross_the_pipe():
    config = AudioConfig(input_device=3, output_device="USB Headset", test_dir="/tmp/x")
    assert (
        AudioConfig.from_message(decode(encode({"kind": "audio", "config": config.to_message()}))["config"]) == config
    )


def test_devices_by_name_or_number_in_the_settings(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('[sip]\ninput_device = 2\noutput_device = "Jabra"\n', encoding="utf-8")
    audio = audio_from_settings(load_settings(path).sip)
    assert (audio.input_device, audio.output_device, audio.ringtone_device) == (2, "Jabra", "")
    path.write_text("[sip]\n\noutput_device = 1.5\n", encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert caught.value.line == 3
    assert "kccdesk line devices" in caught.value.problem


def line_devices(tmp_path: Path, pythonpath: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KCCDESK_CONFIG_DIR=str(tmp_path / "config"), KCCDESK_DATA_DIR=str(tmp_path / "data"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [pythonpath, str(ROOT)]))
    return subprocess.run(
        [sys.executable, "-m", "kccdesk", "line", "devices"], capture_output=True, text=True, env=env, timeout=30
    )


def test_line_devices_lists_what_portaudio_finds(tmp_path):
    run = line_devices(tmp_path)
    if run.returncode == 0:  # a machine with sound devices: one line each, with its number
        assert run.stdout.strip() and all(line.split()[0].isdigit() for line in run.stdout.splitlines())
    else:  # a test machine without a sound card
        assert run.returncode == 1
        assert "Geen geluidsapparaten gevonden" in run.stderr


def test_line_devices_without_portaudio_says_so_in_dutch(tmp_path):
    """Stands in for a computer without the PortAudio library: sounddevice
    fails to import the way it does then."""
    (tmp_path / "sounddevice.py").write_text("raise OSError('PortAudio library not found')\n")
    run = line_devices(tmp_path, pythonpath=str(tmp_path))
    assert run.returncode == 1
    assert "PortAudio" in run.stderr and "niet geïnstalleerd" in run.stderr
    assert "Traceback" not in run.stderr


def test_ringer_rings_on_a_sound_device_or_says_why_it_cannot():
    problems: list[tuple[SoundPart, str]] = []
    ringer = Ringer(lambda part, problem: problems.append((part, problem)))
    ringer.start()
    try:
        if ringer.ringing:  # a machine with a speaker
            assert problems == []
        else:  # a test machine without a sound card: the line goes on, the window says why, once
            [(part, problem)] = problems
            assert part is SoundPart.RINGTONE and problem
            ringer.start()
            assert len(problems) == 1
    finally:
        ringer.stop()
    assert not ringer.ringing


def test_ring_cycle_is_one_second_of_tone_then_silence():
    cycle = np.frombuffer(ring_cycle(1.0, 4.0), dtype=np.int16)
    assert len(cycle) == 5 * RATE and len(cycle) % BLOCK_SAMPLES == 0
    assert np.abs(cycle[:RATE]).max() > 5000
    assert not cycle[RATE:].any()
