"""The headset port: one port of pjsua2's conference bridge for the headset.

pjsua2's media clock (the null sound device) calls the port every 20 ms from
its own thread: ``onFrameReceived`` with what the calls connected to it say
(mixed by the bridge), ``onFrameRequested`` for what the agent says. Both
only copy between the frame and a preallocated ring buffer; the backend
(sound card or test files) fills and drains the other end of the rings.

Frames are SWIG vectors of bytes; reading one element by element costs some
0.3 ms a frame in Python, so the port copies their contents with one memmove
through the vector's data pointer. The vector's layout is checked at start
on a vector of known contents; where it differs the port falls back to the
slow element-wise copy.

A call is connected both ways while it is answered and not on hold; muting
stops only the port's transmission to that call. The backend runs while at
least one call is connected.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable

import numpy as np
import pjsua2 as pj

from kccdesk.core.line import SoundPart
from kccdesk.sip.audio.backend import AudioBackend, AudioUnavailable
from kccdesk.sip.audio.buffer import BufferBackend
from kccdesk.sip.audio.config import FRAME_MS, FRAME_SAMPLES, RATE, AudioConfig
from kccdesk.sip.audio.devices import DeviceBackend
from kccdesk.sip.audio.ring import SampleRing, Samples

log = logging.getLogger(__name__)

FRAME_BYTES = FRAME_SAMPLES * 2
RING_FRAMES = 3  # the most a ring holds before the oldest audio is dropped: 60 ms
_POINTERS = ctypes.c_void_p * 2


def vector_data(vector: pj.ByteVector) -> int | None:
    """The address of a ByteVector's bytes, read from its (begin, end) pointers."""
    begin, end = _POINTERS.from_address(int(vector.this))
    return begin if begin and end is not None and end - begin == len(vector) else None


def vector_layout_known() -> bool:
    probe = bytes(range(1, 65))
    vector = pj.ByteVector(probe)
    address = vector_data(vector)
    return address is not None and ctypes.string_at(address, len(probe)) == probe


class HeadsetPort(pj.AudioMediaPort):
    def __init__(self, capture: SampleRing, playback: SampleRing, fast: bool) -> None:
        super().__init__()
        self.capture = capture
        self.playback = playback
        self._fast = fast
        self._received: Samples = np.zeros(FRAME_SAMPLES, dtype=np.int16)
        self._received_at = self._received.ctypes.data
        self._outgoing = pj.ByteVector(FRAME_BYTES)
        address = vector_data(self._outgoing) if fast else None
        if address is not None:  # a view on the vector's own bytes: the ring copies straight into it
            self._outgoing_samples: Samples = np.ctypeslib.as_array(
                (ctypes.c_int16 * FRAME_SAMPLES).from_address(address)
            )
        else:
            self._outgoing_samples = np.zeros(FRAME_SAMPLES, dtype=np.int16)
        fmt = pj.MediaFormatAudio()
        fmt.init(pj.PJMEDIA_FORMAT_PCM, RATE, 1, FRAME_MS * 1000, 16)
        self.createPort("headset", fmt)

    def onFrameRequested(self, frame: pj.MediaFrame) -> None:
        self.capture.read_into(self._outgoing_samples)
        if not self._fast:
            self._outgoing = pj.ByteVector(self._outgoing_samples.tobytes())
        frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
        frame.buf = self._outgoing
        frame.size = FRAME_BYTES

    def onFrameReceived(self, frame: pj.MediaFrame) -> None:
        if frame.type != pj.PJMEDIA_FRAME_TYPE_AUDIO:
            return
        size = min(frame.size, FRAME_BYTES)
        buf = frame.buf
        if self._fast:
            address = vector_data(buf)
            if address is None:
                return
            ctypes.memmove(self._received_at, address, size)
        else:
            self._received[: size // 2] = np.frombuffer(bytes(tuple(buf)[:size]), dtype="<i2")
        self.playback.write(self._received[: size // 2])


class Headset:
    """The headset port, the backend behind it and the calls connected to it."""

    def __init__(self, sound: Callable[[SoundPart, str], None]) -> None:
        self._sound = sound  # says what does not work (and, with "", that it works again)
        self._problem = ""
        self.config = AudioConfig()
        self.capture = SampleRing(FRAME_SAMPLES * (RING_FRAMES + 2), FRAME_SAMPLES * RING_FRAMES)
        self.playback = SampleRing(FRAME_SAMPLES * (RING_FRAMES + 2), FRAME_SAMPLES * RING_FRAMES)
        self.port: HeadsetPort | None = None  # made at the first call, kept until close
        self.backend: AudioBackend | None = None
        self._media: dict[str, pj.AudioMedia] = {}
        self._muted: set[str] = set()

    @property
    def active(self) -> bool:
        return self.backend is not None

    def _say(self, problem: str) -> None:
        if problem != self._problem:
            self._problem = problem
            self._sound(SoundPart.HEADSET, problem)

    def configure(self, config: AudioConfig) -> None:
        self.config = config

    def connect(self, key: str, media: pj.AudioMedia) -> None:
        if self.port is None:
            self.port = HeadsetPort(self.capture, self.playback, vector_layout_known())
        if self.backend is None:
            self.capture.clear()
            self.playback.clear()
            backend = open_backend(self.config)
            try:
                backend.start(self.capture, self.playback, key)
            except AudioUnavailable as error:
                self._say(str(error))  # the call goes on without sound rather than not at all
            else:
                self.backend = backend
                self._say("")
        self._disconnect_media(key)
        self._media[key] = media
        media.startTransmit(self.port)
        if key not in self._muted:
            self.port.startTransmit(media)

    def disconnect(self, key: str) -> None:
        self._disconnect_media(key)
        self._muted.discard(key)
        if not self._media and self.backend is not None:
            backend, self.backend = self.backend, None
            backend.stop()

    def mute(self, key: str, on: bool) -> None:
        if on:
            self._muted.add(key)
        else:
            self._muted.discard(key)
        media = self._media.get(key)
        if media is not None and self.port is not None:
            if on:
                self.port.stopTransmit(media)
            else:
                self.port.startTransmit(media)

    def levels(self) -> tuple[float, float]:
        """(input, output): how loud the agent speaks and hears, from 0 to 1."""
        if self.port is None:
            return (0.0, 0.0)
        return (self.port.getRxLevel() / 255, self.port.getTxLevel() / 255)

    def close(self) -> None:
        for key in list(self._media):
            self.disconnect(key)
        self.port = None

    def _disconnect_media(self, key: str) -> None:
        media = self._media.pop(key, None)
        if media is None or self.port is None:
            return
        for stop in (
            lambda: media.stopTransmit(self.port),
            lambda: self.port.stopTransmit(media) if self.port else None,
        ):
            try:
                stop()
            except pj.Error:
                pass  # the call's media is already gone


def open_backend(config: AudioConfig) -> AudioBackend:
    """The sound card through PortAudio, or the tests' WAV files."""
    if config.test_dir:
        return BufferBackend(config.test_dir)
    return DeviceBackend(config.input_device, config.output_device)
