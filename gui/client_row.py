"""The main window's client windows and the row of buttons that opens them: New client
window (one, active, to type in) and Open N clients and connect (gui/client_opener.py:
one window per turn of the event loop, each connecting, none taking the keyboard).

Each window remembers its address, size and place at close (the first
MAX_REMEMBERED_CLIENTS of them, by number); one that remembers no place opens in a cascade
from the main window's corner (gui/cascade.py). The docks hear of each window, to draw
its lanes and to tell the app's own sockets from strangers'.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from gui.cascade import cascade_position
from gui.client_opener import ManyClientsOpener
from gui.client_window import ClientWindow
from gui.i18n import translate
from gui.settings import open_settings

if TYPE_CHECKING:  # the main window imports this module
    from gui.main_window import MainWindow

# Client windows whose size, place and address are kept between runs: by number, so that
# a classroom's "500 clients" do not fill the settings file.
MAX_REMEMBERED_CLIENTS = 16
NOTE_SPACING = 12  # between "Opened 12 of 50: ..." and the count it is not part of


class ClientWindows(QObject):
    """The open client windows, in the order they opened, and the buttons for more."""

    def __init__(self, main_window: MainWindow) -> None:
        super().__init__(main_window)
        self.windows: list[ClientWindow] = []
        self._next_number = 1
        # The server they were aimed at at the click, whatever runs when each one opens.
        self._many_target = ("127.0.0.1", 0)
        self.new_button: QPushButton  # both made by row()
        self.opener: ManyClientsOpener

    def _main_window(self) -> MainWindow:
        # Its Qt parent, not an attribute: the window holding this and this holding the
        # window would be a cycle, the window then freed by the collector, late and
        # perhaps from a socket thread, where destroying a widget crashes (gui/garbage.py).
        return cast("MainWindow", self.parent())

    def row(self) -> QHBoxLayout:
        """The buttons, made when the main window lays out its row: Tab reaches controls
        in the order they were made."""
        main_window = self._main_window()
        self.new_button = QPushButton(translate("main_window", "New client window"),
                                      main_window)
        self.new_button.setObjectName("newClientButton")
        self.new_button.setToolTip(translate("main_window", "Open a client window (Ctrl+N)"))
        self.new_button.clicked.connect(self.open_window)
        self.opener = ManyClientsOpener(main_window, main_window.server)
        self.opener.openingStarted.connect(self.aim_many)
        self.opener.windowWanted.connect(self.open_connected)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.opener.note, 1)  # (it fills the room a stretch would)
        row.addSpacing(NOTE_SPACING)
        row.addWidget(QLabel(translate("main_window", "Open"), main_window))
        row.addWidget(self.opener.spin)
        row.addWidget(self.opener.button)
        return row

    @Slot()
    def open_window(self) -> ClientWindow:
        """A new client window aimed at the running server (or at the port in the form),
        active: the person asked for it, to type in it."""
        return self._open(activate=True)

    def _open(self, activate: bool) -> ClientWindow:
        """`activate` False leaves the keyboard where it is (many windows opening at once:
        each took the focus from the last, and from the main window's button)."""
        main_window = self._main_window()
        host, port = self.target()
        window = ClientWindow(self._next_number, host, port, main_window)
        self._next_number += 1
        window.closed.connect(self._forget)
        window.controller.connected.connect(self.sockets_changed)
        main_window.docks.watch_client(window)
        if not window.restore_from(open_settings()):
            window.move(cascade_position(len(self.windows), main_window.pos(), window.size(),
                                         main_window.screen().availableGeometry()))
        if main_window.server.address is not None:
            # The app's own server runs: that is what a new window is for, whatever this
            # window number was aimed at last time (that is kept for a time with none).
            window.aim_at(host, port)
        self.windows.append(window)
        window.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, not activate)
        window.show()
        if not activate:
            # Some window managers (GNOME's) stack a window that takes no keyboard under
            # the one that has it: here the main window, as large as the screen.
            window.raise_()
        return window

    def open_for_the_app(self) -> ClientWindow:
        """A window the app opens for its own purpose (a demo's): in front, but the
        keyboard stays where the person has it (the demo's Next button, say)."""
        return self._open(activate=False)

    @Slot()
    def aim_many(self) -> None:
        self._many_target = self.target()

    @Slot()
    def open_connected(self) -> None:
        """One window of "Open clients and connect", aimed at the server running at the
        click, whatever the window remembers. They connect even with no server running:
        each then shows "Connection refused", which is what a real client would meet."""
        window = self._open(activate=False)
        window.aim_at(*self._many_target)
        window.connect_to_server()

    def target(self) -> tuple[str, int]:
        """Where a new window points: the running server, else the address in the form;
        "all addresses" as this computer's own."""
        main_window = self._main_window()
        if main_window.server.address is not None:
            host, port = main_window.server.address
        else:
            host, port = main_window.host_edit.text().strip(), main_window.port_spin.value()
        if host in ("0.0.0.0", "", "::"):
            host = "127.0.0.1" if host != "::" else "::1"
        return host, port

    @Slot()
    def sockets_changed(self) -> None:
        self._main_window().docks.app_sockets_changed(self.windows)

    @Slot()
    def _forget(self) -> None:
        window = self.sender()
        if window in self.windows:
            if window.remembered and window.number <= MAX_REMEMBERED_CLIENTS:
                window.save_to(open_settings(), self.target())
            self.windows.remove(window)
            self._main_window().docks.forget_client(window)
            self.sockets_changed()

    def close_all(self) -> None:
        """No more opening; every window closed (each remembered as it goes)."""
        self.opener.stop()
        for window in list(self.windows):
            window.close()
