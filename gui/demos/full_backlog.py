"""The demo "A full backlog": a server that never calls accept(), a backlog of 2, and five
clients. Its counts come from the kernel's view, from both sides of each connection: the
kernel does not always do what the textbook says, and the narration says what it did."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gui.demos.context import DemoContext
from gui.demos.script import DemoStep
from gui.i18n import translate
from netcore.config import ServerModel
from netcore.kernel_view import KernelSocket

BACKLOG = 2
BACKLOG_CLIENTS = 5
WAITING_CONNECT_SECONDS = 120.0  # the clients left in SYN_SENT keep waiting meanwhile


@dataclass(frozen=True, slots=True)
class BacklogCounts:
    """What the kernel shows of a listener that never accepts and the clients of its port."""

    queued: int  # the server's side ESTABLISHED, not accepted: finished on both sides
    in_queue: int  # the listener's own count of its accept queue
    limit: int  # the listener's backlog
    clients_connected: int  # the clients' side ESTABLISHED: their connect() returned
    # Clients whose connect() returned while the server's side is not ESTABLISHED: the
    # queue was full when their last ACK came, and the server's kernel dropped it.
    half_open: int
    server_syn_recv: int  # handshakes the server's kernel keeps in SYN_RECV
    waiting: int  # clients in SYN_SENT: their SYN was dropped

    @property
    def clients(self) -> int:
        return self.clients_connected + self.waiting


def backlog_counts(sockets: Iterable[KernelSocket], port: int) -> BacklogCounts:
    """Counts the sockets of the listener on `port` and of the clients connecting to it."""
    sockets = list(sockets)
    clients = [s for s in sockets if s.remote is not None and s.remote[1] == port
               and s.local[1] != port]
    server_side = [s for s in sockets if s.local[1] == port and s.remote is not None]
    established_peers = {s.remote[1] for s in server_side if s.state == "ESTABLISHED"}
    connected = [s for s in clients if s.state == "ESTABLISHED"]
    listener = next((s for s in sockets if s.local[1] == port and s.state == "LISTEN"), None)
    in_queue, limit = (listener.accept_queue if listener is not None
                       and listener.accept_queue is not None else (0, 0))
    return BacklogCounts(
        queued=sum(1 for s in server_side if s.not_accepted),
        in_queue=in_queue, limit=limit,
        clients_connected=len(connected),
        half_open=sum(1 for s in connected if s.local[1] not in established_peers),
        server_syn_recv=sum(1 for s in server_side if s.state == "SYN_RECV"),
        waiting=sum(1 for s in clients if s.state == "SYN_SENT"))


def backlog_outcome(counts: BacklogCounts) -> str:
    """The narration of what the kernel did with the five handshakes."""
    sentences = [translate(
        "demos.catalog", "The kernel's view: {queued} of the {clients} clients finished the "
        "handshake on both sides and wait in the server's listen queue (ESTABLISHED, not "
        "accepted: {in_queue} in the queue, whose backlog is {limit}; Linux keeps one more "
        "than the backlog).")
        .format(queued=counts.queued, clients=counts.clients, in_queue=counts.in_queue,
                limit=counts.limit)]
    if counts.in_queue > counts.limit + 1:
        sentences.append(translate(
            "demos.catalog", "This time it holds {extra} more than that: their last ACKs "
            "arrived at the same moment on two CPUs, and each found the queue not yet full.")
            .format(extra=counts.in_queue - counts.limit - 1))
    if counts.half_open:
        sentences.append(translate(
            "demos.catalog", "{half_open} of the {clients} clients also got the server's "
            "SYN+ACK, so their connect() returned and their windows say \"Connected\"; but the "
            "queue was full when their last ACK arrived, and the server's kernel dropped it: "
            "the client believes it is connected while the server has nothing to accept.")
            .format(half_open=counts.half_open, clients=counts.clients))
        if counts.server_syn_recv >= counts.half_open:
            sentences.append(translate(
                "demos.catalog", "On the server's side that handshake is still SYN_RECV: the "
                "server's kernel sends SYN+ACK again later, and takes the connection into the "
                "queue only when there is room."))
        else:
            sentences.append(translate(
                "demos.catalog", "The server's kernel keeps nothing of it: it answered with a "
                "SYN cookie, which holds no state. The connection gets into the queue only when "
                "the client's next segment (its data) arrives while there is room."))
    if counts.waiting:
        sentences.append(translate(
            "demos.catalog", "Still in SYN_SENT: {waiting} of the {clients} clients. While the "
            "queue is full the server's kernel drops their SYN, and their connect() keeps "
            "waiting, sending SYN again after 1 s, 3 s, 7 s, ... Their windows still say "
            "\"Connecting\".").format(waiting=counts.waiting, clients=counts.clients))
    return " ".join(sentences)


def full_backlog(ctx: DemoContext) -> list[DemoStep]:
    clients = [ctx.open_client() for _ in range(BACKLOG_CLIENTS)]

    def counts() -> BacklogCounts:
        return backlog_counts(ctx.kernel_sockets(), ctx.server_port or 0)

    def settled() -> bool:
        now = counts()
        # Every client has its answer: queued, or connected without the server's side
        # (half open), or left in SYN_SENT. The kernel may leave none in SYN_SENT.
        return now.clients == BACKLOG_CLIENTS and now.in_queue > now.limit

    def connect_all() -> None:
        for client in clients:
            client.timeout_spin.setValue(WAITING_CONNECT_SECONDS)
            ctx.connect(client)

    return [
        DemoStep(translate("demos.catalog", "A server with a backlog of {backlog} that never "
                           "calls accept().").format(backlog=BACKLOG),
                 action=lambda: (ctx.start_server(ServerModel.THREAD, backlog=BACKLOG,
                                                  accept_clients=False),
                                 ctx.show_view("kernel")),
                 until=ctx.listening,
                 waiting_for=translate("demos.catalog", "the server to listen")),
        DemoStep(translate("demos.catalog", "{clients} clients connect.")
                 .format(clients=BACKLOG_CLIENTS),
                 action=connect_all, until=settled,
                 waiting_for=translate("demos.catalog", "the listen queue to fill up"),
                 outcome=lambda: backlog_outcome(counts())),
    ]
