"""Benchmark of the call-audio bridge: what it adds to the delay each way,
and what the frame path costs in Python.

Run from the repository root: ``python tests/bench/bench_audio.py [seconds]``.
pjsua2 runs on its null device as in the SIP process; the headset port is
looped back to itself through the conference bridge, and the test backend
(a thread ticking every 10 ms like a sound card) plays a burst every 0.5 s.
Timestamps are taken where a burst enters and leaves the bridge:

- agent -> call: from the backend writing the block into the capture ring
  to pjsua2 taking it in onFrameRequested (plus the burst's place in that
  frame), plus the 10 ms a sound card needs to fill a block;
- call -> agent: from pjsua2 handing the frame to onFrameReceived to the
  backend taking it from the playback ring (plus the burst's place in the
  block), plus the 10 ms block the sound card then plays.

The sound card's own buffering is not included; PortAudio reports it per
stream (``Stream.latency``) where a device exists. Goal: <= 40 ms each way.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pjsua2 as pj

from kccdesk.sip.audio.bridge import RING_FRAMES, HeadsetPort, vector_layout_known
from kccdesk.sip.audio.buffer import BufferBackend, write_wav
from kccdesk.sip.audio.config import BLOCK_MS, FRAME_SAMPLES, RATE
from kccdesk.sip.audio.ring import SampleRing, Samples

BURST = 20000
BLOCK = BLOCK_MS / 1000


def burst_at(block: Samples) -> int | None:
    """Where in ``block`` a burst starts, or None."""
    if block[0] > BURST // 2:
        return None  # the middle of a burst that began earlier
    loud = np.flatnonzero(block > BURST // 2)
    return int(loud[0]) if len(loud) else None


class TimedBackend(BufferBackend):
    def __init__(self, folder: str) -> None:
        super().__init__(folder)
        self.spoken: list[float] = []
        self.heard: list[float] = []
        self._previous_loud = False

    def block_spoken(self, block: Samples, capture: SampleRing) -> None:
        super().block_spoken(block, capture)
        if block[0] > BURST // 2 and not self._previous_loud:
            self.spoken.append(time.perf_counter())
        self._previous_loud = bool(block[0] > BURST // 2)

    def block_heard(self, playback: SampleRing, block: Samples) -> None:
        super().block_heard(playback, block)
        at = burst_at(block)
        if at is not None or (block[0] > BURST // 2 and self._heard_quiet):
            self.heard.append(time.perf_counter() + (at or 0) / RATE)
        self._heard_quiet = not block[-1] > BURST // 2

    _heard_quiet = True


class TimedPort(HeadsetPort):
    def __init__(self, capture: SampleRing, playback: SampleRing, fast: bool) -> None:
        super().__init__(capture, playback, fast)
        self.requested: list[float] = []
        self.received: list[float] = []
        self.cost: list[float] = []
        self._quiet_out = True
        self._quiet_in = True

    def onFrameRequested(self, frame: pj.MediaFrame) -> None:
        started = time.perf_counter()
        super().onFrameRequested(frame)
        self.cost.append(time.perf_counter() - started)
        samples = self._outgoing_samples
        at = burst_at(samples)
        if at is not None or (samples[0] > BURST // 2 and self._quiet_out):
            self.requested.append(started + (at or 0) / RATE)
        self._quiet_out = not samples[-1] > BURST // 2

    def onFrameReceived(self, frame: pj.MediaFrame) -> None:
        started = time.perf_counter()
        super().onFrameReceived(frame)
        self.cost.append(time.perf_counter() - started)
        at = burst_at(self._received)
        if at is not None or (self._received[0] > BURST // 2 and self._quiet_in):
            self.received.append(started + (at or 0) / RATE)
        self._quiet_in = not self._received[-1] > BURST // 2


def pairs(sent: list[float], arrived: list[float]) -> list[float]:
    """For each burst sent, the delay to the first arrival after it."""
    delays = []
    for at in sent:
        later = [a for a in arrived if a >= at - 0.001]
        if later and later[0] - at < 0.5:
            delays.append(later[0] - at)
    return delays


def report(name: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    if not ms:
        print(f"{name}: no bursts arrived")
        return
    p = lambda f: ms[min(len(ms) - 1, round(f * (len(ms) - 1)))]  # noqa: E731
    print(f"{name}: p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, max {ms[-1]:.1f} ms (n={len(ms)})")


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        endpoint.libHandleEvents(10)


def rings() -> tuple[SampleRing, SampleRing]:
    size, limit = FRAME_SAMPLES * (RING_FRAMES + 2), FRAME_SAMPLES * RING_FRAMES
    return SampleRing(size, limit), SampleRing(size, limit)


def run(seconds: float, fast: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        say = np.zeros(RATE // 2, dtype=np.int16)  # a burst of 20 ms every 0.5 s
        say[:FRAME_SAMPLES] = BURST
        write_wav(Path(folder) / "say.wav", say)
        capture, playback = rings()
        port = TimedPort(capture, playback, fast)
        backend = TimedBackend(folder)
        port.startTransmit(port)
        backend.start(capture, playback, "bench")
        pump(1.0)
        frames_before = len(port.cost)
        pump(seconds)
        backend.stop()
        port.stopTransmit(port)
        label = "memmove through the vector's data" if fast else "element-wise SWIG copy"
        print(f"-- frame copy: {label}")
        report("agent -> call (ring + 10 ms device block)", [d + BLOCK for d in pairs(backend.spoken, port.requested)])
        report("call -> agent (ring + 10 ms device block)", [d + BLOCK for d in pairs(port.received, backend.heard)])
        cost = sorted(c * 1e6 for c in port.cost[frames_before:])
        print(f"Python per frame callback: p50 {cost[len(cost) // 2]:.0f} us, p99 {cost[int(len(cost) * 0.99)]:.0f} us")
        print(
            f"ring underruns/overruns: capture {capture.underruns}/{capture.overruns}, "
            f"playback {playback.underruns}/{playback.overruns}"
        )
        del port

        capture, playback = rings()  # the same path without the benchmark's own timestamps
        plain = HeadsetPort(capture, playback, fast)
        backend = BufferBackend(folder)
        plain.startTransmit(plain)
        backend.start(capture, playback, "memory")
        pump(0.5)
        tracemalloc.start()
        pump(4.0)  # Python's free lists and caches settle first
        before, _peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        pump(min(seconds, 4.0))
        after, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        backend.stop()
        plain.stopTransmit(plain)
        print(
            f"Python memory over {min(seconds, 4.0) * 100:.0f} frame callbacks after warm-up: "
            f"{after - before:+d} bytes kept, at most {peak - before} bytes more in use at once"
        )
        del plain
        gc.collect()


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 15.0
    global endpoint
    endpoint = pj.Endpoint()
    endpoint.libCreate()
    config = pj.EpConfig()
    config.uaConfig.threadCnt = 0
    config.uaConfig.mainThreadOnly = True
    config.logConfig.consoleLevel = 0
    config.logConfig.level = 0
    config.medConfig.threadCnt = 1
    endpoint.libInit(config)
    endpoint.libStart()
    endpoint.audDevManager().setNullDev()
    print(f"vector layout understood: {vector_layout_known()}")
    run(seconds, fast=vector_layout_known())
    run(min(seconds, 5.0), fast=False)
    for _tick in range(20):
        endpoint.libHandleEvents(10)
    gc.collect()
    endpoint.libDestroy()


endpoint: pj.Endpoint

if __name__ == "__main__":
    main()
