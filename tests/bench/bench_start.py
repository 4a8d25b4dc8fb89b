"""Benchmark of the start: how soon the window is there and the line
registered, and how much memory the app holds once it has settled.

Run from the repository root: ``python tests/bench/bench_start.py [runs]``
(default 7 runs of each start figure, 3 of memory). Each figure is measured
twice: on the machine as it is, and with a second, CPU-bound process beside
it (``python -c "while True: pass"``); the machine's load is printed with
each. Figures are medians; a ratio to the anchor is the median of the
ratios pair by pair (the two are started in turn, so both meet the same
load).

1. Process start -> first frame of ``kccdesk --demo`` (Qt's offscreen
   platform unless QT_QPA_PLATFORM says otherwise), against an empty PySide6
   window started the same way. The app's start probe
   (``KCCDESK_START_PROBE``) prints when the first paint has gone through:
   of the start window (the first frame), and of the main window that takes
   its place once all is loaded. Goal <= 0.4 s and <= 2x the empty window.
2. Process start -> REGISTER 200 from a Kamailio on loopback (Kamailio's
   own time stamp of the 200 it sent), the app started on a profile with the
   SIP line; and when the window hears that the line is ready. Goal <= 0.5 s.
3. Idle memory: VmRSS of the window's process and the SIP process 10 s after
   the start, against the empty window. Goal <= 150 MB together.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.conditions import beside, load
from tests.sip.conftest import PASSWORD, USER, Kamailio, wait_until

ROOT = Path(__file__).resolve().parents[2]
SETTLE_SECONDS = 10.0
EMPTY_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

class FirstFrame(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False

def painted():
    print("first-frame", f"{time.monotonic():.6f}", flush=True)
    if sys.argv[1] == "frame":
        app.quit()

app = QApplication([])
window = QWidget()
window.resize(800, 600)
probe = FirstFrame()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def kccdesk_command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("kccdesk")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "kccdesk", *args]


def probed(command: list[str], env: dict[str, str], timeout: float = 30.0) -> tuple[float, dict[str, float]]:
    """Start ``command``; when it started (time.monotonic) and what its probe printed."""
    started = time.monotonic()
    process = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    stamps = {}
    for line in process.stdout.splitlines():
        what, _space, at = line.partition(" ")
        with contextlib.suppress(ValueError):
            stamps[what] = float(at)
    if process.returncode != 0 or not stamps:
        raise SystemExit(f"{command} ended with {process.returncode}: {process.stderr[-2000:]}")
    return started, stamps


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else 0.0


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            found += [int(child) for child in (task / "children").read_text().split()]
    return found


class StampingKamailio(Kamailio):
    """The tests' Kamailio, which also logs the moment it sent a REGISTER's 200 (the wall clock)."""

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        text = self.config.read_text(encoding="utf-8")
        saved = '        if (!save("location", "0x04")) {\n            sl_reply_error();\n        }\n'
        assert saved in text
        stamp = '        if ($hdr(Expires) != "0") { xlog("L_ALERT", "registered-at $TV(Sn)\\n"); }\n'
        self.config.write_text(text.replace(saved, saved + stamp), encoding="utf-8")

    def stamps(self) -> list[float]:
        return [float(s) for s in re.findall(r"registered-at (\d+\.\d+)", self.log.read_text(errors="replace"))]


def sip_profile(folder: Path, kamailio: Kamailio) -> dict[str, str]:
    """A workstation with the SIP line to ``kamailio``; the environment that starts kccdesk on it."""
    config = folder / "config"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text(
        f'[line]\nkind = "sip"\n\n[sip]\nregistrar = "{kamailio.registrar}"\nuser = "{USER}"\n', encoding="utf-8"
    )
    return dict(
        os.environ,
        KCCDESK_CONFIG_DIR=str(config),
        KCCDESK_DATA_DIR=str(folder / "data"),
        PYTHONPATH=str(ROOT),
        PYTHON_KEYRING_BACKEND="tests.support.keyring_env.EnvKeyring",
        KCCDESK_TEST_SECRETS=json.dumps({"sip-password": PASSWORD}),
    )


def median_ratio(ours: list[float], theirs: list[float]) -> float:
    return statistics.median(a / b for a, b in zip(ours, theirs, strict=True))


def first_frame(folder: Path, runs: int) -> None:
    env = dict(os.environ, KCCDESK_CONFIG_DIR=str(folder / "config"), KCCDESK_DATA_DIR=str(folder / "data"))
    env["KCCDESK_START_PROBE"] = "frame"
    probed(kccdesk_command("--demo"), env)  # the demo profile made once, as on an agent's second start
    ours: list[float] = []
    whole: list[float] = []
    theirs: list[float] = []
    for _run in range(runs):
        started, stamps = probed(kccdesk_command("--demo"), env)
        ours.append(stamps["first-frame"] - started)
        whole.append(stamps.get("window-ready", stamps["first-frame"]) - started)
        started, stamps = probed([sys.executable, "-c", EMPTY_WINDOW, "frame"], env)
        theirs.append(stamps["first-frame"] - started)
    print(
        f"  process start -> first frame, kccdesk --demo: {statistics.median(ours):.3f} s (goal <= 0.4 s; "
        f"min {min(ours):.3f}, max {max(ours):.3f}); empty PySide6 window: {statistics.median(theirs):.3f} s; "
        f"ratio {median_ratio(ours, theirs):.2f}x (goal <= 2x)"
    )
    print(f"  process start -> the main window painted, all loaded: {statistics.median(whole):.3f} s")


def registered(kamailio: StampingKamailio, env: dict[str, str], runs: int) -> None:
    env = dict(env, KCCDESK_START_PROBE="ready")
    to_200: list[float] = []
    to_ready: list[float] = []
    to_frame: list[float] = []
    for _run in range(runs):
        known = len(kamailio.stamps())
        wall = time.time()
        started, stamps = probed(kccdesk_command(), env)
        wait_until(lambda: len(kamailio.stamps()) > known, 5, "Kamailio's stamp of the 200")  # noqa: B023
        to_200.append(kamailio.stamps()[known] - wall)
        to_ready.append(stamps["line-ready"] - started)
        to_frame.append(stamps["first-frame"] - started)
    print(
        f"  process start -> REGISTER 200 from Kamailio: {statistics.median(to_200):.3f} s (goal <= 0.5 s; "
        f"min {min(to_200):.3f}, max {max(to_200):.3f}); on this profile the first frame comes at "
        f"{statistics.median(to_frame):.3f} s, and the window hears the line is ready at "
        f"{statistics.median(to_ready):.3f} s"
    )


def memory(env: dict[str, str], runs: int) -> None:
    ours: list[float] = []
    sip: list[float] = []
    theirs: list[float] = []
    for _run in range(runs):
        app = subprocess.Popen(kccdesk_command(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        empty = subprocess.Popen(
            [sys.executable, "-c", EMPTY_WINDOW, "stay"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            time.sleep(SETTLE_SECONDS)  # the figure is taken this long after the start, by definition
            [child] = children(app.pid)  # the SIP process
            ours.append(rss_mb(app.pid))
            sip.append(rss_mb(child))
            bridge = "numpy" in Path(f"/proc/{child}/maps").read_text()
            theirs.append(rss_mb(empty.pid))
        finally:
            for process in (app, empty):
                process.terminate()
                process.wait(10)
    together = [a + b for a, b in zip(ours, sip, strict=True)]
    print(
        f"  memory {SETTLE_SECONDS:.0f} s after the start (VmRSS): window {statistics.median(ours):.0f} MB + "
        f"SIP process {statistics.median(sip):.0f} MB = {statistics.median(together):.0f} MB (goal <= 150 MB); "
        f"empty PySide6 window {statistics.median(theirs):.0f} MB; ratio {median_ratio(together, theirs):.2f}x"
    )
    print(
        "  the SIP process's sound: "
        + ("the audio bridge (numpy, PortAudio): the engine found no sound devices here" if bridge
           else "the engine's own sound devices")
    )  # fmt: skip


def measure(name: str, busy: bool, action: Callable[[], None]) -> None:
    with beside(busy):
        print(f"{name}, {'with a CPU-bound process beside it' if busy else 'idle'}; {load()}")
        action()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    print(f"start figures: medians of {runs} runs; {load()}")
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        kamailio = stack.enter_context(StampingKamailio(folder / "kamailio"))
        env = sip_profile(folder / "sip", kamailio)
        for busy in (False, True):
            measure("first frame", busy, lambda: first_frame(folder / "demo", runs))
            measure("registered", busy, lambda: registered(kamailio, env, runs))
            measure("memory", busy, lambda: memory(env, max(1, runs // 2)))
    if shutil.which("baresip") is None:
        print("baresip is not installed (Debian package baresip-core): no anchor for the time to registered")


if __name__ == "__main__":
    main()
