""""Open clients and connect" opens its windows one per turn of the event loop: the main
window goes on being drawn and answering while they open, and each window connects."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.client_window import ClientWindow
from gui.main_window import MainWindow
from netcore.client import ClientState

from tests.gui.conftest import SIGNAL_TIMEOUT_MS, start_server

CLIENTS = 5


def _visible_client_windows() -> list[ClientWindow]:
    return [widget for widget in QApplication.topLevelWidgets()
            if isinstance(widget, ClientWindow) and widget.isVisible()]


def test_the_main_window_gets_its_turn_while_the_clients_open_and_connect(
        qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    main_window.open_clients_spin.setValue(CLIENTS)
    windows_when_the_main_window_ran: list[int] = []
    with qtbot.waitSignal(main_window.many_clients.finished, timeout=SIGNAL_TIMEOUT_MS):
        main_window.open_clients_button.click()
        # The first window opens at once; the button says how far it got, and takes no
        # second click until all are open.
        assert len(main_window.client_windows) == 1
        assert main_window.open_clients_button.text() == f"Opening 1 of {CLIENTS}…"
        assert not main_window.open_clients_button.isEnabled()
        assert not main_window.open_clients_spin.isEnabled()
        # Something the main window has to do runs before the last window opens: in one
        # go, all of them opened first (the window frozen meanwhile).
        QTimer.singleShot(0, lambda: windows_when_the_main_window_ran.append(
            len(main_window.client_windows)))
    assert windows_when_the_main_window_ran and windows_when_the_main_window_ran[0] < CLIENTS
    assert main_window.open_clients_button.text() == "&Open clients and connect"
    assert main_window.open_clients_button.isEnabled() and main_window.open_clients_spin.isEnabled()
    qtbot.waitUntil(lambda: len(main_window.server.connections.open_ids()) == CLIENTS,
                    timeout=SIGNAL_TIMEOUT_MS)
    assert len(main_window.client_windows) == CLIENTS
    qtbot.waitUntil(lambda: all(client.controller.state is ClientState.CONNECTED
                                for client in main_window.client_windows),
                    timeout=SIGNAL_TIMEOUT_MS)


def test_closing_the_main_window_while_clients_open_opens_no_more(
        qtbot: QtBot, main_window: MainWindow) -> None:
    main_window.open_clients_spin.setValue(CLIENTS)
    with qtbot.waitSignal(main_window.many_clients.finished, timeout=SIGNAL_TIMEOUT_MS):
        main_window.open_clients_button.click()
        main_window.close()
    for _ in range(CLIENTS * 2):  # the turns the other windows would have opened in
        QCoreApplication.processEvents()
    assert _visible_client_windows() == []
    assert not main_window.many_clients.opening


def test_windows_still_to_open_dial_the_server_of_the_click_whatever_runs_later(
        qtbot: QtBot, main_window: MainWindow) -> None:
    port = start_server(qtbot, main_window)
    main_window.open_clients_spin.setValue(CLIENTS)
    with qtbot.waitSignal(main_window.many_clients.finished, timeout=SIGNAL_TIMEOUT_MS):
        main_window.open_clients_button.click()
        main_window.server.stop()
        main_window.port_spin.setValue(port + 1)  # and another port in the form
    assert [client.port_spin.value() for client in main_window.client_windows] == [port] * CLIENTS


def test_a_demo_started_while_clients_open_opens_no_more_of_them(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """The windows still to open would connect to the demo's own server and upset its
    steps (an iterative server kept busy by a window the demo knows nothing of)."""
    from tests.gui.test_demos import run_demo
    start_server(qtbot, main_window)
    main_window.open_clients_spin.setValue(CLIENTS)
    with qtbot.waitSignal(main_window.many_clients.finished, timeout=SIGNAL_TIMEOUT_MS):
        main_window.open_clients_button.click()
        run_demo(qtbot, main_window, "one-at-a-time")  # runs to its end, undisturbed
    persons = [client for client in main_window.client_windows if client.remembered]
    assert len(persons) == 1, "only the window opened at the click"
    main_window.docks.demo_pane.end_button.click()
