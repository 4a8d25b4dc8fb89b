"""Benchmark of the SIP line through a real Kamailio on loopback.

Run from the repository root: ``python tests/bench/bench_sip.py [calls]``.
Prints the time from starting the line to registered, and for each of N
calls (default 200) sent as raw INVITEs through Kamailio: INVITE sent ->
180 Ringing received, and INVITE sent -> IncomingCall delivered to this
(the UI) process (goal p99 <= 5 ms). Each call is then rejected (486) and
acknowledged. The calls are made idle and again with a second, CPU-bound
process beside them; the machine's load is printed with each, and how often
the machine stopped a running program.

When baresip is installed (Debian package ``baresip-core``), it is registered
as a second agent, with a Kamailio of its own, and the two phones take turns:
each round sends one call to kccdesk and one to baresip (which is cancelled
after its 180), so both meet the same load on the machine. kccdesk's time to
180 Ringing is printed as a ratio to baresip's (goal <= 1.0).

The 180 is timed by the kernel (SO_TIMESTAMPNS: when it reached the caller's
socket), so the time this process takes to notice it is not counted against
either phone. The next round follows PACE seconds later: pjsip's select-based
I/O queue holds 64 sockets and keeps a closed one for 0.5 s, so a burst of
some 30 calls within half a second aborts the SIP process (which the line
then restarts).
"""

from __future__ import annotations

import contextlib
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kccdesk.core.line import CallEnded, IncomingCall, LineEvent, LineState, LineStatus
from kccdesk.sip.line import SipLine
from tests.bench.conditions import beside, conditions, load, pauses
from tests.sip.conftest import (
    PASSWORD,
    USER,
    Kamailio,
    free_port,
    make_account,
    wait_until,
)
from tests.sip.raw_caller import Caller, header

PACE = 0.05


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(name: str, seconds: list[float]) -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"{name}: p50 {percentile(ms, 0.5):.2f} ms, p99 {percentile(ms, 0.99):.2f} ms, "
        f"max {max(ms):.2f} ms (n={len(ms)})"
    )


class Kccdesk:
    """kccdesk's SIP line, as the app runs it; the agent rejects each call."""

    name = "kccdesk"

    def __init__(self, kamailio: Kamailio) -> None:
        self.events: list[tuple[float, LineEvent]] = []
        self.line = SipLine(make_account(kamailio))  # no SIP log: writing it would be measured too
        self.line.set_listener(lambda event: self.events.append((time.monotonic(), event)))
        self.caller = Caller(kamailio.port)
        self.to_180: list[float] = []
        self.to_event: list[float] = []

    def start(self) -> float:
        started = time.monotonic()
        self.line.start()
        while not any(isinstance(e, LineStatus) and e.state is LineState.READY for _t, e in self.events):
            self.wait(1.0)
            if time.monotonic() - started > 15:
                raise SystemExit("the line did not register")
        return time.monotonic() - started

    def wait(self, seconds: float) -> bool:
        """Wait for the caller's socket or the line; True when the socket is readable."""
        ready, _w, _x = select.select([self.line.wake_fd, self.caller.sock], [], [], seconds)
        if self.line.wake_fd in ready:
            self.line.pump()
        return self.caller.sock in ready

    def call(self) -> None:
        self.events.clear()
        sent = time.monotonic()
        sent_wall = self.caller.invite()
        got_180: float | None = None
        incoming: IncomingCall | None = None
        got_event = 0.0
        deadline = sent + 5
        while (got_180 is None or incoming is None) and time.monotonic() < deadline:
            if self.wait(0.5):
                data, arrived = self.caller.receive()
                if data.startswith("SIP/2.0 180") and self.caller.mine(data):
                    got_180 = arrived
            for at, event in self.events:
                if isinstance(event, IncomingCall) and incoming is None:
                    incoming, got_event = event, at
        if got_180 is None or incoming is None:
            raise SystemExit("a call to kccdesk did not ring in time")
        self.to_180.append(got_180 - sent_wall)
        self.to_event.append(got_event - sent)
        self.line.hang_up(incoming.call_id)  # 486 Busy Here, to be acknowledged
        acked = ended = False
        while not (acked and ended) and time.monotonic() < deadline:
            if self.wait(0.5):
                data, _arrived = self.caller.receive()
                if data.startswith("SIP/2.0 486") and self.caller.mine(data):
                    self.caller.ack(header(data, "To"))
                    acked = True
            ended = ended or any(isinstance(e, CallEnded) for _t, e in self.events)

    def close(self) -> None:
        self.line.close()


class Baresip:
    """baresip registered as an agent with its own Kamailio; each call is cancelled after its 180."""

    name = "baresip"

    def __init__(self, kamailio: Kamailio, workdir: Path) -> None:
        config = workdir / "baresip"
        config.mkdir()
        (config / "config").write_text(
            f"sip_listen 127.0.0.1:{free_port()}\nsip_trans_def udp\nmodule_path /usr/lib/baresip/modules\n"
            "module g711.so\nmodule ausine.so\nmodule_app account.so\nmodule_app menu.so\n"
            "audio_source ausine,440\naudio_player ausine,440\naudio_alert ausine,440\n",
            encoding="utf-8",
        )
        (config / "accounts").write_text(
            f"<sip:{USER}@127.0.0.1:{kamailio.port}>;auth_pass={PASSWORD};regint=60\n", encoding="utf-8"
        )
        self.config = config
        self.log_path = workdir / "baresip.log"
        self.caller = Caller(kamailio.port)
        self.to_180: list[float] = []
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            ["baresip", "-f", str(self.config)], stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT
        )
        wait_until(lambda: b" 200 OK " in self.log_path.read_bytes(), 10, "baresip to register")

    def call(self) -> None:
        sent = self.caller.invite()
        got_180: float | None = None
        done = False
        deadline = time.monotonic() + 5
        while not done and time.monotonic() < deadline:
            ready, _w, _x = select.select([self.caller.sock], [], [], 0.5)
            if not ready:
                continue
            data, arrived = self.caller.receive()
            if not self.caller.mine(data):
                continue
            if data.startswith("SIP/2.0 180") and got_180 is None:
                got_180 = arrived
                self.caller.cancel()
            elif data.startswith("SIP/2.0 487") and "INVITE" in header(data, "CSeq"):
                self.caller.ack(header(data, "To"))
                done = True
        if got_180 is None or not done:
            raise SystemExit(f"baresip did not ring and stop in time (log: {self.log_path})")
        self.to_180.append(got_180 - sent)

    def close(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(5)
        self.log.close()


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with contextlib.ExitStack() as stack:
        ours_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        ours = Kccdesk(stack.enter_context(Kamailio(ours_dir)))
        print(f"line start -> registered: {ours.start() * 1000:.0f} ms (goal <= 1500 ms); {load()}")
        stack.callback(ours.close)
        phones: list[Kccdesk | Baresip] = [ours]
        theirs: Baresip | None = None
        if shutil.which("baresip") is None:
            print("baresip is not installed (Debian package baresip-core): no comparison")
        else:
            theirs_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            theirs = Baresip(stack.enter_context(Kamailio(theirs_dir)), theirs_dir)
            theirs.start()
            stack.callback(theirs.close)
            phones.append(theirs)
        turns: list[Callable[[], None]] = [phone.call for phone in phones]
        turns[0]()  # the first call sets up what every later call uses: not a figure
        for condition, busy in conditions():
            for phone in phones:
                phone.to_180.clear()
            ours.to_event.clear()
            with beside(busy):
                print(f"== {condition}: {load()}; {calls} calls")
                for round_number in range(calls):
                    for call in turns if round_number % 2 == 0 else reversed(turns):  # neither always goes first
                        call()
                        time.sleep(PACE)  # far above one agent's load, below pjsip's burst limit
                print(pauses())
            outcome(ours, theirs)


def outcome(ours: Kccdesk, theirs: Baresip | None) -> None:
    report("INVITE sent -> 180 Ringing received", ours.to_180)
    report("INVITE sent -> incoming-call event in the UI process (goal p99 <= 5 ms)", ours.to_event)
    if theirs is None:
        return
    report("baresip: INVITE sent -> 180 Ringing received", theirs.to_180)
    for name, fraction in (("p50", 0.5), ("p99", 0.99)):
        ratio = percentile(ours.to_180, fraction) / percentile(theirs.to_180, fraction)
        print(f"time to 180 Ringing, kccdesk / baresip, {name}: {ratio:.2f} (goal <= 1.0)")


if __name__ == "__main__":
    main()
