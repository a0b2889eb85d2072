"""What the server sends of its own accord: the chat's relays, and the replies of the
person at the server (manual mode: send to one, send to all, disconnect). A part of
Server (netcore/server.py), which mixes it in.

Nothing here waits for a slow client, except a chat relay from that client's own worker
(which slows its own client down): each connection's outbox sends in its own time.
"""

from __future__ import annotations

import threading

from netcore.connection_table import ConnectionTable
from netcore.i18n import translate
from netcore.select_model import SelectLoop
from netcore.session import ConnectionSocket


class ServerSending:
    """The sending half of Server: its connection table, or its select loop's."""

    _connections: ConnectionTable
    _select_loop: SelectLoop | None

    def _relay(self, conn: ConnectionSocket, data: bytes) -> None:
        # The sender's own worker waits for room (slowing its client down), unless its
        # connection is being closed meanwhile.
        self._relay_from(conn.conn_id, data, conn.close_requested)

    def _relay_from(self, sender_id: int, data: bytes,
                    wait_unless: threading.Event | None) -> None:
        """Chat: queue the message for every connection except the one that sent it."""
        for handle in self._connections.others(sender_id):
            self._connections.queue(handle, data, wait_unless)

    def connection_ids(self) -> list[int]:
        if self._select_loop is not None:
            return self._select_loop.connection_ids()
        return self._connections.ids()

    def send_to(self, conn_id: int, data: bytes) -> bool:
        """Queue data for one connection; False if it is no longer open. Never waits."""
        if self._select_loop is not None:
            return self._select_loop.send_to(conn_id, data)
        handle = self._connections.get(conn_id)
        if handle is None or not data:
            return False
        return self._connections.queue(handle, data, None)

    def send_to_all(self, data: bytes) -> int:
        """Queue data for every open connection; returns how many."""
        sent = 0
        for conn_id in self.connection_ids():
            sent += self.send_to(conn_id, data)
        return sent

    def disconnect(self, conn_id: int) -> bool:
        """Close one connection from the server's side (its worker does the close)."""
        if self._select_loop is not None:
            return self._select_loop.disconnect(conn_id)
        handle = self._connections.get(conn_id)
        if handle is None:
            return False
        handle.request_close(translate("server", "the server disconnected it"))
        self._connections.wake_waiters()  # a relay of its own, waiting for room, gives up
        return True
