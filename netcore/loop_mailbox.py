"""Work handed to the select loop from other threads, and the byte that wakes it up.

A loop blocked in select() sees nothing but its sockets. So a thread that wants something
done there (send to a connection, disconnect one, stop) leaves a command here and writes
one byte to a socket pair whose other end the loop watches: select() returns, and the
loop reads the byte and runs the commands in its own thread, the only one that touches
its sockets. This is the "self-pipe trick" (a socket pair, not a pipe: Windows' select()
takes sockets only).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

Command = Callable[[], None]


class LoopMailbox:
    """Commands for one loop; `reader` is the socket the loop watches for its wake-ups."""

    def __init__(self) -> None:
        self.reader, self._writer = socket.socketpair()
        self.reader.setblocking(False)
        self._writer.setblocking(False)
        self._lock = threading.Lock()  # _commands and _closed
        self._commands: list[Command] = []
        self._closed = False

    def post(self, command: Command) -> None:
        """From any thread: run `command` in the loop's thread, on its next turn."""
        with self._lock:
            self._commands.append(command)
        self.wake()

    def wake(self) -> None:
        """From any thread: end the loop's wait in select()."""
        with self._lock:  # never after close(): the descriptor could be another's by then
            if self._closed:
                return
            try:
                self._writer.send(b"\0")
            except OSError:
                pass  # the pair is full: the loop is awake anyway

    def take(self) -> list[Command]:
        """In the loop's thread, once `reader` is ready: the commands posted since the last
        time, the wake-up bytes read."""
        try:
            while self.reader.recv(4096):
                pass
        except BlockingIOError:
            pass
        with self._lock:
            commands, self._commands = self._commands, []
        return commands

    def close(self) -> None:
        """In the loop's thread, as it ends: later posts and wake-ups do nothing."""
        with self._lock:
            self._closed = True
            self.reader.close()
            self._writer.close()
