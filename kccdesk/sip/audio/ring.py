"""A ring buffer of 16-bit samples between two threads, allocated once.

One thread writes, one reads (the frame clock of pjsua2 on one side, the
sound card's on the other). Both copy into or out of the one preallocated
array with numpy slices; nothing is allocated per frame. The writer moves
``_written`` and the reader ``_read`` only after copying, each a single
attribute store under the GIL, so the two need no lock.

The buffer never holds more than ``limit`` samples: a writer that gets ahead
(the two clocks drift apart) drops the oldest audio instead of letting the
delay grow; a reader that finds less than a block gets a block of silence and leaves
the samples for the next read.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Samples = npt.NDArray[np.int16]


class SampleRing:
    def __init__(self, capacity: int, limit: int | None = None) -> None:
        self._data: Samples = np.zeros(capacity, dtype=np.int16)
        self._capacity = capacity
        self._limit = min(limit or capacity, capacity)
        self._written = 0  # samples written so far, ever (only the writer moves it)
        self._read = 0  # samples read (or dropped) so far (only the reader moves it)
        self._skip = 0  # samples the writer asks the reader to drop (its own counter)
        self._skipped = 0  # the reader's count of samples dropped on that request
        self.underruns = 0
        self.overruns = 0

    @property
    def available(self) -> int:
        return self._written - self._read - (self._skip - self._skipped)

    def clear(self) -> None:
        """Both threads must be idle."""
        self._written = self._read = self._skip = self._skipped = 0
        self.underruns = self.overruns = 0

    def write(self, samples: Samples) -> None:
        count = len(samples)
        if count > self._capacity:
            samples, count = samples[-self._capacity :], self._capacity
        excess = self.available + count - self._limit
        if excess > 0:
            self._skip += excess  # the reader drops them: only it moves _read
            self.overruns += 1
        start = self._written % self._capacity
        first = min(count, self._capacity - start)
        self._data[start : start + first] = samples[:first]
        if first < count:
            self._data[: count - first] = samples[first:]
        self._written += count

    def read_into(self, out: Samples) -> bool:
        """Fill ``out`` with the oldest samples; False (and silence, nothing
        consumed) when fewer than that are there, so that audio is never cut
        by a gap in the middle of a block, and the next read has a margin."""
        pending = self._skip - self._skipped
        if pending:
            self._read += min(pending, self._written - self._read)
            self._skipped += pending
        count = len(out)
        if self._written - self._read < count:
            out[:] = 0
            self.underruns += 1
            return False
        start = self._read % self._capacity
        first = min(count, self._capacity - start)
        out[:first] = self._data[start : start + first]
        if first < count:
            out[first:] = self._data[: count - first]
        self._read += count
        return True
