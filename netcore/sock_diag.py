"""Linux's own report of every TCP socket, read through netlink (what `ss -ti` reads).

One dump per address family returns, for each socket: its TCP state, its queues (for a
listening socket: the accept queue now and its limit), its timer (how long TIME_WAIT has
left), the inode of its file (0 when no program holds it) and, from struct tcp_info, the
round-trip time and the count of retransmitted segments. No root is needed.

Plain Python with `struct`: no Qt here, and no program to run.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

NETLINK_SOCK_DIAG = 4
SOCK_DIAG_BY_FAMILY = 20
NLM_F_REQUEST = 0x1
NLM_F_DUMP = 0x300
NLMSG_ERROR = 0x2
NLMSG_DONE = 0x3
INET_DIAG_INFO = 2  # the attribute that carries struct tcp_info
ALL_STATES = 0xFFFFFFFF
TCP_STATE_LISTEN = 10

_NLMSG_HEADER = struct.Struct("=IHHII")  # length, type, flags, sequence, port id
# inet_diag_req_v2: family, protocol, extensions, pad, states, then the socket id.
_REQUEST = struct.Struct("=BBBxI")
# inet_diag_sockid: ports and addresses in network order, interface, cookie.
_SOCKET_ID = struct.Struct("!HH16s16s")
_SOCKET_ID_SIZE = 48
# inet_diag_msg: family, state, timer, retransmits, id, expires (ms), rqueue, wqueue, uid, inode.
_MESSAGE_HEAD = struct.Struct("=BBBB")
_MESSAGE_TAIL = struct.Struct("=IIIII")
_ATTRIBUTE = struct.Struct("=HH")
# Offsets in struct tcp_info (linux/tcp.h): 8 bytes of u8 fields, then u32 fields.
_TCPI_RTT = 8 + 15 * 4  # microseconds
_TCPI_TOTAL_RETRANS = 8 + 23 * 4
RECEIVE_BUFFER = 1 << 20


@dataclass(frozen=True, slots=True)
class DiagSocket:
    """One socket as the kernel reports it."""

    family: int
    state: int  # the kernel's number: 1 ESTABLISHED ... 10 LISTEN (linux/tcp_states.h)
    local: tuple[str, int]
    remote: tuple[str, int]
    timer: int  # 0 none, 1 retransmit, 2 keepalive, 3 TIME_WAIT, 4 zero-window probe
    expires_ms: int
    recv_queue: int  # LISTEN: connections waiting in the accept queue
    send_queue: int  # LISTEN: the accept queue's limit (the backlog)
    inode: int  # 0: no program holds it (not accepted yet, or kept by the kernel alone)
    rtt_us: int | None
    total_retransmissions: int | None


def dump_tcp_sockets() -> list[DiagSocket]:
    """Every TCP socket in this network namespace, IPv4 and IPv6. Raises OSError where
    netlink's socket diagnostics are not available."""
    found: list[DiagSocket] = []
    with socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, NETLINK_SOCK_DIAG) as link:
        link.settimeout(2.0)  # the kernel answers at once; this only bounds a broken one
        for sequence, family in enumerate((socket.AF_INET, socket.AF_INET6), start=1):
            link.send(_request(family, sequence))
            found.extend(_read_dump(link, sequence))
    return found


def _request(family: int, sequence: int) -> bytes:
    body = (_REQUEST.pack(family, socket.IPPROTO_TCP, 1 << (INET_DIAG_INFO - 1), ALL_STATES)
            + bytes(_SOCKET_ID_SIZE))
    header = _NLMSG_HEADER.pack(_NLMSG_HEADER.size + len(body), SOCK_DIAG_BY_FAMILY,
                                NLM_F_REQUEST | NLM_F_DUMP, sequence, 0)
    return header + body


def _read_dump(link: socket.socket, sequence: int) -> list[DiagSocket]:
    found: list[DiagSocket] = []
    while True:
        packet = link.recv(RECEIVE_BUFFER)
        offset = 0
        while offset + _NLMSG_HEADER.size <= len(packet):
            length, kind, _flags, seq, _port = _NLMSG_HEADER.unpack_from(packet, offset)
            if length < _NLMSG_HEADER.size:
                raise OSError("a malformed netlink message")
            body = packet[offset + _NLMSG_HEADER.size:offset + length]
            offset += (length + 3) & ~3
            if seq != sequence:
                continue
            if kind == NLMSG_DONE:
                return found
            if kind == NLMSG_ERROR:
                code = -struct.unpack_from("=i", body)[0]
                if code == 0:
                    continue
                raise OSError(code, "the kernel refused the socket dump")
            if kind == SOCK_DIAG_BY_FAMILY:
                found.append(_parse_socket(body))


def _parse_socket(body: bytes) -> DiagSocket:
    family, state, timer, _retrans = _MESSAGE_HEAD.unpack_from(body, 0)
    sport, dport, src, dst = _SOCKET_ID.unpack_from(body, _MESSAGE_HEAD.size)
    tail_at = _MESSAGE_HEAD.size + _SOCKET_ID_SIZE
    expires, rqueue, wqueue, _uid, inode = _MESSAGE_TAIL.unpack_from(body, tail_at)
    rtt_us = total_retrans = None
    offset = tail_at + _MESSAGE_TAIL.size
    while offset + _ATTRIBUTE.size <= len(body):
        length, kind = _ATTRIBUTE.unpack_from(body, offset)
        if length < _ATTRIBUTE.size:
            break
        if kind == INET_DIAG_INFO:
            info = body[offset + _ATTRIBUTE.size:offset + length]
            if len(info) >= _TCPI_TOTAL_RETRANS + 4:
                rtt_us = struct.unpack_from("=I", info, _TCPI_RTT)[0]
                total_retrans = struct.unpack_from("=I", info, _TCPI_TOTAL_RETRANS)[0]
        offset += (length + 3) & ~3
    return DiagSocket(family=family, state=state, local=(_address(family, src), sport),
                      remote=(_address(family, dst), dport), timer=timer, expires_ms=expires,
                      recv_queue=rqueue, send_queue=wqueue, inode=inode, rtt_us=rtt_us,
                      total_retransmissions=total_retrans)


def _address(family: int, raw: bytes) -> str:
    if family == socket.AF_INET:
        return socket.inet_ntop(socket.AF_INET, raw[:4])
    return socket.inet_ntop(socket.AF_INET6, raw)
