"""The one small interface every audio backend has."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # not at run time: the ring on the engine's path loads no numpy
    from kccdesk.sip.audio.ring import SampleRing


class AudioUnavailable(Exception):
    """No sound can be made or heard here; the message says why in plain words."""


class AudioBackend(ABC):
    """A sound card or its stand-in. Between ``start`` and ``stop`` it runs on a
    clock of its own: every block it writes what the agent says into
    ``capture`` and plays what it reads from ``playback``."""

    @abstractmethod
    def start(self, capture: SampleRing, playback: SampleRing, label: str) -> None:
        """``label`` names the audio session (the call that opened it)."""

    @abstractmethod
    def stop(self) -> None: ...

    @property
    def device_latency(self) -> tuple[float, float]:
        """Seconds the device itself adds on input and output, as it reports them."""
        return (0.0, 0.0)
