"""pjlib greets on stdout when it starts, before any log setting applies:
its greeting is sent to the null device instead (in the SIP process, stdout
is the app's event pipe; in a command, it is what the command prints)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def quiet_stdout() -> Iterator[None]:
    """File descriptor 1 to the null device for a while."""
    sys.stdout.flush()
    saved = os.dup(1)
    with Path(os.devnull).open("wb") as null:
        os.dup2(null.fileno(), 1)
    try:
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
