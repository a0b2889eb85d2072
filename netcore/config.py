"""What a server is asked to be: its address, its concurrency model and what it does with data."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

# Behaviour lives apart, for the process model's children: they need it, and importing this
# module's dataclass machinery would cost each child ~8 ms of its start. Imported from here
# too, as ever.
from netcore.behaviour import Behaviour
from netcore.framing import Framing


class ServerModel(Enum):
    """How the server serves several clients (the heart of the course notes)."""

    ITERATIVE = "iterative"  # one loop: accept, serve that client until it leaves, accept again
    THREAD = "thread"  # accept loop; a thread per accepted connection (pthread_create)
    PROCESS = "process"  # accept loop; a child process per accepted connection (fork)
    SELECT = "select"  # one thread serves every connection, asking select()/epoll which are ready


DEFAULT_HOST = "127.0.0.1"
DEFAULT_BACKLOG = 16
DEFAULT_MAX_CONNECTIONS = 64
DEFAULT_RECV_SIZE = 65536
# Chat relays and manual replies wait this long for a client to read before the server
# gives up on it, and queue at most this much for it: one stalled client never holds up
# the others, nor makes the app's memory grow without end.
DEFAULT_SLOW_READER_SECONDS = 5.0
DEFAULT_MAX_QUEUED_BYTES = 8 * 1024 * 1024
# A connection that sends nothing and is sent nothing for this long is closed by the
# server: a peer that connects and goes quiet cannot hold a worker for ever. 0: never.
DEFAULT_IDLE_SECONDS = 600.0
# How much of each event's data a process-per-client child sends its parent (the size
# stays exact): as much as a window shows of it. Every byte of it crosses a pipe and is
# pickled; with all of it, copying the data twice more was most of the model's cost.
DEFAULT_CHILD_EVENT_DATA_BYTES = 512


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """Settings of one server. Port 0 asks the system for any free port."""

    host: str = DEFAULT_HOST
    port: int = 0
    model: ServerModel = ServerModel.THREAD
    behaviour: Behaviour = Behaviour.ECHO
    backlog: int = DEFAULT_BACKLOG
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    recv_size: int = DEFAULT_RECV_SIZE
    slow_reader_seconds: float = DEFAULT_SLOW_READER_SECONDS
    max_queued_bytes: int = DEFAULT_MAX_QUEUED_BYTES
    idle_seconds: float = DEFAULT_IDLE_SECONDS
    # None: children report all of every event's data (what `tcp-lab serve --json` prints).
    # A chat's received messages always cross whole: the parent relays them.
    child_event_data_bytes: int | None = DEFAULT_CHILD_EVENT_DATA_BYTES
    # False: the server listens but never calls accept(), so clients finish the handshake
    # in the kernel and wait in the listen queue (the backlog demo shows it filling up).
    accept_clients: bool = True
    # How the server finds messages in the stream; NONE: it handles each recv() as it is.
    framing: Framing = Framing.NONE
    # Unix: the process-per-client children run below the server's OS priority, from the
    # moment each is spawned (or from children_give_way() on: below), so that together they weigh about this share of one program
    # at the server's priority, as far as nice 19 allows (netcore/child_priority.py). The
    # window lowers its children so a hundred of them, starting up or busy, leave it its
    # turn. None: each child runs at the server's priority.
    children_cpu_share: float | None = None
    # With a share: the children run at the server's priority until Server.children_give_way()
    # is called (the window calls it when it is kept from running), and at the share from
    # then on, until the server stops. False: at the share from the start.
    children_give_way_when_asked: bool = False
    # The sentences a child reports, in the window's language: (context, English,
    # translation) each (netcore/i18n.py). Empty: English.
    child_sentences: tuple[tuple[str, str, str], ...] = ()
