"""What runs inside a child process of the process-per-client server.

The child is started with the "spawn" method (never fork a process that has Qt loaded), so
this module, and everything it imports, must stay free of Qt. It serves the one accepted
socket it was given and sends its events back to the parent over a pipe, as plain tuples.
"""

from __future__ import annotations

import functools
import os
import signal
import socket
import threading
from multiprocessing.connection import Connection

from netcore.behaviour import Behaviour
from netcore.child_priority import lower_myself
from netcore.events import DATA_KINDS, Event, EventKind, build_event, make_event
from netcore.cpu import spread_over_all_cores
from netcore.framing import Framing
from netcore.i18n import Sentence, install_sentences, translate
from netcore.outbox import Outbox
from netcore.session import ConnectionSocket, serve_connection, worker_name

EventTuple = tuple[str, float, "int | None", str, bytes, str, str, int]
# Data events wait this long at most in the child, so that a busy child sends its parent a
# few batches a second instead of a message per event: the parent reads every child's
# pipe on one thread, and a message costs it two reads and an unpickling. Any other
# event is sent at once, with what waits before it.
BATCH_SECONDS = 0.005
MAX_BATCH = 256


def event_to_tuple(event: Event, data_bytes: int | None = None) -> EventTuple:
    """Events cross the pipe as tuples of plain values: cheap and portable to pickle.
    With `data_bytes`, only that much of the data crosses (the size stays exact)."""
    data = event.data if data_bytes is None else event.data[:data_bytes]
    return (event.kind.value, event.at, event.conn, event.worker, data, event.detail,
            event.peer, event.size)


_KIND_OF_VALUE = {kind.value: kind for kind in EventKind}  # EventKind(value) is slower


def event_from_tuple(values: EventTuple) -> Event:
    kind, at, conn, worker, data, detail, peer, size = values
    return build_event(Event, (_KIND_OF_VALUE[kind], at, conn, worker, data, detail, peer,
                               size, 1))


class ReportToParent:
    """The child's sink: its events go to the parent over the pipe, in batches (lists).

    Thread-safe: the serving loop, the parent's commands and the sender all report.
    """

    def __init__(self, pipe: Connection, data_bytes: int | None, relayed_whole: bool) -> None:
        self._pipe = pipe
        self._data_bytes = data_bytes
        self._relayed_whole = relayed_whole  # a chat: received data crosses whole
        self._lock = threading.Lock()  # the batch; held only to add to it or swap it
        self._waiting = threading.Condition(self._lock)
        # Held while a batch goes down the pipe, so that batches keep their order. Not
        # the batch's lock: the serving loop would otherwise wait for each pickling and
        # write to add its next event (py-spy: a quarter of its time under a flood).
        self._sending = threading.Lock()
        self._batch: list[EventTuple] = []
        self._closed = False
        self._flusher = threading.Thread(target=self._send_batches_in_time,
                                         name=worker_name("events to parent"),
                                         daemon=True)
        self._flusher.start()

    def __call__(self, event: Event) -> None:
        kind = event.kind
        keep_all = self._relayed_whole and (kind is EventKind.RECEIVED
                                            or kind is EventKind.MESSAGE)
        values = event_to_tuple(event, None if keep_all else self._data_bytes)
        with self._lock:
            self._batch.append(values)
            # After close() the flusher is gone: a late report (a queued reply finishing
            # as the connection closes) goes at once.
            if kind in DATA_KINDS and len(self._batch) < MAX_BATCH and not self._closed:
                if len(self._batch) == 1:
                    self._waiting.notify()  # the flusher sends it in BATCH_SECONDS
                return
        self._send_batch()

    def close(self) -> None:
        """Send what waits, and end the flusher."""
        with self._lock:
            self._closed = True
            self._waiting.notify()
        self._send_batch()
        self._flusher.join(1.0)

    def _send_batches_in_time(self) -> None:
        while True:
            with self._lock:
                self._waiting.wait_for(lambda: self._batch or self._closed)
                if self._closed:
                    return  # close() sends what is left
                self._waiting.wait(BATCH_SECONDS)  # more may come meanwhile
            self._send_batch()

    def _send_batch(self) -> None:
        """Sends what waits, after any batch another thread is sending."""
        with self._sending:
            with self._lock:
                if not self._batch:
                    return
                batch, self._batch = self._batch, []
            try:
                self._pipe.send(batch)
            except OSError:
                pass  # the parent is gone; the connection ends when its commands stop


def serve_in_child(sock: socket.socket, conn_id: int, peer: str, behaviour_name: str,
                   recv_size: int, patience: float, max_queued_bytes: int,
                   event_data_bytes: int | None, pipe: Connection,
                   framing_name: str = Framing.NONE.value, nice_value: int | None = None,
                   sentences: tuple[Sentence, ...] = ()) -> None:
    """The child's entry point: serve one connection, obey the parent's commands, report.

    `nice_value`: its priority (ServerConfig), set before it starts a thread (each
    inherits it); `sentences`: what it reports, in its window's language
    (netcore/i18n.py)."""
    if nice_value is not None:
        lower_myself(nice_value)
    install_sentences(sentences)
    # Ctrl+C in a terminal reaches the whole process group, children too. The parent stops
    # its children itself (each closes its connection when told, or when the pipe breaks);
    # without this, every child would also die printing a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    spread_over_all_cores()  # an interpreter of its own: it need not share the window's core
    worker = worker_name(f"pid {os.getpid()}")
    behaviour = Behaviour(behaviour_name)
    send_to_parent = ReportToParent(pipe, event_data_bytes, behaviour is Behaviour.CHAT)
    conn = ConnectionSocket(sock, conn_id, peer, send_to_parent)
    send_to_parent(make_event(EventKind.WORKER_STARTED, conn_id, worker,
                              translate("child", "child process {pid} serves connection "
                                        "{conn} (fork() in the notes)").format(
                                  pid=os.getpid(), conn=conn_id), peer=peer))
    commands = threading.Thread(target=obey_parent, args=(conn, pipe, worker, patience, max_queued_bytes),
                                name=worker_name("parent commands"), daemon=True)
    commands.start()
    try:
        serve_connection(conn, worker, behaviour, recv_size, None, Framing(framing_name),
                         max_queued_bytes)
        send_to_parent(make_event(EventKind.WORKER_ENDED, conn_id, worker,
                                  translate("child", "child process {pid} exits").format(
                                      pid=os.getpid()), peer=peer))
    finally:
        send_to_parent.close()


def obey_parent(conn: ConnectionSocket, pipe: Connection, worker: str, patience: float,
                max_queued_bytes: int) -> None:
    """Carry out the parent's ("send", bytes) and ("close", reason) commands.

    This thread only reads the pipe; sends wait in a queue of their own, so a "close"
    is obeyed at once even while a send waits for a slow client, and the parent's reads
    of this pipe never stall. When the pipe breaks (the parent died or stopped), the
    connection is closed too, so no orphan child keeps serving.
    """
    sender = Outbox(worker_name("parent's sends"))
    sender.start()
    queued = QueuedBytes()

    def send_now(data: bytes) -> None:
        queued.remove(len(data))
        conn.send(data, worker, patience)

    try:
        while True:
            try:
                command, argument = pipe.recv()
            except (EOFError, OSError):
                conn.request_close(translate("child", "the server stopped"))
                return
            if command == "close":
                conn.request_close(argument)
                return
            if command == "send" and queued.add(len(argument), max_queued_bytes):
                sender.put(functools.partial(send_now, argument))
            elif command == "send" and conn.close_reason is None:
                conn.sink(make_event(
                    EventKind.ERROR, conn.conn_id, worker,
                    translate("child", "More than {limit} bytes wait to be sent to "
                              "connection {conn}: it reads too slowly, so the server "
                              "disconnects it.").format(limit=f"{max_queued_bytes:,}",
                                                        conn=conn.conn_id),
                    peer=conn.peer))
                conn.request_close(translate("child", "it fell too far behind"))
    finally:
        sender.close()  # the connection is closing: what is left fails at once


class QueuedBytes:
    """A thread-safe count of bytes waiting to be sent, with a limit."""

    def __init__(self) -> None:
        self._count = 0
        self._lock = threading.Lock()

    def add(self, size: int, limit: int) -> bool:
        with self._lock:
            if self._count and self._count + size > limit:
                return False
            self._count += size
            return True

    def remove(self, size: int) -> None:
        with self._lock:
            self._count -= size
