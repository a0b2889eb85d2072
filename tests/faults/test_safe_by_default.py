"""Safe by default: the server listens on loopback unless the person chooses otherwise,
and then the window warns, with the addresses other computers would use.

No test listens on anything but loopback: the warning is checked as the address is typed.
"""

from __future__ import annotations

import socket

import pytest
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from netcore.config import ServerConfig
from netcore.exposure import addresses_others_would_use, only_this_computer

pytestmark = pytest.mark.faults


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.8.8", "::1", "localhost", "LocalHost",
                                  "::ffff:127.0.0.1"])
def test_loopback_addresses_reach_only_this_computer(host: str) -> None:
    assert only_this_computer(host) is True


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.7", "fd00::7"])
def test_other_addresses_may_reach_other_computers(host: str) -> None:
    assert only_this_computer(host) is False


def test_a_name_is_judged_once_it_is_looked_up() -> None:
    assert only_this_computer("example-host") is None


def test_a_wildcard_lists_this_computers_addresses_but_not_loopback() -> None:
    addresses = addresses_others_would_use("0.0.0.0")
    assert all(not only_this_computer(address) for address in addresses)
    assert addresses_others_would_use("192.0.2.7") == ["192.0.2.7"]


def test_the_server_listens_on_loopback_unless_told_otherwise(main_window: MainWindow) -> None:
    assert ServerConfig().host == "127.0.0.1"
    assert main_window.host_edit.text() == "127.0.0.1"
    assert main_window.server_config().host == "127.0.0.1"
    assert not main_window.exposure_label.isVisible()


def test_choosing_to_let_other_computers_connect_shows_a_warning_with_the_addresses(
        qtbot: QtBot, main_window: MainWindow) -> None:
    main_window.port_spin.setValue(9000)
    main_window.host_edit.setText("0.0.0.0")
    label = main_window.exposure_label
    assert label.isVisible()
    assert label.text().startswith("⚠ Other computers can connect to this server")
    addresses = addresses_others_would_use("0.0.0.0")
    if not addresses:
        assert "could not be listed" in label.text()
    for address in addresses:
        expected = f"[{address}]:9000" if ":" in address else f"{address}:9000"
        assert expected in label.text()
    main_window.host_edit.setText("127.0.0.1")
    assert not label.isVisible(), "back to this computer only: no warning"


def test_the_limits_are_set_in_the_window(main_window: MainWindow) -> None:
    config = main_window.server_config()
    assert (config.max_connections, config.max_queued_bytes) == (64, 8 * 1024 * 1024)
    main_window.max_connections_spin.setValue(10)
    main_window.queued_spin.setValue(2)
    config = main_window.server_config()
    assert (config.max_connections, config.max_queued_bytes) == (10, 2 * 1024 * 1024)


def test_a_name_that_means_this_computer_gets_no_warning_once_listening(
        qtbot: QtBot, main_window: MainWindow) -> None:
    name = socket.gethostname()
    try:
        looked_up = {info[4][0] for info in socket.getaddrinfo(name, None)}
    except OSError:
        looked_up = set()
    if not looked_up or not all(only_this_computer(address) for address in looked_up):
        pytest.skip(f"this computer's name {name!r} does not mean only this computer here")
    main_window.host_edit.setText(name)
    assert not main_window.exposure_label.isVisible(), "nothing is looked up while typing"
    main_window.port_spin.setValue(0)
    with qtbot.waitSignal(main_window.server.listening, timeout=5000):
        main_window.start_button.click()
    assert main_window.server.address is not None
    assert only_this_computer(main_window.server.address[0]) is True
    assert not main_window.exposure_label.isVisible()
    with qtbot.waitSignal(main_window.server.stopped, timeout=5000):
        main_window.stop_button.click()
