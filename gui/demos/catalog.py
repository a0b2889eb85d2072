"""The guided demos, each a list of steps built on a DemoContext. Every outcome is read
from what really happened: the server's log and table, the clients, the kernel's view."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import psutil

from gui.client_window import ClientWindow
from gui.demos.context import DemoContext
from gui.demos.full_backlog import BACKLOG, BACKLOG_CLIENTS, full_backlog
from gui.demos.script import DemoStep
from gui.demos.stream import stream_not_messages
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.kernel_model import state_text
from netcore.worker_names import shown_worker
from netcore.config import Behaviour, ServerModel
from netcore.events import EventKind


@dataclass(frozen=True)
class Demo:
    key: str
    title: str  # in English, as marked for translation; shown_title() is what a person reads
    summary: str  # in English, with {placeholders} filled from `values` by shown_summary()
    build: Callable[[DemoContext], list[DemoStep]]
    values: tuple[tuple[str, object], ...] = ()

    def shown_title(self) -> str:
        return translate("demos.catalog", self.title)

    def shown_summary(self) -> str:
        return translate("demos.catalog", self.summary).format(**dict(self.values))


def _conn_of(ctx: DemoContext, client: ClientWindow) -> int | None:
    return ctx.window.server.connections.conn_from_port(client.controller.local_port)


# ---- One at a time ----

def one_at_a_time(ctx: DemoContext) -> list[DemoStep]:
    first, second = ctx.open_client(), ctx.open_client()
    # The windows' own names: the user's other client windows take the low numbers.
    names = {"first": first.name, "second": second.name}
    message_1 = translate("demos.catalog", "hello from {first}").format(**names)
    message_2 = translate("demos.catalog", "hello from {second}").format(**names)

    def waiting_socket():
        return ctx.kernel_socket(ctx.server_port, second.controller.local_port)

    def second_waits_unaccepted() -> bool:
        sock = waiting_socket()
        listener = ctx.kernel_socket(ctx.server_port, None)
        # One reading of the kernel is not one instant: wait until the listening socket's
        # queue agrees too, so that the narration's numbers are the same moment's.
        return (ctx.connected(second) and sock is not None and sock.not_accepted
                and listener is not None and bool(listener.accept_queue)
                and listener.accept_queue[0] >= 1)

    def listen_queue() -> str:
        listener = ctx.kernel_socket(ctx.server_port, None)
        if listener is None or listener.accept_queue is None:
            return ""
        waiting, limit = listener.accept_queue
        return " " + translate("demos.catalog", "The listen queue holds {waiting} (room for "
                               "{limit}).").format(waiting=waiting, limit=limit)

    def bytes_unread() -> int:
        sock = waiting_socket()
        return (sock.recv_queue or 0) if sock is not None else 0

    return [
        DemoStep(translate("demos.catalog", "An iterative server: one loop that accepts a client, "
                           "serves it until it leaves, and only then accepts the next."),
                 action=lambda: (ctx.start_server(ServerModel.ITERATIVE), ctx.show_view("call-flow")),
                 until=ctx.listening,
                 waiting_for=translate("demos.catalog", "the server to listen"),
                 outcome=lambda: translate("demos.catalog", "It listens on port {port}; its one "
                                           "loop waits in accept().").format(port=ctx.server_port)),
        DemoStep(translate("demos.catalog", "{first} connects and says hello.").format(**names),
                 action=lambda: ctx.connect(first),
                 until=lambda: ctx.connected(first),
                 waiting_for=translate("demos.catalog", "{first} to connect").format(**names)),
        DemoStep("", action=lambda: ctx.send(first, message_1),
                 until=lambda: ctx.received(first) == (message_1 + "\n").encode(),
                 waiting_for=translate("demos.catalog", "the echo to reach {first}").format(**names),
                 outcome=translate("demos.catalog", "The server answered at once: its loop now "
                                   "waits in recv() for {first}'s next message.").format(**names)),
        DemoStep(translate("demos.catalog", "{second} connects.").format(**names),
                 action=lambda: (ctx.connect(second), ctx.show_view("kernel")),
                 until=second_waits_unaccepted,
                 waiting_for=translate("demos.catalog",
                                       "{second}'s connection to wait in the listen queue").format(**names),
                 outcome=lambda: translate("demos.catalog", "connect() returned for {second}: the "
                                           "kernels finished the handshake (the kernel's view: "
                                           "{state}). But the server's only loop is busy with "
                                           "{first}, so no accept() took it.")
                 .format(**names, state=state_text(waiting_socket())) + listen_queue()),
        DemoStep(translate("demos.catalog", "{second} sends a message.").format(**names),
                 action=lambda: ctx.send(second, message_2),
                 until=lambda: bytes_unread() >= len(message_2.encode()),
                 waiting_for=translate("demos.catalog",
                                       "{second}'s bytes to reach the server's kernel").format(**names),
                 outcome=lambda: translate("demos.catalog", "The {size} bytes reached the "
                                           "server's kernel and wait unread in its receive "
                                           "buffer; no program reads them, so no answer comes.")
                 .format(size=bytes_unread())),
        DemoStep(translate("demos.catalog", "{first} leaves.").format(**names),
                 action=lambda: (first.disconnect_button.click(), ctx.show_view("conversation")),
                 until=lambda: ctx.received(second) == (message_2 + "\n").encode(),
                 waiting_for=translate("demos.catalog", "{second}'s answer").format(**names),
                 outcome=translate("demos.catalog", "The loop went back to accept(), took {second} "
                                   "from the queue, and read what had waited: {second} gets its "
                                   "answer only now. One client at a time.").format(**names)),
    ]


# ---- A thread per client, a process per client ----

def _two_served_at_once(ctx: DemoContext, model: ServerModel,
                        workers_words: Callable[[list], str]) -> list[DemoStep]:
    clients = [ctx.open_client(), ctx.open_client()]

    def workers_ready() -> bool:
        rows = ctx.connection_rows()
        prefix = "pid " if model is ServerModel.PROCESS else "thread "
        return len(rows) == 2 and all(row.worker.startswith(prefix) for row in rows)

    def greeting(client: ClientWindow) -> str:
        return translate("demos.catalog", "hi from {name}").format(name=client.name)

    def both_answered() -> bool:
        return all(ctx.received(c) == (greeting(c) + "\n").encode() for c in clients)

    if model is ServerModel.THREAD:
        intro = translate("demos.catalog",
                          "A server that gives each accepted client a thread of its own.")
        answered = translate("demos.catalog", "Both are answered, at the same time: the accept "
                             "loop went straight back to accept() after handing each client to "
                             "its thread.")
    else:
        intro = translate("demos.catalog",
                          "A server that gives each accepted client a child process of its own.")
        answered = translate("demos.catalog", "Both are answered, at the same time: the accept "
                             "loop went straight back to accept() after handing each client to "
                             "its child process.")
    return [
        DemoStep(intro,
                 action=lambda: (ctx.start_server(model), ctx.show_view("call-flow")),
                 until=ctx.listening,
                 waiting_for=translate("demos.catalog", "the server to listen")),
        DemoStep(translate("demos.catalog", "Two clients connect."),
                 action=lambda: [ctx.connect(c) for c in clients],
                 until=lambda: ctx.connected(*clients) and workers_ready(),
                 waiting_for=translate("demos.catalog", "both clients to be accepted and served"),
                 outcome=lambda: workers_words(ctx.connection_rows())),
        DemoStep(translate("demos.catalog", "Both send at once."),
                 action=lambda: [ctx.send(c, greeting(c)) for c in clients],
                 until=both_answered, waiting_for=translate("demos.catalog", "both answers"),
                 outcome=answered),
    ]


def _threads_words(rows: list) -> str:
    workers = ", ".join(shown_worker(row.worker) for row in rows)
    sentences = [translate("demos.catalog", "Each has its own thread: {workers}.")
                 .format(workers=workers)]
    if os.path.isdir("/proc/self/task"):
        tasks = os.listdir("/proc/self/task")
        # More threads than clients puzzled a class: say which are the clients'. The
        # system knows each connection's thread as conn-N (netcore/thread_names.py).
        serving = sum(1 for task in tasks if _system_name(task).startswith("conn-"))
        sentences.append(translate("demos.catalog", "The system counts {count} threads in TCP "
                                   "Lab's process now (/proc/self/task): {serving} named "
                                   "conn-N, one for each client, and the app's own (its "
                                   "window, the accept loop, its helpers).")
                         .format(count=len(tasks), serving=serving))
    return " ".join(sentences)


def _system_name(task: str) -> str:
    """The name the system gives a thread of this process ("" if it has gone)."""
    try:
        with open(f"/proc/self/task/{task}/comm", encoding="ascii", errors="replace") as comm:
            return comm.read().strip()
    except OSError:
        return ""


def _processes_words(rows: list) -> str:
    parts = []
    for row in rows:
        pid = int(row.worker.split()[1])
        try:
            child = psutil.Process(pid)
            parts.append(translate("demos.catalog", "pid {pid} ({name}, whose parent is pid "
                                   "{parent})").format(pid=pid, name=child.name(),
                                                       parent=child.ppid()))
        except psutil.Error:
            parts.append(translate("demos.catalog", "pid {pid}").format(pid=pid))
    return translate("demos.catalog", "Each has its own child process, as the system's process "
                     "list shows them: {processes}. TCP Lab is pid {pid}.").format(
        processes="; ".join(parts), pid=os.getpid())


def thread_per_client(ctx: DemoContext) -> list[DemoStep]:
    return _two_served_at_once(ctx, ServerModel.THREAD, _threads_words)


def process_per_client(ctx: DemoContext) -> list[DemoStep]:
    return _two_served_at_once(ctx, ServerModel.PROCESS, _processes_words)


# ---- Who waits in TIME_WAIT ----

def time_wait(ctx: DemoContext) -> list[DemoStep]:
    first, second = ctx.open_client(), ctx.open_client()
    # The windows' own names: the user's other client windows take the low numbers.
    names = {"first": first.name, "second": second.name}
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
        if sock and sock.seconds_left is not None:
            return translate("demos.catalog", "{seconds} s").format(
                seconds=f"{sock.seconds_left:.0f}")
        return translate("demos.catalog", "a while")

    def server_closes_second() -> None:
        conn = _conn_of(ctx, second)
        if conn is not None:
            ctx.window.server.disconnect(conn)

    return [
        DemoStep(translate("demos.catalog", "Who keeps TIME_WAIT: the side that closes first."),
                 action=lambda: (ctx.start_server(ServerModel.THREAD), ctx.show_view("kernel")),
                 until=remember_port,
                 waiting_for=translate("demos.catalog", "the server to listen")),
        DemoStep(translate("demos.catalog", "{first} connects, then closes first.").format(**names),
                 action=lambda: ctx.connect(first),
                 until=lambda: ctx.connected(first),
                 waiting_for=translate("demos.catalog", "{first} to connect").format(**names)),
        DemoStep("", action=lambda: first.disconnect_button.click(),
                 until=lambda: in_time_wait(first.controller.local_port, ports["server"]),
                 waiting_for=translate("demos.catalog", "{first}'s side to reach TIME_WAIT").format(**names),
                 outcome=lambda: translate("demos.catalog", "{first}'s side is in TIME_WAIT "
                                           "({left} left); the server's side is gone. The kernel "
                                           "keeps it so that a late segment cannot land in a new "
                                           "connection, and to resend the last ACK if it was "
                                           "lost.")
                 .format(**names, left=left(first.controller.local_port, ports["server"]))),
        DemoStep(translate("demos.catalog",
                           "{second} connects; this time the server closes first.").format(**names),
                 action=lambda: ctx.connect(second),
                 until=lambda: ctx.connected(second) and _conn_of(ctx, second) is not None,
                 waiting_for=translate("demos.catalog", "{second} to connect").format(**names)),
        DemoStep("", action=server_closes_second,
                 until=lambda: in_time_wait(ports["server"], second.controller.local_port),
                 waiting_for=translate("demos.catalog", "the server's side to reach TIME_WAIT"),
                 outcome=translate("demos.catalog", "Now the server's side keeps TIME_WAIT, on "
                                   "the server's own port.")),
        DemoStep(translate("demos.catalog",
                           "The server stops and starts again on the same port at once."),
                 action=lambda: ctx.start_server(ServerModel.THREAD, port=ports["server"]),
                 until=lambda: ctx.listening() and ctx.server_port == ports["server"],
                 waiting_for=translate("demos.catalog",
                                       "the server to listen on the same port again"),
                 outcome=lambda: translate("demos.catalog", "It listens on port {port} again, "
                                           "though a connection on that port is still in "
                                           "TIME_WAIT: TCP Lab sets SO_REUSEADDR before bind(), "
                                           "as servers do.").format(port=ports["server"])),
    ]


# ---- Half-close and reset ----

def half_close_and_reset(ctx: DemoContext) -> list[DemoStep]:
    first, second = ctx.open_client(), ctx.open_client()
    # The windows' own names: the user's other client windows take the low numbers.
    names = {"first": first.name, "second": second.name}
    reply = translate("demos.catalog", "still here")

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
        DemoStep(translate("demos.catalog", "Half-close and reset. The server replies by hand "
                           "here, so it does not close when a client does."),
                 action=lambda: (ctx.start_server(ServerModel.THREAD, Behaviour.MANUAL),
                                 ctx.show_view("conversation")),
                 until=ctx.listening,
                 waiting_for=translate("demos.catalog", "the server to listen")),
        DemoStep(translate("demos.catalog", "{first} connects, then half-closes: "
                           "shutdown(SHUT_WR) sends FIN but keeps receiving.").format(**names),
                 action=lambda: ctx.connect(first),
                 until=lambda: ctx.connected(first),
                 waiting_for=translate("demos.catalog", "{first} to connect").format(**names)),
        DemoStep("", action=lambda: first.half_close_button.click(),
                 until=server_saw_fin,
                 waiting_for=translate("demos.catalog", "the server to see {first}'s FIN").format(**names),
                 outcome=translate("demos.catalog", "The server's recv() returned 0: {first} "
                                   "will send nothing more. Its side of the connection is in "
                                   "CLOSE_WAIT until it closes too.").format(**names)),
        DemoStep(translate("demos.catalog", "The server still replies."),
                 action=reply_to_first,
                 until=lambda: ctx.received(first) == (reply + "\n").encode(),
                 waiting_for=translate("demos.catalog", "the reply to reach {first}").format(**names),
                 outcome=translate("demos.catalog",
                                   "The reply arrived: a half-closed client still receives.")),
        DemoStep(translate("demos.catalog", "{second} connects and aborts: close() with "
                           "SO_LINGER 0 sends RST, not FIN.").format(**names),
                 action=lambda: ctx.connect(second),
                 until=lambda: ctx.connected(second) and _conn_of(ctx, second) is not None,
                 waiting_for=translate("demos.catalog", "{second} to connect").format(**names)),
        DemoStep("", action=lambda: second.abort_button.click(),
                 until=lambda: bool(reset_sentence()),
                 waiting_for=translate("demos.catalog", "the server to see the reset"),
                 outcome=lambda: translate("demos.catalog", "The server's recv() failed: "
                                           "“{error}”").format(error=reset_sentence())),
    ]


DEMOS: tuple[Demo, ...] = (
    Demo("one-at-a-time", QT_TRANSLATE_NOOP("demos.catalog", "One at a time"),
         QT_TRANSLATE_NOOP("demos.catalog", "An iterative server and two clients: the second "
                           "one's handshake completes, but it waits, unanswered, until the first "
                           "leaves."), one_at_a_time),
    Demo("thread-per-client", QT_TRANSLATE_NOOP("demos.catalog", "A thread per client"),
         QT_TRANSLATE_NOOP("demos.catalog", "The same two clients served at once, each by a "
                           "thread of its own."), thread_per_client),
    Demo("process-per-client", QT_TRANSLATE_NOOP("demos.catalog", "A process per client"),
         QT_TRANSLATE_NOOP("demos.catalog", "The same two clients served at once, each by a "
                           "child process the system lists."), process_per_client),
    Demo("stream", QT_TRANSLATE_NOOP("demos.catalog", "TCP is a stream, not messages"),
         QT_TRANSLATE_NOOP("demos.catalog", "Three quick sends arrive in one recv(); a tiny "
                           "recv() splits one message; a framing (one message per line) gives "
                           "whole messages again."), stream_not_messages),
    Demo("time-wait", QT_TRANSLATE_NOOP("demos.catalog", "Who waits in TIME_WAIT"),
         QT_TRANSLATE_NOOP("demos.catalog", "Close from the client, then from the server, and "
                           "see which side keeps TIME_WAIT; then restart the server on the same "
                           "port."), time_wait),
    Demo("backlog", QT_TRANSLATE_NOOP("demos.catalog", "A full backlog"),
         QT_TRANSLATE_NOOP("demos.catalog", "A server that never accepts, a backlog of {backlog}, "
                           "and {clients} clients: which complete the handshake, and which "
                           "wait."), full_backlog,
         values=(("backlog", BACKLOG), ("clients", BACKLOG_CLIENTS))),
    Demo("half-close-and-reset", QT_TRANSLATE_NOOP("demos.catalog", "Half-close and reset"),
         QT_TRANSLATE_NOOP("demos.catalog", "Half-close lets the replies still arrive; abort "
                           "sends RST and the other side sees \"connection reset\"."),
         half_close_and_reset),
)


def demo_named(key: str) -> Demo:
    return next(demo for demo in DEMOS if demo.key == key)
