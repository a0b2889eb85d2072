"""The demo "TCP is a stream, not messages": three quick sends read by one recv(), one
longer message split by a tiny recv(), and a framing (a message per line) that gives
whole messages back. Every count is read from the server's log of what really happened."""

from __future__ import annotations

from gui.client_window import ClientWindow
from gui.demos.context import DemoContext
from gui.demos.script import DemoStep
from gui.i18n import QT_TRANSLATE_NOOP, translate
from netcore.config import ServerModel
from netcore.events import EventKind
from netcore.framing import Framing
from netcore.text import escape_bytes

TINY_RECV = 4
THREE_MESSAGES = (QT_TRANSLATE_NOOP("demos.catalog", "one"),
                  QT_TRANSLATE_NOOP("demos.catalog", "two"),
                  QT_TRANSLATE_NOOP("demos.catalog", "three"))


def stream_not_messages(ctx: DemoContext) -> list[DemoStep]:
    busy, quick, split, framed = (ctx.open_client() for _ in range(4))
    # The windows' own names: the user's other client windows take the low numbers.
    names = {"first": busy.name, "second": quick.name, "third": split.name, "fourth": framed.name}
    three = [translate("demos.catalog", m) for m in THREE_MESSAGES]
    total = sum(len(m.encode()) + 1 for m in three)  # each with its \n
    long_message = translate("demos.catalog", "a longer message")
    long_size = len(long_message.encode()) + 1  # with its \n
    whole = translate("demos.catalog", "whole again")

    def quick_bytes_unread() -> int:
        sock = ctx.kernel_socket(ctx.server_port, quick.controller.local_port)
        return (sock.recv_queue or 0) if sock is not None else 0

    def sizes(client: ClientWindow, kind: EventKind) -> list[int]:
        return [row.size for row in ctx.server_rows(kind, client)]

    def calls(client: ClientWindow) -> int:
        # A quick run of recv()s can be folded into one log row that counts them.
        return sum(row.count for row in ctx.server_rows(EventKind.RECEIVED, client))

    def first_recv_words() -> str:
        rows = ctx.server_rows(EventKind.RECEIVED, quick)
        size, data = (rows[0].size, escape_bytes(rows[0].data)) if rows else (0, "")
        return translate("demos.catalog", "Its first recv() returned {size} bytes: “{data}”: "
                         "three send()s, {calls} recv(). Nothing in TCP marks where one message "
                         "ended.").format(size=size, data=data, calls=calls(quick))

    def send_three() -> None:
        for message in three:
            ctx.send(quick, message)

    def messages_of(client: ClientWindow) -> list[bytes]:
        return [row.data for row in ctx.server_rows(EventKind.MESSAGE, client)]

    return [
        DemoStep(translate("demos.catalog", "TCP is a stream of bytes, not of messages. An "
                           "iterative echo server, kept busy by {first} so that it reads nothing "
                           "from {second} for a while.").format(**names),
                 action=lambda: (ctx.start_server(ServerModel.ITERATIVE),
                                 ctx.show_view("conversation")),
                 until=ctx.listening,
                 waiting_for=translate("demos.catalog", "the server to listen")),
        DemoStep("", action=lambda: ctx.connect(busy), until=lambda: ctx.connected(busy),
                 waiting_for=translate("demos.catalog", "{first} to connect").format(**names)),
        DemoStep(translate("demos.catalog", "{second} connects and sends three messages, each "
                           "with its own send(): {messages}.")
                 .format(**names, messages=", ".join(f"“{m}”" for m in three)),
                 action=lambda: ctx.connect(quick), until=lambda: ctx.connected(quick),
                 waiting_for=translate("demos.catalog", "{second} to connect").format(**names)),
        DemoStep("", action=send_three,
                 until=lambda: (len(ctx.client_rows(quick, EventKind.SENT)) == len(three)
                                and quick_bytes_unread() == total),
                 waiting_for=translate("demos.catalog",
                                       "the three messages to reach the server's kernel"),
                 outcome=lambda: translate("demos.catalog", "{calls} send() calls; the server's "
                                           "kernel holds their {size} bytes in one receive "
                                           "buffer.")
                 .format(calls=len(ctx.client_rows(quick, EventKind.SENT)),
                         size=quick_bytes_unread())),
        DemoStep(translate("demos.catalog",
                           "{first} leaves: the server accepts {second} and calls recv().").format(**names),
                 action=lambda: busy.disconnect_button.click(),
                 until=lambda: sum(sizes(quick, EventKind.RECEIVED)) >= total,
                 waiting_for=translate("demos.catalog", "the server to read {second}'s bytes").format(**names),
                 outcome=first_recv_words),
        DemoStep(translate("demos.catalog", "Now a server whose recv() asks for {size} bytes at "
                           "a time, and one send() of a longer message.").format(size=TINY_RECV),
                 action=lambda: (ctx.start_server(ServerModel.ITERATIVE, recv_size=TINY_RECV),
                                 ctx.connect(split)),
                 until=lambda: ctx.listening() and ctx.connected(split),
                 waiting_for=translate("demos.catalog", "{third} to connect").format(**names)),
        DemoStep("", action=lambda: ctx.send(split, long_message),
                 until=lambda: sum(sizes(split, EventKind.RECEIVED)) >= long_size,
                 waiting_for=translate("demos.catalog", "the server to read the whole message"),
                 outcome=lambda: translate("demos.catalog", "One send() of {size} bytes, {calls} "
                                           "recv()s of at most {most} bytes each: a message can "
                                           "arrive in pieces too.")
                 .format(size=long_size, calls=calls(split), most=TINY_RECV)),
        DemoStep(translate("demos.catalog", "The same server again, now with a framing: one "
                           "message per line (Behaviour › Messages in the server's settings, "
                           "there for any server you start)."),
                 action=lambda: (ctx.start_server(ServerModel.ITERATIVE, recv_size=TINY_RECV,
                                                  framing=Framing.LINES),
                                 ctx.connect(framed)),
                 until=lambda: ctx.listening() and ctx.connected(framed),
                 waiting_for=translate("demos.catalog", "{fourth} to connect").format(**names)),
        DemoStep("", action=lambda: ctx.send(framed, whole),
                 until=lambda: bool(messages_of(framed)),
                 waiting_for=translate("demos.catalog", "the server to find the whole message"),
                 outcome=lambda: translate("demos.catalog", "recv() still returned at most {most} "
                                           "bytes at a time ({calls} calls), but the server put "
                                           "them together up to the \\n and handled one whole "
                                           "message: “{message}”.")
                 .format(most=TINY_RECV, calls=calls(framed),
                         message=escape_bytes(messages_of(framed)[0]))),
    ]
