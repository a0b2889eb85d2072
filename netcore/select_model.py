"""One thread for every client: the I/O multiplexing server (select, poll, epoll, kqueue).

The chapter after threads and processes: instead of one blocked worker per client, one
loop asks the kernel "which of these sockets are ready?" and serves only those, never
blocking on any single client. `selectors.DefaultSelector` picks the best call the system
has (epoll on Linux, kqueue on the BSDs and macOS, select elsewhere).

    loop = SelectLoop(listener, config, sink, stopping, new_conn_id)
    loop.run()          # in the server's thread; returns once `stopping` is set and woken
    loop.send_to(3, b"hi"); loop.disconnect(3); loop.wake()   # from any thread

Nothing here blocks: replies that do not fit in a socket's send buffer wait in that
connection's own buffer (netcore/select_sending.py), and while they wait the loop stops reading from that client
(the back-pressure a blocking sendall() gives the other models). In chat, while any
client has more than half of max_queued_bytes waiting, the loop reads from nobody, as
the thread model's relaying workers wait. Queued data for one connection is bounded
(ServerConfig.max_queued_bytes), and a client that reads nothing for
ServerConfig.slow_reader_seconds while data waits for it is disconnected, which lets
everyone else go on.
"""

from __future__ import annotations

import errno
import math
import selectors
import socket
import threading
import time
from collections.abc import Callable

from netcore.behaviour import AUTOMATIC_REPLIES
from netcore.config import Behaviour, ServerConfig
from netcore.errors import explain_accept_pause, explain_os_error, format_address, idle_sentence
from netcore.events import Event, EventKind, Sink, build_event
from netcore.framing import Deframer, Framing, FramingError, message_sentence
from netcore.i18n import translate
from netcore.loop_mailbox import LoopMailbox
from netcore.select_sending import WORKER, SelectedConnection, SelectSending
from netcore.session import SizeSentences, refuse_full

_monotonic = time.monotonic
_RECEIVED, _SELECT_WAITING = EventKind.RECEIVED, EventKind.SELECT_WAITING
_EVENT_READ = selectors.EVENT_READ
ACCEPTS_PER_WAKE = 64  # accept() at most this many per readiness, so clients already served keep turns
SLOW_READER_CHECK_SECONDS = 0.5
RETRYABLE_ACCEPT_ERRORS = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})
ACCEPT_RETRY_SECONDS = 0.1


def accept_held_sentence() -> str:
    """Why nobody is accepted (ServerConfig.accept_clients off), in the current language."""
    return translate("select_model", "accept() is not called: clients that connect finish the "
                                     "handshake in the kernel and wait in the listen queue, "
                                     "until it is full")


class SelectLoop(SelectSending):
    """Accepts and serves every connection from the thread that calls run()."""

    def __init__(self, listener: socket.socket, config: ServerConfig, sink: Sink,
                 stopping: threading.Event, new_conn_id: Callable[[], int]) -> None:
        self._listener = listener
        self._config = config
        self._sink = sink
        self._reply_to = AUTOMATIC_REPLIES.get(config.behaviour)
        self._stopping = stopping
        self._new_conn_id = new_conn_id
        self._selector = selectors.DefaultSelector()
        self._call_name = type(self._selector).__name__.removesuffix("Selector").lower() or "select"
        # Other threads (the window, stop()) hand work to the loop through its mailbox.
        self._mailbox = LoopMailbox()
        self._lock = threading.Lock()  # _open_ids, which other threads read
        self._open_ids: set[int] = set()
        self._connections: dict[int, SelectedConnection] = {}
        self._writers: set[int] = set()  # connections with data waiting to be sent
        self._waiting_texts: dict[int, str] = {}  # SELECT_WAITING's sentence, by socket count
        # Sentences reported per message or per turn: looked up once per loop, only filled
        # in per event (a language chosen meanwhile applies from the next start).
        self._waiting_template = translate("select_model",
                                           "waiting in {call}() for any of {count} sockets "
                                           "to be ready")
        self._received_texts = SizeSentences(translate("select_model",
                                                       "recv() returned {size} bytes"))
        self._sent_texts = SizeSentences(translate("select_model", "send() wrote {size} bytes"))
        # Chat: connections with more than half the queue limit waiting. While there is
        # one, nobody is read, so no sender can outrun the slowest reader's queue.
        self._congested: set[int] = set()
        self._accept_paused_until = 0.0  # after EMFILE: let descriptors free up first
        # See _close_idle; never, without an idle timeout.
        self._next_idle_check = (time.monotonic() + config.idle_seconds
                                 if config.idle_seconds > 0 else math.inf)
        self._failing_errno: int | None = None

    @property
    def call_name(self) -> str:
        """The system call doing the waiting: epoll, kqueue, poll or select."""
        return self._call_name

    # ---- from any thread ----

    def connection_ids(self) -> list[int]:
        with self._lock:
            return sorted(self._open_ids)

    def send_to(self, conn_id: int, data: bytes) -> bool:
        """Queue data for one connection; False if it is not open. Never waits.

        The loop sends it on its next turn; if the server stops first, it is not sent
        (the connection is closed instead, and says so)."""
        with self._lock:
            if conn_id not in self._open_ids or not data:
                return False
        self._mailbox.post(lambda: self._queue(conn_id, data))
        return True

    def disconnect(self, conn_id: int) -> bool:
        with self._lock:
            if conn_id not in self._open_ids:
                return False
        reason = translate("select_model", "the server disconnected it")
        self._mailbox.post(lambda: self._close_by_id(conn_id, reason))
        return True

    def wake(self) -> None:
        self._mailbox.wake()

    # ---- the loop ----

    def run(self) -> None:
        listener = self._listener
        listener.setblocking(False)
        if self._config.accept_clients:
            self._selector.register(listener, selectors.EVENT_READ, None)
        else:
            self._emit(EventKind.ACCEPT_HELD, None, accept_held_sentence())
        mailbox = self._mailbox.reader
        self._selector.register(mailbox, selectors.EVENT_READ, mailbox)
        next_slow_check = time.monotonic() + SLOW_READER_CHECK_SECONDS
        # A turn runs for every few messages under load: names are looked up once here.
        stopping = self._stopping.is_set
        sink = self._sink
        select = self._selector.select
        read = self._read
        waiting_texts = self._waiting_texts
        connections = self._connections
        try:
            while not stopping():
                waiting_text = (waiting_texts.get(len(connections) + 1)
                                or self._waiting_text())
                sink(build_event(Event, (_SELECT_WAITING, _monotonic(), None, WORKER, b"",
                                         waiting_text, "", 0, 1)))
                for key, mask in select(self._select_timeout()):
                    conn = key.data
                    if conn is None:
                        self._accept_ready(listener)
                    elif conn is mailbox:
                        for command in self._mailbox.take():
                            command()
                    elif mask == _EVENT_READ and conn.mask == _EVENT_READ:
                        read(conn)  # the usual case (conn.mask is 0 once it is closed)
                    else:
                        self._serve_ready(conn, mask)
                now = _monotonic()
                if self._accept_paused_until and now >= self._accept_paused_until:
                    self._accept_paused_until = 0.0
                    self._selector.register(listener, selectors.EVENT_READ, None)
                if now >= next_slow_check:
                    next_slow_check = now + SLOW_READER_CHECK_SECONDS
                    self._disconnect_slow_readers(now)
                if now >= self._next_idle_check:  # when one could be idle, not before
                    self._close_idle(now)
        finally:
            stopped = translate("select_model", "the server stopped")
            for conn in list(self._connections.values()):
                self._close(conn, stopped)
            self._selector.close()
            self._mailbox.close()

    def _waiting_text(self) -> str:
        count = len(self._connections) + 1
        text = self._waiting_texts.get(count)
        if text is None:
            if len(self._waiting_texts) > 64:
                self._waiting_texts.clear()
            text = self._waiting_texts[count] = self._waiting_template.format(
                call=self._call_name, count=count)
        return text

    def _select_timeout(self) -> float | None:
        if self._accept_paused_until:
            return max(0.0, self._accept_paused_until - time.monotonic())
        if self._writers:  # some data waits for a client: check for slow readers now and then
            return SLOW_READER_CHECK_SECONDS
        if self._connections and self._config.idle_seconds > 0:
            # Wake when the first connection could have been idle long enough, not before:
            # an idle server waits quietly (each wake-up is a line in the log).
            return max(0.0, self._next_idle_check - time.monotonic())
        return None

    def _close_idle(self, now: float) -> None:
        """Close the connections idle for idle_seconds; note when to look again: when the
        least recently active one left could be (a newer one cannot be sooner)."""
        idle = self._config.idle_seconds
        if idle <= 0 or now < self._next_idle_check:
            return
        next_check = now + idle
        for conn in list(self._connections.values()):
            if conn.closed:
                continue
            if now - conn.last_activity >= idle:
                self._emit(EventKind.ERROR, conn.conn_id, idle_sentence(conn.conn_id, idle),
                           peer=conn.peer)
                self._close(conn, translate("select_model", "idle for {seconds} seconds")
                            .format(seconds=f"{idle:g}"))
            else:
                next_check = min(next_check, conn.last_activity + idle)
        self._next_idle_check = next_check

    # ---- accept ----

    def _accept_ready(self, listener: socket.socket) -> None:
        for _ in range(ACCEPTS_PER_WAKE):
            try:
                sock, peer_address = listener.accept()
            except BlockingIOError:
                return
            except OSError as exc:
                if self._stopping.is_set() or exc.errno == errno.ECONNABORTED:
                    return
                if exc.errno in RETRYABLE_ACCEPT_ERRORS:
                    if exc.errno != self._failing_errno:  # once, not at every retry
                        self._failing_errno = exc.errno
                        self._emit(EventKind.ERROR, None, explain_accept_pause(exc))
                    # Stop watching the listener for a moment; otherwise it stays "ready"
                    # and the loop spins. Clients keep queueing in the backlog meanwhile.
                    self._selector.unregister(listener)
                    self._accept_paused_until = time.monotonic() + ACCEPT_RETRY_SECONDS
                    return
                self._emit(EventKind.ERROR, None, explain_os_error(exc))
                self._stopping.set()
                return
            self._failing_errno = None
            self._add(sock, format_address(*peer_address[:2]))

    def _add(self, sock: socket.socket, peer: str) -> None:
        conn_id = self._new_conn_id()
        if len(self._connections) >= self._config.max_connections:
            refuse_full(sock, conn_id, peer, WORKER, self._config.max_connections, self._sink)
            return
        sock.setblocking(False)
        conn = SelectedConnection(sock, conn_id, peer)
        if self._config.framing is not Framing.NONE:
            conn.deframer = Deframer(self._config.framing, self._config.max_queued_bytes)
        self._connections[conn_id] = conn
        with self._lock:
            self._open_ids.add(conn_id)
        self._watch(conn)  # for reading, unless a chat is congested
        self._emit(EventKind.ACCEPTED, conn_id,
                   translate("select_model", "accept() returned connection {conn} from "
                             "{peer} at once: {call}() said the listening socket was ready. "
                             "The one loop now watches this socket too.").format(
                       conn=conn_id, peer=peer, call=self.call_name), peer=peer)

    # ---- serving ----

    def _serve_ready(self, conn: SelectedConnection, mask: int) -> None:
        # One select() reports many sockets; serving an earlier one can close this one, or
        # stop reading from it (its replies wait, or a chat is congested): check again.
        if conn.closed:
            return
        if mask & selectors.EVENT_WRITE:
            self._flush(conn)
        if mask & selectors.EVENT_READ and conn.mask & selectors.EVENT_READ and not conn.closed:
            self._read(conn)

    def _read(self, conn: SelectedConnection) -> None:
        try:
            data = conn.sock.recv(self._config.recv_size)
        except BlockingIOError:
            return
        except OSError as exc:
            self._emit(EventKind.ERROR, conn.conn_id, explain_os_error(exc, conn.peer),
                       peer=conn.peer)
            self._close(conn, translate("select_model", "the client reset it")
                        if isinstance(exc, ConnectionResetError)
                        else translate("select_model", "the connection failed"))
            return
        if not data:
            self._peer_closed(conn)
            return
        size = len(data)
        conn.last_activity = received_at = _monotonic()
        self._sink(build_event(Event, (_RECEIVED, received_at, conn.conn_id, WORKER, data,
                                       self._received_texts[size], conn.peer, size, 1)))
        if conn.deframer is None and self._reply_to is not None:
            # The usual case, once per message under load: a reply, with no framing.
            self._queue_for(conn, self._reply_to(data))
            return
        if conn.deframer is not None:
            try:
                messages = conn.deframer.feed(data)
            except FramingError as exc:
                self._emit(EventKind.ERROR, conn.conn_id, str(exc), peer=conn.peer)
                self._close(conn, translate("select_model",
                                            "its messages did not follow the framing"))
                return
            for message in messages:
                self._emit(EventKind.MESSAGE, conn.conn_id,
                           message_sentence(message, conn.deframer.framing), peer=conn.peer,
                           data=message)
                self._answer(conn, message, conn.deframer.wrap)
            return
        self._answer(conn, data, bytes)

    def _answer(self, conn: SelectedConnection, data: bytes,
                wrap: Callable[[bytes], bytes]) -> None:
        """Reply to what came in, or relay it to the others (chat)."""
        if self._reply_to is not None:
            self._queue(conn.conn_id, wrap(self._reply_to(data)))
        elif self._config.behaviour is Behaviour.CHAT:
            for other in list(self._connections.values()):
                if other is not conn:
                    self._queue(other.conn_id, wrap(data))

    def _peer_closed(self, conn: SelectedConnection) -> None:
        conn.peer_closed = True
        if self._config.behaviour is Behaviour.MANUAL:
            self._emit(EventKind.PEER_CLOSED, conn.conn_id,
                       translate("select_model", "recv() returned 0: the client closed its "
                                 "sending side (a FIN arrived). You can still send replies; "
                                 "disconnect it when done."), peer=conn.peer)
        else:
            self._emit(EventKind.PEER_CLOSED, conn.conn_id,
                       translate("select_model", "recv() returned 0: the client closed its "
                                 "sending side (a FIN arrived), so the server closes too, "
                                 "once its replies are sent"), peer=conn.peer)
            conn.close_when_sent = True
            if not conn.pending:
                self._close(conn, translate("select_model", "the client closed the connection"))
                return
        self._watch(conn)

    # ---- closing ----

    def _close_by_id(self, conn_id: int, reason: str) -> None:
        conn = self._connections.get(conn_id)
        if conn is not None:
            self._close(conn, reason)

    def _close(self, conn: SelectedConnection, reason: str) -> None:
        if conn.closed:
            return
        conn.closed = True
        self._connections.pop(conn.conn_id, None)
        with self._lock:
            self._open_ids.discard(conn.conn_id)
        if conn.mask:
            self._selector.unregister(conn.sock)
            conn.mask = 0
        self._writers.discard(conn.conn_id)
        conn.pending.clear()
        self._note_congestion(conn)
        conn.sock.close()
        self._emit(EventKind.CLOSED, conn.conn_id,
                   translate("select_model", "close(): connection {conn} closed ({reason})")
                   .format(conn=conn.conn_id, reason=reason), peer=conn.peer)
