"""The kernel's view as a table: one row per socket, its TCP state and what it means."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from gui.table_model import RowListModel
from netcore.errors import format_address
from netcore.kernel_view import KernelReport, KernelSocket

COLUMNS = ("Kernel state", "Local address", "Remote address", "Whose", "Queued",
           "RTT", "Sent again", "What it means")
STATE, LOCAL, REMOTE, OWNER, QUEUED, RTT, RETRANSMITTED, MEANING = range(len(COLUMNS))

# Colour marks a state; the state's name in the first column tells them apart without it.
STATE_COLOURS: dict[str, QColor] = {
    "LISTEN": QColor("#1565c0"),
    "ESTABLISHED": QColor("#2e7d32"),
    "CLOSE_WAIT": QColor("#e65100"),
    "TIME_WAIT": QColor("#6a1b9a"),
}
NOT_ACCEPTED_COLOUR = QColor("#b26a00")


OwnerNamer = Callable[[KernelSocket], str]
"""Says whose a socket is in the app's own words ("server, connection 2", "Client 1")."""


def address_text(address: tuple[str, int] | None) -> str:
    return "any (listening)" if address is None else format_address(*address)


def plain_owner(sock: KernelSocket) -> str:
    return sock.holder or "only the kernel"


def state_text(sock: KernelSocket) -> str:
    if sock.not_accepted:
        return "ESTABLISHED, not accepted"
    if sock.state == "TIME_WAIT" and sock.seconds_left is not None:
        return f"TIME_WAIT ({sock.seconds_left:.0f} s left)"
    return sock.state


def queued_text(sock: KernelSocket) -> str:
    if sock.accept_queue is not None:
        waiting, limit = sock.accept_queue
        full = ", full" if waiting >= limit else ""
        return f"{waiting} waiting for accept() (backlog {limit}{full})"
    if sock.state == "SYN_SENT":
        return "its SYN, unanswered"  # the SYN counts as one byte not yet acknowledged
    parts = []
    if sock.recv_queue:
        parts.append(f"{sock.recv_queue:,} B unread")
    if sock.send_queue:
        parts.append(f"{sock.send_queue:,} B unacknowledged")
    return ", ".join(parts)


def _display(sock: KernelSocket, owner: str, column: int) -> str:
    if column == STATE:
        return state_text(sock)
    if column == LOCAL:
        return address_text(sock.local)
    if column == REMOTE:
        return address_text(sock.remote)
    if column == OWNER:
        return owner
    if column == QUEUED:
        return queued_text(sock)
    if column == RTT:
        return f"{sock.rtt_ms:.2f} ms" if sock.rtt_ms is not None else ""
    if column == RETRANSMITTED:
        return f"{sock.retransmissions:,}" if sock.retransmissions is not None else ""
    return sock.sentence


class KernelModel(RowListModel):
    """Replaced whole by each report: the kernel's table changes as a whole."""

    def __init__(self, name_owner: OwnerNamer = plain_owner, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self._name_owner = name_owner
        self._rows: list[tuple[KernelSocket, str]] = []
        self.report: KernelReport | None = None

    def sockets(self) -> list[KernelSocket]:
        return [sock for sock, _owner in self._rows]

    def owners(self) -> list[str]:
        return [owner for _sock, owner in self._rows]

    def take(self, report: KernelReport) -> None:
        self.report = report
        new_rows = [(sock, self._name_owner(sock)) for sock in report.sockets]
        if len(new_rows) == len(self._rows):
            # Same count: change the cells in place, so the selection and scroll stay.
            self._rows = new_rows
            if new_rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(new_rows) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._rows = new_rows
        self.endResetModel()

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        sock, owner = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(sock, owner, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return sock.sentence
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE:
            return NOT_ACCEPTED_COLOUR if sock.not_accepted else STATE_COLOURS.get(sock.state)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (RTT, RETRANSMITTED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
