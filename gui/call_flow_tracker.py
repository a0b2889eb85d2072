"""Where each live worker is in the socket calls now: the markers of the call-flow
diagram, worked out from the events the server and the client windows report.

A marker is one worker: the server's accept loop (or the iterative server's one loop,
or the select loop), each connection's thread or child process, and each client
window. Plain Python, so it is tested without a window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gui.call_steps import CLIENT, SERVER
from gui.i18n import QT_TRANSLATE_NOOP
from netcore.events import Event, EventKind

# Where each event puts the worker that reported it, and what it waits for there
# ("" when it is not blocked): kept untranslated, translated where it is shown.
SERVER_STEP_AFTER: dict[EventKind, tuple[str, str]] = {
    EventKind.SOCKET_CREATED: ("socket()", ""),
    EventKind.BOUND: ("bind()", ""),
    EventKind.LISTENING: ("listen()", ""),
    EventKind.ACCEPT_WAITING: ("accept()", QT_TRANSLATE_NOOP(
        "call_flow_tracker", "accept(): no client yet, it sleeps until one connects")),
    EventKind.ACCEPT_HELD: ("accept()", QT_TRANSLATE_NOOP(
        "call_flow_tracker", "accept() is not called: clients wait in the listen queue")),
    EventKind.SELECT_WAITING: ("accept()", QT_TRANSLATE_NOOP(
        "call_flow_tracker", "select(): one thread waits for any socket: a new client or data "
                             "from one it has")),
    EventKind.ACCEPTED: ("accept()", ""),
    EventKind.WORKER_STARTED: ("recv()", ""),
    EventKind.RECV_WAITING: ("recv()", QT_TRANSLATE_NOOP(
        "call_flow_tracker", "recv(): no data yet, it sleeps until the client sends")),
    EventKind.RECEIVED: ("process", ""),
    EventKind.MESSAGE: ("process", ""),
    EventKind.SEND_WAITING: ("send()", QT_TRANSLATE_NOOP(
        "call_flow_tracker", "send(): the client is not reading, the buffers are full")),
    EventKind.SENT: ("send()", ""),
    EventKind.PEER_CLOSED: ("close()", ""),
    EventKind.CLOSED: ("close()", ""),
}
CLIENT_STEP_AFTER: dict[EventKind, tuple[str, str]] = {
    EventKind.SOCKET_CREATED: ("socket()", ""),
    EventKind.CONNECTING: ("connect()", QT_TRANSLATE_NOOP(
        "call_flow_tracker", "connect(): the kernels do the three-way handshake")),
    EventKind.CONNECTED: ("connect()", ""),
    EventKind.SENT: ("send()", ""),
    EventKind.SEND_WAITING: ("send()", QT_TRANSLATE_NOOP(
        "call_flow_tracker", "send(): the server is not reading, the buffers are full")),
    EventKind.RECV_WAITING: ("recv()", QT_TRANSLATE_NOOP(
        "call_flow_tracker", "recv(): waiting for the server's reply")),
    EventKind.RECEIVED: ("recv()", ""),
    EventKind.HALF_CLOSED: ("close()", ""),
    EventKind.PEER_CLOSED: ("close()", ""),
    EventKind.CLOSED: ("close()", ""),
    EventKind.ABORTED: ("close()", ""),
}


@dataclass(slots=True)
class Marker:
    """One worker, on the step it is in now."""

    side: str  # SERVER or CLIENT
    worker: str  # "accept loop", "thread conn-3", "pid 41237", "client 2"
    step: str
    waiting: str = ""  # what it is blocked on, in words (untranslated); "" when not blocked
    conn: int | None = None  # the server's connection id it serves (None: the listener)
    ended: bool = False  # a client whose connection ended: drawn faded until it reconnects


class CallFlowTracker:
    """Keeps one marker per live worker, moved by each batch of events."""

    def __init__(self) -> None:
        self._server: dict[str, Marker] = {}
        self._clients: dict[str, Marker] = {}
        self._conn_from_port: dict[int, int] = {}  # the client's port -> server connection id
        self._client_ports: dict[str, int] = {}  # client window's worker -> its local port

    def apply_server(self, events: Iterable[Event]) -> None:
        markers = self._server
        for event in events:
            worker = event.worker
            kind = event.kind
            if kind is EventKind.WORKER_ENDED or kind is EventKind.STOPPED:
                if kind is EventKind.STOPPED:
                    markers.clear()
                    self._conn_from_port.clear()  # the next server counts from 1 again
                else:
                    markers.pop(worker, None)
                continue
            if kind is EventKind.ERROR and event.conn is None:
                marker = markers.get(worker)
                if marker is not None and marker.step in ("socket()", "bind()"):
                    del markers[worker]  # bind() or listen() failed: no server (port in use)
                continue
            if kind is EventKind.ACCEPTED and event.conn is not None and event.peer:
                self._conn_from_port[_port_of(event.peer)] = event.conn
            step = SERVER_STEP_AFTER.get(kind)
            if step is None or worker.endswith("sender"):
                continue  # a helper thread that only sends for its connection
            marker = markers.get(worker)
            if marker is None:
                marker = markers[worker] = Marker(SERVER, worker, step[0])
            marker.step, marker.waiting = step
            if kind is EventKind.CLOSED and event.conn is None:
                markers.pop(worker, None)  # the listening socket closed: the server stopped
            elif kind is EventKind.ACCEPTED or kind is EventKind.ACCEPT_WAITING:
                # The accept loop serves no connection itself; the iterative server's one
                # loop serves the one it accepted.
                marker.conn = event.conn if _serves_itself(worker) else None
            elif kind is EventKind.SELECT_WAITING:
                # Back in select(), for every socket: it wears no connection's colour (it
                # wore the last one it served, as if that connection waited in accept()).
                marker.conn = None
            elif event.conn is not None:
                marker.conn = event.conn

    def apply_client(self, worker: str, local_port: int | None, events: Iterable[Event]) -> None:
        if local_port:
            self._client_ports[worker] = local_port
        for event in events:
            step = CLIENT_STEP_AFTER.get(event.kind)
            if step is None:
                continue
            marker = self._clients.get(worker)
            if marker is None:
                marker = self._clients[worker] = Marker(CLIENT, worker, step[0])
            marker.step, marker.waiting = step
            marker.ended = event.kind in (EventKind.CLOSED, EventKind.ABORTED)

    def forget_client(self, worker: str) -> None:
        self._clients.pop(worker, None)
        self._client_ports.pop(worker, None)

    def markers(self) -> list[Marker]:
        return [*self._server.values(), *self._clients.values()]

    def connection_of(self, marker: Marker) -> int | None:
        """The server's connection id a marker belongs to, on either side: a client window
        is matched by its local port, which the server saw as the client's port."""
        if marker.side == SERVER:
            return marker.conn
        port = self._client_ports.get(marker.worker)
        return None if port is None else self._conn_from_port.get(port)


def _serves_itself(worker: str) -> bool:
    return worker in ("main loop", "select loop")


def _port_of(peer: str) -> int:
    try:
        return int(peer.rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return 0
