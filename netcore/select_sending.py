"""The select loop's sending side: replies that wait in a connection's own buffer, the
back-pressure that stops reading from a client meanwhile, and the clients that read too
slowly. A part of SelectLoop (netcore/select_model.py), which mixes it in.

Nothing here blocks. A reply goes straight out when the socket's send buffer has room (the
usual case); what does not fit waits in the connection's `pending` buffer, and while it
waits the loop watches that socket for room instead of reading from it. In chat, while any
client has more than half of max_queued_bytes waiting, the loop reads from nobody.
"""

from __future__ import annotations

import selectors
import socket
import time
from dataclasses import dataclass, field

from netcore.config import Behaviour, ServerConfig
from netcore.errors import explain_os_error
from netcore.events import Event, EventKind, Sink, build_event, make_event
from netcore.framing import Deframer
from netcore.i18n import translate
from netcore.session import SizeSentences, worker_name

WORKER = worker_name("select loop")
_monotonic = time.monotonic
_SENT = EventKind.SENT


@dataclass(slots=True, eq=False)
class SelectedConnection:
    """One accepted socket watched by the loop, and what waits to be sent to it."""

    sock: socket.socket
    conn_id: int
    peer: str
    pending: bytearray = field(default_factory=bytearray)
    waiting_reported: bool = False  # SEND_WAITING said once per stall
    last_progress: float = 0.0  # when the client last took some of `pending`
    peer_closed: bool = False  # its FIN arrived: nothing more to read
    close_when_sent: bool = False  # close once `pending` is out (EOF in a non-manual behaviour)
    mask: int = 0  # what the selector watches it for
    closed: bool = False
    last_activity: float = field(default_factory=time.monotonic)  # last byte in or out
    deframer: Deframer | None = None  # finds whole messages when the server has a framing


class SelectSending:
    """The loop's sending methods. SelectLoop sets the attributes below in its __init__,
    and closes connections (`_close`)."""

    _config: ServerConfig
    _sink: Sink
    _selector: selectors.BaseSelector
    _connections: dict[int, SelectedConnection]
    _writers: set[int]  # connections with data waiting to be sent
    _congested: set[int]  # chat: connections with more than half the queue limit waiting
    _sent_texts: SizeSentences

    def _close(self, conn: SelectedConnection, reason: str) -> None:
        raise NotImplementedError  # SelectLoop's

    def _queue(self, conn_id: int, data: bytes) -> None:
        conn = self._connections.get(conn_id)
        if conn is not None:
            self._queue_for(conn, data)

    def _queue_for(self, conn: SelectedConnection, data: bytes) -> None:
        if not conn.pending:
            # The usual case, a reply to a client that reads: straight out, no copying.
            written = self._send_some(conn, data)
            if written is None or written == len(data):
                return
            data = data[written:]
            conn.last_progress = _monotonic()  # the slow-reader clock starts now
        elif len(conn.pending) + len(data) > self._config.max_queued_bytes:
            limit = self._config.max_queued_bytes
            conn_id = conn.conn_id
            self._emit(EventKind.ERROR, conn_id,
                       translate("select_model", "More than {limit} bytes wait to be sent to "
                                 "connection {conn}: it reads too slowly, so the server "
                                 "disconnects it.").format(limit=f"{limit:,}", conn=conn_id),
                       peer=conn.peer)
            self._close(conn, translate("select_model", "it fell too far behind"))
            return
        conn.pending += data
        self._flush(conn)

    def _flush(self, conn: SelectedConnection) -> None:
        """send() what waits, without blocking; watch for room if some is left."""
        while conn.pending:
            written = self._send_some(conn, conn.pending)
            if written is None:
                return
            if not written:
                break
            del conn.pending[:written]
            conn.waiting_reported = False
        if conn.pending and not conn.waiting_reported:
            conn.waiting_reported = True
            self._emit(EventKind.SEND_WAITING, conn.conn_id,
                       translate("select_model", "{size} bytes do not fit in the send "
                                 "buffer; the client is not reading as fast (TCP flow "
                                 "control). The loop keeps them and serves the others "
                                 "meanwhile.").format(size=f"{len(conn.pending):,}"),
                       peer=conn.peer)
        if not conn.pending and conn.close_when_sent:
            self._close(conn, translate("select_model", "the client closed the connection"))
            return
        self._watch(conn)

    def _send_some(self, conn: SelectedConnection, data: bytes | bytearray) -> int | None:
        """One send() that never blocks, reported; how much it took, None if it failed
        (the connection is then closed)."""
        try:
            written = conn.sock.send(data)
        except BlockingIOError:
            return 0
        except OSError as exc:
            self._emit(EventKind.ERROR, conn.conn_id, explain_os_error(exc, conn.peer),
                       peer=conn.peer)
            self._close(conn, translate("select_model", "the reply could not be sent"))
            return None
        if written:
            conn.last_progress = conn.last_activity = _monotonic()
            sent = bytes(data[:written])  # all of a bytes object is the object itself
            self._sink(build_event(Event, (_SENT, conn.last_progress, conn.conn_id, WORKER,
                                           sent, self._sent_texts[written], conn.peer,
                                           written, 1)))
        return written

    def _watch(self, conn: SelectedConnection) -> None:
        """Read while nothing waits to be sent (back-pressure); watch for room while it does."""
        if conn.closed:
            return
        self._note_congestion(conn)
        mask = selectors.EVENT_WRITE if conn.pending else 0
        if not conn.pending and not conn.peer_closed and not self._congested:
            mask |= selectors.EVENT_READ
        if mask != conn.mask:
            if mask & selectors.EVENT_WRITE:
                self._writers.add(conn.conn_id)
            else:
                self._writers.discard(conn.conn_id)
            if conn.mask and mask:
                self._selector.modify(conn.sock, mask, conn)
            elif mask:
                self._selector.register(conn.sock, mask, conn)
            else:
                self._selector.unregister(conn.sock)
            conn.mask = mask

    def _note_congestion(self, conn: SelectedConnection) -> None:
        if self._config.behaviour is not Behaviour.CHAT:
            return
        was_congested = bool(self._congested)
        if len(conn.pending) > self._config.max_queued_bytes // 2 and conn.conn_id in self._connections:
            self._congested.add(conn.conn_id)
        else:
            self._congested.discard(conn.conn_id)
        if was_congested != bool(self._congested):
            for other in list(self._connections.values()):
                if other is not conn:
                    self._watch(other)

    def _disconnect_slow_readers(self, now: float) -> None:
        patience = self._config.slow_reader_seconds
        for conn in [self._connections[conn_id] for conn_id in list(self._writers)]:
            if conn.pending and now - conn.last_progress > patience:
                self._emit(EventKind.ERROR, conn.conn_id,
                           translate("select_model", "Connection {conn} read nothing for "
                                     "{seconds} seconds while data waited for it, so the "
                                     "server disconnects it.").format(
                               conn=conn.conn_id, seconds=f"{patience:g}"), peer=conn.peer)
                self._close(conn, translate("select_model", "it stopped reading"))

    def _emit(self, kind: EventKind, conn: int | None, detail: str, peer: str = "",
              data: bytes = b"") -> None:
        self._sink(make_event(kind, conn, WORKER, detail, data=data, peer=peer))
