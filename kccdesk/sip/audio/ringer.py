"""The phone's ring on the ringtone device (the headset's speaker unless the
agent chose another), while a call rings and no call has audio.

The tone is one cycle computed once (1 s of two alternating tones, 4 s of
silence), as raw 16-bit samples; PortAudio's callback copies the next block
of it and allocates nothing. No numpy: the ring is also used next to the
engine's own sound devices, where the SIP process has no audio bridge.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable
from typing import Any

from kccdesk.core.line import SoundPart
from kccdesk.sip.audio.backend import AudioUnavailable
from kccdesk.sip.audio.config import BLOCK_SAMPLES, RATE, AudioConfig
from kccdesk.sip.audio.portaudio import portaudio


def ring_cycle(tone_seconds: float = 1.0, silence_seconds: float = 4.0) -> bytes:
    """One cycle of the ring: 16-bit samples, a whole number of blocks."""
    tone = array(
        "h",
        (
            round(6000 * math.sin(2 * math.pi * (800 if int(t / RATE * 20) % 2 == 0 else 1000) * t / RATE))
            for t in range(int(RATE * tone_seconds))
        ),
    )
    samples = tone.tobytes() + bytes(2 * int(RATE * silence_seconds))
    return samples[: len(samples) - len(samples) % (2 * BLOCK_SAMPLES)]


class Ringer:
    def __init__(self, sound: Callable[[SoundPart, str], None]) -> None:
        self._sound = sound  # says what does not work (and, with "", that it works again)
        self._cycle = ring_cycle()
        self._position = 0
        self._stream: Any = None
        self._last_problem = ""
        self.config = AudioConfig()

    @property
    def ringing(self) -> bool:
        return self._stream is not None

    def start(self) -> None:
        if self._stream is not None or self.config.test_dir:
            return  # the test backend has no speaker to ring on
        device = self.config.ringtone_device if self.config.ringtone_device != "" else self.config.output_device
        self._position = 0

        def play(outdata: Any, frames: int, time: Any, status: Any) -> None:
            start = self._position
            outdata[:] = self._cycle[start : start + 2 * frames]
            self._position = (start + 2 * frames) % len(self._cycle)

        try:
            sd = portaudio()
        except AudioUnavailable as error:
            self._fail(str(error))
            return
        try:
            self._stream = sd.RawOutputStream(
                samplerate=RATE, blocksize=BLOCK_SAMPLES, dtype="int16", channels=1,
                device=None if device == "" else device, callback=play,
            )  # fmt: skip
            self._stream.start()
        except (sd.PortAudioError, ValueError) as error:
            self._stream = None
            self._fail(str(error))
        else:
            self._fail("")

    def _fail(self, problem: str) -> None:
        """Say why once, not at every ring of a workstation without a speaker ("" : it rings again)."""
        if problem != self._last_problem:
            self._last_problem = problem
            self._sound(SoundPart.RINGTONE, problem)

    def stop(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.close()
