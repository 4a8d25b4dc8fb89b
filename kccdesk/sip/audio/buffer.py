"""A test backend in place of a sound card: WAV files in a folder.

While an audio session runs, the agent "says" ``say.wav`` from the folder
(16 kHz mono 16-bit, played in a loop; silence without it), and what the
agent hears is written to ``heard-<label>.wav`` when the session stops. A
thread of its own ticks every 10 ms like a sound card's clock, moving one
block each way through the same ring buffers a sound card would use.
"""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path

import numpy as np

from kccdesk.sip.audio.backend import AudioBackend
from kccdesk.sip.audio.config import BLOCK_MS, BLOCK_SAMPLES, RATE
from kccdesk.sip.audio.ring import SampleRing, Samples

MAX_SECONDS = 120  # what one session records at most


class BufferBackend(AudioBackend):
    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)
        self._heard: Samples = np.zeros(RATE * MAX_SECONDS, dtype=np.int16)
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    def start(self, capture: SampleRing, playback: SampleRing, label: str) -> None:
        say = read_wav(self.folder / "say.wav")
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._run, args=(say, capture, playback, label), name="audio-buffer", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stopping.set()
            thread.join()

    def _run(self, say: Samples, capture: SampleRing, playback: SampleRing, label: str) -> None:
        heard = 0
        spoken = 0
        tick = time.monotonic()
        while not self._stopping.wait(max(0.0, tick - time.monotonic())):
            tick += BLOCK_MS / 1000
            if len(say):
                if spoken + BLOCK_SAMPLES > len(say):
                    spoken = 0
                self.block_spoken(say[spoken : spoken + BLOCK_SAMPLES], capture)
                spoken += BLOCK_SAMPLES
            if heard + BLOCK_SAMPLES <= len(self._heard):
                self.block_heard(playback, self._heard[heard : heard + BLOCK_SAMPLES])
                heard += BLOCK_SAMPLES
        write_wav(self.folder / f"heard-{label}.wav", self._heard[:heard])

    def block_spoken(self, block: Samples, capture: SampleRing) -> None:
        """One block from the "microphone" into the call."""
        capture.write(block)

    def block_heard(self, playback: SampleRing, block: Samples) -> None:
        """One block from the call to the "speaker"."""
        playback.read_into(block)


def read_wav(path: Path) -> Samples:
    if not path.exists():
        return np.zeros(0, dtype=np.int16)
    with wave.open(str(path), "rb") as source:
        if (source.getframerate(), source.getnchannels(), source.getsampwidth()) != (RATE, 1, 2):
            raise ValueError(f"{path}: must be {RATE} Hz mono 16-bit")
        return np.frombuffer(source.readframes(source.getnframes()), dtype="<i2").astype(np.int16)


def write_wav(path: Path, samples: Samples) -> None:
    partial = path.with_name(path.name + ".part")
    with wave.open(str(partial), "wb") as sink:
        sink.setnchannels(1)
        sink.setsampwidth(2)
        sink.setframerate(RATE)
        sink.writeframes(samples.astype("<i2").tobytes())
    partial.replace(path)  # a reader sees the whole file or none
