"""What the server does with the bytes it receives: the behaviours a person chooses, and the
replies a connection's own worker makes by itself.

Kept apart from netcore.config, whose dataclass the process model's children do not need:
they import this module (via netcore.session), and every import is paid at each child's start.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum


class Behaviour(Enum):
    """What the server does with the bytes it receives."""

    ECHO = "echo"  # send them back unchanged
    UPPER = "upper"  # send them back in capitals (ASCII letters only; other bytes unchanged)
    CHAT = "chat"  # relay them to every other client
    MANUAL = "manual"  # nothing: the person at the server types the replies


# What a connection's own worker sends back for the bytes it received (ASCII letters in
# capitals for UPPER; other bytes unchanged). The behaviours not here send nothing by
# themselves: chat relays to the others, manual waits for the person at the server.
AUTOMATIC_REPLIES: dict[Behaviour, Callable[[bytes], bytes]] = {
    Behaviour.ECHO: bytes,  # bytes(data) is data itself: no copy
    Behaviour.UPPER: bytes.upper,
}
