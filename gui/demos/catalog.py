"""The guided demos, each a list of steps built on a DemoContext. Every outcome is read
from what really happened: the server's log and table, the clients, the kernel's view."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import psutil

from gui.client_window import ClientWindow
from gui.demos.context import DemoContext
from gui.demos.script import DemoStep
from gui.kernel_model import state_text
from netcore.config import Behaviour, ServerModel
from netcore.events import EventKind
from netcore.framing import Framing
from netcore.text import escape_bytes


@dataclass(frozen=True)
class Demo:
    key: str
    title: str
    summary: str
    build: Callable[[DemoContext], list[DemoStep]]


def _conn_of(ctx: DemoContext, client: ClientWindow) -> int | None:
    return ctx.window.server.connections.conn_from_port(client.controller.local_port)


# ---- One at a time ----

def one_at_a_time(ctx: DemoContext) -> list[DemoStep]:
    first, second = ctx.open_client(), ctx.open_client()
    message_2 = "hello from client 2"

    def waiting_socket():
        return ctx.kernel_socket(ctx.server_port, second.controller.local_port)

    def second_waits_unaccepted() -> bool:
        sock = waiting_socket()
        return ctx.connected(second) and sock is not None and sock.not_accepted

    def listen_queue() -> str:
        listener = ctx.kernel_socket(ctx.server_port, None)
        if listener is None or listener.accept_queue is None:
            return ""
        waiting, limit = listener.accept_queue
        return f" The listen queue holds {waiting} (room for {limit})."

    def bytes_unread() -> int:
        sock = waiting_socket()
        return (sock.recv_queue or 0) if sock is not None else 0

    return [
        DemoStep("An iterative server: one loop that accepts a client, serves it until it "
                 "leaves, and only then accepts the next.",
                 action=lambda: (ctx.start_server(ServerModel.ITERATIVE), ctx.show_view("call flow")),
                 until=ctx.listening, waiting_for="the server to listen",
                 outcome=lambda: f"It listens on port {ctx.server_port}; its one loop waits in "
                                 f"accept()."),
        DemoStep("Client 1 connects and says hello.",
                 action=lambda: ctx.connect(first),
                 until=lambda: ctx.connected(first), waiting_for="client 1 to connect"),
        DemoStep("", action=lambda: ctx.send(first, "hello from client 1"),
                 until=lambda: ctx.received(first) == b"hello from client 1\n",
                 waiting_for="the echo to reach client 1",
                 outcome="The server answered at once: its loop now waits in recv() for "
                         "client 1's next message."),
        DemoStep("Client 2 connects.",
                 action=lambda: (ctx.connect(second), ctx.show_view("kernel")),
                 until=second_waits_unaccepted,
                 waiting_for="client 2's connection to wait in the listen queue",
                 outcome=lambda: "connect() returned for client 2: the kernels finished the "
                                 "handshake (the kernel's view: "
                                 f"{state_text(waiting_socket())}). But the server's only loop "
                                 "is busy with client 1, so no accept() took it." + listen_queue()),
        DemoStep("Client 2 sends a message.",
                 action=lambda: ctx.send(second, message_2),
                 until=lambda: bytes_unread() >= len(message_2),
                 waiting_for="client 2's bytes to reach the server's kernel",
                 outcome=lambda: f"The {bytes_unread()} bytes reached the server's kernel and "
                                 f"wait unread in its receive buffer; no program reads them, "
                                 f"so no answer comes."),
        DemoStep("Client 1 leaves.",
                 action=lambda: (first.disconnect_button.click(), ctx.show_view("conversation")),
                 until=lambda: ctx.received(second) == (message_2 + "\n").encode(),
                 waiting_for="client 2's answer",
                 outcome="The loop went back to accept(), took client 2 from the queue, and "
                         "read what had waited: client 2 gets its answer only now. One client "
                         "at a time."),
    ]


# ---- A thread per client, a process per client ----

def _two_served_at_once(ctx: DemoContext, model: ServerModel,
                        workers_words: Callable[[list], str]) -> list[DemoStep]:
    clients = [ctx.open_client(), ctx.open_client()]

    def workers_ready() -> bool:
        rows = ctx.connection_rows()
        prefix = "pid " if model is ServerModel.PROCESS else "thread "
        return len(rows) == 2 and all(row.worker.startswith(prefix) for row in rows)

    def both_answered() -> bool:
        return all(ctx.received(c) == f"hi from {c.name}\n".encode() for c in clients)

    name = "thread" if model is ServerModel.THREAD else "child process"
    return [
        DemoStep(f"A server that gives each accepted client a {name} of its own.",
                 action=lambda: (ctx.start_server(model), ctx.show_view("call flow")),
                 until=ctx.listening, waiting_for="the server to listen"),
        DemoStep("Two clients connect.",
                 action=lambda: [ctx.connect(c) for c in clients],
                 until=lambda: ctx.connected(*clients) and workers_ready(),
                 waiting_for="both clients to be accepted and served",
                 outcome=lambda: workers_words(ctx.connection_rows())),
        DemoStep("Both send at once.",
                 action=lambda: [ctx.send(c, f"hi from {c.name}") for c in clients],
                 until=both_answered, waiting_for="both answers",
                 outcome="Both are answered, at the same time: the accept loop went straight "
                         f"back to accept() after handing each client to its {name}."),
    ]


def _threads_words(rows: list) -> str:
    workers = ", ".join(row.worker for row in rows)
    if os.path.isdir("/proc/self/task"):
        count = len(os.listdir("/proc/self/task"))
        where = f"The system counts {count} threads in TCP Lab's process now (/proc/self/task)."
    else:
        where = ""
    return f"Each has its own thread: {workers}. {where}".strip()


def _processes_words(rows: list) -> str:
    parts = []
    for row in rows:
        pid = int(row.worker.split()[1])
        try:
            child = psutil.Process(pid)
            parts.append(f"pid {pid} ({child.name()}, whose parent is pid {child.ppid()})")
        except psutil.Error:
            parts.append(f"pid {pid}")
    return (f"Each has its own child process, as the system's process list shows them: "
            f"{'; '.join(parts)}. TCP Lab is pid {os.getpid()}.")


def thread_per_client(ctx: DemoContext) -> list[DemoStep]:
    return _two_served_at_once(ctx, ServerModel.THREAD, _threads_words)


def process_per_client(ctx: DemoContext) -> list[DemoStep]:
    return _two_served_at_once(ctx, ServerModel.PROCESS, _processes_words)


# ---- Who waits in TIME_WAIT ----

def time_wait(ctx: DemoContext) -> list[DemoStep]:
    first, second = ctx.open_client(), ctx.open_client()
    ports: dict[str, int] = {}

    def remember_port() -> bool:
        if ctx.listening():
            ports["server"] = ctx.server_port or 0
        return ctx.listening()

    def in_time_wait(local: int | None, remote: int | None) -> bool:
        sock = ctx.kernel_socket(local, remote)
        return sock is not None and sock.state == "TIME_WAIT"

    def left(local: int | None, remote: int | None) -> str:
        sock = ctx.kernel_socket(local, remote)
        return f"{sock.seconds_left:.0f} s" if sock and sock.seconds_left is not None else "a while"

    def server_closes_second() -> None:
        conn = _conn_of(ctx, second)
        if conn is not None:
            ctx.window.server.disconnect(conn)

    return [
        DemoStep("Who keeps TIME_WAIT: the side that closes first.",
                 action=lambda: (ctx.start_server(ServerModel.THREAD), ctx.show_view("kernel")),
                 until=remember_port, waiting_for="the server to listen"),
        DemoStep("Client 1 connects, then closes first.",
                 action=lambda: ctx.connect(first),
                 until=lambda: ctx.connected(first), waiting_for="client 1 to connect"),
        DemoStep("", action=lambda: first.disconnect_button.click(),
                 until=lambda: in_time_wait(first.controller.local_port, ports["server"]),
                 waiting_for="client 1's side to reach TIME_WAIT",
                 outcome=lambda: f"Client 1's side is in TIME_WAIT ({left(first.controller.local_port, ports['server'])} "
                                 f"left); the server's side is gone. The kernel keeps it so that "
                                 f"a late segment cannot land in a new connection, and to resend "
                                 f"the last ACK if it was lost."),
        DemoStep("Client 2 connects; this time the server closes first.",
                 action=lambda: ctx.connect(second),
                 until=lambda: ctx.connected(second) and _conn_of(ctx, second) is not None,
                 waiting_for="client 2 to connect"),
        DemoStep("", action=server_closes_second,
                 until=lambda: in_time_wait(ports["server"], second.controller.local_port),
                 waiting_for="the server's side to reach TIME_WAIT",
                 outcome="Now the server's side keeps TIME_WAIT, on the server's own port."),
        DemoStep("The server stops and starts again on the same port at once.",
                 action=lambda: ctx.start_server(ServerModel.THREAD, port=ports["server"]),
                 until=lambda: ctx.listening() and ctx.server_port == ports["server"],
                 waiting_for="the server to listen on the same port again",
                 outcome=lambda: f"It listens on port {ports['server']} again, though a connection "
                                 f"on that port is still in TIME_WAIT: TCP Lab sets SO_REUSEADDR "
                                 f"before bind(), as servers do."),
    ]


# ---- Half-close and reset ----

def half_close_and_reset(ctx: DemoContext) -> list[DemoStep]:
    first, second = ctx.open_client(), ctx.open_client()
    reply = "still here"

    def server_saw_fin() -> bool:
        rows = ctx.connection_rows()
        return any(row.peer_closed for row in rows)

    def reset_sentence() -> str:
        errors = ctx.server_rows(EventKind.ERROR, second)
        return errors[-1].detail if errors else ""

    def reply_to_first() -> None:
        conn = _conn_of(ctx, first)
        ctx.window.server.send_to(conn, (reply + "\n").encode())

    return [
        DemoStep("Half-close and reset. The server replies by hand here, so it does not close "
                 "when a client does.",
                 action=lambda: (ctx.start_server(ServerModel.THREAD, Behaviour.MANUAL),
                                 ctx.show_view("conversation")),
                 until=ctx.listening, waiting_for="the server to listen"),
        DemoStep("Client 1 connects, then half-closes: shutdown(SHUT_WR) sends FIN but keeps "
                 "receiving.",
                 action=lambda: ctx.connect(first),
                 until=lambda: ctx.connected(first), waiting_for="client 1 to connect"),
        DemoStep("", action=lambda: first.half_close_button.click(),
                 until=server_saw_fin, waiting_for="the server to see client 1's FIN",
                 outcome="The server's recv() returned 0: client 1 will send nothing more. Its "
                         "side of the connection is in CLOSE_WAIT until it closes too."),
        DemoStep("The server still replies.",
                 action=reply_to_first,
                 until=lambda: ctx.received(first) == (reply + "\n").encode(),
                 waiting_for="the reply to reach client 1",
                 outcome="The reply arrived: a half-closed client still receives."),
        DemoStep("Client 2 connects and aborts: close() with SO_LINGER 0 sends RST, not FIN.",
                 action=lambda: ctx.connect(second),
                 until=lambda: ctx.connected(second) and _conn_of(ctx, second) is not None,
                 waiting_for="client 2 to connect"),
        DemoStep("", action=lambda: second.abort_button.click(),
                 until=lambda: bool(reset_sentence()),
                 waiting_for="the server to see the reset",
                 outcome=lambda: f"The server's recv() failed: “{reset_sentence()}”"),
    ]


# ---- TCP is a stream, not messages ----

TINY_RECV = 4
THREE_MESSAGES = ("one", "two", "three")


def stream_not_messages(ctx: DemoContext) -> list[DemoStep]:
    busy, quick, split, framed = (ctx.open_client() for _ in range(4))
    total = sum(len(m) + 1 for m in THREE_MESSAGES)  # each with its \n
    long_message = "a longer message"
    whole = "whole again"

    def quick_bytes_unread() -> int:
        sock = ctx.kernel_socket(ctx.server_port, quick.controller.local_port)
        return (sock.recv_queue or 0) if sock is not None else 0

    def first_recv() -> str:
        rows = ctx.server_rows(EventKind.RECEIVED, quick)
        if not rows:
            return ""
        return f"{rows[0].size} bytes: “{escape_bytes(rows[0].preview)}”"

    def sizes(client: ClientWindow, kind: EventKind) -> list[int]:
        return [row.size for row in ctx.server_rows(kind, client)]

    def calls(client: ClientWindow) -> int:
        # A quick run of recv()s can be folded into one log row that counts them.
        return sum(row.count for row in ctx.server_rows(EventKind.RECEIVED, client))

    def send_three() -> None:
        for message in THREE_MESSAGES:
            ctx.send(quick, message)

    def messages_of(client: ClientWindow) -> list[bytes]:
        return [row.preview for row in ctx.server_rows(EventKind.MESSAGE, client)]

    return [
        DemoStep("TCP is a stream of bytes, not of messages. An iterative echo server, kept "
                 "busy by client 1 so that it reads nothing from client 2 for a while.",
                 action=lambda: (ctx.start_server(ServerModel.ITERATIVE),
                                 ctx.show_view("conversation")),
                 until=ctx.listening, waiting_for="the server to listen"),
        DemoStep("", action=lambda: ctx.connect(busy), until=lambda: ctx.connected(busy),
                 waiting_for="client 1 to connect"),
        DemoStep("Client 2 connects and sends three messages, each with its own send(): "
                 + ", ".join(f"“{m}”" for m in THREE_MESSAGES) + ".",
                 action=lambda: ctx.connect(quick), until=lambda: ctx.connected(quick),
                 waiting_for="client 2 to connect"),
        DemoStep("", action=send_three,
                 until=lambda: (len(ctx.client_rows(quick, EventKind.SENT)) == len(THREE_MESSAGES)
                                and quick_bytes_unread() == total),
                 waiting_for="the three messages to reach the server's kernel",
                 outcome=lambda: f"{len(ctx.client_rows(quick, EventKind.SENT))} send() calls; "
                                 f"the server's kernel holds their {quick_bytes_unread()} bytes "
                                 f"in one receive buffer."),
        DemoStep("Client 1 leaves: the server accepts client 2 and calls recv().",
                 action=lambda: busy.disconnect_button.click(),
                 until=lambda: sum(sizes(quick, EventKind.RECEIVED)) >= total,
                 waiting_for="the server to read client 2's bytes",
                 outcome=lambda: f"Its first recv() returned {first_recv()}: three send()s, "
                                 f"{calls(quick)} recv(). Nothing in TCP marks where one "
                                 f"message ended."),
        DemoStep(f"Now a server whose recv() asks for {TINY_RECV} bytes at a time, and one "
                 f"send() of a longer message.",
                 action=lambda: (ctx.start_server(ServerModel.ITERATIVE, recv_size=TINY_RECV),
                                 ctx.connect(split)),
                 until=lambda: ctx.listening() and ctx.connected(split),
                 waiting_for="client 3 to connect"),
        DemoStep("", action=lambda: ctx.send(split, long_message),
                 until=lambda: sum(sizes(split, EventKind.RECEIVED)) >= len(long_message) + 1,
                 waiting_for="the server to read the whole message",
                 outcome=lambda: f"One send() of {len(long_message) + 1} bytes, "
                                 f"{calls(split)} recv()s of at most {TINY_RECV} bytes each: "
                                 f"a message can arrive in pieces too."),
        DemoStep("The same server again, now with a framing: one message per line (Behaviour › "
                 "Messages in the server's settings, there for any server you start).",
                 action=lambda: (ctx.start_server(ServerModel.ITERATIVE, recv_size=TINY_RECV,
                                                  framing=Framing.LINES),
                                 ctx.connect(framed)),
                 until=lambda: ctx.listening() and ctx.connected(framed),
                 waiting_for="client 4 to connect"),
        DemoStep("", action=lambda: ctx.send(framed, whole),
                 until=lambda: bool(messages_of(framed)),
                 waiting_for="the server to find the whole message",
                 outcome=lambda: f"recv() still returned at most {TINY_RECV} bytes at a time "
                                 f"({calls(framed)} calls), but the "
                                 f"server put them together up to the \\n and handled one "
                                 f"whole message: “{escape_bytes(messages_of(framed)[0])}”."),
    ]


# ---- A full backlog ----

BACKLOG = 2
BACKLOG_CLIENTS = 5
WAITING_CONNECT_SECONDS = 120.0  # the clients left in SYN_SENT keep waiting meanwhile


def full_backlog(ctx: DemoContext) -> list[DemoStep]:
    clients = [ctx.open_client() for _ in range(BACKLOG_CLIENTS)]

    def client_sockets() -> list:
        port = ctx.server_port
        return [s for s in ctx.kernel_sockets() if s.remote is not None and s.remote[1] == port
                and s.local[1] != port]

    def settled() -> bool:
        sockets = client_sockets()
        listener = ctx.kernel_socket(ctx.server_port, None)
        return (len(sockets) == BACKLOG_CLIENTS and listener is not None
                and listener.accept_queue is not None
                and listener.accept_queue[0] >= listener.accept_queue[1]
                and any(s.state == "SYN_SENT" for s in sockets))

    def connect_all() -> None:
        for client in clients:
            client.timeout_spin.setValue(WAITING_CONNECT_SECONDS)
            ctx.connect(client)

    def outcome() -> str:
        sockets = client_sockets()
        done = sum(1 for s in sockets if s.state == "ESTABLISHED")
        waiting = sum(1 for s in sockets if s.state == "SYN_SENT")
        queued = [s for s in ctx.kernel_sockets() if s.not_accepted]
        listener = ctx.kernel_socket(ctx.server_port, None)
        in_queue, limit = listener.accept_queue if listener and listener.accept_queue else (0, 0)
        return (f"The kernel's view: {done} clients finished the handshake ({len(queued)} "
                f"ESTABLISHED, not accepted, on the server's side: {in_queue} in the listen "
                f"queue, whose backlog is {limit}; Linux keeps one more than the backlog). "
                f"{waiting} clients are still in SYN_SENT: while the queue is full the server's "
                f"kernel drops their SYN, and their connect() keeps waiting, sending SYN again "
                f"after 1 s, 3 s, 7 s, ... Their windows still say \"Connecting\".")

    return [
        DemoStep(f"A server with a backlog of {BACKLOG} that never calls accept().",
                 action=lambda: (ctx.start_server(ServerModel.THREAD, backlog=BACKLOG,
                                                  accept_clients=False),
                                 ctx.show_view("kernel")),
                 until=ctx.listening, waiting_for="the server to listen"),
        DemoStep(f"{BACKLOG_CLIENTS} clients connect.",
                 action=connect_all, until=settled,
                 waiting_for="the listen queue to fill up", outcome=outcome),
    ]


DEMOS: tuple[Demo, ...] = (
    Demo("one-at-a-time", "One at a time",
         "An iterative server and two clients: the second one's handshake completes, but it "
         "waits, unanswered, until the first leaves.", one_at_a_time),
    Demo("thread-per-client", "A thread per client",
         "The same two clients served at once, each by a thread of its own.", thread_per_client),
    Demo("process-per-client", "A process per client",
         "The same two clients served at once, each by a child process the system lists.",
         process_per_client),
    Demo("stream", "TCP is a stream, not messages",
         "Three quick sends arrive in one recv(); a tiny recv() splits one message; a framing "
         "(one message per line) gives whole messages again.", stream_not_messages),
    Demo("time-wait", "Who waits in TIME_WAIT",
         "Close from the client, then from the server, and see which side keeps TIME_WAIT; "
         "then restart the server on the same port.", time_wait),
    Demo("backlog", "A full backlog",
         f"A server that never accepts, a backlog of {BACKLOG}, and {BACKLOG_CLIENTS} "
         "clients: which complete the handshake, and which wait.", full_backlog),
    Demo("half-close-and-reset", "Half-close and reset",
         "Half-close lets the replies still arrive; abort sends RST and the other side sees "
         "\"connection reset\".", half_close_and_reset),
)


def demo_named(key: str) -> Demo:
    return next(demo for demo in DEMOS if demo.key == key)


