"""PortAudio (the sounddevice package), loaded on first use: it needs no
numpy for raw streams, so the ring can use it on the engine's path too."""

from __future__ import annotations

from types import ModuleType

from kccdesk.i18n import _
from kccdesk.sip.audio.backend import AudioUnavailable


def portaudio() -> ModuleType:
    """The sounddevice module; AudioUnavailable when PortAudio is missing."""
    try:
        import sounddevice
    except (ImportError, OSError) as error:
        raise AudioUnavailable(
            _("PortAudio, the library kccdesk uses for sound, is not installed ({error})").format(error=error)
        ) from error
    return sounddevice
