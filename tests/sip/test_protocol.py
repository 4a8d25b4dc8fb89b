"""The messages between the app and the SIP process."""

from __future__ import annotations

import pytest

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
    LineState,
    LineStatus,
    OutgoingCall,
    SoundPart,
    SoundProblem,
)
from kccdesk.sip.account import AccountError, SipAccount
from kccdesk.sip.protocol import (
    ProtocolError,
    decode,
    encode,
    event_message,
    line_event,
)


@pytest.mark.parametrize(
    "event",
    [
        LineStatus(LineState.READY),
        IncomingCall("sip-1", CallerId("0612345678", "Zoë <b>", False), 12.5),
        IncomingCall("sip-2", CallerId("", "", True), 13.0),
        CallAnswered("sip-1", 14.0),
        CallHeld("sip-1", 15.0),
        CallResumed("sip-1", 16.0),
        CallEnded("sip-1", 17.0, EndReason.CALLER_HUNG_UP),
        CallMuted("sip-1", 18.0, True),
        CallRefused(CallerId("0612345678"), 19.0, 488, "Not Acceptable Here", unencrypted=True),
        CallRefused(CallerId("", withheld=True), 20.0, 486, "Busy Here"),
        OutgoingCall("sip-3", "sip:colleague@pbx.example.nl", 19.0),
        CallEnded("sip-3", 20.0, EndReason.NOT_ANSWERED),
        SoundProblem(SoundPart.HEADSET, "Error querying device -1"),
        SoundProblem(SoundPart.RINGTONE, ""),
    ],
)
def test_events_cross_the_pipe_unchanged(event):
    data = encode(event_message(event))
    assert data.endswith(b"\n") and data.count(b"\n") == 1
    assert line_event(decode(data)) == event


def test_registration_failures_in_plain_words():
    refused = line_event({"kind": "status", "state": "failing", "code": 401, "reason": "Unauthorized"})
    assert refused == LineStatus(
        LineState.FAILING, "the registrar refused the user name or password (401 Unauthorized)"
    )
    retried = line_event({"kind": "status", "state": "failing", "code": 408, "reason": "Timeout", "retry_in": 4.0})
    assert retried == LineStatus(LineState.FAILING, "no answer from the registrar (Timeout); trying again in 4 s")
    without_tls = line_event({"kind": "status", "state": "failing", "reason": "no-tls"})
    assert without_tls == LineStatus(
        LineState.FAILING,
        'TLS is not available in this SIP module (kccdesk line engine says what it can do): set sip.transport to "tcp" '
        'or "udp", or install kccdesk\'s own SIP engine',
    )


@pytest.mark.parametrize("line", [b"not json\n", b"[1]\n", b'{"no": "kind"}\n', b"\xff\n"])
def test_bad_lines_are_refused(line):
    with pytest.raises(ProtocolError):
        decode(line)


def test_bad_event_is_refused():
    with pytest.raises(ProtocolError):
        line_event({"kind": "ended", "call_id": "x", "at": 1.0, "reason": "bored"})


def test_account_round_trip_and_no_password_in_repr():
    account = SipAccount("sip:pbx.example.nl:5060", "1001", "s3cret", transport="tcp")
    message = decode(encode({"kind": "register", "account": account.to_message()}))
    assert SipAccount.from_message(message["account"]) == account
    assert account.address == "sip:1001@pbx.example.nl"
    assert account.registrar_uri() == "sip:pbx.example.nl:5060;transport=tcp"
    assert "s3cret" not in repr(account)


@pytest.mark.parametrize(
    ("registrar", "user", "transport"),
    [("pbx.example.nl", "1001", "udp"), ("sip:pbx", "a b", "udp"), ("sip:pbx", "1001", "sctp")],
)
def test_bad_accounts_are_refused_clearly(registrar, user, transport):
    with pytest.raises(AccountError):
        SipAccount(registrar, user, "pw", transport=transport)


def test_numbers_to_call_become_sip_addresses_in_the_agents_domain():
    account = SipAccount("sip:pbx.example.nl:5060", "1001", "pw")
    assert account.uri_for("06-123 456 78") == "sip:0612345678@pbx.example.nl:5060"
    assert account.uri_for("+31 20 1234567") == "sip:+31201234567@pbx.example.nl:5060"
    assert account.uri_for("sip:colleague@127.0.0.1:5070") == "sip:colleague@127.0.0.1:5070"
    assert SipAccount("sip:10.0.0.1", "1001", "pw", domain="gemeente.nl").uri_for("112") == "sip:112@gemeente.nl"
    with pytest.raises(AccountError, match="neither a phone number"):
        account.uri_for("bel mij")
