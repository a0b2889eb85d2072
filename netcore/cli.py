"""The headless command line: `tcp-lab serve` and `tcp-lab connect`, no window, no Qt.

Both run the same netcore server and client as the app and work with any TCP peer
(ncat, socat, netcat, telnet).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import TextIO

from netcore.client import DEFAULT_CONNECT_TIMEOUT, Client, ClientState
from netcore.config import (DEFAULT_CHILD_EVENT_DATA_BYTES, DEFAULT_IDLE_SECONDS, Behaviour,
                            ServerConfig, ServerModel)
from netcore.cpu import keep_python_threads_on_one_core
from netcore.errors import NetError
from netcore.events import Event, EventKind
from netcore.framing import Framing
from netcore.i18n import translate
from netcore.limits import raise_to_hard_limit
from netcore.server import Server
from netcore.session import worker_name
from netcore.text import clock_time, escape_bytes, hex_bytes

PREVIEW_BYTES = 200  # a line per event shows at most this much of its data


def format_event_line(event: Event) -> str:
    """One readable line: time, worker, connection, what happened, a preview of the data."""
    conn = f"conn {event.conn}" if event.conn is not None else "-"
    line = f"{clock_time(event.at)}  {event.worker:<14} {conn:<8} {event.detail}"
    if not event.data:
        return line
    data = escape_bytes(event.data, PREVIEW_BYTES)
    shown = min(len(event.data), PREVIEW_BYTES)
    if event.size > shown:  # the size is exact, even where the data is a preview
        return translate("cli", '{event}  "{data}" (+{count} more bytes)').format(
            event=line, data=data, count=event.size - shown)
    return f'{line}  "{data}"'


def format_event_json(event: Event) -> str:
    """One JSON object per line, for scripts."""
    return json.dumps({
        "time": clock_time(event.at),
        "kind": event.kind.name.lower(),
        "conn": event.conn,
        "worker": event.worker,
        "peer": event.peer,
        "detail": event.detail,
        "bytes": event.size,
        "data": escape_bytes(event.data),
        "hex": hex_bytes(event.data),
    }, ensure_ascii=False)


class LinePrinter:
    """A sink that prints each event as a line; thread-safe, flushed so pipes see it live."""

    def __init__(self, stream: TextIO, as_json: bool) -> None:
        self._stream = stream
        self._format = format_event_json if as_json else format_event_line
        self._lock = threading.Lock()
        self.errors_printed = 0  # ERROR events printed so far

    def __call__(self, event: Event) -> None:
        line = self._format(event)
        if event.kind is EventKind.ERROR:
            self.errors_printed += 1
        with self._lock:
            self._stream.write(line + "\n")
            self._stream.flush()


def serve(args: argparse.Namespace) -> int:
    # Before the address is printed: whoever reads it may send SIGTERM at once.
    _stop_on_terminate()
    config = ServerConfig(host=args.host, port=args.port, model=ServerModel(args.model),
                          behaviour=Behaviour(args.behaviour), backlog=args.backlog,
                          framing=Framing(args.framing),
                          max_connections=args.max_connections,
                          idle_seconds=args.idle_seconds,
                          # --json prints every byte, so children must report every byte.
                          child_event_data_bytes=(None if args.json else
                                                  DEFAULT_CHILD_EVENT_DATA_BYTES))
    printer = LinePrinter(sys.stdout, args.json)
    server = Server(config, printer)
    try:
        server.open()
    except NetError as exc:
        # A failed bind() or listen() has said it already, in its event line on stdout: on
        # a terminal, once is enough. A script reading stdout gets the reason on stderr
        # too, and so does everyone when no call was made (a host or port refused first).
        if not (sys.stdout.isatty() and printer.errors_printed):
            print(exc.sentence, file=sys.stderr)
        return 1
    loop, finished = _thread_with_end_flag(server.serve_forever, worker_name("accept loop"))
    try:
        loop.start()  # inside the try: a Ctrl+C may arrive while start() waits
        # Waiting in short steps keeps the main thread able to take Ctrl+C.
        while not finished.wait(0.2):
            pass
    except KeyboardInterrupt:
        server.stop()
        finished.wait(5)
    if loop.ident is not None:
        loop.join(1)
    return 0


def connect(args: argparse.Namespace) -> int:
    _stop_on_terminate()  # SIGTERM closes the connection normally, as Ctrl+C does
    out = sys.stdout.buffer
    connected = threading.Event()
    failed: list[str] = []
    verbose = LinePrinter(sys.stderr, False) if args.verbose else None

    def sink(event: Event) -> None:
        if verbose is not None:
            verbose(event)
        if event.kind is EventKind.RECEIVED:
            out.write(event.data)
            out.flush()
        elif event.kind is EventKind.CONNECTED:
            connected.set()
        elif event.kind is EventKind.ERROR:
            failed.append(event.detail)
            if verbose is None:
                print(event.detail, file=sys.stderr)

    client = Client(sink, name="client")
    receiver, finished = _thread_with_end_flag(
        lambda: client.run(args.host, args.port, args.timeout),
        worker_name("client receive loop"))
    try:
        receiver.start()  # inside the try: a Ctrl+C may arrive while start() waits
        while not finished.is_set() and not connected.wait(0.2):
            pass
        if client.state is ClientState.CONNECTED:
            # stdin is read on a daemon thread: when the server closes first, we exit
            # without waiting for a line the user may never type.
            threading.Thread(target=_send_stdin, args=(client,),
                             name=worker_name("stdin reader"), daemon=True).start()
        while not finished.wait(0.2):
            pass
    except KeyboardInterrupt:
        client.close()
        finished.wait(5)
    if receiver.ident is not None:
        receiver.join(1)
    return 1 if failed and not connected.is_set() else 0


def _thread_with_end_flag(target: Callable[[], None],
                          name: str) -> tuple[threading.Thread, threading.Event]:
    """A thread (not started yet) that runs `target`, and an Event set when it returned.

    The main thread waits on that Event, not in join(): on CPython 3.11 a Ctrl+C that
    interrupts join() marks the thread finished while it still runs, so the next join()
    returns at once and the program exits before its loop has stopped and said so.
    """
    finished = threading.Event()

    def run() -> None:
        try:
            target()
        finally:
            finished.set()

    return threading.Thread(target=run, name=name), finished


def _stop_on_terminate() -> None:
    """Treat SIGTERM (kill, timeout, a service manager) like Ctrl+C: stop cleanly."""
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def _send_stdin(client: Client) -> None:
    # os.read(), not sys.stdin: this daemon thread is often still waiting for input when
    # the program ends (the server closed first, or Ctrl+C), and a daemon thread blocked
    # inside sys.stdin's buffered reader makes the interpreter abort at exit ("Fatal Python
    # error: could not acquire lock for <stdin>"). A terminal still gives one line per read.
    stdin = sys.stdin.fileno()
    while True:
        try:
            chunk = os.read(stdin, 65536)
        except OSError:
            break
        if not chunk:
            break
        client.send(chunk)
    client.half_close()  # end of input: tell the server, and keep printing its replies


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tcp-lab",
        description=translate("cli", "TCP Lab: see TCP client/server programming happen. "
                                     "With no command, the window opens (add --screenshot "
                                     "FILE.png to save a picture of it and quit)."))
    commands = parser.add_subparsers(dest="command")
    serve_parser = commands.add_parser("serve", help=translate(
        "cli", "run a server without a window; one line per event"))
    serve_parser.add_argument("--host", default="127.0.0.1",
                              help=translate("cli", "address to listen on (default "
                                                    "127.0.0.1, this computer only; 0.0.0.0 "
                                                    "lets other computers connect)"))
    serve_parser.add_argument("--port", type=int, default=9000,
                              help=translate("cli", "port to listen on (default 9000; 0 "
                                                    "picks a free one)"))
    serve_parser.add_argument("--model", choices=[m.value for m in ServerModel],
                              default=ServerModel.THREAD.value,
                              help=translate("cli", "how clients are served (default thread)"))
    serve_parser.add_argument("--behaviour", "--behavior",
                              choices=[b.value for b in Behaviour if b is not Behaviour.MANUAL],
                              default=Behaviour.ECHO.value,
                              help=translate("cli",
                                             "what the server does with data (default echo)"))
    serve_parser.add_argument("--framing", choices=[f.value for f in Framing],
                              default=Framing.NONE.value,
                              help=translate("cli", "how messages are found in the stream: "
                                                    "none (each recv() as it comes), lines "
                                                    "(ended by \\n), length (a 4-byte "
                                                    "big-endian length first); replies go per "
                                                    "whole message"))
    serve_parser.add_argument("--backlog", type=int, default=16,
                              help=translate("cli", "listen() backlog"))
    serve_parser.add_argument("--max-connections", type=int, default=64,
                              help=translate("cli", "clients served at once; the next is told "
                                                    "so and closed"))
    serve_parser.add_argument("--idle-seconds", type=float, default=DEFAULT_IDLE_SECONDS,
                              help=translate("cli", "close a connection that sends and is "
                                                    "sent nothing for this long (default "
                                                    "{seconds}; 0: never)").format(
                                  seconds=f"{DEFAULT_IDLE_SECONDS:g}"))
    serve_parser.add_argument("--json", action="store_true",
                              help=translate("cli", "print JSON lines"))
    connect_parser = commands.add_parser("connect", help=translate(
        "cli", "connect, send each line of standard input, print what comes back"))
    connect_parser.add_argument("host")
    connect_parser.add_argument("port", type=int)
    connect_parser.add_argument("--timeout", type=float, default=DEFAULT_CONNECT_TIMEOUT,
                                help=translate("cli", "seconds to wait for connect()"))
    connect_parser.add_argument("-v", "--verbose", action="store_true",
                                help=translate("cli", "also print every event to standard "
                                                      "error"))
    return parser


def run_command(argv: list[str]) -> int:
    """Run `serve` or `connect`; the caller has checked that one of them was asked for."""
    args = build_parser().parse_args(argv)
    if not 0 <= getattr(args, "port", 0) <= 65535:
        print(translate("cli", "Port {port} is not possible: choose 0 to 65535.").format(
            port=args.port), file=sys.stderr)
        return 2
    raise_to_hard_limit()  # a server holds a descriptor per client
    if not (args.command == "serve" and args.model == ServerModel.SELECT.value):
        keep_python_threads_on_one_core()  # (a select server: netcore/cpu.py says why not)
    return serve(args) if args.command == "serve" else connect(args)
