"""A bounded, fast table of what happened: time, worker, connection, step, bytes, data.

Data from the network is only ever shown through DisplayRole as plain text: a view never
interprets it as HTML, and escape_bytes() makes control bytes visible. The model keeps
the latest `max_rows` rows and counts exactly how many older ones it dropped.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from gui.colours import ERROR, MESSAGE, RECEIVED, SENT, WAITING, colour
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.plain_tooltip import plain_tooltip
from gui.table_model import RowListModel
from netcore.worker_names import shown_worker
from netcore.events import Event, EventKind
from netcore.text import UTF_8, clock_time, escape_bytes, hex_bytes

DEFAULT_MAX_ROWS = 10_000
PREVIEW_BYTES = 512  # a row keeps this much of its data; the byte count is always exact
# A log line shows this much of it; its tooltip shows the whole preview. Laying out a
# long line costs the window time on every repaint, for text that is cut off anyway.
LINE_BYTES = 96
MAX_MERGE_ROWS = 64  # how far back a late event may be put in its place in time

COLUMNS = (QT_TRANSLATE_NOOP("log_model", "Time"), QT_TRANSLATE_NOOP("log_model", "Worker"),
           QT_TRANSLATE_NOOP("log_model", "Conn"), QT_TRANSLATE_NOOP("log_model", "What"),
           QT_TRANSLATE_NOOP("log_model", "Bytes"), QT_TRANSLATE_NOOP("log_model", "Details"))
TIME, WORKER, CONN, WHAT, BYTES, DETAILS = range(len(COLUMNS))

WHAT_LABELS: dict[EventKind, str] = {
    EventKind.SOCKET_CREATED: QT_TRANSLATE_NOOP("log_model", "socket()"),
    EventKind.BOUND: QT_TRANSLATE_NOOP("log_model", "bind()"),
    EventKind.LISTENING: QT_TRANSLATE_NOOP("log_model", "listen()"),
    EventKind.ACCEPT_WAITING: QT_TRANSLATE_NOOP("log_model", "accept() …"),
    EventKind.ACCEPT_HELD: QT_TRANSLATE_NOOP("log_model", "accept() held"),
    EventKind.ACCEPTED: QT_TRANSLATE_NOOP("log_model", "accept() ✓"),
    EventKind.SELECT_WAITING: QT_TRANSLATE_NOOP("log_model", "select() …"),
    EventKind.REFUSED_FULL: QT_TRANSLATE_NOOP("log_model", "refused: full"),
    EventKind.CONNECTING: QT_TRANSLATE_NOOP("log_model", "connect() …"),
    EventKind.CONNECTED: QT_TRANSLATE_NOOP("log_model", "connect() ✓"),
    EventKind.RECV_WAITING: QT_TRANSLATE_NOOP("log_model", "recv() …"),
    EventKind.RECEIVED: QT_TRANSLATE_NOOP("log_model", "← received"),
    EventKind.MESSAGE: QT_TRANSLATE_NOOP("log_model", "✉ message"),
    EventKind.SEND_WAITING: QT_TRANSLATE_NOOP("log_model", "send() …"),
    EventKind.SENT: QT_TRANSLATE_NOOP("log_model", "→ sent"),
    EventKind.PEER_CLOSED: QT_TRANSLATE_NOOP("log_model", "peer closed (FIN)"),
    EventKind.HALF_CLOSED: QT_TRANSLATE_NOOP("log_model", "shutdown(WR)"),
    EventKind.CLOSED: QT_TRANSLATE_NOOP("log_model", "close()"),
    EventKind.ABORTED: QT_TRANSLATE_NOOP("log_model", "abort (RST)"),
    EventKind.WORKER_STARTED: QT_TRANSLATE_NOOP("log_model", "worker started"),
    EventKind.WORKER_ENDED: QT_TRANSLATE_NOOP("log_model", "worker ended"),
    EventKind.ERROR: QT_TRANSLATE_NOOP("log_model", "error"),
    EventKind.STOPPED: QT_TRANSLATE_NOOP("log_model", "stopped"),
}
# Rows that carry bytes: their size and data are shown.
DATA_ROW_KINDS = frozenset({EventKind.RECEIVED, EventKind.SENT, EventKind.MESSAGE})
WAIT_KINDS = frozenset({EventKind.ACCEPT_WAITING, EventKind.RECV_WAITING, EventKind.CONNECTING,
                        EventKind.SEND_WAITING, EventKind.SELECT_WAITING})


class LogModel(RowListModel):
    """The log behind every log view of the app; append() takes whole batches."""

    droppedChanged = Signal(int)  # how many rows have been dropped so far, in all

    def __init__(self, max_rows: int = DEFAULT_MAX_ROWS, parent: QObject | None = None) -> None:
        super().__init__(tuple(translate("log_model", name) for name in COLUMNS), parent)
        self._rows: list[Event] = []
        self._max_rows = max_rows
        self._dropped = 0
        self._hex = False
        self._encoding = UTF_8
        self._show_waits = True

    # ---- what the views ask ----

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == DETAILS:
            return plain_tooltip(self.details_text(row, PREVIEW_BYTES))
        if role == Qt.ItemDataRole.ForegroundRole:
            return _colour(row.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (CONN, BYTES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: Event, column: int) -> str:
        if column == TIME:
            return clock_time(row.at)
        if column == WORKER:
            return shown_worker(row.worker)
        if column == CONN:
            return "" if row.conn is None else str(row.conn)
        if column == WHAT:
            what = translate("log_model", WHAT_LABELS[row.kind])
            if row.count > 1:
                # A flood folded into one row: "send() … ×1,200".
                return translate("log_model", "{what} ×{count}").format(
                    what=what, count=f"{row.count:,}")
            return what
        if column == BYTES:
            return f"{row.size:,}" if row.kind in DATA_ROW_KINDS else ""
        return self.details_text(row)

    def search_text(self, row_number: int, column: int) -> str:
        """A cell as a filter reads it (gui/log_filter.py): as shown, with all the data the
        row kept."""
        row = self._rows[row_number]
        if column == DETAILS:
            return self.details_text(row, PREVIEW_BYTES)
        return self._display(row, column)

    def cell_text(self, row_number: int, column: int) -> str:
        """A cell as copied or saved (gui/log_export.py): as shown, but with all the data
        the row kept, and the byte count without separators."""
        if column == BYTES:
            row = self._rows[row_number]
            return str(row.size) if row.kind in DATA_ROW_KINDS else ""
        return self.search_text(row_number, column)

    def details_text(self, row: Event, limit: int = LINE_BYTES) -> str:
        """The data as text (or hex), at most `limit` bytes of it, else the event's sentence."""
        if row.kind not in DATA_ROW_KINDS:
            if row.count > 1:
                return translate("log_model", "{count} more times, too fast to list each one; "
                                              "the last: {detail}").format(
                    count=f"{row.count:,}", detail=row.detail)
            return row.detail
        part = row.data[:limit]
        shown = hex_bytes(part) if self._hex else escape_bytes(part, encoding=self._encoding)
        if row.count > 1:
            return _folded_calls(row.kind).format(count=f"{row.count:,}", size=f"{row.size:,}",
                                                  data=shown)
        if row.size > len(part):
            shown += translate("log_model", " … (+{count} more bytes)").format(
                count=f"{row.size - len(part):,}")
        return shown

    # ---- what the app tells it ----

    @property
    def dropped(self) -> int:
        return self._dropped

    @property
    def rows(self) -> list[Event]:
        return self._rows

    def set_hex(self, enabled: bool) -> None:
        if enabled != self._hex:
            self._hex = enabled
            if self._rows:
                self.dataChanged.emit(self.index(0, DETAILS),
                                      self.index(len(self._rows) - 1, DETAILS))

    def set_encoding(self, encoding: str) -> None:
        """How data is read as text (gui/text_encodings.py): UTF-8 unless chosen."""
        if encoding != self._encoding:
            self._encoding = encoding
            if self._rows and not self._hex:
                self.dataChanged.emit(self.index(0, DETAILS),
                                      self.index(len(self._rows) - 1, DETAILS))

    def set_show_waits(self, enabled: bool) -> None:
        """Whether new "waiting in accept()/recv()" steps are logged (they always count)."""
        self._show_waits = enabled

    def clear(self) -> None:
        """Forget every row, and the count of dropped ones with them."""
        self.beginResetModel()
        self._rows = []
        self.endResetModel()
        if self._dropped:
            self._dropped = 0
            self.droppedChanged.emit(0)

    def append(self, events: list[Event]) -> None:
        """Add a batch; drop the oldest rows beyond the bound, counting them exactly."""
        if not self._show_waits:
            events = [e for e in events if e.kind not in WAIT_KINDS]
        if not events:
            return
        dropped_before = self._dropped
        if len(events) > self._max_rows:
            # A burst larger than the whole history: the oldest part never gets a row.
            self._dropped += len(events) - self._max_rows
            events = events[-self._max_rows:]
        # A row is the event it shows, with at most PREVIEW_BYTES of its data: the
        # bridge's batches come cut to that already (a row of its own per event cost
        # the window half a microsecond an event).
        new_rows = [event if len(event.data) <= PREVIEW_BYTES
                    else event._replace(data=event.data[:PREVIEW_BYTES]) for event in events]
        new_rows = self._merge_with_tail(new_rows)
        if len(new_rows) > self._max_rows:
            self._dropped += len(new_rows) - self._max_rows
            new_rows = new_rows[-self._max_rows:]
        overflow = len(self._rows) + len(new_rows) - self._max_rows
        if overflow > 0:
            self.beginRemoveRows(QModelIndex(), 0, overflow - 1)
            del self._rows[:overflow]
            self.endRemoveRows()
            self._dropped += overflow
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new_rows) - 1)
        self._rows.extend(new_rows)
        self.endInsertRows()
        if self._dropped != dropped_before:
            self.droppedChanged.emit(self._dropped)


    def _merge_with_tail(self, new_rows: list[Event]) -> list[Event]:
        """Keep the log in time order across batches.

        Threads report in the order they get to run: a reply can be reported in one
        batch and the send that caused it in the next. Rows newer than the batch's first
        are taken out and come back merged with it (usually none, or a few).
        """
        rows = self._rows
        if not rows or not new_rows or new_rows[0].at >= rows[-1].at:
            return new_rows
        # Only a few rows deep: a send stamped when it was called, seconds before it
        # finished (a slow reader), would otherwise take thousands of rows out and back.
        lowest = max(0, len(rows) - MAX_MERGE_ROWS)
        position = bisect.bisect_right(rows, new_rows[0].at, lo=lowest, key=_row_time)
        tail = rows[position:]
        self.beginRemoveRows(QModelIndex(), position, len(rows) - 1)
        del rows[position:]
        self.endRemoveRows()
        return sorted(tail + new_rows, key=_row_time)


def _folded_calls(kind: EventKind) -> str:
    """The sentence of a data row that stands for a flood of calls, with its placeholders."""
    if kind is EventKind.RECEIVED:
        return translate("log_model", "{count} more recv() calls, {size} bytes, too fast to "
                                      "list each one; the last one's data: {data}")
    if kind is EventKind.SENT:
        return translate("log_model", "{count} more send() calls, {size} bytes, too fast to "
                                      "list each one; the last one's data: {data}")
    return translate("log_model", "{count} more message calls, {size} bytes, too fast to "
                                  "list each one; the last one's data: {data}")


def _row_time(row: Event) -> float:
    return row.at


def _colour(kind: EventKind) -> QColor | None:
    if kind in (EventKind.ERROR, EventKind.REFUSED_FULL, EventKind.ABORTED):
        return colour(ERROR)
    if kind is EventKind.RECEIVED:
        return colour(RECEIVED)
    if kind is EventKind.SENT:
        return colour(SENT)
    if kind is EventKind.MESSAGE:
        return colour(MESSAGE)
    if kind in WAIT_KINDS:
        return colour(WAITING)
    return None
