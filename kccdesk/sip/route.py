"""Which of this computer's addresses reaches the phone system.

The SIP process announces one address, in its Contact and in the media
description of every call: the address of the network interface the system
sends from to reach the registrar (or the outbound proxy). Finding it once,
when the line starts, spares pjsua a probe for every call. A laptop that
moves to another network gets another address; ``AddressWatch`` notices, so
that the SIP process can start again with the new one.
"""

from __future__ import annotations

import ipaddress
import socket
import time

from kccdesk.sip.account import SipAccount

CHECK_EVERY = 30.0  # seconds between two checks while no call is on the line

Hop = tuple[str, int]


def first_hop(account: SipAccount) -> Hop | None:
    """The IPv4 address and port SIP messages go to; None when the name does
    not resolve now or only to IPv6 (pjsua then finds the way by itself)."""
    host, port = account.first_hop()
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, socket.AF_INET, socket.SOCK_DGRAM)
    except (OSError, UnicodeError):
        return None
    return (str(infos[0][4][0]), port) if infos else None


def local_address(hop: Hop | None) -> str:
    """This computer's IPv4 address towards ``hop``; empty when there is no route."""
    if hop is None:
        return ""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(hop)  # a UDP connect sends nothing: it only picks the route
            address = str(probe.getsockname()[0])
    except OSError:
        return ""
    return "" if ipaddress.ip_address(address).is_unspecified else address


class AddressWatch:
    """Is the announced address still the one that reaches the first hop?"""

    def __init__(self, account: SipAccount, every: float = CHECK_EVERY) -> None:
        self.account = account
        self.hop = first_hop(account)  # resolved once: a later check asks no name server
        self.announced = local_address(self.hop)
        self.every = every
        self._due = time.monotonic() + every

    def check_soon(self) -> None:
        """Check at the next chance, e.g. after registration failed."""
        self._due = 0.0

    def moved(self) -> str:
        """The new address when a check was due and found another one; else empty."""
        if time.monotonic() < self._due:
            return ""
        self._due = time.monotonic() + self.every
        if self.hop is None:  # the name did not resolve when the line started
            self.hop = first_hop(self.account)
        now = local_address(self.hop)
        return now if now and now != self.announced else ""
