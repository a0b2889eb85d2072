"""The server's table of connections: who, served by whom, doing what, how many bytes."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from gui.colours import FINISHED, colour
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.plain_tooltip import plain_tooltip
from gui.table_model import RowListModel
from netcore.worker_names import shown_worker
from netcore.errors import is_reset
from netcore.events import Event, EventKind
from netcore.select_model import WORKER as SELECT_WORKER
from netcore.text import clock_time

COLUMNS = (QT_TRANSLATE_NOOP("connections_model", "ID"),
           QT_TRANSLATE_NOOP("connections_model", "Peer address"),
           QT_TRANSLATE_NOOP("connections_model", "Worker"),
           QT_TRANSLATE_NOOP("connections_model", "State"),
           QT_TRANSLATE_NOOP("connections_model", "Bytes in"),
           QT_TRANSLATE_NOOP("connections_model", "Bytes out"),
           QT_TRANSLATE_NOOP("connections_model", "Connected since"))
ID, PEER, WORKER, STATE, BYTES_IN, BYTES_OUT, SINCE = range(len(COLUMNS))
MAX_FINISHED_ROWS = 500  # closed connections kept for reading; the oldest go first

# What each event says about where the connection's worker is now. A row keeps these
# English words (other code compares them); data() translates them for display.
STATE_AFTER: dict[EventKind, str] = {
    EventKind.ACCEPTED: QT_TRANSLATE_NOOP("connections_model", "accepted"),
    EventKind.WORKER_STARTED: QT_TRANSLATE_NOOP("connections_model", "worker starting"),
    EventKind.RECV_WAITING: QT_TRANSLATE_NOOP("connections_model", "waiting in recv()"),
    EventKind.RECEIVED: QT_TRANSLATE_NOOP("connections_model", "got data"),
    EventKind.SEND_WAITING: QT_TRANSLATE_NOOP("connections_model",
                                              "waiting in send(): the client is not reading"),
    EventKind.SENT: QT_TRANSLATE_NOOP("connections_model", "sent data"),
    EventKind.PEER_CLOSED: QT_TRANSLATE_NOOP("connections_model", "client closed (FIN received)"),
    EventKind.CLOSED: QT_TRANSLATE_NOOP("connections_model", "closed"),
    EventKind.REFUSED_FULL: QT_TRANSLATE_NOOP("connections_model", "refused: server full"),
}
# A select-model connection between its calls: not blocked in any call of its own, but
# one of the sockets the select loop waits on (what "waiting in recv()" is for the others).
WATCHED = QT_TRANSLATE_NOOP("connections_model", "watched by select()")
# The state of a connection that closed after an error: {state} is the error's few words.
CLOSED_AFTER_ERROR = QT_TRANSLATE_NOOP("connections_model", "closed: {state}")
# The frequent events, which only move the state and the byte counts.
_DATA_STATE: dict[EventKind, str] = {kind: STATE_AFTER[kind] for kind in
                                     (EventKind.RECV_WAITING, EventKind.RECEIVED, EventKind.SENT)}


@dataclass(slots=True)
class ConnectionRow:
    conn_id: int
    peer: str
    worker: str
    state: str
    since: float
    bytes_in: int = 0
    bytes_out: int = 0
    open: bool = True
    peer_closed: bool = False  # the client's FIN arrived; in manual mode replies may follow
    error: str = ""  # the whole sentence of the last error, shown as the State's tooltip
    closed_after: str = ""  # closed after an error: the state then (state is "closed: ...")


class ConnectionsModel(RowListModel):
    """One row per connection the server accepted, updated from event batches."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(tuple(translate("connections_model", name) for name in COLUMNS), parent)
        self._rows: list[ConnectionRow] = []
        self._row_of: dict[int, int] = {}
        self._conn_from: dict[str, int] = {}  # peer address -> its latest connection's id
        self._finished = 0

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == STATE:
            return plain_tooltip(row.error or state_text(row))
        if role == Qt.ItemDataRole.ForegroundRole and not row.open:
            return colour(FINISHED)
        if role == Qt.ItemDataRole.UserRole:
            return row.conn_id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (ID, BYTES_IN, BYTES_OUT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row(self, conn_id: int) -> ConnectionRow | None:
        position = self._row_of.get(conn_id)
        return None if position is None else self._rows[position]

    def row_from(self, peer: str) -> ConnectionRow | None:
        """The latest connection from this peer address ("127.0.0.1:50000")."""
        conn_id = self._conn_from.get(peer)
        return None if conn_id is None else self.row(conn_id)

    def conn_from_port(self, port: int | None) -> int | None:
        """The latest connection whose client used this port, whatever its address."""
        if port is None:
            return None
        ending = f":{port}"
        for row in reversed(self._rows):
            if row.peer.endswith(ending):
                return row.conn_id
        return None

    def open_ids(self) -> list[int]:
        return [row.conn_id for row in self._rows if row.open]

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._row_of = {}
        self._conn_from = {}
        self._finished = 0
        self.endResetModel()

    def apply(self, events: list[Event]) -> None:
        """Update rows from a batch; one dataChanged for all the rows it touched.

        Runs for every event the server reports, thousands a second under load, so the
        common data events take a short path.
        """
        changed: set[int] = set()
        row_of, rows = self._row_of, self._rows
        for event in events:
            conn_id = event.conn
            if conn_id is None:
                continue
            position = row_of.get(conn_id)
            kind = event.kind
            if position is None:
                if kind is not EventKind.ACCEPTED and kind is not EventKind.REFUSED_FULL:
                    continue
                row = self._add(event)
            else:
                row = rows[position]
            changed.add(conn_id)
            if kind in _DATA_STATE:
                if kind is EventKind.RECEIVED:
                    row.bytes_in += event.size
                elif kind is EventKind.SENT:
                    row.bytes_out += event.size
                if not row.peer_closed and row.open:
                    # The select loop goes back to select() after each call, whether a
                    # reply follows (echo) or not (manual, chat).
                    row.state = (WATCHED if kind is not EventKind.RECV_WAITING
                                 and event.worker == SELECT_WORKER else _DATA_STATE[kind])
                if row.worker != event.worker and not event.worker.endswith("sender"):
                    row.worker = event.worker
                continue
            self._apply_lifecycle(row, event)
        if changed:
            positions = [row_of[conn_id] for conn_id in changed if conn_id in row_of]
            self.dataChanged.emit(self.index(min(positions), 0),
                                  self.index(max(positions), len(COLUMNS) - 1))
        if self._finished > MAX_FINISHED_ROWS:
            self._forget_old_finished()

    def _apply_lifecycle(self, row: ConnectionRow, event: Event) -> None:
        kind = event.kind
        if event.worker and not event.worker.endswith("sender"):
            row.worker = event.worker
        if kind is EventKind.ERROR:
            row.error = event.detail
            row.state = short_error(event.detail)
        elif kind is EventKind.PEER_CLOSED:
            row.peer_closed = True
            row.state = STATE_AFTER[kind]
        elif kind is EventKind.CLOSED:
            if row.error:
                row.closed_after = row.state
                row.state = CLOSED_AFTER_ERROR.format(state=row.state)
            else:
                row.state = STATE_AFTER[kind]
        elif kind is EventKind.ACCEPTED and event.worker == SELECT_WORKER:
            row.state = WATCHED
        elif kind in STATE_AFTER and not row.peer_closed:
            # After the client's FIN the connection waits for the server to close it
            # (CLOSE_WAIT), whatever it still sends: that stays the state shown.
            row.state = STATE_AFTER[kind]
        if (kind is EventKind.CLOSED or kind is EventKind.REFUSED_FULL) and row.open:
            row.open = False
            self._finished += 1

    def _add(self, event: Event) -> ConnectionRow:
        row = ConnectionRow(event.conn or 0, event.peer, event.worker, "", event.at)
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(row)
        self._row_of[row.conn_id] = position
        self._conn_from[row.peer] = row.conn_id
        self.endInsertRows()
        return row

    def _forget_old_finished(self) -> None:
        finished = [i for i, row in enumerate(self._rows) if not row.open]
        excess = len(finished) - MAX_FINISHED_ROWS
        self.beginResetModel()
        drop = set(finished[:excess])
        self._rows = [row for i, row in enumerate(self._rows) if i not in drop]
        self._row_of = {row.conn_id: i for i, row in enumerate(self._rows)}
        self._conn_from = {peer: conn_id for peer, conn_id in self._conn_from.items()
                           if conn_id in self._row_of}
        self._finished -= excess
        self.endResetModel()


def short_error(sentence: str) -> str:
    """A few words for the State column; the whole sentence is in the log and the tooltip."""
    if is_reset(sentence):  # in the language in use, too
        return QT_TRANSLATE_NOOP("connections_model", "reset by the client (RST)")
    if "already closed" in sentence:
        return QT_TRANSLATE_NOOP("connections_model", "client gone (send failed)")
    return QT_TRANSLATE_NOOP("connections_model", "error (see the log)")


def state_text(row: ConnectionRow) -> str:
    """The row's state in the language of the window (row.state keeps the English)."""
    if row.closed_after and row.state == CLOSED_AFTER_ERROR.format(state=row.closed_after):
        return translate("connections_model", CLOSED_AFTER_ERROR).format(
            state=translate("connections_model", row.closed_after))
    return translate("connections_model", row.state)


def _display(row: ConnectionRow, column: int) -> str:
    if column == ID:
        return str(row.conn_id)
    if column == PEER:
        return row.peer
    if column == WORKER:
        return shown_worker(row.worker)
    if column == STATE:
        return state_text(row)
    if column == BYTES_IN:
        return f"{row.bytes_in:,}"
    if column == BYTES_OUT:
        return f"{row.bytes_out:,}"
    return clock_time(row.since)
