"""Messages on a stream: TCP keeps no boundaries between send()s, so a server that wants
whole messages must mark them. Two common ways: one message per line, or a length
before each message. Without framing, the server handles whatever each recv() returned.
"""

from __future__ import annotations

import struct
from enum import Enum

from netcore.i18n import QT_TRANSLATE_NOOP, translate

LENGTH_PREFIX = struct.Struct("!I")  # 4 bytes, network byte order (big-endian)


class Framing(Enum):
    NONE = "none"  # a stream: each recv()'s bytes, as they came
    LINES = "lines"  # one message per line, ended by \n
    LENGTH = "length"  # a 4-byte big-endian length, then that many bytes


# In English; the window shows its own translated copy (gui/server_form.py).
FRAMING_LABELS: dict[Framing, str] = {
    Framing.NONE: QT_TRANSLATE_NOOP("framing", "None: handle each recv() as it comes"),
    Framing.LINES: QT_TRANSLATE_NOOP("framing", "Lines: a message ends with \\n"),
    Framing.LENGTH: QT_TRANSLATE_NOOP("framing", "Length prefix: 4 bytes, then the message"),
}


class FramingError(ValueError):
    """The stream cannot be framed as agreed: the sentence says why, in plain words."""


def reframe(framing: Framing, message: bytes) -> bytes:
    """A whole message with its framing put back (what a chat relays)."""
    return Deframer(framing, 0).wrap(message)


class Deframer:
    """Collects a connection's bytes and gives back its whole messages (without their
    framing); wrap() frames a reply the same way.

    A line longer than `limit` is given back as it stands once `limit` bytes wait: one
    peer that never ends its line must not grow the buffer for ever. A length prefix
    above `limit` raises FramingError: the rest of the stream cannot be trusted (it is
    most likely not length-prefixed at all: "hell" read as a length is 1.7 GB).
    """

    def __init__(self, framing: Framing, limit: int) -> None:
        self.framing = framing
        self.limit = limit
        self._buffer = bytearray()
        self.oversized = 0  # messages given back unfinished because they passed `limit`

    @property
    def pending(self) -> int:
        """Bytes received that do not yet make a whole message."""
        return len(self._buffer)

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer += data
        if self.framing is Framing.LINES:
            messages = self._lines()
        else:
            messages = self._prefixed()
        if self.framing is Framing.LINES and len(self._buffer) >= self.limit:
            messages.append(bytes(self._buffer))
            self._buffer.clear()
            self.oversized += 1
        return messages

    def _lines(self) -> list[bytes]:
        buffer = self._buffer
        end = buffer.rfind(b"\n")
        if end < 0:
            return []
        whole = bytes(buffer[:end])
        del buffer[:end + 1]
        return whole.split(b"\n")

    def _prefixed(self) -> list[bytes]:
        buffer = self._buffer
        messages = []
        start = 0
        while len(buffer) - start >= LENGTH_PREFIX.size:
            (length,) = LENGTH_PREFIX.unpack_from(buffer, start)
            if length > self.limit:
                prefix = bytes(buffer[start:start + LENGTH_PREFIX.size])
                raise FramingError(translate(
                    "framing", "The next message says it is {length} bytes long (its first 4 "
                               "bytes, {prefix}), more than the {limit} the server takes: the "
                               "client is probably not sending a length before each message. "
                               "The server closes the connection.").format(
                    length=f"{length:,}", prefix=prefix.hex(" "), limit=f"{self.limit:,}"))
            end = start + LENGTH_PREFIX.size + length
            if end > len(buffer):
                break
            messages.append(bytes(buffer[start + LENGTH_PREFIX.size:end]))
            start = end
        del buffer[:start]
        return messages

    def wrap(self, message: bytes) -> bytes:
        if self.framing is Framing.LINES:
            return message + b"\n"
        if self.framing is Framing.LENGTH:
            return LENGTH_PREFIX.pack(len(message)) + message
        return message


def message_sentence(message: bytes, framing: Framing) -> str:
    if framing is Framing.LINES:
        text = translate("framing", "a whole message: {count} bytes (its end found by a line)")
    else:
        text = translate("framing", "a whole message: {count} bytes (its end found by its "
                                    "length prefix)")
    return text.format(count=len(message))
