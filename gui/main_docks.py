"""The main window's docks: how the calls flow, the conversation, what the kernel sees, and
the guided demos.

They can be tabbed, moved, floated and enlarged (for a projector); the View menu shows
and hides each one. Where they first are, and how large, depends on the screen
(gui/first_layout.py).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from gui.call_flow_pane import CallFlowPane
from gui.client_controller import ClientController
from gui.client_window import ClientWindow
from gui.conversation_pane import ConversationPane
from gui.demo_pane import DemoPane
from gui.demos.context import DemoContext
from gui.i18n import translate
from gui.kernel_pane import KernelPane
from gui.kernel_watch_controller import KernelWatchController
from gui.refresh_throttle import on_screen
from gui.server_controller import ServerController
from netcore.events import Event
from netcore.kernel_view import Watched



class MainDocks(QObject):
    """Builds the docks into `window`; keeps no reference to the window itself (a
    reference cycle would leave the window to the cycle collector)."""

    def __init__(self, window: QMainWindow, server: ServerController) -> None:
        super().__init__(window)
        self._server = server
        self.kernel_watch = KernelWatchController(self)
        self.kernel_pane = KernelPane(self.kernel_watch, server.connections)
        self.call_flow_pane = CallFlowPane()
        self.conversation_pane = ConversationPane()
        self.conversation_pane.conversation.client_with_port = self._client_with_port
        self.kernel_pane.client_with_port = self._client_with_port
        self._client_controllers: dict[str, ClientController] = {}
        # Tab's order is the order the controls join the window (gui/dock_focus.py): the
        # server's controls first, then the tabs of the diagrams' docks beside them, then
        # those docks (their tabs are made as they are tabbed, so before their panes),
        # then the demos below them. gui/first_layout.py sizes them for the screen.
        self.call_flow_dock = self._dock(window, translate("main_docks", "How the calls flow"),
                                         "callFlowDock")
        self.conversation_dock = self._dock(window, translate("main_docks", "The conversation"),
                                            "conversationDock")
        self.kernel_dock = self._dock(window, translate("main_docks", "What the kernel sees"),
                                      "kernelDock")
        window.tabifyDockWidget(self.call_flow_dock, self.conversation_dock)
        window.tabifyDockWidget(self.conversation_dock, self.kernel_dock)
        self.call_flow_dock.setWidget(self.call_flow_pane)
        self.conversation_dock.setWidget(self.conversation_pane)
        self.kernel_dock.setWidget(self.kernel_pane)
        self.demo_pane = DemoPane(_context_maker(window))
        self.demo_dock = self._dock(window, translate("main_docks", "Guided demos"), "demoDock")
        self.demo_dock.setWidget(self.demo_pane)
        self.call_flow_dock.raise_()
        # On a short screen the first layout tabs the demos beside the diagrams, and a
        # demo brings them out (gui/first_layout.py); once the person moves a dock, the
        # layout is theirs and a demo leaves it as it is.
        self.demos_tabbed_first = False
        self.first_tabs_kept = False
        self.demos_brought_out = False
        self._arranging = False
        for dock in (self.call_flow_dock, self.conversation_dock, self.kernel_dock,
                     self.demo_dock):
            dock.dockLocationChanged.connect(self._moved)
            dock.topLevelChanged.connect(self._moved)
        # A tabbed dock gets no show event when its tab is chosen: its pictures are told.
        self.call_flow_dock.visibilityChanged.connect(self.call_flow_pane.diagram.refreshes.seen)
        self.conversation_dock.visibilityChanged.connect(self.conversation_pane.chart.seen)
        self.kernel_dock.visibilityChanged.connect(self._kernel_dock_seen)
        server.eventsArrived.connect(self.call_flow_pane.take_server_events)
        server.eventsArrived.connect(self.conversation_pane.take_server_events)

    @contextmanager
    def arranging(self) -> Iterator[None]:
        """The app moves docks (a demo, a restored layout): not the person's move."""
        self._arranging = True
        try:
            yield
        finally:
            self._arranging = False

    @Slot()
    def _moved(self) -> None:
        if not self._arranging:
            self.first_tabs_kept = False

    @Slot(bool)
    def _kernel_dock_seen(self, visible: bool) -> None:
        self.kernel_watch.watch_closely("kernel-pane", visible)

    @staticmethod
    def _dock(window: QMainWindow, title: str, name: str) -> QDockWidget:
        """A dock on the right of the server's controls, below those made before it."""
        dock = QDockWidget(title, window)
        dock.setObjectName(name)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def add_actions(self, view_menu: QMenu) -> None:
        """View > each dock. Not Qt's toggleViewAction(): it closes a dock tabbed behind
        another, which the person asked to see (it is ticked, being open)."""
        self.view_actions: dict[str, DockViewAction] = {}
        for dock, text, keys in (
                (self.demo_dock, translate("main_docks", "Guided &demos"), "Ctrl+D"),
                (self.call_flow_dock, translate("main_docks", "How the &calls flow"), "Ctrl+L"),
                (self.conversation_dock, translate("main_docks", "The c&onversation"), "Ctrl+J"),
                (self.kernel_dock, translate("main_docks", "What the &kernel sees"), "Ctrl+K")):
            action = DockViewAction(text, QKeySequence(keys), dock, view_menu)
            view_menu.addAction(action)
            self.view_actions[dock.objectName()] = action

    def watch_client(self, client: ClientWindow) -> None:
        """Show a new client window's calls, and its socket in the kernel's view."""
        controller = client.controller
        name = client.name

        def take(events: list[Event]) -> None:
            self.call_flow_pane.take_client_events(name, controller.local_port, events)
            self.conversation_pane.take_client_events(name, controller.local_port,
                                                      controller.remote_port, events)

        self._client_controllers[name] = controller
        # `take` belongs to the client window's controller: it goes when the window goes.
        controller.eventsArrived.connect(take)

    def forget_client(self, client: ClientWindow) -> None:
        self.call_flow_pane.forget_client(client.name)
        self._client_controllers.pop(client.name, None)

    def _client_with_port(self, port: int) -> str | None:
        for name, controller in self._client_controllers.items():
            if controller.socket_local_port == port:
                return name
        return None

    def app_sockets_changed(self, clients: list[ClientWindow]) -> None:
        """Tell the kernel's view which sockets are the app's, and their names: the
        server's port (its own sockets and its clients'), each client window's connection."""
        address = self._server.address
        server_port = address[1] if address is not None else None
        connected = [c for c in clients if c.controller.local_port]
        watched: list[Watched] = [(c.controller.local_port or 0, c.controller.remote_port or 0)
                                  for c in connected]
        if server_port is not None:
            watched += [(server_port, 0), (0, server_port)]
        self.kernel_watch.use(watched)
        self.conversation_pane.set_server_port(server_port)
        self.kernel_pane.set_app_sockets(
            server_port, {c.controller.local_port or 0: c.name for c in connected})

    @Slot()
    def shut_down(self) -> None:
        self.demo_pane.runner.end(restart_user_server=False)  # the app is closing
        self.kernel_watch.shut_down()


class DockViewAction(QAction):
    """View > a dock: a dock out of sight (closed, or tabbed behind another) comes to the
    front; a dock in sight is closed. Ticked while the dock is open."""

    def __init__(self, text: str, keys: QKeySequence, dock: QDockWidget, menu: QMenu) -> None:
        super().__init__(text, menu)
        self._dock = dock
        self.setCheckable(True)
        self.setChecked(not dock.isHidden())
        self.setShortcut(keys)
        # However the dock was opened or closed (its title bar's button, Reset settings).
        dock.toggleViewAction().toggled.connect(self.setChecked)
        self.triggered.connect(self._show_or_close)

    @Slot()
    def _show_or_close(self) -> None:
        dock = self._dock
        if on_screen(dock):
            dock.close()
        else:
            dock.show()
            dock.raise_()
        self.setChecked(not dock.isHidden())


def _context_maker(window: QMainWindow) -> Callable[[], DemoContext]:
    """Makes a demo's context for the window, holding it weakly: the demo pane lives in
    the window, and a strong reference back would be a cycle (see MainDocks)."""
    window_ref = weakref.ref(window)

    def make() -> DemoContext:
        target = window_ref()
        if target is None:
            raise RuntimeError("the main window is gone")
        return DemoContext(target)  # type: ignore[arg-type]

    return make
