"""Showing bytes from the network as harmless, readable text, and event times as clock times."""

from __future__ import annotations

import time
from datetime import datetime

from netcore.i18n import translate

# Event times are time.monotonic(): steady, and the same clock in child processes on Linux.
# This offset turns them into wall-clock times for display.
_WALL_MINUS_MONOTONIC = time.time() - time.monotonic()

UTF_8 = "utf-8"  # what data is read as unless a person chooses another encoding

_ESCAPES = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r", 0x5C: "\\\\"}
# Characters that move or reorder the text around them: line and paragraph separators,
# and the bidirectional controls (a right-to-left override can make "exe.txt" read
# "txt.exe"). Shown as \u escapes so network data cannot rearrange a log line.
_LAYOUT_CONTROLS = frozenset({0x061C, 0x200E, 0x200F, 0x2028, 0x2029,
                              *range(0x202A, 0x202F), *range(0x2066, 0x206A)})


def escape_bytes(data: bytes, limit: int | None = None, encoding: str = UTF_8) -> str:
    """Text for `data`: valid text in `encoding` (a Python codec: UTF-8 unless the person
    chose another) as itself, control characters and invalid bytes escaped.

    Nothing in the result can act on a terminal or a widget: line breaks, NUL, ANSI escape
    sequences and stray bytes all become visible escapes such as \\n, \\x00, \\x1b, \\xff.
    """
    if limit is not None and len(data) > limit:
        data = data[:limit]
    # surrogateescape turns each invalid byte into U+DC80..U+DCFF, told apart below.
    text = data.decode(encoding, errors="surrogateescape")
    # Most data is plain printable text: nothing to escape, and checked in C. Control,
    # format (bidi), separator and surrogate characters all count as not printable.
    if text.isprintable() and "\\" not in text:
        return text
    out: list[str] = []
    for char in text:
        code = ord(char)
        if code in _ESCAPES:
            out.append(_ESCAPES[code])
        elif 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code in _LAYOUT_CONTROLS:
            out.append(f"\\u{code:04x}")
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        else:
            out.append(char)
    return "".join(out)


def hex_bytes(data: bytes, limit: int | None = None) -> str:
    """`68 65 6c 6c 6f` for b"hello"."""
    if limit is not None and len(data) > limit:
        data = data[:limit]
    return data.hex(" ")


def parse_hex(text: str) -> bytes:
    """Bytes from hex typed by a person: spaces, colons, commas and 0x prefixes allowed.

    Raises ValueError with a sentence that says what is wrong and where.
    """
    cleaned = text.replace("0x", " ").replace("0X", " ")
    for separator in ":,-\t\r\n":
        cleaned = cleaned.replace(separator, " ")
    digits = "".join(cleaned.split())
    for position, char in enumerate(digits, start=1):
        if char not in "0123456789abcdefABCDEF":
            raise ValueError(translate("text", "\"{char}\" is not a hex digit (use 0-9 and "
                                               "a-f, e.g. 48 69).").format(char=char))
    if len(digits) % 2:
        raise ValueError(translate("text", "Hex needs two digits per byte: one digit is "
                                           "missing (e.g. 0a, not a)."))
    return bytes.fromhex(digits)


def clock_time(at: float) -> str:
    """`14:03:07.512` for a monotonic event time."""
    return datetime.fromtimestamp(at + _WALL_MINUS_MONOTONIC).strftime("%H:%M:%S.%f")[:-3]
