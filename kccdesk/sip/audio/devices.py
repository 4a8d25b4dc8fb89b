"""The sound card through PortAudio (the sounddevice package).

PortAudio runs its own audio thread and calls back into Python there; it
needs no Qt event loop, so it works inside the SIP process, next to pjsua2.
The stream is opened when a call's audio starts and closed when no call has
audio, so the headset's microphone is not held open between calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kccdesk.i18n import _
from kccdesk.sip.audio.backend import AudioBackend, AudioUnavailable
from kccdesk.sip.audio.config import BLOCK_SAMPLES, RATE, Device
from kccdesk.sip.audio.portaudio import portaudio
from kccdesk.sip.audio.ring import SampleRing


@dataclass(frozen=True)
class SoundDevice:
    index: int
    name: str
    host_api: str
    inputs: int
    outputs: int
    default_input: bool
    default_output: bool


def list_devices() -> list[SoundDevice]:
    sd = portaudio()
    try:
        devices = sd.query_devices()
        apis = sd.query_hostapis()
        default_in, default_out = sd.default.device
    except sd.PortAudioError as error:
        raise AudioUnavailable(_("PortAudio cannot list the sound devices ({error})").format(error=error)) from error
    return [
        SoundDevice(
            index=index,
            name=str(device["name"]),
            host_api=str(apis[device["hostapi"]]["name"]),
            inputs=int(device["max_input_channels"]),
            outputs=int(device["max_output_channels"]),
            default_input=index == default_in,
            default_output=index == default_out,
        )
        for index, device in enumerate(devices)
    ]


def _device(choice: Device) -> int | str | None:
    """None for the system default; sounddevice takes a number or part of a name."""
    return None if choice == "" else choice


class DeviceBackend(AudioBackend):
    def __init__(self, input_device: Device, output_device: Device) -> None:
        self._devices = (_device(input_device), _device(output_device))
        self._stream: Any = None

    def start(self, capture: SampleRing, playback: SampleRing, label: str) -> None:
        sd = portaudio()

        def exchange(indata: Any, outdata: Any, frames: int, time: Any, status: Any) -> None:
            capture.write(indata[:, 0])
            playback.read_into(outdata[:, 0])

        try:
            self._stream = sd.Stream(
                samplerate=RATE,
                blocksize=BLOCK_SAMPLES,
                dtype="int16",
                channels=1,
                device=self._devices,
                latency="low",
                callback=exchange,
            )
            self._stream.start()
        except (sd.PortAudioError, ValueError) as error:
            self._stream = None
            raise AudioUnavailable(_("the headset cannot be opened ({error})").format(error=error)) from error

    def stop(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.close()

    @property
    def device_latency(self) -> tuple[float, float]:
        if self._stream is None:
            return (0.0, 0.0)
        latency_in, latency_out = self._stream.latency
        return (float(latency_in), float(latency_out))


TONE_HZ, TONE_SECONDS, TONE_RATE = 440.0, 0.5, 48_000


def play_test_tone(device: Device) -> None:
    """Half a second of 440 Hz on ``device``; playing does not hold up the
    caller. Raises AudioUnavailable (or PortAudio's own error) when it cannot."""
    import numpy as np

    sd = portaudio()
    times = np.arange(int(TONE_SECONDS * TONE_RATE)) / TONE_RATE
    tone = (0.2 * np.sin(2 * np.pi * TONE_HZ * times)).astype(np.float32)
    sd.play(tone, TONE_RATE, device=_device(device))
