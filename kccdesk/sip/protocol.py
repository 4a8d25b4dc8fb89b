"""The messages between the app and the SIP process: one JSON object a line.

Commands go down the child's standard input, events come up a pipe of their
own. Line events are the core's dataclasses turned into plain dictionaries;
besides those the child sends "log" messages (a problem worth a log line).
How the child ends says something too: its exit codes are here.
"""

from __future__ import annotations

import json
from typing import Any

from kccdesk.core.line import (
    CallAnswered,
    CallEnded,
    CallerId,
    CallHeld,
    CallMuted,
    CallRefused,
    CallResumed,
    EndReason,
    IncomingCall,
    LineEvent,
    LineState,
    LineStatus,
    OutgoingCall,
    SoundPart,
    SoundProblem,
)
from kccdesk.i18n import _

Message = dict[str, Any]

NO_TLS = "no-tls"  # the status reason of a TLS account on an engine without TLS
EXIT_NO_PJSUA2 = 3  # pjsua2 cannot be imported here: restarting would not help
EXIT_MOVED = 4  # this computer's address changed: start again at once, announcing the new one

_CALL_EVENTS: dict[str, type[CallAnswered | CallHeld | CallResumed]] = {
    "answered": CallAnswered,
    "held": CallHeld,
    "resumed": CallResumed,
}


class ProtocolError(ValueError):
    """A line that is not a message of this protocol."""


def encode(message: Message) -> bytes:
    return json.dumps(message, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"


def decode(line: bytes) -> Message:
    try:
        message = json.loads(line)
    except (ValueError, UnicodeDecodeError) as error:
        raise ProtocolError(f"not JSON: {error}") from None
    if not isinstance(message, dict) or not isinstance(message.get("kind"), str):
        raise ProtocolError("a message is an object with a 'kind'")
    return message


def event_message(event: LineEvent) -> Message:
    if isinstance(event, LineStatus):
        return {"kind": "status", "state": event.state.value, "reason": event.reason}
    if isinstance(event, SoundProblem):
        return {"kind": "sound", "part": event.part.value, "detail": event.detail}
    if isinstance(event, IncomingCall):
        caller = event.caller
        return {
            "kind": "incoming",
            "call_id": event.call_id,
            "at": event.at,
            "number": caller.number,
            "display_name": caller.display_name,
            "withheld": caller.withheld,
        }
    if isinstance(event, CallRefused):
        return {
            "kind": "refused",
            "at": event.at,
            "number": event.caller.number,
            "withheld": event.caller.withheld,
            "code": event.code,
            "reason": event.reason,
            "unencrypted": event.unencrypted,
        }
    if isinstance(event, OutgoingCall):
        return {"kind": "outgoing", "call_id": event.call_id, "target": event.target, "at": event.at}
    if isinstance(event, CallMuted):
        return {"kind": "muted", "call_id": event.call_id, "at": event.at, "on": event.on}
    if isinstance(event, CallEnded):
        return {"kind": "ended", "call_id": event.call_id, "at": event.at, "reason": event.reason.value}
    for kind, cls in _CALL_EVENTS.items():
        if isinstance(event, cls):
            return {"kind": kind, "call_id": event.call_id, "at": event.at}
    raise TypeError(f"not a line event: {event!r}")


def line_event(message: Message) -> LineEvent | None:
    """The line event in ``message``; None for a message that is no line event."""
    kind = message["kind"]
    try:
        if kind == "status":
            reason = _registration_problem(int(message.get("code", 0)), str(message.get("reason", "")))
            if "retry_in" in message:
                seconds = round(float(message["retry_in"]))
                reason = _("{reason}; trying again in {seconds} s").format(reason=reason, seconds=seconds)
            return LineStatus(LineState(message["state"]), reason)
        if kind == "sound":
            return SoundProblem(SoundPart(message["part"]), str(message["detail"]))
        if kind == "incoming":
            caller = CallerId(str(message["number"]), str(message["display_name"]), bool(message["withheld"]))
            return IncomingCall(str(message["call_id"]), caller, float(message["at"]))
        if kind == "refused":
            caller = CallerId(str(message["number"]), "", bool(message["withheld"]))
            return CallRefused(
                caller, float(message["at"]), int(message["code"]), str(message["reason"]), bool(message["unencrypted"])
            )
        if kind == "ended":
            return CallEnded(str(message["call_id"]), float(message["at"]), EndReason(message["reason"]))
        if kind == "outgoing":
            return OutgoingCall(str(message["call_id"]), str(message["target"]), float(message["at"]))
        if kind == "muted":
            return CallMuted(str(message["call_id"]), float(message["at"]), bool(message["on"]))
        if kind in _CALL_EVENTS:
            return _CALL_EVENTS[kind](str(message["call_id"]), float(message["at"]))
    except (KeyError, ValueError, TypeError) as error:
        raise ProtocolError(f"bad {kind} message: {error}") from None
    return None


def _registration_problem(code: int, reason: str) -> str:
    if reason == NO_TLS:
        return _(
            "TLS is not available in this SIP module (kccdesk line engine says what it can do): set sip.transport "
            'to "tcp" or "udp", or install kccdesk\'s own SIP engine'
        )
    """Why registering failed, in plain words (the registrar's own words last)."""
    if code in (401, 403, 407):
        return _("the registrar refused the user name or password ({code} {reason})").format(code=code, reason=reason)
    if "PJSIP_TLS_ECERT" in reason:  # pjsip's own 503: the certificate failed our check
        return _(
            "the registrar's certificate could not be checked; if the registrar uses a certificate of "
            "its own authority, set sip.tls_ca_file to that authority's file ({reason})"
        ).format(reason=reason)
    if code == 408 or 0 < code < 100:
        return _("no answer from the registrar ({reason})").format(reason=reason)
    if code:
        return _("the registrar answered {code} {reason}").format(code=code, reason=reason)
    return reason
