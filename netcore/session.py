"""Serving one accepted connection: the notes' `while(1) { recv(); process; send(); }` loop.

The same loop runs in the iterative server's main loop, in a thread per client, and in a
child process per client, so all three models report exactly the same steps.
"""

from __future__ import annotations

import functools
import select
import socket
import threading
import time
from collections.abc import Callable

from netcore.behaviour import AUTOMATIC_REPLIES, Behaviour
from netcore.errors import explain_os_error
from netcore.events import Event, EventKind, Sink, build_event, make_event
from netcore.framing import Deframer, Framing, FramingError, message_sentence
from netcore.i18n import translate


# Sends with a patience need send() that never blocks (Linux, macOS, the BSDs have it).
_CAN_SEND_WITHOUT_WAITING = hasattr(socket, "MSG_DONTWAIT")
_monotonic = time.monotonic
_RECV_WAITING, _RECEIVED, _SENT = EventKind.RECV_WAITING, EventKind.RECEIVED, EventKind.SENT
FULL_MESSAGE = b"Sorry, the server is full. Try again later.\r\n"
SIZES_KEPT = 256  # sentences kept per SizeSentences; a flood repeats a few sizes


class SizeSentences(dict):
    """A sentence with its {size} filled in, kept per size: reported per message, it is
    made once for each size (a flood repeats the same few) instead of every time."""

    def __init__(self, template: str) -> None:
        super().__init__()
        self.template = template

    def __missing__(self, size: int) -> str:
        sentence = self.template.format(size=size)
        if len(self) < SIZES_KEPT:
            self[size] = sentence
        return sentence


def worker_name(name: str) -> str:
    """Marks a worker's or a thread's name, such as "thread conn-3" or "accept loop", and
    gives it back unchanged. It is an identifier, shown as it is in every language: it is
    the thread's name in Python, and what the log and the tests compare. (The system
    lists a connection's thread as "conn-3": netcore/thread_names.py.)
    The source check of translations (tests/gui/test_translatable.py) lets it pass."""
    return name


def sendall_reporting_wait(sock: socket.socket, data: bytes,
                           report_wait: Callable[[int], None]) -> None:
    """sendall(), calling report_wait(bytes left) first if it is about to block.

    It blocks when the data does not fit in the send buffer because the peer reads
    slower than it is sent to (TCP flow control): the window should show that wait.
    """
    if not _CAN_SEND_WITHOUT_WAITING:
        sock.sendall(data)  # no way to tell beforehand whether it will wait
        return
    try:
        written = sock.send(data, socket.MSG_DONTWAIT)
    except BlockingIOError:
        written = 0
    if written < len(data):
        report_wait(len(data) - written)
        sock.sendall(memoryview(data)[written:])


def _wait_writable(sock: socket.socket, timeout: float) -> bool:
    """Wait until `sock` can take more data; poll(), unlike select(), takes any fd number."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(sock, select.POLLOUT)
        return bool(poller.poll(timeout * 1000))
    _, writable, _ = select.select([], [sock], [], timeout)
    return bool(writable)


class ConnectionSocket:
    """An accepted socket shared by its worker and by whoever sends to it or stops it.

    Only the worker closes the socket (closing from another thread does not wake a blocked
    recv() on Linux); others ask it to end with `request_close`, which shuts the socket down
    and so wakes the worker.
    """

    def __init__(self, sock: socket.socket, conn_id: int, peer: str, sink: Sink) -> None:
        self.sock = sock
        self.conn_id = conn_id
        self.peer = peer
        self.sink = sink
        self.bytes_in = 0
        self.bytes_out = 0
        self.last_activity = _monotonic()  # the last byte received or sent (idle timeout)
        self.close_reason: str | None = None
        self.close_requested = threading.Event()
        self._send_lock = threading.Lock()
        self._fd_lock = threading.Lock()  # shutdown() and close(); taken after _send_lock
        self._closed = False
        # Reported per message: the sentence is looked up once per connection.
        self._sent_texts = SizeSentences(translate("session", "send() wrote {size} bytes"))

    def send(self, data: bytes, worker: str, patience: float) -> bool:
        """Send all the data for someone other than the connection's worker (a chat relay,
        the person at the server) and report it; False (with an error event) when it failed.

        A client that reads nothing for `patience` seconds is disconnected, so it can
        neither hold up the others nor make the server buffer without end.
        """
        if not data:
            return False
        if not self._send_lock.acquire(timeout=patience):
            self._give_up_on_slow_reader(worker, patience)
            return False
        try:
            if self._closed:
                return False
            called_at = _monotonic()  # see Client._send_now: replies can beat the report
            try:
                if not _CAN_SEND_WITHOUT_WAITING:
                    self.sock.sendall(data)
                elif not self._send_within(data, patience, worker):
                    self._give_up_on_slow_reader(worker, patience)
                    return False
            except OSError as exc:
                self._report_send_error(exc, worker)
                return False
            self.bytes_out += len(data)
        finally:
            self._send_lock.release()
        self._report_sent(called_at, data, worker)
        return True

    def reply(self, data: bytes, worker: str, report_wait: Callable[[int], None]) -> bool:
        """The connection's own worker answers with a plain blocking sendall(), as the notes
        do; report_wait(bytes left) is called if it is about to block. False (with an
        error event) when it failed.

        Runs once per message: kept short, with no allocation beyond the event.
        """
        with self._send_lock:
            if self._closed:
                return False
            called_at = _monotonic()
            try:
                sendall_reporting_wait(self.sock, data, report_wait)
            except OSError as exc:
                self._report_send_error(exc, worker)
                return False
            self.bytes_out += len(data)
        self._report_sent(called_at, data, worker)
        return True

    def _report_sent(self, called_at: float, data: bytes, worker: str) -> None:
        self.last_activity = _monotonic()  # when it finished: a send can wait for long
        size = len(data)
        self.sink(build_event(Event, (_SENT, called_at, self.conn_id, worker, data,
                                      self._sent_texts[size], self.peer, size, 1)))

    def _report_send_error(self, exc: OSError, worker: str) -> None:
        if self.close_reason is None:
            self.sink(make_event(EventKind.ERROR, self.conn_id, worker,
                                 explain_os_error(exc, self.peer), peer=self.peer))

    def report_send_wait(self, worker: str, left: int) -> None:
        self.sink(make_event(
            EventKind.SEND_WAITING, self.conn_id, worker,
            translate("session", "waiting in send(): {size} bytes do not fit in the send "
                      "buffer; the client is not reading as fast (TCP flow control)").format(
                size=f"{left:,}"), peer=self.peer))

    def _send_within(self, data: bytes, patience: float, worker: str) -> bool:
        """send() without blocking, waiting at most `patience` for room each time it is full."""
        remaining = memoryview(data)
        reported = False
        while remaining:
            try:
                written = self.sock.send(remaining, socket.MSG_DONTWAIT)
            except BlockingIOError:
                written = 0
            remaining = remaining[written:]
            if remaining and not written:
                if not reported:
                    reported = True
                    self.report_send_wait(worker, len(remaining))
                if not _wait_writable(self.sock, patience):
                    return False
        return True

    def _give_up_on_slow_reader(self, worker: str, patience: float | None) -> None:
        if self.close_reason is None:
            self.sink(make_event(
                EventKind.ERROR, self.conn_id, worker,
                translate("session", "Connection {conn} read nothing for {seconds} seconds "
                          "while data waited for it, so the server disconnects it (a client "
                          "that never reads would otherwise hold up everyone it is sent to).")
                .format(conn=self.conn_id, seconds=f"{patience:g}"), peer=self.peer))
        self.request_close(translate("session", "it stopped reading"))

    def request_close(self, reason: str) -> None:
        """Ask the worker to end this connection: wakes its recv() with end-of-stream."""
        if self.close_reason is None:
            self.close_reason = reason
        self.close_requested.set()
        # Under _fd_lock, never after close(): the descriptor number could by then belong
        # to a newer connection, which this would shut down instead.
        with self._fd_lock:
            if self._closed:
                return
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already shut down, or the peer is gone: the worker is waking anyway

    def close(self) -> None:
        """Close the socket; called once, by the worker that served it."""
        with self._send_lock, self._fd_lock:
            self._closed = True
            self.sock.close()


def _handle_messages(conn: ConnectionSocket, worker: str, messages: list[bytes],
                     deframer: Deframer, reply_to: Callable[[bytes], bytes] | None,
                     report_wait: Callable[[int], None],
                     on_received: Callable[[ConnectionSocket, bytes], None] | None) -> bool:
    """Report and answer each whole message; False if a reply could not be sent."""
    for message in messages:
        conn.sink(make_event(EventKind.MESSAGE, conn.conn_id, worker,
                             message_sentence(message, deframer.framing), data=message,
                             peer=conn.peer))
        if reply_to is not None and not conn.reply(deframer.wrap(reply_to(message)), worker,
                                                   report_wait):
            if conn.close_reason is None:
                conn.close_reason = translate("session", "the reply could not be sent")
            return False
        if on_received is not None:
            on_received(conn, deframer.wrap(message))
    return True


def serve_connection(
    conn: ConnectionSocket,
    worker: str,
    behaviour: Behaviour,
    recv_size: int,
    on_received: Callable[[ConnectionSocket, bytes], None] | None,
    framing: Framing,
    max_message_bytes: int,
) -> None:
    """recv() until the peer or the server ends the connection, replying as `behaviour` says.

    Reports each blocking call before it blocks and after it returns, then closes the socket.
    `on_received` lets the server relay chat messages to the other connections. With a
    framing, replies and relays go per whole message, not per recv().
    """
    deframer = None if framing is Framing.NONE else Deframer(framing, max_message_bytes)
    # The loop runs once per message, thousands of times a second under load: names are
    # looked up once, and events are built directly.
    sink = conn.sink
    conn_id = conn.conn_id
    peer = conn.peer
    receive = conn.sock.recv
    reply_to = AUTOMATIC_REPLIES.get(behaviour)
    reply = conn.reply
    report_wait = functools.partial(conn.report_send_wait, worker)
    # Sentences reported per message: looked up once per connection (so a language chosen
    # meanwhile applies to the next connection), only filled in inside the loop.
    recv_waiting_text = translate("session", "waiting in recv() for data from the client")
    received_texts = SizeSentences(translate("session", "recv() returned {size} bytes"))
    try:
        while True:
            sink(build_event(Event, (_RECV_WAITING, _monotonic(), conn_id, worker, b"",
                                     recv_waiting_text, peer, 0, 1)))
            try:
                data = receive(recv_size)
            except OSError as exc:
                if conn.close_reason is None:
                    sink(make_event(EventKind.ERROR, conn_id, worker,
                                    explain_os_error(exc, peer), peer=peer))
                    conn.close_reason = (
                        translate("session", "the client reset it")
                        if isinstance(exc, ConnectionResetError)
                        else translate("session", "the connection failed"))
                break
            if not data:
                if conn.close_reason is None:
                    wait_for_person_at_server(conn, worker, behaviour)
                break
            size = len(data)
            conn.bytes_in += size
            conn.last_activity = received_at = _monotonic()
            sink(build_event(Event, (_RECEIVED, received_at, conn_id, worker, data,
                                     received_texts[size], peer, size, 1)))
            if deframer is not None:
                try:
                    messages = deframer.feed(data)
                except FramingError as exc:
                    sink(make_event(EventKind.ERROR, conn_id, worker, str(exc), peer=peer))
                    conn.close_reason = translate("session",
                                                  "its messages did not follow the framing")
                    break
                if not _handle_messages(conn, worker, messages, deframer, reply_to,
                                        report_wait, on_received):
                    break
                continue
            if reply_to is not None and not reply(reply_to(data), worker, report_wait):
                if conn.close_reason is None:
                    conn.close_reason = translate("session", "the reply could not be sent")
                break
            if on_received is not None:
                on_received(conn, data)
    finally:
        conn.close()
        sink(make_event(EventKind.CLOSED, conn_id, worker,
                        translate("session", "close(): connection {conn} closed ({reason})")
                        .format(conn=conn_id, reason=conn.close_reason), peer=peer))


def wait_for_person_at_server(conn: ConnectionSocket, worker: str, behaviour: Behaviour) -> None:
    """The client's FIN arrived. In manual mode the person at the server may still reply
    (the client only half-closed, perhaps), so the connection stays open, in CLOSE_WAIT,
    until they disconnect it; every other behaviour closes at once, as the notes do."""
    if behaviour is not Behaviour.MANUAL:
        conn.sink(make_event(EventKind.PEER_CLOSED, conn.conn_id, worker,
                             translate("session", "recv() returned 0: the client closed "
                                       "its sending side (a FIN arrived), so the server "
                                       "closes too"), peer=conn.peer))
        conn.close_reason = translate("session", "the client closed the connection")
        return
    conn.sink(make_event(EventKind.PEER_CLOSED, conn.conn_id, worker,
                         translate("session", "recv() returned 0: the client closed its "
                                   "sending side (a FIN arrived). You can still send "
                                   "replies; disconnect it when done."), peer=conn.peer))
    conn.close_requested.wait()


def refuse_full(sock: socket.socket, conn_id: int, peer: str, worker: str, limit: int,
                sink: Sink) -> None:
    """Tell a client over the server's limit that it is full, and close its socket."""
    try:
        sock.sendall(FULL_MESSAGE)
        sock.shutdown(socket.SHUT_WR)
        # Closing with unread data makes the kernel send RST, and the client would see
        # "reset" instead of the message; read what already arrived, without waiting.
        sock.setblocking(False)
        while sock.recv(65536):
            pass
    except OSError:
        pass  # nothing more to read, or the client left already; refused either way
    sock.close()
    sink(make_event(EventKind.REFUSED_FULL, conn_id, worker,
                    translate("session", "connection {conn} from {peer} was told the server "
                              "is full and closed: the server already serves {limit} clients "
                              "(its limit)").format(conn=conn_id, peer=peer, limit=limit),
                    peer=peer))
