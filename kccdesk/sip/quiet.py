"""pjlib greets on stdout when it starts, before any log setting applies,
and the sound libraries it looks through (ALSA's plugins: JACK's, for one)
complain on stderr of servers that are not running: both are sent to the
null device while pjsua starts (in the SIP process, stdout is the app's
event pipe; in a command, it is what the command prints)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def quiet_output() -> Iterator[None]:
    """File descriptors 1 and 2 to the null device for a while."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    with Path(os.devnull).open("wb") as null:
        os.dup2(null.fileno(), 1)
        os.dup2(null.fileno(), 2)
    try:
        yield
    finally:
        for fd, copy in zip((1, 2), saved, strict=True):
            os.dup2(copy, fd)
            os.close(copy)
