"""The parent's side of the process-per-client model: children, their pipes and a monitor.

Each accepted socket goes to a child started with the "spawn" method (a process that has
Qt loaded must never fork). One parent thread, the child monitor, waits on every child's
pipe and exit sentinel at once and forwards the children's events to the sink.
"""

from __future__ import annotations

import multiprocessing
import select
import selectors
import socket
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection

from netcore.child import event_from_tuple, serve_in_child
from netcore.child_priority import (give_ordinary_turns, lower_process, nice_for_children,
                                    server_nice_value)
from netcore.config import ServerConfig
from netcore.cpu import spread_over_all_cores
from netcore.events import Event, EventKind, Sink, make_event
from netcore.i18n import translate
from netcore.session import worker_name
from netcore.thread_names import name_system_thread

MONITOR_NAME = worker_name("child monitor")
STOP_GRACE_SECONDS = 1.0  # a child gets this long to close its socket before it is terminated
_spawn = multiprocessing.get_context("spawn")


class ChildHandle:
    """The parent's handle on one child process and the connection it serves."""

    def __init__(self, conn_id: int, peer: str, process: multiprocessing.process.BaseProcess,
                 pipe: Connection, sock: socket.socket, child_end: Connection,
                 nice_value: int | None = None) -> None:
        self.conn_id = conn_id
        self.peer = peer
        self.process = process
        self.pipe = pipe
        self.pipe_open = True
        self.saw_closed = False
        self._lock = threading.Lock()
        self.queued_bytes = 0  # waiting in the server's outbox for this child
        self.condemned = False  # disconnected for reading too slowly: send it nothing more
        self.terminated = False  # stopped by the server itself after the grace period
        self.finished = False  # its exit has been handled (ChildMonitor._finish)
        self.idle_closed = False  # closed by the idle timeout: said once
        self.last_activity = time.monotonic()  # its child's last recv or send (idle timeout)
        self._sock = sock
        self._child_end = child_end
        self.nice_value = nice_value  # the child's priority (netcore/child_priority.py)
        self._pipe_poller: select.poll | None = None  # see more_waiting

    def more_waiting(self) -> bool:
        """Whether more of the child's events (or its end) wait in the pipe. Asked once per
        batch under load: Connection.poll() builds a selector and registers the pipe each
        time it is called, which cost the child monitor more than reading the batch."""
        if not hasattr(select, "poll"):
            return self.pipe.poll()
        if self._pipe_poller is None:
            self._pipe_poller = select.poll()
            self._pipe_poller.register(self.pipe.fileno(), select.POLLIN)
        return bool(self._pipe_poller.poll(0))

    def start(self) -> None:
        """Spawn the child, then close the parent's copies of its socket and pipe end.

        With a priority (`nice_value`), it is lowered to it right after the spawn, while
        the new interpreter starts up (tens of milliseconds of CPU), and lowers itself
        again before it starts a thread (the call here reaches only its main thread).
        Without one (no share, or not yet given way: ChildMonitor.give_way), it runs at
        the server's."""
        try:
            self.process.start()
            if self.nice_value is not None:
                lower_process(self.process.pid, self.nice_value)
        finally:
            self._child_end.close()
            self._sock.close()
        self.last_activity = time.monotonic()  # spawning is not the client being idle

    def discard(self) -> None:
        """The child could not be started: close everything it was given."""
        with self._lock:
            self.pipe_open = False
            self.pipe.close()
        self._child_end.close()
        self._sock.close()

    def command(self, name: str, argument: object) -> None:
        """Send ("send", bytes) or ("close", reason) to the child; ignored once it is gone."""
        with self._lock:
            if not self.pipe_open:
                return
            try:
                self.pipe.send((name, argument))
            except OSError:
                pass  # the child exited; its sentinel tells the monitor

    def deliver(self, data: bytes, worker: str) -> None:
        self.command("send", data)

    def request_close(self, reason: str) -> None:
        """Ask the child to close, without making the caller (often the window) wait.

        The pipe may be busy with a send to this child, which waits at most the patience
        for a slow reader; a short-lived thread waits in its place.
        """
        threading.Thread(target=self.command, args=("close", reason),
                         name=worker_name(f"close conn-{self.conn_id}"),
                         daemon=True).start()


def prepare_child(sock: socket.socket, conn_id: int, peer: str, config: ServerConfig,
                  nice_value: int | None = None) -> ChildHandle:
    """A child to serve `sock`, with its pipe, not started yet (see ChildHandle.start);
    `nice_value`: its priority (ChildMonitor.nice_value_for_next_child)."""
    parent_end, child_end = _spawn.Pipe(duplex=True)
    process = _spawn.Process(
        target=serve_in_child,
        args=(sock, conn_id, peer, config.behaviour.value, config.recv_size,
              config.slow_reader_seconds, config.max_queued_bytes,
              config.child_event_data_bytes, child_end, config.framing.value,
              nice_value, config.child_sentences),
        name=worker_name(f"tcp-lab conn-{conn_id}"),
        daemon=True,  # a safety net: children never outlive the app
    )
    return ChildHandle(conn_id, peer, process, parent_end, sock, child_end, nice_value)


def _running(handle: ChildHandle) -> bool:
    """Under the monitor's lock: neither finished by the monitor nor reaped by a spawn
    (multiprocessing reaps its ended children then). Only then may its pid be reniced: an
    ended child's may be another program's already."""
    return not handle.finished and handle.process.exitcode is None


_PIPE, _EXIT = "pipe", "exit"  # what a child's selector key stands for
BATCHES_PER_TURN = 4  # batches of events read from one child's pipe before the others get a turn


class ChildMonitor:
    """Forwards every child's events and notices every child's exit, on one thread."""

    def __init__(self, sink: Sink, on_event: Callable[[ChildHandle, Event], None],
                 on_ended: Callable[[ChildHandle], None],
                 children_cpu_share: float | None = None,
                 give_way_when_asked: bool = False) -> None:
        self._sink = sink
        # None: every child at the server's priority (ServerConfig.children_cpu_share).
        self._children_cpu_share = children_cpu_share
        self._server_nice = server_nice_value() if children_cpu_share is not None else None
        # Whether the children run at the share yet (ServerConfig.children_give_way_when_asked).
        self._giving_way = not give_way_when_asked
        self._on_event = on_event
        self._on_ended = on_ended
        self._handles: dict[int, ChildHandle] = {}
        self._lock = threading.Lock()
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._selector = selectors.DefaultSelector()
        self._arrived: list[ChildHandle] = []  # added, not yet watched by the selector
        self._stop_deadline: float | None = None
        self._thread = threading.Thread(target=self._run, name=MONITOR_NAME, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def nice_value_for_next_child(self) -> int | None:
        """The priority of a child started now, beside those still running (see
        netcore/child_priority.py). Called by the one thread that starts children."""
        with self._lock:
            return self._nice_value_for(len(self._handles) + 1)

    def _nice_value_for(self, count: int) -> int | None:
        if self._server_nice is None or not self._giving_way:  # (None: no share)
            return None
        return nice_for_children(count, self._children_cpu_share, self._server_nice)

    def give_way(self) -> bool:
        """From now on the children run at their share: every running child is lowered, and
        so is every child started after. True the first time (when it changes anything).
        Any thread. A priority only ever falls (netcore/child_priority.py): it lasts until
        the server stops."""
        with self._lock:
            # Stopping: the children closing have their ordinary turns back (stop()).
            if self._giving_way or self._server_nice is None or self._stop_deadline is not None:
                return False
            self._giving_way = True
            nice_value = self._nice_value_for(len(self._handles))
            assert nice_value is not None
            for handle in self._handles.values():
                if _running(handle):
                    handle.nice_value = nice_value
                    lower_process(handle.process.pid, nice_value)
        return True

    def add(self, handle: ChildHandle) -> None:
        """Watch a started child; the others still running are lowered to its priority
        first (the monitor then reports its events after they are)."""
        nice_value = handle.nice_value
        with self._lock:
            self._handles[handle.conn_id] = handle
            if nice_value is None and self._giving_way and self._server_nice is not None:
                # Started at the server's priority just before the children gave way.
                nice_value = handle.nice_value = self._nice_value_for(len(self._handles))
                if nice_value is not None and _running(handle):
                    lower_process(handle.process.pid, nice_value)
            if nice_value is not None:
                for other in self._handles.values():
                    if other.nice_value is not None and other.nice_value < nice_value \
                            and _running(other):
                        other.nice_value = nice_value  # a few system calls, when it changes
                        lower_process(other.process.pid, nice_value)
            self._arrived.append(handle)  # registered by the monitor's own thread
        self._wake()

    def stop(self, timeout: float) -> None:
        """Ask every child to close, wait for them (terminating stragglers), end the thread."""
        with self._lock:
            handles = list(self._handles.values())
            self._stop_deadline = time.monotonic() + STOP_GRACE_SECONDS
            for handle in handles:
                if handle.nice_value is not None and _running(handle):
                    give_ordinary_turns(handle.process.pid, handle.nice_value)
        stopped = translate("process_model", "the server stopped")
        for handle in handles:
            handle.request_close(stopped)
        self._wake()
        if self._thread.ident is None:  # never started
            self._close_what_it_waits_on()
            return
        # The thread closes its selector and wake sockets as it ends: if it outlives the
        # timeout (a machine too busy to end the stragglers in time), it still waits on them.
        self._thread.join(timeout)

    def _close_what_it_waits_on(self) -> None:
        self._selector.close()
        self._wake_reader.close()
        self._wake_writer.close()

    def _wake(self) -> None:
        try:
            self._wake_writer.send(b"x")
        except OSError:
            pass

    def _run(self) -> None:
        name_system_thread(MONITOR_NAME)
        try:
            self._watch_children()
        finally:
            self._close_what_it_waits_on()

    def _watch_children(self) -> None:
        """One selector (epoll on Linux) holds every child's pipe and exit sentinel, each
        registered once: a wait costs the same for a hundred children as for one, where
        multiprocessing's wait() registered them all again every time (most of this
        thread's time, holding the GIL the window needs, in a hundred-client flood)."""
        # It shares the GIL with only the accept loop (and a window): it may use any core,
        # as the children it reads do (netcore/cpu.py).
        spread_over_all_cores()
        selector = self._selector
        selector.register(self._wake_reader, selectors.EVENT_READ, None)
        while True:
            with self._lock:
                arrived, self._arrived = self._arrived, []
                deadline = self._stop_deadline
                remaining = list(self._handles.values()) if deadline is not None else []
            for handle in arrived:
                selector.register(handle.pipe, selectors.EVENT_READ, (handle, _PIPE))
                selector.register(handle.process.sentinel, selectors.EVENT_READ,
                                  (handle, _EXIT))
            if deadline is not None and not remaining:
                return
            if deadline is not None:
                self._end_stragglers(remaining, deadline)
            for key, _ in selector.select(None if deadline is None else 0.1):
                if key.data is None:
                    self._wake_reader.recv(4096)
                    continue
                handle, what = key.data
                if handle.finished:
                    continue  # its exit came first in this same round
                if what is _EXIT:
                    selector.unregister(handle.process.sentinel)
                    if handle.pipe_open:
                        selector.unregister(handle.pipe)
                    self._finish(handle)
                    continue
                self._read_pipe(handle, BATCHES_PER_TURN)
                if not handle.pipe_open:  # the child closed it: its exit follows
                    selector.unregister(handle.pipe)

    def _read_pipe(self, handle: ChildHandle, most: int = 1) -> None:
        """Report up to `most` batches of the child's events that are already waiting.

        Taking what a busy child has already sent lets one wake-up of this thread carry
        many events (bounded, so every child gets its turn).
        """
        sink, on_event = self._sink, self._on_event
        for _ in range(most):
            try:
                batch = handle.pipe.recv()
            except (EOFError, OSError):
                handle.pipe_open = False
                return
            for values in batch:
                event = event_from_tuple(values)
                if event.kind is EventKind.CLOSED:
                    handle.saw_closed = True
                elif event.kind is EventKind.RECEIVED or event.kind is EventKind.SENT:
                    handle.last_activity = event.at  # one monotonic clock for all processes
                sink(event)
                on_event(handle, event)
            if not handle.more_waiting():
                return

    def _finish(self, handle: ChildHandle) -> None:
        """The child exited: report what it still had in the pipe, then its end."""
        with self._lock:  # before it is reaped: nobody lowers its pid after this (add())
            handle.finished = True
        while handle.pipe_open and handle.more_waiting():
            self._read_pipe(handle)
        with handle._lock:
            handle.pipe_open = False
            handle.pipe.close()
        handle.process.join()
        code = handle.process.exitcode
        if not handle.saw_closed:
            pid = handle.process.pid
            worker = worker_name(f"pid {pid}")
            if handle.terminated:
                ended = translate("process_model", "child process {pid} did not end in time "
                                  "after the server stopped, so it was ended (exit code "
                                  "{code}); connection {conn} is closed")
            else:
                ended = translate("process_model", "child process {pid} ended unexpectedly "
                                  "(exit code {code}); connection {conn} is closed")
            self._sink(make_event(
                EventKind.CLOSED, handle.conn_id, worker,
                ended.format(pid=pid, code=code, conn=handle.conn_id), peer=handle.peer))
            # It could not say so itself: its worker is gone too.
            self._sink(make_event(
                EventKind.WORKER_ENDED, handle.conn_id, worker,
                translate("process_model", "child process {pid} is gone").format(pid=pid),
                peer=handle.peer))
        with self._lock:
            self._handles.pop(handle.conn_id, None)
        self._on_ended(handle)

    @staticmethod
    def _end_stragglers(handles: list[ChildHandle], deadline: float) -> None:
        now = time.monotonic()
        for handle in handles:
            if now > deadline:
                handle.terminated = True
            if now > deadline + STOP_GRACE_SECONDS / 2:
                handle.process.kill()
            elif now > deadline:
                handle.process.terminate()
