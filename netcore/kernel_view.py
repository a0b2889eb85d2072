"""The kernel's view of the app's sockets: the TCP state the operating system reports for
each one, with the queues, timers, round-trip time and retransmissions behind it.

This shows what no log can: a connection the kernel has ESTABLISHED that no program has
accept()ed yet, how full a listen queue is, CLOSE_WAIT on the side that has not closed,
and TIME_WAIT on the side that closed first, with how long it has left.

On Linux it comes from netlink's socket diagnostics (see sock_diag.py); elsewhere from
psutil, which gives the states without the queues and timers. `KernelWatch` reads it a
few times a second on a thread of its own and hands each report to a sink.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from netcore import sock_diag
from netcore.i18n import QT_TRANSLATE_NOOP, translate
from netcore.port_owner import holders_of

WATCH_INTERVAL_SECONDS = 0.25
# How often while nobody looks at the view: each reading looks through /proc for the
# sockets' owners, Python work that the socket threads would wait for under a flood.
BACKGROUND_INTERVAL_SECONDS = 2.0
TIME_WAIT_SECONDS = 60  # Linux's TCP_TIMEWAIT_LEN: 2 x the maximum segment lifetime

# The kernel's numbers for TCP states (linux/tcp_states.h), by the names the RFC uses.
# 12 (NEW_SYN_RECV) is a handshake in progress, which the RFC calls SYN_RECEIVED.
STATE_NAMES: dict[int, str] = {
    1: "ESTABLISHED", 2: "SYN_SENT", 3: "SYN_RECV", 4: "FIN_WAIT1", 5: "FIN_WAIT2",
    6: "TIME_WAIT", 7: "CLOSED", 8: "CLOSE_WAIT", 9: "LAST_ACK", 10: "LISTEN",
    11: "CLOSING", 12: "SYN_RECV",
}
ALL_STATES: tuple[str, ...] = ("CLOSED", "LISTEN", "SYN_SENT", "SYN_RECV", "ESTABLISHED",
                               "FIN_WAIT1", "FIN_WAIT2", "CLOSING", "TIME_WAIT",
                               "CLOSE_WAIT", "LAST_ACK")
_PSUTIL_STATES = {"SYN_RECV": "SYN_RECV", "CLOSE": "CLOSED", "NONE": "CLOSED"}
_TIMER_TIME_WAIT = 3

# Which sockets to report: (local port, remote port), 0 matching any. A server's port P
# is watched as (P, 0) and (0, P): its own sockets and its clients'; a client window as
# (its local port, its server's port).
Watched = tuple[int, int]


# In English: shown through translate("kernel_view", sentence) (KernelSocket.sentence).
STATE_SENTENCES: dict[str, str] = {
    "LISTEN": QT_TRANSLATE_NOOP("kernel_view", "Listening: the kernel finishes handshakes by "
                                               "itself and queues them until accept() takes "
                                               "one."),
    "SYN_SENT": QT_TRANSLATE_NOOP("kernel_view",
                                  "connect() sent SYN and waits for the server's SYN+ACK."),
    "SYN_RECV": QT_TRANSLATE_NOOP("kernel_view", "A SYN arrived and the kernel answered "
                                                 "SYN+ACK; it waits for the last ACK."),
    "ESTABLISHED": QT_TRANSLATE_NOOP("kernel_view", "Connected: data can flow both ways."),
    "FIN_WAIT1": QT_TRANSLATE_NOOP("kernel_view", "This side closed (sent FIN) and waits for "
                                                  "the other side to acknowledge it."),
    "FIN_WAIT2": QT_TRANSLATE_NOOP("kernel_view", "This side closed and its FIN was "
                                                  "acknowledged; it waits for the other side "
                                                  "to close too."),
    "CLOSING": QT_TRANSLATE_NOOP("kernel_view", "Both sides closed at the same moment; each "
                                                "waits for the ACK of its FIN."),
    "TIME_WAIT": QT_TRANSLATE_NOOP("kernel_view", "This side closed first. The kernel keeps "
                                                  "the connection for a while, so that a late "
                                                  "segment of it cannot be taken for part of a "
                                                  "new connection and the last ACK can be "
                                                  "sent again if it was lost."),
    "CLOSE_WAIT": QT_TRANSLATE_NOOP("kernel_view", "The other side closed (its FIN arrived); "
                                                   "this side has not called close() yet."),
    "LAST_ACK": QT_TRANSLATE_NOOP("kernel_view",
                                  "This side closed second and waits for the ACK of its FIN."),
    "CLOSED": QT_TRANSLATE_NOOP("kernel_view", "Closed: nothing is left of the connection."),
}
NOT_ACCEPTED_SENTENCE = QT_TRANSLATE_NOOP("kernel_view",
                                          "The handshake is done, but no program has called "
                                          "accept() for it yet: it waits in the listen queue.")


@dataclass(frozen=True, slots=True)
class KernelSocket:
    """One TCP socket as the operating system sees it."""

    state: str  # a name from ALL_STATES
    local: tuple[str, int]
    remote: tuple[str, int] | None  # None for a listening socket
    holder: str = ""  # "pid 4242", "ncat (process 77)"; "" when no program holds it
    not_accepted: bool = False  # ESTABLISHED, waiting in a listen queue for accept()
    accept_queue: tuple[int, int] | None = None  # LISTEN: (waiting now, at most)
    recv_queue: int | None = None  # bytes arrived that the program has not read yet
    send_queue: int | None = None  # bytes sent that the other side has not acknowledged
    seconds_left: float | None = None  # TIME_WAIT: until the kernel forgets it
    rtt_ms: float | None = None
    retransmissions: int | None = None  # segments sent again over this connection's life

    @property
    def sentence(self) -> str:
        """What this state means, in plain words, with this socket's own numbers."""
        if self.not_accepted:
            return translate("kernel_view", NOT_ACCEPTED_SENTENCE)
        meaning = STATE_SENTENCES.get(self.state)
        if meaning is None:
            return self.state  # a state's name, reported by psutil
        meaning = translate("kernel_view", meaning)
        if self.state == "LISTEN" and self.accept_queue is not None:
            waiting, limit = self.accept_queue
            if waiting > limit:  # Linux counts it full past the backlog, not at it
                text = translate("kernel_view",
                                 "{meaning} {waiting} waiting now, room for {limit}. The queue "
                                 "is full (Linux keeps one more than the backlog): the kernel "
                                 "drops new SYNs, and those clients wait in SYN_SENT.")
            else:
                text = translate("kernel_view", "{meaning} {waiting} waiting now, room for "
                                                "{limit}.")
            return text.format(meaning=meaning, waiting=waiting, limit=limit)
        if self.state == "TIME_WAIT" and self.seconds_left is not None:
            return translate("kernel_view", "{meaning} {seconds} s left of {total} s.").format(
                meaning=meaning, seconds=f"{self.seconds_left:.0f}", total=TIME_WAIT_SECONDS)
        return meaning


@dataclass(frozen=True, slots=True)
class KernelReport:
    """One reading of the kernel's view: the sockets of the watched ports."""

    at: float  # time.monotonic()
    sockets: tuple[KernelSocket, ...]
    source: str  # where it came from: "netlink (sock_diag)", "psutil"
    problem: str = ""  # why nothing could be read, in plain words; "" when all went well
    states_in_use: frozenset[str] = field(default=frozenset())


def read_kernel_view(watched: Iterable[Watched]) -> KernelReport:
    """The kernel's sockets that match one of the `watched` port pairs."""
    wanted = frozenset(watched)
    now = time.monotonic()
    if not wanted:
        return KernelReport(now, (), "")
    if sys.platform.startswith("linux"):
        try:
            sockets = _from_sock_diag(wanted)
            return _report(now, sockets, translate("kernel_view", "netlink (sock_diag)"))
        except OSError:
            pass  # a kernel without socket diagnostics: psutil reads /proc instead
    try:
        return _report(now, _from_psutil(wanted), "psutil")
    except Exception as exc:  # psutil raises AccessDenied (needs root on macOS), and more
        return KernelReport(now, (), "", problem=translate(
            "kernel_view", "The system did not let TCP Lab read its table of connections "
                           "({error}). On macOS this needs administrator rights.").format(
            error=type(exc).__name__))


def _report(now: float, sockets: list[KernelSocket], source: str) -> KernelReport:
    sockets.sort(key=_order)
    return KernelReport(now, tuple(sockets), source,
                        states_in_use=frozenset(s.state for s in sockets))


def _order(sock: KernelSocket) -> tuple:
    # The listening socket first, then connections by the client's port.
    if sock.remote is None:
        return (0, sock.local[1], 0)
    return (1, min(sock.local[1], sock.remote[1]), sock.local[1])


def is_watched(local_port: int, remote_port: int, wanted: frozenset[Watched]) -> bool:
    return any((local in (0, local_port)) and (remote in (0, remote_port))
               for local, remote in wanted)


def _from_sock_diag(wanted: frozenset[Watched]) -> list[KernelSocket]:
    found = [d for d in sock_diag.dump_tcp_sockets()
             if is_watched(d.local[1], d.remote[1], wanted)]
    holders = holders_of({d.inode for d in found if d.inode})
    listening_ports = {d.local[1] for d in found if d.state == sock_diag.TCP_STATE_LISTEN}
    sockets = []
    for d in found:
        state = STATE_NAMES.get(d.state, "CLOSED")
        listening = state == "LISTEN"
        sockets.append(KernelSocket(
            state=state, local=d.local, remote=None if listening else d.remote,
            holder=_holder_words(holders.get(d.inode)),
            # A connection the kernel finished but nobody accepted has no file (inode 0).
            not_accepted=(state == "ESTABLISHED" and d.inode == 0
                          and d.local[1] in listening_ports),
            accept_queue=(d.recv_queue, d.send_queue) if listening else None,
            recv_queue=None if listening else d.recv_queue,
            send_queue=None if listening else d.send_queue,
            seconds_left=(d.expires_ms / 1000 if d.timer == _TIMER_TIME_WAIT
                          or state == "TIME_WAIT" else None),
            rtt_ms=d.rtt_us / 1000 if d.rtt_us and not listening else None,
            retransmissions=None if listening else d.total_retransmissions))
    return sockets


def _from_psutil(wanted: frozenset[Watched]) -> list[KernelSocket]:
    import psutil  # only where netlink is missing

    sockets = []
    for conn in psutil.net_connections(kind="tcp"):
        local = (conn.laddr.ip, conn.laddr.port) if conn.laddr else ("", 0)
        remote = (conn.raddr.ip, conn.raddr.port) if conn.raddr else None
        if not is_watched(local[1], remote[1] if remote else 0, wanted):
            continue
        state = _PSUTIL_STATES.get(conn.status, conn.status)
        sockets.append(KernelSocket(state=state, local=local,
                                    remote=None if state == "LISTEN" else remote,
                                    holder=f"pid {conn.pid}" if conn.pid else ""))
    return sockets


def _holder_words(holder: tuple[str, int] | None) -> str:
    if holder is None:
        return ""
    name, pid, parent = holder
    if pid == os.getpid():
        return translate("kernel_view", "TCP Lab")
    if parent == os.getpid():
        return f"pid {pid}"  # a process-model child: the name its Worker column shows
    return translate("kernel_view", "{name} (process {pid})").format(name=name, pid=pid)


class KernelWatch:
    """Reads the kernel's view of the watched sockets every `interval` seconds and hands
    each report to `sink`, on the thread that calls run(), until stop()."""

    def __init__(self, sink: Callable[[KernelReport], None],
                 interval: float = WATCH_INTERVAL_SECONDS) -> None:
        self._sink = sink
        self._interval = interval
        self._watched: frozenset[Watched] = frozenset()
        self._stopping = threading.Event()
        self._interval_changed = threading.Event()

    def watch(self, watched: Iterable[Watched]) -> None:
        """Which sockets to report on from now on (any thread: the set is replaced whole)."""
        self._watched = frozenset(pair for pair in watched if pair != (0, 0))

    @property
    def interval(self) -> float:
        return self._interval

    def set_interval(self, interval: float) -> None:
        """Read every `interval` seconds from now on (any thread); a shorter one starts
        with a reading at once."""
        shorter = interval < self._interval
        self._interval = interval
        if shorter:
            self._interval_changed.set()

    def run(self) -> None:
        last_was_empty = False
        while not self._stopping.is_set():
            report = read_kernel_view(self._watched)
            empty = not report.sockets and not report.problem
            if not (empty and last_was_empty):  # one empty report says "nothing", not four a second
                self._sink(report)
            last_was_empty = empty
            self._interval_changed.wait(self._interval)
            self._interval_changed.clear()

    def stop(self) -> None:
        self._stopping.set()
        self._interval_changed.set()

