"""Benchmark of the SIP line through a real Kamailio on loopback.

Run from the repository root: ``python tests/bench/bench_sip.py [calls]``.
Prints the time from starting the line to registered, and for each of N
calls (default 200) sent as raw INVITEs through Kamailio: INVITE sent ->
180 Ringing received, and INVITE sent -> IncomingCall delivered to this
(the UI) process. Each call is then rejected (486) and acknowledged, and
the next one follows PACE seconds later: pjsip's select-based I/O queue holds
64 sockets and keeps a closed one for 0.5 s, so a burst of some 30 calls
within half a second aborts the SIP process (which the line then restarts).

When baresip is installed (Debian package ``baresip-core``), the same calls
then go to baresip, registered the same way with a Kamailio of its own, and
kccdesk's time to 180 Ringing is printed as a ratio to baresip's (goal <= 1.0).
Each of baresip's calls is cancelled after its 180.
"""

from __future__ import annotations

import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kccdesk.core.line import CallEnded, IncomingCall, LineEvent, LineState, LineStatus  # noqa: E402
from kccdesk.sip.line import SipLine  # noqa: E402
from tests.sip.conftest import PASSWORD, USER, Kamailio, free_port, make_account, wait_until  # noqa: E402

PACE = 0.05


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(name: str, seconds: list[float]) -> None:
    ms = [s * 1000 for s in seconds]
    print(f"{name}: p50 {percentile(ms, 0.5):.2f} ms, p99 {percentile(ms, 0.99):.2f} ms, max {max(ms):.2f} ms (n={len(ms)})")


def headers(call_id: str, data: str) -> dict[str, str]:
    return {} if call_id not in data else {
        line.split(":", 1)[0].strip().lower(): line.split(":", 1)[1].strip() for line in data.split("\r\n")[1:] if ":" in line
    }


class Caller:
    def __init__(self, port: int) -> None:
        self.target = ("127.0.0.1", port)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.local = self.sock.getsockname()[1]

    def invite(self, call_id: str, branch: str) -> bytes:
        sdp = "v=0\r\no=b 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 8\r\n"
        return (
            f"INVITE sip:{USER}@127.0.0.1:{self.target[1]} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP 127.0.0.1:{self.local};branch={branch}\r\n"
            f"From: \"Bench\" <sip:0612345678@127.0.0.1:{self.local}>;tag=bench\r\n"
            f"To: <sip:{USER}@127.0.0.1:{self.target[1]}>\r\nCall-ID: {call_id}\r\nCSeq: 1 INVITE\r\n"
            f"Contact: <sip:0612345678@127.0.0.1:{self.local}>\r\nMax-Forwards: 70\r\n"
            f"Content-Type: application/sdp\r\nContent-Length: {len(sdp)}\r\n\r\n{sdp}"
        ).encode()

    def cancel(self, call_id: str, branch: str) -> bytes:
        return (
            f"CANCEL sip:{USER}@127.0.0.1:{self.target[1]} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP 127.0.0.1:{self.local};branch={branch}\r\n"
            f"From: \"Bench\" <sip:0612345678@127.0.0.1:{self.local}>;tag=bench\r\n"
            f"To: <sip:{USER}@127.0.0.1:{self.target[1]}>\r\nCall-ID: {call_id}\r\nCSeq: 1 CANCEL\r\n"
            "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
        ).encode()

    def ack(self, call_id: str, branch: str, to_header: str) -> bytes:
        return (
            f"ACK sip:{USER}@127.0.0.1:{self.target[1]} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP 127.0.0.1:{self.local};branch={branch}\r\n"
            f"From: \"Bench\" <sip:0612345678@127.0.0.1:{self.local}>;tag=bench\r\n"
            f"{to_header}\r\nCall-ID: {call_id}\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
        ).encode()


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as workdir:
        kamailio = Kamailio(Path(workdir))
        kamailio.start()
        try:
            ours = run(kamailio, calls)
        finally:
            kamailio.stop()
    if shutil.which("baresip") is None:
        print("baresip is not installed (Debian package baresip-core): no comparison")
        return
    with tempfile.TemporaryDirectory() as workdir:
        kamailio = Kamailio(Path(workdir))
        kamailio.start()
        try:
            theirs = run_baresip(kamailio, Path(workdir), calls)
        finally:
            kamailio.stop()
    for name, fraction in (("p50", 0.5), ("p99", 0.99)):
        ratio = percentile(ours, fraction) / percentile(theirs, fraction)
        print(f"time to 180 Ringing, kccdesk / baresip, {name}: {ratio:.2f} (goal <= 1.0)")


def run_baresip(kamailio: Kamailio, workdir: Path, calls: int) -> list[float]:
    """baresip registered as the agent; INVITE sent -> 180 received, each
    call cancelled after its 180."""
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
    log = (workdir / "baresip.log").open("wb")
    process = subprocess.Popen(
        ["baresip", "-f", str(config)], stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        wait_until(lambda: b" 200 OK " in (workdir / "baresip.log").read_bytes(), 10, "baresip to register")
        caller = Caller(kamailio.port)
        to_180: list[float] = []
        for _n in range(calls):
            call_id, branch = uuid.uuid4().hex, f"z9hG4bK{uuid.uuid4().hex}"
            sent = time.monotonic()
            caller.sock.sendto(caller.invite(call_id, branch), caller.target)
            got_180 = done = None
            deadline = sent + 5
            while done is None and time.monotonic() < deadline:
                ready, _w, _x = select.select([caller.sock], [], [], 0.5)
                if not ready:
                    continue
                data = caller.sock.recv(65535).decode(errors="replace")
                if call_id not in data:
                    continue
                if data.startswith("SIP/2.0 180") and got_180 is None:
                    got_180 = time.monotonic()
                    caller.sock.sendto(caller.cancel(call_id, branch), caller.target)
                elif data.startswith("SIP/2.0 487") and "INVITE" in headers(call_id, data).get("cseq", ""):
                    caller.sock.sendto(caller.ack(call_id, branch, "To: " + headers(call_id, data)["to"]), caller.target)
                    done = time.monotonic()
            if got_180 is None or done is None:
                raise SystemExit(f"baresip did not ring and stop in time (log: {workdir / 'baresip.log'})")
            to_180.append(got_180 - sent)
            time.sleep(PACE)
    finally:
        process.terminate()
        process.wait(5)
        log.close()
    report("baresip: INVITE sent -> 180 Ringing received", to_180)
    return to_180


def run(kamailio: Kamailio, calls: int) -> list[float]:
    events: list[tuple[float, LineEvent]] = []
    line = SipLine(make_account(kamailio))  # no SIP log: writing it would be measured too
    line.set_listener(lambda event: events.append((time.monotonic(), event)))

    def wait(seconds: float, sockets: list[socket.socket]) -> list[socket.socket]:
        ready, _w, _x = select.select([line.wake_fd, *sockets], [], [], seconds)
        if line.wake_fd in ready:
            line.pump()
        return [s for s in ready if s in sockets]

    started = time.monotonic()
    line.start()
    while not any(isinstance(e, LineStatus) and e.state is LineState.READY for _t, e in events):
        wait(1.0, [])
        if time.monotonic() - started > 15:
            raise SystemExit("the line did not register")
    print(f"line start -> registered: {(time.monotonic() - started) * 1000:.0f} ms (goal <= 1500 ms)")

    caller = Caller(kamailio.port)
    to_180: list[float] = []
    to_event: list[float] = []
    for _n in range(calls):
        call_id, branch = uuid.uuid4().hex, f"z9hG4bK{uuid.uuid4().hex}"
        events.clear()
        sent = time.monotonic()
        caller.sock.sendto(caller.invite(call_id, branch), caller.target)
        got_180 = got_event = None
        incoming: IncomingCall | None = None
        deadline = sent + 5
        while (got_180 is None or incoming is None) and time.monotonic() < deadline:
            for sock in wait(0.5, [caller.sock]):
                data = sock.recv(65535).decode(errors="replace")
                if data.startswith("SIP/2.0 180") and call_id in data:
                    got_180 = time.monotonic()
            for at, event in events:
                if isinstance(event, IncomingCall) and incoming is None:
                    incoming, got_event = event, at
        if got_180 is None or incoming is None or got_event is None:
            raise SystemExit("a call did not ring in time")
        to_180.append(got_180 - sent)
        to_event.append(got_event - sent)
        line.hang_up(incoming.call_id)  # 486 Busy Here, to be acknowledged
        acked = ended = False
        while not (acked and ended) and time.monotonic() < deadline:
            for sock in wait(0.5, [caller.sock]):
                data = sock.recv(65535).decode(errors="replace")
                if data.startswith("SIP/2.0 486") and call_id in data:
                    to_header = next(h for h in data.split("\r\n") if h.lower().startswith("to:"))
                    sock.sendto(caller.ack(call_id, branch, to_header), caller.target)
                    acked = True
            ended = ended or any(isinstance(e, CallEnded) for _t, e in events)
        time.sleep(PACE)  # calls at 20 a second, far above one agent's load, below pjsip's burst limit
    line.close()
    report("INVITE sent -> 180 Ringing received", to_180)
    report("INVITE sent -> incoming-call event in the UI process", to_event)
    return to_180


if __name__ == "__main__":
    main()
