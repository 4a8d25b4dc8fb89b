"""A second SIP party for the audio tests: pjsua2 on its null device.

Run as a script: ``python audio_party.py SIP_PORT RTP_PORT TONE.wav [SRTP [CODECS]]``
(SRTP: off, optional or mandatory, off by default; CODECS: the codecs it
offers, best first, comma-separated, e.g. "opus/48000/2,PCMA/8000/1"; by
default G.722 and PCMA, as a PBX). It
plays TONE.wav (looped) into every call it makes, records what it hears
into WAV files on request, and reports what happens as JSON lines on
standard output; commands arrive as JSON lines on standard input:

- {"kind": "call", "uri": "sip:agent@127.0.0.1:5060"}
- {"kind": "record", "path": "/tmp/x.wav"} (a new file; the previous one is closed)
- {"kind": "hang_up"}

Events: ready, confirmed, media (audio flows; "held" when the other side
holds), dtmf (with "digit"),
recording and recorded (with "path"), disconnected (with the last SIP "code").
"""

from __future__ import annotations

import gc
import json
import queue
import sys
import threading
from typing import Any

import pjsua2 as pj

CODECS = {"G722/16000/1": 140, "PCMA/8000/1": 139}  # what a PBX offers; every other codec off
SRTP = {"off": pj.PJMEDIA_SRTP_DISABLED, "optional": pj.PJMEDIA_SRTP_OPTIONAL, "mandatory": pj.PJMEDIA_SRTP_MANDATORY}


_WITH_AUDIO = (pj.PJSUA_CALL_MEDIA_ACTIVE, pj.PJSUA_CALL_MEDIA_REMOTE_HOLD)


def emit(kind: str, **fields: Any) -> None:
    sys.stdout.write(json.dumps({"kind": kind, **fields}) + "\n")
    sys.stdout.flush()


class Call(pj.Call):
    def __init__(self, party: Party, account: pj.Account) -> None:
        super().__init__(account)
        self.party = party
        self.audio: pj.AudioMedia | None = None

    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        info = self.getInfo()
        state = info.state
        if state == pj.PJSIP_INV_STATE_CONFIRMED:
            emit("confirmed")
        elif state == pj.PJSIP_INV_STATE_DISCONNECTED:
            self.party.ended = True
            self.party.last_code = int(info.lastStatusCode)

    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:
        info = self.getInfo()  # kept: its media list dies with it
        for index, media in enumerate(info.media):
            if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status in _WITH_AUDIO:
                self.audio = self.getAudioMedia(index)  # a re-INVITE (hold) may bring a new stream
                self.party.player.startTransmit(self.audio)
                if self.party.recorder is not None:
                    self.audio.startTransmit(self.party.recorder)
                emit("media", held=media.status == pj.PJSUA_CALL_MEDIA_REMOTE_HOLD)

    def onDtmfDigit(self, prm: pj.OnDtmfDigitParam) -> None:
        emit("dtmf", digit=str(prm.digit))


class Party:
    def __init__(
        self, sip_port: int, rtp_port: int, tone: str, srtp: str = "off", codecs: dict[str, int] | None = None
    ) -> None:
        self.endpoint = pj.Endpoint()
        self.endpoint.libCreate()
        config = pj.EpConfig()
        config.uaConfig.threadCnt = 0
        config.uaConfig.mainThreadOnly = True
        config.logConfig.consoleLevel = 1
        config.logConfig.level = 1
        self.endpoint.libInit(config)
        transport = pj.TransportConfig()
        transport.port = sip_port
        transport.boundAddress = "127.0.0.1"
        self.endpoint.transportCreate(pj.PJSIP_TRANSPORT_UDP, transport)
        self.endpoint.libStart()
        self.endpoint.audDevManager().setNullDev()
        for codec in self.endpoint.codecEnum2():  # whatever this engine has; speex would blur a pure tone
            self.endpoint.codecSetPriority(codec.codecId, (codecs or CODECS).get(codec.codecId, 0))
        account_config = pj.AccountConfig()
        account_config.idUri = f"sip:0612345678@127.0.0.1:{sip_port}"
        account_config.mediaConfig.transportConfig.port = rtp_port
        account_config.mediaConfig.transportConfig.portRange = 10
        account_config.mediaConfig.transportConfig.boundAddress = "127.0.0.1"
        account_config.mediaConfig.srtpUse = SRTP[srtp]
        account_config.mediaConfig.srtpSecureSignaling = 0  # SDES keys over UDP, as in the test
        self.account = pj.Account()
        self.account.create(account_config)
        self.player = pj.AudioMediaPlayer()
        self.player.createPlayer(tone)
        self.recorder: pj.AudioMediaRecorder | None = None
        self.recording = ""
        self.call: Call | None = None
        self.ended = False
        self.last_code = 0  # the SIP status that ended the last call

    def handle(self, command: dict[str, Any]) -> None:
        kind = command["kind"]
        if kind == "call":
            self.call = Call(self, self.account)
            self.call.makeCall(command["uri"], pj.CallOpParam(True))
        elif kind == "record":
            self.stop_recording()
            assert self.call is not None and self.call.audio is not None
            self.recorder = pj.AudioMediaRecorder()
            self.recorder.createRecorder(command["path"])
            self.call.audio.startTransmit(self.recorder)
            self.recording = command["path"]
            emit("recording", path=self.recording)
        elif kind == "hang_up" and self.call is not None:
            self.call.hangup(pj.CallOpParam(True))

    def stop_recording(self) -> None:
        if self.recorder is not None:
            self.recorder = None  # deleting it writes the WAV header
            gc.collect()
            emit("recorded", path=self.recording)

    def run(self, commands: queue.Queue[dict[str, Any] | None]) -> None:
        while True:
            self.endpoint.libHandleEvents(10)
            if self.ended:
                self.ended = False
                self.stop_recording()
                self.call = None
                gc.collect()
                emit("disconnected", code=self.last_code)
            try:
                command = commands.get_nowait()
            except queue.Empty:
                continue
            if command is None:
                break
            self.handle(command)
        self.stop_recording()
        self.endpoint.hangupAllCalls()
        for _tick in range(20):
            self.endpoint.libHandleEvents(10)
        self.call = None
        self.player = None  # type: ignore[assignment]
        self.account.shutdown()
        gc.collect()
        self.endpoint.libDestroy()


def read(commands: queue.Queue[dict[str, Any] | None]) -> None:
    for line in sys.stdin:
        commands.put(json.loads(line))
    commands.put(None)


def main() -> None:
    sip_port, rtp_port, tone = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    srtp = sys.argv[4] if len(sys.argv) > 4 else "off"
    offered = sys.argv[5].split(",") if len(sys.argv) > 5 and sys.argv[5] else []
    codecs = {codec: 200 - rank for rank, codec in enumerate(offered)} or None
    commands: queue.Queue[dict[str, Any] | None] = queue.Queue()
    threading.Thread(target=read, args=(commands,), daemon=True).start()
    party = Party(sip_port, rtp_port, tone, srtp, codecs)
    emit("ready")
    party.run(commands)


if __name__ == "__main__":
    main()
