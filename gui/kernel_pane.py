"""The kernel's view pane: a table of the app's sockets as the operating system sees them,
and the TCP state machine with the states in use marked."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from gui.connections_model import ConnectionsModel
from gui.diagram_view import DESIGN_TEXT_UNITS, DiagramView, zoom_buttons
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.kernel_model import KernelModel
from gui.text_size import FittedRows
from gui.kernel_watch_controller import KernelWatchController
from gui.tcp_state_diagram import TcpStateDiagram
from netcore.worker_names import shown_worker
from netcore.errors import format_address
from netcore.kernel_view import KernelReport, KernelSocket

# What the table keeps beside the picture (its first three columns, about) or above it
# (its header and three rows): less, and its sockets can no longer be read.
TABLE_NARROWEST = 400
TABLE_ROWS_ABOVE = 4
PICTURE_SPARE = 4  # pixels over the picture's estimated room: its size is rounded up

INTRODUCTION = QT_TRANSLATE_NOOP("kernel_pane",
                                 "What the operating system reports for the app's sockets, a "
                                 "few times a second: the handshakes, queues and waiting that "
                                 "no program's log shows.")


def socket_owner(sock: KernelSocket, server_port: int | None, connections: ConnectionsModel,
                 client_names: dict[int, str],
                 connecting: Callable[[int], str | None] = lambda port: None) -> str:
    """Whose a socket is, in the words of the app's other tables: "server, connection 2
    (thread conn-2)", "Client 1"; "only the kernel" when no program holds it any more."""
    if sock.not_accepted:
        return translate("kernel_pane", "server's kernel: waiting for accept()")
    if not sock.holder:
        return translate("kernel_pane", "only the kernel (no program holds it)")
    if sock.local[1] == server_port:
        if sock.remote is None:
            return translate("kernel_pane", "server: the listening socket")
        row = connections.row_from(format_address(*sock.remote))
        if row is None:
            return translate("kernel_pane", "server")
        return translate("kernel_pane", "server, connection {conn} ({worker})").format(
            conn=row.conn_id, worker=shown_worker(row.worker))
    if sock.local[1] in client_names:
        return client_names[sock.local[1]]
    if sock.state == "SYN_SENT" and sock.holder == "TCP Lab":
        # A window still in connect(): asked by port (its events name it only once
        # connected).
        name = connecting(sock.local[1])
        if name:
            return translate("kernel_pane", "{client}, in connect()").format(client=name)
        return translate("kernel_pane", "a client window, in connect()")
    return sock.holder


def summary(report: KernelReport | None,
            focused: Sequence[KernelSocket] | None = None) -> str:
    """One line on what is worth noticing now, in the `focused` sockets (a demo's own;
    None: all the report's). Those from before the demo are counted apart."""
    sockets = report.sockets if report is not None and focused is None else focused or ()
    earlier = len(report.sockets) - len(sockets) if report is not None else 0
    if earlier and not sockets and not report.problem:
        line = translate("kernel_pane", "None of this demo's sockets is open yet.")
    else:
        line = _summary_of_sockets(report, sockets)
    if earlier:
        line += " " + translate("kernel_pane", "(And {count} from before this demo, greyed at "
                                               "the end of the table.)").format(count=earlier)
    return line


def _summary_of_sockets(report: KernelReport | None, sockets: Sequence[KernelSocket]) -> str:
    if report is None or (not sockets and not report.problem):
        return translate("kernel_pane",
                         "No socket of the app is open. Start the server or connect a client.")
    if report.problem:
        return report.problem
    notes = []
    waiting = sum(1 for s in sockets if s.not_accepted)
    if waiting:
        notes.append(translate("kernel_pane",
                               "{count} connection(s) finished the handshake but wait in the "
                               "listen queue: no accept() yet").format(count=waiting))
    for state, words in (
            ("CLOSE_WAIT", translate("kernel_pane", "{count} in CLOSE_WAIT: the other side "
                                                    "closed, this one has not")),
            ("TIME_WAIT", translate("kernel_pane", "{count} in TIME_WAIT: closed first, kept a "
                                                   "while by the kernel"))):
        count = sum(1 for s in sockets if s.state == state)
        if count:
            notes.append(words.format(count=count))
    retransmitted = sum(s.retransmissions or 0 for s in sockets)
    if retransmitted:
        notes.append(translate("kernel_pane", "{count} segment(s) sent again after a loss")
                     .format(count=f"{retransmitted:,}"))
    if not notes:
        return translate("kernel_pane", "{count} socket(s), from {source}.").format(
            count=len(sockets), source=report.source)
    return translate("kernel_pane", "{count} socket(s), from {source}.  {notes}.").format(
        count=len(sockets), source=report.source, notes="; ".join(notes))


class KernelPane(QWidget):
    """Shows each report of the KernelWatchController it is given."""

    def __init__(self, watch: KernelWatchController, connections: ConnectionsModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kernelPane")
        self._connections = connections
        self._server_port: int | None = None
        self._client_names: dict[int, str] = {}
        # The table's share of the splitter the person dragged, side by side or above.
        self._dragged_share: dict[Qt.Orientation, float] = {}
        # The client window whose socket has this local port (set by the main window).
        self.client_with_port: Callable[[int], str | None] = lambda port: None
        self.model = KernelModel(self._name_owner, self)
        introduction = QLabel(translate("kernel_pane", INTRODUCTION), self)
        introduction.setWordWrap(True)
        introduction.setStyleSheet("color: palette(placeholder-text);")
        self.summary_label = QLabel(summary(None), self)
        self.summary_label.setObjectName("kernelSummaryLabel")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableView(self)
        # Tab leaves the table for the next control (it stepped from cell to cell, a trap
        # for the keyboard); the arrow keys move within it.
        self.table.setTabKeyNavigation(False)
        self.table.setObjectName("kernelTable")
        self.table.setToolTip(translate("kernel_pane", "Each of the app's sockets as the operating "
                                                       "system sees it; hover a cell for more"))
        self.table.setAccessibleName(translate("kernel_pane", "The kernel's sockets"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        FittedRows(self.table)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((180, 130, 130, 230, 170, 70, 80)):
            self.table.setColumnWidth(column, width)
        # One above the other until its first size says otherwise: the minimum size a
        # remembered layout is restored within is then that of the usual place.
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self._diagram_side(splitter))
        splitter.setChildrenCollapsible(False)
        splitter.splitterMoved.connect(self._splitter_dragged)
        layout = QVBoxLayout(self)
        layout.addWidget(introduction)
        layout.addWidget(self.summary_label)
        layout.addWidget(splitter, 1)
        watch.reportArrived.connect(self.show_report)

    def _diagram_side(self, parent: QWidget) -> QWidget:
        """The state machine, and its zoom buttons above it."""
        side = QWidget(parent)
        buttons = zoom_buttons(side, "tcpState")
        self.diagram = TcpStateDiagram()  # (the view takes it)
        self.view = DiagramView(self.diagram, buttons, side)
        self.view.setObjectName("tcpStateView")
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        return side

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The table and the state machine side by side or one above the other, whichever
        shows the picture larger (a wide, low pane: side by side), the table keeping room
        for its sockets. The picture gets the room it needs at its own size, if there is
        that much, and the table the rest; a split the person dragged is kept, each way."""
        super().resizeEvent(event)
        room = self.splitter.size()
        beside, above = self._picture_room(room, True), self._picture_room(room, False)
        # Both at its own size (a large pane): above, where the table has every column.
        wide = min(1.0, self._fitted(beside)) > min(1.0, self._fitted(above)) + 0.01
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        dragged = self._dragged_share.get(orientation)
        turned = orientation != self.splitter.orientation()
        if dragged is not None and not turned:
            return  # the splitter keeps the person's shares as it is resized
        self.splitter.setOrientation(orientation)
        length = room.width() if wide else room.height()
        picture = round(length * (1 - dragged)) if dragged is not None else (
            beside.width() + self._around_picture if wide
            else above.height() + self._beside_picture)
        self.splitter.setSizes([length - picture, picture])

    @property
    def _around_picture(self) -> int:
        """The view's frame, both sides, and a few pixels to spare."""
        return 2 * self.view.frameWidth() + PICTURE_SPARE

    @property
    def _beside_picture(self) -> int:
        """The height of what is above the picture (its zoom buttons) and around it."""
        side = self.splitter.widget(1)
        spacing = max(0, side.layout().spacing())
        return side.layout().itemAt(0).sizeHint().height() + spacing + self._around_picture

    def _picture_room(self, room: QSize, beside: bool) -> QSize:
        """The picture's room, side by side with the table or below it: what it needs at
        its own size, at most, the table keeping its narrowest."""
        own_scale = self.diagram.text_pixels() / DESIGN_TEXT_UNITS  # at zoom 1
        wanted = self.diagram.drawing.size().toSize() * own_scale
        handle = self.splitter.handleWidth()
        if beside:
            width = min(wanted.width(),
                        room.width() - TABLE_NARROWEST - handle - self._around_picture)
            return QSize(width, room.height() - self._beside_picture)
        rows = TABLE_ROWS_ABOVE * self.table.verticalHeader().defaultSectionSize()
        height = min(wanted.height(), room.height() - rows - handle - self._beside_picture)
        return QSize(room.width(), height)

    def _fitted(self, room: QSize) -> float:
        """The zoom the whole state machine would be drawn at in `room`."""
        if room.width() <= 0 or room.height() <= 0:
            return 0.0
        return self.diagram.fit_zoom(room)

    @Slot()
    def _splitter_dragged(self) -> None:
        sizes = self.splitter.sizes()
        if sum(sizes) > 0:
            self._dragged_share[self.splitter.orientation()] = sizes[0] / sum(sizes)

    def set_app_sockets(self, server_port: int | None, client_names: dict[int, str]) -> None:
        """The server's port and each client window's name by its local port: how rows
        are named from the next report on."""
        self._server_port = server_port
        self._client_names = dict(client_names)

    def _name_owner(self, sock: KernelSocket) -> str:
        return socket_owner(sock, self._server_port, self._connections, self._client_names,
                            self.client_with_port)

    def focus_on(self, ports: frozenset[int] | None) -> None:
        """A demo runs on these ports (None: no demo): its sockets come first, and the
        summary and the state machine count only them; others are greyed after them."""
        self.model.focus_on(ports)
        if self.model.report is not None:
            self.show_report(self.model.report)

    @Slot(object)
    def show_report(self, report: KernelReport) -> None:
        self.model.take(report)
        focused = self.model.focused_sockets()
        self.summary_label.setText(summary(report, focused))
        self.diagram.show_states([s.state for s in focused])
