"""Remembered settings (gui/settings.py): what a person set is there at the next start, a
settings file full of nonsense starts the app with defaults, and Reset settings forgets it
all. Each test starts with no settings (tests/conftest.py keeps them in a folder of the
test run's own)."""

from __future__ import annotations


import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QMessageBox

from gui.main_window import MainWindow
from gui.settings import SETTINGS_FILE_VARIABLE, open_settings
from gui.server_form import DEFAULT_PORT
from netcore.config import DEFAULT_BACKLOG, Behaviour, ServerModel
from netcore.framing import Framing
from tests.gui.conftest import start_server


def start_again(qtbot: QtBot, windows: list[MainWindow]) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    windows.append(window)
    window.show()
    return window


def choose(combo, value) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(value))


def test_the_server_form_is_there_at_the_next_start(qtbot: QtBot, main_window: MainWindow,
                                                     next_start: list[MainWindow]) -> None:
    main_window.host_edit.setText("::1")
    main_window.port_spin.setValue(9123)
    choose(main_window.model_combo, ServerModel.SELECT)
    choose(main_window.behaviour_combo, Behaviour.UPPER)
    choose(main_window.framing_combo, Framing.LINES)
    main_window.backlog_spin.setValue(7)
    main_window.idle_spin.setValue(30)
    main_window.close()

    again = start_again(qtbot, next_start)
    assert again.host_edit.text() == "::1"
    assert again.port_spin.value() == 9123
    assert again.model_combo.currentData() is ServerModel.SELECT
    assert again.behaviour_combo.currentData() is Behaviour.UPPER
    assert again.framing_combo.currentData() is Framing.LINES
    assert again.backlog_spin.value() == 7
    assert again.idle_spin.value() == 30
    assert "one thread" in again.model_explanation.text().lower()  # explained as chosen


def test_the_text_size_and_the_docks_are_there_at_the_next_start(
        qtbot: QtBot, main_window: MainWindow, next_start: list[MainWindow]) -> None:
    main_window.text_size.larger()
    larger = main_window.text_size.scale
    main_window.kernel_dock.hide()
    call_flow_shown = main_window.call_flow_pane.isVisible()
    try:
        main_window.close()
        again = start_again(qtbot, next_start)
        assert again.text_size.scale == pytest.approx(larger, rel=0.01)
        assert not again.kernel_dock.isVisible()
        assert again.call_flow_pane.isVisible() == call_flow_shown
    finally:
        main_window.text_size.normal()  # the app's font is this process's, for every test


def test_a_client_window_opens_where_it_was_with_its_size(
        qtbot: QtBot, main_window: MainWindow, next_start: list[MainWindow]) -> None:
    """(The main window is remembered the same way, on a screen large enough for it:
    tests/gui/test_main_window_geometry.py.)"""
    client = main_window.open_client_window()
    width = client.minimumSizeHint().width() + 4  # a size of its own that fits this screen
    client.resize(width, 450)
    client.move(3, 90)
    qtbot.waitUntil(lambda: client.size().width() == width and client.pos().x() == 3)
    main_window.close()

    again = start_again(qtbot, next_start).open_client_window()
    assert again.size().toTuple() == (width, 450)
    assert again.pos().toTuple() == (3, 90)


def test_a_client_aimed_elsewhere_keeps_its_address_and_others_follow_the_server(
        qtbot: QtBot, main_window: MainWindow, next_start: list[MainWindow]) -> None:
    main_window.port_spin.setValue(9200)
    elsewhere = main_window.open_client_window()
    elsewhere.host_edit.setText("localhost")
    elsewhere.port_spin.setValue(9555)
    main_window.open_client_window()  # left aimed at the server
    main_window.close()

    again = start_again(qtbot, next_start)
    again.port_spin.setValue(9300)  # the server moved
    first, second = again.open_client_window(), again.open_client_window()
    assert (first.host_edit.text(), first.port_spin.value()) == ("localhost", 9555)
    assert (second.host_edit.text(), second.port_spin.value()) == ("127.0.0.1", 9300)


def test_reset_settings_asks_then_forgets_everything(qtbot: QtBot, main_window: MainWindow,
                                                     next_start: list[MainWindow],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    main_window.port_spin.setValue(9123)
    main_window.backlog_spin.setValue(3)
    main_window.text_size.larger()
    answers = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: answers[0])
    main_window.reset_settings_action.trigger()
    assert main_window.port_spin.value() == 9123  # cancelled: nothing changed

    answers[0] = QMessageBox.StandardButton.Reset
    main_window.reset_settings_action.trigger()
    assert main_window.port_spin.value() == DEFAULT_PORT
    assert main_window.backlog_spin.value() == DEFAULT_BACKLOG
    assert main_window.text_size.scale == pytest.approx(1.0)
    assert open_settings().allKeys() == []

    main_window.port_spin.setValue(0)  # this window's own choice after the reset is kept
    main_window.close()
    assert start_again(qtbot, next_start).port_spin.value() == 0


def test_reset_settings_waits_while_a_server_runs(qtbot: QtBot,
                                                  main_window: MainWindow) -> None:
    """The form shows the settings the server runs with; it cannot change under it."""
    assert main_window.reset_settings_action.isEnabled()
    start_server(qtbot, main_window)
    assert not main_window.reset_settings_action.isEnabled()
    main_window.stop_server()
    qtbot.waitUntil(lambda: main_window.reset_settings_action.isEnabled(), timeout=5000)


def test_a_settings_file_full_of_nonsense_starts_the_app_with_defaults(
        qtbot: QtBot, next_start: list[MainWindow]) -> None:
    settings = open_settings()
    for key, value in {"server/host": "", "server/port": "ninety", "server/backlog": 10**9,
                       "server/model": "fork-bomb", "server/behaviour": 3,
                       "server/framing": "<b>html</b>", "server/idleSeconds": -5,
                       "view/textScale": "huge", "mainWindow/geometry": "not a geometry",
                       "mainWindow/docks": 12, "clients/1/host": "x" * 300,
                       "clients/1/port": 70000, "view/language": ["zh_CN", "en"],
                       "server/queuedMiB": ["1", "2"]}.items():
        settings.setValue(key, value)
    settings.sync()

    window = start_again(qtbot, next_start)
    assert window.host_edit.text() == "127.0.0.1"
    assert window.port_spin.value() == DEFAULT_PORT
    assert window.backlog_spin.value() == DEFAULT_BACKLOG
    assert window.model_combo.currentData() is ServerModel.THREAD
    assert window.behaviour_combo.currentData() is Behaviour.ECHO
    assert window.framing_combo.currentData() is Framing.NONE
    assert window.text_size.scale == pytest.approx(1.0)
    client = window.open_client_window()
    assert (client.host_edit.text(), client.port_spin.value()) == ("127.0.0.1", DEFAULT_PORT)


def test_any_free_port_is_remembered_as_any_not_as_the_one_picked(
        qtbot: QtBot, main_window: MainWindow, next_start: list[MainWindow]) -> None:
    port = start_server(qtbot, main_window)  # the fixture asks for port 0
    assert main_window.port_spin.value() == port  # the window shows the one picked
    main_window.close()
    assert start_again(qtbot, next_start).port_spin.value() == 0


def test_settings_are_kept_in_the_file_the_environment_names(
        qtbot: QtBot, main_window: MainWindow, next_start: list[MainWindow],
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """How the tests and benchmarks keep a person's settings out of their runs."""
    elsewhere = tmp_path / "classroom.ini"
    monkeypatch.setenv(SETTINGS_FILE_VARIABLE, str(elsewhere))
    main_window.port_spin.setValue(9444)
    main_window.close()
    assert "port=9444" in elsewhere.read_text()
    assert start_again(qtbot, next_start).port_spin.value() == 9444


def test_a_demo_s_clients_leave_no_address_behind(qtbot: QtBot, main_window: MainWindow,
                                                   next_start: list[MainWindow]) -> None:
    """A demo aims its clients at its own server: the next client 1 must not dial it."""
    demo_client = main_window.open_client_window()
    demo_client.aim_at("127.0.0.1", 41234)  # as gui/demos/context.py does
    main_window.close()
    again = start_again(qtbot, next_start)
    again.port_spin.setValue(9300)
    assert again.open_client_window().port_spin.value() == 9300


def test_a_client_opened_for_any_port_is_not_remembered_as_aimed_elsewhere(
        qtbot: QtBot, main_window: MainWindow, next_start: list[MainWindow]) -> None:
    """Port 0 in the server's form: the client's field shows a usable port instead."""
    assert main_window.port_spin.value() == 0  # the fixture's
    main_window.open_client_window()
    main_window.close()
    again = start_again(qtbot, next_start)
    again.port_spin.setValue(9300)
    assert again.open_client_window().port_spin.value() == 9300


def test_open_clients_and_connect_dials_the_running_server_whatever_was_remembered(
        qtbot: QtBot, main_window: MainWindow, next_start: list[MainWindow]) -> None:
    elsewhere = main_window.open_client_window()
    elsewhere.aim_at("127.0.0.1", 9555)
    elsewhere.port_spin.setValue(9556)  # the user's own choice: remembered
    main_window.close()
    again = start_again(qtbot, next_start)
    again.port_spin.setValue(0)
    port = start_server(qtbot, again)
    again.open_clients_spin.setValue(1)
    again.open_clients_button.click()
    client = again.client_windows[-1]
    assert client.port_spin.value() == port
    qtbot.waitUntil(lambda: client.controller.local_port is not None, timeout=5000)


def test_a_new_window_dials_the_running_server_and_keeps_what_it_remembered_for_later(
        qtbot: QtBot, main_window: MainWindow, next_start: list[MainWindow]) -> None:
    """Ctrl+N with the server running opened Client 1 aimed where it was last time, and
    its Connect said nothing listened there, with the server running."""
    elsewhere = main_window.open_client_window()
    elsewhere.port_spin.setValue(9556)  # the person's own choice: remembered
    main_window.close()
    again = start_again(qtbot, next_start)
    again.port_spin.setValue(0)
    port = start_server(qtbot, again)
    again.new_client_action.trigger()  # Ctrl+N
    client = again.client_windows[-1]
    assert (client.host_edit.text(), client.port_spin.value()) == ("127.0.0.1", port)
    again.close()  # (the window closed as the app aimed it, unused)
    later = start_again(qtbot, next_start)  # no server running this time
    assert later.open_client_window().port_spin.value() == 9556
    # Used with the running server, what it remembered was an old server's: it goes.
    later.close()
    last = start_again(qtbot, next_start)
    last.port_spin.setValue(0)
    port = start_server(qtbot, last)
    client = last.open_client_window()
    client.connect_button.click()
    qtbot.waitUntil(lambda: client.controller.local_port is not None, timeout=5000)
    last.close()
    assert start_again(qtbot, next_start).open_client_window().port_spin.value() != 9556


def test_only_a_persons_first_client_windows_are_remembered(
        qtbot: QtBot, main_window: MainWindow) -> None:
    from gui.client_row import MAX_REMEMBERED_CLIENTS
    from gui.settings import open_settings
    clients = [main_window.open_client_window() for _ in range(MAX_REMEMBERED_CLIENTS + 2)]
    clients[0].remembered = False  # as a demo's window is
    for client in clients:
        client.close()
    kept = open_settings()
    kept.beginGroup("clients")
    numbers = sorted(int(group) for group in kept.childGroups())
    assert numbers == list(range(2, MAX_REMEMBERED_CLIENTS + 1))
