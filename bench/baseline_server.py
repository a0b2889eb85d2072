"""Baseline echo servers, one per process: ``python -m bench.baseline_server NAME``.

Binds 127.0.0.1 on a port the system picks, prints the port on a line of its own on
standard output, then echoes until SIGTERM, SIGINT or the end of its standard input. bench.baselines starts these;
NAME is one of SERVER_NAMES, or ``delayed MS``: the threading server answering each
message MS milliseconds after it arrives (a far peer, or one that thinks, for bench rtt).
"""

from __future__ import annotations

import asyncio
import os
import signal
import socketserver
import sys
import threading
import time

HOST = "127.0.0.1"
RECV_SIZE = 65536
# The listen backlog: 32+ clients connect at once, and socketserver's default of 5 would
# drop SYNs and delay some connects by a second (the SYN retransmission timeout).
BACKLOG = 128


class EchoHandler(socketserver.BaseRequestHandler):
    """Echo whatever arrives until the client closes (the textbook handler)."""

    def handle(self) -> None:
        while data := self.request.recv(RECV_SIZE):
            self.request.sendall(data)


class DelayedEchoHandler(socketserver.BaseRequestHandler):
    """The textbook handler, waiting `delay_seconds` before each reply. This machine's
    kernel has no netem to delay a link, and a peer that answers later is what a slower
    link looks like to the client: the same wait for both clients bench rtt compares."""

    delay_seconds = 0.0

    def handle(self) -> None:
        while data := self.request.recv(RECV_SIZE):
            time.sleep(self.delay_seconds)
            self.request.sendall(data)


class ThreadingEchoServer(socketserver.ThreadingTCPServer):
    daemon_threads = True  # a connection thread never keeps the server from exiting
    allow_reuse_address = True
    request_queue_size = BACKLOG


class ForkingEchoServer(socketserver.ForkingTCPServer):
    allow_reuse_address = True
    request_queue_size = BACKLOG
    # socketserver's default (40) makes the accept loop wait for a child to exit once 40
    # connections are open; keep room for more than the benchmarks' 32 clients.
    max_children = 1024


def exit_at_end_of_stdin() -> None:
    """Stop (as on SIGTERM) when standard input reaches its end.

    bench.baselines keeps a pipe to our standard input open while it needs us; if the
    benchmark dies without stopping us (SIGKILL, a crash), the pipe closes and we exit
    rather than linger in a session of our own.
    """

    def watch() -> None:
        # os.read on the descriptor, not sys.stdin: a thread blocked inside the buffered
        # reader holds its lock, and the interpreter aborts when it finalizes over it.
        try:
            while os.read(0, 65536):
                pass
        except OSError:
            pass
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="stdin-watch", daemon=True).start()


def _announce(port: int) -> None:
    print(port, flush=True)


def _serve_socketserver(server_class: type[socketserver.TCPServer],
                        handler: type[socketserver.BaseRequestHandler] = EchoHandler) -> None:
    with server_class((HOST, 0), handler) as server:
        _announce(server.server_address[1])
        server.serve_forever()


async def _serve_asyncio_streams() -> None:
    async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(RECV_SIZE):
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(echo, HOST, 0, backlog=BACKLOG)
    _announce(server.sockets[0].getsockname()[1])
    async with server:
        await server.serve_forever()


class EchoProtocol(asyncio.Protocol):
    """The fastest plain-asyncio echo: no streams, no coroutine per read."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.transport.write(data)

    def eof_received(self) -> bool | None:
        self.transport.close()
        return None


async def _serve_asyncio_protocol() -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(EchoProtocol, HOST, 0, backlog=BACKLOG)
    _announce(server.sockets[0].getsockname()[1])
    async with server:
        await server.serve_forever()


SERVER_NAMES = ("threading", "threading-one-core", "forking", "asyncio-streams",
                "asyncio-protocol")


def _is_milliseconds(text: str) -> bool:
    try:
        return 0.0 <= float(text) <= 10_000.0
    except ValueError:
        return False


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    delayed = len(args) == 2 and args[0] == "delayed" and _is_milliseconds(args[1])
    if not delayed and (len(args) != 1 or args[0] not in SERVER_NAMES):
        print(f"usage: python -m bench.baseline_server {{{','.join(SERVER_NAMES)}}}\n"
              f"       python -m bench.baseline_server delayed MILLISECONDS", file=sys.stderr)
        return 2
    name = args[0]
    # SIGTERM (how bench.baselines stops us) unwinds normally instead of killing on the
    # spot: closing a ForkingTCPServer then reaps its children, so none is left a zombie
    # for init to collect (which keeps the process group alive for a second or more).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    exit_at_end_of_stdin()
    try:
        if name == "delayed":
            DelayedEchoHandler.delay_seconds = float(args[1]) / 1000
            _serve_socketserver(ThreadingEchoServer, DelayedEchoHandler)
        elif name == "threading":
            _serve_socketserver(ThreadingEchoServer)
        elif name == "threading-one-core":
            # What TCP Lab does with its threads (netcore/cpu.py), done to the standard
            # library's server: is its lead only the core it runs on?
            if hasattr(os, "sched_setaffinity"):
                os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
            _serve_socketserver(ThreadingEchoServer)
        elif name == "forking":
            _serve_socketserver(ForkingEchoServer)
        elif name == "asyncio-streams":
            asyncio.run(_serve_asyncio_streams())
        else:
            asyncio.run(_serve_asyncio_protocol())
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
