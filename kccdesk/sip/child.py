"""The SIP process: pjsua2 with the agent's account, driven by messages.

Started by the app through ``python -m kccdesk.sip.process``. Commands arrive as JSON
lines on standard input (a thread reads them into a queue); events leave on
the original standard output, which is kept for the protocol alone — file
descriptor 1 is pointed at standard error so that nothing pjsip prints can
corrupt it. End of input means the app is gone: the process unregisters and
exits.

pjsua2 runs without threads of its own (threadCnt 0, mainThreadOnly): this
process's main loop pumps libHandleEvents, so every callback runs here, copies
what it needs and returns. Call objects stay referenced until DISCONNECTED;
all are dropped and collected before libDestroy.
"""

from __future__ import annotations

import gc
import logging
import os
import queue
import signal
import sys
import threading
import time
import uuid
from collections.abc import Callable
from functools import partial
from typing import IO, TYPE_CHECKING

import pjsua2 as pj

from kccdesk import __version__
from kccdesk.core.line import EndReason, LineState, SoundPart
from kccdesk.sip.account import SipAccount
from kccdesk.sip.audio.config import AudioConfig
from kccdesk.sip.caller_id import caller_from_invite
from kccdesk.sip.engine import rings_at_once, sound_devices, ssl_version
from kccdesk.sip.protocol import EXIT_MOVED, NO_TLS, Message, ProtocolError, decode, encode
from kccdesk.sip.quiet import quiet_output
from kccdesk.sip.route import AddressWatch

if TYPE_CHECKING:
    from kccdesk.sip.audio.bridge import Headset
    from kccdesk.sip.audio.engine_sound import EngineHeadset
    from kccdesk.sip.audio.ringer import Ringer

log = logging.getLogger("kccdesk.sip.child")

POLL_MS = 10
LEVELS_EVERY = 0.2  # seconds between two level reports while a call has audio
RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0, 60.0)
# pjsua retries these by itself only at a fixed interval; we retry them with backoff.
_RETRYABLE = {408, 480, 500, 502, 503, 504, 603}
# What phone systems speak: Opus (wideband, where the other side has it; the
# own engine build has it), G.722 (wideband), then G.711 A-law (Europe) and
# u-law. Any other codec an engine has (the PyPI wheel: speex, iLBC, GSM) is
# switched off, so every offer and answer stays short.
_CODECS = {"opus/48000/2": 141, "G722/16000/1": 140, "PCMA/8000/1": 139, "PCMU/8000/1": 138}
# Media states in which the call's audio goes to the headset: a caller who holds
# the agent may play music, which the agent then hears.
_WITH_AUDIO = (pj.PJSUA_CALL_MEDIA_ACTIVE, pj.PJSUA_CALL_MEDIA_REMOTE_HOLD)
_TRANSPORTS = {"udp": pj.PJSIP_TRANSPORT_UDP, "tcp": pj.PJSIP_TRANSPORT_TCP, "tls": pj.PJSIP_TRANSPORT_TLS}
_SRTP = {"off": pj.PJMEDIA_SRTP_DISABLED, "optional": pj.PJMEDIA_SRTP_OPTIONAL, "mandatory": pj.PJMEDIA_SRTP_MANDATORY}

Send = Callable[[Message], None]


class _Call(pj.Call):
    def __init__(self, phone: Phone, account: pj.Account, key: str, pjsua_call_id: int = pj.PJSUA_INVALID_ID) -> None:
        super().__init__(account, pjsua_call_id)
        self.phone = phone
        self.key = key
        self.outgoing = pjsua_call_id == pj.PJSUA_INVALID_ID
        self.confirmed = False
        self.answering = False  # a 200 OK went out, so the call may become confirmed
        self.on_hold = False
        self.ended_by: EndReason | None = None
        self.replaced_by: _Call | None = None  # the call to a colleague that takes over this one

    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        if self.isActive() and not (self.outgoing or self.answering):
            return  # still ringing: nothing to report, and the 180 goes out without waiting for getInfo
        info = self.getInfo()
        if info.state == pj.PJSIP_INV_STATE_CONFIRMED and not self.confirmed:
            self.confirmed = True
            self.phone.send({"kind": "answered", "call_id": self.key, "at": time.monotonic()})
            self.phone.after_callback(self.phone.update_ringer)
        elif info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            if self.ended_by is not None:
                reason = self.ended_by
            elif self.outgoing:
                reason = EndReason.CALLER_HUNG_UP if self.confirmed else EndReason.NOT_ANSWERED
            else:
                reason = EndReason.CALLER_HUNG_UP if self.confirmed else EndReason.CALLER_GAVE_UP
            self.phone.call_ended(self, reason)

    def onCallTransferStatus(self, prm: pj.OnCallTransferStatusParam) -> None:
        code = int(prm.statusCode)
        if not prm.finalNotify:
            return
        prm.cont = False  # no further NOTIFYs wanted
        if code // 100 == 2:
            for call in (self, self.replaced_by):
                if call is not None:  # in a warm transfer the call to the colleague ends too
                    call.ended_by = EndReason.TRANSFERRED
                    self.phone.after_callback(partial(call.hangup, pj.CallOpParam(True)))
        else:
            self.phone.send({"kind": "transfer_failed", "call_id": self.key, "code": code, "reason": str(prm.reason)})

    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:
        info = self.getInfo()
        for index, media in enumerate(info.media):
            if media.type != pj.PJMEDIA_TYPE_AUDIO:
                continue
            if media.status in _WITH_AUDIO:
                audio = self.getAudioMedia(index)
                self.phone.after_callback(partial(self.phone.headset.connect, self.key, audio))
            else:
                self.phone.after_callback(lambda: self.phone.headset.disconnect(self.key))
            held = media.status == pj.PJSUA_CALL_MEDIA_LOCAL_HOLD
            if held != self.on_hold and (held or media.status == pj.PJSUA_CALL_MEDIA_ACTIVE):
                self.on_hold = held
                kind = "held" if held else "resumed"
                self.phone.send({"kind": kind, "call_id": self.key, "at": time.monotonic()})


class _Account(pj.Account):
    def __init__(self, phone: Phone) -> None:
        super().__init__()
        self.phone = phone

    def onRegState(self, prm: pj.OnRegStateParam) -> None:
        self.phone.registration_changed(int(prm.code), str(prm.reason), int(prm.expiration))

    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:
        self.phone.incoming(self, int(prm.callId), str(prm.rdata.wholeMsg), time.monotonic())


class _Endpoint(pj.Endpoint):
    """pjsua2's endpoint, which tells the phone of calls it refused before they rang."""

    def __init__(self, phone: Phone) -> None:
        super().__init__()
        self.phone = phone

    def onRejectedIncomingCall(self, prm: pj.OnRejectedIncomingCallParam) -> None:
        self.phone.refused(int(prm.statusCode), str(prm.reason), str(prm.rdata.wholeMsg), time.monotonic())


class Phone:
    def __init__(self, send: Send, log_file: str = "") -> None:
        self.send = send
        self.endpoint = _Endpoint(self)
        with quiet_output():  # pjlib greets on stdout before our log settings apply; ALSA plugins on stderr
            self.endpoint.libCreate()
        config = pj.EpConfig()
        config.uaConfig.threadCnt = 0
        config.uaConfig.mainThreadOnly = True
        config.uaConfig.userAgent = f"kccdesk/{__version__}"
        config.uaConfig.maxCalls = 8
        config.logConfig.consoleLevel = 1
        config.logConfig.level = 4 if log_file else 1
        config.logConfig.filename = log_file
        config.medConfig.threadCnt = 1
        with quiet_output():
            self.endpoint.libInit(config)
        self.account: _Account | None = None
        self.calls: dict[str, _Call] = {}
        self.finished: list[_Call] = []  # dropped after the callback that ended them returned
        self.deferred: list[Callable[[], object]] = []  # run after the callback that asked returned
        self.quitting = False
        self.failures = 0
        self.retry_at: float | None = None
        self.audio = AudioConfig()
        # The headset and the ring: loaded once registered, or on first use.
        self._headset: Headset | EngineHeadset | None = None
        self._ringer: Ringer | None = None
        self.levels_at = 0.0
        self.watch: AddressWatch | None = None  # is the address this process announces still right?
        self.exit_code = 0
        self.prefix = uuid.uuid4().hex
        self.counter = 0
        self.unannounced: dict[str, tuple[str, float]] = {}  # incoming calls the app has not heard of yet
        self.srtp = "optional"  # the account's: set when it registers
        self.ringing = pj.CallOpParam(True)
        self.ringing.statusCode = 180
        self.engine_rings = rings_at_once()  # kccdesk's own engine sends the 180 itself, before our callback

    # -- set-up ------------------------------------------------------------

    def register(self, account: SipAccount) -> None:
        transport = pj.TransportConfig()
        transport.port = account.local_port
        self.watch = AddressWatch(account)
        transport.publicAddress = self.watch.announced  # empty: pjsua's guess
        if account.transport == "tls":
            if not ssl_version(self.endpoint):  # the PyPI wheel on Windows: said plainly, not as pjsip's error
                self.send({"kind": "status", "state": LineState.FAILING.value, "reason": NO_TLS})
                return
            transport.tlsConfig.proto = pj.PJ_SSL_SOCK_PROTO_TLS1_2 | pj.PJ_SSL_SOCK_PROTO_TLS1_3
            import certifi

            transport.tlsConfig.CaListFile = account.tls_ca_file or certifi.where()
            transport.tlsConfig.verifyServer = True  # a registrar that cannot prove who it is gets no password
        transport_id = self.endpoint.transportCreate(_TRANSPORTS[account.transport], transport)
        self.endpoint.libStart()
        self.endpoint.audDevManager().setNullDev()
        for codec in self.endpoint.codecEnum2():
            self.endpoint.codecSetPriority(codec.codecId, _CODECS.get(codec.codecId, 0))
        config = pj.AccountConfig()
        config.idUri = account.address
        config.regConfig.registrarUri = account.registrar_uri()
        config.regConfig.timeoutSec = account.register_seconds
        config.regConfig.retryIntervalSec = 0  # retries are ours, with backoff
        config.regConfig.firstRetryIntervalSec = 0
        config.regConfig.unregWaitMsec = 500  # how long libDestroy waits to unregister
        if account.outbound_proxy:
            config.sipConfig.proxies.append(account.outbound_proxy)
        config.sipConfig.authCreds.append(
            pj.AuthCredInfo("digest", "*", account.auth_user or account.user, 0, account.password)
        )
        config.sipConfig.transportId = transport_id  # Contact from the transport, without a probe per call
        config.natConfig.contactRewriteUse = 0
        config.natConfig.viaRewriteUse = 0
        config.natConfig.sdpNatRewriteUse = 0
        self.srtp = account.srtp
        config.mediaConfig.srtpUse = _SRTP[account.srtp]
        # SDES keys travel in the SDP: over TLS they are protected; over UDP or
        # TCP they are not, but encrypted audio is still asked for when set.
        config.mediaConfig.srtpSecureSignaling = 0
        config.mediaConfig.transportConfig.port = account.rtp_port_start
        config.mediaConfig.transportConfig.portRange = 200
        # The media is announced at the address the SIP transport announces;
        # without this pjsua looks the computer's address up again for every call.
        config.mediaConfig.transportConfig.publicAddress = _ipv4_host(
            self.endpoint.transportGetInfo(transport_id).localName
        )
        self.account = _Account(self)
        self.send({"kind": "status", "state": LineState.CONNECTING.value, "reason": ""})
        self.account.create(config)

    @property
    def headset(self) -> Headset | EngineHeadset:
        if self._headset is None:
            self.load_audio()
        assert self._headset is not None
        return self._headset

    @property
    def ringer(self) -> Ringer:
        if self._ringer is None:
            self.load_audio()
        assert self._ringer is not None
        return self._ringer

    def load_audio(self) -> None:
        """The headset (the engine's own sound devices where it has them, else
        the audio bridge: numpy, PortAudio) and the ring (PortAudio): not
        before the REGISTER has gone out, so that they never delay it."""
        if self._headset is not None:
            return
        from kccdesk.sip.audio.ringer import Ringer

        if not self.audio.test_dir and sound_devices(self.endpoint) > 0:  # the engine's own devices
            from kccdesk.sip.audio.engine_sound import EngineHeadset

            self._headset = EngineHeadset(self.endpoint, self.sound)
        else:
            from kccdesk.sip.audio.bridge import Headset

            self._headset = Headset(self.sound)
        self._ringer = Ringer(self.sound)
        self._headset.configure(self.audio)
        self._ringer.config = self.audio

    # -- what pjsua2 reports ---------------------------------------------------

    def registration_changed(self, code: int, reason: str, expiration: int) -> None:
        if self.quitting:
            return
        if code // 100 == 2 and expiration > 0:
            self.failures = 0
            self.retry_at = None
            self.send({"kind": "status", "state": LineState.READY.value, "reason": ""})
            self.after_callback(self.load_audio)  # ready for the first call
            return
        if code // 100 == 2:
            return  # unregistered on purpose
        if self.watch is not None:
            self.watch.check_soon()  # a laptop that moved to another network fails here first
        if code in _RETRYABLE or code < 100:
            delay = RETRY_DELAYS[min(self.failures, len(RETRY_DELAYS) - 1)]
            self.failures += 1
            self.retry_at = time.monotonic() + delay
            self.send(
                {"kind": "status", "state": LineState.FAILING.value, "code": code, "reason": reason, "retry_in": delay}
            )
        else:  # wrong password, unknown user: trying again will not help
            self.retry_at = None
            self.send({"kind": "status", "state": LineState.FAILING.value, "code": code, "reason": reason})

    def incoming(self, account: pj.Account, pjsua_call_id: int, invite: str, at: float) -> None:
        """Ring at once (180 Ringing; kccdesk's own engine has sent it already),
        and only after this callback read who is calling and tell the app:
        the caller hears the ring sooner."""
        key = self.new_key()
        call = _Call(self, account, key, pjsua_call_id)
        self.calls[key] = call
        self.unannounced[key] = (invite, at)
        if not self.engine_rings:
            self._try(lambda: call.answer(self.ringing))  # the call rings in the app even if 180 could not go out
        self.after_callback(lambda: self.announce(key))
        self.after_callback(self.update_ringer)

    def refused(self, code: int, reason: str, invite: str, at: float) -> None:
        """pjsua refused a call before it rang (with mandatory SRTP: an offer without keys)."""
        if not invite.startswith("INVITE"):
            return
        caller = caller_from_invite(invite)
        unencrypted = self.srtp == "mandatory" and code == 488 and "a=crypto:" not in invite
        self.send(
            {
                "kind": "refused",
                "at": at,
                "number": caller.number,
                "withheld": caller.withheld,
                "code": code,
                "reason": reason,
                "unencrypted": unencrypted,
            }
        )

    def announce(self, key: str) -> None:
        """Tell the app about an incoming call, once; before anything else about it."""
        invite, at = self.unannounced.pop(key, ("", 0.0))
        if not invite:
            return
        caller = caller_from_invite(invite)
        self.send(
            {
                "kind": "incoming",
                "call_id": key,
                "at": at,
                "number": caller.number,
                "display_name": caller.display_name,
                "withheld": caller.withheld,
            }
        )

    def new_key(self) -> str:
        """A call id unique across restarts of this process: the store keys calls on it."""
        self.counter += 1
        return f"sip-{self.prefix}-{self.counter}"

    def call_out(self, key: str, target: str) -> None:
        if self.account is None:
            self.send({"kind": "ended", "call_id": key, "at": time.monotonic(), "reason": EndReason.NOT_ANSWERED.value})
            return
        call = _Call(self, self.account, key)
        self.calls[key] = call  # before makeCall: it may report the end of the call at once
        self.send({"kind": "outgoing", "call_id": key, "target": target, "at": time.monotonic()})
        try:
            call.makeCall(target, pj.CallOpParam(True))
        except pj.Error as error:
            self.report(f"{error.title}: {error.reason}")
            self.call_ended(call, EndReason.NOT_ANSWERED)

    def report(self, problem: str) -> None:
        self.send({"kind": "log", "message": problem})

    def sound(self, part: SoundPart, problem: str) -> None:
        """What does not work of the sound (or, with "", that it works again): the window shows it."""
        self.send({"kind": "sound", "part": part.value, "detail": problem})

    def update_ringer(self) -> None:
        """Ring while a call rings and no call has audio."""
        if any(not (call.confirmed or call.outgoing) for call in self.calls.values()) and not self.headset.active:
            self.ringer.start()
        else:
            self.ringer.stop()

    def after_callback(self, action: Callable[[], object]) -> None:
        self.deferred.append(action)

    def call_ended(self, call: _Call, reason: EndReason) -> None:
        if self.calls.pop(call.key, None) is None:
            return
        self.finished.append(call)
        self.announce(call.key)  # a caller who gave up within the same moment still rang
        if self._headset is not None:
            self._headset.disconnect(call.key)
        self.after_callback(self.update_ringer)
        self.send({"kind": "ended", "call_id": call.key, "at": time.monotonic(), "reason": reason.value})

    # -- what the app asks -------------------------------------------------

    def handle(self, message: Message) -> None:
        kind = message["kind"]
        if kind == "register":
            try:
                self.register(SipAccount.from_message(message["account"]))
            except (pj.Error, ValueError, TypeError) as error:
                reason = f"{error.title}: {error.reason}" if isinstance(error, pj.Error) else str(error)
                self.send({"kind": "status", "state": LineState.FAILING.value, "reason": reason})
            return
        if kind == "quit":
            self.quitting = True
            return
        if kind == "call":
            self.call_out(str(message["call_id"]), str(message["target"]))
            return
        if kind == "audio":
            self.audio = AudioConfig.from_message(message["config"])
            if self._headset is not None and self._ringer is not None:
                self._headset.configure(self.audio)
                self._ringer.config = self.audio
            return
        call = self.calls.get(str(message.get("call_id")))
        if call is None:
            self.send({"kind": "log", "message": f"{kind}: no such call"})
            return
        param = pj.CallOpParam(True)
        if kind == "answer":
            param.statusCode = 200
            call.answering = True
            call.answer(param)
        elif kind == "hang_up":
            if call.confirmed:
                call.ended_by = EndReason.AGENT_HUNG_UP
            else:
                call.ended_by = EndReason.REJECTED
                param.statusCode = 486  # Busy Here
            call.hangup(param)
        elif kind == "hold":
            call.setHold(param)
        elif kind == "resume":
            param.opt.flag = pj.PJSUA_CALL_UNHOLD
            call.reinvite(param)
        elif kind == "transfer":
            call.xfer(str(message["target"]), param)
        elif kind == "transfer_to_call":
            colleague = self.calls.get(str(message["other"]))
            if colleague is None:
                self.send({"kind": "transfer_failed", "call_id": call.key, "code": 0, "reason": "no such call"})
                return
            call.replaced_by = colleague
            call.xferReplaces(colleague, param)
        elif kind == "mute":
            on = bool(message["on"])
            self.headset.mute(call.key, on)
            self.send({"kind": "muted", "call_id": call.key, "at": time.monotonic(), "on": on})
        elif kind == "dtmf":
            call.dialDtmf(str(message["digits"]))
        else:
            self.send({"kind": "log", "message": f"unknown command {kind}"})

    # -- the loop ----------------------------------------------------------

    def run(self, commands: queue.Queue[Message | None]) -> None:
        while not self.quitting:
            self.endpoint.libHandleEvents(POLL_MS)
            self.finished.clear()
            deferred, self.deferred = self.deferred, []
            for action in deferred:
                self._try(action)
            if self._headset is not None and self._headset.active and time.monotonic() >= self.levels_at:
                self.levels_at = time.monotonic() + LEVELS_EVERY
                spoken, heard = self.headset.levels()
                self.send({"kind": "levels", "input": spoken, "output": heard})
            if self.watch is not None and not self.calls and (address := self.watch.moved()):
                self.report(f"this computer now reaches the registrar from {address}: starting again")
                self.exit_code = EXIT_MOVED  # the line starts a new SIP process at once
                break
            if self.retry_at is not None and time.monotonic() >= self.retry_at and self.account is not None:
                self.retry_at = None
                self.send({"kind": "status", "state": LineState.CONNECTING.value, "reason": ""})
                self._try(lambda: self.account.setRegistration(True) if self.account else None)
            while True:
                try:
                    message = commands.get_nowait()
                except queue.Empty:
                    break
                if message is None:
                    self.quitting = True
                    break
                self._try(partial(self.handle, message))

    def _try(self, action: Callable[[], object]) -> None:
        try:
            action()
        except pj.Error as error:
            self.send({"kind": "log", "message": f"{error.title}: {error.reason}"})

    def close(self) -> None:
        """Hang up, unregister (briefly), and take pjsua2 down in the order it needs."""
        self.quitting = True
        try:
            self.endpoint.hangupAllCalls()
            deadline = time.monotonic() + 0.5
            while time.monotonic() < deadline and self.calls:
                self.endpoint.libHandleEvents(POLL_MS)
        except pj.Error:
            pass
        self.calls.clear()
        self.finished.clear()
        if self._headset is not None and self._ringer is not None:
            self._headset.close()
            self._ringer.stop()
        if self.account is not None:
            self.account.shutdown()
        self.account = None
        gc.collect()
        self.endpoint.libDestroy()


def _ipv4_host(address: str) -> str:
    """ "10.0.0.5:5060" -> "10.0.0.5"; empty for anything else (IPv6 is left to pjsua)."""
    host = address.rpartition(":")[0] if address.count(":") == 1 else ""
    return host if host.replace(".", "").isdigit() else ""


def _read_commands(stream: IO[bytes], commands: queue.Queue[Message | None], send: Send) -> None:
    for line in stream:
        try:
            commands.put(decode(line))
        except ProtocolError as error:
            send({"kind": "log", "message": f"ignored a command: {error}"})
    commands.put(None)


def main() -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the app; it closes our input
    events = os.fdopen(os.dup(sys.stdout.fileno()), "wb", buffering=0)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    lock = threading.Lock()

    def send(message: Message) -> None:
        data = encode(message)
        with lock:
            try:
                events.write(data)
            except (BrokenPipeError, OSError):
                pass  # the app is gone; end of input will follow

    commands: queue.Queue[Message | None] = queue.Queue()
    threading.Thread(target=_read_commands, args=(sys.stdin.buffer, commands, send), daemon=True).start()
    phone = Phone(send, os.environ.get("KCCDESK_SIP_LOG", ""))
    try:
        phone.run(commands)
    finally:
        phone.close()
    return phone.exit_code
