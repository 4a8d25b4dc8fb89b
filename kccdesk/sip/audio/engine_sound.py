"""Call audio through the SIP engine's own sound devices (kccdesk's build of
pjproject has ALSA, which reaches PulseAudio and PipeWire too): the headset
on pjsua's conference bridge with pjmedia's echo canceller, on one clock.
Same interface as the Python bridge (``bridge.Headset``), which stays for an
engine without sound devices and for the tests' WAV files; this path needs
no numpy. The ring stays with PortAudio (``ringer.Ringer``, numpy-free too).

Devices are named as ``kccdesk line devices`` lists them: "" for the
system's default, a number, or a part of a name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pjsua2 as pj

from kccdesk.core.line import SoundPart
from kccdesk.i18n import _
from kccdesk.sip.audio.config import AudioConfig, Device
from kccdesk.sip.engine import devices_of

EC_TAIL_MS = 200  # how much echo the canceller looks back for: a headset's is short, a speakerphone's longer


class NoDevice(Exception):
    """The device asked for is not there; the message says which."""


def find_device(endpoint: Any, wanted: Device, capture: bool) -> int:
    """The engine's number of the device: "" is the default one."""
    if wanted == "":
        return pj.PJMEDIA_AUD_DEFAULT_CAPTURE_DEV if capture else pj.PJMEDIA_AUD_DEFAULT_PLAYBACK_DEV
    usable = [
        (index, name) for index, name, inputs, outputs in devices_of(endpoint) if (inputs if capture else outputs)
    ]
    if isinstance(wanted, int):
        if any(index == wanted for index, _name in usable):
            return wanted
    else:
        exact = [index for index, name in usable if name.lower() == wanted.lower()]
        partial = [index for index, name in usable if wanted.lower() in name.lower()]
        if exact or len(partial) == 1:
            return (exact or partial)[0]
    kind = _("microphone") if capture else _("speaker")
    raise NoDevice(
        _("there is no {kind} {device!r} (kccdesk line devices lists them)").format(kind=kind, device=wanted)
    )


class EngineHeadset:
    """The calls with audio, connected to the engine's sound devices."""

    def __init__(self, endpoint: Any, sound: Callable[[SoundPart, str], None]) -> None:
        self._devices = endpoint.audDevManager()
        self._endpoint = endpoint
        self._sound = sound  # says what does not work (and, with "", that it works again)
        self._problem = ""
        self.config = AudioConfig()
        self._media: dict[str, Any] = {}
        self._muted: set[str] = set()
        self._open = False

    @property
    def active(self) -> bool:
        return self._open

    def configure(self, config: AudioConfig) -> None:
        self.config = config

    def connect(self, key: str, media: Any) -> None:
        if not self._open:
            self._open_devices()
        self._disconnect_media(key)
        self._media[key] = media
        try:
            self._transmit(media, key)  # the sound device opens here
        except pj.Error as error:
            self._devices.setNullDev()  # the call goes on without sound rather than not at all
            self._say(f"{error.title}: {error.reason}")
            self._transmit(media, key)

    def _transmit(self, media: Any, key: str) -> None:
        media.startTransmit(self._devices.getPlaybackDevMedia())
        if key not in self._muted:
            self._devices.getCaptureDevMedia().startTransmit(media)

    def disconnect(self, key: str) -> None:
        self._disconnect_media(key)
        self._muted.discard(key)
        if not self._media and self._open:
            self._open = False
            self._devices.setNullDev()  # the headset is free between calls

    def mute(self, key: str, on: bool) -> None:
        if on:
            self._muted.add(key)
        else:
            self._muted.discard(key)
        media = self._media.get(key)
        if media is None:
            return
        microphone = self._devices.getCaptureDevMedia()
        if on:
            microphone.stopTransmit(media)
        else:
            microphone.startTransmit(media)

    def levels(self) -> tuple[float, float]:
        """(input, output): how loud the agent speaks and hears, from 0 to 1."""
        if not self._open:
            return (0.0, 0.0)
        device = self._devices.getCaptureDevMedia()  # the sound device's one place on the bridge
        return (device.getRxLevel() / 255, device.getTxLevel() / 255)

    def close(self) -> None:
        for key in list(self._media):
            self.disconnect(key)

    def _open_devices(self) -> None:
        try:
            capture = find_device(self._endpoint, self.config.input_device, capture=True)
            playback = find_device(self._endpoint, self.config.output_device, capture=False)
            # The speaker first: pjsua opens the pair at each change, and a default
            # microphone opened for a moment is heard by nobody, a default speaker may be.
            self._devices.setPlaybackDev(playback)
            self._devices.setCaptureDev(capture)
            self._devices.setEcOptions(EC_TAIL_MS, 0)
        except (NoDevice, pj.Error) as error:
            self._devices.setNullDev()  # the call goes on without sound rather than not at all
            self._say(str(error) if isinstance(error, NoDevice) else f"{error.title}: {error.reason}")
        else:
            self._say("")
        self._open = True

    def _say(self, problem: str) -> None:
        if problem != self._problem:
            self._problem = problem
            self._sound(SoundPart.HEADSET, problem)

    def _disconnect_media(self, key: str) -> None:
        media = self._media.pop(key, None)
        if media is None:
            return
        for stop in (
            lambda: media.stopTransmit(self._devices.getPlaybackDevMedia()),
            lambda: self._devices.getCaptureDevMedia().stopTransmit(media),
        ):
            try:
                stop()
            except pj.Error:
                pass  # the call's media is already gone
