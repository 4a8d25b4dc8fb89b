"""A bare SIP caller on a UDP socket, for tests and benchmarks that look at
the wire: which answers a call gets, and when the kernel received each."""

from __future__ import annotations

import socket
import struct
import time
import uuid

from tests.sip.conftest import USER

SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # Linux; Python does not name it


def header(data: str, name: str) -> str:
    return next((h for h in data.split("\r\n") if h.lower().startswith(name.lower() + ":")), "")


class Caller:
    """A bare SIP caller on a UDP socket that notes when each packet arrived."""

    def __init__(self, port: int, number: str = "0612345678") -> None:
        self.target = ("127.0.0.1", port)
        self.number = number  # the calling number, in From and Contact
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        self.local = self.sock.getsockname()[1]
        self.call_id = self.branch = ""
        self.branches: dict[str, str] = {}  # each INVITE's branch, by Call-ID (an ACK repeats it)

    def receive(self) -> tuple[str, float]:
        """The next packet and when the kernel received it (time.time's clock)."""
        data, ancillary, _flags, _addr = self.sock.recvmsg(65535, 64)
        arrived = time.time()
        for level, kind, value in ancillary:
            if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                seconds, nanoseconds = struct.unpack("qq", value[:16])
                arrived = seconds + nanoseconds / 1e9
        return data.decode(errors="replace"), arrived

    def invite(self) -> float:
        """Send a new INVITE; returns when (time.time's clock)."""
        self.call_id, self.branch = uuid.uuid4().hex, f"z9hG4bK{uuid.uuid4().hex}"
        self.branches[self.call_id] = self.branch
        sdp = "v=0\r\no=b 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 8\r\n"
        message = self._request(
            "INVITE", f"Contact: <sip:{self.number}@127.0.0.1:{{local}}>\r\nContent-Type: application/sdp\r\n", sdp
        )
        sent = time.time()
        self.sock.sendto(message, self.target)
        return sent

    def cancel(self) -> None:
        self.sock.sendto(self._request("CANCEL", "", ""), self.target)

    def ack(self, to_header: str, call_id: str = "") -> None:
        """ACK a final answer to the last INVITE, or to an earlier one (``call_id``)."""
        if call_id and call_id != self.call_id:
            earlier = self.call_id, self.branch
            self.call_id, self.branch = call_id, self.branches.get(call_id, self.branch)
            self.sock.sendto(self._request("ACK", to_header + "\r\n", ""), self.target)
            self.call_id, self.branch = earlier
            return
        self.sock.sendto(self._request("ACK", to_header + "\r\n", ""), self.target)

    def _request(self, method: str, extra: str, body: str) -> bytes:
        return (
            f"{method} sip:{USER}@127.0.0.1:{self.target[1]} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP 127.0.0.1:{self.local};branch={self.branch}\r\n"
            f'From: "Bench" <sip:{self.number}@127.0.0.1:{self.local}>;tag=bench\r\n'
            f"To: <sip:{USER}@127.0.0.1:{self.target[1]}>\r\nCall-ID: {self.call_id}\r\n"
            f"CSeq: 1 {'INVITE' if method == 'ACK' else method}\r\nMax-Forwards: 70\r\n"
            + extra.replace("{local}", str(self.local))
            + f"Content-Length: {len(body)}\r\n\r\n{body}"
        ).encode()

    def mine(self, data: str) -> bool:
        return self.call_id in data
