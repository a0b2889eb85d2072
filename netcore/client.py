"""The TCP client: socket, connect, then a receive loop; send, half-close, close or abort.

    client = Client(sink, name="client 1")
    client.run("127.0.0.1", 9000)   # blocks: connect(), then recv() until the end
    client.send(b"hi")               # from any thread: queued, never blocks the caller
    client.half_close() / client.close() / client.abort()   # from any thread

run() never raises for a network failure: it reports an ERROR event with a sentence.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from enum import Enum

from netcore.config import DEFAULT_RECV_SIZE
from netcore.errors import explain_connect_error, explain_os_error, format_address
from netcore.events import EventKind, Sink, make_event
from netcore.i18n import translate
from netcore.outbox import Outbox
from netcore.session import sendall_reporting_wait, worker_name

DEFAULT_CONNECT_TIMEOUT = 5.0
# Bytes a client holds for a server that does not read (the kernel's buffers are full):
# past this, send() refuses, rather than letting a repeat grow the queue for ever.
MAX_QUEUED_SEND_BYTES = 8 * 1024 * 1024
_CAN_SEND_WITHOUT_WAITING = hasattr(socket, "MSG_DONTWAIT")  # Linux, macOS, the BSDs
AddressList = list[tuple[int, int, int, str, tuple]]  # what socket.getaddrinfo() returns


class ClientState(Enum):
    """Names, not sentences: the window says each state in words (client_window.py)."""
    IDLE = "idle"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    HALF_CLOSED = "half-closed"
    CLOSED = "closed"


class _Ending(Enum):
    """Why the connection ended, once this side or the receive loop knows."""
    CLOSED = "closed"  # this side closed it
    ABORTED = "aborted"  # this side aborted it (RST)
    FAILED = "failed"
    SERVER_CLOSED = "server-closed"


class Client:
    """One client connection, driven from a thread that calls run()."""

    def __init__(self, sink: Sink, name: str = "client", recv_size: int = DEFAULT_RECV_SIZE) -> None:
        self.name = name
        self._sink = sink
        self._recv_size = recv_size
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._end_reason: _Ending | None = None  # set when this side asked to end
        self._wake = threading.Event()  # set when a name lookup ends or this side gives up
        self._sending = False  # the sender thread is inside send()
        self._queued_sends = 0  # sends handed to the sender thread and not yet done (_lock)
        self.queued_bytes = 0  # bytes those sends still hold (_lock): bounded, see send()
        self._outbox = Outbox(f"{name} sender")
        self.state = ClientState.IDLE
        self.local_port: int | None = None
        self._port_seen: int | None = None  # port_in_use(), once the kernel picked it
        self.peer = ""
        self.bytes_in = 0
        self.bytes_out = 0

    # ---- the blocking part, on the caller's thread ----

    def run(self, host: str, port: int, timeout: float = DEFAULT_CONNECT_TIMEOUT) -> None:
        """Connect, then receive until the connection ends. Reports everything as events."""
        self.state = ClientState.CONNECTING
        sock = self._connect(host, port, timeout)
        if sock is None:
            self.state = ClientState.CLOSED
            self._emit(EventKind.CLOSED, translate("client", "no connection was made"))
            return
        self._outbox.start()
        try:
            self._receive_loop(sock)
        finally:
            with self._lock:
                self._sock = None
                sock.close()
            self.state = ClientState.CLOSED
            self._outbox.stop(1.0)
            self._emit(EventKind.CLOSED, self._closed_sentence())

    def _closed_sentence(self) -> str:
        """close()'s event, one whole sentence for each way the connection ended."""
        ending = self._end_reason
        if ending is _Ending.ABORTED:
            return translate("client", "close(): the socket is closed (an RST was sent)")
        if ending is _Ending.CLOSED:
            return translate("client", "close(): the socket is closed (you closed the connection)")
        if ending is _Ending.FAILED:
            return translate("client", "close(): the socket is closed (the connection failed)")
        if ending is _Ending.SERVER_CLOSED:
            return translate("client",
                             "close(): the socket is closed (the server closed the connection)")
        return translate("client", "close(): the socket is closed (the connection ended)")

    def _connect(self, host: str, port: int, timeout: float) -> socket.socket | None:
        try:
            infos = self._resolve(host, port)
        except (socket.gaierror, UnicodeError) as exc:
            self._fail(explain_connect_error(socket.gaierror(str(exc)), host, port, timeout))
            return None
        except (OverflowError, ValueError):
            self._fail(translate("client", "Port {port} is not possible: choose 1 to 65535.")
                       .format(port=port))
            return None
        if infos is None:
            return None  # this side gave up while the name was being looked up
        last_error: BaseException | None = None
        for family, kind, proto, _, sockaddr in infos:
            sock = socket.socket(family, kind, proto)
            with self._lock:
                if self._end_reason is not None:
                    sock.close()
                    return None
                self._sock = sock
                self._port_seen = None  # the next address tried gets a port of its own
            where = format_address(sockaddr[0], sockaddr[1])
            self._emit(EventKind.SOCKET_CREATED,
                       translate("client", "socket({family}, SOCK_STREAM) created").format(
                           family="AF_INET6" if family == socket.AF_INET6 else "AF_INET"))
            self._emit(EventKind.CONNECTING,
                       translate("client", "waiting in connect() to {where}: the kernel sends "
                                           "SYN and waits for SYN+ACK (the three-way "
                                           "handshake)").format(where=where))
            sock.settimeout(timeout)
            try:
                sock.connect(sockaddr)
            except OSError as exc:
                with self._lock:
                    self._sock = None
                    sock.close()
                if self._end_reason is not None:
                    return None  # this side gave up while connecting: not an error
                last_error = exc
                if len(infos) > 1:
                    reason = explain_connect_error(exc, host, port, timeout)
                    self._emit(EventKind.CONNECTING,
                               translate("client", "connect() to {where} failed ({reason}); "
                                                   "trying the next address of {host}").format(
                                   where=where, reason=reason, host=host))
                continue
            with self._lock:
                # close() just before connect() started could not wake it (shutdown() of an
                # unconnected socket fails) and makes connect() return at once as if it
                # succeeded: this side gave up, so no connection is reported.
                if self._end_reason is not None:
                    self._sock = None
                    sock.close()
                    return None
            sock.settimeout(None)  # the receive loop blocks, as the notes' recv() does
            self.local_port = sock.getsockname()[1]
            self.peer = where
            self.state = ClientState.CONNECTED
            self._emit(EventKind.CONNECTED,
                       translate("client", "connect() returned: connected to {where} from "
                                           "local port {port} (handshake done; connect() makes "
                                           "no new socket)").format(
                           where=where, port=self.local_port))
            return sock
        assert last_error is not None
        self._fail(explain_connect_error(last_error, host, port, timeout))
        return None

    def _resolve(self, host: str, port: int) -> AddressList | None:
        """getaddrinfo(), on a daemon thread when a name must be looked up.

        A name lookup cannot be woken: done on the caller's thread it would make close()
        wait for a slow DNS server. Returns None when this side gave up meanwhile.
        """
        try:  # an address like 127.0.0.1 or ::1 needs no lookup: answered at once
            return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                      flags=socket.AI_NUMERICHOST)
        except socket.gaierror:
            pass
        self._emit(EventKind.CONNECTING,
                   translate("client", "getaddrinfo(): looking up the addresses of "
                                       "\"{host}\"").format(host=host))
        answer: list[AddressList | BaseException] = []

        def look_up() -> None:
            try:
                answer.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
            except BaseException as exc:  # handed to the waiting thread, which raises it
                answer.append(exc)
            finally:
                self._wake.set()

        threading.Thread(target=look_up, name=worker_name(f"{self.name} name lookup"),
                         daemon=True).start()
        self._wake.wait()
        if not answer:
            return None
        if isinstance(answer[0], BaseException):
            raise answer[0]
        addresses = answer[0]
        shown = ", ".join(format_address(info[4][0], info[4][1]) for info in addresses)
        self._emit(EventKind.CONNECTING,
                   translate("client", "getaddrinfo() found {host} at {addresses}").format(
                       host=host, addresses=shown))
        return addresses

    def _receive_loop(self, sock: socket.socket) -> None:
        while True:
            self._emit(EventKind.RECV_WAITING,
                       translate("client", "waiting in recv() for data from the server"))
            try:
                data = sock.recv(self._recv_size)
            except OSError as exc:
                if self._end_reason is None:
                    self._fail(explain_os_error(exc, self.peer))
                    self._end_reason = _Ending.FAILED
                return
            if not data:
                if self._end_reason is None:
                    self._emit(EventKind.PEER_CLOSED,
                               translate("client", "recv() returned 0: the server closed the "
                                                   "connection (a FIN arrived)"))
                    self._end_reason = _Ending.SERVER_CLOSED
                return
            self.bytes_in += len(data)
            self._emit(EventKind.RECEIVED, translate("client", "recv() returned {size} bytes")
                       .format(size=len(data)), data)

    # ---- requests from other threads ----


    def port_in_use(self) -> int | None:
        """This side's port: as soon as connect() has started (the kernel picks it then,
        before the handshake ends), not only once connect() returned. Any thread."""
        if self.local_port:
            return self.local_port
        if self._port_seen:
            return self._port_seen
        with self._lock:
            sock = self._sock
        if sock is None:
            return None
        try:
            port = sock.getsockname()[1]
        except OSError:
            return None  # closed meanwhile
        # Kept: the window asks every client's port for each connection its server
        # accepts, and a system call each time made 500 clients 250,000 of them.
        self._port_seen = port or None  # 0: connect() has not started yet
        return self._port_seen

    def send(self, data: bytes) -> bool:
        """Send, never blocking the caller; False if not connected (or nothing to send), or
        if MAX_QUEUED_SEND_BYTES already wait for a server that does not read (then
        `queued_bytes` says how many: the caller can say so, and nothing grows for ever).

        What the socket's send buffer takes at once is sent right here, so a message
        leaves without waiting for another thread to wake. The rest, and every send while
        earlier ones are still going out, is queued for the sender thread, in order.
        """
        if not data or self.state is not ClientState.CONNECTED:
            return False
        called_at = time.monotonic()
        written = 0
        with self._lock:
            if self.queued_bytes + len(data) > MAX_QUEUED_SEND_BYTES and self.queued_bytes:
                return False
            sock = self._sock
            if sock is not None and self._queued_sends == 0 and _CAN_SEND_WITHOUT_WAITING:
                try:
                    written = sock.send(data, socket.MSG_DONTWAIT)
                except OSError:
                    written = 0  # full, or failing: the sender thread waits or reports it
            if written < len(data):
                self._queued_sends += 1
                self.queued_bytes += len(data) - written
        if written == len(data):
            self.bytes_out += written
            self._emit(EventKind.SENT, translate("client", "send() wrote {size} bytes")
                       .format(size=written), data, at=called_at)
        else:
            self._outbox.put(lambda: self._send_now(data, written, called_at))
        return True

    def _send_now(self, data: bytes, already_sent: int, called_at: float) -> None:
        sent = already_sent  # what went out, reported even if the rest cannot
        try:
            with self._lock:
                sock = self._sock
                going_on = sock is not None and self.state is ClientState.CONNECTED
                self._sending = going_on  # under the lock: abort() then wakes this send
            if not going_on:
                return
            try:
                sendall_reporting_wait(sock, data[already_sent:], self._report_send_wait)
                sent = len(data)
            except OSError as exc:
                if self._end_reason is None:
                    self._fail(explain_os_error(exc, self.peer))
            finally:
                self._sending = False
        finally:
            with self._lock:
                self._queued_sends -= 1
                self.queued_bytes -= len(data) - already_sent
            if sent:
                self.bytes_out += sent
                # Stamped with the time send() was called: a fast peer's reply can be
                # received before this thread gets to report the send.
                self._emit(EventKind.SENT, translate("client", "send() wrote {size} bytes")
                           .format(size=sent), data[:sent], at=called_at)

    def _report_send_wait(self, left: int) -> None:
        self._emit(EventKind.SEND_WAITING,
                   translate("client", "waiting in send(): {size} bytes do not fit in the "
                                       "send buffer; the server is not reading as fast (TCP "
                                       "flow control)").format(size=f"{left:,}"))

    def half_close(self) -> bool:
        """shutdown(SHUT_WR): the server sees end-of-stream; its replies still arrive."""
        if self.state is not ClientState.CONNECTED:
            return False
        # Queued behind earlier sends, so the FIN follows the data the user already sent;
        # counted as a queued send, so no later send() goes out directly before it.
        with self._lock:
            self._queued_sends += 1
        self._outbox.put(self._half_close_now)
        return True

    def _half_close_now(self) -> None:
        with self._lock:
            self._queued_sends -= 1
            sock = self._sock
            if sock is None or self.state is not ClientState.CONNECTED:
                return
            try:
                sock.shutdown(socket.SHUT_WR)
                failure = None
            except OSError as exc:
                failure = explain_os_error(exc, self.peer)
            else:
                self.state = ClientState.HALF_CLOSED
        if failure is not None:  # reported outside the lock: a sink may wait
            self._fail(failure)
            return
        self._emit(EventKind.HALF_CLOSED,
                   translate("client", "shutdown(SHUT_WR): a FIN was sent; this side sends "
                                       "no more but still receives"))

    def close(self) -> None:
        """End the connection normally (FIN), or give up connecting."""
        self._end(_Ending.CLOSED, socket.SHUT_RDWR)

    def abort(self) -> None:
        """End the connection with a reset (RST): SO_LINGER with a zero timeout, then close."""
        with self._lock:
            sock = self._sock
            if sock is not None and self.state in (ClientState.CONNECTED, ClientState.HALF_CLOSED):
                try:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                except OSError:
                    pass
                self._emit(EventKind.ABORTED,
                           translate("client", "abort: SO_LINGER is 0, so close() sends RST "
                                               "instead of FIN"))
        # SHUT_RD only wakes recv(), sending nothing; the RST goes out when the receive loop
        # closes. A send blocked by flow control needs SHUT_WR too to wake: its FIN waits
        # behind the unsent data, so the RST still comes first.
        self._end(_Ending.ABORTED, socket.SHUT_RDWR if self._sending else socket.SHUT_RD)

    def _end(self, reason: _Ending, how: int) -> None:
        with self._lock:
            if self._end_reason is None:
                self._end_reason = reason
            self._wake.set()  # a name lookup in progress is abandoned
            sock = self._sock
            if sock is None:
                return
            try:
                # Wakes the thread blocked in connect() or recv(); that thread closes.
                sock.shutdown(how)
            except OSError:
                pass

    def _fail(self, sentence: str) -> None:
        self._emit(EventKind.ERROR, sentence)

    def _emit(self, kind: EventKind, detail: str, data: bytes = b"",
              at: float | None = None) -> None:
        self._sink(make_event(kind, None, self.name, detail, data=data, peer=self.peer, at=at))
