"""The conversation between clients and server as a message sequence chart: lanes, and
arrows between them, worked out from both sides' events. Plain Python: the chart
widget draws what this keeps.

Rows are moments in the order the app learned of them. A data arrow leaves its sender's
lane at the row of the send() and reaches the receiver's lane at the row of the recv()
that read its last byte: while nobody has read it, it is open ("in the kernel's
buffers"). Handshakes and teardowns are the kernels' work, which no socket call
reports: those arrows are inferred from the calls around them, and marked so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from gui.conversation_endings import ConversationEndings
from gui.conversation_record import (CLIENT, DATA, HANDSHAKE, MAX_ARROWS, MAX_LANES, RESET,
                                     SERVER, TEARDOWN, Arrow, Lane, data_label)
from gui.i18n import translate
from netcore.worker_names import shown_worker
from netcore.errors import is_refused, is_reset
from netcore.events import Event, EventKind

# The chart's names, importable from here as before the record had a module of its own.
__all__ = ["CLIENT", "DATA", "HANDSHAKE", "MAX_ARROWS", "MAX_LANES", "RESET", "SERVER",
           "TEARDOWN", "Arrow", "Conversation", "Lane"]

PEER = "peer:"  # the start of the key of a client outside the app (its address follows)
ANY_WORKER = "server"  # the server's lane when no event has named its worker yet


class Conversation(ConversationEndings):
    """Lanes and arrows, appended to by each batch of events."""

    def __init__(self) -> None:
        # Which client window's socket has this local port, asked when the server accepts
        # a connection before that window's own events have arrived.
        self.client_with_port: Callable[[int], str | None] = lambda port: None
        # Every port the app's server has listened on: events are drawn a moment after they
        # happen, and a client of the previous server must not look like a stranger's.
        self.server_ports: set[int] = set()
        self._pair_of_conn: dict[int, str] = {}
        self._client_port: dict[str, int] = {}
        self._port_of_conn: dict[int, int] = {}
        # The worker that accepts ("accept loop", "main loop", ...): kept through a Clear,
        # while it sits in accept() and says nothing new (it was "server" after a Clear).
        self._listener = ""
        self._left_out_conns: set[int] = set()
        self._left_out_clients: set[str] = set()
        self.clear()

    def clear(self) -> None:
        """Forget every lane and arrow (not the server's ports).

        The connections open at that moment are left out from then on: their handshakes
        are gone with the picture, so their later sends and closes would be drawn to and
        from lanes nobody knows ("conn 1 (not in the app)"). A client window's next
        connection, and a server's next accept(), are drawn again."""
        # Connection ids and client names in use now: what comes of them is not drawn.
        # Added to those a Clear before left out (a second Clear forgot them: their next
        # events came in from a stranger's lane).
        self._left_out_conns |= set(self._pair_of_conn)
        self._left_out_clients |= set(self._client_port)
        # A client window whose connection the server's accept() showed, but whose own
        # CONNECTED has not come in yet: left out with it.
        for port in self._port_of_conn.values():
            name = self.client_with_port(port)
            if name is not None:
                self._left_out_clients.add(name)
        self.clear_record()
        self._pair_of_conn: dict[int, str] = {}  # server connection id -> pair key
        self._conn_of_pair: dict[str, int] = {}
        self._client_port: dict[str, int] = {}  # client window -> its local port
        self._client_of_port: dict[int, str] = {}
        self._worker_of_conn: dict[int, str] = {}
        self._port_of_conn: dict[int, int] = {}  # the client's port, as accept() gave it
        self._closed: dict[str, set[str]] = {}  # pair -> the sides that called close()
        # The worker whose listen queue each client window's connection went into: its
        # kernel resets the ones never accepted, and that reset is drawn a moment after
        # the listening socket's close (which forgets the listener) when events race.
        self._queued_at: dict[str, str] = {}

    def left_out(self) -> bool:
        """Whether connections open at the last Clear are left out of the chart."""
        return bool(self._left_out_conns or self._left_out_clients)

    def note_server_port(self, port: int) -> None:
        self.server_ports.add(port)

    # ---- who is who ----

    def _client_lane(self, pair: str) -> Lane:
        if pair.startswith(PEER):
            title = translate("conversation", "{peer} (not in the app)")
            return self._lane(pair, title.format(peer=pair[len(PEER):]), CLIENT)
        return self._lane(pair, pair, CLIENT)

    def _server_lane(self, worker: str) -> Lane:
        title = translate("conversation", "server") if worker == ANY_WORKER else shown_worker(worker)
        return self._lane(f"server:{worker}", title, SERVER)

    def _outside_server_lane(self, client: str) -> Lane:
        title = translate("conversation", "server of {client} (not in the app)")
        return self._lane(f"outside:{client}", title.format(client=client), SERVER)

    def _pair_for_conn(self, conn: int, peer: str = "") -> str:
        pair = self._pair_of_conn.get(conn)
        if pair is None:
            port = _port_of(peer)
            if port:
                self._port_of_conn[conn] = port
            pair = (self._client_of_port.get(port) or self.client_with_port(port)
                    or f"{PEER}{peer or f'conn {conn}'}")
            self._pair_of_conn[conn] = pair
            self._conn_of_pair[pair] = conn
        return pair

    def _is_app_client(self, pair: str) -> bool:
        return not pair.startswith(PEER)

    def _talks_to_our_server(self, remote_port: int | None) -> bool:
        return remote_port in self.server_ports

    # ---- the server's events ----

    def apply_server(self, events: Iterable[Event]) -> None:
        for event in events:
            kind, conn = event.kind, event.conn
            if kind is EventKind.LISTENING:
                self._left_out_conns.clear()  # a new server: its ids are new connections
            if kind in (EventKind.LISTENING, EventKind.ACCEPT_WAITING, EventKind.ACCEPT_HELD,
                        EventKind.SELECT_WAITING):
                self._listener = event.worker
                continue
            if conn is None:
                if kind in (EventKind.CLOSED, EventKind.STOPPED):
                    self._listener = ""  # the listening socket closed: nobody accepts now
                continue
            if conn in self._left_out_conns:
                if kind is not EventKind.ACCEPTED:
                    continue  # a connection from before the chart was cleared
                self._left_out_conns.discard(conn)
            if kind is EventKind.ACCEPTED:
                self._accepted(event)
            elif kind is EventKind.RECEIVED:
                self._server_received(event)
            elif kind is EventKind.SENT:
                self._server_sent(event)
            elif kind is EventKind.PEER_CLOSED:
                self._fin_arrived(self._pair_for_conn(conn), "up", self._worker_lane(conn, event))
            elif kind is EventKind.CLOSED:
                self._server_closed(event)
            elif kind is EventKind.ERROR and is_reset(event.detail):
                self._reset_at_server(self._pair_for_conn(conn), self._worker_lane(conn, event))
            elif not event.worker.endswith("sender"):
                self._worker_of_conn[conn] = event.worker

    def _worker_lane(self, conn: int, event: Event) -> Lane:
        worker = event.worker
        if worker.endswith("sender") or not worker:
            worker = self._worker_of_conn.get(conn, self._listener or ANY_WORKER)
        else:
            self._worker_of_conn[conn] = worker
        return self._server_lane(worker)

    def _accepted(self, event: Event) -> None:
        conn = event.conn or 0
        # accept() names the peer: that settles whose connection this is, whatever an
        # event that overtook it on the way to the window guessed.
        guessed = self._pair_of_conn.pop(conn, None)
        if guessed is not None:
            self._conn_of_pair.pop(guessed, None)
        pair = self._pair_for_conn(conn, event.peer)
        self._worker_of_conn.setdefault(conn, event.worker)
        if not self._is_app_client(pair):
            # Nobody in the app saw this client's connect(): the handshake is inferred
            # from accept() returning, which it can only do once the kernel finished it.
            client, server = self._client_lane(pair), self._server_lane(event.worker)
            self._handshake(client, server, before_accept=True)

    def _handshake(self, client: Lane, server: Lane, before_accept: bool) -> None:
        """The kernels' three segments: seen as accept() returning, or connect() waiting."""
        if before_accept:
            labels = (translate("conversation", "SYN  (kernel, before accept() returned)"),
                      translate("conversation", "SYN+ACK  (kernel, before accept() returned)"),
                      translate("conversation", "ACK  (kernel, before accept() returned)"))
        else:
            labels = (translate("conversation", "SYN  (kernel, while connect() waited)"),
                      translate("conversation", "SYN+ACK  (kernel, while connect() waited)"),
                      translate("conversation", "ACK  (kernel, while connect() waited)"))
        for short, label, source, target in (("SYN", labels[0], client, server),
                                             ("SYN+ACK", labels[1], server, client),
                                             ("ACK", labels[2], client, server)):
            self._arrow(HANDSHAKE, label, source, target, arrived=True, inferred=True,
                        short=short)

    def _server_received(self, event: Event) -> None:
        conn = event.conn or 0
        pair = self._pair_for_conn(conn)
        lane = self._worker_lane(conn, event)
        if self._is_app_client(pair):
            self._read(self._stream(pair, "up"), event.size, lane)
        else:
            self._arrow(DATA, data_label(event), self._client_lane(pair), lane, arrived=True,
                        data=event.data, size=event.size)

    def _server_sent(self, event: Event) -> None:
        conn = event.conn or 0
        pair = self._pair_for_conn(conn)
        lane = self._worker_lane(conn, event)
        if self._is_app_client(pair):
            self._send(self._stream(pair, "down"), event, lane, self._client_lane(pair))
        else:
            self._arrow(DATA, data_label(event), lane, self._client_lane(pair), arrived=True,
                        data=event.data, size=event.size)

    def _server_closed(self, event: Event) -> None:
        conn = event.conn or 0
        pair = self._pair_for_conn(conn)
        self._close(pair, SERVER, self._worker_lane(conn, event), self._client_lane(pair),
                    "down", self._is_app_client(pair))
        if not self._is_app_client(pair):
            self._forget_connection(conn, pair)

    def _forget_connection(self, conn: int, pair: str) -> None:
        """A connection of a client outside the app has ended: nothing more will come of
        it, and a load test makes thousands (memory stays bounded)."""
        self._pair_of_conn.pop(conn, None)
        self._conn_of_pair.pop(pair, None)
        self._worker_of_conn.pop(conn, None)
        self._port_of_conn.pop(conn, None)
        self._closed.pop(pair, None)
        for direction in ("up", "down"):
            self._streams.pop((pair, direction), None)

    # ---- a client window's events ----

    def apply_client(self, name: str, local_port: int | None, remote_port: int | None,
                     events: Iterable[Event]) -> None:
        if local_port and self._client_port.get(name) != local_port:
            self._client_port[name] = local_port
            self._client_of_port[local_port] = name
        ours = self._talks_to_our_server(remote_port)
        for event in events:
            kind = event.kind
            if name in self._left_out_clients:
                if kind is not EventKind.CONNECTING and kind is not EventKind.SOCKET_CREATED:
                    continue  # its connection from before the chart was cleared
                self._left_out_clients.discard(name)  # it connects again: drawn from now on
            lane = self._client_lane(name)
            if kind is EventKind.CONNECTED:
                self._new_connection(name, local_port)
                if ours and self._listener:
                    self._queued_at[name] = self._listener
                server = self._handshake_lane(name) if ours else self._outside_server_lane(name)
                self._handshake(lane, server, before_accept=False)
            elif kind is EventKind.SENT:
                if ours:
                    self._send(self._stream(name, "up"), event, lane, self._server_lane_of(name))
                else:
                    self._arrow(DATA, data_label(event), lane, self._outside_server_lane(name),
                                arrived=True, data=event.data, size=event.size)
            elif kind is EventKind.RECEIVED:
                if ours:
                    self._read(self._stream(name, "down"), event.size, lane)
                else:
                    self._arrow(DATA, data_label(event), self._outside_server_lane(name), lane,
                                arrived=True, data=event.data, size=event.size)
            elif kind is EventKind.HALF_CLOSED or kind is EventKind.CLOSED:
                target = self._server_lane_of(name) if ours else self._outside_server_lane(name)
                self._close(name, CLIENT, lane, target, "up", ours,
                            half=kind is EventKind.HALF_CLOSED)
            elif kind is EventKind.PEER_CLOSED:
                self._fin_arrived(name, "down", lane)
            elif kind is EventKind.ABORTED:
                self._client_aborted(name, lane, ours)
            elif kind is EventKind.ERROR and is_reset(event.detail):
                self._reset_at_client(name, lane, ours)
            elif kind is EventKind.ERROR and is_refused(event.detail):
                self._refused(name, lane, ours)

    def _handshake_lane(self, client: str) -> Lane:
        """The server's side of a handshake: the listening worker that accept()s."""
        if self._listener:
            return self._server_lane(self._listener)
        return self._server_lane_of(client) or self._server_lane(ANY_WORKER)

    def _queue_lane(self, client: str) -> Lane:
        """The listening worker that held this never-accepted connection in its queue."""
        worker = self._queued_at.get(client)
        return self._server_lane(worker) if worker else self._handshake_lane(client)

    def _new_connection(self, name: str, local_port: int | None) -> None:
        """A window that connects again starts new streams, and a new connection: unless
        the server's accept() of this very connection (same port) came first."""
        for direction in ("up", "down"):
            self._streams.pop((name, direction), None)
        self._closed.pop(name, None)
        self._queued_at.pop(name, None)
        conn = self._conn_of_pair.get(name)
        if conn is not None and self._port_of_conn.get(conn) != local_port:
            del self._conn_of_pair[name]
            self._pair_of_conn.pop(conn, None)

    def _server_lane_of(self, client: str) -> Lane | None:
        conn = self._conn_of_pair.get(client)
        worker = self._worker_of_conn.get(conn) if conn is not None else None
        return self._server_lane(worker) if worker else None


def _port_of(peer: str) -> int:
    try:
        return int(peer.rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return 0
