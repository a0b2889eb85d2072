"""The server's open connections, and what waits to be sent to each of them.

Chat relays and the manual replies of the person at the server go to a connection
through an outbox of its own: a client that reads slowly holds up only what is queued
for itself. What waits for one connection is bounded (ServerConfig.max_queued_bytes);
a client that reads nothing for ServerConfig.slow_reader_seconds while data waits for it
is disconnected, with a sentence saying why.
"""

from __future__ import annotations

import threading
import time

from netcore.config import ServerConfig
from netcore.errors import idle_sentence
from netcore.events import EventKind, Sink, make_event
from netcore.i18n import translate
from netcore.outbox import Outbox
from netcore.process_model import ChildHandle
from netcore.session import ConnectionSocket


class LocalHandle:
    """A connection served in this process (iterative loop or its own thread)."""

    def __init__(self, conn: ConnectionSocket, patience: float) -> None:
        self.conn = conn
        self.conn_id = conn.conn_id
        self.peer = conn.peer
        self.patience = patience  # how long a relay or manual reply waits for it to read
        self.queued_bytes = 0  # waiting in its outbox
        self.condemned = False  # disconnected for reading too slowly: send it nothing more
        self.idle_closed = False  # closed by the idle timeout: said once

    @property
    def last_activity(self) -> float:
        return self.conn.last_activity

    def deliver(self, data: bytes, worker: str) -> None:
        self.conn.send(data, worker, self.patience)

    def request_close(self, reason: str) -> None:
        self.conn.request_close(reason)


Handle = LocalHandle | ChildHandle


class ConnectionTable:
    """Thread-safe: the accept loop, workers, the child monitor and the window all use it."""

    def __init__(self, config: ServerConfig, sink: Sink, stopping: threading.Event) -> None:
        self._config = config
        self._sink = sink
        self._stopping = stopping
        self._handles: dict[int, Handle] = {}
        self._lock = threading.Lock()
        self._drained = threading.Condition(self._lock)  # some queued bytes were sent
        self._outboxes: dict[int, Outbox] = {}
        self._closed_outboxes: list[Outbox] = []  # ending; joined at shutdown

    def add(self, handle: Handle) -> None:
        with self._lock:
            self._handles[handle.conn_id] = handle

    def get(self, conn_id: int) -> Handle | None:
        with self._lock:
            return self._handles.get(conn_id)

    def count(self) -> int:
        with self._lock:
            return len(self._handles)

    def ids(self) -> list[int]:
        with self._lock:
            return sorted(self._handles)

    def all(self) -> list[Handle]:
        with self._lock:
            return list(self._handles.values())

    def others(self, conn_id: int) -> list[Handle]:
        with self._lock:
            return [h for other_id, h in self._handles.items() if other_id != conn_id]

    def close_idle(self, worker: str) -> None:
        """Close every connection that sent and was sent nothing for idle_seconds."""
        idle = self._config.idle_seconds
        now = time.monotonic()
        for handle in self.all():
            if handle.idle_closed or now - handle.last_activity < idle:
                continue
            handle.idle_closed = True
            self._sink(make_event(EventKind.ERROR, handle.conn_id, worker, idle_sentence(
                handle.conn_id, idle), peer=handle.peer))
            handle.request_close(translate("connection_table", "idle for {idle} seconds").format(
                idle=f"{idle:g}"))

    def forget(self, conn_id: int) -> None:
        """The connection ended: drop its handle and let its outbox finish and end."""
        with self._lock:
            self._handles.pop(conn_id, None)
            outbox = self._outboxes.pop(conn_id, None)
            if outbox is not None:
                outbox.close()
                self._closed_outboxes = [o for o in self._closed_outboxes if o.is_alive()]
                self._closed_outboxes.append(outbox)

    def wake_waiters(self) -> None:
        """A relay waiting for room re-checks why it waits (stop, disconnect)."""
        with self._drained:
            self._drained.notify_all()

    def take_outboxes(self) -> list[Outbox]:
        """At shutdown: every outbox, to be stopped and joined."""
        with self._lock:
            outboxes = [*self._outboxes.values(), *self._closed_outboxes]
            self._outboxes.clear()
            self._closed_outboxes = []
        return outboxes

    def queue(self, handle: Handle, data: bytes, wait_unless: threading.Event | None) -> bool:
        """Queue data for one connection's outbox, keeping what waits for it bounded.

        When more than max_queued_bytes already wait, a relaying worker waits for the
        queue to drain, which slows its sender down (TCP's own back-pressure), but at most
        slow_reader_seconds, and not once `wait_unless` is set (its own connection is
        closing): a client that drains nothing for that long is disconnected. Callers that
        must never wait (the window, the child monitor) pass None: past the limit, the
        client is disconnected at once.
        """
        limit = self._config.max_queued_bytes
        with self._drained:
            if (self._stopping.is_set() or handle.condemned
                    or handle.conn_id not in self._handles):
                return False
            outbox = self._outboxes.get(handle.conn_id)
            if outbox is None:
                outbox = self._outboxes[handle.conn_id] = Outbox(f"conn-{handle.conn_id} sender")
                outbox.start()
            patience = 0.0 if wait_unless is None else self._config.slow_reader_seconds
            give_up_at = time.monotonic() + patience
            while 0 < handle.queued_bytes and handle.queued_bytes + len(data) > limit:
                left = give_up_at - time.monotonic()
                if left <= 0 or handle.condemned or self._left_early(wait_unless):
                    break
                self._drained.wait(left)
            too_far_behind = 0 < handle.queued_bytes and handle.queued_bytes + len(data) > limit
            if too_far_behind and (handle.condemned or self._left_early(wait_unless)):
                return False  # not this client's fault: it is closing, or the sender is
            if too_far_behind:
                handle.condemned = True
            else:
                handle.queued_bytes += len(data)
        if too_far_behind:
            self._sink(make_event(
                EventKind.ERROR, handle.conn_id, outbox.name,
                translate("connection_table", "More than {limit} bytes wait to be sent to "
                                              "connection {conn_id}: it reads too slowly, so "
                                              "the server disconnects it.").format(
                    limit=f"{limit:,}", conn_id=handle.conn_id), peer=handle.peer))
            handle.request_close(translate("connection_table", "it fell too far behind"))
            return False

        def deliver() -> None:
            with self._drained:
                handle.queued_bytes -= len(data)
                self._drained.notify_all()
            handle.deliver(data, outbox.name)

        outbox.put(deliver)
        return True

    def _left_early(self, wait_unless: threading.Event | None) -> bool:
        """The server stops, or the waiting sender's own connection closes."""
        return self._stopping.is_set() or (wait_unless is not None and wait_unless.is_set())
