"""The agent's SIP account, as the SIP process needs it."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Literal

from kccdesk.i18n import _

Transport = Literal["udp", "tcp", "tls"]
TRANSPORTS: tuple[Transport, ...] = ("udp", "tcp", "tls")
Srtp = Literal["off", "optional", "mandatory"]
SRTP: tuple[Srtp, ...] = ("off", "optional", "mandatory")

_SIP_URI = re.compile(r"^sips?:(?:[^@]+@)?(?P<host>\[[0-9A-Fa-f:.]+\]|[^:;>]+)(?::(?P<port>\d+))?", re.IGNORECASE)


class AccountError(ValueError):
    """The account cannot be used; the message says why."""


@dataclass(frozen=True)
class SipAccount:
    registrar: str  # sip:HOST or sip:HOST:PORT
    user: str
    password: str
    auth_user: str = ""  # empty: the user
    domain: str = ""  # empty: the registrar's host
    transport: Transport = "udp"
    local_port: int = 0  # 0: any free port
    outbound_proxy: str = ""
    rtp_port_start: int = 40000
    register_seconds: int = 300
    tls_ca_file: str = ""  # TLS: who signed the registrar's certificate; empty: the usual authorities
    srtp: Srtp = "optional"  # call audio encrypted: never, when the other side can, or always (else no call)

    def __post_init__(self) -> None:
        if _SIP_URI.match(self.registrar) is None:
            raise AccountError(
                _('the registrar must look like sip:HOST or sip:HOST:PORT, not "{registrar}"').format(
                    registrar=self.registrar
                )
            )
        if not self.user or any(c in self.user for c in '@:; <>"'):
            raise AccountError(_('the user name "{user}" cannot be used in a SIP address').format(user=self.user))
        if self.transport not in TRANSPORTS:
            raise AccountError(_("the transport must be one of {choices}").format(choices=", ".join(TRANSPORTS)))
        if self.srtp not in SRTP:
            raise AccountError(_("srtp must be one of {choices}").format(choices=", ".join(SRTP)))

    @property
    def host(self) -> str:
        match = _SIP_URI.match(self.registrar)
        assert match is not None
        return match.group("host")

    def first_hop(self) -> tuple[str, int]:
        """Host and port SIP messages are sent to: the outbound proxy if there is one, else the registrar."""
        match = _SIP_URI.match(self.outbound_proxy) or _SIP_URI.match(self.registrar)
        assert match is not None
        default = 5061 if self.transport == "tls" else 5060
        return match.group("host"), int(match.group("port") or default)

    @property
    def address(self) -> str:
        """The agent's address of record, e.g. sip:agent@pbx.example.nl."""
        return f"sip:{self.user}@{self.domain or self.host}"

    def uri_for(self, target: str) -> str:
        """A SIP URI as it is, or a phone number (spaces, dashes and dots
        allowed) as a SIP URI in the agent's domain, for the PBX to route."""
        if target.lower().startswith(("sip:", "sips:")):
            return target
        number = re.sub(r"[\s.()-]", "", target)
        if not re.fullmatch(r"\+?[0-9*#]{1,32}", number):
            raise AccountError(_('"{target}" is neither a phone number nor a SIP address').format(target=target))
        if self.domain:
            return f"sip:{number}@{self.domain}"
        match = _SIP_URI.match(self.registrar)
        assert match is not None
        port = f":{match.group('port')}" if match.group("port") else ""
        return f"sip:{number}@{self.host}{port}"  # no domain: the registrar routes the call

    def registrar_uri(self) -> str:
        """The registrar with the transport parameter pjsua2 needs for TCP and TLS."""
        uri = self.registrar
        if self.transport != "udp" and ";transport=" not in uri.lower():
            uri += f";transport={self.transport}"
        return uri

    def to_message(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_message(cls, message: dict[str, Any]) -> SipAccount:
        return cls(**message)

    def __repr__(self) -> str:  # never the password, not even in a log
        return f"SipAccount({self.address} via {self.registrar}, {self.transport})"
