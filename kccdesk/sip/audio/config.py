"""What the SIP process needs to know about call audio, and the frame format.

Frames are 20 ms of 16 kHz mono 16-bit samples (320 samples, 640 bytes):
16 kHz is the clock of pjsua's conference bridge, so the headset port needs
no resampling there; it carries wideband codecs (G.722) in full and pjmedia
resamples narrowband ones (G.711) once; and PortAudio's host APIs resample
to the headset's own rate where it differs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

RATE = 16000
FRAME_MS = 20
FRAME_SAMPLES = RATE * FRAME_MS // 1000
# The sound card's block: half a frame, so that audio waits at most 10 ms in
# a ring for pjsua2's frame clock instead of up to 20.
BLOCK_MS = FRAME_MS // 2
BLOCK_SAMPLES = RATE * BLOCK_MS // 1000

Device = str | int  # a device's name (or part of it) or its number; "" for the system default


@dataclass(frozen=True)
class AudioConfig:
    input_device: Device = ""
    output_device: Device = ""
    ringtone_device: Device = ""  # "" : the output device
    test_dir: str = ""  # for tests only: play and record WAV files in this folder instead of a sound card

    def to_message(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_message(cls, message: dict[str, Any]) -> AudioConfig:
        return cls(**message)
