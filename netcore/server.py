"""The TCP server: socket, bind, listen, then serving in one of four models.

    server = Server(ServerConfig(port=0, model=ServerModel.THREAD), sink)
    host, port = server.open()     # socket(), bind(), listen(): errors raise NetError
    server.serve_forever()          # the accept loop; returns after stop()
    server.stop()                   # from any thread: wakes every blocked call

Every call that can block is reported before it blocks and after it returns.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
import threading
import time
from collections.abc import Callable

from netcore.config import Behaviour, ServerConfig, ServerModel
from netcore.errors import (NetError, explain_accept_pause, explain_bind_error, explain_os_error,
                            format_address)
from netcore.events import Event, EventKind, Sink, make_event
from netcore.framing import Framing, reframe
from netcore.i18n import translate
from netcore.limits import descriptors_left
from netcore.connection_table import ConnectionTable, Handle, LocalHandle
from netcore.process_model import ChildHandle, ChildMonitor, prepare_child
from netcore.select_model import WORKER as SELECT_WORKER, SelectLoop, accept_held_sentence
from netcore.server_sending import ServerSending
from netcore.session import ConnectionSocket, refuse_full, serve_connection, worker_name
from netcore.thread_names import connection_thread_name, name_system_thread
from netcore.worker_names import shown_worker

STOP_TIMEOUT_SECONDS = 1.5  # the whole stop, all workers included, must fit well inside 2 s
# accept() failures that pass when resources free up: keep serving, retry shortly.
RETRYABLE_ACCEPT_ERRORS = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})
ACCEPT_RETRY_SECONDS = 0.1
IDLE_CHECK_SECONDS = 1.0  # how often idle connections are looked for, at most
# Descriptors the server process needs free to start a process-model child. Measured on
# Linux: a child keeps 3 of the parent's (its pipe, its exit sentinel...); while it is
# spawned, the accepted socket, the child's end of the pipe and spawn's own pipe are open
# too. One or two to spare.
DESCRIPTORS_PER_CHILD = 8
IDLE_WATCH = worker_name("idle watch")  # the thread, and the worker named in its closes


class Server(ServerSending):
    """One listening socket and the connections it accepted, served by the chosen model."""

    def __init__(self, config: ServerConfig, sink: Sink) -> None:
        self.config = config
        self._sink = sink
        self._listener: socket.socket | None = None
        self._address: tuple[str, int] | None = None
        self._stopping = threading.Event()
        self._connections = ConnectionTable(config, sink, self._stopping)
        # Every connection thread still running, kept apart from the table: a thread
        # leaves the table before it reports its end, and the stop must wait for it too.
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()  # _threads and _next_conn_id
        self._next_conn_id = 1
        self._monitor: ChildMonitor | None = None
        self._idle_watch: threading.Thread | None = None
        self._select_loop: SelectLoop | None = None
        self._loop_name = {ServerModel.ITERATIVE: worker_name("main loop"),
                           ServerModel.SELECT: SELECT_WORKER}.get(config.model,
                                                                  worker_name("accept loop"))

    # ---- setting up: socket(), bind(), listen() ----

    @property
    def address(self) -> tuple[str, int] | None:
        """(host, port) actually listened on, once open() succeeded."""
        return self._address

    def open(self) -> tuple[str, int]:
        """Create, bind and listen; returns the address. Raises NetError with a sentence."""
        host, port, worker = self.config.host, self.config.port, self._loop_name
        try:
            infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM,
                                       flags=socket.AI_PASSIVE)
        except socket.gaierror as exc:
            raise NetError(translate("server", "\"{host}\" is not an address of this "
                                     "computer, nor a name that could be found. Use "
                                     "127.0.0.1, or 0.0.0.0 to let other computers connect.")
                           .format(host=host)) from exc
        except (OverflowError, ValueError) as exc:
            raise NetError(translate("server", "Port {port} is not possible: choose 0 to 65535.")
                           .format(port=port)) from exc
        family, kind, proto, _, sockaddr = infos[0]
        listener = socket.socket(family, kind, proto)
        self._emit(EventKind.SOCKET_CREATED, None, worker,
                   translate("server", "socket({family}, SOCK_STREAM) created the listening "
                             "socket").format(family=_family_name(family)))
        call = "bind()"
        try:
            # Without SO_REUSEADDR a restart right after a stop fails while old connections
            # sit in TIME_WAIT on this port.
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(sockaddr)
            bound_host, bound_port = listener.getsockname()[:2]
            self._emit(EventKind.BOUND, None, worker,
                       translate("server", "bind() gave the socket the address {address}")
                       .format(address=format_address(bound_host, bound_port)))
            call = "listen()"
            listener.listen(self.config.backlog)
        except OSError as exc:
            listener.close()
            sentence = explain_bind_error(exc, host, port)
            self._emit(EventKind.ERROR, None, worker,
                       translate("server", "{call} failed: {sentence}").format(
                           call=call, sentence=sentence))
            raise NetError(sentence, exc.errno) from exc
        self._emit(EventKind.LISTENING, None, worker,
                   translate("server", "listen(backlog={backlog}): the kernel now completes "
                             "handshakes on {address} and queues them").format(
                       backlog=self.config.backlog,
                       address=format_address(bound_host, bound_port)))
        self._listener = listener
        self._address = (bound_host, bound_port)
        return self._address

    # ---- the accept loop ----

    def serve_forever(self) -> None:
        """Accept and serve until stop(); then end every worker and close every socket."""
        if self._listener is None:
            raise RuntimeError("open() the server before serving")
        name_system_thread(SELECT_WORKER if self.config.model is ServerModel.SELECT
                           else self._loop_name)
        try:
            if self.config.model is ServerModel.SELECT:
                self._run_select_loop(self._listener)
                return
            if self.config.model is ServerModel.PROCESS:
                monitor = ChildMonitor(self._sink, self._after_child_event, self._forget_child,
                                       self.config.children_cpu_share,
                                       self.config.children_give_way_when_asked)
                monitor.start()
                self._monitor = monitor
            if self.config.idle_seconds > 0:
                self._idle_watch = threading.Thread(target=self._close_idle_connections,
                                                    name=IDLE_WATCH, daemon=True)
                self._idle_watch.start()
            self._accept_loop(self._listener)
        finally:
            self._shut_down(self._listener)

    def _run_select_loop(self, listener: socket.socket) -> None:
        with self._lock:  # stop() wakes the loop once it exists, or finds `_stopping` set first
            loop = self._select_loop = SelectLoop(listener, self.config, self._sink,
                                                  self._stopping, self._take_conn_id)
        loop.run()

    def _take_conn_id(self) -> int:
        with self._lock:
            conn_id = self._next_conn_id
            self._next_conn_id += 1
        return conn_id

    def _accept_loop(self, listener: socket.socket) -> None:
        worker = self._loop_name
        if not self.config.accept_clients:
            self._emit(EventKind.ACCEPT_HELD, None, worker, accept_held_sentence())
            self._stopping.wait()
            return
        failing_errno: int | None = None  # a resource error is reported once, not per retry
        waiting_text = translate("server", "waiting in accept() for a client")
        while not self._stopping.is_set():
            if failing_errno is None:
                self._emit(EventKind.ACCEPT_WAITING, None, worker, waiting_text)
            try:
                self._check_room_for_a_child()
                sock, peer_address = listener.accept()
            except OSError as exc:
                if self._stopping.is_set():
                    return
                if exc.errno == errno.ECONNABORTED:
                    continue  # a client gave up while queued: nothing to serve, nothing wrong
                if exc.errno not in RETRYABLE_ACCEPT_ERRORS:
                    self._emit(EventKind.ERROR, None, worker, explain_os_error(exc))
                    return
                if exc.errno != failing_errno:  # once, not at every retry
                    self._emit(EventKind.ERROR, None, worker, explain_accept_pause(exc))
                    failing_errno = exc.errno
                self._stopping.wait(ACCEPT_RETRY_SECONDS)  # let resources free up, then retry
                continue
            failing_errno = None
            if self._stopping.is_set():
                sock.close()  # the wake-up connection of a non-Linux stop, or a late client
                return
            self._serve_accepted(sock, format_address(*peer_address[:2]), worker)

    def _check_room_for_a_child(self) -> None:
        """Process model: raise EMFILE before accept() if a child could not be started.

        Starting a child takes several of the parent's descriptors (its pipe, spawn's
        own), not only the accepted socket. A client accepted without them would be
        dropped; left in the listen queue, it is accepted once some child has ended."""
        if self.config.model is not ServerModel.PROCESS:
            return
        left = descriptors_left()
        if left is not None and left < DESCRIPTORS_PER_CHILD:
            raise OSError(errno.EMFILE, os.strerror(errno.EMFILE))

    def _serve_accepted(self, sock: socket.socket, peer: str, worker: str) -> None:
        accepted_at = time.monotonic()  # reported once the connection can be sent to
        conn_id = self._take_conn_id()
        active = self._connections.count()
        if active >= self.config.max_connections:
            refuse_full(sock, conn_id, peer, worker, self.config.max_connections, self._sink)
            return

        def report_accepted() -> None:
            self._sink(make_event(
                EventKind.ACCEPTED, conn_id, worker,
                translate("server", "accept() returned connection {conn} from {peer} (a new "
                          "socket; the listening socket keeps listening)").format(
                    conn=conn_id, peer=peer), peer=peer, at=accepted_at))

        if self.config.model is ServerModel.ITERATIVE:
            conn = ConnectionSocket(sock, conn_id, peer, self._sink)
            self._register(conn_id, LocalHandle(conn, self.config.slow_reader_seconds))
            report_accepted()
            self._serve_local(conn, worker)
            return
        try:
            self._start_worker(sock, conn_id, peer, report_accepted)
        except Exception as exc:  # no thread or child could be started: say so, keep serving
            self._connections.forget(conn_id)
            sock.close()
            reason = explain_os_error(exc) if isinstance(exc, OSError) else str(exc).strip()
            self._emit(EventKind.ERROR, conn_id, worker,
                       translate("server", "No worker could be started for connection "
                                 "{conn}, so it is closed; the server keeps accepting. "
                                 "Reason: {reason}").format(conn=conn_id, reason=reason),
                       peer=peer)
            self._emit(EventKind.CLOSED, conn_id, worker,
                       translate("server", "close(): connection {conn} closed (no worker)")
                       .format(conn=conn_id), peer=peer)

    def _start_worker(self, sock: socket.socket, conn_id: int, peer: str,
                      report_accepted: Callable[[], None]) -> None:
        """Thread per client: pthread_create(); process per client: fork() (spawn here).

        The connection is registered before ACCEPTED is reported, so whoever sees it
        appear (the window's manual panel) can send to it at once.
        """
        if self.config.model is ServerModel.PROCESS:
            assert self._monitor is not None
            handle = prepare_child(sock, conn_id, peer, self.config,
                                   self._monitor.nice_value_for_next_child())
            self._register(conn_id, handle)
            report_accepted()
            try:
                handle.start()  # what it is sent meanwhile waits in its pipe
            except BaseException:
                handle.discard()
                raise
            self._monitor.add(handle)
            return
        conn = ConnectionSocket(sock, conn_id, peer, self._sink)
        thread_name = worker_name(f"thread conn-{conn_id}")
        thread = threading.Thread(target=self._serve_in_thread, args=(conn, thread_name),
                                  name=thread_name, daemon=True)
        self._register(conn_id, LocalHandle(conn, self.config.slow_reader_seconds))
        report_accepted()
        thread.start()
        with self._lock:  # only started threads: stop() joins every one of them
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)

    def _serve_in_thread(self, conn: ConnectionSocket, worker: str) -> None:
        name_system_thread(connection_thread_name(conn.conn_id))
        self._emit(EventKind.WORKER_STARTED, conn.conn_id, worker,
                   translate("server", "pthread_create(): {worker} serves connection {conn}")
                   .format(worker=shown_worker(worker), conn=conn.conn_id), peer=conn.peer)
        self._serve_local(conn, worker)
        self._emit(EventKind.WORKER_ENDED, conn.conn_id, worker,
                   translate("server", "{worker} ends").format(worker=shown_worker(worker)),
                   peer=conn.peer)

    def _serve_local(self, conn: ConnectionSocket, worker: str) -> None:
        on_received = self._relay if self.config.behaviour is Behaviour.CHAT else None
        try:
            serve_connection(conn, worker, self.config.behaviour, self.config.recv_size,
                             on_received, self.config.framing, self.config.max_queued_bytes)
        finally:
            self._connections.forget(conn.conn_id)

    def _register(self, conn_id: int, handle: Handle) -> None:
        self._connections.add(handle)
        if self._stopping.is_set():
            handle.request_close(translate("server", "the server stopped"))

    def _close_idle_connections(self) -> None:
        """The idle timeout, for the models whose workers block in recv(): a watcher
        looks now and then, and wakes an idle connection's worker to close it."""
        name_system_thread(IDLE_WATCH)
        check_every = min(IDLE_CHECK_SECONDS, self.config.idle_seconds / 4)
        while not self._stopping.wait(check_every):
            self._connections.close_idle(IDLE_WATCH)

    # ---- the process model's callbacks (run on the child monitor thread) ----

    def _after_child_event(self, handle: ChildHandle, event: Event) -> None:
        if self.config.behaviour is not Behaviour.CHAT:
            return  # (called for every event of every child: the usual case first)
        # With a framing, a chat relays whole messages (re-framed), never half a line.
        relayed = EventKind.RECEIVED if self.config.framing is Framing.NONE else EventKind.MESSAGE
        if event.kind is relayed:
            # Never waits: this thread reads every child's pipe, and a wait here would
            # stall the very children whose sends would make room.
            data = event.data if relayed is EventKind.RECEIVED else reframe(self.config.framing,
                                                                            event.data)
            self._relay_from(handle.conn_id, data, None)

    def children_give_way(self) -> bool:
        """A process-per-client server's children run at ServerConfig.children_cpu_share
        from now on (see children_give_way_when_asked); True if this lowered them. Any
        thread; nothing in the other models."""
        monitor = self._monitor
        return monitor is not None and monitor.give_way()

    def _forget_child(self, handle: ChildHandle) -> None:
        self._connections.forget(handle.conn_id)

    # ---- stopping ----

    def stop(self) -> None:
        """Wake the accept loop and every worker; serve_forever() then cleans up and returns.

        Safe from any thread, any number of times. On Linux, shutdown() wakes a thread
        blocked in accept() (closing from another thread would not); elsewhere a
        connection to ourselves does.
        """
        if self._stopping.is_set():
            return
        with self._lock:
            self._stopping.set()
            select_loop = self._select_loop
        if select_loop is not None:
            select_loop.wake()
        self._connections.wake_waiters()  # a relay waiting for room gives up now
        listener, address = self._listener, self._address
        if listener is None:
            return
        try:
            listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        if not sys.platform.startswith("linux") and address is not None:
            _connect_to_wake(address)
        stopped = translate("server", "the server stopped")
        for handle in self._connections.all():
            handle.request_close(stopped)

    def _shut_down(self, listener: socket.socket) -> None:
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        self.stop()
        if self._monitor is not None:
            self._monitor.stop(max(0.1, deadline - time.monotonic()))
        with self._lock:
            threads = list(self._threads)
        if self._idle_watch is not None:
            threads.append(self._idle_watch)
        for thread in threads:
            thread.join(max(0.05, deadline - time.monotonic()))
        for outbox in self._connections.take_outboxes():
            outbox.stop(max(0.05, deadline - time.monotonic()))
        listener.close()
        self._emit(EventKind.CLOSED, None, self._loop_name,
                   translate("server", "close(): the listening socket is closed; no new "
                             "client can connect"))
        self._emit(EventKind.STOPPED, None, self._loop_name,
                   translate("server", "the server stopped"))

    def _emit(self, kind: EventKind, conn: int | None, worker: str, detail: str,
              peer: str = "") -> None:
        self._sink(make_event(kind, conn, worker, detail, peer=peer))


def _family_name(family: int) -> str:
    return "AF_INET6" if family == socket.AF_INET6 else "AF_INET"


def _connect_to_wake(address: tuple[str, int]) -> None:
    host = "127.0.0.1" if address[0] in ("0.0.0.0", "") else address[0]
    host = "::1" if host == "::" else host
    try:
        socket.create_connection((host, address[1]), timeout=0.5).close()
    except OSError:
        pass
