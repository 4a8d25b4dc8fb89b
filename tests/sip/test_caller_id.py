"""Reading the caller from an INVITE, without a network."""

from __future__ import annotations

import pytest

from kccdesk.core.line import CallerId
from kccdesk.sip.caller_id import MAX_DISPLAY_NAME, caller_from_invite


def invite(*headers: str) -> str:
    lines = ["INVITE sip:agent@pbx SIP/2.0", "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1", *headers, "Content-Length: 0"]
    return "\r\n".join(lines) + "\r\n\r\nv=0\r\nFrom: <sip:body@x>\r\n"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (['From: "Jan" <sip:0612345678@pbx>;tag=1'], CallerId("0612345678", "Jan")),
        (["From: <sip:0612345678@pbx;user=phone>;tag=1"], CallerId("0612345678", "")),
        (["From: sip:0612345678@pbx;tag=1"], CallerId("0612345678", "")),
        (["f: Jan Smit <sip:0612345678@pbx>;tag=1"], CallerId("0612345678", "Jan Smit")),
        (["From: <tel:+31612345678>;tag=1"], CallerId("+31612345678", "")),
        (['From: "x" <sip:%2B31612345678@pbx>;tag=1'], CallerId("+31612345678", "x")),
        (
            ['From: "Fake" <sip:0999@pbx>;tag=1', 'P-Asserted-Identity: "Echt" <sip:+31201234567@pbx>'],
            CallerId("+31201234567", "Echt"),
        ),
        (
            ["From: <sip:1@pbx>;tag=1", "P-Asserted-Identity: <tel:+31201234567>, <sip:+31201234567@pbx>"],
            CallerId("+31201234567", ""),
        ),
        (['From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=1'], CallerId("", "Anonymous", withheld=True)),
        (["From: <sip:0612345678@pbx>;tag=1", "Privacy: id"], CallerId("", "", withheld=True)),
        (["From: <sip:pbx.example.nl>;tag=1"], CallerId("", "", withheld=True)),
        (['From: "a \\"quoted\\" <name>, b" <sip:12@pbx>;tag=1'], CallerId("12", 'a "quoted" <name>, b')),
        (['From: "Line\\\r\n break" <sip:12@pbx>;tag=1'], CallerId("12", "Line break")),
    ],
)
def test_caller(headers, expected):
    assert caller_from_invite(invite(*headers)) == expected


def test_folded_header_is_joined():
    assert caller_from_invite(invite('From: "Jan"\r\n  <sip:0612@pbx>;tag=1')).number == "0612"


def test_long_display_name_is_cut():
    caller = caller_from_invite(invite(f'From: "{"x" * 5000}" <sip:12@pbx>;tag=1'))
    assert len(caller.display_name) == MAX_DISPLAY_NAME
    assert caller.display_name.endswith("…")


def test_garbage_gives_a_withheld_caller_not_an_error():
    assert caller_from_invite("\x00\xff garbage").withheld
