"""The SIP line as the app sees it: a supervised child process.

``SipLine`` starts the SIP process (``kccdesk.sip.process``), sends it the
account, and turns its messages into line events. It never blocks the
thread that owns it: a reader thread per child puts messages in a queue and
wakes the owner through a socket (``wake_fd``); the owner calls ``pump()``,
which delivers the events to the listener on the owner's thread. The Qt side
watches ``wake_fd`` with a socket notifier, a command-line tool with select.

When the child dies the line says so (FAILING), ends the calls it had with
LINE_LOST, starts a new child after a short, growing delay and registers
again by itself.

The app starts the first child with ``start_process()`` before it knows
the account: the child loads pjsua2 while the app reads the settings and the
password, and registers the moment the line hands it the account.
"""

from __future__ import annotations

import logging
import os
import queue
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

import kccdesk
from kccdesk.core.line import (
    AudioLevels,
    CallEnded,
    EndReason,
    IncomingCall,
    Line,
    LineEvent,
    LineState,
    LineStatus,
    OutgoingCall,
    check_dtmf,
)
from kccdesk.i18n import _
from kccdesk.sip.account import SipAccount
from kccdesk.sip.audio.config import AudioConfig
from kccdesk.sip.protocol import (
    EXIT_MOVED,
    EXIT_NO_PJSUA2,
    Message,
    ProtocolError,
    decode,
    encode,
    line_event,
)

log = logging.getLogger(__name__)

RESTART_DELAYS = (0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
STABLE_AFTER = 30.0  # a child that lived this long resets the restart delay
STOP_WAIT = 3.0


class _ChildLost:
    """Queued by the supervisor when the child has ended without being asked to."""

    def __init__(self, reason: str, state: LineState = LineState.FAILING, at_once: bool = False) -> None:
        self.reason = reason
        self.state = state
        self.at_once = at_once  # start the next child without a delay


class _CannotRun(Exception):
    """The SIP process cannot run on this computer at all; restarting will not help."""


def start_process(log_file: Path | None = None) -> subprocess.Popen[bytes]:
    """A SIP process started ahead of its line (``SipLine(process=...)``);
    OSError when it cannot be started. Unused, it ends when its input is closed."""
    return subprocess.Popen(
        [sys.executable, "-m", "kccdesk.sip.process"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=_child_environment(log_file),
    )


def end_process(process: subprocess.Popen[bytes]) -> None:
    """End a SIP process no line took: end of input is its signal to go."""
    _close(process.stdin)
    try:
        process.wait(STOP_WAIT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    _close(process.stdout)


class SipLine(Line):
    def __init__(
        self,
        account: SipAccount,
        restart_delays: Sequence[float] = RESTART_DELAYS,
        log_file: Path | None = None,
        audio: AudioConfig | None = None,
        process: subprocess.Popen[bytes] | None = None,
    ) -> None:
        super().__init__()
        self.account = account
        self.audio = audio or AudioConfig()
        self.levels = AudioLevels(0.0, 0.0)
        self._level_listener: Callable[[AudioLevels], None] = lambda levels: None
        self._restart_delays = tuple(restart_delays)
        self._log_file = log_file
        self._queue: queue.SimpleQueue[Message | _ChildLost] = queue.SimpleQueue()
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._wake_reader.setblocking(False)
        self._wake_writer.setblocking(False)
        self._lock = threading.Lock()
        self._child: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()
        self._supervisor: threading.Thread | None = None
        self._live_calls: set[str] = set()
        self._prestarted = process  # the first child, started ahead of the line
        self.restarts = 0

    @property
    def description(self) -> str:
        return _("SIP {address}").format(address=self.account.address)

    @property
    def wake_fd(self) -> int:
        """Readable when ``pump()`` has something to deliver."""
        return self._wake_reader.fileno()

    @property
    def child_pid(self) -> int | None:
        with self._lock:
            return self._child.pid if self._child is not None else None

    @property
    def supervising(self) -> bool:
        """False once the line has given up: the SIP process cannot run here."""
        return self._supervisor is not None and self._supervisor.is_alive()

    # -- the owner's side ----------------------------------------------------

    def start(self) -> None:
        if self._supervisor is not None:
            return
        self._stopping.clear()
        self.emit(LineStatus(LineState.CONNECTING))
        self._supervisor = threading.Thread(target=self._supervise, name="sip-supervisor", daemon=True)
        self._supervisor.start()

    def stop(self) -> None:
        """Unregister and end the child; waits at most a few seconds."""
        supervisor, self._supervisor = self._supervisor, None
        if supervisor is None:
            return
        self._stopping.set()
        self._command({"kind": "quit"})
        with self._lock:
            child = self._child
            if child is not None:
                _close(child.stdin)
        if child is not None:
            try:
                child.wait(STOP_WAIT)
            except subprocess.TimeoutExpired:
                child.kill()
        supervisor.join(STOP_WAIT)
        self.pump()
        self._end_live_calls()
        self.emit(LineStatus(LineState.DOWN))

    def close(self) -> None:
        self.stop()
        prestarted, self._prestarted = self._prestarted, None
        if prestarted is not None:  # the line never started
            end_process(prestarted)
        self._wake_reader.close()
        self._wake_writer.close()

    def set_level_listener(self, listener: Callable[[AudioLevels], None]) -> None:
        """Called from ``pump`` a few times a second while a call has audio."""
        self._level_listener = listener

    def pump(self) -> int:
        """Deliver what the child reported; returns the number of events delivered."""
        try:
            while self._wake_reader.recv(4096):
                pass
        except (BlockingIOError, InterruptedError, OSError):
            pass
        delivered = 0
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return delivered
            if isinstance(item, _ChildLost):
                delivered += self._end_live_calls()
                self.emit(LineStatus(item.state, item.reason))
                delivered += 1
                continue
            try:
                event = line_event(item)
            except ProtocolError as error:
                log.warning("the SIP process sent a bad message: %s", error)
                continue
            if event is None:
                if item["kind"] == "levels":
                    self.levels = AudioLevels(float(item.get("input", 0.0)), float(item.get("output", 0.0)))
                    self._level_listener(self.levels)
                elif item["kind"] == "log":
                    log.warning("SIP process: %s", item.get("message", ""))
                elif item["kind"] == "transfer_failed":
                    log.warning("a transfer failed: %s %s", item.get("code"), item.get("reason"))
                continue
            self._track(event)
            self.emit(event)
            delivered += 1

    def answer(self, call_id: str) -> None:
        self._command({"kind": "answer", "call_id": call_id})

    def hang_up(self, call_id: str) -> None:
        self._command({"kind": "hang_up", "call_id": call_id})

    def hold(self, call_id: str) -> None:
        self._command({"kind": "hold", "call_id": call_id})

    def resume(self, call_id: str) -> None:
        self._command({"kind": "resume", "call_id": call_id})

    def mute(self, call_id: str, on: bool) -> None:
        self._command({"kind": "mute", "call_id": call_id, "on": on})

    def send_dtmf(self, call_id: str, digits: str) -> None:
        """Send keypad digits (0-9, *, #, A-D) to the other side, as RFC 2833 events."""
        self._command({"kind": "dtmf", "call_id": call_id, "digits": check_dtmf(digits)})

    def call(self, target: str) -> str:
        """Call ``target``, a SIP URI or a phone number (AccountError if it is
        neither); returns the new call's id. OutgoingCall follows, then
        CallAnswered, or CallEnded NOT_ANSWERED."""
        uri = self.account.uri_for(target)
        call_id = f"sip-{uuid.uuid4().hex}"
        self._command({"kind": "call", "call_id": call_id, "target": uri})
        return call_id

    def transfer_to_call(self, call_id: str, colleague_call_id: str) -> None:
        """Warm transfer: hand the (held) caller over to the colleague the agent
        has called and spoken to (REFER with Replaces); both calls then end as
        TRANSFERRED. A failure leaves both calls as they are."""
        self._command({"kind": "transfer_to_call", "call_id": call_id, "other": colleague_call_id})

    def transfer(self, call_id: str, target: str) -> None:
        """Blind transfer: the caller is sent to ``target`` (a SIP URI); the
        call ends as TRANSFERRED once the caller's side reports success."""
        self._command({"kind": "transfer", "call_id": call_id, "target": target})

    def _track(self, event: LineEvent) -> None:
        if isinstance(event, IncomingCall | OutgoingCall):
            self._live_calls.add(event.call_id)
        elif isinstance(event, CallEnded):
            self._live_calls.discard(event.call_id)

    def _end_live_calls(self) -> int:
        ended = sorted(self._live_calls)
        self._live_calls.clear()
        for call_id in ended:
            self.emit(CallEnded(call_id, time.monotonic(), EndReason.LINE_LOST))
        return len(ended)

    def _command(self, message: Message) -> None:
        with self._lock:
            child = self._child
            if child is None or child.stdin is None:
                log.info("%s not sent: the SIP process is not running", message["kind"])
                return
            try:
                child.stdin.write(encode(message))
                child.stdin.flush()
            except (BrokenPipeError, OSError, ValueError):
                log.info("%s not sent: the SIP process has gone", message["kind"])

    # -- the supervisor thread ---------------------------------------------

    def _supervise(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            started = time.monotonic()
            try:
                lost = self._run_child()
            except _CannotRun as error:
                self._post(_ChildLost(str(error)))
                log.error("the SIP line cannot run here: %s", error)
                return
            if self._stopping.is_set():
                return
            self._post(lost)
            if lost.at_once:
                log.info("%s", lost.reason)
                continue
            if time.monotonic() - started > STABLE_AFTER:
                failures = 0
            delay = self._restart_delays[min(failures, len(self._restart_delays) - 1)]
            failures += 1
            self.restarts += 1
            log.warning("the SIP process ended (%s); starting it again in %.1f s", lost.reason, delay)
            self._stopping.wait(delay)

    def _run_child(self) -> _ChildLost:
        """Run one child until it ends; returns why it ended, in plain words."""
        child, self._prestarted = self._prestarted, None
        try:
            child = child or start_process(self._log_file)
        except OSError as error:
            return _ChildLost(_("the SIP process could not start: {error}").format(error=error))
        with self._lock:
            self._child = child
            if self._stopping.is_set():  # stop() came while the child was starting
                _close(child.stdin)
        self._command({"kind": "audio", "config": self.audio.to_message()})
        self._command({"kind": "register", "account": self.account.to_message()})
        assert child.stdout is not None
        fatal = ""
        for raw in child.stdout:
            try:
                message = decode(raw)
            except ProtocolError as error:
                log.warning("the SIP process sent a bad line: %s", error)
                continue
            if message["kind"] == "fatal":
                fatal = str(message.get("reason", ""))
            else:
                self._post(message)
        code = child.wait()
        with self._lock:
            self._child = None
        _close(child.stdin)
        _close(child.stdout)
        if code == EXIT_NO_PJSUA2:
            raise _CannotRun(
                _("the SIP library pjsua2 cannot be loaded on this computer ({error})").format(error=fatal)
            )
        if code == EXIT_MOVED:
            return _ChildLost(
                _("this computer's network address changed; the line registers again"),
                LineState.CONNECTING,
                at_once=True,
            )
        return _ChildLost(_("the SIP process stopped (exit code {code})").format(code=code))

    def _post(self, item: Message | _ChildLost) -> None:
        self._queue.put(item)
        try:
            self._wake_writer.send(b"\0")
        except (BlockingIOError, OSError):
            pass  # already awake, or closing


def _child_environment(log_file: Path | None) -> dict[str, str]:
    """The child imports this very copy of kccdesk, installed or not."""
    environment = dict(os.environ)
    root = str(Path(kccdesk.__file__).resolve().parent.parent)
    environment["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [environment.get("PYTHONPATH")])])
    if log_file is not None:
        environment["KCCDESK_SIP_LOG"] = str(log_file)
    return environment


def _close(stream: IO[bytes] | None) -> None:
    if stream is not None:
        try:
            stream.close()
        except OSError:
            pass
