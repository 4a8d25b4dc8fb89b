"""The sound-card backend through the real PortAudio, on ALSA's null device.

A test machine has no sound card; ALSA's null plugin, named as the default
device in an ALSA configuration of the test's own (ALSA_CONFIG_PATH), is a
real ALSA device to PortAudio: it records noise and swallows what is played.
This is the path of an engine without sound devices of its own (the PyPI
wheel); kccdesk's own engine and its devices: test_engine_sound.py.
Each check runs in a process of its own because PortAudio reads the ALSA
configuration once, when it starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

STREAM = """
import json, time
import numpy as np
from kccdesk.sip.audio.devices import DeviceBackend
from kccdesk.sip.audio.ring import SampleRing
capture, playback = SampleRing(1600, 960), SampleRing(1600, 960)
backend = DeviceBackend("", "default")
backend.start(capture, playback, "test")
deadline = time.monotonic() + 5
out = np.zeros(320, dtype=np.int16)
while time.monotonic() < deadline and capture.available < 320:
    time.sleep(0.01)  # the sound card's clock fills the ring; this only polls it
captured = capture.read_into(out)
playback.write(np.full(320, 1000, dtype=np.int16))
while time.monotonic() < deadline and playback.available:
    time.sleep(0.01)
print(json.dumps({"captured": captured, "played": playback.available == 0,
                  "latency": backend.device_latency}))
backend.stop()
"""


@pytest.fixture
def null_sound_card(tmp_path: Path) -> dict[str, str]:
    alsa = tmp_path / "alsa.conf"
    alsa.write_text("pcm.!default {\n    type null\n}\n", encoding="utf-8")
    return dict(
        os.environ,
        ALSA_CONFIG_PATH=str(alsa),  # that device alone: the SIP engine lists none, and leaves sound to PortAudio
        PYTHONPATH=str(ROOT),
        KCCDESK_CONFIG_DIR=str(tmp_path / "config"),
        KCCDESK_DATA_DIR=str(tmp_path / "data"),
    )


def test_line_devices_lists_the_default_device_with_its_number(null_sound_card):
    run = subprocess.run(
        [sys.executable, "-m", "kccdesk", "line", "devices"],
        capture_output=True,
        text=True,
        env=null_sound_card,
        timeout=30,
    )
    assert run.returncode == 0, run.stderr
    first = run.stdout.splitlines()[0]
    assert first.split()[:2] == ["0", "default"]
    assert "[ALSA]" in first and "standaardmicrofoon" in first and "standaardluidspreker" in first


def test_the_headset_stream_fills_and_drains_the_rings(null_sound_card):
    run = subprocess.run(
        [sys.executable, "-c", STREAM], capture_output=True, text=True, env=null_sound_card, timeout=30
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.splitlines()[-1])
    assert result["captured"]  # 20 ms came from the "microphone" (what the null device records is undefined)
    assert result["played"]  # what the call said was taken by the "speaker"
    assert all(seconds >= 0 for seconds in result["latency"])
