"""The kernel's view as a table: one row per socket, its TCP state and what it means."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from gui.colours import (CLOSING, ESTABLISHED, FINISHED, LISTENING, TIME_WAIT, WARNING,
                         TextColour, colour)
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.plain_tooltip import plain_tooltip
from gui.table_model import RowListModel
from netcore.errors import format_address
from netcore.kernel_view import KernelReport, KernelSocket

COLUMNS = (QT_TRANSLATE_NOOP("kernel_model", "Kernel state"),
           QT_TRANSLATE_NOOP("kernel_model", "Local address"),
           QT_TRANSLATE_NOOP("kernel_model", "Remote address"),
           QT_TRANSLATE_NOOP("kernel_model", "Whose"),
           QT_TRANSLATE_NOOP("kernel_model", "Queued"),
           QT_TRANSLATE_NOOP("kernel_model", "RTT"),
           QT_TRANSLATE_NOOP("kernel_model", "Sent again"),
           QT_TRANSLATE_NOOP("kernel_model", "What it means"))
STATE, LOCAL, REMOTE, OWNER, QUEUED, RTT, RETRANSMITTED, MEANING = range(len(COLUMNS))

# Colour marks a state; the state's name in the first column tells them apart without it.
STATE_COLOURS: dict[str, TextColour] = {
    "LISTEN": LISTENING,
    "ESTABLISHED": ESTABLISHED,
    "CLOSE_WAIT": CLOSING,
    "TIME_WAIT": TIME_WAIT,
}
NOT_ACCEPTED_COLOUR = WARNING
FROM_BEFORE_COLOUR = FINISHED  # greyed: a socket from before the demo on screen


# Says whose a socket is in the app's own words ("server, connection 2", "Client 1").
OwnerNamer = Callable[[KernelSocket], str]


def address_text(address: tuple[str, int] | None) -> str:
    if address is None:
        return translate("kernel_model", "any (listening)")
    return format_address(*address)


def plain_owner(sock: KernelSocket) -> str:
    return sock.holder or translate("kernel_model", "only the kernel")


def state_text(sock: KernelSocket) -> str:
    if sock.not_accepted:
        return translate("kernel_model", "ESTABLISHED, not accepted")
    if sock.state == "TIME_WAIT" and sock.seconds_left is not None:
        return translate("kernel_model", "TIME_WAIT ({seconds} s left)").format(
            seconds=f"{sock.seconds_left:.0f}")
    return sock.state


def queued_text(sock: KernelSocket) -> str:
    if sock.accept_queue is not None:
        waiting, limit = sock.accept_queue
        if waiting > limit:  # Linux takes backlog + 1 before it is full
            text = translate("kernel_model",
                             "{waiting} waiting for accept() (backlog {limit}, full)")
        else:
            text = translate("kernel_model", "{waiting} waiting for accept() (backlog {limit})")
        return text.format(waiting=waiting, limit=limit)
    if sock.state == "SYN_SENT":
        # The SYN counts as one byte not yet acknowledged.
        return translate("kernel_model", "its SYN, unanswered")
    unread, unacknowledged = sock.recv_queue or 0, sock.send_queue or 0
    if unread and unacknowledged:
        text = translate("kernel_model", "{unread} B unread, {unacknowledged} B unacknowledged")
    elif unread:
        text = translate("kernel_model", "{unread} B unread")
    elif unacknowledged:
        text = translate("kernel_model", "{unacknowledged} B unacknowledged")
    else:
        return ""
    return text.format(unread=f"{unread:,}", unacknowledged=f"{unacknowledged:,}")


def _display(sock: KernelSocket, owner: str, column: int, from_before: bool) -> str:
    if column == OWNER and from_before:
        return translate("kernel_model", "from before this demo: {owner}").format(owner=owner)
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
        if sock.rtt_ms is None:
            return ""
        return translate("kernel_model", "{rtt} ms").format(rtt=f"{sock.rtt_ms:.2f}")
    if column == RETRANSMITTED:
        return f"{sock.retransmissions:,}" if sock.retransmissions is not None else ""
    return sock.sentence


class KernelModel(RowListModel):
    """Replaced whole by each report: the kernel's table changes as a whole.

    During a demo, the sockets of its own ports come first; those left from before it (a
    minute of TIME_WAIT, say) are greyed and listed after, still there but out of its way.
    """

    def __init__(self, name_owner: OwnerNamer = plain_owner, parent: QObject | None = None) -> None:
        super().__init__(tuple(translate("kernel_model", column) for column in COLUMNS), parent)
        self._name_owner = name_owner
        self._rows: list[tuple[KernelSocket, str]] = []
        self.report: KernelReport | None = None
        self._focus_ports: frozenset[int] | None = None  # a demo's ports; None: no demo

    def focus_on(self, ports: frozenset[int] | None) -> None:
        """Sockets on none of these ports are "from before" (None: none is)."""
        self._focus_ports = ports
        if self.report is not None:
            self.take(self.report)

    def from_before(self, sock: KernelSocket) -> bool:
        ports = self._focus_ports
        if ports is None:
            return False
        return sock.local[1] not in ports and (sock.remote is None or sock.remote[1] not in ports)

    def focused_sockets(self) -> list[KernelSocket]:
        """The sockets that are not from before: the demo's own, or all without a demo."""
        return [sock for sock in self.sockets() if not self.from_before(sock)]

    def sockets(self) -> list[KernelSocket]:
        return [sock for sock, _owner in self._rows]

    def owners(self) -> list[str]:
        return [owner for _sock, owner in self._rows]

    def take(self, report: KernelReport) -> None:
        self.report = report
        # A stable sort: the report's own order within each part.
        ordered = sorted(report.sockets, key=self.from_before)
        new_rows = [(sock, self._name_owner(sock)) for sock in ordered]
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
        from_before = self.from_before(sock)
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(sock, owner, column, from_before)
        if role == Qt.ItemDataRole.ToolTipRole:
            if from_before:
                return plain_tooltip(translate(
                    "kernel_model", "{meaning}\n(From before this demo: not part of its "
                    "story.)").format(meaning=sock.sentence))
            return plain_tooltip(sock.sentence)
        if role == Qt.ItemDataRole.ForegroundRole and from_before:
            return colour(FROM_BEFORE_COLOUR)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE:
            text = NOT_ACCEPTED_COLOUR if sock.not_accepted else STATE_COLOURS.get(sock.state)
            return colour(text) if text is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (RTT, RETRANSMITTED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
