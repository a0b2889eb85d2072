"""What a demo does to the app, through the window's own controls, and what it reads back
(the server's table, the client windows, the kernel's view); and the cleanup after it."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QTimer

from gui.client_window import ClientWindow
from gui.first_layout import bring_out_demos, put_back_demos
from netcore.client import ClientState
from netcore.config import DEFAULT_RECV_SIZE, Behaviour, ServerModel
from netcore.framing import Framing
from netcore.events import EventKind
from netcore.kernel_view import KernelSocket

if TYPE_CHECKING:
    from gui.main_window import MainWindow

# The demo's client windows: over the left of the main window (its form and log), each a
# step below the one before (a step to the right would soon cover the docks on the
# right); clear of the diagrams on the right, and of the narration (on the right, or on a
# short screen in the left column below these windows: gui/first_layout.py).
DEMO_WINDOW_SIZE = (520, 330)
DEMO_WINDOW_LEFT, DEMO_WINDOW_TOP, DEMO_WINDOW_STEP = 12, 90, 36


class DemoContext:
    """Drives one main window for one demo; cleanup() undoes what it started."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.clients: list[ClientWindow] = []
        # A server the person had running: the demo stops it (it needs its own), and
        # cleanup() starts it again as it was.
        address = window.server.address if window.server.running else None
        self.user_server_port: int | None = address[1] if address else None
        self._server_started_at = 0.0
        # A demo's chart starts empty: the lanes of windows closed before are not its story.
        window.docks.conversation_pane.clear()
        # Its narration counts from the kernel's view: read a few times a second meanwhile.
        window.kernel_watch.watch_closely("demo", True)
        # The kernel's view puts the demo's sockets (those on the ports its servers listen
        # on) first; the TIME_WAIT of an earlier lesson is greyed after them, and the
        # narration counts only the demo's own.
        self.ports: set[int] = set()
        window.kernel_pane.focus_on(frozenset())
        window.server.listening.connect(self._server_listening)
        self._saved_form = (window.model_combo.currentIndex(), window.behaviour_combo.currentIndex(),
                            window.backlog_spin.value(), window.port_spin.value(),
                            window.framing_combo.currentIndex())

    # ---- the server ----

    def start_server(self, model: ServerModel, behaviour: Behaviour = Behaviour.ECHO,
                     backlog: int | None = None, recv_size: int = DEFAULT_RECV_SIZE,
                     port: int | None = None, accept_clients: bool = True,
                     framing: Framing = Framing.NONE) -> None:
        """Fill in the form and click Start Server, as a person would."""
        window = self.window
        if window.server.running:
            window.stop_server()
        window.model_combo.setCurrentIndex(window.model_combo.findData(model))
        window.behaviour_combo.setCurrentIndex(window.behaviour_combo.findData(behaviour))
        window.framing_combo.setCurrentIndex(window.framing_combo.findData(framing))
        if backlog is not None:
            window.backlog_spin.setValue(backlog)
        window.port_spin.setValue(0 if port is None else port)  # 0: any free port
        window.recv_size = recv_size
        window.accept_clients = accept_clients
        self._server_started_at = time.monotonic()
        window.start_button.click()

    def _server_listening(self, _host: str, port: int) -> None:
        self.ports.add(port)
        self.window.kernel_pane.focus_on(frozenset(self.ports))

    @property
    def server_port(self) -> int | None:
        address = self.window.server.address
        return address[1] if address is not None else None

    def listening(self) -> bool:
        return self.window.server.running and self.window.server.address is not None

    def connection_rows(self) -> list:
        connections = self.window.server.connections
        return [connections.row(conn_id) for conn_id in connections.open_ids()]

    # ---- clients ----

    def open_client(self) -> ClientWindow:
        """A client window for the demo, smaller than a person's and laid over the server's
        form and log: the diagrams on the right and the narration stay in view."""
        client = self.window.clients.open_for_the_app()
        client.remembered = False  # the demo's, not the person's: its place is not kept
        step = DEMO_WINDOW_STEP * len(self.clients)
        client.resize(*DEMO_WINDOW_SIZE)  # as small as its controls allow
        client.move(self.window.geometry().topLeft() + QPoint(DEMO_WINDOW_LEFT,
                                                              DEMO_WINDOW_TOP + step))
        self.clients.append(client)
        return client

    def connect(self, client: ClientWindow) -> None:
        """Aim the client at the demo's server (as a person types its port), click Connect."""
        address = self.window.server.address
        if address is not None:
            host, port = address
            client.aim_at("::1" if host == "::" else "127.0.0.1" if host == "0.0.0.0" else host,
                          port)
        client.connect_button.click()

    @staticmethod
    def connected(*clients: ClientWindow) -> bool:
        return all(c.controller.state is ClientState.CONNECTED for c in clients)

    @staticmethod
    def send(client: ClientWindow, text: str) -> None:
        client.message.edit.setText(text)
        client.message.send_button.click()

    def server_rows(self, kind: EventKind, client: ClientWindow) -> list:
        """The server's log rows of one kind for the client's connection."""
        conn = self.window.server.connections.conn_from_port(client.controller.local_port)
        # Connection ids start again at 1 with each server: rows of an earlier one are not
        # this client's.
        return [row for row in self.window.server.log.rows
                if row.kind is kind and conn is not None and row.conn == conn
                and row.at >= self._server_started_at]

    @staticmethod
    def client_rows(client: ClientWindow, kind: EventKind) -> list:
        return [row for row in client.controller.log.rows if row.kind is kind]

    @staticmethod
    def received(client: ClientWindow) -> bytes:
        return b"".join(row.data for row in client.controller.log.rows
                        if row.kind is EventKind.RECEIVED)

    # ---- the kernel ----

    def kernel_sockets(self) -> list[KernelSocket]:
        """The demo's own sockets in the kernel's view (none from before the demo)."""
        return self.window.kernel_pane.model.focused_sockets()

    def kernel_socket(self, local_port: int | None, remote_port: int | None) -> KernelSocket | None:
        for sock in self.kernel_sockets():
            if sock.local[1] == local_port and (sock.remote[1] if sock.remote else None) == remote_port:
                return sock
        return None

    def show_view(self, name: str) -> None:
        """Bring a dock to the front: "call-flow", "conversation" or "kernel"."""
        docks = self.window.docks
        dock = {"call-flow": docks.call_flow_dock, "conversation": docks.conversation_dock,
                "kernel": docks.kernel_dock}[name]
        bring_out_demos(self.window, docks)  # on a short screen, a tab beside the diagrams
        dock.show()
        dock.raise_()
        view = {"call-flow": self.window.call_flow_pane.view,
                "kernel": self.window.kernel_pane.view}.get(name)
        if view is not None:
            # Once the docks are laid out again: the state or the call the narration is
            # about must be in sight, if smaller (fitted again as the docks settle).
            QTimer.singleShot(0, view, view.show_whole)

    # ---- after ----

    def cleanup(self, restart_user_server: bool = True) -> None:
        """Close the demo's client windows, stop its server, put the form back."""
        for client in self.clients:
            if client in self.window.client_windows:
                client.close()
        self.clients = []
        if self.window.server.running:
            self.window.stop_server()
        model, behaviour, backlog, port, framing = self._saved_form
        self.window.framing_combo.setCurrentIndex(framing)
        self.window.model_combo.setCurrentIndex(model)
        self.window.behaviour_combo.setCurrentIndex(behaviour)
        self.window.backlog_spin.setValue(backlog)
        self.window.port_spin.setValue(port)
        self.window.recv_size = DEFAULT_RECV_SIZE
        self.window.accept_clients = True
        self.window.kernel_watch.watch_closely("demo", False)
        self.window.server.listening.disconnect(self._server_listening)
        self.window.kernel_pane.focus_on(None)
        put_back_demos(self.window, self.window.docks)
        if self.user_server_port is not None:
            self.window.port_spin.setValue(self.user_server_port)  # the port it had, if 0
            if restart_user_server:
                self.window.start_server()
