""""Open clients and connect" opens its windows one per turn of the event loop: the main
window goes on being drawn and answering while they open, and each window connects."""

from __future__ import annotations

import socket

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
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
    # None takes the keyboard from the main window (each took it from the last, and the
    # button lost it) on a desktop's window manager; the offscreen platform activates
    # every window it shows, whatever it is asked, so this is what it is asked.
    without_focus = Qt.WidgetAttribute.WA_ShowWithoutActivating
    assert all(client.testAttribute(without_focus) for client in main_window.client_windows)
    # A window the person opens on its own is theirs to type in at once.
    main_window.new_client_button.click()
    assert not main_window.client_windows[-1].testAttribute(without_focus)
    main_window.new_client_action.trigger()
    assert not main_window.client_windows[-1].testAttribute(without_focus)


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


def test_windows_still_to_open_dial_the_server_of_the_click_whatever_the_form_says_later(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """With no server of its own running, the windows dial the port in the form at the
    click (another program's server, say), even if the form changes meanwhile."""
    with socket.socket() as not_listening:  # a port of ours that refuses every client
        not_listening.bind(("127.0.0.1", 0))
        port = not_listening.getsockname()[1]
        main_window.port_spin.setValue(port)
        main_window.open_clients_spin.setValue(CLIENTS)
        with qtbot.waitSignal(main_window.many_clients.finished, timeout=SIGNAL_TIMEOUT_MS):
            main_window.open_clients_button.click()
            main_window.port_spin.setValue(port + 1)
        assert [client.port_spin.value()
                for client in main_window.client_windows] == [port] * CLIENTS
    assert not main_window.many_clients.note.isVisible(), "nothing stopped it"


def test_stopping_the_server_while_clients_open_opens_no_more_and_says_why(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """Each window still to open would only be refused."""
    start_server(qtbot, main_window)
    main_window.open_clients_spin.setValue(CLIENTS)
    narrowest = main_window.minimumSizeHint().width()
    with qtbot.waitSignal(main_window.many_clients.finished, timeout=SIGNAL_TIMEOUT_MS):
        main_window.open_clients_button.click()
        main_window.stop_button.click()
    for _ in range(CLIENTS * 2):  # the turns the other windows would have opened in
        QCoreApplication.processEvents()
    assert len(main_window.client_windows) == 1
    note = main_window.many_clients.note
    assert note.isVisible() and note.text() == f"Opened 1 of {CLIENTS}: the server stopped."
    assert note.toolTip() == note.text()
    # The sentence does not widen the window (and narrow its docks): it wraps instead.
    assert main_window.minimumSizeHint().width() <= narrowest
    # Once the server is back, the note of what it did is gone; the next click opens them all.
    start_server(qtbot, main_window)
    assert not note.isVisible()
    with qtbot.waitSignal(main_window.many_clients.finished, timeout=SIGNAL_TIMEOUT_MS):
        main_window.open_clients_button.click()
    assert len(main_window.client_windows) == 1 + CLIENTS
    assert not note.isVisible()


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
    note = main_window.many_clients.note
    # (Said beside the button; the demo hides the person's controls while it runs.)
    assert not note.isHidden() and note.text() == (
        f"Opened 1 of {CLIENTS}: a demo started, with a server and clients of its own.")
    main_window.docks.demo_pane.end_button.click()


def test_a_dialog_waiting_for_an_answer_is_not_covered_by_windows_still_to_open(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """Reset settings asks first: the windows still to open wait for the answer rather
    than open over the question, where the person could no longer see it."""
    main_window.open_clients_spin.setValue(CLIENTS)
    question = QMessageBox(QMessageBox.Icon.Question, "Reset settings", "Forget everything?",
                           QMessageBox.StandardButton.Cancel, main_window)
    question.setWindowModality(Qt.WindowModality.ApplicationModal)
    main_window.open_clients_button.click()
    question.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is question,
                    timeout=SIGNAL_TIMEOUT_MS)
    opened_before_the_question = len(main_window.client_windows)
    for _ in range(CLIENTS * 2):  # the turns the other windows would have opened in
        QCoreApplication.processEvents()
    assert len(main_window.client_windows) == opened_before_the_question < CLIENTS
    assert main_window.many_clients.opening
    with qtbot.waitSignal(main_window.many_clients.finished, timeout=SIGNAL_TIMEOUT_MS):
        question.button(QMessageBox.StandardButton.Cancel).click()
    assert len(main_window.client_windows) == CLIENTS


def test_stopped_while_a_window_opens_it_finishes_once(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """A demo can start from inside a window's opening (a queued click runs there): the
    button gets its text back once, and whoever waits for the end hears of it once."""
    opener = main_window.many_clients
    main_window.open_clients_spin.setValue(CLIENTS)
    finishes: list[int] = []
    opener.finished.connect(lambda: finishes.append(len(main_window.client_windows)))
    opener.windowWanted.connect(
        lambda: len(main_window.client_windows) == 2 and opener.stop())
    with qtbot.waitSignal(opener.finished, timeout=SIGNAL_TIMEOUT_MS):
        main_window.open_clients_button.click()
    for _ in range(CLIENTS * 2):
        QCoreApplication.processEvents()
    assert finishes == [2]
    assert main_window.open_clients_button.isEnabled()
    assert main_window.open_clients_button.text() == "&Open clients and connect"
