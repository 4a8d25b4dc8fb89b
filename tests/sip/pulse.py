"""A sound system for the tests of the engine's own sound devices: a
PulseAudio server of the test's own with a null sink, "speaker" (what the
agent hears; its monitor is recorded), and a sine source, "mic" (a steady
tone: what the agent says), reached through ALSA's pulse plugin as the
devices "kcc_speaker" and "kcc_mic". Unlike ALSA's null device, these keep
real time, so the engine's sound thread runs as on a headset.

Debian packages: pulseaudio, pulseaudio-utils, libasound2-plugins
(packaging/debian/test-packages.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sip.conftest import wait_until

MIC_TONE = 700  # Hz: what the microphone hears, all the time (the agent's voice in the tests)
ALSA = """pcm.kcc_speaker {
    type pulse
    device "speaker"
    hint { show on; description "kccdesk test speaker" }
}
pcm.kcc_mic {
    type pulse
    device "mic"
    hint { show on; description "kccdesk test microphone" }
}
"""


class Pulse:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.server = f"unix:{folder / 'native'}"

    def env(self) -> dict[str, str]:
        return dict(os.environ, PULSE_SERVER=self.server)

    def record(self, source: str, path: Path) -> subprocess.Popen[bytes]:
        """Raw 16-bit mono samples at 16 kHz from ``source`` into ``path``, until stopped."""
        return subprocess.Popen(
            ["parec", f"--device={source}", "--rate=16000", "--channels=1", "--format=s16le", "--raw", str(path)],
            env=self.env(),
        )

    def answers(self) -> bool:
        return subprocess.run(["pactl", "info"], env=self.env(), capture_output=True, check=False).returncode == 0


@pytest.fixture
def pulse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Pulse]:
    """The sound system, and ALSA pointed at it for this test (and the SIP process it starts)."""
    # As root, PulseAudio runs as a user of its own, who cannot enter pytest's
    # private folders: its folder is one of its own, open to it.
    folder = Path(tempfile.mkdtemp(prefix="kccdesk-pulse-"))
    folder.chmod(0o777)
    (folder / "test.pa").write_text(
        f"load-module module-native-protocol-unix socket={folder / 'native'} auth-anonymous=1\n"
        "load-module module-null-sink sink_name=speaker rate=16000 channels=1\n"
        f"load-module module-sine-source source_name=mic rate=16000 frequency={MIC_TONE}\n",
        encoding="utf-8",
    )
    home = tmp_path / "home"
    home.mkdir()
    (home / ".asoundrc").write_text(ALSA, encoding="utf-8")
    command = [shutil.which("pulseaudio") or "pulseaudio", "-n", "-F", str(folder / "test.pa"),
               "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", "--disallow-exit"]  # fmt: skip
    if os.geteuid() == 0:
        command.append("--system")  # PulseAudio runs as root only so
    log = (folder / "pulse.log").open("wb")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, HOME=str(folder)))
    sound = Pulse(folder)
    try:
        wait_until(sound.answers, 10, f"PulseAudio to answer (log: {folder / 'pulse.log'})")
        monkeypatch.setenv("HOME", str(home))
        monkeypatch.setenv("PULSE_SERVER", sound.server)
        yield sound
    finally:
        server.terminate()
        server.wait(10)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)
