"""The events the socket engine reports: one small immutable value per thing a user can see."""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import Enum, auto
from typing import NamedTuple


class EventKind(Enum):
    """Everything a socket call, a worker or the kernel can be seen doing."""

    # Enum's own __hash__ is Python code (it hashes the name); every set or dict lookup of
    # a kind, a few per event in the window, paid for it. Members are singletons compared
    # by identity, so hashing by identity is just as correct, and runs in C.
    __hash__ = object.__hash__

    # A member's value is its name in lower case, words apart: RECV_WAITING is "recv
    # waiting". Values are identifiers, not text shown to a person (a child process sends
    # them to its parent); the few that differ from the name are spelled out.
    def _generate_next_value_(name: str, start: int, count: int, last_values: list) -> str:
        return name.lower().replace("_", " ")

    SOCKET_CREATED = "socket"
    BOUND = "bind"
    LISTENING = "listen"
    ACCEPT_WAITING = auto()
    ACCEPT_HELD = auto()  # the server was asked not to call accept(): the queue fills
    SELECT_WAITING = auto()  # the one-thread server waits for any socket to be ready
    ACCEPTED = auto()
    REFUSED_FULL = auto()
    CONNECTING = auto()
    CONNECTED = auto()
    RECV_WAITING = auto()
    RECEIVED = auto()
    MESSAGE = auto()  # a whole message, put together from what recv() returned (framing)
    SEND_WAITING = auto()
    SENT = auto()
    PEER_CLOSED = auto()
    HALF_CLOSED = auto()
    CLOSED = auto()
    ABORTED = auto()
    WORKER_STARTED = auto()
    WORKER_ENDED = auto()
    ERROR = auto()
    STOPPED = auto()


# Kinds that carry bytes and can come thousands of times a second: they cross to the
# window in batches. Every other kind is a lifecycle step and crosses on its own.
DATA_KINDS: frozenset[EventKind] = frozenset(
    {EventKind.RECEIVED, EventKind.SENT, EventKind.MESSAGE, EventKind.RECV_WAITING,
     EventKind.SELECT_WAITING}
)


class Event(NamedTuple):
    """One thing that happened, reported by the thread or child process it happened in.

    Immutable, like a frozen dataclass, but built about five times faster: a server
    reports two or three events per message, and that cost is paid on every recv().

    `conn` is the connection's id (None for the listening socket or a client's own
    lifecycle before it is connected); `worker` names who did it: "accept loop",
    "thread conn-3", "pid 41237", "client 2". `detail` is a plain-language sentence.
    """

    kind: EventKind
    at: float
    conn: int | None
    worker: str
    data: bytes = b""
    detail: str = ""
    peer: str = ""
    # How many bytes the call moved: always exact. `data` may hold only the start of them:
    # a window keeps a preview (its memory is bounded), and a process-model child sends
    # its parent a preview unless ServerConfig.child_event_data_bytes is None.
    size: int = 0
    # How many calls this event stands for: 1 as netcore reports them. A window that folds
    # a flood of one connection's data events into one line adds them up (sizes too).
    count: int = 1


_monotonic = time.monotonic
# build_event(Event, (kind, at, conn, worker, data, detail, peer, size, count)): the same
# value as Event(...), built in C. Event(...) runs NamedTuple's __new__, Python code, in
# more than twice the time; for events built once per message, or per event forwarded.
# Every field must be given, in order: a missing one would not get its default.
build_event = tuple.__new__
# Receives every event. It must be thread-safe and quick: it is called from socket loops.
Sink = Callable[[Event], None]


def make_event(
    kind: EventKind,
    conn: int | None,
    worker: str,
    detail: str = "",
    data: bytes = b"",
    peer: str = "",
    at: float | None = None,
) -> Event:
    """Build an event stamped with `at`, or with the current monotonic time."""
    return Event(kind, _monotonic() if at is None else at, conn, worker, data, detail, peer,
                 len(data))


def discard(event: Event) -> None:
    """A sink that drops everything: for benchmarks and callers that only want the sockets."""
