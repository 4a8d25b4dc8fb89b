"""Real SIP parts for the line's tests: Kamailio as registrar and proxy, SIPp
as callers, all on 127.0.0.1 with ports of their own. Both programs come from
Debian packages (kamailio, sip-tester) that CI installs; without them these
tests fail and say which package is missing."""

from __future__ import annotations

import os
import random
import select
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

import pytest

from kccdesk.core.line import LineEvent, LineState, LineStatus
from kccdesk.sip.account import SipAccount
from kccdesk.sip.line import SipLine

HERE = Path(__file__).parent
USER = "agent"
PASSWORD = "geheim-1234"


def program(name: str, package: str) -> str:
    path = shutil.which(name, path="/usr/sbin:/usr/bin:/sbin:/bin:" + os.environ.get("PATH", ""))
    if path is None:
        pytest.fail(
            f"{name} is not installed: install the Debian package {package} (packaging/debian/test-packages.sh)"
        )
    return path


def free_port() -> int:
    """A port free for both UDP and TCP on 127.0.0.1."""
    for _attempt in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
            tcp.bind(("127.0.0.1", 0))
            port = tcp.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                try:
                    udp.bind(("127.0.0.1", port))
                except OSError:
                    continue
            return port
    raise RuntimeError("no free port")


def port_in_range(low: int = 27000, high: int = 27999, span: int = 1) -> int:
    """A free UDP port (and ``span`` - 1 after it) in the range of the audio and
    transfer tests, apart from the ports other tests take from the system."""
    for _attempt in range(200):
        port = random.randrange(low, high - span)
        try:
            sockets = []
            for offset in range(span):
                udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                sockets.append(udp)
                udp.bind(("127.0.0.1", port + offset))
            return port
        except OSError:
            continue
        finally:
            for udp in sockets:
                udp.close()
    raise RuntimeError("no free port in range")


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


class Kamailio:
    """The test registrar in ``workdir`` (made if missing); ``with`` starts and stops it."""

    def __init__(self, workdir: Path) -> None:
        self.binary = program("kamailio", "kamailio")
        workdir.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.config = workdir / "kamailio.cfg"
        text = (HERE / "kamailio.cfg").read_text(encoding="utf-8")
        for key, value in {"@PORT@": str(self.port), "@USER@": USER, "@PASSWORD@": PASSWORD}.items():
            text = text.replace(key, value)
        self.config.write_text(text, encoding="utf-8")
        self.log = workdir / "kamailio.log"

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def registrar(self) -> str:
        return f"sip:127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [self.binary, "-DD", "-E", "-f", str(self.config), "-Y", str(self.workdir), "-w", str(self.workdir)],
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.workdir,
                start_new_session=True,  # its worker processes are stopped with it, as a group
            )
        wait_until(self.answers, 10, f"Kamailio to answer on port {self.port} (log: {self.log})")

    def answers(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"Kamailio exited: {self.log.read_text(errors='replace')[-2000:]}")
        probe = (
            f"OPTIONS sip:probe@127.0.0.1:{self.port} SIP/2.0\r\n"
            "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKprobe\r\n"
            "From: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:probe@127.0.0.1>\r\n"
            "Call-ID: probe\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
        ).encode()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind(("127.0.0.1", 0))
            probe = probe.replace(b"127.0.0.1:9", f"127.0.0.1:{udp.getsockname()[1]}".encode())
            udp.sendto(probe, ("127.0.0.1", self.port))
            ready, _w, _x = select.select([udp], [], [], 0.2)
            return bool(ready)

    def stop(self) -> None:
        if self.process is None:
            return
        group = self.process.pid  # the session leader's pid is the group's id
        self._signal_group(group, signal.SIGTERM)
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            pass
        self._signal_group(group, signal.SIGKILL)  # any worker that outlived the main process
        self.process.wait()
        self.process = None

    @staticmethod
    def _signal_group(group: int, signum: int) -> None:
        try:
            os.killpg(group, signum)
        except ProcessLookupError:
            pass


@pytest.fixture
def kamailio(tmp_path: Path) -> Iterator[Kamailio]:
    with Kamailio(tmp_path / "kamailio") as server:
        yield server


@dataclass
class Recorder:
    """Pumps a SipLine from the test's thread and keeps every event."""

    line: SipLine
    events: list[LineEvent] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.line.set_listener(self.events.append)

    def wait_for(self, predicate: Callable[[LineEvent], bool], timeout: float, what: str, since: int = 0) -> LineEvent:
        """The first event from index ``since`` on that fits ``predicate``."""
        deadline = time.monotonic() + timeout
        seen = since
        while True:
            for event in self.events[seen:]:
                if predicate(event):
                    return event
            seen = len(self.events)
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out after {timeout} s waiting for {what}; events: {self.events}")
            select.select([self.line.wake_fd], [], [], min(left, 0.1))
            self.line.pump()

    def wait_for_state(self, state: LineState, timeout: float, since: int = 0) -> LineStatus:
        event = self.wait_for(
            lambda e: isinstance(e, LineStatus) and e.state is state, timeout, f"line {state.value}", since
        )
        assert isinstance(event, LineStatus)
        return event


def make_account(kamailio: Kamailio, password: str = PASSWORD, **overrides: object) -> SipAccount:
    values: dict[str, object] = {
        "registrar": kamailio.registrar,
        "user": USER,
        "password": password,
        "rtp_port_start": free_port(),
    }
    values.update(overrides)
    return SipAccount(**values)  # type: ignore[arg-type]


@pytest.fixture
def sip_line(kamailio: Kamailio, tmp_path: Path) -> Iterator[Recorder]:
    line = SipLine(make_account(kamailio), log_file=tmp_path / "pjsip.log")
    recorder = Recorder(line)
    line.start()
    yield recorder
    line.close()


class Sipp:
    """One SIPp caller run in the background; ``wait()`` checks it passed."""

    def __init__(self, kamailio: Kamailio, workdir: Path, scenario: str, pause_ms: int, keys: dict[str, str]) -> None:
        binary = program("sipp", "sip-tester")
        self.workdir = workdir
        command = [
            binary, f"127.0.0.1:{kamailio.port}",
            "-sf", str(HERE / "scenarios" / scenario),
            "-s", USER, "-i", "127.0.0.1", "-p", str(free_port()), "-mp", str(free_port()),
            "-m", "1", "-d", str(pause_ms), "-nostdin", "-timeout", "60s", "-timeout_error",
            "-trace_err", "-trace_msg",
        ]  # fmt: skip
        for key, value in {"display": "", "number": "0612345678", "extra_header": "X-Test: plain", **keys}.items():
            command += ["-key", key, value]
        self.process = subprocess.Popen(command, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def wait(self, timeout: float = 30) -> None:
        try:
            _out, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise AssertionError("SIPp did not finish in time") from None
        if self.process.returncode != 0:
            traces = "\n".join(p.read_text(errors="replace")[-3000:] for p in self.workdir.glob("*_errors.log"))
            raise AssertionError(f"SIPp failed ({self.process.returncode}): {err.decode(errors='replace')}\n{traces}")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def sipp(kamailio: Kamailio, tmp_path: Path) -> Iterator[Callable[..., Sipp]]:
    started: list[Sipp] = []

    def start(scenario: str, pause_ms: int = 300, **keys: str) -> Sipp:
        workdir = tmp_path / f"sipp{len(started)}"
        workdir.mkdir()
        caller = Sipp(kamailio, workdir, scenario, pause_ms, keys)
        started.append(caller)
        return caller

    yield start
    for caller in started:
        caller.kill()
