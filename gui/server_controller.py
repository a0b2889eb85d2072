"""The window's handle on one netcore Server: starts it on a QThread, stops it, reports."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal, Slot

from gui.connections_model import ConnectionsModel
from gui.event_bridge import CHILDREN_CPU_SHARE
from gui.i18n import translate
from gui.language import child_sentences
from gui.loop_controller import LoopController
from netcore.config import ServerConfig, ServerModel
from netcore.cpu import back_to_the_one_core, spread_over_all_cores
from netcore.errors import NetError, format_address
from netcore.events import DATA_KINDS, Event, EventKind
from netcore.server import Server

STOP_WAIT_MS = 2500  # netcore ends every worker within 1.5 s; this bounds the window's wait


class ServerController(LoopController):
    """Owns the server, its thread, and the models its events feed."""

    listening = Signal(str, int)  # host, port
    connectionAccepted = Signal(int, str)  # connection id, peer address
    connectionClosed = Signal(int)  # connection id
    stopped = Signal()
    stateChanged = Signal(str)  # the plain-language state line

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.connections = ConnectionsModel(self)
        self._server: Server | None = None
        self._address: tuple[str, int] | None = None
        self._accept_waiting = False
        self._open_count = 0
        self.state_text = translate("server_controller",
                                    "Stopped. Choose a model and click Start Server.")
        self.start_error: NetError | None = None  # why the last Start failed, if it did

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def address(self) -> tuple[str, int] | None:
        return self._address

    @property
    def server(self) -> Server | None:
        return self._server

    def start(self, config: ServerConfig) -> bool:
        """socket(), bind() and listen() now; the accept loop then runs on a QThread.

        On failure nothing is left half-started and errorOccurred carries the sentence.
        """
        if self._server is not None:
            return False
        if config.model is ServerModel.PROCESS:
            # Below the window once it is kept from running (CHILDREN_CPU_SHARE says why
            # not before). Each speaks the window's language too (it has no Qt to translate with).
            config = replace(config, children_cpu_share=CHILDREN_CPU_SHARE,
                             children_give_way_when_asked=True,
                             child_sentences=child_sentences())
        server = Server(config, self._bridge.sink)
        self.start_error = None
        try:
            self._address = server.open()
        except NetError as exc:
            self.start_error = exc
            self._bridge.drain()
            self.errorOccurred.emit(exc.sentence)
            return False
        self._server = server
        if config.model is ServerModel.PROCESS:
            spread_over_all_cores()  # see netcore/cpu.py; back in _loop_ended
            self._bridge.when_starved(server.children_give_way)  # see CHILDREN_CPU_SHARE
        self.connections.clear()
        self._open_count = 0
        self._start_loop(server.serve_forever, "serverAcceptLoop")
        self._bridge.drain()
        return True

    def _failure_sentence(self, summary: str) -> str:
        return translate("server_controller",
                         "The server stopped because of an unexpected error in TCP Lab "
                         "({summary}). Please report it; Start Server again to go on.").format(
            summary=summary)

    def stop(self) -> None:
        """Stop the server and wait (bounded) until every worker and child has ended."""
        if self._server is not None:
            self._stop_loop(self._server.stop, STOP_WAIT_MS)

    def _loop_ended(self) -> None:
        back_to_the_one_core()
        self._bridge.when_starved(None)
        self._server = None
        self._address = None
        self._set_state(translate("server_controller", "Stopped."))
        self.stopped.emit()

    # ---- manual mode ----

    def send_to(self, conn_id: int | None, data: bytes) -> int:
        """Send to one connection, or to all when conn_id is None; returns how many."""
        if self._server is None:
            return 0
        if conn_id is None:
            return self._server.send_to_all(data)
        return int(self._server.send_to(conn_id, data))

    def disconnect(self, conn_id: int) -> bool:
        return self._server is not None and self._server.disconnect(conn_id)

    # ---- events ----

    @Slot(object)
    def _take_batch(self, events: list[Event]) -> None:
        self.log.append(events)
        self.connections.apply(events)
        for event in events:
            kind = event.kind
            if kind in DATA_KINDS:
                continue  # the frequent ones; none of them changes what is said below
            if kind is EventKind.ACCEPTED:
                self._open_count += 1
                self.connectionAccepted.emit(event.conn or 0, event.peer)
            elif kind is EventKind.CLOSED and event.conn is not None:
                self._open_count = max(0, self._open_count - 1)
                self.connectionClosed.emit(event.conn)
            elif kind is EventKind.ERROR and event.conn is None:
                self.errorOccurred.emit(event.detail)
            elif kind is EventKind.LISTENING and self._address is not None:
                self.listening.emit(*self._address)
            if kind is EventKind.ACCEPT_WAITING:
                self._accept_waiting = True
            elif kind is EventKind.ACCEPTED:
                self._accept_waiting = False
        if self._server is not None:
            self._set_state(self._describe())
        super()._take_batch(events)

    def _describe(self) -> str:
        assert self._server is not None and self._address is not None
        where = format_address(*self._address)
        model = self._server.config.model
        count = self._open_count
        if not self._server.config.accept_clients:
            text = translate("server_controller",
                             "Listening on {where}, but never calling accept(): clients that "
                             "connect wait in the listen queue (the kernel's view shows them).")
        elif model is ServerModel.ITERATIVE and not self._accept_waiting and count:
            text = translate("server_controller",
                             "Listening on {where}. The one loop is busy serving a client; "
                             "new clients wait in the listen queue until it leaves.")
        elif model is ServerModel.SELECT and count == 1:
            text = translate("server_controller",
                             "Listening on {where}. One thread watches the listening socket and "
                             "every connection with select()/epoll (1 client connected).")
        elif model is ServerModel.SELECT:
            text = translate("server_controller",
                             "Listening on {where}. One thread watches the listening socket and "
                             "every connection with select()/epoll ({count} clients connected).")
        elif self._accept_waiting and count == 1:
            text = translate("server_controller", "Listening on {where}, waiting in accept() "
                                                  "for a client (1 client connected).")
        elif self._accept_waiting and count:
            text = translate("server_controller", "Listening on {where}, waiting in accept() "
                                                  "for a client ({count} clients connected).")
        elif self._accept_waiting:
            text = translate("server_controller",
                             "Listening on {where}, waiting in accept() for a client.")
        elif count == 1:
            text = translate("server_controller", "Listening on {where} (1 client connected).")
        else:
            text = translate("server_controller",
                             "Listening on {where} ({count} clients connected).")
        return text.format(where=where, count=count)

    def _set_state(self, text: str) -> None:
        if text != self.state_text:
            self.state_text = text
            self.stateChanged.emit(text)
