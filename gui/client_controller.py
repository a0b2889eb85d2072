"""The window's handle on one netcore Client, run on a QThread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from gui.i18n import translate
from gui.loop_controller import LoopController
from netcore.client import Client, ClientState
from netcore.events import Event, EventKind

STOP_WAIT_MS = 2000


class ClientController(LoopController):
    """Owns one client connection at a time; a new Connect makes a new one."""

    connected = Signal(int)  # the local port
    disconnected = Signal(str)  # why, in words
    stateChanged = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._client: Client | None = None
        self.state = ClientState.IDLE
        self.local_port: int | None = None
        self.remote_port: int | None = None  # the server's port asked for at Connect
        self.last_error = ""
        self.bytes_in = 0
        self.bytes_out = 0

    @property
    def socket_local_port(self) -> int | None:
        """The local port as soon as connect() started, before its events reached the
        window (local_port is set then): the server can accept() this connection before
        this side's connect() returns."""
        client = self._client
        return client.port_in_use() if client is not None else self.local_port

    @property
    def busy(self) -> bool:
        """True from Connect until the connection has fully ended."""
        return self._thread is not None

    def connect_to(self, host: str, port: int, timeout: float) -> bool:
        if self._thread is not None:
            return False
        client = Client(self._bridge.sink, self.name)
        self._client = client
        self.last_error = ""
        self.local_port = None
        self.remote_port = port
        self._set_state(ClientState.CONNECTING)
        self._start_loop(lambda: client.run(host, port, timeout), f"{self.name}:receiveLoop")
        return True

    def _failure_sentence(self, summary: str) -> str:
        self.last_error = translate("client_controller",
                                    "The connection ended because of an unexpected error in "
                                    "TCP Lab ({summary}). Please report it.").format(
            summary=summary)
        return self.last_error

    def send(self, data: bytes) -> bool:
        return self._client is not None and self._client.send(data)

    @property
    def queued_bytes(self) -> int:
        """Bytes waiting to be sent to a server that is not reading them."""
        return self._client.queued_bytes if self._client is not None else 0

    def half_close(self) -> bool:
        return self._client is not None and self._client.half_close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def abort(self) -> None:
        if self._client is not None:
            self._client.abort()

    def shut_down(self) -> None:
        """Close and wait (bounded) for the thread: for window close and app exit."""
        if self._client is not None:
            self._stop_loop(self._client.close, STOP_WAIT_MS)

    def _loop_ended(self) -> None:
        self._client = None
        self._set_state(ClientState.CLOSED)

    @Slot(object)
    def _take_batch(self, events: list[Event]) -> None:
        self.log.append(events)
        client = self._client
        for event in events:
            kind = event.kind
            if kind is EventKind.RECEIVED:
                self.bytes_in += event.size
            elif kind is EventKind.SENT:
                self.bytes_out += event.size
            elif kind is EventKind.CONNECTED and client is not None:
                self.local_port = client.local_port
                self._set_state(ClientState.CONNECTED)
                self.connected.emit(client.local_port or 0)
            elif kind is EventKind.HALF_CLOSED:
                self._set_state(ClientState.HALF_CLOSED)
            elif kind is EventKind.ERROR:
                self.last_error = event.detail
                self.errorOccurred.emit(event.detail)
            elif kind is EventKind.CLOSED:
                self.disconnected.emit(event.detail)
        super()._take_batch(events)

    def _set_state(self, state: ClientState) -> None:
        if state is not self.state:
            self.state = state
            self.stateChanged.emit(state.value)
